/*
 * xlsx_summary.c - the Summary sheet: what the model is, the checks at a
 * glance, each series' growth over its stated history, the burn figures
 * and commitments, all as references to the other sheets; charts to the
 * right.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_util.h"
#include "xlsx_book.h"

#define SUM_INFO   3            /* first row of the model block */
#define SUM_CHECKS 8            /* row of the master check cell (B9) */
#define SUM_KEY    10           /* "Key figures" title row */
#define KEY_COLS   10           /* the growth table: columns A..J */
#define CHART_COL  11           /* charts from column L */

/* Column A holds the figures' labels: "NPV (first flow discounted one
 * period)" in one line; longer ones (goal labels) wrap. */
static const double widths[KEY_COLS] = {38, 22, 8, 7, 7, 12, 12, 10, 9, 12};

static void _pair(xlsx_book *b, int row, const char *label, const char *value)
{
    xb_text(b, b->summary, row, 0, label, xb_fmt(b, NULL, XB_BOLD));
    xb_text(b, b->summary, row, 1, value, NULL);
}

/* The statuses on Checks, as a bounded range (a whole column, Checks!J:J,
 * is read differently by engines with other sheet sizes). */
static void _statuses(xb_str *f, size_t nchecks)
{
    xs_range(f, XB_CHECKS, XB_CHK_HEADER + 1, XB_CHK_STATUS,
             XB_CHK_HEADER + (int)nchecks, XB_CHK_STATUS, XB_ABS);
}

/* =IF(COUNTIF(statuses,"warn")=0,"all N checks pass",...) */
static void _master_check(xlsx_book *b)
{
    xb_text(b, b->summary, SUM_CHECKS, 0, "Checks", xb_fmt(b, NULL, XB_BOLD));
    if (!b->r->nchecks) {
        xb_text(b, b->summary, SUM_CHECKS, 1, "no checks stated", NULL);
        return;
    }
    size_t n = b->r->nchecks, warn = 0;
    for (size_t i = 0; i < n; i++)
        warn += !b->r->checks[i].pass;
    /* "all 3 checks pass", "1 check passes"; "2 warnings of 3 checks". */
    const char *all = n == 1 ? "" : "all ", *checks = n == 1 ? "check" : "checks",
               *pass = n == 1 ? "passes" : "pass";
    xb_str f, cached;
    xs_init(&f);
    xs_init(&cached);
    xs_printf(&f, "=IF(COUNTIF(");
    _statuses(&f, n);
    xs_printf(&f, ",\"warn\")=0,\"%s%zu %s %s\",COUNTIF(", all, n, checks, pass);
    _statuses(&f, n);
    xs_printf(&f, ",\"warn\")&IF(COUNTIF(");
    _statuses(&f, n);
    xs_printf(&f, ",\"warn\")=1,\" warning\",\" warnings\")&\" of %zu %s\")", n, checks);
    if (warn)
        xs_printf(&cached, "%zu warning%s of %zu %s", warn, warn == 1 ? "" : "s", n, checks);
    else
        xs_printf(&cached, "%s%zu %s %s", all, n, checks, pass);
    if (cached.failed)
        b->nomem = 1;
    else
        xb_formula_text(b, b->summary, SUM_CHECKS, 1, &f,
                        xb_fmt(b, NULL, XB_BOLD | (warn ? XB_WARN : XB_PASS)), cached.s);
    xs_release(&f);
    xs_release(&cached);
}

static void _info(xlsx_book *b)
{
    const cx_model *m = b->m;
    lxw_worksheet *ws = b->summary;
    xb_text(b, ws, 0, 0, m->title && *m->title ? m->title : m->name, xb_fmt(b, NULL, XB_TITLE));
    /* The description wraps over the width of the tables; a merged cell's
     * row does not grow by itself. */
    double w = 0;
    for (int c = 0; c < KEY_COLS; c++)
        w += widths[c];
    xb_merged_text(b, ws, 1, 0, KEY_COLS - 1, m->description, xb_fmt(b, NULL, XB_NOTE | XB_WRAP));
    xb_row_height(b, ws, 1, xb_text_height(m->description, w, 9));
    _pair(b, SUM_INFO, "Model", m->name);
    _pair(b, SUM_INFO + 1, "Scenario", b->r->scenario ? b->r->scenario : "base");
    if (b->sw_on) {             /* the selector's choice, live */
        xb_str f;
        xs_init(&f);
        xs_printf(&f, "=scenario");
        xb_formula_text(b, ws, SUM_INFO + 1, 1, &f, NULL,
                        b->r->scenario ? b->r->scenario : "base");
        xs_release(&f);
    }
    xb_str t;
    xs_init(&t);
    xs_printf(&t, "%s%s%s", m->currency ? m->currency : "",
              m->currency && *m->currency ? ", " : "", report_scale_word(m->scale));
    _pair(b, SUM_INFO + 2, "Currency and unit", xs_get(&t));
    xs_clear(&t);
    char p0[CX_PERIOD_KEY_MAX], p1[CX_PERIOD_KEY_MAX];
    xs_printf(&t, "%s\xE2\x80\x93%s", xb_number_title(b, m->first_year, p0, sizeof p0),
              xb_number_title(b, m->last_year, p1, sizeof p1));
    _pair(b, SUM_INFO + 3, xb_sub(b) ? "Periods" : "Years", xs_get(&t));
    xs_release(&t);
    _pair(b, SUM_INFO + 4, "As of", m->as_of_text);
    _master_check(b);
}

static int _has_history(const xlsx_book *b, size_t s)
{
    const cx_series_result *sr = &b->r->series[s];
    return sr->first >= 0 && sr->last_stated > sr->first && isfinite(sr->hist_multiple);
}

/* Series (label) | Name | Unit | From | To | Value from | Value to |
 * Multiple | CAGR | last year */
static void _key_row(xlsx_book *b, int row, size_t s, xb_str *f)
{
    const cx_series_result *sr = &b->r->series[s];
    lxw_worksheet *ws = b->summary;
    const char *nf = xb_series_numfmt(b, s);
    int y0 = b->m->first_year;
    xb_text(b, ws, row, 0, xb_series_label(&b->m->series[s]),
            b->m->series[s].kind == CX_S_SUM ? xb_fmt(b, NULL, XB_BOLD) : NULL);
    xb_text(b, ws, row, 1, b->m->series[s].name, xb_fmt(b, NULL, XB_GREY));
    xs_clear(f);
    xb_unit_label(b, b->m->series[s].unit, b->m->series[s].unit_text, f);
    xb_text(b, ws, row, 2, xs_get(f), NULL);
    xb_period_cell(b, ws, row, 3, y0 + sr->first, 0);
    xb_period_cell(b, ws, row, 4, y0 + sr->last_stated, 0);
    int ts[] = {sr->first, sr->last_stated, (int)b->m->nyears - 1};
    int cols[] = {5, 6, 9};
    for (int i = 0; i < 3; i++) {
        const cx_value *v = &sr->v[ts[i]];
        if (v->kind == CX_V_MISSING || !isfinite(v->base))
            continue;
        xs_clear(f);
        xs_printf(f, "=");
        xs_value_ref(b, f, XB_PROJECTION, s, ts[i], 0);
        xb_formula(b, ws, row, cols[i], f, xb_fmt(b, nf, 0), v->base);
    }
    xs_clear(f);
    xs_printf(f, "=G%d/F%d", row + 1, row + 1);
    xb_formula(b, ws, row, 7, f, xb_fmt(b, XB_FMT_MULT, XB_BOLD), sr->hist_multiple);
    xs_clear(f);
    if (isfinite(sr->hist_cagr) && xb_sub(b)) {
        /* annualised over the periods: (to/from)^(per_year/periods)-1 */
        xs_printf(f, "=(G%d/F%d)^(%d/%d)-1", row + 1, row + 1, b->m->cal.per_year,
                  sr->last_stated - sr->first);
        xb_formula(b, ws, row, 8, f, xb_fmt(b, XB_FMT_RATIO, XB_BOLD), sr->hist_cagr);
    } else if (isfinite(sr->hist_cagr)) {
        /* RRI(n, pv, fv) = (fv/pv)^(1/n)-1: Excel 2013+ and LibreOffice. */
        xs_printf(f, "=_xlfn.RRI(E%d-D%d,F%d,G%d)", row + 1, row + 1, row + 1, row + 1);
        xb_formula(b, ws, row, 8, f, xb_fmt(b, XB_FMT_RATIO, XB_BOLD), sr->hist_cagr);
    } else {
        xb_text(b, ws, row, 8, "n/a", xb_fmt(b, NULL, XB_ITALIC | XB_GREY | XB_CENTER));
    }
}

static int _key_figures(xlsx_book *b, int row)
{
    lxw_worksheet *ws = b->summary;
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    xb_text(b, ws, row++, 0, "Growth over the stated history", xb_fmt(b, NULL, XB_SECTION));
    static const char *const head[] = {"Series", "Name", "Unit", "From", "To",
        "Value from", "Value to", "Multiple", "CAGR"};
    for (int i = 0; i < 9; i++)
        xb_text(b, ws, row, i, head[i], h);
    xb_str f;
    xs_init(&f);
    char p[CX_PERIOD_KEY_MAX];
    xs_printf(&f, "%s value", xb_number_title(b, b->m->last_year, p, sizeof p));
    xb_text(b, ws, row++, 9, xs_get(&f), h);
    int first = row;
    for (size_t s = 0; s < b->m->nseries; s++)
        if (_has_history(b, s))
            _key_row(b, row++, s, &f);
    xs_release(&f);
    if (row == first)
        xb_text(b, ws, row++, 0, "(no series has two stated years)", xb_fmt(b, NULL, XB_NOTE));
    return row + 1;
}

/* A line of the summary: the label in column A, formula f in B with the
 * engine's figure, num in format nf, or text where text is not NULL (bold,
 * with the format flags tflags). */
static void _line(xlsx_book *b, int row, const char *label, xb_str *f, double num,
                  const char *nf, const char *text, unsigned tflags)
{
    xb_str w;
    xs_init(&w);
    xb_text(b, b->summary, row, 0, xb_period_words(b, label, &w), NULL);
    if (w.failed)
        b->nomem = 1;
    xs_release(&w);
    if (text)
        xb_formula_text(b, b->summary, row, 1, f, xb_fmt(b, NULL, XB_BOLD | tflags), text);
    else
        xb_formula(b, b->summary, row, 1, f, xb_fmt(b, nf, XB_BOLD), num);
}

/* A line of the summary with =Sheet!$col$row. */
static void _ref_line(xlsx_book *b, int row, const char *label, const char *sheet,
                      int srow, int scol, double num, const char *nf, const char *text,
                      unsigned tflags)
{
    xb_str f;
    xs_init(&f);
    xs_printf(&f, "=");
    xs_ref(&f, sheet, srow, scol, XB_ABS);
    _line(b, row, label, &f, num, nf, text, tflags);
    xs_release(&f);
}

/* Label and =Burn!$B$n with the engine's figure (a year or its text). */
static void _burn_ref(xlsx_book *b, int row, const char *label, int burn_row,
                      double num, const char *text, const char *nf)
{
    char p[CX_PERIOD_KEY_MAX];
    if (xb_sub(b) && !text && nf && !strcmp(nf, XB_FMT_YEAR))   /* a period's title */
        text = xb_number_title(b, (int)num, p, sizeof p);
    else if (xb_sub(b) && !text && nf && !strcmp(nf, "0.00"))   /* fractional */
        num = xb_fraction_year(b, num);
    _ref_line(b, row, label, XB_BURN, burn_row, XB_BURN_VALUE_COL, num, nf, text, XB_RIGHT);
}

static int _burn(xlsx_book *b, int row)
{
    const cx_burn_result *br = &b->r->burn;
    if (!br->enabled || !br->n)
        return row;
    const cx_burn *bu = &br->burn;
    xb_text(b, b->summary, row++, 0, "Cash burn", xb_fmt(b, NULL, XB_SECTION));
    _burn_ref(b, row++, "Peak cumulative burn", XB_BURN_PEAK, bu->peak_burn, NULL,
              b->money_numfmt);
    _burn_ref(b, row++, "Peak burn year", XB_BURN_PEAK_YEAR, bu->peak_year,
              bu->peak_year ? NULL : "no burn", XB_FMT_YEAR);
    if (br->net[0] >= 0) {       /* starts >= 0: when it turns, how deep */
        _burn_ref(b, row++, "Turns negative (year)", b->burn_tn_row, bu->turns_negative_year,
                  bu->turns_negative_year ? NULL : XB_NO_BURN, XB_FMT_YEAR);
        _burn_ref(b, row++, "Trough", b->burn_trough_row, bu->trough,
                  bu->burns ? NULL : XB_NO_BURN, b->money_numfmt);
    }
    _burn_ref(b, row++, "Break-even year", XB_BURN_BREAK_EVEN, bu->break_even_year,
              bu->break_even_year ? NULL : bu->burns ? XB_NOT_WITHIN : XB_NO_BURN,
              XB_FMT_YEAR);
    _burn_ref(b, row++, "Payback year", XB_BURN_PAYBACK, bu->payback_year,
              bu->payback_year ? NULL : bu->peak_year ? XB_NOT_WITHIN : XB_NO_PAYBACK,
              XB_FMT_YEAR);
    _burn_ref(b, row++, "Total burn", XB_BURN_TOTAL, bu->total_burn, NULL,
              b->money_numfmt);
    const cx_funding *fu = &br->funding;
    double be = fu->break_even_frac;
    _burn_ref(b, row++, "Break-even (fractional year)", b->burn_be_frac_row, be,
              isfinite(be) ? NULL : bu->burns ? XB_NOT_WITHIN : XB_NO_BURN, "0.00");
    if (!fu->has_cash)
        return row + 1;
    double rw = fu->runway_months, end = fu->runway_end;
    _burn_ref(b, row++, "Runway (months)", b->burn_runway_row, rw,
              isfinite(rw) ? NULL : "lasts the horizon", "0.0");
    _burn_ref(b, row++, "Cash runs out (fractional year)", b->burn_runout_row, end,
              isfinite(end) ? NULL : "lasts the horizon", "0.00");
    _burn_ref(b, row++, "Funding gap", b->burn_gap_row, fu->funding_gap, NULL,
              b->money_numfmt);
    _burn_ref(b, row++, "Funded within the horizon?", b->burn_funded_row, 0,
              bu->still_burning ? XB_NOT_FUNDED : "yes", NULL);
    _burn_ref(b, row++, "Default alive?", b->burn_alive_row, 0,
              fu->default_alive == 1 ? "default alive"
              : fu->default_alive == 0 ? "default dead" : "unknown", NULL);
    return row + 1;
}

/* ---- depreciation -------------------------------------------------------- */

/* label | formula f (cached num, or text when num is NAN) */
static void _dep_line(xlsx_book *b, int row, const char *label, xb_str *f, double num,
                      const char *nf, const char *text)
{
    _line(b, row, label, f, num, nf, isfinite(num) ? NULL : text, XB_RIGHT);
    xs_clear(f);
}

static int _dep_entry(xlsx_book *b, int row, size_t d, xb_str *f, xb_str *label)
{
    const cx_dep_result *dr = &b->r->deps[d];
    const xb_dep_rows *p = &b->dep_rows[d];
    int last = (int)b->m->nyears - 1, y0 = b->m->first_year;
    const char *name = b->m->depreciations[d].name;
    if (dr->first < 0)
        return row;
    xs_clear(label);
    xs_printf(label, "D&A in %d (%s)", y0 + last, name);
    xs_printf(f, "=");
    xs_ref(f, XB_DEPRECIATION, p->total, XB_YEAR0 + last, XB_ABS);
    _dep_line(b, row++, xs_get(label), f, dr->da_last, b->money_numfmt, "");
    if (dr->da_first) {
        xs_clear(label);
        xs_printf(label, "D&A %d \xC3\xB7 D&A %d", y0 + last, dr->da_first);
        xs_printf(f, "=IFERROR(");
        xs_ref(f, XB_DEPRECIATION, p->total, XB_YEAR0 + last, XB_ABS);
        xs_printf(f, "/");
        xs_ref(f, XB_DEPRECIATION, p->total, XB_YEAR0 + dr->da_first - y0, XB_ABS);
        xs_printf(f, ",\"\")");
        _dep_line(b, row++, xs_get(label), f, dr->da_multiple, XB_FMT_MULT, "");
    }
    if (p->exceed < 0)
        return row;
    xs_clear(label);
    xs_printf(label, "First year D&A \xE2\x89\xA5 %g%% of capex",
              b->m->depreciations[d].share_of_capex * 100);
    xs_printf(f, "=IF(COUNT(");
    xs_range(f, XB_DEPRECIATION, p->exceed, XB_YEAR0, p->exceed, XB_YEAR0 + last, XB_ABS);
    xs_printf(f, ")=0,\"not within horizon\",MIN(");
    xs_range(f, XB_DEPRECIATION, p->exceed, XB_YEAR0, p->exceed, XB_YEAR0 + last, XB_ABS);
    xs_printf(f, "))");
    _dep_line(b, row++, xs_get(label), f, dr->exceeds_year ? dr->exceeds_year : NAN,
              XB_FMT_YEAR, "not within horizon");
    return row;
}

static int _depreciation(xlsx_book *b, int row)
{
    if (!b->dep)
        return row;
    xb_text(b, b->summary, row++, 0, "Depreciation", xb_fmt(b, NULL, XB_SECTION));
    xb_str f, label;
    xs_init(&f);
    xs_init(&label);
    for (size_t d = 0; d < b->m->ndepreciations; d++)
        row = _dep_entry(b, row, d, &f, &label);
    xs_release(&f);
    xs_release(&label);
    return row + 1;
}

/* Label and =Valuation!$B$n: the engine's figure, or the text that stands
 * in the Valuation cell when there is none. */
static void _valuation_ref(xlsx_book *b, int row, const char *label, int vrow,
                           double num, const char *text, const char *nf)
{
    _ref_line(b, row, label, XB_VALUATION, vrow, XB_VAL_COL, num, nf,
              isfinite(num) ? NULL : text, 0);
}

static int _valuation(xlsx_book *b, int row)
{
    const cx_discount_result *d = &b->r->discount;
    if (!b->valuation || !d->n)
        return row;
    xb_str h;
    xs_init(&h);
    /* the model's rate a year; d->rate is a period's (the same when annual) */
    xs_printf(&h, "Valuation (discounted at %g%% a year", b->m->discount.rate * 100);
    if (xb_sub(b))
        xs_printf(&h, ", %.4g%% a %s", d->rate * 100, xb_per_word(b));
    xs_printf(&h, ")");
    xb_text(b, b->summary, row++, 0, xs_get(&h), xb_fmt(b, NULL, XB_SECTION));
    xs_release(&h);
    _valuation_ref(b, row++, "NPV (first flow discounted one period)", XB_VAL_NPV,
                   d->npv, "", b->money_numfmt);
    _valuation_ref(b, row++, "NPV (first flow at t=0)", XB_VAL_NPV0, d->npv0, "",
                   b->money_numfmt);
    _valuation_ref(b, row++, "XNPV", XB_VAL_XNPV, d->n < 2 ? NAN : d->xnpv,
                   "needs two or more flows", b->money_numfmt);
    _valuation_ref(b, row++, "IRR", XB_VAL_IRR, d->irr, d->irr_note, "0.0%");
    _valuation_ref(b, row++, "XIRR", XB_VAL_XIRR, d->xirr, d->xirr_note, "0.0%");
    return row + 1;
}

/* Goal seek results are values (Brent's method has no cell formula); the
 * Burn sheet's Goal seek block says how to check them. */
static int _goals(xlsx_book *b, int row)
{
    const cx_result *r = b->r;
    if (!r->ngoals)
        return row;
    xb_text(b, b->summary, row++, 0, "Goal seek (solved by Brent's method, GSL; values)",
            xb_fmt(b, NULL, XB_SECTION));
    for (size_t i = 0; i < r->ngoals; i++, row++) {
        const cx_goal_result *g = &r->goals[i];
        const cx_goal *def = &b->m->goals[g->goal];
        const char *label = def->label ? def->label : b->m->series[def->series].name;
        xb_text(b, b->summary, row, 0, label, xb_fmt(b, NULL, XB_WRAP | XB_TOP));
        xb_row_height(b, b->summary, row, xb_text_height(label, widths[0], 11));
        if (g->solved)
            xb_num(b, b->summary, row, 1, g->rate, xb_fmt(b, "0.0%", XB_BOLD));
        else
            xb_text(b, b->summary, row, 1, "no solution", xb_fmt(b, NULL, XB_BOLD | XB_WARN));
        xb_text(b, b->summary, row, 2, g->message, xb_fmt(b, NULL, XB_NOTE));
    }
    return row + 1;
}

static int _commitments(xlsx_book *b, int row)
{
    if (!b->m->ncommitments)
        return row;
    const cx_commitment_result *cr = &b->r->commitments;
    double in = 0, beyond = 0;
    size_t unscheduled = 0;
    for (size_t t = 0; t < b->m->nyears; t++)
        in += cr->total[t];
    for (size_t i = 0; i < b->m->ncommitments; i++) {
        beyond += isfinite(cr->beyond[i]) ? cr->beyond[i] : 0;
        unscheduled += !cr->scheduled[i];
    }
    xb_text(b, b->summary, row++, 0, "Commitments", xb_fmt(b, NULL, XB_SECTION));
    const char *labels[] = {"Paid within the horizon", "Paid beyond the horizon"};
    double vals[] = {in, beyond};
    xb_str f;
    xs_init(&f);
    for (int i = 0; i < 2; i++, row++) {
        xs_clear(&f);
        xs_printf(&f, "=");
        xs_ref(&f, XB_COMMITMENTS, b->cmt_total_row, b->cmt_sum_col + i, XB_ABS);
        xb_text(b, b->summary, row, 0, labels[i], NULL);
        xb_formula(b, b->summary, row, 1, &f, xb_fmt(b, b->money_numfmt, XB_BOLD), vals[i]);
    }
    if (unscheduled) {
        xs_clear(&f);
        xs_printf(&f, "%zu commitment%s without a stated period (not in the schedule)",
                  unscheduled, unscheduled == 1 ? "" : "s");
        xb_text(b, b->summary, row++, 0, xs_get(&f), xb_fmt(b, NULL, XB_NOTE));
    }
    xs_release(&f);
    return row + 1;
}

void xb_write_summary(xlsx_book *b)
{
    lxw_worksheet *ws = b->summary;
    xb_widths(b, ws, widths, KEY_COLS);
    _info(b);
    int row = _key_figures(b, SUM_KEY);
    row = _burn(b, row);
    row = _commitments(b, row);
    row = _depreciation(b, row);
    row = _valuation(b, row);
    row = _goals(b, row);
    xb_text(b, ws, row, 0, "Figures are formulas on the Projection, Burn, "
            "Commitments and Valuation sheets; inputs are on Inputs.",
            xb_fmt(b, NULL, XB_NOTE));
    int next = 2;
    xb_chart_metrics(b, ws, 2, CHART_COL, &next);
    lxw_chart *burn = xb_chart_burn(b);
    if (burn)
        xb_insert_wide_chart(b, ws, next, CHART_COL, burn);
    else if (next == 2)
        xb_text(b, ws, row + 1, 0, "No charts: no series has values in two or more "
                "years.", xb_fmt(b, NULL, XB_NOTE));
    worksheet_activate(ws);
    xb_page_setup(b, ws, "Summary");
}
