/*
 * report_util.c - naming helpers (see report_util.h).
 */
#include "report_util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "report.h"

const char *report_scenario(const cx_result *r)
{
    return r->scenario ? r->scenario : "base";
}

const char *report_unit(const cx_unit unit, const char *unit_text)
{
    switch (unit) {
    case CX_U_MONEY: return "money";
    case CX_U_RATIO: return "%";
    case CX_U_MULTIPLE: return "x";
    default: return unit_text ? unit_text : "";
    }
}

int report_color(FILE *out)
{
    const char *term = getenv("TERM");
    return isatty(fileno(out)) && !getenv("NO_COLOR") && !(term && !strcmp(term, "dumb"));
}

const char *report_scale_word(cx_scale s)
{
    switch (s) {
    case CX_SCALE_K: return "thousands";
    case CX_SCALE_M: return "millions";
    case CX_SCALE_B: return "billions";
    case CX_SCALE_T: return "trillions";
    default: return "units";
    }
}

const char *report_label(const cx_series *s)
{
    return s->label ? s->label : s->name;
}

const char *report_source(const cx_series *s, const cx_value *v)
{
    return v && v->source ? v->source : s->source;
}

int report_parse_format(const char *s, report_format *f)
{
    if (!strcmp(s, "table")) *f = REPORT_TABLE;
    else if (!strcmp(s, "csv")) *f = REPORT_CSV;
    else if (!strcmp(s, "json")) *f = REPORT_JSON;
    else return diag_error("unknown format '%s' (expected table, csv or json)", s);
    return 0;
}

int report_write(FILE *out, report_format f, int quiet, const cx_result *r,
                 const run_extras *x, const char *workbook)
{
    switch (f) {
    case REPORT_CSV: return write_csv(out, r, x, workbook);
    case REPORT_JSON: return write_json(out, r, x, workbook);
    default: return quiet ? 0 : write_table(out, r, x, workbook);
    }
}
