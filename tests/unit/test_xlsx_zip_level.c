/* test_xlsx_zip_level.c - the deflate level reaches libxlsxwriter's zip step:
 * the same workbook at level 1 is larger than at libxlsxwriter's default
 * (6), and back at the default it is the same bytes as before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <xlsxwriter.h>

#include "xlsx_zip_async.h"
#include "xlsx_zip_level.h"

/* A sheet of 20,000 numbers; returns the file's size. */
static long _write(const char *path)
{
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_doc_properties p = {.created = 1};     /* not the clock: same bytes */
    workbook_set_properties(wb, &p);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    for (int r = 0; r < 2000; r++)
        for (int c = 0; c < 10; c++)
            worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, r * 10.0 + c / 7.0, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return (long)st.st_size;
}

static void level_one_is_larger_and_default_is_restored(void **state)
{
    (void)state;
    char a[] = "/tmp/capex-zip-a-XXXXXX", b[] = "/tmp/capex-zip-b-XXXXXX",
         c[] = "/tmp/capex-zip-c-XXXXXX";
    close(mkstemp(a));
    close(mkstemp(b));
    close(mkstemp(c));
    /* the level is applied by capex's zipOpenNewFileInZip4_64, which lives
     * with the zip's other entry calls (xlsx_zip_async.c): here on this
     * thread */
    xlsx_zip_async(0);
    long deflt = _write(a);
    xlsx_zip_level_set(1);
    long fast = _write(b);
    xlsx_zip_level_set(-1);
    long again = _write(c);
    assert_true(fast > deflt);          /* level 1 compresses less */
    assert_int_equal(again, deflt);
    xlsx_zip_level_set(42);                  /* out of range: the default */
    assert_int_equal(_write(c), deflt);
    xlsx_zip_level_set(-1);
    unlink(a);
    unlink(b);
    unlink(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(level_one_is_larger_and_default_is_restored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
