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
#include <signal.h>
#include <unistd.h>

#include "diag.h"
#include "json_out.h"
#include "outfile.h"
#include "reader.h"
#include "version.h"
#include "xlsx.h"

/* ---- CSV and JSON ------------------------------------------------------- */

int batch_index_csv(FILE *out, const batch_record *recs, size_t n, const batch_meta *m)
{
    (void)m;
    int rc = batch_record_print_header(out, BR_INDEX_COLUMNS);
    for (size_t i = 0; i < n && !rc; i++)
        rc = batch_record_print(out, &recs[i], BR_INDEX_COLUMNS);
    return rc || ferror(out) ? EX_IOERR : 0;
}

static void _time(json_out *j, const char *key, time_t t)
{
    char buf[40];
    struct tm tm;
    if (!t || !gmtime_r(&t, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
        json_key(j, key);
        json_null(j);
        return;
    }
    json_kstring(j, key, buf);
}

static void _options(json_out *j, const char *options)
{
    json_key(j, "options");
    if (!options) {
        json_null(j);
        return;
    }
    json_begin_array(j);
    for (const char *s = options; *s || s == options;) {
        size_t n = strcspn(s, "\x1f");
        char *arg = strndup(s, n);
        json_string(j, arg ? arg : "");
        free(arg);
        s += n;
        if (!*s)
            break;
        s++;
    }
    json_end_array(j);
}

static const char *_signame(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP"
                                                                                 : "signal";
}

/* The batch as a whole: who, when, how, and whether the index is all of it. */
static void _batch(json_out *j, const batch_meta *m, size_t n)
{
    json_key(j, "batch");
    json_begin_object(j);
    json_kstring(j, "id", m->id);
    json_kstring(j, "version", CAPEX_VERSION);
    _time(j, "started", m->started);
    _time(j, "ended", m->ended);
    _options(j, m->options);
    json_kint(j, "planned", (long)m->planned);
    json_kint(j, "not_run", (long)(m->planned > n ? m->planned - n : 0));
    json_key(j, "complete");
    json_bool(j, !m->signal && n >= m->planned);
    json_key(j, "interrupted_by");
    if (m->signal)
        json_string(j, _signame(m->signal));
    else
        json_null(j);
    json_end_object(j);
}

/* A failed run's first error, in its parts. */
static void _error(json_out *j, const batch_record *r)
{
    json_key(j, "error");
    if (!strcmp(r->f[BR_STATUS], "ok")) {
        json_null(j);
        return;
    }
    json_begin_object(j);
    json_kstring(j, "file", *r->f[BR_ERROR_FILE] ? r->f[BR_ERROR_FILE] : NULL);
    json_key(j, "line");
    if (*r->f[BR_ERROR_LINE])
        json_int(j, atol(r->f[BR_ERROR_LINE]));
    else
        json_null(j);
    json_key(j, "column");
    if (*r->f[BR_ERROR_COLUMN])
        json_int(j, atol(r->f[BR_ERROR_COLUMN]));
    else
        json_null(j);
    json_kstring(j, "message", r->f[BR_ERROR_TEXT]);
    json_kint(j, "exit", atol(r->f[BR_EXIT]));
    json_end_object(j);
}

/* The whole of v is a number (a period's key such as 2026-03 is not). */
static int _number(const char *v)
{
    char *end;
    (void)strtod(v, &end);
    return end != v && *end == '\0';
}

static void _warnings(json_out *j, const char *text)
{
    json_key(j, "warning_messages");
    json_begin_array(j);
    for (const char *s = text; *s;) {
        size_t n = strcspn(s, "\n");
        char *line = strndup(s, n);
        json_string(j, line ? line : "");
        free(line);
        s += n + (s[n] == '\n');
    }
    json_end_array(j);
}

static void _run(json_out *j, const batch_record *r)
{
    json_begin_object(j);
    for (int c = 0; c < BR_INDEX_COLUMNS; c++) {
        const char *v = r->f[c];
        json_key(j, batch_columns[c]);
        if (!*v && c != BR_MESSAGE && c != BR_CHECKS)
            json_null(j);
        else if (batch_record_numeric(c) && _number(v))
            json_number(j, strtod(v, NULL));
        else                        /* text, or a period's key ("2026-03") */
            json_string(j, v);
    }
    json_kstring(j, "model_name", *r->f[BR_MODEL_NAME] ? r->f[BR_MODEL_NAME] : NULL);
    _error(j, r);
    _warnings(j, r->f[BR_WARNING_TEXT]);
    json_key(j, "kept_workbook");
    json_bool(j, strcmp(r->f[BR_STATUS], "ok") && *r->f[BR_WORKBOOK]);
    json_end_object(j);
}

int batch_index_json(FILE *out, const batch_record *recs, size_t n, const batch_meta *m)
{
    json_out j;
    json_init(&j, out);
    json_begin_object(&j);
    _batch(&j, m, n);
    json_kint(&j, "runs", (long)n);
    json_kint(&j, "succeeded", (long)batch_records_count(recs, n, "ok"));
    json_kint(&j, "failed", (long)batch_records_count(recs, n, "failed"));
    json_key(&j, "index");
    json_begin_array(&j);
    for (size_t i = 0; i < n; i++)
        _run(&j, &recs[i]);
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

typedef int (*_writer)(FILE *out, const batch_record *recs, size_t n, const batch_meta *m);

typedef struct _table {
    _writer w;
    const batch_record *recs;
    size_t n;
    const batch_meta *m;
} _table;

static int _fill_table(FILE *f, const void *ctx)
{
    const _table *t = ctx;
    return t->w(f, t->recs, t->n, t->m);
}

static int _text_file(const char *outdir, const char *file, _writer w,
                      const batch_record *recs, size_t n, const batch_meta *m)
{
    char *path = _join(outdir, file);
    if (!path)
        return diag_oom();
    _table t = {.w = w, .recs = recs, .n = n, .m = m};
    int rc = outfile_write_text(path, _fill_table, &t);
    free(path);
    return rc;
}

/* The files of the index, the one a script reads first (index.json) last. */
static const char *const _files[] = {"index.csv", "index.xlsx", "index.json"};

int batch_index_remove(const char *outdir)
{
    for (size_t i = 0; i < sizeof _files / sizeof _files[0]; i++) {
        char *path = _join(outdir, _files[i]);
        if (!path)
            return diag_oom();
        int gone = unlink(path) == 0 || errno == ENOENT;
        int e = errno;
        free(path);
        if (!gone) {
            diag_error("cannot remove the old index '%s/%s': %s", outdir, _files[i],
                       strerror(e));
            return EX_CANTCREAT;
        }
    }
    return 0;
}

int batch_index_write(const char *outdir, const batch_record *recs, size_t n,
                      const batch_meta *m)
{
    int rc = _text_file(outdir, "index.csv", batch_index_csv, recs, n, m);
    if (!rc) {
        char *path = _join(outdir, "index.xlsx");
        rc = path ? xlsx_index_write(path, recs, n) : EX_OSERR;
        free(path);
    }
    if (!rc)
        rc = _text_file(outdir, "index.json", batch_index_json, recs, n, m);
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
