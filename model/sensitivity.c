/*
 * sensitivity.c - tornado and two-way tables (sensitivity.h). Each figure
 * is one cx_compute of a view of the model: the model's own arrays, but a
 * copy of its series whose drivers are those in effect in the run moved
 * as asked, no scenarios (the run's are already in those drivers), and no
 * goals or checks (nothing here reads them).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "result.h"
#include "model.h"
#include "release.h"
#include "sensitivity.h"

static const char *const _output_names[CX_SO_COUNT] = {
    "cumulative_burn", "peak_burn", "break_even", "npv", "value"
};

const char *cx_sens_output_name(cx_sens_output o)
{
    return (unsigned)o < CX_SO_COUNT ? _output_names[o] : NULL;
}

void cx_sensitivity_label(const cx_sensitivity *s, const cx_model *m,
                          char *buf, size_t size)
{
    char a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
    const cx_sensitivity_spec *sp = s->spec;
    const cx_series *se;
    switch (sp->output) {
    case CX_SO_CUMULATIVE:
        snprintf(buf, size, "Cumulative net cash flow %s\xE2\x80\x93%s",
                 cx_model_period_title(m, s->from, a), cx_model_period_title(m, s->through, b));
        break;
    case CX_SO_PEAK:
        snprintf(buf, size, "Peak cumulative burn");
        break;
    case CX_SO_BREAK_EVEN:
        snprintf(buf, size, "Break-even year (fractional)");
        break;
    case CX_SO_NPV:
        snprintf(buf, size, "NPV at %g%%", m->discount.rate * 100);
        break;
    default:
        se = &m->series[sp->series];
        snprintf(buf, size, "%s in %s", se->label ? se->label : se->name,
                 cx_model_period_title(m, sp->year, a));
    }
}

cx_status cx_sensitivity_spec_new(cx_sensitivity_spec **out)
{
    if (!out)
        return CX_EINVAL;
    *out = calloc(1, sizeof **out);
    if (!*out)
        return CX_ENOMEM;
    (*out)->series = (*out)->x = (*out)->y = CX_NO_INDEX;
    return CX_OK;
}

void cx_sensitivity_spec_free(cx_sensitivity_spec *s)
{
    if (s)
        cxi_free_with(s, (void *[]){s->tornado, s->steps}, 2);
}

cx_status cx_sensitivity_add_driver(cx_sensitivity_spec *s, const cx_sens_driver *d)
{
    if (!s || !d)
        return CX_EINVAL;
    cx_sens_driver *grown = realloc(s->tornado, (s->ntornado + 1) * sizeof *grown);
    if (!grown)
        return CX_ENOMEM;
    s->tornado = grown;
    grown[s->ntornado++] = *d;
    return CX_OK;
}

cx_status cx_sensitivity_set_grid(cx_sensitivity_spec *s, size_t x, size_t y,
                                  const double *steps, size_t n)
{
    if (!s || !steps || n == 0)
        return CX_EINVAL;
    double *copy = malloc(n * sizeof *copy);
    if (!copy)
        return CX_ENOMEM;
    memcpy(copy, steps, n * sizeof *copy);
    free(s->steps);
    s->steps = copy;
    s->nsteps = n;
    s->x = x;
    s->y = y;
    s->has_grid = 1;
    return CX_OK;
}

double cx_sens_output_of(const cx_sensitivity_spec *spec, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    int burn = b->enabled && b->n;
    long i;
    switch (spec->output) {
    case CX_SO_CUMULATIVE:
        i = spec->through ? (long)spec->through - b->first_year : (long)b->n - 1;
        return burn && i >= 0 && i < (long)b->n ? b->burn.cumulative[i] : NAN;
    case CX_SO_PEAK:
        return burn ? b->burn.peak_burn : NAN;
    case CX_SO_BREAK_EVEN:      /* a fractional (fiscal) year, also by period */
        return burn ? cx_period_fraction_year(&r->model->cal, b->funding.break_even_frac)
                    : NAN;
    case CX_SO_NPV:
        return r->discount.enabled ? r->discount.npv : NAN;
    case CX_SO_VALUE:
        return cx_result_value(r, spec->series, spec->year);
    default:
        return NAN;
    }
}

const char *cx_sens_setting(const cx_model *m, const cx_sens_driver *d)
{
    if (!d->absolute)
        return "move";
    return d->series < m->nseries && m->series[d->series].kind == CX_S_DEPRECIATION
               ? "life" : "rate";
}

/* One driver moved: relatively by x, or its main rate to x. */
typedef struct _move {
    size_t series;
    int absolute;
    double x;
} _move;

/* The start rate of cagr / from_cagr resolved to the run's figure. */
static cx_status _resolve_cagr(cx_driver *d, const cx_series_result *sr)
{
    if (d->method != CX_D_CAGR && !d->from_cagr)
        return CX_OK;
    if (!isfinite(sr->start_rate))
        return CX_EDOMAIN;
    if (d->method == CX_D_CAGR)
        d->method = CX_D_GROWTH;
    d->rate = sr->start_rate;
    d->from_cagr = 0;
    return CX_OK;
}

static cx_status _scale(cx_driver *d, double f)
{
    switch (d->method) {
    case CX_D_GROWTH:
        d->rate *= f;
        break;
    case CX_D_RATES:
        for (size_t i = 0; i < d->nrates; i++)
            d->rates[i] *= f;
        break;
    case CX_D_FADE:
    case CX_D_STAGES:
        d->rate *= f;
        d->terminal *= f;
        break;
    case CX_D_SHARE:
    case CX_D_INTENSITY:
        if (d->share_series != CX_NO_INDEX)
            return CX_EINVAL;
        d->share *= f;
        return CX_OK;
    default:
        return CX_EINVAL;
    }
    for (size_t i = 0; i < d->nrate_overrides; i++)
        d->rate_overrides[i].rate *= f;
    return CX_OK;
}

static cx_status _set(cx_driver *d, double v)
{
    switch (d->method) {
    case CX_D_GROWTH: case CX_D_FADE: case CX_D_STAGES:
        d->rate = v;
        return CX_OK;
    case CX_D_SHARE: case CX_D_INTENSITY:
        if (d->share_series != CX_NO_INDEX)
            return CX_EINVAL;
        d->share = v;
        return CX_OK;
    default:
        return CX_EINVAL;
    }
}

/* The driver in effect in r for mv->series, moved, into *out (owned). */
static cx_status _moved(const cx_result *r, const _move *mv, cx_driver *out)
{
    cx_status st = cx_driver_copy(out, &r->drivers[mv->series]);
    if (st == CX_OK)
        st = _resolve_cagr(out, &r->series[mv->series]);
    if (st == CX_OK)
        st = mv->absolute ? _set(out, mv->x) : _scale(out, 1.0 + mv->x);
    return st;
}

/* A depreciation entry's life moved: life x (1 + x), or to x years. */
static cx_status _move_life(const cx_model *m, cx_depreciation *deps, const _move *mv)
{
    cx_dep_rule *rule = &deps[m->series[mv->series].dep].rule;
    rule->life = mv->absolute ? mv->x : rule->life * (1.0 + mv->x);
    return cx_dep_rule_check(rule, NULL);
}

/* The depreciation entries with the rules in effect in r. */
static cx_depreciation *_deps_in_effect(const cx_result *r)
{
    const cx_model *m = r->model;
    cx_depreciation *deps = malloc((m->ndepreciations ? m->ndepreciations : 1) * sizeof *deps);
    for (size_t d = 0; deps && d < m->ndepreciations; d++) {
        deps[d] = m->depreciations[d];
        deps[d].rule = r->deps[d].rule;
    }
    return deps;
}

/* Move mv[i]: a depreciation life, or a driver into moved[i]. */
static cx_status _apply(const cx_result *r, const _move *mv, cx_series *series,
                        cx_depreciation *deps, cx_driver *moved)
{
    if (r->model->series[mv->series].kind == CX_S_DEPRECIATION)
        return _move_life(r->model, deps, mv);
    cx_status st = _moved(r, mv, moved);
    series[mv->series].driver = *moved;
    return st;
}

/* The output of one run of r's model with the drivers in effect in r and
 * mv[0..n) moved. */
static cx_status _run(const cx_result *r, const cx_sensitivity_spec *spec,
                      const _move *mv, size_t n, double *out, size_t *failed)
{
    const cx_model *m = r->model;
    cx_driver moved[2] = {{0}};
    cx_series *series = n <= 2 ? malloc((m->nseries ? m->nseries : 1) * sizeof *series) : NULL;
    cx_depreciation *deps = series ? _deps_in_effect(r) : NULL;
    if (!series || !deps) {
        free(series);
        return CX_ENOMEM;
    }
    if (m->nseries)
        memcpy(series, m->series, m->nseries * sizeof *series);
    for (size_t s = 0; s < m->nseries; s++)
        series[s].driver = r->drivers[s];
    cx_status st = CX_OK;
    for (size_t i = 0; st == CX_OK && i < n; i++) {
        *failed = mv[i].series;
        st = _apply(r, &mv[i], series, deps, &moved[i]);
    }
    if (st == CX_OK) {
        cx_model view = *m;
        view.series = series;
        view.depreciations = m->ndepreciations ? deps : NULL;
        view.scenarios = NULL, view.nscenarios = 0;
        view.goals = NULL, view.ngoals = 0;
        view.checks = NULL, view.nchecks = 0;
        cx_result *v;
        st = cx_compute(&view, NULL, &v, failed);
        if (st == CX_OK)
            *out = cx_sens_output_of(spec, v);
        cx_result_free(v);
    }
    for (size_t i = 0; i < n; i++)
        cx_driver_release(&moved[i]);
    free(series);
    free(deps);
    return st;
}

static cx_status _bar(const cx_result *r, const cx_sensitivity_spec *spec, size_t i,
                      double base, cx_tornado_bar *bar, size_t *failed)
{
    const cx_sens_driver *d = &spec->tornado[i];
    _move lo = {d->series, d->absolute, d->low}, hi = {d->series, d->absolute, d->high};
    *bar = (cx_tornado_bar){.driver = i, .series = d->series};
    cx_status st = _run(r, spec, &lo, 1, &bar->at_low, failed);
    if (st == CX_OK)
        st = _run(r, spec, &hi, 1, &bar->at_high, failed);
    bar->swing = fabs(bar->at_high - bar->at_low);
    bar->low_delta = bar->at_low - base;
    bar->high_delta = bar->at_high - base;
    return st;
}

/* a goes after b: a smaller swing (NAN smallest); stable otherwise. */
static int _after(const cx_tornado_bar *a, const cx_tornado_bar *b)
{
    if (isnan(a->swing))
        return !isnan(b->swing);
    return !isnan(b->swing) && a->swing < b->swing;
}

static void _sort(cx_tornado_bar *bars, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        cx_tornado_bar key = bars[i];
        size_t j = i;
        for (; j > 0 && _after(&bars[j - 1], &key); j--)
            bars[j] = bars[j - 1];
        bars[j] = key;
    }
}

static cx_status _tornado(const cx_result *r, cx_sensitivity *out, size_t *failed)
{
    const cx_sensitivity_spec *spec = out->spec;
    if (!spec->ntornado)
        return CX_OK;
    out->bars = calloc(spec->ntornado, sizeof *out->bars);
    if (!out->bars)
        return CX_ENOMEM;
    out->nbars = spec->ntornado;
    for (size_t i = 0; i < spec->ntornado; i++) {
        cx_status st = _bar(r, spec, i, out->base, &out->bars[i], failed);
        if (st != CX_OK)
            return st;
    }
    _sort(out->bars, out->nbars);
    return CX_OK;
}

static cx_status _grid(const cx_result *r, cx_sensitivity *out, size_t *failed)
{
    const cx_sensitivity_spec *spec = out->spec;
    size_t n = spec->nsteps;
    if (!spec->has_grid || !n)
        return CX_OK;
    out->grid = malloc(n * n * sizeof *out->grid);
    if (!out->grid)
        return CX_ENOMEM;
    out->nsteps = n;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            _move mv[2] = {{spec->x, 0, spec->steps[j]}, {spec->y, 0, spec->steps[i]}};
            cx_status st = _run(r, spec, mv, 2, &out->grid[i * n + j], failed);
            if (st != CX_OK)
                return st;
        }
    }
    return CX_OK;
}

cx_status cx_sensitivity_compute(const cx_result *r, const cx_sensitivity_spec *spec,
                                 cx_sensitivity **out, size_t *failed_series)
{
    size_t dummy;
    size_t *failed = failed_series ? failed_series : &dummy;
    *failed = CX_NO_INDEX;
    if (!r || !r->model || !spec || !out)
        return CX_EINVAL;
    *out = NULL;
    cx_sensitivity *s = calloc(1, sizeof *s);
    if (!s)
        return CX_ENOMEM;
    s->spec = spec;
    s->base = cx_sens_output_of(spec, r);
    if (spec->output == CX_SO_CUMULATIVE && r->burn.enabled && r->burn.n) {
        s->from = r->burn.first_year;
        s->through = spec->through ? spec->through
                                   : r->burn.first_year + (int)r->burn.n - 1;
    }
    cx_status st = _tornado(r, s, failed);
    if (st == CX_OK)
        st = _grid(r, s, failed);
    if (st != CX_OK) {
        cx_sensitivity_free(s);
        return st;
    }
    *failed = CX_NO_INDEX;
    *out = s;
    return CX_OK;
}

void cx_sensitivity_free(cx_sensitivity *s)
{
    if (s)
        cxi_free_with(s, (void *[]){s->bars, s->grid}, 2);
}
