/*
 * xlsx_annual.c - the Annual sheet of a monthly or quarterly model: every
 * series, the burn's net cash flow and its cash by fiscal year, as live
 * formulas over the period columns of Projection and Burn. A flow is
 * =SUM(Projection!D5:O5) over its year's periods; a balance (`kind:
 * balance`) and the cash are the value at the year's last period
 * (=Projection!O5). A year the periods cover only in part is marked, and
 * its flow totals are "n/a", as the engine's roll-up (model/rollup.h) has
 * none; YoY is =E5/D5-1 where the engine defines it. Column charts by
 * year beneath. Cached values are the engine's r->annual.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "xlsx_book.h"

enum { _TITLE = 0, _NOTE = 1, _HEAD = 3, _FULL = 4, _FIRST = 5 };
#define FMT_FY "\"FY\"0"
#define NA "n/a"

/* First and last period index of fiscal year index y (-1 when none). */
static void _span(const xlsx_book *b, int y, int *t0, int *t1)
{
    const cx_calendar *cal = &b->m->cal;
    *t0 = *t1 = -1;
    for (int t = 0; t < cal->n; t++) {
        if (cx_period_fiscal_year(cal, t) - b->r->annual.first_year != y)
            continue;
        if (*t0 < 0)
            *t0 = t;
        *t1 = t;
    }
}

/* A year's cell: formula f with the engine's value v, or "n/a" (text,
 * grey) where the engine has none. */
static void _cell(xlsx_book *b, int row, int y, xb_str *f, double v, const char *nf,
                  unsigned flags)
{
    if (isfinite(v))
        xb_formula(b, b->annual, row, XB_YEAR0 + y, f, xb_fmt(b, nf, flags), v);
    else
        xb_text(b, b->annual, row, XB_YEAR0 + y, NA,
                xb_fmt(b, NULL, XB_ITALIC | XB_GREY | XB_CENTER));
}

/* =SUM(Sheet!D5:O5) over year y's periods, or =Sheet!O5 (its last). */
static void _rollup_formula(xlsx_book *b, const char *sheet, int row, int y, int balance,
                            xb_str *f)
{
    int t0, t1;
    _span(b, y, &t0, &t1);
    xs_clear(f);
    if (balance) {
        xs_printf(f, "=");
        xs_ref(f, sheet, row, XB_YEAR0 + t1, 0);
    } else {
        xs_printf(f, "=SUM(");
        xs_range(f, sheet, row, XB_YEAR0 + t0, row, XB_YEAR0 + t1, 0);
        xs_printf(f, ")");
    }
}

static void _label(xlsx_book *b, int row, const char *name, const char *unit,
                   const char *kind, unsigned flags)
{
    xb_text(b, b->annual, row, 0, name, xb_fmt(b, NULL, flags));
    xb_text(b, b->annual, row, 1, unit, NULL);
    xb_text(b, b->annual, row, 2, kind, NULL);
}

static void _series_row(xlsx_book *b, size_t s, int row, xb_str *f)
{
    const cx_rollup *u = &b->r->annual;
    const cx_series *x = &b->m->series[s];
    int balance = x->flow == CX_BALANCE;
    xb_str unit;
    xs_init(&unit);
    xb_unit_label(b, x->unit, x->unit_text, &unit);
    _label(b, row, x->name, xs_get(&unit), balance ? "year end" : "sum",
           x->kind == CX_S_SUM ? XB_BOLD : 0);
    xs_release(&unit);
    for (int y = 0; y < u->n; y++) {
        _rollup_formula(b, XB_PROJECTION, b->val_row[s], y, balance, f);
        _cell(b, row, y, f, u->series[s * (size_t)u->n + (size_t)y],
              xb_series_numfmt(b, s), XB_DERIVED);
    }
}

static void _yoy_row(xlsx_book *b, size_t s, int row, int vrow, xb_str *f)
{
    const cx_rollup *u = &b->r->annual;
    xs_clear(f);
    xs_printf(f, "%s YoY", b->m->series[s].name);
    _label(b, row, xs_get(f), "%", "", 0);
    for (int y = 1; y < u->n; y++) {
        double v = u->yoy[s * (size_t)u->n + (size_t)y];
        if (!isfinite(v))
            continue;
        xs_clear(f);
        xs_refs(f, "=@/@-1", vrow, XB_YEAR0 + y, 0u, vrow, XB_YEAR0 + y - 1, 0u);
        xb_formula(b, b->annual, row, XB_YEAR0 + y, f, xb_fmt(b, XB_FMT_RATIO, 0), v);
    }
}

static int _has_yoy(const xlsx_book *b, size_t s)
{
    const cx_rollup *u = &b->r->annual;
    for (int y = 0; y < u->n; y++)
        if (isfinite(u->yoy[s * (size_t)u->n + (size_t)y]))
            return 1;
    return 0;
}

/* Header (fiscal years, format "FY"0) and the row that marks partial years. */
static void _head(xlsx_book *b)
{
    const cx_rollup *u = &b->r->annual;
    lxw_worksheet *ws = b->annual;
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    static const char *const head[] = {"Series", "Unit", "Roll-up"};
    for (int c = 0; c < 3; c++)
        xb_text(b, ws, _HEAD, c, head[c], h);
    xb_text(b, ws, _FULL, 0, "periods in the year", xb_fmt(b, NULL, XB_NOTE));
    char buf[64];
    for (int y = 0; y < u->n; y++) {
        int t0, t1;
        _span(b, y, &t0, &t1);
        xb_num(b, ws, _HEAD, XB_YEAR0 + y, u->first_year + y,
               xb_fmt(b, FMT_FY, XB_HEADER | XB_CENTER));
        if (u->full[y])
            snprintf(buf, sizeof buf, "all %d", b->m->cal.per_year);
        else
            snprintf(buf, sizeof buf, "partial: %d of %d", t1 - t0 + 1, b->m->cal.per_year);
        xb_text(b, ws, _FULL, XB_YEAR0 + y, buf,
                xb_fmt(b, NULL, u->full[y] ? XB_NOTE | XB_CENTER : XB_WARN | XB_CENTER));
    }
}

/* The burn's net cash flow (summed) and cash (at the year's end). */
static int _burn_rows(xlsx_book *b, int row, xb_str *f)
{
    const cx_rollup *u = &b->r->annual;
    xb_str unit;
    xs_init(&unit);
    xb_unit_label(b, CX_U_MONEY, NULL, &unit);
    if (u->net && b->burn) {
        _label(b, row, "Net cash flow (Burn)", xs_get(&unit), "sum", XB_BOLD);
        for (int y = 0; y < u->n; y++) {
            _rollup_formula(b, XB_BURN, XB_BURN_NET, y, 0, f);
            _cell(b, row, y, f, u->net[y], b->money_numfmt, XB_BOLD);
        }
        b->annual_net_row = row++;
    }
    if (u->cash && b->burn && b->burn_cash_row >= 0) {
        _label(b, row, "Cash at year end (Burn)", xs_get(&unit), "year end", XB_BOLD);
        for (int y = 0; y < u->n; y++) {
            _rollup_formula(b, XB_BURN, b->burn_cash_row, y, 1, f);
            _cell(b, row, y, f, u->cash[y], b->money_numfmt, XB_BOLD);
        }
        b->annual_cash_row = row++;
    }
    xs_release(&unit);
    return row;
}

/* A column chart of rows[0..n) by fiscal year at (row, 0): wide, or
 * beside the wide one; each named by its label (names[i], the series'
 * label as the Summary's charts have it) or its row's column A. */
static void _chart(xlsx_book *b, int at, int beside, const int *rows,
                   const char *const *names, size_t n, const char *what)
{
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
    if (!chart) {
        b->nomem = 1;
        return;
    }
    int c1 = XB_YEAR0 + b->r->annual.n - 1;
    for (size_t i = 0; i < n; i++) {
        lxw_chart_series *cs = chart_add_series(chart, NULL, NULL);
        if (!cs) {
            b->nomem = 1;
            return;
        }
        chart_series_set_categories(cs, XB_ANNUAL, _HEAD, XB_YEAR0, _HEAD, (lxw_col_t)c1);
        chart_series_set_values(cs, XB_ANNUAL, (lxw_row_t)rows[i], XB_YEAR0,
                                (lxw_row_t)rows[i], (lxw_col_t)c1);
        if (names && names[i])
            chart_series_set_name(cs, names[i]);
        else
            chart_series_set_name_range(cs, XB_ANNUAL, (lxw_row_t)rows[i], 0);
    }
    xb_chart_money_title(b, chart, what, NULL);
    chart_axis_set_name(chart->x_axis, "Fiscal year");
    chart_axis_set_num_format(chart->x_axis, FMT_FY);
    chart_axis_set_num_format(chart->y_axis, b->money_numfmt);
    chart_axis_set_label_position(chart->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    if (beside)
        xb_insert_beside_wide(b, b->annual, at, 0, chart);
    else
        xb_insert_wide_chart(b, b->annual, at, 0, chart);
}

#define MAX_CHART 10

/* The money flows (at most ten, in model order), and beside them the
 * burn's rows. */
static void _charts(xlsx_book *b, const int *vrow, int at)
{
    int rows[MAX_CHART];
    const char *names[MAX_CHART];
    size_t n = 0;
    for (size_t s = 0; s < b->m->nseries && n < MAX_CHART; s++)
        if (b->m->series[s].unit == CX_U_MONEY && b->m->series[s].flow == CX_FLOW) {
            names[n] = xb_series_label(&b->m->series[s]);
            rows[n++] = vrow[s];
        }
    int beside = n > 0;
    if (n)
        _chart(b, at, 0, rows, names, n, "By fiscal year");
    n = 0;
    if (b->annual_net_row >= 0)
        rows[n++] = b->annual_net_row;
    if (b->annual_cash_row >= 0)
        rows[n++] = b->annual_cash_row;
    if (n)
        _chart(b, at, beside, rows, NULL, n, b->annual_cash_row < 0 ?
               (beside ? "Net cash flow" : "Net cash flow by fiscal year") :
               (beside ? "Net cash flow and cash" : "Net cash flow and cash by fiscal year"));
}

static void _titles(xlsx_book *b)
{
    static const char *const months[] = {"January", "February", "March", "April", "May",
        "June", "July", "August", "September", "October", "November", "December"};
    char t[96];
    snprintf(t, sizeof t, "Annual roll-ups (fiscal years ending in %s)",
             months[(b->m->cal.fy_end + 11) % 12]);
    xb_text(b, b->annual, _TITLE, 0, t, xb_fmt(b, NULL, XB_TITLE));
    xb_text(b, b->annual, _NOTE, 0, "Flows: the SUM of the year's periods on Projection "
            "and Burn; balances (kind: balance) and cash: the value at the year's last "
            "period; a partial year has no flow total (n/a)", xb_fmt(b, NULL, XB_NOTE));
}

void xb_write_annual(xlsx_book *b)
{
    const cx_model *m = b->m;
    int *vrow = calloc(m->nseries ? m->nseries : 1, sizeof *vrow);
    if (!vrow) {
        b->nomem = 1;
        return;
    }
    xb_str f;
    xs_init(&f);
    _titles(b);
    _head(b);
    int row = _FIRST;
    for (size_t s = 0; s < m->nseries; s++) {
        vrow[s] = row;
        _series_row(b, s, row++, &f);
    }
    row = _burn_rows(b, row, &f) + 1;
    xb_text(b, b->annual, row++, 0, "Year-on-year growth", xb_fmt(b, NULL, XB_SECTION));
    for (size_t s = 0; s < m->nseries; s++)
        if (_has_yoy(b, s))
            _yoy_row(b, s, row++, vrow[s], &f);
    if (f.failed)
        b->nomem = 1;
    xs_release(&f);
    _charts(b, vrow, row + 1);
    free(vrow);
    static const double widths[] = {26, 10, 10};
    xb_widths(b, b->annual, widths, 3);
    xb_check(b, worksheet_set_column(b->annual, XB_YEAR0,
                                     (lxw_col_t)(XB_YEAR0 + b->r->annual.n - 1), 14, NULL));
    worksheet_freeze_panes(b->annual, _HEAD + 1, XB_YEAR0);
    xb_page_setup(b, b->annual, "Annual");
}
