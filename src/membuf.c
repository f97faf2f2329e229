/*
 * membuf.c - bytes in memory read and written like a file (membuf.h).
 */
#include "membuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int _grow(membuf *b, size_t need)
{
    size_t cap = b->cap ? b->cap : 64u << 10;
    while (cap < need)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d)
        return -1;
    b->data = d;
    b->cap = cap;
    return 0;
}

int membuf_write(membuf *b, const void *p, size_t n)
{
    if (n > (size_t)-1 - b->pos || (b->pos + n > b->cap && _grow(b, b->pos + n)))
        return -1;
    if (b->pos > b->len)   /* a hole after a seek past the end reads as zeros */
        memset(b->data + b->len, 0, b->pos - b->len);
    if (n)
        memcpy(b->data + b->pos, p, n);
    b->pos += n;
    if (b->pos > b->len)
        b->len = b->pos;
    return 0;
}

size_t membuf_read(membuf *b, void *p, size_t n)
{
    size_t k = b->pos < b->len ? b->len - b->pos : 0;
    if (k > n)
        k = n;
    if (k)
        memcpy(p, b->data + b->pos, k);
    b->pos += k;
    return k;
}

int membuf_seek(membuf *b, long long off, int whence)
{
    long long base = whence == SEEK_SET ? 0
                     : whence == SEEK_CUR ? (long long)b->pos : (long long)b->len;
    if (off < -base)
        return -1;
    b->pos = (size_t)(base + off);
    return 0;
}

void membuf_release(membuf *b)
{
    free(b->data);
    *b = (membuf){0};
}
