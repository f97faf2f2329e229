/*
 * import.c - the rows of an imported table into series (import.h): a
 * series per row (wide layout) or a figure per row (long layout), then the
 * note on the import's scale or the warning on figures 1,000 times off.
 */
#include "import.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "import_priv.h"
#include "parse_value.h"
#include "reader.h"

static const tbl_cell _empty = {"", 0, 0, 0, TBL_TEXT};

/* Cell i of a row, empty beyond its end. */
static const tbl_cell *_at(const tbl_cell *cells, size_t n, size_t i)
{
    return i < n ? &cells[i] : &_empty;
}

static const tbl_cell *_role_cell(const imp *c, const tbl_cell *cells, size_t n,
                                  imp_role role)
{
    size_t i = c->col_of[role];
    return i == SIZE_MAX || i >= n || cells[i].len == 0 ? NULL : &cells[i];
}

/* ---- a series -------------------------------------------------------- */

static int _new_series(imp *c, const tbl_where *w, const tbl_cell *f, size_t *si)
{
    reader_text t = reader_show(f->text, f->len);
    if (f->len == 0)
        return tbl_error(w, f->row, f->col, "expected a series name (metric.entity like "
                         "capex.google), got nothing");
    if (!reader_is_series_name(f->text, f->len))
        return tbl_error(w, f->row, f->col,
                         "invalid series name '%s' (expected metric.entity like "
                         "capex.google: letters, digits, '_', '-' and dots)", t.s);
    size_t old = cx_model_find_series(c->m, f->text);
    if (old != CX_NO_INDEX && old >= c->first_series)
        return tbl_error(w, f->row, f->col, "series '%s' is defined twice", t.s);
    if (old != CX_NO_INDEX) {
        const cx_series *o = &c->m->series[old];
        return tbl_error(w, f->row, f->col, "series '%s' is already defined (at %s:%d:%d)",
                         t.s, c->m->file, o->line, o->col);
    }
    if (c->m->nseries >= READER_MAX_SERIES)
        return tbl_error(w, f->row, f->col, "too many series (at most %d in one model)",
                         READER_MAX_SERIES);
    if (cx_model_add_series(c->m, f->text, si) != CX_OK)
        return diag_oom();
    c->m->series[*si].line = c->spec->line;
    c->m->series[*si].col = c->spec->col;
    return 0;
}

/* The series' unit: its unit cell, else % when percent says so, else money. */
static int _unit(imp *c, const tbl_where *w, const tbl_cell *u, int percent, cx_series *s)
{
    if (!u) {
        s->unit = percent ? CX_U_RATIO : CX_U_MONEY;
        return 0;
    }
    cx_unit unit;
    if (reader_unit(u->text, &unit)) {
        reader_text t = reader_show(u->text, u->len);
        return tbl_error(w, u->row, u->col,
                         "expected a unit (money, %%, x or a word like GW), got '%s'", t.s);
    }
    s->unit = unit;
    if (unit == CX_U_OTHER && cx_model_strdup(c->m, u->text, &s->unit_text))
        return diag_oom();
    return 0;
}

static int _texts(imp *c, const tbl_cell *cells, size_t n, cx_series *s, int source)
{
    const tbl_cell *src = source ? _role_cell(c, cells, n, IMP_SOURCE) : NULL;
    const tbl_cell *label = _role_cell(c, cells, n, IMP_LABEL);
    if ((src && cx_model_strdup(c->m, src->text, &s->source))
        || (label && !s->label && cx_model_strdup(c->m, label->text, &s->label)))
        return diag_oom();
    return 0;
}

/* ---- a figure -------------------------------------------------------- */

static int _figure_error(const imp *c, const tbl_where *w, const tbl_cell *f,
                         pv_status st, const pv_rules *rules, const imp_slot *slot,
                         const cx_series *s)
{
    char what[16 + CX_PERIOD_KEY_MAX], where[512];
    snprintf(what, sizeof what, "for %s", slot->what);
    if (f->kind == TBL_DATE || f->kind == TBL_BOOL || f->kind == TBL_ERROR)
        return tbl_error(w, f->row, f->col, "expected a figure %s, got %s '%s'", what,
                         f->kind == TBL_DATE ? "the date" : f->kind == TBL_BOOL
                         ? "the truth value" : "the error", f->text);
    const char *file;
    int line, col;
    tbl_position(w, f->row, f->col, where, sizeof where, &file, &line, &col);
    (void)c;
    return reader_figure_error(file, line, col, st, rules, f->text, f->len, what,
                               reader_unit_name(s->unit, s->unit_text));
}

static int _figure(imp *c, const tbl_where *w, const tbl_cell *f, size_t si,
                   const imp_slot *slot, const tbl_cell *src)
{
    cx_series *s = &c->m->series[si];
    pv_rules rules = pv_rules_for(s->unit, c->m->scale);
    rules.decimal_comma = c->spec->decimal_comma && f->kind == TBL_TEXT;
    rules.bare_scale = c->spec->bare_scale;
    cx_value v;
    pv_status st = PV_ESYNTAX;
    if ((f->kind == TBL_TEXT || f->kind == TBL_NUMBER) && strlen(f->text) == f->len)
        st = parse_value(f->text, &rules, &v);
    if (st != PV_OK)
        return _figure_error(c, w, f, st, &rules, slot, s);
    if (cx_model_strdup(c->m, f->text, &v.text)
        || (src && cx_model_strdup(c->m, src->text, &v.source)))
        return diag_oom();
    v.line = c->spec->line;
    v.col = c->spec->col;
    c->money_figures += s->unit == CX_U_MONEY;
    return imp_put(c, w, f, si, slot, v);
}

/* The series' unit, label, source, kind and spread from its (first) row. */
static int _describe(imp *c, const tbl_where *w, const tbl_cell *cells, size_t n, size_t si,
                     int percent, int source)
{
    cx_series *s = &c->m->series[si];
    int rc = _unit(c, w, _role_cell(c, cells, n, IMP_UNIT), percent, s);
    if (!rc)
        rc = _texts(c, cells, n, s, source);
    if (!rc)
        rc = imp_flow(c, w, _role_cell(c, cells, n, IMP_KIND),
                      _role_cell(c, cells, n, IMP_SPREAD), s);
    return rc;
}

/* ---- wide layout: a series per row ----------------------------------- */

static int _wide_row(imp *c, const tbl_where *w, const tbl_cell *cells, size_t n)
{
    size_t si, figures = 0;
    const tbl_cell *name = _at(cells, n, c->col_of[IMP_SERIES]);
    int rc = _new_series(c, w, name, &si), percent = 1;
    for (size_t i = 0; i < c->ncols && i < n; i++)
        if (c->role[i] == IMP_YEAR && cells[i].len > 0)
            percent &= pv_is_percent(cells[i].text);
    if (!rc)
        rc = _describe(c, w, cells, n, si, percent, 1);
    for (size_t i = 0; i < c->ncols && i < n && !rc; i++) {
        if (c->role[i] == IMP_NONE && cells[i].len > 0)
            rc = tbl_error(w, cells[i].row, cells[i].col, "a value in a column without "
                           "a header (expected a year, 'source', 'label', 'unit', 'kind' or "
                           "'spread' above it)");
        if (rc || c->role[i] != IMP_YEAR || cells[i].len == 0)
            continue;
        rc = _figure(c, w, &cells[i], si, &c->slot[i], NULL);
        figures++;
    }
    if (!rc && !figures)
        rc = tbl_error(w, name->row, name->col, "series '%s' has no figures (every year "
                       "is empty)", name->text);
    return rc;
}

/* ---- long layout: a figure per row ----------------------------------- */

/* The series named by f: the last row's, one of this table's, or a new one. */
static int _long_series(imp *c, const tbl_where *w, const tbl_cell *f,
                        const tbl_cell *cells, size_t n, size_t *si)
{
    const cx_model *m = c->m;
    if (c->last != CX_NO_INDEX && !strcmp(m->series[c->last].name, f->text)) {
        *si = c->last;
        return 0;
    }
    for (size_t i = c->first_series; i < m->nseries; i++)
        if (!strcmp(m->series[i].name, f->text)) {
            *si = c->last = i;
            return 0;
        }
    int rc = _new_series(c, w, f, si);
    const tbl_cell *value = _at(cells, n, c->col_of[IMP_VALUE]);
    if (!rc)
        rc = _describe(c, w, cells, n, *si, pv_is_percent(value->text), 0);
    c->last = *si;
    return rc;
}

static int _long_row(imp *c, const tbl_where *w, const tbl_cell *cells, size_t n)
{
    for (size_t i = 0; i < c->ncols && i < n; i++)
        if (c->role[i] == IMP_NONE && cells[i].len > 0)
            return tbl_error(w, cells[i].row, cells[i].col, "a value in a column without "
                             "a header (expected series, year or period, value, source, "
                             "label, unit, kind or spread)");
    const tbl_cell *name = _at(cells, n, c->col_of[IMP_SERIES]);
    const tbl_cell *ycell = _at(cells, n, c->col_of[IMP_YEAR]);
    const tbl_cell *value = _at(cells, n, c->col_of[IMP_VALUE]);
    imp_slot slot;
    int rc = imp_slot_of(c, w, ycell, &slot);
    if (rc < 0)
        return tbl_error(w, ycell->row ? ycell->row : name->row, ycell->row ? ycell->col
                         : name->col + 1, "expected %s, got '%s'", c->m->cal.per_year == 1
                         ? "a year like 2025" : c->m->cal.per_year == 12
                         ? "a month like 2025-03 or a year like 2025"
                         : "a quarter like 2025Q1 or a year like 2025",
                         reader_show(ycell->text, ycell->len).s);
    size_t si;
    if (!rc)
        rc = _long_series(c, w, name, cells, n, &si);
    if (rc || value->len == 0)
        return rc;
    return _figure(c, w, value, si, &slot, _role_cell(c, cells, n, IMP_SOURCE));
}

static int _on_row(void *ctx, const tbl_where *w, const tbl_cell *cells, size_t n)
{
    imp *c = ctx;
    if (!c->have_header)
        return imp_header(c, w, cells, n);
    if (!w->sheet && n < c->ncols)
        return tbl_error(w, cells[n - 1].row, (int)n + 1, "%zu field%s where the header "
                         "has %zu", n, n == 1 ? "" : "s", c->ncols);
    for (size_t i = c->ncols; i < n; i++)
        if (cells[i].len > 0)
            return tbl_error(w, cells[i].row, cells[i].col, "more fields than the "
                             "header's %zu", c->ncols);
    return c->spec->layout == IMPORT_WIDE ? _wide_row(c, w, cells, n)
                                          : _long_row(c, w, cells, n);
}

/* ---- the table ------------------------------------------------------- */

int import_series(cx_model *m, const import_spec *spec)
{
    imp c = {.m = m, .spec = spec, .first_series = m->nseries, .last = CX_NO_INDEX};
    int rc = tbl_read(spec->path, &spec->table, _on_row, &c);
    if (!rc && !c.have_header)
        rc = reader_error(spec->path, 1, 1, "no header row (expected series,2023,2024,...)");
    else if (!rc && m->nseries == c.first_series) {
        tbl_where w = {spec->path, spec->table.sheet};
        rc = tbl_error(&w, c.header_row, c.header_col, "no series after the header "
                       "(expected a row per series, like capex.google,32,52)");
    }
    if (!rc)
        imp_scale_report(&c);
    free(c.role);
    free(c.slot);
    return rc;
}
