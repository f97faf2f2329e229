/*
 * read_csv.h - series from a CSV file (docs/format.md, "CSV series").
 *
 * Wide layout: a header row `series,2023,2024,...` (then optionally
 * `source`, `label`, `unit` columns, in any order after `series`), then one
 * series per row with its figures written as in YAML; empty cells are
 * missing years. Errors read "FILE:ROW:COL: message" where COL is the
 * field number (1-based) and ROW the line the field starts on.
 */
#ifndef CAPEX_READ_CSV_H
#define CAPEX_READ_CSV_H

#include "model.h"

/**
 * Add the series of the CSV file at path (as it is opened and named in
 * messages) to m, an input series per row. line/col: where the model file
 * imports it; the new series and their figures carry that position, since
 * positions in a cx_model refer to m->file. A series already in m is an
 * error. A file that cannot be read (missing, a folder or a device, too
 * large) is reported at line/col of m->file: "MODEL:LINE:COL: cannot
 * import 'x': reason". A row's unit is its `unit` cell when the header
 * has that column, otherwise `%` when all of its figures are written with
 * `%`, else money.
 * Returns 0, or after printing the message a sysexits code (EX_NOINPUT,
 * EX_IOERR, EX_DATAERR, EX_OSERR).
 */
int read_csv(cx_model *m, const char *path, int line, int col);

#endif
