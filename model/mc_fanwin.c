/*
 * mc_fanwin.c - the fan chart's percentiles when its rows would not fit in
 * memory (1,000,000 paths x 120 months is 960 MB): exact order statistics
 * from one pass over the paths without keeping them.
 *
 * The first FW_SAMPLE paths (whole blocks, computed first) are kept for
 * every fan row. Per row, each rank the levels need is bracketed between
 * two of the sample's order statistics FW_MARGIN sample ranks either side (more
 * than five standard errors); the remaining paths, as their blocks finish,
 * count what lies below each bracket and copy what lies inside (each
 * thread into its own buffers), and the sample is classified the same
 * way. The rank's value is then selected inside its bracket: the same
 * order statistic a sort of every path gives, whatever the thread count
 * or the order values arrive in. A rank outside its bracket (a rare
 * sample) makes its row go again over every path with a bracket that
 * keeps everything.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "mc_priv.h"

#define FW_SAMPLE (16 * CX_MC_BLOCK)   /* 65,536 paths */
#define FW_MARGIN 1280                 /* sample ranks: 5 standard errors at P50 */
#ifndef FW_BUDGET
#define FW_BUDGET ((size_t)256 << 20)  /* fan rows past this many bytes: windows */
#endif

int cxi_mc_fw_wanted(const cxi_mc_plan *p, size_t budget)
{
    size_t n = p->paths;
    budget = budget ? budget : FW_BUDGET;
    return n > 4 * FW_SAMPLE && p->fan_rows > 0 && p->fan_rows > budget / sizeof(double) / n;
}

size_t cxi_mc_fw_sample(void)
{
    return FW_SAMPLE;
}

cx_status cxi_mc_fw_init(cxi_mc_fanwin *fw, size_t rows, size_t paths,
                         const double *levels, size_t nq, size_t margin)
{
    memset(fw, 0, sizeof *fw);
    fw->margin = margin ? (long)margin : FW_MARGIN;
    fw->rows = rows;
    fw->paths = paths;
    fw->nr = cxi_mc_ranks(levels, nq, paths, fw->ranks);
    fw->win = calloc(rows * FW_MAXW, sizeof *fw->win);
    fw->nw = calloc(rows, sizeof *fw->nw);
    fw->w_of = calloc(rows * fw->nr, sizeof *fw->w_of);
    fw->active = calloc(rows, 1);
    fw->vals = malloc(rows * fw->nr * sizeof *fw->vals);
    return fw->win && fw->nw && fw->w_of && fw->active && fw->vals ? CX_OK : CX_ENOMEM;
}

static void _free_wins(cxi_mc_fw_win *w, size_t n)
{
    for (size_t i = 0; w && i < n; i++)
        free(w[i].v);
}

void cxi_mc_fw_release(cxi_mc_fanwin *fw)
{
    _free_wins(fw->win, fw->rows * FW_MAXW);
    free(fw->win);
    free(fw->nw);
    free(fw->w_of);
    free(fw->active);
    free(fw->vals);
    memset(fw, 0, sizeof *fw);
}

/* Sample rank k of rank i: where it falls among m sample values. */
static long _at(const cxi_mc_fanwin *fw, size_t i, size_t m)
{
    return (long)(((unsigned long long)fw->ranks[i] * m) / fw->paths);
}

/* The sample ranks the brackets' ends need (k -/+ FW_MARGIN inside the
 * sample), ascending and unique; their count. */
static size_t _ends(const cxi_mc_fanwin *fw, size_t m, size_t *e)
{
    size_t ne = 0;
    for (size_t i = 0; i < fw->nr; i++) {
        long k = _at(fw, i, m), end[2] = {k - fw->margin, k + fw->margin};
        for (int j = 0; j < 2; j++)
            if (end[j] >= 0 && end[j] < (long)m && (!ne || e[ne - 1] < (size_t)end[j]))
                e[ne++] = (size_t)end[j];
    }
    return ne;
}

/* Row r's brackets from its sample smp[m] (permuted): the sample's values
 * at those ranks (an open end past the sample). */
static void _row_windows(cxi_mc_fanwin *fw, size_t r, double *smp, size_t m)
{
    size_t e[2 * FW_MAXW], ne = _ends(fw, m, e), nw = 0;
    double ev[2 * FW_MAXW];
    cx_mc_select(smp, m, e, ne, ev);
    cxi_mc_fw_win *w = fw->win + r * FW_MAXW;
    for (size_t i = 0; i < fw->nr; i++) {
        long k = _at(fw, i, m);
        double lo = -INFINITY, hi = INFINITY;
        for (size_t j = 0; j < ne; j++) {
            if ((long)e[j] == k - fw->margin)
                lo = ev[j];
            if ((long)e[j] == k + fw->margin)
                hi = ev[j];
        }
        double a = k - fw->margin < 0 ? 0 : (double)(k - fw->margin);
        double b = k + fw->margin >= (long)m ? (double)m : (double)(k + fw->margin);
        if (nw && w[nw - 1].hi >= lo) {
            w[nw - 1].hi = hi;
            w[nw - 1].frac = (b - a) / (double)m + w[nw - 1].frac;
        } else {
            w[nw] = (cxi_mc_fw_win){.lo = lo, .hi = hi, .frac = (b - a) / (double)m};
            nw++;
        }
        fw->w_of[r * fw->nr + i] = nw - 1;
    }
    fw->nw[r] = nw;
}

cx_status cxi_mc_fw_windows(cxi_mc_fanwin *fw, double *const *rows, size_t m)
{
    double *smp = malloc(m * sizeof *smp);
    if (!smp)
        return CX_ENOMEM;
    for (size_t r = 0; r < fw->rows; r++) {
        memcpy(smp, rows[r], m * sizeof *smp);
        _row_windows(fw, r, smp, m);
        fw->active[r] = 1;
    }
    free(smp);
    return CX_OK;
}

/* v after w's values; the first push reserves what the bracket's share of
 * every path would hold (pages never written cost no memory). */
static int _push(cxi_mc_fw_win *w, double v, size_t paths)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : (size_t)(w->frac * 1.25 * (double)paths) + 1024;
        double *x = realloc(w->v, cap * sizeof *x);
        if (!x)
            return -1;
        w->v = x;
        w->cap = cap;
    }
    w->v[w->n++] = v;
    return 0;
}

/* One pass over x: k = the number of brackets whose lo is <= v (they are
 * sorted and apart), v kept by bracket k - 1 when v <= its hi; counted in
 * `pos` of bracket k - 1 (or `below` of bracket 0 for k = 0), which
 * cxi_mc_fw_finish turns into what lies below each bracket. */
int cxi_mc_fw_keep(const cxi_mc_fanwin *fw, cxi_mc_fw_win *mine, size_t r,
                   const double *x, size_t n)
{
    if (!fw->active[r])
        return 0;
    const cxi_mc_fw_win *w = fw->win + r * FW_MAXW;
    cxi_mc_fw_win *out = mine + r * FW_MAXW;
    size_t nw = fw->nw[r];
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        size_t k = 0;
        while (k < nw && v >= w[k].lo)
            k++;
        if (k == 0) {
            out[0].below++;
            continue;
        }
        out[k - 1].pos++;
        out[k - 1].frac = w[k - 1].frac;
        if (v <= w[k - 1].hi && _push(&out[k - 1], v, fw->paths))
            return -1;
    }
    return 0;
}

cxi_mc_fw_win *cxi_mc_fw_local(const cxi_mc_fanwin *fw)
{
    return calloc(fw->rows * FW_MAXW, sizeof(cxi_mc_fw_win));
}

/* m's values after w's (one copy; the first merge just takes them). */
static int _append(cxi_mc_fw_win *w, cxi_mc_fw_win *m)
{
    if (!w->v) {
        w->v = m->v;
        w->n = m->n;
        w->cap = m->cap;
        m->v = NULL;
        return 0;
    }
    if (w->n + m->n > w->cap) {
        double *x = realloc(w->v, (w->n + m->n) * sizeof *x);
        if (!x)
            return -1;
        w->v = x;
        w->cap = w->n + m->n;
    }
    if (m->n)
        memcpy(w->v + w->n, m->v, m->n * sizeof *m->v);
    w->n += m->n;
    return 0;
}

int cxi_mc_fw_merge(cxi_mc_fanwin *fw, cxi_mc_fw_win *mine)
{
    int rc = 0;
    for (size_t i = 0; i < fw->rows * FW_MAXW; i++) {
        cxi_mc_fw_win *w = &fw->win[i], *m = &mine[i];
        w->below += m->below;
        w->pos += m->pos;
        if (!rc)
            rc = _append(w, m);
        free(m->v);
    }
    free(mine);
    return rc;
}

/* Row r's ranks from their brackets, all ranks of a bracket in one
 * selection: 0, or -1 when one fell outside its bracket. */
static int _pick(cxi_mc_fanwin *fw, size_t r)
{
    size_t local[FW_MAXW];
    double v[FW_MAXW];
    for (size_t i = 0; i < fw->nr;) {
        size_t k = fw->w_of[r * fw->nr + i], j = i;
        cxi_mc_fw_win *w = &fw->win[r * FW_MAXW + k];
        for (; j < fw->nr && fw->w_of[r * fw->nr + j] == k; j++) {
            if (fw->ranks[j] < w->below || fw->ranks[j] >= w->below + w->n)
                return -1;
            local[j - i] = fw->ranks[j] - w->below;
        }
        cx_mc_select(w->v, w->n, local, j - i, v);
        memcpy(fw->vals + r * fw->nr + i, v, (j - i) * sizeof *v);
        i = j;
    }
    return 0;
}

/* A row whose rank fell outside: one bracket that keeps every value. */
static void _widen(cxi_mc_fanwin *fw, size_t r)
{
    cxi_mc_fw_win *w = fw->win + r * FW_MAXW;
    _free_wins(w, fw->nw[r]);
    memset(w, 0, FW_MAXW * sizeof *w);
    w[0] = (cxi_mc_fw_win){.lo = -INFINITY, .hi = INFINITY};
    fw->nw[r] = 1;
    for (size_t i = 0; i < fw->nr; i++)
        fw->w_of[r * fw->nr + i] = 0;
}

/* Row r's counts per bracket into what lies below each one. */
static void _below(cxi_mc_fanwin *fw, size_t r)
{
    cxi_mc_fw_win *w = fw->win + r * FW_MAXW;
    size_t below = w[0].below;
    for (size_t k = 0; k < fw->nw[r]; k++) {
        w[k].below = below;
        below += w[k].pos;
    }
}

size_t cxi_mc_fw_finish(cxi_mc_fanwin *fw)
{
    size_t again = 0;
    for (size_t r = 0; r < fw->rows; r++) {
        if (!fw->active[r])
            continue;
        _below(fw, r);
        if (_pick(fw, r)) {
            _widen(fw, r);
            again++;
        } else {
            fw->active[r] = 0;
            _free_wins(fw->win + r * FW_MAXW, fw->nw[r]);
            memset(fw->win + r * FW_MAXW, 0, FW_MAXW * sizeof *fw->win);
        }
    }
    return again;
}
