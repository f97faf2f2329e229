/*
 * report_table_priv.h - what report_table.c shares with
 * report_table_annual.c (a monthly or quarterly model's table by fiscal
 * year): the label column, colours and cells, laid out as report_table
 * set them up for the table being written.
 */
#ifndef CAPEX_REPORT_TABLE_PRIV_H
#define CAPEX_REPORT_TABLE_PRIV_H

#include <stddef.h>
#include <stdio.h>

#include "result.h"

#define REPORT_TABLE_CELL_W 10 /* a year's column: at least this, and its widest cell */
#define RED "\033[31m"

/** text in colour (when colours are on), after padding to width columns
 *  (width < 0: left-aligned). */
void report_table_paint(FILE *f, const char *color, int width, const char *text);

/** The label column: text padded (or cut, with an ellipsis) to its width. */
void report_table_label(FILE *f, const char *text);

/** A value in the series' unit ("12.5", "40.0%", "2.50x"), no mark. */
void report_table_figure(char *buf, size_t size, const cx_series *s, double v);

/** A burn figure under the year columns ("" when NAN), with a blank in
 *  the series' mark column. */
void report_table_burn_cell(char *buf, size_t size, double v);

/** w, or the length of cell when it is longer. */
int report_table_wider(int w, const char *cell);

/** The widest cell of the table by fiscal year (at least
 *  REPORT_TABLE_CELL_W). */
int report_table_annual_width(const cx_result *r);

/** The series, the burn's net cash flow, cumulative and cash by fiscal
 *  year (r->annual), with the legend; columns cell_w wide. */
void report_table_annual(FILE *f, const cx_result *r, int cell_w);

/** The commitments by fiscal year, under their header. */
void report_table_annual_commitments(FILE *f, const cx_result *r, int cell_w);

#endif
