/*
 * report.h - what `capex run` prints on stdout, in three formats. They lay
 * out the engine's result; they compute nothing.
 *
 *  - table: a summary for people (aligned columns, units, checks);
 *  - csv:   every figure as one row (tidy/long layout), for pipelines;
 *  - json:  every figure, nested by series, for programs.
 *
 * Each returns 0, or EX_IOERR when writing to out fails. workbook is the
 * path of the workbook written, or NULL.
 */
#ifndef CAPEX_REPORT_H
#define CAPEX_REPORT_H

#include <stdio.h>
#include "extras.h"
#include "json_out.h"
#include "result.h"

/** What `--format` asks for on stdout. */
typedef enum report_format { REPORT_TABLE, REPORT_CSV, REPORT_JSON } report_format;

/** "table", "csv" or "json"; prints a message and returns -1 otherwise. */
int report_parse_format(const char *s, report_format *f);

/** How the report is laid out (report_write's flags). */
enum report_flags {
    REPORT_QUIET = 1,   /**< no table (csv and json are what was asked for) */
    REPORT_PERIODS = 2, /**< table: a monthly or quarterly model by period,
                             not by fiscal year (`--periods`) */
};

/** The report in format f, laid out as flags (enum report_flags) say.
 *  Returns 0 or EX_IOERR. */
int report_write(FILE *out, report_format f, unsigned flags, const cx_result *r,
                 const run_extras *x, const char *workbook);

/* x: the run's extras (scenarios, sensitivity, Monte Carlo), may be NULL.
 * by_period: a monthly or quarterly model's series by period, else by
 * fiscal year (an annual model's periods are its years either way). */
int report_table(FILE *out, const cx_result *r, const run_extras *x, const char *workbook,
                 int by_period);
int report_csv(FILE *out, const cx_result *r, const run_extras *x, const char *workbook);
int report_json(FILE *out, const cx_result *r, const run_extras *x, const char *workbook);

/* Each extra's part of the three reports, in its own file
 * (report_scenarios.c, report_sensitivity.c, report_mc.c). CSV rows use
 * the columns of report_csv.c: model,scenario,record,series,year,from,value,kind,text. */
void table_scenarios(FILE *out, const cx_result *r, const struct cx_scenario_set *s);
void csv_scenarios(FILE *out, const cx_result *r, const struct cx_scenario_set *s);
void json_scenarios(json_out *j, const cx_result *r, const struct cx_scenario_set *s);
void table_sensitivity(FILE *out, const cx_result *r, const struct cx_sensitivity *s);
void csv_sensitivity(FILE *out, const cx_result *r, const struct cx_sensitivity *s);
void json_sensitivity(json_out *j, const cx_result *r, const struct cx_sensitivity *s);
void table_mc(FILE *out, const cx_result *r, const struct cx_mc_result *mc);
void csv_mc(FILE *out, const cx_result *r, const struct cx_mc_result *mc);
void json_mc(json_out *j, const cx_result *r, const struct cx_mc_result *mc);

/** The sections of one text format (table or CSV) after its series, in
 *  the order report_sections writes them: the extras for each one x holds
 *  (x may be NULL). */
typedef void report_section(FILE *, const cx_result *);
typedef struct report_parts {
    report_section *burn, *commitments, *discount, *goals, *checks;
    void (*scenarios)(FILE *, const cx_result *, const struct cx_scenario_set *);
    void (*sensitivity)(FILE *, const cx_result *, const struct cx_sensitivity *);
    void (*mc)(FILE *, const cx_result *, const struct cx_mc_result *);
} report_parts;
void report_sections(FILE *out, const cx_result *r, const run_extras *x,
                     const report_parts *parts);

#endif
