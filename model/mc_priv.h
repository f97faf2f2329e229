/*
 * mc_priv.h - private to the Monte Carlo engine (mc.c, cxi_mc_plan.c,
 * cxi_mc_stats.c): the model compiled into flat arrays once, and what one
 * path computes. Not part of the public API.
 */
#ifndef CX_MC_PRIV_H
#define CX_MC_PRIV_H

#include <stddef.h>
#include <gsl/gsl_rng.h>
#include "mc.h"

#define MC_NONE ((size_t)-1)

/** A series a path recomputes (it or something it follows is sampled). */
typedef struct cxi_mc_aff {
    size_t s;
    int sum;                  /**< a sum of parts */
    int formula;              /**< a derived series (mc_formula.c) */
    cx_driver d;              /**< the driver in effect (shallow copy) */
    size_t input;             /**< the input sampling its driver, or MC_NONE */
    int last_stated;          /**< year index */
    double start_rate;        /**< the base result's CAGR start rate */
    int wa, wb;               /**< CAGR window (year indices), -1 none */
    int recompute_start;      /**< a window figure is sampled */
} cxi_mc_aff;

typedef struct cxi_mc_plan {
    const cx_result *base;
    const cx_model *m;
    const cx_uncertainty *u;
    size_t ny, ns, paths, nblocks;
    unsigned long seed;
    cxi_mc_aff *aff;              size_t naff;   /**< in computation order */
    int *ia, *ib;             /**< [ns * ny] interpolation neighbours */
    double *init;             /**< [ns * ny] base values, NAN when absent */
    unsigned char *kind;      /**< [ns * ny] the base values' cx_value_kind */
    /* burn */
    int burn;
    size_t bt0, bn, in0, in1;
    int nin, with_c, first_year;
    const double *ctotal;     /**< [ny] commitments schedule */
    int has_cash;
    size_t cash_i;
    double cash;
    const double *raises;     /**< [bn] or NULL */
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
    /* streaming (cx_mc_options.on_block) */
    int stream;
    size_t stream_entry, stream_n;
    int stream_t0;            /**< year index of the first value */

    double *consts;           /**< [nconstants] the constants' values */
    size_t fx_need;           /**< scratch doubles the largest formula needs */
} cxi_mc_plan;

/* mc_formula.c: derived series on a path. */
typedef struct cxi_mc_fx {
    const double **sv;        /**< [ns] each series' row of the path's V */
    double *scratch, *out;    /**< [fx_need], [ny] */
} cxi_mc_fx;
cx_status cxi_mc_fx_plan(cxi_mc_plan *p);
int cxi_mc_fx_init(const cxi_mc_plan *p, cxi_mc_fx *fx, double *V);
void cxi_mc_fx_release(cxi_mc_fx *fx);
void cxi_mc_fx_series(const cxi_mc_plan *p, const cxi_mc_aff *a, double *V,
                      cxi_mc_fx *fx);

/** Where the paths' outputs go (arrays of paths entries; fan rows of paths).
 *  With stream_only, cum ... ro, fan and inputs are NULL: only the per-block
 *  sums are kept. */
typedef struct cxi_mc_store {
    double *cum, *peak, *npv;
    int *be, *pb, *ro;
    double *fan;              /**< [fan_rows * paths] */
    double *inputs;           /**< [paths * ninputs] or NULL */
    size_t *hits;             /**< [nblocks * ntargets] */
    double *insum, *insq, *inmin, *inmax; /**< [nblocks * ninputs] */
} cxi_mc_store;

/* cxi_mc_plan.c */
cx_status cxi_mc_plan_build(cxi_mc_plan *p, const cx_result *base, size_t paths,
                        unsigned long seed, size_t *failed_input);
void cxi_mc_plan_release(cxi_mc_plan *p);

/** Stream entry e (cx_mc_entry_span's rules). */
cx_status cxi_mc_plan_stream(cxi_mc_plan *p, size_t e);

/** Year index of the first value and number of values of entry e. */
cx_status cxi_mc_entry_span(const cx_result *base, size_t e, int *t0, size_t *n);

/* mc.c: a path's burn outputs; targets met. */
typedef struct cxi_mc_path_out {
    double through, peak, npv;
    int be, pb, ro;
    const double *cum;        /**< [bn] */
} cxi_mc_path_out;
int cxi_mc_target_met(const cxi_mc_plan *p, const cx_target *t, const cxi_mc_path_out *o);

/* cxi_mc_stats.c: fill r from the store once every path is done. */
cx_status cxi_mc_stats(const cxi_mc_plan *p, cxi_mc_store *s, const cx_mc_options *o,
                   cx_mc_result *r);

#endif
