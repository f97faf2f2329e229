/*
 * xlsx_charts.c - charts: one line chart per metric (history solid,
 * projection dashed, same colour), the cumulative burn and the net cash
 * flow as columns, and the commitments stacked by year.
 *
 * Chart series names point at label cells (never literal text, which
 * libxlsxwriter would read as a formula when it starts with '=').
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_book.h"

#define CHART_ROWS XB_CHART_ROWS
#define TITLE_PT   12           /* chart titles: one line at the chart's width */
#define NEGATIVE   0xC0504D     /* red: cumulative burn below zero */
#define POSITIVE   0x5A9E4B     /* green: at or above zero */

static const lxw_color_t palette[] = {
    0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2,
    0x7F7F7F, 0xBCBD22, 0x17BECF,
};

/* Chart titles: a leading '=' would make libxlsxwriter treat it as a
 * reference. */
static void _title(lxw_chart *chart, xb_str *t)
{
    if (t->failed)
        return;
    chart_title_set_name(chart, t->s && t->s[0] == '=' ? t->s + 1 : xs_get(t));
    lxw_chart_font font = {.size = TITLE_PT, .bold = LXW_TRUE};
    chart_title_set_name_font(chart, &font);
}

void xb_chart_money_title(xlsx_book *b, lxw_chart *chart, const char *what,
                          const char *of)
{
    xb_str t;
    xs_init(&t);
    xs_printf(&t, "%s%s (", what, of ? of : "");
    xb_unit_label(b, CX_U_MONEY, NULL, &t);
    xs_printf(&t, ")");
    _title(chart, &t);
    xs_release(&t);
}

/* Values of series s that a chart can draw (at most 2 are counted). */
static int _points(const xlsx_book *b, size_t s)
{
    const cx_series_result *sr = &b->r->series[s];
    int n = 0;
    for (int t = sr->first; t >= 0 && t <= sr->last && n < 2; t++)
        n += sr->v[t].kind != CX_V_MISSING && isfinite(sr->v[t].base);
    return n;
}

static lxw_chart_series *_line_series(xlsx_book *b, lxw_chart *chart, int row,
                                      lxw_color_t color, int dashed)
{
    lxw_chart_series *cs = chart_add_series(chart, NULL, NULL);
    if (!cs) {
        b->nomem = 1;
        return NULL;
    }
    int c1 = XB_YEAR0 + (int)b->m->nyears - 1;
    chart_series_set_categories(cs, XB_PROJECTION, (lxw_row_t)b->year_row, XB_YEAR0,
                                (lxw_row_t)b->year_row, (lxw_col_t)c1);
    chart_series_set_values(cs, XB_PROJECTION, (lxw_row_t)row, XB_YEAR0,
                            (lxw_row_t)row, (lxw_col_t)c1);
    chart_series_set_name_range(cs, XB_PROJECTION, (lxw_row_t)row, 0);
    lxw_chart_line line = {.color = color, .width = 2.25,
                           .dash_type = dashed ? LXW_CHART_LINE_DASH_DASH : 0};
    chart_series_set_line(cs, &line);
    chart_series_set_marker_type(cs, LXW_CHART_MARKER_NONE);
    return cs;
}

/* Series s belongs to the chart of (metric, sum): sums get a chart of
 * their own, they would flatten their parts. */
static int _in_chart(const xlsx_book *b, size_t s, const char *metric, int sum)
{
    char buf[128];
    if (b->chart_row[s] < 0 || (b->m->series[s].kind == CX_S_SUM) != sum)
        return 0;
    cx_series_metric(&b->m->series[s], buf, sizeof buf);
    return !strcmp(buf, metric);
}

/* A metric's name for people: the usual words for common keys
 * ("fcf": "Free cash flow"), else the key with spaces for '_' and a capital
 * first letter ("ai_infra": "Ai infra"). */
static void _metric_words(const char *metric, xb_str *t)
{
    static const char *const words[][2] = {
        {"capex", "Capital expenditure"}, {"revenue", "Revenue"}, {"costs", "Costs"},
        {"cost", "Cost"}, {"opex", "Operating expenses"}, {"fcf", "Free cash flow"},
        {"ocf", "Operating cash flow"}, {"ebitda", "EBITDA"}, {"ebit", "EBIT"},
        {"net", "Net cash flow"}, {"cash", "Cash"}, {"users", "Users"},
        {"hbm", "HBM"}, {"dram", "DRAM"}, {"gpu", "GPUs"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(metric, words[i][0])) {
            xs_printf(t, "%s", words[i][1]);
            return;
        }
    for (const char *p = metric; *p; p++) {
        char c = *p == '_' ? ' ' : *p;
        if (p == metric && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        xs_printf(t, "%c", c);
    }
}

/* Series of (metric, sum) left out by _cap_charts. */
static size_t _cut(const xlsx_book *b, const char *metric, int sum, size_t first)
{
    char buf[128];
    size_t k = 0;
    for (size_t s = first; s < b->m->nseries; s++) {
        if (b->chart_row[s] != -2 || (b->m->series[s].kind == CX_S_SUM) != sum)
            continue;
        cx_series_metric(&b->m->series[s], buf, sizeof buf);
        k += !strcmp(buf, metric);
    }
    return k;
}

/* A chart of one series (only) is titled with its label, else the metric
 * (members series from first on drawn). */
static void _metric_title(xlsx_book *b, lxw_chart *chart, const char *metric,
                          size_t first, size_t members, size_t only)
{
    int sum = b->m->series[first].kind == CX_S_SUM;
    xb_str t;
    xs_init(&t);
    if (members == 1)
        xs_printf(&t, "%s (", xb_series_label(&b->m->series[only]));
    else {
        _metric_words(metric, &t);
        xs_printf(&t, "%s (", sum ? " total" : "");
    }
    xb_unit_label(b, b->m->series[first].unit, b->m->series[first].unit_text, &t);
    xs_printf(&t, ")");
    size_t cut = _cut(b, metric, sum, first);
    if (cut)
        xs_printf(&t, ", first %zu of %zu", members, members + cut);
    _title(chart, &t);
    xs_release(&t);
}

/* The line chart of one metric: every series of it with chart rows. */
static lxw_chart *_metric_chart(xlsx_book *b, const char *metric, size_t first)
{
    int sum = b->m->series[first].kind == CX_S_SUM;
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_LINE);
    if (!chart) {
        b->nomem = 1;
        return NULL;
    }
    size_t n = b->m->nseries, k = 0;
    int16_t *hide = malloc((n + 1) * sizeof *hide);
    if (!hide) {
        b->nomem = 1;
        return chart;
    }
    int nseries = 0, nhide = 0;
    size_t only = first, members = 0;
    for (size_t s = first; s < n; s++) {
        if (!_in_chart(b, s, metric, sum))
            continue;
        only = s;
        members++;
        const cx_series_result *sr = &b->r->series[s];
        int hist_end = sr->last_stated >= 0 ? sr->last_stated : sr->last;
        lxw_color_t color = palette[k++ % (sizeof palette / sizeof palette[0])];
        /* Markers on the history: a single stated year still shows. */
        lxw_chart_series *hs = _line_series(b, chart, b->chart_row[s], color, 0);
        if (hs) {
            chart_series_set_marker_type(hs, LXW_CHART_MARKER_CIRCLE);
            chart_series_set_marker_size(hs, 5);
            lxw_chart_fill mf = {.color = color};
            lxw_chart_line ml = {.color = color};
            chart_series_set_marker_fill(hs, &mf);
            chart_series_set_marker_line(hs, &ml);
        }
        nseries++;
        if (sr->last > hist_end) {
            _line_series(b, chart, b->chart_row[s] + 1, color, 1);
            hide[nhide++] = (int16_t)nseries++;
        }
    }
    hide[nhide] = -1;
    if (nhide)
        xb_check(b, chart_legend_delete_series(chart, hide));
    free(hide);

    _metric_title(b, chart, metric, first, members, only);
    chart_axis_set_name(chart->x_axis, xb_axis_word(b));
    chart_axis_set_num_format(chart->y_axis, xb_series_numfmt(b, first));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    return chart;
}

/* A chart draws one line per palette colour at most: the first CHART_MAX
 * series of a metric in the model's order. The others keep no chart rows
 * (chart_row -2, counted in the title): fifty lines and a legend of fifty
 * names is no chart to read, and their cells cost a fifth of the workbook
 * (docs/performance.md). */
#define CHART_MAX ((int)(sizeof palette / sizeof palette[0]))

static void _cap_charts(xlsx_book *b)
{
    char buf[128];
    size_t n = b->m->nseries;
    unsigned char *seen = calloc(n ? n : 1, 1);
    if (!seen) {
        b->nomem = 1;
        return;
    }
    for (size_t s = 0; s < n; s++) {
        if (b->chart_row[s] < 0 || seen[s])
            continue;
        cx_series_metric(&b->m->series[s], buf, sizeof buf);
        int sum = b->m->series[s].kind == CX_S_SUM, k = 0;
        for (size_t o = s; o < n; o++)
            if (_in_chart(b, o, buf, sum)) {
                seen[o] = 1;
                if (++k > CHART_MAX)
                    b->chart_row[o] = -2;
            }
    }
    free(seen);
}

void xb_plan_charts(xlsx_book *b)
{
    char buf[128];
    size_t n = b->m->nseries;
    for (size_t s = 0; s < n; s++) {
        if (b->chart_row[s] < 0)
            continue;
        cx_series_metric(&b->m->series[s], buf, sizeof buf);
        int sum = b->m->series[s].kind == CX_S_SUM, drawable = 0;
        for (size_t o = 0; o < n && !drawable; o++)
            drawable = _in_chart(b, o, buf, sum) && _points(b, o) >= 2;
        if (drawable)
            continue;
        /* Every series of the chart goes (they all have one value). */
        for (size_t o = n; o-- > s;)
            if (_in_chart(b, o, buf, sum))
                b->chart_row[o] = -1;
    }
    _cap_charts(b);
}

void xb_chart_metrics(xlsx_book *b, lxw_worksheet *ws, int row, int col,
                      int *next_row)
{
    char buf[128];
    for (size_t s = 0; s < b->m->nseries; s++) {
        if (b->chart_row[s] < 0)
            continue;
        cx_series_metric(&b->m->series[s], buf, sizeof buf);
        int sum = b->m->series[s].kind == CX_S_SUM, seen = 0;
        for (size_t o = 0; o < s && !seen; o++)
            seen = _in_chart(b, o, buf, sum);
        if (seen)
            continue;
        lxw_chart *chart = _metric_chart(b, buf, s);
        if (!chart)
            return;
        xb_check(b, worksheet_insert_chart(ws, (lxw_row_t)row, (lxw_col_t)col, chart));
        row += CHART_ROWS;
    }
    *next_row = row;
}

static int _burn_col(const xlsx_book *b, size_t i)
{
    return XB_YEAR0 + (b->r->burn.first_year - b->m->first_year) + (int)i;
}

/* "Cumulative burn (USD B) — break-even 2030", "Cumulative free cash
 * flow (USD B) — turns negative 2026, no break-even within the horizon",
 * "… — no burn within the horizon". */
static void _burn_title(const xlsx_book *b, xb_str *t)
{
    const cx_burn *bu = &b->r->burn.burn;
    const char *dash = ") \xE2\x80\x94 ";
    xs_printf(t, "Cumulative %s (", b->m->burn.label ? b->m->burn.label : "burn");
    xb_unit_label(b, CX_U_MONEY, NULL, t);
    xs_printf(t, "%s", dash);
    if (!bu->burns) {
        xs_printf(t, "no burn within the horizon");
        return;
    }
    char p[CX_PERIOD_KEY_MAX];
    if (bu->turns_negative_year)
        xs_printf(t, "turns negative %s, ",
                  xb_number_title(b, bu->turns_negative_year, p, sizeof p));
    if (bu->break_even_year)
        xs_printf(t, "break-even %s", xb_number_title(b, bu->break_even_year, p, sizeof p));
    else
        xs_printf(t, "no break-even within the horizon");
}

/* Each bar of series cs coloured by the sign of its value: negative red,
 * zero or positive green (the engine's values, which the cells cache). */
static void _fill_by_sign(xlsx_book *b, lxw_chart_series *cs, const double *v, size_t n)
{
    lxw_chart_fill red = {.color = NEGATIVE}, green = {.color = POSITIVE};
    lxw_chart_point *pts = calloc(n ? n : 1, sizeof *pts);
    lxw_chart_point **list = calloc(n + 1, sizeof *list);
    if (!pts || !list) {
        b->nomem = 1;
    } else {
        for (size_t i = 0; i < n; i++) {
            pts[i].fill = v[i] < 0 ? &red : &green;
            list[i] = &pts[i];
        }
        xb_check(b, chart_series_set_points(cs, list));
    }
    free(pts);
    free(list);
}

lxw_chart *xb_chart_burn(xlsx_book *b)
{
    const cx_burn_result *br = &b->r->burn;
    if (!br->enabled || !br->n)
        return NULL;
    /* libxlsxwriter 1.1.4 cannot combine chart types: the net cash flow is
     * a second set of columns. */
    lxw_chart *col = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
    if (!col) {
        b->nomem = 1;
        return NULL;
    }
    lxw_row_t hr = XB_BURN_HEADER;
    lxw_col_t c0 = (lxw_col_t)_burn_col(b, 0), c1 = (lxw_col_t)_burn_col(b, br->n - 1);
    lxw_chart_series *cum = chart_add_series(col, NULL, NULL);
    lxw_chart_series *net = chart_add_series(col, NULL, NULL);
    if (!cum || !net) {
        b->nomem = 1;
        return NULL;
    }
    chart_series_set_categories(cum, XB_BURN, hr, c0, hr, c1);
    chart_series_set_values(cum, XB_BURN, XB_BURN_CUM, c0, XB_BURN_CUM, c1);
    chart_series_set_name_range(cum, XB_BURN, XB_BURN_CUM, 0);
    lxw_chart_fill fill = {.color = NEGATIVE};
    chart_series_set_fill(cum, &fill);
    _fill_by_sign(b, cum, br->burn.cumulative, br->n);
    chart_series_set_categories(net, XB_BURN, hr, c0, hr, c1);
    chart_series_set_values(net, XB_BURN, XB_BURN_NET, c0, XB_BURN_NET, c1);
    chart_series_set_name_range(net, XB_BURN, XB_BURN_NET, 0);
    lxw_chart_fill nf = {.color = 0x9DC3E6};
    chart_series_set_fill(net, &nf);

    xb_str t;
    xs_init(&t);
    _burn_title(b, &t);
    _title(col, &t);
    xs_release(&t);
    chart_axis_set_name(col->x_axis, xb_axis_word(b));
    chart_axis_set_num_format(col->y_axis, b->money_numfmt);
    chart_axis_set_label_position(col->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_legend_set_position(col, LXW_CHART_LEGEND_BOTTOM);
    return col;
}

lxw_chart *xb_chart_commitments(xlsx_book *b)
{
    size_t n = b->m->ncommitments;
    int first = b->cmt_total_row - (int)n, any = 0;
    for (size_t i = 0; i < n; i++)
        any |= b->r->commitments.scheduled[i];
    if (!any)
        return NULL;
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_COLUMN_STACKED);
    if (!chart) {
        b->nomem = 1;
        return NULL;
    }
    lxw_col_t c1 = (lxw_col_t)(XB_YEAR0 + b->m->nyears - 1);
    for (size_t i = 0, k = 0; i < n; i++) {
        if (!b->r->commitments.scheduled[i])
            continue;
        lxw_chart_series *cs = chart_add_series(chart, NULL, NULL);
        if (!cs) {
            b->nomem = 1;
            return chart;
        }
        lxw_row_t row = (lxw_row_t)(first + (int)i);
        chart_series_set_categories(cs, XB_COMMITMENTS, 2, XB_YEAR0, 2, c1);
        chart_series_set_values(cs, XB_COMMITMENTS, row, XB_YEAR0, row, c1);
        chart_series_set_name_range(cs, XB_COMMITMENTS, row, 0);
        lxw_chart_fill fill = {.color = palette[k++ % (sizeof palette / sizeof palette[0])]};
        chart_series_set_fill(cs, &fill);
    }
    xb_chart_money_title(b, chart, xb_sub(b) ? (b->m->cal.per_year == 12
                         ? "Commitments by month paid" : "Commitments by quarter paid")
                         : "Commitments by year paid", NULL);
    chart_axis_set_name(chart->x_axis, xb_axis_word(b));
    chart_axis_set_num_format(chart->y_axis, b->money_numfmt);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    return chart;
}

static void _dep_series(xlsx_book *b, lxw_chart *chart, int row, int c0, int c1,
                        int head, const char *name, lxw_color_t color)
{
    lxw_chart_series *cs = chart_add_series(chart, NULL, NULL);
    if (!cs) {
        b->nomem = 1;
        return;
    }
    chart_series_set_categories(cs, XB_DEPRECIATION, (lxw_row_t)head, (lxw_col_t)c0,
                                (lxw_row_t)head, (lxw_col_t)c1);
    chart_series_set_values(cs, XB_DEPRECIATION, (lxw_row_t)row, (lxw_col_t)c0,
                            (lxw_row_t)row, (lxw_col_t)c1);
    chart_series_set_name(cs, name);
    lxw_chart_fill fill = {.color = color};
    chart_series_set_fill(cs, &fill);
}

lxw_chart *xb_chart_depreciation(xlsx_book *b, size_t d)
{
    const xb_dep_rows *p = &b->dep_rows[d];
    int first = b->r->deps[d].first;
    if (first < 0)
        return NULL;
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
    if (!chart) {
        b->nomem = 1;
        return NULL;
    }
    int c0 = XB_YEAR0 + first, c1 = XB_YEAR0 + (int)b->m->nyears - 1;
    _dep_series(b, chart, p->gcapex, c0, c1, p->yhead, "Capex", palette[0]);
    _dep_series(b, chart, p->total, c0, c1, p->yhead, "D&A", palette[1]);
    const cx_series *capex = &b->m->series[b->m->depreciations[d].capex];
    xb_chart_money_title(b, chart, "Capex and D&A: ", xb_series_label(capex));
    chart_axis_set_name(chart->x_axis, xb_axis_word(b));
    chart_axis_set_num_format(chart->y_axis, b->money_numfmt);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    return chart;
}

/* Cash at the end of each year from the cash year on, a line over the
 * burn's years, the year axis crossing at zero (the zero line) with its
 * labels at the bottom; NULL without opening cash. */
lxw_chart *xb_chart_cash(xlsx_book *b, int cash_row)
{
    const cx_burn_result *br = &b->r->burn;
    if (!br->enabled || !br->n || !br->funding.has_cash || cash_row < 0)
        return NULL;
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_LINE);
    lxw_chart_series *cs = chart ? chart_add_series(chart, NULL, NULL) : NULL;
    if (!cs) {
        b->nomem = 1;
        return NULL;
    }
    lxw_col_t c0 = (lxw_col_t)_burn_col(b, 0), c1 = (lxw_col_t)_burn_col(b, br->n - 1);
    chart_series_set_categories(cs, XB_BURN, XB_BURN_HEADER, c0, XB_BURN_HEADER, c1);
    chart_series_set_values(cs, XB_BURN, (lxw_row_t)cash_row, c0, (lxw_row_t)cash_row, c1);
    chart_series_set_name_range(cs, XB_BURN, (lxw_row_t)cash_row, 0);
    lxw_chart_line line = {.color = 0x1F4E79, .width = 2.25};
    chart_series_set_line(cs, &line);
    chart_series_set_marker_type(cs, LXW_CHART_MARKER_CIRCLE);
    xb_chart_money_title(b, chart, xb_sub(b) ? (b->m->cal.per_year == 12
                         ? "Cash at end of month" : "Cash at end of quarter")
                         : "Cash at end of year", NULL);
    chart_axis_set_name(chart->x_axis, xb_axis_word(b));
    chart_axis_set_crossing(chart->y_axis, 0);
    chart_axis_set_label_position(chart->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    lxw_chart_line zero = {.color = 0x000000, .width = 1.5};
    chart_axis_set_line(chart->x_axis, &zero);
    chart_axis_set_num_format(chart->y_axis, b->money_numfmt);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    return chart;
}

void xb_insert_beside_wide(xlsx_book *b, lxw_worksheet *ws, int row, int col,
                           lxw_chart *chart)
{
    lxw_chart_options opt = {.x_offset = (int32_t)(480 * XB_WIDE_CHART) + 12,
                             .x_scale = 1, .y_scale = 1};
    xb_check(b, worksheet_insert_chart_opt(ws, (lxw_row_t)row, (lxw_col_t)col, chart, &opt));
}

int xb_chart_col(const xlsx_book *b)
{
    return xb_sub(b) ? XB_YEAR0 : 0;
}

void xb_insert_wide_chart(xlsx_book *b, lxw_worksheet *ws, int row, int col,
                          lxw_chart *chart)
{
    lxw_chart_options opt = {.x_scale = XB_WIDE_CHART, .y_scale = 1};
    xb_check(b, worksheet_insert_chart_opt(ws, (lxw_row_t)row, (lxw_col_t)col, chart, &opt));
}
