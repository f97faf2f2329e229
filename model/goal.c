/*
 * goal.c - Brent root finding (GSL) for goal seek.
 */
#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include "goal.h"

#define GOAL_EPS   1e-12
#define GOAL_ITERS 200

const char *cx_goal_kind_name(cx_goal_kind kind)
{
    switch (kind) {
    case CX_G_BREAK_EVEN:   return "break_even";
    case CX_G_PEAK_FUNDING: return "peak_funding";
    default:                return "?";
    }
}

/* fn behind GSL's double f(double, void *): a failure is kept and shows
 * to GSL as NAN (which stops the solver with GSL_EBADFUNC). */
typedef struct _call {
    cx_goal_fn fn;
    void *ctx;
    cx_status st;
} _call;

static double _eval(double x, void *p)
{
    _call *c = p;
    double v = NAN;
    if (c->st != CX_OK)
        return NAN;
    cx_status st = c->fn(x, c->ctx, &v);
    if (st == CX_OK && !isfinite(v))
        st = CX_ERANGE;
    if (st != CX_OK) {
        c->st = st;
        return NAN;
    }
    return v;
}

static cx_status _iterate(gsl_root_fsolver *s, _call *c, double *root,
                          int *iterations)
{
    for (int i = 1; i <= GOAL_ITERS; i++) {
        int gs = gsl_root_fsolver_iterate(s);
        *iterations = i;
        *root = gsl_root_fsolver_root(s);
        if (c->st != CX_OK)
            return c->st;
        if (gs != GSL_SUCCESS)
            return CX_ERANGE;
        double lo = gsl_root_fsolver_x_lower(s), hi = gsl_root_fsolver_x_upper(s);
        if (gsl_root_test_interval(lo, hi, GOAL_EPS, 0) == GSL_SUCCESS)
            return CX_OK;
    }
    return CX_ERANGE;
}

static cx_status _brent(_call *c, double lo, double hi, double *root,
                        int *iterations)
{
    gsl_function f = {_eval, c};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return CX_ENOMEM;
    cx_status st = CX_ERANGE;
    if (gsl_root_fsolver_set(s, &f, lo, hi) == GSL_SUCCESS)
        st = _iterate(s, c, root, iterations);
    else if (c->st != CX_OK)
        st = c->st;
    gsl_root_fsolver_free(s);
    return st;
}

cx_status cx_goal_brent(cx_goal_fn fn, void *ctx, double lo, double hi,
                        double *root, double *f_lo, double *f_hi,
                        int *iterations)
{
    if (!fn || !root || !f_lo || !f_hi || !iterations || !(lo < hi))
        return CX_EINVAL;
    *root = *f_lo = *f_hi = NAN;
    *iterations = 0;
    _call c = {fn, ctx, CX_OK};
    *f_lo = _eval(lo, &c);
    if (c.st == CX_OK)
        *f_hi = _eval(hi, &c);
    if (c.st != CX_OK)
        return c.st;
    if (*f_lo == 0 || *f_hi == 0) {
        *root = *f_lo == 0 ? lo : hi;
        return CX_OK;
    }
    if ((*f_lo < 0) == (*f_hi < 0))
        return CX_EDOMAIN;
    gsl_error_handler_t *prev = gsl_set_error_handler_off();
    cx_status st = _brent(&c, lo, hi, root, iterations);
    gsl_set_error_handler(prev);
    return st;
}
