/*
 * release.h - the body of every engine `_release` and `_free`: the heap
 * arrays a struct holds freed, then the struct zeroed (release) or freed
 * itself (free). Engine-internal.
 */
#ifndef CX_RELEASE_H
#define CX_RELEASE_H

#include <stddef.h>

/* Frees the n arrays, then sets the size bytes at s to 0. */
void cxi_release(void *s, size_t size, void *const *arrays, size_t n);

/* Frees the n arrays, then s itself. */
void cxi_free_with(void *s, void *const *arrays, size_t n);

#endif
