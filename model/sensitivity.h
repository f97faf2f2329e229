/*
 * sensitivity.h - how much one output moves when drivers move: a tornado
 * (each driver to its low and its high, one at a time) and a two-way table
 * (two drivers over a grid of moves). Every figure is a separate run of the
 * model (cx_compute) with the moved drivers in place of the drivers in
 * effect under the run's scenario; goals and checks are not run there.
 *
 * Outputs (cx_sens_output), each taken from one run:
 *  - CX_SO_CUMULATIVE: the cumulative net cash flow from the burn's first
 *    year through `through` (0: the burn's last year; negative = cash
 *    burnt); NAN when `through` is not a burn year;
 *  - CX_SO_PEAK:       the peak cumulative burn (<= 0);
 *  - CX_SO_BREAK_EVEN: the fractional break-even year; NAN = not within
 *    the horizon;
 *  - CX_SO_NPV:        the spreadsheet NPV of the model's `discount:`;
 *  - CX_SO_VALUE:      the value of series `series` in `year`; NAN when
 *    absent.
 *
 * Moving a driver (cx_sens_move):
 *  - by a relative move x (0.2 = 20%): every growth rate the driver applies
 *    is multiplied by (1 + x): growth `rate`; every rate of a `rates` list;
 *    fade `from` and `to`; stages `high` and `to`; every rate override; a
 *    CAGR (method cagr, or a fade's / stages' start rate taken from a
 *    window) is first resolved to the window's CAGR of the run and then
 *    multiplied. A share / intensity driver's constant `share` is
 *    multiplied by (1 + x). Since fade and stages are linear in their two
 *    rates, every projected year's rate is multiplied by (1 + x);
 *  - to a given rate v (a tornado driver's `low` / `high`): the driver's
 *    main rate becomes v: growth `rate`, cagr (as a constant growth rate),
 *    fade `from`, stages `high`, share `share`. Other keys stay.
 * Trend drivers, share drivers with a share series, and series without a
 * driver cannot be moved (CX_EINVAL); the reader refuses them first.
 *
 * A depreciation entry's D&A series moves the entry's life (the rule in
 * effect under the run's scenario): relatively, life x (1 + x); to a given
 * life (years). A life moved to 0 or below, or above 100 years, is
 * CX_EINVAL.
 */
#ifndef CX_SENSITIVITY_H
#define CX_SENSITIVITY_H

#include <stddef.h>
#include "error.h"

struct cx_result;
struct cx_model;

typedef enum cx_sens_output {
    CX_SO_CUMULATIVE = 0,  /**< "cumulative_burn" */
    CX_SO_PEAK,            /**< "peak_burn" */
    CX_SO_BREAK_EVEN,      /**< "break_even" (fractional year) */
    CX_SO_NPV,             /**< "npv" */
    CX_SO_VALUE,           /**< "value" of a series in a year */
    CX_SO_COUNT
} cx_sens_output;

/** One driver of the tornado: moved by +-move, or to low and high. */
typedef struct cx_sens_driver {
    size_t series;         /**< a driven series, or a depreciation entry's
                                D&A series: then its life moves */
    int absolute;          /**< 1: low / high are rates (lives, in years)
                                to move to; 0: low = -move, high = +move
                                (relative) */
    double low, high;
    int line, col;
} cx_sens_driver;

/** The model file's `sensitivity:` block; owned by the model. */
typedef struct cx_sensitivity_spec {
    cx_sens_output output;
    int through;           /**< CX_SO_CUMULATIVE: last year summed; 0 =
                                the burn's last year */
    size_t series;         /**< CX_SO_VALUE: the series */
    int year;              /**< CX_SO_VALUE: the year */
    cx_sens_driver *tornado; size_t ntornado;  /**< owned; may be 0 */
    int has_grid;
    size_t x, y;           /**< grid: the two drivers' series (x across) */
    double *steps;         /**< [nsteps] relative moves of both; owned */
    size_t nsteps;
    int line, col;
} cx_sensitivity_spec;

/** "move" (relative), "rate" (to a rate) or "life" (to a life, years). */
const char *cx_sens_setting(const struct cx_model *m, const cx_sens_driver *d);

/** One bar of the tornado. */
typedef struct cx_tornado_bar {
    size_t driver;         /**< index into spec->tornado */
    size_t series;
    double at_low, at_high;/**< the output with the driver at low / high */
    double swing;          /**< fabs(at_high - at_low); NAN when either is */
    double low_delta;      /**< at_low - base */
    double high_delta;     /**< at_high - base */
} cx_tornado_bar;

/** What cx_sensitivity_compute produces. */
typedef struct cx_sensitivity {
    const cx_sensitivity_spec *spec;   /**< not owned */
    double base;           /**< the output with no driver moved */
    int from, through;     /**< CX_SO_CUMULATIVE: the years summed (through
                                resolved); else 0 */
    cx_tornado_bar *bars;  /**< [spec->ntornado] by swing, largest first
                                (NAN last, ties in the order given); owned */
    size_t nbars;
    double *grid;          /**< [nsteps * nsteps]: row i = y at steps[i],
                                column j = x at steps[j]; owned; NULL
                                without a grid */
    size_t nsteps;
} cx_sensitivity;

/** "cumulative_burn", "peak_burn", "break_even", "npv", "value"; NULL
 *  out of range. */
const char *cx_sens_output_name(cx_sens_output o);

/** A label for people: "Cumulative net cash flow 2026-2029", "Peak
 *  cumulative burn", "Break-even year (fractional)", "NPV at 10%",
 *  "OpenAI revenue in 2030". Writes at most size bytes into buf. */
void cx_sensitivity_label(const cx_sensitivity *s, const struct cx_model *m,
                          char *buf, size_t size);

/** Allocate an empty spec (output cumulative_burn, no tornado, no grid). */
cx_status cx_sensitivity_spec_new(cx_sensitivity_spec **out);

/** Free a spec (NULL is fine). */
void cx_sensitivity_spec_free(cx_sensitivity_spec *s);

/** Append a tornado driver (copied). */
cx_status cx_sensitivity_add_driver(cx_sensitivity_spec *s, const cx_sens_driver *d);

/** Set the grid: drivers x and y over steps[n] (copied). */
cx_status cx_sensitivity_set_grid(cx_sensitivity_spec *s, size_t x, size_t y,
                                  const double *steps, size_t n);

/** The output of a computed result (see above); NAN when undefined. */
double cx_sens_output_of(const cx_sensitivity_spec *spec, const struct cx_result *r);

/**
 * The tornado and the grid of spec around the computed result r (its
 * model and scenario). On success *out is new (cx_sensitivity_free).
 * A run that fails returns its status, with *failed_series set to the
 * series concerned (CX_NO_INDEX otherwise).
 */
cx_status cx_sensitivity_compute(const struct cx_result *r, const cx_sensitivity_spec *spec,
                                 struct cx_sensitivity **out, size_t *failed_series);

void cx_sensitivity_free(struct cx_sensitivity *s);

#endif
