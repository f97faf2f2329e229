/*
 * compute_formula.c - the values of a derived series (`formula:`): its
 * inputs' values as vectors, the formula run over every year
 * (formula_eval.c), `values:` figures kept where stated, and one note for
 * each run of empty years saying why they are empty. A derived series with
 * a driver is projected by it after its last year with a value (costs =
 * revenue - income where income is stated for 2026 only, grown after).
 */
#include <math.h>
#include <stdlib.h>
#include "compute_priv.h"

/* Input vectors (NAN = no value) for every series f uses. */
static cx_status _inputs(const cx_result *r, const cx_formula *f, double **vec)
{
    size_t n = r->model->nyears;
    for (size_t i = 0; i < f->ninputs; i++) {
        size_t s = f->inputs[i];
        if (s >= r->model->nseries)
            return CX_EINVAL;
        vec[s] = malloc(n * sizeof **vec);
        if (!vec[s])
            return CX_ENOMEM;
        for (size_t t = 0; t < n; t++)
            vec[s][t] = cx_value_present(&r->series[s].v[t])
                        ? r->series[s].v[t].base : NAN;
    }
    return CX_OK;
}

static cx_status _note(cx_result *r, size_t s, int from, int to, uint32_t why)
{
    const cx_model *m = r->model;
    const cx_series *ser = &m->series[s];
    char years[2 * CX_PERIOD_KEY_MAX + 2], a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
    cx_model_period_title(m, m->first_year + from, a);
    if (from == to)
        snprintf(years, sizeof years, "%s", a);
    else
        snprintf(years, sizeof years, "%s..%s", a, cx_model_period_title(m, m->first_year + to, b));
    const char *what = CX_FXW_KIND(why) == CX_FXW_DIV0 ? "division by zero"
                     : CX_FXW_KIND(why) == CX_FXW_LAG ? "lag before the first year"
                     : "the result is not finite";
    if (CX_FXW_KIND(why) == CX_FXW_MISSING && CX_FXW_SERIES(why) < m->nseries)
        return cxi_note(r, CX_NOTE_INFO, s, m->first_year + from, ser->line, ser->col,
                        "%s %s: empty, '%s' has no value", ser->name, years,
                        m->series[CX_FXW_SERIES(why)].name);
    return cxi_note(r, CX_NOTE_INFO, s, m->first_year + from, ser->line, ser->col,
                    "%s %s: empty (%s)", ser->name, years, what);
}

static int _given(const cx_series *ser, int t)
{
    return cx_value_stated(&ser->stated[t]) && !(ser->checked && ser->checked[t]);
}

/* The year after the last with a value when a driver projects from there
 * (those years get no note), else nyears. */
static int _tail(const cx_result *r, size_t s, const double *x)
{
    int n = (int)r->model->nyears, t = n;
    if (r->drivers[s].method == CX_D_NONE)
        return n;
    while (t > 0 && isnan(x[t - 1]) && !_given(&r->model->series[s], t - 1))
        t--;
    return t > 0 ? t : n;
}

/* The formula's values where `values:` does not state one; a note per run
 * of empty years with the same reason. */
static cx_status _store(cx_result *r, size_t s, const double *x, const uint32_t *why)
{
    const cx_series *ser = &r->model->series[s];
    cx_series_result *sr = &r->series[s];
    int n = _tail(r, s, x), run = -1;
    cx_status st = CX_OK;
    for (int t = 0; t <= n && st == CX_OK; t++) {
        int given = t < n && _given(ser, t);
        int empty = t < n && !given && isnan(x[t]);
        if (run >= 0 && (!empty || why[t] != why[run])) {
            st = _note(r, s, run, t - 1, why[run]);
            run = -1;
        }
        if (t == n)
            break;
        if (given)
            sr->v[t] = ser->stated[t];
        else if (!empty)
            sr->v[t] = (cx_value){.kind = CX_V_DERIVED, .low = x[t], .base = x[t],
                                  .high = x[t]};
        else if (run < 0)
            run = t;
    }
    return st;
}

/* The last year every input reached through its stated history, or the
 * last `values:` year when later. */
static int _last_stated(const cx_result *r, size_t s)
{
    const cx_series *ser = &r->model->series[s];
    int last = ser->formula.ninputs ? (int)r->model->nyears - 1 : -1;
    for (size_t i = 0; i < ser->formula.ninputs; i++) {
        int ls = r->series[ser->formula.inputs[i]].last_stated;
        last = ls < last ? ls : last;
    }
    for (int t = (int)r->model->nyears - 1; t > last; t--)
        if (_given(ser, t))
            return t;
    return last >= 0 && cx_value_present(&r->series[s].v[last]) ? last : -1;
}

static cx_status _run(cx_result *r, size_t s, double **vec, double *x,
                      uint32_t *why)
{
    const cx_model *m = r->model;
    const cx_formula *f = &m->series[s].formula;
    size_t n = m->nyears, need = cx_formula_scratch(f, n);
    double *consts = malloc((m->nconstants ? m->nconstants : 1) * sizeof *consts);
    double *scratch = malloc(need * sizeof *scratch);
    uint32_t *wscratch = malloc(need * sizeof *wscratch);
    cx_series_result *sr = &r->series[s];
    sr->fx_start = malloc((f->ncode ? f->ncode : 1) * sizeof *sr->fx_start);
    cx_status st = consts && scratch && wscratch && sr->fx_start ? CX_OK : CX_ENOMEM;
    if (st == CX_OK)
        st = _inputs(r, f, vec);
    if (st == CX_OK) {
        for (size_t c = 0; c < m->nconstants; c++)
            consts[c] = m->constants[c].value.base;
        cx_fx_env env = {(const double *const *)vec, consts, n,
                         (size_t)r->model->cal.per_year, scratch, wscratch};
        cx_formula_eval(f, &env, x, why, sr->fx_start);
    }
    free(consts);
    free(scratch);
    free(wscratch);
    return st;
}

cx_status cxi_formula_compute(cx_result *r, size_t s)
{
    const cx_model *m = r->model;
    size_t n = m->nyears;
    double **vec = calloc(m->nseries, sizeof *vec);
    double *x = malloc(n * sizeof *x);
    cx_series_result *sr = &r->series[s];
    sr->why = calloc(n, sizeof *sr->why);
    cx_status st = vec && x && sr->why ? _run(r, s, vec, x, sr->why) : CX_ENOMEM;
    if (st == CX_OK)
        st = _store(r, s, x, sr->why);
    for (size_t i = 0; vec && i < m->nseries; i++)
        free(vec[i]);
    free(vec);
    free(x);
    if (st != CX_OK)
        return st;
    if (r->drivers[s].method == CX_D_NONE) {
        sr->last_stated = _last_stated(r, s);
        return CX_OK;
    }
    /* the driver takes over after the last year with a value */
    sr->last_stated = -1;
    for (int t = 0; t < (int)n; t++)
        if (cx_value_present(&sr->v[t]))
            sr->last_stated = t;
    if (sr->last_stated < 0 || sr->last_stated == (int)n - 1)
        return CX_OK;
    for (int t = 0; t < (int)n && sr->first < 0; t++)
        sr->first = cx_value_present(&sr->v[t]) ? t : -1;
    return cxi_series_project(r, s);
}
