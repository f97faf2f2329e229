/*
 * read_model.h - model files (YAML, docs/format.md) into a cx_model.
 */
#ifndef CAPEX_READ_MODEL_H
#define CAPEX_READ_MODEL_H

#include "model.h"

/**
 * Read and validate the model file at path (and the CSV files it imports).
 * On success returns 0 and *out is a new model (cx_model_free it). On
 * failure prints "FILE:LINE:COL: message" through diag and returns a
 * sysexits code: EX_NOINPUT (66) when the file cannot be opened,
 * EX_IOERR (74) on a read error, EX_DATAERR (65) for anything invalid,
 * EX_OSERR on out of memory. *out is NULL then.
 */
int read_model(const char *path, cx_model **out);

#endif
