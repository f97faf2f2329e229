/*
 * read_model_series.c - 'series' and 'import' of a model file (see
 * read_model_priv.h).
 *
 * Series are read in three passes so that sums may name any series: the
 * YAML series (without their parts), then the imported CSV series, then
 * the parts of every sum, their units and circularity.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "read_model_priv.h"

/* ---- series, pass 1: everything but the parts of sums ----------------- */

static const char *const _series_keys[] = {
    "values", "label", "unit", "source", "sum_of", "stated", "formula", "kind",
    "spread", NULL
};

static int _is_short_extra(const char *key)
{
    return !strcmp(key, "source") || !strcmp(key, "label") || !strcmp(key, "unit")
           || !strcmp(key, "kind") || !strcmp(key, "spread");
}

/* Nonzero when every figure of the short form is written with `%`. */
static int _all_percent(const yt_node *def)
{
    int any = 0;
    for (size_t i = 0; i < def->npairs; i++) {
        const yt_node *v = def->pairs[i].value;
        if (_is_short_extra(def->pairs[i].key->text))
            continue;
        if (v->kind == YT_MAPPING)
            v = yt_get(v, "value");
        if (!v || v->kind != YT_SCALAR || !pv_is_percent(v->text))
            return 0;
        any = 1;
    }
    return any;
}

/* An integer key, whatever its size: a year, perhaps out of range. */
static int _is_year_key(const yt_node *k)
{
    size_t i = k->len > 0 && k->text[0] == '-';
    if (i == k->len)
        return 0;
    for (; i < k->len; i++)
        if (k->text[i] < '0' || k->text[i] > '9')
            return 0;
    return 1;
}

/* A group of three digits (and maybe decimals) left over by a comma:
 * "400" or "400.5" of 1,400.5. */
static int _is_digit_group(const yt_node *k)
{
    if (k->style != YT_PLAIN || k->len < 3)
        return 0;
    for (size_t i = 0; i < k->len; i++) {
        int digit = k->text[i] >= '0' && k->text[i] <= '9';
        if (i == 3 ? k->text[i] != '.' || k->len == 4 : !digit)
            return 0;
    }
    return 1;
}

/* In a flow mapping {2019: 1,400} the comma ends the entry: pair i is then
 * a key "400" without a value after a figure ending in a digit. */
static int _split_figure(const yt_node *map, size_t i)
{
    if (i == 0 || !_is_digit_group(map->pairs[i].key))
        return 0;
    const yt_node *v = map->pairs[i].value, *prev = map->pairs[i - 1].value;
    return v->kind == YT_SCALAR && v->len == 0 && v->style == YT_PLAIN
           && prev->kind == YT_SCALAR && prev->style == YT_PLAIN && prev->len
           && prev->text[prev->len - 1] >= '0' && prev->text[prev->len - 1] <= '9';
}

static int _split_error(const rm_reader *r, const yt_node *map, size_t i)
{
    const yt_node *year = map->pairs[i - 1].key, *fig = map->pairs[i - 1].value;
    return RM_ERR(r, fig, "the figure %s,%s was cut at its comma: in a flow mapping "
                  "{...} a figure with a thousands separator needs quotes (write "
                  "%s: \"%s,%s\", or %s%s)", rm_show(fig).s, rm_show(map->pairs[i].key).s,
                  rm_show(year).s, rm_show(fig).s, rm_show(map->pairs[i].key).s,
                  rm_show(fig).s, rm_show(map->pairs[i].key).s);
}

/* A quarter or month key (2024Q1, 2024-03, even 2024Q5): a figure of a
 * period, which an annual model cannot hold. */
static int _is_period_key(const yt_node *k)
{
    cx_period_key pk;
    cx_period_err e = cx_period_parse(k->text, &pk);
    return e == CX_PERIOD_QUARTER || e == CX_PERIOD_MONTH
           || (e != CX_PERIOD_SYNTAX && pk.per_year != 1);
}

static int _period_key_error(const rm_reader *r, const yt_node *k, const cx_series *s)
{
    return RM_ERR(r, k, "'%s' in series '%s' is a quarter or month, and this model "
                  "is annual (expected a year like %d, or 'periods:' instead of 'years:' "
                  "for a monthly or quarterly model, docs/format.md)", rm_show(k).s,
                  s->name, r->m->first_year);
}

/* The short form {2026: ~75%, source: ...}: some key is a year (or a
 * period, refused in _year_figures). */
static int _is_short_form(const yt_node *def)
{
    for (size_t i = 0; i < def->npairs; i++)
        if (_is_year_key(def->pairs[i].key) || _is_period_key(def->pairs[i].key))
            return 1;
    return 0;
}

/* One year's entry: a figure, or {value: F, source: S}. */
static int _year_entry(const rm_reader *r, const yt_node *n, const rm_fig *f,
                       const char *what, cx_value *v)
{
    static const char *const keys[] = {"value", "source", NULL};
    if (n->kind != YT_MAPPING)
        return rm_figure(r, n, f, what, v);
    char where[48];
    snprintf(where, sizeof where, "in the figure %s", what);
    int rc = rm_known_keys(r, n, keys, where);
    if (!rc)
        rc = rm_need(r, n, "value", where);
    if (!rc)
        rc = rm_figure(r, yt_get(n, "value"), f, what, v);
    if (!rc)
        rc = rm_opt_text(r, n, "source", &v->source);
    return rc;
}

/* The figure of a period key (rm_period_figure's callback). */
typedef struct {
    const yt_node *value;
    const rm_fig *f;
} _period_ctx;

static int _period_value(const rm_reader *r, const yt_node *k, cx_value *v, void *ctx)
{
    const _period_ctx *c = ctx;
    char what[48];
    snprintf(what, sizeof what, "for %s", k->text);
    return _year_entry(r, c->value, c->f, what, v);
}

/* Year -> figure pairs of map into series si (skipping the short form's
 * other keys when short). */
static int _year_figures(const rm_reader *r, const yt_node *map, size_t si,
                         int short_form)
{
    cx_series *s = &r->m->series[si];
    rm_fig f = rm_fig_for(r->m, s->unit, s->unit_text);
    size_t count = 0;
    for (size_t i = 0; i < map->npairs; i++) {
        const yt_node *k = map->pairs[i].key;
        if (short_form && _is_short_extra(k->text))
            continue;
        if (_split_figure(map, i))
            return _split_error(r, map, i);
        if (r->m->cal.per_year != 1) {
            _period_ctx c = {map->pairs[i].value, &f};
            int rc = rm_period_figure(r, k, si, _period_value, &c);
            if (rc)
                return rc;
            count++;
            continue;
        }
        long y;
        if (pv_parse_int(k->text, -99999, 99999, &y)) {
            if (_is_period_key(k))
                return _period_key_error(r, k, s);
            if (_is_year_key(k))
                return RM_ERR(r, k, "year %s is outside 'years' (%d..%d)", rm_show(k).s,
                              r->m->first_year, r->m->last_year);
            return RM_ERR(r, k, "expected a year in series '%s', got '%s'%s", s->name,
                          rm_show(k).s, short_form ? " (or 'source', 'label', 'unit')" : "");
        }
        int t = cx_model_year_index(r->m, (int)y);
        if (t < 0)
            return RM_ERR(r, k, "year %ld is outside 'years' (%d..%d)", y,
                          r->m->first_year, r->m->last_year);
        if (s->stated[t].kind != CX_V_MISSING)
            return RM_ERR(r, k, "duplicate year %ld in '%s'", y, s->name);
        char what[32];
        snprintf(what, sizeof what, "for year %ld", y);
        int rc = _year_entry(r, map->pairs[i].value, &f, what, &s->stated[t]);
        if (rc)
            return rc;
        count++;
    }
    if (!count)
        return RM_ERR(r, map, "expected at least one %s in series '%s'",
                      r->m->cal.per_year == 1 ? "year" : "period", s->name);
    return 0;
}

/* Unit, label and source of series si. */
static int _series_texts(const rm_reader *r, const yt_node *def, size_t si,
                         int short_form)
{
    cx_series *s = &r->m->series[si];
    const yt_node *n;
    int rc = 0;
    if ((n = yt_get(def, "unit")))
        rc = rm_unit(r, n, &s->unit, &s->unit_text);
    else if (short_form && _all_percent(def))
        s->unit = CX_U_RATIO;           /* {2026: ~75%}: a share */
    if (!rc)
        rc = rm_opt_text(r, def, "label", &s->label);
    if (!rc)
        rc = rm_opt_text(r, def, "source", &s->source);
    if (!rc)
        rc = rm_flow(r, def, s);
    return rc;
}

/* Mark the years `stated:` added to a formula series (compared, not used). */
static int _mark_checked(const rm_reader *r, size_t si, const unsigned char *before)
{
    cx_series *s = &r->m->series[si];
    s->checked = calloc(r->m->nyears, 1);
    if (!s->checked)
        return diag_oom();
    for (size_t t = 0; t < r->m->nyears; t++)
        s->checked[t] = !before[t] && cx_value_stated(&s->stated[t]);
    return 0;
}

/* A formula series: `values:` years win, `stated:` years are compared. */
static int _formula_figures(const rm_reader *r, const yt_pair *values,
                            const yt_pair *stated, size_t si)
{
    int rc = 0;
    r->m->series[si].kind = CX_S_FORMULA;
    if (values && !(rc = rm_want(r, values->value, YT_MAPPING, "of years for 'values'")))
        rc = _year_figures(r, values->value, si, 0);
    if (rc || !stated)
        return rc;
    if ((rc = rm_want(r, stated->value, YT_MAPPING, "of years for 'stated'")))
        return rc;
    unsigned char *before = calloc(r->m->nyears, 1);
    if (!before)
        return diag_oom();
    for (size_t t = 0; t < r->m->nyears; t++)
        before[t] = cx_value_stated(&r->m->series[si].stated[t]);
    rc = _year_figures(r, stated->value, si, 0);
    if (!rc)
        rc = _mark_checked(r, si, before);
    free(before);
    return rc;
}

static int _series_long(const rm_reader *r, const yt_node *key, const yt_node *def,
                        size_t si)
{
    const char *name = r->m->series[si].name;
    char where[READER_MAX_NAME + 16];
    snprintf(where, sizeof where, "in series '%s'", name);
    int rc = rm_known_keys(r, def, _series_keys, where);
    if (rc)
        return rc;
    const yt_pair *values = yt_find(def, "values"), *sum = yt_find(def, "sum_of"),
                  *stated = yt_find(def, "stated"), *formula = yt_find(def, "formula");
    if (formula && sum)
        return RM_ERR(r, formula->key, "series '%s' has both 'formula' and 'sum_of' "
                      "(expected one of them; sum(...) in a formula adds)", name);
    if (values && sum)
        return RM_ERR(r, sum->key, "series '%s' has both 'values' and 'sum_of' "
                      "(a series is stated or a sum, not both)", name);
    if (!values && !sum && !formula)
        return RM_ERR(r, key, "series '%s' needs 'values', 'sum_of' or 'formula'", name);
    if (stated && !sum && !formula)
        return RM_ERR(r, stated->key, "'stated' in series '%s' needs 'sum_of' or "
                      "'formula' (it holds the figures a document states for it)", name);
    if ((rc = _series_texts(r, def, si, 0)))
        return rc;
    if (formula)
        return _formula_figures(r, values, stated, si);
    if (sum) {
        r->m->series[si].kind = CX_S_SUM;
        if (!stated)
            return 0;
        values = stated;
    }
    if ((rc = rm_want(r, values->value, YT_MAPPING, sum ? "of years for 'stated'"
                                                        : "of years for 'values'")))
        return rc;
    return _year_figures(r, values->value, si, 0);
}

static int _series_one(const rm_reader *r, const yt_node *key, const yt_node *def)
{
    if (!reader_is_series_name(key->text, key->len))
        return RM_ERR(r, key, "invalid series name '%s' (expected metric.entity like "
                      "capex.google: letters, digits, '_', '-' and dots)", rm_show(key).s);
    char what[READER_MAX_NAME + 16];
    snprintf(what, sizeof what, "for series '%s'", key->text);
    int rc = rm_want(r, def, YT_MAPPING, what);
    if (rc)
        return rc;
    if (r->m->nseries >= READER_MAX_SERIES)
        return RM_ERR(r, key, "too many series (at most %d in one model)",
                      READER_MAX_SERIES);
    size_t si;
    cx_status st = cx_model_add_series(r->m, key->text, &si);
    if (st != CX_OK)
        return rm_engine(st);
    r->m->series[si].line = key->line;
    r->m->series[si].col = key->col;
    if (!_is_short_form(def))
        return _series_long(r, key, def, si);
    rc = _series_texts(r, def, si, 1);
    return rc ? rc : _year_figures(r, def, si, 1);
}

/* ---- series, pass 3: parts of sums ----------------------------------- */

static int _sum_parts(const rm_reader *r, const yt_node *list, size_t si)
{
    const cx_series *s = &r->m->series[si];
    char what[READER_MAX_NAME + 32];
    snprintf(what, sizeof what, "of series names for 'sum_of' of '%s'", s->name);
    int rc = rm_want(r, list, YT_SEQUENCE, what);
    if (rc)
        return rc;
    if (list->nitems == 0)
        return RM_ERR(r, list, "'sum_of' of '%s' is empty (expected the series it adds up)",
                      s->name);
    size_t *parts = malloc(list->nitems * sizeof *parts);
    unsigned char *listed = calloc(r->m->nseries, 1);    /* linear, not quadratic */
    if (!parts || !listed) {
        free(parts);
        free(listed);
        return diag_oom();
    }
    snprintf(what, sizeof what, "in 'sum_of' of '%s'", s->name);
    for (size_t i = 0; i < list->nitems && !rc; i++) {
        const yt_node *n = list->items[i];
        if ((rc = rm_series_ref(r, n, what, &parts[i])))
            break;
        if (listed[parts[i]]++)
            rc = RM_ERR(r, n, "'%s' is listed twice %s", rm_show(n).s, what);
        const cx_series *p = &r->m->series[parts[i]];
        if (!rc && (p->unit != s->unit || (p->unit == CX_U_OTHER
                                           && strcmp(p->unit_text, s->unit_text))))
            rc = RM_ERR(r, n, "part '%s' is in %s but '%s' is in %s (the parts of a "
                        "sum share its unit)", p->name,
                        reader_unit_name(p->unit, p->unit_text), s->name,
                        reader_unit_name(s->unit, s->unit_text));
    }
    if (!rc) {
        cx_status st = cx_series_set_parts(&r->m->series[si], parts, list->nitems);
        if (st != CX_OK)
            rc = rm_engine(st);
    }
    free(parts);
    free(listed);
    return rc;
}

static int _sums_acyclic(const rm_reader *r, const yt_node *series)
{
    size_t *order = malloc((r->m->nseries ? r->m->nseries : 1) * sizeof *order);
    if (!order)
        return diag_oom();
    size_t culprit = CX_NO_INDEX;
    cx_status st = cx_model_order(r->m, order, &culprit);
    free(order);
    if (st == CX_OK)
        return 0;
    if (st != CX_ECYCLE || culprit >= r->m->nseries)
        return rm_engine(st);
    const char *name = r->m->series[culprit].name;
    const yt_node *def = yt_get(series, name);
    const yt_pair *sum = def ? yt_find(def, "sum_of") : NULL;
    const yt_node *at = sum ? sum->key : def ? def : r->root;
    return RM_ERR(r, at, "circular sum: '%s' depends on itself through 'sum_of'", name);
}

/* ---- series: the three passes ----------------------------------------- */

int rm_series(const rm_reader *r)
{
    const yt_node *series = yt_get(r->root, "series"), *imports = yt_get(r->root, "import");
    int rc = 0;
    if (series)
        rc = rm_each_pair(r, series, "for 'series'", _series_one);
    if (!rc && imports)
        rc = rm_imports(r, imports);
    if (!rc && r->m->nseries == 0)
        rc = RM_ERR(r, series ? series : r->root,
                    "expected at least one series in 'series'");
    for (size_t i = 0; series && i < series->npairs && !rc; i++) {
        const yt_node *def = series->pairs[i].value, *sum = yt_get(def, "sum_of");
        if (sum && !_is_short_form(def))
            rc = _sum_parts(r, sum, rm_find_series(r, series->pairs[i].key->text));
    }
    return rc ? rc : _sums_acyclic(r, series);
}
