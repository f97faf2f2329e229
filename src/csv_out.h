/*
 * csv_out.h - one row of `--format csv` output, written in one place.
 *
 * Columns: model,scenario,record,series,year,from,value,kind,text (see
 * report_csv.c). Text is quoted by libcsv; numbers use the shortest form that
 * reads back exactly; empty fields stay empty.
 */
#ifndef CAPEX_CSV_OUT_H
#define CAPEX_CSV_OUT_H

#include <stdio.h>
#include "result.h"

typedef struct csvout_row {
    const char *record;
    const char *series;    /**< NULL = empty */
    int year;              /**< 0 = empty */
    int from;              /**< 0 = empty */
    double value;          /**< NAN = empty */
    const char *kind;
    const char *text;
    const char *scenario;  /**< NULL: the result's own scenario */
} csvout_row;

/** The header line (with its newline): monthly and quarterly models add
 *  label, start and end; their year and from columns hold period keys. */
const char *csvout_header(const cx_model *m);

/** Write one row for result r. */
void csvout_put(FILE *f, const cx_result *r, const csvout_row *w);

#endif
