/*
 * mc_stats.c - from the paths' outputs to the Monte Carlo result: the
 * blocks' moments (mean, sd, min, max summed block by block in the path
 * pass, combined in block order), percentiles (exact: the order
 * statistics, mc_select.c), the
 * distribution over years of break-even, payback and runway end, the fan
 * chart's rows, the histogram of the cumulative burn, target
 * probabilities and the inputs' sample moments.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "mc_priv.h"

static const double _standard[] = {0.05, 0.10, 0.50, 0.90, 0.95};

/* The level's percentile from the order statistics at the ranks. */
double cxi_mc_quantile_of(const size_t *ranks, const double *vals, size_t nr, size_t n,
                          double p)
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

/* The ranks the levels need, ascending and unique. */
size_t cxi_mc_ranks(const double *levels, size_t nq, size_t n, size_t *r)
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

/* ---- moments ----------------------------------------------------------- */

cxi_mc_mom cxi_mc_block_moments(const double *x, size_t n)
{
    double k = x[0], s1 = 0, s2 = 0, lo = k, hi = k;
    for (size_t i = 0; i < n; i++) {
        double d = x[i] - k;
        s1 += d;
        s2 += d * d;
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    return (cxi_mc_mom){k, s1, s2, lo, hi};
}

/* Row r's mean, sd, min and max: the blocks' moments combined in block
 * order (Chan, Golub and LeVeque's pairwise update), so the figures do not
 * depend on the thread count; exact when every path gives the same value. */
static void _moments(const cxi_mc_plan *p, const cxi_mc_store *s, size_t r, cx_mc_stat *st)
{
    double n = 0, mean = 0, m2 = 0, lo = 0, hi = 0;
    for (size_t b = 0; b < p->nblocks; b++) {
        const cxi_mc_mom *q = &s->mom[b * s->nrows + r];
        size_t first = b * CX_MC_BLOCK;
        double nb = (double)(p->paths - first < CX_MC_BLOCK ? p->paths - first : CX_MC_BLOCK);
        double mb = q->k + q->s1 / nb, m2b = q->s2 - q->s1 * q->s1 / nb;
        m2b = m2b > 0 ? m2b : 0;
        if (b == 0) {
            n = nb; mean = mb; m2 = m2b; lo = q->min; hi = q->max;
            continue;
        }
        double nn = n + nb, delta = mb - mean;
        mean += delta * nb / nn;
        m2 += m2b + delta * delta * n * nb / nn;
        n = nn;
        lo = q->min < lo ? q->min : lo;
        hi = q->max > hi ? q->max : hi;
    }
    st->mean = mean;
    st->sd = p->paths > 1 ? sqrt(m2 / (double)(p->paths - 1)) : 0;
    st->min = lo;
    st->max = hi;
}

/* ---- percentiles --------------------------------------------------------- */

/* The percentiles of x (permuted); every level the value when all paths
 * gave the same one. */
static void _percentiles(const cx_mc_result *r, double *x, size_t n, double min,
                         double max, double *q)
{
    size_t ranks[2 * (CX_MC_MAX_LEVELS + 5)];
    double vals[2 * (CX_MC_MAX_LEVELS + 5)];
    if (min == max) {
        for (size_t j = 0; j < r->nq; j++)
            q[j] = min;
        return;
    }
    size_t nr = cxi_mc_ranks(r->levels, r->nq, n, ranks);
    cx_mc_select(x, n, ranks, nr, vals);
    for (size_t j = 0; j < r->nq; j++)
        q[j] = cxi_mc_quantile_of(ranks, vals, nr, n, r->levels[j]);
}

/* One row's percentiles; the rows are independent, so the threads share
 * them out (each result lands in its own place). */
typedef struct _job {
    double *x;
    double min, max;
    double *q;
} _job;

typedef struct _jobs {
    const cx_mc_result *r;
    _job *v;
    size_t n, cap;
} _jobs;

static _job *_job_add(_jobs *j)
{
    if (j->n == j->cap)
        return NULL;
    _job *jb = &j->v[j->n++];
    memset(jb, 0, sizeof *jb);
    return jb;
}

/* Job i's percentiles (cxi_mc_par: the jobs on the threads). */
static void _job_run(void *ctx, size_t i)
{
    const _jobs *j = ctx;
    _job *jb = &j->v[i];
    _percentiles(j->r, jb->x, j->r->paths, jb->min, jb->max, jb->q);
}

/* Stat st of row r: moments now, percentiles by a job (shared with the
 * fan row that holds the same figures). */
static cx_status _stat(const cxi_mc_plan *p, const cxi_mc_store *s, _jobs *j, size_t r,
                       double det, cx_mc_stat *st)
{
    st->q = malloc(j->r->nq * sizeof *st->q);
    if (!st->q)
        return CX_ENOMEM;
    st->present = 1;
    st->deterministic = det;
    _moments(p, s, r, st);
    if (r < p->fan_rows)          /* the fan's job computes it: copied after */
        return CX_OK;
    _job *jb = _job_add(j);
    if (!jb)
        return CX_ENOMEM;
    *jb = (_job){.x = s->rows[r], .min = st->min, .max = st->max, .q = st->q};
    return CX_OK;
}

/* ---- levels, years, fan, histogram, targets, inputs ---------------------- */

static int _cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

size_t cxi_mc_levels(const cx_mc_options *o, double *levels)
{
    size_t n = 5 + o->nlevels, nq = 0;
    memcpy(levels, _standard, sizeof _standard);
    for (size_t i = 0; i < o->nlevels; i++)
        levels[5 + i] = o->levels[i];
    qsort(levels, n, sizeof *levels, _cmp);
    for (size_t i = 0; i < n; i++)
        if (!nq || levels[nq - 1] != levels[i])
            levels[nq++] = levels[i];
    return nq;
}

static cx_status _levels(const cx_mc_options *o, cx_mc_result *r)
{
    r->levels = malloc((5 + o->nlevels) * sizeof *r->levels);
    if (!r->levels)
        return CX_ENOMEM;
    r->nq = cxi_mc_levels(o, r->levels);
    return CX_OK;
}

/* Event `which` (0 break-even, 1 payback, 2 run-out): the blocks' counts. */
static cx_status _years(const cxi_mc_plan *p, const cxi_mc_store *s, size_t which, int det,
                        cx_mc_years *out)
{
    size_t n = p->bn, stride = 3 * (n + 1);
    out->count = calloc(n, sizeof *out->count);
    out->p = malloc(n * sizeof *out->p);
    out->p_by = malloc(n * sizeof *out->p_by);
    if (!out->count || !out->p || !out->p_by)
        return CX_ENOMEM;
    out->present = 1;
    out->deterministic = det;
    for (size_t b = 0; b < p->nblocks; b++) {
        const size_t *c = s->years + b * stride + which * (n + 1);
        for (size_t i = 0; i < n; i++)
            out->count[i] += c[i];
        out->never += c[n];
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

/* Fan row `row`'s percentiles from its order statistics (mc_fanwin.c). */
static void _fan_from_brackets(const cxi_mc_fanwin *fw, size_t row, const cx_mc_result *r,
                               double *q)
{
    const double *vals = fw->vals + row * fw->nr;
    for (size_t j = 0; j < r->nq; j++)
        q[j] = cxi_mc_quantile_of(fw->ranks, vals, fw->nr, fw->paths, r->levels[j]);
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
            cx_mc_stat m;
            size_t row = p->fan_off[f] + i;
            _moments(p, s, row, &m);
            fa->mean[i] = m.mean;
            fa->det[i] = _det_fan(p, f, i);
            if (s->fw) {            /* selected already, inside the brackets */
                _fan_from_brackets(s->fw, row, r, fa->q + i * r->nq);
                continue;
            }
            _job *jb = _job_add(j);
            if (!jb)
                return CX_ENOMEM;
            *jb = (_job){.x = s->rows[row], .min = m.min, .max = m.max,
                         .q = fa->q + i * r->nq};
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
    for (size_t i = 0; !s->npv && i < n; i++)
        w->npv[i] = NAN;
    if (s->npv)
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
    size_t rows = p->fan_rows, through = p->through_fan != MC_NONE ? p->through_fan
                                                                   : s->nrows - 1;
    cx_status st = _years(p, s, 0, b->burn.burn.break_even_year, &r->break_even);
    if (st == CX_OK)
        st = _years(p, s, 1, b->burn.burn.payback_year, &r->payback);
    if (st == CX_OK && p->has_cash)
        st = _years(p, s, 2, b->burn.funding.runout_year, &r->runout);
    if (st == CX_OK)
        st = _stat(p, s, j, through, b->burn.burn.cumulative[p->through_i], &r->cumulative);
    if (st == CX_OK)
        st = _stat(p, s, j, rows, 0 - b->burn.burn.peak_burn, &r->peak);
    if (st == CX_OK && p->npv)
        st = _stat(p, s, j, rows + 1, b->discount.npv, &r->npv);
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
    if (st == CX_OK)
        st = _fan(p, s, r, &j);
    if (st == CX_OK && p->burn)
        st = _burn(p, s, r, &j);
    if (st == CX_OK)
        cxi_mc_par(j.n, o->threads, _job_run, &j);
    if (st == CX_OK && p->burn && p->through_fan != MC_NONE)   /* the fan row's */
        memcpy(r->cumulative.q, j.v[p->through_fan].q, r->nq * sizeof *r->cumulative.q);
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
    if (in->param == CX_MC_LIFE)
        return "life (years)";
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
