/*
 * goal.h - goal seek: the constant growth rate of one series that makes the
 * model reach a target (GSL Brent root finding on a bracket).
 *
 *  CX_G_BREAK_EVEN:   net cash flow in year `by` is exactly 0 (so break-even
 *                     comes by then);
 *  CX_G_PEAK_FUNDING: the peak cumulative burn is exactly -cap (the most
 *                     funding the plan may need).
 *
 * The series' driver is replaced by {method: growth, rate: r} (so it grows
 * at r every year after its last stated one), under the scenario of the
 * result; the answer is r. No sign change over the bracket [-0.99, 10] is
 * not an error of the run: the goal is unsolved (solved = 0, rate NAN), its
 * message says that no constant growth rate in -99%..1000% reaches the
 * target and what the two ends give, and the engine adds a warning note.
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

/** The bracket searched for a constant growth rate: -99% .. +1000%. */
#define CX_GOAL_LO (-0.99)
#define CX_GOAL_HI 10.0

/** A function to solve: f(x) into *value; a status other than CX_OK stops
 *  the search and is returned by cx_goal_brent. */
typedef cx_status (*cx_goal_fn)(double x, void *ctx, double *value);

/**
 * A root of fn on [lo, hi] by Brent's method (GSL gsl_root_fsolver_brent),
 * until the bracket is narrower than 1e-12 (absolute) or fn is exactly 0;
 * at most 200 iterations. *f_lo and *f_hi receive fn at the two ends (NAN
 * when not evaluated), *iterations the number of Brent steps.
 * Returns CX_EDOMAIN when fn has the same sign (neither 0) at both ends,
 * fn's status when fn fails, CX_ERANGE when the search does not converge,
 * CX_EINVAL for NULL arguments or lo >= hi. GSL's error handler is off
 * during the call (restored after): nothing prints, nothing aborts.
 */
cx_status cx_goal_brent(cx_goal_fn fn, void *ctx, double lo, double hi,
                        double *root, double *f_lo, double *f_hi,
                        int *iterations);

#endif
