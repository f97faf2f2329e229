/*
 * xlsx_burn.c - the Burn sheet: revenue, costs, net cash flow, cumulative
 * burn and the flags that locate break-even and payback, then the burn
 * figures in column B (rows XB_BURN_PEAK..XB_BURN_TOTAL, then the
 * fractional years and, with cash, the funding figures), the funding rows
 * by year (gross and net burn, commitments, raises, cash, and the helper
 * rows that locate each fractional crossing), the raises and the goal seek
 * results. The layout below XB_BURN_TOTAL depends on the model: see
 * _plan and docs/workbook.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "xlsx_book.h"

#define FMT_FRAC_YEAR "0.00"
#define FMT_MONTHS    "0.0"
#define NOT_WITHIN    XB_NOT_WITHIN
#define LASTS         "lasts the horizon"

/* Rows of everything below the fixed block (-1: not on this sheet). */
typedef struct _rows {
    int be_frac, pb_frac;                 /* B17, B18 */
    int tn_frac, tn_year, trough, trough_year, funded;  /* whatever the sign */
    int cash_in, runway, runout, gap, alive, margin;   /* with cash */
    int by_year;                          /* section title */
    int gross, net_burn, commit, raises, cash, runs_out, be_cross, pb_cross, tn_cross;
    int raise_head, raise0;               /* raises table */
    int goal_head, goal0;                 /* goal seek block */
    int end;                              /* first free row */
} _rows;

/* Columns of the first and last burn year. */
static int _c0(const xlsx_book *b)
{
    return XB_YEAR0 + (b->r->burn.first_year - b->m->first_year);
}

static int _c1(const xlsx_book *b)
{
    return _c0(b) + (int)b->r->burn.n - 1;
}

static int _next(int *row)
{
    return (*row)++;
}

/* A monthly or quarterly model has, below the flags, the row of each
 * period's start as a fractional fiscal year (2026.25): the crossings
 * interpolate on it, as an annual model's do on its header of years. */
#define START_ROW XB_BURN_START

static int _yr(const xlsx_book *b)
{
    return xb_sub(b) ? START_ROW : XB_BURN_HEADER;
}

/* "/12": a fraction of a period as a fraction of a year (nothing when
 * the periods are years). */
static void _per_div(const xlsx_book *b, xb_str *f)
{
    if (xb_sub(b))
        xs_printf(f, "/%d", b->m->cal.per_year);
}

/* A fractional period number as the sheet shows it: a fractional
 * (fiscal) year. */
static double _frac(const xlsx_book *b, double x)
{
    return xb_fraction_year(b, x);
}

static void _plan(const xlsx_book *b, _rows *w)
{
    const cx_funding *fu = &b->r->burn.funding;
    const cx_burn_spec *sp = &b->m->burn;
    int row = XB_BURN_TOTAL + 1;
    *w = (_rows){.cash_in = -1, .runway = -1, .runout = -1, .gap = -1, .alive = -1,
                 .margin = -1, .gross = -1, .commit = -1, .raises = -1, .cash = -1,
                 .runs_out = -1, .raise_head = -1, .raise0 = -1, .goal_head = -1,
                 .goal0 = -1};
    w->be_frac = _next(&row);
    w->pb_frac = _next(&row);
    w->tn_frac = _next(&row);
    w->tn_year = _next(&row);
    w->trough = _next(&row);
    w->trough_year = _next(&row);
    w->funded = _next(&row);
    if (fu->has_cash) {
        w->cash_in = _next(&row);
        w->runway = _next(&row);
        w->runout = _next(&row);
        w->gap = _next(&row);
        w->alive = _next(&row);
        w->margin = _next(&row);
    }
    row++;
    w->by_year = _next(&row);
    if (fu->gross_burn)
        w->gross = _next(&row);
    w->net_burn = _next(&row);
    if (fu->commitments)
        w->commit = _next(&row);
    if (fu->has_cash && sp->nraises)
        w->raises = _next(&row);
    if (fu->has_cash) {
        w->cash = _next(&row);
        w->runs_out = _next(&row);
    }
    w->be_cross = _next(&row);
    w->pb_cross = _next(&row);
    w->tn_cross = _next(&row);
    if (fu->has_cash && sp->nraises) {
        row++;
        w->raise_head = _next(&row);
        w->raise0 = row;
        row += (int)sp->nraises;
    }
    if (b->r->ngoals) {
        row++;
        w->goal_head = _next(&row);
        w->goal0 = ++row;          /* a row for the column headers */
        row += (int)b->r->ngoals + 1;
    }
    w->end = row;
}

/* The Commitments sheet's total row: written after this sheet, at a row
 * fixed by its layout (xlsx_commitments.c: header row 2, one row per
 * commitment from row 3, then the total). */
static int _cmt_total_row(const xlsx_book *b)
{
    return 3 + (int)b->m->ncommitments;
}

/* The net's row label: the burn's `label` with a capital first letter
 * ("Free cash flow"), else "Net cash flow". Uses (and clears) tmp. */
static const char *_net_label(const xlsx_book *b, xb_str *tmp)
{
    const char *l = b->m->burn.label;
    if (!l)
        return "Net cash flow";
    xs_clear(tmp);
    xs_printf(tmp, "%s", l);
    if (tmp->s && tmp->s[0] >= 'a' && tmp->s[0] <= 'z')
        tmp->s[0] = (char)(tmp->s[0] - 'a' + 'A');
    return xs_get(tmp);
}

static void _labels(xlsx_book *b)
{
    static const struct { int row; const char *label; } rows[] = {
        {XB_BURN_REVENUE, "Revenue"}, {XB_BURN_COSTS, "Costs"},
        {XB_BURN_NET, "Net cash flow"}, {XB_BURN_CUM, "Cumulative"},
        {XB_BURN_NONNEG, "net \xE2\x89\xA5 0 after a burn (1 = yes)"},
        {XB_BURN_PAIDBACK, "paid back (1 = yes)"},
    };
    lxw_worksheet *ws = b->burn;
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    xb_text(b, ws, XB_BURN_HEADER, 0, "Cash flow", h);
    xb_text(b, ws, XB_BURN_HEADER, 1, "Unit", h);
    xb_text(b, ws, XB_BURN_HEADER, 2, "Series", h);
    for (int c = _c0(b); c <= _c1(b); c++)
        xb_period_head(b, ws, XB_BURN_HEADER, c, c - XB_YEAR0);
    if (xb_sub(b)) {
        xb_text(b, ws, START_ROW, 0, "period starts (fiscal year)", xb_fmt(b, NULL, XB_NOTE));
        for (int c = _c0(b); c <= _c1(b); c++)
            xb_num(b, ws, START_ROW, c, xb_period_start(b, c - XB_YEAR0),
                   xb_fmt(b, "0.000", XB_NOTE | XB_CENTER));
    }
    xb_str u, lab;
    xs_init(&u);
    xs_init(&lab);
    xb_unit_label(b, CX_U_MONEY, NULL, &u);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int flag = rows[i].row >= XB_BURN_NONNEG;
        const char *label = rows[i].row == XB_BURN_NET ? _net_label(b, &lab) : rows[i].label;
        xb_text(b, ws, rows[i].row, 0, label,
                xb_fmt(b, NULL, flag ? XB_NOTE : rows[i].row == XB_BURN_CUM ? XB_BOLD : 0));
        if (!flag)
            xb_text(b, ws, rows[i].row, 1, xs_get(&u), NULL);
    }
    if (lab.failed)
        b->nomem = 1;
    xs_release(&u);
    xs_release(&lab);
    const cx_burn_spec *sp = &b->m->burn;
    if (sp->revenue != CX_NO_INDEX && sp->revenue < b->m->nseries)
        xb_text(b, ws, XB_BURN_REVENUE, 2, b->m->series[sp->revenue].name, NULL);
    if (sp->costs != CX_NO_INDEX && sp->costs < b->m->nseries)
        xb_text(b, ws, XB_BURN_COSTS, 2, b->m->series[sp->costs].name, NULL);
    if (sp->net != CX_NO_INDEX && sp->net < b->m->nseries)
        xb_text(b, ws, XB_BURN_NET, 2, b->m->series[sp->net].name, NULL);
}

/* Append the reference to series s in the burn year at column c (the
 * Projection cell), or the number when the series has no value there. */
static void _projection_ref(xlsx_book *b, int c, size_t s, double v, xb_str *f)
{
    int t = c - XB_YEAR0;
    if (s != CX_NO_INDEX && s < b->m->nseries &&
        b->r->series[s].v[t].kind != CX_V_MISSING)
        xs_value_ref(b, f, XB_PROJECTION, s, t, 0);
    else
        xs_num(f, v);
}

/* Revenue and costs (=Projection!…), net: =D4-D5[-commitments], or
 * =Projection!…[-commitments]. */
static void _net(xlsx_book *b, const _rows *w, size_t i, xb_str *f)
{
    const cx_burn_result *br = &b->r->burn;
    const cx_burn_spec *sp = &b->m->burn;
    lxw_format *money = xb_fmt(b, b->money_numfmt, 0);
    int c = _c0(b) + (int)i;
    if (br->revenue && br->costs) {
        xs_clear(f);
        xs_printf(f, "=");
        _projection_ref(b, c, sp->revenue, br->revenue[i], f);
        xb_formula(b, b->burn, XB_BURN_REVENUE, c, f, money, br->revenue[i]);
        xs_clear(f);
        xs_printf(f, "=");
        _projection_ref(b, c, sp->costs, br->costs[i], f);
        xb_formula(b, b->burn, XB_BURN_COSTS, c, f, money, br->costs[i]);
    }
    xs_clear(f);
    xs_printf(f, "=");
    if (br->revenue && br->costs) {
        xs_ref(f, NULL, XB_BURN_REVENUE, c, 0);
        xs_printf(f, "-");
        xs_ref(f, NULL, XB_BURN_COSTS, c, 0);
    } else {
        _projection_ref(b, c, sp->net, br->net[i], f);
    }
    if (w->commit >= 0) {
        xs_printf(f, "-");
        xs_ref(f, NULL, w->commit, c, 0);
    }
    xb_formula(b, b->burn, XB_BURN_NET, c, f, money, br->net[i]);
}

/* Append "E$3>$B$13,E7>=0": column c's year is after the peak burn year
 * and its cumulative is back at or above 0 (an annual model). */
static void _after_peak(int c, xb_str *f)
{
    xs_ref(f, NULL, XB_BURN_HEADER, c, XB_ABS_ROW);
    xs_printf(f, ">");
    xs_ref(f, NULL, XB_BURN_PEAK_YEAR, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, ",");
    xs_ref(f, NULL, XB_BURN_CUM, c, 0);
    xs_printf(f, ">=0");
}

/* Paid back in a monthly or quarterly model, where the peak's period is
 * a title: =IF($B$12<0,IF(AND(E$10>INDEX(starts,1,MATCH($B$12,cumulative,
 * 0)),E7>=0),1,0),0), the MATCH only asked when there is a peak. */
static void _paid_back_periods(xlsx_book *b, int c, xb_str *f)
{
    xs_printf(f, "=IF(");
    xs_ref(f, NULL, XB_BURN_PEAK, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, "<0,IF(AND(");
    xs_ref(f, NULL, START_ROW, c, XB_ABS_ROW);
    xs_printf(f, ">INDEX(");
    xs_range(f, NULL, START_ROW, _c0(b), START_ROW, _c1(b), XB_ABS);
    xs_printf(f, ",1,MATCH(");
    xs_ref(f, NULL, XB_BURN_PEAK, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, ",");
    xs_range(f, NULL, XB_BURN_CUM, _c0(b), XB_BURN_CUM, _c1(b), XB_ABS);
    xs_printf(f, ",0)),");
    xs_ref(f, NULL, XB_BURN_CUM, c, 0);
    xs_printf(f, ">=0),1,0),0)");
}

static void _year(xlsx_book *b, const _rows *w, size_t i, xb_str *f)
{
    const cx_burn_result *br = &b->r->burn;
    lxw_worksheet *ws = b->burn;
    int c = _c0(b) + (int)i;
    lxw_format *flag = xb_fmt(b, "0", XB_NOTE | XB_CENTER);
    _net(b, w, i, f);
    xs_clear(f);
    xs_printf(f, "=");
    if (i > 0) {
        xs_ref(f, NULL, XB_BURN_CUM, c - 1, 0);
        xs_printf(f, "+");
    }
    xs_ref(f, NULL, XB_BURN_NET, c, 0);
    xb_formula(b, ws, XB_BURN_CUM, c, f, xb_fmt(b, b->money_numfmt, XB_BOLD),
               br->burn.cumulative[i]);

    /* Net >= 0 after a burn year: =IF(AND(E5>=0,COUNTIF($D$5:E5,"<0")>0),1,0). */
    int burnt = 0;
    for (size_t k = 0; k < i; k++)
        burnt |= br->net[k] < 0;
    xs_clear(f);
    xs_printf(f, "=IF(AND(");
    xs_ref(f, NULL, XB_BURN_NET, c, 0);
    xs_printf(f, ">=0,COUNTIF(");
    xs_ref(f, NULL, XB_BURN_NET, _c0(b), XB_ABS);
    xs_printf(f, ":");
    xs_ref(f, NULL, XB_BURN_NET, c, 0);
    xs_printf(f, ",\"<0\")>0),1,0)");
    xb_formula(b, ws, XB_BURN_NONNEG, c, f, flag, burnt && br->net[i] >= 0 ? 1 : 0);

    /* Paid back: the cumulative went below 0, this year is after its
     * lowest point, and cumulative >= 0. */
    int year = br->first_year + (int)i;
    int paid = br->burn.peak_year && year > br->burn.peak_year &&
               br->burn.cumulative[i] >= 0;
    xs_clear(f);
    if (xb_sub(b))
        _paid_back_periods(b, c, f);
    else {
        xs_printf(f, "=IF(AND(");
        xs_ref(f, NULL, XB_BURN_PEAK, XB_BURN_VALUE_COL, XB_ABS);
        xs_printf(f, "<0,");
        _after_peak(c, f);
        xs_printf(f, "),1,0)");
    }
    xb_formula(b, ws, XB_BURN_PAIDBACK, c, f, flag, paid);
}

/* Append the whole net row, "$D$5:$J$5". */
static void _net_range(const xlsx_book *b, xb_str *f)
{
    xs_range(f, NULL, XB_BURN_NET, _c0(b), XB_BURN_NET, _c1(b), XB_ABS);
}

/* A formula in column B that gives period number p's title (text). */
static void _title_cached(xlsx_book *b, int row, xb_str *f, int p, unsigned flags)
{
    char buf[CX_PERIOD_KEY_MAX];
    xb_formula_text(b, b->burn, row, XB_BURN_VALUE_COL, f, xb_fmt(b, NULL, flags),
                    xb_number_title(b, p, buf, sizeof buf));
}

/* A year figure: =IF(guard,"text",IFERROR(INDEX(years,1,MATCH(1,flags,0)),
 * "not within horizon")): INDEX over a one-row range takes the row (1) and
 * the column, which every engine reads alike (INDEX(row,k) is a row
 * number in Gnumeric); guard is COUNTIF(net,"<0")=0 (no burn) for
 * break-even, $B$12>=0 (nothing to pay back) for payback. The cached
 * value is the engine's year, else `none`. */
static void _first_flag(xlsx_book *b, int row, int flag_row, int year, const char *none,
                        xb_str *f)
{
    xs_clear(f);
    xs_printf(f, "=IF(");
    if (flag_row == XB_BURN_NONNEG) {
        xs_printf(f, "COUNTIF(");
        _net_range(b, f);
        xs_printf(f, ",\"<0\")=0,\"" XB_NO_BURN "\",");
    } else {
        xs_ref(f, NULL, XB_BURN_PEAK, XB_BURN_VALUE_COL, XB_ABS);
        xs_printf(f, ">=0,\"" XB_NO_PAYBACK "\",");
    }
    xs_printf(f, "IFERROR(INDEX(");
    xs_range(f, NULL, XB_BURN_HEADER, _c0(b), XB_BURN_HEADER, _c1(b), XB_ABS);
    xs_printf(f, ",1,MATCH(1,");
    xs_range(f, NULL, flag_row, _c0(b), flag_row, _c1(b), XB_ABS);
    xs_printf(f, ",0)),\"" NOT_WITHIN "\"))");
    if (year && xb_sub(b))
        _title_cached(b, row, f, year, XB_BOLD | XB_RIGHT);
    else if (year)
        xb_formula(b, b->burn, row, XB_BURN_VALUE_COL, f, xb_fmt(b, XB_FMT_YEAR, XB_BOLD), year);
    else
        xb_formula_text(b, b->burn, row, XB_BURN_VALUE_COL, f,
                        xb_fmt(b, NULL, XB_BOLD | XB_RIGHT), none);
}

/* A figure in column B: label in A, a note in C. */
static void _figure_label(xlsx_book *b, int row, const char *label, const char *note)
{
    xb_str w;
    xs_init(&w);
    xb_text(b, b->burn, row, 0, xb_period_words(b, label, &w), NULL);
    if (note)
        xb_text(b, b->burn, row, 2, xb_period_words(b, note, &w), xb_fmt(b, NULL, XB_NOTE));
    if (w.failed)
        b->nomem = 1;
    xs_release(&w);
}

static void _figures(xlsx_book *b, xb_str *f)
{
    const cx_burn *bu = &b->r->burn.burn;
    lxw_worksheet *ws = b->burn;
    lxw_format *money = xb_fmt(b, b->money_numfmt, XB_BOLD);
    int c0 = _c0(b), c1 = _c1(b);
    xb_text(b, ws, XB_BURN_FIGURES, 0, "Burn figures", xb_fmt(b, NULL, XB_SECTION));

    _figure_label(b, XB_BURN_PEAK, "Peak cumulative burn",
                  "lowest cumulative net cash flow (0 when never negative)");
    xs_clear(f);
    xs_printf(f, "=MIN(0,MIN(");
    xs_range(f, NULL, XB_BURN_CUM, c0, XB_BURN_CUM, c1, XB_ABS);
    xs_printf(f, "))");
    xb_formula(b, ws, XB_BURN_PEAK, XB_BURN_VALUE_COL, f, money, bu->peak_burn);

    _figure_label(b, XB_BURN_PEAK_YEAR, "Peak burn year", NULL);
    xs_clear(f);
    xs_printf(f, "=IF(");
    xs_ref(f, NULL, XB_BURN_PEAK, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, "<0,INDEX(");
    xs_range(f, NULL, XB_BURN_HEADER, c0, XB_BURN_HEADER, c1, XB_ABS);
    xs_printf(f, ",1,MATCH(");
    xs_ref(f, NULL, XB_BURN_PEAK, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, ",");
    xs_range(f, NULL, XB_BURN_CUM, c0, XB_BURN_CUM, c1, XB_ABS);
    xs_printf(f, ",0)),\"no burn\")");
    if (bu->peak_year && xb_sub(b))
        _title_cached(b, XB_BURN_PEAK_YEAR, f, bu->peak_year, XB_BOLD | XB_RIGHT);
    else if (bu->peak_year)
        xb_formula(b, ws, XB_BURN_PEAK_YEAR, XB_BURN_VALUE_COL, f,
                   xb_fmt(b, XB_FMT_YEAR, XB_BOLD), bu->peak_year);
    else
        xb_formula_text(b, ws, XB_BURN_PEAK_YEAR, XB_BURN_VALUE_COL, f,
                        xb_fmt(b, NULL, XB_BOLD), "no burn");

    _figure_label(b, XB_BURN_BREAK_EVEN, "Break-even year",
                  "first year with net cash flow \xE2\x89\xA5 0 after a year below 0");
    _first_flag(b, XB_BURN_BREAK_EVEN, XB_BURN_NONNEG, bu->break_even_year,
                bu->burns ? NOT_WITHIN : XB_NO_BURN, f);
    _figure_label(b, XB_BURN_PAYBACK, "Payback year",
                  "first year after the peak with cumulative \xE2\x89\xA5 0");
    _first_flag(b, XB_BURN_PAYBACK, XB_BURN_PAIDBACK, bu->payback_year,
                bu->peak_year ? NOT_WITHIN : XB_NO_PAYBACK, f);

    _figure_label(b, XB_BURN_TOTAL, "Total burn", "sum of the negative annual net cash flows");
    xs_clear(f);
    xs_printf(f, "=SUMIF(");
    xs_range(f, NULL, XB_BURN_NET, c0, XB_BURN_NET, c1, XB_ABS);
    xs_printf(f, ",\"<0\")");
    xb_formula(b, ws, XB_BURN_TOTAL, XB_BURN_VALUE_COL, f, money, bu->total_burn);
}

/* ---- funding ---------------------------------------------------------- */

/* A formula in column B whose cached value is v, or `absent` when v is NAN. */
static void _value_or(xlsx_book *b, int row, xb_str *f, double v, const char *numfmt,
                      const char *absent)
{
    if (isfinite(v))
        xb_formula(b, b->burn, row, XB_BURN_VALUE_COL, f, xb_fmt(b, numfmt, XB_BOLD), v);
    else
        xb_formula_text(b, b->burn, row, XB_BURN_VALUE_COL, f, xb_fmt(b, NULL, XB_BOLD),
                        absent);
}

/* Append IF(COUNT(row)=0,"absent",MIN(row)): the one crossing of a
 * helper row (each helper row holds at most one number). */
static void _crossing_expr(xlsx_book *b, int helper, const char *absent, xb_str *f)
{
    xs_printf(f, "IF(COUNT(");
    xs_range(f, NULL, helper, _c0(b), helper, _c1(b), XB_ABS);
    xs_printf(f, ")=0,\"%s\",MIN(", absent);
    xs_range(f, NULL, helper, _c0(b), helper, _c1(b), XB_ABS);
    xs_printf(f, "))");
}

static void _fractions(xlsx_book *b, const _rows *w, xb_str *f)
{
    const cx_funding *fu = &b->r->burn.funding;
    const cx_burn *bu = &b->r->burn.burn;
    _figure_label(b, w->be_frac, "Break-even (fractional year)",
                  "where net cash flow crosses 0 upwards, interpolated between years");
    xs_clear(f);
    xs_printf(f, "=IF(COUNTIF(");
    _net_range(b, f);
    xs_printf(f, ",\"<0\")=0,\"" XB_NO_BURN "\",");
    _crossing_expr(b, w->be_cross, NOT_WITHIN, f);
    xs_printf(f, ")");
    _value_or(b, w->be_frac, f, _frac(b, fu->break_even_frac), FMT_FRAC_YEAR,
              bu->burns ? NOT_WITHIN : XB_NO_BURN);

    _figure_label(b, w->pb_frac, "Payback (fractional year)",
                  "where cumulative crosses 0 after the peak, interpolated");
    xs_clear(f);
    xs_printf(f, "=IF(");
    xs_ref(f, NULL, XB_BURN_PEAK, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, ">=0,\"" XB_NO_PAYBACK "\",");
    _crossing_expr(b, w->pb_cross, NOT_WITHIN, f);
    xs_printf(f, ")");
    _value_or(b, w->pb_frac, f, _frac(b, fu->payback_frac), FMT_FRAC_YEAR,
              bu->peak_year ? NOT_WITHIN : XB_NO_PAYBACK);
}

/* Words for a net that has no turning point: burning from its first
 * year, or never below 0. */
static const char *_no_turn(const cx_burn_result *br)
{
    return br->net[0] < 0 ? XB_BURNING : XB_NO_BURN;
}

/* The period a monthly or quarterly net turns negative in: the one after
 * the period whose start the crossing follows,
 * =IF(ISNUMBER($B$19),INDEX(titles,1,MATCH($B$19,starts,1)+1),$B$19). */
static void _turn_period(xlsx_book *b, const _rows *w, xb_str *f)
{
    const cx_burn_result *br = &b->r->burn;
    xs_printf(f, "=IF(ISNUMBER($B$%d),INDEX(", w->tn_frac + 1);
    xs_range(f, NULL, XB_BURN_HEADER, _c0(b), XB_BURN_HEADER, _c1(b), XB_ABS);
    xs_printf(f, ",1,MATCH($B$%d,", w->tn_frac + 1);
    xs_range(f, NULL, START_ROW, _c0(b), START_ROW, _c1(b), XB_ABS);
    xs_printf(f, ",1)+1),$B$%d)", w->tn_frac + 1);
    if (br->burn.turns_negative_year)
        _title_cached(b, w->tn_year, f, br->burn.turns_negative_year, XB_BOLD | XB_RIGHT);
    else
        xb_formula_text(b, b->burn, w->tn_year, XB_BURN_VALUE_COL, f,
                        xb_fmt(b, NULL, XB_BOLD), _no_turn(br));
}

/* Turns negative (a net that starts >= 0): the fractional year, where
 * the net crosses 0 downwards, and its whole year INT(fraction) + 1. */
static void _turn(xlsx_book *b, const _rows *w, xb_str *f)
{
    const cx_burn_result *br = &b->r->burn;
    _figure_label(b, w->tn_frac, "Turns negative (fractional year)",
                  "a net that starts \xE2\x89\xA5 0: where it crosses 0 downwards, interpolated");
    xs_clear(f);
    xs_printf(f, "=IF(");
    xs_ref(f, NULL, XB_BURN_NET, _c0(b), XB_ABS);
    xs_printf(f, "<0,\"" XB_BURNING "\",");
    _crossing_expr(b, w->tn_cross, XB_NO_BURN, f);
    xs_printf(f, ")");
    _value_or(b, w->tn_frac, f, _frac(b, br->funding.turns_negative_frac), FMT_FRAC_YEAR, _no_turn(br));

    _figure_label(b, w->tn_year, "Turns negative (year)", "its first year below 0");
    xs_clear(f);
    if (xb_sub(b)) {
        _turn_period(b, w, f);
        return;
    }
    xs_printf(f, "=IF(ISNUMBER($B$%d),INT($B$%d)+1,$B$%d)", w->tn_frac + 1, w->tn_frac + 1,
              w->tn_frac + 1);
    _value_or(b, w->tn_year, f, br->burn.turns_negative_year ? br->burn.turns_negative_year
                                                             : NAN, XB_FMT_YEAR, _no_turn(br));
}

/* Trough (the lowest net below 0) and its year; whether the burn is
 * funded within the horizon (no: the net is still below 0 in the last
 * year, so the peak burn and the funding gap are at least what is shown). */
static void _trough(xlsx_book *b, const _rows *w, xb_str *f)
{
    const cx_burn *bu = &b->r->burn.burn;
    _figure_label(b, w->trough, "Trough", "the lowest net cash flow below 0");
    xs_clear(f);
    xs_printf(f, "=IF(MIN(");
    _net_range(b, f);
    xs_printf(f, ")<0,MIN(");
    _net_range(b, f);
    xs_printf(f, "),\"" XB_NO_BURN "\")");
    _value_or(b, w->trough, f, bu->burns ? bu->trough : NAN, b->money_numfmt, XB_NO_BURN);

    _figure_label(b, w->trough_year, "Trough year", NULL);
    xs_clear(f);
    xs_printf(f, "=IF(ISNUMBER($B$%d),INDEX(", w->trough + 1);
    xs_range(f, NULL, XB_BURN_HEADER, _c0(b), XB_BURN_HEADER, _c1(b), XB_ABS);
    xs_printf(f, ",1,MATCH($B$%d,", w->trough + 1);
    _net_range(b, f);
    xs_printf(f, ",0)),$B$%d)", w->trough + 1);
    if (xb_sub(b) && bu->trough_year)
        _title_cached(b, w->trough_year, f, bu->trough_year, XB_BOLD | XB_RIGHT);
    else
        _value_or(b, w->trough_year, f, bu->trough_year ? bu->trough_year : NAN,
                  XB_FMT_YEAR, XB_NO_BURN);

    _figure_label(b, w->funded, "Funded within the horizon?",
                  "no: still burning in the last year, so the peak burn and the funding "
                  "gap are at least what is shown");
    xs_clear(f);
    xs_printf(f, "=IF(");
    xs_ref(f, NULL, XB_BURN_NET, _c1(b), XB_ABS);
    xs_printf(f, "<0,\"" XB_NOT_FUNDED "\",\"yes\")");
    xb_formula_text(b, b->burn, w->funded, XB_BURN_VALUE_COL, f,
                    xb_fmt(b, NULL, XB_BOLD | XB_RIGHT),
                    bu->still_burning ? XB_NOT_FUNDED : "yes");
}

/* The funding gap's note, a formula: "at least this" while the net is
 * still below 0 in the last year (not funded within the horizon). */
static void _gap_note(xlsx_book *b, const _rows *w, xb_str *f)
{
    static const char at_least[] = "at least this: not funded within the horizon";
    static const char gap[] = "still to be raised: the lowest year-end cash below 0";
    xs_clear(f);
    xs_printf(f, "=IF($B$%d=\"" XB_NOT_FUNDED "\",\"%s\",\"%s\")", w->funded + 1,
              at_least, gap);
    xb_formula_text(b, b->burn, w->gap, 2, f, xb_fmt(b, NULL, XB_NOTE),
                    b->r->burn.burn.still_burning ? at_least : gap);
}

/* Cash figures: opening cash (an input), runway, funding gap, default alive. */
static void _cash_figures(xlsx_book *b, const _rows *w, xb_str *f)
{
    const cx_funding *fu = &b->r->burn.funding;
    const cx_burn_spec *sp = &b->m->burn;
    lxw_worksheet *ws = b->burn;
    int cy = XB_YEAR0 + (fu->cash_year - b->m->first_year);
    char label[64], p[CX_PERIOD_KEY_MAX];
    snprintf(label, sizeof label, "Cash at the start of %s",
             xb_number_title(b, fu->cash_year, p, sizeof p));
    _figure_label(b, w->cash_in, label, sp->cash.source ? sp->cash.source : "input");
    xb_num(b, ws, w->cash_in, XB_BURN_VALUE_COL, fu->opening_cash,
           xb_fmt(b, b->money_numfmt, XB_INPUT));

    _figure_label(b, w->runway, "Runway (months)",
                  "from the start of the cash year until the cash runs out");
    xs_clear(f);
    xs_printf(f, "=IF(ISNUMBER(");
    xs_ref(f, NULL, w->runout, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, "),(");
    xs_ref(f, NULL, w->runout, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, "-");
    xs_ref(f, NULL, _yr(b), cy, XB_ABS);
    xs_printf(f, ")*12,\"" LASTS "\")");
    _value_or(b, w->runway, f, fu->runway_months, FMT_MONTHS, LASTS);

    _figure_label(b, w->runout, "Cash runs out (fractional year)", xb_sub(b)
                  ? "each period's net cash flow taken as spread evenly within it"
                  : "the year's net cash flow taken as spread evenly over its months");
    xs_clear(f);
    xs_printf(f, "=");
    _crossing_expr(b, w->runs_out, LASTS, f);
    _value_or(b, w->runout, f, _frac(b, fu->runway_end), FMT_FRAC_YEAR, LASTS);

    _figure_label(b, w->gap, "Funding gap", NULL);
    _gap_note(b, w, f);
    xs_clear(f);
    xs_printf(f, "=MAX(0,-MIN(");
    xs_range(f, NULL, w->cash, _c0(b), w->cash, _c1(b), XB_ABS);
    xs_printf(f, "))");
    xb_formula(b, ws, w->gap, XB_BURN_VALUE_COL, f, xb_fmt(b, b->money_numfmt, XB_BOLD),
               fu->funding_gap);
}

static void _alive_figures(xlsx_book *b, const _rows *w, xb_str *f)
{
    const cx_funding *fu = &b->r->burn.funding;
    _figure_label(b, w->alive, "Default alive?",
                  "break-even no later than the cash runs out");
    xs_clear(f);
    xs_printf(f, "=IF(ISNUMBER($B$%d),IF(ISNUMBER($B$%d),IF($B$%d<=$B$%d,"
              "\"default alive\",\"default dead\"),\"default dead\"),"
              "IF(OR(ISNUMBER($B$%d),$B$%d=\"" XB_NO_BURN "\"),\"default alive\","
              "\"unknown\"))",
              w->runout + 1, w->be_frac + 1, w->be_frac + 1, w->runout + 1,
              w->be_frac + 1, w->be_frac + 1);
    xb_formula_text(b, b->burn, w->alive, XB_BURN_VALUE_COL, f,
                    xb_fmt(b, NULL, XB_BOLD | XB_RIGHT),
                    fu->default_alive == 1 ? "default alive"
                    : fu->default_alive == 0 ? "default dead" : "unknown");

    _figure_label(b, w->margin, "Margin (months)",
                  "cash runs out minus break-even; negative when default dead");
    xs_clear(f);
    xs_printf(f, "=IF(AND(ISNUMBER($B$%d),ISNUMBER($B$%d)),($B$%d-$B$%d)*12,\"n/a\")",
              w->runout + 1, w->be_frac + 1, w->runout + 1, w->be_frac + 1);
    _value_or(b, w->margin, f, fu->alive_margin_months, FMT_MONTHS, "n/a");
}

/* ---- funding by year -------------------------------------------------- */

static void _row_label(xlsx_book *b, int row, const char *label, const char *unit,
                       unsigned flags)
{
    xb_text(b, b->burn, row, 0, label, xb_fmt(b, NULL, flags));
    if (unit)
        xb_text(b, b->burn, row, 1, unit, NULL);
}

static void _by_year_labels(xlsx_book *b, const _rows *w)
{
    xb_str u;
    xs_init(&u);
    xb_unit_label(b, CX_U_MONEY, NULL, &u);
    const char *money = xs_get(&u);
    xb_str by;
    xs_init(&by);
    xs_printf(&by, "Funding by %s", xb_per_word(b));
    xb_text(b, b->burn, w->by_year, 0, xs_get(&by), xb_fmt(b, NULL, XB_SECTION));
    if (w->gross >= 0)
        _row_label(b, w->gross, w->commit >= 0 ? "Gross burn (costs + commitments)"
                                               : "Gross burn (costs)", money, 0);
    _row_label(b, w->net_burn, "Net burn (cash burnt)", money, 0);
    if (w->commit >= 0)
        _row_label(b, w->commit, "Commitments paid", money, 0);
    if (w->raises >= 0)
        _row_label(b, w->raises, "Raises", money, 0);
    if (w->cash >= 0) {
        xs_clear(&by);
        xs_printf(&by, "Cash at end of %s", xb_per_word(b));
        _row_label(b, w->cash, xs_get(&by), money, XB_BOLD);
        _row_label(b, w->runs_out, "cash runs out (year)", NULL, XB_NOTE);
    }
    _row_label(b, w->be_cross, "net crosses 0 (year)", NULL, XB_NOTE);
    _row_label(b, w->pb_cross, "paid back (year)", NULL, XB_NOTE);
    _row_label(b, w->tn_cross, "net turns negative (year)", NULL, XB_NOTE);
    if (by.failed)
        b->nomem = 1;
    xs_release(&by);
    xs_release(&u);
}

/* A helper cell: the crossing formula, cached v in the column of `year`
 * (the engine's figure), "" elsewhere. */
static void _helper(xlsx_book *b, int row, int c, int year, double v, xb_str *f)
{
    int here = year && c == XB_YEAR0 + (year - b->m->first_year) && isfinite(v);
    lxw_format *fmt = xb_fmt(b, FMT_FRAC_YEAR, XB_NOTE | XB_CENTER);
    if (here)
        xb_formula(b, b->burn, row, c, f, fmt, _frac(b, v));
    else
        xb_formula_text(b, b->burn, row, c, f, fmt, "");
}

/* "COUNT($D20:D20)=0," : no crossing in an earlier column of the row. */
static void _none_before(xlsx_book *b, int row, int c, xb_str *f)
{
    xs_printf(f, "COUNT(");
    xs_ref(f, NULL, row, _c0(b), XB_ABS_COL);
    xs_printf(f, ":");
    xs_ref(f, NULL, row, c - 1, 0);
    xs_printf(f, ")=0,");
}

/* Append "D$3+(0-D6)/(E6-D6)": the crossing of `row` between c-1 and c. */
static void _interpolate(xlsx_book *b, int row, int c, xb_str *f)
{
    xs_ref(f, NULL, _yr(b), c - 1, XB_ABS_ROW);
    xs_printf(f, "+(0-");
    xs_ref(f, NULL, row, c - 1, 0);
    xs_printf(f, ")/(");
    xs_ref(f, NULL, row, c, 0);
    xs_printf(f, "-");
    xs_ref(f, NULL, row, c - 1, 0);
    xs_printf(f, ")");
    _per_div(b, f);
}

/* Where a net that starts >= 0 first goes below 0 between c-1 and c:
 * =IF(AND(COUNT($D22:D22)=0,$D$5>=0,D5>=0,E5<0),D$3+D5/(D5-E5),""). */
static void _turn_cross(xlsx_book *b, const _rows *w, int c, xb_str *f)
{
    const cx_burn_result *br = &b->r->burn;
    xs_clear(f);
    xs_printf(f, "=IF(AND(");
    _none_before(b, w->tn_cross, c, f);
    xs_ref(f, NULL, XB_BURN_NET, _c0(b), XB_ABS);
    xs_printf(f, ">=0,");
    xs_ref(f, NULL, XB_BURN_NET, c - 1, 0);
    xs_printf(f, ">=0,");
    xs_ref(f, NULL, XB_BURN_NET, c, 0);
    xs_printf(f, "<0),");
    xs_ref(f, NULL, _yr(b), c - 1, XB_ABS_ROW);
    xs_printf(f, "+");
    xs_ref(f, NULL, XB_BURN_NET, c - 1, 0);
    xs_printf(f, "/(");
    xs_ref(f, NULL, XB_BURN_NET, c - 1, 0);
    xs_printf(f, "-");
    xs_ref(f, NULL, XB_BURN_NET, c, 0);
    xs_printf(f, ")");
    _per_div(b, f);
    xs_printf(f, ",\"\")");
    _helper(b, w->tn_cross, c, br->burn.turns_negative_year, br->funding.turns_negative_frac, f);
}

/* The crossings from the second burn year on (none can be in the first:
 * each needs the year before it). */
static void _crossings(xlsx_book *b, const _rows *w, int c, xb_str *f)
{
    const cx_burn_result *br = &b->r->burn;
    if (c == _c0(b))
        return;
    xs_clear(f);
    xs_printf(f, "=IF(AND(");
    _none_before(b, w->be_cross, c, f);
    xs_ref(f, NULL, XB_BURN_NET, c - 1, 0);
    xs_printf(f, "<0,");
    xs_ref(f, NULL, XB_BURN_NET, c, 0);
    xs_printf(f, ">=0),");
    _interpolate(b, XB_BURN_NET, c, f);
    xs_printf(f, ",\"\")");
    _helper(b, w->be_cross, c, br->burn.break_even_year, br->funding.break_even_frac, f);
    _turn_cross(b, w, c, f);
    xs_clear(f);
    xs_printf(f, "=IF(AND(");
    _none_before(b, w->pb_cross, c, f);
    if (xb_sub(b)) {            /* the paid-back flag: after the peak, >= 0 */
        xs_ref(f, NULL, XB_BURN_PAIDBACK, c, 0);
        xs_printf(f, "=1),");
    } else {
        _after_peak(c, f);
        xs_printf(f, "),");
    }
    _interpolate(b, XB_BURN_CUM, c, f);
    xs_printf(f, ",\"\")");
    _helper(b, w->pb_cross, c, br->burn.peak_year ? br->burn.payback_year : 0,
            br->funding.payback_frac, f);
}

/* Cash at the end of the year (=prev+net+raise) and where it runs out:
 * D$3+(prev+raise)/(0-net) in the first year it ends below 0. */
static void _cash_year(xlsx_book *b, const _rows *w, int c, xb_str *f)
{
    const cx_funding *fu = &b->r->burn.funding;
    int cy = XB_YEAR0 + (fu->cash_year - b->m->first_year), i = c - _c0(b);
    if (c < cy)
        return;
    xb_str prev;
    xs_init(&prev);
    if (c == cy)
        xs_ref(&prev, NULL, w->cash_in, XB_BURN_VALUE_COL, XB_ABS);
    else
        xs_ref(&prev, NULL, w->cash, c - 1, 0);
    xs_clear(f);
    xs_printf(f, "=%s+", xs_get(&prev));
    xs_ref(f, NULL, XB_BURN_NET, c, 0);
    if (w->raises >= 0) {
        xs_printf(f, "+");
        xs_ref(f, NULL, w->raises, c, 0);
    }
    xb_formula(b, b->burn, w->cash, c, f, xb_fmt(b, b->money_numfmt, XB_BOLD), fu->cash[i]);

    xs_clear(f);
    xs_printf(f, "=IF(AND(");
    if (c > cy)
        _none_before(b, w->runs_out, c, f);
    xs_ref(f, NULL, w->cash, c, 0);
    xs_printf(f, "<0),");
    xs_ref(f, NULL, _yr(b), c, XB_ABS_ROW);
    xs_printf(f, "+(%s", xs_get(&prev));
    if (w->raises >= 0) {
        xs_printf(f, "+");
        xs_ref(f, NULL, w->raises, c, 0);
    }
    xs_printf(f, ")/(0-");
    xs_ref(f, NULL, XB_BURN_NET, c, 0);
    xs_printf(f, ")");
    _per_div(b, f);
    xs_printf(f, ",\"\")");
    _helper(b, w->runs_out, c, fu->runout_year, fu->runway_end, f);
    if (prev.failed)
        b->nomem = 1;
    xs_release(&prev);
}

/* The raises of column c's year, =SUMIF(years,D$3,amounts); by period,
 * whose titles are text that a criterion could read as a date,
 * =SUMPRODUCT((periods=D$3)*amounts). */
static void _raises_formula(xlsx_book *b, const _rows *w, int c, xb_str *f)
{
    int last = w->raise0 + (int)b->m->burn.nraises - 1, sub = xb_sub(b);
    xs_clear(f);
    xs_printf(f, sub ? "=SUMPRODUCT((" : "=SUMIF(");
    xs_range(f, NULL, w->raise0, 1, last, 1, XB_ABS);
    xs_printf(f, sub ? "=" : ",");
    xs_ref(f, NULL, XB_BURN_HEADER, c, XB_ABS_ROW);
    xs_printf(f, sub ? ")*" : ",");
    xs_range(f, NULL, w->raise0, 2, last, 2, XB_ABS);
    xs_printf(f, ")");
}

static void _by_year(xlsx_book *b, const _rows *w, size_t i, xb_str *f)
{
    const cx_burn_result *br = &b->r->burn;
    const cx_funding *fu = &br->funding;
    lxw_format *money = xb_fmt(b, b->money_numfmt, 0);
    int c = _c0(b) + (int)i;
    if (w->gross >= 0) {
        xs_clear(f);
        xs_printf(f, "=");
        xs_ref(f, NULL, XB_BURN_COSTS, c, 0);
        if (w->commit >= 0) {
            xs_printf(f, "+");
            xs_ref(f, NULL, w->commit, c, 0);
        }
        xb_formula(b, b->burn, w->gross, c, f, money, fu->gross_burn[i]);
    }
    xs_clear(f);
    xs_printf(f, "=MAX(0,-");
    xs_ref(f, NULL, XB_BURN_NET, c, 0);
    xs_printf(f, ")");
    xb_formula(b, b->burn, w->net_burn, c, f, money, br->burn.net_burn[i]);
    if (w->commit >= 0) {
        xs_clear(f);
        xs_printf(f, "=");
        xs_ref(f, XB_COMMITMENTS, _cmt_total_row(b), c, 0);
        xb_formula(b, b->burn, w->commit, c, f, money, fu->commitments[i]);
    }
    if (w->raises >= 0) {
        _raises_formula(b, w, c, f);
        xb_formula(b, b->burn, w->raises, c, f, money, fu->raises[i]);
    }
    if (w->cash >= 0)
        _cash_year(b, w, c, f);
    _crossings(b, w, c, f);
}

/* ---- raises and goals ------------------------------------------------- */

static void _raises(xlsx_book *b, const _rows *w)
{
    const cx_burn_spec *sp = &b->m->burn;
    lxw_worksheet *ws = b->burn;
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    static const char *const head[] = {"Raise", "Year", "Amount", "Source"};
    for (int c = 0; c < 4; c++)
        xb_text(b, ws, w->raise_head, c, c == 1 && xb_sub(b) ? "Period" : head[c], h);
    for (size_t k = 0; k < sp->nraises; k++) {
        const cx_raise *x = &sp->raises[k];
        int row = w->raise0 + (int)k;
        xb_text(b, ws, row, 0, x->name, NULL);
        xb_period_cell(b, ws, row, 1, x->year, XB_INPUT);
        xb_num(b, ws, row, 2, x->amount.base, xb_fmt(b, b->money_numfmt, XB_INPUT));
        if (x->source)
            xb_text(b, ws, row, 3, x->source, xb_fmt(b, NULL, XB_NOTE));
    }
}

/* "revenue.lab: break even by 2030" / "costs.lab: peak funding at most 150". */
static void _goal_label(xlsx_book *b, const cx_goal *g, xb_str *s)
{
    xs_clear(s);
    if (g->label) {
        xs_printf(s, "%s", g->label);
        return;
    }
    xs_printf(s, "%s: ", b->m->series[g->series].name);
    char p[CX_PERIOD_KEY_MAX];
    if (g->kind == CX_G_BREAK_EVEN)
        xs_printf(s, "break even by %s", xb_number_title(b, g->by, p, sizeof p));
    else {
        xs_printf(s, "peak funding at most ");
        xs_num(s, g->cap);
    }
}

#define COL_A 30     /* width of column A: labels */

static void _goals(xlsx_book *b, const _rows *w)
{
    lxw_worksheet *ws = b->burn;
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    static const char *const head[] = {"Goal", "Growth rate", "Achieved", "How"};
    xb_text(b, ws, w->goal_head, 0, "Goal seek", xb_fmt(b, NULL, XB_SECTION));
    xb_text(b, ws, w->goal_head + 1, 0,
            "solved by Brent's method (GSL); not a formula \xE2\x80\x94 to check, set the "
            "driver to this rate", xb_fmt(b, NULL, XB_NOTE));
    for (int c = 0; c < 4; c++)
        xb_text(b, ws, w->goal0, c, head[c], h);
    xb_str s;
    xs_init(&s);
    for (size_t i = 0; i < b->r->ngoals; i++) {
        const cx_goal_result *res = &b->r->goals[i];
        const cx_goal *g = &b->m->goals[res->goal];
        int row = w->goal0 + 1 + (int)i;
        _goal_label(b, g, &s);
        /* The label wraps in its column; the row grows to hold it. */
        xb_text(b, ws, row, 0, xs_get(&s), xb_fmt(b, NULL, XB_WRAP));
        xb_row_height(b, ws, row, xb_text_height(xs_get(&s), COL_A, 11));
        if (res->solved) {
            xb_num(b, ws, row, 1, res->rate, xb_fmt(b, XB_FMT_RATE, XB_BOLD));
            xb_num(b, ws, row, 2, res->achieved, xb_fmt(b, b->money_numfmt, 0));
        } else {
            xb_text(b, ws, row, 1, "no solution", xb_fmt(b, NULL, XB_WARN));
        }
        xb_text(b, ws, row, 3, res->message,
                xb_fmt(b, NULL, res->solved ? XB_NOTE : XB_NOTE | XB_WARN));
    }
    if (s.failed)
        b->nomem = 1;
    xs_release(&s);
}

void xb_write_burn(xlsx_book *b)
{
    static const double widths[] = {COL_A, 22, 18};   /* B: "burning from the start" */
    lxw_worksheet *ws = b->burn;
    const cx_burn_result *br = &b->r->burn;
    xb_text(b, ws, 0, 0, "Cash burn", xb_fmt(b, NULL, XB_TITLE));
    xb_widths(b, ws, widths, 3);
    if (!br->n) {
        xb_text(b, ws, 1, 0, "(no year has a net cash flow)", xb_fmt(b, NULL, XB_NOTE));
        xb_page_setup(b, ws, "Burn");
        return;
    }
    xb_check(b, worksheet_set_column(ws, (lxw_col_t)_c0(b), (lxw_col_t)_c1(b), 11, NULL));
    _rows w;
    _plan(b, &w);
    b->burn_be_frac_row = w.be_frac;
    b->burn_runway_row = w.runway;
    b->burn_runout_row = w.runout;
    b->burn_gap_row = w.gap;
    b->burn_alive_row = w.alive;
    b->burn_tn_row = w.tn_year;
    b->burn_trough_row = w.trough;
    b->burn_funded_row = w.funded;
    b->burn_cash_row = w.cash;
    _labels(b);
    _by_year_labels(b, &w);
    xb_str f;
    xs_init(&f);
    for (size_t i = 0; i < br->n; i++) {
        _year(b, &w, i, &f);
        _by_year(b, &w, i, &f);
    }
    _figures(b, &f);
    _fractions(b, &w, &f);
    _turn(b, &w, &f);
    _trough(b, &w, &f);
    if (br->funding.has_cash) {
        _cash_figures(b, &w, &f);
        _alive_figures(b, &w, &f);
    }
    xs_release(&f);
    if (w.raise0 >= 0)
        _raises(b, &w);
    if (w.goal0 >= 0)
        _goals(b, &w);
    lxw_chart *chart = xb_chart_burn(b);
    int col = xb_chart_col(b);
    if (chart)
        xb_insert_wide_chart(b, ws, w.end + 1, col, chart);
    lxw_chart *cash = xb_chart_cash(b, br->funding.has_cash ? w.cash : -1);
    if (cash && !xb_sub(b))
        xb_insert_beside_wide(b, ws, w.end + 1, col, cash);
    else if (cash)
        xb_check(b, worksheet_insert_chart(ws, (lxw_row_t)(w.end + 1 + XB_CHART_ROWS),
                                           (lxw_col_t)col, cash));
    worksheet_freeze_panes(ws, XB_BURN_HEADER + 1, XB_YEAR0);
    xb_page_setup(b, ws, "Burn");
    xb_period_print(b, ws);
}
