/*
 * mc_priv.h - private to the Monte Carlo engine (mc.c, mc_plan.c,
 * mc_ops.c, mc_path.c, mc_stats.c, mc_select.c): the model compiled once
 * into a plan, and what one path computes. Not part of the public API.
 *
 * The per-path plan is an ordered list of steps (cxi_mc_op), each over a
 * run of years of one row of the path's values V (series s, year t at
 * V[s * ny + t]; after the rows, a row of zeros and one slot per series
 * parameter):
 *   PARAM      slot = the series' parameter p: its draw x[input], or the
 *              CAGR of the path's figures over its window (a parameter that
 *              does not depend on the draws is set once, in V's initial values)
 *   GROW       v[t] = v[t-1] * (1 + p)                  (the rate is p itself)
 *   CHAIN      v[t] = v[t-1] * (1 + (p + (to - p) * a / b))  (fade, stages)
 *   GROW_FIXED v[t] = v[t-1] * g[t], g = 1 + a rate that does not depend on
 *              p (a rate list's, an override, a terminal rate)
 *              (cx_driver_rate_form gives each year's class and coefficients)
 *   SHARE      v[t] = V[of][t] * p
 *   SHARE_ROW  v[t] = V[of][t] * V[share][t]
 *   SUM        v[t] = part0[t] + part1[t] + ... left to right
 *   INTERP     v[t] = v[t-1] + (v[b] - v[a]) / (b - a)   (a drawn figure moved a
 *              stated neighbour)
 *   FORMULA    v[t] = the series' formula (formula.h) over the path's rows,
 *              for its derived years (evaluated once per path, on the
 *              series' first run; mc_formula.c)
 *   DEP        a depreciation entry's four rows (D&A, gross, net,
 *              accumulated) from the path's capex row: the profile of its
 *              rule (computed once, or per path from a drawn life) and the
 *              vintage waterfall and roll-forward (cx_dep_roll), in the
 *              scratch rows after the slots
 * Everything that does not depend on the draws (runs, coefficients, row
 * offsets) is resolved when the plan is built, so a path does per year
 * only the arithmetic cx_compute does, in the same order.
 */
#ifndef CX_MC_PRIV_H
#define CX_MC_PRIV_H

#include <stddef.h>
#include <gsl/gsl_rng.h>
#include "mc.h"

#define MC_NONE ((size_t)-1)

typedef enum cxi_mc_opkind {
    CXI_OP_PARAM,
    CXI_OP_GROW,
    CXI_OP_CHAIN,
    CXI_OP_GROW_FIXED,
    CXI_OP_SHARE,
    CXI_OP_SHARE_ROW,
    CXI_OP_SUM,
    CXI_OP_INTERP,
    CXI_OP_FORMULA,
    CXI_OP_DEP
} cxi_mc_opkind;

/** Where a PARAM step takes the parameter from. */
typedef enum cxi_mc_pkind {
    CXI_P_INPUT,              /**< the path's draw x[input] */
    CXI_P_WINDOW              /**< CAGR of row src over years wa..wb */
} cxi_mc_pkind;

/** One step of a path: a run of years t0 .. t0 + n - 1 of row dst (PARAM:
 *  dst is the slot). */
typedef struct cxi_mc_op {
    cxi_mc_opkind kind;
    size_t dst, t0, n;        /**< dst: offset in V */
    cxi_mc_pkind pkind;       /**< PARAM */
    size_t input;             /**< PARAM from a draw */
    int wa, wb;               /**< PARAM from a window: year indices */
    int per_year;             /**< PARAM from a window: periods a year (the
                                   CAGR is annualised, cx_cagr_periods) */
    int per, months;          /**< GROW, CHAIN: a rate per `per` months
                                   applied to periods of `months`:
                                   cx_rate_convert (equal: as it is) */
    int zero_if_bad;          /**< GROW, CHAIN, GROW_FIXED of a fade or
                                   stages: a p that is not finite makes every
                                   rate 0 but the overrides (gbad) */
    const double *to, *a, *b; /**< CHAIN: [n] the years' coefficients */
    const double *g, *gbad;   /**< GROW_FIXED: [n] 1 + rate; all three:
                                   [n] 1 + (the override or 0) */
    size_t src, src2;         /**< GROW, CHAIN, GROW_FIXED: p's slot; SHARE:
                                   row of `of`, p's slot; SHARE_ROW: rows of
                                   `of` and of the share; PARAM: the row;
                                   INTERP: the neighbours' year indices */
    const size_t *parts;      /**< SUM: [nparts] row offsets */
    size_t nparts;
    size_t series;            /**< FORMULA: the series */
    int eval;                 /**< FORMULA: evaluate (the series' first run;
                                   later runs copy the same evaluation) */
    size_t dep;               /**< DEP: index into the plan's deps */
} cxi_mc_op;

/** A depreciation entry a path recomputes (DEP). */
typedef struct cxi_mc_dep {
    cx_dep_rule rule;         /**< in effect under the run's scenario */
    size_t input;             /**< the drawn life (CX_MC_LIFE), MC_NONE */
    size_t capex;             /**< row offset of the capex series */
    size_t rows[CX_DEP_PARTS];/**< row offsets of its four series */
    size_t first, n;          /**< the schedule's first year index, length */
    double *g;                /**< [n] the profile of rule (a fixed life) */
} cxi_mc_dep;

/** A drawn stated figure: V[at] = x[input] before the steps run. */
typedef struct cxi_mc_figure {
    size_t input, at;
} cxi_mc_figure;

typedef struct cxi_mc_plan {
    const cx_result *base;
    const cx_model *m;
    const cx_uncertainty *u;
    size_t ny, ns, paths, nblocks;
    unsigned long seed;
    size_t *corr_row;         /**< [ninputs] row in the copula, MC_NONE */
    cxi_mc_figure *fig;       size_t nfig;
    cxi_mc_op *ops;           size_t nops;   /**< in computation order */
    double *coef;             size_t ncoef; /**< chain coefficients (ops
                                                   point into it) */
    size_t nv;                /**< values per path: rows, zeros, slots */
    size_t slot0, nslots;     /**< parameter slots: V[slot0 ...] */
    size_t dep0;              /**< DEP scratch: V[dep0 .. dep0 + 3 ny) */
    cxi_mc_dep *deps;         size_t ndeps;  /**< [model ndepreciations] */
    size_t *parts;            /**< SUM parts (ops point into it) */
    double *init;             /**< [nv] base values (NAN when absent),
                                   zeros, the parameters that are fixed */
    /* burn: net[i] = V[in0 + t] - V[in1 + t] - ctotal[t], t = bt0 + i;
     * V's last row (offset ns * ny) is zeros and stands in for a missing
     * costs row, zeros for commitments left out */
    int burn;
    size_t bt0, bn;
    size_t in0, in1;          /**< row offsets in V */
    const double *ctotal;     /**< [ny] */
    double *zeros;            /**< [ny] */
    int first_year;
    int has_cash;
    size_t cash_i;
    double cash;
    const double *raises;     /**< [bn] (zeros without raises) */
    int through_i;            /**< burn index of burn_through */
    /* NPV */
    int npv;
    size_t npv_series, npv_t0, npv_n;
    double *disc;             /**< [npv_n] (1 + rate)^(i + 1) */
    /* fan */
    size_t nfan;
    size_t *fan_entry, *fan_n, *fan_off; /**< [nfan]; fan_off: first row */
    int *fan_t0;              /**< [nfan] year index of the first value */
    size_t fan_rows;          /**< sum of fan_n */
    size_t through_fan;       /**< fan row holding the cumulative through
                                   burn_through (shared, not stored twice),
                                   or MC_NONE */
    /* streaming (cx_mc_options.on_block) */
    int stream;
    size_t stream_entry, stream_n;
    int stream_t0;            /**< year index of the first value */

    double *consts;           /**< [nconstants] the constants' values */
    size_t fx_need;           /**< scratch doubles the largest formula needs */
} cxi_mc_plan;

/** Moments of one output over one block of paths, shifted by the block's
 *  first value k: s1 = sum (x - k), s2 = sum (x - k)^2. */
typedef struct cxi_mc_mom {
    double k, s1, s2, min, max;
} cxi_mc_mom;

/** Where the paths' outputs go. rows[r] (r < nrows) are the outputs the
 *  statistics summarise, each [paths]: the fan rows, then peak, npv and the
 *  cumulative through burn_through when not a fan row. With stream_only
 *  nothing per path is kept: only the per-block sums. */
typedef struct cxi_mc_store {
    double **rows;            size_t nrows;
    double *rowmem;           /**< the rows, one after another (free) */
    double *cum, *peak, *npv; /**< rows[...] or NULL */
    size_t r_peak, r_npv, r_cum; /**< rows a path writes its burn figures
                                      to, MC_NONE: none (cum: a fan row's) */
    int *be, *pb, *ro;        /**< [paths] with keep_paths, else NULL */
    double *inputs;           /**< [paths * ninputs] or NULL */
    cxi_mc_mom *mom;          /**< [nblocks * nrows] */
    size_t *years;            /**< [nblocks * 3 * (bn + 1)]: paths with the
                                   break-even / payback / run-out in burn
                                   year i (i = bn: none) */
    size_t *hits;             /**< [nblocks * ntargets] */
    double *insum, *insq, *inmin, *inmax; /**< [nblocks * ninputs] */
    struct cxi_mc_fanwin *fw; /**< the fan by brackets (mc_fanwin.c), or NULL:
                                   then rows[0 .. fan_rows) hold only the
                                   first cxi_mc_fw_sample() paths */
    size_t b0, b1;            /**< the blocks a simulation pass runs */
    int fw_pass;              /**< 0: the sample's blocks; 1: the others,
                                   into brackets; 2: every block, brackets
                                   of the rows still active only */
} cxi_mc_store;

/* mc_plan.c */
cx_status cxi_mc_plan_build(cxi_mc_plan *p, const cx_result *base, size_t paths,
                            unsigned long seed, size_t *failed_input);
void cxi_mc_plan_release(cxi_mc_plan *p);

/** Stream entry e (cx_mc_entry_span's rules). */
cx_status cxi_mc_plan_stream(cxi_mc_plan *p, size_t e);

/** Year index of the first value and number of values of entry e. */
cx_status cxi_mc_entry_span(const cx_result *base, size_t e, int *t0, size_t *n);

/* mc_formula.c: derived series on a path; the scratch a worker needs. */
typedef struct cxi_mc_fx {
    const double **sv;        /**< [ns] each series' row of the path's V */
    double *scratch;          /**< [fx_need]; a formula's result in its first ny */
} cxi_mc_fx;
cx_status cxi_mc_fx_plan(cxi_mc_plan *p);
int cxi_mc_fx_init(const cxi_mc_plan *p, cxi_mc_fx *fx, double *V);
void cxi_mc_fx_release(cxi_mc_fx *fx);
void cxi_mc_fx_run(const cxi_mc_plan *p, const cxi_mc_op *op, double *V, cxi_mc_fx *fx);

/* mc_ops.c: the steps of the series the draws touch (p->ops, coef, parts,
 * fig); run them over a path's values (fx: the worker's formula scratch). */
cx_status cxi_mc_ops_build(cxi_mc_plan *p);
void cxi_mc_ops_run(const cxi_mc_plan *p, double *V, const double *x, cxi_mc_fx *fx);

/* mc_path.c: a path's burn outputs; targets met. */
typedef struct cxi_mc_path_out {
    double through, peak, npv;
    int be, pb, ro;
    const double *cum;        /**< [bn] */
} cxi_mc_path_out;

/** The year of break-even: the first burn year after a burn year (net < 0)
 *  whose net cash flow is >= 0, or 0 when none is (burn.h's rule). */
int cxi_mc_break_even(const cxi_mc_plan *p, const double *net);

/** The burn of a path: net and cum [bn] are filled; o->cum = cum. */
void cxi_mc_burn(const cxi_mc_plan *p, const double *V, double *net, double *cum,
                 cxi_mc_path_out *o);
int cxi_mc_target_met(const cxi_mc_plan *p, const cx_target *t, const cxi_mc_path_out *o);

/* mc_stats.c: the moments of one row's n >= 1 values in one block (the
 * caller keeps each block's in its own slot); fill r from the store once
 * every path is done. */
cxi_mc_mom cxi_mc_block_moments(const double *x, size_t n);
cx_status cxi_mc_stats(const cxi_mc_plan *p, cxi_mc_store *s, const cx_mc_options *o,
                       cx_mc_result *r);

/* mc_mem.c: a large block for the per-path rows, on huge pages where the
 * system offers them (fewer page faults); free() releases it. */
void *cxi_mc_big_alloc(size_t size);

/* mc_par.c: fn(ctx, i) for i in 0 .. n on up to `threads` threads, row i
 * on thread i mod t (each call must write only its own results). */
void cxi_mc_par(size_t n, int threads, void (*fn)(void *ctx, size_t i), void *ctx);
/* The pages of p[0 .. size) made present in one call where the system
 * can (MADV_POPULATE_WRITE): memory about to be written anyway, without a
 * page fault per page. A hint: nothing changes where it cannot. */
void cxi_mc_prefault(void *p, size_t size);

/* mc_stats.c: the ranks the levels need (ascending, unique) and a level's
 * percentile from their order statistics. */
size_t cxi_mc_ranks(const double *levels, size_t nq, size_t n, size_t *r);
double cxi_mc_quantile_of(const size_t *ranks, const double *vals, size_t nr, size_t n,
                          double p);
/* The levels a run reports: the standard five and the asked ones, sorted
 * and unique, into levels[5 + o->nlevels]; their count. */
size_t cxi_mc_levels(const cx_mc_options *o, double *levels);

/* mc_fanwin.c: the fan's percentiles without keeping its rows (see there). */
#define FW_MAXW (2 * (CX_MC_MAX_LEVELS + 5))
typedef struct cxi_mc_fw_win {
    double lo, hi;            /**< values lo <= x <= hi are kept */
    double frac;              /**< the share of paths expected inside */
    int owned;                /**< v is its own block (else in the arena) */
    size_t below, pos, n, cap; /**< while collecting: below (bracket 0: the
                                   values under it) and pos (the values from
                                   its lo to the next lo) count; then below
                                   is what lies under the bracket, n what
                                   the parts hold inside it */
    size_t ready;             /**< v[0 .. ready) made present (prefault) */
    double *v;
} cxi_mc_fw_win;
typedef struct cxi_mc_fanwin {
    size_t rows, paths, nr;
    long margin;              /**< brackets' half-width in sample ranks
                                   (0: by each rank's standard deviation) */
    size_t ranks[FW_MAXW];
    cxi_mc_fw_win *win;       /**< [rows * FW_MAXW] */
    size_t *nw;               /**< [rows] brackets in use */
    size_t *w_of;             /**< [rows * nr] the bracket of each rank */
    unsigned char *active;    /**< [rows] still to collect */
    double *vals;             /**< [rows * nr] the order statistics */
    struct cxi_mc_fw_buf **parts; /**< the threads' buffers until finish */
    size_t nparts;
} cxi_mc_fanwin;
/** A thread's brackets while it collects (merged into the run's). */
typedef struct cxi_mc_fw_buf {
    cxi_mc_fw_win *win;       /**< [n]: rows * FW_MAXW */
    size_t n;
    double *arena;
} cxi_mc_fw_buf;
int cxi_mc_fw_wanted(const cxi_mc_plan *p, size_t budget);
size_t cxi_mc_fw_sample(void);
cx_status cxi_mc_fw_init(cxi_mc_fanwin *fw, size_t rows, size_t paths,
                         const double *levels, size_t nq, size_t margin);
void cxi_mc_fw_release(cxi_mc_fanwin *fw);
cx_status cxi_mc_fw_windows(cxi_mc_fanwin *fw, double *const *rows, size_t m, int threads);
cxi_mc_fw_buf *cxi_mc_fw_local(const cxi_mc_fanwin *fw);
void cxi_mc_fw_drop(cxi_mc_fw_buf *b);
int cxi_mc_fw_keep(const cxi_mc_fanwin *fw, cxi_mc_fw_buf *mine, size_t r,
                   const double *x, size_t n);
int cxi_mc_fw_merge(cxi_mc_fanwin *fw, cxi_mc_fw_buf *mine);
long cxi_mc_fw_finish(cxi_mc_fanwin *fw, int threads);

/* mc_select.c: exact order statistics (cx_mc_select) */
void cxi_mc_sort(double *x, size_t n);

#endif
