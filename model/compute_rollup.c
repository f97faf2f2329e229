/*
 * compute_rollup.c - a monthly or quarterly result's annual roll-ups
 * (rollup.h): every series, the burn's net cash flow and its cash. An
 * annual model has none (r->annual.n is 0: its periods are its years).
 */
#include <math.h>
#include <stdlib.h>
#include "compute_priv.h"

/* A burn figure over the model's periods (NAN outside the burn's span). */
static void _burn_periods(const cx_result *r, const double *v, double *x)
{
    const cx_model *m = r->model;
    int t0 = r->burn.first_year - m->first_year;
    for (size_t t = 0; t < m->nyears; t++) {
        long i = (long)t - t0;
        x[t] = i >= 0 && i < (long)r->burn.n ? v[i] : NAN;
    }
}

static cx_status _burn(cx_result *r, double *x)
{
    cx_rollup *u = &r->annual;
    const cx_calendar *cal = &r->model->cal;
    if (!r->burn.enabled || !r->burn.net)
        return CX_OK;
    u->net = malloc((size_t)u->n * sizeof *u->net);
    if (!u->net)
        return CX_ENOMEM;
    _burn_periods(r, r->burn.net, x);
    cx_rollup_periods(cal, 0, x, u->net);
    if (!r->burn.funding.cash)
        return CX_OK;
    u->cash = malloc((size_t)u->n * sizeof *u->cash);
    if (!u->cash)
        return CX_ENOMEM;
    _burn_periods(r, r->burn.funding.cash, x);
    cx_rollup_periods(cal, 1, x, u->cash);
    return CX_OK;
}

static cx_status _series(cx_result *r, double *x)
{
    const cx_model *m = r->model;
    cx_rollup *u = &r->annual;
    size_t n = (size_t)u->n;
    for (size_t s = 0; s < m->nseries; s++) {
        for (size_t t = 0; t < m->nyears; t++)
            x[t] = cx_value_present(&r->series[s].v[t]) ? r->series[s].v[t].base : NAN;
        cx_rollup_periods(&m->cal, m->series[s].flow == CX_BALANCE, x, &u->series[s * n]);
        cx_rollup_yoy(&u->series[s * n], u->n, &u->yoy[s * n]);
    }
    return CX_OK;
}

cx_status cxi_rollup_compute(cx_result *r)
{
    const cx_model *m = r->model;
    cx_rollup *u = &r->annual;
    if (m->cal.per_year == 1)
        return CX_OK;
    cx_calendar_fiscal_years(&m->cal, &u->first_year, &u->n);
    size_t n = (size_t)u->n, ns = m->nseries ? m->nseries : 1;
    u->full = malloc(n);
    u->series = malloc(ns * n * sizeof *u->series);
    u->yoy = malloc(ns * n * sizeof *u->yoy);
    double *x = malloc(m->nyears * sizeof *x);
    cx_status st = u->full && u->series && u->yoy && x ? CX_OK : CX_ENOMEM;
    for (size_t y = 0; st == CX_OK && y < n; y++)
        u->full[y] = (unsigned char)cx_calendar_full_year(&m->cal, (int)y);
    if (st == CX_OK)
        st = _series(r, x);
    if (st == CX_OK)
        st = _burn(r, x);
    free(x);
    return st;
}
