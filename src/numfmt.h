/*
 * numfmt.h - numbers as text, independent of the locale.
 */
#ifndef CAPEX_NUMFMT_H
#define CAPEX_NUMFMT_H

#include <stddef.h>

/** The shortest decimal form (15 to 17 significant digits) that reads back
 *  as exactly v; "0" for -0. size >= 32. */
void numfmt_exact(char *buf, size_t size, double v);

/** For people: fixed decimals with thousands separators and a leading
 *  minus ("-1,234.5"); "n/a" for NaN and infinities. size >= 48. */
void numfmt_human(char *buf, size_t size, double v, int decimals);

#endif
