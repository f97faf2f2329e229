/*
 * distribution.c - drawing values from the distributions of
 * distribution.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include "distribution.h"

static const char *const _names[CX_DIST_COUNT] = {
    [CX_DIST_NORMAL] = "normal", [CX_DIST_LOGNORMAL] = "lognormal",
    [CX_DIST_UNIFORM] = "uniform", [CX_DIST_TRIANGULAR] = "triangular",
    [CX_DIST_PERT] = "pert", [CX_DIST_DISCRETE] = "discrete",
};

const char *cx_dist_name(cx_dist_kind kind)
{
    return (unsigned)kind < CX_DIST_COUNT ? _names[kind] : "unknown";
}

cx_dist_kind cx_dist_kind_of(const char *name)
{
    for (int k = 0; name && k < CX_DIST_COUNT; k++)
        if (!strcmp(name, _names[k]))
            return (cx_dist_kind)k;
    return CX_DIST_COUNT;
}

static int _bounds_ok(const cx_dist *d, int with_mode)
{
    if (!isfinite(d->low) || !isfinite(d->high) || d->low > d->high)
        return 0;
    return !with_mode || (isfinite(d->mode) && d->mode >= d->low && d->mode <= d->high);
}

static cx_status _prepare_discrete(const cx_dist *d)
{
    if (d->n == 0 || !d->values || !d->cum || d->cum[d->n - 1] != 1)
        return CX_EINVAL;
    for (size_t i = 0; i < d->n; i++)
        if (!isfinite(d->values[i]) || (i && d->cum[i] < d->cum[i - 1]))
            return CX_EINVAL;
    return CX_OK;
}

cx_status cx_dist_prepare(cx_dist *d)
{
    if (!d)
        return CX_EINVAL;
    switch (d->kind) {
    case CX_DIST_NORMAL:
        return isfinite(d->mean) && isfinite(d->sd) && d->sd >= 0 ? CX_OK : CX_EINVAL;
    case CX_DIST_LOGNORMAL:
        if (!isfinite(d->mean) || !isfinite(d->sd) || d->sd < 0 || !(d->mean > 0))
            return CX_EINVAL;
        d->sigma = sqrt(log1p(d->sd * d->sd / (d->mean * d->mean)));
        d->mu = log(d->mean) - d->sigma * d->sigma / 2;
        return CX_OK;
    case CX_DIST_UNIFORM:
        return _bounds_ok(d, 0) ? CX_OK : CX_EINVAL;
    case CX_DIST_TRIANGULAR:
        return _bounds_ok(d, 1) ? CX_OK : CX_EINVAL;
    case CX_DIST_PERT:
        if (!_bounds_ok(d, 1))
            return CX_EINVAL;
        if (d->high > d->low) {
            d->alpha = 1 + 4 * (d->mode - d->low) / (d->high - d->low);
            d->beta = 1 + 4 * (d->high - d->mode) / (d->high - d->low);
        }
        return CX_OK;
    case CX_DIST_DISCRETE:
        return _prepare_discrete(d);
    default:
        return CX_EINVAL;
    }
}

cx_status cx_dist_set_discrete(cx_dist *d, const double *values,
                               const double *p, size_t n)
{
    if (!d || !values || !p || n == 0)
        return CX_EINVAL;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(p[i]) || p[i] < 0 || !isfinite(values[i]))
            return CX_EINVAL;
        sum += p[i];
    }
    if (fabs(sum - 1) > 1e-9)
        return CX_EINVAL;
    double *v = malloc(n * sizeof *v), *c = malloc(n * sizeof *c);
    if (!v || !c) {
        free(v);
        free(c);
        return CX_ENOMEM;
    }
    double run = 0;
    for (size_t i = 0; i < n; i++) {
        v[i] = values[i];
        run += p[i];
        c[i] = i + 1 == n ? 1.0 : (run < 1 ? run : 1.0);
    }
    free(d->values);
    free(d->cum);
    d->values = v;
    d->cum = c;
    d->n = n;
    d->kind = CX_DIST_DISCRETE;
    return CX_OK;
}

int cx_dist_degenerate(const cx_dist *d)
{
    switch (d->kind) {
    case CX_DIST_NORMAL:
    case CX_DIST_LOGNORMAL: return d->sd == 0;
    case CX_DIST_DISCRETE:  return d->n == 1;
    default:                return d->low == d->high;
    }
}

/* Triangular inverse distribution function. */
static double _triangular(const cx_dist *d, double u)
{
    double a = d->low, c = d->mode, b = d->high;
    if (a == b)
        return c;
    double fc = (c - a) / (b - a);
    if (u < fc)
        return a + sqrt(u * (b - a) * (c - a));
    return b - sqrt((1 - u) * (b - a) * (b - c));
}

/* First value whose cumulative probability exceeds u. */
static double _discrete(const cx_dist *d, double u)
{
    size_t lo = 0, hi = d->n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u < d->cum[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return d->values[lo];
}

double cx_dist_quantile(const cx_dist *d, double u)
{
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    switch (d->kind) {
    case CX_DIST_NORMAL:
        return d->sd == 0 ? d->mean : d->mean + d->sd * gsl_cdf_ugaussian_Pinv(u);
    case CX_DIST_LOGNORMAL:
        return d->sd == 0 ? d->mean : exp(d->mu + d->sigma * gsl_cdf_ugaussian_Pinv(u));
    case CX_DIST_UNIFORM:
        return d->low + (d->high - d->low) * u;
    case CX_DIST_TRIANGULAR:
        return _triangular(d, u);
    case CX_DIST_PERT:
        if (d->low == d->high)
            return d->mode;
        return d->low + (d->high - d->low) * gsl_cdf_beta_Pinv(u, d->alpha, d->beta);
    case CX_DIST_DISCRETE:
        return _discrete(d, u);
    default:
        return NAN;
    }
}

double cx_dist_from_normal(const cx_dist *d, double x)
{
    switch (d->kind) {
    case CX_DIST_NORMAL:
        return d->sd == 0 ? d->mean : d->mean + d->sd * x;
    case CX_DIST_LOGNORMAL:
        return d->sd == 0 ? d->mean : exp(d->mu + d->sigma * x);
    default:
        if (cx_dist_degenerate(d))
            return cx_dist_quantile(d, 0.5);
        return cx_dist_quantile(d, gsl_cdf_ugaussian_P(x));
    }
}

double cx_dist_sample(const cx_dist *d, const gsl_rng *r)
{
    switch (d->kind) {
    case CX_DIST_NORMAL:
        return d->sd == 0 ? d->mean : d->mean + d->sd * gsl_ran_gaussian_ziggurat(r, 1.0);
    case CX_DIST_LOGNORMAL:
        return d->sd == 0 ? d->mean
                          : exp(d->mu + d->sigma * gsl_ran_gaussian_ziggurat(r, 1.0));
    case CX_DIST_UNIFORM:
        return d->low == d->high ? d->low : d->low + (d->high - d->low) * gsl_rng_uniform(r);
    case CX_DIST_TRIANGULAR:
        return d->low == d->high ? d->mode : _triangular(d, gsl_rng_uniform(r));
    case CX_DIST_PERT:
        if (d->low == d->high)
            return d->mode;
        return d->low + (d->high - d->low) * gsl_ran_beta(r, d->alpha, d->beta);
    case CX_DIST_DISCRETE:
        return d->n == 1 ? d->values[0] : _discrete(d, gsl_rng_uniform(r));
    default:
        return NAN;
    }
}

void cx_dist_release(cx_dist *d)
{
    if (!d)
        return;
    free(d->values);
    free(d->cum);
    d->values = d->cum = NULL;
    d->n = 0;
}

cx_status cx_dist_copy(cx_dist *dst, const cx_dist *src)
{
    *dst = *src;
    dst->values = dst->cum = NULL;
    if (src->kind != CX_DIST_DISCRETE || src->n == 0)
        return CX_OK;
    dst->values = malloc(src->n * sizeof *dst->values);
    dst->cum = malloc(src->n * sizeof *dst->cum);
    if (!dst->values || !dst->cum) {
        cx_dist_release(dst);
        return CX_ENOMEM;
    }
    memcpy(dst->values, src->values, src->n * sizeof *dst->values);
    memcpy(dst->cum, src->cum, src->n * sizeof *dst->cum);
    return CX_OK;
}
