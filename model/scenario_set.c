/*
 * scenario_set.c - every scenario side by side (scenario_set.h): the base
 * and named scenarios by cx_compute, low and high by cx_compute of a view
 * of the model whose stated figures are moved to their ends.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "result.h"
#include "release.h"
#include "scenario_set.h"
#include "sensitivity.h"

static const char *const _fig_names[CX_SF_COUNT] = {
    "value", "cumulative_burn", "peak_burn", "peak_year", "break_even_year",
    "break_even_fraction", "payback_year", "payback_fraction", "npv", "irr",
    "warnings", "funding_gap", "runway_months", "runout_year"
};

static const char _low_text[] =
    "every range, floor and estimate in the inputs at its low end";
static const char _high_text[] =
    "every range, floor and estimate in the inputs at its high end (a floor at its base)";

const char *cx_scenario_fig_name(cx_scenario_fig f)
{
    return (unsigned)f < CX_SF_COUNT ? _fig_names[f] : NULL;
}

/* ---- low / high: the model's figures at one end ------------------------ */

typedef struct _ends {
    cx_model m;               /* the view: the model's arrays but these */
    cx_series *series;
    cx_value *stated;         /* [nseries * nyears] */
    cx_commitment *cmts;
    cx_value *schedules;      /* [ncommitments * nyears] */
    cx_raise *raises;
    cx_depreciation *deps;    /* lives at their ends */
} _ends;

static void _to_end(cx_value *v, int high)
{
    if (!cx_value_stated(v))
        return;
    double x = high ? v->high : v->low;
    if (isfinite(x))
        v->base = x;
}

static void _ends_free(_ends *e)
{
    free(e->series);
    free(e->stated);
    free(e->cmts);
    free(e->schedules);
    free(e->raises);
    free(e->deps);
}

static cx_status _ends_alloc(_ends *e, const cx_model *m)
{
    size_t ny = m->nyears, ns = m->nseries ? m->nseries : 1;
    size_t nc = m->ncommitments ? m->ncommitments : 1;
    e->series = malloc(ns * sizeof *e->series);
    e->stated = malloc(ns * ny * sizeof *e->stated);
    e->cmts = malloc(nc * sizeof *e->cmts);
    e->schedules = malloc(nc * ny * sizeof *e->schedules);
    e->raises = malloc((m->burn.nraises ? m->burn.nraises : 1) * sizeof *e->raises);
    e->deps = malloc((m->ndepreciations ? m->ndepreciations : 1) * sizeof *e->deps);
    if (!e->series || !e->stated || !e->cmts || !e->schedules || !e->raises || !e->deps)
        return CX_ENOMEM;
    return CX_OK;
}

static void _ends_series(_ends *e, const cx_model *m, int high)
{
    size_t ny = m->nyears;
    if (m->nseries)
        memcpy(e->series, m->series, m->nseries * sizeof *e->series);
    for (size_t s = 0; s < m->nseries; s++) {
        if (m->series[s].kind != CX_S_INPUT)
            continue;
        cx_value *v = e->stated + s * ny;
        memcpy(v, m->series[s].stated, ny * sizeof *v);
        for (size_t t = 0; t < ny; t++)
            _to_end(&v[t], high);
        e->series[s].stated = v;
    }
}

static void _ends_commitments(_ends *e, const cx_model *m, int high)
{
    size_t ny = m->nyears;
    if (m->ncommitments)
        memcpy(e->cmts, m->commitments, m->ncommitments * sizeof *e->cmts);
    for (size_t c = 0; c < m->ncommitments; c++) {
        _to_end(&e->cmts[c].total, high);
        if (!m->commitments[c].schedule)
            continue;
        cx_value *v = e->schedules + c * ny;
        memcpy(v, m->commitments[c].schedule, ny * sizeof *v);
        for (size_t t = 0; t < ny; t++)
            _to_end(&v[t], high);
        e->cmts[c].schedule = v;
    }
}

/* A life written as a range at its end (the rule's life is its base). */
static void _ends_deps(_ends *e, const cx_model *m, int high)
{
    if (m->ndepreciations)
        memcpy(e->deps, m->depreciations, m->ndepreciations * sizeof *e->deps);
    for (size_t d = 0; d < m->ndepreciations; d++) {
        cx_value life = m->depreciations[d].life;
        _to_end(&life, high);
        e->deps[d].rule.life = life.base;
        e->deps[d].life = life;
    }
}

/* The view of m with every stated figure at its low (high = 0) or high end. */
static cx_status _ends_make(_ends *e, const cx_model *m, int high)
{
    memset(e, 0, sizeof *e);
    cx_status st = _ends_alloc(e, m);
    if (st != CX_OK)
        return st;
    _ends_series(e, m, high);
    _ends_commitments(e, m, high);
    _ends_deps(e, m, high);
    if (m->burn.nraises)
        memcpy(e->raises, m->burn.raises, m->burn.nraises * sizeof *e->raises);
    for (size_t i = 0; i < m->burn.nraises; i++)
        _to_end(&e->raises[i].amount, high);
    e->m = *m;
    e->m.series = e->series;
    e->m.commitments = m->ncommitments ? e->cmts : NULL;
    e->m.burn.raises = m->burn.nraises ? e->raises : NULL;
    e->m.depreciations = m->ndepreciations ? e->deps : NULL;
    _to_end(&e->m.burn.cash, high);
    e->m.scenarios = NULL, e->m.nscenarios = 0;
    e->m.goals = NULL, e->m.ngoals = 0;
    return CX_OK;
}

/* ---- the table's rows -------------------------------------------------- */

static cx_status _add_row(cx_scenario_set *s, cx_scenario_fig fig, size_t series,
                          int year, int from)
{
    cx_scenario_row *grown = realloc(s->rows, (s->nrows + 1) * sizeof *grown);
    if (!grown)
        return CX_ENOMEM;
    s->rows = grown;
    grown[s->nrows++] = (cx_scenario_row){fig, series, year, from};
    return CX_OK;
}

/* Last-year rows of the series whose unit is (money) or is not money. */
static cx_status _value_rows(cx_scenario_set *s, const cx_result *base, int money)
{
    const cx_model *m = s->model;
    cx_status st = CX_OK;
    for (size_t i = 0; st == CX_OK && i < m->nseries; i++) {
        int last = base->series[i].last;
        if (last >= 0 && (m->series[i].unit == CX_U_MONEY) == money)
            st = _add_row(s, CX_SF_VALUE, i, m->first_year + last, 0);
    }
    return st;
}

static cx_status _rows(cx_scenario_set *s, const cx_result *base)
{
    int burn = base->burn.enabled && base->burn.n, disc = base->discount.enabled;
    int cash = burn && base->burn.funding.has_cash;
    int first = base->burn.first_year;
    cx_status st = _value_rows(s, base, 1);
    if (st == CX_OK && burn && s->through)
        st = _add_row(s, CX_SF_CUMULATIVE, CX_NO_INDEX, s->through, first);
    if (st == CX_OK && burn)
        st = _add_row(s, CX_SF_PEAK, CX_NO_INDEX, 0, 0);
    if (st == CX_OK && cash)
        st = _add_row(s, CX_SF_FUNDING_GAP, CX_NO_INDEX, 0, 0);
    if (st == CX_OK && disc)
        st = _add_row(s, CX_SF_NPV, CX_NO_INDEX, 0, 0);
    s->nmoney = s->nrows;
    if (st == CX_OK)
        st = _value_rows(s, base, 0);
    static const cx_scenario_fig years[] = {CX_SF_PEAK_YEAR, CX_SF_BREAK_EVEN,
        CX_SF_BREAK_EVEN_FRAC, CX_SF_PAYBACK, CX_SF_PAYBACK_FRAC};
    for (size_t i = 0; burn && st == CX_OK && i < sizeof years / sizeof *years; i++)
        st = _add_row(s, years[i], CX_NO_INDEX, 0, 0);
    if (st == CX_OK && cash)
        st = _add_row(s, CX_SF_RUNWAY, CX_NO_INDEX, 0, 0);
    if (st == CX_OK && cash)
        st = _add_row(s, CX_SF_CASH_OUT, CX_NO_INDEX, 0, 0);
    if (st == CX_OK && disc)
        st = _add_row(s, CX_SF_IRR, CX_NO_INDEX, 0, 0);
    if (st == CX_OK)
        st = _add_row(s, CX_SF_WARNINGS, CX_NO_INDEX, 0, 0);
    return st;
}

/* ---- figures of one result -------------------------------------------- */

static double _year(int y)
{
    return y ? (double)y : NAN;
}

static double _figure(const cx_scenario_row *row, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    long i;
    switch (row->fig) {
    case CX_SF_VALUE: return cx_result_value(r, row->series, row->year);
    case CX_SF_CUMULATIVE:
        i = (long)row->year - b->first_year;
        return b->enabled && i >= 0 && i < (long)b->n ? b->burn.cumulative[i] : NAN;
    case CX_SF_PEAK: return b->enabled && b->n ? b->burn.peak_burn : NAN;
    case CX_SF_PEAK_YEAR: return _year(b->burn.peak_year);
    case CX_SF_BREAK_EVEN: return _year(b->burn.break_even_year);
    case CX_SF_BREAK_EVEN_FRAC: return b->enabled ? b->funding.break_even_frac : NAN;
    case CX_SF_PAYBACK: return _year(b->burn.payback_year);
    case CX_SF_PAYBACK_FRAC: return b->enabled ? b->funding.payback_frac : NAN;
    case CX_SF_NPV: return r->discount.enabled ? r->discount.npv : NAN;
    case CX_SF_IRR: return r->discount.enabled ? r->discount.irr : NAN;
    case CX_SF_WARNINGS: return (double)r->warnings;
    case CX_SF_FUNDING_GAP: return b->enabled ? b->funding.funding_gap : NAN;
    case CX_SF_RUNWAY: return b->enabled ? b->funding.runway_months : NAN;
    case CX_SF_CASH_OUT: return b->enabled ? _year(b->funding.runout_year) : NAN;
    default: return NAN;
    }
}

static void _column(cx_scenario_set *s, size_t k, const cx_result *r)
{
    for (size_t i = 0; i < s->nrows; i++) {
        double v = _figure(&s->rows[i], r);
        s->value[i * s->ncols + k] = v;
        s->diff[i * s->ncols + k] = v - s->value[i * s->ncols];
    }
}

/* ---- the set ----------------------------------------------------------- */

static cx_status _setup(cx_scenario_set *s, const cx_result *base, int through)
{
    const cx_model *m = s->model;
    const cx_burn_result *b = &base->burn;
    const cx_sensitivity_spec *sp = m->sensitivity;
    s->through = through;
    if (!s->through && sp && sp->output == CX_SO_CUMULATIVE)
        s->through = sp->through;
    if (!s->through && b->enabled && b->n)
        s->through = b->first_year + (int)b->n - 1;
    s->ncols = m->nscenarios + 3;
    s->cols = calloc(s->ncols, sizeof *s->cols);
    if (!s->cols)
        return CX_ENOMEM;
    s->cols[0] = (cx_scenario_col){"base", "the drivers as written", 0};
    for (size_t i = 0; i < m->nscenarios; i++)
        s->cols[i + 1] = (cx_scenario_col){m->scenarios[i].name,
                                           m->scenarios[i].description, 0};
    s->cols[s->ncols - 2] = (cx_scenario_col){"low", _low_text, 1};
    s->cols[s->ncols - 1] = (cx_scenario_col){"high", _high_text, 1};
    cx_status st = _rows(s, base);
    if (st != CX_OK)
        return st;
    size_t n = s->nrows * s->ncols;
    s->value = malloc((n ? n : 1) * sizeof *s->value);
    s->diff = malloc((n ? n : 1) * sizeof *s->diff);
    return s->value && s->diff ? CX_OK : CX_ENOMEM;
}

/* Column k: compute its scenario and take its figures. */
static cx_status _scenario(cx_scenario_set *s, size_t k, size_t *failed)
{
    const cx_model *m = s->model;
    cx_result *r = NULL;
    _ends e = {0};
    cx_status st;
    if (!s->cols[k].automatic) {
        st = cx_compute(m, s->cols[k].name, &r, failed);
    } else {
        st = _ends_make(&e, m, k == s->ncols - 1);
        if (st == CX_OK)
            st = cx_compute(&e.m, NULL, &r, failed);
    }
    if (st == CX_OK)
        _column(s, k, r);
    cx_result_free(r);
    _ends_free(&e);
    return st;
}

cx_status cx_scenario_set_compute(const cx_model *m, int through,
                                  cx_scenario_set **out, const char **failed_scenario,
                                  size_t *failed_series)
{
    size_t dummy;
    const char *dummy_name;
    size_t *failed = failed_series ? failed_series : &dummy;
    const char **which = failed_scenario ? failed_scenario : &dummy_name;
    *failed = CX_NO_INDEX;
    *which = "base";
    if (!m || !out)
        return CX_EINVAL;
    *out = NULL;
    cx_scenario_set *s = calloc(1, sizeof *s);
    if (!s)
        return CX_ENOMEM;
    s->model = m;
    cx_result *base = NULL;
    cx_status st = cx_compute(m, NULL, &base, failed);
    if (st == CX_OK)
        st = _setup(s, base, through);
    if (st == CX_OK)
        _column(s, 0, base);
    cx_result_free(base);
    for (size_t k = 1; st == CX_OK && k < s->ncols; k++) {
        *which = s->cols[k].name;
        st = _scenario(s, k, failed);
    }
    if (st != CX_OK) {
        cx_scenario_set_free(s);
        return st;
    }
    *out = s;
    return CX_OK;
}

/* A figure that is a period: "Break-even year", "Break-even month". */
static void _period_label(const cx_scenario_set *s, cx_scenario_fig fig, char *buf,
                          size_t size)
{
    const char *w = cx_calendar_period_word(&s->model->cal);
    if (fig == CX_SF_CASH_OUT)
        snprintf(buf, size, "Cash runs out (%s)", w);
    else
        snprintf(buf, size, "%s %s", fig == CX_SF_PEAK_YEAR ? "Peak burn" :
                 fig == CX_SF_BREAK_EVEN ? "Break-even" : "Payback", w);
}

void cx_scenario_row_label(const cx_scenario_set *s, size_t i, char *buf, size_t size)
{
    char a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
    static const char *const fixed[CX_SF_COUNT] = {
        NULL, NULL, "Peak cumulative burn", NULL, NULL,
        "Break-even (fractional year)", NULL, "Payback (fractional year)",
        NULL, "IRR", "Check warnings", "Funding gap", "Runway (months)", NULL
    };
    const cx_scenario_row *row = i < s->nrows ? &s->rows[i] : NULL;
    const cx_series *se;
    if (!row) {
        snprintf(buf, size, "?");
        return;
    }
    switch (row->fig) {
    case CX_SF_VALUE:
        se = &s->model->series[row->series];
        snprintf(buf, size, "%s, %s", se->label ? se->label : se->name,
                 cx_model_period_title(s->model, row->year, a));
        break;
    case CX_SF_CUMULATIVE:
        snprintf(buf, size, "Cumulative net cash flow %s\xE2\x80\x93%s",
                 cx_model_period_title(s->model, row->from, a), cx_model_period_title(s->model, row->year, b));
        break;
    case CX_SF_NPV:
        snprintf(buf, size, "NPV at %g%%", s->model->discount.rate * 100);
        break;
    case CX_SF_PEAK_YEAR: case CX_SF_BREAK_EVEN: case CX_SF_PAYBACK: case CX_SF_CASH_OUT:
        _period_label(s, row->fig, buf, size);
        break;
    default:
        snprintf(buf, size, "%s", (unsigned)row->fig < CX_SF_COUNT ? fixed[row->fig] : "?");
    }
}

double cx_scenario_set_value(const cx_scenario_set *s, size_t i, size_t k)
{
    if (!s || i >= s->nrows || k >= s->ncols)
        return NAN;
    return s->value[i * s->ncols + k];
}

void cx_scenario_set_free(cx_scenario_set *s)
{
    if (s)
        cxi_free_with(s, (void *[]){s->rows, s->cols, s->value, s->diff}, 4);
}
