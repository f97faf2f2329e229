/*
 * xlsx_montecarlo.c - the MonteCarlo sheet (docs/workbook.md): the inputs'
 * distributions, the percentile table, targets, probability by year, the
 * fan chart's rows and the histogram of the cumulative net cash flow, with
 * their charts. The paths themselves are not in the workbook, so the
 * figures drawn from them are values; the deterministic column links to
 * the Burn, Valuation and Projection cells (live formulas).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mc.h"
#include "xlsx_book.h"

#define W_LABEL 44

typedef struct _mc {
    xlsx_book *b;
    lxw_worksheet *ws;
    const cx_mc_result *mc;
    int row;                  /* next free row */
    int chart_row;            /* where the next chart goes (column CHART_COL) */
} _mc;

#define CHART_COL 12

static void _level(char *buf, size_t size, double level)
{
    snprintf(buf, size, "P%g", level * 100);
}

/* Column widths; the charts start at column CHART_COL. */
static const double _widths[] = {W_LABEL, 14, 14, 13, 13, 13, 13, 13, 13, 13, 13, 13};

/* A header row: long headings wrap, and the row is as tall as they are. */
static void _head(_mc *s, const char *const *cols, size_t n)
{
    double h = 0;
    xb_str words;
    xs_init(&words);
    for (size_t i = 0; i < n; i++) {
        const char *col = xb_period_words(s->b, cols[i], &words);   /* "Month" */
        xb_text(s->b, s->ws, s->row, (int)i, col, xb_fmt(s->b, NULL, XB_HEADER | XB_WRAP));
        double w = i < sizeof _widths / sizeof *_widths ? _widths[i] : 13;
        double hi = xb_text_height(col, w, 11);
        h = hi > h ? hi : h;
    }
    xs_release(&words);
    xb_row_height(s->b, s->ws, s->row, h);
    s->row++;
}

static void _section(_mc *s, const char *title)
{
    s->row++;
    xb_text(s->b, s->ws, s->row++, 0, title, xb_fmt(s->b, NULL, XB_SECTION));
}

/* "what 2026–2029": the burn's first year (period) through burn_through. */
static void _span_label(_mc *s, const char *what, char *buf, size_t n)
{
    char a[CX_PERIOD_KEY_MAX], z[CX_PERIOD_KEY_MAX];
    snprintf(buf, n, "%s %s\xE2\x80\x93%s", what,
             xb_number_title(s->b, s->mc->burn_first_year, a, sizeof a),
             xb_number_title(s->b, s->mc->burn_through, z, sizeof z));
}

/* ---- inputs ------------------------------------------------------------ */

static void _param(_mc *s, int col, double v, const cx_stochastic *in)
{
    const char *fmt = in->param == CX_MC_DRIVER ? XB_FMT_RATE
                    : in->param == CX_MC_LIFE ? "0.0#"
                    : xb_series_numfmt(s->b, in->series);
    xb_num(s->b, s->ws, s->row, col, v, xb_fmt(s->b, fmt, 0));
}

static void _input(_mc *s, size_t i)
{
    const cx_stochastic *in = &s->mc->u->inputs[i];
    const cx_dist *d = &in->dist;
    xlsx_book *b = s->b;
    xb_str name;
    xs_init(&name);
    xs_printf(&name, "%s", b->m->series[in->series].name);
    char p[CX_PERIOD_KEY_MAX];
    if (in->param == CX_MC_FIGURE)
        xs_printf(&name, " %s", xb_number_title(b, in->year, p, sizeof p));
    xb_text(b, s->ws, s->row, 0, xs_get(&name), NULL);
    xs_release(&name);
    xb_text(b, s->ws, s->row, 1, cx_mc_param_name(b->r, in), NULL);
    xb_text(b, s->ws, s->row, 2, cx_dist_name(d->kind), NULL);
    if (d->kind == CX_DIST_NORMAL || d->kind == CX_DIST_LOGNORMAL) {
        _param(s, 3, d->mean, in);
        _param(s, 6, d->sd, in);
    } else if (d->kind != CX_DIST_DISCRETE) {
        _param(s, 3, d->low, in);
        if (d->kind != CX_DIST_UNIFORM)
            _param(s, 4, d->mode, in);
        _param(s, 5, d->high, in);
    }
    _param(s, 7, s->mc->inputs[i].mean, in);
    _param(s, 8, s->mc->inputs[i].sd, in);
    if (in->source)
        xb_text(b, s->ws, s->row, 9, in->source, xb_fmt(b, NULL, XB_NOTE));
    s->row++;
}

static void _inputs(_mc *s)
{
    static const char *const cols[] = {"Input", "Samples", "Distribution", "Low / mean",
                                       "Mode", "High", "Sd", "Drawn mean", "Drawn sd",
                                       "Source"};
    _section(s, "Inputs");
    _head(s, cols, sizeof cols / sizeof *cols);
    for (size_t i = 0; i < s->mc->u->ninputs; i++)
        _input(s, i);
    if (s->mc->u->k)
        xb_text(s->b, s->ws, s->row++, 0, s->mc->u->repaired
                ? "Correlated through a Gaussian copula; the matrix was repaired to the "
                  "nearest positive definite one"
                : "Correlated through a Gaussian copula (rank correlations as stated)",
                xb_fmt(s->b, NULL, XB_NOTE));
}

/* ---- percentiles --------------------------------------------------------- */

/* The deterministic figure as a link to the sheet that computes it. */
static void _det_link(_mc *s, int which, double cached)
{
    xlsx_book *b = s->b;
    lxw_format *money = xb_fmt(b, b->money_numfmt, 0);
    xb_str f;
    xs_init(&f);
    xs_printf(&f, "=");
    if (which == 0) {
        xs_ref(&f, XB_BURN, XB_BURN_CUM, XB_YEAR0 + s->mc->burn_through - b->m->first_year,
               XB_ABS);
    } else if (which == 1) {
        xs_printf(&f, "0-");
        xs_ref(&f, XB_BURN, XB_BURN_PEAK, XB_BURN_VALUE_COL, XB_ABS);
    } else if (b->valuation) {
        xs_ref(&f, XB_VALUATION, XB_VAL_NPV, XB_VAL_COL, XB_ABS);
    } else {
        xs_release(&f);
        xb_num(b, s->ws, s->row, 1, cached, money);
        return;
    }
    xb_formula(b, s->ws, s->row, 1, &f, money, cached);
    xs_release(&f);
}

static void _stat_row(_mc *s, const char *label, int which, const cx_mc_stat *st)
{
    if (!st->present)
        return;
    xlsx_book *b = s->b;
    lxw_format *money = xb_fmt(b, b->money_numfmt, 0);
    xb_text(b, s->ws, s->row, 0, label, NULL);
    _det_link(s, which, st->deterministic);
    xb_num(b, s->ws, s->row, 2, st->mean, money);
    xb_num(b, s->ws, s->row, 3, st->sd, money);
    for (size_t j = 0; j < s->mc->nq; j++)
        xb_num(b, s->ws, s->row, 4 + (int)j, st->q[j], money);
    s->row++;
}

static void _percentiles(_mc *s)
{
    const cx_mc_result *mc = s->mc;
    _section(s, "Percentiles");
    static const char *const cols[] = {"Output", "Deterministic", "Mean", "Sd"};
    for (size_t i = 0; i < 4; i++)
        xb_text(s->b, s->ws, s->row, (int)i, cols[i], xb_fmt(s->b, NULL, XB_HEADER));
    for (size_t j = 0; j < mc->nq; j++) {
        char l[16];
        _level(l, sizeof l, mc->levels[j]);
        xb_text(s->b, s->ws, s->row, 4 + (int)j, l, xb_fmt(s->b, NULL, XB_HEADER));
    }
    s->row++;
    char label[96];
    _span_label(s, "Cumulative net cash flow", label, sizeof label);
    _stat_row(s, label, 0, &mc->cumulative);
    _stat_row(s, "Peak funding need", 1, &mc->peak);
    _stat_row(s, "NPV", 2, &mc->npv);
}

/* ---- targets and probability by year -------------------------------------- */

static void _targets(_mc *s)
{
    static const char *const cols[] = {"Target", "Probability", "Paths", "Deterministic"};
    const cx_mc_result *mc = s->mc;
    if (!mc->ntargets)
        return;
    _section(s, "Targets");
    _head(s, cols, 4);
    for (size_t t = 0; t < mc->ntargets; t++) {
        const cx_target *tg = &mc->u->targets[mc->targets[t].target];
        char p[CX_PERIOD_KEY_MAX];
        xb_str l;
        xs_init(&l);
        if (tg->label)
            xs_printf(&l, "%s", tg->label);
        else
            xs_printf(&l, "%s %s", cx_target_kind_name(tg->kind),
                      xb_number_title(s->b, tg->year, p, sizeof p));
        xb_text(s->b, s->ws, s->row, 0, xs_get(&l), NULL);
        xs_release(&l);
        xb_num(s->b, s->ws, s->row, 1, mc->targets[t].p, xb_fmt(s->b, XB_FMT_RATIO, XB_BOLD));
        xb_num(s->b, s->ws, s->row, 2, (double)mc->targets[t].hits, NULL);
        xb_text(s->b, s->ws, s->row, 3, mc->targets[t].deterministic ? "met" : "not met",
                NULL);
        s->row++;
    }
}

static int _by_year(_mc *s)
{
    static const char *const cols[] = {"Year", "Break-even in year", "Break-even by year",
                                       "Payback in year", "Payback by year",
                                       "Cash runs out in year", "Cash runs out by year"};
    const cx_mc_result *mc = s->mc;
    const cx_mc_years *ys[3] = {&mc->break_even, &mc->payback, &mc->runout};
    lxw_format *pct = xb_fmt(s->b, XB_FMT_RATIO, 0);
    xb_str w;
    xs_init(&w);
    _section(s, xb_period_words(s->b, "Probability by year", &w));
    _head(s, cols, mc->runout.present ? 7 : 5);
    xs_release(&w);
    int first = s->row;
    for (size_t i = 0; i < mc->burn_n; i++) {
        xb_period_cell(s->b, s->ws, s->row, 0, mc->burn_first_year + (int)i, 0);
        for (int k = 0; k < 3; k++) {
            if (!ys[k]->present)
                continue;
            xb_num(s->b, s->ws, s->row, 1 + 2 * k, ys[k]->p[i], pct);
            xb_num(s->b, s->ws, s->row, 2 + 2 * k, ys[k]->p_by[i], pct);
        }
        s->row++;
    }
    xb_text(s->b, s->ws, s->row, 0, "never", NULL);
    for (int k = 0; k < 3; k++)
        if (ys[k]->present)
            xb_num(s->b, s->ws, s->row, 1 + 2 * k, ys[k]->p_never, pct);
    s->row++;
    return first;
}

/* ---- charts ------------------------------------------------------------- */

static lxw_chart_series *_series(_mc *s, lxw_chart *c, int r0, int r1, int cat_col,
                                 int col, int name_row)
{
    lxw_chart_series *se = chart_add_series(c, NULL, NULL);
    if (!se) {
        s->b->nomem = 1;
        return NULL;
    }
    chart_series_set_categories(se, XB_MONTECARLO, (lxw_row_t)r0, (lxw_col_t)cat_col,
                                (lxw_row_t)r1, (lxw_col_t)cat_col);
    chart_series_set_values(se, XB_MONTECARLO, (lxw_row_t)r0, (lxw_col_t)col,
                            (lxw_row_t)r1, (lxw_col_t)col);
    chart_series_set_name_range(se, XB_MONTECARLO, (lxw_row_t)name_row, (lxw_col_t)col);
    return se;
}

static void _insert(_mc *s, lxw_chart *c, const char *title, int legend)
{
    chart_title_set_name(c, title);
    lxw_chart_font font = {.size = 12, .bold = LXW_TRUE};
    chart_title_set_name_font(c, &font);
    chart_legend_set_position(c, legend ? LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE);
    lxw_chart_options o = {.x_scale = 1.4, .y_scale = 1.2};
    xb_check(s->b, worksheet_insert_chart_opt(s->ws, (lxw_row_t)s->chart_row, CHART_COL,
                                              c, &o));
    s->chart_row += 19;
}

static void _chart_by_year(_mc *s, int first)
{
    const cx_mc_result *mc = s->mc;
    lxw_chart *c = workbook_add_chart(s->b->wb, LXW_CHART_COLUMN);
    if (!c) {
        s->b->nomem = 1;
        return;
    }
    int last = first + (int)mc->burn_n - 1;
    for (int k = 0; k < 3; k += 1) {
        if (k == 2 && !mc->runout.present)
            break;
        lxw_chart_series *se = _series(s, c, first, last, 0, 2 + 2 * k, first - 1);
        static const lxw_color_t colors[] = {0x70AD47, 0x4472C4, 0xC0504D};
        lxw_chart_fill fill = {.color = colors[k]};
        if (se)
            chart_series_set_fill(se, &fill);
    }
    chart_axis_set_num_format(c->y_axis, "0%");
    chart_axis_set_max(c->y_axis, 1);
    chart_axis_set_min(c->y_axis, 0);
    xb_str w;
    xs_init(&w);
    _insert(s, c, xb_period_words(s->b, "Probability by year (by the end of each year)", &w),
            1);
    xs_release(&w);
}

/* ---- fan ---------------------------------------------------------------- */

static const char *_fan_numfmt(_mc *s, size_t e)
{
    return e < s->b->m->nseries ? xb_series_numfmt(s->b, e) : s->b->money_numfmt;
}

/* The deterministic value of fan row i: a link to its cell. */
static void _fan_det(_mc *s, const cx_mc_fan *fa, size_t i, lxw_format *fmt)
{
    xlsx_book *b = s->b;
    int t = fa->first_year - b->m->first_year + (int)i;
    xb_str f;
    xs_init(&f);
    xs_printf(&f, "=");
    if (fa->entry == CX_FAN_NET || fa->entry == CX_FAN_CUMULATIVE)
        xs_ref(&f, XB_BURN, fa->entry == CX_FAN_NET ? XB_BURN_NET : XB_BURN_CUM,
               XB_YEAR0 + t, 0);
    else
        xs_value_ref(b, &f, XB_PROJECTION, fa->entry, t, 0);
    xb_formula(b, s->ws, s->row, 1, &f, fmt, fa->det[i]);
    xs_release(&f);
}

static size_t _level_index(const cx_mc_result *mc, double level)
{
    for (size_t j = 0; j < mc->nq; j++)
        if (fabs(mc->levels[j] - level) < 1e-12)
            return j;
    return 0;
}

static void _fan_chart(_mc *s, const cx_mc_fan *fa, int first, int head)
{
    lxw_chart *c = workbook_add_chart(s->b->wb, LXW_CHART_LINE);
    if (!c) {
        s->b->nomem = 1;
        return;
    }
    int last = first + (int)fa->n - 1;
    /* P10 first and P90 last: the up-down bars between them draw the band. */
    static const int cols[] = {2, 3, 1, 4};
    static const lxw_color_t colors[] = {0x9DC3E6, 0x1F4E79, 0xC00000, 0x9DC3E6};
    for (int k = 0; k < 4; k++) {
        lxw_chart_series *se = _series(s, c, first, last, 0, cols[k], head);
        lxw_chart_line line = {.color = colors[k], .width = k == 1 ? 2.5 : 1.25,
                               .dash_type = k == 2 ? LXW_CHART_LINE_DASH_DASH : 0};
        if (se)
            chart_series_set_line(se, &line);
    }
    lxw_chart_fill band = {.color = 0xDEEBF7};
    lxw_chart_line edge = {.none = LXW_TRUE};
    chart_set_up_down_bars_format(c, &edge, &band, &edge, &band);
    chart_axis_set_num_format(c->y_axis, _fan_numfmt(s, fa->entry));
    chart_axis_set_label_position(c->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    xb_str t;
    xs_init(&t);
    xs_printf(&t, "Fan chart: %s (P10\xE2\x80\x93P90 band, median)",
              cx_mc_fan_label(s->b->m, fa->entry));
    _insert(s, c, xs_get(&t), 1);
    xs_release(&t);
}

static void _fan(_mc *s, const cx_mc_fan *fa)
{
    static const char *const cols[] = {"Year", "Deterministic", "P10", "P50 (median)",
                                       "P90", "Mean"};
    const cx_mc_result *mc = s->mc;
    lxw_format *fmt = xb_fmt(s->b, _fan_numfmt(s, fa->entry), 0);
    xb_str t;
    xs_init(&t);
    xs_printf(&t, "Fan: %s", cx_mc_fan_label(s->b->m, fa->entry));
    _section(s, xs_get(&t));
    xs_release(&t);
    int head = s->row;
    _head(s, cols, 6);
    size_t j10 = _level_index(mc, 0.10), j50 = _level_index(mc, 0.50),
           j90 = _level_index(mc, 0.90);
    for (size_t i = 0; i < fa->n; i++) {
        xb_period_cell(s->b, s->ws, s->row, 0, fa->first_year + (int)i, 0);
        _fan_det(s, fa, i, fmt);
        xb_num(s->b, s->ws, s->row, 2, fa->q[i * mc->nq + j10], fmt);
        xb_num(s->b, s->ws, s->row, 3, fa->q[i * mc->nq + j50], fmt);
        xb_num(s->b, s->ws, s->row, 4, fa->q[i * mc->nq + j90], fmt);
        xb_num(s->b, s->ws, s->row, 5, fa->mean[i], fmt);
        s->row++;
    }
    if (fa->n >= 2)
        _fan_chart(s, fa, head + 1, head);
}

/* ---- histogram ---------------------------------------------------------- */

static void _histogram(_mc *s)
{
    static const char *const cols[] = {"From", "To", "Paths", "Share"};
    const cx_mc_result *mc = s->mc;
    lxw_format *money = xb_fmt(s->b, s->b->money_numfmt, 0);
    char title[120];
    _span_label(s, "Histogram: cumulative net cash flow", title, sizeof title);
    _section(s, title);
    int head = s->row;
    _head(s, cols, 4);
    for (size_t i = 0; i < mc->nbins; i++) {
        xb_num(s->b, s->ws, s->row, 0, mc->edges[i], money);
        xb_num(s->b, s->ws, s->row, 1, mc->edges[i + 1], money);
        xb_num(s->b, s->ws, s->row, 2, (double)mc->counts[i], NULL);
        xb_num(s->b, s->ws, s->row, 3, (double)mc->counts[i] / (double)mc->paths,
               xb_fmt(s->b, XB_FMT_RATIO, 0));
        s->row++;
    }
    lxw_chart *c = workbook_add_chart(s->b->wb, LXW_CHART_COLUMN);
    if (!c) {
        s->b->nomem = 1;
        return;
    }
    lxw_chart_series *se = _series(s, c, head + 1, head + (int)mc->nbins, 0, 2, head);
    lxw_chart_fill fill = {.color = 0xC0504D};
    if (se) {
        chart_series_set_fill(se, &fill);
    }
    chart_axis_set_num_format(c->x_axis, "0");
    chart_axis_set_name(c->x_axis, "Cumulative net cash flow (bin start)");
    chart_set_series_gap(c, 10);
    _insert(s, c, title, 0);
}

void xb_write_montecarlo(xlsx_book *b)
{
    const cx_mc_result *mc = b->x->mc;
    _mc s = {.b = b, .ws = b->mc, .mc = mc, .row = 0, .chart_row = 2};
    char title[160];
    snprintf(title, sizeof title, "Monte Carlo: %zu path%s, seed %lu", mc->paths,
             mc->paths == 1 ? "" : "s", mc->seed);
    xb_text(b, s.ws, s.row++, 0, title, xb_fmt(b, NULL, XB_TITLE));
    xb_text(b, s.ws, s.row++, 0, "Drawn by capex mc (docs/model.md, Monte Carlo): the "
            "paths are not in the workbook, so their figures are values that the scenario "
            "selector on Inputs does not change; Deterministic links to the cells of the "
            "projection.", xb_fmt(b, NULL, XB_NOTE));
    _inputs(&s);
    if (mc->burn) {
        _percentiles(&s);
        _targets(&s);
    }
    for (size_t f = 0; f < mc->nfan; f++)
        _fan(&s, &mc->fan[f]);
    if (mc->burn) {
        _chart_by_year(&s, _by_year(&s));
        _histogram(&s);
    }
    xb_widths(b, s.ws, _widths, sizeof _widths / sizeof *_widths);
    xb_page_setup(b, s.ws, "Monte Carlo");
}
