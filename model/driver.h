/*
 * driver.h - how a series is projected beyond its last stated year.
 *
 * Every method reduces to a growth rate per projected year: value(t) =
 * value(t-1) * (1 + rate(t)). The workbook writes exactly that formula, so
 * the engine computes in the same order and the cached values equal what a
 * spreadsheet recalculates.
 *
 * Projected year k counts from 1 (the first year after the last stated one).
 *  - CX_D_GROWTH: rate(k) = rate
 *  - CX_D_RATES:  rate(k) = rates[k-1]; past the list the last rate holds
 *                 (the engine adds a note when that happens)
 *  - CX_D_CAGR:   rate(k) = CAGR of the series' stated values over
 *                 cagr_from..cagr_to (the whole history when both are 0)
 *  - CX_D_FADE:   rate(k) = from + (to - from) * min(k-1, over-1) / (over-1), over >= 2
 *                 i.e. the first projected year grows at `from`, the
 *                 over-th at `to`, linearly in between, `to` afterwards.
 *                 `from` is the CAGR over cagr_from..cagr_to when from_cagr.
 */
#ifndef CX_DRIVER_H
#define CX_DRIVER_H

#include <stddef.h>
#include "error.h"

typedef enum cx_method {
    CX_D_NONE = 0,  /**< not projected */
    CX_D_GROWTH,    /**< constant rate */
    CX_D_RATES,     /**< one rate per projected year */
    CX_D_CAGR,      /**< the historical CAGR, held constant */
    CX_D_FADE       /**< linear fade from a start rate to a terminal rate */
} cx_method;

typedef struct cx_driver {
    cx_method method;
    double rate;          /**< GROWTH: the rate; FADE: start rate (unless from_cagr) */
    double terminal;      /**< FADE: terminal rate */
    int over;             /**< FADE: years from start to terminal rate, >= 2 */
    int from_cagr;        /**< FADE: start rate is the CAGR of the window */
    int cagr_from;        /**< CAGR / FADE from_cagr: first year of the window, 0 = first stated */
    int cagr_to;          /**< last year of the window, 0 = last stated */
    double *rates;        /**< RATES: owned by the driver (cx_driver_release frees) */
    size_t nrates;
    const char *source;   /**< where the assumption comes from; owned by the
                               model (copies share it), may be NULL */
    int line, col;        /**< where it was written, 0 when not from a file */
} cx_driver;

/** The method as written in model files ("growth", "rates", "cagr", "fade"). */
const char *cx_method_name(cx_method method);

/** Deep copy (rates are duplicated). dst must not hold rates of its own. */
cx_status cx_driver_copy(cx_driver *dst, const cx_driver *src);

/** Free what the driver owns and reset it to CX_D_NONE. */
void cx_driver_release(cx_driver *d);

/**
 * Growth rate of projected year k (k >= 1) given the start rate already
 * resolved (for CAGR and FADE from_cagr, pass the window's CAGR as
 * start_rate; otherwise it is ignored). Returns CX_EINVAL for k < 1,
 * CX_D_NONE, or an empty rate list.
 */
cx_status cx_driver_rate(const cx_driver *d, int k, double start_rate,
                         double *rate);

#endif
