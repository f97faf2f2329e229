/*
 * cmd_check.c - capex check MODEL: validate and report the checks.
 */
#include <getopt.h>
#include <stdio.h>
#include <sysexits.h>

#include "commands.h"
#include "diag.h"
#include "session.h"

static void _print_checks(const cx_result *r)
{
    const cx_model *m = r->model;
    for (size_t i = 0; i < r->nchecks; i++) {
        const cx_check_result *c = &r->checks[i];
        const cx_check *def = &m->checks[c->check];
        printf("%-4s  %-10s  %s\n", c->pass ? "pass" : "warn",
               cx_check_kind_name(def->kind), c->message);
    }
    printf("%s: %zu check%s, %zu passed, %zu warning%s\n", m->name,
           r->nchecks, r->nchecks == 1 ? "" : "s", r->nchecks - r->warnings,
           r->warnings, r->warnings == 1 ? "" : "s");
}

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {"quiet", no_argument, NULL, 'q'},
        {"scenario", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0},
    };
    const char *scenario = NULL;
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hqs:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h': return usage_print("check");
        case 'q': quiet = 1; break;
        case 's': scenario = optarg; break;
        default: return usage_error("check");
        }
    }
    const char *model;
    int rc = usage_one_model(argc, argv, optind, "check", &model);
    if (rc != CMD_CONTINUE)
        return rc;
    diag_set_quiet(quiet);
    session s;
    rc = session_open(&s, model, scenario);
    if (rc)
        return rc;
    if (!quiet) {
        session_print_notes(&s);
        _print_checks(s.result);
    }
    session_release(&s);
    return 0;
}
