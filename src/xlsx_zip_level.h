/*
 * xlsx_zip_level.h - the deflate level of the workbooks capex writes.
 *
 * libxlsxwriter always deflates a workbook's parts at zlib's default
 * level (6) and has no option for it; for the raw-paths workbook of
 * `capex mc --raw` (a million rows) deflate is most of the time. capex
 * therefore provides minizip's zipOpenNewFileInZip4_64 (xlsx_zip_async.c),
 * through which Debian's libxlsxwriter (linked to the shared libminizip)
 * opens each part: the call goes on to minizip with the level set here
 * when one is. Any level is a valid xlsx; level 1 writes about 15% larger
 * files in half the time.
 */
#ifndef CAPEX_XLSX_ZIP_LEVEL_H
#define CAPEX_XLSX_ZIP_LEVEL_H

/** Deflate level 1..9 for the workbooks written from now on in this
 *  process, or -1 for libxlsxwriter's own choice (the default). */
void xlsx_zip_level_set(int level);

/** The level and memLevel minizip is given for an entry that
 *  libxlsxwriter opens with these (method Z_DEFLATED: Z_DEFAULT_COMPRESSION
 *  and DEF_MEM_LEVEL): changed in place when a level is set. */
void xlsx_zip_level_apply(int method, int *level, int *memLevel);

#endif
