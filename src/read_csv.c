/*
 * read_csv.c - a CSV file as table rows (read_csv.h): csv_rows.c parses
 * (libcsv), this file picks the separator and turns fields into cells.
 */
#include "read_csv.h"

#include <stdlib.h>
#include <sysexits.h>

#include "csv_rows.h"
#include "diag.h"
#include "reader.h"

typedef struct _csv {
    tbl_where where;
    tbl_row_fn fn;
    void *ctx;
    tbl_cell *cells;
    size_t cap;
} _csv;

static int _on_row(void *ctx, const csvrows_field *fields, size_t n, int row_line)
{
    _csv *c = ctx;
    (void)row_line;
    if (n > c->cap) {
        tbl_cell *p = realloc(c->cells, n * sizeof *p);
        if (!p)
            return diag_oom();
        c->cells = p;
        c->cap = n;
    }
    for (size_t i = 0; i < n; i++)
        c->cells[i] = (tbl_cell){fields[i].text, fields[i].len, fields[i].line,
                                 (int)i + 1, TBL_TEXT};
    return c->fn(c->ctx, &c->where, c->cells, n);
}

static int _load(const char *path, const tbl_options *o, char **buf, size_t *len)
{
    if (o->at_file)
        return reader_slurp_at(path, o->at_file, o->at_line, o->at_col, buf, len);
    return reader_slurp(path, buf, len);
}

int read_csv_rows(const char *path, const tbl_options *o, tbl_row_fn fn, void *ctx)
{
    char *buf;
    size_t len;
    int rc = _load(path, o, &buf, &len);
    if (rc)
        return rc;
    size_t bom = reader_bom(buf, len);
    const char *text = buf + bom;
    size_t n = len - bom;
    _csv c = {.where = {path, NULL}, .fn = fn, .ctx = ctx};
    rc = reader_check_text(path, text, n, "CSV", 1);
    char sep = o->separator ? o->separator : csvrows_detect_sep(text, n);
    if (!rc)
        rc = csvrows_parse_sep(path, text, n, sep, _on_row, &c, NULL);
    free(c.cells);
    free(buf);
    return rc;
}
