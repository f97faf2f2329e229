/*
 * xlsx_chart_async.c - charts' XML written ahead on the zip's worker
 * (xlsx_chart_async.h).
 */
#define _GNU_SOURCE
#include "xlsx_chart_async.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>
#include <xlsxwriter/packager.h>

#include "xlsx_zip_worker.h"

/* One chart's XML, written ahead. */
typedef struct _ahead {
    xzw_job job;
    struct _ahead *next;          /* the workbook's list, main thread */
    lxw_chart *chart;             /* the packager's */
    lxw_chart copy;               /* taken on the main thread: the job
                                     never reads the packager's struct,
                                     whose file the packager sets meanwhile */
    char *xml;                    /* set by the job */
    size_t len;
    int done, failed;             /* under _lock */
} _ahead;

static int _on;
static unsigned _ahead_count;     /* charts written ahead (for tests) */
static _ahead *_list;             /* this package's charts, main thread */
static pthread_mutex_t _lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t _ran = PTHREAD_COND_INITIALIZER;

typedef void (*_assemble_fn)(lxw_chart *);
typedef lxw_error (*_package_fn)(lxw_packager *);

static _assemble_fn _real_assemble;
static pthread_once_t _once = PTHREAD_ONCE_INIT;

static void _lookup(void)
{
    *(void **)&_real_assemble = dlsym(RTLD_NEXT, "lxw_chart_assemble_xml_file");
}

void xlsx_chart_async(int on)
{
    _on = on != 0;
}

unsigned xlsx_chart_async_count(void)
{
    return _ahead_count;
}

/* On the worker: the chart written through its copy to memory. */
static void _write_ahead(xzw_job *j)
{
    _ahead *a = (_ahead *)j;
    char *xml = NULL;
    size_t len = 0;
    a->copy.file = open_memstream(&xml, &len);
    int failed = !a->copy.file;
    if (!failed) {
        _real_assemble(&a->copy);
        failed = fclose(a->copy.file) != 0;
    }
    if (failed) {
        free(xml);
        xml = NULL;
    }
    pthread_mutex_lock(&_lock);
    a->xml = xml;
    a->len = len;
    a->failed = failed;
    a->done = 1;
    pthread_cond_broadcast(&_ran);
    pthread_mutex_unlock(&_lock);
}

static void _free_list(void)
{
    while (_list) {
        _ahead *next = _list->next;
        free(_list->xml);
        free(_list);
        _list = next;
    }
}

/* Queue a job for each chart of wb, in the packager's order; nothing when
 * one cannot be allocated (the charts left to the library). */
static void _queue(lxw_workbook *wb)
{
    _ahead *head = NULL, **tail = &head;
    lxw_chart *chart;
    STAILQ_FOREACH(chart, wb->ordered_charts, ordered_list_pointers) {
        _ahead *a = calloc(1, sizeof *a);
        if (!a) {
            _list = head;
            _free_list();
            return;
        }
        a->chart = chart;
        a->copy = *chart;
        a->job.run = _write_ahead;
        *tail = a;
        tail = &a->next;
    }
    _list = head;
    for (_ahead *a = _list; a; a = a->next)
        xzw_push(&a->job);
}

lxw_error lxw_create_package(lxw_packager *self)
{
    static _package_fn real;
    if (!real && !(*(void **)&real = dlsym(RTLD_NEXT, "lxw_create_package")))
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    pthread_once(&_once, _lookup);
    if (_on && _real_assemble && xzw_running() && self && self->workbook &&
        self->workbook->ordered_charts)
        _queue(self->workbook);
    lxw_error e = real(self);
    if (_list) {
        int err = errno;
        (void)xzw_drain();         /* every job has run (zipClose drained, unless it failed before) */
        _free_list();
        errno = err;
    }
    return e;
}

void lxw_chart_assemble_xml_file(lxw_chart *chart)
{
    pthread_once(&_once, _lookup);
    _ahead *a = _list;
    while (a && a->chart != chart)
        a = a->next;
    if (a) {
        pthread_mutex_lock(&_lock);
        while (!a->done)
            pthread_cond_wait(&_ran, &_lock);
        pthread_mutex_unlock(&_lock);
        if (!a->failed) {
            fwrite_unlocked(a->xml, 1, a->len, chart->file);
            _ahead_count++;
            return;
        }
    }
    if (_real_assemble)
        _real_assemble(chart);
}
