/*
 * read_model_depreciation.c - 'depreciation' of a model file, and the
 * rules a scenario changes (see read_model_priv.h, docs/format.md): each
 * entry names the D&A series it produces and the capex series it
 * depreciates, with a life, a method, a convention, a salvage share and
 * optional opening PP&E.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "read_model_priv.h"

/* The words of method: and convention:, the engine's names (NULL-ended:
 * the name of the COUNT past the last is NULL). */
static void _words(const char **methods, const char **conventions)
{
    for (int i = 0; i <= CX_DEP_METHOD_COUNT; i++)
        methods[i] = cx_dep_method_name((cx_dep_method)i);
    for (int i = 0; i <= CX_DEP_CONVENTION_COUNT; i++)
        conventions[i] = cx_dep_convention_name((cx_dep_convention)i);
}

/* A word from a fixed list; the nearest suggested when it is not one. */
static int _word(const rm_reader *r, const yt_node *n, const char *key,
                 const char *const *words, int *out)
{
    char what[40];
    snprintf(what, sizeof what, "for '%s'", key);
    int rc = rm_want(r, n, YT_SCALAR, what);
    for (int i = 0; !rc && words[i]; i++)
        if (!strcmp(n->text, words[i])) {
            *out = i;
            return 0;
        }
    if (rc)
        return rc;
    char list[128];
    rm_list(words, "or", list, sizeof list);
    const char *near = reader_suggest(n->text, words);
    if (near)
        return RM_ERR(r, n, "unknown %s '%s' (did you mean '%s'? expected %s)", key,
                      rm_show(n).s, near, list);
    return RM_ERR(r, n, "unknown %s '%s' (expected %s)", key, rm_show(n).s, list);
}

/* A life in years: above 0, at most 100; a range gives low and high. */
static int _life(const rm_reader *r, const yt_node *n, cx_value *life)
{
    rm_fig f = rm_fig_for(r->m, CX_U_OTHER, "years");
    int rc = rm_figure(r, n, &f, "for 'life' (years, like 6, 5.5 or 4..6)", life);
    if (rc)
        return rc;
    if (!(life->low > 0) || !(life->high <= CX_DEP_MAX_LIFE) || !isfinite(life->high))
        return RM_ERR(r, n, "life %s is not a useful life (expected years above 0 and "
                      "at most %.0f)", rm_show(n).s, CX_DEP_MAX_LIFE);
    return 0;
}

static int _share(const rm_reader *r, const yt_node *n, const char *key, double lo,
                  double hi, double *out)
{
    rm_fig f = rm_fig_for(r->m, CX_U_RATIO, NULL);
    char what[48];
    snprintf(what, sizeof what, "for '%s' (a percent like 10%%)", key);
    int rc = rm_single(r, n, &f, what, out);
    if (!rc && !(*out >= lo && *out < hi))
        rc = RM_ERR(r, n, "'%s' %s is out of range (expected at least %g%% and below "
                    "%g%%)", key, rm_show(n).s, lo * 100, hi * 100);
    return rc;
}

/* life, method, convention, salvage, rate: what a scenario may change too. */
static int _rule_keys(const rm_reader *r, const yt_node *def, cx_dep_rule *rule,
                      cx_value *life)
{
    const yt_node *n;
    int rc = 0, k;
    const char *methods[CX_DEP_METHOD_COUNT + 1], *conventions[CX_DEP_CONVENTION_COUNT + 1];
    _words(methods, conventions);
    if ((n = yt_get(def, "life"))) {
        cx_value v;
        if (!(rc = _life(r, n, &v))) {
            rule->life = v.base;
            if (life)
                *life = v;
        }
    }
    if (!rc && (n = yt_get(def, "method")) && !(rc = _word(r, n, "method", methods, &k)))
        rule->method = (cx_dep_method)k;
    if (!rc && (n = yt_get(def, "convention")) &&
        !(rc = _word(r, n, "convention", conventions, &k)))
        rule->convention = (cx_dep_convention)k;
    if (!rc && (n = yt_get(def, "salvage")))
        rc = _share(r, n, "salvage", 0, 1, &rule->salvage);
    if (!rc && (n = yt_get(def, "rate")))
        rc = _share(r, n, "rate", 0.01, 100, &rule->db_factor);
    return rc;
}

/* opening: {gross, net, remaining_life}: PP&E already on the books. */
static int _opening(const rm_reader *r, const yt_node *n, cx_dep_rule *rule)
{
    static const char *const keys[] = {"gross", "net", "remaining_life", NULL};
    int rc = rm_want(r, n, YT_MAPPING, "for 'opening' (gross, net, remaining_life)");
    if (!rc)
        rc = rm_known_keys(r, n, keys, "in 'opening'");
    for (int i = 0; !rc && keys[i]; i++)
        rc = rm_need(r, n, keys[i], "in 'opening'");
    rm_fig money = rm_fig_for(r->m, CX_U_MONEY, NULL);
    rm_fig years = rm_fig_for(r->m, CX_U_OTHER, "years");
    if (!rc)
        rc = rm_single(r, yt_get(n, "gross"), &money, "for 'gross'", &rule->opening_gross);
    if (!rc)
        rc = rm_single(r, yt_get(n, "net"), &money, "for 'net'", &rule->opening_net);
    if (!rc)
        rc = rm_single(r, yt_get(n, "remaining_life"), &years, "for 'remaining_life'",
                       &rule->opening_life);
    if (rc)
        return rc;
    rule->has_opening = 1;
    const char *what;
    if (cx_dep_rule_check(rule, &what) == CX_OK)
        return 0;
    if (rule->opening_net > rule->opening_gross)
        return RM_ERR(r, yt_get(n, "net"), "opening net PP&E %s is above its gross %s "
                      "(expected net <= gross)", rm_show(yt_get(n, "net")).s,
                      rm_show(yt_get(n, "gross")).s);
    return RM_ERR(r, n, "opening PP&E out of range (expected gross >= net >= 0 and a "
                  "remaining life above 0 and at most %.0f years)", CX_DEP_MAX_LIFE);
}

/* capex: a money series that is not one this entry produces. */
static int _capex(const rm_reader *r, const yt_node *def, cx_depreciation *d)
{
    const yt_node *n = yt_get(def, "capex");
    char what[READER_MAX_NAME + 40];
    snprintf(what, sizeof what, "for 'capex' of '%s'", d->name);
    int rc = rm_series_ref(r, n, what, &d->capex);
    if (rc)
        return rc;
    const cx_series *s = &r->m->series[d->capex];
    if (s->kind == CX_S_DEPRECIATION && s->dep == (size_t)(d - r->m->depreciations))
        return RM_ERR(r, n, "'%s' depreciates its own series '%s'", d->name, s->name);
    if (s->unit != CX_U_MONEY)
        return RM_ERR(r, n, "'%s' is not money (its unit is %s): 'capex' of '%s' needs "
                      "a money series", s->name, s->unit_text ? s->unit_text : "a ratio",
                      d->name);
    return 0;
}

/* The entry's name and those of its .gross, .net and .accumulated series
 * must all be new. */
static int _new_names(const rm_reader *r, const yt_node *key)
{
    static const char *const suffix[] = {"", ".gross", ".net", ".accumulated"};
    if (!reader_is_series_name(key->text, key->len))
        return RM_ERR(r, key, "invalid depreciation name '%s' (expected a series name "
                      "like da.bigtech: letters, digits, '_', '-' and dots)", rm_show(key).s);
    for (int p = 0; p < CX_DEP_PARTS; p++) {
        char name[READER_MAX_NAME + 16];
        snprintf(name, sizeof name, "%s%s", key->text, suffix[p]);
        size_t s = rm_find_series(r, name);
        if (s != CX_NO_INDEX)
            return RM_ERR(r, key, "depreciation '%s' would produce series '%s', which "
                          "is already defined at %d:%d", key->text, name,
                          r->m->series[s].line, r->m->series[s].col);
    }
    return 0;
}

/* Labels and units of the four series: money; NAME is labelled `label`
 * or "D&A — <capex label>", the others "Gross PP&E — <capex label>" ... */
static int _series_texts(const rm_reader *r, const yt_node *def, cx_depreciation *d)
{
    static const char *const what[] = {"D&A", "Gross PP&E", "Net PP&E",
                                       "Accumulated depreciation"};
    const cx_series *capex = &r->m->series[d->capex];
    const char *subject = capex->label ? capex->label : capex->name, *label = NULL;
    int rc = rm_opt_text(r, def, "label", &label);
    for (int p = 0; !rc && p < CX_DEP_PARTS; p++) {
        cx_series *s = &r->m->series[d->series[p]];
        char buf[2 * READER_MAX_NAME + 64];
        snprintf(buf, sizeof buf, "%s \xE2\x80\x94 %s", what[p], subject);
        if (cx_model_strdup(r->m, p == 0 && label ? label : buf, &s->label))
            return diag_oom();
        s->unit = CX_U_MONEY;
        s->source = d->source;
        s->line = d->line;
        s->col = d->col;
    }
    return rc;
}

static int _entry(const rm_reader *r, const yt_node *key, const yt_node *def)
{
    static const char *const keys[] = {"capex", "life", "method", "convention", "salvage",
                                       "rate", "opening", "share_of_capex", "label",
                                       "source", NULL};
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "in depreciation '%s'", key->text);
    int rc = _new_names(r, key);
    if (!rc)
        rc = rm_want(r, def, YT_MAPPING, "for a depreciation entry");
    if (!rc)
        rc = rm_known_keys(r, def, keys, where);
    if (!rc)
        rc = rm_need(r, def, "capex", where);
    if (!rc)
        rc = rm_need(r, def, "life", where);
    cx_depreciation *d;
    cx_status st = CX_OK;
    if (!rc && (st = cx_model_add_depreciation(r->m, key->text, &d)) != CX_OK)
        rc = rm_engine(st);
    if (rc)
        return rc;
    d->line = key->line;
    d->col = key->col;
    d->rule.convention = CX_DEP_HALF_YEAR;
    rc = _rule_keys(r, def, &d->rule, &d->life);
    const yt_node *n;
    if (!rc && (n = yt_get(def, "opening")))
        rc = _opening(r, n, &d->rule);
    if (!rc && (n = yt_get(def, "share_of_capex")))
        rc = _share(r, n, "share_of_capex", 0, 100, &d->share_of_capex);
    if (!rc)
        rc = rm_opt_text(r, def, "source", &d->source);
    if (!rc)
        rc = _capex(r, def, d);
    return rc ? rc : _series_texts(r, def, d);
}

int rm_depreciation(const rm_reader *r, const yt_node *n)
{
    return rm_each_pair(r, n, "for 'depreciation'", _entry);
}

/* ---- a scenario's rules ------------------------------------------------ */

int rm_scenario_dep_entry(const rm_reader *r, cx_scenario *sc, const yt_node *key,
                          const yt_node *def)
{
    static const char *const keys[] = {"life", "method", "convention", "salvage",
                                       "rate", "source", NULL};
    size_t d = 0;
    while (d < r->m->ndepreciations && strcmp(r->m->depreciations[d].name, key->text))
        d++;
    if (d == r->m->ndepreciations)
        return RM_ERR(r, key, "scenario '%s' changes depreciation '%s', which the model "
                      "does not define (under 'depreciation')", sc->name, rm_show(key).s);
    char where[2 * READER_MAX_NAME + 48];
    snprintf(where, sizeof where, "in the depreciation of '%s' in scenario '%s'",
             key->text, sc->name);
    int rc = rm_want(r, def, YT_MAPPING, "for a depreciation rule");
    if (!rc)
        rc = rm_known_keys(r, def, keys, where);
    cx_dep_rule rule = *cx_model_dep_rule(r->m, sc, d);
    if (!rc)
        rc = _rule_keys(r, def, &rule, NULL);
    cx_status st = CX_OK;
    if (!rc && (st = cx_scenario_add_dep_override(sc, d, &rule)) != CX_OK)
        rc = rm_engine(st);
    return rc;
}

int rm_scenario_depreciation(const rm_reader *r, const yt_node *n, cx_scenario *sc)
{
    char what[READER_MAX_NAME + 48];
    snprintf(what, sizeof what, "for 'depreciation' of scenario '%s'", sc->name);
    int rc = rm_want(r, n, YT_MAPPING, what);
    for (size_t i = 0; !rc && i < n->npairs; i++)
        rc = rm_scenario_dep_entry(r, sc, n->pairs[i].key, n->pairs[i].value);
    return rc;
}
