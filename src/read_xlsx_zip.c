/*
 * read_xlsx_zip.c - the parts of a workbook, inflated by libminizip's
 * unzip side and fed to expat in 64 KiB pieces (read_xlsx_priv.h): a
 * part's inflated size is checked against XLSX_MAX_PART from its header
 * before reading and counted while inflating, so a zip bomb is refused
 * without being expanded.
 */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unzip.h>

#include "diag.h"
#include "read_xlsx_priv.h"

#define CHUNK ((size_t)64 << 10)

struct xz_archive {
    unzFile uf;
};

xz_archive *xz_open(const char *path)
{
    unzFile uf = unzOpen64(path);
    if (!uf)
        return NULL;
    xz_archive *z = malloc(sizeof *z);
    if (!z) {
        unzClose(uf);
        return NULL;
    }
    z->uf = uf;
    return z;
}

void xz_close(xz_archive *z)
{
    if (z) {
        unzClose(z->uf);
        free(z);
    }
}

int xz_has(xz_archive *z, const char *name)
{
    return unzLocateFile(z->uf, name, 1) == UNZ_OK;
}

const char *xz_local(const char *name)
{
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

const char *xz_attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strcmp(xz_local(atts[i]), name))
            return atts[i + 1];
    return NULL;
}

void xz_text_add(xz_text *t, const char *s, size_t n, size_t limit)
{
    if (t->failed || n == 0)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 64;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = t->len + n + 1 <= limit ? realloc(t->s, cap) : NULL;
        if (!p) {
            t->failed = 1;
            return;
        }
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

void xz_text_release(xz_text *t)
{
    free(t->s);
    memset(t, 0, sizeof *t);
}

static int _too_large(const char *path, const char *name)
{
    return diag_at(path, 0, 0, "part '%s' inflates beyond %llu MiB (a zip bomb or a "
                   "damaged workbook; refused)", name, XLSX_MAX_PART >> 20), EX_DATAERR;
}

static int _xml_error(const char *path, const char *name, XML_Parser p)
{
    diag_at(path, 0, 0, "malformed XML in part '%s' (line %lu, column %lu: %s)", name,
            (unsigned long)XML_GetCurrentLineNumber(p),
            (unsigned long)XML_GetCurrentColumnNumber(p) + 1,
            XML_ErrorString(XML_GetErrorCode(p)));
    return EX_DATAERR;
}

/* Feed the open part to p; 0, EX_DATAERR after a message, or -1: stopped. */
static int _feed(xz_archive *z, const char *path, const char *name, XML_Parser p)
{
    unsigned long long total = 0;
    for (;;) {
        void *buf = XML_GetBuffer(p, (int)CHUNK);
        if (!buf)
            return diag_oom();
        int got = unzReadCurrentFile(z->uf, buf, (unsigned)CHUNK);
        if (got < 0)
            return diag_at(path, 0, 0, "part '%s' is damaged (the workbook cannot be "
                           "unzipped: error %d)", name, got), EX_DATAERR;
        total += (unsigned)got;
        if (total > XLSX_MAX_PART)
            return _too_large(path, name);
        if (XML_ParseBuffer(p, got, got == 0) == XML_STATUS_ERROR)
            return XML_GetErrorCode(p) == XML_ERROR_ABORTED ? -1
                                                            : _xml_error(path, name, p);
        if (got == 0)
            return 0;
    }
}

int xz_parse(xz_archive *z, const char *path, const char *name, XML_Parser p,
             int *stopped)
{
    unz_file_info64 info;
    *stopped = 0;
    if (unzLocateFile(z->uf, name, 1) != UNZ_OK
        || unzGetCurrentFileInfo64(z->uf, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK)
        return diag_at(path, 0, 0, "the workbook has no part '%s' (a damaged workbook?)",
                       name), EX_DATAERR;
    if (info.uncompressed_size > XLSX_MAX_PART)
        return _too_large(path, name);
    if (info.flag & 1)
        return diag_at(path, 0, 0, "the workbook is password-protected (save a copy "
                       "without a password to import it)"), EX_DATAERR;
    if (unzOpenCurrentFile(z->uf) != UNZ_OK)
        return diag_at(path, 0, 0, "part '%s' cannot be unzipped (a damaged workbook?)",
                       name), EX_DATAERR;
    int rc = _feed(z, path, name, p);
    int closed = unzCloseCurrentFile(z->uf);
    if (rc == -1) {
        *stopped = 1;
        return 0;
    }
    if (!rc && closed == UNZ_CRCERROR)
        rc = (diag_at(path, 0, 0, "part '%s' is damaged (its checksum does not match)",
                      name), EX_DATAERR);
    return rc;
}
