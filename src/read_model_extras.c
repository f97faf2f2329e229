/*
 * read_model_extras.c - 'constants' and 'commitments' of a model file (see
 * read_model_priv.h): the figures a model states besides its series, and
 * how each commitment is paid (a total spread by a profile, or a schedule).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_model_priv.h"

/* ---- constants -------------------------------------------------------- */

static int _constant(const rm_reader *r, const yt_node *key, const yt_node *def)
{
    static const char *const keys[] = {"value", "unit", "label", "source", NULL};
    if (!reader_is_identifier(key->text, key->len))
        return RM_ERR(r, key, "invalid constant name '%s' (letters, digits, '-', '_' "
                      "and '.')", rm_show(key).s);
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "in constant '%s'", key->text);
    int rc = 0;
    if (def->kind == YT_MAPPING && !(rc = rm_known_keys(r, def, keys, where)))
        rc = rm_need(r, def, "value", where);
    cx_constant *c;
    cx_status st = CX_OK;
    if (!rc && (st = cx_model_add_constant(r->m, &c)) != CX_OK)
        rc = rm_engine(st);
    if (!rc && cx_model_strdup(r->m, key->text, &c->name))
        rc = diag_oom();
    if (rc)
        return rc;
    c->line = key->line;
    c->col = key->col;
    c->unit = CX_U_MONEY;
    const yt_node *n, *value = def->kind == YT_MAPPING ? yt_get(def, "value") : def;
    if ((n = yt_get(def, "unit")))
        rc = rm_unit(r, n, &c->unit, &c->unit_text);
    if (!rc)
        rc = rm_opt_text(r, def, "label", &c->label);
    if (!rc)
        rc = rm_opt_text(r, def, "source", &c->source);
    rm_fig f = rm_fig_for(r->m, c->unit, c->unit_text);
    snprintf(where, sizeof where, "for constant '%s'", key->text);
    return rc ? rc : rm_figure(r, value, &f, where, &c->value);
}

int rm_constants(const rm_reader *r, const yt_node *n)
{
    return rm_each_pair(r, n, "for 'constants'", _constant);
}

/* ---- commitments ------------------------------------------------------ */

static const rm_fig *_money(const rm_reader *r, rm_fig *f)
{
    *f = rm_fig_for(r->m, CX_U_MONEY, NULL);
    return f;
}

/* A schedule amount keyed by period (rm_period_schedule's callback): ctx
 * is the pair. */
static int _amount_of(const rm_reader *r, const yt_node *k, cx_value *v, void *ctx)
{
    const yt_pair *p = ctx;
    rm_fig f;
    char what[48];
    snprintf(what, sizeof what, "for %s", k->text);
    return rm_figure(r, p->value, _money(r, &f), what, v);
}

static int _schedule(const rm_reader *r, const yt_node *n, cx_commitment *c)
{
    int rc = rm_want(r, n, YT_MAPPING, "of years for 'schedule'");
    if (rc)
        return rc;
    if (n->npairs == 0)
        return RM_ERR(r, n, "'schedule' is empty (expected year: amount pairs)");
    if (!(c->schedule = calloc(r->m->nyears, sizeof *c->schedule)))
        return diag_oom();
    rm_fig f;
    for (size_t i = 0; r->m->cal.per_year != 1 && i < n->npairs && !rc; i++) {
        _money(r, &f);
        rc = rm_period_schedule(r, n->pairs[i].key, c->name ? c->name : "(unnamed)",
                                c->schedule, _amount_of, (void *)&n->pairs[i]);
    }
    for (size_t i = 0; r->m->cal.per_year == 1 && i < n->npairs && !rc; i++) {
        const yt_node *k = n->pairs[i].key;
        int y;
        if ((rc = rm_year(r, k, "in 'schedule'", &y)))
            break;
        cx_value *v = &c->schedule[cx_model_year_index(r->m, y)];
        if (v->kind != CX_V_MISSING)
            rc = RM_ERR(r, k, "duplicate year %d in the schedule of '%s'", y, c->name);
        char what[32];
        snprintf(what, sizeof what, "for year %d", y);
        if (!rc)
            rc = rm_figure(r, n->pairs[i].value, _money(r, &f), what, v);
    }
    return rc;
}

static int _period(const rm_reader *r, const yt_node *def, cx_commitment *c)
{
    const yt_pair *start = yt_find(def, "start"), *years = yt_find(def, "years");
    if (!start != !years)
        return RM_ERR(r, start ? start->key : years->key, "'%s' needs '%s' (a period "
                      "is a first year and a number of years)", start ? "start" : "years",
                      start ? "years" : "start");
    if (!start)
        return 0;
    long v;
    int rc = rm_want(r, start->value, YT_SCALAR, "for 'start'");
    if (!rc && pv_parse_int(start->value->text, CX_MIN_YEAR, CX_MAX_YEAR, &v))
        rc = RM_ERR(r, start->value, "expected a year for 'start' (like 2027), got %s",
                    rm_got(start->value).s);
    if (rc)
        return rc;
    c->start = (int)v;
    return rm_count_of_years(r, years->value, "years", 1, &c->years);
}

/* profile: even, front or back; it spreads a total over a period. */
static int _profile(const rm_reader *r, const yt_node *def, cx_commitment *c)
{
    const yt_pair *p = yt_find(def, "profile");
    if (!p)
        return 0;
    if (!c->years)
        return RM_ERR(r, p->key, "'profile' needs 'total', 'start' and 'years' (it "
                      "spreads the total over those years)");
    int rc = rm_want(r, p->value, YT_SCALAR, "for 'profile'");
    for (int i = CX_P_EVEN; !rc && i <= CX_P_BACK; i++) {
        if (!strcmp(p->value->text, cx_profile_name((cx_profile)i))) {
            c->profile = (cx_profile)i;
            return 0;
        }
    }
    return rc ? rc : RM_ERR(r, p->value, "expected even, front or back for 'profile', "
                            "got %s", rm_got(p->value).s);
}

static int _commitment_body(const rm_reader *r, const yt_node *def, cx_commitment *c)
{
    const yt_pair *total = yt_find(def, "total"), *sched = yt_find(def, "schedule"),
                  *period = yt_find(def, "start");
    int rc = 0;
    rm_fig f;
    if (!period)
        period = yt_find(def, "years");
    if (total && sched)
        return RM_ERR(r, sched->key, "commitment '%s' has both 'total' and 'schedule' "
                      "(one or the other)", c->name);
    if (sched && period)
        return RM_ERR(r, period->key, "'%s' does not apply with 'schedule' (the "
                      "schedule gives the years)", period->key->text);
    if (!total && !sched)
        return RM_ERR(r, def, "commitment '%s' needs 'total' or 'schedule'", c->name);
    if (total)
        rc = rm_figure(r, total->value, _money(r, &f), "for 'total'", &c->total);
    if (!rc && total)
        rc = _period(r, def, c);
    if (!rc)
        rc = _profile(r, def, c);
    if (!rc && sched)
        rc = _schedule(r, sched->value, c);
    if (!rc)
        rc = rm_opt_text(r, def, "note", &c->note);
    if (!rc)
        rc = rm_opt_text(r, def, "source", &c->source);
    return rc;
}

static int _commitment(const rm_reader *r, const yt_node *def)
{
    static const char *const keys[] = {
        "name", "total", "start", "years", "profile", "schedule", "note", "source",
        NULL
    };
    int rc = rm_want(r, def, YT_MAPPING, "for a commitment");
    if (!rc)
        rc = rm_known_keys(r, def, keys, "in a commitment");
    if (!rc)
        rc = rm_need(r, def, "name", "in a commitment");
    cx_commitment *c;
    cx_status st = CX_OK;
    if (!rc && (st = cx_model_add_commitment(r->m, &c)) != CX_OK)
        rc = rm_engine(st);
    if (!rc)
        rc = rm_text(r, yt_get(def, "name"), "for 'name'", &c->name);
    if (rc)
        return rc;
    c->line = def->line;
    c->col = def->col;
    return _commitment_body(r, def, c);
}

int rm_commitments(const rm_reader *r, const yt_node *n)
{
    return rm_each_item(r, n, "of commitments for 'commitments'", _commitment);
}
