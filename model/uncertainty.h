/*
 * uncertainty.h - what a Monte Carlo run samples (the model file's
 * `uncertainty:` block, docs/format.md "Uncertainty"): a distribution per
 * stochastic input, the rank correlations between them, the targets whose
 * probability is reported, and what the fan chart shows.
 *
 * A stochastic input is either a driver's main parameter or a stated
 * figure:
 *  - CX_MC_DRIVER: the sampled value replaces, in the driver in effect,
 *      growth            its rate
 *      fade              its start rate `from` (also when from: cagr(...))
 *      stages            its high rate `high` (also when high: cagr(...))
 *      cagr              the CAGR held constant
 *      rates             the last rate of the list (the one that holds
 *                        from the end of the list on)
 *      share, intensity  the constant share
 *    Trend drivers, shares taken from a series and series without a
 *    driver cannot be sampled.
 *  - CX_MC_FIGURE: the stated figure of an input series in one year (from
 *    `from_ranges`: every range figure low..high becomes
 *    triangular(low, base, high) or pert(low, base, high)); interpolated
 *    years, CAGR windows, sums and shares follow it.
 *  - CX_MC_LIFE: the life (years) of the depreciation entry whose D&A
 *    series is `series`, in place of the rule's (a bounded distribution
 *    within 0..100 years; fractional lives allowed).
 */
#ifndef CX_UNCERTAINTY_H
#define CX_UNCERTAINTY_H

#include <stddef.h>
#include "distribution.h"
#include "error.h"

typedef enum cx_mc_param { CX_MC_DRIVER = 0, CX_MC_FIGURE, CX_MC_LIFE } cx_mc_param;

typedef struct cx_stochastic {
    cx_mc_param param;
    size_t series;          /**< index into the model's series */
    int year;               /**< CX_MC_FIGURE: the figure's year */
    cx_dist dist;           /**< prepared (cx_dist_prepare); owned */
    const char *source;     /**< owned by the model, may be NULL */
    int line, col;
} cx_stochastic;

/** What a target asks the probability of. "Burn" is the cumulative net
 *  cash flow negated: a cumulative -115 is a burn of 115. */
typedef enum cx_target_kind {
    CX_T_BREAK_EVEN_BY = 0, /**< break-even year (net >= 0) no later than year */
    CX_T_PAYBACK_BY,        /**< payback year no later than year */
    CX_T_BURN_BELOW,        /**< burn through year (from the burn's first
                                 year) below x */
    CX_T_PEAK_BELOW,        /**< peak funding need below x */
    CX_T_RUNWAY_THROUGH,    /**< the cash does not run out in year or before */
    CX_T_NPV_ABOVE,         /**< NPV above x (needs `discount`) */
    CX_T_COUNT
} cx_target_kind;

typedef struct cx_target {
    cx_target_kind kind;
    int year;
    double x;
    const char *label;      /**< owned by the model, may be NULL */
    int line, col;
} cx_target;

/** Fan chart entries: a series index, or the burn's net / cumulative. */
#define CX_FAN_NET        ((size_t)-2)
#define CX_FAN_CUMULATIVE ((size_t)-3)

typedef enum cx_from_ranges { CX_FR_NONE = 0, CX_FR_TRIANGULAR, CX_FR_PERT } cx_from_ranges;

typedef struct cx_uncertainty {
    cx_stochastic *inputs;  size_t ninputs;   /**< owned */
    /* Correlation: k inputs take part, corr_input[i] is the input of row i. */
    size_t k;
    size_t *corr_input;     /**< [k] */
    double *rank;           /**< [k*k] rank correlations as written */
    double *pearson;        /**< [k*k] of the normals (repaired when asked) */
    double *chol;           /**< [k*k] lower-triangular factor */
    int repair;             /**< `repair: true` */
    int repaired;           /**< the matrix was not positive definite and
                                 was repaired */
    cx_target *targets;     size_t ntargets;  /**< owned */
    size_t *fan;            size_t nfan;      /**< owned; none = the default */
    int burn_through;       /**< year of the cumulative burn reported; 0 = the
                                 first burn target's year, else the last burn year */
    int bins;               /**< histogram bins, default 20 */
    cx_from_ranges from_ranges;
    int line, col;
} cx_uncertainty;

/** A new empty block (bins 20). */
cx_status cx_uncertainty_new(cx_uncertainty **out);

/** Free it (NULL is fine). */
void cx_uncertainty_free(cx_uncertainty *u);

/** Append zero-initialised entries; the pointer is valid until the next
 *  add of the same kind. */
cx_status cx_uncertainty_add_input(cx_uncertainty *u, cx_stochastic **out);
cx_status cx_uncertainty_add_target(cx_uncertainty *u, cx_target **out);
cx_status cx_uncertainty_add_fan(cx_uncertainty *u, size_t entry);

/** Index of the input sampling series' driver (CX_MC_DRIVER) or its
 *  figure in year (CX_MC_FIGURE), or (size_t)-1. */
size_t cx_uncertainty_find(const cx_uncertainty *u, cx_mc_param param,
                           size_t series, int year);

/**
 * Set the correlation from n pairs: inputs a[i] and b[i] have rank
 * correlation rho[i] (|rho| <= 1, a[i] != b[i]; unnamed pairs are 0).
 * Builds rank, pearson and chol. Returns CX_EDOMAIN when the matrix is
 * not positive definite and repair is 0 (the matrices are kept, chol is
 * not); with repair, a matrix that is not is repaired (u->repaired = 1).
 * CX_EINVAL for bad pairs.
 */
cx_status cx_uncertainty_correlate(cx_uncertainty *u, const size_t *a,
                                   const size_t *b, const double *rho,
                                   size_t n, int repair);

/** Row of input i in the correlation matrix, or (size_t)-1. */
size_t cx_uncertainty_corr_row(const cx_uncertainty *u, size_t input);

/** "break_even_by", "payback_by", "cumulative_burn_through",
 *  "peak_funding_below", "runway_through", "npv_above". */
const char *cx_target_kind_name(cx_target_kind kind);

#endif
