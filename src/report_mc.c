/*
 * report_mc.c - the mc part of the table, CSV and JSON reports.
 * (Placeholder: nothing passes one until the feature lands.)
 */
#include "report.h"

void table_mc(FILE *out, const cx_result *r, const struct cx_mc_result *s)
{
    (void)out, (void)r, (void)s;
}

void csv_mc(FILE *out, const cx_result *r, const struct cx_mc_result *s)
{
    (void)out, (void)r, (void)s;
}

void json_mc(json_out *j, const cx_result *r, const struct cx_mc_result *s)
{
    (void)r, (void)s;
    json_null(j);
}
