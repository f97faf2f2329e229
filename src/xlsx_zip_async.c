/*
 * xlsx_zip_async.c - minizip's entry calls made in order on the zip's
 * worker thread (xlsx_zip_async.h).
 *
 * An entry opened with the parameters its part is deflated with
 * (xlsx_zip_stream.h) waits: while the bytes written into it equal the
 * part's, nothing is queued; at its close one job (or, without the
 * worker, one call) writes the entry from the part's deflate. At the first
 * byte that differs the entry falls back to the calls themselves (its
 * open, the bytes matched so far, then every call).
 */
#define _GNU_SOURCE
#include "xlsx_zip_async.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter/workbook.h>

#include "xlsx_zip_jobs.h"
#include "xlsx_zip_level.h"
#include "xlsx_zip_stream.h"
#include "xlsx_zip_worker.h"

static int _on;
static unsigned _streamed;      /* entries written from a part's deflate */

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
    xlsx_zip_stream_reap();
}

/* ---- the entry being written (main thread) ------------------------------ */

enum { E_NONE, E_SYNC, E_QUEUED, E_WAITING };

static struct {
    int mode;
    xzj_open *open;              /* E_WAITING: not queued yet */
    xlsx_zip_stream *s;           /* E_WAITING: the part its bytes match */
    const unsigned char *src;     /* and that part's bytes */
    size_t off;                   /* bytes matched */
} _e;

/* Queue a write of buf; ZIP_OK, or the queue's status once waited for
 * when its copy cannot be allocated (the call is then made here). */
static int _queue_write(zipFile file, const void *buf, unsigned len)
{
    if (!xzj_push_write(file, buf, len))
        return ZIP_OK;
    int rc = xzw_finish();
    _e.mode = E_SYNC;
    return rc != ZIP_OK ? rc : xzj_real_write(file, buf, len);
}

/* A waiting entry gives up its stream: its open and the bytes matched so
 * far are queued (or made, without the worker), and the entry goes on
 * call by call. */
static int _fall_back(void)
{
    xzj_open *o = _e.open;
    zipFile file = o->file;
    const unsigned char *src = _e.src;
    _e.open = NULL;
    _e.s = NULL;
    int rc = ZIP_OK;
    if (xzw_running()) {
        _e.mode = E_QUEUED;
        xzj_push_open(o, NULL);
    } else {
        _e.mode = E_SYNC;
        o->from = NULL;
        rc = xzj_open_now(o);
    }
    for (size_t at = 0; rc == ZIP_OK && at < _e.off;) {
        unsigned n = _e.off - at > (1u << 20) ? 1u << 20 : (unsigned)(_e.off - at);
        rc = _e.mode == E_QUEUED ? _queue_write(file, src + at, n)
                                 : xzj_real_write(file, src + at, n);
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

/* Every entry libxlsxwriter opens: capex's deflate level applied
 * (xlsx_zip_level.h), then held, waiting to learn whether a part in memory
 * has its bytes (xlsx_zip_stream.h); made at once when it cannot be held
 * (out of memory). Then queued for the worker, when async is on and the
 * worker runs, or made on this thread. */
int ZEXPORT zipOpenNewFileInZip4_64(zipFile file, const char *filename,
                                    const zip_fileinfo *zipfi, const void *extrafield_local,
                                    uInt size_extrafield_local,
                                    const void *extrafield_global,
                                    uInt size_extrafield_global, const char *comment,
                                    int method, int level, int raw, int windowBits,
                                    int memLevel, int strategy, const char *password,
                                    uLong crcForCrypting, uLong versionMadeBy,
                                    uLong flagBase, int zip64)
{
    xlsx_zip_level_apply(method, &level, &memLevel);
    if (_on)
        (void)xzw_start();
    xzj_open *o = xzj_open_new(file, filename, zipfi, extrafield_local, size_extrafield_local,
                               extrafield_global, size_extrafield_global, comment, method,
                               level, raw, windowBits, memLevel, strategy, password,
                               crcForCrypting, versionMadeBy, flagBase, zip64);
    if (!o) {
        int rc = xzw_finish();          /* the queue first, then this call */
        _e.mode = E_SYNC;
        xlsx_zip_open_fn real = xzj_real_open();
        if (rc != ZIP_OK || !real)
            return rc != ZIP_OK ? rc : ZIP_INTERNALERROR;
        return real(file, filename, zipfi, extrafield_local, size_extrafield_local,
                    extrafield_global, size_extrafield_global, comment, method, level, raw,
                    windowBits, memLevel, strategy, password, crcForCrypting,
                    versionMadeBy, flagBase, zip64);
    }
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
    return xzj_real_write(file, buf, len);
}

/* The waiting entry's bytes were its part's, all of them: queue it to be
 * written from the part's deflate (or write it, without the worker). 1
 * when done so, with *rc minizip's status; 0 when the entry falls back. */
static int _from_part(int *rc)
{
    const unsigned char *src;
    size_t n;
    xlsx_zip_stream *r = xlsx_zip_stream_reading(&src, &n);
    if (!_e.s && !_matches("", 0))      /* nothing written: an empty part */
        return 0;
    if (_e.s != r || _e.off != n)
        return 0;
    xzj_open *o = _e.open;
    _e.open = NULL;
    _e.s = NULL;
    _streamed++;
    *rc = ZIP_OK;
    if (xzw_running())
        xzj_push_open(o, r);
    else {
        o->from = r;
        *rc = xzj_open_now(o);
    }
    return 1;
}

int ZEXPORT zipCloseFileInZip(zipFile file)
{
    if (_e.mode == E_WAITING) {
        int rc;
        if (_from_part(&rc)) {
            _e.mode = E_NONE;
            return rc;
        }
        rc = _fall_back();
        if (rc != ZIP_OK) {
            _e.mode = E_NONE;
            return rc;
        }
    }
    int mode = _e.mode;
    _e.mode = E_NONE;
    if (mode == E_QUEUED) {
        if (!xzj_push_close(file))
            return ZIP_OK;
        int rc = xzw_finish();
        if (rc != ZIP_OK)
            return rc;
    }
    return xzj_real_close_entry(file);
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
    if (!real && !(*(void **)&real = dlsym(RTLD_NEXT, "lxw_workbook_free")))
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
    xlsx_zip_stream_help();        /* every part written: deflate beside the worker */
    int rc = xzw_drain();          /* the worker stays for lxw_workbook_free */
    int e = errno;
    xlsx_zip_stream_reap();
    int closed = xzj_real_close(file, global_comment);
    if (rc != ZIP_OK) {
        errno = e;
        return rc;
    }
    return closed;
}
