/*
 * burn.c - cumulative cash burn, its deepest point, break-even and payback.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "burn.h"
#include "model.h"
#include "release.h"

/* Years CX_MIN_YEAR..CX_MAX_YEAR, or (numbers) the period numbers of a
 * monthly or quarterly model: positive, at most CX_MAX_PERIODS of them. */
static int _years_valid(int first_year, size_t n, int numbers)
{
    if (numbers)
        return first_year > 0 && n <= CX_MAX_PERIODS;
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
        b->net_burn[i] = -net[i] > 0 ? -net[i] : 0;
        if (!isfinite(b->cumulative[i]) || !isfinite(b->total_burn))
            return CX_ERANGE;
    }
    return CX_OK;
}

/* The deepest cumulative value below zero, first occurrence on ties; the
 * first year with net >= 0 after a burn year; the lowest net. */
static void _peak(const double *net, size_t n, cx_burn *b)
{
    for (size_t i = 0; i < n; i++) {
        int year = b->first_year + (int)i;
        if (b->cumulative[i] < 0 && b->cumulative[i] < b->peak_burn) {
            b->peak_burn = b->cumulative[i];
            b->peak_year = year;
        }
        if (!b->break_even_year && b->burns && net[i] >= 0)
            b->break_even_year = year;
        if (net[i] < 0 && !b->burns && net[0] >= 0)
            b->turns_negative_year = year;
        if (net[i] < 0 && (!b->burns || net[i] < b->trough)) {
            b->trough = net[i];
            b->trough_year = year;
        }
        b->burns |= net[i] < 0;
    }
    b->still_burning = n > 0 && net[n - 1] < 0;
}

/* The first year after the peak with cumulative >= 0; none (0) when the
 * cumulative never goes below 0: nothing to pay back. */
static void _payback(size_t n, cx_burn *b)
{
    for (size_t i = (size_t)(b->peak_year - b->first_year) + 1;
         b->peak_year && i < n; i++) {
        if (b->cumulative[i] >= 0) {
            b->payback_year = b->first_year + (int)i;
            return;
        }
    }
}

cx_status cx_burn_compute(const double *net, size_t n, int first_year,
                          cx_burn *out)
{
    return cx_burn_compute_periods(net, n, first_year, 0, out);
}

cx_status cx_burn_compute_periods(const double *net, size_t n, int first, int numbers,
                                  cx_burn *out)
{
    int first_year = first;
    if (!out)
        return CX_EINVAL;
    memset(out, 0, sizeof *out);
    if (!net || !_years_valid(first_year, n, numbers))
        return CX_EINVAL;
    if (n == 0)
        return CX_ENODATA;
    out->cumulative = malloc(n * sizeof *out->cumulative);
    out->net_burn = malloc(n * sizeof *out->net_burn);
    if (!out->cumulative || !out->net_burn) {
        cx_burn_release(out);
        return CX_ENOMEM;
    }
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
    if (b)
        cxi_release(b, sizeof *b, (void *[]){b->cumulative, b->net_burn}, 2);
}

/* ---- funding ---------------------------------------------------------- */

double cx_burn_crossing(const double *x, size_t n, size_t from, int first_year)
{
    for (size_t i = from ? from : 1; x && i < n; i++)
        if (x[i - 1] < 0 && x[i] >= 0)
            return (double)(first_year + (int)i - 1)
                   + (0 - x[i - 1]) / (x[i] - x[i - 1]);
    return NAN;
}

double cx_burn_crossing_down(const double *x, size_t n, int first_year)
{
    if (!x || n == 0 || x[0] < 0)
        return NAN;
    for (size_t i = 1; i < n; i++)
        if (x[i] < 0)
            return (double)(first_year + (int)i - 1) + x[i - 1] / (x[i - 1] - x[i]);
    return NAN;
}

static cx_status _funding_check(const cx_burn *b, const double *net,
                                const cx_funding_in *in)
{
    if (!b || !net || !in || !b->cumulative || b->n == 0)
        return CX_EINVAL;
    if (!in->has_cash)
        return CX_OK;
    if (!isfinite(in->cash) || in->cash < 0 || in->cash_year < b->first_year
        || in->cash_year >= b->first_year + (int)b->n)
        return CX_EINVAL;
    for (size_t i = 0; in->raises && i < b->n; i++)
        if (!isfinite(in->raises[i]) || in->raises[i] < 0)
            return CX_EINVAL;
    return CX_OK;
}

/* Months in one period: 12 unless the input says (a monthly model: 1). */
static int _months(const cx_funding_in *in)
{
    return in->months ? in->months : 12;
}

/* Year-end cash from cash_year on; the first year it goes below zero sets
 * the runway; the lowest year end sets the funding gap. */
static cx_status _cash(const cx_burn *b, const double *net,
                       const cx_funding_in *in, cx_funding *f)
{
    size_t c = (size_t)(in->cash_year - b->first_year);
    double lowest = 0, prev = in->cash, part = 0;
    for (size_t i = 0; i < b->n; i++)
        f->cash[i] = NAN;
    for (size_t i = c; i < b->n; i++) {
        double raise = in->raises ? in->raises[i] : 0;
        f->cash[i] = prev + net[i] + raise;
        f->raised += raise;
        if (!isfinite(f->cash[i]) || !isfinite(f->raised))
            return CX_ERANGE;
        if (f->cash[i] < 0 && !f->runout_year) {
            f->runout_year = b->first_year + (int)i;
            part = (prev + raise) / (0 - net[i]);
            f->runway_end = (double)f->runout_year + part;
        }
        if (f->cash[i] < lowest)
            lowest = f->cash[i];
        prev = f->cash[i];
    }
    f->funding_gap = -lowest > 0 ? -lowest : 0;
    if (!isnan(f->runway_end))
        f->runway_months = ((f->runout_year - in->cash_year) + part) * _months(in);
    return CX_OK;
}

static void _alive(cx_funding *f, int months)
{
    int be = !isnan(f->break_even_frac), out = !isnan(f->runway_end);
    if (!f->has_cash || (!be && !out && !f->no_burn))
        f->default_alive = -1;
    else if (!out)
        f->default_alive = 1;
    else
        f->default_alive = be && f->break_even_frac <= f->runway_end;
    if (be && out)
        f->alive_margin_months = (f->runway_end - f->break_even_frac) * months;
}

cx_status cx_funding_compute(const cx_burn *b, const double *net,
                             const cx_funding_in *in, cx_funding *out)
{
    if (!out)
        return CX_EINVAL;
    *out = (cx_funding){.default_alive = -1, .runway_months = NAN,
                        .runway_end = NAN, .funding_gap = NAN,
                        .break_even_frac = NAN, .payback_frac = NAN,
                        .turns_negative_frac = NAN,
                        .alive_margin_months = NAN};
    cx_status st = _funding_check(b, net, in);
    if (st != CX_OK)
        return st;
    out->break_even_frac = cx_burn_crossing(net, b->n, 0, b->first_year);
    out->turns_negative_frac = cx_burn_crossing_down(net, b->n, b->first_year);
    out->no_burn = !b->burns;
    if (b->peak_year)
        out->payback_frac = cx_burn_crossing(b->cumulative, b->n,
                                             (size_t)(b->peak_year - b->first_year) + 1,
                                             b->first_year);
    if (in->has_cash) {
        out->has_cash = 1;
        out->cash_year = in->cash_year;
        out->opening_cash = in->cash;
        if (!(out->cash = malloc(b->n * sizeof *out->cash)))
            return CX_ENOMEM;
        if ((st = _cash(b, net, in, out)) != CX_OK) {
            cx_funding_release(out);
            return st;
        }
    }
    _alive(out, _months(in));
    return CX_OK;
}

void cx_funding_release(cx_funding *f)
{
    if (f)
        cxi_release(f, sizeof *f,
                    (void *[]){f->cash, f->raises, f->gross_burn, f->commitments}, 4);
}
