/*
 * report_scenarios.c - the scenarios part of the table, CSV and JSON reports.
 * (Placeholder: nothing passes one until the feature lands.)
 */
#include "report.h"

void table_scenarios(FILE *out, const cx_result *r, const struct cx_scenario_set *s)
{
    (void)out, (void)r, (void)s;
}

void csv_scenarios(FILE *out, const cx_result *r, const struct cx_scenario_set *s)
{
    (void)out, (void)r, (void)s;
}

void json_scenarios(json_out *j, const cx_result *r, const struct cx_scenario_set *s)
{
    (void)r, (void)s;
    json_null(j);
}
