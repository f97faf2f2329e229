/*
 * xlsx_chart_cache.h - libxlsxwriter's chart caches filled on the zip's
 * worker (xlsx_zip_async.h) while the main thread writes the sheets.
 *
 * workbook_close copies every charted cell's value into its chart
 * (_add_chart_cache_data: a lookup and an allocation per point, a
 * thousandth and a half of a second on the main thread for a monthly
 * workbook) before it writes any part; only the charts' parts, written
 * after the sheets, read those copies. capex provides that step and
 * _write_chart_files (Debian's libxlsxwriter calls both through its PLT):
 * while the worker runs, the first queues the library's step and returns;
 * the second waits until it ran, then writes the charts. Meanwhile both
 * threads only read the sheets' cells, which nothing changes once the
 * workbook is closing. The caches, and so the workbook's bytes, are the
 * library's own; without the worker the step runs where it always did.
 */
#ifndef CAPEX_XLSX_CHART_CACHE_H
#define CAPEX_XLSX_CHART_CACHE_H

/** Fill chart caches on the worker (1) or in place (0, the default) from
 *  now on in this process. Returns 1 when capex provides the step
 *  (libxlsxwriter 1.1.4, whose packager it follows), else 0. */
int xlsx_chart_cache_async(int on);

/** How many workbooks' caches were filled on the worker so far (for
 *  tests). */
unsigned xlsx_chart_cache_queued(void);

#endif
