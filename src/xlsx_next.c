/*
 * xlsx_next.c - the library's own definition of a function capex
 * provides in its place (xlsx_next.h).
 */
#define _GNU_SOURCE
#include "xlsx_next.h"

#include <dlfcn.h>

void *xlsx_next(const char *name, void **cache)
{
    if (!*cache)
        *cache = dlsym(RTLD_NEXT, name);
    return *cache;
}
