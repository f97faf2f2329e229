/*
 * mc.h - Monte Carlo over a computed result: the distribution of the burn
 * figures when the model's stochastic inputs (uncertainty.h) are drawn.
 *
 * Each path draws every input (correlated ones through the Gaussian
 * copula: standard normals z, y = L z with L the Cholesky factor, each
 * input the quantile of Phi(y)), recomputes the series they touch exactly
 * as cx_compute does (same operations in the same order: a path whose
 * draws equal the deterministic inputs gives the deterministic figures
 * bit for bit), then the burn: cumulative burn through a year, peak
 * funding need, NPV (with `discount`), break-even, payback and runway-end
 * years, and the fan chart's series in every year. No allocation per path.
 *
 * Reproducible: paths are cut into blocks of CX_MC_BLOCK; block b draws
 * from the Philox stream (seed, b) (mc_rng.h) and threads share out whole
 * blocks, so the result for a seed does not depend on the thread count.
 * Sums over paths (moments, counts, hits) are taken per block in the path
 * pass and combined in block order after the run.
 *
 * Streaming: with on_block set, the values of one output over the years
 * (a series, the net or the cumulative net cash flow) reach the caller a
 * block of paths at a time, in path order, while the paths are computed
 * (`capex mc --raw`). Blocks that finish early wait for the ones before
 * them; at most two blocks per thread are in flight, so the memory this
 * takes does not grow with the paths. With stream_only, nothing is kept
 * per path at all (no percentiles: they need every value).
 *
 * Percentiles are exact: the order statistics (found by selection, the
 * same values a full sort gives) interpolated as
 * gsl_stats_quantile_from_sorted_data does (Excel's PERCENTILE.INC):
 * h = p (n - 1), x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])
 * written (1 - d) x[i] + d x[i+1]; equal neighbours give that value.
 */
#ifndef CX_MC_H
#define CX_MC_H

#include <stddef.h>
#include "result.h"
#include "uncertainty.h"

#define CX_MC_BLOCK 4096
#define CX_MC_MAX_LEVELS 32

/**
 * Receives one output's values for a block of paths: values[i * n + j] is
 * path first_path + i's value in year first_year + j (n and first_year from
 * cx_mc_entry_span). Called on the thread that called cx_mc_run, once per
 * block, in path order: first_path is 0, then the previous first_path +
 * npaths; npaths is CX_MC_BLOCK but for the last block. values is valid
 * during the call only. Return 0 to go on; anything else stops the run.
 */
typedef int (*cx_mc_block_fn)(void *ctx, size_t first_path, size_t npaths,
                              const double *values);

typedef struct cx_mc_options {
    size_t paths;             /**< >= 1 */
    unsigned long seed;
    int threads;              /**< >= 1; changes nothing but the speed */
    const double *levels;     /**< percentiles asked beyond the standard
                                   P5 P10 P50 P90 P95, as fractions in (0, 1) */
    size_t nlevels;
    int keep_paths;           /**< keep per-path outputs (raw) in path order */
    cx_mc_block_fn on_block;  /**< NULL: no streaming */
    void *block_ctx;          /**< on_block's ctx */
    size_t block_entry;       /**< what on_block gets: a series index,
                                   CX_FAN_NET or CX_FAN_CUMULATIVE */
    int stream_only;          /**< keep nothing per path: no percentiles,
                                   fan, histogram or years (see cx_mc_result) */
    size_t fan_budget;        /**< bytes the fan's rows may take before its
                                   percentiles come from brackets (mc_fanwin.c;
                                   the same figures, less memory); 0 = 256 MiB */
    size_t fan_margin;        /**< the brackets' half-width in sample ranks;
                                   0 = seven standard deviations of the
                                   sample's count below each rank (tests
                                   make it small) */
} cx_mc_options;

/** Summary of one output over the paths. */
typedef struct cx_mc_stat {
    int present;
    double mean, sd, min, max;
    double *q;                /**< [nq] at the result's levels */
    double deterministic;     /**< the base result's figure */
} cx_mc_stat;

/** When an event happens: break-even, payback, the cash running out. */
typedef struct cx_mc_years {
    int present;
    size_t *count;            /**< [burn_n] paths with the event in year first + i */
    double *p;                /**< [burn_n] count / paths */
    double *p_by;             /**< [burn_n] in that year or before */
    size_t never;             /**< not within the horizon */
    double p_never;
    int deterministic;        /**< the base result's year, 0 = none */
} cx_mc_years;

typedef struct cx_mc_fan {
    size_t entry;             /**< series index, CX_FAN_NET or CX_FAN_CUMULATIVE */
    int first_year;
    size_t n;                 /**< years */
    double *q;                /**< [n * nq]: year i at level j is q[i * nq + j] */
    double *mean;             /**< [n] */
    double *det;              /**< [n] the deterministic projection */
} cx_mc_fan;

typedef struct cx_mc_target_result {
    size_t target;            /**< index into the uncertainty's targets */
    size_t hits;
    double p;
    int deterministic;        /**< the base result meets it: 1 / 0 */
} cx_mc_target_result;

typedef struct cx_mc_input_stat {
    double mean, sd, min, max; /**< of the values drawn */
} cx_mc_input_stat;

typedef struct cx_mc_raw {    /**< per path, in path order (keep_paths) */
    double *cumulative, *peak, *npv;
    int *break_even, *payback, *runout;
    double *inputs;           /**< [paths * ninputs] */
} cx_mc_raw;

/**
 * With stream_only, the result holds paths, seed, levels, the inputs'
 * drawn moments and the targets' probabilities (all summed per block);
 * burn is 0, the stats are not present, nfan, nbins are 0, raw is empty.
 */
typedef struct cx_mc_result {
    const cx_result *base;    /**< not owned */
    int stream_only;          /**< run with stream_only (see above) */
    const cx_uncertainty *u;  /**< the model's; not owned */
    size_t paths;
    unsigned long seed;
    size_t nq;
    double *levels;           /**< [nq] ascending */
    int burn;                 /**< burn outputs present */
    int burn_first_year;
    size_t burn_n;
    int burn_through;         /**< year of the cumulative burn reported */
    cx_mc_stat cumulative;    /**< cumulative net cash flow through burn_through */
    cx_mc_stat peak;          /**< peak funding need: -(the lowest cumulative), >= 0 */
    cx_mc_stat npv;           /**< present with `discount` */
    cx_mc_years break_even, payback, runout;
    cx_mc_fan *fan;           size_t nfan;
    size_t nbins;
    double *edges;            /**< [nbins + 1] of the cumulative burn histogram */
    size_t *counts;           /**< [nbins]; the last bin includes its upper edge */
    cx_mc_target_result *targets; size_t ntargets;
    cx_mc_input_stat *inputs; /**< [u->ninputs] */
    cx_mc_raw raw;
} cx_mc_result;

/**
 * Run the Monte Carlo of base's model (its `uncertainty:`) under base's
 * scenario. *out is a new result (cx_mc_result_free); base and its model
 * must outlive it. CX_EINVAL when the model has no uncertainty, options
 * are out of range (stream_only without on_block, a block_entry
 * cx_mc_entry_span refuses), or an input cannot be sampled under this
 * scenario (*failed_input is then its index, else (size_t)-1), and when
 * on_block stopped the run (its ctx knows why); CX_ENOMEM.
 */
cx_status cx_mc_run(const cx_result *base, const cx_mc_options *o,
                    cx_mc_result **out, size_t *failed_input);

void cx_mc_result_free(cx_mc_result *r);

/**
 * The years a Monte Carlo output covers: entry a series index (the first
 * run of years it has values in, as in the fan chart), CX_FAN_NET or
 * CX_FAN_CUMULATIVE (the burn's years). *first_year and *n (>= 1) are
 * set on success; CX_EINVAL for an index out of range, net / cumulative
 * without a burn, or a series without values.
 */
cx_status cx_mc_entry_span(const cx_result *base, size_t entry, int *first_year,
                           size_t *n);

/** The percentile p of a sorted x (see above). */
double cx_mc_quantile(const double *x, size_t n, double p);

/** The order statistics at ranks[0..nr) (ascending, unique): out[i] is
 *  what a full ascending sort would put at x[ranks[i]]. x may be permuted. */
void cx_mc_select(double *x, size_t n, const size_t *ranks, size_t nr, double *out);

/** The label of a fan entry: the series' label or name, "net cash flow",
 *  "cumulative net cash flow". */
const char *cx_mc_fan_label(const cx_model *m, size_t entry);

/** What input i samples, for labels: "growth rate", "fade from",
 *  "stages high", "CAGR", "last rate", "share", or "figure" (a stated
 *  figure, whose year is the input's). */
const char *cx_mc_param_name(const cx_result *base, const cx_stochastic *in);

#endif
