/*
 * distribution.h - the distributions a Monte Carlo input may follow, and
 * how a value is drawn from each (GSL random number generators).
 *
 *  normal      mean, sd
 *  lognormal   mean, sd of the value itself (> 0): log value ~ N(mu, sigma)
 *              with sigma^2 = ln(1 + sd^2 / mean^2), mu = ln(mean) - sigma^2 / 2
 *  uniform     low, high
 *  triangular  low, mode, high
 *  pert        low, mode, high: low + (high - low) * Beta(alpha, beta),
 *              alpha = 1 + 4 (mode - low) / (high - low),
 *              beta  = 1 + 4 (high - mode) / (high - low)
 *  discrete    values with probabilities (summing to 1)
 *
 * Two ways to draw: cx_dist_sample from a generator (an input drawn on its
 * own), and cx_dist_from_normal from a standard normal x (an input in a
 * Gaussian copula: the value is the quantile of Phi(x); normal and
 * lognormal map x directly). A degenerate distribution (sd 0, low = high,
 * one value) always gives exactly its mean / mode / value.
 */
#ifndef CX_DISTRIBUTION_H
#define CX_DISTRIBUTION_H

#include <stddef.h>
#include <gsl/gsl_rng.h>
#include "error.h"

typedef enum cx_dist_kind {
    CX_DIST_NORMAL = 0, CX_DIST_LOGNORMAL, CX_DIST_UNIFORM,
    CX_DIST_TRIANGULAR, CX_DIST_PERT, CX_DIST_DISCRETE, CX_DIST_COUNT
} cx_dist_kind;

typedef struct cx_dist {
    cx_dist_kind kind;
    double mean, sd;          /**< normal, lognormal */
    double low, mode, high;   /**< uniform (low, high), triangular, pert */
    double *values;           /**< discrete: [n] values; owned */
    double *cum;              /**< discrete: [n] cumulative probabilities,
                                   the last exactly 1; owned */
    size_t n;
    /* Set by cx_dist_prepare. */
    double mu, sigma;         /**< lognormal: of the log */
    double alpha, beta;       /**< pert: the beta's shapes */
} cx_dist;

/** "normal", "lognormal", "uniform", "triangular", "pert", "discrete". */
const char *cx_dist_name(cx_dist_kind kind);

/** The kind named name (as above), or CX_DIST_COUNT. */
cx_dist_kind cx_dist_kind_of(const char *name);

/** Validate the parameters and derive mu/sigma, alpha/beta. CX_EINVAL for
 *  sd < 0, low > high, mode outside low..high, a lognormal mean <= 0,
 *  non-finite parameters; discrete: no values or cum not rising to 1. */
cx_status cx_dist_prepare(cx_dist *d);

/** Set a discrete distribution's values and probabilities (copied; p must
 *  be >= 0 and sum to 1 within 1e-9; cum's last entry is set to 1). */
cx_status cx_dist_set_discrete(cx_dist *d, const double *values,
                               const double *p, size_t n);

/** One value drawn with generator r (prepared distribution). */
double cx_dist_sample(const cx_dist *d, const gsl_rng *r);

/** The value at u in [0, 1] of the inverse distribution function. */
double cx_dist_quantile(const cx_dist *d, double u);

/** The value for standard normal x: quantile(Phi(x)); normal and
 *  lognormal map x without going through Phi. */
double cx_dist_from_normal(const cx_dist *d, double x);

/** Nonzero when every draw gives the same value. */
int cx_dist_degenerate(const cx_dist *d);

/** Free what the distribution owns. */
void cx_dist_release(cx_dist *d);

/** Deep copy (dst must own nothing). */
cx_status cx_dist_copy(cx_dist *dst, const cx_dist *src);

#endif
