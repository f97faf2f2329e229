/*
 * batch_outputs.h - the files a batch keeps in its output folder besides
 * the records and the index: the folder itself (made with its parents),
 * each run's workbook and log (OUTDIR/.capex/NAME.log: what the run
 * printed on stderr, library lines included), and the removal of
 * workbooks that no run of the batch makes any more (--prune).
 */
#ifndef CAPEX_BATCH_OUTPUTS_H
#define CAPEX_BATCH_OUTPUTS_H

#include <stddef.h>

#include "batch_plan.h"

/** outdir and outdir/.capex, with every missing parent (mkdir -p).
 *  Returns 0 or EX_CANTCREAT after the message. */
int batch_outputs_dirs(const char *outdir);

/** "OUTDIR/NAME.EXT" (ext ".xlsx", ".pdf") or "OUTDIR/.capex/NAME.EXT"
 *  (meta). Caller frees; NULL when out of memory. */
char *batch_outputs_path(const char *outdir, const char *name, const char *ext, int meta);

/** Write OUTDIR/.capex/NAME.log with text[0..len), or remove it when len
 *  is 0. Failures are ignored: the log is a convenience. */
void batch_outputs_log(const char *outdir, const char *name, const char *text, size_t len);

/** Remove the workbook (and PDF) of NAME: a run that failed leaves no
 *  workbook of an earlier run behind. */
void batch_outputs_remove(const char *outdir, const char *name);

/** --prune: remove the workbooks in outdir (NAME.xlsx, NAME.pdf), their
 *  records and logs, whose NAME no run of p has; index.xlsx stays.
 *  Returns how many workbooks were removed. */
size_t batch_outputs_prune(const char *outdir, const batch_plan *p);

#endif
