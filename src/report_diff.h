/*
 * report_diff.h - what changed between two sides (diff_side.h), for
 * `capex diff`: the key outputs that differ, then every series value that
 * differs, matched by name and year. It lays out both sides; the only
 * arithmetic is the difference of two figures shown.
 */
#ifndef CAPEX_WRITE_DIFF_H
#define CAPEX_WRITE_DIFF_H

#include <stdio.h>

#include "diff_side.h"
#include "report.h"

/** Write the comparison of a (named an) and b (named bn) in format f.
 *  *differ is set nonzero when anything differs. Returns 0 or EX_IOERR. */
int report_diff(FILE *out, report_format f, const diff_side *a, const char *an,
               const diff_side *b, const char *bn, int *differ);

#endif
