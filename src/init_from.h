/*
 * init_from.h - `capex init NAME --from TABLE`: a model file whose series
 * are the rows of a table (a CSV file or a worksheet), years from its
 * header, each figure's source its file and cell, drivers left as
 * commented suggestions; it runs as written.
 */
#ifndef CAPEX_INIT_FROM_H
#define CAPEX_INIT_FROM_H

#include "table.h"

/**
 * Read the table at path (wide layout: names in the first column, years
 * across the header) and write the model NAME to out atomically. Rows
 * without figures are left out (a comment says which). Returns 0, or a
 * sysexits code after the message (a figure that is not one names its
 * cell; nothing is written).
 */
int init_from(const char *name, const char *path, const tbl_options *o, const char *date,
              const char *out);

#endif
