/*
 * xlsx_tmpfile.c - libxlsxwriter's lxw_tmpfile, in memory when asked
 * (xlsx_tmpfile.h).
 */
#define _GNU_SOURCE
#include "xlsx_tmpfile.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <xlsxwriter/utility.h>

#include "membuf.h"
#include "xlsx_zip_stream.h"

#define SPILL_AT (16u << 20)   /* bytes kept in memory before a real file */

static int _memory;

void xlsx_tmpfile_memory(int on)
{
    _memory = on != 0;
}

int xlsx_tmpfile_memory_on(void)
{
    return _memory;
}

typedef FILE *(*_tmp_fn)(char *);

static FILE *_real_tmpfile(char *tmpdir)
{
    static _tmp_fn real;
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "lxw_tmpfile");
        if (!sym)
            return NULL;
        *(void **)&real = sym;
    }
    return real(tmpdir);
}

/* One part: its bytes in memory, or, past SPILL_AT, everything in the
 * real temporary file spill. */
typedef struct {
    membuf m;
    FILE *spill;
    char *tmpdir;
    xlsx_zip_stream *stream;   /* its deflate once read (xlsx_zip_stream.h) */
} _part;

static int _spill(_part *p)
{
    p->spill = _real_tmpfile(p->tmpdir);
    if (!p->spill)
        return -1;
    if (fwrite(p->m.data, 1, p->m.len, p->spill) != p->m.len ||
        fseeko(p->spill, (off_t)p->m.pos, SEEK_SET)) {
        fclose(p->spill);
        p->spill = NULL;
        return -1;
    }
    xlsx_zip_stream_break(p->stream);
    membuf_release(&p->m);
    return 0;
}

static ssize_t _write(void *c, const char *buf, size_t n)
{
    _part *p = c;
    if (!p->spill && p->m.pos + n > SPILL_AT && _spill(p))
        return -1;
    if (p->spill)
        return (ssize_t)fwrite(buf, 1, n, p->spill);
    xlsx_zip_stream_write(p->stream);     /* before its bytes can move */
    if (membuf_write(&p->m, buf, n))
        return -1;
    return (ssize_t)n;
}

static ssize_t _read(void *c, char *buf, size_t n)
{
    _part *p = c;
    if (p->spill)
        return (ssize_t)fread(buf, 1, n, p->spill);
    xlsx_zip_stream_source(p->stream, p->m.data, p->m.len);
    return (ssize_t)membuf_read(&p->m, buf, n);
}

static int _seek(void *c, off64_t *off, int whence)
{
    _part *p = c;
    if (p->spill) {
        if (fseeko(p->spill, (off_t)*off, whence))
            return -1;
        *off = ftello(p->spill);
        return *off < 0 ? -1 : 0;
    }
    if (membuf_seek(&p->m, (long long)*off, whence))
        return -1;
    *off = (off64_t)p->m.pos;
    return 0;
}

static int _close(void *c)
{
    _part *p = c;
    if (xlsx_zip_stream_close(p->stream, p->m.data))
        p->m.data = NULL;             /* the stream frees it once deflated */
    int rc = p->spill ? fclose(p->spill) : 0;
    membuf_release(&p->m);
    free(p->tmpdir);
    free(p);
    return rc ? -1 : 0;
}

FILE *lxw_tmpfile(char *tmpdir)
{
    if (!_memory)
        return _real_tmpfile(tmpdir);
    _part *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    if (tmpdir && !(p->tmpdir = strdup(tmpdir))) {
        free(p);
        return NULL;
    }
    cookie_io_functions_t io = {.read = _read, .write = _write, .seek = _seek,
                                .close = _close};
    FILE *f = fopencookie(p, "w+", io);
    if (!f) {
        free(p->tmpdir);
        free(p);
        return NULL;
    }
    p->stream = xlsx_zip_stream_new();
    return f;
}
