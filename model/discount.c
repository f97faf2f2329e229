/*
 * discount.c - NPV, XNPV, IRR, XIRR (see discount.h).
 *
 * Sums run in the spreadsheets' order so that a workbook formula
 * recalculates to the engine's value: NPV adds f[i]/(1+r)^(i+1) left to
 * right with compensated summation (LibreOffice's KahanSum), XNPV adds
 * f[i]/(1+r)^((d[i]-d[0])/365) left to right.
 *
 * Roots: the function is evaluated over a grid of rates (-99% to 100% in
 * steps of 1%, then to 1000% in steps of 5%); each sign change (or exact
 * zero) is a root. Brent (GSL) refines the chosen bracket.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include "discount.h"
#include "release.h"

/* ---- compensated sum (Neumaier), as LibreOffice's KahanSum ------------ */

typedef struct _ksum {
    double sum, err, mem;
} _ksum;

static void _kadd(_ksum *k, double x)
{
    if (x == 0)
        return;
    if (k->mem == 0) {
        k->mem = x;
        return;
    }
    double t = k->sum + k->mem;
    if (fabs(k->sum) >= fabs(k->mem))
        k->err += (k->sum - t) + k->mem;
    else
        k->err += (k->mem - t) + k->sum;
    k->sum = t;
    k->mem = x;
}

static double _kget(const _ksum *k)
{
    double total = k->sum + k->err;
    if (k->mem == 0)
        return total;
    /* LibreOffice's approxAdd: a sum cancelling to within 2^-48 is 0. */
    if ((k->mem < 0) != (total < 0) && total != 0) {
        double d = fabs(k->mem + total);
        if (d < fabs(k->mem) * 0x1p-48 && d < fabs(total) * 0x1p-48)
            return 0.0;
    }
    return total + k->mem;
}

/* ---- NPV, XNPV ---------------------------------------------------------- */

cx_status cx_npv(double rate, const double *flows, size_t n, double *out)
{
    if (!flows || !out || n == 0 || !(rate > -1) || !isfinite(rate))
        return CX_EINVAL;
    _ksum k = {0, 0, 0};
    for (size_t i = 0; i < n; i++)
        _kadd(&k, flows[i] / pow(1.0 + rate, (double)(i + 1)));
    *out = _kget(&k);
    return isfinite(*out) ? CX_OK : CX_ERANGE;
}

cx_status cx_npv0(double rate, const double *flows, size_t n, double *out)
{
    if (!flows || !out || n == 0 || !(rate > -1) || !isfinite(rate))
        return CX_EINVAL;
    double rest = 0;
    if (n > 1) {
        cx_status st = cx_npv(rate, flows + 1, n - 1, &rest);
        if (st != CX_OK)
            return st;
    }
    *out = flows[0] + rest;
    return isfinite(*out) ? CX_OK : CX_ERANGE;
}

/* XNPV without argument checks: plain sum in order. */
static double _xnpv(double rate, const double *flows, const double *dates, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += flows[i] / pow(rate + 1.0, (dates[i] - dates[0]) / 365.0);
    return sum;
}

cx_status cx_xnpv(double rate, const double *flows, const double *dates,
                  size_t n, double *out)
{
    if (!flows || !dates || !out || n == 0 || !(rate > -1) || !isfinite(rate))
        return CX_EINVAL;
    *out = _xnpv(rate, flows, dates, n);
    return isfinite(*out) ? CX_OK : CX_ERANGE;
}

/* ---- the spreadsheets' iterations --------------------------------------- */

cx_status cx_irr_newton(const double *flows, size_t n, double guess, double *out)
{
    if (!flows || !out || n == 0)
        return CX_EINVAL;
    double x = guess == -1.0 ? 0.1 : guess, eps = 1.0;
    for (int it = 0; eps > 1e-7 && it < 20; it++) {
        _ksum nom = {0, 0, 0}, den = {0, 0, 0};
        for (size_t i = 0; i < n; i++) {
            double c = (double)i;
            _kadd(&nom, flows[i] / pow(1.0 + x, c));
            _kadd(&den, -c * flows[i] / pow(1.0 + x, c + 1.0));
        }
        double xn = x - _kget(&nom) / _kget(&den);
        eps = fabs(xn - x);
        x = xn;
    }
    if (guess == 0.0 && fabs(x) < 1e-7)
        x = 0.0;
    if (!(eps < 1e-7) || !isfinite(x))
        return CX_EDOMAIN;
    *out = x;
    return CX_OK;
}

/* d/dr XNPV, as LibreOffice's lcl_sca_XirrResult_Deriv1. */
static double _xnpv_deriv(double rate, const double *flows, const double *dates, size_t n)
{
    double r = rate + 1.0, sum = 0;
    for (size_t i = 1; i < n; i++) {
        double e = (dates[i] - dates[0]) / 365.0;
        sum -= e * flows[i] / pow(r, e + 1.0);
    }
    return sum;
}

/* XNPV as LibreOffice's lcl_sca_XirrResult: V_0 + the discounted rest. */
static double _xirr_value(double rate, const double *flows, const double *dates, size_t n)
{
    double r = rate + 1.0, sum = flows[0];
    for (size_t i = 1; i < n; i++)
        sum += flows[i] / pow(r, (dates[i] - dates[0]) / 365.0);
    return sum;
}

cx_status cx_xirr_newton(const double *flows, const double *dates, size_t n,
                         double guess, double *out)
{
    if (!flows || !dates || !out || n < 2)
        return CX_EINVAL;
    double x = guess, value;
    int more, it = 0;
    do {
        value = _xirr_value(x, flows, dates, n);
        double xn = x - value / _xnpv_deriv(x, flows, dates, n);
        double eps = fabs(xn - x);
        x = xn;
        more = eps > 1e-10 && fabs(value) > 1e-10;
    } while (more && ++it < 50);
    if (more || !isfinite(x) || !isfinite(value))
        return CX_EDOMAIN;
    *out = x;
    return CX_OK;
}

/* ---- roots -------------------------------------------------------------- */

#define GRID_N 380

/* Grid point k: -0.99 .. 0.99 by 0.01 (k < 199), then 1.00 .. 10.00 by 0.05. */
static double _grid(int k)
{
    return k < 199 ? (k - 99) / 100.0 : 1.0 + (k - 199) * 0.05;
}

typedef struct _fn {
    const double *flows, *dates;   /* dates NULL: IRR (t=0 NPV) */
    size_t n;
} _fn;

static double _eval(double r, void *p)
{
    const _fn *f = p;
    if (f->dates)
        return _xnpv(r, f->flows, f->dates, f->n);
    _ksum k = {0, 0, 0};
    for (size_t i = 0; i < f->n; i++)
        _kadd(&k, f->flows[i] / pow(1.0 + r, (double)i));
    return _kget(&k);
}

/* Brackets of the roots over the grid (lo == hi: an exact zero). */
typedef struct _brackets {
    double lo[GRID_N], hi[GRID_N];
    int n;
} _brackets;

static void _scan(_fn *f, _brackets *b)
{
    double prev_r = 0, prev_v = NAN;
    b->n = 0;
    for (int k = 0; k < GRID_N; k++) {
        double r = _grid(k), v = _eval(r, f);
        if (!isfinite(v) || v == 0) {
            if (v == 0) {
                b->lo[b->n] = b->hi[b->n] = r;
                b->n++;
            }
            prev_v = NAN;      /* a gap, or a root already counted */
            continue;
        }
        if (isfinite(prev_v) && (prev_v < 0) != (v < 0)) {
            b->lo[b->n] = prev_r;
            b->hi[b->n] = r;
            b->n++;
        }
        prev_r = r;
        prev_v = v;
    }
}

/* The bracket holding target (a spreadsheet's root), else the one
 * nearest 10%. */
static int _pick(const _brackets *b, double target)
{
    int best = 0;
    double best_d = INFINITY;
    for (int i = 0; i < b->n; i++) {
        if (isfinite(target) && b->lo[i] <= target && target <= b->hi[i])
            return i;
        double d = 0.1 < b->lo[i] ? b->lo[i] - 0.1 : 0.1 > b->hi[i] ? 0.1 - b->hi[i] : 0;
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

static cx_status _brent(_fn *f, double lo, double hi, double *out)
{
    if (lo == hi) {
        *out = lo;
        return CX_OK;
    }
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return CX_ENOMEM;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    gsl_function F = {_eval, f};
    int status = gsl_root_fsolver_set(s, &F, lo, hi);
    for (int it = 0; status == GSL_SUCCESS && it < 300; it++) {
        status = gsl_root_fsolver_iterate(s);
        double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
        if (status == GSL_SUCCESS && gsl_root_test_interval(a, b, DBL_MIN, 1e-15) == GSL_SUCCESS)
            break;
    }
    double r = gsl_root_fsolver_root(s);
    gsl_set_error_handler(old);
    gsl_root_fsolver_free(s);
    if (status != GSL_SUCCESS || !isfinite(r))
        return CX_EDOMAIN;
    *out = r;
    return CX_OK;
}

static cx_status _solve(_fn *f, double target, double *out, int *roots)
{
    _brackets *b = malloc(sizeof *b);
    if (!b)
        return CX_ENOMEM;
    _scan(f, b);
    *out = NAN;
    if (roots)
        *roots = b->n;
    cx_status st = CX_EDOMAIN;
    if (b->n > 0) {
        int i = _pick(b, target);
        st = _brent(f, b->lo[i], b->hi[i], out);
    }
    free(b);
    return st;
}

cx_status cx_irr(const double *flows, size_t n, double *out, int *roots)
{
    if (!flows || !out || n < 2)
        return CX_EINVAL;
    _fn f = {flows, NULL, n};
    double target;
    if (cx_irr_newton(flows, n, 0.1, &target) != CX_OK)
        target = NAN;
    return _solve(&f, target, out, roots);
}

cx_status cx_xirr(const double *flows, const double *dates, size_t n,
                  double *out, int *roots)
{
    if (!flows || !dates || !out || n < 2)
        return CX_EINVAL;
    _fn f = {flows, dates, n};
    double target;
    if (cx_xirr_newton(flows, dates, n, 0.1, &target) != CX_OK)
        target = NAN;
    return _solve(&f, target, out, roots);
}

/* ---- dates -------------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long _days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

double cx_serial_date(int year, int month, int day)
{
    return (double)(_days_from_civil(year, month, day) - _days_from_civil(1899, 12, 30));
}

void cx_discount_result_release(cx_discount_result *d)
{
    if (d)
        cxi_release(d, sizeof *d, (void *[]){d->flows, d->dates, d->discounted}, 3);
}
