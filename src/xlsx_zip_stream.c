/*
 * xlsx_zip_stream.c - a workbook part deflated whole with libdeflate
 * (xlsx_zip_stream.h).
 *
 * Who deflates a part is decided once: the worker at its deflate job
 * unless the main thread took the part before (xlsx_zip_stream_help),
 * which takes only parts the worker has not begun, newest first. The
 * other one, reaching such a part, waits until it is deflated. Either way
 * the same deflate of the same bytes gives the same bytes.
 */
#include "xlsx_zip_stream.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "xlsx_zip_level.h"
#include "xlsx_zip_worker.h"

#define TEXT_SCAN (64u << 10)   /* bytes looked at for the text mark */
#define SMALL (16u << 10)       /* parts below: left to minizip's zlib */

enum { BY_NONE, BY_WORKER, BY_MAIN };

struct xlsx_zip_stream {
    /* main thread */
    int broken, ended, closed;
    xlsx_zip_stream *older;       /* the streams made, newest first */
    /* the part's bytes, from its reading on; owned once it is closed */
    const unsigned char *src;
    size_t src_len;
    void *owned;
    /* set before the deflate job is queued, then read by both */
    int level;
    xzw_job deflate_job, drop_job;   /* queued once each: no allocation */
    atomic_int by;                /* who deflates it: BY_* */
    int done;                     /* deflated (under _sync.lock) */
    /* whoever deflates it; the worker drops it */
    int failed;
    unsigned char *out;
    size_t out_len, out_cap;
    uLong crc;
    int text;
};

#define STREAM_OF(j, member) \
    ((xlsx_zip_stream *)((char *)(j) - offsetof(xlsx_zip_stream, member)))

static xlsx_zip_stream *_reading;
static xlsx_zip_stream *_made;     /* every stream not reaped, newest first */
static atomic_uint _helped_count;   /* read by tests from any thread */

static struct {
    pthread_mutex_t lock;
    pthread_cond_t done;
} _sync = {.lock = PTHREAD_MUTEX_INITIALIZER, .done = PTHREAD_COND_INITIALIZER};

/* ---- the deflate, on whichever thread ------------------------------------ */

/* Compressors for each thread and level, allocated by the main thread
 * (its heap is populated ahead of the workbook: heap_prefault.h) and kept
 * until xlsx_zip_stream_reap (allocating one clears tables of a few
 * hundred KiB). libdeflate's levels are 0 to 12. */
#define LEVELS 13

static struct {
    struct libdeflate_compressor *main[LEVELS], *worker[LEVELS];
} _c;

/* The compressors s needs at its level (the worker's only while it
 * runs); 0, or -1 when out of memory. */
static int _compressors(const xlsx_zip_stream *s)
{
    int l = s->level;
    if (!_c.main[l])
        _c.main[l] = libdeflate_alloc_compressor(l);
    if (xzw_running() && !_c.worker[l])
        _c.worker[l] = libdeflate_alloc_compressor(l);
    return _c.main[l] && (!xzw_running() || _c.worker[l]) ? 0 : -1;
}

/* zlib's mark of a text part (minizip's internal attribute 1), judged as
 * zlib judges its first block: no byte of 0-6, 14-25, 28-31, and at least
 * one of tab, newline, return or 32-255. */
static int _text(const unsigned char *p, size_t n)
{
    if (n > TEXT_SCAN)
        n = TEXT_SCAN;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c < 32) {
            if (c <= 6 || (c >= 14 && c <= 25) || c >= 28)
                return 0;
            any |= c == 9 || c == 10 || c == 13;
        } else {
            any = 1;
        }
    }
    return any;
}

/* s's bytes deflated into s->out (allocated by the main thread). */
static void _deflate(xlsx_zip_stream *s, struct libdeflate_compressor *c)
{
    if (!c || !s->out) {
        s->failed = 1;
        return;
    }
    s->out_len = libdeflate_deflate_compress(c, s->src, s->src_len, s->out, s->out_cap);
    if (!s->out_len && s->src_len) {
        s->failed = 1;          /* cannot happen with the bound's room */
        return;
    }
    s->crc = libdeflate_crc32(0, s->src, s->src_len);
    s->text = _text(s->src, s->src_len);
}

static void _mark_done(xlsx_zip_stream *s)
{
    pthread_mutex_lock(&_sync.lock);
    s->done = 1;
    pthread_cond_broadcast(&_sync.done);
    pthread_mutex_unlock(&_sync.lock);
}

static void _wait_done(xlsx_zip_stream *s)
{
    pthread_mutex_lock(&_sync.lock);
    while (!s->done)
        pthread_cond_wait(&_sync.done, &_sync.lock);
    pthread_mutex_unlock(&_sync.lock);
}

/* Take s for by; 1 when it is by's, else 0. */
static int _take(xlsx_zip_stream *s, int by)
{
    int was = BY_NONE;
    return atomic_compare_exchange_strong(&s->by, &was, by) || was == by;
}

/* ---- the worker's side ---------------------------------------------------- */

static void _run_deflate(xzw_job *j)
{
    xlsx_zip_stream *s = STREAM_OF(j, deflate_job);
    if (_take(s, BY_WORKER)) {
        _deflate(s, _c.worker[s->level]);
        _mark_done(s);
    } else {
        _wait_done(s);          /* the main thread's */
    }
}

/* What a closed stream holds but its struct (freed by
 * xlsx_zip_stream_reap, the main thread's list keeping it until then). */
static void _drop(xlsx_zip_stream *s)
{
    free(s->out);
    s->out = NULL;
    s->out_len = s->out_cap = 0;
    free(s->owned);
    s->owned = NULL;
}

static void _run_drop(xzw_job *j)
{
    _drop(STREAM_OF(j, drop_job));
}

int xlsx_zip_stream_result(const xlsx_zip_stream *s, const unsigned char **z,
                           size_t *zlen, uLong *crc, ZPOS64_T *len, int *text)
{
    if (s->failed || !s->done)
        return -1;
    *z = s->out;
    *zlen = s->out_len;
    *crc = s->crc;
    *len = s->src_len;
    *text = s->text;
    return 0;
}

/* ---- the main thread's side ------------------------------------------------ */

xlsx_zip_stream *xlsx_zip_stream_new(void)
{
    xlsx_zip_stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    int mem_level = DEF_MEM_LEVEL;
    s->level = Z_DEFAULT_COMPRESSION;     /* libxlsxwriter's, packager.c */
    xlsx_zip_level_apply(Z_DEFLATED, &s->level, &mem_level);
    if (s->level == Z_DEFAULT_COMPRESSION)
        s->level = 6;                     /* zlib's default, as libdeflate's */
    if (s->level < 0 || s->level > 9)
        s->level = 6;                     /* zlib's range (minizip's too) */
    atomic_init(&s->by, BY_NONE);
    s->older = _made;
    _made = s;
    return s;
}

/* The part's bytes are about to change after they were read: whoever
 * deflates them is waited for, and the stream given up. */
static void _give_up(xlsx_zip_stream *s)
{
    if (s->ended && !s->broken && !_take(s, BY_MAIN))
        _wait_done(s);          /* the worker's deflate of the old bytes */
    else if (s->ended && !s->broken) {
        s->failed = 1;          /* taken, not deflated: the worker skips it */
        _mark_done(s);
    }
    s->broken = 1;
}

void xlsx_zip_stream_break(xlsx_zip_stream *s)
{
    if (s)
        _give_up(s);
}

void xlsx_zip_stream_write(xlsx_zip_stream *s)
{
    if (s && s->ended && !s->broken)
        _give_up(s);
}

void xlsx_zip_stream_source(xlsx_zip_stream *s, const void *data, size_t len)
{
    if (!s)
        return;
    _reading = s;
    if (s->ended || s->broken)
        return;
    if (len < SMALL) {          /* libdeflate's tables cost more than zlib */
        s->broken = 1;
        return;
    }
    s->ended = 1;
    s->src = data;
    s->src_len = len;
    if (_compressors(s) == 0) {
        s->out_cap = libdeflate_deflate_compress_bound(NULL, len);
        s->out = malloc(s->out_cap);
    }
    if (xzw_running()) {
        s->deflate_job.run = _run_deflate;
        xzw_push(&s->deflate_job);
    } else if (_take(s, BY_MAIN)) {
        _deflate(s, _c.main[s->level]);
        _mark_done(s);
    }
}

int xlsx_zip_stream_close(xlsx_zip_stream *s, void *data)
{
    if (!s)
        return 0;
    if (_reading == s)
        _reading = NULL;
    s->closed = 1;
    int keep = s->ended && !s->broken && data && data == s->src;
    if (keep)
        s->owned = data;
    /* queued jobs may still use it: the worker drops it after them */
    if (xzw_running()) {
        s->drop_job.run = _run_drop;
        xzw_push(&s->drop_job);
    } else {
        _drop(s);
    }
    return keep;
}

void xlsx_zip_stream_help(void)
{
    for (xlsx_zip_stream *s = _made; s; s = s->older) {
        if (!s->ended || s->broken)
            continue;
        int by = BY_NONE;
        if (!atomic_compare_exchange_strong(&s->by, &by, BY_MAIN))
            return;      /* the worker has begun it, so every older one too */
        _deflate(s, _c.main[s->level]);
        _mark_done(s);
        atomic_fetch_add_explicit(&_helped_count, 1, memory_order_relaxed);
    }
}

unsigned xlsx_zip_stream_helped(void)
{
    return atomic_load_explicit(&_helped_count, memory_order_relaxed);
}

void xlsx_zip_stream_reap(void)
{
    xlsx_zip_stream **link = &_made;
    while (*link) {
        xlsx_zip_stream *s = *link;
        if (s->closed) {
            *link = s->older;
            _drop(s);
            free(s);
        } else {
            link = &s->older;
        }
    }
    /* no job runs now: the compressors go too (a few hundred KiB each) */
    for (int l = 0; l < LEVELS; l++) {
        libdeflate_free_compressor(_c.main[l]);
        libdeflate_free_compressor(_c.worker[l]);
        _c.main[l] = _c.worker[l] = NULL;
    }
}

xlsx_zip_stream *xlsx_zip_stream_reading(const unsigned char **data, size_t *len)
{
    if (_reading) {
        *data = _reading->src;
        *len = _reading->src_len;
    }
    return _reading;
}

int xlsx_zip_stream_whole(const xlsx_zip_stream *s)
{
    return s && s->ended && !s->broken;
}

int xlsx_zip_stream_matches(const xlsx_zip_stream *s, int method, int level, int raw,
                            int windowBits, int memLevel, int strategy,
                            const char *password)
{
    (void)memLevel;             /* zlib's; libdeflate has none */
    if (level == Z_DEFAULT_COMPRESSION)
        level = 6;
    return method == Z_DEFLATED && !raw && !password && windowBits == -MAX_WBITS &&
           strategy == Z_DEFAULT_STRATEGY && level == s->level;
}
