/*
 * xlsx_raw.c - the raw paths workbook (xlsx_raw.h). Sheet "Paths" holds
 * the header row (the years) and then one row per path, path k on row
 * k + 2 (Excel's numbering); past XLSX_RAW_ROWS paths the rows go on in
 * "Paths 2", "Paths 3", ..., each with the header again. Cells are plain
 * numbers without a format: in constant_memory mode libxlsxwriter writes
 * each row out as soon as the next one starts, so this file's own work
 * per cell is one call.
 *
 * Same result, same bytes: the document's creation time is the model's
 * as_of date and libxlsxwriter stamps every zip entry 1980-01-01.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <xlsxwriter.h>

#include "diag.h"
#include "model.h"
#include "outfile.h"
#include "xlsx_error.h"
#include "xlsx_raw.h"
#include "xlsx_zip_async.h"

struct xlsx_raw {
    xlsx_raw_spec spec;
    char *tmp, *dir;
    lxw_workbook *wb;
    lxw_worksheet *ws;        /* the sheet being filled */
    lxw_format *bold;
    size_t sheet;             /* its number, from 1 */
    lxw_error err;            /* the first failure, LXW_NO_ERROR if none */
};

static void _free(xlsx_raw *x)
{
    free(x->dir);
    free(x);
}

static void _fail(xlsx_raw *x, lxw_error e)
{
    if (x->err == LXW_NO_ERROR)
        x->err = e;
}

static char _subject[] = "Monte Carlo paths (capex mc --raw)";
static char _author[] = "capex";

static void _properties(xlsx_raw *x)
{
    const xlsx_raw_spec *s = &x->spec;
    char title[256], comments[512], a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
    snprintf(title, sizeof title, "%s, one row per path", s->what);
    snprintf(comments, sizeof comments,
             "capex mc model '%s', scenario %s, seed %lu, %zu path%s: %s in %s..%s, "
             "path k on row k + 2 (%d paths a sheet)",
             s->model, s->scenario ? s->scenario : "base", s->seed, s->paths,
             s->paths == 1 ? "" : "s", s->what, cx_model_period_title(s->m, s->first_year, a),
             cx_model_period_title(s->m, s->first_year + (int)s->years - 1, b),
             XLSX_RAW_ROWS);
    lxw_doc_properties p = {
        .title = title, .subject = _subject, .author = _author, .comments = comments,
        /* 0 would make libxlsxwriter use the clock */
        .created = s->created ? s->created : 1,
    };
    _fail(x, workbook_set_properties(x->wb, &p));
}

/* "Paths", "Paths 2", ... */
static void _sheet_name(size_t n, char *buf, size_t size)
{
    if (n == 1)
        snprintf(buf, size, "Paths");
    else
        snprintf(buf, size, "Paths %zu", n);
}

/* Column j's heading: the year (a number), or the period's title. */
static void _header(xlsx_raw *x, size_t j)
{
    const cx_model *m = x->spec.m;
    int p = x->spec.first_year + (int)j;
    char title[CX_PERIOD_KEY_MAX];
    if (m->cal.per_year == 1)
        _fail(x, worksheet_write_number(x->ws, 0, (lxw_col_t)j, p, x->bold));
    else
        _fail(x, worksheet_write_string(x->ws, 0, (lxw_col_t)j,
                                        cx_model_period_title(m, p, title), x->bold));
}

/* The next sheet with its header row. */
static int _sheet(xlsx_raw *x)
{
    char name[32];
    _sheet_name(++x->sheet, name, sizeof name);
    x->ws = workbook_add_worksheet(x->wb, name);
    if (!x->ws) {
        _fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return -1;
    }
    lxw_col_t last = (lxw_col_t)(x->spec.years - 1);
    _fail(x, worksheet_set_column(x->ws, 0, last, 12, NULL));
    worksheet_freeze_panes(x->ws, 1, 0);
    for (size_t j = 0; j < x->spec.years; j++)
        _header(x, j);
    return x->err == LXW_NO_ERROR ? 0 : -1;
}

int xlsx_raw_open(const xlsx_raw_spec *spec, xlsx_raw **out)
{
    *out = NULL;
    if (spec->years == 0 || spec->years > LXW_COL_MAX)
        return diag_error("cannot write '%s': %zu columns of years", spec->path,
                          spec->years), EX_SOFTWARE;
    xlsx_raw *x = calloc(1, sizeof *x);
    if (!x)
        return diag_oom();
    x->spec = *spec;
    int rc = outfile_begin(spec->path, &x->tmp);
    if (rc) {
        _free(x);
        return rc;
    }
    x->dir = outfile_dir(spec->path);
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = x->dir};
    x->wb = x->dir ? workbook_new_opt(x->tmp, &opt) : NULL;
    x->bold = x->wb ? workbook_add_format(x->wb) : NULL;
    if (x->bold)
        format_set_bold(x->bold);
    if (!x->bold || (_properties(x), _sheet(x))) {
        diag_error("cannot write '%s': out of memory", spec->path);
        xlsx_raw_abort(x);
        return EX_IOERR;
    }
    *out = x;
    return 0;
}

int xlsx_raw_block(void *ctx, size_t first_path, size_t npaths, const double *values)
{
    xlsx_raw *x = ctx;
    size_t w = x->spec.years;
    for (size_t i = 0; i < npaths && x->err == LXW_NO_ERROR; i++) {
        size_t path = first_path + i;
        if (path / XLSX_RAW_ROWS + 1 > x->sheet && _sheet(x))
            break;
        lxw_row_t row = (lxw_row_t)(path % XLSX_RAW_ROWS + 1);
        const double *v = values + i * w;
        for (size_t j = 0; j < w; j++)
            if (isfinite(v[j]))
                _fail(x, worksheet_write_number(x->ws, row, (lxw_col_t)j, v[j], NULL));
    }
    return x->err == LXW_NO_ERROR ? 0 : -1;
}

int xlsx_raw_failed(const xlsx_raw *x)
{
    return x->err != LXW_NO_ERROR;
}


int xlsx_raw_close(xlsx_raw *x)
{
    errno = 0;
    lxw_error e = workbook_close(x->wb);
    int err = errno;          /* the system's reason, when the zip step failed on it */
    xlsx_zip_async_end();     /* the workbook freed on the zip's worker, if one ran */
    x->wb = NULL;
    int rc = 0;
    if (e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE) {
        xlsx_error_message("create", x->spec.path, e, err);
        rc = EX_CANTCREAT;
    } else if (e != LXW_NO_ERROR || x->err != LXW_NO_ERROR) {
        xlsx_error_message("write", x->spec.path, e != LXW_NO_ERROR ? e : x->err, err);
        rc = EX_IOERR;
    }
    if (rc)
        outfile_abort(x->tmp);
    else
        rc = outfile_commit(x->tmp, x->spec.path);
    _free(x);
    return rc;
}

void xlsx_raw_abort(xlsx_raw *x)
{
    if (!x)
        return;
    /* lxw_workbook_free leaves constant_memory's row files open */
    for (size_t n = 1; x->wb && n <= x->sheet; n++) {
        char name[32];
        _sheet_name(n, name, sizeof name);
        lxw_worksheet *ws = workbook_get_worksheet_by_name(x->wb, name);
        if (ws && ws->optimize_tmpfile) {
            fclose(ws->optimize_tmpfile);
            ws->optimize_tmpfile = NULL;
        }
    }
    if (x->wb)
        lxw_workbook_free(x->wb);
    outfile_abort(x->tmp);
    _free(x);
}
