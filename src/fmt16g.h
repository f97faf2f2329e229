/*
 * fmt16g.h - a double as printf's "%.16G" writes it, without printf: the
 * way libxlsxwriter writes every number of a workbook (cells, cached
 * formula results, chart caches; lxw_sprintf_dbl), in the C locale and
 * rounding to nearest (capex changes neither).
 */
#ifndef CAPEX_FMT16G_H
#define CAPEX_FMT16G_H

#include <stddef.h>

#define FMT16G_SIZE 32   /**< bytes enough for any value, with the NUL */

/** v into out as snprintf(out, FMT16G_SIZE, "%.16G", v) would: the same
 *  text, computed exactly (16 significant digits rounded half to even from
 *  the double's exact value) for 2^-13 <= |v| < 2^49 and zero, by printf
 *  itself otherwise. Returns the length. */
size_t fmt16g(char out[FMT16G_SIZE], double v);

#endif
