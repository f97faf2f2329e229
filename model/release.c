/*
 * release.c - freeing what an engine struct holds (release.h).
 */
#include "release.h"

#include <stdlib.h>
#include <string.h>

static void _free_each(void *const *arrays, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(arrays[i]);
}

void cxi_release(void *s, size_t size, void *const *arrays, size_t n)
{
    _free_each(arrays, n);
    memset(s, 0, size);
}

void cxi_free_with(void *s, void *const *arrays, size_t n)
{
    _free_each(arrays, n);
    free(s);
}
