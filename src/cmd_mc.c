/*
 * cmd_mc.c - capex mc MODEL: Monte Carlo over the model's `uncertainty:`
 * block; writes the workbook with a MonteCarlo sheet and prints the
 * summary (docs/capex.1). With --raw FILE the engine streams one output's
 * per-path values, block by block in path order, into a second workbook
 * (xlsx_raw.h); --raw-only writes that alone and keeps nothing per path.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "commands.h"
#include "run_job.h"
#include "diag.h"
#include "outfile.h"
#include "mc.h"
#include "parse_value.h"
#include "report.h"
#include "session.h"
#include "xlsx.h"
#include "xlsx_raw.h"

/* Long options without a short one. */
enum { OPT_RAW = 256, OPT_RAW_SERIES, OPT_RAW_ONLY };

struct mc_options {
    const char *model, *output, *scenario;
    report_format format;
    int no_workbook, quiet;
    cx_mc_options mc;
    double levels[CX_MC_MAX_LEVELS];
    const char *raw, *raw_series;   /* --raw FILE, --raw-series NAME */
    int raw_only;
    int stats_asked;                /* -o, -f or --percentiles given */
};

static int _count(const char *opt, const char *s, long min, long max, long *out)
{
    if (pv_parse_int(s, min, max, out))
        return diag_error("expected a whole number from %ld to %ld for %s, got '%s'",
                          min, max, opt, s);
    return 0;
}

/* "2.5,97.5": percentiles in (0, 100). */
static int _levels(const char *s, struct mc_options *o)
{
    char buf[512];
    if (strlen(s) >= sizeof buf)
        return diag_error("too long a list for --percentiles");
    strcpy(buf, s);
    o->mc.nlevels = 0;
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        char *end;
        errno = 0;
        double p = strtod(t, &end);
        if (end == t || *end || errno || !(p > 0 && p < 100))
            return diag_error("expected percentiles between 0 and 100 for --percentiles "
                              "(like 1,2.5,97.5), got '%s'", t);
        if (o->mc.nlevels == CX_MC_MAX_LEVELS)
            return diag_error("at most %d percentiles for --percentiles", CX_MC_MAX_LEVELS);
        o->levels[o->mc.nlevels++] = p / 100;
    }
    o->mc.levels = o->levels;
    return 0;
}

static int _option(int c, const char *arg, struct mc_options *o)
{
    long v;
    if (c == 'f' || c == 'o' || c == 'P')
        o->stats_asked = 1;
    switch (c) {
    case 'f': return report_parse_format(arg, &o->format) ? EX_USAGE : -1;
    case 'j': if (_count("-j", arg, 1, 256, &v)) return EX_USAGE;
              o->mc.threads = (int)v; return CMD_CONTINUE;
    case 'N': if (_count("--paths", arg, 1, 100000000, &v)) return EX_USAGE;
              o->mc.paths = (size_t)v; return CMD_CONTINUE;
    case 'S': if (_count("--seed", arg, 0, 0x7fffffffffffffffL, &v)) return EX_USAGE;
              o->mc.seed = (unsigned long)v; return CMD_CONTINUE;
    case 'P': return _levels(arg, o) ? EX_USAGE : -1;
    case 'n': o->no_workbook = 1; return CMD_CONTINUE;
    case 'o': o->output = arg; return CMD_CONTINUE;
    case 'q': o->quiet = 1; return CMD_CONTINUE;
    case 's': o->scenario = arg; return CMD_CONTINUE;
    case OPT_RAW: o->raw = arg; return CMD_CONTINUE;
    case OPT_RAW_SERIES: o->raw_series = arg; return CMD_CONTINUE;
    case OPT_RAW_ONLY: o->raw_only = 1; return CMD_CONTINUE;
    case 'h': return usage_print("mc");
    default:  return usage_error("mc");
    }
}

/* The --raw options together; CMD_CONTINUE to go on, or EX_USAGE. */
static int _check_raw(const struct mc_options *o)
{
    const char *need = o->raw_series ? "--raw-series" : o->raw_only ? "--raw-only" : NULL;
    if (!o->raw && need)
        diag_error("%s needs --raw FILE", need);
    else if (o->raw && o->raw_only && o->stats_asked)
        diag_error("--raw-only writes the raw paths and nothing else: it takes no -o, "
                   "-f or --percentiles");
    else if (o->raw && o->output && !strcmp(o->raw, o->output))
        diag_error("--raw and -o name the same file '%s'", o->raw);
    else
        return CMD_CONTINUE;
    return usage_error("mc");
}

/* Returns CMD_CONTINUE to go on, or the exit status. */
static int _parse_args(int argc, char **argv, struct mc_options *o)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"jobs", required_argument, NULL, 'j'},
        {"no-workbook", no_argument, NULL, 'n'},
        {"output", required_argument, NULL, 'o'},
        {"paths", required_argument, NULL, 'N'},
        {"percentiles", required_argument, NULL, 'P'},
        {"quiet", no_argument, NULL, 'q'},
        {"raw", required_argument, NULL, OPT_RAW},
        {"raw-only", no_argument, NULL, OPT_RAW_ONLY},
        {"raw-series", required_argument, NULL, OPT_RAW_SERIES},
        {"scenario", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'S'},
        {NULL, 0, NULL, 0},
    };
    int c, rc;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:hj:no:qs:", longopts, NULL)) != -1)
        if ((rc = _option(c, optarg, o)) != CMD_CONTINUE)
            return rc;
    rc = usage_one_model(argc, argv, optind, "mc", &o->model);
    return rc != CMD_CONTINUE ? rc : _check_raw(o);
}

static int _mc_error(const session *s, cx_status st, size_t failed, const char *scenario)
{
    const cx_model *m = s->model;
    if (st == CX_ENOMEM)
        return diag_oom();
    if (failed < m->uncertainty->ninputs) {
        const cx_stochastic *in = &m->uncertainty->inputs[failed];
        diag_at(m->file, in->line, in->col, "cannot sample '%s' under scenario '%s': its "
                "driver there has no single rate to sample", m->series[in->series].name,
                scenario ? scenario : "base");
        return EX_DATAERR;
    }
    diag_at(m->file, m->uncertainty->line, m->uncertainty->col,
            "cannot run the Monte Carlo of '%s': %s (is 'burn_through' or a target's "
            "year within the burn's years?)", m->name, cx_strerror(st));
    return EX_DATAERR;
}

static int _report(const struct mc_options *o, const cx_result *r, const run_extras *x,
                   const char *workbook)
{
    return report_write(stdout, o->format, o->quiet ? REPORT_QUIET : 0u, r, x, workbook);
}

static int _output(const struct mc_options *o, const session *s, const cx_mc_result *mc)
{
    run_extras x = {.mc = mc};
    char *owned = NULL;
    const char *path = NULL;
    int rc = 0;
    if (!o->no_workbook) {
        path = o->output ? o->output : (owned = outfile_default(s->model->name, "-mc.xlsx"));
        rc = path ? xlsx_write_with(s->result, &x, path) : EX_CANTCREAT;
    }
    if (!rc)
        rc = _report(o, s->result, &x, path);
    if (!rc && fflush(stdout)) {
        diag_error("cannot write to standard output: %s", strerror(errno));
        rc = EX_IOERR;
    }
    free(owned);
    return rc;
}

/* What --raw writes: --raw-series (a series, net or cumulative), else the
 * cumulative net cash flow, or without a burn the first sampled series
 * (the fan chart's default). */
static int _raw_entry(const struct mc_options *o, const session *s, size_t *entry)
{
    const cx_model *m = s->model;
    const cx_uncertainty *u = m->uncertainty;
    const char *name = o->raw_series;
    int burn = s->result->burn.enabled && s->result->burn.n, first;
    size_t n;
    if (!name)
        *entry = burn ? CX_FAN_CUMULATIVE : u->ninputs ? u->inputs[0].series : CX_NO_INDEX;
    else if (!strcmp(name, "cumulative"))
        *entry = CX_FAN_CUMULATIVE;
    else if (!strcmp(name, "net"))
        *entry = CX_FAN_NET;
    else
        *entry = cx_model_find_series(m, name);
    if (*entry != CX_NO_INDEX && cx_mc_entry_span(s->result, *entry, &first, &n) == CX_OK)
        return 0;
    if (!name)
        diag_error("nothing to write with --raw: model '%s' has no 'burn' and samples no "
                   "series (name one with --raw-series)", m->name);
    else if (*entry == CX_NO_INDEX)
        diag_error("unknown series '%s' for --raw-series (expected a series of model '%s', "
                   "net or cumulative)", name, m->name);
    else if (!burn && (*entry == CX_FAN_NET || *entry == CX_FAN_CUMULATIVE))
        diag_error("--raw-series %s needs the model's 'burn'", name);
    else
        diag_error("series '%s' has no values to write for --raw-series", name);
    return usage_error("mc");
}

/* Open the raw paths workbook and point the engine's stream at it. */
static int _raw_open(const struct mc_options *o, const session *s, cx_mc_options *mo,
                     xlsx_raw **raw)
{
    size_t entry, n;
    int first;
    int rc = _raw_entry(o, s, &entry);
    if (rc)
        return rc;
    cx_mc_entry_span(s->result, entry, &first, &n);
    xlsx_raw_spec spec = {
        .path = o->raw, .model = s->model->name, .what = cx_mc_fan_label(s->model, entry),
        .scenario = o->scenario, .seed = mo->seed, .paths = mo->paths,
        .first_year = first, .years = n, .created = s->model->as_of, .m = s->model,
    };
    rc = xlsx_raw_open(&spec, raw);
    if (rc)
        return rc;
    mo->on_block = xlsx_raw_block;
    mo->block_ctx = *raw;
    mo->block_entry = entry;
    mo->stream_only = o->raw_only;
    return 0;
}

/* "raw paths: FILE (N paths x Y years of WHAT, FIRST..LAST)" under the table. */
static int _raw_line(const struct mc_options *o, const session *s, const cx_mc_options *mo)
{
    if (o->quiet || o->format != REPORT_TABLE)
        return 0;
    size_t n;
    int first;
    cx_mc_entry_span(s->result, mo->block_entry, &first, &n);
    char a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
    const char *w = cx_calendar_period_word(&s->model->cal);
    printf("%sraw paths: %s (%zu path%s x %zu %s%s of %s, %s..%s)\n",
           !o->raw_only && o->no_workbook ? "\n" : "", o->raw, mo->paths,
           mo->paths == 1 ? "" : "s", n, w, n == 1 ? "" : "s",
           cx_mc_fan_label(s->model, mo->block_entry),
           cx_model_period_title(s->model, first, a),
           cx_model_period_title(s->model, first + (int)n - 1, b));
    if (fflush(stdout)) {
        diag_error("cannot write to standard output: %s", strerror(errno));
        return EX_IOERR;
    }
    return 0;
}

/* The run, the raw workbook closed (or dropped), then the report. */
static int _simulate(const struct mc_options *o, const session *s)
{
    cx_mc_options mo = o->mc;
    xlsx_raw *raw = NULL;
    int rc = o->raw ? _raw_open(o, s, &mo, &raw) : 0;
    if (rc)
        return rc;
    cx_mc_result *mc = NULL;
    size_t failed;
    cx_status st = cx_mc_run(s->result, &mo, &mc, &failed);
    if (raw && (st == CX_OK || xlsx_raw_failed(raw)))
        rc = xlsx_raw_close(raw);          /* reports a failed write */
    else
        xlsx_raw_abort(raw);
    if (!rc && st != CX_OK)
        rc = _mc_error(s, st, failed, o->scenario);
    if (!rc && !o->raw_only)
        rc = _output(o, s, mc);
    if (!rc && raw)
        rc = _raw_line(o, s, &mo);
    cx_mc_result_free(mc);
    return rc;
}

static int _run(const struct mc_options *o)
{
    session s;
    int rc = session_open(&s, o->model, o->scenario);
    if (rc)
        return rc;
    if (!s.model->uncertainty) {
        diag_at(s.model->file, 0, 0, "model '%s' has no 'uncertainty' section (see "
                "docs/format.md, Uncertainty)", s.model->name);
        session_release(&s);
        return EX_DATAERR;
    }
    if (!o->quiet)
        session_print_notes(&s);
    if (!o->quiet && s.model->uncertainty->repaired)
        diag_note_at(s.model->file, s.model->uncertainty->line, s.model->uncertainty->col,
                     "the correlation matrix was not positive definite: the nearest one "
                     "that is was used (repair: true)");
    rc = _simulate(o, &s);
    session_release(&s);
    return rc;
}

static int _threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int cmd_mc(int argc, char **argv)
{
    struct mc_options o = {.mc = {.paths = 10000, .seed = 1, .threads = _threads()}};
    int rc = _parse_args(argc, argv, &o);
    if (rc != CMD_CONTINUE)
        return rc;
    diag_set_quiet(o.quiet);
    return _run(&o);
}
