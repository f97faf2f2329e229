/*
 * report_explain.h - the audit trail of a result, for `capex explain`:
 * for each series (in the order the engine computed them) its source, its
 * driver in words with where it was written, a fitted curve, and for each
 * year where its value came from - the stated figure with its source, the
 * rate applied to the year before, the fit, the parts of a sum.
 */
#ifndef CAPEX_WRITE_EXPLAIN_H
#define CAPEX_WRITE_EXPLAIN_H

#include <stdio.h>

#include "result.h"

/** Every series, or only series (an index) unless it is CX_NO_INDEX.
 *  Returns 0 or EX_IOERR. */
int report_explain(FILE *f, const cx_result *r, size_t series);

/* report_explain_dep.c: a depreciation series' rule line, and how its
 * value in year index t came from the schedule. */
void report_explain_dep_rule(FILE *f, const cx_result *r, size_t s);
void report_explain_dep_year(FILE *f, const cx_result *r, size_t s, size_t t);

/** `capex explain MODEL burn`: the net cash flow, cumulative and cash by
 *  year, then turning negative, trough, break-even, peak funding,
 *  payback, runway and funding gap with their arithmetic
 *  (report_explain_burn.c). The result must have a burn. Returns 0 or
 *  EX_IOERR. */
int report_explain_burn(FILE *f, const cx_result *r);

#endif
