/*
 * xlsx_projection.c - the Projection sheet: one row per series over the
 * model's years (stated figures point at Inputs, gaps are interpolated,
 * later years grow by the rate row beneath), year-on-year growth, and the
 * rows the Summary charts plot.
 *
 * Every formula computes in the engine's order (result.h), so a
 * recalculation reproduces the cached values.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_book.h"

#define PROJ_YEAR_ROW 3
/* A monthly or quarterly model with a fitted trend: the x each period is
 * fitted at (number / k, the fiscal year plus its place in it), in the
 * row above the titles. */
#define PROJ_X_ROW 2

static int _stated(const cx_value *v)
{
    return v->kind == CX_V_EXACT || v->kind == CX_V_ESTIMATE ||
           v->kind == CX_V_FLOOR || v->kind == CX_V_RANGE;
}

/* A growth rate row: chained methods with projected years. */
static int _has_projection(const xlsx_book *b, size_t s)
{
    const cx_series_result *sr = &b->r->series[s];
    if (!cx_method_chained(b->r->drivers[s].method))
        return 0;
    for (size_t t = 0; t < b->m->nyears; t++)
        if (sr->v[t].kind == CX_V_PROJECTED)
            return 1;
    return 0;
}

static int _has_yoy(const xlsx_book *b, size_t s)
{
    for (size_t t = 0; t < b->m->nyears; t++)
        if (isfinite(b->r->series[s].yoy[t]))
            return 1;
    return 0;
}

/* PP&E balances of a depreciation entry: not charted beside its D&A (the
 * Depreciation sheet charts capex against D&A). */
static int _balance(const xlsx_book *b, size_t s)
{
    const cx_series *x = &b->m->series[s];
    return x->kind == CX_S_DEPRECIATION && x->dep_part != CX_DEP_EXPENSE;
}

/* Rows of every block, decided before any sheet is written (Inputs
 * references Projection cells for CAGR windows). */
int xb_plan_projection(xlsx_book *b)
{
    size_t n = b->m->nseries;
    int row = PROJ_YEAR_ROW + 1;
    b->year_row = PROJ_YEAR_ROW;
    for (size_t s = 0; s < n; s++) {
        b->val_row[s] = row++;
        b->rate_row[s] = _has_projection(b, s) ? row++ : -1;
    }
    b->yoy_head = ++row;
    row++;
    for (size_t s = 0; s < n; s++)
        b->yoy_row[s] = _has_yoy(b, s) ? row++ : -1;
    if (row == b->yoy_head + 1)
        row++;                  /* "(no year-on-year growth)" */
    /* Chart rows only for the series the Summary charts draw. */
    for (size_t s = 0; s < n; s++)
        b->chart_row[s] = b->r->series[s].first >= 0 && !_balance(b, s) ? 0 : -1;
    xb_plan_charts(b);
    b->chart_head = ++row;
    row++;
    for (size_t s = 0; s < n; s++) {
        if (b->chart_row[s] >= 0) {
            b->chart_row[s] = row;
            row += 2;
        }
    }
    return 0;
}

/* Previous / next stated year index around t, -1 when none. */
static int _stated_before(const cx_series *x, int t)
{
    while (--t >= 0)
        if (_stated(&x->stated[t]))
            return t;
    return -1;
}

static int _stated_after(const cx_series *x, int t, int n)
{
    while (++t < n)
        if (_stated(&x->stated[t]))
            return t;
    return -1;
}

static unsigned _style(const cx_series *x, cx_value_kind k)
{
    if (x->kind == CX_S_FORMULA && k == CX_V_DERIVED)
        return XB_DERIVED;
    if (x->kind == CX_S_SUM)
        return XB_DERIVED | (k == CX_V_PROJECTED ? XB_PROJ : 0);
    switch (k) {
    case CX_V_INTERPOLATED: return XB_ITALIC | XB_GREY;
    case CX_V_PROJECTED: return XB_PROJ;
    default: return 0;
    }
}

/* The fitted x of period index t: the year row's cell, or by period the
 * x row's. */
static void _x_ref(xlsx_book *b, int t, xb_str *f)
{
    xs_ref(f, NULL, xb_sub(b) ? PROJ_X_ROW : b->year_row, XB_YEAR0 + t, XB_ABS_ROW);
}

/* By period: =TREND(Projection's stated cells,their x,x) over the fit's
 * window, when its stated periods are consecutive (else no formula). */
static int _trend_periods(xlsx_book *b, size_t s, int t, xb_str *f)
{
    const cx_fit *fit = &b->r->series[s].fit;
    int a, z;
    if (!xb_trend_window(b, s, &a, &z))
        return 0;
    int row = b->val_row[s];
    xs_printf(f, "%s(", fit->kind == CX_FIT_LINEAR ? "TREND" : "GROWTH");
    xs_range(f, NULL, row, XB_YEAR0 + a, row, XB_YEAR0 + z, XB_ABS);
    xs_printf(f, ",");
    xs_range(f, NULL, PROJ_X_ROW, XB_YEAR0 + a, PROJ_X_ROW, XB_YEAR0 + z, XB_ABS);
    xs_printf(f, ",");
    _x_ref(b, t, f);
    xs_printf(f, ")");
    return 1;
}

/* Trend, linear or exponential: =TREND(known_ys,known_xs,year) or
 * =GROWTH(...) over the fitted figures on Inputs (base and year columns;
 * a series' figures are consecutive rows there, in year order). */
static int _trend_formula(xlsx_book *b, size_t s, int t, xb_str *f)
{
    const cx_fit *fit = &b->r->series[s].fit;
    if (xb_sub(b))
        return _trend_periods(b, s, t, f);
    int a = xb_fig_row(b, s, fit->from - b->m->first_year);
    int z = xb_fig_row(b, s, fit->to - b->m->first_year);
    if (a < 0 || z < 0 || (size_t)(z - a + 1) != fit->n)
        return 0;
    xs_printf(f, "%s(", fit->kind == CX_FIT_LINEAR ? "TREND" : "GROWTH");
    xs_range(f, XB_INPUTS, a, XB_FIG_BASE, z, XB_FIG_BASE, XB_ABS);
    xs_printf(f, ",");
    xs_range(f, XB_INPUTS, a, XB_FIG_YEAR, z, XB_FIG_YEAR, XB_ABS);
    xs_printf(f, ",");
    xs_ref(f, NULL, b->year_row, XB_YEAR0 + t, XB_ABS_ROW);
    xs_printf(f, ")");
    return 1;
}

/* A projected year of a method that is not chained. */
static int _unchained_formula(xlsx_book *b, size_t s, int t, xb_str *f)
{
    const cx_driver *d = &b->r->drivers[s];
    const char *n = b->drv_name[s];
    if (d->method == CX_D_TREND && b->r->series[s].fit.kind == CX_FIT_LOGISTIC) {
        if (!n)
            return 0;
        xs_printf(f, "%s_L/(1+EXP(-%s_k*(", n, n);
        _x_ref(b, t, f);
        xs_printf(f, "-%s_t0)))", n);
        return 1;
    }
    if (d->method == CX_D_TREND)
        return _trend_formula(b, s, t, f);
    /* share, intensity: of(t) * share(t), the engine's order */
    xs_value_ref(b, f, NULL, d->of, t, 0);
    xs_printf(f, "*");
    if (d->share_series != CX_NO_INDEX)
        xs_value_ref(b, f, NULL, d->share_series, t, 0);
    else if (n)
        xs_printf(f, "%s_share", n);
    else
        return 0;
    return 1;
}

/* Formula for series s in year index t into f; 0 when there is none (the
 * value is then written as a number). */
static int _value_formula(xlsx_book *b, size_t s, int t, xb_str *f)
{
    const cx_series *x = &b->m->series[s];
    const cx_value *v = &b->r->series[s].v[t];
    int row = b->val_row[s], col = XB_YEAR0 + t;
    xs_printf(f, "=");
    if (x->kind == CX_S_DEPRECIATION)
        return xb_dep_value_ref(b, s, t, f);
    if (x->kind == CX_S_SUM) {
        for (size_t i = 0; i < x->nparts; i++) {
            if (i)
                xs_printf(f, "+");
            xs_value_ref(b, f, NULL, x->parts[i], t, 0);
        }
        return x->nparts > 0;
    }
    if (x->kind == CX_S_FORMULA && (v->kind == CX_V_DERIVED || v->kind == CX_V_MISSING)) {
        xs_clear(f);
        return xb_derived_formula(b, s, t, f);
    }
    if (_stated(v) && xb_fig_row(b, s, t) >= 0) {
        xs_ref(f, XB_INPUTS, xb_fig_row(b, s, t), XB_FIG_BASE, 0);
        return 1;
    }
    if (v->kind == CX_V_INTERPOLATED && t > 0) {
        int a = _stated_before(x, t), z = _stated_after(x, t, (int)b->m->nyears);
        if (a < 0 || z < 0 || xb_fig_row(b, s, a) < 0 || xb_fig_row(b, s, z) < 0)
            return 0;
        xs_ref(f, NULL, row, col - 1, 0);
        xs_printf(f, "+(");
        xs_ref(f, XB_INPUTS, xb_fig_row(b, s, z), XB_FIG_BASE, XB_ABS);
        xs_printf(f, "-");
        xs_ref(f, XB_INPUTS, xb_fig_row(b, s, a), XB_FIG_BASE, XB_ABS);
        xs_printf(f, ")/%d", z - a);
        return 1;
    }
    if (v->kind == CX_V_PROJECTED && !cx_method_chained(b->r->drivers[s].method))
        return _unchained_formula(b, s, t, f);
    if (v->kind == CX_V_PROJECTED && t > 0 && b->rate_row[s] >= 0) {
        xs_ref(f, NULL, row, col - 1, 0);
        xs_printf(f, "*(1+");
        xs_ref(f, NULL, b->rate_row[s], col, 0);
        xs_printf(f, ")");
        return 1;
    }
    return 0;
}

static void _value_row(xlsx_book *b, size_t s)
{
    const cx_series *x = &b->m->series[s];
    const cx_driver *d = &b->r->drivers[s];
    int row = b->val_row[s];
    xb_str u;
    xs_init(&u);
    xb_unit_label(b, x->unit, x->unit_text, &u);
    xb_text(b, b->proj, row, 0, x->name, xb_fmt(b, NULL, x->kind == CX_S_SUM ? XB_BOLD : 0));
    xb_text(b, b->proj, row, 1, xs_get(&u), NULL);
    xb_text(b, b->proj, row, 2, x->kind == CX_S_SUM ? "sum"
            : x->kind == CX_S_FORMULA ? "formula"
            : d->method != CX_D_NONE ? cx_method_name(d->method) : "", NULL);
    xs_release(&u);
    const char *nf = xb_series_numfmt(b, s);
    xb_str f;
    xs_init(&f);
    if (xb_switch_series(b, s)) {   /* the selected scenario's method */
        xb_switch_method(b, s, &f);
        xb_formula_text(b, b->proj, row, 2, &f, NULL, cx_method_name(d->method));
    }
    for (size_t t = 0; t < b->m->nyears; t++) {
        const cx_value *v = &b->r->series[s].v[t];
        if (v->kind == CX_V_MISSING && x->kind == CX_S_FORMULA) {
            xs_clear(&f);
            if (xb_derived_formula(b, s, (int)t, &f))   /* empty: "" cached */
                xb_formula_text(b, b->proj, row, XB_YEAR0 + (int)t, &f,
                                xb_fmt(b, nf, XB_DERIVED), "");
            continue;
        }
        if (v->kind == CX_V_MISSING || !isfinite(v->base))
            continue;
        lxw_format *fmt = xb_fmt(b, nf, _style(x, v->kind));
        xs_clear(&f);
        if (_value_formula(b, s, (int)t, &f))
            xb_formula(b, b->proj, row, XB_YEAR0 + (int)t, &f, fmt, v->base);
        else
            xb_num(b, b->proj, row, XB_YEAR0 + (int)t, v->base, fmt);
    }
    xs_release(&f);
}

/* The growth rate of projected year k (1-based) as a formula on the driver
 * cells of Inputs. */
static int _rate_formula(xlsx_book *b, size_t s, int k, xb_str *f)
{
    const cx_driver *d = &b->r->drivers[s];
    const char *n = b->drv_name[s];
    if (!n)
        return 0;
    switch (d->method) {
    case CX_D_GROWTH:
        xs_printf(f, "=%s_rate", n);
        return 1;
    case CX_D_CAGR:
        xs_printf(f, "=%s_cagr", n);
        return 1;
    case CX_D_RATES: {
        if (!d->nrates)
            return 0;
        size_t i = (size_t)k <= d->nrates ? (size_t)k - 1 : d->nrates - 1;
        xs_printf(f, "=");
        xs_ref(f, XB_INPUTS, b->drv_row[s], XB_DRV_RATES + (int)i, XB_ABS);
        return 1;
    }
    case CX_D_FADE:
        xs_printf(f, "=%s_from+(%s_to-%s_from)*MIN(%d,%s_over-1)/MAX(%s_over-1,1)",
                  n, n, n, k - 1, n, n);
        return 1;
    case CX_D_STAGES:
        xs_printf(f, "=IF(%d<=%s_high_years,%s_high,IF(%s_fade_years=0,%s_to,"
                  "%s_high+(%s_to-%s_high)*MIN(%d-%s_high_years,%s_fade_years)/%s_fade_years))",
                  k, n, n, n, n, n, n, n, k, n, n, n);
        return 1;
    default:
        return 0;
    }
}

/* The (fiscal) year of period index t: its rate override's key. */
static int _fiscal_year(const xlsx_book *b, int t)
{
    return xb_sub(b) ? cx_period_fiscal_year(&b->m->cal, t) : b->m->first_year + t;
}

/* Projected year k (1-based) of the j-th projected period: a year's
 * periods share its rate (compute_series.c). */
static int _projected_year(const xlsx_book *b, int j)
{
    return (j - 1) / b->m->cal.per_year + 1;
}

static void _rate_row(xlsx_book *b, size_t s)
{
    const cx_series_result *sr = &b->r->series[s];
    int row = b->rate_row[s];
    xb_text(b, b->proj, row, 0, "  growth rate", xb_fmt(b, NULL, XB_ITALIC));
    xb_text(b, b->proj, row, 1, "%", NULL);
    lxw_format *fmt = xb_fmt(b, XB_FMT_RATE, XB_ITALIC | XB_PROJ);
    lxw_format *input = xb_fmt(b, XB_FMT_RATE, XB_INPUT);
    xb_str f;
    xs_init(&f);
    for (size_t t = 0; t < b->m->nyears; t++) {
        double given;
        if (sr->v[t].kind != CX_V_PROJECTED || !isfinite(sr->rate[t]))
            continue;
        if (xb_switch_series(b, s)) {
            xs_clear(&f);
            xb_switch_rate(b, s, (int)t, &f);
            xb_formula(b, b->proj, row, XB_YEAR0 + (int)t, &f, fmt, sr->rate[t]);
            continue;
        }
        if (cx_driver_override(&b->r->drivers[s], _fiscal_year(b, (int)t), &given)) {
            xb_num(b, b->proj, row, XB_YEAR0 + (int)t, sr->rate[t], input);
            continue;
        }
        xs_clear(&f);
        if (_rate_formula(b, s, _projected_year(b, (int)t - sr->last_stated), &f)) {
            xb_convert_rate(b, s, &f);
            xb_formula(b, b->proj, row, XB_YEAR0 + (int)t, &f, fmt, sr->rate[t]);
        } else {
            xb_num(b, b->proj, row, XB_YEAR0 + (int)t, sr->rate[t], fmt);
        }
    }
    xs_release(&f);
}

static void _yoy_row(xlsx_book *b, size_t s, int row)
{
    const cx_series_result *sr = &b->r->series[s];
    xb_str f;
    xs_init(&f);
    xs_printf(&f, "%s YoY", b->m->series[s].name);
    xb_text(b, b->proj, row, 0, xs_get(&f), NULL);
    xb_text(b, b->proj, row, 1, "%", NULL);
    lxw_format *fmt = xb_fmt(b, XB_FMT_RATIO, 0);
    int per = b->m->cal.per_year;   /* against the same period a year earlier */
    for (int t = per; t < (int)b->m->nyears; t++) {
        if (!isfinite(sr->yoy[t]))
            continue;
        xs_clear(&f);
        xs_printf(&f, "=");
        xs_value_ref(b, &f, NULL, s, t, 0);
        xs_printf(&f, "/");
        xs_value_ref(b, &f, NULL, s, t - per, 0);
        xs_printf(&f, "-1");
        xb_formula(b, b->proj, row, XB_YEAR0 + t, &f, fmt, sr->yoy[t]);
    }
    xs_release(&f);
}

/* Two rows per series for the Summary charts: history (first..last stated)
 * and projection (last stated..last), each a reference to the value row,
 * blank elsewhere so the lines have gaps. */
static void _chart_rows(xlsx_book *b, size_t s)
{
    const cx_series_result *sr = &b->r->series[s];
    int row = b->chart_row[s];
    int hist_end = sr->last_stated >= 0 ? sr->last_stated : sr->last;
    lxw_format *lab = xb_fmt(b, NULL, XB_NOTE);
    lxw_format *fmt = xb_fmt(b, xb_series_numfmt(b, s), XB_NOTE);
    xb_text(b, b->proj, row, 0, xb_series_label(&b->m->series[s]), lab);
    xb_text(b, b->proj, row, 1, "history", lab);
    xb_text(b, b->proj, row + 1, 0, xb_series_label(&b->m->series[s]), lab);
    xb_text(b, b->proj, row + 1, 1, "projection", lab);
    xb_str f;
    xs_init(&f);
    for (int t = sr->first; t >= 0 && t <= sr->last; t++) {
        const cx_value *v = &sr->v[t];
        if (v->kind == CX_V_MISSING || !isfinite(v->base))
            continue;
        for (int p = 0; p < 2; p++) {
            if ((p == 0 && t > hist_end) || (p == 1 && (t < hist_end || sr->last <= hist_end)))
                continue;
            xs_clear(&f);
            xs_printf(&f, "=");
            xs_value_ref(b, &f, NULL, s, t, 0);
            xb_formula(b, b->proj, row + p, XB_YEAR0 + t, &f, fmt, v->base);
        }
    }
    xs_release(&f);
}

static void _legend(xlsx_book *b)
{
    lxw_worksheet *ws = b->proj;
    xb_text(b, ws, 1, 0, "Cells:", xb_fmt(b, NULL, XB_NOTE));
    xb_text(b, ws, 1, XB_YEAR0, "stated", NULL);
    xb_text(b, ws, 1, XB_YEAR0 + 1, "interpolated", xb_fmt(b, NULL, XB_ITALIC | XB_GREY));
    xb_text(b, ws, 1, XB_YEAR0 + 2, "projected", xb_fmt(b, NULL, XB_PROJ));
    xb_text(b, ws, 1, XB_YEAR0 + 3, "sum or formula", xb_fmt(b, NULL, XB_DERIVED));
}

static void _header_row(xlsx_book *b, int row, const char *first)
{
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    xb_text(b, b->proj, row, 0, first, h);
    xb_text(b, b->proj, row, 1, "Unit", h);
    xb_text(b, b->proj, row, 2, "Method", h);
    for (size_t t = 0; t < b->m->nyears; t++)
        xb_period_head(b, b->proj, row, XB_YEAR0 + (int)t, (int)t);
}

/* By period with a fitted trend: the row of each period's x. */
static void _x_row(xlsx_book *b)
{
    int any = 0;
    for (size_t s = 0; s < b->m->nseries; s++)
        any |= b->r->drivers[s].method == CX_D_TREND;
    if (!xb_sub(b) || !any)
        return;
    xb_text(b, b->proj, PROJ_X_ROW, 0, "x of a fitted trend (fiscal year)",
            xb_fmt(b, NULL, XB_NOTE));
    for (size_t t = 0; t < b->m->nyears; t++)
        xb_num(b, b->proj, PROJ_X_ROW, XB_YEAR0 + (int)t,
               (double)cx_period_number(&b->m->cal, (int)t) / b->m->cal.per_year,
               xb_fmt(b, "0.000", XB_NOTE | XB_CENTER));
}

void xb_write_projection(xlsx_book *b)
{
    lxw_worksheet *ws = b->proj;
    xb_str t;
    xs_init(&t);
    xs_printf(&t, "Projection (scenario: %s)", b->r->scenario ? b->r->scenario : "base");
    xb_text(b, ws, 0, 0, xs_get(&t), xb_fmt(b, NULL, XB_TITLE));
    xs_release(&t);
    _legend(b);
    _header_row(b, PROJ_YEAR_ROW, "Series");
    _x_row(b);
    for (size_t s = 0; s < b->m->nseries; s++) {
        _value_row(b, s);
        if (b->rate_row[s] >= 0)
            _rate_row(b, s);
    }
    xb_text(b, ws, b->yoy_head, 0, "Year-on-year growth", xb_fmt(b, NULL, XB_SECTION));
    int any = 0;
    for (size_t s = 0; s < b->m->nseries; s++)
        if (b->yoy_row[s] >= 0) {
            _yoy_row(b, s, b->yoy_row[s]);
            any = 1;
        }
    if (!any)
        xb_text(b, ws, b->yoy_head + 1, 0, "(no series has values in two consecutive years)",
                xb_fmt(b, NULL, XB_NOTE));
    any = 0;
    for (size_t s = 0; s < b->m->nseries; s++)
        any |= b->chart_row[s] >= 0;
    xb_text(b, ws, b->chart_head, 0, any ? "Chart data (history, then projection from "
            "the last stated year)" : "Chart data: none (no chart on Summary)",
            xb_fmt(b, NULL, XB_NOTE));
    for (size_t s = 0; s < b->m->nseries; s++)
        if (b->chart_row[s] >= 0)
            _chart_rows(b, s);
    static const double widths[] = {26, 10, 10};
    xb_widths(b, ws, widths, 3);
    /* Year columns; at least four, which the cell legend of row 2 uses. */
    size_t ncols = b->m->nyears > 4 ? b->m->nyears : 4;
    xb_check(b, worksheet_set_column(ws, XB_YEAR0, (lxw_col_t)(XB_YEAR0 + ncols - 1),
                                     12, NULL));
    worksheet_freeze_panes(ws, PROJ_YEAR_ROW + 1, XB_YEAR0);
    xb_page_setup(b, ws, "Projection");
    xb_period_print(b, ws);
}
