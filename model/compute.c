/*
 * compute.c - cx_compute: a model under a scenario into a cx_result.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compute_priv.h"
#include "goal_priv.h"

static cx_status _alloc_series(cx_series_result *sr, size_t nyears, int periods)
{
    sr->v = calloc(nyears, sizeof *sr->v);
    sr->rate = malloc(nyears * sizeof *sr->rate);
    sr->yoy = malloc(nyears * sizeof *sr->yoy);
    if (!sr->v || !sr->rate || !sr->yoy)
        return CX_ENOMEM;
    if (periods && !(sr->pop = malloc(nyears * sizeof *sr->pop)))
        return CX_ENOMEM;
    for (size_t t = 0; t < nyears; t++)
        sr->rate[t] = sr->yoy[t] = NAN;
    for (size_t t = 0; periods && t < nyears; t++)
        sr->pop[t] = NAN;
    sr->first = sr->last_stated = sr->last = -1;
    sr->start_rate = sr->hist_cagr = sr->hist_multiple = sr->full_cagr = NAN;
    sr->hist_rate = NAN;
    return CX_OK;
}

static cx_status _alloc(cx_result *r)
{
    size_t n = r->model->nseries;
    if (n == 0)
        return CX_OK;
    r->drivers = calloc(n, sizeof *r->drivers);
    r->series = calloc(n, sizeof *r->series);
    r->order = malloc(n * sizeof *r->order);
    if (!r->drivers || !r->series || !r->order)
        return CX_ENOMEM;
    for (size_t s = 0; s < n; s++)
        if (_alloc_series(&r->series[s], r->model->nyears, r->model->cal.per_year != 1)
            != CX_OK)
            return CX_ENOMEM;
    return CX_OK;
}

/* The base drivers, then the scenario's overrides in their place. */
static cx_status _drivers(cx_result *r)
{
    const cx_model *m = r->model;
    for (size_t s = 0; s < m->nseries; s++) {
        cx_status st = cx_driver_copy(&r->drivers[s], &m->series[s].driver);
        if (st != CX_OK)
            return st;
    }
    if (cxi_depreciation_rules(r) != CX_OK)
        return CX_ENOMEM;
    if (r->scenario_index == CX_NO_INDEX)
        return CX_OK;
    const cx_scenario *sc = &m->scenarios[r->scenario_index];
    for (size_t i = 0; i < sc->noverrides; i++) {
        size_t s = sc->overrides[i].series;
        if (s >= m->nseries)
            return CX_EINVAL;
        cx_driver_release(&r->drivers[s]);
        cx_status st = cx_driver_copy(&r->drivers[s], &sc->overrides[i].driver);
        if (st != CX_OK)
            return st;
    }
    return CX_OK;
}

static cx_status _series(cx_result *r, size_t *failed)
{
    cx_status st = cx_model_order(r->model, r->order, failed);
    for (size_t i = 0; st == CX_OK && i < r->model->nseries; i++) {
        st = cxi_series_compute(r, r->order[i]);
        if (st != CX_OK)
            *failed = r->order[i];
    }
    return st;
}

/* Series, commitments (before the burn, which may subtract them) and burn:
 * everything a goal's target depends on. */
static cx_status _run_cash(cx_result *r, size_t *failed)
{
    cx_status st = _series(r, failed);
    if (st == CX_OK)
        st = cxi_commitments_compute(r);
    if (st == CX_OK)
        st = cxi_burn_compute(r, failed);
    return st;
}

/* as_of left out: the model, and its workbook, are dated 2000-01-01. */
static cx_status _as_of_note(cx_result *r)
{
    const cx_model *m = r->model;
    if (!m->as_of_default)
        return CX_OK;
    return cxi_note(r, CX_NOTE_INFO, CX_NO_INDEX, 0, 0, 0,
                    "no 'as_of': the model and its workbook are dated %s (write the "
                    "date of its figures at the top, like 'as_of: 2026-02-20')",
                    m->as_of_text ? m->as_of_text : "2000-01-01");
}

static cx_status _run(cx_result *r, size_t *failed)
{
    cx_status st = _alloc(r);
    if (st == CX_OK)
        st = _drivers(r);
    if (st == CX_OK)
        st = _run_cash(r, failed);
    if (st == CX_OK)
        st = cxi_sign_notes(r);
    if (st == CX_OK)
        st = cxi_checks_compute(r, failed);
    if (st == CX_OK)
        st = cxi_discount_compute(r);
    if (st == CX_OK)
        st = cxi_goals_compute(r);
    if (st == CX_OK)
        st = cxi_rollup_compute(r);
    return st;
}

cx_status cxi_compute_variant(const cx_result *base, size_t series,
                              const cx_driver *driver, cx_result **out)
{
    size_t failed;
    const cx_model *m = base->model;
    *out = NULL;
    if (series >= m->nseries)
        return CX_EINVAL;
    cx_result *r = calloc(1, sizeof *r);
    if (!r)
        return CX_ENOMEM;
    r->model = m;
    r->scenario_index = base->scenario_index;
    r->scenario = base->scenario;
    cx_status st = _alloc(r);
    if (st == CX_OK)
        st = _drivers(r);
    if (st == CX_OK) {
        cx_driver_release(&r->drivers[series]);
        st = cx_driver_copy(&r->drivers[series], driver);
    }
    if (st == CX_OK)
        st = _run_cash(r, &failed);
    if (st != CX_OK) {
        cx_result_free(r);
        return st;
    }
    *out = r;
    return CX_OK;
}

static int _model_valid(const cx_model *m)
{
    if (m->cal.per_year == 1
        && (m->first_year < CX_MIN_YEAR || m->last_year > CX_MAX_YEAR))
        return 0;
    if (m->first_year > m->last_year || m->nyears != (size_t)m->cal.n
        || m->nyears != (size_t)(m->last_year - m->first_year + 1))
        return 0;
    return m->nseries == 0 || m->series;
}

cx_status cx_compute(const cx_model *m, const char *scenario,
                     cx_result **out, size_t *failed_series)
{
    size_t dummy;
    size_t *failed = failed_series ? failed_series : &dummy;
    *failed = CX_NO_INDEX;
    if (!m || !out)
        return CX_EINVAL;
    *out = NULL;
    if (!_model_valid(m))
        return CX_EINVAL;
    size_t sc = CX_NO_INDEX;
    if (scenario && strcmp(scenario, "base") != 0) {
        sc = cx_model_find_scenario(m, scenario);
        if (sc == CX_NO_INDEX)
            return CX_ENOTFOUND;
    }
    cx_result *r = calloc(1, sizeof *r);
    if (!r)
        return CX_ENOMEM;
    r->model = m;
    r->scenario_index = sc;
    r->scenario = sc == CX_NO_INDEX ? NULL : m->scenarios[sc].name;
    cx_status st = _as_of_note(r);
    if (st == CX_OK)
        st = _run(r, failed);
    if (st != CX_OK) {
        cx_result_free(r);
        return st;
    }
    *out = r;
    return CX_OK;
}

static void _free_series(cx_series_result *sr)
{
    free(sr->v);
    free(sr->rate);
    free(sr->yoy);
    free(sr->pop);
    free(sr->residual);
    free(sr->why);
    free(sr->fx_start);
}

void cx_result_free(cx_result *r)
{
    if (!r)
        return;
    size_t n = r->model ? r->model->nseries : 0;
    for (size_t s = 0; r->drivers && s < n; s++)
        cx_driver_release(&r->drivers[s]);
    for (size_t s = 0; r->series && s < n; s++)
        _free_series(&r->series[s]);
    free(r->drivers);
    free(r->series);
    free(r->order);
    cxi_depreciation_release(r);
    free(r->burn.revenue);
    free(r->burn.costs);
    free(r->burn.net);
    cx_burn_release(&r->burn.burn);
    cxi_funding_release(&r->burn.funding);
    cx_discount_result_release(&r->discount);
    cx_rollup_release(&r->annual);
    free(r->goals);
    free(r->commitments.amount);
    free(r->commitments.total);
    free(r->commitments.beyond);
    free(r->commitments.scheduled);
    free(r->checks);
    free(r->notes);
    free(r);
}

double cx_result_value(const cx_result *r, size_t s, int year)
{
    if (!r || !r->model || !r->series || s >= r->model->nseries)
        return NAN;
    int t = cx_model_year_index(r->model, year);
    if (t < 0 || !cx_value_present(&r->series[s].v[t]))
        return NAN;
    return r->series[s].v[t].base;
}
