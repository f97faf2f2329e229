/*
 * burn.h - cumulative cash burn, its deepest point, break-even and payback.
 *
 * Input: the annual net cash flow (negative = burning cash) for n
 * consecutive years starting at first_year. Missing years are not allowed:
 * pass only the span that has values.
 *
 * The figures hold whatever the sign of the net. A burn is a year with
 * net < 0. Break-even is the first year with net >= 0 after a burn year
 * (so a net that starts >= 0 breaks even only when it recovers from a
 * later burn), payback the first year after the cumulative's deepest
 * point below 0 with cumulative >= 0; a net that never goes below 0 has
 * no burn, no break-even and nothing to pay back (all 0). A net that
 * starts >= 0 turns negative in its first burn year.
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
    int break_even_year;   /**< first year with net >= 0 after a year with
                                net < 0; 0 = not within horizon, or no burn */
    int payback_year;      /**< first year after peak_year with cumulative >= 0;
                                0 = not within horizon, or nothing to pay
                                back (cumulative never negative: peak_year 0) */
    double total_burn;     /**< sum of the negative net flows (<= 0) */
    double *net_burn;      /**< [n] max(0, -net): the cash burnt each year; owned */
    int burns;             /**< 1 when some year has net < 0 (a burn) */
    int turns_negative_year; /**< net[0] >= 0: the first year with net < 0;
                                0 when net[0] < 0 or net never < 0 */
    double trough;         /**< the lowest net (< 0), 0 without a burn */
    int trough_year;       /**< its year (first on ties), 0 without a burn */
    int still_burning;     /**< net < 0 in the last year: the peak burn and
                                the funding gap are at least what is shown
                                (a longer horizon would show more) */
} cx_burn;

/**
 * Funding: how long the cash lasts and how much must be raised.
 *
 * The cash is stated at the START of cash_year (a burn year, index c). A
 * raise counts from the start of its year. Cash at the end of burn year i
 * (i >= c) is (cash_end[i-1] + net[i]) + raise[i], with cash_end[c-1] the
 * opening cash; years before c have no cash figure (NAN). Within a year
 * the net flow is taken as spread evenly over 12 months, so the cash runs
 * out in the first year y whose end cash is below 0, at the fraction
 * start / (-net[y]) of it, start = cash_end[y-1] + raise[y]:
 *   runway_end    = y + start / (0 - net[y])      (a fractional year)
 *   runway_months = (runway_end - cash_year) * 12
 * Funding gap: max(0, -(the lowest year-end cash)), what still has to be
 * raised for the cash never to go below zero at a year end (the cash is
 * linear within a year, so year ends are its lowest points). With no
 * raise after the peak year this is max(0, -peak_burn - cash - raises to
 * the peak year).
 *
 * Fractional years interpolate linearly between year points: a crossing
 * of net from year y-1 (< 0) to y (>= 0) is at y - 1 + (0 - net[y-1]) /
 * (net[y] - net[y-1]) (break-even; none without a burn). Payback is the
 * same crossing on the cumulative, the first after the peak year (none
 * when the cumulative is never negative). Turning negative is the
 * crossing the other way, from y-1 (>= 0) to y (< 0), at y - 1 + net[y-1]
 * / (net[y-1] - net[y]), for a net that starts >= 0.
 *
 * Default alive: break-even (fractional) comes no later than the runway
 * end. Cash that lasts the horizon is alive when break-even is within the
 * horizon or there is no burn, and unknown (-1) otherwise; cash that runs
 * out with no break-even within the horizon is dead.
 */
typedef struct cx_funding {
    int has_cash;          /**< opening cash stated (and cash_year a burn year) */
    int cash_year;         /**< the year whose start the cash is stated at */
    double opening_cash;   /**< cash at the start of cash_year; 0 without cash */
    double *cash;          /**< [n] cash at the end of each year, NAN before
                                cash_year; owned; NULL without has_cash */
    double *raises;        /**< [n] sum of the raises in each burn year (list
                                order); owned; NULL when the model states none */
    double *gross_burn;    /**< [n] costs (+ commitments when included);
                                owned; NULL when net is given directly.
                                Filled by cx_compute, not cx_funding_compute */
    double *commitments;   /**< [n] the commitments' schedule total subtracted
                                from net; owned; NULL unless included. Filled
                                by cx_compute */
    double runway_months;  /**< months from the start of cash_year until
                                the cash runs out; NAN = lasts the horizon */
    double runway_end;     /**< fractional year the cash runs out; NAN = never */
    int runout_year;       /**< the year it runs out in (runway_end's whole
                                year), 0 = never */
    double funding_gap;    /**< max(0, -lowest year-end cash); NAN without cash */
    double raised;         /**< sum of the raises counted (cash_year on) */
    double break_even_frac;/**< fractional break-even year; NAN = not within horizon */
    double payback_frac;   /**< fractional payback year; NAN = not within
                                horizon or nothing to pay back */
    double turns_negative_frac; /**< fractional year a net that starts >= 0
                                turns negative; NAN = it does not */
    int no_burn;           /**< the net never goes below 0 (cx_burn.burns 0) */
    int default_alive;     /**< 1: break-even comes before the cash runs out;
                                0: it does not; -1: unknown (no cash stated,
                                or neither happens within the horizon) */
    double alive_margin_months; /**< (runway end - break-even) * 12, negative
                                when dead; NAN unless both are within the
                                horizon */
} cx_funding;

/** What funds the burn: the input of cx_funding_compute. */
typedef struct cx_funding_in {
    int has_cash;          /**< 0: only the fractional break-even and payback */
    double cash;           /**< at the start of cash_year, >= 0 */
    int cash_year;         /**< a burn year */
    const double *raises;  /**< [n] raised in each burn year, >= 0; NULL = none */
    int months;            /**< months in one period (the "years" are periods
                                in a monthly or quarterly model: 1 or 3);
                                0 = 12 */
} cx_funding_in;

/** Compute all burn figures. Out is initialised here; free with
 *  cx_burn_release. */
cx_status cx_burn_compute(const double *net, size_t n, int first_year,
                          cx_burn *out);

/** The same over periods: with numbers, first is a period number
 *  (period.h) and the years of out are period numbers. */
cx_status cx_burn_compute_periods(const double *net, size_t n, int first, int numbers,
                                  cx_burn *out);

/** Cumulative net from year `from` to year `to` inclusive. */
cx_status cx_burn_cumulative_between(const cx_burn *b, const double *net,
                                     int from, int to, double *out);

void cx_burn_release(cx_burn *b);

/**
 * Funding figures of a computed burn b with net flows net[b->n]: out is
 * initialised here (every figure NAN until known); free with
 * cx_funding_release. CX_EINVAL for a cash year outside the burn's years,
 * negative cash or raises.
 */
cx_status cx_funding_compute(const cx_burn *b, const double *net,
                             const cx_funding_in *in, cx_funding *out);

/** Fractional first crossing of x[0..n) from < 0 (x[i-1]) to >= 0 (x[i])
 *  with i >= from (and i >= 1): NAN when there is none. */
double cx_burn_crossing(const double *x, size_t n, size_t from, int first_year);

/** Fractional first crossing of x[0..n) from >= 0 (x[i-1]) to < 0 (x[i]),
 *  when x[0] >= 0: NAN when x[0] < 0 or x never goes below 0. */
double cx_burn_crossing_down(const double *x, size_t n, int first_year);

void cx_funding_release(cx_funding *f);

#endif
