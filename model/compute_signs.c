/*
 * compute_signs.c - a warning for an outflow written with the sign a
 * cash-flow statement prints it with: a series used as the burn's costs,
 * or a capex series (metric "capex"), holding a negative stated figure
 * would be added where it is meant to be subtracted. One warning per
 * series, at its first negative figure.
 */
#include <string.h>
#include "compute_priv.h"

/* Used as costs: the burn's costs series, or a series named capex.*. */
static const char *_as_outflow(const cx_model *m, size_t s)
{
    char metric[64];
    if (m->burn.enabled && m->burn.costs == s)
        return "the burn's costs";
    cx_series_metric(&m->series[s], metric, sizeof metric);
    return strcmp(metric, "capex") ? NULL : "capex";
}

static cx_status _series_sign(cx_result *r, size_t s, const char *what)
{
    const cx_model *m = r->model;
    const cx_series *ser = &m->series[s];
    for (size_t t = 0; t < m->nyears; t++) {
        const cx_value *v = &ser->stated[t];
        if (!cx_value_stated(v) || !(v->base < 0))
            continue;
        char num[64], pos[64];
        cxi_format_number(num, sizeof num, v->base);
        cxi_format_number(pos, sizeof pos, 0 - v->base);
        const char *dot = strchr(ser->name, '.');
        char p[CX_PERIOD_KEY_MAX];
        return cxi_note(r, CX_NOTE_WARNING, s, m->first_year + (int)t, v->line, v->col,
                        "%s, used as %s, holds a negative figure (%s in %s): "
                        "write outflows as positive figures (%s), or derive it "
                        "with formula: \"-capex_cf.%s\"", ser->name, what, num,
                        cx_model_period_title(m, m->first_year + (int)t, p), pos,
                        dot ? dot + 1 : ser->name);
    }
    return CX_OK;
}

cx_status cxi_sign_notes(cx_result *r)
{
    const cx_model *m = r->model;
    cx_status st = CX_OK;
    for (size_t s = 0; st == CX_OK && s < m->nseries; s++) {
        const char *what = _as_outflow(m, s);
        if (what && m->series[s].kind == CX_S_INPUT)
            st = _series_sign(r, s, what);
    }
    return st;
}
