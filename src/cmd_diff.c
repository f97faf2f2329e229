/*
 * cmd_diff.c - capex diff A B: what changed in the key outputs and the
 * series between two models, one model under two scenarios
 * (MODEL:SCENARIO), or two JSON reports of capex run, for reviewing a
 * model change. Exit 0 when nothing
 * differs, 1 when something does (as diff(1)), a sysexits code on error.
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
#include "report.h"
#include "diff_side.h"
#include "session.h"
#include "report_diff.h"

/* "path:scenario" -> path and scenario (NULL = base), unless the whole
 * text names a file (a path may hold ':'). Caller frees *path. */
static int _split(const char *arg, char **path, const char **scenario)
{
    const char *colon = strrchr(arg, ':');
    *scenario = NULL;
    if (colon && access(arg, F_OK) != 0) {
        *path = strndup(arg, (size_t)(colon - arg));
        *scenario = colon[1] ? colon + 1 : NULL;
    } else {
        *path = strdup(arg);
    }
    return *path ? 0 : diag_oom();
}

static int _is_json(const char *arg)
{
    size_t n = strlen(arg);
    return n > 5 && !strcmp(arg + n - 5, ".json");
}

/* One side: a JSON report, or a model (MODEL:SCENARIO) computed. */
static int _side(diff_side *side, const char *arg)
{
    if (_is_json(arg))
        return diff_side_from_json(side, arg);
    char *path;
    const char *scenario;
    int rc = _split(arg, &path, &scenario);
    session s;
    if (!rc && !(rc = session_open(&s, path, scenario))) {
        rc = diff_side_from_result(side, s.result);
        session_release(&s);
    }
    free(path);
    return rc;
}

/* Periods match by number only within one frequency and, for months and
 * quarters, one fiscal year end: a monthly model against a quarterly one
 * has no figures in common to compare. Releases both sides on a mismatch. */
static int _same_calendar(diff_side *a, const char *an, diff_side *b, const char *bn)
{
    const cx_calendar *x = &a->cal, *y = &b->cal;
    if (x->per_year == y->per_year && (x->per_year == 1 || x->fy_end == y->fy_end))
        return 0;
    diag_error("diff: '%s' is %s (fiscal year ending in month %d) and '%s' %s (month %d): "
               "their periods do not match (expected two models of one frequency and "
               "fiscal year)", an, cx_calendar_frequency(x), x->fy_end, bn,
               cx_calendar_frequency(y), y->fy_end);
    diff_side_release(a);
    diff_side_release(b);
    return EX_DATAERR;
}

int cmd_diff(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    report_format format = REPORT_TABLE;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': if (report_parse_format(optarg, &format)) return EX_USAGE; break;
        case 'h': return usage_print("diff");
        default: return usage_error("diff");
        }
    }
    if (argc - optind != 2) {
        diag_error("diff: expected two models (MODEL, MODEL:SCENARIO or REPORT.json), got %d",
                   argc - optind);
        return usage_error("diff");
    }
    diff_side a, b;
    int rc = _side(&a, argv[optind]);
    if (!rc && (rc = _side(&b, argv[optind + 1])))
        diff_side_release(&a);
    if (!rc)
        rc = _same_calendar(&a, argv[optind], &b, argv[optind + 1]);
    if (rc)
        return rc;
    int differ = 0;
    rc = report_diff(stdout, format, &a, argv[optind], &b, argv[optind + 1], &differ);
    if (!rc && fflush(stdout)) {
        diag_error("cannot write to standard output: %s", strerror(errno));
        rc = EX_IOERR;
    }
    diff_side_release(&a);
    diff_side_release(&b);
    return rc ? rc : differ;
}
