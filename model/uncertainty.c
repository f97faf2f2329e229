/*
 * uncertainty.c - the `uncertainty:` block (uncertainty.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "correlation.h"
#include "uncertainty.h"

static const char *const _target_names[CX_T_COUNT] = {
    [CX_T_BREAK_EVEN_BY] = "break_even_by", [CX_T_PAYBACK_BY] = "payback_by",
    [CX_T_BURN_BELOW] = "cumulative_burn_through",
    [CX_T_PEAK_BELOW] = "peak_funding_below",
    [CX_T_RUNWAY_THROUGH] = "runway_through", [CX_T_NPV_ABOVE] = "npv_above",
};

const char *cx_target_kind_name(cx_target_kind kind)
{
    return (unsigned)kind < CX_T_COUNT ? _target_names[kind] : "unknown";
}

cx_status cx_uncertainty_new(cx_uncertainty **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return CX_ENOMEM;
    (*out)->bins = 20;
    return CX_OK;
}

static void _corr_free(cx_uncertainty *u)
{
    free(u->corr_input);
    free(u->rank);
    free(u->pearson);
    free(u->chol);
    u->corr_input = NULL;
    u->rank = u->pearson = u->chol = NULL;
    u->k = 0;
}

void cx_uncertainty_free(cx_uncertainty *u)
{
    if (!u)
        return;
    for (size_t i = 0; i < u->ninputs; i++)
        cx_dist_release(&u->inputs[i].dist);
    free(u->inputs);
    free(u->targets);
    free(u->fan);
    _corr_free(u);
    free(u);
}

/* Grow *arr (of *n elements of size) by one zeroed element. */
static void *_append(void **arr, size_t *n, size_t size)
{
    char *grown = realloc(*arr, (*n + 1) * size);
    if (!grown)
        return NULL;
    *arr = grown;
    memset(grown + *n * size, 0, size);
    return grown + (*n)++ * size;
}

cx_status cx_uncertainty_add_input(cx_uncertainty *u, cx_stochastic **out)
{
    *out = _append((void **)&u->inputs, &u->ninputs, sizeof **out);
    return *out ? CX_OK : CX_ENOMEM;
}

cx_status cx_uncertainty_add_target(cx_uncertainty *u, cx_target **out)
{
    *out = _append((void **)&u->targets, &u->ntargets, sizeof **out);
    return *out ? CX_OK : CX_ENOMEM;
}

cx_status cx_uncertainty_add_fan(cx_uncertainty *u, size_t entry)
{
    size_t *e = _append((void **)&u->fan, &u->nfan, sizeof *e);
    if (!e)
        return CX_ENOMEM;
    *e = entry;
    return CX_OK;
}

size_t cx_uncertainty_find(const cx_uncertainty *u, cx_mc_param param,
                           size_t series, int year)
{
    for (size_t i = 0; u && i < u->ninputs; i++) {
        const cx_stochastic *s = &u->inputs[i];
        if (s->param == param && s->series == series
            && (param == CX_MC_DRIVER || s->year == year))
            return i;
    }
    return (size_t)-1;
}

size_t cx_uncertainty_corr_row(const cx_uncertainty *u, size_t input)
{
    for (size_t i = 0; u && i < u->k; i++)
        if (u->corr_input[i] == input)
            return i;
    return (size_t)-1;
}

/* The inputs named by the pairs, in order of first appearance. */
static cx_status _rows(cx_uncertainty *u, const size_t *a, const size_t *b,
                       size_t n)
{
    u->corr_input = malloc(2 * n * sizeof *u->corr_input);
    if (!u->corr_input)
        return CX_ENOMEM;
    for (size_t i = 0; i < 2 * n; i++) {
        size_t in = i % 2 ? b[i / 2] : a[i / 2];
        if (cx_uncertainty_corr_row(u, in) == (size_t)-1)
            u->corr_input[u->k++] = in;
    }
    size_t k = u->k;
    u->rank = calloc(k * k, sizeof *u->rank);
    u->pearson = calloc(k * k, sizeof *u->pearson);
    u->chol = calloc(k * k, sizeof *u->chol);
    if (!u->rank || !u->pearson || !u->chol)
        return CX_ENOMEM;
    for (size_t i = 0; i < k; i++)
        u->rank[i * k + i] = u->pearson[i * k + i] = 1;
    return CX_OK;
}

cx_status cx_uncertainty_correlate(cx_uncertainty *u, const size_t *a,
                                   const size_t *b, const double *rho,
                                   size_t n, int repair)
{
    if (!u || (n && (!a || !b || !rho)))
        return CX_EINVAL;
    _corr_free(u);
    u->repair = repair;
    u->repaired = 0;
    if (n == 0)
        return CX_OK;
    for (size_t i = 0; i < n; i++)
        if (a[i] >= u->ninputs || b[i] >= u->ninputs || a[i] == b[i]
            || !(fabs(rho[i]) <= 1))
            return CX_EINVAL;
    cx_status st = _rows(u, a, b, n);
    if (st != CX_OK)
        return st;
    size_t k = u->k;
    for (size_t i = 0; i < n; i++) {
        size_t x = cx_uncertainty_corr_row(u, a[i]), y = cx_uncertainty_corr_row(u, b[i]);
        u->rank[x * k + y] = u->rank[y * k + x] = rho[i];
        u->pearson[x * k + y] = u->pearson[y * k + x] = cx_corr_pearson_of_rank(rho[i]);
    }
    st = cx_corr_cholesky(u->pearson, k, u->chol);
    if (st != CX_EDOMAIN || !repair)
        return st;
    st = cx_corr_repair(u->pearson, k);
    if (st == CX_OK)
        st = cx_corr_cholesky(u->pearson, k, u->chol);
    u->repaired = st == CX_OK;
    return st;
}
