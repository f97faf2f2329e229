/*
 * xlsx.h - the workbooks (libxlsxwriter): a model's (Summary, Inputs,
 * Projection, Burn, Commitments, Checks and the extras) and a batch's index.
 * Formulas reproduce the engine's figures and carry them as cached values.
 * See docs/workbook.md. Only the xlsx_*.c files include xlsxwriter.h.
 */
#ifndef CAPEX_XLSX_H
#define CAPEX_XLSX_H

#include <stddef.h>
#include "extras.h"
#include "result.h"

struct batch_record;

/**
 * Write the workbook for a computed result to path, atomically: it is
 * written to a temporary file in the same folder and renamed over path
 * only when complete; on failure nothing is left behind and an existing
 * file at path is untouched. Returns 0, or prints a message through diag
 * and returns EX_CANTCREAT (73) when the folder is not writable or does not
 * exist, EX_IOERR (74) when writing fails.
 */
int xlsx_write(const cx_result *r, const char *path);

/** xlsx_write with the extra sheets of x (Scenarios, Sensitivity,
 *  MonteCarlo); x may be NULL. */
int xlsx_write_with(const cx_result *r, const run_extras *x, const char *path);

/** From now on in this process (1), xlsx_write leaves a file at path that
 *  already holds the very bytes of the new workbook as it is: no new file,
 *  its time unchanged (capex batch, where resume goes by content). 0 (the
 *  default): always written, so that a build tool sees a new time. */
void xlsx_write_if_changed(int on);

/** index.xlsx of a batch at path (atomically, as xlsx_write): a row per
 *  record. Returns 0, EX_CANTCREAT or EX_IOERR (with a message). */
int xlsx_index_write(const char *path, const struct batch_record *recs, size_t n);

#endif
