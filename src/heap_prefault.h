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

#endif
