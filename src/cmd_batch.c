/*
 * cmd_batch.c - capex batch: many runs, one workbook each, in worker
 * processes; resumable; sliced across machines; an index of all runs
 * (docs/batch.md).
 */
#include <errno.h>
#include <stdint.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "batch_index.h"
#include "batch_plan.h"
#include "batch_pool.h"
#include "batch_progress.h"
#include "batch_record.h"
#include "batch_shard.h"
#include "commands.h"
#include "diag.h"
#include "parse_value.h"
#include "pdf_export.h"
#include "report.h"
#include "run_job.h"

struct batch_options {
    const char *outdir;
    const char *scenario;
    const char *manifest;
    const char *shard;
    long shards;
    long jobs;
    int force, no_index, quiet, pdf;
    report_format format;
    char **operands;
    size_t noperands;
};

enum { OPT_FORCE = 256, OPT_MANIFEST, OPT_SHARD, OPT_SHARDS, OPT_NO_INDEX, OPT_PDF };

static int _count_arg(const char *opt, const char *text, long *out)
{
    if (pv_parse_int(text, 1, 100000, out) == 0)
        return 0;
    diag_error("%s '%s': expected a whole number from 1", opt, text);
    return EX_USAGE;
}

static int _options(int argc, char **argv, struct batch_options *o)
{
    static const struct option longopts[] = {
        {"force", no_argument, NULL, OPT_FORCE},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"jobs", required_argument, NULL, 'j'},
        {"manifest", required_argument, NULL, OPT_MANIFEST},
        {"no-index", no_argument, NULL, OPT_NO_INDEX},
        {"output", required_argument, NULL, 'o'},
        {"pdf", no_argument, NULL, OPT_PDF},
        {"quiet", no_argument, NULL, 'q'},
        {"scenario", required_argument, NULL, 's'},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"shards", required_argument, NULL, OPT_SHARDS},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:hj:o:qs:", longopts, NULL)) != -1) {
        int rc = 0;
        switch (c) {
        case 'f': rc = report_parse_format(optarg, &o->format) ? EX_USAGE : 0; break;
        case 'h': return usage_print("batch");
        case 'j': rc = _count_arg("--jobs", optarg, &o->jobs); break;
        case 'o': o->outdir = optarg; break;
        case 'q': o->quiet = 1; break;
        case 's': o->scenario = optarg; break;
        case OPT_FORCE: o->force = 1; break;
        case OPT_MANIFEST: o->manifest = optarg; break;
        case OPT_NO_INDEX: o->no_index = 1; break;
        case OPT_PDF: o->pdf = 1; break;
        case OPT_SHARD: o->shard = optarg; break;
        case OPT_SHARDS: rc = _count_arg("--shards", optarg, &o->shards); break;
        default: return usage_error("batch");
        }
        if (rc)
            return rc;
    }
    o->operands = argv + optind;
    o->noperands = (size_t)(argc - optind);
    return CMD_CONTINUE;
}

static int _check_options(const struct batch_options *o)
{
    if (o->manifest && o->noperands) {
        diag_error("batch: give model files and folders, or --manifest, not both");
        return usage_error("batch");
    }
    if (!o->manifest && !o->noperands) {
        diag_error("batch: no models (give model files or folders, or --manifest FILE)");
        return usage_error("batch");
    }
    if (o->manifest && o->scenario) {
        diag_error("batch: --scenario applies to model files and folders; a manifest "
                   "names its scenarios in its 'scenario' column");
        return usage_error("batch");
    }
    return CMD_CONTINUE;
}

/* ---- the batch ------------------------------------------------------------ */

typedef struct _batch {
    const struct batch_options *o;
    batch_plan plan;
    batch_shard shard;
    size_t *todo;            /* plan indices to run */
    size_t ntodo;
    char (*keys)[17];        /* [plan.n] */
    size_t ok, failed, skipped, mine;
    int status;              /* exit status of the first failed run */
    size_t first_failed;     /* its plan index, SIZE_MAX when none */
    int any_invalid;         /* a run exited 65 */
    batch_progress progress;
} _batch;

static int _mkdir(const char *dir)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
            return 0;
        errno = ENOTDIR;
    }
    diag_error("cannot create '%s/': %s", dir, strerror(errno));
    return EX_CANTCREAT;
}

static int _outdirs(const char *outdir)
{
    int rc = _mkdir(outdir);
    if (rc)
        return rc;
    size_t size = strlen(outdir) + sizeof "/.capex";
    char *meta = malloc(size);
    if (!meta)
        return diag_oom();
    snprintf(meta, size, "%s/.capex", outdir);
    rc = _mkdir(meta);
    free(meta);
    return rc;
}

static char *_workbook_path(const char *outdir, const char *name)
{
    size_t size = strlen(outdir) + 1 + strlen(name) + sizeof ".xlsx";
    char *p = malloc(size);
    if (p)
        snprintf(p, size, "%s/%s.xlsx", outdir, name);
    return p;
}

/* Up to date: workbook and an ok record with the same key. */
static int _fresh(const _batch *b, const batch_run *r, const char *key)
{
    if (b->o->force || !strcmp(key, "-"))
        return 0;
    char *rp = batch_record_path(b->o->outdir, r->name);
    char *wp = _workbook_path(b->o->outdir, r->name);
    batch_record rec;
    char *pp = b->o->pdf && wp ? pdf_path_for(wp) : NULL;
    int fresh = rp && wp && access(wp, F_OK) == 0 && (!b->o->pdf || (pp && access(pp, F_OK) == 0)) &&
                batch_record_load(&rec, rp, 0) == 0;
    free(pp);
    if (fresh) {
        fresh = !strcmp(rec.f[BR_STATUS], "ok") && !strcmp(rec.f[BR_KEY], key) &&
                !strcmp(rec.f[BR_NAME], r->name);
        /* Up to date, but from an earlier plan: now part of this batch. */
        int changed = fresh ? batch_record_adopt(&rec, &b->plan, r) : 0;
        if (changed < 0 || (changed > 0 && batch_record_save(&rec, b->o->outdir)))
            fresh = 0;
        batch_record_release(&rec);
    }
    free(rp);
    free(wp);
    return fresh;
}

static int _select(_batch *b)
{
    const batch_plan *p = &b->plan;
    b->todo = malloc((p->n ? p->n : 1) * sizeof *b->todo);
    b->keys = malloc((p->n ? p->n : 1) * sizeof *b->keys);
    if (!b->todo || !b->keys)
        return diag_oom();
    for (size_t i = 0; i < p->n; i++) {
        if (!batch_shard_has(&b->shard, p->runs[i].run))
            continue;
        b->mine++;
        batch_run_key(&p->runs[i], b->keys[i]);
        if (_fresh(b, &p->runs[i], b->keys[i]))
            b->skipped++;
        else
            b->todo[b->ntodo++] = i;
    }
    return 0;
}

/* ---- in a worker process ----------------------------------------------------- */

/* The run's workbook as PDF beside it (--pdf). */
static int _pdf(const char *workbook)
{
    char *pdf = pdf_path_for(workbook);
    int rc = pdf ? pdf_export(workbook, pdf) : EX_OSERR;
    free(pdf);
    return rc;
}

static int _job(void *ctx, size_t t)
{
    _batch *b = ctx;
    size_t i = b->todo[t];
    const batch_run *r = &b->plan.runs[i];
    run_spec spec = {.model = r->model, .scenario = r->scenario,
                     .overrides = r->overrides, .noverrides = r->noverrides,
                     .name = r->name};
    run_job j;
    int rc = run_job_compute(&j, &spec);
    char *path = rc ? NULL : _workbook_path(b->o->outdir, r->name);
    if (!rc)
        rc = path ? run_job_write(&j, path) : EX_OSERR;
    if (!rc && b->o->pdf)
        rc = _pdf(path);
    batch_record rec;
    if (!rc && !(rc = batch_record_ok(&rec, &b->plan, r, j.s.result, b->keys[i]))) {
        rc = batch_record_save(&rec, b->o->outdir);
        batch_record_release(&rec);
    }
    free(path);
    run_job_release(&j);
    return rc;
}

/* In the worker, after its job: the batch it inherited, freed. */
static void _release(void *ctx)
{
    _batch *b = ctx;
    free(b->todo);
    free(b->keys);
    batch_plan_release(&b->plan);
}

/* ---- in the parent ------------------------------------------------------------- */

/* The first line of what a failed run printed, for the index. */
static char *_first_line(const char *err, size_t len, int status)
{
    size_t n = 0;
    while (n < len && err[n] != '\n')
        n++;
    if (n)
        return strndup(err, n);
    char buf[80];
    if (status > 128)
        snprintf(buf, sizeof buf, "the run was killed by signal %d", status - 128);
    else
        snprintf(buf, sizeof buf, "the run failed with exit status %d", status);
    return strdup(buf);
}

static void _done(void *ctx, size_t t, int status, const char *err, size_t len)
{
    _batch *b = ctx;
    const batch_run *r = &b->plan.runs[b->todo[t]];
    if (status == 0) {
        b->ok++;
        return;
    }
    b->failed++;
    batch_progress_clear(&b->progress);
    if (len)
        fwrite(err, 1, len, stderr);
    char *first = _first_line(err, len, status);
    if (!len && first)
        diag_error("%s: %s", r->model, first);
    batch_record rec;
    if (batch_record_failed(&rec, &b->plan, r, status, first) == 0) {
        batch_record_save(&rec, b->o->outdir);
        batch_record_release(&rec);
    }
    free(first);
    /* 65 when any model was invalid, else the first failed run's status
     * (first in the batch's order, not in completion order). */
    if (status == EX_DATAERR)
        b->any_invalid = 1;
    if (b->todo[t] < b->first_failed) {
        b->first_failed = b->todo[t];
        b->status = status;
    }
}

static void _progress(void *ctx, size_t done, size_t total, int final)
{
    _batch *b = ctx;
    batch_progress_update(&b->progress, done, total, final);
}

/* The records of this batch's slice, in order. */
static int _records(const _batch *b, batch_record **recs, size_t *n)
{
    *n = 0;
    *recs = calloc(b->mine ? b->mine : 1, sizeof **recs);
    if (!*recs)
        return diag_oom();
    int rc = 0;
    for (size_t i = 0; i < b->plan.n && !rc; i++) {
        const batch_run *r = &b->plan.runs[i];
        if (!batch_shard_has(&b->shard, r->run))
            continue;
        char *path = batch_record_path(b->o->outdir, r->name);
        rc = path ? batch_record_load(&(*recs)[*n], path, 1) : EX_OSERR;
        if (!rc)
            (*n)++;
        free(path);
    }
    return rc;
}

static void _summary(const _batch *b, double seconds, int jobs)
{
    FILE *out = b->o->format == REPORT_TABLE ? stdout : stderr;
    if (b->o->quiet)
        return;
    fprintf(out, "capex: batch: %zu succeeded, %zu failed, %zu skipped (%zu run%s",
            b->ok, b->failed, b->skipped, b->mine, b->mine == 1 ? "" : "s");
    if (b->shard.n)
        fprintf(out, " of %zu, shard %ld/%ld", b->plan.n, b->shard.k, b->shard.n);
    fprintf(out, " in %.2f s, -j %d)\n", seconds, jobs);
}

static int _report(_batch *b, double seconds, int jobs)
{
    batch_record *recs;
    size_t n;
    int rc = _records(b, &recs, &n);
    if (!rc && !b->o->no_index && !b->shard.n)
        rc = batch_index_write(b->o->outdir, recs, n);
    else if (!rc && b->shard.n && !b->o->quiet && !b->o->no_index)
        fprintf(stderr, "capex: batch: shard %ld/%ld (%s) done; when every shard has "
                "finished, 'capex index %s' writes the index\n", b->shard.k,
                b->shard.n, b->shard.from, b->o->outdir);
    if (!rc && b->o->format == REPORT_CSV)
        rc = batch_index_csv(stdout, recs, n);
    if (!rc && b->o->format == REPORT_JSON)
        rc = batch_index_json(stdout, recs, n);
    batch_records_free(recs, n);
    _summary(b, seconds, jobs);
    if (!rc && fflush(stdout)) {
        diag_error("cannot write to standard output: %s", strerror(errno));
        rc = EX_IOERR;
    }
    return rc;
}

static int _plan(_batch *b)
{
    const struct batch_options *o = b->o;
    int rc = o->manifest ? batch_plan_manifest(&b->plan, o->manifest)
                         : batch_plan_operands(&b->plan, o->operands, o->noperands,
                                               o->scenario);
    if (!rc)
        rc = batch_plan_check_names(&b->plan);
    if (!rc)
        batch_plan_identify(&b->plan);
    if (!rc)
        rc = batch_shard_get(o->shard, o->shards, &b->shard);
    return rc;
}

static int _batch_run(const struct batch_options *o)
{
    _batch b = {.o = o, .first_failed = SIZE_MAX};
    int rc = _plan(&b);
    int jobs = o->jobs ? (int)o->jobs : batch_pool_cpus();
    double t0 = batch_progress_now();
    if (!rc)
        rc = _outdirs(o->outdir);
    if (!rc)
        rc = _select(&b);
    if (!rc) {
        batch_progress_init(&b.progress, o->quiet);
        batch_cleanup_temps(o->outdir, &b.plan, b.todo, b.ntodo);
        batch_pool_ops ops = {.job = _job, .release = _release, .done = _done,
                              .progress = _progress, .ctx = &b};
        rc = batch_pool_run(b.ntodo, jobs, &ops);
    }
    if (!rc)
        rc = _report(&b, batch_progress_now() - t0, jobs);
    if (!rc)
        rc = b.any_invalid ? EX_DATAERR : b.status;
    free(b.todo);
    free(b.keys);
    batch_plan_release(&b.plan);
    return rc;
}

int cmd_batch(int argc, char **argv)
{
    struct batch_options o = {.outdir = "outputs"};
    int rc = _options(argc, argv, &o);
    if (rc != CMD_CONTINUE)
        return rc;
    if ((rc = _check_options(&o)) != CMD_CONTINUE)
        return rc;
    diag_set_quiet(o.quiet);
    return _batch_run(&o);
}
