/*
 * batch_record.c - a run's row of the index, kept beside its workbook
 * (batch_record.h). Numbers are written with %.17g so that reading them
 * back gives the same doubles.
 */
#include "batch_record.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "csv_rows.h"
#include "diag.h"
#include "outfile.h"
#include "reader.h"

const char *const batch_columns[BR_COLUMNS] = {
    "run", "name", "model", "scenario", "status", "exit", "checks", "warnings",
    "unit", "first_year", "last_year", "cumulative_burn", "break_even_year",
    "peak_funding_need", "runway_months", "workbook", "message", "as_of", "key",
    "batch", "runs", "model_name", "error_file", "error_line", "error_column",
    "error_message", "warning_messages",
};

static int _set(batch_record *rec, int col, const char *s)
{
    free(rec->f[col]);
    rec->f[col] = strdup(s ? s : "");
    return rec->f[col] ? 0 : -1;
}

/* A number that reads back as the same double; non-finite is empty. */
static int _num(batch_record *rec, int col, double v)
{
    char buf[40] = "";
    if (isfinite(v))
        snprintf(buf, sizeof buf, "%.17g", v);
    return _set(rec, col, buf);
}

static int _int(batch_record *rec, int col, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    return _set(rec, col, buf);
}

/* A year, or in a monthly or quarterly model the period's key
 * ("2026-03", "2026Q1"); empty for none. */
static int _year(batch_record *rec, const cx_model *m, int col, int year)
{
    char key[CX_PERIOD_KEY_MAX];
    if (!year)
        return _set(rec, col, "");
    if (m->cal.per_year == 1)
        return _int(rec, col, year);
    return _set(rec, col, cx_period_key_str(&m->cal, cx_period_of_number(&m->cal, year),
                                            key, sizeof key));
}

static int _fill_empty(batch_record *rec)
{
    for (int c = 0; c < BR_COLUMNS; c++)
        if (!rec->f[c] && _set(rec, c, ""))
            return -1;
    return 0;
}

static int _common(batch_record *rec, const batch_plan *p, const batch_run *run,
                   int code)
{
    memset(rec, 0, sizeof *rec);
    char num[32];
    snprintf(num, sizeof num, "%zu", p->n);
    int bad = _set(rec, BR_RUNS, num) | _set(rec, BR_BATCH, p->id);
    snprintf(num, sizeof num, "%zu", run->run);
    bad |= _set(rec, BR_RUN, num) | _set(rec, BR_NAME, run->name) |
              _set(rec, BR_MODEL, run->model) |
              _set(rec, BR_SCENARIO, run->scenario ? run->scenario : "base") |
              _set(rec, BR_STATUS, code ? "failed" : "ok");
    snprintf(num, sizeof num, "%d", code);
    return bad | _set(rec, BR_EXIT, num);
}

static int _nomem(batch_record *rec)
{
    batch_record_release(rec);
    return diag_oom();
}

static int _burn(batch_record *rec, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    if (!b->enabled || b->n == 0)
        return 0;
    return _num(rec, BR_CUMULATIVE_BURN, b->burn.total_burn) |
           _year(rec, r->model, BR_BREAK_EVEN_YEAR, b->burn.break_even_year) |
           _num(rec, BR_PEAK_FUNDING_NEED, 0.0 - b->burn.peak_burn) |
           _num(rec, BR_RUNWAY_MONTHS, b->funding.runway_months);
}

/* The warnings of a run, "FILE:LINE:COL: warning: TEXT" one a line, as
 * `capex run` prints them. */
static int _warnings(batch_record *rec, const cx_result *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return -1;
    for (size_t i = 0; i < r->nnotes; i++) {
        const cx_note *n = &r->notes[i];
        if (n->level != CX_NOTE_WARNING)
            continue;
        fprintf(f, "%s%s", ftell(f) > 0 ? "\n" : "", r->model->file);
        if (n->line)
            fprintf(f, ":%d:%d", n->line, n->col);
        fprintf(f, ": warning: %s", n->text);
    }
    int bad = fclose(f) != 0;
    bad |= _set(rec, BR_WARNING_TEXT, text);
    free(text);
    return bad ? -1 : 0;
}

int batch_record_ok(batch_record *rec, const batch_plan *p, const batch_run *run,
                    const cx_result *r, const char *key)
{
    const cx_model *m = r->model;
    int bad = _common(rec, p, run, 0);
    const char *checks = r->nchecks == 0 ? "" : r->warnings ? "warn" : "pass";
    char unit[40];
    snprintf(unit, sizeof unit, "%s%s%s", m->currency, *m->currency ? " " : "",
             cx_scale_suffix(m->scale));
    char wb[BATCH_MAX_NAME + 8];
    snprintf(wb, sizeof wb, "%s.xlsx", run->name);
    bad |= _set(rec, BR_CHECKS, checks) |
           _int(rec, BR_WARNINGS, (long)r->warnings) |
           _set(rec, BR_UNIT, unit) | _year(rec, m, BR_FIRST_YEAR, m->first_year) |
           _year(rec, m, BR_LAST_YEAR, m->last_year) | _burn(rec, r) |
           _set(rec, BR_WORKBOOK, wb) | _set(rec, BR_AS_OF, m->as_of_text) |
           _set(rec, BR_KEY, key) | _set(rec, BR_MODEL_NAME, m->name) |
           _warnings(rec, r) | _fill_empty(rec);
    return bad ? _nomem(rec) : 0;
}

/* The position before ": " at c: ":LINE:COL" or ":LINE" right before it;
 * where the file's name ends, or NULL. */
static const char *_position(const char *m, const char *c, int *line, int *col)
{
    int v[2], k = 0;
    const char *p = c;
    while (k < 2) {
        const char *q = p;
        while (q > m && q[-1] >= '0' && q[-1] <= '9')
            q--;
        if (q == p || q == m || q[-1] != ':')
            break;
        v[k++] = atoi(q);
        p = q - 1;
    }
    if (k == 0 || p == m)
        return NULL;
    *line = v[k - 1];
    *col = k == 2 ? v[0] : 0;
    return p;
}

static int _error_at(batch_record *rec, const char *file, size_t n, int line, int col,
                     const char *text)
{
    char l[16] = "", c[16] = "";
    if (line)
        snprintf(l, sizeof l, "%d", line);
    if (col)
        snprintf(c, sizeof c, "%d", col);
    char *f = strndup(file, n);
    int bad = !f || _set(rec, BR_ERROR_FILE, f) | _set(rec, BR_ERROR_LINE, l) |
              _set(rec, BR_ERROR_COLUMN, c) | _set(rec, BR_ERROR_TEXT, text);
    free(f);
    return bad ? -1 : 0;
}

/* "FILE:LINE:COL: text", "FILE:LINE: text" (FILE may hold ':') or
 * "MODEL: text": the error's fields; else the whole message is its text,
 * "capex: " left out. */
static int _error_fields(batch_record *rec, const char *model, const char *message)
{
    const char *m = message ? message : "";
    for (const char *c = strstr(m, ": "); c; c = strstr(c + 1, ": ")) {
        int line, col;
        const char *end = _position(m, c, &line, &col);
        if (end)
            return _error_at(rec, m, (size_t)(end - m), line, col, c + 2);
    }
    size_t ml = strlen(model);
    if (ml && !strncmp(m, model, ml) && !strncmp(m + ml, ": ", 2))
        return _error_at(rec, m, ml, 0, 0, m + ml + 2);
    return _set(rec, BR_ERROR_TEXT, strncmp(m, "capex: ", 7) ? m : m + 7);
}

int batch_record_failed(batch_record *rec, const batch_plan *p, const batch_run *run,
                        int code, const char *message)
{
    int bad = _common(rec, p, run, code);
    bad |= _set(rec, BR_MESSAGE, message) | _error_fields(rec, run->model, message) | _fill_empty(rec);
    return bad ? _nomem(rec) : 0;
}

int batch_record_kept(batch_record *rec)
{
    char wb[BATCH_MAX_NAME + 8];
    snprintf(wb, sizeof wb, "%s.xlsx", rec->f[BR_NAME]);
    return _set(rec, BR_WORKBOOK, wb) ? _nomem(rec) : 0;
}

int batch_record_adopt(batch_record *rec, const batch_plan *p, const batch_run *run)
{
    char num[32], runs[32];
    snprintf(num, sizeof num, "%zu", run->run);
    snprintf(runs, sizeof runs, "%zu", p->n);
    if (!strcmp(rec->f[BR_RUN], num) && !strcmp(rec->f[BR_BATCH], p->id) &&
        !strcmp(rec->f[BR_RUNS], runs) && !strcmp(rec->f[BR_MODEL], run->model))
        return 0;
    return _set(rec, BR_RUN, num) | _set(rec, BR_BATCH, p->id) | _set(rec, BR_RUNS, runs) |
                   _set(rec, BR_MODEL, run->model)
               ? -1 : 1;
}

/* "OUTDIR/.capex/<pre>NAME.csv<post>". */
static char *_meta_path(const char *outdir, const char *pre, const char *name,
                        const char *post)
{
    size_t dl = strlen(outdir);
    int slash = dl && outdir[dl - 1] == '/';
    size_t size = dl + strlen("/.capex/") + strlen(pre) + strlen(name) + strlen(".csv") +
                  strlen(post) + 1;
    char *p = malloc(size);
    if (p)
        snprintf(p, size, "%s%s.capex/%s%s.csv%s", outdir, slash ? "" : "/", pre, name, post);
    return p;
}

char *batch_record_path(const char *outdir, const char *name)
{
    return _meta_path(outdir, "", name, "");
}

/* Where a record waits while its run runs again: hidden, not a record
 * (batch_index reads NAME.csv only), not a temporary file's shape. */
static char *_spare_path(const char *outdir, const char *name)
{
    return _meta_path(outdir, ".", name, ".redo");
}

void batch_record_set_aside(const char *outdir, const char *name)
{
    char *rp = batch_record_path(outdir, name);
    char *sp = _spare_path(outdir, name);
    if (rp && (!sp || (rename(rp, sp) && errno != ENOENT)))
        unlink(rp);
    free(rp);
    free(sp);
}

void batch_record_drop_spare(const char *outdir, const char *name)
{
    char *sp = _spare_path(outdir, name);
    if (sp)
        unlink(sp);
    free(sp);
}

/* ---- CSV ------------------------------------------------------------------ */

static int _cells(FILE *out, const char *const *cells, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        if (c && fputc(',', out) == EOF)
            return EX_IOERR;
        if (csv_fwrite(out, cells[c], strlen(cells[c])))
            return EX_IOERR;
    }
    return fputc('\n', out) == EOF ? EX_IOERR : 0;
}

int batch_record_print(FILE *out, const batch_record *rec, size_t n)
{
    return _cells(out, (const char *const *)rec->f, n);
}

int batch_record_print_header(FILE *out, size_t n)
{
    return _cells(out, batch_columns, n);
}

static int _fill_record(FILE *f, const void *rec)
{
    return batch_record_print_header(f, BR_COLUMNS) ||
           batch_record_print(f, rec, BR_COLUMNS);
}

int batch_record_save(const batch_record *rec, const char *outdir)
{
    char *path = batch_record_path(outdir, rec->f[BR_NAME]);
    char *spare = _spare_path(outdir, rec->f[BR_NAME]);
    int rc = path && spare ? outfile_rewrite_text(path, spare, _fill_record, rec)
                           : diag_oom();
    free(path);
    free(spare);
    return rc;
}

typedef struct _load {
    batch_record *rec;
    const char *path;
    int rows, loud;
} _load;

static int _bad(const _load *l, int line, const char *what)
{
    if (l->loud)
        diag_at(l->path, line, 1, "not a capex run record: %s", what);
    return EX_DATAERR;
}

static int _on_row(void *ctx, const csvrows_field *f, size_t n, int line)
{
    _load *l = ctx;
    if (n != BR_COLUMNS)
        return _bad(l, line, "wrong number of fields");
    if (l->rows++ == 0) {
        for (size_t c = 0; c < n; c++)
            if (strcmp(f[c].text, batch_columns[c]))
                return _bad(l, line, "unexpected header");
        return 0;
    }
    if (l->rows > 2)
        return _bad(l, line, "more than one row");
    for (size_t c = 0; c < n; c++)
        if (!(l->rec->f[c] = strdup(f[c].text)))
            return diag_oom();
    return 0;
}

int batch_record_load(batch_record *rec, const char *path, int loud)
{
    memset(rec, 0, sizeof *rec);
    _load l = {.rec = rec, .path = path, .loud = loud};
    if (!loud && access(path, F_OK))
        return EX_NOINPUT;
    int rc = csvrows_read(path, _on_row, &l);
    if (!rc && l.rows != 2)
        rc = _bad(&l, 1, "no row");
    if (rc)
        batch_record_release(rec);
    return rc;
}

/* ---- order ----------------------------------------------------------------- */

static int _cmp(const void *a, const void *b)
{
    const batch_record *x = a, *y = b;
    unsigned long long rx = strtoull(x->f[BR_RUN], NULL, 10);
    unsigned long long ry = strtoull(y->f[BR_RUN], NULL, 10);
    if (rx != ry)
        return rx < ry ? -1 : 1;
    return strcmp(x->f[BR_NAME], y->f[BR_NAME]);
}

void batch_records_sort(batch_record *recs, size_t n)
{
    if (n)                      /* recs may be NULL when there are none */
        qsort(recs, n, sizeof *recs, _cmp);
}

void batch_record_release(batch_record *rec)
{
    for (int c = 0; c < BR_COLUMNS; c++) {
        free(rec->f[c]);
        rec->f[c] = NULL;
    }
}

/* ---- what killed runs left --------------------------------------------- */

static int _cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ".NAME.EXT.XXXXXX" of a run in names[0..n): remove dir/file. */
static void _temp(const char *dir, const char *file, const char *ext,
                  const char **names, size_t n)
{
    size_t len = strlen(file), el = strlen(ext);
    if (file[0] != '.' || len < 1 + el + 7 || file[len - 7] != '.' ||
        memcmp(file + len - 7 - el, ext, el))
        return;
    char name[BATCH_MAX_NAME + 1];
    size_t nl = len - 1 - el - 7;
    if (nl == 0 || nl > BATCH_MAX_NAME)
        return;
    memcpy(name, file + 1, nl);
    name[nl] = '\0';
    const char *key = name;
    if (!bsearch(&key, names, n, sizeof *names, _cmp_name))
        return;
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, file) < sizeof path)
        unlink(path);
}

static void _temps_in(const char *dir, const char *ext, const char **names, size_t n)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)))
        _temp(dir, e->d_name, ext, names, n);
    closedir(d);
}

void batch_cleanup_temps(const char *outdir, const batch_plan *p,
                         const size_t *todo, size_t n)
{
    const char **names = malloc((n ? n : 1) * sizeof *names);
    char *meta = malloc(strlen(outdir) + sizeof "/.capex");
    if (names && meta) {
        for (size_t i = 0; i < n; i++)
            names[i] = p->runs[todo[i]].name;
        qsort(names, n, sizeof *names, _cmp_name);
        sprintf(meta, "%s/.capex", outdir);
        _temps_in(outdir, ".xlsx", names, n);
        _temps_in(meta, ".csv", names, n);
    }
    free(names);
    free(meta);
}

int batch_record_numeric(int c)
{
    return c == BR_RUN || c == BR_EXIT || c == BR_WARNINGS || c == BR_FIRST_YEAR ||
           c == BR_LAST_YEAR || c == BR_CUMULATIVE_BURN || c == BR_BREAK_EVEN_YEAR ||
           c == BR_PEAK_FUNDING_NEED || c == BR_RUNWAY_MONTHS;
}

size_t batch_records_count(const batch_record *recs, size_t n, const char *status)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !strcmp(recs[i].f[BR_STATUS], status);
    return k;
}
