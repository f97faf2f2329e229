/*
 * read_model_formula.c - the `formula:` of every series, compiled by the
 * engine (model/formula.h) once all series and constants are known: units
 * inferred where the series states none, errors placed on the character
 * inside the quoted text, nearest names suggested, cycles named whole, and
 * a range check for the figures a formula series `stated:`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_model_priv.h"

static cx_unit _model_unit(cx_fx_unit u, cx_unit keep)
{
    switch (u) {
    case CX_FXU_MONEY:    return CX_U_MONEY;
    case CX_FXU_RATIO:    return CX_U_RATIO;
    case CX_FXU_MULTIPLE: return CX_U_MULTIPLE;
    case CX_FXU_OTHER:    return CX_U_OTHER;
    default:              return keep;
    }
}

/* The series or constant (or function) nearest to the unknown name. */
static const char *_nearest(const cx_model *m, const char *name, int func)
{
    const char *near = NULL;
    size_t best = (size_t)-1, len = strlen(name);
    size_t n = func ? 0 : m->nseries + m->nconstants;
    for (size_t i = 0; func ? cx_fx_functions[i] != NULL : i < n; i++) {
        const char *c = func ? cx_fx_functions[i] : i < m->nseries
                        ? m->series[i].name : m->constants[i - m->nseries].name;
        size_t d = c ? reader_distance(name, c) : (size_t)-1;
        if (d < best && reader_close(d, len, strlen(c))) {
            best = d;
            near = c;
        }
    }
    return near;
}

static int _report(const rm_reader *r, size_t si, const yt_node *n, const cx_fx_error *e)
{
    int line, col;
    yt_text_pos(r->src, r->srclen, n, e->offset, &line, &col);
    const char *name = r->m->series[si].name, *near = NULL;
    if ((e->code == CX_FXE_NAME || e->code == CX_FXE_FUNC) && e->len <= READER_MAX_NAME) {
        char word[READER_MAX_NAME + 1];
        memcpy(word, n->text + e->offset, e->len);
        word[e->len] = 0;
        near = _nearest(r->m, word, e->code == CX_FXE_FUNC);
    }
    if (e->code == CX_FXE_NOMEM)
        return diag_oom();
    if (near)
        return reader_error(r->file, line, col, "formula of '%s': %s (did you mean "
                            "'%s'?)", name, e->message, near);
    if (e->code == CX_FXE_NAME || e->code == CX_FXE_FUNC)
        return reader_error(r->file, line, col, "formula of '%s': %s (expected %s)",
                            name, e->message, e->code == CX_FXE_NAME ? "a series or "
                            "constant of the model" : "lag, cumsum, min, max, abs, "
                            "if, sum or yoy");
    return reader_error(r->file, line, col, "formula of '%s': %s", name, e->message);
}

/* The formula's unit against the series' own: inferred when `unit:` is
 * not written, checked when it is. */
static int _unit(const rm_reader *r, size_t si, const yt_node *def,
                 const yt_node *n, int report, int *changed)
{
    cx_series *s = &r->m->series[si];
    const cx_formula *f = &s->formula;
    cx_unit u = _model_unit(f->unit, s->unit);
    const char *text = f->unit == CX_FXU_OTHER ? f->unit_text : NULL;
    int same = u == s->unit && (u != CX_U_OTHER || !strcmp(text, s->unit_text));
    /* a ratio may be shown as a percent or as a multiple */
    same |= (u == CX_U_RATIO || u == CX_U_MULTIPLE)
            && (s->unit == CX_U_RATIO || s->unit == CX_U_MULTIPLE)
            && (yt_get(def, "unit") || u == s->unit);
    if (same)
        return 0;
    if (!yt_get(def, "unit")) {
        s->unit = u;
        s->unit_text = text;
        *changed = 1;
        return 0;
    }
    if (!report)
        return 0;
    return RM_ERR(r, n, "formula of '%s' gives %s but the series is in %s (expected "
                  "'unit: %s' or a formula in %s)", s->name, reader_unit_name(u, text),
                  reader_unit_name(s->unit, s->unit_text), reader_unit_name(u, text),
                  reader_unit_name(s->unit, s->unit_text));
}

static int _compile(const rm_reader *r, const yt_node *key, const yt_node *def,
                    int report, int *changed)
{
    const yt_node *n = yt_get(def, "formula");
    size_t si = rm_find_series(r, key->text);
    if (!n || si == CX_NO_INDEX || r->m->series[si].kind != CX_S_FORMULA)
        return 0;
    int rc = rm_want(r, n, YT_SCALAR, "(an expression like 'a - b') for 'formula'");
    if (rc)
        return rc;
    cx_formula f;
    cx_fx_error e;
    cx_status st = cx_formula_compile(r->m, si, n->text, n->len, &f, &e);
    if (st == CX_ENOMEM)
        return diag_oom();
    if (st != CX_OK)
        return report ? _report(r, si, n, &e) : 0;
    cx_series *s = &r->m->series[si];
    cx_formula_release(&s->formula);
    s->formula = f;
    if (!s->formula_text && cx_model_strdup(r->m, n->text, &s->formula_text))
        return diag_oom();
    return _unit(r, si, def, n, report, changed);
}

static int _pass(const rm_reader *r, const yt_node *series, int report, int *changed)
{
    int rc = 0;
    *changed = 0;
    for (size_t i = 0; i < series->npairs && !rc; i++)
        rc = _compile(r, series->pairs[i].key, series->pairs[i].value, report, changed);
    return rc;
}

/* "'a' -> 'b' -> 'a'" */
static int _cycle(const rm_reader *r, const yt_node *series, const size_t *cycle,
                  size_t n)
{
    char text[600] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used + 8 < sizeof text; i++) {
        int w = snprintf(text + used, sizeof text - used, "%s'%s'", i ? " -> " : "",
                         r->m->series[cycle[i]].name);
        used += w > 0 ? (size_t)w : 0;
    }
    if (used >= sizeof text)
        strcpy(text + sizeof text - 4, "...");
    const yt_node *def = n ? yt_get(series, r->m->series[cycle[0]].name) : NULL;
    const yt_node *at = def && yt_get(def, "formula") ? yt_get(def, "formula")
                      : def ? def : series;
    return RM_ERR(r, at, "circular formulas: %s (each uses the next; a series cannot "
                  "depend on itself)", text);
}

static int _acyclic(const rm_reader *r, const yt_node *series)
{
    size_t ns = r->m->nseries, culprit, ncycle = 0;
    size_t *order = malloc((ns ? ns : 1) * sizeof *order);
    size_t *cycle = malloc((ns + 1) * sizeof *cycle);
    cx_status st = order && cycle ? cx_model_order_cycle(r->m, order, &culprit,
                                                         cycle, &ncycle) : CX_ENOMEM;
    int rc = st == CX_OK ? 0 : st == CX_ECYCLE ? _cycle(r, series, cycle, ncycle)
           : rm_engine(st);
    free(order);
    free(cycle);
    return rc;
}

/* A range check for each formula series that states figures. */
static int _stated_checks(const rm_reader *r, const yt_node *series)
{
    for (size_t i = 0; i < series->npairs; i++) {
        const yt_pair *st = yt_find(series->pairs[i].value, "stated");
        size_t si = rm_find_series(r, series->pairs[i].key->text);
        if (!st || si == CX_NO_INDEX || r->m->series[si].kind != CX_S_FORMULA)
            continue;
        cx_check *c;
        if (cx_model_add_check(r->m, &c) != CX_OK)
            return diag_oom();
        c->kind = CX_C_RANGE;
        c->series = si;
        c->line = st->key->line;
        c->col = st->key->col;
    }
    return 0;
}

int rm_formulas(const rm_reader *r, const yt_node *series)
{
    int changed = 1, rc = 0;
    if (series->kind != YT_MAPPING)
        return 0;
    /* Units flow from formula to formula: infer until nothing changes,
     * then compile once more, reporting. */
    for (size_t k = 0; changed && k <= series->npairs && !rc; k++)
        rc = _pass(r, series, 0, &changed);
    if (!rc)
        rc = _pass(r, series, 1, &changed);
    if (!rc)
        rc = _acyclic(r, series);
    return rc ? rc : _stated_checks(r, series);
}
