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
};

const char *cx_method_name(cx_method method)
{
    if ((unsigned)method >= sizeof _method_names / sizeof _method_names[0])
        return "unknown";
    return _method_names[method];
}

cx_status cx_driver_copy(cx_driver *dst, const cx_driver *src)
{
    if (!dst || !src || (src->nrates > 0 && !src->rates))
        return CX_EINVAL;
    double *rates = NULL;
    if (src->nrates > 0) {
        rates = malloc(src->nrates * sizeof *rates);
        if (!rates)
            return CX_ENOMEM;
        memcpy(rates, src->rates, src->nrates * sizeof *rates);
    }
    *dst = *src;
    dst->rates = rates;
    return CX_OK;
}

void cx_driver_release(cx_driver *d)
{
    if (!d)
        return;
    free(d->rates);
    memset(d, 0, sizeof *d);
    d->method = CX_D_NONE;
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
    default:          return CX_EINVAL;
    }
    if (st == CX_OK && !isfinite(*rate))
        st = CX_EINVAL;
    return st;
}
