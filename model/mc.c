/*
 * mc.c - cx_mc_run: the paths (mc.h). Each path draws the inputs,
 * recomputes the series they touch and the burn exactly as cx_compute
 * does, and writes its outputs at its own index; threads share out
 * blocks of paths. Streaming (on_block): each block also writes the
 * streamed output's rows into a slot of a small ring, and the calling
 * thread hands the slots to on_block in block order.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include "correlation.h"
#include "mc_priv.h"
#include "mc_rng.h"

typedef struct cxi_mc_stream cxi_mc_stream;

/* One thread's scratch: allocated once, reused by every path. */
typedef struct cxi_mc_work {
    const cxi_mc_plan *p;
    cxi_mc_store *s;
    double *V;                /* [ns * ny] the path's series values */
    double *x, *z, *y;        /* [ninputs], [k], [k] */
    double *net, *cum;        /* [bn] */
    double *sum, *sq, *mn, *mx; /* [ninputs] this block's draws */
    size_t *hits;             /* [ntargets] this block's */
    size_t *years;            /* [3 * (bn + 1)] this block's (store.years) */
    double *blk;              /* [nrows * CX_MC_BLOCK] this block's outputs,
                                 row by row; NULL when none are kept */
    gsl_rng *rng;
    size_t first_block, step;
    int failed;
    cxi_mc_stream *q;             /* streaming: the ring */
    double *slot;             /* this block's rows, or NULL */
    cxi_mc_fx fx;             /* derived series' scratch */
    cxi_mc_fw_buf *fwl;       /* this thread's brackets (s->fw), merged by
                                 _simulate after the pass */
    double *tile;             /* [MC_TILE * fan values] the last paths' fan
                                 values, path by path, until _tile_put */
    size_t tile_n, tile_at;   /* paths in it; the first one's place in blk */
} cxi_mc_work;

/* Paths whose fan values are gathered before they go into the block's
 * rows: eight doubles, one cache line of each row at a time, rather than
 * a path's 120 values each a row (32 KiB) apart. */
#define MC_TILE 8

/* ---- one path ---------------------------------------------------------- */

static void _draw(cxi_mc_work *w)
{
    const cx_uncertainty *u = w->p->u;
    for (size_t i = 0; i < u->k; i++)
        w->z[i] = gsl_ran_gaussian_ziggurat(w->rng, 1.0);
    if (u->k)
        cx_corr_apply(u->chol, u->k, w->z, w->y);
    for (size_t i = 0; i < u->ninputs; i++) {
        size_t row = w->p->corr_row[i];
        const cx_dist *d = &u->inputs[i].dist;
        w->x[i] = row != MC_NONE ? cx_dist_from_normal(d, w->y[row])
                                 : cx_dist_sample(d, w->rng);
    }
}

/* The draws' sums for the inputs' moments (and the raw inputs). */
static void _input_moments(cxi_mc_work *w, size_t path)
{
    size_t nin = w->p->u->ninputs;
    for (size_t i = 0; i < nin; i++) {
        double x = w->x[i];
        w->sum[i] += x;
        w->sq[i] += x * x;
        w->mn[i] = x < w->mn[i] ? x : w->mn[i];
        w->mx[i] = x > w->mx[i] ? x : w->mx[i];
    }
    if (w->s->inputs)
        memcpy(w->s->inputs + path * nin, w->x, nin * sizeof *w->x);
}

/* The path's burn figures: kept per path, counted by year, targets. */
static void _burn_out(cxi_mc_work *w, size_t path, const cxi_mc_path_out *o)
{
    const cxi_mc_plan *p = w->p;
    cxi_mc_store *s = w->s;
    if (w->blk) {
        double *out = w->blk + path % CX_MC_BLOCK;
        out[s->r_peak * CX_MC_BLOCK] = o->peak;
        if (s->r_npv != MC_NONE)
            out[s->r_npv * CX_MC_BLOCK] = o->npv;
        if (s->r_cum != MC_NONE)      /* else a fan row holds it */
            out[s->r_cum * CX_MC_BLOCK] = o->through;
    }
    if (s->be) {
        s->be[path] = o->be;
        s->pb[path] = o->pb;
        s->ro[path] = o->ro;
    }
    size_t n1 = p->bn + 1;
    w->years[o->be ? (size_t)(o->be - p->first_year) : p->bn]++;
    w->years[n1 + (o->pb ? (size_t)(o->pb - p->first_year) : p->bn)]++;
    w->years[2 * n1 + (o->ro ? (size_t)(o->ro - p->first_year) : p->bn)]++;
    for (size_t t = 0; t < p->u->ntargets; t++)
        w->hits[t] += (size_t)cxi_mc_target_met(p, &p->u->targets[t], o);
}

/* The path's values of a fan or stream entry from year index t0 on. */
static const double *_entry(const cxi_mc_plan *p, const cxi_mc_work *w, size_t e, int t0)
{
    return e == CX_FAN_NET ? w->net : e == CX_FAN_CUMULATIVE ? w->cum
         : w->V + e * p->ny + (size_t)t0;
}

/* The tile's paths into the block's fan rows: row by row, path by path. */
static void _tile_put(const cxi_mc_plan *p, cxi_mc_work *w)
{
    size_t fv = p->fan_rows, at = 0;
    for (size_t f = 0; f < p->nfan; f++) {
        for (size_t i = 0; i < p->fan_n[f]; i++, at++) {
            double *dst = w->blk + (p->fan_off[f] + i) * CX_MC_BLOCK + w->tile_at;
            for (size_t j = 0; j < w->tile_n; j++)
                dst[j] = w->tile[j * fv + at];
        }
    }
    w->tile_n = 0;
}

static void _fan(const cxi_mc_plan *p, cxi_mc_work *w, size_t path)
{
    if (!w->blk || !p->nfan)
        return;
    if (w->tile_n == 0)
        w->tile_at = path % CX_MC_BLOCK;
    double *dst = w->tile + w->tile_n * p->fan_rows;
    for (size_t f = 0; f < p->nfan; f++) {
        memcpy(dst, _entry(p, w, p->fan_entry[f], p->fan_t0[f]), p->fan_n[f] * sizeof *dst);
        dst += p->fan_n[f];
    }
    if (++w->tile_n == MC_TILE)
        _tile_put(p, w);
}

/* The path's row of the streamed output, into the block's slot. */
static void _stream_row(const cxi_mc_plan *p, cxi_mc_work *w, size_t path)
{
    if (!w->slot)
        return;
    const double *src = _entry(p, w, p->stream_entry, p->stream_t0);
    double *dst = w->slot + (path % CX_MC_BLOCK) * p->stream_n;
    memcpy(dst, src, p->stream_n * sizeof *dst);
}

/* One path: draw, run the plan's steps, the burn, the outputs. */
static void _path(cxi_mc_work *w, size_t path)
{
    const cxi_mc_plan *p = w->p;
    _draw(w);
    _input_moments(w, path);
    cxi_mc_ops_run(p, w->V, w->x, &w->fx);
    if (p->burn) {
        cxi_mc_path_out o;
        cxi_mc_burn(p, w->V, w->net, w->cum, &o);
        _burn_out(w, path, &o);
    }
    _fan(p, w, path);
    _stream_row(p, w, path);
}

/* ---- threads ----------------------------------------------------------- */

/* The block's sums into the store (each block its own slots). */
static void _flush(cxi_mc_work *w, size_t b)
{
    const cx_uncertainty *u = w->p->u;
    cxi_mc_store *s = w->s;
    for (size_t i = 0; i < u->ninputs; i++) {
        size_t j = b * u->ninputs + i;
        s->insum[j] = w->sum[i];
        s->insq[j] = w->sq[i];
        s->inmin[j] = w->mn[i];
        s->inmax[j] = w->mx[i];
    }
    for (size_t t = 0; t < u->ntargets; t++)
        s->hits[b * u->ntargets + t] = w->hits[t];
    size_t ny = 3 * (w->p->bn + 1);
    memcpy(s->years + b * ny, w->years, ny * sizeof *w->years);
    if (!w->blk)
        return;
    size_t first = b * CX_MC_BLOCK, n = w->p->paths - first;
    n = n < CX_MC_BLOCK ? n : CX_MC_BLOCK;
    for (size_t r = 0; r < s->nrows; r++) {
        const double *x = w->blk + r * CX_MC_BLOCK;
        s->mom[b * s->nrows + r] = cxi_mc_block_moments(x, n);
        if (s->fw && r < w->p->fan_rows && s->fw_pass > 0) {
            if (cxi_mc_fw_keep(s->fw, w->fwl, r, x, n))
                w->failed = 1;
        } else {
            memcpy(s->rows[r] + first, x, n * sizeof *x);
        }
    }
}

static void _block(cxi_mc_work *w, size_t b)
{
    const cxi_mc_plan *p = w->p;
    for (size_t i = 0; i < p->u->ninputs; i++) {
        w->sum[i] = w->sq[i] = 0;
        w->mn[i] = INFINITY;
        w->mx[i] = -INFINITY;
    }
    for (size_t t = 0; t < p->u->ntargets; t++)
        w->hits[t] = 0;
    memset(w->years, 0, 3 * (p->bn + 1) * sizeof *w->years);
    cx_rng_philox_seed(w->rng, p->seed, b);
    size_t end = (b + 1) * CX_MC_BLOCK < p->paths ? (b + 1) * CX_MC_BLOCK : p->paths;
    for (size_t path = b * CX_MC_BLOCK; path < end; path++)
        _path(w, path);
    if (w->tile_n)
        _tile_put(p, w);
    _flush(w, b);
}

static int _work_init(cxi_mc_work *w)
{
    const cxi_mc_plan *p = w->p;
    size_t nv = p->nv, k = p->u->k, nin = p->u->ninputs;
    w->V = malloc(nv * sizeof *w->V);
    w->x = malloc((nin ? nin : 1) * sizeof *w->x);
    w->z = malloc((k ? k : 1) * sizeof *w->z);
    w->y = malloc((k ? k : 1) * sizeof *w->y);
    w->net = malloc((p->bn ? p->bn : 1) * sizeof *w->net);
    w->cum = malloc((p->bn ? p->bn : 1) * sizeof *w->cum);
    w->sum = malloc((nin ? nin : 1) * sizeof *w->sum);
    w->sq = malloc((nin ? nin : 1) * sizeof *w->sq);
    w->mn = malloc((nin ? nin : 1) * sizeof *w->mn);
    w->mx = malloc((nin ? nin : 1) * sizeof *w->mx);
    w->hits = malloc((p->u->ntargets ? p->u->ntargets : 1) * sizeof *w->hits);
    w->years = malloc(3 * (p->bn + 1) * sizeof *w->years);
    size_t nr = w->s->nrows ? w->s->nrows : 1;
    if (w->s->rows && !(w->blk = malloc(nr * CX_MC_BLOCK * sizeof *w->blk)))
        return -1;
    if (w->blk && !(w->tile = malloc((p->fan_rows ? p->fan_rows : 1) * MC_TILE *
                                     sizeof *w->tile)))
        return -1;
    if (!w->V || cxi_mc_fx_init(p, &w->fx, w->V))
        return -1;
    if (w->s->fw && w->s->fw_pass > 0 && !(w->fwl = cxi_mc_fw_local(w->s->fw)))
        return -1;
    w->rng = gsl_rng_alloc(cx_rng_philox);
    if (!w->V || !w->x || !w->z || !w->y || !w->net || !w->cum || !w->rng || !w->sum
        || !w->sq || !w->mn || !w->mx || !w->hits || !w->years)
        return -1;
    memcpy(w->V, p->init, nv * sizeof *w->V);
    return 0;
}

static void _work_release(cxi_mc_work *w)
{
    free(w->V);
    free(w->x);
    free(w->z);
    free(w->y);
    free(w->net);
    free(w->cum);
    free(w->sum);
    free(w->sq);
    free(w->mn);
    free(w->mx);
    free(w->hits);
    free(w->years);
    free(w->blk);
    free(w->tile);
    cxi_mc_fx_release(&w->fx);
    if (w->rng)
        gsl_rng_free(w->rng);
}

static void *_worker(void *arg)
{
    cxi_mc_work *w = arg;
    if (_work_init(w)) {
        w->failed = 1;
    } else {
        for (size_t b = w->s->b0 + w->first_block; b < w->s->b1; b += w->step)
            _block(w, b);
    }
    _work_release(w);
    return NULL;
}

/* Blocks s->b0 .. s->b1 - 1 on `threads` threads; this thread's
 * brackets into the store's (any order: selection does not see it). */
static cx_status _simulate(const cxi_mc_plan *p, cxi_mc_store *s, int threads)
{
    size_t nb = s->b1 - s->b0;
    size_t nt = (size_t)threads < nb ? (size_t)threads : nb;
    cxi_mc_work *w = calloc(nt, sizeof *w);
    pthread_t *tid = calloc(nt, sizeof *tid);
    int *started = calloc(nt, sizeof *started);
    cx_status st = w && tid && started ? CX_OK : CX_ENOMEM;
    for (size_t i = 0; st == CX_OK && i < nt; i++) {
        w[i] = (cxi_mc_work){.p = p, .s = s, .first_block = i, .step = nt};
        if (i > 0)
            started[i] = pthread_create(&tid[i], NULL, _worker, &w[i]) == 0;
        if (i > 0 && !started[i])
            st = CX_ENOMEM;
    }
    if (st == CX_OK)
        _worker(&w[0]);
    for (size_t i = 1; started && i < nt; i++)
        if (started[i])
            pthread_join(tid[i], NULL);
    for (size_t i = 0; st == CX_OK && i < nt; i++)
        if (w[i].failed)
            st = CX_ENOMEM;
    for (size_t i = 0; w && i < nt; i++)
        if (w[i].fwl && cxi_mc_fw_merge(s->fw, w[i].fwl) && st == CX_OK)
            st = CX_ENOMEM;
    free(w);
    free(tid);
    free(started);
    return st;
}

/* ---- streaming ---------------------------------------------------------
 * Workers claim blocks in order (next_claim) and compute block b into slot
 * b % nslots once the block nslots before it has been handed over
 * (b < next_emit + nslots); the calling thread waits for block next_emit,
 * hands it to on_block and frees its slot. The worker holding block
 * next_emit never waits, so the ring cannot deadlock. With one thread the
 * calling thread computes and hands over each block in turn. */

struct cxi_mc_stream {
    pthread_mutex_t mu;
    pthread_cond_t ready, freed;
    const cxi_mc_plan *p;
    size_t nslots, slot_size, next_claim, next_emit;
    unsigned char *done;      /* [nslots] */
    double *buf;              /* [nslots * slot_size] */
    int failed, stopped;
};

static double *_slot(const cxi_mc_stream *q, size_t b)
{
    return q->buf + (b % q->nslots) * q->slot_size;
}

/* The next block this worker computes, or nblocks when done. */
static size_t _claim(cxi_mc_stream *q)
{
    pthread_mutex_lock(&q->mu);
    size_t b = q->failed || q->stopped ? q->p->nblocks : q->next_claim;
    if (b < q->p->nblocks)
        q->next_claim++;
    while (b < q->p->nblocks && !q->failed && !q->stopped && b >= q->next_emit + q->nslots)
        pthread_cond_wait(&q->freed, &q->mu);
    if (q->failed || q->stopped)
        b = q->p->nblocks;
    pthread_mutex_unlock(&q->mu);
    return b;
}

static void *_stream_worker(void *arg)
{
    cxi_mc_work *w = arg;
    cxi_mc_stream *q = w->q;
    int failed = _work_init(w);
    for (size_t b; !failed && (b = _claim(q)) < q->p->nblocks;) {
        w->slot = _slot(q, b);
        _block(w, b);
        pthread_mutex_lock(&q->mu);
        q->done[b % q->nslots] = 1;
        pthread_cond_signal(&q->ready);
        pthread_mutex_unlock(&q->mu);
    }
    if (failed) {
        pthread_mutex_lock(&q->mu);
        q->failed = 1;
        pthread_cond_broadcast(&q->ready);
        pthread_cond_broadcast(&q->freed);
        pthread_mutex_unlock(&q->mu);
    }
    _work_release(w);
    return NULL;
}

/* Block b to on_block; 0, or -1 when the run is to stop. */
static int _emit(cxi_mc_stream *q, const cx_mc_options *o, size_t b)
{
    const cxi_mc_plan *p = q->p;
    size_t first = b * CX_MC_BLOCK;
    size_t n = p->paths - first < CX_MC_BLOCK ? p->paths - first : CX_MC_BLOCK;
    if (o->on_block(o->block_ctx, first, n, _slot(q, b)) == 0)
        return 0;
    q->stopped = 1;
    return -1;
}

/* One thread: compute and hand over each block in turn. */
static void _stream_inline(cxi_mc_stream *q, cxi_mc_work *w, const cx_mc_options *o)
{
    if (_work_init(w)) {
        q->failed = 1;
    } else {
        w->slot = q->buf;
        for (size_t b = 0; b < q->p->nblocks; b++) {
            _block(w, b);
            if (_emit(q, o, b))
                break;
        }
    }
    _work_release(w);
}

/* Hand the blocks over in order as the workers finish them. */
static void _stream_emit(cxi_mc_stream *q, const cx_mc_options *o)
{
    for (size_t b = 0; b < q->p->nblocks; b++) {
        pthread_mutex_lock(&q->mu);
        while (!q->failed && !q->done[b % q->nslots])
            pthread_cond_wait(&q->ready, &q->mu);
        int failed = q->failed;
        pthread_mutex_unlock(&q->mu);
        if (failed)
            return;
        int stop = _emit(q, o, b);
        pthread_mutex_lock(&q->mu);
        q->done[b % q->nslots] = 0;
        q->next_emit = b + 1;
        q->stopped |= stop;
        pthread_cond_broadcast(&q->freed);
        pthread_mutex_unlock(&q->mu);
        if (stop)
            return;
    }
}

static cx_status _stream_threads(cxi_mc_stream *q, const cxi_mc_plan *p, cxi_mc_store *s,
                                 const cx_mc_options *o, size_t nt)
{
    cxi_mc_work *w = calloc(nt, sizeof *w);
    pthread_t *tid = calloc(nt, sizeof *tid);
    size_t started = 0;
    if (w && tid) {
        for (; started < nt; started++) {
            w[started] = (cxi_mc_work){.p = p, .s = s, .q = q};
            if (pthread_create(&tid[started], NULL, _stream_worker, &w[started]))
                break;
        }
    }
    if (started < nt) {       /* tell the ones started to stop */
        pthread_mutex_lock(&q->mu);
        q->failed = 1;
        pthread_cond_broadcast(&q->freed);
        pthread_mutex_unlock(&q->mu);
    } else {
        _stream_emit(q, o);
    }
    for (size_t i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    free(w);
    free(tid);
    return q->failed || started < nt ? CX_ENOMEM : CX_OK;
}

static cx_status _stream(const cxi_mc_plan *p, cxi_mc_store *s, const cx_mc_options *o)
{
    size_t nt = (size_t)o->threads < p->nblocks ? (size_t)o->threads : p->nblocks;
    cxi_mc_stream q = {.p = p, .nslots = nt > 1 ? 2 * nt : 1,
                   .slot_size = CX_MC_BLOCK * p->stream_n};
    q.done = calloc(q.nslots, 1);
    q.buf = q.slot_size <= ((size_t)-1) / sizeof *q.buf / q.nslots
          ? malloc(q.nslots * q.slot_size * sizeof *q.buf) : NULL;
    cx_status st = q.done && q.buf ? CX_OK : CX_ENOMEM;
    if (st == CX_OK && nt == 1) {
        cxi_mc_work w = {.p = p, .s = s, .q = &q};
        _stream_inline(&q, &w, o);
        st = q.failed ? CX_ENOMEM : CX_OK;
    } else if (st == CX_OK) {
        pthread_mutex_init(&q.mu, NULL);
        pthread_cond_init(&q.ready, NULL);
        pthread_cond_init(&q.freed, NULL);
        st = _stream_threads(&q, p, s, o, nt);
        pthread_cond_destroy(&q.freed);
        pthread_cond_destroy(&q.ready);
        pthread_mutex_destroy(&q.mu);
    }
    free(q.done);
    free(q.buf);
    return st == CX_OK && q.stopped ? CX_EINVAL : st;
}

/* ---- the run ----------------------------------------------------------- */

static void _store_free(cxi_mc_store *s)
{
    if (s->fw)
        cxi_mc_fw_release(s->fw);
    free(s->fw);
    free(s->rowmem);
    free(s->rows);
    free(s->be); free(s->pb); free(s->ro);
    free(s->inputs); free(s->mom); free(s->years); free(s->hits);
    free(s->insum); free(s->insq); free(s->inmin); free(s->inmax);
}

/* The per-block sums and counts (always). */
static cx_status _store_blocks(const cxi_mc_plan *p, cxi_mc_store *s)
{
    size_t nb = p->nblocks, nin = p->u->ninputs ? p->u->ninputs : 1;
    size_t nt = p->u->ntargets ? p->u->ntargets : 1;
    s->hits = calloc(nb * nt, sizeof *s->hits);
    s->years = calloc(nb * 3 * (p->bn + 1), sizeof *s->years);
    s->insum = calloc(nb * nin, sizeof *s->insum);
    s->insq = calloc(nb * nin, sizeof *s->insq);
    s->inmin = calloc(nb * nin, sizeof *s->inmin);
    s->inmax = calloc(nb * nin, sizeof *s->inmax);
    s->mom = calloc(nb * (s->nrows ? s->nrows : 1), sizeof *s->mom);
    return s->hits && s->years && s->insum && s->insq && s->inmin && s->inmax && s->mom
           ? CX_OK : CX_ENOMEM;
}

/* The rows the statistics summarise (mc_priv.h): the fan rows, then peak,
 * npv and the cumulative through burn_through unless a fan row holds it. */
static cx_status _store_rows(const cxi_mc_plan *p, cxi_mc_store *s)
{
    size_t n = p->paths, nr = p->fan_rows;
    size_t fan_n = s->fw ? cxi_mc_fw_sample() : n;   /* a fan row's paths */
    if (p->burn)
        nr += 1 + (size_t)p->npv + (p->through_fan == MC_NONE);
    s->rows = calloc(nr ? nr : 1, sizeof *s->rows);
    if (!s->rows || nr > ((size_t)-1) / sizeof(double) / n)
        return CX_ENOMEM;
    s->nrows = nr;
    s->rowmem = cxi_mc_big_alloc((p->fan_rows * fan_n + (nr - p->fan_rows) * n)
                                 * sizeof **s->rows);
    if (!s->rowmem)
        return CX_ENOMEM;
    for (size_t r = 0; r < nr; r++)
        s->rows[r] = s->rowmem + (r < p->fan_rows ? r * fan_n
                                                  : p->fan_rows * fan_n + (r - p->fan_rows) * n);
    s->r_peak = s->r_npv = s->r_cum = MC_NONE;
    if (p->burn) {
        s->r_peak = p->fan_rows;
        s->r_npv = p->npv ? p->fan_rows + 1 : MC_NONE;
        s->r_cum = p->through_fan == MC_NONE ? nr - 1 : MC_NONE;
        s->peak = s->rows[s->r_peak];
        s->npv = p->npv ? s->rows[s->r_npv] : NULL;
        s->cum = s->rows[p->through_fan != MC_NONE ? p->through_fan : nr - 1];
    }
    return CX_OK;
}

static cx_status _store_alloc(const cxi_mc_plan *p, cxi_mc_store *s, const cx_mc_options *o)
{
    size_t n = p->paths, nin = p->u->ninputs ? p->u->ninputs : 1;
    cxi_mc_fanwin *fw = s->fw;
    memset(s, 0, sizeof *s);
    s->fw = fw;
    s->b1 = p->nblocks;
    if (o->stream_only)
        return _store_blocks(p, s);
    if (n > ((size_t)-1) / sizeof(double) / (nin > 3 ? nin : 3))
        return CX_ENOMEM;
    cx_status st = _store_rows(p, s);
    if (st == CX_OK && o->keep_paths) {
        size_t nb = p->burn ? n : 1;
        s->be = malloc(nb * sizeof *s->be);
        s->pb = malloc(nb * sizeof *s->pb);
        s->ro = malloc(nb * sizeof *s->ro);
        s->inputs = malloc(n * nin * sizeof *s->inputs);
        if (!s->be || !s->pb || !s->ro || !s->inputs)
            st = CX_ENOMEM;
    }
    return st == CX_OK ? _store_blocks(p, s) : st;
}

/* The fan by brackets (mc_fanwin.c): the sample's blocks with its rows
 * kept, the brackets, then the other blocks (and every block again for a
 * row whose rank fell outside its bracket). */
static cx_status _simulate_fan(const cxi_mc_plan *p, cxi_mc_store *s, int threads)
{
    size_t m = cxi_mc_fw_sample();
    s->fw_pass = 0;
    s->b0 = 0;
    s->b1 = m / CX_MC_BLOCK;
    cx_status st = _simulate(p, s, threads);
    if (st == CX_OK)
        st = cxi_mc_fw_windows(s->fw, s->rows, m, threads);
    cxi_mc_fw_buf *mine = st == CX_OK ? cxi_mc_fw_local(s->fw) : NULL;
    if (st == CX_OK && !mine)
        st = CX_ENOMEM;
    for (size_t r = 0; st == CX_OK && r < p->fan_rows; r++)
        if (cxi_mc_fw_keep(s->fw, mine, r, s->rows[r], m))
            st = CX_ENOMEM;
    if (mine && cxi_mc_fw_merge(s->fw, mine) && st == CX_OK)
        st = CX_ENOMEM;
    s->fw_pass = 1;
    s->b0 = s->b1;
    s->b1 = p->nblocks;
    if (st == CX_OK)
        st = _simulate(p, s, threads);
    long again = st == CX_OK ? cxi_mc_fw_finish(s->fw, threads) : 0;
    if (again > 0) {
        s->fw_pass = 2;
        s->b0 = 0;
        st = _simulate(p, s, threads);
        again = st == CX_OK ? cxi_mc_fw_finish(s->fw, threads) : 0;
        if (again > 0)
            st = CX_ERANGE;     /* a bracket that keeps everything cannot miss */
    }
    return again < 0 ? CX_ENOMEM : st;
}

/* With a fan too large to keep: its brackets, and the cumulative figure in
 * a row of its own (the histogram needs every path's). */
static cx_status _fan_brackets(cxi_mc_plan *p, const cx_mc_options *o, cxi_mc_store *s)
{
    double levels[5 + CX_MC_MAX_LEVELS];
    if (o->on_block || !cxi_mc_fw_wanted(p, o->fan_budget))
        return CX_OK;
    s->fw = malloc(sizeof *s->fw);
    if (!s->fw)
        return CX_ENOMEM;
    p->through_fan = MC_NONE;
    return cxi_mc_fw_init(s->fw, p->fan_rows, p->paths, levels, cxi_mc_levels(o, levels),
                          o->fan_margin);
}

static cx_status _options(const cx_mc_options *o)
{
    if (!o || o->paths == 0 || o->threads < 1 || o->nlevels > CX_MC_MAX_LEVELS
        || (o->nlevels && !o->levels) || (o->stream_only && (!o->on_block || o->keep_paths)))
        return CX_EINVAL;
    for (size_t i = 0; i < o->nlevels; i++)
        if (!(o->levels[i] > 0 && o->levels[i] < 1))
            return CX_EINVAL;
    return CX_OK;
}

cx_status cx_mc_run(const cx_result *base, const cx_mc_options *o,
                    cx_mc_result **out, size_t *failed_input)
{
    size_t dummy;
    size_t *failed = failed_input ? failed_input : &dummy;
    *failed = MC_NONE;
    if (!base || !out || _options(o) != CX_OK)
        return CX_EINVAL;
    *out = NULL;
    cxi_mc_plan p;
    cxi_mc_store s;
    memset(&s, 0, sizeof s);
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    cx_status st = cxi_mc_plan_build(&p, base, o->paths, o->seed, failed);
    if (st == CX_OK && o->on_block)
        st = cxi_mc_plan_stream(&p, o->block_entry);
    if (st == CX_OK)
        st = _fan_brackets(&p, o, &s);
    if (st == CX_OK)
        st = _store_alloc(&p, &s, o);
    if (st == CX_OK)
        st = o->on_block ? _stream(&p, &s, o)
           : s.fw ? _simulate_fan(&p, &s, o->threads) : _simulate(&p, &s, o->threads);
    cx_mc_result *r = st == CX_OK ? calloc(1, sizeof *r) : NULL;
    if (st == CX_OK && !r)
        st = CX_ENOMEM;
    if (st == CX_OK) {
        r->base = base;
        r->u = p.u;
        r->paths = o->paths;
        r->seed = o->seed;
        r->stream_only = o->stream_only;
        st = cxi_mc_stats(&p, &s, o, r);
    }
    _store_free(&s);
    cxi_mc_plan_release(&p);
    gsl_set_error_handler(old);
    if (st != CX_OK) {
        cx_mc_result_free(r);
        return st;
    }
    *out = r;
    return CX_OK;
}
