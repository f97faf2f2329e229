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
#include "growth.h"
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
    gsl_rng *rng;
    size_t first_block, step;
    int failed;
    cxi_mc_stream *q;             /* streaming: the ring */
    double *slot;             /* this block's rows, or NULL */
    cxi_mc_fx fx;             /* derived series' scratch */
} cxi_mc_work;

/* ---- one path ---------------------------------------------------------- */

static void _draw(cxi_mc_work *w)
{
    const cx_uncertainty *u = w->p->u;
    for (size_t i = 0; i < u->k; i++)
        w->z[i] = gsl_ran_gaussian_ziggurat(w->rng, 1.0);
    if (u->k)
        cx_corr_apply(u->chol, u->k, w->z, w->y);
    for (size_t i = 0; i < u->ninputs; i++) {
        size_t row = cx_uncertainty_corr_row(u, i);
        const cx_dist *d = &u->inputs[i].dist;
        w->x[i] = row != MC_NONE ? cx_dist_from_normal(d, w->y[row])
                                 : cx_dist_sample(d, w->rng);
    }
}

/* The driver of this path: the drawn value in place of its main
 * parameter; *start the start rate (a drawn CAGR, or the window's CAGR
 * recomputed when a figure in it is drawn). */
static void _path_driver(const cxi_mc_plan *p, const cxi_mc_aff *a, const double *V,
                         const double *x, cx_driver *d, double *start)
{
    *d = a->d;
    *start = a->start_rate;
    int sampled = a->input != MC_NONE;
    if (sampled && (d->method == CX_D_GROWTH || d->method == CX_D_FADE
                    || d->method == CX_D_STAGES)) {
        d->rate = x[a->input];
        d->from_cagr = 0;
    } else if (sampled && d->method == CX_D_CAGR) {
        *start = x[a->input];
    } else if (a->recompute_start) {
        cx_cagr(V[a->s * p->ny + (size_t)a->wa], V[a->s * p->ny + (size_t)a->wb],
                a->wb - a->wa, start);
    }
}

/* The growth rate of projected year t, as cx_compute: the driver's rate
 * (the drawn last rate past a rate list's end), then its override. */
static double _rate(const cxi_mc_plan *p, const cxi_mc_aff *a, const cx_driver *d,
                    double start, const double *x, int t)
{
    double rate = 0;
    int k = t - a->last_stated;
    cx_driver_rate(d, k, start, &rate);
    if (a->input != MC_NONE && d->method == CX_D_RATES && (size_t)k >= d->nrates)
        rate = x[a->input];
    if (d->nrate_overrides)
        cx_driver_override(d, p->m->first_year + t, &rate);
    return rate;
}

static void _input_series(const cxi_mc_plan *p, const cxi_mc_aff *a, double *V,
                          const double *x)
{
    size_t ny = p->ny, s = a->s;
    const unsigned char *kind = p->kind + s * ny;
    double *v = V + s * ny;
    cx_driver d;
    double start;
    _path_driver(p, a, V, x, &d, &start);
    int chained = cx_method_chained(d.method);
    int share = d.method == CX_D_SHARE || d.method == CX_D_INTENSITY;
    for (size_t t = 0; t < ny; t++) {
        if (kind[t] == CX_V_INTERPOLATED) {
            int ia = p->ia[s * ny + t], ib = p->ib[s * ny + t];
            double step = (v[ib] - v[ia]) / (ib - ia);
            v[t] = v[t - 1] + step;
        } else if (kind[t] == CX_V_PROJECTED && share) {
            double sh = d.share_series != CX_NO_INDEX ? V[d.share_series * ny + t]
                      : a->input != MC_NONE ? x[a->input] : d.share;
            v[t] = V[d.of * ny + t] * sh;
        } else if (kind[t] == CX_V_PROJECTED && chained) {
            v[t] = v[t - 1] * (1 + _rate(p, a, &d, start, x, (int)t));
        }
    }
}

static void _sum_series(const cxi_mc_plan *p, const cxi_mc_aff *a, double *V)
{
    size_t ny = p->ny;
    const cx_series *se = &p->m->series[a->s];
    const unsigned char *kind = p->kind + a->s * ny;
    for (size_t t = 0; t < ny; t++) {
        if (kind[t] == CX_V_MISSING)
            continue;
        double sum = 0;
        for (size_t i = 0; i < se->nparts; i++) {
            double x = V[se->parts[i] * ny + t];
            sum = i ? sum + x : x;
        }
        V[a->s * ny + t] = sum;
    }
}

/* Neumaier sum of the discounted flows, as cx_npv (discount.c). */
static double _npv(const cxi_mc_plan *p, const double *flows)
{
    double sum = 0, err = 0, mem = 0;
    for (size_t i = 0; i < p->npv_n; i++) {
        double x = flows[i] / p->disc[i];
        if (x == 0)
            continue;
        if (mem == 0) {
            mem = x;
            continue;
        }
        double t = sum + mem;
        err += fabs(sum) >= fabs(mem) ? (sum - t) + mem : (mem - t) + sum;
        sum = t;
        mem = x;
    }
    double total = sum + err;
    if (mem == 0)
        return total;
    if ((mem < 0) != (total < 0) && total != 0) {
        double d = fabs(mem + total);
        if (d < fabs(mem) * 0x1p-48 && d < fabs(total) * 0x1p-48)
            return 0.0;
    }
    return total + mem;
}

static int _runout(const cxi_mc_plan *p, const double *net)
{
    double prev = p->cash;
    for (size_t i = p->cash_i; i < p->bn; i++) {
        double c = prev + net[i] + (p->raises ? p->raises[i] : 0);
        if (c < 0)
            return p->first_year + (int)i;
        prev = c;
    }
    return 0;
}

static void _burn(const cxi_mc_plan *p, cxi_mc_work *w, cxi_mc_path_out *o)
{
    const double *V = w->V;
    double *net = w->net, *cum = w->cum, peak = 0;
    int peak_i = -1, burnt = 0;
    o->be = o->pb = o->ro = 0;
    for (size_t i = 0; i < p->bn; i++) {
        size_t t = p->bt0 + i;
        double x = V[p->in0 * p->ny + t];
        if (p->nin == 2)
            x = x - V[p->in1 * p->ny + t];
        if (p->with_c)
            x = x - p->ctotal[t];
        net[i] = x;
        cum[i] = i ? cum[i - 1] + x : x;
        if (cum[i] < 0 && cum[i] < peak) {
            peak = cum[i];
            peak_i = (int)i;
        }
        if (!o->be && burnt && x >= 0)     /* break-even only after a burn */
            o->be = p->first_year + (int)i;
        burnt |= x < 0;
    }
    /* payback only after the cumulative went below 0 (none otherwise) */
    for (size_t i = (size_t)(peak_i + 1); peak_i >= 0 && i < p->bn && !o->pb; i++)
        if (cum[i] >= 0)
            o->pb = p->first_year + (int)i;
    o->peak = 0 - peak;
    o->through = cum[p->through_i];
    o->cum = cum;
    o->ro = p->has_cash ? _runout(p, net) : 0;
    o->npv = NAN;
    if (p->npv)
        o->npv = _npv(p, p->npv_series == CX_NO_INDEX ? net
                                                    : V + p->npv_series * p->ny + p->npv_t0);
}

int cxi_mc_target_met(const cxi_mc_plan *p, const cx_target *t, const cxi_mc_path_out *o)
{
    switch (t->kind) {
    case CX_T_BREAK_EVEN_BY:  return o->be && o->be <= t->year;
    case CX_T_PAYBACK_BY:     return o->pb && o->pb <= t->year;
    case CX_T_BURN_BELOW:     return 0 - o->cum[t->year - p->first_year] < t->x;
    case CX_T_PEAK_BELOW:     return o->peak < t->x;
    case CX_T_RUNWAY_THROUGH: return !o->ro || o->ro > t->year;
    case CX_T_NPV_ABOVE:      return o->npv > t->x;
    default:                  return 0;
    }
}

static void _store(cxi_mc_work *w, size_t path, const cxi_mc_path_out *o)
{
    cxi_mc_store *s = w->s;
    s->cum[path] = o->through;
    s->peak[path] = o->peak;
    s->npv[path] = o->npv;
    s->be[path] = o->be;
    s->pb[path] = o->pb;
    s->ro[path] = o->ro;
}

/* The path's values of a fan or stream entry from year index t0 on. */
static const double *_entry(const cxi_mc_plan *p, const cxi_mc_work *w, size_t e, int t0)
{
    return e == CX_FAN_NET ? w->net : e == CX_FAN_CUMULATIVE ? w->cum
         : w->V + e * p->ny + (size_t)t0;
}

static void _fan(const cxi_mc_plan *p, cxi_mc_work *w, size_t path)
{
    if (!w->s->fan)
        return;
    for (size_t f = 0; f < p->nfan; f++) {
        size_t n = p->fan_n[f];
        const double *src = _entry(p, w, p->fan_entry[f], p->fan_t0[f]);
        double *dst = w->s->fan + p->fan_off[f] * p->paths + path;
        for (size_t i = 0; i < n; i++)
            dst[i * p->paths] = src[i];
    }
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

static void _path(cxi_mc_work *w, size_t path)
{
    const cxi_mc_plan *p = w->p;
    const cx_uncertainty *u = p->u;
    cxi_mc_store *s = w->s;
    _draw(w);
    for (size_t i = 0; i < u->ninputs; i++) {
        const cx_stochastic *in = &u->inputs[i];
        if (in->param == CX_MC_FIGURE)
            w->V[in->series * p->ny + (size_t)(in->year - p->m->first_year)] = w->x[i];
        double x = w->x[i];
        w->sum[i] += x;
        w->sq[i] += x * x;
        if (x < w->mn[i]) w->mn[i] = x;
        if (x > w->mx[i]) w->mx[i] = x;
        if (s->inputs)
            s->inputs[path * u->ninputs + i] = x;
    }
    for (size_t a = 0; a < p->naff; a++) {
        if (p->aff[a].formula)
            cxi_mc_fx_series(p, &p->aff[a], w->V, &w->fx);
        if (p->aff[a].sum)
            _sum_series(p, &p->aff[a], w->V);
        else
            _input_series(p, &p->aff[a], w->V, w->x);
    }
    if (p->burn) {
        cxi_mc_path_out o;
        _burn(p, w, &o);
        if (s->cum)
            _store(w, path, &o);
        for (size_t t = 0; t < u->ntargets; t++)
            w->hits[t] += (size_t)cxi_mc_target_met(p, &u->targets[t], &o);
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
    cx_rng_philox_seed(w->rng, p->seed, b);
    size_t end = (b + 1) * CX_MC_BLOCK < p->paths ? (b + 1) * CX_MC_BLOCK : p->paths;
    for (size_t path = b * CX_MC_BLOCK; path < end; path++)
        _path(w, path);
    _flush(w, b);
}

static int _work_init(cxi_mc_work *w)
{
    const cxi_mc_plan *p = w->p;
    size_t nv = p->ns * p->ny, k = p->u->k, nin = p->u->ninputs;
    w->V = malloc((nv ? nv : 1) * sizeof *w->V);
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
    w->rng = gsl_rng_alloc(cx_rng_philox);
    if (!w->V || !w->x || !w->z || !w->y || !w->net || !w->cum || !w->rng || !w->sum
        || !w->sq || !w->mn || !w->mx || !w->hits || cxi_mc_fx_init(p, &w->fx, w->V))
        return -1;
    if (nv)
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
        for (size_t b = w->first_block; b < w->p->nblocks; b += w->step)
            _block(w, b);
    }
    _work_release(w);
    return NULL;
}

static cx_status _simulate(const cxi_mc_plan *p, cxi_mc_store *s, int threads)
{
    size_t nt = (size_t)threads < p->nblocks ? (size_t)threads : p->nblocks;
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
    free(s->cum); free(s->peak); free(s->npv);
    free(s->be); free(s->pb); free(s->ro);
    free(s->fan); free(s->inputs); free(s->hits);
    free(s->insum); free(s->insq); free(s->inmin); free(s->inmax);
}

/* The per-block sums (always) and, unless stream_only, the per-path arrays. */
static cx_status _store_blocks(const cxi_mc_plan *p, cxi_mc_store *s)
{
    size_t nb = p->nblocks, nin = p->u->ninputs ? p->u->ninputs : 1;
    size_t nt = p->u->ntargets ? p->u->ntargets : 1;
    s->hits = calloc(nb * nt, sizeof *s->hits);
    s->insum = calloc(nb * nin, sizeof *s->insum);
    s->insq = calloc(nb * nin, sizeof *s->insq);
    s->inmin = calloc(nb * nin, sizeof *s->inmin);
    s->inmax = calloc(nb * nin, sizeof *s->inmax);
    return s->hits && s->insum && s->insq && s->inmin && s->inmax ? CX_OK : CX_ENOMEM;
}

static cx_status _store_alloc(const cxi_mc_plan *p, cxi_mc_store *s, const cx_mc_options *o)
{
    size_t n = p->paths, nin = p->u->ninputs ? p->u->ninputs : 1;
    int keep = o->keep_paths;
    memset(s, 0, sizeof *s);
    if (o->stream_only)
        return _store_blocks(p, s);
    if (p->fan_rows && n > ((size_t)-1) / sizeof(double) / p->fan_rows)
        return CX_ENOMEM;
    size_t nburn = p->burn ? n : 1;
    s->cum = malloc(nburn * sizeof *s->cum);
    s->peak = malloc(nburn * sizeof *s->peak);
    s->npv = malloc(nburn * sizeof *s->npv);
    s->be = malloc(nburn * sizeof *s->be);
    s->pb = malloc(nburn * sizeof *s->pb);
    s->ro = malloc(nburn * sizeof *s->ro);
    s->fan = malloc((p->fan_rows ? p->fan_rows * n : 1) * sizeof *s->fan);
    s->inputs = keep ? malloc(n * nin * sizeof *s->inputs) : NULL;
    if (!s->cum || !s->peak || !s->npv || !s->be || !s->pb || !s->ro || !s->fan
        || (keep && !s->inputs))
        return CX_ENOMEM;
    return _store_blocks(p, s);
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
        st = _store_alloc(&p, &s, o);
    if (st == CX_OK)
        st = o->on_block ? _stream(&p, &s, o) : _simulate(&p, &s, o->threads);
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
