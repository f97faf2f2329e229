/*
 * batch_index.c - index.xlsx, index.csv and index.json of a batch
 * (batch_index.h). The rows are the records' texts; numbers are read back
 * from them (they were written to round-trip), so the same records give
 * the same bytes.
 */
#define _GNU_SOURCE
#include "batch_index.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <xlsxwriter.h>

#include "diag.h"
#include "json_out.h"
#include "outfile.h"
#include "reader.h"
#include "xlsx_book.h"
#include "xlsx_error.h"

/* Columns written as numbers (JSON numbers, numeric cells). */
static int _numeric(int c)
{
    return c == BR_RUN || c == BR_EXIT || c == BR_WARNINGS || c == BR_FIRST_YEAR ||
           c == BR_LAST_YEAR || c == BR_CUMULATIVE_BURN || c == BR_BREAK_EVEN_YEAR ||
           c == BR_PEAK_FUNDING_NEED || c == BR_RUNWAY_MONTHS;
}

static size_t _count(const batch_record *recs, size_t n, const char *status)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !strcmp(recs[i].f[BR_STATUS], status);
    return k;
}

/* ---- CSV and JSON ------------------------------------------------------- */

int batch_index_csv(FILE *out, const batch_record *recs, size_t n)
{
    int rc = batch_record_print_header(out, BR_INDEX_COLUMNS);
    for (size_t i = 0; i < n && !rc; i++)
        rc = batch_record_print(out, &recs[i], BR_INDEX_COLUMNS);
    return rc || ferror(out) ? EX_IOERR : 0;
}

int batch_index_json(FILE *out, const batch_record *recs, size_t n)
{
    json_out j;
    json_init(&j, out);
    json_begin_object(&j);
    json_kint(&j, "runs", (long)n);
    json_kint(&j, "succeeded", (long)_count(recs, n, "ok"));
    json_kint(&j, "failed", (long)_count(recs, n, "failed"));
    json_key(&j, "index");
    json_begin_array(&j);
    for (size_t i = 0; i < n; i++) {
        json_begin_object(&j);
        for (int c = 0; c < BR_INDEX_COLUMNS; c++) {
            const char *v = recs[i].f[c];
            json_key(&j, batch_columns[c]);
            if (!*v && c != BR_MESSAGE && c != BR_CHECKS)
                json_null(&j);
            else if (_numeric(c))
                json_number(&j, strtod(v, NULL));
            else
                json_string(&j, v);
        }
        json_end_object(&j);
    }
    json_end_array(&j);
    json_end_object(&j);
    fputc('\n', out);
    return ferror(out) ? EX_IOERR : 0;
}

/* ---- the workbook --------------------------------------------------------- */

typedef struct _fmts {
    lxw_format *title, *head, *text, *money, *year, *months, *count, *failed, *link, *wrap;
} _fmts;

static lxw_format *_fmt(lxw_workbook *wb, const char *num, int bold, int wrap)
{
    lxw_format *f = workbook_add_format(wb);
    if (num)
        format_set_num_format(f, num);
    if (bold)
        format_set_bold(f);
    if (wrap) {
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    return f;
}

static void _formats(lxw_workbook *wb, _fmts *f)
{
    f->title = _fmt(wb, NULL, 1, 0);
    format_set_font_size(f->title, 14);
    f->head = _fmt(wb, NULL, 1, 1);
    format_set_bottom(f->head, LXW_BORDER_THIN);
    format_set_bg_color(f->head, 0xDDEBF7);
    f->text = _fmt(wb, NULL, 0, 0);
    f->money = _fmt(wb, "#,##0.00;[Red]-#,##0.00", 0, 0);
    f->year = _fmt(wb, "0", 0, 0);
    f->months = _fmt(wb, "0.0", 0, 0);
    f->count = _fmt(wb, "#,##0", 0, 0);
    f->failed = _fmt(wb, NULL, 1, 0);
    format_set_font_color(f->failed, LXW_COLOR_RED);
    f->link = workbook_get_default_url_format(wb);
    f->wrap = _fmt(wb, NULL, 0, 1);
}

static lxw_format *_cell_format(const _fmts *f, int c)
{
    switch (c) {
    case BR_CUMULATIVE_BURN: case BR_PEAK_FUNDING_NEED: return f->money;
    case BR_FIRST_YEAR: case BR_LAST_YEAR: case BR_BREAK_EVEN_YEAR: return f->year;
    case BR_RUNWAY_MONTHS: return f->months;
    default: return _numeric(c) ? f->count : f->text;
    }
}

static const double _widths[BR_INDEX_COLUMNS] = {
    5, 20, 28, 10, 8, 5, 7, 9, 7, 7, 7, 12, 10, 12, 9, 22, 44,
};

/* The headings people read (index.csv and index.json keep the names). */
static const char *const _headings[BR_INDEX_COLUMNS] = {
    "Run", "Name", "Model", "Scenario", "Status", "Exit", "Checks", "Warnings", "Unit",
    "First year", "Last year", "Cumulative burn", "Break-even year", "Peak funding need",
    "Runway (months)", "Workbook", "Message",
};

/* Row r (0-based) of the table: the record's cells. */
static void _row(lxw_worksheet *ws, const _fmts *f, lxw_row_t row, const batch_record *rec)
{
    for (int c = 0; c < BR_INDEX_COLUMNS; c++) {
        const char *v = rec->f[c];
        lxw_col_t col = (lxw_col_t)c;
        if (!*v)
            continue;
        if (c == BR_WORKBOOK) {
            char url[READER_MAX_NAME + 32];
            snprintf(url, sizeof url, "external:%s", v);
            worksheet_write_url_opt(ws, row, col, url, f->link, v, "Open the run's workbook");
        } else if (c == BR_MESSAGE) {
            worksheet_write_string(ws, row, col, v, f->wrap);
            int lines = xb_text_lines(v, _widths[c], 11);
            if (lines > 1)
                worksheet_set_row(ws, row, 15.0 * lines, NULL);
        } else if (c == BR_STATUS && strcmp(v, "ok")) {
            worksheet_write_string(ws, row, col, v, f->failed);
        } else if (_numeric(c)) {
            worksheet_write_number(ws, row, col, strtod(v, NULL), _cell_format(f, c));
        } else {
            worksheet_write_string(ws, row, col, v, f->text);
        }
    }
}

/* The summary at the top: live counts over the table. */
static void _summary(lxw_worksheet *ws, const _fmts *f, const batch_record *recs,
                     size_t n, lxw_row_t first, lxw_row_t last)
{
    char buf[160];
    worksheet_write_string(ws, 0, 0, "capex batch index", f->title);
    worksheet_write_string(ws, 1, 0, "runs", f->text);
    worksheet_write_string(ws, 1, 2, "succeeded", f->text);
    worksheet_write_string(ws, 1, 4, "failed", f->text);
    snprintf(buf, sizeof buf, "=ROWS(A%u:A%u)", (unsigned)first + 1, (unsigned)last + 1);
    worksheet_write_formula_num(ws, 1, 1, n ? buf : "=0", f->count, (double)n);
    snprintf(buf, sizeof buf, "=COUNTIF(E%u:E%u,\"ok\")", (unsigned)first + 1,
             (unsigned)last + 1);
    worksheet_write_formula_num(ws, 1, 3, n ? buf : "=0", f->count,
                                (double)_count(recs, n, "ok"));
    snprintf(buf, sizeof buf, "=COUNTIF(E%u:E%u,\"failed\")", (unsigned)first + 1,
             (unsigned)last + 1);
    worksheet_write_formula_num(ws, 1, 5, n ? buf : "=0", f->count,
                                (double)_count(recs, n, "failed"));
}

static void _sheet(lxw_workbook *wb, const batch_record *recs, size_t n)
{
    _fmts f;
    _formats(wb, &f);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Index");
    const lxw_row_t head = 3, first = head + 1, last = head + (lxw_row_t)(n ? n : 1);
    _summary(ws, &f, recs, n, first, last);
    for (int c = 0; c < BR_INDEX_COLUMNS; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, _widths[c], NULL);
        worksheet_write_string(ws, head, (lxw_col_t)c, _headings[c], f.head);
    }
    for (size_t i = 0; i < n; i++)
        _row(ws, &f, first + (lxw_row_t)i, &recs[i]);
    worksheet_set_row(ws, head, 30, NULL);      /* two-line headings */
    worksheet_freeze_panes(ws, first, 2);
    worksheet_autofilter(ws, head, 0, head + (lxw_row_t)n, BR_INDEX_COLUMNS - 1);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, head, head);
    worksheet_set_paper(ws, 9);   /* A4 */
    char hf[96];
    snprintf(hf, sizeof hf, "&Lcapex batch&CIndex&R%zu run%s", n, n == 1 ? "" : "s");
    worksheet_set_header(ws, hf);
    worksheet_set_footer(ws, "&Lcapex&RPage &P of &N");
}

/* The latest as_of of the records, as the workbook's date (same records,
 * same bytes); 1 (not 0, which means "now") when none has one. */
static time_t _created(const batch_record *recs, size_t n)
{
    time_t latest = 1;
    for (size_t i = 0; i < n; i++) {
        struct tm tm = {0};
        const char *end = strptime(recs[i].f[BR_AS_OF], "%Y-%m-%d", &tm);
        if (!end || *end)
            continue;
        time_t t = timegm(&tm);
        if (t > latest)
            latest = t;
    }
    return latest;
}

static char _title[] = "capex batch index";
static char _author[] = "capex";

int batch_index_xlsx(const char *path, const batch_record *recs, size_t n)
{
    char *tmp;
    int rc = outfile_begin(path, &tmp);
    if (rc)
        return rc;
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb) {
        diag_error("cannot write '%s': out of memory", path);
        outfile_abort(tmp);
        return EX_IOERR;
    }
    lxw_doc_properties p = {.title = _title, .author = _author,
                            .created = _created(recs, n)};
    workbook_set_properties(wb, &p);
    _sheet(wb, recs, n);
    errno = 0;
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        xlsx_error_message(e == LXW_ERROR_CREATING_XLSX_FILE ? "create" : "write", path, e,
                           errno);
        outfile_abort(tmp);
        return e == LXW_ERROR_CREATING_XLSX_FILE ? EX_CANTCREAT : EX_IOERR;
    }
    return outfile_commit(tmp, path);
}

/* ---- files ------------------------------------------------------------------ */

static char *_join(const char *dir, const char *file)
{
    size_t dl = strlen(dir);
    int slash = dl && dir[dl - 1] == '/';
    size_t size = dl + 1 + strlen(file) + 1;
    char *p = malloc(size);
    if (p)
        snprintf(p, size, "%s%s%s", dir, slash ? "" : "/", file);
    return p;
}

typedef int (*_writer)(FILE *out, const batch_record *recs, size_t n);

typedef struct _table {
    _writer w;
    const batch_record *recs;
    size_t n;
} _table;

static int _fill_table(FILE *f, const void *ctx)
{
    const _table *t = ctx;
    return t->w(f, t->recs, t->n);
}

static int _text_file(const char *outdir, const char *file, _writer w,
                      const batch_record *recs, size_t n)
{
    char *path = _join(outdir, file);
    if (!path)
        return diag_error("out of memory"), EX_OSERR;
    _table t = {.w = w, .recs = recs, .n = n};
    int rc = outfile_write_text(path, _fill_table, &t);
    free(path);
    return rc;
}

int batch_index_write(const char *outdir, const batch_record *recs, size_t n)
{
    int rc = _text_file(outdir, "index.csv", batch_index_csv, recs, n);
    if (!rc)
        rc = _text_file(outdir, "index.json", batch_index_json, recs, n);
    if (!rc) {
        char *path = _join(outdir, "index.xlsx");
        rc = path ? batch_index_xlsx(path, recs, n) : EX_OSERR;
        free(path);
    }
    return rc;
}

static int _is_record(const char *file)
{
    size_t n = strlen(file);
    return file[0] != '.' && n > 4 && !strcmp(file + n - 4, ".csv");
}

static int _push(batch_record **recs, double **mtimes, size_t *n, size_t *cap,
                 const batch_record *r, double mtime)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 64;
        batch_record *v = realloc(*recs, c * sizeof *v);
        if (v)
            *recs = v;
        double *t = v ? realloc(*mtimes, c * sizeof *t) : NULL;
        if (!t)
            return diag_error("out of memory"), EX_OSERR;
        *mtimes = t;
        *cap = c;
    }
    (*mtimes)[*n] = mtime;
    (*recs)[(*n)++] = *r;
    return 0;
}

/* Every record file in dir, with its modification time. */
static int _load_all(const char *dir, batch_record **recs, double **mtimes, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag_error("no run records in '%s': %s (run capex batch first)", dir,
                   strerror(errno));
        return EX_NOINPUT;
    }
    size_t cap = 0;
    int rc = 0;
    struct dirent *e;
    while (!rc && (e = readdir(d))) {
        if (!_is_record(e->d_name))
            continue;
        char *path = _join(dir, e->d_name);
        batch_record r;
        struct stat st;
        rc = path ? batch_record_load(&r, path, 1) : EX_OSERR;
        double t = !rc && stat(path, &st) == 0
                       ? (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9 : 0;
        if (!rc && (rc = _push(recs, mtimes, n, &cap, &r, t)))
            batch_record_release(&r);
        free(path);
    }
    closedir(d);
    if (!rc && *n == 0) {
        diag_error("no run records in '%s' (run capex batch first)", dir);
        rc = EX_NOINPUT;
    }
    return rc;
}

/* Keep the records of the batch written last; say how many were not. */
static void _latest_batch(batch_record *recs, const double *mtimes, size_t *n,
                          const char *dir)
{
    size_t newest = 0;
    for (size_t i = 1; i < *n; i++)
        if (mtimes[i] > mtimes[newest])
            newest = i;
    char id[32];
    snprintf(id, sizeof id, "%s", recs[newest].f[BR_BATCH]);
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        if (!strcmp(recs[i].f[BR_BATCH], id))
            recs[kept++] = recs[i];
        else
            batch_record_release(&recs[i]);
    }
    if (kept < *n)
        diag_warn("index: left out %zu records of other batches in '%s' (a batch "
                  "into a fresh folder has none)", *n - kept, dir);
    *n = kept;
}

/* Every run 1..runs has its record, or say which are missing. */
static int _complete(const batch_record *recs, size_t n, const char *dir)
{
    unsigned long long runs = strtoull(recs[0].f[BR_RUNS], NULL, 10);
    if (n >= runs)
        return 0;
    char list[200] = "";
    size_t len = 0, at = 0, shown = 0;
    for (unsigned long long r = 1; r <= runs && shown < 10; r++) {
        while (at < n && strtoull(recs[at].f[BR_RUN], NULL, 10) < r)
            at++;
        if (at < n && strtoull(recs[at].f[BR_RUN], NULL, 10) == r)
            continue;
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%llu", shown ? ", " : "", r);
        shown++;
    }
    diag_error("index: %zu of the batch's %llu runs have records in '%s'; missing runs "
               "%s%s (has every shard finished? --partial writes the index anyway)",
               n, runs, dir, list, runs - n > shown ? ", ..." : "");
    return EX_NOINPUT;
}

int batch_index_load(const char *outdir, int partial, batch_record **recs, size_t *n)
{
    *recs = NULL;
    *n = 0;
    double *mtimes = NULL;
    char *dir = _join(outdir, ".capex");
    int rc = dir ? _load_all(dir, recs, &mtimes, n) : EX_OSERR;
    if (!rc) {
        _latest_batch(*recs, mtimes, n, dir);
        batch_records_sort(*recs, *n);
        if (!partial)
            rc = _complete(*recs, *n, dir);
    }
    free(mtimes);
    free(dir);
    if (rc) {
        batch_records_free(*recs, *n);
        *recs = NULL;
        *n = 0;
    }
    return rc;
}

void batch_records_free(batch_record *recs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        batch_record_release(&recs[i]);
    free(recs);
}
