/*
 * import.h - series from a table (a CSV file or a worksheet) into a model:
 * the `import:` entries of docs/format.md, "Imports".
 *
 * Wide layout: a header row (a name column of any name, then years, and
 * optionally `source`, `label`, `unit`), then a series per row. Long
 * layout: `series, year, value[, source, label, unit]` columns, a figure
 * per row. Figures are read as in YAML plus the import's decimal comma and
 * scale; positions in messages are the table's cells.
 */
#ifndef CAPEX_IMPORT_H
#define CAPEX_IMPORT_H

#include "model.h"
#include "table.h"

typedef enum import_layout { IMPORT_WIDE = 0, IMPORT_LONG } import_layout;

typedef struct import_spec {
    const char *path;            /**< the table, as opened and named */
    int line, col;               /**< the import entry in the model file */
    tbl_options table;           /**< sheet, range, separator, where named */
    import_layout layout;
    int bare_scale;              /**< 0, or 1 + the cx_scale of `unit:` */
    int decimal_comma;           /**< `decimal: ","` */
    const char *series_column;   /**< the name column; NULL: the first */
    cx_spread spread;            /**< `spread:`: a row's without a spread cell */
    int balance;                 /**< `kind: balance`: a row's without a kind cell */
} import_spec;

/**
 * Add the series of the table spec names to m (input series; figures
 * positioned at the import entry). A series already in m is an error.
 * With a `unit:` other than the model's, says once in a note how figures
 * were converted; without one, warns when a series' figures look 1,000
 * times off from the model's series of the same metric.
 * Returns 0, or a sysexits code after the message.
 */
int import_series(cx_model *m, const import_spec *spec);

/** A year as a header or the long layout's year cell writes it: 2025,
 *  FY2025, 2025E (A, E, F, P), or a date (its year). -1 when not one. */
int import_year_of(const tbl_cell *cell, long *year);

#endif
