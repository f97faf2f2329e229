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

void heap_prefault(size_t bytes)
{
#ifdef MADV_POPULATE_WRITE
    static size_t done;            /* the heap keeps what was grown before */
    if (bytes <= done || bytes > PREFAULT_MAX)
        return;
    /* from the heap, not a mapping of its own that free() would unmap */
    mallopt(M_MMAP_THRESHOLD, (int)PREFAULT_MAX);
    char *p = malloc(bytes);
    if (!p)
        return;
    uintptr_t page = 4096, a = ((uintptr_t)p + page - 1) & ~(page - 1),
              z = ((uintptr_t)p + bytes) & ~(page - 1);
    if (z > a)
        (void)madvise((void *)a, z - a, MADV_POPULATE_WRITE);
    free(p);
    done = bytes;
#else
    (void)bytes;
#endif
}
