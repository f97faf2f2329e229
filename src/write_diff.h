/*
 * write_diff.h - what changed between two results (two models, or one
 * model under two scenarios), for `capex diff`: the key outputs side by
 * side, then every series value that differs. It lays out both results;
 * the only arithmetic is the difference of two figures shown.
 */
#ifndef CAPEX_WRITE_DIFF_H
#define CAPEX_WRITE_DIFF_H

#include <stdio.h>

#include "report.h"
#include "result.h"

/** Write the comparison of a (named an) and b (named bn) in format f.
 *  *differ is set nonzero when anything differs. Returns 0 or EX_IOERR. */
int write_diff(FILE *out, report_format f, const cx_result *a, const char *an,
               const cx_result *b, const char *bn, int *differ);

#endif
