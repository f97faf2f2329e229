/*
 * batch_plan.h - the runs of a `capex batch`: from model files and folders,
 * or from a manifest CSV (docs/batch.md), each with its output NAME, its
 * position in the whole batch and the key that says whether its outputs
 * are up to date.
 */
#ifndef CAPEX_BATCH_PLAN_H
#define CAPEX_BATCH_PLAN_H

#include <stddef.h>

#include "read_override.h"

typedef struct batch_run {
    size_t run;               /**< 1-based position in the whole batch */
    char *model;              /**< model file path */
    char *scenario;           /**< NULL = base, a name, or "all" */
    char *name;               /**< output NAME: OUTDIR/NAME.xlsx */
    run_override *overrides;  /**< manifest cells (texts owned) */
    size_t noverrides;
    char *row;                /**< the manifest row's text ("" otherwise) */
    int line;                 /**< manifest line, 0 without a manifest */
} batch_run;

typedef struct batch_plan {
    batch_run *runs;
    size_t n, cap;
    char *manifest;           /**< path of the manifest, NULL without */
    char **series;            /**< manifest: override column names */
    size_t nseries;
    char id[17];              /**< the batch's identity (batch_plan_identify) */
} batch_plan;

/** Runs for model files and folders (*.yaml, *.yml in a folder, sorted),
 *  each under scenario (NULL = base). Returns 0 or a sysexits code after
 *  the message (EX_NOINPUT for a missing operand, EX_USAGE for a file
 *  whose name cannot name a workbook). */
int batch_plan_operands(batch_plan *p, char *const *operands, size_t n,
                        const char *scenario);

/** Runs from a manifest CSV. Returns 0 or a sysexits code after
 *  "MANIFEST:LINE:COL: message" (EX_DATAERR), EX_NOINPUT when missing. */
int batch_plan_manifest(batch_plan *p, const char *path);

/** Every NAME once: else "capex: ..." naming both runs, EX_USAGE. */
int batch_plan_check_names(const batch_plan *p);

/** Nonzero when NAME can name an output: letters, digits, '-', '_', '.',
 *  starting with a letter or digit, not "index", at most 100 bytes. */
int batch_name_ok(const char *name);

/** The key of a run's outputs: its model file's size and modification
 *  time, scenario and manifest row, as 16 hex digits into buf[17]; a
 *  model that cannot be read gives "-". */
void batch_run_key(const batch_run *r, char buf[17]);

/** Set p->id: 16 hex digits digesting every run (name, model, scenario,
 *  manifest row) in order, so that the records of one batch can be told
 *  from those of another batch into the same folder. */
void batch_plan_identify(batch_plan *p);

void batch_plan_release(batch_plan *p);

#endif
