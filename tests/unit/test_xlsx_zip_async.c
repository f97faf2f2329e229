/* test_xlsx_zip_async.c - the zip's entries written on the worker thread
 * are the bytes written on one thread: each case is written twice, with
 * xlsx_zip_async off and on, and the two files must be equal. Parts in
 * memory are deflated by libdeflate either way; so that the check does not
 * rest on that deflate alone, every zip is also read back with minizip's
 * unzip (zlib's inflate, CRCs checked) and its entries compared with the
 * same workbook's written from parts in files, which minizip deflates with
 * zlib (and, for the entries made by hand, with the bytes written). */
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
#include <xlsxwriter/third_party/zip.h>
#include <zlib.h>

#include "file_bytes.h"
#include "zip_entries.h"
#include "xlsx_tmpfile.h"
#include "xlsx_zip_async.h"
#include "xlsx_zip_level.h"
#include "xlsx_zip_stream.h"

/* ---- a whole workbook through libxlsxwriter ------------------------------- */

static void _workbook(const char *path)
{
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_doc_properties p = {.created = 1};     /* not the clock: same bytes */
    workbook_set_properties(wb, &p);
    lxw_worksheet *big = workbook_add_worksheet(wb, "Numbers");
    for (int r = 0; r < 3000; r++)           /* ~1 MB of XML: many chunks */
        for (int c = 0; c < 10; c++)
            worksheet_write_number(big, (lxw_row_t)r, (lxw_col_t)c, r * 10.0 + c / 7.0,
                                   NULL);
    lxw_worksheet *text = workbook_add_worksheet(wb, "설비투자");
    worksheet_write_string(text, 0, 0, "메모리 반도체 투자", NULL);
    worksheet_write_formula(text, 1, 0, "=SUM(Numbers!A1:A3000)", NULL);
    lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_LINE);
    chart_add_series(ch, NULL, "=Numbers!$A$1:$A$200");
    worksheet_insert_chart(text, 3, 1, ch);
    workbook_add_worksheet(wb, "Empty");
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    xlsx_zip_async_end();           /* the worker freed the workbook */
}

/* write with the worker and without: the same bytes; and the same
 * entries as write with parts in files (zlib's deflate, minizip's own). */
static void _both(void (*write)(const char *))
{
    char a[] = "/tmp/capex-zipasync-a-XXXXXX", b[] = "/tmp/capex-zipasync-b-XXXXXX",
         c[] = "/tmp/capex-zipasync-c-XXXXXX";
    close(mkstemp(a));
    close(mkstemp(b));
    close(mkstemp(c));
    xlsx_zip_async(0);
    write(a);
    xlsx_zip_async(1);
    write(b);
    xlsx_zip_async(0);
    assert_same_file_bytes(a, b);
    int memory = xlsx_tmpfile_memory_on();
    xlsx_tmpfile_memory(0);
    write(c);
    xlsx_tmpfile_memory(memory);
    assert_same_zip_entries(a, c);
    unlink(a);
    unlink(b);
    unlink(c);
}

static void workbook_bytes_equal(void **state)
{
    (void)state;
    xlsx_tmpfile_memory(1);
    /* the 1 MB sheet at least, with and without the worker (parts under
     * 16 KiB are left to minizip) */
    unsigned before = xlsx_zip_async_streamed();
    _both(_workbook);                          /* libxlsxwriter's level */
    assert_true(xlsx_zip_async_streamed() >= before + 2);
    xlsx_zip_level_set(1);                     /* capex's */
    before = xlsx_zip_async_streamed();
    _both(_workbook);
    assert_true(xlsx_zip_async_streamed() >= before + 2);
    xlsx_zip_level_set(-1);
    xlsx_tmpfile_memory(0);                    /* parts in files: no streams */
    before = xlsx_zip_async_streamed();
    _both(_workbook);
    assert_int_equal(xlsx_zip_async_streamed(), before);
}

/* ---- the main thread deflating beside the worker -------------------------- */

static unsigned _helped_before;

/* On the worker, queued before any part: it waits (10 s at most) until the
 * main thread has deflated a stream, so that the main thread finds every
 * stream not begun when it reaches zipClose. */
static void _hold_worker(void *addr, size_t len)
{
    (void)addr;
    (void)len;
    for (int i = 0; i < 10000 && xlsx_zip_stream_helped() == _helped_before; i++)
        usleep(1000);
}

static void _held_workbook(const char *path)
{
    if (xlsx_zip_async_on()) {
        xlsx_zip_async_begin();
        _helped_before = xlsx_zip_stream_helped();
        assert_int_equal(xlsx_zip_async_later(_hold_worker, NULL, 0), 0);
    }
    _workbook(path);
}

static void main_thread_helps_same_bytes(void **state)
{
    (void)state;
    xlsx_tmpfile_memory(1);
    xlsx_zip_level_set(1);
    unsigned before = xlsx_zip_stream_helped();
    _both(_held_workbook);
    assert_true(xlsx_zip_stream_helped() > before);
    xlsx_zip_level_set(-1);
    xlsx_tmpfile_memory(0);
}

/* ---- entries made by hand: the streams' fallbacks ------------------------- */

static zip_fileinfo _zi;

static int _open(zipFile zf, const char *name, int level)
{
    return zipOpenNewFileInZip4_64(zf, name, &_zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED, level,
                                   0, -MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, NULL,
                                   0, 0, 0, 0);
}

/* A part of n bytes of XML-like text written in pieces of 1,000. */
static FILE *_part(size_t n, int seek_back)
{
    FILE *f = lxw_tmpfile(NULL);
    assert_non_null(f);
    char line[1000];
    for (size_t at = 0; at < n; at += sizeof line) {
        size_t k = n - at < sizeof line ? n - at : sizeof line;
        for (size_t i = 0; i < k; i++)
            line[i] = "<c r=\"B7\"><v>12.5</v></c>\n"[(at + i) % 26];
        assert_int_equal(fwrite(line, 1, k, f), k);
        if (seek_back && at == 4000) {        /* rewrite a byte already written */
            fflush(f);
            fseek(f, 10, SEEK_SET);
            fputc('X', f);
            fseek(f, 0, SEEK_END);
        }
    }
    return f;
}

/* The entry from the part as libxlsxwriter copies it (packager.c), with
 * the chunk at index `alter` changed on its way in (-1: none). */
static void _copy(zipFile zf, const char *name, FILE *f, int level, int alter)
{
    assert_int_equal(_open(zf, name, level), ZIP_OK);
    fflush(f);
    rewind(f);
    char buf[16384];
    size_t n;
    for (int i = 0; (n = fread(buf, 1, sizeof buf, f)) > 0; i++) {
        if (i == alter)
            buf[n / 2] ^= 1;
        assert_int_equal(zipWriteInFileInZip(zf, buf, (unsigned)n), ZIP_OK);
    }
    assert_int_equal(zipCloseFileInZip(zf), ZIP_OK);
    fclose(f);
}

static void _by_hand(const char *path)
{
    zipFile zf = zipOpen(path, 0);
    assert_non_null(zf);
    _copy(zf, "whole.xml", _part(300000, 0), Z_DEFAULT_COMPRESSION, -1);
    _copy(zf, "altered-late.xml", _part(300000, 0), Z_DEFAULT_COMPRESSION, 5);
    _copy(zf, "altered-first.xml", _part(50000, 0), Z_DEFAULT_COMPRESSION, 0);
    _copy(zf, "rewritten.xml", _part(90000, 1), Z_DEFAULT_COMPRESSION, -1);
    _copy(zf, "empty.xml", _part(0, 0), Z_DEFAULT_COMPRESSION, -1);
    _copy(zf, "level9.xml", _part(70000, 0), 9, -1);
    /* a part read (its deflate queued), then written on: given up */
    FILE *grown = _part(40000, 0);
    char head[64];
    fflush(grown);
    rewind(grown);
    assert_int_equal(fread(head, 1, sizeof head, grown), sizeof head);
    fseek(grown, 0, SEEK_END);
    assert_int_equal(fwrite("<more/>", 1, 7, grown), 7);
    _copy(zf, "grown.xml", grown, Z_DEFAULT_COMPRESSION, -1);
    /* an entry from memory, not from a part, after a part was read */
    FILE *open_part = _part(20000, 0);
    char buf[100];
    fflush(open_part);
    rewind(open_part);
    assert_int_equal(fread(buf, 1, sizeof buf, open_part), sizeof buf);
    static const char other[] = "<other>not the part being read</other>";
    assert_int_equal(_open(zf, "memory.xml", Z_DEFAULT_COMPRESSION), ZIP_OK);
    assert_int_equal(zipWriteInFileInZip(zf, other, sizeof other - 1), ZIP_OK);
    assert_int_equal(zipCloseFileInZip(zf), ZIP_OK);
    fclose(open_part);
    _copy(zf, "last.xml", _part(100000, 0), Z_DEFAULT_COMPRESSION, -1);
    assert_int_equal(zipClose(zf, NULL), ZIP_OK);
    xlsx_zip_async_end();
}

static void entries_by_hand_bytes_equal(void **state)
{
    (void)state;
    xlsx_tmpfile_memory(1);
    unsigned before = xlsx_zip_async_streamed();
    _both(_by_hand);
    /* whole and last come from their parts' deflate, with and without
     * the worker; the altered, the rewritten (stdio reads it back to
     * seek), the empty one (under 16 KiB), level 9, the one written after
     * it was read and the one from memory fall back */
    assert_int_equal(xlsx_zip_async_streamed() - before, 2 * 2);
    xlsx_tmpfile_memory(0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(workbook_bytes_equal),
        cmocka_unit_test(entries_by_hand_bytes_equal),
        cmocka_unit_test(main_thread_helps_same_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
