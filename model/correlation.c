/*
 * correlation.c - the copula's correlation matrix (correlation.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include "correlation.h"

double cx_corr_pearson_of_rank(double rho)
{
    return 2 * sin(M_PI * rho / 6);
}

cx_status cx_corr_cholesky(const double *a, size_t k, double *l)
{
    if (!a || !l || k == 0)
        return CX_EINVAL;
    gsl_matrix *m = gsl_matrix_alloc(k, k);
    if (!m)
        return CX_ENOMEM;
    memcpy(m->data, a, k * k * sizeof *a);
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int rc = gsl_linalg_cholesky_decomp1(m);
    gsl_set_error_handler(old);
    cx_status st = rc == GSL_SUCCESS ? CX_OK : CX_EDOMAIN;
    for (size_t i = 0; st == CX_OK && i < k; i++)
        for (size_t j = 0; j < k; j++)
            l[i * k + j] = j <= i ? gsl_matrix_get(m, i, j) : 0;
    gsl_matrix_free(m);
    return st;
}

/* a = V diag(max(lambda, min)) V', then scaled to a unit diagonal. */
static void _rebuild(double *a, size_t k, const gsl_vector *eval,
                     const gsl_matrix *evec)
{
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            double s = 0;
            for (size_t e = 0; e < k; e++) {
                double lam = gsl_vector_get(eval, e);
                lam = lam < CX_CORR_EIG_MIN ? CX_CORR_EIG_MIN : lam;
                s += gsl_matrix_get(evec, i, e) * lam * gsl_matrix_get(evec, j, e);
            }
            a[i * k + j] = s;
        }
    double *d = malloc(k * sizeof *d);
    if (!d)
        return;
    for (size_t i = 0; i < k; i++)
        d[i] = sqrt(a[i * k + i]);
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++)
            a[i * k + j] = i == j ? 1.0 : a[i * k + j] / (d[i] * d[j]);
    free(d);
}

cx_status cx_corr_repair(double *a, size_t k)
{
    if (!a || k == 0)
        return CX_EINVAL;
    gsl_matrix *m = gsl_matrix_alloc(k, k), *evec = gsl_matrix_alloc(k, k);
    gsl_vector *eval = gsl_vector_alloc(k);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(k);
    cx_status st = m && evec && eval && w ? CX_OK : CX_ENOMEM;
    if (st == CX_OK) {
        memcpy(m->data, a, k * k * sizeof *a);
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        st = gsl_eigen_symmv(m, eval, evec, w) == GSL_SUCCESS ? CX_OK : CX_EDOMAIN;
        gsl_set_error_handler(old);
    }
    if (st == CX_OK)
        _rebuild(a, k, eval, evec);
    if (w)
        gsl_eigen_symmv_free(w);
    if (eval)
        gsl_vector_free(eval);
    if (evec)
        gsl_matrix_free(evec);
    if (m)
        gsl_matrix_free(m);
    return st;
}

void cx_corr_apply(const double *l, size_t k, const double *x, double *y)
{
    for (size_t i = 0; i < k; i++) {
        double s = 0;
        for (size_t j = 0; j <= i; j++)
            s += l[i * k + j] * x[j];
        y[i] = s;
    }
}
