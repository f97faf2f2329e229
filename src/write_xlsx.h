/*
 * write_xlsx.h - the workbook (libxlsxwriter): Summary, Inputs, Projection,
 * Burn, Commitments, Checks. Formulas reproduce the engine's figures and
 * carry them as cached values. See docs/workbook.md.
 */
#ifndef CAPEX_WRITE_XLSX_H
#define CAPEX_WRITE_XLSX_H

#include "extras.h"
#include "result.h"

/**
 * Write the workbook for a computed result to path, atomically: it is
 * written to a temporary file in the same folder and renamed over path
 * only when complete; on failure nothing is left behind and an existing
 * file at path is untouched. Returns 0, or prints a message through diag
 * and returns EX_CANTCREAT (73) when the folder is not writable or does not
 * exist, EX_IOERR (74) when writing fails.
 */
int write_xlsx(const cx_result *r, const char *path);

/** write_xlsx with the extra sheets of x (Scenarios, Sensitivity,
 *  MonteCarlo); x may be NULL. */
int write_xlsx_with(const cx_result *r, const run_extras *x, const char *path);

#endif
