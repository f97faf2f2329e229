/*
 * driver.c - projection drivers: names, copies and the growth rate of each
 * projected year.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "driver.h"

static const char *const _method_names[] = {
    [CX_D_NONE]   = "none",
    [CX_D_GROWTH] = "growth",
    [CX_D_RATES]  = "rates",
    [CX_D_CAGR]   = "cagr",
    [CX_D_FADE]   = "fade",
    [CX_D_TREND]  = "trend",
    [CX_D_STAGES] = "stages",
    [CX_D_SHARE]  = "share",
    [CX_D_INTENSITY] = "intensity",
};

const char *cx_method_name(cx_method method)
{
    if ((unsigned)method >= sizeof _method_names / sizeof _method_names[0])
        return "unknown";
    return _method_names[method];
}

int cx_method_chained(cx_method method)
{
    return method == CX_D_GROWTH || method == CX_D_RATES || method == CX_D_CAGR
        || method == CX_D_FADE || method == CX_D_STAGES;
}

/* A copy of n elements of size each; NULL for none (*failed on ENOMEM). */
static void *_dup(const void *src, size_t n, size_t size, int *failed)
{
    if (n == 0)
        return NULL;
    void *p = malloc(n * size);
    if (!p)
        *failed = 1;
    else
        memcpy(p, src, n * size);
    return p;
}

cx_status cx_driver_copy(cx_driver *dst, const cx_driver *src)
{
    if (!dst || !src || (src->nrates > 0 && !src->rates)
        || (src->nrate_overrides > 0 && !src->rate_overrides))
        return CX_EINVAL;
    int failed = 0;
    double *rates = _dup(src->rates, src->nrates, sizeof *rates, &failed);
    cx_rate_override *ovr = _dup(src->rate_overrides, src->nrate_overrides,
                                 sizeof *ovr, &failed);
    if (failed) {
        free(rates);
        free(ovr);
        return CX_ENOMEM;
    }
    *dst = *src;
    dst->rates = rates;
    dst->rate_overrides = ovr;
    return CX_OK;
}

void cx_driver_release(cx_driver *d)
{
    if (!d)
        return;
    free(d->rates);
    free(d->rate_overrides);
    memset(d, 0, sizeof *d);
    d->method = CX_D_NONE;
}

int cx_driver_override(const cx_driver *d, int year, double *rate)
{
    for (size_t i = 0; d && i < d->nrate_overrides; i++)
        if (d->rate_overrides[i].year == year) {
            *rate = d->rate_overrides[i].rate;
            return 1;
        }
    return 0;
}

cx_status cx_driver_add_override(cx_driver *d, int year, double rate)
{
    if (!d || !isfinite(rate))
        return CX_EINVAL;
    size_t i = 0;
    while (i < d->nrate_overrides && d->rate_overrides[i].year < year)
        i++;
    if (i < d->nrate_overrides && d->rate_overrides[i].year == year) {
        d->rate_overrides[i].rate = rate;
        return CX_OK;
    }
    cx_rate_override *grown = realloc(d->rate_overrides,
                                      (d->nrate_overrides + 1) * sizeof *grown);
    if (!grown)
        return CX_ENOMEM;
    memmove(&grown[i + 1], &grown[i], (d->nrate_overrides - i) * sizeof *grown);
    grown[i] = (cx_rate_override){.year = year, .rate = rate};
    d->rate_overrides = grown;
    d->nrate_overrides++;
    return CX_OK;
}

/* from + (to - from) * MIN(k-1, over-1) / MAX(over-1, 1), evaluated left to
 * right as the spreadsheet does. */
static double _fade(double from, double to, int over, int k)
{
    int step = k - 1 < over - 1 ? k - 1 : over - 1;
    int span = over - 1 > 1 ? over - 1 : 1;
    return from + (to - from) * (double)step / (double)span;
}

static cx_status _rates_rate(const cx_driver *d, int k, double *rate)
{
    if (d->nrates == 0 || !d->rates)
        return CX_EINVAL;
    size_t i = (size_t)(k - 1);
    *rate = d->rates[i < d->nrates ? i : d->nrates - 1];
    return CX_OK;
}

static cx_status _fade_rate(const cx_driver *d, int k, double start_rate,
                            double *rate)
{
    double from = d->from_cagr ? start_rate : d->rate;
    if (d->over < 2 || !isfinite(from) || !isfinite(d->terminal))
        return CX_EINVAL;
    *rate = _fade(from, d->terminal, d->over, k);
    return CX_OK;
}

/* high for k <= high_years, then high + (to - high) * MIN(j, fade) / fade,
 * evaluated left to right as the spreadsheet does; `to` when fade = 0. */
static cx_status _stages_rate(const cx_driver *d, int k, double start_rate,
                              double *rate)
{
    double high = d->from_cagr ? start_rate : d->rate;
    if (d->high_years < 0 || d->fade_years < 0 || !isfinite(high)
        || !isfinite(d->terminal))
        return CX_EINVAL;
    int j = k - d->high_years;
    if (j <= 0)
        *rate = high;
    else if (d->fade_years == 0)
        *rate = d->terminal;
    else
        *rate = high + (d->terminal - high) * (double)(j < d->fade_years ? j : d->fade_years)
                / (double)d->fade_years;
    return CX_OK;
}

cx_status cx_driver_rate(const cx_driver *d, int k, double start_rate,
                         double *rate)
{
    if (!d || !rate || k < 1)
        return CX_EINVAL;
    cx_status st = CX_OK;
    switch (d->method) {
    case CX_D_GROWTH: *rate = d->rate; break;
    case CX_D_RATES:  st = _rates_rate(d, k, rate); break;
    case CX_D_CAGR:   *rate = start_rate; break;
    case CX_D_FADE:   st = _fade_rate(d, k, start_rate, rate); break;
    case CX_D_STAGES: st = _stages_rate(d, k, start_rate, rate); break;
    default:          return CX_EINVAL;
    }
    if (st == CX_OK && !isfinite(*rate))
        st = CX_EINVAL;
    return st;
}
