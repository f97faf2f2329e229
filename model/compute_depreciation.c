/*
 * compute_depreciation.c - depreciation entries inside cx_compute: the
 * rule in effect under the scenario, the capex series' purchases, the
 * schedule (depreciation.c), and its four series (NAME, NAME.gross,
 * NAME.net, NAME.accumulated) with low and high from the ends of the
 * capex figures and of a life written as a range.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "compute_priv.h"

cx_status cxi_depreciation_rules(cx_result *r)
{
    const cx_model *m = r->model;
    if (!m->ndepreciations)
        return CX_OK;
    r->deps = calloc(m->ndepreciations, sizeof *r->deps);
    if (!r->deps)
        return CX_ENOMEM;
    const cx_scenario *sc = r->scenario_index < m->nscenarios
                                ? &m->scenarios[r->scenario_index] : NULL;
    for (size_t d = 0; d < m->ndepreciations; d++)
        r->deps[d].rule = *cx_model_dep_rule(m, sc, d);
    return CX_OK;
}

cx_dep_rule cxi_dep_rule(const cx_result *r, size_t d)
{
    return cx_dep_rule_periods(r->deps[d].rule, r->model->cal.per_year);
}

void cxi_depreciation_release(cx_result *r)
{
    for (size_t d = 0; r->deps && d < r->model->ndepreciations; d++) {
        free(r->deps[d].capex);
        cx_dep_release(&r->deps[d].schedule);
    }
    free(r->deps);
    r->deps = NULL;
}

static const double *_part(const cx_dep_schedule *s, cx_dep_part p)
{
    return p == CX_DEP_EXPENSE ? s->expense : p == CX_DEP_GROSS ? s->gross
         : p == CX_DEP_NET ? s->net : s->accumulated;
}

/* One note for the capex years with no figure (counted as no purchase),
 * one warning at the first negative purchase. */
static cx_status _capex_notes(cx_result *r, size_t d, int first)
{
    const cx_depreciation *dep = &r->model->depreciations[d];
    const cx_series_result *cs = &r->series[dep->capex];
    const char *name = r->model->series[dep->capex].name;
    int missing = -1, nmissing = 0, negative = -1;
    if (cs->first > first)
        first = cs->first;         /* before the series starts: the opening books */
    for (int t = first; t < (int)r->model->nyears; t++) {
        if (!cx_value_present(&cs->v[t]) && nmissing++ == 0)
            missing = t;
        else if (cx_value_present(&cs->v[t]) && cs->v[t].base < 0 && negative < 0)
            negative = t;
    }
    cx_status st = CX_OK;
    char p[CX_PERIOD_KEY_MAX];
    const char *unit = r->model->cal.per_year == 1 ? "year" : "period";
    if (nmissing)
        st = cxi_note(r, CX_NOTE_INFO, dep->series[0], r->model->first_year + missing,
                      dep->line, dep->col, "%s: '%s' has no figure in %d %s%s from %s: "
                      "no purchase counted there", dep->name, name, nmissing, unit,
                      nmissing == 1 ? "" : "s",
                      cx_model_period_title(r->model, r->model->first_year + missing, p));
    if (st == CX_OK && negative >= 0) {
        const cx_value *v = &cs->v[negative];
        st = cxi_note(r, CX_NOTE_WARNING, dep->capex, r->model->first_year + negative,
                      v->line ? v->line : dep->line, v->line ? v->col : dep->col,
                      "%s: '%s' is negative in %s; capex is depreciated as a positive "
                      "outflow (write purchases as positive figures, or "
                      "formula: \"-%s\")", dep->name, name,
                      cx_model_period_title(r->model, r->model->first_year + negative, p), name);
    }
    return st;
}

/* Purchases from period first on: the capex base (or its low/high end),
 * 0 where the series has no figure. */
static void _purchases(const cx_result *r, size_t d, int first, int end, double *out)
{
    const cx_series_result *cs = &r->series[r->model->depreciations[d].capex];
    for (int t = first; t < (int)r->model->nyears; t++) {
        const cx_value *v = &cs->v[t];
        double x = !cx_value_present(v) ? 0 : end < 0 ? v->low : end > 0 ? v->high : v->base;
        out[t - first] = isfinite(x) ? x : v->base;
    }
}

/* Fold the schedule of (purchases at end, life) into lo/hi per part. */
static cx_status _corner(cx_result *r, size_t d, int first, int end, double life,
                         double *buf, double *lo, double *hi)
{
    size_t n = r->model->nyears - (size_t)first;
    cx_dep_rule rule = r->deps[d].rule;
    rule.life = life;
    rule = cx_dep_rule_periods(rule, r->model->cal.per_year);
    cx_dep_schedule s;
    _purchases(r, d, first, end, buf);
    cx_status st = cx_dep_compute(buf, n, &rule, &s);
    for (int p = 0; st == CX_OK && p < CX_DEP_PARTS; p++) {
        const double *x = _part(&s, (cx_dep_part)p);
        for (size_t k = 0; k < n; k++) {
            lo[p * n + k] = fmin(lo[p * n + k], x[k]);
            hi[p * n + k] = fmax(hi[p * n + k], x[k]);
        }
    }
    cx_dep_release(&s);
    return st;
}

/* The life's ends: a range as written, unless a scenario set the life. */
static void _life_ends(const cx_result *r, size_t d, double *lo, double *hi)
{
    const cx_depreciation *dep = &r->model->depreciations[d];
    double life = r->deps[d].rule.life;
    *lo = *hi = life;
    if (dep->life.kind == CX_V_RANGE && life == dep->rule.life) {
        *lo = dep->life.low;
        *hi = dep->life.high;
    }
}

/* Whether the capex figures from period first on have ends apart from
 * their base (ranges, floors with a bound, projections of them). */
static int _capex_spread(const cx_result *r, size_t d, int first)
{
    const cx_series_result *cs = &r->series[r->model->depreciations[d].capex];
    for (int t = first; t < (int)r->model->nyears; t++) {
        const cx_value *v = &cs->v[t];
        if (cx_value_present(v) && ((isfinite(v->low) && v->low != v->base) ||
                                    (isfinite(v->high) && v->high != v->base)))
            return 1;
    }
    return 0;
}

static cx_status _bounds(cx_result *r, size_t d, int first, double *lo, double *hi)
{
    size_t n = r->model->nyears - (size_t)first;
    double life[2];
    _life_ends(r, d, &life[0], &life[1]);
    for (size_t k = 0; k < CX_DEP_PARTS * n; k++) {
        lo[k] = INFINITY;
        hi[k] = -INFINITY;
    }
    if (life[0] == life[1] && !_capex_spread(r, d, first))
        return CX_OK;           /* no ends apart: low = high = base (_fill) */
    double *buf = malloc(n * sizeof *buf);
    if (!buf)
        return CX_ENOMEM;
    cx_status st = CX_OK;
    for (int end = -1; st == CX_OK && end <= 1; end += 2)
        for (int l = 0; st == CX_OK && l < 2; l++)
            st = _corner(r, d, first, end, life[l], buf, lo, hi);
    free(buf);
    return st;
}

/* The four series' values from period first on. */
static void _fill(cx_result *r, size_t d, int first, const double *lo, const double *hi)
{
    const cx_depreciation *dep = &r->model->depreciations[d];
    const cx_dep_schedule *s = &r->deps[d].schedule;
    size_t n = s->n;
    for (int p = 0; p < CX_DEP_PARTS; p++) {
        const double *x = _part(s, (cx_dep_part)p);
        cx_value *v = r->series[dep->series[p]].v;
        for (size_t k = 0; k < n; k++) {
            double base = x[k];
            v[first + (int)k] = (cx_value){
                .kind = CX_V_DERIVED, .base = base,
                .low = fmin(base, lo[p * n + k]), .high = fmax(base, hi[p * n + k])};
        }
    }
}

/* The Summary's figures: the first year with D&A, the last year's and its
 * multiple of that first one, the year D&A first reaches the share of
 * capex the model asks about. */
static void _headline(cx_result *r, size_t d)
{
    cx_dep_result *dr = &r->deps[d];
    const cx_dep_schedule *s = &dr->schedule;
    double share = r->model->depreciations[d].share_of_capex;
    dr->da_last = dr->da_multiple = NAN;
    if (!s->n)
        return;
    dr->da_last = s->expense[s->n - 1];
    for (size_t k = 0; k < s->n && !dr->da_first; k++)
        if (s->expense[k] > 0) {
            dr->da_first = r->model->first_year + dr->first + (int)k;
            dr->da_multiple = dr->da_last / s->expense[k];
        }
    for (size_t k = 0; isfinite(share) && k < s->n && !dr->exceeds_year; k++) {
        double c = dr->capex[dr->first + (int)k];
        if (c > 0 && s->expense[k] >= share * c)
            dr->exceeds_year = r->model->first_year + dr->first + (int)k;
    }
}

static cx_status _schedule(cx_result *r, size_t d)
{
    cx_dep_result *dr = &r->deps[d];
    const cx_series_result *cs = &r->series[r->model->depreciations[d].capex];
    dr->computed = 1;
    dr->da_last = dr->da_multiple = NAN;
    dr->first = dr->rule.has_opening ? 0 : cs->first;
    if (dr->first < 0)
        return CX_OK;                  /* nothing bought, nothing on the books */
    size_t n = r->model->nyears - (size_t)dr->first;
    dr->capex = calloc(r->model->nyears, sizeof *dr->capex);
    double *bounds = malloc(2 * CX_DEP_PARTS * n * sizeof *bounds);
    cx_status st = dr->capex && bounds ? _capex_notes(r, d, dr->first) : CX_ENOMEM;
    if (st == CX_OK) {
        _purchases(r, d, dr->first, 0, dr->capex + dr->first);
        cx_dep_rule rule = cxi_dep_rule(r, d);
        st = cx_dep_compute(dr->capex + dr->first, n, &rule, &dr->schedule);
    }
    if (st == CX_OK)
        st = _bounds(r, d, dr->first, bounds, bounds + CX_DEP_PARTS * n);
    if (st == CX_OK) {
        _fill(r, d, dr->first, bounds, bounds + CX_DEP_PARTS * n);
        _headline(r, d);
    }
    free(bounds);
    return st;
}

cx_status cxi_depreciation_compute(cx_result *r, size_t s)
{
    size_t d = r->model->series[s].dep;
    if (!r->deps || d >= r->model->ndepreciations)
        return CX_EINVAL;
    if (r->deps[d].computed)
        return CX_OK;
    return _schedule(r, d);
}
