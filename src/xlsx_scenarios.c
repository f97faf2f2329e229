/*
 * xlsx_scenarios.c - the Scenarios sheet (`capex run --scenario all`): the
 * key outputs of every scenario side by side as values (each scenario is a
 * separate computation of the model, so they cannot be formulas of this
 * workbook), their differences from the base as formulas, what each
 * scenario is, and a clustered column chart of the money figures
 * (docs/workbook.md).
 */
#include <math.h>
#include <stdio.h>

#include "scenario_set.h"
#include "xlsx_book.h"

/* Rows (0-based) and columns. */
enum { _TITLE = 0, _NOTE1, _NOTE2, _HEADER = 4, _FIRST };
enum { _LABEL = 0, _UNIT, _COL0 };
#define FMT_FRAC "0.00"
#define FMT_MONTHS "0.0"
#define CHART_ROWS 18

static const cx_scenario_set *_set(const xlsx_book *b)
{
    return b->x->scenarios;
}

/* Number format and unit text of row i. */
static const char *_numfmt(xlsx_book *b, size_t i)
{
    const cx_scenario_row *row = &_set(b)->rows[i];
    switch (row->fig) {
    case CX_SF_VALUE: return xb_series_numfmt(b, row->series);
    case CX_SF_PEAK_YEAR: case CX_SF_BREAK_EVEN: case CX_SF_PAYBACK: case CX_SF_WARNINGS:
    case CX_SF_CASH_OUT:
        return XB_FMT_YEAR;
    case CX_SF_BREAK_EVEN_FRAC: case CX_SF_PAYBACK_FRAC: return FMT_FRAC;
    case CX_SF_RUNWAY: return FMT_MONTHS;
    case CX_SF_IRR: return XB_FMT_RATE;
    default: return b->money_numfmt;
    }
}

static void _unit(xlsx_book *b, size_t i, xb_str *u)
{
    const cx_scenario_row *row = &_set(b)->rows[i];
    xs_clear(u);
    switch (row->fig) {
    case CX_SF_VALUE: {
        const cx_series *s = &b->m->series[row->series];
        xb_unit_label(b, s->unit, s->unit_text, u);
        break;
    }
    case CX_SF_PEAK_YEAR: case CX_SF_BREAK_EVEN: case CX_SF_PAYBACK: case CX_SF_CASH_OUT:
        xs_printf(u, "%s", xb_per_word(b));   /* a period's title by period */
        break;
    case CX_SF_BREAK_EVEN_FRAC: case CX_SF_PAYBACK_FRAC:
        xs_printf(u, xb_sub(b) ? "fiscal year" : "year");
        break;
    case CX_SF_RUNWAY: xs_printf(u, "months"); break;
    case CX_SF_IRR: xs_printf(u, "%%"); break;
    case CX_SF_WARNINGS: xs_printf(u, "count"); break;
    default: xb_unit_label(b, CX_U_MONEY, NULL, u);
    }
}

static void _head(xlsx_book *b, int row, const char *what)
{
    const cx_scenario_set *s = _set(b);
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    xb_text(b, b->scen, row, _LABEL, what, h);
    xb_text(b, b->scen, row, _UNIT, "Unit", h);
    for (size_t k = 0; k < s->ncols; k++)
        xb_text(b, b->scen, row, _COL0 + (int)k, s->cols[k].name,
                xb_fmt(b, NULL, XB_HEADER | XB_CENTER));
}

static void _label(xlsx_book *b, int row, size_t i, xb_str *u)
{
    char label[200];
    cx_scenario_row_label(_set(b), i, label, sizeof label);
    xb_text(b, b->scen, row, _LABEL, label, NULL);
    _unit(b, i, u);
    xb_text(b, b->scen, row, _UNIT, xs_get(u), NULL);
}

/* A year figure shown as a period's title in a monthly or quarterly model. */
static int _title_row(const xlsx_book *b, size_t i)
{
    cx_scenario_fig fig = _set(b)->rows[i].fig;
    return xb_sub(b) && (fig == CX_SF_PEAK_YEAR || fig == CX_SF_BREAK_EVEN ||
                         fig == CX_SF_PAYBACK || fig == CX_SF_CASH_OUT);
}

/* Row i's value in column k as shown: a fractional period number as a
 * fractional fiscal year (itself in an annual model). */
static double _shown(const xlsx_book *b, size_t i, size_t k)
{
    const cx_scenario_set *s = _set(b);
    double v = s->value[i * s->ncols + k];
    cx_scenario_fig fig = s->rows[i].fig;
    return fig == CX_SF_BREAK_EVEN_FRAC || fig == CX_SF_PAYBACK_FRAC
           ? xb_fraction_year(b, v) : v;
}

/* The values block: one row per figure, one column per scenario. */
static void _values(xlsx_book *b, xb_str *u)
{
    const cx_scenario_set *s = _set(b);
    _head(b, _HEADER, "Output (values)");
    for (size_t i = 0; i < s->nrows; i++) {
        int row = _FIRST + (int)i;
        _label(b, row, i, u);
        lxw_format *f = xb_fmt(b, _numfmt(b, i), 0);
        for (size_t k = 0; k < s->ncols; k++) {
            double v = _shown(b, i, k);
            char p[CX_PERIOD_KEY_MAX];
            if (isfinite(v) && _title_row(b, i))
                xb_text(b, b->scen, row, _COL0 + (int)k,
                        xb_number_title(b, (int)v, p, sizeof p), xb_fmt(b, NULL, XB_RIGHT));
            else if (isfinite(v))
                xb_num(b, b->scen, row, _COL0 + (int)k, v, f);
            else
                xb_text(b, b->scen, row, _COL0 + (int)k, "n/a",
                        xb_fmt(b, NULL, XB_NOTE | XB_CENTER));
        }
    }
}

/* =IF(AND(ISNUMBER(D6),ISNUMBER($C6)),D6-$C6,"") for every other column. */
static void _diffs(xlsx_book *b, int top, xb_str *u, xb_str *f)
{
    const cx_scenario_set *s = _set(b);
    _head(b, top, "Difference from base (formulas)");
    for (size_t i = 0; i < s->nrows; i++) {
        int row = top + 1 + (int)i, vrow = _FIRST + (int)i;
        _label(b, row, i, u);
        lxw_format *fmt = xb_fmt(b, _numfmt(b, i), 0);
        for (size_t k = 1; k < s->ncols; k++) {
            int c = _COL0 + (int)k;
            xs_clear(f);
            xs_refs(f, "=IF(AND(ISNUMBER(@),ISNUMBER(@)),@-@,\"\")", vrow, c, 0u,
                    vrow, _COL0, XB_ABS_COL, vrow, c, 0u, vrow, _COL0, XB_ABS_COL);
            double d = s->diff[i * s->ncols + k];
            if (xb_sub(b) && isfinite(d))   /* titles: no number; fractions shown */
                d = _title_row(b, i) ? NAN : _shown(b, i, k) - _shown(b, i, 0);
            xb_formula(b, b->scen, row, c, f, fmt, d);
        }
    }
}

/* What each scenario is: name and description. */
static int _legend(xlsx_book *b, int top)
{
    const cx_scenario_set *s = _set(b);
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    xb_text(b, b->scen, top, _LABEL, "Scenario", h);
    xb_text(b, b->scen, top, _UNIT, "What it is", h);
    for (size_t k = 0; k < s->ncols; k++) {
        int row = top + 1 + (int)k;
        xb_text(b, b->scen, row, _LABEL, s->cols[k].name, xb_fmt(b, NULL, XB_BOLD));
        if (s->cols[k].description)
            xb_text(b, b->scen, row, _UNIT, s->cols[k].description, NULL);
    }
    return top + 1 + (int)s->ncols;
}

static void _chart(xlsx_book *b, int row)
{
    static const lxw_color_t colors[] = {0x7F7F7F, 0xC0504D, 0x4F81BD, 0xF79646,
                                         0x9BBB59, 0x8064A2, 0x4BACC6};
    const cx_scenario_set *s = _set(b);
    if (!s->nmoney)
        return;
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
    if (!chart) {
        b->nomem = 1;
        return;
    }
    lxw_row_t r0 = _FIRST, r1 = (lxw_row_t)(_FIRST + s->nmoney - 1);
    for (size_t k = 0; k < s->ncols; k++) {
        lxw_chart_series *cs = chart_add_series(chart, NULL, NULL);
        if (!cs) {
            b->nomem = 1;
            return;
        }
        lxw_col_t c = (lxw_col_t)(_COL0 + (int)k);
        chart_series_set_categories(cs, XB_SCENARIOS, r0, _LABEL, r1, _LABEL);
        chart_series_set_values(cs, XB_SCENARIOS, r0, c, r1, c);
        chart_series_set_name_range(cs, XB_SCENARIOS, _HEADER, c);
        lxw_chart_fill fill = {.color = colors[k % (sizeof colors / sizeof *colors)]};
        chart_series_set_fill(cs, &fill);
    }
    xb_chart_money_title(b, chart, "Scenarios side by side", NULL);
    chart_axis_set_num_format(chart->y_axis, b->money_numfmt);
    chart_axis_set_label_position(chart->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    xb_insert_wide_chart(b, b->scen, row, _LABEL, chart);
}

void xb_write_scenarios(xlsx_book *b)
{
    const cx_scenario_set *s = _set(b);
    lxw_worksheet *ws = b->scen;
    xb_text(b, ws, _TITLE, 0, "Scenarios: key outputs side by side", xb_fmt(b, NULL, XB_TITLE));
    xb_text(b, ws, _NOTE1, 0, "Each scenario's figures are values: each comes from a "
            "separate computation of the model, not from this workbook's formulas. "
            "The differences from base below are formulas. The scenario selector on Inputs "
            "does not change this sheet.", xb_fmt(b, NULL, XB_NOTE));
    xb_text(b, ws, _NOTE2, 0, "low / high: the base drivers with every range, floor and "
            "estimate in the inputs at its low / high end (a floor's high is its base).",
            xb_fmt(b, NULL, XB_NOTE));
    double w[] = {44, 10};
    xb_widths(b, ws, w, 2);
    for (size_t k = 0; k < s->ncols; k++)
        xb_check(b, worksheet_set_column(ws, (lxw_col_t)(_COL0 + (int)k),
                                         (lxw_col_t)(_COL0 + (int)k), 13, NULL));
    xb_str u, f;
    xs_init(&u);
    xs_init(&f);
    _values(b, &u);
    int top = _FIRST + (int)s->nrows + 1;
    _diffs(b, top, &u, &f);
    int next = _legend(b, top + 1 + (int)s->nrows + 1);
    if (u.failed || f.failed)
        b->nomem = 1;
    xs_release(&u);
    xs_release(&f);
    _chart(b, next + 1);
    worksheet_freeze_panes(ws, _HEADER + 1, _COL0);
    xb_page_setup(b, ws, "Scenarios");
}
