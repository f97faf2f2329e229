/* test_xlsx_format_index.c - a format with the same properties as an
 * earlier one keeps the earlier one's style index once asked
 * (xlsx_format_index.h), and the workbook is the same bytes either way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <xlsxwriter.h>

#include "file_bytes.h"
#include "xlsx_format_index.h"

/* Two bold formats and an italic one, used in that order on 300 cells. */
static void _write(const char *path, int32_t *dup_index)
{
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_doc_properties p = {.created = 1};
    workbook_set_properties(wb, &p);
    lxw_format *bold = workbook_add_format(wb), *again = workbook_add_format(wb),
               *italic = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_bold(again);
    format_set_italic(italic);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_format *use[] = {again, italic, bold};
    for (int r = 0; r < 100; r++)
        for (int c = 0; c < 3; c++)
            worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, r + c, use[c]);
    int32_t first = lxw_format_get_xf_index(again);    /* the first bold used */
    assert_true(first > 0);
    assert_int_equal(lxw_format_get_xf_index(bold), first);
    *dup_index = bold->xf_index;
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void duplicate_keeps_the_index_same_bytes(void **state)
{
    (void)state;
    char a[] = "/tmp/capex-xf-a-XXXXXX", b[] = "/tmp/capex-xf-b-XXXXXX";
    close(mkstemp(a));
    close(mkstemp(b));
    int32_t off_index, on_index;
    xlsx_format_index_keep(0);
    _write(a, &off_index);
    xlsx_format_index_keep(1);
    _write(b, &on_index);
    xlsx_format_index_keep(0);
    assert_int_equal(off_index, LXW_PROPERTY_UNSET);   /* the library's way */
    assert_int_equal(on_index, 1);   /* 0 is the default style: bold is next */
    assert_same_file_bytes(a, b);
    unlink(a);
    unlink(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(duplicate_keeps_the_index_same_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
