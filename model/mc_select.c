/*
 * mc_select.c - exact order statistics for the Monte Carlo percentiles
 * (cx_mc_select, mc.h): quickselect, and for large arrays a bracketed
 * selection that needs one pass over the values.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "mc_priv.h"

/* ---- quickselect ------------------------------------------------------- */

static double _median3(double a, double b, double c)
{
    if (a < b)
        return b < c ? b : (a < c ? c : a);
    return a < c ? a : (b < c ? c : b);
}

static void _insertion(double *x, size_t lo, size_t hi)
{
    for (size_t i = lo + 1; i < hi; i++) {
        double v = x[i];
        size_t j = i;
        while (j > lo && x[j - 1] > v) {
            x[j] = x[j - 1];
            j--;
        }
        x[j] = v;
    }
}

/* Hoare's partition of [lo, hi) around a median of three (equal keys
 * split evenly): everything before the returned index is <= everything
 * from it on. hi - lo > 2. */
static size_t _partition(double *x, size_t lo, size_t hi)
{
    double piv = _median3(x[lo], x[lo + (hi - lo) / 2], x[hi - 1]);
    ptrdiff_t i = (ptrdiff_t)lo - 1, j = (ptrdiff_t)hi;
    for (;;) {
        do i++; while (x[i] < piv);
        do j--; while (x[j] > piv);
        if (i >= j)
            return (size_t)j + 1;
        double t = x[i];
        x[i] = x[j];
        x[j] = t;
    }
}

/* Ranks r[0..nr) (ascending) into place inside [lo, hi): the left part
 * by recursion, the right one by the loop. */
static void _select(double *x, size_t lo, size_t hi, const size_t *r, size_t nr)
{
    while (nr > 0 && hi - lo > 24) {
        size_t mid = _partition(x, lo, hi), nl = 0;
        while (nl < nr && r[nl] < mid)
            nl++;
        _select(x, lo, mid, r, nl);
        r += nl;
        nr -= nl;
        lo = mid;
    }
    if (nr > 0)
        _insertion(x, lo, hi);
}

void cxi_mc_sort(double *x, size_t n)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 24) {
        size_t mid = _partition(x, lo, hi);
        if (mid - lo < hi - mid) {
            cxi_mc_sort(x + lo, mid - lo);
            lo = mid;
        } else {
            cxi_mc_sort(x + mid, hi - mid);
            hi = mid;
        }
    }
    _insertion(x, lo, hi);
}

/* ---- bracketed selection ------------------------------------------------
 * For large arrays: sort an evenly spaced sample, bracket each rank between
 * two sample values, count what lies below each bracket and copy what lies
 * inside in one pass, then select within the small brackets. When a rank
 * falls outside its bracket (or a bracket overflows), fall back to
 * quickselect over the whole array. Either way the values are the order
 * statistics a full sort gives. */

#define SAMPLE 8192
#define MARGIN 160               /* > 3.5 standard errors of a sample rank */
#define MAXW (2 * (CX_MC_MAX_LEVELS + 5))
#define GROUP 5                  /* brackets filled per pass */
#define CHUNK 4096               /* values between two room checks */

typedef struct _win {
    double lo, hi;                /* values lo <= x <= hi are copied */
    size_t below, n, cap;
    double *v;
} _win;

/* Windows for the ranks; *nw of them; rank i uses window w_of[i]. */
static int _windows(const double *x, size_t n, const size_t *r, size_t nr,
                    _win *w, size_t *nw, size_t *w_of)
{
    double *smp = malloc(SAMPLE * sizeof *smp);
    if (!smp)
        return -1;
    for (size_t i = 0; i < SAMPLE; i++)
        smp[i] = x[(size_t)(((unsigned long long)i * n) / SAMPLE)];
    cxi_mc_sort(smp, SAMPLE);
    *nw = 0;
    for (size_t i = 0; i < nr; i++) {
        long p = (long)(((unsigned long long)r[i] * SAMPLE) / n);
        double lo = p - MARGIN < 0 ? -INFINITY : smp[p - MARGIN];
        double hi = p + MARGIN >= SAMPLE ? INFINITY : smp[p + MARGIN];
        if (*nw && w[*nw - 1].hi >= lo) {
            w[*nw - 1].hi = hi;           /* overlapping: widen the last */
        } else {
            w[*nw] = (_win){.lo = lo, .hi = hi};
            (*nw)++;
        }
        w_of[i] = *nw - 1;
    }
    free(smp);
    return 0;
}

/* One value against one bracket, without a branch: counted below, or
 * written at the bracket's end and kept (the count moves) when inside. */
static inline void _keep(double v, double lo, double hi, double *buf, size_t *n,
                         size_t *below)
{
    *below += v < lo;
    buf[*n] = v;
    *n += (v >= lo) & (v <= hi);
}

/* Up to GROUP brackets in one pass; unused ones keep nothing. */
static int _collect_group(const double *x, size_t n, _win *w, size_t nw)
{
    double lo[GROUP], hi[GROUP], spare[GROUP], *buf[GROUP];
    size_t cnt[GROUP] = {0}, below[GROUP] = {0};
    for (size_t k = 0; k < GROUP; k++) {
        lo[k] = k < nw ? w[k].lo : INFINITY;
        hi[k] = k < nw ? w[k].hi : -INFINITY;
        buf[k] = k < nw ? w[k].v : &spare[k];
    }
    for (size_t i0 = 0; i0 < n; i0 += CHUNK) {
        size_t e = i0 + CHUNK < n ? i0 + CHUNK : n;
        for (size_t k = 0; k < nw; k++)
            if (cnt[k] + (e - i0) > w[k].cap)
                return -1;
        for (size_t i = i0; i < e; i++) {
            double v = x[i];
            _keep(v, lo[0], hi[0], buf[0], &cnt[0], &below[0]);
            _keep(v, lo[1], hi[1], buf[1], &cnt[1], &below[1]);
            _keep(v, lo[2], hi[2], buf[2], &cnt[2], &below[2]);
            _keep(v, lo[3], hi[3], buf[3], &cnt[3], &below[3]);
            _keep(v, lo[4], hi[4], buf[4], &cnt[4], &below[4]);
        }
    }
    for (size_t k = 0; k < nw; k++) {
        w[k].n = cnt[k];
        w[k].below = below[k];
    }
    return 0;
}

static int _collect(const double *x, size_t n, _win *w, size_t nw)
{
    for (size_t k = 0; k < nw; k++) {
        w[k].cap = n / 8 + CHUNK;
        w[k].v = malloc(w[k].cap * sizeof *w[k].v);
        if (!w[k].v)
            return -1;
    }
    for (size_t k = 0; k < nw; k += GROUP)
        if (_collect_group(x, n, w + k, nw - k < GROUP ? nw - k : GROUP))
            return -1;
    return 0;
}

/* 0 when every rank was found inside its window. */
static int _bracketed(const double *x, size_t n, const size_t *r, size_t nr,
                      double *out)
{
    _win w[MAXW];
    size_t nw = 0, w_of[MAXW];
    memset(w, 0, sizeof w);
    int rc = nr > MAXW || _windows(x, n, r, nr, w, &nw, w_of) || _collect(x, n, w, nw);
    for (size_t i = 0; !rc && i < nr; i++) {
        _win *k = &w[w_of[i]];
        if (r[i] < k->below || r[i] >= k->below + k->n) {
            rc = -1;
            break;
        }
        size_t local = r[i] - k->below;
        _select(k->v, 0, k->n, &local, 1);
        out[i] = k->v[local];
    }
    for (size_t k = 0; k < nw; k++)
        free(w[k].v);
    return rc;
}

void cx_mc_select(double *x, size_t n, const size_t *ranks, size_t nr, double *out)
{
    if (!x || !n || !ranks || !nr)
        return;
    if (n >= 65536 && _bracketed(x, n, ranks, nr, out) == 0)
        return;
    _select(x, 0, n, ranks, nr);
    for (size_t i = 0; i < nr; i++)
        out[i] = x[ranks[i]];
}

double cx_mc_quantile(const double *x, size_t n, double p)
{
    if (n == 0)
        return NAN;
    double index = p * (double)(n - 1);
    size_t lhs = (size_t)index;
    double delta = index - (double)lhs;
    if (lhs >= n - 1 || x[lhs] == x[lhs + 1])
        return x[lhs < n ? lhs : n - 1];
    return (1 - delta) * x[lhs] + delta * x[lhs + 1];
}
