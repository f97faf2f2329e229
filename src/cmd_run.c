/*
 * cmd_run.c - capex run MODEL: compute, write the workbook, print a summary.
 * `--scenario all` also computes every scenario side by side (the main
 * result is the base); a model with `sensitivity:` gets its tornado and
 * two-way table around the result being run.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "commands.h"
#include "diag.h"
#include "outfile.h"
#include "report.h"
#include "scenario_set.h"
#include "session.h"
#include "write_xlsx.h"

struct run_options {
    const char *model;
    const char *output;
    const char *scenario;
    report_format format;
    int no_workbook;
    int quiet;
};

/* Returns -1 to continue, or the exit status. */
static int _parse_args(int argc, char **argv, struct run_options *o)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"no-workbook", no_argument, NULL, 'n'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"scenario", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:hno:qs:", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': if (report_parse_format(optarg, &o->format)) return EX_USAGE; break;
        case 'h': return usage_print("run");
        case 'n': o->no_workbook = 1; break;
        case 'o': o->output = optarg; break;
        case 'q': o->quiet = 1; break;
        case 's': o->scenario = optarg; break;
        default: return usage_error("run");
        }
    }
    return usage_one_model(argc, argv, optind, "run", &o->model);
}

static int _report(const struct run_options *o, const cx_result *r,
                   const run_extras *x, const char *workbook)
{
    return report_write(stdout, o->format, o->quiet, r, x, workbook);
}

static int _all(const struct run_options *o)
{
    return o->scenario && !strcmp(o->scenario, "all");
}

/* What the extras owned by a run hold. */
typedef struct run_owned {
    cx_scenario_set *scenarios;
    cx_sensitivity *sensitivity;
} run_owned;

/* A computation of the extras failed: say which and where. */
static int _extra_error(const cx_model *m, cx_status st, const char *what,
                        size_t failed)
{
    if (st == CX_ENOMEM)
        return diag_error("out of memory"), EX_OSERR;
    if (failed < m->nseries) {
        const cx_series *se = &m->series[failed];
        diag_at(m->file, se->line, se->col, "cannot compute %s: '%s': %s", what,
                se->name, cx_strerror(st));
    } else {
        diag_at(m->file, 0, 0, "cannot compute %s: %s", what, cx_strerror(st));
    }
    return EX_DATAERR;
}

static int _extras(const struct run_options *o, const session *s, run_owned *own)
{
    const cx_model *m = s->model;
    size_t failed = CX_NO_INDEX;
    if (_all(o)) {
        const char *which = "base";
        cx_status st = cx_scenario_set_compute(m, 0, &own->scenarios, &which, &failed);
        if (st != CX_OK) {
            char what[160];
            snprintf(what, sizeof what, "scenario '%s'", which);
            return _extra_error(m, st, what, failed);
        }
    }
    if (m->sensitivity) {
        cx_status st = cx_sensitivity_compute(s->result, m->sensitivity,
                                              &own->sensitivity, &failed);
        if (st != CX_OK)
            return _extra_error(m, st, "the sensitivity", failed);
    }
    return 0;
}

static int _run(const struct run_options *o)
{
    session s;
    int rc = session_open(&s, o->model, _all(o) ? NULL : o->scenario);
    if (rc)
        return rc;
    if (!o->quiet)
        session_print_notes(&s);
    run_owned own = {0};
    rc = _extras(o, &s, &own);
    run_extras x = {.scenarios = own.scenarios, .sensitivity = own.sensitivity};
    char *owned = NULL;
    const char *path = NULL;
    if (!rc && !o->no_workbook) {
        path = o->output ? o->output : (owned = outfile_default(s.model->name, ".xlsx"));
        rc = path ? write_xlsx_with(s.result, &x, path) : EX_CANTCREAT;
    }
    if (!rc)
        rc = _report(o, s.result, &x, path);
    if (!rc && fflush(stdout)) {
        diag_error("cannot write to standard output: %s", strerror(errno));
        rc = EX_IOERR;
    }
    free(owned);
    cx_scenario_set_free(own.scenarios);
    cx_sensitivity_free(own.sensitivity);
    session_release(&s);
    return rc;
}

int cmd_run(int argc, char **argv)
{
    struct run_options o = {0};
    int rc = _parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    diag_set_quiet(o.quiet);
    return _run(&o);
}
