/* test_xlsx_chart_cache.c - chart caches filled on the zip's worker
 * (xlsx_chart_cache.c) give the bytes of caches filled in place: one
 * workbook whose charts cache numbers, shared strings (Korean, & < >),
 * formulas and empty cells, from two sheets, written both ways and
 * compared byte for byte; and the step did run on the worker. */
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
#include "xlsx_chart_cache.h"
#include "xlsx_tmpfile.h"
#include "xlsx_zip_async.h"

static void _workbook(const char *path)
{
    xlsx_zip_async_begin();            /* as capex does: the worker from the start */
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_doc_properties p = {.created = 1};     /* not the clock: same bytes */
    workbook_set_properties(wb, &p);
    lxw_worksheet *data = workbook_add_worksheet(wb, "Data");
    lxw_worksheet *more = workbook_add_worksheet(wb, "설비투자");
    for (int r = 0; r < 400; r++) {
        char label[32];
        snprintf(label, sizeof label, r % 2 ? "Q%d & <%d>" : "%d년", r % 4 + 1, r);
        worksheet_write_string(data, (lxw_row_t)r, 0, label, NULL);
        worksheet_write_number(data, (lxw_row_t)r, 1, r * 1.25 - 100, NULL);
        if (r % 7)                                 /* gaps: points without data */
            worksheet_write_number(data, (lxw_row_t)r, 2, r / 3.0, NULL);
        worksheet_write_formula_num(more, (lxw_row_t)r, 0, "=Data!B1*2", NULL, r * 2.5);
    }
    for (int k = 0; k < 3; k++) {
        lxw_chart *ch = workbook_add_chart(wb, k == 1 ? LXW_CHART_COLUMN : LXW_CHART_LINE);
        chart_add_series(ch, "=Data!$A$1:$A$400", "=Data!$B$1:$B$400");
        chart_add_series(ch, "=Data!$A$1:$A$400", "=Data!$C$1:$C$400");
        lxw_chart_series *s = chart_add_series(ch, NULL, "='설비투자'!$A$1:$A$400");
        chart_series_set_name(s, "=Data!$A$2");
        chart_title_set_name(ch, "=Data!$A$4");
        worksheet_insert_chart(more, (lxw_row_t)(k * 20), 3, ch);
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    xlsx_zip_async_end();
}

static void same_bytes_as_in_place(void **state)
{
    (void)state;
    assert_int_equal(xlsx_chart_cache_async(0), 1);
    char a[] = "/tmp/capex-chartcache-a-XXXXXX", b[] = "/tmp/capex-chartcache-b-XXXXXX";
    close(mkstemp(a));
    close(mkstemp(b));
    xlsx_tmpfile_memory(1);
    xlsx_zip_async(1);                 /* the worker runs both times */
    _workbook(a);
    unsigned before = xlsx_chart_cache_queued();
    xlsx_chart_cache_async(1);
    _workbook(b);
    xlsx_chart_cache_async(0);
    assert_int_equal(xlsx_chart_cache_queued(), before + 1);
    xlsx_zip_async(0);                 /* and no worker: filled in place */
    xlsx_chart_cache_async(1);
    char c[] = "/tmp/capex-chartcache-c-XXXXXX";
    close(mkstemp(c));
    _workbook(c);
    xlsx_chart_cache_async(0);
    assert_int_equal(xlsx_chart_cache_queued(), before + 1);
    xlsx_tmpfile_memory(0);
    assert_same_file_bytes(a, b);
    assert_same_file_bytes(a, c);
    size_t n;
    char *bytes = test_file_bytes(a, &n);
    assert_true(n > 10000);
    free(bytes);
    unlink(a);
    unlink(b);
    unlink(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_bytes_as_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
