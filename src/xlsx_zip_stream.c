/*
 * xlsx_zip_stream.c - a part deflated on the worker as it is written
 * (xlsx_zip_stream.h).
 */
#include "xlsx_zip_stream.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "xlsx_zip_async.h"
#include "xlsx_zip_level.h"
#include "xlsx_zip_worker.h"

#define CHUNK (64u << 10)   /* bytes of a part queued at a time */

struct xlsx_zip_stream {
    /* main thread */
    int broken, ended;
    size_t len;                   /* bytes streamed so far */
    struct _chunk *chunk;         /* being filled, not queued yet */
    const unsigned char *src;     /* the part's bytes, once read */
    size_t src_len;
    /* set at creation, then read by both */
    int level, mem_level;
    xzw_job end_job, drop_job;    /* queued once each: no allocation */
    /* worker */
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

static void _run_chunk(xzw_job *j)
{
    _chunk *c = (_chunk *)j;
    xlsx_zip_stream *s = c->s;
    if (!s->failed && _init(s))
        s->failed = 1;
    if (!s->failed) {
        s->crc = crc32(s->crc, c->data, (uInt)c->n);
        s->total += c->n;
        s->z.next_in = c->data;
        s->z.avail_in = (uInt)c->n;
        if (_deflate(s, Z_NO_FLUSH))
            s->failed = 1;
    }
    free(c);
}

static void _run_end(xzw_job *j)
{
    xlsx_zip_stream *s = STREAM_OF(j, end_job);
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

static void _free(xlsx_zip_stream *s)
{
    _end_z(s);
    free(s->chunk);
    free(s->out);
    free(s);
}

static void _run_drop(xzw_job *j)
{
    _free(STREAM_OF(j, drop_job));
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
    return s;
}

/* Queue the chunk being filled. */
static void _flush(xlsx_zip_stream *s)
{
    _chunk *c = s->chunk;
    if (!c || !c->n)
        return;
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
    /* queued jobs may still use it: the worker frees it after them */
    if (xzw_running()) {
        s->drop_job.run = _run_drop;
        xzw_push(&s->drop_job);
    } else {
        _free(s);
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
