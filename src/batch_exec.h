/*
 * batch_exec.h - the runs of one `capex batch` invocation: which are up to
 * date (batch_key), the others done in worker processes (batch_pool), each
 * leaving its workbook, record and log; what they did, counted.
 */
#ifndef CAPEX_BATCH_EXEC_H
#define CAPEX_BATCH_EXEC_H

#include <stddef.h>

#include "batch_key.h"
#include "batch_plan.h"
#include "batch_record.h"
#include "batch_progress.h"
#include "batch_shard.h"

typedef struct batch_exec_options {
    const char *outdir;
    int force, pdf, keep_failed, only_failed;
} batch_exec_options;

typedef struct batch_exec {
    const batch_exec_options *o;
    batch_plan plan;
    batch_shard shard;
    size_t *todo;            /**< plan indices to run */
    size_t ntodo;
    char (*keys)[BATCH_KEY_SIZE];   /**< [plan.n] */
    size_t ok, failed, skipped, mine, stopped;
    int status;              /**< exit status of the first failed run */
    size_t first_failed;     /**< its plan index, SIZE_MAX when none */
    int any_invalid;         /**< a run exited 65 */
    int signal;              /**< the signal that stopped the batch, 0 */
    batch_progress progress;
} batch_exec;

/** Decide what to run of b->plan's slice b->shard: runs up to date are
 *  counted as skipped, the records of the others removed (so that an
 *  index written before they finish cannot list them as they were).
 *  Returns 0 or a sysexits code. */
int batch_exec_select(batch_exec *b);

/** Run b->todo on jobs workers (progress unless quiet). Returns 0, or a
 *  sysexits code when the pool itself failed; b counts what happened. */
int batch_exec_run(batch_exec *b, int jobs, int quiet);

/** The records of b's slice that exist, in order, in a new array. */
int batch_exec_records(const batch_exec *b, batch_record **recs, size_t *n);

void batch_exec_release(batch_exec *b);

#endif
