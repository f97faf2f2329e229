/*
 * xlsx_zip_worker.h - the one background thread of a workbook's zip
 * (xlsx_zip_async.h): a queue of jobs run in the order they were queued.
 *
 * The main thread queues; the worker runs each job's function, which owns
 * and frees the job. A job's bytes count against XLSX_ZIP_WORKER_QUEUED:
 * past it the queuing thread waits for the worker. Between jobs the
 * worker spins a moment before it sleeps (waking a sleeping thread on an
 * idle core costs more than a part's chunk takes to write). Not
 * reentrant: one workbook's zip at a time per process, from one thread.
 */
#ifndef CAPEX_XLSX_ZIP_WORKER_H
#define CAPEX_XLSX_ZIP_WORKER_H

#include <stddef.h>

#define XLSX_ZIP_WORKER_QUEUED (8u << 20)

typedef struct xzw_job xzw_job;
struct xzw_job {
    xzw_job *next;
    void (*run)(xzw_job *);   /**< on the worker; frees the job */
    size_t bytes;             /**< counted against the bound until run */
};

/** Start the worker unless it runs; 1 when it runs, 0 when it cannot be
 *  started (the caller then does the work itself). Its signals are
 *  blocked: they stay the main thread's. */
int xzw_start(void);

/** 1 while the worker runs (from xzw_start to xzw_finish). */
int xzw_running(void);

/** Queue j (the worker must run). */
void xzw_push(xzw_job *j);

/** Wait for every queued job and end the worker; the first failure
 *  xzw_fail recorded since xzw_start (errno set to its errno), or 0.
 *  Nothing when the worker does not run. */
int xzw_finish(void);

/** Wait for every job queued so far, the worker going on; the first
 *  failure recorded since xzw_start (errno set to its errno), or 0. */
int xzw_drain(void);

/** From a job: record a failure (the first is kept). */
void xzw_fail(int status, int err);

#endif
