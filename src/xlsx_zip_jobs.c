/*
 * xlsx_zip_jobs.c - minizip's entry calls as jobs for the zip's worker
 * (xlsx_zip_jobs.h).
 */
#define _GNU_SOURCE
#include "xlsx_zip_jobs.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "xlsx_zip_stream.h"

/* minizip's definitions (the next ones after capex's), looked up once for
 * both threads */
static struct {
    xlsx_zip_open_fn open;
    int (*write)(zipFile, const void *, unsigned);
    int (*close_entry)(zipFile);
    int (*close)(zipFile, const char *);
} _mz;
static pthread_once_t _mz_once = PTHREAD_ONCE_INIT;

static void _lookup(void)
{
    *(void **)&_mz.open = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    *(void **)&_mz.write = dlsym(RTLD_NEXT, "zipWriteInFileInZip");
    *(void **)&_mz.close_entry = dlsym(RTLD_NEXT, "zipCloseFileInZip");
    *(void **)&_mz.close = dlsym(RTLD_NEXT, "zipClose");
}

xlsx_zip_open_fn xzj_real_open(void)
{
    pthread_once(&_mz_once, _lookup);
    return _mz.open;
}

int xzj_real_write(zipFile f, const void *buf, unsigned len)
{
    pthread_once(&_mz_once, _lookup);
    return _mz.write ? _mz.write(f, buf, len) : ZIP_INTERNALERROR;
}

int xzj_real_close_entry(zipFile f)
{
    pthread_once(&_mz_once, _lookup);
    return _mz.close_entry ? _mz.close_entry(f) : ZIP_INTERNALERROR;
}

int xzj_real_close(zipFile f, const char *comment)
{
    pthread_once(&_mz_once, _lookup);
    return _mz.close ? _mz.close(f, comment) : ZIP_INTERNALERROR;
}

/* ---- the jobs ------------------------------------------------------------ */

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

static int _open(const xzj_open *o, int raw)
{
    xlsx_zip_open_fn open = xzj_real_open();
    if (!open)
        return ZIP_INTERNALERROR;
    errno = 0;
    return open(o->file, o->filename, o->has_zi ? &o->zi : NULL, o->ef_local, o->n_local,
                   o->ef_global, o->n_global, o->comment, o->method, o->level, raw,
                   o->window_bits, o->mem_level, o->strategy, o->password, o->crc_crypt,
                   o->made_by, o->flag_base, o->zip64);
}

/* The entry from its part's deflate: opened raw, the deflated bytes, closed with
 * the part's CRC and length (what minizip counts when it deflates). */
static int _from_stream(const xzj_open *o)
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
    xzj_open raw = *o;
    if (text)
        raw.zi.internal_fa = Z_TEXT;
    int rc = _open(&raw, 1);
    for (size_t at = 0; rc == ZIP_OK && at < zlen;) {
        unsigned n = zlen - at > (1u << 30) ? 1u << 30 : (unsigned)(zlen - at);
        errno = 0;
        rc = xzj_real_write(o->file, z + at, n);
        at += n;
    }
    errno = 0;
    return rc == ZIP_OK ? zipCloseFileInZipRaw64(o->file, len, crc) : rc;
}

static void _run_open(xzw_job *j)
{
    _check(xzj_open_now((xzj_open *)j));
}

int xzj_open_now(xzj_open *o)
{
    int rc = o->from ? _from_stream(o) : _open(o, o->raw);
    free(o);
    return rc;
}

static void _run_write(xzw_job *j)
{
    _write_job *w = (_write_job *)j;
    errno = 0;
    _check(xzj_real_write(w->file, w->data, w->len));
    free(w);
}

static void _run_close(xzw_job *j)
{
    _close_job *c = (_close_job *)j;
    errno = 0;
    _check(xzj_real_close_entry(c->file));
    free(c);
}

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

xzj_open *xzj_open_new(zipFile file, const char *filename,
                       const zip_fileinfo *zipfi, const void *extrafield_local,
                       uInt size_extrafield_local, const void *extrafield_global,
                       uInt size_extrafield_global, const char *comment, int method,
                       int level, int raw, int windowBits, int memLevel, int strategy,
                       const char *password, uLong crcForCrypting, uLong versionMadeBy,
                       uLong flagBase, int zip64)
{
    size_t nl = extrafield_local ? size_extrafield_local : 0;
    size_t ng = extrafield_global ? size_extrafield_global : 0;
    xzj_open *o =
        malloc(sizeof *o + _slen(filename) + _slen(comment) + _slen(password) + nl + ng);
    if (!o)
        return NULL;
    memset(o, 0, sizeof *o);
    unsigned char *at = o->bytes;
    o->job.run = _run_open;
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
    return o;
}

void xzj_push_open(xzj_open *o, xlsx_zip_stream *from)
{
    o->from = from;
    xzw_push(&o->job);
}

int xzj_push_write(zipFile file, const void *buf, unsigned len)
{
    _write_job *w = malloc(sizeof *w + len);
    if (!w)
        return -1;
    w->job.run = _run_write;
    w->job.bytes = len;
    w->file = file;
    w->len = len;
    memcpy(w->data, buf, len);
    xzw_push(&w->job);
    return 0;
}

int xzj_push_close(zipFile file)
{
    _close_job *c = malloc(sizeof *c);
    if (!c)
        return -1;
    c->job.run = _run_close;
    c->job.bytes = 0;
    c->file = file;
    xzw_push(&c->job);
    return 0;
}
