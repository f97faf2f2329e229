/*
 * xlsx_zip_async.h - a workbook's zip written on a second thread while
 * libxlsxwriter writes the next part, each part in memory deflated whole
 * by libdeflate.
 *
 * libxlsxwriter's packager writes each XML part of a workbook to a
 * temporary file, then copies it into the zip (minizip:
 * zipOpenNewFileInZip4_64, zipWriteInFileInZip in chunks,
 * zipCloseFileInZip), one part after the other on one thread: deflate is
 * a quarter of a large workbook's instructions. capex provides those
 * minizip calls and zipClose (as xlsx_zip_buffer.h does zipOpen: Debian's
 * libxlsxwriter calls them through its PLT); each entry is opened with
 * capex's deflate level (xlsx_zip_level.h). An entry waits until its bytes
 * show whether they are the whole of the part in memory being read
 * (xlsx_zip_stream.h): if so, it is written from that part's libdeflate
 * output in minizip's raw mode; if not, the calls themselves are made.
 * While this is on, each call is queued (with a copy of its data) and
 * returns at once; the worker thread (xlsx_zip_worker.h) makes the same
 * minizip calls in the same order, and deflates the parts. Either way the
 * zip's bytes are the ones a single thread writes
 * (tests/unit/test_xlsx_zip_async.c). zipClose has the main thread deflate
 * the parts the worker has not begun, waits for the queue and passes on
 * the first error a queued call met (with its errno), then closes the zip;
 * xlsx_zip_async_end ends the worker. When the worker cannot be started,
 * or a copy cannot be allocated, the calls are made on the caller's
 * thread, in order.
 */
#ifndef CAPEX_XLSX_ZIP_ASYNC_H
#define CAPEX_XLSX_ZIP_ASYNC_H

#include <xlsxwriter/third_party/zip.h>

/** Deflate on a worker thread (1) or on the caller's (0, the default) for
 *  the zip entries opened from now on in this process. A process that
 *  already keeps every core busy (batch with several jobs) leaves it off. */
void xlsx_zip_async(int on);

/** 1 while on. */
int xlsx_zip_async_on(void);

/** How many entries were written from their part's libdeflate output so
 *  far in this process (for tests). */
unsigned xlsx_zip_async_streamed(void);

/** Start the worker now, when on: a workbook about to be written, whose
 *  parts will find it running (starting a thread takes a while). */
void xlsx_zip_async_begin(void);

/** Have the worker call fn(addr, len) when it runs (0), else nothing
 *  (-1: the caller calls it). For work that needs no answer, such as
 *  populating memory the sheets are about to use (heap_prefault.h). */
int xlsx_zip_async_later(void (*fn)(void *, size_t), void *addr, size_t len);

/** End the worker if it runs: after a workbook's close (zipClose only
 *  drains the queue; the worker then frees libxlsxwriter's workbook,
 *  lxw_workbook_free). */
void xlsx_zip_async_end(void);

#endif
