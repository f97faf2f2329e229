/*
 * read_model_goals.c - the 'goals' section (docs/format.md): which series'
 * constant growth rate to solve for, and the target it must reach.
 *
 *   goals:
 *     - {solve: revenue.lab, for: break_even, by: 2030}
 *     - {solve: costs.lab, for: peak_funding, below: 150}
 */
#include <stdio.h>
#include <string.h>

#include "read_model_priv.h"

static const char *const _goal_keys[] = {
    "solve", "for", "by", "below", "label", "source", NULL
};

/* solve: an input series (a sum has no driver of its own to replace). */
static int _solve(const rm_reader *r, const yt_node *n, cx_goal *g)
{
    int rc = rm_series_ref(r, n, "for 'solve'", &g->series);
    if (!rc && r->m->series[g->series].kind == CX_S_SUM)
        rc = RM_ERR(r, n, "'%s' is a sum series (goal seek replaces a driver: solve "
                    "for one of its parts)", r->m->series[g->series].name);
    if (!rc && r->m->series[g->series].kind == CX_S_DEPRECIATION)
        rc = RM_ERR(r, n, "'%s' comes from 'depreciation' (goal seek replaces a driver: "
                    "solve for its capex series)", r->m->series[g->series].name);
    return rc;
}

static int _kind(const rm_reader *r, const yt_node *n, cx_goal *g)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'for'");
    for (int k = CX_G_BREAK_EVEN; !rc && k <= CX_G_PEAK_FUNDING; k++) {
        if (!strcmp(n->text, cx_goal_kind_name((cx_goal_kind)k))) {
            g->kind = (cx_goal_kind)k;
            return 0;
        }
    }
    return rc ? rc : RM_ERR(r, n, "expected break_even or peak_funding for 'for', got %s",
                            rm_got(n).s);
}

/* by (break_even) or below (peak_funding): the one that applies. */
static int _target(const rm_reader *r, const yt_node *def, cx_goal *g)
{
    const char *need = g->kind == CX_G_BREAK_EVEN ? "by" : "below";
    const char *other = g->kind == CX_G_BREAK_EVEN ? "below" : "by";
    const yt_pair *p = yt_find(def, other);
    if (p)
        return RM_ERR(r, p->key, "'%s' does not apply to a '%s' goal (it takes '%s')",
                      other, cx_goal_kind_name(g->kind), need);
    char where[48];
    snprintf(where, sizeof where, "in the '%s' goal", cx_goal_kind_name(g->kind));
    int rc = rm_need(r, def, need, where);
    if (rc)
        return rc;
    const yt_node *n = yt_get(def, need);
    if (g->kind == CX_G_BREAK_EVEN)
        return rm_period(r, n, "for 'by'", 1, &g->by);
    rm_fig f = rm_fig_for(r->m, CX_U_MONEY, NULL);
    rc = rm_single(r, n, &f, "for 'below'", &g->cap);
    if (!rc && !(g->cap > 0))
        rc = RM_ERR(r, n, "expected the most funding the plan may need for 'below', "
                    "above 0 (like 150), got %s", rm_got(n).s);
    return rc;
}

static int _goal(const rm_reader *r, const yt_node *def)
{
    int rc = rm_want(r, def, YT_MAPPING,
                     "for a goal (like {solve: revenue.lab, for: break_even, by: 2030})");
    if (!rc)
        rc = rm_known_keys(r, def, _goal_keys, "in a goal");
    for (int i = 0; !rc && i < 2; i++)
        rc = rm_need(r, def, _goal_keys[i], "in a goal");
    cx_goal *g;
    cx_status st = CX_OK;
    if (!rc && (st = cx_model_add_goal(r->m, &g)) != CX_OK)
        rc = rm_engine(st);
    if (rc)
        return rc;
    g->line = def->line;
    g->col = def->col;
    rc = _solve(r, yt_get(def, "solve"), g);
    if (!rc)
        rc = _kind(r, yt_get(def, "for"), g);
    if (!rc)
        rc = _target(r, def, g);
    if (!rc)
        rc = rm_opt_text(r, def, "label", &g->label);
    if (!rc)
        rc = rm_opt_text(r, def, "source", &g->source);
    return rc;
}

int rm_goals(const rm_reader *r, const yt_node *n)
{
    if (!r->m->burn.enabled)
        return RM_ERR(r, n, "'goals' needs 'burn' (goal seek solves for the net cash "
                      "flow or the peak cumulative burn)");
    return rm_each_item(r, n, "of goals for 'goals'", _goal);
}
