/* test_xlsx_ahead.c - formulas composed on the zip's worker (xlsx_ahead.c)
 * reach the main thread intact, in order, with their kinds: 40 rows of 120
 * cells, every third cell without a formula, texts of 7 to 600 bytes (a
 * row's, about 24 KB, past its buffer's first size); and nothing is
 * composed ahead without the worker. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xlsx_ahead.h"
#include "xlsx_zip_async.h"

enum { ROWS = 40, COLS = 120 };

/* The expected text of (row, col), written out here: "=R<row>C<col>"
 * then (row * 7 + col) % 300 times "+1". */
static void _expected(size_t row, int col, char *out, size_t cap)
{
    int n = snprintf(out, cap, "=R%zuC%d", row, col);
    for (size_t i = 0; i < (row * 7 + (size_t)col) % 300; i++)
        n += snprintf(out + n, cap - (size_t)n, "+1");
}

static int _compose(xlsx_book *b, size_t row, int col, xb_str *f)
{
    (void)b;
    if ((row + (size_t)col) % 3 == 0)
        return 0;                       /* no formula */
    char text[1024];
    _expected(row, col, text, sizeof text);
    xs_printf(f, "%s", text);
    return 1 + col % 2;                 /* two kinds of formula cell */
}

static void composed_on_the_worker(void **state)
{
    (void)state;
    xlsx_zip_async(1);
    xlsx_zip_async_begin();
    xb_ahead *a = xb_ahead_start(NULL, ROWS, COLS, _compose);
    assert_non_null(a);
    char want[1024];
    for (size_t r = 0; r < ROWS; r++)
        for (int c = 0; c < COLS; c++) {
            const char *text;
            int kind = xb_ahead_get(a, r, (size_t)c, &text);
            if ((r + (size_t)c) % 3 == 0) {
                assert_int_equal(kind, 0);
                continue;
            }
            assert_int_equal(kind, 1 + c % 2);
            _expected(r, c, want, sizeof want);
            assert_string_equal(text, want);
        }
    xb_ahead_end(a);
    xlsx_zip_async_end();
    xlsx_zip_async(0);
}

static void nothing_ahead_without_the_worker(void **state)
{
    (void)state;
    xlsx_zip_async(0);
    assert_null(xb_ahead_start(NULL, ROWS, COLS, _compose));
    xb_ahead_end(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(composed_on_the_worker),
        cmocka_unit_test(nothing_ahead_without_the_worker),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
