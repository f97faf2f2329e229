/*
 * mc_rng.h - Philox4x32-10 (Salmon et al., "Parallel random numbers: as
 * easy as 1, 2, 3", SC 2011) as a GSL generator type, so gsl_ran_* draw
 * from it. A stream is keyed by (seed, stream): Monte Carlo gives each
 * block of paths the stream of its block index, so what a path draws does
 * not depend on which thread computes it.
 */
#ifndef CX_MC_RNG_H
#define CX_MC_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/** The generator type (32-bit outputs, min 0, max 2^32 - 1). */
extern const gsl_rng_type *cx_rng_philox;

/** Restart r (a cx_rng_philox generator) at the beginning of stream
 *  (seed, stream): key = seed, counter = (0, 0, stream low, stream high). */
void cx_rng_philox_seed(gsl_rng *r, uint64_t seed, uint64_t stream);

/** One Philox4x32-10 block: ctr[4] encrypted under key[2] into out[4]
 *  (exposed for the known-answer test). */
void cx_philox4x32_10(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4]);

#endif
