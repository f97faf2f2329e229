/*
 * cxi_mc_stats.c - from the paths' outputs to the Monte Carlo result:
 * percentiles (exact: selection of the order statistics), means, the
 * distribution over years of break-even, payback and runway end, the fan
 * chart's rows, the histogram of the cumulative burn, target
 * probabilities and the inputs' sample moments.
 */
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "mc_priv.h"

static const double _standard[] = {0.05, 0.10, 0.50, 0.90, 0.95};

/* ---- order statistics -------------------------------------------------- */

static void _swap(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

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

/* Ranks r[0..nr) (ascending) inside [lo, hi): quickselect with Hoare's
 * partition (equal keys split evenly), the smaller side by recursion. */
static void _select(double *x, size_t lo, size_t hi, const size_t *r, size_t nr)
{
    while (nr > 0 && hi - lo > 24) {
        double piv = _median3(x[lo], x[lo + (hi - lo) / 2], x[hi - 1]);
        ptrdiff_t i = (ptrdiff_t)lo - 1, j = (ptrdiff_t)hi;
        for (;;) {
            do i++; while (x[i] < piv);
            do j--; while (x[j] > piv);
            if (i >= j)
                break;
            _swap(&x[i], &x[j]);
        }
        size_t mid = (size_t)j + 1, nl = 0;
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

typedef struct _win {
    double lo, hi;                /* values lo <= x <= hi are copied */
    size_t below, n, cap;
    double *v;
} _win;

static int _cmpd(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Windows for the ranks; *nw of them; rank i uses window w_of[i]. */
static int _windows(const double *x, size_t n, const size_t *r, size_t nr,
                    _win *w, size_t *nw, size_t *w_of)
{
    double *smp = malloc(SAMPLE * sizeof *smp);
    if (!smp)
        return -1;
    for (size_t i = 0; i < SAMPLE; i++)
        smp[i] = x[(size_t)(((unsigned long long)i * n) / SAMPLE)];
    qsort(smp, SAMPLE, sizeof *smp, _cmpd);
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

static int _collect(const double *x, size_t n, _win *w, size_t nw)
{
    for (size_t k = 0; k < nw; k++) {
        w[k].cap = n / 8 + 64;
        w[k].v = malloc(w[k].cap * sizeof *w[k].v);
        if (!w[k].v)
            return -1;
    }
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        for (size_t k = 0; k < nw; k++) {
            if (v < w[k].lo) {
                w[k].below++;
            } else if (v <= w[k].hi) {
                if (w[k].n == w[k].cap)
                    return -1;
                w[k].v[w[k].n++] = v;
            }
        }
    }
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

/* The level's percentile from the order statistics at the ranks. */
static double _quantile_of(const size_t *ranks, const double *vals, size_t nr,
                           size_t n, double p)
{
    double index = p * (double)(n - 1);
    size_t lhs = (size_t)index, i = 0;
    double delta = index - (double)lhs;
    while (i < nr && ranks[i] != lhs)
        i++;
    if (i == nr)
        return NAN;
    if (lhs >= n - 1 || i + 1 >= nr || vals[i] == vals[i + 1])
        return vals[i];
    return (1 - delta) * vals[i] + delta * vals[i + 1];
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

/* The ranks the levels need, ascending and unique. */
static size_t _ranks(const double *levels, size_t nq, size_t n, size_t *r)
{
    size_t nr = 0;
    for (size_t j = 0; j < nq; j++) {
        size_t lhs = (size_t)(levels[j] * (double)(n - 1));
        for (size_t k = lhs; k <= lhs + 1 && k < n; k++)
            if (!nr || r[nr - 1] < k)
                r[nr++] = k;
    }
    return nr;
}

/* Mean, sd, min, max in path order; then the percentiles (x permuted). */
static void _summarise(const cx_mc_result *r, double *x, size_t n, double *mean,
                       double *sd, double *min, double *max, double *q)
{
    size_t ranks[2 * (CX_MC_MAX_LEVELS + 5)];
    double vals[2 * (CX_MC_MAX_LEVELS + 5)];
    /* shifted by x[0]: exact when every path gives the same value */
    double sum = 0, lo = x[0], hi = x[0];
    for (size_t i = 0; i < n; i++) {
        sum += x[i] - x[0];
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    *mean = x[0] + sum / (double)n;
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - *mean) * (x[i] - *mean);
    *sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
    *min = lo;
    *max = hi;
    size_t nr = _ranks(r->levels, r->nq, n, ranks);
    cx_mc_select(x, n, ranks, nr, vals);
    for (size_t j = 0; j < r->nq; j++)
        q[j] = _quantile_of(ranks, vals, nr, n, r->levels[j]);
}

/* One array to summarise; the arrays are independent, so the threads
 * share them out (each result lands in its own place). */
typedef struct _job {
    double *x;
    double *mean, *sd, *min, *max, *q;
    double scratch[3];
} _job;

typedef struct _jobs {
    const cx_mc_result *r;
    _job *v;
    size_t n, cap, first, step;
} _jobs;

static _job *_job_add(_jobs *j)
{
    if (j->n == j->cap)
        return NULL;
    _job *jb = &j->v[j->n++];
    memset(jb, 0, sizeof *jb);
    jb->sd = &jb->scratch[0];
    jb->min = &jb->scratch[1];
    jb->max = &jb->scratch[2];
    return jb;
}

static void *_jworker(void *arg)
{
    const _jobs *j = arg;
    for (size_t i = j->first; i < j->n; i += j->step) {
        _job *jb = &j->v[i];
        _summarise(j->r, jb->x, j->r->paths, jb->mean, jb->sd, jb->min, jb->max, jb->q);
    }
    return NULL;
}

static void _jobs_run(const _jobs *all, int threads)
{
    size_t nt = (size_t)threads < all->n ? (size_t)threads : all->n;
    _jobs part[64];
    pthread_t tid[64];
    int started[64] = {0};
    nt = nt < 1 ? 1 : nt > 64 ? 64 : nt;
    for (size_t t = 0; t < nt; t++) {
        part[t] = *all;
        part[t].first = t;
        part[t].step = nt;
        if (t > 0)
            started[t] = pthread_create(&tid[t], NULL, _jworker, &part[t]) == 0;
    }
    _jworker(&part[0]);
    for (size_t t = 1; t < nt; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            _jworker(&part[t]);
    }
}

static cx_status _stat(_jobs *j, double *x, double det, cx_mc_stat *st)
{
    st->q = malloc(j->r->nq * sizeof *st->q);
    _job *jb = _job_add(j);
    if (!st->q || !jb)
        return CX_ENOMEM;
    st->present = 1;
    st->deterministic = det;
    *jb = (_job){.x = x, .mean = &st->mean, .sd = &st->sd, .min = &st->min,
                 .max = &st->max, .q = st->q};
    return CX_OK;
}

/* ---- levels, years, fan, histogram, targets, inputs ---------------------- */

static int _cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static cx_status _levels(const cx_mc_options *o, cx_mc_result *r)
{
    size_t n = 5 + o->nlevels;
    r->levels = malloc(n * sizeof *r->levels);
    if (!r->levels)
        return CX_ENOMEM;
    memcpy(r->levels, _standard, sizeof _standard);
    for (size_t i = 0; i < o->nlevels; i++)
        r->levels[5 + i] = o->levels[i];
    qsort(r->levels, n, sizeof *r->levels, _cmp);
    r->nq = 0;
    for (size_t i = 0; i < n; i++)
        if (!r->nq || r->levels[r->nq - 1] != r->levels[i])
            r->levels[r->nq++] = r->levels[i];
    return CX_OK;
}

static cx_status _years(const cxi_mc_plan *p, const int *y, int det, cx_mc_years *out)
{
    size_t n = p->bn;
    out->count = calloc(n, sizeof *out->count);
    out->p = malloc(n * sizeof *out->p);
    out->p_by = malloc(n * sizeof *out->p_by);
    if (!out->count || !out->p || !out->p_by)
        return CX_ENOMEM;
    out->present = 1;
    out->deterministic = det;
    for (size_t i = 0; i < p->paths; i++) {
        if (y[i] >= p->first_year && y[i] < p->first_year + (int)n)
            out->count[y[i] - p->first_year]++;
        else
            out->never++;
    }
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        run += out->count[i];
        out->p[i] = (double)out->count[i] / (double)p->paths;
        out->p_by[i] = (double)run / (double)p->paths;
    }
    out->p_never = (double)out->never / (double)p->paths;
    return CX_OK;
}

static double _det_fan(const cxi_mc_plan *p, size_t f, size_t i)
{
    size_t e = p->fan_entry[f];
    const cx_burn_result *b = &p->base->burn;
    if (e == CX_FAN_NET)
        return b->net[i];
    if (e == CX_FAN_CUMULATIVE)
        return b->burn.cumulative[i];
    return p->base->series[e].v[(size_t)p->fan_t0[f] + i].base;
}

static cx_status _fan(const cxi_mc_plan *p, cxi_mc_store *s, cx_mc_result *r, _jobs *j)
{
    r->nfan = p->nfan;
    r->fan = calloc(p->nfan ? p->nfan : 1, sizeof *r->fan);
    if (!r->fan)
        return CX_ENOMEM;
    for (size_t f = 0; f < p->nfan; f++) {
        cx_mc_fan *fa = &r->fan[f];
        fa->entry = p->fan_entry[f];
        fa->first_year = p->m->first_year + p->fan_t0[f];
        fa->n = p->fan_n[f];
        fa->q = malloc((fa->n ? fa->n : 1) * r->nq * sizeof *fa->q);
        fa->mean = malloc((fa->n ? fa->n : 1) * sizeof *fa->mean);
        fa->det = malloc((fa->n ? fa->n : 1) * sizeof *fa->det);
        if (!fa->q || !fa->mean || !fa->det)
            return CX_ENOMEM;
        for (size_t i = 0; i < fa->n; i++) {
            _job *jb = _job_add(j);
            if (!jb)
                return CX_ENOMEM;
            jb->x = s->fan + (p->fan_off[f] + i) * p->paths;
            jb->mean = &fa->mean[i];
            jb->q = fa->q + i * r->nq;
            fa->det[i] = _det_fan(p, f, i);
        }
    }
    return CX_OK;
}

static cx_status _histogram(const cxi_mc_plan *p, const double *x, cx_mc_result *r)
{
    double lo = r->cumulative.min, hi = r->cumulative.max;
    r->nbins = lo < hi ? (size_t)p->u->bins : 1;
    r->edges = malloc((r->nbins + 1) * sizeof *r->edges);
    r->counts = calloc(r->nbins, sizeof *r->counts);
    if (!r->edges || !r->counts)
        return CX_ENOMEM;
    double width = (hi - lo) / (double)r->nbins;
    for (size_t i = 0; i < r->nbins; i++)
        r->edges[i] = lo + width * (double)i;
    r->edges[r->nbins] = hi;
    for (size_t i = 0; i < p->paths; i++) {
        size_t b = width > 0 ? (size_t)((x[i] - lo) / width) : 0;
        r->counts[b < r->nbins ? b : r->nbins - 1]++;
    }
    return CX_OK;
}

static cx_status _targets(const cxi_mc_plan *p, const cxi_mc_store *s, cx_mc_result *r)
{
    const cx_uncertainty *u = p->u;
    const cx_result *b = p->base;
    r->ntargets = p->burn ? u->ntargets : 0;
    r->targets = calloc(r->ntargets ? r->ntargets : 1, sizeof *r->targets);
    if (!r->targets)
        return CX_ENOMEM;
    if (!p->burn)            /* no burn, no targets (and no burn figures to read) */
        return CX_OK;
    cxi_mc_path_out det = {
        .through = b->burn.burn.cumulative[p->through_i],
        .peak = 0 - b->burn.burn.peak_burn, .npv = b->discount.npv,
        .be = b->burn.burn.break_even_year, .pb = b->burn.burn.payback_year,
        .ro = b->burn.funding.runout_year, .cum = b->burn.burn.cumulative,
    };
    for (size_t t = 0; t < r->ntargets; t++) {
        cx_mc_target_result *tr = &r->targets[t];
        tr->target = t;
        for (size_t k = 0; k < p->nblocks; k++)
            tr->hits += s->hits[k * u->ntargets + t];
        tr->p = (double)tr->hits / (double)p->paths;
        tr->deterministic = cxi_mc_target_met(p, &u->targets[t], &det);
    }
    return CX_OK;
}

static cx_status _inputs(const cxi_mc_plan *p, const cxi_mc_store *s, cx_mc_result *r)
{
    size_t nin = p->u->ninputs;
    r->inputs = calloc(nin ? nin : 1, sizeof *r->inputs);
    if (!r->inputs)
        return CX_ENOMEM;
    for (size_t i = 0; i < nin; i++) {
        double sum = 0, sq = 0, mn = INFINITY, mx = -INFINITY, n = (double)p->paths;
        for (size_t b = 0; b < p->nblocks; b++) {
            size_t j = b * nin + i;
            sum += s->insum[j];
            sq += s->insq[j];
            mn = s->inmin[j] < mn ? s->inmin[j] : mn;
            mx = s->inmax[j] > mx ? s->inmax[j] : mx;
        }
        double var = p->paths > 1 ? (sq - sum * sum / n) / (n - 1) : 0;
        r->inputs[i] = (cx_mc_input_stat){sum / n, sqrt(var > 0 ? var : 0), mn, mx};
    }
    return CX_OK;
}

/* Keep the per-path outputs in path order before selection permutes them. */
static cx_status _raw(const cxi_mc_plan *p, cxi_mc_store *s, cx_mc_result *r)
{
    size_t n = p->paths;
    cx_mc_raw *w = &r->raw;
    w->cumulative = malloc(n * sizeof *w->cumulative);
    w->peak = malloc(n * sizeof *w->peak);
    w->npv = malloc(n * sizeof *w->npv);
    w->break_even = malloc(n * sizeof *w->break_even);
    w->payback = malloc(n * sizeof *w->payback);
    w->runout = malloc(n * sizeof *w->runout);
    if (!w->cumulative || !w->peak || !w->npv || !w->break_even || !w->payback
        || !w->runout)
        return CX_ENOMEM;
    memcpy(w->cumulative, s->cum, n * sizeof *w->cumulative);
    memcpy(w->peak, s->peak, n * sizeof *w->peak);
    memcpy(w->npv, s->npv, n * sizeof *w->npv);
    memcpy(w->break_even, s->be, n * sizeof *w->break_even);
    memcpy(w->payback, s->pb, n * sizeof *w->payback);
    memcpy(w->runout, s->ro, n * sizeof *w->runout);
    w->inputs = s->inputs;
    s->inputs = NULL;
    return CX_OK;
}

static cx_status _burn(const cxi_mc_plan *p, cxi_mc_store *s, cx_mc_result *r, _jobs *j)
{
    const cx_result *b = p->base;
    r->burn = 1;
    r->burn_first_year = p->first_year;
    r->burn_n = p->bn;
    r->burn_through = p->first_year + p->through_i;
    cx_status st = _years(p, s->be, b->burn.burn.break_even_year, &r->break_even);
    if (st == CX_OK)
        st = _years(p, s->pb, b->burn.burn.payback_year, &r->payback);
    if (st == CX_OK && p->has_cash)
        st = _years(p, s->ro, b->burn.funding.runout_year, &r->runout);
    if (st == CX_OK)
        st = _stat(j, s->cum, b->burn.burn.cumulative[p->through_i], &r->cumulative);
    if (st == CX_OK)
        st = _stat(j, s->peak, 0 - b->burn.burn.peak_burn, &r->peak);
    if (st == CX_OK && p->npv)
        st = _stat(j, s->npv, b->discount.npv, &r->npv);
    return st;
}

cx_status cxi_mc_stats(const cxi_mc_plan *p, cxi_mc_store *s, const cx_mc_options *o,
                   cx_mc_result *r)
{
    _jobs j = {.r = r, .cap = 3 + p->fan_rows};
    j.v = malloc(j.cap * sizeof *j.v);
    cx_status st = j.v ? _levels(o, r) : CX_ENOMEM;
    if (st == CX_OK && o->stream_only) {    /* only what the blocks summed */
        st = _inputs(p, s, r);
        if (st == CX_OK)
            st = _targets(p, s, r);
        free(j.v);
        return st;
    }
    if (st == CX_OK && o->keep_paths && p->burn)
        st = _raw(p, s, r);
    if (st == CX_OK)
        st = _inputs(p, s, r);
    if (st == CX_OK && p->burn)
        st = _burn(p, s, r, &j);
    if (st == CX_OK)
        st = _fan(p, s, r, &j);
    if (st == CX_OK)
        _jobs_run(&j, o->threads);
    if (st == CX_OK && p->burn)
        st = _histogram(p, s->cum, r);
    if (st == CX_OK)
        st = _targets(p, s, r);
    free(j.v);
    return st;
}

/* ---- freeing, labels --------------------------------------------------- */

static void _years_free(cx_mc_years *y)
{
    free(y->count);
    free(y->p);
    free(y->p_by);
}

void cx_mc_result_free(cx_mc_result *r)
{
    if (!r)
        return;
    free(r->levels);
    free(r->cumulative.q);
    free(r->peak.q);
    free(r->npv.q);
    _years_free(&r->break_even);
    _years_free(&r->payback);
    _years_free(&r->runout);
    for (size_t f = 0; r->fan && f < r->nfan; f++) {
        free(r->fan[f].q);
        free(r->fan[f].mean);
        free(r->fan[f].det);
    }
    free(r->fan);
    free(r->edges);
    free(r->counts);
    free(r->targets);
    free(r->inputs);
    free(r->raw.cumulative);
    free(r->raw.peak);
    free(r->raw.npv);
    free(r->raw.break_even);
    free(r->raw.payback);
    free(r->raw.runout);
    free(r->raw.inputs);
    free(r);
}

const char *cx_mc_fan_label(const cx_model *m, size_t entry)
{
    if (entry == CX_FAN_NET)
        return "net cash flow";
    if (entry == CX_FAN_CUMULATIVE)
        return "cumulative net cash flow";
    if (!m || entry >= m->nseries)
        return "?";
    return m->series[entry].label ? m->series[entry].label : m->series[entry].name;
}

const char *cx_mc_param_name(const cx_result *base, const cx_stochastic *in)
{
    if (in->param == CX_MC_FIGURE)
        return "figure";
    if (!base || in->series >= base->model->nseries)
        return "?";
    switch (base->drivers[in->series].method) {
    case CX_D_GROWTH:    return "growth rate";
    case CX_D_FADE:      return "fade from";
    case CX_D_STAGES:    return "stages high";
    case CX_D_CAGR:      return "CAGR";
    case CX_D_RATES:     return "last rate";
    case CX_D_SHARE:
    case CX_D_INTENSITY: return "share";
    default:             return "?";
    }
}
