/*
 * xlsx_chart_cache.c - libxlsxwriter's chart caches filled on the zip's
 * worker (xlsx_chart_cache.h).
 */
#define _GNU_SOURCE
#include "xlsx_chart_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <xlsxwriter.h>
#include <xlsxwriter/packager.h>

#include "xlsx_next.h"
#include "xlsx_zip_worker.h"

#if defined(LXW_VERSION_ID) && LXW_VERSION_ID == 114

void _add_chart_cache_data(lxw_workbook *self);
lxw_error _write_chart_files(lxw_packager *self);

typedef void (*_cache_fn)(lxw_workbook *);
typedef lxw_error (*_charts_fn)(lxw_packager *);

typedef struct {
    xzw_job job;
    _cache_fn fn;
    lxw_workbook *wb;
} _cache_job;

static int _on;
static unsigned _queued;

static struct {
    pthread_mutex_t lock;
    pthread_cond_t ran;
    int pending;          /* a queued step has not run yet */
} _c = {.lock = PTHREAD_MUTEX_INITIALIZER, .ran = PTHREAD_COND_INITIALIZER};

int xlsx_chart_cache_async(int on)
{
    _on = on != 0;
    return 1;
}

unsigned xlsx_chart_cache_queued(void)
{
    return _queued;
}

static void _run(xzw_job *j)
{
    _cache_job *c = (_cache_job *)j;
    c->fn(c->wb);
    free(c);
    pthread_mutex_lock(&_c.lock);
    _c.pending = 0;
    pthread_cond_broadcast(&_c.ran);
    pthread_mutex_unlock(&_c.lock);
}

void _add_chart_cache_data(lxw_workbook *self)
{
    static void *lib;
    _cache_fn real;
    *(void **)&real = xlsx_next("_add_chart_cache_data", &lib);
    if (!real)
        return;
    _cache_job *c;
    if (!_on || !xzw_running() || !(c = malloc(sizeof *c))) {
        real(self);
        return;
    }
    *c = (_cache_job){.job = {.run = _run}, .fn = real, .wb = self};
    pthread_mutex_lock(&_c.lock);
    _c.pending = 1;
    pthread_mutex_unlock(&_c.lock);
    _queued++;
    xzw_push(&c->job);
}

/* The charts' parts, once their caches are filled. */
lxw_error _write_chart_files(lxw_packager *self)
{
    static void *lib;
    _charts_fn real;
    *(void **)&real = xlsx_next("_write_chart_files", &lib);
    if (!real)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    pthread_mutex_lock(&_c.lock);
    while (_c.pending)
        pthread_cond_wait(&_c.ran, &_c.lock);
    pthread_mutex_unlock(&_c.lock);
    return real(self);
}

#else

int xlsx_chart_cache_async(int on)
{
    (void)on;
    return 0;
}

unsigned xlsx_chart_cache_queued(void)
{
    return 0;
}

#endif
