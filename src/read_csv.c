/*
 * read_csv.c - CSV series with libcsv (see read_csv.h).
 *
 * libcsv calls _on_field for every field and _on_row at every row end;
 * with CSV_REPALL_NL it also reports blank lines, which keeps the line
 * count exact. Callbacks cannot stop the parser, so the first error is
 * printed, remembered in rc, and everything after it is ignored.
 */
#include "read_csv.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "parse_value.h"
#include "reader.h"

typedef enum _role { _R_SERIES = 0, _R_YEAR, _R_SOURCE, _R_LABEL, _R_UNIT } _role;

typedef struct _field {
    char *text;          /* NUL-terminated copy */
    size_t len;
    int line;            /* the line the field starts on */
} _field;

typedef struct _csv {
    cx_model *m;
    const char *path;
    int at_line, at_col;         /* the import in the model file */
    size_t first_series;         /* index of this file's first series */
    int rc;                      /* first error's exit code, 0 so far */
    int line;                    /* current physical line */
    int after_cr;                /* the last row end was a lone CR */
    int have_header;
    size_t ncols;                /* header fields */
    _role *role;                 /* [ncols] */
    int *year;                   /* [ncols], for _R_YEAR */
    _field *fields;              /* the current row */
    size_t nfields, cap;
} _csv;

static int _fail_nomem(_csv *c)
{
    diag_error("out of memory reading '%s'", c->path);
    return c->rc = EX_OSERR;
}

static void _clear_row(_csv *c)
{
    for (size_t i = 0; i < c->nfields; i++)
        free(c->fields[i].text);
    c->nfields = 0;
}

static int _lines_in(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')))
            k++;
    return k;
}

static void _on_field(void *data, size_t len, void *arg)
{
    _csv *c = arg;
    if (c->rc)
        return;
    const char *s = data ? data : "";
    if (c->have_header && c->nfields == c->ncols) {
        c->rc = reader_error(c->path, c->line, (int)c->ncols + 1,
                             "more fields than the header's %zu", c->ncols);
        return;
    }
    if (c->nfields == c->cap) {
        size_t n = c->cap ? 2 * c->cap : 16;
        _field *f = realloc(c->fields, n * sizeof *f);
        if (!f) {
            _fail_nomem(c);
            return;
        }
        c->fields = f;
        c->cap = n;
    }
    _field *f = &c->fields[c->nfields];
    if (!(f->text = malloc(len + 1))) {
        _fail_nomem(c);
        return;
    }
    memcpy(f->text, s, len);
    f->text[len] = '\0';
    f->len = len;
    f->line = c->line;
    c->nfields++;
    c->line += _lines_in(s, len);
}

/* ---- header --------------------------------------------------------- */

static const char *const _columns[] = {"source", "label", "unit", NULL};

static int _header_year(_csv *c, size_t i, long year)
{
    const _field *f = &c->fields[i];
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
    const _field *f = &c->fields[i];
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
    const _field *f = &c->fields[0];
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

static const _field *_cell(const _csv *c, _role role)
{
    for (size_t i = 0; i < c->ncols; i++)
        if (c->role[i] == role && c->fields[i].len > 0)
            return &c->fields[i];
    return NULL;
}

static int _row_unit(_csv *c, cx_series *s)
{
    const _field *u = _cell(c, _R_UNIT);
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
    const _field *f = &c->fields[i];
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
    const _field *src = _cell(c, _R_SOURCE), *label = _cell(c, _R_LABEL);
    if ((src && cx_model_strdup(c->m, src->text, &s->source))
        || (label && cx_model_strdup(c->m, label->text, &s->label)))
        return _fail_nomem(c);
    return 0;
}

static int _new_series(_csv *c, size_t *si)
{
    const _field *f = &c->fields[0];
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

static int _blank_row(const _csv *c)
{
    for (size_t i = 0; i < c->nfields; i++)
        for (size_t k = 0; k < c->fields[i].len; k++)
            if (c->fields[i].text[k] != ' ' && c->fields[i].text[k] != '\t')
                return 0;
    return 1;
}

static void _on_row(int ch, void *arg)
{
    _csv *c = arg;
    int crlf_tail = ch == '\n' && c->after_cr && c->nfields == 0;
    c->after_cr = ch == '\r';
    if (c->rc || crlf_tail) {
        _clear_row(c);
        return;
    }
    int row_line = c->nfields ? c->fields[0].line : c->line;
    if (!_blank_row(c)) {
        if (!c->have_header)
            c->rc = _header(c);
        else if (c->nfields < c->ncols)
            c->rc = reader_error(c->path, row_line, (int)c->nfields + 1,
                                 "%zu fields where the header has %zu",
                                 c->nfields, c->ncols);
        else
            c->rc = _row(c);
    }
    _clear_row(c);
    if (ch == '\n' || ch == '\r')
        c->line++;
}

/* ---- the file ------------------------------------------------------- */

static int _parse(_csv *c, const char *text, size_t len)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI | CSV_APPEND_NULL))
        return _fail_nomem(c);
    /* libcsv grows a field's buffer by a fixed step (128 bytes by default):
     * a 60 MB field would take half a million reallocs. A step of a 64th of
     * the file bounds them at 64 per field and keeps small files small. */
    size_t step = len / 64;
    csv_set_blk_size(&p, step < 128 ? 128 : step > ((size_t)1 << 20) ? (size_t)1 << 20 : step);
    size_t done = csv_parse(&p, text, len, _on_field, _on_row, c);
    if (!c->rc && done < len) {
        if (csv_error(&p) == CSV_EPARSE)
            c->rc = reader_error(c->path, c->line, (int)c->nfields + 1,
                                 "malformed quoted field (expected a comma or the "
                                 "end of the line after the closing quote)");
        else
            _fail_nomem(c);
    }
    int last_line = c->line, last_col = (int)c->nfields + 1;
    if (!c->rc && csv_fini(&p, _on_field, _on_row, c) && !c->rc) {
        if (csv_error(&p) == CSV_EPARSE)
            c->rc = reader_error(c->path, last_line, last_col,
                                 "unterminated quoted field (a '\"' is missing)");
        else
            _fail_nomem(c);
    }
    csv_free(&p);
    if (!c->rc && !c->have_header)
        c->rc = reader_error(c->path, 1, 1,
                             "no header row (expected series,2023,2024,...)");
    else if (!c->rc && c->m->nseries == c->first_series)
        c->rc = reader_error(c->path, c->line, 1, "no series after the header "
                             "(expected a row per series, like capex.google,32,52)");
    return c->rc;
}

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
    _csv c = {.m = m, .path = path, .at_line = line, .at_col = col, .line = 1,
              .first_series = m->nseries};
    rc = reader_check_text(path, text, n, "CSV", 1);
    if (!rc)
        rc = _parse(&c, text, n);
    _clear_row(&c);
    free(c.fields);
    free(c.role);
    free(c.year);
    free(buf);
    return rc;
}
