/*
 * cmd_batch.c - capex batch: many runs, one workbook each, in worker
 * processes; one batch at a time per output folder; resumable by content;
 * sliced across machines; an index of all runs that is never stale
 * (docs/batch.md).
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "batch_exec.h"
#include "batch_index.h"
#include "batch_lock.h"
#include "batch_meta.h"
#include "batch_outputs.h"
#include "batch_pool.h"
#include "batch_record.h"
#include "commands.h"
#include "diag.h"
#include "parse_value.h"
#include "report.h"
#include "xlsx_zip_async.h"

struct batch_options {
    batch_exec_options x;
    const char *scenario;
    const char *manifest;
    const char *shard;
    long shards, jobs, min_runs;
    int no_index, quiet, wait, allow_empty, prune, recursive;
    report_format format;
    char **operands;
    size_t noperands;
    int argc;                 /* the arguments after "batch", for index.json */
    char **argv;
};

enum {
    OPT_FORCE = 256, OPT_MANIFEST, OPT_SHARD, OPT_SHARDS, OPT_NO_INDEX, OPT_PDF, OPT_WAIT,
    OPT_ALLOW_EMPTY, OPT_MIN_RUNS, OPT_KEEP_FAILED, OPT_PRUNE, OPT_RECURSIVE, OPT_ONLY_FAILED
};

static int _count_arg(const char *opt, const char *text, long min, long *out)
{
    if (pv_parse_int(text, min, 100000000, out) == 0)
        return 0;
    diag_error("%s '%s': expected a whole number from %ld", opt, text, min);
    return EX_USAGE;
}

static int _flag(struct batch_options *o, int c)
{
    switch (c) {
    case 'q': o->quiet = 1; break;
    case OPT_FORCE: o->x.force = 1; break;
    case OPT_NO_INDEX: o->no_index = 1; break;
    case OPT_PDF: o->x.pdf = 1; break;
    case OPT_WAIT: o->wait = 1; break;
    case OPT_ALLOW_EMPTY: o->allow_empty = 1; break;
    case OPT_KEEP_FAILED: o->x.keep_failed = 1; break;
    case OPT_PRUNE: o->prune = 1; break;
    case OPT_RECURSIVE: o->recursive = 1; break;
    case OPT_ONLY_FAILED: o->x.only_failed = 1; break;
    default: return usage_error("batch");
    }
    return 0;
}

static int _option(struct batch_options *o, int c)
{
    switch (c) {
    case 'f': return report_parse_format(optarg, &o->format) ? EX_USAGE : 0;
    case 'j': return _count_arg("--jobs", optarg, 1, &o->jobs);
    case 'o': o->x.outdir = optarg; return 0;
    case 's': o->scenario = optarg; return 0;
    case OPT_MANIFEST: o->manifest = optarg; return 0;
    case OPT_SHARD: o->shard = optarg; return 0;
    case OPT_SHARDS: return _count_arg("--shards", optarg, 1, &o->shards);
    case OPT_MIN_RUNS: return _count_arg("--min-runs", optarg, 0, &o->min_runs);
    default: return _flag(o, c);
    }
}

static int _options(int argc, char **argv, struct batch_options *o)
{
    static const struct option longopts[] = {
        {"allow-empty", no_argument, NULL, OPT_ALLOW_EMPTY},
        {"force", no_argument, NULL, OPT_FORCE},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"jobs", required_argument, NULL, 'j'},
        {"keep-failed", no_argument, NULL, OPT_KEEP_FAILED},
        {"manifest", required_argument, NULL, OPT_MANIFEST},
        {"min-runs", required_argument, NULL, OPT_MIN_RUNS},
        {"no-index", no_argument, NULL, OPT_NO_INDEX},
        {"only-failed", no_argument, NULL, OPT_ONLY_FAILED},
        {"output", required_argument, NULL, 'o'},
        {"pdf", no_argument, NULL, OPT_PDF},
        {"prune", no_argument, NULL, OPT_PRUNE},
        {"quiet", no_argument, NULL, 'q'},
        {"recursive", no_argument, NULL, OPT_RECURSIVE},
        {"scenario", required_argument, NULL, 's'},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"shards", required_argument, NULL, OPT_SHARDS},
        {"wait", no_argument, NULL, OPT_WAIT},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    o->argc = argc - 1;
    o->argv = argv + 1;
    while ((c = getopt_long(argc, argv, "f:hj:o:qrs:", longopts, NULL)) != -1) {
        if (c == 'h')
            return usage_print("batch");
        int rc = _option(o, c == 'r' ? OPT_RECURSIVE : c);
        if (rc)
            return rc;
    }
    o->operands = argv + optind;
    o->noperands = (size_t)(argc - optind);
    return CMD_CONTINUE;
}

static int _check_options(const struct batch_options *o)
{
    const char *conflict =
        o->manifest && o->noperands ? "give model files and folders, or --manifest, not both"
        : !o->manifest && !o->noperands ? "no models (give model files or folders, or "
                                          "--manifest FILE)"
        : o->manifest && o->scenario ? "--scenario applies to model files and folders; a "
                                       "manifest names its scenarios in its 'scenario' column"
        : o->manifest && o->recursive ? "--recursive applies to folders, not to --manifest"
        : o->x.only_failed && o->x.force ? "--only-failed reruns the failed runs; --force "
                                           "reruns every run: give one of them"
                                         : NULL;
    if (!conflict)
        return CMD_CONTINUE;
    diag_error("batch: %s", conflict);
    return usage_error("batch");
}

/* ---- the batch ------------------------------------------------------------ */

static int _plan(batch_exec *b, const struct batch_options *o)
{
    int rc = o->manifest ? batch_plan_manifest(&b->plan, o->manifest)
                         : batch_plan_operands(&b->plan, o->operands, o->noperands,
                                               o->scenario, o->recursive);
    if (!rc)
        rc = batch_plan_check_names(&b->plan);
    if (!rc)
        batch_plan_identify(&b->plan);
    if (!rc)
        rc = batch_shard_get(o->shard, o->shards, &b->shard);
    return rc;
}

/* "'a/', 'b.yaml'": where the models were looked for. */
static void _where(const struct batch_options *o, char *buf, size_t size)
{
    size_t len = 0;
    if (o->manifest)
        snprintf(buf, size, "'%s'", o->manifest);
    for (size_t i = 0; i < o->noperands && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s'%s'", i ? ", " : "",
                                o->operands[i]);
}

/* Zero runs, or fewer than --min-runs, is no success: an empty or
 * unmounted share must not replace a good index with an empty one. */
static int _enough(const batch_exec *b, const struct batch_options *o)
{
    char where[1024];
    _where(o, where, sizeof where);
    if (b->plan.n == 0 && !o->allow_empty) {
        diag_error("batch: no models found in %s (--allow-empty makes an empty batch a "
                   "success)", where);
        return EX_NOINPUT;
    }
    if ((long)b->plan.n < o->min_runs) {
        diag_error("batch: %zu run%s found in %s, fewer than --min-runs %ld", b->plan.n,
                   b->plan.n == 1 ? "" : "s", where, o->min_runs);
        return EX_NOINPUT;
    }
    return 0;
}

/* The folder, its lock, the old index gone, the slice's start noted. */
static int _prepare(batch_exec *b, const struct batch_options *o, batch_lock *lock,
                    time_t started)
{
    const char *outdir = o->x.outdir;
    int rc = batch_outputs_dirs(outdir);
    if (!rc)
        rc = batch_lock_take(lock, outdir, b->shard.k, b->shard.n, o->wait);
    if (!rc)
        batch_pool_catch();    /* from here on a signal ends in an index */
    if (!rc)
        rc = batch_index_remove(outdir);
    if (!rc)
        rc = batch_meta_save(outdir, b->plan.id, b->shard.n ? b->shard.k : 1,
                             b->shard.n ? b->shard.n : 1, started, o->argc, o->argv);
    if (!rc && o->prune) {
        size_t k = batch_outputs_prune(outdir, &b->plan);
        if (k && !o->quiet)
            fprintf(stderr, "capex: batch: pruned %zu workbook%s no run of this batch "
                    "makes\n", k, k == 1 ? "" : "s");
    }
    return rc;
}

static const char *_signame(int sig)
{
    return sig == 2 ? "SIGINT" : sig == 15 ? "SIGTERM" : sig == 1 ? "SIGHUP" : "a signal";
}

static void _summary(const batch_exec *b, const struct batch_options *o, double seconds,
                     int jobs)
{
    FILE *out = o->format == REPORT_TABLE && !b->signal ? stdout : stderr;
    if (o->quiet && !b->signal)
        return;
    size_t not_run = b->mine - b->ok - b->failed - b->skipped;
    fprintf(out, "capex: batch: ");
    if (b->signal)
        fprintf(out, "interrupted by %s: ", _signame(b->signal));
    fprintf(out, "%zu succeeded, %zu failed, %zu skipped", b->ok, b->failed, b->skipped);
    if (not_run)
        fprintf(out, ", %zu not run", not_run);
    fprintf(out, " (%zu run%s", b->mine, b->mine == 1 ? "" : "s");
    if (b->shard.n)
        fprintf(out, " of %zu, shard %ld/%ld", b->plan.n, b->shard.k, b->shard.n);
    fprintf(out, " in %.2f s, -j %d)\n", seconds, jobs);
}

static int _index(const batch_exec *b, const struct batch_options *o,
                  const batch_record *recs, size_t n, time_t started)
{
    batch_meta m = {.started = started, .ended = time(NULL), .planned = b->plan.n,
                    .signal = b->signal};
    memcpy(m.id, b->plan.id, sizeof m.id);
    batch_meta_load(&m, o->x.outdir);
    int rc = 0;
    if (!o->no_index && !b->shard.n)
        rc = batch_index_write(o->x.outdir, recs, n, &m);
    else if (b->shard.n && !o->quiet && !o->no_index && !b->signal)
        fprintf(stderr, "capex: batch: shard %ld/%ld (%s) done; when every shard has "
                "finished, 'capex index %s' writes the index\n", b->shard.k,
                b->shard.n, b->shard.from, o->x.outdir);
    if (!rc && o->format == REPORT_CSV)
        rc = batch_index_csv(stdout, recs, n, &m);
    if (!rc && o->format == REPORT_JSON)
        rc = batch_index_json(stdout, recs, n, &m);
    batch_meta_release(&m);
    return rc;
}

/* The index from the records there are, whatever happened, and the summary. */
static int _report(batch_exec *b, const struct batch_options *o, time_t started,
                   double seconds, int jobs)
{
    batch_record *recs;
    size_t n;
    int rc = batch_exec_records(b, &recs, &n);
    if (!rc)
        rc = _index(b, o, recs, n, started);
    if (recs)
        batch_records_free(recs, n);
    _summary(b, o, seconds, jobs);
    if (!rc && fflush(stdout)) {
        diag_error("cannot write to standard output: %s", strerror(errno));
        rc = EX_IOERR;
    }
    return rc;
}

static int _status(const batch_exec *b, int rc)
{
    if (b->signal)
        return 128 + b->signal;
    if (rc)
        return rc;
    return b->any_invalid ? EX_DATAERR : b->status;
}

static int _batch_run(const struct batch_options *o)
{
    batch_exec b = {.o = &o->x, .first_failed = SIZE_MAX};
    batch_lock lock = {.fd = -1, .slice_fd = -1};
    int jobs = o->jobs ? (int)o->jobs : batch_pool_cpus();
    /* A workbook's zip on a thread of its own (xlsx_zip_async.h) only
     * where a core is left over: jobs that keep every core busy gain
     * nothing from it and would pay for the copies and the spin. */
    xlsx_zip_async(jobs < batch_pool_cpus());
    double t0 = batch_progress_now();
    time_t started = time(NULL);
    int rc = _plan(&b, o);
    if (!rc)
        rc = _enough(&b, o);
    if (!rc)
        rc = _prepare(&b, o, &lock, started);
    if (!rc)
        rc = batch_exec_select(&b);
    if (!rc)
        rc = batch_exec_run(&b, jobs, o->quiet);
    b.signal = batch_pool_signal();
    /* Once the folder is ours (its old index gone), an index is written
     * whatever happened: failures, a signal, a pool that could not fork. */
    if (lock.fd >= 0) {
        int report = _report(&b, o, started, batch_progress_now() - t0, jobs);
        rc = rc ? rc : report;
    }
    rc = _status(&b, rc);
    if (lock.fd >= 0)
        batch_pool_uncatch();
    batch_exec_release(&b);
    batch_lock_release(&lock);
    return rc;
}

int cmd_batch(int argc, char **argv)
{
    struct batch_options o = {.x.outdir = "outputs"};
    int rc = _options(argc, argv, &o);
    if (rc != CMD_CONTINUE)
        return rc;
    if ((rc = _check_options(&o)) != CMD_CONTINUE)
        return rc;
    diag_set_quiet(o.quiet);
    return _batch_run(&o);
}
