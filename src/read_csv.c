/*
 * read_csv.c - CSV series with libcsv (see read_csv.h).
 *
 * csv_rows.c does the parsing (libcsv) and hands over each row that is
 * not blank, its fields knowing their lines: the first is the header,
 * every other a series.
 */
#include "read_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "csv_rows.h"
#include "diag.h"
#include "parse_value.h"
#include "reader.h"

typedef enum _role { _R_SERIES = 0, _R_YEAR, _R_SOURCE, _R_LABEL, _R_UNIT } _role;

typedef struct _csv {
    cx_model *m;
    const char *path;
    int at_line, at_col;         /* the import in the model file */
    size_t first_series;         /* index of this file's first series */
    int have_header;
    size_t ncols;                /* header fields */
    _role *role;                 /* [ncols] */
    int *year;                   /* [ncols], for _R_YEAR */
    const csvrows_field *fields;     /* the row being read */
    size_t nfields;
} _csv;

static int _fail_nomem(const _csv *c)
{
    diag_error("out of memory reading '%s'", c->path);
    return EX_OSERR;
}

/* ---- header --------------------------------------------------------- */

static const char *const _columns[] = {"source", "label", "unit", NULL};

static int _header_year(_csv *c, size_t i, long year)
{
    const csvrows_field *f = &c->fields[i];
    if (cx_model_year_index(c->m, (int)year) < 0)
        return reader_error(c->path, f->line, (int)i + 1,
                            "year %ld is outside 'years' (%d..%d)", year,
                            c->m->first_year, c->m->last_year);
    for (size_t j = 1; j < i; j++)
        if (c->role[j] == _R_YEAR && c->year[j] == year)
            return reader_error(c->path, f->line, (int)i + 1,
                                "duplicate year %ld in the header (first in column %zu)",
                                year, j + 1);
    c->role[i] = _R_YEAR;
    c->year[i] = (int)year;
    return 0;
}

static int _header_cell(_csv *c, size_t i)
{
    const csvrows_field *f = &c->fields[i];
    long year;
    if (pv_parse_int(f->text, -99999, 99999, &year) == 0)
        return _header_year(c, i, year);
    for (size_t k = 0; _columns[k]; k++) {
        if (strcmp(f->text, _columns[k]))
            continue;
        for (size_t j = 1; j < i; j++)
            if (c->role[j] == (_role)(_R_SOURCE + k))
                return reader_error(c->path, f->line, (int)i + 1,
                                    "duplicate column '%s'", _columns[k]);
        c->role[i] = (_role)(_R_SOURCE + k);
        return 0;
    }
    reader_text t = reader_show(f->text, f->len);
    const char *near = reader_suggest(f->text, _columns);
    if (near)
        return reader_error(c->path, f->line, (int)i + 1,
                            "unknown column '%s' (did you mean '%s'?)", t.s, near);
    return reader_error(c->path, f->line, (int)i + 1,
                        "unknown column '%s' (expected a year, 'source', 'label' or 'unit')",
                        t.s);
}

static int _header(_csv *c)
{
    c->ncols = c->nfields;
    c->role = calloc(c->ncols, sizeof *c->role);
    c->year = calloc(c->ncols, sizeof *c->year);
    if (!c->role || !c->year)
        return _fail_nomem(c);
    const csvrows_field *f = &c->fields[0];
    if (strcmp(f->text, "series")) {
        reader_text t = reader_show(f->text, f->len);
        return reader_error(c->path, f->line, 1,
                            "expected 'series' as the first column, got '%s' "
                            "(the header is series,2023,2024,...)", t.s);
    }
    int years = 0;
    for (size_t i = 1; i < c->ncols; i++) {
        int rc = _header_cell(c, i);
        if (rc)
            return rc;
        years += c->role[i] == _R_YEAR;
    }
    if (!years)
        return reader_error(c->path, f->line, 1,
                            "the header has no years (expected series,2023,2024,...)");
    c->have_header = 1;
    return 0;
}

/* ---- one series per row --------------------------------------------- */

static const csvrows_field *_cell(const _csv *c, _role role)
{
    for (size_t i = 0; i < c->ncols; i++)
        if (c->role[i] == role && c->fields[i].len > 0)
            return &c->fields[i];
    return NULL;
}

static int _row_unit(_csv *c, cx_series *s)
{
    const csvrows_field *u = _cell(c, _R_UNIT);
    if (u) {
        cx_unit unit;
        if (reader_unit(u->text, &unit)) {
            reader_text t = reader_show(u->text, u->len);
            return reader_error(c->path, u->line, (int)(u - c->fields) + 1,
                                "expected a unit (money, %%, x or a word like GW), got '%s'",
                                t.s);
        }
        s->unit = unit;
        if (unit == CX_U_OTHER && cx_model_strdup(c->m, u->text, &s->unit_text))
            return _fail_nomem(c);
        return 0;
    }
    int cells = 0, percent = 0;      /* `%` on every figure: a share */
    for (size_t i = 0; i < c->ncols; i++)
        if (c->role[i] == _R_YEAR && c->fields[i].len > 0) {
            cells++;
            percent += pv_is_percent(c->fields[i].text);
        }
    s->unit = cells > 0 && percent == cells ? CX_U_RATIO : CX_U_MONEY;
    return 0;
}

static int _row_figure(_csv *c, size_t si, size_t i)
{
    const csvrows_field *f = &c->fields[i];
    cx_series *s = &c->m->series[si];
    pv_rules rules = pv_rules_for(s->unit, c->m->scale);
    cx_value v;
    pv_status st = strlen(f->text) == f->len ? parse_value(f->text, &rules, &v)
                                             : PV_ESYNTAX;
    if (st != PV_OK) {
        char what[32];
        snprintf(what, sizeof what, "for year %d", c->year[i]);
        return reader_figure_error(c->path, f->line, (int)i + 1, st, &rules,
                                   f->text, f->len, what,
                                   reader_unit_name(s->unit, s->unit_text));
    }
    if (cx_model_strdup(c->m, f->text, &v.text))
        return _fail_nomem(c);
    v.line = c->at_line;
    v.col = c->at_col;
    s->stated[cx_model_year_index(c->m, c->year[i])] = v;
    return 0;
}

static int _row_texts(_csv *c, cx_series *s)
{
    const csvrows_field *src = _cell(c, _R_SOURCE), *label = _cell(c, _R_LABEL);
    if ((src && cx_model_strdup(c->m, src->text, &s->source))
        || (label && cx_model_strdup(c->m, label->text, &s->label)))
        return _fail_nomem(c);
    return 0;
}

static int _new_series(_csv *c, size_t *si)
{
    const csvrows_field *f = &c->fields[0];
    reader_text t = reader_show(f->text, f->len);
    if (!reader_is_series_name(f->text, f->len))
        return reader_error(c->path, f->line, 1,
                            "invalid series name '%s' (expected metric.entity like "
                            "capex.google: letters, digits, '_', '-' and dots)", t.s);
    size_t old = cx_model_find_series(c->m, f->text);
    if (old != CX_NO_INDEX && old >= c->first_series)
        return reader_error(c->path, f->line, 1, "series '%s' is defined twice", t.s);
    if (old != CX_NO_INDEX) {
        const cx_series *o = &c->m->series[old];
        return reader_error(c->path, f->line, 1,
                            "series '%s' is already defined (at %s:%d:%d)", t.s,
                            c->m->file, o->line, o->col);
    }
    if (c->m->nseries >= READER_MAX_SERIES)
        return reader_error(c->path, f->line, 1, "too many series (at most %d in one "
                            "model)", READER_MAX_SERIES);
    if (cx_model_add_series(c->m, f->text, si) != CX_OK)
        return _fail_nomem(c);
    c->m->series[*si].line = c->at_line;
    c->m->series[*si].col = c->at_col;
    return 0;
}

static int _row(_csv *c)
{
    size_t si;
    int rc = _new_series(c, &si);
    if (!rc)
        rc = _row_unit(c, &c->m->series[si]);
    if (!rc)
        rc = _row_texts(c, &c->m->series[si]);
    int figures = 0;
    for (size_t i = 1; i < c->ncols && !rc; i++) {
        if (c->role[i] != _R_YEAR || c->fields[i].len == 0)
            continue;
        rc = _row_figure(c, si, i);
        figures++;
    }
    if (!rc && !figures)
        rc = reader_error(c->path, c->fields[0].line, 1,
                          "series '%s' has no figures (every year is empty)",
                          c->fields[0].text);
    return rc;
}

static int _on_row(void *ctx, const csvrows_field *fields, size_t n, int row_line)
{
    _csv *c = ctx;
    c->fields = fields;
    c->nfields = n;
    if (!c->have_header)
        return _header(c);
    if (n > c->ncols)
        return reader_error(c->path, fields[c->ncols].line, (int)c->ncols + 1,
                            "more fields than the header's %zu", c->ncols);
    if (n < c->ncols)
        return reader_error(c->path, row_line, (int)n + 1,
                            "%zu fields where the header has %zu", n, c->ncols);
    return _row(c);
}

/* ---- the file ------------------------------------------------------- */

int read_csv(cx_model *m, const char *path, int line, int col)
{
    char *buf;
    size_t len;
    int rc = reader_slurp_at(path, m->file, line, col, &buf, &len);
    if (rc)
        return rc;
    size_t bom = reader_bom(buf, len);
    const char *text = buf + bom;
    size_t n = len - bom;
    _csv c = {.m = m, .path = path, .at_line = line, .at_col = col,
              .first_series = m->nseries};
    int lines = 1;
    rc = reader_check_text(path, text, n, "CSV", 1);
    if (!rc)
        rc = csvrows_parse(path, text, n, _on_row, &c, &lines);
    if (!rc && !c.have_header)
        rc = reader_error(path, 1, 1, "no header row (expected series,2023,2024,...)");
    else if (!rc && m->nseries == c.first_series)
        rc = reader_error(path, lines, 1, "no series after the header "
                          "(expected a row per series, like capex.google,32,52)");
    free(c.role);
    free(c.year);
    free(buf);
    return rc;
}
