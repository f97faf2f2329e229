/*
 * xlsx_zip_stream.c - a part deflated on the worker as it is written
 * (xlsx_zip_stream.h), or by the main thread once it has written them all
 * (xlsx_zip_stream_help).
 *
 * Who deflates a stream is decided once, at its first chunk or end job:
 * the worker takes it there unless the main thread took it before, and
 * the main thread takes only streams the worker has not begun, newest
 * first. A stream's chunks stay in memory until the one that deflates it
 * is done with them: the worker, running the jobs of a stream the main
 * thread took, waits for it at the first, then frees each. Either way the
 * same deflate (parameters, input in the same chunks) gives the same
 * bytes.
 */
#include "xlsx_zip_stream.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "xlsx_zip_async.h"
#include "xlsx_zip_level.h"
#include "xlsx_zip_worker.h"

#define CHUNK (64u << 10)   /* bytes of a part queued at a time */

enum { BY_NONE, BY_WORKER, BY_MAIN };

struct xlsx_zip_stream {
    /* main thread */
    int broken, ended, closed;
    size_t len;                   /* bytes streamed so far */
    struct _chunk *chunk;         /* being filled, not queued yet */
    struct _chunk **queued;       /* its chunks queued, in order: read only */
    size_t n_queued, cap_queued;  /* once taken BY_MAIN (the worker frees them) */
    xlsx_zip_stream *older;       /* the streams made, newest first */
    const unsigned char *src;     /* the part's bytes, once read */
    size_t src_len;
    /* set at creation, then read by both */
    int level, mem_level;
    xzw_job end_job, drop_job;    /* queued once each: no allocation */
    atomic_int by;                /* who deflates it: BY_* */
    int helped;                   /* BY_MAIN and done (under _help.lock) */
    /* whoever deflates it (the worker once the stream is dropped) */
    z_stream z;
    int zinit, failed, finished;
    unsigned char *out;
    size_t out_len, out_cap;
    uLong crc;
    ZPOS64_T total;
    int data_type;                /* zlib's guess: Z_TEXT or Z_BINARY */
};

typedef struct _chunk {
    xzw_job job;
    xlsx_zip_stream *s;
    size_t n;
    unsigned char data[CHUNK];
} _chunk;

#define STREAM_OF(j, member) \
    ((xlsx_zip_stream *)((char *)(j) - offsetof(xlsx_zip_stream, member)))

static xlsx_zip_stream *_reading;
static xlsx_zip_stream *_made;     /* every stream not reaped, newest first */
static atomic_uint _helped_count;   /* read by tests from any thread */

static struct {
    pthread_mutex_t lock;
    pthread_cond_t done;
} _help = {.lock = PTHREAD_MUTEX_INITIALIZER, .done = PTHREAD_COND_INITIALIZER};

/* ---- the worker's side --------------------------------------------------- */

/* Deflate what s->z holds with flush, the output appended to s->out. */
static int _deflate(xlsx_zip_stream *s, int flush)
{
    for (;;) {
        if (s->out_cap - s->out_len < 4096) {
            size_t cap = s->out_cap ? s->out_cap * 2 : CHUNK;
            unsigned char *out = realloc(s->out, cap);
            if (!out)
                return -1;
            s->out = out;
            s->out_cap = cap;
        }
        s->z.next_out = s->out + s->out_len;
        s->z.avail_out = (uInt)(s->out_cap - s->out_len);
        int rc = deflate(&s->z, flush);
        s->out_len = s->out_cap - s->z.avail_out;
        if (rc == Z_STREAM_END)
            return 0;
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            return -1;
        if (flush == Z_NO_FLUSH && s->z.avail_in == 0)
            return 0;
    }
}

/* The same deflate minizip sets up for an entry (zip.c: deflateInit2 with
 * the entry's level, -MAX_WBITS, memLevel and strategy). */
static int _init(xlsx_zip_stream *s)
{
    if (s->zinit)
        return 0;
    memset(&s->z, 0, sizeof s->z);
    if (deflateInit2(&s->z, s->level, Z_DEFLATED, -MAX_WBITS, s->mem_level,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    s->zinit = 1;
    return 0;
}

static void _end_z(xlsx_zip_stream *s)
{
    if (s->zinit)
        deflateEnd(&s->z);
    s->zinit = 0;
}

static void _deflate_chunk(xlsx_zip_stream *s, const _chunk *c)
{
    if (!s->failed && _init(s))
        s->failed = 1;
    if (!s->failed) {
        s->crc = crc32(s->crc, c->data, (uInt)c->n);
        s->total += c->n;
        s->z.next_in = (unsigned char *)c->data;
        s->z.avail_in = (uInt)c->n;
        if (_deflate(s, Z_NO_FLUSH))
            s->failed = 1;
    }
}

static void _deflate_end(xlsx_zip_stream *s)
{
    if (!s->failed && _init(s))
        s->failed = 1;
    if (!s->failed) {
        s->z.next_in = NULL;
        s->z.avail_in = 0;
        if (_deflate(s, Z_FINISH))
            s->failed = 1;
        s->data_type = s->z.data_type;
    }
    _end_z(s);
    s->finished = 1;
}

/* On the worker: 1 when the worker deflates s (taking it unless the main
 * thread has), else 0 once the main thread is done with it. */
static int _worker_has(xlsx_zip_stream *s)
{
    int by = BY_NONE;
    if (atomic_compare_exchange_strong(&s->by, &by, BY_WORKER) || by == BY_WORKER)
        return 1;
    pthread_mutex_lock(&_help.lock);
    while (!s->helped)
        pthread_cond_wait(&_help.done, &_help.lock);
    pthread_mutex_unlock(&_help.lock);
    return 0;
}

static void _run_chunk(xzw_job *j)
{
    _chunk *c = (_chunk *)j;
    if (_worker_has(c->s))
        _deflate_chunk(c->s, c);
    free(c);
}

static void _run_end(xzw_job *j)
{
    xlsx_zip_stream *s = STREAM_OF(j, end_job);
    if (_worker_has(s))
        _deflate_end(s);
}

/* What a closed stream holds but its struct (freed by
 * xlsx_zip_stream_reap, the main thread's list keeping it until then). */
static void _drop(xlsx_zip_stream *s)
{
    _end_z(s);
    free(s->chunk);
    s->chunk = NULL;
    free(s->out);
    s->out = NULL;
    s->out_len = s->out_cap = 0;
}

static void _run_drop(xzw_job *j)
{
    _drop(STREAM_OF(j, drop_job));
}

int xlsx_zip_stream_result(const xlsx_zip_stream *s, const unsigned char **z,
                           size_t *zlen, uLong *crc, ZPOS64_T *len, int *text)
{
    if (s->failed || !s->finished)
        return -1;
    *z = s->out;
    *zlen = s->out_len;
    *crc = s->crc;
    *len = s->total;
    *text = s->data_type == Z_TEXT;
    return 0;
}

/* ---- the main thread's side ------------------------------------------------ */

xlsx_zip_stream *xlsx_zip_stream_new(void)
{
    if (!xlsx_zip_async_on() || !xzw_start())
        return NULL;
    xlsx_zip_stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->level = Z_DEFAULT_COMPRESSION;     /* libxlsxwriter's, packager.c */
    s->mem_level = DEF_MEM_LEVEL;
    xlsx_zip_level_apply(Z_DEFLATED, &s->level, &s->mem_level);
    atomic_init(&s->by, BY_NONE);
    s->older = _made;
    _made = s;
    return s;
}

/* Note c as s's next chunk queued; -1 when out of memory. */
static int _note(xlsx_zip_stream *s, _chunk *c)
{
    if (s->n_queued == s->cap_queued) {
        size_t cap = s->cap_queued ? s->cap_queued * 2 : 16;
        _chunk **q = realloc(s->queued, cap * sizeof *q);
        if (!q)
            return -1;
        s->queued = q;
        s->cap_queued = cap;
    }
    s->queued[s->n_queued++] = c;
    return 0;
}

/* Queue the chunk being filled. */
static void _flush(xlsx_zip_stream *s)
{
    _chunk *c = s->chunk;
    if (!c || !c->n)
        return;
    if (_note(s, c)) {
        s->broken = 1;
        return;
    }
    s->chunk = NULL;
    c->job.run = _run_chunk;
    c->job.bytes = c->n;
    xzw_push(&c->job);
}

void xlsx_zip_stream_break(xlsx_zip_stream *s)
{
    if (s)
        s->broken = 1;
}

void xlsx_zip_stream_write(xlsx_zip_stream *s, const void *buf, size_t n, size_t at)
{
    if (!s || s->broken)
        return;
    if (s->ended || at != s->len || !xzw_running()) {
        s->broken = 1;
        return;
    }
    const unsigned char *p = buf;
    s->len += n;
    while (n) {
        if (!s->chunk) {
            if (!(s->chunk = malloc(sizeof *s->chunk))) {
                s->broken = 1;
                return;
            }
            s->chunk->s = s;
            s->chunk->n = 0;
        }
        size_t k = CHUNK - s->chunk->n;
        k = k < n ? k : n;
        memcpy(s->chunk->data + s->chunk->n, p, k);
        s->chunk->n += k;
        p += k;
        n -= k;
        if (s->chunk->n == CHUNK)
            _flush(s);
    }
}

void xlsx_zip_stream_source(xlsx_zip_stream *s, const void *data, size_t len)
{
    if (!s)
        return;
    _reading = s;
    s->src = data;
    s->src_len = len;
    if (s->ended || s->broken)
        return;
    s->ended = 1;
    if (!xzw_running() || len != s->len) {
        s->broken = 1;
        return;
    }
    _flush(s);
    s->end_job.run = _run_end;
    xzw_push(&s->end_job);
}

void xlsx_zip_stream_close(xlsx_zip_stream *s)
{
    if (!s)
        return;
    if (_reading == s)
        _reading = NULL;
    s->closed = 1;
    /* queued jobs may still use it: the worker drops it after them */
    if (xzw_running()) {
        s->drop_job.run = _run_drop;
        xzw_push(&s->drop_job);
    } else {
        _drop(s);
    }
}

/* Deflate s here: it was taken from the worker, which waits for it. */
static void _help_one(xlsx_zip_stream *s)
{
    for (size_t i = 0; i < s->n_queued; i++)
        _deflate_chunk(s, s->queued[i]);
    _deflate_end(s);
    pthread_mutex_lock(&_help.lock);
    s->helped = 1;
    pthread_cond_broadcast(&_help.done);
    pthread_mutex_unlock(&_help.lock);
    atomic_fetch_add_explicit(&_helped_count, 1, memory_order_relaxed);
}

void xlsx_zip_stream_help(void)
{
    for (xlsx_zip_stream *s = _made; s; s = s->older) {
        if (!s->ended || s->broken)
            continue;
        int by = BY_NONE;
        if (!atomic_compare_exchange_strong(&s->by, &by, BY_MAIN))
            return;      /* the worker has begun it, so every older one too */
        _help_one(s);
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
            free(s->queued);
            free(s);
        } else {
            link = &s->older;
        }
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
    return method == Z_DEFLATED && !raw && !password && windowBits == -MAX_WBITS &&
           strategy == Z_DEFAULT_STRATEGY && level == s->level &&
           memLevel == s->mem_level;
}
