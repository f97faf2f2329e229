/*
 * batch_exec.c - the runs of one batch invocation (batch_exec.h): what is
 * up to date, the rest in worker processes, and what each left behind.
 */
#define _GNU_SOURCE
#include "batch_exec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "batch_outputs.h"
#include "batch_pool.h"
#include "batch_record.h"
#include "diag.h"
#include "pdf_export.h"
#include "run_job.h"
#include "xlsx.h"

/* ---- what is up to date ---------------------------------------------------- */

/* The record of r, when there is one of this version; else nonzero. */
static int _record(const batch_exec *b, const batch_run *r, batch_record *rec)
{
    char *rp = batch_record_path(b->o->outdir, r->name);
    int rc = rp ? batch_record_load(rec, rp, 0) : EX_OSERR;
    free(rp);
    return rc;
}

/* The workbook (and PDF) of r are there and whole. */
static int _outputs_there(const batch_exec *b, const batch_run *r)
{
    char *wp = batch_outputs_path(b->o->outdir, r->name, ".xlsx", 0);
    char *pp = b->o->pdf ? batch_outputs_path(b->o->outdir, r->name, ".pdf", 0) : NULL;
    int there = wp && batch_zip_ok(wp) && (!b->o->pdf || (pp && access(pp, F_OK) == 0));
    free(wp);
    free(pp);
    return there;
}

/* Up to date: whole outputs and an ok record with the same key; taken into
 * this batch (its run number, batch and model path as given now). */
static int _fresh(const batch_exec *b, const batch_run *r, const char *key)
{
    batch_record rec;
    if (b->o->force || !strcmp(key, "-") || _record(b, r, &rec))
        return 0;
    int fresh = !strcmp(rec.f[BR_STATUS], "ok") && !strcmp(rec.f[BR_KEY], key) &&
                !strcmp(rec.f[BR_NAME], r->name) && _outputs_there(b, r);
    int changed = fresh ? batch_record_adopt(&rec, &b->plan, r) : 0;
    if (changed < 0 || (changed > 0 && batch_record_save(&rec, b->o->outdir)))
        fresh = 0;
    batch_record_release(&rec);
    return fresh;
}

/* --only-failed: 1 to rerun r (its record says failed), 0 to keep it as
 * it is (a record that did not fail), -1 to leave it out (no record). */
static int _failed_before(const batch_exec *b, const batch_run *r)
{
    batch_record rec;
    if (_record(b, r, &rec))
        return -1;
    int failed = strcmp(rec.f[BR_STATUS], "ok") != 0;
    int changed = failed ? 0 : batch_record_adopt(&rec, &b->plan, r);
    if (changed > 0)
        batch_record_save(&rec, b->o->outdir);
    batch_record_release(&rec);
    return failed;
}

/* r is to run: the record it had goes (an index written before it ends
 * must not list it as it was). */
static void _todo(batch_exec *b, size_t i)
{
    b->todo[b->ntodo++] = i;
    batch_record_set_aside(b->o->outdir, b->plan.runs[i].name);
}

int batch_exec_select(batch_exec *b)
{
    const batch_plan *p = &b->plan;
    b->todo = malloc((p->n ? p->n : 1) * sizeof *b->todo);
    b->keys = malloc((p->n ? p->n : 1) * sizeof *b->keys);
    if (!b->todo || !b->keys)
        return diag_oom();
    for (size_t i = 0; i < p->n; i++) {
        const batch_run *r = &p->runs[i];
        if (!batch_shard_has(&b->shard, r->run))
            continue;
        b->mine++;
        if (batch_pool_signal())
            continue;          /* stopped: the rest is not run */
        batch_key(r, b->keys[i]);
        int again = b->o->only_failed ? _failed_before(b, r) : !_fresh(b, r, b->keys[i]);
        if (again > 0)
            _todo(b, i);
        else if (again == 0)
            b->skipped++;
    }
    return 0;
}

/* ---- in a worker process ----------------------------------------------------- */

static int _pdf(const char *workbook)
{
    char *pdf = pdf_path_for(workbook);
    int rc = pdf ? pdf_export(workbook, pdf) : EX_OSERR;
    free(pdf);
    return rc;
}

static int _compute(run_job *j, const batch_run *r)
{
    run_spec spec = {.model = r->model, .scenario = r->scenario,
                     .overrides = r->overrides, .noverrides = r->noverrides,
                     .name = r->name};
    int rc = run_job_compute(j, &spec);
    /* A scenario this model lacks (-s bear) fails its run as bad data,
     * not the batch as a usage error: the other models run. */
    return rc == EX_USAGE ? EX_DATAERR : rc;
}

static int _job(void *ctx, size_t t)
{
    batch_exec *b = ctx;
    size_t i = b->todo[t];
    const batch_run *r = &b->plan.runs[i];
    diag_set_quiet(0);       /* what the run prints goes to its log, not here */
    run_job j;
    int rc = _compute(&j, r);
    char *path = rc ? NULL : batch_outputs_path(b->o->outdir, r->name, ".xlsx", 0);
    if (!rc)
        rc = path ? run_job_write(&j, path) : EX_OSERR;
    if (!rc && b->o->pdf)
        rc = _pdf(path);
    batch_record rec;
    if (!rc && !(rc = batch_record_ok(&rec, &b->plan, r, j.s.result, b->keys[i]))) {
        rc = batch_record_save(&rec, b->o->outdir);
        batch_record_release(&rec);
    }
    if (!rc)
        session_print_notes(&j.s);     /* for the run's log */
    free(path);
    run_job_release(&j);
    return rc;
}

/* In the worker, after a job: what it printed is its log (in the workers,
 * in parallel, not one by one in the parent). */
static void _printed(void *ctx, size_t t, int status, const char *err, size_t len)
{
    batch_exec *b = ctx;
    (void)status;
    batch_outputs_log(b->o->outdir, b->plan.runs[b->todo[t]].name, err, len);
}

/* In the worker, after its jobs: the batch it inherited, freed. */
static void _release(void *ctx)
{
    batch_exec_release(ctx);
}

/* ---- in the parent ------------------------------------------------------------- */

/* A line a library printed ("[ERROR][packager.c:1541]: ..."): for the log. */
static int _raw(const char *line)
{
    return line[0] == '[';
}

/* The first line of capex's own in what a failed run printed. */
static char *_first_line(const char *err, size_t len)
{
    for (size_t at = 0; at < len;) {
        size_t n = 0;
        while (at + n < len && err[at + n] != '\n')
            n++;
        if (n && !_raw(err + at))
            return strndup(err + at, n);
        at += n + 1;
    }
    return NULL;
}

/* The message of a failed run for the index: its first error, with the
 * manifest row it came from; for a run that printed nothing (a crash), how
 * it ended and the output it was writing. */
static char *_message(const batch_exec *b, const batch_run *r, const char *err,
                      size_t len, int status)
{
    char *first = _first_line(err, len), *msg = NULL;
    const char *man = b->plan.manifest;
    int tagged = first && man && !strncmp(first, man, strlen(man)) &&
                 first[strlen(man)] == ':';
    if (first && (!man || tagged))
        return first;
    if (first)
        return asprintf(&msg, "%s:%d: %s", man, r->line, first) < 0 ? first
               : (free(first), msg);
    char how[80];
    if (status > 128)
        snprintf(how, sizeof how, "was killed by signal %d", status - 128);
    else
        snprintf(how, sizeof how, "failed with exit status %d", status);
    if (man)
        return asprintf(&msg, "%s:%d: %s: the run writing '%s/%s.xlsx' %s", man, r->line,
                        r->model, b->o->outdir, r->name, how) < 0 ? NULL : msg;
    return asprintf(&msg, "%s: the run writing '%s/%s.xlsx' %s", r->model, b->o->outdir,
                    r->name, how) < 0 ? NULL : msg;
}

/* What a failed run printed, on stderr: capex's lines, not a library's,
 * its first error as the index has it (with its manifest row). */
static void _print(const char *err, size_t len, const char *message)
{
    int first = 1;
    for (size_t at = 0; at < len;) {
        size_t n = 0;
        while (at + n < len && err[at + n] != '\n')
            n++;
        if (n && !_raw(err + at)) {
            if (first && message)
                fprintf(stderr, "%s\n", message);
            else
                fprintf(stderr, "%.*s\n", (int)n, err + at);
            first = 0;
        }
        at += n + 1;
    }
    if (first && message)
        fprintf(stderr, "%s\n", message);
}

static void _record_failed(const batch_exec *b, const batch_run *r, int status,
                           const char *message)
{
    int kept = 0;
    if (b->o->keep_failed) {
        char *wp = batch_outputs_path(b->o->outdir, r->name, ".xlsx", 0);
        kept = wp && access(wp, F_OK) == 0;
        free(wp);
    } else {
        batch_outputs_remove(b->o->outdir, r->name);
    }
    batch_record rec;
    if (batch_record_failed(&rec, &b->plan, r, status, message) == 0) {
        if (kept)
            batch_record_kept(&rec);
        batch_record_save(&rec, b->o->outdir);
        batch_record_release(&rec);
    }
}

static void _done(void *ctx, size_t t, int status, const char *err, size_t len)
{
    batch_exec *b = ctx;
    size_t i = b->todo[t];
    const batch_run *r = &b->plan.runs[i];
    int sig = batch_pool_signal();
    if (status && sig && status == 128 + sig) {
        b->stopped++;          /* stopped, not failed: it reruns next time */
        return;
    }
    if (status == 0) {
        b->ok++;
        return;
    }
    b->failed++;
    batch_progress_clear(&b->progress);
    char *message = _message(b, r, err, len, status);
    if (!len && message)     /* a crash: the worker wrote no log */
        batch_outputs_log(b->o->outdir, r->name, message, strlen(message));
    _print(err, len, message);
    _record_failed(b, r, status, message);
    free(message);
    /* 65 when any model was invalid, else the first failed run's status
     * (first in the batch's order, not in completion order). */
    if (status == EX_DATAERR)
        b->any_invalid = 1;
    if (i < b->first_failed) {
        b->first_failed = i;
        b->status = status;
    }
}

static void _progress(void *ctx, size_t done, size_t total, int final)
{
    batch_exec *b = ctx;
    batch_progress_update(&b->progress, done, total, final);
}

int batch_exec_run(batch_exec *b, int jobs, int quiet)
{
    batch_progress_init(&b->progress, quiet);
    batch_cleanup_temps(b->o->outdir, &b->plan, b->todo, b->ntodo);
    /* Resume goes by content: a rebuilt workbook of the very same bytes
     * leaves the file as it was (no new file, no rename; the time it had). */
    xlsx_write_if_changed(1);
    batch_pool_ops ops = {.job = _job, .printed = _printed, .release = _release,
                          .done = _done, .progress = _progress, .ctx = b};
    int rc = batch_pool_signal() ? 0 : batch_pool_run(b->ntodo, jobs, &ops);
    b->signal = batch_pool_signal();
    if (b->signal)             /* the records of runs that did not run */
        for (size_t t = 0; t < b->ntodo; t++)
            batch_record_drop_spare(b->o->outdir, b->plan.runs[b->todo[t]].name);
    return rc;
}

int batch_exec_records(const batch_exec *b, batch_record **recs, size_t *n)
{
    *n = 0;
    *recs = calloc(b->mine ? b->mine : 1, sizeof **recs);
    if (!*recs)
        return diag_oom();
    for (size_t i = 0; i < b->plan.n; i++) {
        const batch_run *r = &b->plan.runs[i];
        if (batch_shard_has(&b->shard, r->run) && _record(b, r, &(*recs)[*n]) == 0)
            (*n)++;
    }
    return 0;
}

void batch_exec_release(batch_exec *b)
{
    free(b->todo);
    free(b->keys);
    b->todo = NULL;
    b->keys = NULL;
    batch_plan_release(&b->plan);
}
