/*
 * xlsx_chart_async.h - a workbook's charts written on the zip's worker
 * thread (xlsx_zip_worker.h) while libxlsxwriter writes its sheets.
 *
 * libxlsxwriter's packager writes the sheets' XML, then each chart's, one
 * after the other on one thread; a monthly workbook's 14 charts with
 * their data caches are a fifth of the part writer's instructions. capex
 * provides lxw_create_package and lxw_chart_assemble_xml_file (Debian's
 * libxlsxwriter calls them through its PLT, as it does lxw_tmpfile:
 * xlsx_tmpfile.c). While this is on and the worker runs, entering
 * lxw_create_package queues one job per chart, in the packager's order:
 * each writes its chart's XML to memory through a copy of the chart
 * struct (the caches are complete by then; writing a chart reads it and
 * changes only the copy's own fields). When the packager then asks for a
 * chart's XML, the job's bytes are copied into the chart's part, after
 * waiting for the job if it has not run yet; a job that failed (out of
 * memory) leaves the chart to the library. Same bytes either way
 * (tests/unit/test_xlsx_zip_async.c).
 */
#ifndef CAPEX_XLSX_CHART_ASYNC_H
#define CAPEX_XLSX_CHART_ASYNC_H

/** On (1) or off (0, the default) for the workbooks closed from now on in
 *  this process; on only matters while the zip's worker runs
 *  (xlsx_zip_async_begin). */
void xlsx_chart_async(int on);

/** How many charts were written ahead so far in this process (for
 *  tests). */
unsigned xlsx_chart_async_count(void);

#endif
