/*
 * report_sensitivity.c - the sensitivity part of the table, CSV and JSON reports.
 * (Placeholder: nothing passes one until the feature lands.)
 */
#include "report.h"

void table_sensitivity(FILE *out, const cx_result *r, const struct cx_sensitivity *s)
{
    (void)out, (void)r, (void)s;
}

void csv_sensitivity(FILE *out, const cx_result *r, const struct cx_sensitivity *s)
{
    (void)out, (void)r, (void)s;
}

void json_sensitivity(json_out *j, const cx_result *r, const struct cx_sensitivity *s)
{
    (void)r, (void)s;
    json_null(j);
}
