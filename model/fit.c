/*
 * fit.c - trend fits on a series' history (see fit.h): linear and
 * exponential by ordinary least squares (gsl_fit_linear), logistic by
 * nonlinear least squares (gsl_multifit_nlinear, trust region).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit_nlinear.h>
#include "fit.h"

static const char *const _kind_names[] = {
    [CX_FIT_NONE]        = "none",
    [CX_FIT_LINEAR]      = "linear",
    [CX_FIT_EXPONENTIAL] = "exponential",
    [CX_FIT_LOGISTIC]    = "logistic",
};

const char *cx_fit_kind_name(cx_fit_kind kind)
{
    if ((unsigned)kind >= sizeof _kind_names / sizeof _kind_names[0])
        return "unknown";
    return _kind_names[kind];
}

cx_fit_kind cx_fit_kind_parse(const char *s)
{
    for (int k = CX_FIT_LINEAR; s && k <= CX_FIT_LOGISTIC; k++)
        if (!strcmp(s, _kind_names[k]))
            return (cx_fit_kind)k;
    return CX_FIT_NONE;
}

size_t cx_fit_min_points(cx_fit_kind kind, int saturation_given)
{
    switch (kind) {
    case CX_FIT_LINEAR:
    case CX_FIT_EXPONENTIAL: return 2;
    case CX_FIT_LOGISTIC:    return saturation_given ? 3 : 4;
    default:                 return 0;
    }
}

cx_status cx_fit_eval(const cx_fit *f, double year, double *out)
{
    if (!f || !out || !isfinite(year))
        return CX_EINVAL;
    switch (f->kind) {
    case CX_FIT_LINEAR:
        *out = f->a + f->b * year;
        break;
    case CX_FIT_EXPONENTIAL:
        *out = exp(f->a + f->b * year);
        break;
    case CX_FIT_LOGISTIC:
        *out = f->saturation / (1 + exp(-f->k * (year - f->t0)));
        break;
    default:
        return CX_EINVAL;
    }
    return isfinite(*out) ? CX_OK : CX_ERANGE;
}

/* Finite inputs, at least min points, distinct years. */
static cx_status _check_points(const double *year, const double *v, size_t n,
                               size_t min, int positive)
{
    if (!year || !v)
        return CX_EINVAL;
    if (n < min)
        return CX_ENODATA;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(year[i]) || !isfinite(v[i]))
            return CX_EINVAL;
        for (size_t j = 0; j < i; j++)
            if (year[j] == year[i])
                return CX_EINVAL;
    }
    for (size_t i = 0; positive && i < n; i++)
        if (v[i] <= 0)
            return CX_EDOMAIN;
    return CX_OK;
}

/* R^2 and RMSE of f on the points, and the window they span. */
static cx_status _quality(const double *year, const double *v, size_t n, cx_fit *f)
{
    double mean = 0, ss_res = 0, ss_tot = 0;
    for (size_t i = 0; i < n; i++)
        mean += v[i];
    mean /= (double)n;
    f->from = f->to = (int)year[0];
    for (size_t i = 0; i < n; i++) {
        double y;
        cx_status st = cx_fit_eval(f, year[i], &y);
        if (st != CX_OK)
            return st;
        ss_res += (v[i] - y) * (v[i] - y);
        ss_tot += (v[i] - mean) * (v[i] - mean);
        f->from = (int)year[i] < f->from ? (int)year[i] : f->from;
        f->to = (int)year[i] > f->to ? (int)year[i] : f->to;
    }
    f->n = n;
    f->r2 = ss_tot > 0 ? 1 - ss_res / ss_tot : NAN;
    f->rmse = sqrt(ss_res / (double)n);
    return isfinite(f->rmse) ? CX_OK : CX_ERANGE;
}

static void _reset(cx_fit *out, cx_fit_kind kind)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    out->a = out->b = out->saturation = out->k = out->t0 = NAN;
    out->r2 = out->rmse = NAN;
}

/* y = c0 + c1 x by ordinary least squares. */
static cx_status _ols(const double *x, const double *y, size_t n,
                      double *c0, double *c1)
{
    double cov00, cov01, cov11, sumsq;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int gs = gsl_fit_linear(x, 1, y, 1, n, c0, c1, &cov00, &cov01, &cov11, &sumsq);
    gsl_set_error_handler(old);
    if (gs)
        return CX_EDOMAIN;
    return isfinite(*c0) && isfinite(*c1) ? CX_OK : CX_ERANGE;
}

cx_status cx_fit_linear(const double *year, const double *v, size_t n, cx_fit *out)
{
    if (!out)
        return CX_EINVAL;
    _reset(out, CX_FIT_LINEAR);
    cx_status st = _check_points(year, v, n, 2, 0);
    if (st == CX_OK)
        st = _ols(year, v, n, &out->a, &out->b);
    if (st == CX_OK)
        st = _quality(year, v, n, out);
    return st;
}

cx_status cx_fit_exponential(const double *year, const double *v, size_t n, cx_fit *out)
{
    if (!out)
        return CX_EINVAL;
    _reset(out, CX_FIT_EXPONENTIAL);
    cx_status st = _check_points(year, v, n, 2, 1);
    if (st != CX_OK)
        return st;
    double *lv = malloc(n * sizeof *lv);
    if (!lv)
        return CX_ENOMEM;
    for (size_t i = 0; i < n; i++)
        lv[i] = log(v[i]);
    st = _ols(year, lv, n, &out->a, &out->b);
    free(lv);
    if (st == CX_OK)
        st = _quality(year, v, n, out);
    return st;
}

/* ---- logistic ---------------------------------------------------------- */

/* The points, centred on xref so that t0 - xref is of order 1. Parameters
 * are (L, k, t0 - xref) when L is fitted, (k, t0 - xref) when given. */
struct _logistic {
    const double *year, *v;
    size_t n;
    double xref;
    double L;         /* the given saturation, NAN when fitted */
};

static void _params(const struct _logistic *d, const gsl_vector *p,
                    double *L, double *k, double *u0)
{
    size_t i = 0;
    *L = isnan(d->L) ? gsl_vector_get(p, i++) : d->L;
    *k = gsl_vector_get(p, i++);
    *u0 = gsl_vector_get(p, i);
}

static int _logistic_f(const gsl_vector *p, void *data, gsl_vector *f)
{
    const struct _logistic *d = data;
    double L, k, u0;
    _params(d, p, &L, &k, &u0);
    for (size_t i = 0; i < d->n; i++) {
        double g = 1 / (1 + exp(-k * (d->year[i] - d->xref - u0)));
        gsl_vector_set(f, i, L * g - d->v[i]);
    }
    return GSL_SUCCESS;
}

static int _logistic_df(const gsl_vector *p, void *data, gsl_matrix *J)
{
    const struct _logistic *d = data;
    double L, k, u0;
    _params(d, p, &L, &k, &u0);
    size_t c = 0;
    for (size_t i = 0; i < d->n; i++) {
        double u = d->year[i] - d->xref - u0;
        double g = 1 / (1 + exp(-k * u));
        double dg = L * g * (1 - g);          /* d(L g)/d(k u) */
        c = 0;
        if (isnan(d->L))
            gsl_matrix_set(J, i, c++, g);
        gsl_matrix_set(J, i, c++, dg * u);
        gsl_matrix_set(J, i, c, -dg * k);
    }
    return GSL_SUCCESS;
}

/* k and u0 from the logit line ln(v / (L - v)) = k (x - xref) - k u0, and
 * the sum of squared residuals of that start; values at or above L are
 * taken just below it. */
static double _start_for(const struct _logistic *d, double L, double *k, double *u0)
{
    double *x = malloc(d->n * sizeof *x), *z = malloc(d->n * sizeof *z);
    double ss = INFINITY;
    if (x && z) {
        for (size_t i = 0; i < d->n; i++) {
            double y = d->v[i] < 0.999 * L ? d->v[i] : 0.999 * L;
            x[i] = d->year[i] - d->xref;
            z[i] = log(y / (L - y));
        }
        double c0, c1;
        if (_ols(x, z, d->n, &c0, &c1) == CX_OK && c1 != 0) {
            *k = c1;
            *u0 = -c0 / c1;
            ss = 0;
            for (size_t i = 0; i < d->n; i++) {
                double e = L / (1 + exp(-*k * (x[i] - *u0))) - d->v[i];
                ss += e * e;
            }
            ss = isfinite(ss) ? ss : INFINITY;
        }
    }
    free(x);
    free(z);
    return ss;
}

/* Start values: the logit line through the data for the given L, or for
 * the best of a few candidate saturations above the largest value. */
static void _start(const struct _logistic *d, gsl_vector *p0)
{
    static const double tries[] = {1.02, 1.1, 1.25, 1.5, 2, 3, 5};
    double vmax = d->v[0];
    for (size_t i = 1; i < d->n; i++)
        vmax = d->v[i] > vmax ? d->v[i] : vmax;
    double best = INFINITY, L = isnan(d->L) ? 1.5 * vmax : d->L, k = 0.5, u0 = 0;
    size_t ntries = isnan(d->L) ? sizeof tries / sizeof tries[0] : 1;
    for (size_t i = 0; i < ntries; i++) {
        double Li = isnan(d->L) ? tries[i] * vmax : d->L, ki = k, ui = u0;
        double ss = _start_for(d, Li, &ki, &ui);
        if (ss < best) {
            best = ss;
            L = Li;
            k = ki;
            u0 = ui;
        }
    }
    size_t c = 0;
    if (isnan(d->L))
        gsl_vector_set(p0, c++, L);
    gsl_vector_set(p0, c++, k);
    gsl_vector_set(p0, c, u0);
}

static cx_status _solve(struct _logistic *d, size_t np, cx_fit *out)
{
    gsl_multifit_nlinear_fdf fdf = {.f = _logistic_f, .df = _logistic_df,
                                    .n = d->n, .p = np, .params = d};
    gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_workspace *w =
        gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, d->n, np);
    gsl_vector *p0 = gsl_vector_alloc(np);
    cx_status st = w && p0 ? CX_OK : CX_ENOMEM;
    int info = 0;
    if (st == CX_OK) {
        _start(d, p0);
        if (gsl_multifit_nlinear_init(p0, &fdf, w))
            st = CX_EDOMAIN;
    }
    if (st == CX_OK) {
        int rc = gsl_multifit_nlinear_driver(500, 1e-14, 1e-14, 0, NULL, NULL, &info, w);
        if (rc != GSL_SUCCESS && rc != GSL_ENOPROG)
            st = CX_EDOMAIN;
    }
    if (st == CX_OK) {
        double L, k, u0;
        _params(d, gsl_multifit_nlinear_position(w), &L, &k, &u0);
        out->saturation = L;
        out->k = k;
        out->t0 = d->xref + u0;
        if (!isfinite(L) || L <= 0 || !isfinite(k) || !isfinite(out->t0))
            st = CX_EDOMAIN;
    }
    gsl_vector_free(p0);
    gsl_multifit_nlinear_free(w);
    return st;
}

cx_status cx_fit_logistic(const double *year, const double *v, size_t n,
                          double saturation, cx_fit *out)
{
    if (!out)
        return CX_EINVAL;
    _reset(out, CX_FIT_LOGISTIC);
    int given = !isnan(saturation);
    if (given && (!isfinite(saturation) || saturation <= 0))
        return CX_EINVAL;
    cx_status st = _check_points(year, v, n, cx_fit_min_points(CX_FIT_LOGISTIC, given), 1);
    if (st != CX_OK)
        return st;
    struct _logistic d = {.year = year, .v = v, .n = n, .L = saturation};
    for (size_t i = 0; i < n; i++)
        d.xref += year[i] / (double)n;
    out->saturation_fitted = !given;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    st = _solve(&d, given ? 2 : 3, out);
    gsl_set_error_handler(old);
    if (st == CX_OK)
        st = _quality(year, v, n, out);
    return st;
}
