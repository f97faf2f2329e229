/*
 * fit.h - trend fits on a series' history (GSL): linear, exponential
 * (log-linear) and logistic (S-curve with a saturation level), with their
 * quality. Used by the `trend` driver method (driver.h).
 *
 *  linear:      v(year) = a + b * year                 (gsl_fit_linear)
 *  exponential: v(year) = exp(a + b * year)            (gsl_fit_linear on ln v;
 *               a is the intercept of ln v, e^b - 1 the growth per year;
 *               every v must be > 0, else CX_EDOMAIN)
 *  logistic:    v(year) = L / (1 + exp(-k (year - t0))) (gsl_multifit_nlinear,
 *               trust region; L given, or fitted too; every v must be > 0)
 *
 * R^2 = 1 - SS_res / SS_tot and RMSE = sqrt(SS_res / n) are measured on the
 * values themselves (not on ln v), R^2 is NAN when every value is equal.
 * Years must be distinct. GSL's error handler is switched off by the fits
 * (they never abort); a logistic fit that does not converge is CX_EDOMAIN.
 *
 * A fit needs at least 2 points (linear, exponential), 3 (logistic with L
 * given) or 4 (logistic fitting L): fewer is CX_ENODATA, and
 * cx_fit_min_points says how many are needed.
 */
#ifndef CX_FIT_H
#define CX_FIT_H

#include <stddef.h>
#include "error.h"

typedef enum cx_fit_kind {
    CX_FIT_NONE = 0,
    CX_FIT_LINEAR,
    CX_FIT_EXPONENTIAL,
    CX_FIT_LOGISTIC
} cx_fit_kind;

typedef struct cx_fit {
    cx_fit_kind kind;
    int from, to;         /**< window fitted: x truncated here; the engine
                               sets its period numbers (years when annual) */
    size_t n;             /**< points used */
    double a, b;          /**< linear: a + b*year; exponential: exp(a + b*year) */
    double saturation;    /**< logistic L */
    double k, t0;         /**< logistic steepness and midpoint year */
    int saturation_fitted;/**< 1 when L was estimated, 0 when given */
    double r2;            /**< coefficient of determination on the data */
    double rmse;          /**< root mean squared residual */
} cx_fit;

/** "linear", "exponential", "logistic" ("none"). */
const char *cx_fit_kind_name(cx_fit_kind kind);

/** Points a fit needs (saturation_given: logistic with L stated). */
size_t cx_fit_min_points(cx_fit_kind kind, int saturation_given);

cx_status cx_fit_linear(const double *year, const double *v, size_t n, cx_fit *out);
cx_status cx_fit_exponential(const double *year, const double *v, size_t n, cx_fit *out);
/** saturation: NAN to fit L as well. */
cx_status cx_fit_logistic(const double *year, const double *v, size_t n,
                          double saturation, cx_fit *out);

/** The fitted value in a year (CX_ERANGE when it overflows). */
cx_status cx_fit_eval(const cx_fit *f, double year, double *out);

/** The kind named s ("linear", ...), CX_FIT_NONE when none is. */
cx_fit_kind cx_fit_kind_parse(const char *s);

#endif
