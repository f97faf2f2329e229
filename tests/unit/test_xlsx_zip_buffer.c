/* test_xlsx_zip_buffer.c - a workbook's zip built in memory: the bytes are
 * those libxlsxwriter writes to a file, no file is made while armed, the
 * arm serves one zip only; membuf reads back what was written (holes read
 * as zeros); outfile_write_bytes and outfile_holds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>
#include <cmocka.h>
#include <xlsxwriter.h>

#include "file_bytes.h"
#include "membuf.h"
#include "outfile.h"
#include "xlsx_zip_buffer.h"

static void membuf_reads_back_with_holes(void **state)
{
    (void)state;
    membuf b = {0};
    assert_int_equal(membuf_write(&b, "PK..", 4), 0);
    assert_int_equal(membuf_seek(&b, 8, SEEK_SET), 0);     /* past the end */
    assert_int_equal(membuf_write(&b, "end", 3), 0);
    assert_int_equal(b.len, 11);
    assert_int_equal(membuf_seek(&b, 2, SEEK_SET), 0);     /* overwrite */
    assert_int_equal(membuf_write(&b, "ZZ", 2), 0);
    assert_int_equal(b.len, 11);
    assert_int_equal(membuf_seek(&b, -3, SEEK_END), 0);
    assert_int_equal(b.pos, 8);
    assert_int_equal(membuf_seek(&b, -12, SEEK_END), -1);  /* before the start */
    assert_int_equal(b.pos, 8);
    assert_int_equal(membuf_seek(&b, 0, SEEK_SET), 0);
    char got[16];
    assert_int_equal(membuf_read(&b, got, sizeof got), 11);
    assert_memory_equal(got, "PKZZ\0\0\0\0end", 11);
    assert_int_equal(membuf_read(&b, got, sizeof got), 0);
    membuf_release(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
}

/* A workbook of 300 rows and a chart to path (closed into zb when armed). */
static lxw_error _workbook(const char *path, xlsx_zip_buffer *zb)
{
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_doc_properties p = {.created = 1};     /* not the clock: same bytes */
    workbook_set_properties(wb, &p);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Data");
    for (int r = 0; r < 300; r++) {
        worksheet_write_number(ws, (lxw_row_t)r, 0, r / 7.0, NULL);
        worksheet_write_string(ws, (lxw_row_t)r, 1, "텍스트", NULL);
    }
    lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_LINE);
    chart_add_series(ch, NULL, "=Data!$A$1:$A$300");
    worksheet_insert_chart(ws, 0, 3, ch);
    xlsx_zip_buffer_arm(zb);
    lxw_error e = workbook_close(wb);
    xlsx_zip_buffer_arm(NULL);
    return e;
}

static void zip_in_memory_is_the_file_bytes(void **state)
{
    (void)state;
    assert_int_equal(xlsx_zip_buffer_available(), 1);
    char dir[] = "/tmp/capex-zipbuf-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char file[64], mem[64];
    snprintf(file, sizeof file, "%s/file.xlsx", dir);
    snprintf(mem, sizeof mem, "%s/mem.xlsx", dir);
    assert_int_equal(_workbook(file, NULL), LXW_NO_ERROR);
    xlsx_zip_buffer zb = {0};
    assert_int_equal(_workbook(mem, &zb), LXW_NO_ERROR);
    assert_true(zb.opened && zb.closed && !zb.failed);
    assert_int_equal(access(mem, F_OK), -1);        /* no file while armed */
    size_t n;
    char *bytes = test_file_bytes(file, &n);
    assert_true(n > 1000);
    assert_int_equal(zb.m.len, n);
    assert_memory_equal(zb.m.data, bytes, n);
    /* The arm is spent on one zip: the next workbook is a file again. */
    xlsx_zip_buffer once = {0};
    xlsx_zip_buffer_arm(&once);
    assert_int_equal(_workbook(mem, NULL), LXW_NO_ERROR);
    assert_int_equal(access(mem, F_OK), 0);
    assert_false(once.opened);
    free(bytes);
    membuf_release(&zb.m);
    unlink(file);
    unlink(mem);
    rmdir(dir);
}

static void write_bytes_then_holds(void **state)
{
    (void)state;
    char dir[] = "/tmp/capex-holds-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64], link[64], missing[80];
    snprintf(path, sizeof path, "%s/a.xlsx", dir);
    snprintf(link, sizeof link, "%s/b.xlsx", dir);
    snprintf(missing, sizeof missing, "%s/no/such/c.xlsx", dir);
    assert_int_equal(outfile_holds(path, "abc", 3), 0);      /* missing */
    assert_int_equal(outfile_write_bytes(path, "abcdef", 6), 0);
    size_t n;
    char *d = test_file_bytes(path, &n);
    assert_int_equal(n, 6);
    assert_memory_equal(d, "abcdef", 6);
    free(d);
    assert_int_equal(outfile_holds(path, "abcdef", 6), 1);
    assert_int_equal(outfile_holds(path, "abcdeg", 6), 0);  /* other bytes */
    assert_int_equal(outfile_holds(path, "abcde", 5), 0);   /* other length */
    assert_int_equal(symlink(path, link), 0);
    assert_int_equal(outfile_holds(link, "abcdef", 6), 0);  /* a link: not it */
    assert_int_equal(outfile_write_bytes(missing, "x", 1), EX_CANTCREAT);
    unlink(link);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(membuf_reads_back_with_holes),
        cmocka_unit_test(zip_in_memory_is_the_file_bytes),
        cmocka_unit_test(write_bytes_then_holds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
