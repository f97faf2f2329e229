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

#define SPILL_AT (16u << 20)   /* bytes kept in memory before a real file */

static int _memory;

void xlsx_tmpfile_memory(int on)
{
    _memory = on != 0;
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

/* One part: bytes [0, len) of data, the stream at pos; or, past SPILL_AT,
 * everything in the real temporary file spill. */
typedef struct {
    char *data;
    size_t len, cap, pos;
    FILE *spill;
    char *tmpdir;
} _part;

static int _spill(_part *p)
{
    p->spill = _real_tmpfile(p->tmpdir);
    if (!p->spill)
        return -1;
    if (fwrite(p->data, 1, p->len, p->spill) != p->len ||
        fseeko(p->spill, (off_t)p->pos, SEEK_SET)) {
        fclose(p->spill);
        p->spill = NULL;
        return -1;
    }
    free(p->data);
    p->data = NULL;
    return 0;
}

static int _grow(_part *p, size_t need)
{
    size_t cap = p->cap ? p->cap : 64u << 10;
    while (cap < need)
        cap *= 2;
    char *d = realloc(p->data, cap);
    if (!d)
        return -1;
    p->data = d;
    p->cap = cap;
    return 0;
}

static ssize_t _write(void *c, const char *buf, size_t n)
{
    _part *p = c;
    if (!p->spill && p->pos + n > SPILL_AT && _spill(p))
        return -1;
    if (p->spill)
        return (ssize_t)fwrite(buf, 1, n, p->spill);
    if (p->pos + n > p->cap && _grow(p, p->pos + n))
        return -1;
    if (p->pos > p->len)   /* a hole after a seek past the end reads as zeros */
        memset(p->data + p->len, 0, p->pos - p->len);
    memcpy(p->data + p->pos, buf, n);
    p->pos += n;
    if (p->pos > p->len)
        p->len = p->pos;
    return (ssize_t)n;
}

static ssize_t _read(void *c, char *buf, size_t n)
{
    _part *p = c;
    if (p->spill)
        return (ssize_t)fread(buf, 1, n, p->spill);
    size_t k = p->pos < p->len ? p->len - p->pos : 0;
    if (k > n)
        k = n;
    memcpy(buf, p->data + p->pos, k);
    p->pos += k;
    return (ssize_t)k;
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
    off64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off64_t)p->pos
                                                               : (off64_t)p->len;
    if (*off < -base)
        return -1;
    p->pos = (size_t)(base + *off);
    *off = (off64_t)p->pos;
    return 0;
}

static int _close(void *c)
{
    _part *p = c;
    int rc = p->spill ? fclose(p->spill) : 0;
    free(p->data);
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
    }
    return f;
}
