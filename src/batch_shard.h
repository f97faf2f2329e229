/*
 * batch_shard.h - which slice of a batch this process runs: --shard K/N,
 * or a Slurm job array's task, or a Kubernetes indexed job's completion
 * index (docs/batch.md, "Past one machine").
 */
#ifndef CAPEX_BATCH_SHARD_H
#define CAPEX_BATCH_SHARD_H

#include <stddef.h>

typedef struct batch_shard {
    long k, n;                /**< slice k of n (1-based); n = 0: no sharding */
    const char *from;         /**< "--shard", "SLURM_ARRAY_TASK_ID", ... */
} batch_shard;

/** The slice from the option text (NULL when not given), --shards (0 when
 *  not given) and the environment. Returns 0, or EX_USAGE after a message. */
int batch_shard_get(const char *option, long shards, batch_shard *s);

/** Nonzero when run (1-based position in the batch) belongs to the slice. */
int batch_shard_has(const batch_shard *s, size_t run);

#endif
