/*
 * xlsx_scenario_switch.c - the live scenario switch (docs/workbook.md).
 *
 * Inputs!B3 holds the selector, a drop-down of base and the model's named
 * scenarios, named `scenario`. The drivers and depreciation rules that a
 * scenario changes sit side by side below the drivers table, one column per
 * scenario under a header row named `scenario_names`. The Projection's rate
 * cells of those series are =CHOOSE(MATCH(scenario,scenario_names,0),...)
 * of every scenario's rate formula, and the depreciation rule cells the
 * Depreciation sheet reads are =INDEX(row,1,MATCH(...)); every other sheet
 * follows through its formulas. The automatic low / high scenarios are not
 * in the list (they move stated figures, not drivers).
 *
 * Only growth-chained drivers switch: a model where a scenario's driver (or
 * the base driver it replaces) is trend, share or intensity, or whose
 * scenario changes opening PP&E, gets no selector and a note saying why.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "growth.h"
#include "xlsx_book.h"

/* At most this many scenarios in the selector (base included): a stages
 * rate is about 150 characters a scenario in one CHOOSE, and Excel's
 * formulas end at 8,192 characters. */
#define XB_SW_MAX 40
#define XB_SW_MAX_TEXT "40"

/* Driver of series s under selector column j (0 = base). */
static const cx_driver *_driver(const cx_model *m, size_t j, size_t s)
{
    if (j > 0) {
        const cx_scenario *sc = &m->scenarios[j - 1];
        for (size_t i = 0; i < sc->noverrides; i++)
            if (sc->overrides[i].series == s)
                return &sc->overrides[i].driver;
    }
    return &m->series[s].driver;
}

static const cx_dep_rule *_rule(const cx_model *m, size_t j, size_t d)
{
    return cx_model_dep_rule(m, j ? &m->scenarios[j - 1] : NULL, d);
}

static int _windowed(const cx_driver *d)
{
    return d->method == CX_D_CAGR ||
           ((d->method == CX_D_FADE || d->method == CX_D_STAGES) && d->from_cagr);
}

/* Window year indices of driver d on series s; 0 when outside the stated
 * history (a window on projected years would differ by scenario). */
static int _window(const xlsx_book *b, size_t s, const cx_driver *d, int *a, int *z)
{
    const cx_series_result *sr = &b->r->series[s];
    const cx_model *m = b->m;
    *a = d->cagr_from ? d->cagr_from - m->first_year : sr->first;
    *z = d->cagr_to ? d->cagr_to - m->first_year : sr->last_stated;
    return *a >= 0 && *a < *z && *z <= sr->last_stated && *z < (int)m->nyears;
}

static const char *_series_why(const xlsx_book *b, size_t s, const cx_driver *d)
{
    int a, z;
    if (!cx_method_chained(d->method))
        return "its driver under some scenario is not a growth rate (trend, share "
               "or intensity)";
    if (b->rate_row[s] < 0)
        return "it has no projected years";
    if (_windowed(d) && !_window(b, s, d, &a, &z))
        return "its CAGR window reaches past the stated years";
    return NULL;
}

static int _same_opening(const cx_dep_rule *x, const cx_dep_rule *y)
{
    return x->has_opening == y->has_opening && (!x->has_opening ||
           (x->opening_gross == y->opening_gross && x->opening_net == y->opening_net &&
            x->opening_life == y->opening_life));
}

/* Mark what switches; sets sw_why and returns 0 when something cannot. */
static int _mark(xlsx_book *b)
{
    const cx_model *m = b->m;
    for (size_t j = 1; j <= m->nscenarios; j++) {
        const cx_scenario *sc = &m->scenarios[j - 1];
        for (size_t i = 0; i < sc->noverrides; i++) {
            size_t s = sc->overrides[i].series;
            b->sw_par[s * XB_SWP_N] = 0;
            for (size_t k = 0; k <= m->nscenarios; k++) {
                b->sw_why = _series_why(b, s, _driver(m, k, s));
                if (b->sw_why) {
                    b->sw_why_name = m->series[s].name;
                    return 0;
                }
            }
        }
        for (size_t i = 0; i < sc->ndep_overrides; i++) {
            size_t d = sc->dep_overrides[i].dep;
            b->sw_dep[d] = 0;
            if (!_same_opening(&sc->dep_overrides[i].rule, &m->depreciations[d].rule)) {
                b->sw_why = "a scenario changes its opening PP&E";
                b->sw_why_name = m->depreciations[d].name;
                return 0;
            }
        }
    }
    return 1;
}

int xb_plan_switch(xlsx_book *b)
{
    const cx_model *m = b->m;
    const char *sc = b->r->scenario;
    if (!m->nscenarios)
        return 0;
    if (m->nscenarios + 1 > XB_SW_MAX) {
        b->sw_why = "more than " XB_SW_MAX_TEXT " scenarios (a spreadsheet formula "
                    "holds at most 8,192 characters)";
        return 0;
    }
    if (sc && strcmp(sc, "base") && cx_model_find_scenario(m, sc) == CX_NO_INDEX) {
        b->sw_why = "the workbook is written for an automatic scenario (low or high)";
        return 0;
    }
    size_t np = m->nseries * XB_SWP_N;
    b->sw_par = malloc((np ? np : 1) * sizeof *b->sw_par);
    b->sw_dep = malloc((m->ndepreciations ? m->ndepreciations : 1) * sizeof *b->sw_dep);
    if (!b->sw_par || !b->sw_dep)
        return -1;
    for (size_t i = 0; i < np; i++)
        b->sw_par[i] = -1;
    for (size_t i = 0; i < m->ndepreciations; i++)
        b->sw_dep[i] = -1;
    b->sw_n = m->nscenarios + 1;
    b->sw_on = _mark(b);
    return 0;
}

int xb_switch_series(const xlsx_book *b, size_t s)
{
    return b->sw_on && b->sw_par[s * XB_SWP_N] >= 0;
}

int xb_switch_dep(const xlsx_book *b, size_t d)
{
    return b->sw_on && b->sw_dep[d] >= 0;
}

static const char *_name(const cx_model *m, size_t j)
{
    return j ? m->scenarios[j - 1].name : "base";
}

/* ---- Inputs ----------------------------------------------------------- */

static void _label(xlsx_book *b, int row, const char *what, const char *param)
{
    lxw_format *f = xb_fmt(b, NULL, XB_TOP);
    xb_text(b, b->inputs, row, 0, what, f);
    xb_text(b, b->inputs, row, 1, param, f);
}

/* The parameters any scenario's driver of s uses, and its longest rates list. */
static unsigned _used(const xlsx_book *b, size_t s, size_t *nrates)
{
    unsigned u = 1u << XB_SWP_METHOD;
    *nrates = 0;
    for (size_t j = 0; j < b->sw_n; j++) {
        const cx_driver *d = _driver(b->m, j, s);
        if (_windowed(d))
            u |= 1u << XB_SWP_WFROM | 1u << XB_SWP_WTO | 1u << XB_SWP_WCAGR;
        else if (d->method != CX_D_RATES)
            u |= 1u << XB_SWP_RATE;
        if (d->method == CX_D_FADE)
            u |= 1u << XB_SWP_TO | 1u << XB_SWP_OVER;
        if (d->method == CX_D_STAGES)
            u |= 1u << XB_SWP_TO | 1u << XB_SWP_HYEARS | 1u << XB_SWP_FYEARS;
        if (d->method == CX_D_RATES && d->nrates > *nrates)
            *nrates = d->nrates;
    }
    if (*nrates)
        u |= 1u << XB_SWP_RATES;
    return u;
}

/* Window years and =(end/start)^(1/n)-1 of driver d in column c. */
static void _window_cells(xlsx_book *b, size_t s, const cx_driver *d, int c)
{
    const int *p = &b->sw_par[s * XB_SWP_N];
    const cx_series_result *sr = &b->r->series[s];
    int a, z;
    if (!_window(b, s, d, &a, &z))
        return;
    int per = b->m->cal.per_year;   /* a window of periods: annualised */
    xb_period_cell(b, b->inputs, p[XB_SWP_WFROM], c, b->m->first_year + a, XB_CENTER | XB_TOP);
    xb_period_cell(b, b->inputs, p[XB_SWP_WTO], c, b->m->first_year + z, XB_CENTER | XB_TOP);
    double cagr = NAN;
    if ((per == 1 ? cx_cagr(sr->v[a].base, sr->v[z].base, z - a, &cagr)
                  : cx_cagr_periods(sr->v[a].base, sr->v[z].base, z - a, per, &cagr)) != CX_OK)
        cagr = NAN;
    xb_str f;
    xs_init(&f);
    xs_printf(&f, "=(");
    xs_value_ref(b, &f, XB_PROJECTION, s, z, XB_ABS);
    xs_printf(&f, "/");
    xs_value_ref(b, &f, XB_PROJECTION, s, a, XB_ABS);
    xs_printf(&f, ")^(%d/%d)-1", per, z - a);
    xb_formula(b, b->inputs, p[XB_SWP_WCAGR], c, &f,
               xb_fmt(b, XB_FMT_RATE, XB_CENTER | XB_TOP), cagr);
    xs_release(&f);
}

static void _driver_cells(xlsx_book *b, size_t s, size_t j)
{
    const cx_driver *d = _driver(b->m, j, s);
    const int *p = &b->sw_par[s * XB_SWP_N];
    int c = XB_SW_COL0 + (int)j;
    lxw_format *in = xb_fmt(b, XB_FMT_RATE, XB_INPUT | XB_CENTER | XB_TOP);
    lxw_format *years = xb_fmt(b, "0", XB_INPUT | XB_CENTER | XB_TOP);
    xb_text(b, b->inputs, p[XB_SWP_METHOD], c, cx_method_name(d->method),
            xb_fmt(b, NULL, XB_CENTER | XB_TOP));
    if (_windowed(d))
        _window_cells(b, s, d, c);
    else if (d->method != CX_D_RATES)
        xb_num(b, b->inputs, p[XB_SWP_RATE], c, d->rate, in);
    if (d->method == CX_D_FADE) {
        xb_num(b, b->inputs, p[XB_SWP_TO], c, d->terminal, in);
        xb_num(b, b->inputs, p[XB_SWP_OVER], c, d->over, years);
    }
    if (d->method == CX_D_STAGES) {
        xb_num(b, b->inputs, p[XB_SWP_TO], c, d->terminal, in);
        xb_num(b, b->inputs, p[XB_SWP_HYEARS], c, d->high_years, years);
        xb_num(b, b->inputs, p[XB_SWP_FYEARS], c, d->fade_years, years);
    }
    for (size_t i = 0; d->method == CX_D_RATES && i < d->nrates; i++)
        xb_num(b, b->inputs, p[XB_SWP_RATES] + (int)i, c, d->rates[i], in);
}

static int _series_block(xlsx_book *b, int row, size_t s)
{
    static const char *const labels[] = {"method", "rate / from / high",
        "to (terminal)", "over (years)", "high_years", "fade_years", "window from",
        "window to", "window CAGR"};
    int *p = &b->sw_par[s * XB_SWP_N];
    size_t nrates;
    unsigned used = _used(b, s, &nrates);
    const char *name = b->m->series[s].name;
    for (int k = 0; k < XB_SWP_RATES; k++) {
        if (!(used & 1u << k))
            continue;
        p[k] = row;
        _label(b, row++, name, labels[k]);
    }
    if (nrates)
        p[XB_SWP_RATES] = row;
    for (size_t i = 0; i < nrates; i++) {
        xb_str t;
        xs_init(&t);
        xs_printf(&t, "rate, year %zu", i + 1);
        _label(b, row++, name, xs_get(&t));
        xs_release(&t);
    }
    for (size_t j = 0; j < b->sw_n; j++)
        _driver_cells(b, s, j);
    return row;
}

static int _dep_block(xlsx_book *b, int row, size_t d)
{
    static const char *const labels[] = {"life (years)", "method", "convention",
                                         "salvage", "rate"};
    const char *name = b->m->depreciations[d].name;
    b->sw_dep[d] = row;
    unsigned in = XB_INPUT | XB_CENTER | XB_TOP;
    for (size_t j = 0; j < b->sw_n; j++) {
        const cx_dep_rule *r = _rule(b->m, j, d);
        int c = XB_SW_COL0 + (int)j;
        double f = isfinite(r->db_factor) && r->db_factor > 0 ? r->db_factor : 2;
        xb_num(b, b->inputs, row, c, r->life, xb_fmt(b, "0.0#", in));
        xb_text(b, b->inputs, row + 1, c, cx_dep_method_name(r->method), xb_fmt(b, NULL, in));
        if (r->method != CX_DEP_STRAIGHT_LINE)  /* "declining_balance" is wider */
            xb_check(b, worksheet_set_column(b->inputs, (lxw_col_t)c, (lxw_col_t)c, 18, NULL));
        xb_text(b, b->inputs, row + 2, c, cx_dep_convention_name(r->convention),
                xb_fmt(b, NULL, in));
        xb_num(b, b->inputs, row + 3, c, r->salvage, xb_fmt(b, XB_FMT_RATIO, in));
        xb_num(b, b->inputs, row + 4, c, f, xb_fmt(b, XB_FMT_RATIO, in));
    }
    for (int k = 0; k < 5; k++)
        _label(b, row + k, name, labels[k]);
    return row + 5;
}

/* The drop-down's list: the names themselves when they fit Excel's 255
 * characters and hold no comma, else a reference to the names row
 * (libxlsxwriter 1.1.4 keeps a copy of that formula it never frees). */
static void _dropdown(xlsx_book *b, int names_row, xb_str *ref)
{
    size_t len = 0;
    int plain = b->sw_n < 64;
    const char *list[64];
    for (size_t j = 0; plain && j < b->sw_n; j++) {
        list[j] = _name(b->m, j);
        len += strlen(list[j]) + 1;
        plain = len <= 256 && !strchr(list[j], ',');
    }
    lxw_data_validation v = {.validate = LXW_VALIDATION_TYPE_LIST};
    if (plain) {
        list[b->sw_n] = NULL;
        v.value_list = (char **)list;
    } else {
        v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        xs_printf(ref, "=");
        xs_range(ref, NULL, names_row, XB_SW_COL0, names_row,
                 XB_SW_COL0 + (int)b->sw_n - 1, XB_ABS);
        v.value_formula = ref->s;
    }
    if (!ref->failed)
        xb_check(b, worksheet_data_validation_cell(b->inputs, XB_SW_ROW, XB_SW_COL, &v));
}

/* The drop-down at B3, its name and the header row of scenario names. */
static void _selector(xlsx_book *b, int names_row)
{
    lxw_worksheet *ws = b->inputs;
    const char *sc = b->r->scenario ? b->r->scenario : "base";
    xb_text(b, ws, XB_SW_ROW, 0, "Scenario (choose)", xb_fmt(b, NULL, XB_BOLD));
    xb_text(b, ws, XB_SW_ROW, XB_SW_COL, sc, xb_fmt(b, NULL, XB_INPUT | XB_BOLD));
    xb_text(b, ws, XB_SW_ROW, XB_SW_COL + 1, "Every sheet's formulas follow this cell "
            "(drivers by scenario below); Scenarios, Sensitivity and Monte Carlo are "
            "fixed figures of the engine.", xb_fmt(b, NULL, XB_NOTE));
    xb_str ref;
    xs_init(&ref);
    _dropdown(b, names_row, &ref);
    xs_clear(&ref);
    xs_printf(&ref, "=");
    xs_ref(&ref, XB_INPUTS, XB_SW_ROW, XB_SW_COL, XB_ABS);
    if (!ref.failed)
        xb_check(b, workbook_define_name(b->wb, "scenario", ref.s));
    xs_clear(&ref);
    xs_printf(&ref, "=");
    xs_range(&ref, XB_INPUTS, names_row, XB_SW_COL0, names_row,
             XB_SW_COL0 + (int)b->sw_n - 1, XB_ABS);
    if (!ref.failed)
        xb_check(b, workbook_define_name(b->wb, "scenario_names", ref.s));
    if (ref.failed)
        b->nomem = 1;
    xs_release(&ref);
}

static int _no_switch(xlsx_book *b, int row)
{
    if (!b->sw_why)
        return row;
    xb_str t;
    xs_init(&t);
    xs_printf(&t, "No scenario selector: ");
    if (b->sw_why_name)
        xs_printf(&t, "%s cannot switch live (%s); ", b->sw_why_name, b->sw_why);
    else
        xs_printf(&t, "%s; ", b->sw_why);
    xs_printf(&t, "write one workbook per scenario (--scenario NAME).");
    xb_text(b, b->inputs, XB_SW_ROW, 0, xs_get(&t), xb_fmt(b, NULL, XB_NOTE));
    xs_release(&t);
    return row;
}

/* The scenarios' names, centred over their columns; the row as high as the
 * longest name needs, columns past the Source column as wide as the rest. */
static void _names_row(xlsx_book *b, int row)
{
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER | XB_WRAP | XB_CENTER);
    double height = 0;
    for (size_t j = 0; j < b->sw_n; j++) {
        int c = XB_SW_COL0 + (int)j;
        xb_text(b, b->inputs, row, c, _name(b->m, j), h);
        double hi = xb_text_height(_name(b->m, j), 12, 12);
        height = hi > height ? hi : height;
        if (c > XB_FIG_SOURCE)
            xb_check(b, worksheet_set_column(b->inputs, (lxw_col_t)c, (lxw_col_t)c, 12, NULL));
    }
    xb_row_height(b, b->inputs, row, height);
}

int xb_write_switch(xlsx_book *b, int row)
{
    if (!b->sw_on)
        return _no_switch(b, row);
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER | XB_WRAP);
    xb_text(b, b->inputs, row++, 0, "Drivers and depreciation rules by scenario "
            "(the selector in B3 picks the column)", xb_fmt(b, NULL, XB_SECTION));
    b->sw_names_row = row;
    xb_text(b, b->inputs, row, 0, "Series or entry", h);
    xb_text(b, b->inputs, row, 1, "Parameter", h);
    _names_row(b, row);
    row++;
    for (size_t s = 0; s < b->m->nseries; s++)
        if (xb_switch_series(b, s))
            row = _series_block(b, row, s);
    for (size_t d = 0; d < b->m->ndepreciations; d++)
        if (xb_switch_dep(b, d))
            row = _dep_block(b, row, d);
    _selector(b, b->sw_names_row);
    return row + 1;
}

/* ---- formulas on other sheets ----------------------------------------- */

static void _cell(xb_str *f, int row, int col)
{
    xs_ref(f, XB_INPUTS, row, col, XB_ABS);
}

/* The rate of projected year k (year `year`) under driver d in column c,
 * as the single-scenario formulas of xlsx_projection.c compute it. Built of
 * literal pieces and references, without printf (docs/performance.md). */
static void _rate_expr(xlsx_book *b, xb_str *f, size_t s, const cx_driver *d, int c,
                       int k, int year)
{
    const int *p = &b->sw_par[s * XB_SWP_N];
    int S = _windowed(d) ? p[XB_SWP_WCAGR] : p[XB_SWP_RATE], T = p[XB_SWP_TO];
    int O = p[XB_SWP_OVER], HY = p[XB_SWP_HYEARS], FY = p[XB_SWP_FYEARS];
    double given;
    if (cx_driver_override(d, year, &given)) {
        xs_num(f, given);
        return;
    }
    switch (d->method) {
    case CX_D_GROWTH:
    case CX_D_CAGR:
        _cell(f, S, c);
        return;
    case CX_D_RATES:
        _cell(f, p[XB_SWP_RATES] + ((size_t)k <= d->nrates ? k - 1 : (int)d->nrates - 1), c);
        return;
    case CX_D_FADE:     /* S+(T-S)*MIN(k-1,O-1)/MAX(O-1,1) */
        _cell(f, S, c), xs_printf(f, "+("), _cell(f, T, c), xs_printf(f, "-");
        _cell(f, S, c), xs_printf(f, ")*MIN("), xs_num(f, k - 1), xs_printf(f, ",");
        _cell(f, O, c), xs_printf(f, "-1)/MAX("), _cell(f, O, c), xs_printf(f, "-1,1)");
        return;
    default:            /* STAGES: IF(k<=HY,S,IF(FY=0,T,S+(T-S)*MIN(k-HY,FY)/FY)) */
        xs_printf(f, "IF("), xs_num(f, k), xs_printf(f, "<="), _cell(f, HY, c);
        xs_printf(f, ","), _cell(f, S, c), xs_printf(f, ",IF("), _cell(f, FY, c);
        xs_printf(f, "=0,"), _cell(f, T, c), xs_printf(f, ","), _cell(f, S, c);
        xs_printf(f, "+("), _cell(f, T, c), xs_printf(f, "-"), _cell(f, S, c);
        xs_printf(f, ")*MIN("), xs_num(f, k), xs_printf(f, "-"), _cell(f, HY, c);
        xs_printf(f, ","), _cell(f, FY, c), xs_printf(f, ")/"), _cell(f, FY, c);
        xs_printf(f, "))");
        return;
    }
}

/* A monthly or quarterly model: the rate as the period's, (1+r)^(to/from)-1
 * from driver d's unit (per; a year by default), as xlsx_periods.c's
 * xb_convert_rate; nothing when the units agree. */
static int _convert_open(const xlsx_book *b, const cx_driver *d, xb_str *f)
{
    int from = d->per ? d->per : 12, to = cx_period_months(&b->m->cal);
    if (from == to)
        return 0;
    xs_printf(f, "(1+");
    return 1;
}

static void _convert_close(const xlsx_book *b, const cx_driver *d, xb_str *f)
{
    xs_printf(f, ")^(%d/%d)-1", cx_period_months(&b->m->cal), d->per ? d->per : 12);
}

void xb_switch_rate(xlsx_book *b, size_t s, int t, xb_str *f)
{
    /* a year's periods share its rate; overrides are by (fiscal) year */
    int k = (t - b->r->series[s].last_stated - 1) / b->m->cal.per_year + 1;
    int year = xb_sub(b) ? cx_period_fiscal_year(&b->m->cal, t) : b->m->first_year + t;
    xs_printf(f, "=CHOOSE(MATCH(scenario,scenario_names,0)");
    for (size_t j = 0; j < b->sw_n; j++) {
        const cx_driver *d = _driver(b->m, j, s);
        xs_printf(f, ",");
        int wrap = _convert_open(b, d, f);
        _rate_expr(b, f, s, d, XB_SW_COL0 + (int)j, k, year);
        if (wrap)
            _convert_close(b, d, f);
    }
    xs_printf(f, ")");
}

/* =INDEX(Inputs row `row` of the scenario columns,1,MATCH(...)). */
static void _pick(xlsx_book *b, int row, const char *sheet, xb_str *f)
{
    xs_printf(f, "=INDEX(");
    xs_range(f, sheet, row, XB_SW_COL0, row, XB_SW_COL0 + (int)b->sw_n - 1, XB_ABS);
    xs_printf(f, ",1,MATCH(scenario,scenario_names,0))");
}

void xb_switch_method(xlsx_book *b, size_t s, xb_str *f)
{
    _pick(b, b->sw_par[s * XB_SWP_N + XB_SWP_METHOD], XB_INPUTS, f);
}

void xb_switch_dep_pick(xlsx_book *b, size_t d, int which, xb_str *f)
{
    _pick(b, b->sw_dep[d] + which, NULL, f);
}

