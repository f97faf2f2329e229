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

/**
 * Funding: how long the cash lasts and how much must be raised. Cash at the
 * end of burn year i = opening cash + raises up to year i + cumulative[i].
 * Within a year the net flow is taken as spread evenly over 12 months, so
 * the cash runs out at the fraction of the year where it crosses zero.
 * Fractional years interpolate linearly between year points: a crossing of
 * net from year y-1 (< 0) to y (>= 0) is at y - 1 + (-net[y-1]) /
 * (net[y] - net[y-1]).
 */
typedef struct cx_funding {
    int has_cash;          /**< opening cash stated */
    double *cash;          /**< [n] cash at the end of each year; owned; NULL
                                without has_cash */
    double runway_months;  /**< months from the start of the first year until
                                the cash runs out; NAN = lasts the horizon */
    double runway_end;     /**< fractional year the cash runs out; NAN = never */
    double funding_gap;    /**< max(0, -peak_burn - cash - raises to the peak
                                year): what still has to be raised */
    double raised;         /**< sum of the stated raises */
    double break_even_frac;/**< fractional break-even year; NAN = not within horizon */
    double payback_frac;   /**< fractional payback year; NAN = not within horizon */
    int default_alive;     /**< 1: break-even comes before the cash runs out;
                                0: it does not; -1: unknown (no cash stated) */
    double alive_margin_months; /**< runway end - break-even, in months
                                (negative when dead); NAN when unknown */
} cx_funding;

/** Compute all burn figures. Out is initialised here; free with
 *  cx_burn_release. */
cx_status cx_burn_compute(const double *net, size_t n, int first_year,
                          cx_burn *out);

/** Cumulative net from year `from` to year `to` inclusive. */
cx_status cx_burn_cumulative_between(const cx_burn *b, const double *net,
                                     int from, int to, double *out);

void cx_burn_release(cx_burn *b);

#endif
