/*
 * check.h - audit checks: what a document states against what its own
 * figures imply.
 *
 * A check passes when the computed figure lies within the stated one,
 * widened by the tolerance: [low - tol, high + tol]. The tolerance is the
 * check's own when given, otherwise the stated value's resolution (half a
 * unit of its last written digit: 381 -> 0.5, 58% -> 0.005, ~4.7 -> 0.05).
 *
 * A range check uses the same judge: computed = clamp(stated base, clow,
 * chigh) lies in [low - tol, high + tol] exactly when the stated range
 * widened by tol overlaps the computed range [clow, chigh].
 */
#ifndef CX_CHECK_H
#define CX_CHECK_H

#include <stddef.h>
#include "value.h"

typedef enum cx_check_kind {
    CX_C_SUM = 0,     /**< each stated value of a sum series vs the sum of
                           its parts (one result per stated year) */
    CX_C_GROWTH,      /**< stated growth from..to vs value(to)/value(from)-1 */
    CX_C_MULTIPLE,    /**< stated multiple vs value(to)/value(from) */
    CX_C_CAGR,        /**< stated CAGR vs (value(to)/value(from))^(1/(to-from))-1 */
    CX_C_CUMULATIVE,  /**< stated cumulative net cash flow from..to vs the
                           burn's sum (series ignored: uses the burn) */
    CX_C_BREAK_EVEN,  /**< stated break-even year vs the burn's */
    CX_C_RANGE,       /**< each stated range of a series vs the computed
                           range (a sum: its parts' low..high, a floor part
                           leaving it open above; else the series' value),
                           one result per stated year: pass when the two
                           ranges overlap within the tolerance */
    CX_C_KIND_COUNT
} cx_check_kind;

typedef struct cx_check {
    cx_check_kind kind;
    size_t series;        /**< index into the model's series (SUM, GROWTH,
                               MULTIPLE, CAGR) */
    int from, to;         /**< years (GROWTH, MULTIPLE, CAGR, CUMULATIVE) */
    cx_value stated;      /**< the stated figure (BREAK_EVEN: the year) */
    double tolerance;     /**< NAN: use stated.resolution */
    const char *label;    /**< optional description; owned by the model */
    const char *source;   /**< where the stated figure comes from; may be NULL */
    int line, col;
} cx_check;

typedef struct cx_check_result {
    size_t check;         /**< index into the model's checks */
    int year;             /**< SUM, RANGE: the year checked; else the `to`
                               year */
    double stated_low, stated_base, stated_high;
    double computed;      /**< NAN when it could not be computed; RANGE:
                               the stated base clamped into
                               [computed_low, computed_high] */
    double computed_low, computed_high; /**< RANGE: the computed range
                               (computed_high +INFINITY when a part is a
                               floor); NAN for other kinds */
    double difference;    /**< computed - stated_base */
    double tolerance;
    int pass;             /**< 1 pass, 0 warn */
    char message[192];    /**< "2025: stated 381, sum of parts 379 (diff -2)" */
} cx_check_result;

/** Nonzero when a check of this kind is about one series (all but
 *  cumulative and break_even, which are about the burn). */
int cx_check_has_series(cx_check_kind kind);

/** Nonzero when a check of this kind compares two years (from..to). */
int cx_check_has_period(cx_check_kind kind);

/** The kind as written in model files ("sum", "growth", ...). */
const char *cx_check_kind_name(cx_check_kind kind);

#endif
