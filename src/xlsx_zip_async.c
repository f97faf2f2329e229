/*
 * xlsx_zip_async.c - minizip's entry calls made in order on the zip's
 * worker thread (xlsx_zip_async.h).
 *
 * An entry opened with the parameters its part was streamed with
 * (xlsx_zip_stream.h) waits: while the bytes written into it equal the
 * part's, nothing is queued; at its close one job writes the entry from
 * the stream. At the first byte that differs the entry falls back to the
 * calls themselves (its open, the bytes matched so far, then every call).
 */
#define _GNU_SOURCE
#include "xlsx_zip_async.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter/workbook.h>

#include "xlsx_zip_stream.h"
#include "xlsx_zip_worker.h"

static int _on;
static unsigned _streamed;      /* entries written from a stream */

void xlsx_zip_async(int on)
{
    _on = on != 0;
}

int xlsx_zip_async_on(void)
{
    return _on;
}

unsigned xlsx_zip_async_streamed(void)
{
    return _streamed;
}

void xlsx_zip_async_begin(void)
{
    if (_on)
        (void)xzw_start();
}

typedef struct {
    xzw_job job;
    void (*fn)(void *, size_t);
    void *addr;
    size_t len;
} _later_job;

static void _run_later(xzw_job *j)
{
    _later_job *l = (_later_job *)j;
    l->fn(l->addr, l->len);
    free(l);
}

int xlsx_zip_async_later(void (*fn)(void *, size_t), void *addr, size_t len)
{
    _later_job *l;
    if (!xzw_running() || !(l = malloc(sizeof *l)))
        return -1;
    *l = (_later_job){.job = {.run = _run_later}, .fn = fn, .addr = addr, .len = len};
    xzw_push(&l->job);
    return 0;
}

void xlsx_zip_async_end(void)
{
    (void)xzw_finish();
}

/* ---- minizip's own calls ------------------------------------------------- */

typedef int (*_write_fn)(zipFile, const void *, unsigned);
typedef int (*_close_entry_fn)(zipFile);
typedef int (*_close_fn)(zipFile, const char *);

static void *_next(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

static int _real_write(zipFile f, const void *buf, unsigned len)
{
    static _write_fn real;
    if (!real && !(*(void **)&real = _next("zipWriteInFileInZip")))
        return ZIP_INTERNALERROR;
    return real(f, buf, len);
}

static int _real_close_entry(zipFile f)
{
    static _close_entry_fn real;
    if (!real && !(*(void **)&real = _next("zipCloseFileInZip")))
        return ZIP_INTERNALERROR;
    return real(f);
}

static int _real_close(zipFile f, const char *comment)
{
    static _close_fn real;
    if (!real && !(*(void **)&real = _next("zipClose")))
        return ZIP_INTERNALERROR;
    return real(f, comment);
}

/* ---- the jobs ------------------------------------------------------------ */

/* An entry's open, with copies of what its arguments point to in bytes[];
 * run as it was called, or (from) in raw mode with the stream's bytes. */
typedef struct {
    xzw_job job;
    xlsx_zip_open_fn open;
    zipFile file;
    const char *filename, *comment, *password;
    const void *ef_local, *ef_global;
    uInt n_local, n_global;
    zip_fileinfo zi;
    int has_zi;
    int method, level, raw, window_bits, mem_level, strategy, zip64;
    uLong crc_crypt, made_by, flag_base;
    xlsx_zip_stream *from;        /* the entry is written from this stream */
    unsigned char bytes[];
} _open_job;

typedef struct {
    xzw_job job;
    zipFile file;
    unsigned len;
    unsigned char data[];
} _write_job;

typedef struct {
    xzw_job job;
    zipFile file;
} _close_job;

static void _check(int rc)
{
    if (rc != ZIP_OK)
        xzw_fail(rc, errno);
}

static int _open(const _open_job *o, int raw)
{
    errno = 0;
    return o->open(o->file, o->filename, o->has_zi ? &o->zi : NULL, o->ef_local, o->n_local,
                   o->ef_global, o->n_global, o->comment, o->method, o->level, raw,
                   o->window_bits, o->mem_level, o->strategy, o->password, o->crc_crypt,
                   o->made_by, o->flag_base, o->zip64);
}

/* The entry from its stream: opened raw, the deflated bytes, closed with
 * the part's CRC and length (what minizip counts when it deflates). */
static int _from_stream(const _open_job *o)
{
    const unsigned char *z;
    size_t zlen;
    uLong crc;
    ZPOS64_T len;
    int text;
    if (xlsx_zip_stream_result(o->from, &z, &zlen, &crc, &len, &text)) {
        errno = ENOMEM;
        return ZIP_INTERNALERROR;
    }
    /* minizip marks a deflated entry that zlib took for text (its internal
     * attributes 1, zip.c's Z_ASCII) at its close, but not a raw one: the
     * mark goes in with the open instead */
    _open_job raw = *o;
    if (text)
        raw.zi.internal_fa = Z_TEXT;
    int rc = _open(&raw, 1);
    for (size_t at = 0; rc == ZIP_OK && at < zlen;) {
        unsigned n = zlen - at > (1u << 30) ? 1u << 30 : (unsigned)(zlen - at);
        errno = 0;
        rc = _real_write(o->file, z + at, n);
        at += n;
    }
    errno = 0;
    return rc == ZIP_OK ? zipCloseFileInZipRaw64(o->file, len, crc) : rc;
}

static void _run_open(xzw_job *j)
{
    _open_job *o = (_open_job *)j;
    _check(o->from ? _from_stream(o) : _open(o, o->raw));
    free(o);
}

static void _run_write(xzw_job *j)
{
    _write_job *w = (_write_job *)j;
    errno = 0;
    _check(_real_write(w->file, w->data, w->len));
    free(w);
}

static void _run_close(xzw_job *j)
{
    _close_job *c = (_close_job *)j;
    errno = 0;
    _check(_real_close_entry(c->file));
    free(c);
}

/* ---- the entry being written (main thread) ------------------------------ */

enum { E_NONE, E_SYNC, E_QUEUED, E_WAITING };

static struct {
    int mode;
    _open_job *open;              /* E_WAITING: not queued yet */
    xlsx_zip_stream *s;           /* E_WAITING: the part its bytes match */
    const unsigned char *src;     /* and that part's bytes */
    size_t off;                   /* bytes matched */
} _e;

/* Copy n bytes of src (NULL stays NULL) to *at, advancing it. */
static const void *_keep(unsigned char **at, const void *src, size_t n)
{
    if (!src)
        return NULL;
    memcpy(*at, src, n);
    const void *kept = *at;
    *at += n;
    return kept;
}

static size_t _slen(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

/* Queue a write of buf; ZIP_OK, or the queue's status once waited for
 * when its copy cannot be allocated (the call is then made here). */
static int _queue_write(zipFile file, const void *buf, unsigned len)
{
    _write_job *w = malloc(sizeof *w + len);
    if (!w) {
        int rc = xzw_finish();
        _e.mode = E_SYNC;
        return rc != ZIP_OK ? rc : _real_write(file, buf, len);
    }
    w->job.run = _run_write;
    w->job.bytes = len;
    w->file = file;
    w->len = len;
    memcpy(w->data, buf, len);
    xzw_push(&w->job);
    return ZIP_OK;
}

/* A waiting entry gives up its stream: its open and the bytes matched so
 * far are queued, and the entry goes on call by call. */
static int _fall_back(void)
{
    _open_job *o = _e.open;
    zipFile file = o->file;
    const unsigned char *src = _e.src;
    _e.open = NULL;
    _e.s = NULL;
    _e.mode = E_QUEUED;
    xzw_push(&o->job);
    int rc = ZIP_OK;
    for (size_t at = 0; rc == ZIP_OK && at < _e.off;) {
        unsigned n = _e.off - at > (1u << 20) ? 1u << 20 : (unsigned)(_e.off - at);
        rc = _e.mode == E_QUEUED ? _queue_write(file, src + at, n)
                                 : _real_write(file, src + at, n);
        at += n;
    }
    return rc;
}

/* The part being read, when buf (len bytes) continues the waiting entry's
 * match with it. */
static int _matches(const void *buf, size_t len)
{
    const unsigned char *src;
    size_t n;
    xlsx_zip_stream *r = xlsx_zip_stream_reading(&src, &n);
    if (!r || (_e.s && r != _e.s) || !xlsx_zip_stream_whole(r) || !_e.open->has_zi ||
        !xlsx_zip_stream_matches(r, _e.open->method, _e.open->level, _e.open->raw,
                                 _e.open->window_bits, _e.open->mem_level,
                                 _e.open->strategy, _e.open->password) ||
        len > n - _e.off || (len && memcmp(buf, src + _e.off, len)))
        return 0;
    _e.s = r;
    _e.src = src;
    return 1;
}

int xlsx_zip_async_open(xlsx_zip_open_fn real_open, zipFile file, const char *filename,
                        const zip_fileinfo *zipfi, const void *extrafield_local,
                        uInt size_extrafield_local, const void *extrafield_global,
                        uInt size_extrafield_global, const char *comment, int method,
                        int level, int raw, int windowBits, int memLevel, int strategy,
                        const char *password, uLong crcForCrypting, uLong versionMadeBy,
                        uLong flagBase, int zip64)
{
    size_t nl = extrafield_local ? size_extrafield_local : 0;
    size_t ng = extrafield_global ? size_extrafield_global : 0;
    _open_job *o = NULL;
    if (_on && xzw_start())
        o = malloc(sizeof *o + _slen(filename) + _slen(comment) + _slen(password) + nl + ng);
    if (!o) {
        int rc = xzw_finish();          /* the queue first, then this call */
        _e.mode = E_SYNC;
        return rc != ZIP_OK ? rc
                            : real_open(file, filename, zipfi, extrafield_local,
                                        size_extrafield_local, extrafield_global,
                                        size_extrafield_global, comment, method, level,
                                        raw, windowBits, memLevel, strategy, password,
                                        crcForCrypting, versionMadeBy, flagBase, zip64);
    }
    memset(o, 0, sizeof *o);
    unsigned char *at = o->bytes;
    o->job.run = _run_open;
    o->open = real_open;
    o->file = file;
    o->filename = _keep(&at, filename, _slen(filename));
    o->comment = _keep(&at, comment, _slen(comment));
    o->password = _keep(&at, password, _slen(password));
    o->ef_local = _keep(&at, extrafield_local, nl);
    o->ef_global = _keep(&at, extrafield_global, ng);
    o->n_local = size_extrafield_local;
    o->n_global = size_extrafield_global;
    if ((o->has_zi = zipfi != NULL))
        o->zi = *zipfi;
    o->method = method;
    o->level = level;
    o->raw = raw;
    o->window_bits = windowBits;
    o->mem_level = memLevel;
    o->strategy = strategy;
    o->crc_crypt = crcForCrypting;
    o->made_by = versionMadeBy;
    o->flag_base = flagBase;
    o->zip64 = zip64;
    _e.mode = E_WAITING;           /* until its bytes say whether a stream has them */
    _e.open = o;
    _e.s = NULL;
    _e.off = 0;
    return ZIP_OK;
}

int ZEXPORT zipWriteInFileInZip(zipFile file, const void *buf, unsigned len)
{
    if (_e.mode == E_WAITING) {
        if (_matches(buf, len)) {
            _e.off += len;
            return ZIP_OK;
        }
        int rc = _fall_back();
        if (rc != ZIP_OK)
            return rc;
    }
    if (_e.mode == E_QUEUED)
        return _queue_write(file, buf, len);
    return _real_write(file, buf, len);
}

/* The waiting entry's bytes were its part's, all of them: queue it to be
 * written from the part's stream. */
static int _from_part(void)
{
    const unsigned char *src;
    size_t n;
    xlsx_zip_stream *r = xlsx_zip_stream_reading(&src, &n);
    if (!_e.s && !_matches("", 0))      /* nothing written: an empty part */
        return 0;
    if (_e.s != r || _e.off != n)
        return 0;
    _e.open->from = _e.s;
    xzw_push(&_e.open->job);
    _streamed++;
    _e.open = NULL;
    _e.s = NULL;
    return 1;
}

int ZEXPORT zipCloseFileInZip(zipFile file)
{
    if (_e.mode == E_WAITING) {
        if (_from_part()) {
            _e.mode = E_NONE;
            return ZIP_OK;
        }
        int rc = _fall_back();
        if (rc != ZIP_OK) {
            _e.mode = E_NONE;
            return rc;
        }
    }
    int mode = _e.mode;
    _e.mode = E_NONE;
    if (mode == E_QUEUED) {
        _close_job *c = malloc(sizeof *c);
        if (c) {
            c->job.run = _run_close;
            c->job.bytes = 0;
            c->file = file;
            xzw_push(&c->job);
            return ZIP_OK;
        }
        int rc = xzw_finish();
        if (rc != ZIP_OK)
            return rc;
    }
    return _real_close_entry(file);
}

/* ---- the workbook freed on the worker --------------------------------- */

typedef void (*_free_fn)(lxw_workbook *);

typedef struct {
    xzw_job job;
    _free_fn fn;
    lxw_workbook *wb;
} _free_job;

static void _run_free(xzw_job *j)
{
    _free_job *f = (_free_job *)j;
    f->fn(f->wb);
    free(f);
}

/* workbook_close frees the workbook (every cell, a thousandth of a second
 * for a monthly model) after its zip is closed: on the worker, while the
 * caller stores the zip, when the worker still runs (until
 * xlsx_zip_async_end). */
void lxw_workbook_free(lxw_workbook *wb)
{
    static _free_fn real;
    if (!real && !(*(void **)&real = _next("lxw_workbook_free")))
        return;
    _free_job *f;
    if (!wb || !xzw_running() || !(f = malloc(sizeof *f))) {
        real(wb);
        return;
    }
    *f = (_free_job){.job = {.run = _run_free}, .fn = real, .wb = wb};
    xzw_push(&f->job);
}

int ZEXPORT zipClose(zipFile file, const char *global_comment)
{
    if (_e.mode == E_WAITING) {            /* an entry left open: queue it */
        (void)_fall_back();
        _e.mode = E_NONE;
    }
    int rc = xzw_drain();          /* the worker stays for lxw_workbook_free */
    int e = errno;
    int closed = _real_close(file, global_comment);
    if (rc != ZIP_OK) {
        errno = e;
        return rc;
    }
    return closed;
}
