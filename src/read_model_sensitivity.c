/*
 * read_model_sensitivity.c - the 'sensitivity' section (docs/format.md):
 * which output to watch, the tornado's drivers and their moves, and the
 * two-way grid.
 *
 *   sensitivity:
 *     output: cumulative_burn       # peak_burn, break_even, npv, value
 *     through: 2029
 *     tornado: {drivers: [revenue.lab, costs.lab], move: 20%}
 *     grid: {x: revenue.lab, y: costs.lab, steps: [-20%, 0%, 20%]}
 */
#include <stdio.h>
#include <string.h>

#include "read_model_priv.h"

#define MAX_STEPS 25

static const char *const _keys[] = {
    "output", "through", "series", "year", "tornado", "grid", NULL
};

/* What each output needs: 1 burn, 2 discount, 0 nothing. */
static int _needs(cx_sens_output o)
{
    return o == CX_SO_NPV ? 2 : o == CX_SO_VALUE ? 0 : 1;
}

static int _output(const rm_reader *r, const yt_node *n, cx_sensitivity_spec *s)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'output'");
    int k = 0;
    while (!rc && k < CX_SO_COUNT && strcmp(n->text, cx_sens_output_name((cx_sens_output)k)))
        k++;
    if (!rc && k == CX_SO_COUNT)
        return RM_ERR(r, n, "expected cumulative_burn, peak_burn, break_even, npv "
                      "or value for 'output', got %s", rm_got(n).s);
    s->output = (cx_sens_output)k;
    if (!rc && _needs(s->output) == 1 && !r->m->burn.enabled)
        rc = RM_ERR(r, n, "sensitivity output '%s' needs 'burn' (which series make up "
                    "the net cash flow)", n->text);
    if (!rc && _needs(s->output) == 2 && !r->m->discount.enabled)
        rc = RM_ERR(r, n, "sensitivity output 'npv' needs 'discount' (the rate to "
                    "discount at)");
    return rc;
}

/* A key that only one output takes. */
static int _only_for(const rm_reader *r, const yt_node *map, const char *key,
                     cx_sens_output o, cx_sens_output want)
{
    const yt_pair *p = yt_find(map, key);
    if (!p || o == want)
        return 0;
    return RM_ERR(r, p->key, "'%s' applies only to output %s (the output is %s)", key,
                  cx_sens_output_name(want), cx_sens_output_name(o));
}

static int _what(const rm_reader *r, const yt_node *n, cx_sensitivity_spec *s)
{
    int rc = yt_get(n, "output") ? _output(r, yt_get(n, "output"), s) : 0;
    if (!rc && !yt_get(n, "output") && !r->m->burn.enabled)
        rc = RM_ERR(r, n, "sensitivity output 'cumulative_burn' (the default) needs "
                    "'burn'; give another 'output'");
    if (!rc)
        rc = _only_for(r, n, "through", s->output, CX_SO_CUMULATIVE);
    if (!rc)
        rc = _only_for(r, n, "series", s->output, CX_SO_VALUE);
    if (!rc)
        rc = _only_for(r, n, "year", s->output, CX_SO_VALUE);
    if (!rc && yt_get(n, "through"))
        rc = rm_period(r, yt_get(n, "through"), "for 'through'", 1, &s->through);
    if (!rc && s->output == CX_SO_VALUE) {
        rc = rm_need(r, n, "series", "in 'sensitivity' (output value: which series)");
        if (!rc)
            rc = rm_need(r, n, "year", "in 'sensitivity' (output value: which year)");
        if (!rc)
            rc = rm_series_ref(r, yt_get(n, "series"), "for 'series'", &s->series);
        if (!rc)
            rc = rm_period(r, yt_get(n, "year"), "for 'year'", 1, &s->year);
    }
    return rc;
}

/* ---- drivers ----------------------------------------------------------- */

static int _movable(const cx_driver *d, int absolute)
{
    switch (d->method) {
    case CX_D_GROWTH: case CX_D_CAGR: case CX_D_FADE: case CX_D_STAGES:
        return 1;
    case CX_D_RATES:
        return !absolute;
    case CX_D_SHARE: case CX_D_INTENSITY:
        return d->share_series == CX_NO_INDEX;
    default:
        return 0;
    }
}

static int _unmovable(const rm_reader *r, const yt_node *n, size_t si,
                      const cx_driver *d, const char *where, int absolute)
{
    const char *name = r->m->series[si].name;
    if (d->method == CX_D_NONE)
        return RM_ERR(r, n, "'%s' has no driver%s to move (give it one under "
                      "'drivers')", name, where);
    if (absolute && d->method == CX_D_RATES)
        return RM_ERR(r, n, "'%s' is a rates driver%s: it has no single rate for "
                      "'low' and 'high' (give 'move' instead)", name, where);
    return RM_ERR(r, n, "the %s driver of '%s'%s has no rate to move (growth, "
                  "rates, cagr, fade, stages, or a share with a constant 'share')",
                  cx_method_name(d->method), name, where);
}

/* A depreciation entry's D&A series: its life moves. */
static int _dep_driver(const rm_reader *r, const yt_node *n, size_t si)
{
    const cx_series *s = &r->m->series[si];
    if (s->dep_part == CX_DEP_EXPENSE)
        return 0;
    return RM_ERR(r, n, "'%s' follows depreciation '%s': name '%s' to move its life",
                  s->name, r->m->depreciations[s->dep].name,
                  r->m->depreciations[s->dep].name);
}

/* Every life entry d takes (base and scenarios), moved by (1 + x) or to x,
 * must stay above 0 and at most 100 years. */
static int _life_moves(const rm_reader *r, const yt_node *n, size_t si, double x, int absolute)
{
    const cx_model *m = r->m;
    size_t d = m->series[si].dep;
    for (size_t k = 0; k <= m->nscenarios; k++) {
        const cx_dep_rule *rule = cx_model_dep_rule(m, k < m->nscenarios ? &m->scenarios[k]
                                                    : NULL, d);
        double life = absolute ? x : rule->life * (1 + x);
        if (!(life > 0 && life <= CX_DEP_MAX_LIFE))
            return RM_ERR(r, n, "moving the life of '%s' gives %g years (expected above 0 "
                          "and at most %.0f)", m->depreciations[d].name, life,
                          CX_DEP_MAX_LIFE);
    }
    return 0;
}

/* A driver series: movable in the base and in every scenario. */
static int _driver_series(const rm_reader *r, const yt_node *n, int absolute, size_t *si)
{
    const cx_model *m = r->m;
    int rc = rm_series_ref(r, n, "for a sensitivity driver", si);
    if (!rc && m->series[*si].kind == CX_S_DEPRECIATION)
        return _dep_driver(r, n, *si);
    if (!rc && !_movable(&m->series[*si].driver, absolute))
        return _unmovable(r, n, *si, &m->series[*si].driver, "", absolute);
    for (size_t k = 0; !rc && k < m->nscenarios; k++) {
        const cx_scenario *sc = &m->scenarios[k];
        for (size_t i = 0; i < sc->noverrides; i++) {
            const cx_driver *d = &sc->overrides[i].driver;
            if (sc->overrides[i].series != *si || _movable(d, absolute))
                continue;
            char where[160];
            snprintf(where, sizeof where, " in scenario '%s'", sc->name);
            return _unmovable(r, n, *si, d, where, absolute);
        }
    }
    return rc;
}

static int _move(const rm_reader *r, const yt_node *n, double *move)
{
    rm_fig f = rm_fig_for(r->m, CX_U_RATIO, NULL);
    int rc = rm_single(r, n, &f, "for 'move'", move);
    if (!rc && !(*move > 0))
        rc = RM_ERR(r, n, "expected a move above 0 for 'move' (like 20%%: each rate "
                    "times 0.8 and 1.2), got %s", rm_got(n).s);
    return rc;
}

/* {series: S, move: 30%} or {series: S, low: 80%, high: 130%}. */
static int _driver_map(const rm_reader *r, const yt_node *def, cx_sens_driver *d)
{
    static const char *const keys[] = {"series", "move", "low", "high", NULL};
    int rc = rm_known_keys(r, def, keys, "in a sensitivity driver");
    if (!rc)
        rc = rm_need(r, def, "series", "in a sensitivity driver");
    int bounds = yt_get(def, "low") || yt_get(def, "high");
    if (!rc && bounds && yt_get(def, "move"))
        rc = RM_ERR(r, yt_find(def, "move")->key, "give 'move' or 'low' and 'high' "
                    "for a sensitivity driver, not both");
    if (!rc)
        rc = _driver_series(r, yt_get(def, "series"), bounds, &d->series);
    int life = !rc && r->m->series[d->series].kind == CX_S_DEPRECIATION;
    if (!rc && bounds) {
        rc = rm_need(r, def, yt_get(def, "low") ? "high" : "low",
                     "in a sensitivity driver ('low' and 'high' go together)");
        rm_fig f = life ? rm_fig_for(r->m, CX_U_OTHER, "years")
                        : rm_fig_for(r->m, CX_U_RATIO, NULL);
        if (!rc)
            rc = rm_single(r, yt_get(def, "low"), &f, "for 'low'", &d->low);
        if (!rc)
            rc = rm_single(r, yt_get(def, "high"), &f, "for 'high'", &d->high);
        d->absolute = 1;
    } else if (!rc && yt_get(def, "move")) {
        rc = _move(r, yt_get(def, "move"), &d->high);
        d->low = -d->high;
    }
    return rc;
}

/* One item of 'drivers': a series name, moved by the tornado's move, or a
 * mapping. */
static int _driver(const rm_reader *r, const yt_node *def, double move)
{
    cx_sens_driver d = {.series = CX_NO_INDEX, .low = -move, .high = move,
                        .line = def->line, .col = def->col};
    int rc;
    if (def->kind == YT_MAPPING)
        rc = _driver_map(r, def, &d);
    else
        rc = _driver_series(r, def, 0, &d.series);
    if (!rc && !d.absolute && !(d.high > 0))
        rc = RM_ERR(r, def, "no move for '%s': give the tornado a 'move' (like 20%%) "
                    "or the driver 'move' or 'low' and 'high'", r->m->series[d.series].name);
    if (!rc && r->m->series[d.series].kind == CX_S_DEPRECIATION) {
        rc = _life_moves(r, def, d.series, d.low, d.absolute);
        if (!rc)
            rc = _life_moves(r, def, d.series, d.high, d.absolute);
    }
    cx_status st;
    if (!rc && (st = cx_sensitivity_add_driver(r->m->sensitivity, &d)) != CX_OK)
        rc = rm_engine(st);
    return rc;
}

static int _tornado(const rm_reader *r, const yt_node *n)
{
    static const char *const keys[] = {"drivers", "move", NULL};
    int rc = rm_want(r, n, YT_MAPPING,
                     "for 'tornado' (like {drivers: [revenue.lab, costs.lab], move: 20%})");
    if (!rc)
        rc = rm_known_keys(r, n, keys, "in 'tornado'");
    if (!rc)
        rc = rm_need(r, n, "drivers", "in 'tornado'");
    double move = 0;
    if (!rc && yt_get(n, "move"))
        rc = _move(r, yt_get(n, "move"), &move);
    const yt_node *list = rc ? NULL : yt_get(n, "drivers");
    if (!rc)
        rc = rm_want(r, list, YT_SEQUENCE, "for 'drivers' (a list of series)");
    if (!rc && list->nitems == 0)
        rc = RM_ERR(r, list, "'drivers' in 'tornado' is empty (list the series to move)");
    if (!rc && list->nitems > READER_MAX_TORNADO)
        rc = RM_ERR(r, list, "too many drivers in 'tornado' (at most %d: each costs two "
                    "runs of the model)", READER_MAX_TORNADO);
    for (size_t i = 0; !rc && i < list->nitems; i++)
        rc = _driver(r, list->items[i], move);
    return rc;
}

/* ---- grid -------------------------------------------------------------- */

static int _steps(const rm_reader *r, const yt_node *n, double *steps, size_t *count)
{
    int rc = rm_want(r, n, YT_SEQUENCE, "for 'steps' (a list of moves like [-20%, 0%, 20%])");
    if (!rc && (n->nitems == 0 || n->nitems > MAX_STEPS))
        rc = RM_ERR(r, n, "expected 1 to %d moves for 'steps', got %zu", MAX_STEPS,
                    n->nitems);
    rm_fig f = rm_fig_for(r->m, CX_U_RATIO, NULL);
    for (size_t i = 0; !rc && i < n->nitems; i++)
        rc = rm_single(r, n->items[i], &f, "for a step of 'steps'", &steps[i]);
    *count = rc ? 0 : n->nitems;
    return rc;
}

static int _grid(const rm_reader *r, const yt_node *n)
{
    static const char *const keys[] = {"x", "y", "steps", NULL};
    size_t x = CX_NO_INDEX, y = CX_NO_INDEX, count = 0;
    double steps[MAX_STEPS];
    int rc = rm_want(r, n, YT_MAPPING,
                     "for 'grid' (like {x: revenue.lab, y: costs.lab, steps: [-20%, 0%, 20%]})");
    if (!rc)
        rc = rm_known_keys(r, n, keys, "in 'grid'");
    for (int i = 0; !rc && i < 3; i++)
        rc = rm_need(r, n, keys[i], "in 'grid'");
    if (!rc)
        rc = _driver_series(r, yt_get(n, "x"), 0, &x);
    if (!rc)
        rc = _driver_series(r, yt_get(n, "y"), 0, &y);
    if (!rc && x == y)
        rc = RM_ERR(r, yt_get(n, "y"), "'x' and 'y' in 'grid' are both '%s' (a two-way "
                    "table moves two different drivers)", r->m->series[x].name);
    if (!rc)
        rc = _steps(r, yt_get(n, "steps"), steps, &count);
    for (size_t i = 0; !rc && i < count; i++) {
        if (r->m->series[x].kind == CX_S_DEPRECIATION)
            rc = _life_moves(r, yt_get(n, "steps")->items[i], x, steps[i], 0);
        if (!rc && r->m->series[y].kind == CX_S_DEPRECIATION)
            rc = _life_moves(r, yt_get(n, "steps")->items[i], y, steps[i], 0);
    }
    cx_status st;
    if (!rc && (st = cx_sensitivity_set_grid(r->m->sensitivity, x, y, steps, count)) != CX_OK)
        rc = rm_engine(st);
    return rc;
}

int rm_sensitivity(const rm_reader *r, const yt_node *n)
{
    int rc = rm_want(r, n, YT_MAPPING, "for 'sensitivity' (like {output: cumulative_burn, "
                     "tornado: {drivers: [revenue.lab], move: 20%}})");
    if (!rc)
        rc = rm_known_keys(r, n, _keys, "in 'sensitivity'");
    if (!rc && !yt_get(n, "tornado") && !yt_get(n, "grid"))
        rc = RM_ERR(r, n, "'sensitivity' needs a 'tornado', a 'grid' or both");
    cx_status st;
    if (!rc && (st = cx_sensitivity_spec_new(&r->m->sensitivity)) != CX_OK)
        return rm_engine(st);
    if (rc)
        return rc;
    cx_sensitivity_spec *s = r->m->sensitivity;
    s->line = n->line;
    s->col = n->col;
    rc = _what(r, n, s);
    if (!rc && yt_get(n, "tornado"))
        rc = _tornado(r, yt_get(n, "tornado"));
    if (!rc && yt_get(n, "grid"))
        rc = _grid(r, yt_get(n, "grid"));
    return rc;
}
