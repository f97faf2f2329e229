/*
 * batch_key.h - the key that says whether a run's outputs are up to date
 * (docs/batch.md, "Resume"): a SHA-256 (Nettle) of everything the run's
 * workbook is made from - the tool's version, the model's normalised path,
 * the run's scenario and manifest row (its driver overrides), the model
 * file's bytes and the bytes of every CSV file it imports. Times are not
 * part of it: an edit whose modification time was restored (cp -p,
 * rsync -t, tar) still changes the key.
 */
#ifndef CAPEX_BATCH_KEY_H
#define CAPEX_BATCH_KEY_H

#include "batch_plan.h"

#define BATCH_KEY_SIZE 65     /**< 64 hex digits and the NUL */

/** The key of run r into key. A model that cannot be read gives "-" (a
 *  run that is never up to date); an import that cannot be read is
 *  hashed as missing. Prints nothing. */
void batch_key(const batch_run *r, char key[BATCH_KEY_SIZE]);

/** Nonzero when the file at path opens as a zip archive: it ends with an
 *  end-of-central-directory record whose central directory lies within
 *  the file and starts with a central file header (a workbook cut short
 *  or overwritten fails). */
int batch_zip_ok(const char *path);

#endif
