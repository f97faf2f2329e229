/*
 * xlsx_format_index.h - every format keeps its style index once
 * libxlsxwriter gave it one (xlsx_format_index.c): a format with the same
 * properties as an earlier one no longer costs a hash lookup per cell.
 */
#ifndef CAPEX_XLSX_FORMAT_INDEX_H
#define CAPEX_XLSX_FORMAT_INDEX_H

/** Keep the indices (1) or only pass the calls on (0, the default) from
 *  now on in this process. The workbook's bytes are the same either way. */
void xlsx_format_index_keep(int on);

#endif
