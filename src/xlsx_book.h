/*
 * xlsx_book.h - shared state of the workbook writer (xlsx_book.c and the
 * xlsx_*.c sheet writers). Private to the writer: only these files include
 * xlsxwriter.h.
 *
 * Sheets are created up front in their display order and filled in
 * dependency order (Inputs, Projection, Burn, Commitments, Checks, Summary):
 * each writer records where its cells went so later sheets can reference
 * them.
 */
#ifndef CAPEX_XLSX_BOOK_H
#define CAPEX_XLSX_BOOK_H

#include <stddef.h>
#include <xlsxwriter.h>

#include "result.h"
#include "xlsx.h"

/* Sheet names (ASCII, no quoting needed in formulas). */
#define XB_SUMMARY     "Summary"
#define XB_INPUTS      "Inputs"
#define XB_PROJECTION  "Projection"
#define XB_BURN        "Burn"
#define XB_COMMITMENTS "Commitments"
#define XB_CHECKS      "Checks"
#define XB_VALUATION   "Valuation"
#define XB_SCENARIOS   "Scenarios"
#define XB_SENSITIVITY "Sensitivity"
#define XB_MONTECARLO  "MonteCarlo"
#define XB_DEPRECIATION "Depreciation"
#define XB_ANNUAL      "Annual"

/* Projection, Burn and Commitments put year t in column XB_YEAR0 + t. */
#define XB_YEAR0 3

/* Inputs: figures table columns. */
enum { XB_FIG_SERIES, XB_FIG_LABEL, XB_FIG_YEAR, XB_FIG_TEXT, XB_FIG_KIND,
       XB_FIG_LOW, XB_FIG_BASE, XB_FIG_HIGH, XB_FIG_UNIT, XB_FIG_SOURCE };

/* Inputs: drivers table columns (rates run from XB_DRV_RATES on). */
enum { XB_DRV_SERIES, XB_DRV_METHOD, XB_DRV_RATE, XB_DRV_FROM, XB_DRV_TO,
       XB_DRV_OVER, XB_DRV_WFROM, XB_DRV_WTO, XB_DRV_WCAGR, XB_DRV_NOTE,
       XB_DRV_RATES };

/* Inputs: constants table columns (the source shares the figures' wide
 * Source column). */
enum { XB_CON_NAME, XB_CON_LABEL, XB_CON_TEXT, XB_CON_VALUE, XB_CON_UNIT,
       XB_CON_SOURCE = XB_FIG_SOURCE };

/* Inputs: commitments table columns; the note spans XB_CMT_NOTE..
 * XB_CMT_NOTE_END (merged), the source is in the wide Source column. */
enum { XB_CMT_NAME, XB_CMT_TOTAL, XB_CMT_START, XB_CMT_YEARS, XB_CMT_NOTE,
       XB_CMT_NOTE_END = XB_FIG_UNIT, XB_CMT_SOURCE = XB_FIG_SOURCE };

/* Inputs: width (characters) of the wrapped Source / How column. */
#define XB_SOURCE_WIDTH 60

/* Burn sheet rows (0-based) and the figures block (values in column B). */
enum { XB_BURN_HEADER = 2, XB_BURN_REVENUE, XB_BURN_COSTS, XB_BURN_NET,
       XB_BURN_CUM, XB_BURN_NONNEG, XB_BURN_PAIDBACK,
       XB_BURN_FIGURES = 10, XB_BURN_PEAK, XB_BURN_PEAK_YEAR,
       XB_BURN_BREAK_EVEN, XB_BURN_PAYBACK, XB_BURN_TOTAL };
#define XB_BURN_VALUE_COL 1
/* A monthly or quarterly model's Burn row of period starts (fractional
 * fiscal years), below the flags. */
#define XB_BURN_START (XB_BURN_PAIDBACK + 1)
/* Words in Burn's figure cells where there is no year (Summary repeats them). */
#define XB_NOT_WITHIN  "not within horizon"
#define XB_NO_BURN     "no burn within horizon"
#define XB_NO_PAYBACK  "nothing to pay back"
#define XB_BURNING     "burning from the start"
#define XB_NOT_FUNDED  "no (still burning)"

/* Valuation: the figures' rows (0-based), values in column XB_VAL_COL. */
enum { XB_VAL_NPV = 13, XB_VAL_NPV0, XB_VAL_XNPV, XB_VAL_IRR, XB_VAL_XIRR };
#define XB_VAL_COL 1

/* Checks sheet columns; results start below the header row. */
enum { XB_CHK_CHECK, XB_CHK_PERIOD, XB_CHK_STATED, XB_CHK_LOW, XB_CHK_BASE,
       XB_CHK_HIGH, XB_CHK_COMPUTED, XB_CHK_DIFF, XB_CHK_TOL, XB_CHK_STATUS,
       XB_CHK_MESSAGE, XB_CHK_LABEL, XB_CHK_SOURCE };
#define XB_CHK_HEADER 2

/* Cell style flags, combined with a number format by xb_fmt. */
enum {
    XB_BOLD      = 1u << 0,
    XB_ITALIC    = 1u << 1,
    XB_GREY      = 1u << 2,   /* grey font: interpolated */
    XB_INPUT     = 1u << 3,   /* blue font, light yellow fill */
    XB_PROJ      = 1u << 4,   /* light blue fill: projected */
    XB_HEADER    = 1u << 5,   /* bold, bottom border, grey fill */
    XB_TITLE     = 1u << 6,   /* bold, 16 pt */
    XB_SECTION   = 1u << 7,   /* bold, 12 pt */
    XB_WRAP      = 1u << 8,
    XB_DERIVED   = 1u << 9,   /* bold: sums */
    XB_CENTER    = 1u << 10,
    XB_NOTE      = 1u << 11,  /* small grey italic text */
    XB_WARN      = 1u << 12,  /* light red fill, dark red font */
    XB_PASS      = 1u << 13,  /* light green fill, dark green font */
    XB_TOP       = 1u << 14,  /* vertically top-aligned */
    XB_RIGHT     = 1u << 15   /* right-aligned: text among figures */
};

typedef struct xb_format {
    char *numfmt;             /* NULL = General */
    unsigned flags;
    lxw_format *format;
} xb_format;

/** A growing string for formulas and labels (never truncated). */
typedef struct xb_str {
    char *s;
    size_t len, cap;
    int failed;               /* an allocation failed */
} xb_str;

/* Depreciation: one block of rows per entry (xlsx_depreciation.c); -1 for
 * rows an entry does not have (opening PP&E). */
typedef struct xb_dep_rows {
    int top;                  /* title */
    int offset, syd, rate, kend;  /* the rule's helper cells (column B) */
    int khead, len, u, g;     /* the profile by years after purchase */
    int yhead, opening, vint0, total;   /* the waterfall */
    int gstart, gcapex, gretp, greto, gend;   /* gross PP&E */
    int astart, ada, aret, aend, net, ratio;  /* accumulated, net */
    int exceed;               /* the year where D&A >= share of capex, or "" */
    int in_share;             /* Inputs row of share_of_capex, -1 */
    int chart, end;           /* chart rows; the next block's top */
} xb_dep_rows;

/* Inputs: a depreciation entry's parameters, rows below its first. */
enum { XB_DEPIN_LIFE, XB_DEPIN_METHOD, XB_DEPIN_CONVENTION, XB_DEPIN_SALVAGE,
       XB_DEPIN_RATE, XB_DEPIN_GROSS, XB_DEPIN_NET, XB_DEPIN_REMAINING };
#define XB_DEPIN_VALUE 2      /* column of the values */

typedef struct xlsx_book {
    const cx_result *r;
    const cx_model *m;
    lxw_workbook *wb;
    lxw_worksheet *summary, *inputs, *proj, *burn, *commit, *valuation, *checks;
    lxw_worksheet *scen, *sens, *mc;   /* extras (xlsx.h), NULL when absent */
    lxw_worksheet *dep;       /* Depreciation, NULL without entries */
    lxw_worksheet *annual;    /* Annual: monthly or quarterly models only */
    const run_extras *x;              /* never NULL */
    lxw_error err;            /* first libxlsxwriter failure */
    int nomem;                /* an allocation of ours failed */

    xb_format *fmts; size_t nfmts, capfmts;
    char *money_numfmt;       /* "\"$\"#,##0.0\"B\"" */
    char **snumfmt;           /* [nseries] CX_U_OTHER formats, else NULL */

    /* Inputs */
    int *fig_row;             /* [nseries * nyears] row of a stated figure, -1 */
    int *drv_row;             /* [nseries] row of the driver in effect, -1 */
    char **drv_name;          /* [nseries] "drv_capex_google" or NULL */
    int *cmt_row;             /* [ncommitments] */
    int *con_row;             /* [nconstants] row of the constant, -1 */
    /* Projection */
    int year_row;             /* header row holding the years */
    int *val_row, *rate_row;  /* [nseries], -1 when absent */
    int *yoy_row;             /* [nseries], -1 when no year has a YoY */
    int *chart_row;           /* [nseries] history row (projection row + 1); -1 no
                                 chart, -2 left out of a full chart (xlsx_charts.c) */
    int yoy_head, chart_head; /* section title rows */
    /* Commitments */
    int cmt_total_row, cmt_sum_col;  /* total row; column of in-horizon sums */
    /* Burn figure rows below B16 that Summary refers to (-1: absent). */
    int burn_be_frac_row, burn_runway_row, burn_runout_row, burn_gap_row,
        burn_alive_row, burn_tn_row, burn_trough_row, burn_funded_row;
    int burn_cash_row;        /* Burn's cash at each period end, -1 */
    int annual_net_row, annual_cash_row;   /* Annual's burn rows, -1 */
    /* Checks */
    int chk_first, chk_last;  /* rows of the first / last result, last < first when none */
    /* Depreciation */
    int *dep_in_row;          /* [ndepreciations] Inputs row of the life */
    xb_dep_rows *dep_rows;    /* [ndepreciations] */
    /* Scenario switch (xlsx_scenario_switch.c) */
    int sw_on;                /* the selector `scenario` is written */
    size_t sw_n;              /* scenarios it lists: base + the named ones */
    int sw_names_row;         /* Inputs row of their names (XB_SW_COL0 on) */
    int *sw_par;              /* [nseries * XB_SWP_N] Inputs rows, -1; NULL when off */
    int *sw_dep;              /* [ndepreciations] Inputs row of a switched
                                 entry's life, -1; NULL when off */
    const char *sw_why;       /* static: why a model with scenarios has none */
    const char *sw_why_name;  /* the series or entry it names, NULL */
} xlsx_book;

/* Inputs: the scenario selector (row, column) and the by-scenario block's
 * first scenario column (base; the named scenarios follow in model order). */
#define XB_SW_ROW 2
#define XB_SW_COL 1
#define XB_SW_COL0 2
/* Parameter rows of a switched series (XB_SWP_RATES: the first of its rates). */
enum { XB_SWP_METHOD, XB_SWP_RATE, XB_SWP_TO, XB_SWP_OVER, XB_SWP_HYEARS,
       XB_SWP_FYEARS, XB_SWP_WFROM, XB_SWP_WTO, XB_SWP_WCAGR, XB_SWP_RATES,
       XB_SWP_N };

/* xlsx_scenario_switch.c */
/** Decide whether the workbook gets the selector (every overridden driver
 *  chained, every depreciation override differing only in its rule) and
 *  allocate its rows; -1 when out of memory. */
int xb_plan_switch(xlsx_book *b);
/** The selector on Inputs and, from row, the by-scenario block; returns the
 *  next free row (row itself when there is no selector). */
int xb_write_switch(xlsx_book *b, int row);
/** Nonzero when series s / depreciation entry d changes with the selector. */
int xb_switch_series(const xlsx_book *b, size_t s);
int xb_switch_dep(const xlsx_book *b, size_t d);
/** Projection: the rate of projected year index t of a switched series,
 *  =CHOOSE(MATCH(scenario,scenario_names,0),rate under base,...). */
void xb_switch_rate(xlsx_book *b, size_t s, int t, xb_str *f);
/** Projection: the method of switched series s, =INDEX(its method row,...). */
void xb_switch_method(xlsx_book *b, size_t s, xb_str *f);
/** Inputs: =INDEX(row of entry d's parameter which,1,MATCH(...)). */
void xb_switch_dep_pick(xlsx_book *b, size_t d, int which, xb_str *f);

/* xlsx_periods.c: periods of a monthly or quarterly model (xb_sub). */
/** Nonzero for a monthly or quarterly model. */
int xb_sub(const xlsx_book *b);
/** Header cell of period index t: the year (a number) in an annual model,
 *  else the period's title ("Mar 2026", "Q1 FY25") as text. */
void xb_period_head(xlsx_book *b, lxw_worksheet *ws, int row, int col, int t);
/** Period number p (the engine's year figures) as text: "2027", "Mar 2027". */
const char *xb_number_title(const xlsx_book *b, int p, char *buf, size_t n);
/** A cell holding period number p: a year (number, format "0") in an
 *  annual model, else its title (text); flags as xb_fmt's. */
void xb_period_cell(xlsx_book *b, lxw_worksheet *ws, int row, int col, int p,
                    unsigned flags);
/** Start of period index t as a fractional fiscal year (2026.25 for the
 *  second quarter of FY2026); the year itself in an annual model. */
double xb_period_start(const xlsx_book *b, int t);
/** A fractional period number as a fractional fiscal year (period.h). */
double xb_fraction_year(const xlsx_book *b, double x);
/** Rate formula f ("=drv_x_rate") of series s as the rate the engine
 *  applies in one period: "=(1+drv_x_rate)^(1/12)-1" from the driver's
 *  unit (`per`, a year by default) to the model's period; unchanged when
 *  they are the same. */
void xb_convert_rate(const xlsx_book *b, size_t s, xb_str *f);
/** "month", "quarter" or "year". */
const char *xb_per_word(const xlsx_book *b);
/** text in a monthly or quarterly model's words: "year" as "month" (or
 *  "quarter", "Year" as "Month"), "fractional year" as "fractional fiscal year" (into out);
 *  text itself in an annual model. */
const char *xb_period_words(const xlsx_book *b, const char *text, xb_str *out);
/** A monthly or quarterly sheet with its periods from column XB_YEAR0
 *  (Projection, Burn, Commitments): printed twelve periods a page across,
 *  columns A..C repeated on each (after xb_page_setup). */
void xb_period_print(xlsx_book *b, lxw_worksheet *ws);
/** The period indices *a..*z of the first and last stated periods in
 *  trend series s's window (the engine's fitted points, model/
 *  compute_series.c); nonzero when all the periods between are stated
 *  and fitted (one range of cells holds them). */
int xb_trend_window(const xlsx_book *b, size_t s, int *a, int *z);
/** "Month", "Quarter" or "Year": a chart's category axis. */
const char *xb_axis_word(const xlsx_book *b);

/* xlsx_formula.c */
/** The cell formula of derived series s in year index t into f
 *  ("=IFERROR(E12-E15,\"\")"); 0 when the year's cell is left blank
 *  (an input has no value, a lag reaches before the first year) or the
 *  formula would be too long. */
int xb_derived_formula(xlsx_book *b, size_t s, int t, xb_str *f);

/* xlsx_formats.c */
int xb_formats_init(xlsx_book *b);
void xb_formats_release(xlsx_book *b);
/** The (cached) format for a number format (NULL = General) and flags. */
lxw_format *xb_fmt(xlsx_book *b, const char *numfmt, unsigned flags);
/** Number format of a unit (CX_U_OTHER: plain). Points into the book or
 *  is static. */
const char *xb_unit_numfmt(const xlsx_book *b, cx_unit unit);
/** Number format of series s (CX_U_OTHER: with its unit text). */
const char *xb_series_numfmt(const xlsx_book *b, size_t s);
/** Short unit text for a Unit column: "USD B", "%", "x", "GW". */
void xb_unit_label(const xlsx_book *b, cx_unit unit, const char *unit_text,
                   xb_str *out);
#define XB_FMT_YEAR  "0"
#define XB_FMT_RATIO "0.0%"
#define XB_FMT_RATE  "0.00%"
#define XB_FMT_MULT  "0.00\"\xC3\x97\""
#define XB_FMT_PLAIN "#,##0.0##"

/* xlsx_cells.c */
void xs_init(xb_str *s);
void xs_release(xb_str *s);
void xs_clear(xb_str *s);
void xs_printf(xb_str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Append a cell reference: "D5", "$D$5", "Inputs!$G$12" (sheet NULL =
 *  same sheet). abs: bit 1 = absolute column, bit 2 = absolute row. */
void xs_ref(xb_str *s, const char *sheet, int row, int col, unsigned abs);
#define XB_ABS_COL 1u
#define XB_ABS_ROW 2u
#define XB_ABS (XB_ABS_COL | XB_ABS_ROW)
/** Append "D5:H5" (relative). */
void xs_range(xb_str *s, const char *sheet, int r1, int c1, int r2, int c2,
              unsigned abs);
/** Append tmpl with each '@' replaced by a reference to the same sheet:
 *  the next three arguments (int row, int col, unsigned abs) as xs_ref's.
 *  xs_refs(f, "=@-@", r, 3, 0u, r, 4, 0u) appends "=D5-E5" (r = 4). */
void xs_refs(xb_str *s, const char *tmpl, ...);
/** Append a number so that it reads back as the same double. */
void xs_num(xb_str *s, double v);
const char *xs_get(const xb_str *s);

/* Cell writers: record the first failure in b->err and carry on. Text from
 * the model always goes through xb_text (a string cell, never a formula). */
void xb_text(xlsx_book *b, lxw_worksheet *ws, int row, int col,
             const char *text, lxw_format *f);
void xb_num(xlsx_book *b, lxw_worksheet *ws, int row, int col, double v,
            lxw_format *f);
/** A formula with its cached numeric result (NAN/inf: written as "" cache). */
void xb_formula(xlsx_book *b, lxw_worksheet *ws, int row, int col,
                xb_str *formula, lxw_format *f, double cached);
void xb_formula_text(xlsx_book *b, lxw_worksheet *ws, int row, int col,
                     xb_str *formula, lxw_format *f, const char *cached);
void xb_blank(xlsx_book *b, lxw_worksheet *ws, int row, int col, lxw_format *f);
void xb_check(xlsx_book *b, lxw_error e);
void xb_widths(xlsx_book *b, lxw_worksheet *ws, const double *w, size_t n);
/** Landscape, fit to one page wide, header/footer with the model name. */
void xb_page_setup(xlsx_book *b, lxw_worksheet *ws, const char *what);
/* Page breaks between blocks, none inside a chart (xlsx_pages.c); call
 * when the sheet is complete. */
void xb_paginate(xlsx_book *b, lxw_worksheet *ws);
/** Lines that text takes when wrapped in a cell width characters wide
 *  (column width units) at a font size of pt points: an estimate (wide
 *  CJK characters count double; sized for the wider fonts that stand in
 *  for Calibri). At least 1. */
int xb_text_lines(const char *text, double width, double pt);
/** Height in points of a row holding text wrapped that way; 0 when the
 *  text takes one line (the default height does). Neither Excel nor
 *  LibreOffice is relied on to size rows of wrapped text. */
double xb_text_height(const char *text, double width, double pt);
/** Set row's height when height > 0. */
void xb_row_height(xlsx_book *b, lxw_worksheet *ws, int row, double height);
/** Merge row's columns c1..c2 into one cell holding text (a string cell). */
void xb_merged_text(xlsx_book *b, lxw_worksheet *ws, int row, int c1, int c2,
                    const char *text, lxw_format *f);
/** Label of a series: its label, else its name. */
const char *xb_series_label(const cx_series *s);
/** Row of series s's figure in year index t on Inputs, -1 when none. */
int xb_fig_row(const xlsx_book *b, size_t s, int t);
/** Append the reference to series s's value in year index t: the
 *  Projection cell (sheet NULL when writing on Projection). */
void xs_value_ref(xlsx_book *b, xb_str *f, const char *sheet, size_t s, int t,
                  unsigned abs);
int xb_finite(double v);

/* Sheet writers. xb_plan_projection decides the Projection rows first
 * (Inputs refers to them); it only fills arrays already allocated. */
int xb_plan_projection(xlsx_book *b);
void xb_write_inputs(xlsx_book *b);
void xb_write_projection(xlsx_book *b);
void xb_write_burn(xlsx_book *b);
void xb_write_commitments(xlsx_book *b);
void xb_write_checks(xlsx_book *b);
void xb_write_valuation(xlsx_book *b);   /* xlsx_valuation.c */
void xb_write_scenarios(xlsx_book *b);   /* xlsx_scenarios.c */
void xb_write_sensitivity(xlsx_book *b); /* xlsx_sensitivity.c */
void xb_write_montecarlo(xlsx_book *b);  /* xlsx_montecarlo.c */
void xb_write_summary(xlsx_book *b);
void xb_write_annual(xlsx_book *b);      /* xlsx_annual.c */
/* xlsx_depreciation.c: rows planned before Projection refers to them. */
int xb_plan_depreciation(xlsx_book *b);
void xb_write_depreciation(xlsx_book *b);
/** Append to f the Depreciation cell that depreciation series s takes in
 *  year index t; 0 when there is none. */
int xb_dep_value_ref(const xlsx_book *b, size_t s, int t, xb_str *f);

/* xlsx_charts.c */
/** Drop the chart rows (chart_row[s] = -1) of the series of every metric
 *  chart with no series of two or more values: that chart is not drawn.
 *  Called by xb_plan_projection with chart_row[s] >= 0 for candidates. */
void xb_plan_charts(xlsx_book *b);
void xb_chart_metrics(xlsx_book *b, lxw_worksheet *ws, int row, int col,
                      int *next_row);
#define XB_ROW_PT 15.75    /* every row's default height: 21 pixels */
#define XB_CHART_ROWS 16   /* rows from one chart to the next below it */
/** Title a chart "<what><of> (<money unit>)" (of may be NULL), bold, 12 pt. */
void xb_chart_money_title(xlsx_book *b, lxw_chart *chart, const char *what,
                          const char *of);
lxw_chart *xb_chart_burn(xlsx_book *b);
lxw_chart *xb_chart_cash(xlsx_book *b, int cash_row);
lxw_chart *xb_chart_commitments(xlsx_book *b);
/** Capex against D&A of depreciation entry d (its Depreciation rows). */
lxw_chart *xb_chart_depreciation(xlsx_book *b, size_t d);
/** Insert a column chart (burn, commitments) at XB_WIDE_CHART times the
 *  default width, so that its title fits on one line. */
/* A chart of the default size to the right of a wide one at (row, col). */
void xb_insert_beside_wide(xlsx_book *b, lxw_worksheet *ws, int row, int col,
                           lxw_chart *chart);
void xb_insert_wide_chart(xlsx_book *b, lxw_worksheet *ws, int row, int col,
                          lxw_chart *chart);
#define XB_WIDE_CHART 1.4
/** The column a sheet's charts start in: A, or in a monthly or quarterly
 *  sheet printed with columns A..C repeated on every page (xb_period_print)
 *  the first period's, so the repeated columns carry no piece of a chart
 *  onto the next pages; a second chart then goes below the first. */
int xb_chart_col(const xlsx_book *b);

#endif
