/*
 * report_explain_dep.c - `capex explain` of a depreciation series
 * (report_explain.h): the rule in effect, and each year's figure from the
 * schedule the engine computed - the purchases times the share of their
 * cost charged that many years after, and the roll-forward of PP&E.
 */
#include <math.h>
#include <stdio.h>

#include "report_explain.h"
#include "report_util.h"

void report_explain_dep_rule(FILE *f, const cx_result *r, size_t s)
{
    const cx_model *m = r->model;
    const cx_depreciation *dep = &m->depreciations[m->series[s].dep];
    const cx_dep_rule *rule = &r->deps[m->series[s].dep].rule;
    fprintf(f, "  depreciation of %s: life %g years, %s, %s, salvage %g%%",
            m->series[dep->capex].name, rule->life, cx_dep_method_name(rule->method),
            cx_dep_convention_name(rule->convention), rule->salvage * 100);
    if (rule->method == CX_DEP_DECLINING_BALANCE)
        fprintf(f, ", rate %g%%",
                (isfinite(rule->db_factor) && rule->db_factor > 0 ? rule->db_factor : 2) * 100);
    if (rule->has_opening)
        fprintf(f, "; opening PP&E gross %.2f, net %.2f over %g years", rule->opening_gross,
                rule->opening_net, rule->opening_life);
    fprintf(f, "   [%s:%d:%d]\n", m->file, dep->line, dep->col);
}

/* D&A: opening charge + purchases x g_k. */
static void _expense(FILE *f, const cx_dep_result *dr, const cx_model *m, int k)
{
    char p[CX_PERIOD_KEY_MAX];
    const cx_dep_schedule *s = &dr->schedule;
    const char *sep = "= ";
    if (s->opening[k] != 0) {
        fprintf(f, "%sopening %.2f", sep, s->opening[k]);
        sep = " + ";
    }
    for (int v = 0; v <= k; v++) {
        double c = dr->capex[dr->first + v];
        if (c == 0 || s->profile[k - v] == 0)
            continue;
        fprintf(f, "%s%s %.2f x %.2f%%", sep, cx_model_period_title(m, m->first_year + dr->first + v, p),
                c, s->profile[k - v] * 100);
        sep = " + ";
    }
    if (*sep == '=')
        fputs("= 0 (no purchase is being depreciated)", f);
}

void report_explain_dep_year(FILE *f, const cx_result *r, size_t s, size_t t)
{
    const cx_series *se = &r->model->series[s];
    const cx_dep_result *dr = &r->deps[se->dep];
    const cx_dep_schedule *sc = &dr->schedule;
    int k = (int)t - dr->first;
    if (k < 0 || (size_t)k >= sc->n)
        return;
    double prev_g = k ? sc->gross[k - 1] : dr->rule.has_opening ? dr->rule.opening_gross : 0;
    double prev_a = k ? sc->accumulated[k - 1]
                  : dr->rule.has_opening ? dr->rule.opening_gross - dr->rule.opening_net : 0;
    switch (se->dep_part) {
    case CX_DEP_EXPENSE:
        _expense(f, dr, r->model, k);
        break;
    case CX_DEP_GROSS:
        fprintf(f, "= %.2f + capex %.2f - retired %.2f", prev_g, dr->capex[t], sc->retired[k]);
        break;
    case CX_DEP_ACCUMULATED:
        fprintf(f, "= %.2f + D&A %.2f - retirements %.2f", prev_a, sc->expense[k],
                prev_a + sc->expense[k] - sc->accumulated[k]);
        break;
    default:
        fprintf(f, "= gross %.2f - accumulated %.2f", sc->gross[k], sc->accumulated[k]);
        break;
    }
}
