/*
 * import_header.c - the header row of an imported table (import_priv.h):
 * which column names the series, which are years or periods (wide
 * layout) or the year (period) and value columns (long layout), source,
 * label, unit, kind and spread.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "import_priv.h"
#include "reader.h"

static const struct { const char *name; imp_role role; } _names[] = {
    {"series", IMP_SERIES}, {"year", IMP_YEAR}, {"period", IMP_YEAR}, {"value", IMP_VALUE},
    {"as written", IMP_VALUE}, {"source", IMP_SOURCE}, {"label", IMP_LABEL},
    {"unit", IMP_UNIT}, {"kind", IMP_KIND}, {"spread", IMP_SPREAD},
};

static int _digit(char ch) { return ch >= '0' && ch <= '9'; }

int import_year_of(const tbl_cell *cell, long *year)
{
    const char *s = cell->text;
    if (strlen(s) != cell->len)
        return -1;
    while (*s == ' ')
        s++;
    if (cell->kind != TBL_DATE && !strncasecmp(s, "FY", 2))
        s += 2 + (s[2] == ' ');
    long y = 0;
    int digits = 0;
    while (_digit(*s) && digits < 5) {
        y = y * 10 + (*s++ - '0');
        digits++;
    }
    if (digits < 4 || digits > 4)
        return -1;
    if (cell->kind == TBL_DATE) {
        *year = y;
        return 0;
    }
    if (*s && strchr("AaEeFfPp", *s))
        s++;
    while (*s == ' ')
        s++;
    if (*s)
        return -1;
    *year = y;
    return 0;
}

static imp_role _role_named(const tbl_cell *cell)
{
    char buf[16];
    size_t n = cell->len;
    while (n > 0 && cell->text[n - 1] == ' ')
        n--;
    if (n >= sizeof buf)
        return IMP_NONE;
    memcpy(buf, cell->text, n);
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof _names / sizeof _names[0]; i++)
        if (!strcasecmp(buf, _names[i].name))
            return _names[i].role;
    return IMP_NONE;
}

/* Column i holds the figures of the year or period f names. */
static int _header_slot(imp *c, const tbl_where *w, const tbl_cell *f, size_t i)
{
    imp_slot *s = &c->slot[i];
    for (size_t j = 0; j < i; j++)
        if (c->role[j] == IMP_YEAR && c->slot[j].t == s->t && c->slot[j].year == s->year)
            return tbl_error(w, f->row, f->col,
                             "duplicate %s in the header (first in column %zu)", s->what,
                             j + 1);
    c->role[i] = IMP_YEAR;
    return 0;
}

static int _unknown(const tbl_where *w, const tbl_cell *f, const char *expected)
{
    static const char *const choices[] = {"source", "label", "unit", "series", "year",
                                          "value", "period", "kind", "spread", NULL};
    reader_text t = reader_show(f->text, f->len);
    const char *near = reader_suggest(f->text, choices);
    if (near)
        return tbl_error(w, f->row, f->col, "unknown column '%s' (did you mean '%s'?)",
                         t.s, near);
    return tbl_error(w, f->row, f->col, "unknown column '%s' (expected %s)", t.s, expected);
}

static int _is_name_column(const imp *c, const tbl_cell *f, size_t i)
{
    const char *want = c->spec->series_column;
    if (want)
        return !strcasecmp(f->text, want);
    return c->spec->layout == IMPORT_WIDE ? i == 0 : _role_named(f) == IMP_SERIES;
}

/* Column i of the header: its role (and year). */
static int _header_cell(imp *c, const tbl_where *w, const tbl_cell *f, size_t i)
{
    imp_role role = _role_named(f);
    int wide = c->spec->layout == IMPORT_WIDE, rc;
    if (_is_name_column(c, f, i))
        role = IMP_SERIES;
    else if (f->len == 0)
        role = IMP_NONE;
    else if (wide && (rc = imp_slot_of(c, w, f, &c->slot[i])) >= 0)
        return rc ? rc : _header_slot(c, w, f, i);
    else if (role == IMP_NONE || role == IMP_SERIES || (wide && role <= IMP_VALUE))
        return _unknown(w, f, wide ? "a year, 'source', 'label', 'unit', 'kind' or 'spread'"
                                   : "series, year or period, value, source, label, unit, "
                                     "kind or spread");
    if (role != IMP_NONE && c->col_of[role] != SIZE_MAX)
        return tbl_error(w, f->row, f->col, "duplicate column '%s'", f->text);
    if (role != IMP_NONE)
        c->col_of[role] = i;
    c->role[i] = role;
    return 0;
}

/* The columns the layout needs. */
static int _complete(imp *c, const tbl_where *w, const tbl_cell *first)
{
    if (c->spec->layout == IMPORT_WIDE) {
        for (size_t i = 0; i < c->ncols; i++)
            if (c->role[i] == IMP_YEAR)
                return 0;
        return tbl_error(w, first->row, first->col,
                         "the header has no years (expected series,2023,2024,...)");
    }
    static const imp_role need[] = {IMP_SERIES, IMP_YEAR, IMP_VALUE};
    static const char *const names[] = {"series", "year", "value"};
    for (size_t k = 0; k < 3; k++)
        if (c->col_of[need[k]] == SIZE_MAX)
            return tbl_error(w, first->row, first->col, "the header has no '%s' column "
                             "(the long layout is series, year or period, value[, source])",
                             names[k]);
    return 0;
}

int imp_header(imp *c, const tbl_where *w, const tbl_cell *cells, size_t n)
{
    while (n > 0 && cells[n - 1].len == 0)          /* trailing empty columns */
        n--;
    c->ncols = n;
    c->role = calloc(n ? n : 1, sizeof *c->role);
    c->slot = calloc(n ? n : 1, sizeof *c->slot);
    if (!c->role || !c->slot)
        return diag_oom();
    for (size_t k = 0; k < IMP_NROLES; k++)
        c->col_of[k] = SIZE_MAX;
    size_t named = 0;
    while (c->spec->series_column && named < n
           && strcasecmp(cells[named].text, c->spec->series_column))
        named++;
    if (c->spec->series_column && named == n)
        return tbl_error(w, cells[0].row, cells[0].col, "no column '%s' in the header (the "
                         "import's 'series_column')", c->spec->series_column);
    for (size_t i = 0; i < n; i++) {
        int rc = _header_cell(c, w, &cells[i], i);
        if (rc)
            return rc;
    }
    c->have_header = 1;
    c->header_row = cells[0].row;
    c->header_col = cells[0].col;
    return _complete(c, w, &cells[0]);
}
