/*
 * read_override.h - driver overrides written outside a model file (the
 * cells of a `capex batch` manifest) into a new scenario of a model that
 * has been read.
 */
#ifndef CAPEX_READ_OVERRIDE_H
#define CAPEX_READ_OVERRIDE_H

#include <stddef.h>

#include "model.h"

/** Series `series` gets the driver written in text, a YAML flow mapping
 *  like "{rate: 30%}", on top of the run's scenario. file:line:col is
 *  where text was written, for messages. */
typedef struct run_override {
    const char *series;
    const char *text;
    const char *file;
    int line, col;
} run_override;

/**
 * Add to m a scenario holding the overrides of `from` (NULL or "base":
 * none) and then ov[0..n). Its name is `name` (made unique with a suffix
 * when m already has that scenario), stored in *scenario (owned by m).
 * Returns 0, or a sysexits code after "FILE:LINE:COL: message" (EX_USAGE
 * when `from` is not a scenario of m, EX_DATAERR for a bad override).
 */
int read_override(cx_model *m, const char *from, const run_override *ov,
                  size_t n, const char *name, const char **scenario);

#endif
