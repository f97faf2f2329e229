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

#include "diag.h"
#include "json_out.h"
#include "outfile.h"
#include "reader.h"
#include "xlsx.h"

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
    json_kint(&j, "succeeded", (long)batch_records_count(recs, n, "ok"));
    json_kint(&j, "failed", (long)batch_records_count(recs, n, "failed"));
    json_key(&j, "index");
    json_begin_array(&j);
    for (size_t i = 0; i < n; i++) {
        json_begin_object(&j);
        for (int c = 0; c < BR_INDEX_COLUMNS; c++) {
            const char *v = recs[i].f[c];
            json_key(&j, batch_columns[c]);
            if (!*v && c != BR_MESSAGE && c != BR_CHECKS)
                json_null(&j);
            else if (batch_record_numeric(c))
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
        return diag_oom();
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
        rc = path ? xlsx_index_write(path, recs, n) : EX_OSERR;
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
            return diag_oom();
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
        diag_warn("index: left out %zu record%s of other batches in '%s' (a batch "
                  "into a fresh folder has none)", *n - kept, *n - kept == 1 ? "" : "s", dir);
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
    diag_error("index: %zu of the batch's %llu runs %s records in '%s'; missing "
               "run%s %s%s (has every shard finished? --partial writes the index anyway)",
               n, runs, n == 1 ? "has" : "have", dir, runs - n == 1 ? "" : "s", list,
               runs - n > shown ? ", ..." : "");
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
