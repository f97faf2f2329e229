/*
 * driver.c - projection drivers: names, copies and the growth rate of each
 * projected year.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "driver.h"
#include "release.h"

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
    cxi_release(d, sizeof *d, (void *[]){d->rates, d->rate_overrides}, 2);
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

static cx_status _stages_form(const cx_driver *d, int k, cx_rate_form *f)
{
    if (d->high_years < 0 || d->fade_years < 0)
        return CX_EINVAL;
    int j = k - d->high_years;
    f->to = d->terminal;
    if (j <= 0)
        return CX_OK;
    if (d->fade_years == 0)
        f->on_param = 0;
    else {
        f->a = j < d->fade_years ? j : d->fade_years;
        f->b = d->fade_years;
    }
    return CX_OK;
}

cx_status cx_driver_rate_form(const cx_driver *d, int k, cx_rate_form *f)
{
    if (!d || !f || k < 1)
        return CX_EINVAL;
    *f = (cx_rate_form){.to = 0, .a = 0, .b = 1, .on_param = 1};
    switch (d->method) {
    case CX_D_GROWTH: case CX_D_CAGR:
        return CX_OK;
    case CX_D_RATES:
        if (d->nrates == 0 || !d->rates)
            return CX_EINVAL;
        if ((size_t)k < d->nrates)
            *f = (cx_rate_form){.to = d->rates[k - 1], .a = 0, .b = 1, .on_param = 0};
        return CX_OK;
    case CX_D_FADE:           /* MIN(k-1, over-1) / MAX(over-1, 1) */
        if (d->over < 2)
            return CX_EINVAL;
        f->to = d->terminal;
        f->a = k - 1 < d->over - 1 ? k - 1 : d->over - 1;
        f->b = d->over - 1 > 1 ? d->over - 1 : 1;
        return CX_OK;
    case CX_D_STAGES:         /* high, then MIN(j, fade) / fade; `to` for fade 0 */
        return _stages_form(d, k, f);
    default:
        return CX_EINVAL;
    }
}

double cx_driver_param(const cx_driver *d, double start_rate)
{
    switch (d ? d->method : CX_D_NONE) {
    case CX_D_GROWTH: return d->rate;
    case CX_D_CAGR:   return start_rate;
    case CX_D_FADE:
    case CX_D_STAGES: return d->from_cagr ? start_rate : d->rate;
    case CX_D_RATES:  return d->nrates && d->rates ? d->rates[d->nrates - 1] : NAN;
    default:          return NAN;
    }
}

double cx_rate_form_eval(const cx_rate_form *f, double p)
{
    if (!f->on_param)
        return f->to;
    return f->a == 0 ? p : p + (f->to - p) * f->a / f->b;
}

/* FADE and STAGES: the form at the main parameter, which must be finite
 * like the terminal rate (else the rate is not set). */
static cx_status _formed_rate(const cx_driver *d, int k, double start_rate, double *rate)
{
    cx_rate_form f;
    double p = cx_driver_param(d, start_rate);
    cx_status st = cx_driver_rate_form(d, k, &f);
    if (st != CX_OK || !isfinite(p) || !isfinite(d->terminal))
        return CX_EINVAL;
    *rate = cx_rate_form_eval(&f, p);
    return CX_OK;
}

static cx_status _rates_rate(const cx_driver *d, int k, double *rate)
{
    if (d->nrates == 0 || !d->rates)
        return CX_EINVAL;
    size_t i = (size_t)(k - 1);
    *rate = d->rates[i < d->nrates ? i : d->nrates - 1];
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
    case CX_D_FADE:
    case CX_D_STAGES: st = _formed_rate(d, k, start_rate, rate); break;
    default:          return CX_EINVAL;
    }
    if (st == CX_OK && !isfinite(*rate))
        st = CX_EINVAL;
    return st;
}
