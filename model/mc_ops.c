/*
 * mc_ops.c - the series a Monte Carlo path recomputes, compiled into an
 * ordered list of steps (mc_priv.h: PARAM, GROW, CHAIN, GROW_FIXED, SHARE,
 * SHARE_ROW, SUM, INTERP, FORMULA)
 * when the plan is built, and the loop that runs them over one path.
 * Each step does per year exactly the arithmetic cx_compute does, in the
 * same order, so a path whose draws equal the deterministic inputs gives
 * the deterministic values bit for bit.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "growth.h"
#include "mc_priv.h"

/* ---- building ------------------------------------------------------------ */

static int _has_figure(const cx_uncertainty *u, size_t s)
{
    for (size_t i = 0; i < u->ninputs; i++)
        if (u->inputs[i].param == CX_MC_FIGURE && u->inputs[i].series == s)
            return 1;
    return 0;
}

/* Does series s follow one already affected (a sum of parts, a share, a
 * depreciation of capex or of a drawn life)? */
static int _follows(const cxi_mc_plan *p, size_t s, const char *affected)
{
    const cx_series *se = &p->m->series[s];
    if (se->kind == CX_S_DEPRECIATION) {
        size_t expense = p->m->depreciations[se->dep].series[CX_DEP_EXPENSE];
        return affected[p->m->depreciations[se->dep].capex]
               || cx_uncertainty_find(p->u, CX_MC_LIFE, expense, 0) != MC_NONE;
    }
    if (se->kind == CX_S_SUM) {
        for (size_t i = 0; i < se->nparts; i++)
            if (affected[se->parts[i]])
                return 1;
        return 0;
    }
    for (size_t i = 0; se->kind == CX_S_FORMULA && i < se->formula.ninputs; i++)
        if (affected[se->formula.inputs[i]])
            return 1;
    const cx_driver *d = &p->base->drivers[s];
    if (d->method != CX_D_SHARE && d->method != CX_D_INTENSITY)
        return 0;
    return affected[d->of] || (d->share_series != CX_NO_INDEX && affected[d->share_series]);
}

static cxi_mc_op *_op(cxi_mc_plan *p, cxi_mc_opkind kind, size_t s, size_t t0, size_t n)
{
    cxi_mc_op *op = &p->ops[p->nops++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->dst = s * p->ny;
    op->t0 = t0;
    op->n = n;
    op->input = MC_NONE;
    return op;
}

/* Series s's parameter p into a slot of V (after the rows): a PARAM step
 * when it is the draw or the window's CAGR of the path's figures, else the
 * base driver's (or share's) value, set once in the slot's initial value.
 * Returns the slot's offset. */
static size_t _param(cxi_mc_plan *p, size_t s)
{
    const cx_series_result *sr = &p->base->series[s];
    const cx_driver *d = &p->base->drivers[s];
    size_t in = cx_uncertainty_find(p->u, CX_MC_DRIVER, s, 0);
    size_t slot = p->slot0 + p->nslots++;
    int wa = sr->window_from ? cx_model_year_index(p->m, sr->window_from) : -1;
    int wb = sr->window_to ? cx_model_year_index(p->m, sr->window_to) : -1;
    int on_start = d->method == CX_D_CAGR
                   || ((d->method == CX_D_FADE || d->method == CX_D_STAGES) && d->from_cagr);
    int share = d->method == CX_D_SHARE || d->method == CX_D_INTENSITY;
    p->init[slot] = share ? d->share : cx_driver_param(d, sr->start_rate);
    if (in == MC_NONE && !(!share && on_start && wa >= 0 && wb >= 0 && _has_figure(p->u, s)))
        return slot;
    cxi_mc_op *op = _op(p, CXI_OP_PARAM, s, 0, 0);
    op->dst = slot;
    op->src = s * p->ny;
    op->pkind = in != MC_NONE ? CXI_P_INPUT : CXI_P_WINDOW;
    op->input = in;
    op->wa = wa;
    op->per_year = p->m->cal.per_year;
    op->wb = wb;
    return slot;
}

/* Year t's form and override: class 0 fixed, 1 the parameter itself,
 * 2 p + (to - p) * a / b; a year the driver cannot rate is fixed at 0. */
static int _form(const cxi_mc_plan *p, size_t s, size_t t, cx_rate_form *f, double *ovr)
{
    const cx_driver *d = &p->base->drivers[s];
    const cx_calendar *cal = &p->m->cal;
    int j = (int)t - p->base->series[s].last_stated, k = (j - 1) / cal->per_year + 1;
    int year = cal->per_year == 1 ? p->m->first_year + (int)t
                                  : cx_period_fiscal_year(cal, (int)t);
    *ovr = 0;
    if (cx_driver_rate_form(d, k, f) != CX_OK)
        *f = (cx_rate_form){.to = 0, .a = 0, .b = 1, .on_param = 0};
    if (cx_driver_override(d, year, ovr))
        *f = (cx_rate_form){.to = *ovr, .a = 0, .b = 1, .on_param = 0};
    return !f->on_param ? 0 : f->a == 0 ? 1 : 2;
}

/* A run of chained years of one class: GROW, CHAIN or GROW_FIXED with the
 * growth factors 1 + rate resolved now where they do not depend on p. */
static void _chain_run(cxi_mc_plan *p, size_t s, size_t t0, size_t n, size_t slot, int cls)
{
    static const cxi_mc_opkind kinds[] = {CXI_OP_GROW_FIXED, CXI_OP_GROW, CXI_OP_CHAIN};
    cx_method m = p->base->drivers[s].method;
    cxi_mc_op *op = _op(p, kinds[cls], s, t0, n);
    double *c = p->coef + p->ncoef;
    p->ncoef += 5 * n;
    op->to = c; op->a = c + n; op->b = c + 2 * n; op->g = c + 3 * n; op->gbad = c + 4 * n;
    op->src = slot;
    op->zero_if_bad = m == CX_D_FADE || m == CX_D_STAGES;
    op->per = p->base->drivers[s].per ? p->base->drivers[s].per : 12;
    op->months = cx_period_months(&p->m->cal);
    for (size_t i = 0; i < n; i++) {
        cx_rate_form f;
        double ovr;
        _form(p, s, t0 + i, &f, &ovr);
        c[i] = f.to;
        c[n + i] = f.a;
        c[2 * n + i] = f.b;
        c[3 * n + i] = 1 + cx_rate_convert(f.to, op->per, op->months); /* GROW_FIXED */
        c[4 * n + i] = 1 + cx_rate_convert(ovr, op->per, op->months);  /* p not finite */
    }
}

/* Series s's parameter slot, made on first use. */
static size_t _slot(cxi_mc_plan *p, size_t s, size_t *slot)
{
    if (*slot == MC_NONE)
        *slot = _param(p, s);
    return *slot;
}

/* The chained years t0 .. t0 + n - 1: one step per run of one class. */
static void _chain(cxi_mc_plan *p, size_t s, size_t t0, size_t n, size_t *pslot)
{
    size_t slot = _slot(p, s, pslot);
    cx_rate_form f;
    double ovr;
    for (size_t i = 0; i < n;) {
        int cls = _form(p, s, t0 + i, &f, &ovr);
        size_t k = 1;
        while (i + k < n && _form(p, s, t0 + i + k, &f, &ovr) == cls)
            k++;
        _chain_run(p, s, t0 + i, k, slot, cls);
        i += k;
    }
}

static void _share(cxi_mc_plan *p, size_t s, size_t t0, size_t n, size_t *pslot)
{
    const cx_driver *d = &p->base->drivers[s];
    int row = d->share_series != CX_NO_INDEX;
    size_t slot = row ? 0 : _slot(p, s, pslot);
    cxi_mc_op *op = _op(p, row ? CXI_OP_SHARE_ROW : CXI_OP_SHARE, s, t0, n);
    op->src = d->of * p->ny;
    op->src2 = row ? d->share_series * p->ny : slot;
}

/* Which step year t of series s needs: -1 none. */
static int _year_kind(const cxi_mc_plan *p, size_t s, size_t t, int figure)
{
    cx_value_kind k = p->base->series[s].v[t].kind;
    cx_method m = p->base->drivers[s].method;
    if (p->m->series[s].kind == CX_S_SUM)
        return k != CX_V_MISSING ? CXI_OP_SUM : -1;
    if (p->m->series[s].kind == CX_S_FORMULA && k == CX_V_DERIVED)
        return CXI_OP_FORMULA;    /* its other years as any series' */
    if (k == CX_V_INTERPOLATED)
        return figure ? CXI_OP_INTERP : -1;
    if (k != CX_V_PROJECTED)
        return -1;
    if (m == CX_D_SHARE || m == CX_D_INTENSITY)
        return CXI_OP_SHARE;
    return cx_method_chained(m) && t > 0 ? CXI_OP_CHAIN : -1;
}

/* An interpolated run and its stated neighbours. */
static void _interp(cxi_mc_plan *p, size_t s, size_t t0, size_t n)
{
    const cx_value *v = p->base->series[s].v;
    size_t a = t0, b = t0 + n;
    while (a > 0 && !cx_value_stated(&v[a - 1]))
        a--;
    while (b < p->ny && !cx_value_stated(&v[b]))
        b++;
    if (a == 0 || b == p->ny || t0 == 0)    /* no stated neighbour: not interpolated */
        return;
    cxi_mc_op *op = _op(p, CXI_OP_INTERP, s, t0, n);
    op->src = a - 1;
    op->src2 = b;
}

static void _sum(cxi_mc_plan *p, size_t s, size_t t0, size_t n, size_t **parts)
{
    const cx_series *se = &p->m->series[s];
    cxi_mc_op *op = _op(p, CXI_OP_SUM, s, t0, n);
    op->parts = *parts;
    op->nparts = se->nparts;
    for (size_t i = 0; i < se->nparts; i++)
        (*parts)[i] = se->parts[i] * p->ny;
    *parts += se->nparts;
}

/* A depreciation entry's step, once for its four series: its rule in
 * effect, its rows, and the profile when the life is not drawn. */
static cx_status _dep(cxi_mc_plan *p, size_t d)
{
    const cx_depreciation *dep = &p->m->depreciations[d];
    const cx_dep_result *dr = &p->base->deps[d];
    cxi_mc_dep *x = &p->deps[d];
    if (x->g || dr->first < 0)
        return CX_OK;                      /* done, or nothing to depreciate */
    x->rule = cx_dep_rule_periods(dr->rule, p->m->cal.per_year);
    x->input = cx_uncertainty_find(p->u, CX_MC_LIFE, dep->series[CX_DEP_EXPENSE], 0);
    x->capex = dep->capex * p->ny;
    for (int k = 0; k < CX_DEP_PARTS; k++)
        x->rows[k] = dep->series[k] * p->ny;
    x->first = (size_t)dr->first;
    x->n = p->ny - x->first;
    x->g = malloc(x->n * sizeof *x->g);
    double *u = malloc(x->n * sizeof *u);
    cx_status st = x->g && u ? cx_dep_profile(&x->rule, u, x->g, x->n) : CX_ENOMEM;
    free(u);
    if (st == CX_OK)
        _op(p, CXI_OP_DEP, dep->series[CX_DEP_EXPENSE], x->first, x->n)->dep = d;
    return st;
}

/* Series s's steps: one per run of years of the same kind. */
static void _series(cxi_mc_plan *p, size_t s, size_t **parts)
{
    int figure = _has_figure(p->u, s);
    size_t slot = MC_NONE;
    int evaluated = 0;
    for (size_t t = 0; t < p->ny;) {
        int k = _year_kind(p, s, t, figure);
        size_t n = 1;
        while (t + n < p->ny && _year_kind(p, s, t + n, figure) == k)
            n++;
        if (k == CXI_OP_SUM)
            _sum(p, s, t, n, parts);
        else if (k == CXI_OP_INTERP)
            _interp(p, s, t, n);
        else if (k == CXI_OP_SHARE)
            _share(p, s, t, n, &slot);
        else if (k == CXI_OP_CHAIN)
            _chain(p, s, t, n, &slot);
        else if (k == CXI_OP_FORMULA) {
            cxi_mc_op *op = _op(p, CXI_OP_FORMULA, s, t, n);
            op->series = s;
            op->eval = !evaluated;
            evaluated = 1;
        }
        t += n;
    }
}

static cx_status _figures(cxi_mc_plan *p)
{
    const cx_uncertainty *u = p->u;
    p->fig = malloc((u->ninputs ? u->ninputs : 1) * sizeof *p->fig);
    if (!p->fig)
        return CX_ENOMEM;
    for (size_t i = 0; i < u->ninputs; i++)
        if (u->inputs[i].param == CX_MC_FIGURE)
            p->fig[p->nfig++] = (cxi_mc_figure){
                i, u->inputs[i].series * p->ny
                   + (size_t)cx_model_year_index(p->m, u->inputs[i].year)};
    return CX_OK;
}

cx_status cxi_mc_ops_build(cxi_mc_plan *p)
{
    size_t ns = p->ns, nparts = 0, cells = ns * (p->ny + 1) + 1;
    for (size_t s = 0; s < ns; s++)
        nparts += p->m->series[s].kind == CX_S_SUM ? p->m->series[s].nparts : 0;
    char *affected = calloc(ns ? ns : 1, 1);
    p->ndeps = p->m->ndepreciations;
    p->deps = calloc(p->ndeps ? p->ndeps : 1, sizeof *p->deps);
    p->ops = malloc(cells * sizeof *p->ops);
    p->coef = malloc(5 * cells * sizeof *p->coef);
    p->parts = malloc((nparts * p->ny + 1) * sizeof *p->parts);
    cx_status st = affected && p->ops && p->coef && p->parts && p->deps ? _figures(p)
                                                                        : CX_ENOMEM;
    size_t *parts = p->parts;
    for (size_t i = 0; st == CX_OK && i < ns; i++) {
        size_t s = p->base->order[i];
        affected[s] = cx_uncertainty_find(p->u, CX_MC_DRIVER, s, 0) != MC_NONE
                      || _has_figure(p->u, s) || _follows(p, s, affected);
        if (affected[s] && p->m->series[s].kind == CX_S_DEPRECIATION)
            st = _dep(p, p->m->series[s].dep);
        else if (affected[s])
            _series(p, s, &parts);
    }
    free(affected);
    return st;
}

/* ---- running ------------------------------------------------------------- */

/* The parameter of a series into its slot: the draw, or the CAGR of the
 * path's figures over the window (NAN when it has none, as cx_cagr). */
static void _run_param(const cxi_mc_op *op, double *V, const double *x)
{
    if (op->pkind == CXI_P_INPUT)
        V[op->dst] = x[op->input];
    else
        cx_cagr_periods(V[op->src + (size_t)op->wa], V[op->src + (size_t)op->wb],
                        op->wb - op->wa, op->per_year, &V[op->dst]);
}

/* CHAIN over months or quarters: a year's periods share its rate, so the
 * conversion (a pow) is made once per year, not per period. */
static void _run_chain_periods(const cxi_mc_op *op, double *v, double p)
{
    double rate = NAN, f = 1;
    for (size_t i = 0; i < op->n; i++) {
        double r = p + (op->to[i] - p) * op->a[i] / op->b[i];
        if (!(r == rate)) {
            rate = r;
            f = 1 + cx_rate_convert(r, op->per, op->months);
        }
        v[i] = v[i - 1] * f;
    }
}

/* GROW, CHAIN, GROW_FIXED: v[t] = v[t-1] * (1 + rate[t]); with a fade or
 * stages parameter that is not finite every rate is 0 but the overrides
 * (cx_driver_rate refuses such a parameter). */
static void _run_chain(const cxi_mc_op *op, double *v, double p)
{
    const double *to = op->to, *a = op->a, *b = op->b, *g = op->g;
    if (op->zero_if_bad && !isfinite(p))
        g = op->gbad;
    else if (op->kind == CXI_OP_GROW) {
        double f = 1 + cx_rate_convert(p, op->per, op->months);
        for (size_t i = 0; i < op->n; i++)
            v[i] = v[i - 1] * f;
        return;
    } else if (op->kind == CXI_OP_CHAIN && op->per == op->months) {
        for (size_t i = 0; i < op->n; i++)
            v[i] = v[i - 1] * (1 + (p + (to[i] - p) * a[i] / b[i]));
        return;
    } else if (op->kind == CXI_OP_CHAIN) {
        _run_chain_periods(op, v, p);
        return;
    }
    for (size_t i = 0; i < op->n; i++)
        v[i] = v[i - 1] * g[i];
}

static void _run_sum(const cxi_mc_op *op, double *V)
{
    double *v = V + op->dst + op->t0;
    const double *first = V + op->parts[0] + op->t0;
    for (size_t i = 0; i < op->n; i++)
        v[i] = first[i];
    for (size_t k = 1; k < op->nparts; k++) {
        const double *part = V + op->parts[k] + op->t0;
        for (size_t i = 0; i < op->n; i++)
            v[i] = v[i] + part[i];
    }
}

static void _run_interp(const cxi_mc_op *op, double *V)
{
    double *row = V + op->dst;
    size_t a = op->src, b = op->src2;
    double step = (row[b] - row[a]) / (double)(int)(b - a);
    for (size_t t = op->t0; t < op->t0 + op->n; t++)
        row[t] = row[t - 1] + step;
}

/* DEP: the entry's four rows from the path's capex (0 where it has none),
 * with the profile of the drawn life when the life is drawn. */
static void _run_dep(const cxi_mc_plan *p, const cxi_mc_op *op, double *V, const double *x)
{
    const cxi_mc_dep *d = &p->deps[op->dep];
    size_t n = d->n, f = d->first;
    double *u = V + p->dep0, *g = u + p->ny, *capex = g + p->ny;
    cx_dep_rule rule = d->rule;
    const double *profile = d->g;
    if (d->input != MC_NONE) {
        rule.life = x[d->input] * (rule.periods > 1 ? rule.periods : 1);
        if (cx_dep_profile(&rule, rule.method == CX_DEP_STRAIGHT_LINE ? NULL : u, g, n)
            == CX_OK)
            profile = g;
    }
    for (size_t k = 0; k < n; k++) {
        double c = V[d->capex + f + k];
        capex[k] = isnan(c) ? 0 : c;
    }
    cx_dep_schedule s = {.n = n, .profile = (double *)profile,
                         .expense = V + d->rows[CX_DEP_EXPENSE] + f,
                         .gross = V + d->rows[CX_DEP_GROSS] + f,
                         .net = V + d->rows[CX_DEP_NET] + f,
                         .accumulated = V + d->rows[CX_DEP_ACCUMULATED] + f};
    cx_dep_roll(capex, &rule, &s);
}

void cxi_mc_ops_run(const cxi_mc_plan *p, double *V, const double *x, cxi_mc_fx *fx)
{
    for (size_t i = 0; i < p->nfig; i++)
        V[p->fig[i].at] = x[p->fig[i].input];
    for (size_t i = 0; i < p->nops; i++) {
        const cxi_mc_op *op = &p->ops[i];
        double *v = V + op->dst + op->t0;
        const double *of = V + op->src + op->t0;
        switch (op->kind) {
        case CXI_OP_PARAM:
            _run_param(op, V, x);
            break;
        case CXI_OP_GROW: case CXI_OP_CHAIN: case CXI_OP_GROW_FIXED:
            _run_chain(op, v, V[op->src]);
            break;
        case CXI_OP_SHARE:
            for (size_t t = 0; t < op->n; t++)
                v[t] = of[t] * V[op->src2];
            break;
        case CXI_OP_SHARE_ROW:
            for (size_t t = 0; t < op->n; t++)
                v[t] = of[t] * V[op->src2 + op->t0 + t];
            break;
        case CXI_OP_SUM:
            _run_sum(op, V);
            break;
        case CXI_OP_INTERP:
            _run_interp(op, V);
            break;
        case CXI_OP_FORMULA:
            cxi_mc_fx_run(p, op, V, fx);
            break;
        case CXI_OP_DEP:
            _run_dep(p, op, V, x);
            break;
        }
    }
}
