/*
 * cmd_explain.c - capex explain MODEL [SERIES]: how each value of a series
 * is derived (report_explain.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "commands.h"
#include "diag.h"
#include "session.h"
#include "report_explain.h"

static int _explain(const char *model, const char *series, const char *scenario)
{
    session s;
    int rc = session_open(&s, model, scenario);
    if (rc)
        return rc;
    size_t index = CX_NO_INDEX;
    int burn = series && !strcmp(series, "burn")
               && cx_model_find_series(s.model, "burn") == CX_NO_INDEX;
    if (burn && !s.model->burn.enabled) {
        diag_error("model '%s' has no 'burn' to explain (define 'burn' with 'net', or "
                   "'revenue' and 'costs')", s.model->name);
        rc = EX_USAGE;
    } else if (burn) {
        rc = report_explain_burn(stdout, s.result);
    } else if (series && (index = cx_model_find_series(s.model, series)) == CX_NO_INDEX) {
        diag_error("no series '%s' in model '%s'", series, s.model->name);
        for (size_t i = 0; i < s.model->nseries; i++)
            fprintf(stderr, "  available: %s\n", s.model->series[i].name);
        rc = EX_USAGE;
    }
    if (!rc && !burn)
        rc = report_explain(stdout, s.result, index);
    if (!rc && fflush(stdout)) {
        diag_error("cannot write to standard output: %s", strerror(errno));
        rc = EX_IOERR;
    }
    session_release(&s);
    return rc;
}

int cmd_explain(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {"scenario", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0},
    };
    const char *scenario = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hs:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h': return usage_print("explain");
        case 's': scenario = optarg; break;
        default: return usage_error("explain");
        }
    }
    int n = argc - optind;
    if (n < 1 || n > 2) {
        diag_error("explain: expected MODEL [SERIES], got %d operands", n);
        return usage_error("explain");
    }
    return _explain(argv[optind], n == 2 ? argv[optind + 1] : NULL, scenario);
}
