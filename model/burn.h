/*
 * burn.h - cumulative cash burn, its deepest point, break-even and payback.
 *
 * Input: the annual net cash flow (negative = burning cash) for n
 * consecutive years starting at first_year. Missing years are not allowed:
 * pass only the span that has values.
 */
#ifndef CX_BURN_H
#define CX_BURN_H

#include <stddef.h>
#include "error.h"

typedef struct cx_burn {
    int first_year;        /**< year of net[0] */
    size_t n;              /**< number of years */
    double *cumulative;    /**< [n] running sum of net, owned */
    double peak_burn;      /**< the most negative cumulative value, 0 if never negative */
    int peak_year;         /**< year of peak_burn, 0 if never negative */
    int break_even_year;   /**< first year with net >= 0, 0 = not within horizon */
    int payback_year;      /**< first year after peak_year with cumulative >= 0;
                                0 = not within horizon. When cumulative is
                                never negative, peak_year is 0 and payback is
                                first_year (nothing to pay back). */
    double total_burn;     /**< sum of the negative net flows (<= 0) */
} cx_burn;

/** Compute all burn figures. Out is initialised here; free with
 *  cx_burn_release. */
cx_status cx_burn_compute(const double *net, size_t n, int first_year,
                          cx_burn *out);

/** Cumulative net from year `from` to year `to` inclusive. */
cx_status cx_burn_cumulative_between(const cx_burn *b, const double *net,
                                     int from, int to, double *out);

void cx_burn_release(cx_burn *b);

#endif
