/* test_xlsx_tmpfile.c - capex's lxw_tmpfile: with memory parts on, a stream
 * that reads back what was written (after seeks and overwrites, and past the
 * 16 MiB spill to a real file) and is no file descriptor; off, a real file;
 * and a workbook closed with memory parts is the same bytes as one closed
 * with files. */
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
#include "xlsx_tmpfile.h"

static void memory_stream_reads_back_what_was_written(void **state)
{
    (void)state;
    xlsx_tmpfile_memory(1);
    FILE *f = lxw_tmpfile(NULL);
    xlsx_tmpfile_memory(0);
    assert_non_null(f);
    assert_int_equal(fileno(f), -1);              /* no file behind it */
    assert_int_equal(fputs("<sheet>hello</sheet>", f) >= 0, 1);
    assert_int_equal(fseek(f, 7, SEEK_SET), 0);
    assert_int_equal(fputs("HELLO", f) >= 0, 1);
    assert_int_equal(ftell(f), 12);
    rewind(f);
    char buf[64] = {0};
    assert_int_equal(fread(buf, 1, sizeof buf, f), 20);
    assert_string_equal(buf, "<sheet>HELLO</sheet>");
    assert_int_equal(fseek(f, -8, SEEK_END), 0);
    memset(buf, 0, sizeof buf);
    assert_int_equal(fread(buf, 1, 3, f), 3);
    assert_string_equal(buf, "</s");
    assert_int_equal(fclose(f), 0);
}

static void large_part_spills_and_reads_back(void **state)
{
    (void)state;
    const size_t n = 17u << 20;                   /* past the 16 MiB spill */
    xlsx_tmpfile_memory(1);
    FILE *f = lxw_tmpfile(NULL);
    xlsx_tmpfile_memory(0);
    assert_non_null(f);
    char block[4096];
    for (size_t i = 0; i < n; i += sizeof block) {
        for (size_t j = 0; j < sizeof block; j++)
            block[j] = (char)((i + j) % 251);
        assert_int_equal(fwrite(block, 1, sizeof block, f), sizeof block);
    }
    rewind(f);
    size_t got = 0, bad = 0, k;
    while ((k = fread(block, 1, sizeof block, f)) > 0) {
        for (size_t j = 0; j < k; j++)
            bad += block[j] != (char)((got + j) % 251);
        got += k;
    }
    assert_int_equal(got, n);
    assert_int_equal(bad, 0);
    assert_int_equal(fclose(f), 0);
}

static void files_when_off(void **state)
{
    (void)state;
    FILE *f = lxw_tmpfile(NULL);
    assert_non_null(f);
    assert_true(fileno(f) >= 0);
    fclose(f);
}

static long _workbook(const char *path, int memory, char **bytes)
{
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_doc_properties p = {.created = 1};     /* not the clock: same bytes */
    workbook_set_properties(wb, &p);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Data");
    for (int r = 0; r < 500; r++) {
        worksheet_write_number(ws, (lxw_row_t)r, 0, r / 3.0, NULL);
        worksheet_write_string(ws, (lxw_row_t)r, 1, "text", NULL);
    }
    lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_LINE);
    chart_add_series(ch, NULL, "=Data!$A$1:$A$500");
    worksheet_insert_chart(ws, 0, 3, ch);
    xlsx_tmpfile_memory(memory);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    xlsx_tmpfile_memory(0);
    size_t n;
    *bytes = test_file_bytes(path, &n);
    return (long)n;
}

static void workbook_same_bytes_from_memory_and_files(void **state)
{
    (void)state;
    char a[] = "/tmp/capex-tmpf-a-XXXXXX", b[] = "/tmp/capex-tmpf-b-XXXXXX";
    close(mkstemp(a));
    close(mkstemp(b));
    char *fa, *fb;
    long na = _workbook(a, 0, &fa);
    long nb = _workbook(b, 1, &fb);
    assert_true(na > 1000);
    assert_int_equal(na, nb);
    assert_memory_equal(fa, fb, (size_t)na);
    free(fa);
    free(fb);
    unlink(a);
    unlink(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memory_stream_reads_back_what_was_written),
        cmocka_unit_test(large_part_spills_and_reads_back),
        cmocka_unit_test(files_when_off),
        cmocka_unit_test(workbook_same_bytes_from_memory_and_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
