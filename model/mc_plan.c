/*
 * mc_plan.c - the model compiled once for the Monte Carlo paths: the
 * inputs' copula rows, the base values, the steps a path runs (mc_ops.c),
 * the burn's inputs, cash, raises, discount factors; the fan chart's rows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "mc_priv.h"

/* Can the driver in effect take a sampled main parameter? */
static int _samplable(const cx_driver *d)
{
    switch (d->method) {
    case CX_D_GROWTH: case CX_D_FADE: case CX_D_STAGES: case CX_D_CAGR:
        return 1;
    case CX_D_RATES:
        return d->nrates > 0;
    case CX_D_SHARE: case CX_D_INTENSITY:
        return d->share_series == CX_NO_INDEX;
    default:
        return 0;
    }
}

static cx_status _check_inputs(const cxi_mc_plan *p, size_t *failed)
{
    const cx_uncertainty *u = p->u;
    for (size_t i = 0; i < u->ninputs; i++) {
        const cx_stochastic *in = &u->inputs[i];
        *failed = i;
        if (in->series >= p->ns || p->m->series[in->series].kind == CX_S_SUM)
            return CX_EINVAL;
        if (in->param == CX_MC_LIFE) {
            if (p->m->series[in->series].kind != CX_S_DEPRECIATION)
                return CX_EINVAL;
            continue;
        }
        const cx_driver *d = &p->base->drivers[in->series];
        if (in->param == CX_MC_DRIVER && !_samplable(d))
            return CX_EINVAL;
        if (in->param == CX_MC_FIGURE) {
            int t = cx_model_year_index(p->m, in->year);
            if (t < 0 || !cx_value_stated(&p->m->series[in->series].stated[t])
                || d->method == CX_D_TREND)
                return CX_EINVAL;
        }
    }
    *failed = MC_NONE;
    return CX_OK;
}

/* Each input's row in the copula (MC_NONE: drawn on its own). */
static cx_status _corr_rows(cxi_mc_plan *p)
{
    size_t n = p->u->ninputs;
    p->corr_row = malloc((n ? n : 1) * sizeof *p->corr_row);
    if (!p->corr_row)
        return CX_ENOMEM;
    for (size_t i = 0; i < n; i++)
        p->corr_row[i] = cx_uncertainty_corr_row(p->u, i);
    return CX_OK;
}

/* Base values (NAN when absent), then a row of zeros and the parameter
 * slots (mc_priv.h; mc_ops.c sets the fixed ones). */
static cx_status _init(cxi_mc_plan *p)
{
    size_t nv = p->ns * p->ny;
    p->slot0 = nv + p->ny + 1;
    p->dep0 = p->slot0 + p->ns;
    p->nv = p->dep0 + (p->m->ndepreciations ? 3 * p->ny : 0);
    p->init = malloc(p->nv * sizeof *p->init);
    p->zeros = calloc(p->ny + 1, sizeof *p->zeros);
    if (!p->init || !p->zeros)
        return CX_ENOMEM;
    for (size_t s = 0; s < p->ns; s++)
        for (size_t t = 0; t < p->ny; t++) {
            const cx_value *v = &p->base->series[s].v[t];
            p->init[s * p->ny + t] = cx_value_present(v) ? v->base : NAN;
        }
    for (size_t i = nv; i < p->nv; i++)
        p->init[i] = 0;
    return CX_OK;
}

static cx_status _burn(cxi_mc_plan *p)
{
    const cx_result *b = p->base;
    const cx_burn_spec *sp = &p->m->burn;
    if (!b->burn.enabled || b->burn.n == 0)
        return CX_OK;
    p->burn = 1;
    p->first_year = b->burn.first_year;
    p->bt0 = (size_t)(b->burn.first_year - p->m->first_year);
    p->bn = b->burn.n;
    p->in0 = (sp->net != CX_NO_INDEX ? sp->net : sp->revenue) * p->ny;
    p->in1 = (sp->net != CX_NO_INDEX ? p->ns : sp->costs) * p->ny;
    p->ctotal = sp->include_commitments && b->commitments.total ? b->commitments.total
                                                                 : p->zeros;
    const cx_funding *f = &b->burn.funding;
    p->has_cash = f->has_cash;
    if (f->has_cash) {
        p->cash_i = (size_t)(f->cash_year - p->first_year);
        p->cash = f->opening_cash;
        p->raises = f->raises ? f->raises : p->zeros;
    }
    int through = p->u->burn_through;
    for (size_t i = 0; !through && i < p->u->ntargets; i++)
        if (p->u->targets[i].kind == CX_T_BURN_BELOW)
            through = p->u->targets[i].year;
    if (!through)
        through = p->first_year + (int)p->bn - 1;
    p->through_i = through - p->first_year;
    if (p->through_i < 0 || p->through_i >= (int)p->bn)
        return CX_EINVAL;
    return CX_OK;
}

static cx_status _npv(cxi_mc_plan *p)
{
    const cx_discount_result *d = &p->base->discount;
    if (!d->enabled || d->n == 0 || !p->burn)
        return CX_OK;
    p->npv = 1;
    p->npv_series = p->m->discount.series;
    p->npv_t0 = (size_t)(d->first_year - p->m->first_year);
    p->npv_n = d->n;
    p->disc = malloc(d->n * sizeof *p->disc);
    if (!p->disc)
        return CX_ENOMEM;
    for (size_t i = 0; i < d->n; i++)
        p->disc[i] = pow(1.0 + d->rate, (double)(i + 1));   /* the period's rate */
    return CX_OK;
}

/* The first run of years series s has a value in (*n 0 when none). */
static void _span(const cx_result *base, size_t s, int *t0, size_t *n)
{
    const cx_value *v = base->series[s].v;
    size_t t = 0, ny = base->model->nyears;
    while (t < ny && !cx_value_present(&v[t]))
        t++;
    *t0 = (int)t;
    *n = 0;
    while (t + *n < ny && cx_value_present(&v[t + *n]))
        (*n)++;
}

cx_status cxi_mc_entry_span(const cx_result *base, size_t e, int *t0, size_t *n)
{
    if (e == CX_FAN_NET || e == CX_FAN_CUMULATIVE) {
        if (!base->burn.enabled || base->burn.n == 0)
            return CX_EINVAL;
        *t0 = base->burn.first_year - base->model->first_year;
        *n = base->burn.n;
        return CX_OK;
    }
    if (e >= base->model->nseries)
        return CX_EINVAL;
    _span(base, e, t0, n);
    return *n ? CX_OK : CX_EINVAL;
}

cx_status cx_mc_entry_span(const cx_result *base, size_t entry, int *first_year,
                           size_t *n)
{
    int t0;
    if (!base || !first_year || !n)
        return CX_EINVAL;
    cx_status st = cxi_mc_entry_span(base, entry, &t0, n);
    if (st == CX_OK)
        *first_year = base->model->first_year + t0;
    return st;
}

cx_status cxi_mc_plan_stream(cxi_mc_plan *p, size_t e)
{
    cx_status st = cxi_mc_entry_span(p->base, e, &p->stream_t0, &p->stream_n);
    p->stream = st == CX_OK;
    p->stream_entry = e;
    return st;
}

static cx_status _fan_entry(cxi_mc_plan *p, size_t f, size_t e)
{
    p->fan_entry[f] = e;
    if (e < p->ns)
        _span(p->base, e, &p->fan_t0[f], &p->fan_n[f]);
    else if (cxi_mc_entry_span(p->base, e, &p->fan_t0[f], &p->fan_n[f]) != CX_OK)
        return CX_EINVAL;
    p->fan_off[f] = p->fan_rows;
    p->fan_rows += p->fan_n[f];
    if (e == CX_FAN_CUMULATIVE && p->burn && p->through_fan == MC_NONE)
        p->through_fan = p->fan_off[f] + (size_t)p->through_i;
    return CX_OK;
}

/* The fan entries asked; by default the cumulative burn, else the first
 * sampled series. */
static cx_status _fan(cxi_mc_plan *p)
{
    const cx_uncertainty *u = p->u;
    size_t def = p->burn ? CX_FAN_CUMULATIVE : (u->ninputs ? u->inputs[0].series : MC_NONE);
    p->nfan = u->nfan ? u->nfan : def != MC_NONE;
    size_t n = p->nfan ? p->nfan : 1;
    p->fan_entry = malloc(n * sizeof *p->fan_entry);
    p->fan_n = malloc(n * sizeof *p->fan_n);
    p->fan_off = malloc(n * sizeof *p->fan_off);
    p->fan_t0 = malloc(n * sizeof *p->fan_t0);
    if (!p->fan_entry || !p->fan_n || !p->fan_off || !p->fan_t0)
        return CX_ENOMEM;
    cx_status st = CX_OK;
    for (size_t f = 0; st == CX_OK && f < p->nfan; f++)
        st = _fan_entry(p, f, u->nfan ? u->fan[f] : def);
    return st;
}

cx_status cxi_mc_plan_build(cxi_mc_plan *p, const cx_result *base, size_t paths,
                        unsigned long seed, size_t *failed_input)
{
    memset(p, 0, sizeof *p);
    *failed_input = MC_NONE;
    p->base = base;
    p->m = base->model;
    p->u = base->model->uncertainty;
    if (!p->u || paths == 0)
        return CX_EINVAL;
    p->ny = p->m->nyears;
    p->ns = p->m->nseries;
    p->paths = paths;
    p->nblocks = (paths + CX_MC_BLOCK - 1) / CX_MC_BLOCK;
    p->seed = seed;
    p->through_fan = MC_NONE;
    cx_status st = _check_inputs(p, failed_input);
    if (st == CX_OK)
        st = _corr_rows(p);
    if (st == CX_OK)
        st = _init(p);
    if (st == CX_OK)
        st = cxi_mc_ops_build(p);
    if (st == CX_OK)
        st = cxi_mc_fx_plan(p);
    if (st == CX_OK)
        st = _burn(p);
    if (st == CX_OK)
        st = _npv(p);
    if (st == CX_OK)
        st = _fan(p);
    return st;
}

void cxi_mc_plan_release(cxi_mc_plan *p)
{
    free(p->corr_row);
    free(p->fig);
    free(p->ops);
    free(p->coef);
    free(p->parts);
    free(p->init);
    free(p->zeros);
    free(p->disc);
    free(p->fan_entry);
    free(p->fan_n);
    free(p->fan_off);
    free(p->fan_t0);
    free(p->consts);
    for (size_t d = 0; p->deps && d < p->ndeps; d++)
        free(p->deps[d].g);
    free(p->deps);
    memset(p, 0, sizeof *p);
}
