/*
 * pdf_export.h - a workbook as PDF, through LibreOffice (soffice) run
 * headless, for `--pdf`. The page setup (landscape, fit to width, header
 * and footer with the model's name and date) is the workbook's own, so a
 * printed workbook and the PDF look the same.
 */
#ifndef CAPEX_PDF_EXPORT_H
#define CAPEX_PDF_EXPORT_H

/**
 * Convert the workbook at xlsx into pdf, atomically (LibreOffice writes
 * into a temporary folder beside pdf; the file is renamed into place). Each
 * call uses a throwaway LibreOffice profile, so conversions may run side by
 * side. soffice is looked up in PATH (CAPEX_SOFFICE overrides it).
 * @return 0, or after the message EX_UNAVAILABLE (69) when LibreOffice is
 *         not installed, EX_CANTCREAT, or EX_SOFTWARE when it fails.
 */
int pdf_export(const char *xlsx, const char *pdf);

/** "NAME.pdf" for "NAME.xlsx" (any other name: NAME + ".pdf"). Caller frees. */
char *pdf_path_for(const char *xlsx);

#endif
