/*
 * batch_meta.h - what index.json says about the batch as a whole
 * (docs/batch.md, "Outputs"): its identity, the tool's version, when it
 * started and ended, its options, and whether it is complete. Each slice
 * of a batch (the whole batch when unsharded) leaves its start and options
 * in OUTDIR/.capex/slice-K-of-N, so that `capex index` can say them too.
 */
#ifndef CAPEX_BATCH_META_H
#define CAPEX_BATCH_META_H

#include <stddef.h>
#include <time.h>

typedef struct batch_meta {
    char id[17];             /**< the batch's identity (plan id) */
    time_t started, ended;   /**< 0 when unknown */
    char *options;           /**< the command's arguments, '\x1f' between
                                  them; owned, NULL when unknown */
    size_t planned;          /**< runs in the whole batch */
    int signal;              /**< the signal that interrupted it, or 0 */
} batch_meta;

/** Write OUTDIR/.capex/slice-K-of-N (K = N = 1 when unsharded) for a
 *  slice of batch id that started at started with arguments argv[0..argc).
 *  Returns 0 or a sysexits code after the message. */
int batch_meta_save(const char *outdir, const char *id, long k, long n, time_t started,
                    int argc, char *const *argv);

/** Fill m (its id and planned set) from the slice files of batch m->id:
 *  the earliest start, the options of the lowest slice. Missing files
 *  leave them unknown. */
int batch_meta_load(batch_meta *m, const char *outdir);

void batch_meta_release(batch_meta *m);

#endif
