/*
 * scenario_set.h - every scenario of a model side by side: the base, each
 * named scenario in the model's order, then the automatic `low` and `high`
 * scenarios, with the key outputs of each and their differences from the
 * base.
 *
 * `low` and `high` run the base drivers with every figure stated as a
 * range, floor or estimate taken at its low, resp. high, end: the stated
 * values of the input series, the commitments' totals and schedules, the
 * burn's opening cash and the raises. A range gives its two ends; a floor
 * (140+) has no high end, so its high is its base; an estimate (~140) is
 * one figure (low = base = high). Exact figures, driver rates, constants
 * and the stated figures of checks and sum totals do not move. Low and
 * high are the inputs' ends, not "pessimistic" and "optimistic": low
 * costs and low revenue come together.
 *
 * Each scenario is a separate cx_compute; the figures (cx_scenario_fig)
 * are rows of one table, the same rows for every scenario:
 *  - CX_SF_VALUE       the value of a series in its last year with a value
 *                      in the base (one row per series, money series first);
 *  - CX_SF_CUMULATIVE  cumulative net cash flow from the burn's first year
 *                      through `through`;
 *  - CX_SF_PEAK, CX_SF_PEAK_YEAR    the peak cumulative burn and its year;
 *  - CX_SF_BREAK_EVEN, CX_SF_BREAK_EVEN_FRAC, CX_SF_PAYBACK,
 *    CX_SF_PAYBACK_FRAC             years, whole and fractional;
 *  - CX_SF_FUNDING_GAP, CX_SF_RUNWAY, CX_SF_CASH_OUT   with opening cash:
 *                      the funding gap (money), the runway in months and
 *                      the year the cash runs out (NAN: it lasts the
 *                      horizon);
 *  - CX_SF_NPV, CX_SF_IRR           with `discount:`;
 *  - CX_SF_WARNINGS    checks that did not pass.
 * The rows come in that order except that the money rows (money series'
 * values, cumulative, peak, funding gap, NPV) come first: rows [0, nmoney)
 * are money.
 * A figure that is not defined (a year not within the horizon) is NAN.
 */
#ifndef CX_SCENARIO_SET_H
#define CX_SCENARIO_SET_H

#include <stddef.h>
#include "error.h"
#include "model.h"

typedef enum cx_scenario_fig {
    CX_SF_VALUE = 0, CX_SF_CUMULATIVE, CX_SF_PEAK, CX_SF_PEAK_YEAR,
    CX_SF_BREAK_EVEN, CX_SF_BREAK_EVEN_FRAC, CX_SF_PAYBACK, CX_SF_PAYBACK_FRAC,
    CX_SF_NPV, CX_SF_IRR, CX_SF_WARNINGS, CX_SF_FUNDING_GAP, CX_SF_RUNWAY,
    CX_SF_CASH_OUT, CX_SF_COUNT
} cx_scenario_fig;

/** One row of the table: which figure. */
typedef struct cx_scenario_row {
    cx_scenario_fig fig;
    size_t series;        /**< CX_SF_VALUE: the series; else CX_NO_INDEX */
    int year;             /**< CX_SF_VALUE: the year; CX_SF_CUMULATIVE:
                               `through`; else 0 */
    int from;             /**< CX_SF_CUMULATIVE: the burn's first year */
} cx_scenario_row;

/** One column: a scenario. */
typedef struct cx_scenario_col {
    const char *name;     /**< "base", the model's name, "low", "high" */
    const char *description; /**< the model's, or a fixed text; may be NULL */
    int automatic;        /**< low / high: built from the inputs' ranges */
} cx_scenario_col;

typedef struct cx_scenario_set {
    const cx_model *model;        /**< not owned */
    int through;                  /**< year of the cumulative row (0: none) */
    cx_scenario_row *rows; size_t nrows;  /**< owned */
    size_t nmoney;                /**< rows [0, nmoney) are money figures */
    cx_scenario_col *cols; size_t ncols;  /**< owned; cols[0] is the base */
    double *value;                /**< [nrows * ncols]: row i, column k at
                                       i * ncols + k; owned */
    double *diff;                 /**< the same minus the base's column:
                                       value - value of column 0, NAN when
                                       either is; owned */
} cx_scenario_set;

/** "value", "cumulative_burn", "peak_burn", "peak_year", "break_even_year",
 *  "break_even_fraction", "payback_year", "payback_fraction", "npv", "irr",
 *  "warnings", "funding_gap", "runway_months", "runout_year". */
const char *cx_scenario_fig_name(cx_scenario_fig f);

/**
 * Compute every scenario of m (base, named, low, high). through: the last
 * year of the cumulative row; 0: the `through` of the model's sensitivity
 * when its output is cumulative_burn, else the burn's last year. On success *out is
 * new (cx_scenario_set_free). On failure, *failed_scenario names the
 * scenario that failed (a pointer into the model or a static string) and
 * *failed_series the series concerned (CX_NO_INDEX otherwise).
 */
cx_status cx_scenario_set_compute(const cx_model *m, int through,
                                  cx_scenario_set **out, const char **failed_scenario,
                                  size_t *failed_series);

/** A label for people of row i: "OpenAI revenue, 2032", "Cumulative net
 *  cash flow 2026-2029", "Peak cumulative burn", "Peak burn year",
 *  "Break-even year", "Break-even (fractional year)", "Payback year",
 *  "Payback (fractional year)", "NPV at 10%", "IRR", "Check warnings",
 *  "Funding gap", "Runway (months)", "Cash runs out (year)". */
void cx_scenario_row_label(const cx_scenario_set *s, size_t i, char *buf, size_t size);

/** The value of row i in column k (NAN out of range). */
double cx_scenario_set_value(const cx_scenario_set *s, size_t i, size_t k);

void cx_scenario_set_free(cx_scenario_set *s);

#endif
