/*
 * cmd_mc.c - capex mc MODEL: Monte Carlo over the model's `uncertainty:`
 * block; writes the workbook with a MonteCarlo sheet and prints the
 * summary (docs/capex.1).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "commands.h"
#include "diag.h"
#include "outfile.h"
#include "mc.h"
#include "parse_value.h"
#include "report.h"
#include "session.h"
#include "write_xlsx.h"

struct mc_options {
    const char *model, *output, *scenario;
    report_format format;
    int no_workbook, quiet;
    cx_mc_options mc;
    double levels[CX_MC_MAX_LEVELS];
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
    switch (c) {
    case 'f': return report_parse_format(arg, &o->format) ? EX_USAGE : -1;
    case 'j': if (_count("-j", arg, 1, 256, &v)) return EX_USAGE;
              o->mc.threads = (int)v; return -1;
    case 'N': if (_count("--paths", arg, 1, 100000000, &v)) return EX_USAGE;
              o->mc.paths = (size_t)v; return -1;
    case 'S': if (_count("--seed", arg, 0, 0x7fffffffffffffffL, &v)) return EX_USAGE;
              o->mc.seed = (unsigned long)v; return -1;
    case 'P': return _levels(arg, o) ? EX_USAGE : -1;
    case 'n': o->no_workbook = 1; return -1;
    case 'o': o->output = arg; return -1;
    case 'q': o->quiet = 1; return -1;
    case 's': o->scenario = arg; return -1;
    case 'h': return usage_print("mc");
    default:  return usage_error("mc");
    }
}

/* Returns -1 to continue, or the exit status. */
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
        {"scenario", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'S'},
        {NULL, 0, NULL, 0},
    };
    int c, rc;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:hj:no:qs:", longopts, NULL)) != -1)
        if ((rc = _option(c, optarg, o)) >= 0)
            return rc;
    return usage_one_model(argc, argv, optind, "mc", &o->model);
}

static int _mc_error(const session *s, cx_status st, size_t failed, const char *scenario)
{
    const cx_model *m = s->model;
    if (st == CX_ENOMEM)
        return diag_error("out of memory"), EX_OSERR;
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
    return report_write(stdout, o->format, o->quiet, r, x, workbook);
}

static int _output(const struct mc_options *o, const session *s, const cx_mc_result *mc)
{
    run_extras x = {.mc = mc};
    char *owned = NULL;
    const char *path = NULL;
    int rc = 0;
    if (!o->no_workbook) {
        path = o->output ? o->output : (owned = outfile_default(s->model->name, "-mc.xlsx"));
        rc = path ? write_xlsx_with(s->result, &x, path) : EX_CANTCREAT;
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
    cx_mc_result *mc = NULL;
    size_t failed;
    cx_status st = cx_mc_run(s.result, &o->mc, &mc, &failed);
    rc = st == CX_OK ? _output(o, &s, mc) : _mc_error(&s, st, failed, o->scenario);
    cx_mc_result_free(mc);
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
    if (rc >= 0)
        return rc;
    diag_set_quiet(o.quiet);
    return _run(&o);
}
