/*
 * compute_priv.h - private to the engine: what the compute_*.c files share.
 * Not part of the public API; nothing outside model/ includes it.
 */
#ifndef CX_COMPUTE_PRIV_H
#define CX_COMPUTE_PRIV_H

#include <stddef.h>
#include "result.h"

/** Append a note to r (text truncated to fit). */
cx_status cxi_note(cx_result *r, cx_note_level level, size_t series, int year,
                   int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/** "381", "-2", "4.61", "0.0376": at most two decimals for |x| >= 1. */
void cxi_format_number(char *buf, size_t size, double x);

/** The annual roll-ups of a monthly or quarterly result (compute_rollup.c). */
cx_status cxi_rollup_compute(cx_result *r);

/** The rule of depreciation entry d in effect, counted in the model's
 *  periods (cx_dep_rule_periods): what schedules are computed with. */
cx_dep_rule cxi_dep_rule(const cx_result *r, size_t d);

/** "58%", "61.8%": a fraction as a percent with at most one decimal. */
void cxi_format_percent(char *buf, size_t size, double x);

/** Values, rates and growth of series s (its parts already computed). */
cx_status cxi_series_compute(cx_result *r, size_t s);

/** Project series s by its driver after sr->last_stated (compute_series.c). */
cx_status cxi_series_project(cx_result *r, size_t s);

/** Values of a derived series (compute_formula.c), its inputs computed. */
cx_status cxi_formula_compute(cx_result *r, size_t s);

/** The figures of depreciation series s: its entry's schedule, computed
 *  by the first of its four series to be computed (compute_depreciation.c). */
cx_status cxi_depreciation_compute(cx_result *r, size_t s);

/** The rules in effect under r's scenario; frees what r->deps holds. */
cx_status cxi_depreciation_rules(cx_result *r);
void cxi_depreciation_release(cx_result *r);

/** Burn figures (when the model defines a burn); *failed set on error. */
cx_status cxi_burn_compute(cx_result *r, size_t *failed);

/** The commitments' annual schedule and its notes. */
cx_status cxi_commitments_compute(cx_result *r);

/** A warning per costs or capex series holding a negative stated figure
 *  (compute_signs.c). */
cx_status cxi_sign_notes(cx_result *r);

/** Every check's result, with a warning note per check that fails. */
cx_status cxi_checks_compute(cx_result *r, size_t *failed);

/* compute_discount.c: NPV, XNPV, IRR, XIRR of the model's `discount:`. */
cx_status cxi_discount_compute(cx_result *r);

/* compute_goals.c: goal seek for each of the model's goals. */
cx_status cxi_goals_compute(cx_result *r);

/* Free what a cx_funding owns (compute_cash.c). */
void cxi_funding_release(cx_funding *f);

#endif
