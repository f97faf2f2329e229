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
#include "result.h"

int write_table(FILE *out, const cx_result *r, const char *workbook);
int write_csv(FILE *out, const cx_result *r, const char *workbook);
int write_json(FILE *out, const cx_result *r, const char *workbook);

#endif
