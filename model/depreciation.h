/*
 * depreciation.h - capex into depreciation: the vintage waterfall, the D&A
 * expense and the PP&E roll-forward, for one capex series.
 *
 * Every vintage (the capex of one period) is depreciated by the same rule,
 * so the rule is computed once, for a cost of 1, as a profile:
 *
 *  1. the method gives the share of cost charged in each year of the
 *     asset's life ("asset years" j = 0, 1, ... ceil(life) - 1; the last
 *     one is partial when the life is fractional: len_j = min(1, L - j)),
 *     depreciable base 1 - salvage (s):
 *       straight_line      u_j = (1 - s) len_j / L
 *       sum_of_years       u_j = (1 - s) len_j (L - j) / W,
 *                          W = sum_j len_j (L - j)   (cx_dep_syd_total)
 *       declining_balance  book value b_0 = 1, b_{j+1} = b_j - u_j,
 *                          u_j = min(max(r b_j len_j, (b_j - s) len_j / (L - j)),
 *                                    b_j - s)
 *                          (rate r = factor / L, factor 2 by default; the
 *                          straight line of what is left over the life left
 *                          takes over when it is larger);
 *  2. the convention places the asset year on the calendar: a vintage is
 *     in service from offset o into its purchase year (full_year o = 0,
 *     half_year o = 0.5, next_year o = 1), so its k-th period after
 *     purchase covers asset time [k - o, k + 1 - o] and takes of each asset
 *     year the part it overlaps:
 *       g_k = sum_j u_j * overlap([j, j + len_j], [k - o, k + 1 - o]) / len_j
 *     (only j = k - 1 and j = k can overlap);
 *  3. vintage v charges capex_v * g_{t - v} in period t; D&A_t is the sum
 *     over vintages (plus the opening PP&E's straight line).
 *
 * A vintage is retired at the end of the period its depreciation ends
 * (k_end = ceil(L + o) - 1 periods after purchase): its cost leaves gross
 * PP&E, its accumulated depreciation (cost x (1 - s)) leaves accumulated
 * depreciation, and its salvage value leaves net PP&E (disposed at book).
 * Opening PP&E (gross G, net N, remaining life R) is charged N / R a period
 * from the first period (N (R - floor R) / R in a last partial one) and
 * retired (G from gross, G from accumulated) at the end of period
 * ceil(R) - 1.
 *
 * The workbook's Depreciation sheet writes exactly these steps as cell
 * formulas (docs/model.md), and the engine computes them in the same order.
 */
#ifndef CX_DEPRECIATION_H
#define CX_DEPRECIATION_H

#include <stddef.h>
#include "error.h"

#define CX_DEP_MAX_LIFE 100.0

typedef enum cx_dep_method {
    CX_DEP_STRAIGHT_LINE = 0,
    CX_DEP_DECLINING_BALANCE,
    CX_DEP_SUM_OF_YEARS,
    CX_DEP_METHOD_COUNT
} cx_dep_method;

typedef enum cx_dep_convention {
    CX_DEP_FULL_YEAR = 0,   /**< expensed from the period of purchase */
    CX_DEP_HALF_YEAR,       /**< half a period in the first and the last */
    CX_DEP_NEXT_YEAR,       /**< from the period after purchase */
    CX_DEP_CONVENTION_COUNT
} cx_dep_convention;

/** How one capex series depreciates. */
typedef struct cx_dep_rule {
    double life;                  /**< years, 0 < life <= CX_DEP_MAX_LIFE */
    cx_dep_method method;
    cx_dep_convention convention;
    double salvage;               /**< share of cost, 0 <= salvage < 1 */
    double db_factor;             /**< declining balance: rate = factor / life;
                                       0 or NAN = 2 (double declining) */
    int has_opening;              /**< PP&E on the books at the start */
    double opening_gross;         /**< >= opening_net >= 0 */
    double opening_net;
    double opening_life;          /**< remaining life of opening net, > 0 */
    int periods;                  /**< periods a year the lives are counted
                                       in: 0 or 1 = years (as written); a
                                       monthly model computes with lives x 12
                                       (cx_dep_rule_periods), so the limits
                                       scale with it */
} cx_dep_rule;

/** A rule's schedule over n periods. Arrays are owned (cx_dep_release). */
typedef struct cx_dep_schedule {
    size_t n;
    double *profile;       /**< [n] g_k: share of a vintage's cost charged k
                                periods after purchase */
    double *expense;       /**< [n] D&A */
    double *opening;       /**< [n] of which the opening PP&E's charge */
    double *retired;       /**< [n] gross cost retired at the period's end */
    double *gross;         /**< [n] gross PP&E at the period's end */
    double *accumulated;   /**< [n] accumulated depreciation at the end */
    double *net;           /**< [n] gross - accumulated */
    double *to_capex;      /**< [n] D&A / capex, NAN where capex is 0 */
    size_t end_offset;     /**< k_end: a vintage's last charging period */
} cx_dep_schedule;

/** "straight_line", "half_year", ...; NULL out of range. */
const char *cx_dep_method_name(cx_dep_method m);
const char *cx_dep_convention_name(cx_dep_convention c);

/** The method or convention called name; -1 when none is. */
int cx_dep_method_find(const char *name);
int cx_dep_convention_find(const char *name);

/** The convention's in-service offset o: 0, 0.5 or 1. */
double cx_dep_offset(cx_dep_convention c);

/** W = sum_j len_j (L - j) = m L - m (m - 1) / 2 + f^2 (m = floor L,
 *  f = L - m): the sum of years' digits, L (L + 1) / 2 for a whole L. */
double cx_dep_syd_total(double life);

/** The rule of years r counted in periods of a model with k a year: the
 *  lives times k (a declining balance's rate factor / (life x k) a
 *  period), the convention taken on the period (half a month). r itself
 *  for k = 1. */
cx_dep_rule cx_dep_rule_periods(cx_dep_rule r, int k);

/** Check a rule: CX_EINVAL (with *what set to a short reason: "life",
 *  "salvage", "opening") when a figure is outside its bounds. */
cx_status cx_dep_rule_check(const cx_dep_rule *rule, const char **what);

/** The asset-year shares u_j for j = 0..n-1 (0 past the life) into u. */
cx_status cx_dep_asset_years(const cx_dep_rule *rule, double *u, size_t n);

/**
 * Depreciate capex[0..n) under rule into *out (allocated here; release with
 * cx_dep_release). A capex value that is NAN counts as no purchase.
 * Returns CX_EINVAL for a rule that fails cx_dep_rule_check or n == 0,
 * CX_ENOMEM.
 */
cx_status cx_dep_compute(const double *capex, size_t n, const cx_dep_rule *rule,
                         cx_dep_schedule *out);

/* The steps of cx_dep_compute, for callers that keep their own arrays
 * (Monte Carlo: the profile once per rule, the roll once per path). */

/** The asset-year shares u[0..n) and the profile g[0..n) of rule (checked:
 *  CX_EINVAL). u may be NULL for a straight line (its profile needs no
 *  asset years); the other methods need it. */
cx_status cx_dep_profile(const cx_dep_rule *rule, double *u, double *g, size_t n);

/** k_end = ceil(life + offset) - 1: a vintage's last charging period. */
size_t cx_dep_end_offset(const cx_dep_rule *rule);

/** D&A, retirements and the roll-forward of capex[0..s->n) (no NAN: 0
 *  where nothing was bought) into s's arrays, allocated by the caller
 *  (s->profile filled by cx_dep_profile; opening, retired and to_capex may
 *  be NULL when not wanted); sets s->end_offset. Allocates nothing. */
void cx_dep_roll(const double *capex, const cx_dep_rule *rule, cx_dep_schedule *s);

/** The charge of vintage v in period t (0 before v): capex_v * g_{t-v}. */
double cx_dep_vintage(const cx_dep_schedule *s, const double *capex, size_t v, size_t t);

/** Free what s holds; s itself is the caller's. */
void cx_dep_release(cx_dep_schedule *s);

#endif
