/*
 * xlsx_zip_buffer.h - a workbook's zip built in memory, to be written to
 * its file with one write (or not at all when the file already holds
 * these bytes).
 *
 * libxlsxwriter 1.1.4 (Debian 12) has no output buffer: its packager
 * opens the zip with minizip's zipOpen(filename), and minizip then writes
 * each part's header, data and fixed-up sizes with some hundred small
 * write and lseek calls per workbook. capex provides zipOpen (as
 * xlsx_zip_level.c provides zipOpenNewFileInZip4_64: libxlsxwriter calls it
 * through its PLT): while a buffer is armed, the next zip opened is built
 * in it instead of the file; otherwise the call goes on to minizip's.
 *
 *     xlsx_zip_buffer zb = {0};
 *     xlsx_zip_buffer_arm(&zb);
 *     lxw_error e = workbook_close(wb);
 *     xlsx_zip_buffer_arm(NULL);
 *     if (e == LXW_NO_ERROR && zb.closed) ... zb.m.data[0 .. zb.m.len) ...
 *     membuf_release(&zb.m);
 */
#ifndef CAPEX_XLSX_ZIP_BUFFER_H
#define CAPEX_XLSX_ZIP_BUFFER_H

#include "membuf.h"

typedef struct xlsx_zip_buffer {
    membuf m;         /**< the zip's bytes */
    int opened;       /**< minizip opened it (at most once per arm) */
    int closed;       /**< and closed it: the zip is whole */
    int failed;       /**< out of memory while writing */
} xlsx_zip_buffer;

/** The next zip opened in this process is built in b (NULL: none, files
 *  as usual). The caller keeps b until workbook_close has returned. */
void xlsx_zip_buffer_arm(xlsx_zip_buffer *b);

/** 1 when libxlsxwriter's calls to zipOpen reach capex's (a shared
 *  libxlsxwriter over a shared minizip, as Debian's), so that an armed
 *  buffer is used; 0 otherwise (the workbook is then written as a file). */
int xlsx_zip_buffer_available(void);

#endif
