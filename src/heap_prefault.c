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
    uintptr_t page = 4096, a = ((uintptr_t)p + page - 1) & ~(page - 1),
              z = ((uintptr_t)p + bytes) & ~(page - 1);
    free(p);
    done = bytes;
    if (z <= a)
        return -1;
    *addr = (void *)a;
    *len = z - a;
    return 0;
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
    uintptr_t page = 4096, a = ((uintptr_t)p + page - 1) & ~(page - 1),
              z = ((uintptr_t)p + bytes) & ~(page - 1);
    if (z > a)
        (void)madvise((void *)a, z - a, MADV_POPULATE_WRITE);
    free(p);      /* kept by this thread's arena: main.c's trim threshold */
#else
    (void)bytes;
#endif
}
