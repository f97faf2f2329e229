/*
 * goal.h - goal seek: the constant growth rate of one series that makes the
 * model reach a target (GSL Brent root finding on a bracket).
 *
 *  CX_G_BREAK_EVEN:   net cash flow in year `by` is exactly 0 (so break-even
 *                     comes by then);
 *  CX_G_PEAK_FUNDING: the peak cumulative burn is exactly -cap (the most
 *                     funding the plan may need).
 *
 * The series' driver is replaced by {method: growth, rate: r}; the answer
 * is r. No sign change over the bracket [-0.99, 10] is CX_EDOMAIN with a
 * message saying so.
 */
#ifndef CX_GOAL_H
#define CX_GOAL_H

#include <stddef.h>
#include "error.h"

typedef enum cx_goal_kind { CX_G_BREAK_EVEN = 0, CX_G_PEAK_FUNDING } cx_goal_kind;

typedef struct cx_goal {
    cx_goal_kind kind;
    size_t series;        /**< the series whose constant growth is solved for */
    int by;               /**< CX_G_BREAK_EVEN: the target year */
    double cap;           /**< CX_G_PEAK_FUNDING: most funding needed (> 0) */
    const char *label;    /**< owned by the model, may be NULL */
    const char *source;
    int line, col;
} cx_goal;

typedef struct cx_goal_result {
    size_t goal;          /**< index into the model's goals */
    int solved;           /**< 0: no solution in the bracket (see message) */
    double rate;          /**< the constant growth rate found; NAN unsolved */
    double achieved;      /**< the target figure at that rate (net in `by`,
                               or the peak burn) */
    int iterations;
    char message[200];
} cx_goal_result;

/** "break_even", "peak_funding". */
const char *cx_goal_kind_name(cx_goal_kind kind);

#endif
