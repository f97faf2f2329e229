/*
 * mc_par.c - the Monte Carlo's independent rows on threads (mc_priv.h):
 * row i on thread i mod t, each writing only its own results, so the
 * outcome is the same for any thread count.
 */
#include <pthread.h>
#include "mc_priv.h"

#define PAR_MAX 64

typedef struct _part {
    size_t n, first, step;
    void (*fn)(void *ctx, size_t i);
    void *ctx;
} _part;

static void *_run(void *arg)
{
    const _part *p = arg;
    for (size_t i = p->first; i < p->n; i += p->step)
        p->fn(p->ctx, i);
    return NULL;
}

void cxi_mc_par(size_t n, int threads, void (*fn)(void *ctx, size_t i), void *ctx)
{
    size_t nt = threads < 1 ? 1 : (size_t)threads;
    nt = nt > n ? (n ? n : 1) : nt;
    nt = nt > PAR_MAX ? PAR_MAX : nt;
    _part part[PAR_MAX];
    pthread_t tid[PAR_MAX];
    int started[PAR_MAX] = {0};
    for (size_t t = 0; t < nt; t++) {
        part[t] = (_part){.n = n, .first = t, .step = nt, .fn = fn, .ctx = ctx};
        if (t > 0)
            started[t] = pthread_create(&tid[t], NULL, _run, &part[t]) == 0;
    }
    _run(&part[0]);
    for (size_t t = 1; t < nt; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            _run(&part[t]);       /* no thread: its rows here */
    }
}
