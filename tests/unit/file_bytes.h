/*
 * file_bytes.h - a file's bytes for the unit tests that compare workbooks
 * written two ways. Header-only (static inline), as fixture.h.
 */
#ifndef CX_TEST_FILE_BYTES_H
#define CX_TEST_FILE_BYTES_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

/* The whole of path (malloc'ed, the caller frees), its size in *n. */
static inline char *test_file_bytes(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long len = ftell(f);
    assert_true(len >= 0);
    rewind(f);
    char *d = malloc((size_t)len + 1);
    assert_non_null(d);
    assert_int_equal(fread(d, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return d;
}

/* Files a and b hold the same bytes. */
static inline void assert_same_file_bytes(const char *a, const char *b)
{
    size_t na, nb;
    char *pa = test_file_bytes(a, &na), *pb = test_file_bytes(b, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(pa, pb, na);
    free(pa);
    free(pb);
}

#endif
