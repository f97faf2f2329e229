/*
 * batch_lock.h - one batch at a time per output folder: an advisory lock
 * (flock) on OUTDIR/.capex/lock, which holds the holder's PID and start
 * time for the message of a batch refused. The kernel drops the lock when
 * its holder ends, however it ends, so a lock left by a killed batch is
 * simply taken over. The slices of one sharded batch (--shard K/N) share
 * the folder: each holds the folder lock shared (no unsharded batch can
 * start meanwhile) and its slice's lock (lock-K-of-N) exclusively.
 */
#ifndef CAPEX_BATCH_LOCK_H
#define CAPEX_BATCH_LOCK_H

typedef struct batch_lock {
    int fd;          /**< OUTDIR/.capex/lock, -1 when not held */
    int slice_fd;    /**< OUTDIR/.capex/lock-K-of-N, -1 when none */
} batch_lock;

/** Take the lock of outdir (whose .capex/ exists): exclusively when
 *  shards is 0, else shared plus slice k of shards exclusively. When
 *  another batch holds it: with wait, wait for it; else print "capex:
 *  batch: 'OUTDIR' is in use by another batch (pid P, started T) ..."
 *  and return EX_TEMPFAIL (75). Returns 0 or a sysexits code. */
int batch_lock_take(batch_lock *l, const char *outdir, long k, long shards, int wait);

/** Let the lock go (closing its files; safe when not held). */
void batch_lock_release(batch_lock *l);

#endif
