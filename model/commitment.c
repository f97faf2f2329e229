/*
 * commitment.c - contracted outflows spread over the years they are paid in.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "commitment.h"
#include "model.h"

static cx_status _explicit(const cx_commitment *c, size_t nyears, double *out)
{
    for (size_t t = 0; t < nyears; t++) {
        const cx_value *v = &c->schedule[t];
        if (!cx_value_present(v))
            continue;
        if (!isfinite(v->base))
            return CX_ERANGE;
        out[t] = v->base;
    }
    return CX_OK;
}

double cx_commitment_amount(const cx_commitment *c, int k)
{
    if (!c || c->years <= 0 || k < 1 || k > c->years)
        return NAN;
    double n = c->years, half = n * (n + 1) / 2;
    switch (c->profile) {
    case CX_P_FRONT:
        return c->total.base * (double)(c->years - k + 1) / half;
    case CX_P_BACK:
        return c->total.base * (double)k / half;
    case CX_P_EVEN:
    default:
        return c->total.base / n;
    }
}

const char *cx_profile_name(cx_profile p)
{
    switch (p) {
    case CX_P_FRONT: return "front";
    case CX_P_BACK:  return "back";
    case CX_P_EVEN:
    default:         return "even";
    }
}

/* Each year's amount from start; years past the horizon go to *beyond,
 * years before first_year are outside the model and dropped. */
static cx_status _spread(const cx_commitment *c, int first_year, size_t nyears,
                         double *out, double *beyond)
{
    double after = 0;
    for (int k = 1; k <= c->years; k++) {
        double a = cx_commitment_amount(c, k);
        if (!isfinite(a))
            return CX_ERANGE;
        long t = (long)c->start + k - 1 - first_year;
        if (t < 0)
            continue;
        if ((size_t)t < nyears)
            out[t] = a;
        else
            after += a;
    }
    *beyond = after;
    return isfinite(after) ? CX_OK : CX_ERANGE;
}

cx_status cx_commitment_schedule(const cx_commitment *c, int first_year,
                                 size_t nyears, double *out, double *beyond,
                                 int *scheduled)
{
    if (!c || !out || !beyond || !scheduled || nyears == 0 || c->years < 0
        || c->profile < CX_P_EVEN || c->profile > CX_P_BACK)
        return CX_EINVAL;
    if (c->start && (c->start < CX_MIN_YEAR || c->start > CX_MAX_YEAR))
        return CX_EINVAL;
    memset(out, 0, nyears * sizeof *out);
    *beyond = 0;
    *scheduled = 0;
    if (c->schedule) {
        *scheduled = 1;
        return _explicit(c, nyears, out);
    }
    if (!c->start || !c->years || !cx_value_present(&c->total))
        return CX_OK;
    *scheduled = 1;
    return _spread(c, first_year, nyears, out, beyond);
}

/* Years before the first fiscal year (the annual schedule drops them). */
static double _years_before(const cx_commitment *c, int first_year)
{
    double sum = 0;
    for (int k = 1; c->start && k <= c->years && c->start + k - 1 < first_year; k++)
        sum += cx_commitment_amount(c, k);
    return sum;
}

/* Each period 1 / per_year of its fiscal year's amount in year[]; the
 * periods of those years outside the calendar to *before / *beyond. */
static void _spread_periods(const cx_calendar *cal, const double *year, int fy0,
                            double *out, double *before, double *beyond)
{
    int per = cal->per_year, nfy, first;
    cx_calendar_fiscal_years(cal, &first, &nfy);
    int lead = (cx_period_number(cal, 0) % per + per) % per;
    int tail = per - 1 - (cx_period_number(cal, cal->n - 1) % per + per) % per;
    for (int t = 0; t < cal->n; t++)
        out[t] = year[cx_period_fiscal_year(cal, t) - fy0] / per;
    *before += year[0] / per * lead;
    *beyond += year[nfy - 1] / per * tail;
}

cx_status cx_commitment_periods(const cx_commitment *c, const cx_calendar *cal,
                                double *out, double *before, double *beyond,
                                int *scheduled)
{
    int fy0, nfy;
    if (!c || !cal || !before)
        return CX_EINVAL;
    *before = 0;
    if (cal->per_year == 1) {
        *before = c->schedule ? 0 : _years_before(c, cx_period_number(cal, 0));
        return cx_commitment_schedule(c, cx_period_number(cal, 0), (size_t)cal->n, out,
                                      beyond, scheduled);
    }
    if (c->schedule)            /* per period, as the reader spread it */
        return cx_commitment_schedule(c, cx_period_number(cal, 0), (size_t)cal->n, out,
                                      beyond, scheduled);
    cx_calendar_fiscal_years(cal, &fy0, &nfy);
    double *year = calloc((size_t)nfy, sizeof *year);
    if (!year)
        return CX_ENOMEM;
    cx_status st = cx_commitment_schedule(c, fy0, (size_t)nfy, year, beyond, scheduled);
    if (st == CX_OK) {
        *before = _years_before(c, fy0);
        _spread_periods(cal, year, fy0, out, before, beyond);
    }
    free(year);
    return st;
}
