/*
 * heap_prefault.h - memory a writer is about to fill, made present ahead:
 * the heap grown by `bytes` and handed back to malloc, which keeps it
 * (main.c's trim threshold), then its pages populated in one call
 * (MADV_POPULATE_WRITE), possibly by another thread while the writer
 * starts (xlsx_book.c gives it to the zip's worker). In a virtual machine each page fault costs
 * microseconds; a monthly workbook touches about a thousand pages one
 * fault at a time otherwise (docs/performance.md). A hint: where the
 * system cannot, nothing changes.
 */
#ifndef CAPEX_HEAP_PREFAULT_H
#define CAPEX_HEAP_PREFAULT_H

#include <stddef.h>

/** Grow the heap by bytes (handed back to malloc at once) and give its
 *  whole pages; 0, or -1 when there is nothing to do (grown that far
 *  already, too large, or not supported). */
int heap_prefault_grow(size_t bytes, void **addr, size_t *len);

/** Make the pages of [addr, addr + len) present; safe while other
 *  threads use them (nothing is written). */
void heap_prefault_populate(void *addr, size_t len);

/** The same for the calling thread's own malloc arena (a thread other
 *  than the main one allocates from an arena of its own): bytes allocated,
 *  populated and freed, the arena keeping them. The signature of a job
 *  for the zip's worker (xlsx_zip_async_later). */
void heap_prefault_here(void *unused, size_t bytes);

#endif
