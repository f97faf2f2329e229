/*
 * diff_side.h - one side of `capex diff`: the figures a comparison looks
 * at, by name and year, taken from a computed result (a model or a model
 * under a scenario) or from a JSON report that `capex run -f json` wrote.
 */
#ifndef CAPEX_DIFF_SIDE_H
#define CAPEX_DIFF_SIDE_H

#include <stddef.h>

#include "period.h"
#include "result.h"

/** How a figure reads. */
enum diff_kind { DIFF_MONEY, DIFF_YEAR, DIFF_FRACTION, DIFF_PERCENT, DIFF_COUNT,
                 DIFF_CHECK /**< 1 pass, 0 warn */ };

typedef struct diff_figure {
    char *what;          /**< "total burn", or a series name; owned */
    int year;            /**< period number (period.h: the year in an
                              annual calendar); 0 for key outputs */
    double v;            /**< NAN: none */
    int kind;            /**< enum diff_kind */
} diff_figure;

typedef struct diff_side {
    diff_figure *f;      /**< the key outputs first, in a fixed order, then
                              the net cash flow and cumulative by year,
                              each check's status ("check LABEL" or "check
                              KIND SERIES", by year), then every series
                              value in series order */
    size_t n, cap;
    size_t *by_name;     /**< [n] indices sorted by (what, year), for
                              diff_side_find */
    cx_calendar cal;     /**< the periods: the model's, or a report's
                              "periods" (annual when it has none) */
} diff_side;

/** The figures of a result. Returns 0, or EX_OSERR (out of memory). */
int diff_side_from_result(diff_side *s, const cx_result *r);

/** The figures of a JSON report (`capex run -f json`) at path. Returns 0,
 *  or a sysexits code after the message (FILE:LINE:COL for what is not a
 *  capex report). */
int diff_side_from_json(diff_side *s, const char *path);

/** The figure (what, year) of s, or NULL. */
const diff_figure *diff_side_find(const diff_side *s, const char *what, int year);

void diff_side_release(diff_side *s);

#endif
