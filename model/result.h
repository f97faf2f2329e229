/*
 * result.h - everything the engine computes for one model and scenario.
 *
 * cx_compute fills a cx_result; writers lay it out (and write formulas
 * that reproduce it) but never compute finance themselves.
 *
 * Per series, per year (index t = year - first_year):
 *  - stated years keep their stated value (base used for arithmetic);
 *  - a gap between two stated years is filled linearly:
 *      v(t) = v(a) + (v(b) - v(a)) * (t - a) / (b - a)       [INTERPOLATED]
 *    (spreadsheet: =prev + (next_stated - prev_stated)/(b - a), i.e. the
 *    step is added to the previous year's value, and the engine computes it
 *    exactly that way), with a note for each filled year;
 *  - after the last stated year, when the series has a driver:
 *      v(t) = v(t-1) * (1 + rate(t))                          [PROJECTED]
 *    for the chained methods (growth, rates, cagr, fade, stages); a trend
 *    evaluates its fitted curve, a share multiplies the other series by the
 *    share (driver.h, fit.h);
 *  - a sum series is the sum of its parts in every year where all parts
 *    have a value (added left to right in parts order)       [DERIVED]
 *  - a depreciation series (NAME, NAME.gross, NAME.net, NAME.accumulated)
 *    is its entry's schedule of the capex series (depreciation.h), from
 *    the capex series' first value on                        [DERIVED]
 *  - yoy(t) = v(t)/v(t-1) - 1 where both exist and v(t-1) != 0.
 */
#ifndef CX_RESULT_H
#define CX_RESULT_H

#include <stddef.h>
#include <stdint.h>
#include "model.h"
#include "burn.h"
#include "check.h"
#include "discount.h"
#include "fit.h"
#include "goal.h"
#include "rollup.h"

typedef struct cx_series_result {
    cx_value *v;          /**< [nyears] values; owned */
    double *rate;         /**< [nyears] growth rate applied in projected
                               years, NAN elsewhere; owned */
    double *yoy;          /**< [nyears] NAN where undefined; owned */
    double *pop;          /**< [nyears] against the period before (month on
                               month, quarter on quarter) in a monthly or
                               quarterly model, NAN where undefined; NULL in
                               an annual one (yoy is that); owned */
    int first;            /**< year index of the first value, -1 = none */
    int last_stated;      /**< year index of the last stated (or, for a sum,
                               last derived-from-stated) value, -1 = none */
    int last;             /**< year index of the last value, -1 = none */
    double start_rate;    /**< CAGR / FADE from_cagr: the window's CAGR; NAN otherwise */
    int window_from, window_to; /**< the CAGR window actually used (years), 0 when none */
    /* Headline growth over the stated history (first..last_stated). */
    double hist_cagr;     /**< NAN when undefined */
    double hist_rate;     /**< the same growth a period compounded (a month's,
                               a quarter's; hist_cagr in an annual model) */
    double hist_multiple; /**< NAN when undefined */
    /* Over everything that has values (first..last). */
    double full_cagr;
    cx_fit fit;           /**< trend driver: the fit used (kind NONE otherwise) */
    double *residual;     /**< [nyears] stated - fitted in the fit window,
                               NAN elsewhere; NULL without a fit; owned */
    /* A derived series (CX_S_FORMULA); NULL otherwise. */
    uint32_t *why;        /**< [nyears] why a year is empty (CX_FXW_*); owned */
    int *fx_start;        /**< [formula.ncode] cumsum's first year index; owned */
} cx_series_result;

typedef enum cx_note_level { CX_NOTE_INFO = 0, CX_NOTE_WARNING } cx_note_level;

/** Something the analyst should know: an interpolated year, a rate list
 *  that ran out, a commitment without a period, a check that warns. */
typedef struct cx_note {
    cx_note_level level;
    size_t series;        /**< CX_NO_INDEX when not about one series */
    int year;             /**< 0 when not about one year */
    int line, col;        /**< position in the model file, 0 if unknown */
    char text[200];
} cx_note;

typedef struct cx_burn_result {
    int enabled;
    int first_year;       /**< first year with a net value */
    size_t n;             /**< years with a net value, consecutive */
    double *revenue;      /**< [n] or NULL when net is given directly; owned */
    double *costs;        /**< [n] or NULL; owned */
    double *net;          /**< [n]; owned */
    cx_burn burn;         /**< cumulative, peak, break-even, payback */
    cx_funding funding;   /**< cash, runway, funding gap, default alive */
} cx_burn_result;

typedef struct cx_commitment_result {
    double *amount;       /**< [ncommitments * nyears]: row c, year t */
    double *total;        /**< [nyears]: sum over commitments; owned */
    double *beyond;       /**< [ncommitments]: paid after the horizon */
    int *scheduled;       /**< [ncommitments]: 0 = no period stated */
} cx_commitment_result;

/** A depreciation entry under the result's scenario (depreciation.h). */
typedef struct cx_dep_result {
    cx_dep_rule rule;     /**< the rule in effect (base or the scenario's) */
    int computed;         /**< schedule filled (by the first of its series) */
    int first;            /**< period index the schedule starts at: the capex
                               series' first value (0 with opening PP&E) */
    double *capex;        /**< [nyears] purchases used (0 where missing); owned */
    cx_dep_schedule schedule; /**< from period `first` on; owned */
    /* The Summary's figures (NAN / 0 when undefined): */
    int da_first;         /**< year of the first D&A above 0, 0 = none */
    double da_last;       /**< D&A in the model's last year */
    double da_multiple;   /**< da_last / D&A of year da_first */
    int exceeds_year;     /**< first year D&A >= share_of_capex x capex
                               (capex > 0), 0 = none or not asked */
} cx_dep_result;

typedef struct cx_result {
    const cx_model *model;      /**< not owned */
    const char *scenario;       /**< NULL = base; points into the model */
    size_t scenario_index;      /**< CX_NO_INDEX = base */
    cx_driver *drivers;         /**< [nseries] drivers in effect; owned */
    cx_series_result *series;   /**< [nseries]; owned */
    size_t *order;              /**< [nseries] computation order; owned */
    cx_dep_result *deps;        /**< [model ndepreciations]; owned */
    cx_burn_result burn;
    cx_commitment_result commitments;
    cx_check_result *checks;    size_t nchecks;   /**< owned */
    cx_discount_result discount;
    cx_goal_result *goals;      size_t ngoals;    /**< owned */
    cx_rollup annual;           /**< by fiscal year: monthly and quarterly
                                     models only (n 0 in an annual one) */
    cx_note *notes;             size_t nnotes;    /**< owned */
    size_t warnings;            /**< checks that did not pass */
} cx_result;

/**
 * Compute a model under a scenario (NULL or "base" for the base drivers).
 * On success *out is a new result, free it with cx_result_free. Returns
 * CX_ENOTFOUND for an unknown scenario, CX_ECYCLE for circular sums or shares,
 * CX_EDOMAIN when a driver cannot be evaluated (a CAGR window with a
 * non-positive start), CX_ERANGE when a value overflows; *failed_series is
 * then set to the series concerned (CX_NO_INDEX otherwise).
 */
cx_status cx_compute(const cx_model *m, const char *scenario,
                     cx_result **out, size_t *failed_series);

void cx_result_free(cx_result *r);

/** Value of series s in year (base), NAN when absent or out of range. */
double cx_result_value(const cx_result *r, size_t s, int year);

#endif
