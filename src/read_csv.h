/*
 * read_csv.h - a CSV file as a table (table.h): RFC 4180 through libcsv,
 * UTF-8 with an optional byte-order mark, the separator ',', ';' or tab
 * (given, or the one the header row uses most), every field a TBL_TEXT
 * cell positioned at its line and field number. Blank rows (empty fields
 * only) are skipped.
 */
#ifndef CAPEX_READ_CSV_H
#define CAPEX_READ_CSV_H

#include "table.h"

/**
 * Read the CSV file at path and hand its rows to fn. A file that cannot
 * be read is reported at o->at_file:at_line:at_col ("cannot import 'x':
 * reason") when at_file is set, else as "capex: cannot open 'x'". Returns
 * 0, or a sysexits code after the message (EX_NOINPUT, EX_IOERR,
 * EX_DATAERR for text that is not UTF-8, bad quoting or a file over the
 * size limit, EX_OSERR, or fn's).
 */
int read_csv_rows(const char *path, const tbl_options *o, tbl_row_fn fn, void *ctx);

#endif
