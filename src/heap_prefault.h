/*
 * heap_prefault.h - memory a writer is about to fill, made present in one
 * call: the heap grown by `bytes` and its pages populated
 * (MADV_POPULATE_WRITE), then handed back to malloc, which keeps it
 * (main.c's trim threshold). In a virtual machine each page fault costs
 * microseconds; a monthly workbook touches about a thousand pages one
 * fault at a time otherwise (docs/performance.md). A hint: where the
 * system cannot, nothing changes.
 */
#ifndef CAPEX_HEAP_PREFAULT_H
#define CAPEX_HEAP_PREFAULT_H

#include <stddef.h>

void heap_prefault(size_t bytes);

/** heap_prefault in two steps, for a thread of its own to populate while
 *  the writer starts: grow the heap by bytes (handed back to malloc at
 *  once) and give its whole pages; 0, or -1 when there is nothing to do
 *  (grown that far already, too large, or not supported). */
int heap_prefault_grow(size_t bytes, void **addr, size_t *len);

/** Make the pages of [addr, addr + len) present; safe while other
 *  threads use them (nothing is written). */
void heap_prefault_populate(void *addr, size_t len);

#endif
