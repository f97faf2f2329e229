/*
 * read_model_import.c - the `import:` entries of a model file: a file name
 * (`import: bigtech.csv`), or a mapping with the file and how to read it
 * (`{file: filings.xlsx, sheet: Capex, range: B3:H12, layout: wide,
 * unit: M}`), or a sequence of either. Paths are relative to the model
 * file's folder; import.c reads the table.
 */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "import.h"
#include "read_model_priv.h"

static const char *const _keys[] = {"file", "sheet", "range", "layout", "unit",
                                    "separator", "decimal", "series_column", "spread",
                                    "kind", NULL};

/* The path: relative to the model file's folder. Caller frees. */
static char *_import_path(const char *model, const char *name)
{
    const char *slash = strrchr(model, '/');
    size_t dir = name[0] == '/' || !slash ? 0 : (size_t)(slash - model) + 1;
    char *p = malloc(dir + strlen(name) + 1);
    if (p) {
        memcpy(p, model, dir);
        strcpy(p + dir, name);
    }
    return p;
}

static int _file(const rm_reader *r, const yt_node *n)
{
    int rc = rm_want(r, n, YT_SCALAR, "(a CSV or .xlsx file name) for 'import'");
    if (!rc && strlen(n->text) != n->len)
        rc = RM_ERR(r, n, "unexpected NUL character in 'import'");
    return rc;
}

static int _range(const rm_reader *r, const yt_node *n, import_spec *s)
{
    tbl_range range;
    int rc = rm_text(r, n, "for 'range'", &s->table.range);
    if (!rc && tbl_parse_range(n->text, &range))
        rc = RM_ERR(r, n, "expected a range like B3:H12 for 'range' (within A1:XFD1048576), "
                    "got %s", rm_got(n).s);
    return rc;
}

static int _layout(const rm_reader *r, const yt_node *n, import_spec *s)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'layout'");
    if (!rc && strcmp(n->text, "wide") && strcmp(n->text, "long"))
        rc = RM_ERR(r, n, "expected wide (a series per row) or long (series, year, value "
                    "rows) for 'layout', got %s", rm_got(n).s);
    s->layout = !strcmp(n->text, "long") ? IMPORT_LONG : IMPORT_WIDE;
    return rc;
}

static int _scale(const rm_reader *r, const yt_node *n, import_spec *s)
{
    cx_scale scale;
    int rc = rm_want(r, n, YT_SCALAR, "for 'unit'");
    if (!rc && reader_scale(n->text, &scale))
        rc = RM_ERR(r, n, "expected the scale of the file's money figures for 'unit' (1, K, "
                    "M, B or T; also k, mn, bn, tn), got %s", rm_got(n).s);
    s->bare_scale = rc ? 0 : 1 + (int)scale;
    return rc;
}

static int _separator(const rm_reader *r, const yt_node *n, import_spec *s)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'separator'");
    if (rc)
        return rc;
    if (!strcmp(n->text, ",") || !strcmp(n->text, ";") || !strcmp(n->text, "\t"))
        s->table.separator = n->text[0];
    else if (!strcmp(n->text, "tab"))
        s->table.separator = '\t';
    else
        return RM_ERR(r, n, "expected \",\", \";\" or tab for 'separator', got %s",
                      rm_got(n).s);
    return 0;
}

static int _decimal(const rm_reader *r, const yt_node *n, import_spec *s)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'decimal'");
    if (!rc && strcmp(n->text, ".") && strcmp(n->text, ","))
        rc = RM_ERR(r, n, "expected \".\" or \",\" for 'decimal', got %s", rm_got(n).s);
    s->decimal_comma = !rc && n->text[0] == ',';
    return rc;
}

/* `spread: even|last` (monthly and quarterly models) and `kind:
 * flow|balance`: every row's without its own cell. */
static int _flow(const rm_reader *r, const yt_node *map, import_spec *s)
{
    const yt_node *spread = yt_get(map, "spread"), *kind = yt_get(map, "kind");
    int rc = 0;
    if (spread && (rc = rm_want(r, spread, YT_SCALAR, "for 'spread'")) == 0) {
        if (strcmp(spread->text, "even") && strcmp(spread->text, "last"))
            return RM_ERR(r, spread, "expected even (a flow stated by year) or last (a "
                          "balance at the year's end) for 'spread', got %s", rm_got(spread).s);
        if (r->m->cal.per_year == 1)
            return RM_ERR(r, spread, "'spread' in an import of an annual model has no "
                          "periods to spread a year over (expected it only with 'periods:')");
        s->spread = spread->text[0] == 'l' ? CX_SPREAD_LAST : CX_SPREAD_EVEN;
    }
    if (!rc && kind && (rc = rm_want(r, kind, YT_SCALAR, "for 'kind'")) == 0) {
        if (strcmp(kind->text, "flow") && strcmp(kind->text, "balance"))
            return RM_ERR(r, kind, "expected flow (summed in a year) or balance (its value "
                          "at the year's end) for 'kind', got %s", rm_got(kind).s);
        s->balance = kind->text[0] == 'b';
    }
    return rc;
}

/* A CSV-only or workbook-only key on the other kind of file. */
static int _fits(const rm_reader *r, const yt_node *map, const char *key, int workbook,
                 int for_workbooks)
{
    const yt_pair *p = yt_find(map, key);
    if (!p || workbook == for_workbooks)
        return 0;
    return RM_ERR(r, p->key, "'%s' is for %s files (this import is %s)", key,
                  for_workbooks ? ".xlsx" : "CSV", workbook ? "a workbook" : "a CSV file");
}

/* The keys of an import mapping into s. */
static int _options(const rm_reader *r, const yt_node *map, import_spec *s)
{
    int workbook = tbl_is_workbook(s->path);
    int rc = rm_known_keys(r, map, _keys, "in an import");
    if (!rc)
        rc = _fits(r, map, "sheet", workbook, 1) || _fits(r, map, "range", workbook, 1)
             || _fits(r, map, "separator", workbook, 0) || _fits(r, map, "decimal", workbook, 0)
             ? EX_DATAERR : 0;
    const yt_node *n;
    if (!rc)
        rc = rm_opt_text(r, map, "sheet", &s->table.sheet);
    if (!rc)
        rc = rm_opt_text(r, map, "series_column", &s->series_column);
    if (!rc && (n = yt_get(map, "range")))
        rc = _range(r, n, s);
    if (!rc && (n = yt_get(map, "layout")))
        rc = _layout(r, n, s);
    if (!rc && (n = yt_get(map, "unit")))
        rc = _scale(r, n, s);
    if (!rc && (n = yt_get(map, "separator")))
        rc = _separator(r, n, s);
    if (!rc && (n = yt_get(map, "decimal")))
        rc = _decimal(r, n, s);
    if (!rc)
        rc = _flow(r, map, s);
    return rc;
}

static int _import_one(const rm_reader *r, const yt_node *n)
{
    const yt_node *file = n;
    int rc = 0;
    if (n->kind == YT_MAPPING && !(rc = rm_need(r, n, "file", "in an import")))
        file = yt_get(n, "file");
    if (rc || (rc = _file(r, file)))
        return rc;
    import_spec s = {.line = file->line, .col = file->col};
    char *path = _import_path(r->file, file->text);
    if (!path)
        return diag_oom();
    s.path = path;
    s.table.at_file = r->file;
    s.table.at_line = file->line;
    s.table.at_col = file->col;
    if (n->kind == YT_MAPPING)
        rc = _options(r, n, &s);
    if (!rc)
        rc = import_series(r->m, &s);
    free(path);
    return rc;
}

int rm_imports(const rm_reader *r, const yt_node *n)
{
    if (n->kind != YT_SEQUENCE)
        return _import_one(r, n);
    int rc = 0;
    for (size_t i = 0; i < n->nitems && !rc; i++)
        rc = _import_one(r, n->items[i]);
    return rc;
}
