/*
 * batch_key.c - a run's key by content, and whether a workbook is a zip
 * (batch_key.h).
 */
#define _GNU_SOURCE
#include "batch_key.h"

#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reader.h"
#include "version.h"
#include "yaml_tree.h"

/* A text with its terminating NUL, so that fields cannot run together. */
static void _text(struct sha256_ctx *h, const char *s)
{
    sha256_update(h, strlen(s) + 1, (const uint8_t *)s);
}

/* The whole file at path (NUL-terminated, at most READER_MAX_FILE bytes)
 * or NULL. */
static char *_slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) ||
        (size_t)st.st_size > READER_MAX_FILE) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t n = 0;
    ssize_t k = 1;
    while (buf && n < (size_t)st.st_size && (k = read(fd, buf + n, (size_t)st.st_size - n)) > 0)
        n += (size_t)k;
    close(fd);
    if (!buf || k < 0) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* A file's bytes, length first; a file that cannot be read as "missing". */
static void _file(struct sha256_ctx *h, const char *path)
{
    size_t len = 0;
    char *buf = _slurp(path, &len);
    uint64_t n = buf ? (uint64_t)len : UINT64_MAX;
    char *normal = batch_path_normal(path);
    _text(h, normal ? normal : path);
    free(normal);
    sha256_update(h, sizeof n, (const uint8_t *)&n);
    if (buf)
        sha256_update(h, len, (const uint8_t *)buf);
    free(buf);
}

/* An import named in the model: relative to the model's folder. */
static void _import(struct sha256_ctx *h, const char *model, const yt_node *n)
{
    if (!n || n->kind != YT_SCALAR || strlen(n->text) != n->len)
        return;
    const char *slash = strrchr(model, '/');
    int dir = n->text[0] == '/' || !slash ? 0 : (int)(slash - model) + 1;
    size_t size = (size_t)dir + n->len + 1;
    char *path = malloc(size);
    if (!path)
        return;
    snprintf(path, size, "%.*s%s", dir, model, n->text);
    _file(h, path);
    free(path);
}

/* Every file the model's top-level 'import' names (one or a list). */
static void _imports(struct sha256_ctx *h, const char *model, const char *text, size_t len)
{
    if (!memmem(text, len, "import", 6))
        return;                /* no import: no need to parse */
    size_t bom = reader_bom(text, len);
    yt_node *root = NULL;
    yt_error err;
    if (yt_parse(text + bom, len - bom, &root, &err) != YT_OK)
        return;
    const yt_node *im = yt_get(root, "import");
    if (im && im->kind == YT_SEQUENCE)
        for (size_t i = 0; i < im->nitems; i++)
            _import(h, model, im->items[i]);
    else
        _import(h, model, im);
    yt_free(root);
}

void batch_key(const batch_run *r, char key[BATCH_KEY_SIZE])
{
    size_t len = 0;
    char *text = _slurp(r->model, &len);
    if (!text) {
        snprintf(key, BATCH_KEY_SIZE, "-");
        return;
    }
    struct sha256_ctx h;
    sha256_init(&h);
    _text(&h, "capex " CAPEX_VERSION);
    _text(&h, r->path);
    _text(&h, r->scenario ? r->scenario : "base");
    _text(&h, r->row);
    uint64_t n = len;
    sha256_update(&h, sizeof n, (const uint8_t *)&n);
    sha256_update(&h, len, (const uint8_t *)text);
    _imports(&h, r->model, text, len);
    free(text);
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&h, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        snprintf(key + 2 * i, 3, "%02x", d[i]);
}

/* ---- is it a zip? ------------------------------------------------------ */

static uint32_t _u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

int batch_zip_ok(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return 0;
    /* The end record: 22 bytes at the very end (capex writes no comment). */
    unsigned char end[22], cd[4];
    int ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 22 + 4 &&
             pread(fd, end, sizeof end, st.st_size - 22) == (ssize_t)sizeof end &&
             _u32(end) == 0x06054b50;
    if (ok) {
        uint64_t size = _u32(end + 12), offset = _u32(end + 16);
        ok = offset + size <= (uint64_t)st.st_size - 22 &&
             pread(fd, cd, sizeof cd, (off_t)offset) == (ssize_t)sizeof cd &&
             _u32(cd) == 0x02014b50;
    }
    close(fd);
    return ok;
}
