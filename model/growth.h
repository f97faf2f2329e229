/*
 * growth.h - growth figures between two values.
 *
 * All return CX_EDOMAIN where the spreadsheet formula would fail or mislead
 * (division by zero, CAGR across a sign change or from a non-positive
 * value) and CX_EINVAL for periods <= 0 or non-finite arguments, CX_ERANGE
 * when the result overflows. On any error *out is NAN.
 */
#ifndef CX_GROWTH_H
#define CX_GROWTH_H

#include <math.h>
#include "error.h"

/** Year-on-year growth: cur / prev - 1 (Excel: =cur/prev-1). */
cx_status cx_yoy(double prev, double cur, double *out);

/** Compound annual growth over `years` periods: (end/start)^(1/years) - 1
 *  (Excel: =(end/start)^(1/years)-1). Needs start > 0 and end >= 0. */
cx_status cx_cagr(double start, double end, int years, double *out);

/** The annual growth rate of `periods` periods of per_year a year:
 *  (end / start)^(per_year / periods) - 1; errors as cx_cagr. */
cx_status cx_cagr_periods(double start, double end, int periods, int per_year,
                          double *out);

/** Multiple: end / start (Excel: =end/start). */
cx_status cx_multiple(double start, double end, double *out);

/** a - b, or 0 when a and b agree to within 2^-48 of their size: what a
 *  spreadsheet's subtraction gives (LibreOffice snaps such differences to
 *  0), so the engine and the recalculated workbook agree. */
static inline double cx_sheet_sub(double a, double b)
{
    double d = fabs(a - b);
    if (a != b && d < fabs(a) * 0x1p-48 && d < fabs(b) * 0x1p-48)
        return 0;
    return a - b;
}

#endif
