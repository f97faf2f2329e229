/*
 * burn.c - cumulative cash burn, its deepest point, break-even and payback.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "burn.h"
#include "model.h"

static int _years_valid(int first_year, size_t n)
{
    if (first_year < CX_MIN_YEAR || first_year > CX_MAX_YEAR)
        return 0;
    return n <= (size_t)(CX_MAX_YEAR - first_year) + 1;
}

/* Running sum (cumulative[0] = net[0]) and the sum of negative flows. */
static cx_status _accumulate(const double *net, size_t n, cx_burn *b)
{
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(net[i]))
            return CX_EINVAL;
        b->cumulative[i] = i ? b->cumulative[i - 1] + net[i] : net[i];
        if (net[i] < 0)
            b->total_burn += net[i];
        if (!isfinite(b->cumulative[i]) || !isfinite(b->total_burn))
            return CX_ERANGE;
    }
    return CX_OK;
}

/* The deepest cumulative value below zero, first occurrence on ties. */
static void _peak(const double *net, size_t n, cx_burn *b)
{
    for (size_t i = 0; i < n; i++) {
        if (b->cumulative[i] < 0 && b->cumulative[i] < b->peak_burn) {
            b->peak_burn = b->cumulative[i];
            b->peak_year = b->first_year + (int)i;
        }
        if (!b->break_even_year && net[i] >= 0)
            b->break_even_year = b->first_year + (int)i;
    }
}

static void _payback(size_t n, cx_burn *b)
{
    if (!b->peak_year) {
        b->payback_year = b->first_year;
        return;
    }
    for (size_t i = (size_t)(b->peak_year - b->first_year) + 1; i < n; i++) {
        if (b->cumulative[i] >= 0) {
            b->payback_year = b->first_year + (int)i;
            return;
        }
    }
}

cx_status cx_burn_compute(const double *net, size_t n, int first_year,
                          cx_burn *out)
{
    if (!out)
        return CX_EINVAL;
    memset(out, 0, sizeof *out);
    if (!net || !_years_valid(first_year, n))
        return CX_EINVAL;
    if (n == 0)
        return CX_ENODATA;
    out->cumulative = malloc(n * sizeof *out->cumulative);
    if (!out->cumulative)
        return CX_ENOMEM;
    out->first_year = first_year;
    out->n = n;
    cx_status st = _accumulate(net, n, out);
    if (st != CX_OK) {
        cx_burn_release(out);
        return st;
    }
    _peak(net, n, out);
    _payback(n, out);
    return CX_OK;
}

cx_status cx_burn_cumulative_between(const cx_burn *b, const double *net,
                                     int from, int to, double *out)
{
    if (!b || !net || !out || from > to)
        return CX_EINVAL;
    *out = NAN;
    if (from < b->first_year || to >= b->first_year + (int)b->n)
        return CX_ENODATA;
    double sum = 0;
    for (int y = from; y <= to; y++)
        sum += net[y - b->first_year];
    if (!isfinite(sum))
        return CX_ERANGE;
    *out = sum;
    return CX_OK;
}

void cx_burn_release(cx_burn *b)
{
    if (!b)
        return;
    free(b->cumulative);
    memset(b, 0, sizeof *b);
}
