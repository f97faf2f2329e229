/*
 * mc_mem.c - memory for the Monte Carlo's per-path rows (mc_priv.h): one
 * large block, 2 MB aligned and marked for transparent huge pages where the
 * system has them, so filling 100 MB of outputs takes some fifty page
 * faults instead of 25,000 (the kernel's time was a fifth of the run's).
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "mc_priv.h"

#define HUGE_PAGE ((size_t)2 << 20)

void *cxi_mc_big_alloc(size_t size)
{
    void *p = NULL;
    if (size < 4 * HUGE_PAGE)
        return malloc(size ? size : 1);
    size_t rounded = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    if (posix_memalign(&p, HUGE_PAGE, rounded) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    (void)madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return p;
}

void cxi_mc_prefault(void *p, size_t size)
{
#ifdef MADV_POPULATE_WRITE
    uintptr_t page = 4096, a = ((uintptr_t)p + page - 1) & ~(page - 1),
              z = ((uintptr_t)p + size) & ~(page - 1);
    if (z > a)
        (void)madvise((void *)a, z - a, MADV_POPULATE_WRITE);
#else
    (void)p, (void)size;
#endif
}
