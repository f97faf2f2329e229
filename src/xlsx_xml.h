/*
 * xlsx_xml.h - libxlsxwriter's XML tag and attribute primitives written
 * without printf (xlsx_xml.c): the same bytes, a third fewer instructions
 * per workbook.
 */
#ifndef CAPEX_XLSX_XML_H
#define CAPEX_XLSX_XML_H

/** capex's primitives (1) or the library's (0, the default) from now on
 *  in this process. Returns 1 when capex's are built in (libxlsxwriter
 *  1.1.4, whose semantics they reproduce), else 0 (the library's are used
 *  whatever on says). */
int xlsx_xml_fast(int on);

#endif
