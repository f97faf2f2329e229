/*
 * xlsx_tmpfile.h - where libxlsxwriter keeps a workbook's XML parts
 * between writing one and deflating it into the zip.
 *
 * libxlsxwriter writes each part (about 25 for a workbook of `capex run -s
 * all`) to a temporary file from lxw_tmpfile(), reads it back into the
 * zip and closes it. capex provides lxw_tmpfile: while memory parts are on
 * (xlsx_tmpfile_memory) it returns a stream over a growing buffer in this
 * process (fopencookie), which spills to the real temporary file
 * (libxlsxwriter's lxw_tmpfile, the next definition) past 16 MiB; otherwise
 * it passes the call on unchanged. A batch of 1,000 workbooks no longer
 * creates, writes, reads back and unlinks 25,000 files (docs/performance.md).
 * Like xlsx_zip_level.h this relies on Debian's shared libxlsxwriter calling
 * lxw_tmpfile through its PLT; a static one simply uses files.
 */
#ifndef CAPEX_XLSX_TMPFILE_H
#define CAPEX_XLSX_TMPFILE_H

/** Parts in memory (1) or in files (0, the default) for the workbooks
 *  closed from now on in this process. Not for constant_memory workbooks
 *  (their row files are written while the sheet is filled). */
void xlsx_tmpfile_memory(int on);

/** 1 while memory parts are on. */
int xlsx_tmpfile_memory_on(void);

#endif
