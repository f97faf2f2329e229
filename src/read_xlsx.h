/*
 * read_xlsx.h - a worksheet of an .xlsx workbook as a table (table.h),
 * read with libminizip's unzip side and expat, rows streamed in constant
 * memory (docs/format.md, "Imports").
 */
#ifndef CAPEX_READ_XLSX_H
#define CAPEX_READ_XLSX_H

#include "table.h"

/** Inflated size of one part of a workbook, at most (zip bombs). */
#define XLSX_MAX_PART ((unsigned long long)512 << 20)

/**
 * Hand the rows of the sheet o->sheet (the first when NULL), within
 * o->range (the used range when NULL), to fn: numbers, shared and inline
 * strings, booleans, dates (1900 and 1904 systems) and formulas' cached
 * values. Refused with their own message: .xls and .xlsb files,
 * password-protected workbooks, a missing sheet (the sheets are listed),
 * a range outside the sheet, malformed XML, a shared string that does not
 * exist, a part that inflates beyond XLSX_MAX_PART, more than
 * TBL_MAX_ROWS rows, a formula without a cached value. Returns 0, or a
 * sysexits code after the message.
 */
int read_xlsx(const char *path, const tbl_options *o, tbl_row_fn fn, void *ctx);

#endif
