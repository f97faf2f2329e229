/*
 * xlsx_next.h - the library's own definition of a function capex
 * provides in its place (libxlsxwriter and minizip call such functions
 * through their PLT; capex's come first in the lookup): the next one
 * after capex's, looked up once.
 */
#ifndef CAPEX_XLSX_NEXT_H
#define CAPEX_XLSX_NEXT_H

/** The next definition of name (dlsym RTLD_NEXT), kept in *cache after
 *  the first call; NULL when there is none. Each cache belongs to one
 *  thread's calls, or is filled before a second thread uses it. */
void *xlsx_next(const char *name, void **cache);

#endif
