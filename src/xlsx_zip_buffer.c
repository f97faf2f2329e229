/*
 * xlsx_zip_buffer.c - minizip's zipOpen, the zip built in an armed buffer
 * (xlsx_zip_buffer.h).
 */
#define _GNU_SOURCE
#include "xlsx_zip_buffer.h"

#include <dlfcn.h>
#include <stdio.h>
#include <xlsxwriter/third_party/zip.h>

static xlsx_zip_buffer *_armed;

void xlsx_zip_buffer_arm(xlsx_zip_buffer *b)
{
    _armed = b;
}

int xlsx_zip_buffer_available(void)
{
    return dlsym(RTLD_DEFAULT, "zipOpen") == (void *)zipOpen;
}

/* ---- minizip's file functions over the buffer -------------------------- */

static voidpf ZCALLBACK _open(voidpf opaque, const void *filename, int mode)
{
    xlsx_zip_buffer *b = opaque;
    (void)filename;
    (void)mode;
    if (b->opened)
        return NULL;
    b->opened = 1;
    return b;
}

static uLong ZCALLBACK _read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
    (void)opaque;
    xlsx_zip_buffer *b = stream;
    return (uLong)membuf_read(&b->m, buf, size);
}

static uLong ZCALLBACK _write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
    (void)opaque;
    xlsx_zip_buffer *b = stream;
    if (membuf_write(&b->m, buf, size)) {
        b->failed = 1;
        return 0;
    }
    return size;
}

static ZPOS64_T ZCALLBACK _tell(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((xlsx_zip_buffer *)stream)->m.pos;
}

static long ZCALLBACK _seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
    (void)opaque;
    xlsx_zip_buffer *b = stream;
    int whence = origin == ZLIB_FILEFUNC_SEEK_SET   ? SEEK_SET
                 : origin == ZLIB_FILEFUNC_SEEK_CUR ? SEEK_CUR
                                                    : SEEK_END;
    return membuf_seek(&b->m, (long long)off, whence) ? -1 : 0;
}

static int ZCALLBACK _close(voidpf opaque, voidpf stream)
{
    (void)opaque;
    xlsx_zip_buffer *b = stream;
    b->closed = !b->failed;
    return b->failed ? -1 : 0;
}

static int ZCALLBACK _error(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((xlsx_zip_buffer *)stream)->failed;
}

typedef zipFile (*_open_fn)(const char *, int);

zipFile ZEXPORT zipOpen(const char *pathname, int append)
{
    xlsx_zip_buffer *b = _armed;
    if (b && !append) {
        zlib_filefunc64_def io = {.zopen64_file = _open, .zread_file = _read,
                                  .zwrite_file = _write, .ztell64_file = _tell,
                                  .zseek64_file = _seek, .zclose_file = _close,
                                  .zerror_file = _error, .opaque = b};
        _armed = NULL;          /* this workbook's zip only */
        return zipOpen2_64(pathname, append, NULL, &io);
    }
    static _open_fn real;
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "zipOpen");
        if (!sym)
            return NULL;
        *(void **)&real = sym;
    }
    return real(pathname, append);
}
