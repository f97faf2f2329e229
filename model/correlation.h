/*
 * correlation.h - the Gaussian copula's matrix: rank correlations as the
 * model file states them, the Pearson correlations of the underlying
 * normals that give them, and its Cholesky factor.
 *
 * A rank (Spearman) correlation rho between two inputs is reached by
 * correlating their normals with r = 2 sin(pi rho / 6) (exact for the
 * Gaussian copula). The matrix of r must be positive definite
 * (gsl_linalg_cholesky_decomp1). When it is not, cx_corr_repair replaces
 * it with a nearby one: eigenvalues (gsl_eigen_symmv) clipped to at least
 * CX_CORR_EIG_MIN, the matrix rebuilt and scaled back to a unit diagonal.
 */
#ifndef CX_CORRELATION_H
#define CX_CORRELATION_H

#include <stddef.h>
#include "error.h"

#define CX_CORR_EIG_MIN 1e-6

/** Pearson correlation of the normals for a target rank correlation. */
double cx_corr_pearson_of_rank(double rho);

/** The lower-triangular Cholesky factor L (L L' = a) of the k x k
 *  row-major matrix a into l (upper part zero). CX_EDOMAIN when a is not
 *  positive definite, CX_ENOMEM. */
cx_status cx_corr_cholesky(const double *a, size_t k, double *l);

/** Repair the k x k correlation matrix a in place (see above). */
cx_status cx_corr_repair(double *a, size_t k);

/** y = L x for the k x k lower-triangular l (y and x distinct). */
void cx_corr_apply(const double *l, size_t k, const double *x, double *y);

#endif
