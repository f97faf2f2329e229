/*
 * cmd_run.c - capex run MODEL: compute, write the workbook, print a summary.
 * `--scenario all` also computes every scenario side by side (the main
 * result is the base); a model with `sensitivity:` gets its tornado and
 * two-way table around the result being run. A monthly or quarterly
 * model's table is by fiscal year unless `--periods` asks for every period.
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
#include "pdf_export.h"
#include "report.h"
#include "run_job.h"

struct run_options {
    const char *model;
    const char *output;
    const char *scenario;
    report_format format;
    int no_workbook;
    int pdf;
    int periods;
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
        {"pdf", no_argument, NULL, 'P'},
        {"periods", no_argument, NULL, 'p'},
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
        case 'P': o->pdf = 1; break;
        case 'p': o->periods = 1; break;
        case 'q': o->quiet = 1; break;
        case 's': o->scenario = optarg; break;
        default: return usage_error("run");
        }
    }
    if (o->pdf && o->no_workbook) {
        diag_error("run: --pdf prints the workbook: it cannot go with --no-workbook");
        return usage_error("run");
    }
    return usage_one_model(argc, argv, optind, "run", &o->model);
}

/* The workbook as PDF beside it (or where -o put the workbook); *pdf is
 * its path, to print. */
static int _pdf(const char *workbook, char **pdf)
{
    *pdf = pdf_path_for(workbook);
    if (!*pdf)
        return diag_oom();
    return pdf_export(workbook, *pdf);
}

/* Where the PDF went, as the table says where the workbook went: on
 * stdout after the table's "workbook:" line, else as a note on stderr. */
static void _say_pdf(const struct run_options *o, const char *pdf)
{
    if (!pdf || o->quiet)
        return;
    if (o->format == REPORT_TABLE)
        printf("pdf: %s\n", pdf);
    else
        fprintf(stderr, "capex: wrote %s\n", pdf);
}

static int _write(const struct run_options *o, run_job *j, const char *path)
{
    run_extras x = run_job_extras(j);
    char *pdf = NULL;
    int rc = path ? run_job_write(j, path) : 0;
    if (!rc && o->pdf)
        rc = _pdf(path, &pdf);
    if (!rc)
        rc = report_write(stdout, o->format,
                          (o->quiet ? REPORT_QUIET : 0u) | (o->periods ? REPORT_PERIODS : 0u),
                          j->s.result, &x, path);
    if (!rc)
        _say_pdf(o, pdf);
    if (!rc && fflush(stdout)) {
        diag_error("cannot write to standard output: %s", strerror(errno));
        rc = EX_IOERR;
    }
    free(pdf);
    return rc;
}

static int _run(const struct run_options *o)
{
    run_spec spec = {.model = o->model, .scenario = o->scenario};
    run_job j;
    int rc = run_job_compute(&j, &spec);
    if (rc) {
        run_job_release(&j);
        return rc;
    }
    if (!o->quiet)
        session_print_notes(&j.s);
    char *owned = NULL;
    const char *path = NULL;
    if (!o->no_workbook) {
        path = o->output ? o->output : (owned = outfile_default(j.s.model->name, ".xlsx"));
        rc = path ? 0 : EX_CANTCREAT;
    }
    if (!rc)
        rc = _write(o, &j, path);
    free(owned);
    run_job_release(&j);
    return rc;
}

int cmd_run(int argc, char **argv)
{
    struct run_options o = {0};
    int rc = _parse_args(argc, argv, &o);
    if (rc != CMD_CONTINUE)
        return rc;
    diag_set_quiet(o.quiet);
    return _run(&o);
}
