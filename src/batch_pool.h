/*
 * batch_pool.h - run jobs in worker processes, at most `jobs` at a time.
 *
 * Each job runs in a child process of its own (fork), so a job that fails
 * or crashes cannot take the others with it; what it prints on stderr is
 * collected and handed to `done` with its exit status. SIGINT, SIGTERM or
 * SIGHUP stops the running children with the same signal (each removes its
 * own temporary file); their jobs are handed to `done` with 128 + signal,
 * no other job is started, and batch_pool_run returns: batch_pool_signal()
 * says which signal stopped it.
 */
#ifndef CAPEX_BATCH_POOL_H
#define CAPEX_BATCH_POOL_H

#include <stddef.h>

typedef struct batch_pool_ops {
    /** In the child: do job i and return its exit status. */
    int (*job)(void *ctx, size_t i);
    /** In the parent, in completion order: job i ended with status
     *  (an exit status, or 128 + signal), having printed err[0..len). */
    void (*done)(void *ctx, size_t i, int status, const char *err, size_t len);
    /** In the child, after job i: what it printed on stderr, err[0..len),
     *  and its status, before the parent hears of it (NULL = nothing). */
    void (*printed)(void *ctx, size_t i, int status, const char *err, size_t len);
    /** In the child, after its jobs: free what it inherited (NULL = nothing). */
    void (*release)(void *ctx);
    /** In the parent, now and then (NULL = none): done of total. */
    void (*progress)(void *ctx, size_t done, size_t total, int final);
    void *ctx;
} batch_pool_ops;

/** Run jobs 0..n-1 with at most `jobs` children. Returns 0, or a sysexits
 *  code when the pool itself failed (fork, pipe). */
int batch_pool_run(size_t n, int jobs, const batch_pool_ops *ops);

/** The signal that stopped the last batch_pool_run, 0 when none. */
int batch_pool_signal(void);

/** From now on, note SIGINT, SIGTERM and SIGHUP (batch_pool_signal) instead
 *  of ending: a batch calls it before its first change to the output
 *  folder, so that a signal at any point leaves it an index to write;
 *  batch_pool_run started after a signal starts nothing. Calls nest;
 *  batch_pool_uncatch restores the handlers before the first. */
void batch_pool_catch(void);
void batch_pool_uncatch(void);

/** The CPUs this process may run on (sched_getaffinity), at least 1. */
int batch_pool_cpus(void);

#endif
