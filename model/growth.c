/*
 * growth.c - growth figures between two values, computed with the same
 * operations as the spreadsheet formulas that reproduce them.
 */
#include <math.h>
#include "growth.h"

static cx_status _finish(double x, double *out)
{
    if (!isfinite(x))
        return CX_ERANGE;
    *out = x;
    return CX_OK;
}

cx_status cx_yoy(double prev, double cur, double *out)
{
    if (!out)
        return CX_EINVAL;
    *out = NAN;
    if (!isfinite(prev) || !isfinite(cur))
        return CX_EINVAL;
    if (prev == 0)
        return CX_EDOMAIN;
    return _finish(cx_sheet_sub(cur / prev, 1), out);
}

cx_status cx_cagr_periods(double start, double end, int periods, int per_year,
                          double *out)
{
    if (!out)
        return CX_EINVAL;
    *out = NAN;
    if (periods <= 0 || per_year <= 0 || !isfinite(start) || !isfinite(end))
        return CX_EINVAL;
    if (start <= 0 || end < 0)
        return CX_EDOMAIN;
    return _finish(pow(end / start, (double)per_year / periods) - 1, out);
}

cx_status cx_cagr(double start, double end, int years, double *out)
{
    return cx_cagr_periods(start, end, years, 1, out);
}

cx_status cx_multiple(double start, double end, double *out)
{
    if (!out)
        return CX_EINVAL;
    *out = NAN;
    if (!isfinite(start) || !isfinite(end))
        return CX_EINVAL;
    if (start == 0)
        return CX_EDOMAIN;
    return _finish(end / start, out);
}
