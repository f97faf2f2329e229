/*
 * mc_rng.c - Philox4x32-10 as a GSL generator (mc_rng.h).
 */
#include <string.h>
#include "mc_rng.h"

typedef struct _philox {
    uint32_t ctr[4], key[2];
    uint32_t out[4];
    unsigned used;           /* outputs of out[] already returned */
} _philox;

static void _round(uint32_t c[4], const uint32_t k[2])
{
    uint64_t p0 = (uint64_t)0xD2511F53u * c[0], p1 = (uint64_t)0xCD9E8D57u * c[2];
    uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
    uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
    uint32_t n0 = hi1 ^ c[1] ^ k[0], n2 = hi0 ^ c[3] ^ k[1];
    c[0] = n0;
    c[1] = lo1;
    c[2] = n2;
    c[3] = lo0;
}

void cx_philox4x32_10(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4])
{
    uint32_t c[4] = {ctr[0], ctr[1], ctr[2], ctr[3]}, k[2] = {key[0], key[1]};
    for (int i = 0; i < 10; i++) {
        if (i) {
            k[0] += 0x9E3779B9u;
            k[1] += 0xBB67AE85u;
        }
        _round(c, k);
    }
    memcpy(out, c, sizeof c);
}

static unsigned long _get(void *vstate)
{
    _philox *s = vstate;
    if (s->used == 4) {
        cx_philox4x32_10(s->ctr, s->key, s->out);
        if (++s->ctr[0] == 0)
            s->ctr[1]++;
        s->used = 0;
    }
    return s->out[s->used++];
}

static double _get_double(void *vstate)
{
    return (double)_get(vstate) / 4294967296.0;
}

static void _set(void *vstate, unsigned long seed)
{
    _philox *s = vstate;
    memset(s, 0, sizeof *s);
    s->key[0] = (uint32_t)seed;
    s->key[1] = (uint32_t)((uint64_t)seed >> 32);
    s->used = 4;
}

static const gsl_rng_type _type = {
    "philox4x32-10", 0xffffffffUL, 0, sizeof(_philox), &_set, &_get, &_get_double
};

const gsl_rng_type *cx_rng_philox = &_type;

void cx_rng_philox_seed(gsl_rng *r, uint64_t seed, uint64_t stream)
{
    _philox *s = r->state;
    _set(s, 0);
    s->key[0] = (uint32_t)seed;
    s->key[1] = (uint32_t)(seed >> 32);
    s->ctr[2] = (uint32_t)stream;
    s->ctr[3] = (uint32_t)(stream >> 32);
}
