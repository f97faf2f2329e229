/*
 * batch_progress.h - how far a batch is, on stderr: a bar redrawn in place
 * on a terminal (done/total, rate, ETA), a plain line every few seconds
 * otherwise, nothing when quiet.
 */
#ifndef CAPEX_BATCH_PROGRESS_H
#define CAPEX_BATCH_PROGRESS_H

#include <stddef.h>

typedef struct batch_progress {
    int mode;               /**< 0 none, 1 terminal bar, 2 plain lines */
    double start, last;     /**< seconds (batch_progress_now) */
    int drawn;              /**< a bar is on the screen */
} batch_progress;

void batch_progress_init(batch_progress *p, int quiet);

/** Draw when due (final: the last time, then leave the line clean). */
void batch_progress_update(batch_progress *p, size_t done, size_t total, int final);

/** Remove the bar before printing something else on stderr. */
void batch_progress_clear(batch_progress *p);

/** A monotonic clock in seconds. */
double batch_progress_now(void);

#endif
