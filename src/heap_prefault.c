/*
 * heap_prefault.c - the heap grown and populated ahead of a writer
 * (heap_prefault.h).
 */
#define _GNU_SOURCE
#include "heap_prefault.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define PREFAULT_MAX ((size_t)64 << 20)

#ifdef MADV_POPULATE_WRITE
/* The whole pages of [p, p + bytes) into *addr and *len; 0, or -1 when
 * there is none. */
static int _pages(const void *p, size_t bytes, void **addr, size_t *len)
{
    uintptr_t page = 4096, a = ((uintptr_t)p + page - 1) & ~(page - 1),
              z = ((uintptr_t)p + bytes) & ~(page - 1);
    if (z <= a)
        return -1;
    *addr = (void *)a;
    *len = z - a;
    return 0;
}
#endif

int heap_prefault_grow(size_t bytes, void **addr, size_t *len)
{
#ifdef MADV_POPULATE_WRITE
    static size_t done;            /* the heap keeps what was grown before */
    if (bytes <= done || bytes > PREFAULT_MAX)
        return -1;
    /* from the heap, not a mapping of its own that free() would unmap */
    mallopt(M_MMAP_THRESHOLD, (int)PREFAULT_MAX);
    char *p = malloc(bytes);
    if (!p)
        return -1;
    int rc = _pages(p, bytes, addr, len);    /* the address only, once freed */
    free(p);
    done = bytes;
    return rc;
#else
    (void)bytes;
    (void)addr;
    (void)len;
    return -1;
#endif
}

void heap_prefault_populate(void *addr, size_t len)
{
#ifdef MADV_POPULATE_WRITE
    /* a hint: pages already present (or a range no longer mapped) are
     * left as they are */
    (void)madvise(addr, len, MADV_POPULATE_WRITE);
#else
    (void)addr;
    (void)len;
#endif
}

void heap_prefault_here(void *unused, size_t bytes)
{
    (void)unused;
#ifdef MADV_POPULATE_WRITE
    if (bytes > PREFAULT_MAX)
        return;
    char *p = malloc(bytes);
    if (!p)
        return;
    void *a;
    size_t n;
    if (!_pages(p, bytes, &a, &n))
        heap_prefault_populate(a, n);
    free(p);      /* kept by this thread's arena: main.c's trim threshold */
#else
    (void)bytes;
#endif
}
