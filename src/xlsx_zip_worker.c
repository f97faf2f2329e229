/*
 * xlsx_zip_worker.c - a queue of jobs run in order on one thread
 * (xlsx_zip_worker.h).
 */
#define _GNU_SOURCE
#include "xlsx_zip_worker.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>

#define SPIN_NS 5000000L   /* how long the idle worker polls before it sleeps */

static struct {
    pthread_mutex_t lock;
    pthread_cond_t work;        /* for the worker: a job, or stop */
    pthread_cond_t room;        /* for the queuing thread: bytes run */
    pthread_t tid;
    int running;                /* main thread's view: started, not joined */
    int stop, idle;
    xzw_job *head, *tail;
    size_t queued;              /* bytes of jobs not run yet */
    atomic_uint pushes;         /* jobs queued and stops so far (the spin) */
    int status, err;            /* the first failure */
    unsigned drained;           /* barrier jobs run */
} _w = {.lock = PTHREAD_MUTEX_INITIALIZER, .work = PTHREAD_COND_INITIALIZER,
        .room = PTHREAD_COND_INITIALIZER};

void xzw_fail(int status, int err)
{
    pthread_mutex_lock(&_w.lock);
    if (!_w.status) {
        _w.status = status;
        _w.err = err;
    }
    pthread_mutex_unlock(&_w.lock);
}

static long _ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

/* Called locked with nothing queued: poll up to SPIN_NS for a push, then
 * return locked (the caller sleeps if there is still nothing). */
static void _spin(void)
{
    unsigned seen = atomic_load_explicit(&_w.pushes, memory_order_acquire);
    pthread_mutex_unlock(&_w.lock);
    long until = _ns() + SPIN_NS;
    for (unsigned i = 1;
         atomic_load_explicit(&_w.pushes, memory_order_acquire) == seen; i++) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
        if (!(i & 63) && _ns() > until)
            break;
    }
    pthread_mutex_lock(&_w.lock);
}

static void _run(xzw_job *j)
{
    while (j) {
        xzw_job *next = j->next;
        size_t bytes = j->bytes;
        j->run(j);                      /* frees j */
        if (bytes) {
            pthread_mutex_lock(&_w.lock);
            _w.queued -= bytes;
            pthread_cond_signal(&_w.room);
            pthread_mutex_unlock(&_w.lock);
        }
        j = next;
    }
}

static void *_worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&_w.lock);
    for (;;) {
        if (!_w.head && !_w.stop)
            _spin();
        while (!_w.head && !_w.stop) {
            _w.idle = 1;
            pthread_cond_wait(&_w.work, &_w.lock);
            _w.idle = 0;
        }
        if (!_w.head)
            break;
        xzw_job *list = _w.head;
        _w.head = _w.tail = NULL;
        pthread_mutex_unlock(&_w.lock);
        _run(list);
        pthread_mutex_lock(&_w.lock);
    }
    pthread_mutex_unlock(&_w.lock);
    return NULL;
}

int xzw_running(void)
{
    return _w.running;
}

/* The worker on any core but the one the caller runs on: a new thread
 * otherwise often starts on its creator's core and shares it until the
 * scheduler moves one of them, the deflate then no longer running beside
 * the part writer. Nothing when the process has one core. */
static void _elsewhere(pthread_attr_t *attr)
{
    cpu_set_t set;
    int me = sched_getcpu();
    if (me < 0 || me >= CPU_SETSIZE || sched_getaffinity(0, sizeof set, &set) ||
        !CPU_ISSET(me, &set) || CPU_COUNT(&set) < 2)
        return;
    CPU_CLR(me, &set);
    (void)pthread_attr_setaffinity_np(attr, sizeof set, &set);
}

int xzw_start(void)
{
    if (_w.running)
        return 1;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    _w.stop = _w.idle = 0;
    _w.status = _w.err = 0;
    pthread_attr_t attr;
    int have_attr = pthread_attr_init(&attr) == 0;
    if (have_attr)
        _elsewhere(&attr);
    _w.running = pthread_create(&_w.tid, have_attr ? &attr : NULL, _worker, NULL) == 0;
    if (have_attr)
        pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return _w.running;
}

void xzw_push(xzw_job *j)
{
    j->next = NULL;
    pthread_mutex_lock(&_w.lock);
    while (j->bytes && _w.queued && _w.queued + j->bytes > XLSX_ZIP_WORKER_QUEUED)
        pthread_cond_wait(&_w.room, &_w.lock);
    _w.queued += j->bytes;
    if (_w.tail)
        _w.tail->next = j;
    else
        _w.head = j;
    _w.tail = j;
    atomic_fetch_add_explicit(&_w.pushes, 1, memory_order_release);
    if (_w.idle)
        pthread_cond_signal(&_w.work);
    pthread_mutex_unlock(&_w.lock);
}

static void _barrier(xzw_job *j)
{
    pthread_mutex_lock(&_w.lock);
    _w.drained++;
    pthread_cond_broadcast(&_w.room);
    pthread_mutex_unlock(&_w.lock);
    (void)j;                        /* on the drainer's stack */
}

int xzw_drain(void)
{
    if (!_w.running)
        return 0;
    xzw_job j = {.run = _barrier};
    pthread_mutex_lock(&_w.lock);
    unsigned want = _w.drained + 1;
    pthread_mutex_unlock(&_w.lock);
    xzw_push(&j);
    pthread_mutex_lock(&_w.lock);
    while (_w.drained != want)
        pthread_cond_wait(&_w.room, &_w.lock);
    int status = _w.status;
    if (status)
        errno = _w.err;
    pthread_mutex_unlock(&_w.lock);
    return status;
}

int xzw_finish(void)
{
    if (!_w.running)
        return 0;
    pthread_mutex_lock(&_w.lock);
    _w.stop = 1;
    atomic_fetch_add_explicit(&_w.pushes, 1, memory_order_release);
    pthread_cond_signal(&_w.work);
    pthread_mutex_unlock(&_w.lock);
    pthread_join(_w.tid, NULL);
    _w.running = 0;
    if (_w.status)
        errno = _w.err;
    return _w.status;
}
