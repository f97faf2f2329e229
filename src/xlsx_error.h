/*
 * xlsx_error.h - how a libxlsxwriter failure reads for the user: the
 * system's reason when the zip step failed on one (disk full, read-only,
 * permission), else libxlsxwriter's own message, lowercase and without
 * its trailing sentence.
 */
#ifndef CAPEX_XLSX_ERROR_H
#define CAPEX_XLSX_ERROR_H

#include <xlsxwriter.h>

/** Print "capex: cannot VERB 'PATH': REASON" through diag. err is errno
 *  as workbook_close left it (0 when unknown). */
void xlsx_error_message(const char *verb, const char *path, lxw_error e, int err);

#endif
