/*
 * report_util.h - small naming helpers shared by the stdout reports.
 */
#ifndef CAPEX_REPORT_UTIL_H
#define CAPEX_REPORT_UTIL_H

#include <stdio.h>

#include "result.h"

/** "base" or the scenario's name. */
const char *report_scenario(const cx_result *r);

/** "money", "%", "x" or the series' own unit word. */
const char *report_unit(const cx_unit unit, const char *unit_text);

/** Nonzero when the table on out may use ANSI colours: out is a terminal,
 *  NO_COLOR is not set (https://no-color.org) and TERM is not "dumb". */
int report_color(FILE *out);

/** "thousands", "millions", "billions", "trillions" or "units". */
const char *report_scale_word(cx_scale s);

/** The series' label, or its name when it has none. */
const char *report_label(const cx_series *s);

/** What the burn's net is called: its `label` ("free cash flow"), else
 *  "net cash flow". */
const char *report_net_label(const cx_model *m);

/** The payback year's words when there is none: "nothing to pay back"
 *  when the cumulative never went below 0, else "not within horizon". */
const char *report_no_payback(const cx_burn *b);

/** The figure's source note, else the series'; may be NULL. */
const char *report_source(const cx_series *s, const cx_value *v);

#endif
