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
    char *model;              /**< model file path, as given */
    char *path;               /**< the same, absolute and normalised
                                   (batch_path_normal): its identity */
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

#define BATCH_MAX_NAME 200    /**< bytes of an output NAME */

/** Runs for model files and folders (*.yaml, *.yml in a folder, sorted;
 *  with recursive, in its subfolders too, named by the path below the
 *  folder: company/scenario.yaml is company-scenario), each under
 *  scenario (NULL = base). A folder's entry that is a dangling symbolic
 *  link or cannot be read is a run (which fails, named). Returns 0 or a
 *  sysexits code after the message (EX_NOINPUT for a missing operand,
 *  EX_USAGE for a file whose name cannot name a workbook). */
int batch_plan_operands(batch_plan *p, char *const *operands, size_t n,
                        const char *scenario, int recursive);

/** Runs from a manifest CSV. Returns 0 or a sysexits code after
 *  "MANIFEST:LINE:COL: message" (EX_DATAERR), EX_NOINPUT when missing. */
int batch_plan_manifest(batch_plan *p, const char *path);

/** Every NAME once: else "capex: ..." naming both runs, EX_USAGE. */
int batch_plan_check_names(const batch_plan *p);

/** Nonzero when NAME can name an output (batch_name.c): UTF-8 letters
 *  and digits of any script, space, '-', '_', '.'; not starting with '.',
 *  no "..", not "index", at most BATCH_MAX_NAME bytes. */
int batch_name_ok(const char *name);

/** path made absolute (from the working folder) with "." and ".."
 *  parts, repeated and trailing slashes removed, without following
 *  links: ./models/a.yaml and /abs/models/a.yaml are the same. Caller
 *  frees; NULL when out of memory. */
char *batch_path_normal(const char *path);

/** Set p->id: 16 hex digits digesting every run (name, model, scenario,
 *  manifest row) in order, so that the records of one batch can be told
 *  from those of another batch into the same folder. */
void batch_plan_identify(batch_plan *p);

void batch_plan_release(batch_plan *p);

#endif
