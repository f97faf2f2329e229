/*
 * model.h - a whole model as read from a model file: years, series,
 * drivers, scenarios, commitments, burn definition and checks.
 *
 * The model owns every string and array it points to (cx_model_strdup puts
 * strings in its pool); cx_model_free releases all of it. Readers build a
 * model with cx_model_new / cx_model_add_* and hand it to cx_compute
 * (result.h). Positions (line, col) are plain data for messages; the
 * engine never reads files.
 */
#ifndef CX_MODEL_H
#define CX_MODEL_H

#include <stddef.h>
#include <time.h>
#include "error.h"
#include "value.h"
#include "driver.h"
#include "commitment.h"
#include "check.h"
#include "discount.h"
#include "goal.h"
#include "sensitivity.h"
#include "uncertainty.h"
#include "formula.h"
#include "depreciation.h"
#include "period.h"

#define CX_MAX_YEARS 200        /**< span last_year - first_year + 1 */
#define CX_MIN_YEAR  1900
#define CX_MAX_YEAR  2200
#define CX_NO_INDEX  ((size_t)-1)

/** What a series' numbers measure; decides formats and what may be summed. */
typedef enum cx_unit {
    CX_U_MONEY = 0,   /**< the model's currency in the model's scale */
    CX_U_RATIO,       /**< a fraction, shown as a percent (0.75 = 75%) */
    CX_U_MULTIPLE,    /**< a multiple (4 = 4x) */
    CX_U_OTHER        /**< a count or physical unit named by unit_text */
} cx_unit;

typedef enum cx_scale {
    CX_SCALE_ONE = 0, CX_SCALE_K, CX_SCALE_M, CX_SCALE_B, CX_SCALE_T
} cx_scale;

typedef enum cx_series_kind {
    CX_S_INPUT = 0,   /**< stated figures (+ interpolation, projection) */
    CX_S_SUM,         /**< sum of parts; `stated` holds the document's totals */
    CX_S_DEPRECIATION,/**< a part of a depreciation entry (`dep`, `dep_part`) */
    CX_S_FORMULA      /**< `formula:` of other series (formula.h); `stated`
                           holds `values:` (which win) and `stated:` figures
                           (compared only: checked[t] is 1) */
} cx_series_kind;

/** Which figure of a depreciation entry a series holds. */
typedef enum cx_dep_part {
    CX_DEP_EXPENSE = 0,   /**< NAME: the D&A expense */
    CX_DEP_GROSS,         /**< NAME.gross: gross PP&E at the end */
    CX_DEP_NET,           /**< NAME.net: net PP&E at the end */
    CX_DEP_ACCUMULATED,   /**< NAME.accumulated: accumulated depreciation */
    CX_DEP_PARTS
} cx_dep_part;

/** How a series rolls up into a year: a flow is summed (revenue, costs,
 *  capex), a balance takes its value at the year's end (cash, PP&E,
 *  headcount: `kind: balance`). */
typedef enum cx_flow { CX_FLOW = 0, CX_BALANCE } cx_flow;

/** How a figure stated for a whole year is put into a monthly or quarterly
 *  model (`spread:`): not at all (an error), evenly over the year's periods
 *  (a flow: each gets value / per_year), or at the year's last period (a
 *  balance; the periods between stated ones are interpolated). */
typedef enum cx_spread { CX_SPREAD_NONE = 0, CX_SPREAD_EVEN, CX_SPREAD_LAST } cx_spread;

typedef struct cx_series {
    const char *name;       /**< "capex.google": metric.entity */
    const char *label;      /**< display label, NULL = name */
    const char *source;     /**< series-level source note, may be NULL */
    cx_unit unit;
    const char *unit_text;  /**< CX_U_OTHER: "GW", "users"; else NULL */
    cx_series_kind kind;
    cx_flow flow;           /**< summed or period-end in a roll-up */
    cx_spread spread;       /**< how year figures fill sub-annual periods */
    size_t *parts;          /**< CX_S_SUM: indices of the parts; owned */
    size_t nparts;
    cx_value *stated;       /**< [model nyears], as written; owned */
    cx_driver driver;       /**< projection beyond the last stated year */
    size_t dep;             /**< CX_S_DEPRECIATION: index of the entry */
    cx_dep_part dep_part;   /**< CX_S_DEPRECIATION: which figure */
    int line, col;
    /* CX_S_FORMULA */
    const char *formula_text; /**< as written; the model's */
    cx_formula formula;     /**< compiled; owned */
    unsigned char *checked; /**< [nyears] 1 where stated[t] is compared with
                                 the formula, not used; NULL = none; owned */
} cx_series;

/** `depreciation:` NAME: a capex series depreciated by a rule; produces the
 *  series NAME, NAME.gross, NAME.net and NAME.accumulated (depreciation.h). */
typedef struct cx_depreciation {
    const char *name;       /**< "da.bigtech" */
    size_t capex;           /**< the capex series */
    cx_dep_rule rule;       /**< rule.life is the base of `life` */
    cx_value life;          /**< as written: a range 4..6 gives low/high */
    double share_of_capex;  /**< report the first year D&A >= this share
                                 of capex (NAN: not asked) */
    size_t series[CX_DEP_PARTS]; /**< the series it produces */
    const char *source;
    int line, col;
    int rule_line[4], rule_col[4]; /**< where life, method, convention,
                                        salvage were written (0 = default) */
} cx_depreciation;

/** A scenario's rule for one depreciation entry (the complete rule). */
typedef struct cx_dep_override {
    size_t dep;
    cx_dep_rule rule;
} cx_dep_override;

/** A constant: one figure that is not a time series (4x wafer per GB). */
typedef struct cx_constant {
    const char *name;
    const char *label;
    cx_unit unit;
    const char *unit_text;
    cx_value value;
    const char *source;
    int line, col;
} cx_constant;

/** A scenario replaces the drivers of some series. */
typedef struct cx_override {
    size_t series;          /**< index into the model's series */
    cx_driver driver;       /**< the complete driver to use; owned */
} cx_override;

typedef struct cx_scenario {
    const char *name;
    const char *description;
    cx_override *overrides; /**< owned */
    size_t noverrides;
    size_t ov_max;          /**< the largest series overridden so far: a
                                 larger one is new (no search) */
    cx_dep_override *dep_overrides; /**< owned */
    size_t ndep_overrides;
    int line, col;
} cx_scenario;

/** Money raised (or to be raised) in a year: funds the burn. */
typedef struct cx_raise {
    const char *name;       /**< "Series F"; owned by the model */
    int year;
    cx_value amount;
    const char *source;
    int line, col;
} cx_raise;

/** Which series make up the annual net cash flow for burn figures
 *  (any sign: burn.h says how the figures read a net that starts >= 0):
 *  net = series[net], or series[revenue] - series[costs]; minus the
 *  commitments' schedule when include_commitments. Cash and raises fund it
 *  (runway, funding gap, default alive: burn.h). */
typedef struct cx_burn_spec {
    int enabled;
    size_t net;             /**< CX_NO_INDEX unless net is given directly */
    size_t revenue;         /**< CX_NO_INDEX unless revenue - costs */
    size_t costs;
    const char *label;      /**< what the net is called ("free cash flow"):
                                 tables, workbook and charts; NULL = "net
                                 cash flow"; owned by the model */
    int include_commitments;/**< subtract the commitments schedule from net */
    cx_value cash;          /**< cash at the start of cash_year;
                                 CX_V_MISSING when not stated */
    int cash_year;          /**< year the cash is stated at the start of;
                                 0 = the first burn year */
    cx_raise *raises;       /**< owned */
    size_t nraises;
    int line, col;
} cx_burn_spec;

typedef struct cx_model {
    const char *name;       /**< short identifier, also the output file name */
    const char *title;
    const char *description;
    const char *currency;   /**< ISO code "USD"; "" when not money */
    cx_scale scale;         /**< unit of money figures (B = billions) */
    cx_calendar cal;        /**< the periods (period.h): years, fiscal
                                 quarters or months */
    int first_year, last_year; /**< the numbers of the first and last
                                 period (cx_period_number): the years of an
                                 annual model. Every `year` of the engine's
                                 structures is such a number */
    size_t nyears;          /**< the number of periods (cal.n): years in an
                                 annual model */
    time_t as_of;           /**< the model's date: also the workbook's
                                 creation time (same input, same bytes) */
    const char *as_of_text; /**< "2026-02-20" */
    int as_of_default;      /**< as_of left out: 2000-01-01 was taken
                                 (cx_compute notes it) */
    const char *file;       /**< the model file's path, for messages */

    cx_series *series;      size_t nseries;
    cx_constant *constants; size_t nconstants;
    cx_scenario *scenarios; size_t nscenarios;
    cx_commitment *commitments; size_t ncommitments;
    cx_check *checks;       size_t nchecks;
    cx_depreciation *depreciations; size_t ndepreciations;
    cx_burn_spec burn;
    cx_discount_spec discount;
    cx_goal *goals;         size_t ngoals;
    cx_sensitivity_spec *sensitivity;  /**< `sensitivity:`, NULL if absent; owned */
    cx_uncertainty *uncertainty;       /**< `uncertainty:`, NULL if absent; owned */

    struct cx_pool *pool;   /**< strings; private */
} cx_model;

/** Allocate an empty model for years first..last (validated against
 *  CX_MIN_YEAR, CX_MAX_YEAR and CX_MAX_YEARS). burn.net/revenue/costs
 *  start as CX_NO_INDEX. */
cx_status cx_model_new(int first_year, int last_year, cx_model **out);

/** Allocate an empty model over the periods of cal (any frequency,
 *  CX_EINVAL past CX_MAX_PERIODS or for an annual calendar beyond
 *  CX_MAX_YEARS). cx_model_new is this with the calendar years. */
cx_status cx_model_new_calendar(const cx_calendar *cal, cx_model **out);

/** Free the model and everything it owns. NULL is fine. */
void cx_model_free(cx_model *m);

/** Copy s into the model's pool; NULL for NULL; sets *out. */
cx_status cx_model_strdup(cx_model *m, const char *s, const char **out);

/** Append a series with no figures (every stated value CX_V_MISSING) and
 *  return its index. Fails with CX_EINVAL when the name is taken. */
cx_status cx_model_add_series(cx_model *m, const char *name, size_t *index);

/** Append zero-initialised entries; the pointer stays valid until the next
 *  add of the same kind. A new check's tolerance is NAN (use the stated
 *  figure's resolution). A scenario's name must be new (CX_EINVAL);
 *  overriding the same series twice replaces the first override. */
cx_status cx_model_add_constant(cx_model *m, cx_constant **out);
cx_status cx_model_add_scenario(cx_model *m, const char *name, cx_scenario **out);
cx_status cx_scenario_add_override(cx_scenario *s, size_t series,
                                   const cx_driver *driver);
cx_status cx_model_add_commitment(cx_model *m, cx_commitment **out);
cx_status cx_model_add_check(cx_model *m, cx_check **out);
cx_status cx_model_add_goal(cx_model *m, cx_goal **out);
cx_status cx_model_add_raise(cx_model *m, cx_raise **out);

/** Add depreciation entry `name` with its four series (NAME, NAME.gross,
 *  NAME.net, NAME.accumulated: CX_EINVAL when one of the names is taken);
 *  capex and rule are set by the caller through *out. */
cx_status cx_model_add_depreciation(cx_model *m, const char *name,
                                    cx_depreciation **out);

/** A scenario's complete rule for entry dep (replaces an earlier one). */
cx_status cx_scenario_add_dep_override(cx_scenario *s, size_t dep,
                                       const cx_dep_rule *rule);

/** The rule of entry dep under scenario sc (NULL = base). */
const cx_dep_rule *cx_model_dep_rule(const cx_model *m, const cx_scenario *sc, size_t dep);

/** Set the parts of a sum series (copied; replaces earlier parts and makes
 *  the series CX_S_SUM). */
cx_status cx_series_set_parts(cx_series *s, const size_t *parts, size_t n);

/** Index of a series / scenario by name, CX_NO_INDEX when absent. */
size_t cx_model_find_series(const cx_model *m, const char *name);
size_t cx_model_find_scenario(const cx_model *m, const char *name);

/** Period number p as a reader sees it, into buf (CX_PERIOD_KEY_MAX
 *  bytes): the year in an annual model ("2027"), else the period's title
 *  ("Mar 2027", "Q1 FY27"). Returns buf. */
const char *cx_model_period_title(const cx_model *m, int p, char *buf);

/** Period index of period number `year` (year - first_year), or -1
 *  outside the model's periods. */
int cx_model_year_index(const cx_model *m, int year);

/** Order in which series must be computed (parts before sums, a formula's
 *  inputs before it). Fails with CX_ECYCLE (and *culprit set) when a
 *  series depends on itself. order has nseries entries, allocated by the
 *  caller. */
cx_status cx_model_order(const cx_model *m, size_t *order, size_t *culprit);

/** cx_model_order that also names the whole cycle: cycle (nseries + 1
 *  entries, may be NULL) gets the series from the culprit round to it
 *  again, *ncycle of them (the culprit first and last). */
cx_status cx_model_order_cycle(const cx_model *m, size_t *order, size_t *culprit,
                               size_t *cycle, size_t *ncycle);

/** "B" for CX_SCALE_B, "" for CX_SCALE_ONE. */
const char *cx_scale_suffix(cx_scale s);

/** 10^3k factor of a scale (CX_SCALE_B -> 1e9). */
double cx_scale_factor(cx_scale s);

/** The metric part of a series name ("capex" of "capex.google"): writes at
 *  most size bytes including the NUL into buf. */
void cx_series_metric(const cx_series *s, char *buf, size_t size);

#endif
