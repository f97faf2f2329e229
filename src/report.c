/*
 * report.c - `capex run`'s report on stdout (report.h): the format asked
 * for, dispatched to report_table.c, report_csv.c or report_json.c, and
 * the sections of a text format in their order.
 */
#include <string.h>

#include "diag.h"
#include "report.h"

int report_parse_format(const char *s, report_format *f)
{
    if (!strcmp(s, "table")) *f = REPORT_TABLE;
    else if (!strcmp(s, "csv")) *f = REPORT_CSV;
    else if (!strcmp(s, "json")) *f = REPORT_JSON;
    else return diag_error("unknown format '%s' (expected table, csv or json)", s);
    return 0;
}

int report_write(FILE *out, report_format f, unsigned flags, const cx_result *r,
                 const run_extras *x, const char *workbook)
{
    switch (f) {
    case REPORT_CSV: return report_csv(out, r, x, workbook);
    case REPORT_JSON: return report_json(out, r, x, workbook);
    default:
        return flags & REPORT_QUIET ? 0
                                    : report_table(out, r, x, workbook, !!(flags & REPORT_PERIODS));
    }
}

void report_sections(FILE *out, const cx_result *r, const run_extras *x,
                     const report_parts *parts)
{
    parts->burn(out, r);
    parts->commitments(out, r);
    parts->discount(out, r);
    parts->goals(out, r);
    parts->checks(out, r);
    if (x && x->scenarios)
        parts->scenarios(out, r, x->scenarios);
    if (x && x->sensitivity)
        parts->sensitivity(out, r, x->sensitivity);
    if (x && x->mc)
        parts->mc(out, r, x->mc);
}
