/*
 * init_from.c - a model file from a table (init_from.h): the table is read
 * whole first (a model file is small), checked figure by figure as the
 * importer would, then written through outfile.c.
 */
#include "init_from.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "import.h"
#include "outfile.h"
#include "parse_value.h"
#include "reader.h"

#define HORIZON 5            /* projected years after the table's last */

typedef struct _fig {
    int year;
    char *text;
    char cell[600];          /* "FILE:SHEET!C7", or "row 2, column 3" of a CSV file */
} _fig;

typedef struct _row {
    char *name, *label, *skipped;  /* skipped: a row without figures */
    int percent;
    _fig *figs;
    size_t nfigs;
} _row;

typedef struct _table {
    const char *model, *path, *sheet, *date;
    int have_header, first, last;
    size_t ncols;
    int *year;               /* [ncols], 0: not a year */
    _row *rows;
    size_t nrows;
} _table;

/* ---- reading --------------------------------------------------------- */

/* The first row with a year in it is the header; rows above it (a
 * sheet's title, notes) are passed over. */
static int _header(_table *t, const tbl_where *w, const tbl_cell *cells, size_t n)
{
    t->ncols = n;
    free(t->year);
    t->year = calloc(n ? n : 1, sizeof *t->year);
    if (!t->year)
        return diag_oom();
    for (size_t i = 1; i < n; i++) {
        long y;
        if (import_year_of(&cells[i], &y) || y < 1900 || y > 2200)
            continue;
        t->year[i] = (int)y;
        t->first = !t->first || y < t->first ? (int)y : t->first;
        t->last = y > t->last ? (int)y : t->last;
    }
    if (!t->first)
        return 0;
    t->have_header = 1;
    if (t->last + HORIZON - t->first >= 200)
        return tbl_error(w, cells[0].row, cells[0].col, "the header's years %d..%d span "
                         "more than 200 years", t->first, t->last);
    return 0;
}

/* Check the figure in cell as the importer will read it. */
static int _check(const tbl_where *w, const tbl_cell *c, int year, int percent)
{
    pv_rules rules = pv_rules_for(percent ? CX_U_RATIO : CX_U_MONEY, CX_SCALE_B);
    cx_value v;
    pv_status st = c->kind <= TBL_NUMBER && strlen(c->text) == c->len
                   ? parse_value(c->text, &rules, &v) : PV_ESYNTAX;
    if (st == PV_OK)
        return 0;
    char what[32], where[512];
    const char *file;
    int line, col;
    snprintf(what, sizeof what, "for year %d", year);
    tbl_position(w, c->row, c->col, where, sizeof where, &file, &line, &col);
    return reader_figure_error(file, line, col, st, &rules, c->text, c->len, what,
                               percent ? "%" : "money");
}

static int _figures(_table *t, const tbl_where *w, const tbl_cell *cells, size_t n, _row *r)
{
    int all = 1, any = 0;
    for (size_t i = 1; i < n && i < t->ncols; i++)
        if (t->year[i] && cells[i].len) {
            any = 1;
            all &= pv_is_percent(cells[i].text);
        }
    r->percent = any && all;
    if (!(r->figs = calloc(n, sizeof *r->figs)))
        return diag_oom();
    for (size_t i = 1; i < n && i < t->ncols; i++) {
        if (!t->year[i] || !cells[i].len)
            continue;
        int rc = _check(w, &cells[i], t->year[i], r->percent);
        if (rc)
            return rc;
        _fig *f = &r->figs[r->nfigs++];
        f->year = t->year[i];
        if (!(f->text = strdup(cells[i].text)))
            return diag_oom();
        const char *file;
        int line, col;
        tbl_position(w, cells[i].row, cells[i].col, f->cell, sizeof f->cell, &file, &line,
                     &col);
        if (!w->sheet)
            snprintf(f->cell, sizeof f->cell, "row %d, column %d", line, col);
    }
    return 0;
}

static int _on_row(void *ctx, const tbl_where *w, const tbl_cell *cells, size_t n)
{
    _table *t = ctx;
    if (!t->have_header)
        return _header(t, w, cells, n);
    _row *rows = realloc(t->rows, (t->nrows + 1) * sizeof *rows);
    if (!rows)
        return diag_oom();
    t->rows = rows;
    _row *r = memset(&rows[t->nrows++], 0, sizeof *r);
    if (!(r->label = strdup(cells[0].text)))
        return diag_oom();
    int rc = _figures(t, w, cells, n, r);
    if (!rc && !r->nfigs)
        r->skipped = r->label;
    return rc;
}

/* ---- names ----------------------------------------------------------- */

/* A series name for row r: its own when valid, else its letters (any
 * UTF-8 letter too) and digits in lower case joined by '_', then ".MODEL"
 * when it has no dot;
 * "_2", "_3" ... when taken. */
static int _name(_table *t, size_t k)
{
    _row *r = &t->rows[k];
    size_t n = strlen(r->label);
    char *s = malloc(n + strlen(t->model) + 24);
    if (!s)
        return diag_oom();
    if (reader_is_series_name(r->label, n)) {
        strcpy(s, r->label);
    } else {
        size_t j = 0;
        for (size_t i = 0; i < n; i++) {
            char ch = r->label[i];
            int ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.'
                     || (unsigned char)ch >= 0x80;          /* 매출: UTF-8 kept */
            if (ch >= 'A' && ch <= 'Z')
                ch = (char)(ch - 'A' + 'a'), ok = 1;
            if (ok)
                s[j++] = ch;
            else if (j && s[j - 1] != '_' && s[j - 1] != '.')
                s[j++] = '_';
        }
        while (j && (s[j - 1] == '_' || s[j - 1] == '.'))
            j--;
        s[j] = '\0';
        if (!j)
            strcpy(s, "series");
        if (!strchr(s, '.'))
            sprintf(s + strlen(s), ".%s", t->model);
    }
    size_t base = strlen(s);
    for (int dup = 2;; dup++) {
        size_t i = 0;
        while (i < k && (!t->rows[i].name || strcmp(t->rows[i].name, s)))
            i++;
        if (i == k || dup > 10000)
            break;
        sprintf(s + base, "_%d", dup);
    }
    r->name = s;
    return 0;
}

/* ---- writing --------------------------------------------------------- */

static void _quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        if ((unsigned char)*s < 0x20)
            fputc(' ', f);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static void _series(FILE *f, const _table *t, const _row *r)
{
    fprintf(f, "  %s:\n", r->name);
    if (strcmp(r->name, r->label)) {
        fputs("    label: ", f);
        _quoted(f, r->label);
        fputc('\n', f);
    }
    if (r->percent)
        fputs("    unit: \"%\"\n", f);
    fputs("    values:\n", f);
    for (size_t i = 0; i < r->nfigs; i++) {
        char src[700];
        snprintf(src, sizeof src, "%s %s", t->path, r->figs[i].cell);
        fprintf(f, "      %d: {value: ", r->figs[i].year);
        _quoted(f, r->figs[i].text);
        fputs(", source: ", f);
        _quoted(f, tbl_is_workbook(t->path) ? r->figs[i].cell : src);
        fputs("}\n", f);
    }
}

static int _fill(FILE *f, const void *ctx)
{
    const _table *t = ctx;
    fprintf(f, "# %s - the rows of %s%s%s as series, written by `capex init --from`.\n"
            "# Each figure's source is its cell. Check 'unit' (the scale of the money\n"
            "# figures), then uncomment and adapt the drivers. Run: capex run %s.yaml\n",
            t->model, t->path, t->sheet ? ", sheet " : "", t->sheet ? t->sheet : "",
            t->model);
    fprintf(f, "model: %s\ntitle: %s\ncurrency: USD\n"
            "unit: M                  # money figures as the table writes them: 1, K, M, B or T\n"
            "years: %d..%d        # the table's years and %d more to project\n"
            "as_of: %s\n\nseries:\n", t->model, t->model, t->first, t->last + HORIZON,
            HORIZON, t->date);
    for (size_t i = 0; i < t->nrows; i++)
        if (!t->rows[i].skipped)
            _series(f, t, &t->rows[i]);
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].skipped)
            fprintf(f, "  # left out: row '%s' has no figures\n", t->rows[i].skipped);
    fputs("\n# How each series goes on after its last figure (docs/format.md, Drivers):\n"
          "# drivers:\n", f);
    for (size_t i = 0; i < t->nrows; i++)
        if (!t->rows[i].skipped)
            fprintf(f, "#   %s: {method: %s}\n", t->rows[i].name, t->rows[i].percent
                    ? "growth, rate: 0%" : "fade, from: 20%, to: 5%, over: 5");
    return ferror(f) ? EX_IOERR : 0;
}

static void _release(_table *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t k = 0; k < t->rows[i].nfigs; k++)
            free(t->rows[i].figs[k].text);
        free(t->rows[i].figs);
        free(t->rows[i].name);
        free(t->rows[i].label);
    }
    free(t->rows);
    free(t->year);
}

int init_from(const char *name, const char *path, const tbl_options *o, const char *date,
              const char *out)
{
    _table t = {.model = name, .path = path, .sheet = o->sheet, .date = date};
    int rc = tbl_read(path, o, _on_row, &t), series = 0;
    if (!rc && !t.have_header)
        rc = (diag_error("'%s' has no header row with years (expected a name column, "
                         "then years like 2023, FY2024 or 2025E)", path), EX_DATAERR);
    for (size_t i = 0; i < t.nrows && !rc; i++)
        if (!t.rows[i].skipped && !(rc = _name(&t, i)))
            series++;
    if (!rc && !series)
        rc = (diag_error("'%s' has no row with figures under the header's years", path),
              EX_DATAERR);
    if (!rc)
        rc = outfile_write_text(out, _fill, &t);
    _release(&t);
    return rc;
}
