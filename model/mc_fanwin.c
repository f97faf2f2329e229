/*
 * mc_fanwin.c - the fan chart's percentiles when its rows would not fit in
 * memory (1,000,000 paths x 120 months is 960 MB): exact order statistics
 * from one pass over the paths without keeping them.
 *
 * The first FW_SAMPLE paths (whole blocks, computed first) are kept for
 * every fan row. Per row, each rank the levels need is bracketed between
 * two of the sample's order statistics FW_SD standard deviations of the
 * sample's count below the rank either side (about 900 sample ranks at
 * P50, 400 at P5); the remaining paths, as their blocks finish,
 * count what lies below each bracket and copy what lies inside (each
 * thread into its own buffer: one block of memory reserved for all its
 * brackets, pages never written costing nothing), and the sample is
 * classified the same way. The buffers are kept as parts until every path
 * is done; each bracket's values are then gathered from the parts and the
 * rank's value selected inside it: the same order statistic a sort of
 * every path gives, whatever the thread count or the order values arrive
 * in. A rank outside its bracket (a rare sample) makes its row go again
 * over every path with a bracket that keeps everything.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "mc_priv.h"

#define FW_SAMPLE (16 * CX_MC_BLOCK)   /* 65,536 paths */
#define FW_SD 7.0                      /* brackets' half-width in standard deviations */
#define FW_MIN_MARGIN 64               /* ... and in sample ranks at least */
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
    fw->margin = (long)margin;     /* 0: by each rank's standard deviation */
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

static void _drop_parts(cxi_mc_fanwin *fw)
{
    for (size_t i = 0; i < fw->nparts; i++)
        cxi_mc_fw_drop(fw->parts[i]);
    free(fw->parts);
    fw->parts = NULL;
    fw->nparts = 0;
}

void cxi_mc_fw_release(cxi_mc_fanwin *fw)
{
    _drop_parts(fw);
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

/* Rank i's bracket half-width in sample ranks: the one asked, else FW_SD
 * standard deviations of the sample's count below the rank's value
 * (binomial: sqrt(m q (1 - q)), q = rank / paths; the sample is part of
 * the paths, so the true spread is smaller), at least FW_MIN_MARGIN. */
static long _margin(const cxi_mc_fanwin *fw, size_t i, size_t m)
{
    if (fw->margin)
        return fw->margin;
    double q = (double)fw->ranks[i] / (double)fw->paths;
    long d = (long)ceil(FW_SD * sqrt((double)m * q * (1 - q)));
    return d > FW_MIN_MARGIN ? d : FW_MIN_MARGIN;
}

/* The sample ranks the brackets' ends need (k -/+ margin inside the
 * sample), ascending and unique; their count. */
static size_t _ends(const cxi_mc_fanwin *fw, size_t m, size_t *e)
{
    size_t ne = 0;
    for (size_t i = 0; i < fw->nr; i++) {
        long k = _at(fw, i, m), d = _margin(fw, i, m), end[2] = {k - d, k + d};
        for (int j = 0; j < 2; j++)
            if (end[j] >= 0 && end[j] < (long)m && (!ne || e[ne - 1] < (size_t)end[j]))
                e[ne++] = (size_t)end[j];
    }
    return ne;
}

/* Bracket i's ends from the sample's order statistics (open past it),
 * and the share of paths it should hold. */
static void _ends_of(const cxi_mc_fanwin *fw, size_t i, size_t m, const size_t *e,
                     const double *ev, size_t ne, cxi_mc_fw_win *x)
{
    long k = _at(fw, i, m), d = _margin(fw, i, m);
    x->lo = -INFINITY;
    x->hi = INFINITY;
    for (size_t j = 0; j < ne; j++) {
        if ((long)e[j] == k - d)
            x->lo = ev[j];
        if ((long)e[j] == k + d)
            x->hi = ev[j];
    }
    double a = k - d < 0 ? 0 : (double)(k - d);
    double b = k + d >= (long)m ? (double)m : (double)(k + d);
    x->frac = (b - a) / (double)m;
}

/* Row r's brackets from its sample smp[m] (permuted); overlapping ones
 * merged. */
static void _row_windows(cxi_mc_fanwin *fw, size_t r, double *smp, size_t m)
{
    size_t e[2 * FW_MAXW], ne = _ends(fw, m, e), nw = 0;
    double ev[2 * FW_MAXW];
    cx_mc_select(smp, m, e, ne, ev);
    cxi_mc_fw_win *w = fw->win + r * FW_MAXW;
    for (size_t i = 0; i < fw->nr; i++) {
        cxi_mc_fw_win x = {0};
        _ends_of(fw, i, m, e, ev, ne, &x);
        if (nw && w[nw - 1].hi >= x.lo) {
            w[nw - 1].hi = x.hi;
            w[nw - 1].frac += x.frac;
        } else {
            w[nw++] = x;
        }
        fw->w_of[r * fw->nr + i] = nw - 1;
    }
    fw->nw[r] = nw;
}

/* The rows' brackets, a row a call (cxi_mc_par). */
typedef struct _win_job {
    cxi_mc_fanwin *fw;
    double *const *rows;
    size_t m;
    unsigned char *failed;    /* [rows] */
} _win_job;

static void _windows_of(void *ctx, size_t r)
{
    _win_job *j = ctx;
    double *smp = malloc(j->m * sizeof *smp);
    if (!smp) {
        j->failed[r] = 1;
        return;
    }
    memcpy(smp, j->rows[r], j->m * sizeof *smp);
    _row_windows(j->fw, r, smp, j->m);
    j->fw->active[r] = 1;
    free(smp);
}

cx_status cxi_mc_fw_windows(cxi_mc_fanwin *fw, double *const *rows, size_t m, int threads)
{
    _win_job j = {.fw = fw, .rows = rows, .m = m, .failed = calloc(fw->rows ? fw->rows : 1, 1)};
    if (!j.failed)
        return CX_ENOMEM;
    cxi_mc_par(fw->rows, threads, _windows_of, &j);
    cx_status st = memchr(j.failed, 1, fw->rows) ? CX_ENOMEM : CX_OK;
    free(j.failed);
    return st;
}

/* Room for n more values in w: past its reserved room, its own block. */
static int _room(cxi_mc_fw_win *w, size_t n)
{
    if (w->cap - w->n >= n)
        return 0;
    size_t cap = 2 * (w->n + n) + 1024;
    double *x = malloc(cap * sizeof *x);
    if (!x)
        return -1;
    if (w->n)
        memcpy(x, w->v, w->n * sizeof *x);
    if (w->owned)
        free(w->v);
    w->v = x;
    w->cap = cap;
    w->ready = 0;
    w->owned = 1;
    return 0;
}

#define FW_CHUNK 1024   /* values (8 KiB) made present beyond the need */

/* The values of a block bracket w is expected to receive (its share and
 * half as much again) present before they are written, in one call rather
 * than a page fault a page (a third of the run's system time was those
 * faults). A bracket that receives more faults in the rest as before;
 * one that receives fewer leaves at most a chunk present unused. */
static void _ready(cxi_mc_fw_win *w, double frac, size_t n)
{
    size_t need = w->n + (size_t)(frac * 1.5 * (double)n) + 64;
    if (need <= w->ready)
        return;
    size_t to = need + FW_CHUNK < w->cap ? need + FW_CHUNK : w->cap;
    if (to > w->ready)
        cxi_mc_prefault(w->v + w->ready, (to - w->ready) * sizeof *w->v);
    w->ready = to;
}

/* One pass over x without branches on the data: k = the number of
 * brackets whose lo is <= v (they are sorted and apart) counts v in
 * cnt[k]; v is written after bracket k - 1's values and kept (its count
 * moves) when v <= its hi. cnt[0] is what lies under bracket 0, cnt[k]
 * what lies from bracket k - 1's lo to the next lo: cxi_mc_fw_finish
 * turns them into what lies below each bracket. */
int cxi_mc_fw_keep(const cxi_mc_fanwin *fw, cxi_mc_fw_buf *mine, size_t r,
                   const double *x, size_t n)
{
    if (!fw->active[r])
        return 0;
    const cxi_mc_fw_win *w = fw->win + r * FW_MAXW;
    cxi_mc_fw_win *out = mine->win + r * FW_MAXW;
    size_t nw = fw->nw[r], cnt[FW_MAXW + 1] = {0}, nn[FW_MAXW + 1];
    double lo[FW_MAXW], hi[FW_MAXW + 1], spare, *buf[FW_MAXW + 1];
    buf[0] = &spare;              /* k = 0: written nowhere that matters */
    nn[0] = 0;
    hi[0] = -INFINITY;
    for (size_t k = 0; k < nw; k++) {
        if (_room(&out[k], n))
            return -1;
        _ready(&out[k], w[k].frac, n);
        lo[k] = w[k].lo;
        hi[k + 1] = w[k].hi;
        buf[k + 1] = out[k].v;
        nn[k + 1] = out[k].n;
    }
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        size_t k = 0;
        for (size_t j = 0; j < nw; j++)
            k += v >= lo[j];
        cnt[k]++;
        buf[k][nn[k]] = v;
        nn[k] += (k > 0) & (v <= hi[k]);
    }
    out[0].below += cnt[0];
    for (size_t k = 0; k < nw; k++) {
        out[k].pos += cnt[k + 1];
        out[k].n = nn[k + 1];
    }
    return 0;
}

/* A buffer's room: each active bracket its share of the paths and a
 * quarter more, in one block. */
static int _reserve(const cxi_mc_fanwin *fw, cxi_mc_fw_buf *b)
{
    size_t total = 0;
    for (size_t r = 0; r < fw->rows; r++)
        for (size_t k = 0; fw->active[r] && k < fw->nw[r]; k++)
            total += (size_t)(fw->win[r * FW_MAXW + k].frac * 1.25 * (double)fw->paths) + 64;
    b->arena = malloc((total ? total : 1) * sizeof *b->arena);
    if (!b->arena)
        return -1;
    double *at = b->arena;
    for (size_t r = 0; r < fw->rows; r++)
        for (size_t k = 0; fw->active[r] && k < fw->nw[r]; k++) {
            cxi_mc_fw_win *x = &b->win[r * FW_MAXW + k];
            x->v = at;
            x->cap = (size_t)(fw->win[r * FW_MAXW + k].frac * 1.25 * (double)fw->paths) + 64;
            at += x->cap;
        }
    return 0;
}

cxi_mc_fw_buf *cxi_mc_fw_local(const cxi_mc_fanwin *fw)
{
    cxi_mc_fw_buf *b = calloc(1, sizeof *b);
    if (b) {
        b->n = fw->rows * FW_MAXW;
        b->win = calloc(b->n, sizeof *b->win);
    }
    if (!b || !b->win || _reserve(fw, b)) {
        cxi_mc_fw_drop(b);
        return NULL;
    }
    return b;
}

void cxi_mc_fw_drop(cxi_mc_fw_buf *b)
{
    if (!b)
        return;
    for (size_t i = 0; b->win && i < b->n; i++)
        if (b->win[i].owned)
            free(b->win[i].v);
    free(b->arena);
    free(b->win);
    free(b);
}

int cxi_mc_fw_merge(cxi_mc_fanwin *fw, cxi_mc_fw_buf *mine)
{
    cxi_mc_fw_buf **p = realloc(fw->parts, (fw->nparts + 1) * sizeof *p);
    if (!p) {
        cxi_mc_fw_drop(mine);
        return -1;
    }
    fw->parts = p;
    fw->parts[fw->nparts++] = mine;
    for (size_t i = 0; i < fw->rows * FW_MAXW; i++) {
        fw->win[i].below += mine->win[i].below;
        fw->win[i].pos += mine->win[i].pos;
    }
    return 0;
}

/* Bracket i of the run: every part's values into one array (*n of them),
 * NULL when they are none. */
static double *_gather(const cxi_mc_fanwin *fw, size_t i, size_t *n)
{
    *n = 0;
    for (size_t k = 0; k < fw->nparts; k++)
        *n += fw->parts[k]->win[i].n;
    double *v = *n ? malloc(*n * sizeof *v) : NULL;
    if (v)
        cxi_mc_prefault(v, *n * sizeof *v);
    for (size_t k = 0, at = 0; v && k < fw->nparts; k++) {
        const cxi_mc_fw_win *w = &fw->parts[k]->win[i];
        if (w->n)
            memcpy(v + at, w->v, w->n * sizeof *v);
        at += w->n;
    }
    return v;
}

/* Row r's ranks from their brackets, all ranks of a bracket in one
 * selection: 0, 1 when one fell outside its bracket, -1 out of memory. */
static int _pick(cxi_mc_fanwin *fw, size_t r)
{
    size_t local[FW_MAXW];
    double out[FW_MAXW];
    for (size_t i = 0; i < fw->nr;) {
        size_t k = fw->w_of[r * fw->nr + i], j = i, n;
        const cxi_mc_fw_win *w = &fw->win[r * FW_MAXW + k];
        for (; j < fw->nr && fw->w_of[r * fw->nr + j] == k; j++) {
            if (fw->ranks[j] < w->below || fw->ranks[j] >= w->below + w->n)
                return 1;
            local[j - i] = fw->ranks[j] - w->below;
        }
        double *v = _gather(fw, r * FW_MAXW + k, &n);
        if (!v)
            return -1;
        cx_mc_select(v, n, local, j - i, out);
        free(v);
        memcpy(fw->vals + r * fw->nr + i, out, (j - i) * sizeof *out);
        i = j;
    }
    return 0;
}

/* Row r's counts into what lies below each bracket, and how many values
 * the parts hold inside it. */
static void _counts(cxi_mc_fanwin *fw, size_t r)
{
    cxi_mc_fw_win *w = fw->win + r * FW_MAXW;
    size_t below = w[0].below;
    for (size_t k = 0; k < fw->nw[r]; k++) {
        w[k].below = below;
        below += w[k].pos;
        w[k].n = 0;
        for (size_t p = 0; p < fw->nparts; p++)
            w[k].n += fw->parts[p]->win[r * FW_MAXW + k].n;
    }
}

/* A row whose rank fell outside: one bracket that keeps every value. */
static void _widen(cxi_mc_fanwin *fw, size_t r)
{
    cxi_mc_fw_win *w = fw->win + r * FW_MAXW;
    memset(w, 0, FW_MAXW * sizeof *w);
    w[0] = (cxi_mc_fw_win){.lo = -INFINITY, .hi = INFINITY, .frac = 1};
    fw->nw[r] = 1;
    for (size_t i = 0; i < fw->nr; i++)
        fw->w_of[r * fw->nr + i] = 0;
}

/* Row r's ranks (cxi_mc_par): rc[r] 0 done, 1 a rank fell outside its
 * bracket, -1 out of memory. */
typedef struct _finish_job {
    cxi_mc_fanwin *fw;
    signed char *rc;
} _finish_job;

static void _finish_row(void *ctx, size_t r)
{
    _finish_job *j = ctx;
    if (!j->fw->active[r])
        return;
    _counts(j->fw, r);
    j->rc[r] = (signed char)_pick(j->fw, r);
}

long cxi_mc_fw_finish(cxi_mc_fanwin *fw, int threads)
{
    long again = 0;
    _finish_job j = {.fw = fw, .rc = calloc(fw->rows ? fw->rows : 1, 1)};
    if (!j.rc) {
        _drop_parts(fw);
        return -1;
    }
    cxi_mc_par(fw->rows, threads, _finish_row, &j);
    for (size_t r = 0; r < fw->rows && again >= 0; r++) {
        if (!fw->active[r])
            continue;
        if (j.rc[r] < 0) {
            again = -1;
        } else if (j.rc[r]) {
            _widen(fw, r);
            again++;
        } else {
            fw->active[r] = 0;
        }
    }
    free(j.rc);
    _drop_parts(fw);
    return again;
}
