/*
 * zip_entries.h - a zip's entries read back with minizip's unzip side
 * (zlib's inflate, each entry's CRC-32 checked), for the unit tests that
 * check a workbook's parts whatever deflated them. Header-only (static
 * inline), as file_bytes.h.
 */
#ifndef CX_TEST_ZIP_ENTRIES_H
#define CX_TEST_ZIP_ENTRIES_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <minizip/unzip.h>

/* The entry's name and inflated bytes (the CRC checked on the way). */
typedef struct {
    char name[256];
    unsigned char *data;
    size_t len;
} test_zip_entry;

/* Every entry of path, in order (the caller frees with
 * test_zip_entries_free); their number in *n. */
static inline test_zip_entry *test_zip_entries(const char *path, size_t *n)
{
    unzFile z = unzOpen64(path);
    assert_non_null(z);
    unz_global_info64 gi;
    assert_int_equal(unzGetGlobalInfo64(z, &gi), UNZ_OK);
    test_zip_entry *e = calloc(gi.number_entry ? gi.number_entry : 1, sizeof *e);
    assert_non_null(e);
    size_t k = 0;
    for (int rc = unzGoToFirstFile(z); rc == UNZ_OK; rc = unzGoToNextFile(z), k++) {
        unz_file_info64 fi;
        assert_int_equal(unzGetCurrentFileInfo64(z, &fi, e[k].name, sizeof e[k].name, NULL,
                                                 0, NULL, 0),
                         UNZ_OK);
        e[k].len = (size_t)fi.uncompressed_size;
        e[k].data = malloc(e[k].len + 1);
        assert_non_null(e[k].data);
        assert_int_equal(unzOpenCurrentFile(z), UNZ_OK);
        int got = unzReadCurrentFile(z, e[k].data, (unsigned)e[k].len + 1);
        assert_int_equal(got, (int)e[k].len);
        assert_int_equal(unzCloseCurrentFile(z), UNZ_OK);    /* UNZ_CRCERROR else */
    }
    assert_int_equal(k, gi.number_entry);
    unzClose(z);
    *n = k;
    return e;
}

static inline void test_zip_entries_free(test_zip_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(e[i].data);
    free(e);
}

/* Zips a and b hold the same entries, in the same order, with the same
 * inflated bytes (however each was deflated). */
static inline void assert_same_zip_entries(const char *a, const char *b)
{
    size_t na, nb;
    test_zip_entry *ea = test_zip_entries(a, &na), *eb = test_zip_entries(b, &nb);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_string_equal(ea[i].name, eb[i].name);
        assert_int_equal(ea[i].len, eb[i].len);
        assert_memory_equal(ea[i].data, eb[i].data, ea[i].len);
    }
    test_zip_entries_free(ea, na);
    test_zip_entries_free(eb, nb);
}

#endif
