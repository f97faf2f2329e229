/*
 * report_util.c - naming helpers (see report_util.h).
 */
#include "report_util.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

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

const char *report_net_label(const cx_model *m)
{
    return m->burn.label ? m->burn.label : "net cash flow";
}

const char *report_no_payback(const cx_burn *b)
{
    return b->peak_year ? "not within horizon" : "nothing to pay back";
}
