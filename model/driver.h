/*
 * driver.h - how a series is projected beyond its last stated year.
 *
 * The growth-chained methods (growth, rates, cagr, fade, stages) reduce to
 * a growth rate per projected year: value(t) = value(t-1) * (1 + rate(t)).
 * The workbook writes exactly that formula, so the engine computes in the
 * same order and the cached values equal what a spreadsheet recalculates.
 * Two methods are not chained:
 *  - CX_D_TREND: value(t) = the fitted curve (fit.h) in year t, fitted on
 *                the stated values in cagr_from..cagr_to (0: first / last
 *                stated year);
 *  - CX_D_SHARE, CX_D_INTENSITY (the same maths): value(t) = share(t) *
 *                value of series `of` in t, share(t) = `share`, or the value
 *                of series `share_series` in t.
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
 *  - CX_D_STAGES: rate(k) = high for k <= high_years; then, with
 *                 j = k - high_years >= 1,
 *                 high + (to - high) * min(j, fade_years) / fade_years,
 *                 `to` when fade_years = 0 (a two-stage model). `high` is
 *                 `rate`, or the window's CAGR when from_cagr.
 * Any chained method may replace the rate of given years (rate_overrides):
 * the engine applies cx_driver_override after cx_driver_rate.
 */
#ifndef CX_DRIVER_H
#define CX_DRIVER_H

#include <stddef.h>
#include "error.h"
#include "fit.h"

#ifndef CX_NO_INDEX
#define CX_NO_INDEX ((size_t)-1)
#endif

typedef enum cx_method {
    CX_D_NONE = 0,  /**< not projected */
    CX_D_GROWTH,    /**< constant rate */
    CX_D_RATES,     /**< one rate per projected year */
    CX_D_CAGR,      /**< the historical CAGR, held constant */
    CX_D_FADE,      /**< linear fade from a start rate to a terminal rate */
    CX_D_TREND,     /**< a curve fitted on the history (not chained) */
    CX_D_STAGES,    /**< high growth, linear fade, terminal rate */
    CX_D_SHARE,     /**< a share of another series (not chained) */
    CX_D_INTENSITY  /**< the same as SHARE, named for capex / revenue */
} cx_method;

/** One projected year whose rate is given instead of computed. */
typedef struct cx_rate_override {
    int year;
    double rate;
} cx_rate_override;

typedef struct cx_driver {
    cx_method method;
    double rate;          /**< GROWTH: the rate; FADE: start rate, STAGES:
                               high rate (unless from_cagr) */
    double terminal;      /**< FADE, STAGES: terminal rate */
    int over;             /**< FADE: years from start to terminal rate, >= 2 */
    int from_cagr;        /**< FADE, STAGES: start rate is the CAGR of the window */
    int cagr_from;        /**< CAGR / from_cagr / TREND: first year of the
                               window, 0 = first stated */
    int cagr_to;          /**< last year of the window, 0 = last stated */
    double *rates;        /**< RATES: owned by the driver (cx_driver_release frees) */
    size_t nrates;
    int high_years;       /**< STAGES: years at the high rate, >= 0 */
    int fade_years;       /**< STAGES: years of linear fade, >= 0 */
    cx_fit_kind fit;      /**< TREND: the curve */
    int has_saturation;   /**< TREND logistic: saturation given (else fitted) */
    double saturation;    /**< TREND logistic: L when has_saturation */
    size_t of;            /**< SHARE, INTENSITY: the series taken a share of */
    size_t share_series;  /**< SHARE, INTENSITY: series holding the share of
                               each year; CX_NO_INDEX: the constant `share` */
    double share;         /**< SHARE, INTENSITY: constant share (0.75 = 75%) */
    cx_rate_override *rate_overrides; /**< chained methods: owned, sorted by
                                           year (cx_driver_release frees) */
    size_t nrate_overrides;
    int per;              /**< chained methods: months in the unit the rates
                               are stated per (12 a year, 3 a quarter, 1 a
                               month); 0 = a year. The engine applies
                               (1 + rate)^(period months / per) - 1 in
                               each period (period.h: cx_rate_convert) */
    const char *source;   /**< where the assumption comes from; owned by the
                               model (copies share it), may be NULL */
    int line, col;        /**< where it was written, 0 when not from a file */
} cx_driver;

/** The method as written in model files ("growth", "rates", "cagr", "fade",
 *  "trend", "stages", "share", "intensity"). */
const char *cx_method_name(cx_method method);

/** Nonzero for the methods that grow by a rate each year (growth, rates,
 *  cagr, fade, stages): those take rate overrides. */
int cx_method_chained(cx_method method);

/** Deep copy (rates and rate overrides are duplicated). dst must not hold
 *  arrays of its own. */
cx_status cx_driver_copy(cx_driver *dst, const cx_driver *src);

/** Free what the driver owns and reset it to CX_D_NONE. */
void cx_driver_release(cx_driver *d);

/**
 * Growth rate of projected year k (k >= 1) given the start rate already
 * resolved (for CAGR and FADE / STAGES from_cagr, pass the window's CAGR as
 * start_rate; otherwise it is ignored). Rate overrides are not applied
 * here (cx_driver_override). Returns CX_EINVAL for k < 1, a method that is
 * not chained, an empty rate list or bad stage lengths.
 */
cx_status cx_driver_rate(const cx_driver *d, int k, double start_rate,
                         double *rate);

/** Year k's rate as a function of the driver's main parameter p
 *  (cx_driver_param): p + (to - p) * a / b when on_param (a = 0: p itself),
 *  else the fixed rate `to`. FADE: a = MIN(k-1, over-1), b = MAX(over-1, 1);
 *  STAGES: a = 0 for k <= high_years, then MIN(j, fade_years) / fade_years
 *  (fixed `to` when fade_years = 0); GROWTH, CAGR: p; RATES: the listed rate
 *  (fixed) for k < nrates, p (the last rate) from k = nrates on. The Monte
 *  Carlo plan (mc_priv.h) keeps these per year so a path only supplies p. */
typedef struct cx_rate_form {
    double to, a, b;
    int on_param;
} cx_rate_form;

/** The form of projected year k (k >= 1); CX_EINVAL as cx_driver_rate. */
cx_status cx_driver_rate_form(const cx_driver *d, int k, cx_rate_form *f);

/** The main parameter: GROWTH the rate, CAGR start_rate, FADE / STAGES
 *  start_rate when from_cagr else the rate, RATES the last rate; NAN for
 *  the methods that are not chained. */
double cx_driver_param(const cx_driver *d, double start_rate);

/** The rate the form gives at p. */
double cx_rate_form_eval(const cx_rate_form *f, double p);

/** The overriding rate of year, if the driver has one: returns 1 and sets
 *  *rate, else returns 0 and leaves *rate alone. */
int cx_driver_override(const cx_driver *d, int year, double *rate);

/** Add (or replace) the rate override of year, keeping the list sorted. */
cx_status cx_driver_add_override(cx_driver *d, int year, double rate);

#endif
