/*
 * compute_goals.c - goal seek for the model's goals into result->goals:
 * the constant growth rate of one series that makes the net cash flow of
 * a year 0 (break_even) or the peak cumulative burn -cap (peak_funding),
 * found by Brent's method on [CX_GOAL_LO, CX_GOAL_HI] (goal.h). Each
 * evaluation recomputes series, commitments and burn under the result's
 * scenario with that series' driver replaced (cxi_compute_variant).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "compute_priv.h"
#include "goal_priv.h"

typedef struct _seek {
    const cx_result *base;
    const cx_goal *g;
} _seek;

/* The goal's figure in a computed result: net in `by`, or the peak burn. */
static cx_status _figure(const cx_result *v, const cx_goal *g, double *out)
{
    const cx_burn_result *b = &v->burn;
    if (!b->enabled || !b->n)
        return CX_ENODATA;
    if (g->kind == CX_G_PEAK_FUNDING) {
        *out = b->burn.peak_burn;
        return CX_OK;
    }
    long i = (long)g->by - b->first_year;
    if (i < 0 || i >= (long)b->n)
        return CX_ENODATA;
    *out = b->net[i];
    return CX_OK;
}

/* The figure at growth rate `rate`. */
static cx_status _at(const _seek *k, double rate, double *out)
{
    cx_driver d = {.method = CX_D_GROWTH, .rate = rate};
    cx_result *v;
    cx_status st = cxi_compute_variant(k->base, k->g->series, &d, &v);
    if (st != CX_OK)
        return st;
    st = _figure(v, k->g, out);
    cx_result_free(v);
    return st;
}

/* What Brent solves: figure - target (target 0, or -cap). */
static cx_status _gap(double rate, void *ctx, double *value)
{
    const _seek *k = ctx;
    double x;
    cx_status st = _at(k, rate, &x);
    if (st == CX_OK)
        *value = k->g->kind == CX_G_PEAK_FUNDING ? x + k->g->cap : x;
    return st;
}

/* snprintf that may truncate (messages are bounded by design). */
static void _say(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void _say(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

/* "reaches net 0 in 2030", "keeps peak funding at 150". */
static void _aim(const cx_model *m, const cx_goal *g, char *buf, size_t size)
{
    char num[64], p[CX_PERIOD_KEY_MAX];
    if (g->kind == CX_G_PEAK_FUNDING) {
        cxi_format_number(num, sizeof num, g->cap);
        _say(buf, size, "keeps peak funding at %s", num);
    } else {
        _say(buf, size, "reaches net cash flow 0 in %s", cx_model_period_title(m, g->by, p));
    }
}

static void _solved(const cx_model *m, const cx_goal *g, cx_goal_result *res)
{
    char rate[64], aim[96];
    cxi_format_percent(rate, sizeof rate, res->rate);
    _aim(m, g, aim, sizeof aim);
    _say(res->message, sizeof res->message, "%s growing %s a year after its "
             "last stated year %s", m->series[g->series].name, rate, aim);
}

static cx_status _unsolved(cx_result *r, const cx_goal *g, cx_goal_result *res,
                           double f_lo, double f_hi, cx_status why)
{
    const char *name = r->model->series[g->series].name;
    char aim[96], lo[64], hi[64], what[32], p[CX_PERIOD_KEY_MAX];
    _aim(r->model, g, aim, sizeof aim);
    double off = g->kind == CX_G_PEAK_FUNDING ? g->cap : 0;
    cxi_format_number(lo, sizeof lo, f_lo - off);
    cxi_format_number(hi, sizeof hi, f_hi - off);
    if (g->kind == CX_G_PEAK_FUNDING)
        _say(what, sizeof what, "peak burn");
    else
        _say(what, sizeof what, "net %s", cx_model_period_title(r->model, g->by, p));
    if (why == CX_EDOMAIN)
        _say(res->message, sizeof res->message, "no constant growth rate of %s "
                 "in -99%%..1000%% %s (%s: %s at -99%%, %s at 1000%%)", name, aim,
                 what, lo, hi);
    else
        _say(res->message, sizeof res->message, "goal seek for %s stopped: %s "
                 "(%s)", name, cx_strerror(why), aim);
    return cxi_note(r, CX_NOTE_WARNING, g->series, g->kind == CX_G_BREAK_EVEN ? g->by : 0,
                    g->line, g->col, "goal: %s", res->message);
}

static cx_status _goal(cx_result *r, size_t i)
{
    const cx_goal *g = &r->model->goals[i];
    cx_goal_result *res = &r->goals[i];
    *res = (cx_goal_result){.goal = i, .rate = NAN, .achieved = NAN};
    if (g->series >= r->model->nseries)
        return CX_EINVAL;
    _seek k = {r, g};
    double root, f_lo, f_hi;
    cx_status st = cx_goal_brent(_gap, &k, CX_GOAL_LO, CX_GOAL_HI, &root, &f_lo,
                                 &f_hi, &res->iterations);
    if (st == CX_OK)
        st = _at(&k, root, &res->achieved);
    if (st == CX_ENOMEM)
        return st;
    if (st != CX_OK)
        return _unsolved(r, g, res, f_lo, f_hi, st);
    res->solved = 1;
    res->rate = root;
    _solved(r->model, g, res);
    return CX_OK;
}

cx_status cxi_goals_compute(cx_result *r)
{
    const cx_model *m = r->model;
    r->ngoals = 0;
    if (!m->ngoals)
        return CX_OK;
    r->goals = calloc(m->ngoals, sizeof *r->goals);
    if (!r->goals)
        return CX_ENOMEM;
    r->ngoals = m->ngoals;
    cx_status st = CX_OK;
    for (size_t i = 0; st == CX_OK && i < m->ngoals; i++)
        st = _goal(r, i);
    return st;
}
