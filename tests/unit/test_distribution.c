/*
 * test_distribution.c - the Monte Carlo samplers: sample moments against
 * the distributions' known moments (worked out by hand below), within 5
 * standard errors of the sample size; degenerate distributions; the
 * Philox generator's known answers and reproducible streams.
 */
#include <gsl/gsl_randist.h>
#include "fixture.h"
#include "distribution.h"
#include "mc_rng.h"

#define N 200000

/* Sample mean and sd of N draws, by the generator or through a normal. */
static void _moments(const cx_dist *d, int via_normal, double *mean, double *sd)
{
    gsl_rng *r = gsl_rng_alloc(cx_rng_philox);
    assert_non_null(r);
    cx_rng_philox_seed(r, 42, 7);
    double s = 0, s2 = 0;
    for (int i = 0; i < N; i++) {
        double x = via_normal ? cx_dist_from_normal(d, gsl_ran_gaussian_ziggurat(r, 1.0))
                              : cx_dist_sample(d, r);
        s += x;
        s2 += x * x;
    }
    gsl_rng_free(r);
    *mean = s / N;
    *sd = sqrt((s2 - s * s / N) / (N - 1));
}

/* Mean within 5 SE (sd / sqrt(N)); sd within 5 SE of an sd, taken as
 * sd * sqrt((kurtosis - 1) / (4 N)) with kurtosis bounded by 5 for every
 * distribution here. */
static void _check(const cx_dist *d, double mean, double sd)
{
    for (int via = 0; via < 2; via++) {
        double m, s;
        _moments(d, via, &m, &s);
        assert_near(m, mean, 5 * sd / sqrt(N));
        assert_near(s, sd, 5 * sd * sqrt(4.0 / (4.0 * N)));
    }
}

static void test_normal(void **state)
{
    (void)state;
    cx_dist d = {.kind = CX_DIST_NORMAL, .mean = 0.1, .sd = 0.04};
    assert_ok(cx_dist_prepare(&d));
    _check(&d, 0.1, 0.04);
}

static void test_lognormal(void **state)
{
    (void)state;
    /* parameterised by the value's own mean and sd: 2 and 0.5 */
    cx_dist d = {.kind = CX_DIST_LOGNORMAL, .mean = 2, .sd = 0.5};
    assert_ok(cx_dist_prepare(&d));
    /* sigma^2 = ln(1 + 0.25/4) = ln 1.0625 */
    assert_near(d.sigma * d.sigma, 0.06062462181643484, 1e-15);
    _check(&d, 2, 0.5);
}

static void test_uniform(void **state)
{
    (void)state;
    /* U(-1, 3): mean 1, var 16/12 */
    cx_dist d = {.kind = CX_DIST_UNIFORM, .low = -1, .high = 3};
    assert_ok(cx_dist_prepare(&d));
    _check(&d, 1, sqrt(16.0 / 12));
    assert_near(cx_dist_quantile(&d, 0.25), 0, 0);
}

static void test_triangular(void **state)
{
    (void)state;
    /* T(1, 2, 4): mean 7/3, var (1+4+16-2-4-8)/18 = 7/18 */
    cx_dist d = {.kind = CX_DIST_TRIANGULAR, .low = 1, .mode = 2, .high = 4};
    assert_ok(cx_dist_prepare(&d));
    _check(&d, 7.0 / 3, sqrt(7.0 / 18));
    /* F(mode) = (2-1)/(4-1) = 1/3: the quantile there is the mode */
    assert_near(cx_dist_quantile(&d, 1.0 / 3), 2, 1e-15);
    assert_near(cx_dist_quantile(&d, 0), 1, 0);
    assert_near(cx_dist_quantile(&d, 1), 4, 0);
}

static void test_pert(void **state)
{
    (void)state;
    /* PERT(0, 0.3, 1): alpha = 1 + 4*0.3 = 2.2, beta = 1 + 4*0.7 = 3.8;
     * mean (0 + 4*0.3 + 1)/6 = 0.36667; var = ab/((a+b)^2 (a+b+1))
     * = 8.36 / (36 * 7) */
    cx_dist d = {.kind = CX_DIST_PERT, .low = 0, .mode = 0.3, .high = 1};
    assert_ok(cx_dist_prepare(&d));
    assert_near(d.alpha, 2.2, 1e-15);
    assert_near(d.beta, 3.8, 1e-15);
    _check(&d, 2.2 / 6, sqrt(8.36 / 252));
}

static void test_discrete(void **state)
{
    (void)state;
    /* {0.1: 0.2, 0.2: 0.5, 0.5: 0.3}: mean 0.27, E[x^2] 0.097, var 0.0241 */
    cx_dist d = {0};
    const double v[] = {0.1, 0.2, 0.5}, p[] = {0.2, 0.5, 0.3};
    assert_ok(cx_dist_set_discrete(&d, v, p, 3));
    assert_ok(cx_dist_prepare(&d));
    _check(&d, 0.27, sqrt(0.0241));
    assert_near(cx_dist_quantile(&d, 0.1), 0.1, 0);
    assert_near(cx_dist_quantile(&d, 0.2), 0.2, 0);
    assert_near(cx_dist_quantile(&d, 0.95), 0.5, 0);
    const double bad[] = {0.5, 0.4};
    cx_dist e = {0};
    assert_int_equal(cx_dist_set_discrete(&e, v, bad, 2), CX_EINVAL);
    cx_dist_release(&d);
}

static void test_degenerate(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(cx_rng_philox);
    cx_dist d[] = {
        {.kind = CX_DIST_NORMAL, .mean = 0.1, .sd = 0},
        {.kind = CX_DIST_LOGNORMAL, .mean = 0.1, .sd = 0},
        {.kind = CX_DIST_UNIFORM, .low = 0.1, .high = 0.1},
        {.kind = CX_DIST_TRIANGULAR, .low = 0.1, .mode = 0.1, .high = 0.1},
        {.kind = CX_DIST_PERT, .low = 0.1, .mode = 0.1, .high = 0.1},
    };
    for (size_t i = 0; i < sizeof d / sizeof *d; i++) {
        assert_ok(cx_dist_prepare(&d[i]));
        assert_true(cx_dist_degenerate(&d[i]));
        for (int k = 0; k < 100; k++) {
            assert_near(cx_dist_sample(&d[i], r), 0.1, 0);
            assert_near(cx_dist_from_normal(&d[i], gsl_ran_gaussian_ziggurat(r, 1)), 0.1, 0);
        }
    }
    gsl_rng_free(r);
}

static void test_invalid(void **state)
{
    (void)state;
    cx_dist a = {.kind = CX_DIST_NORMAL, .mean = 0, .sd = -1};
    cx_dist b = {.kind = CX_DIST_LOGNORMAL, .mean = -1, .sd = 1};
    cx_dist c = {.kind = CX_DIST_TRIANGULAR, .low = 1, .mode = 5, .high = 3};
    cx_dist e = {.kind = CX_DIST_UNIFORM, .low = 2, .high = 1};
    assert_int_equal(cx_dist_prepare(&a), CX_EINVAL);
    assert_int_equal(cx_dist_prepare(&b), CX_EINVAL);
    assert_int_equal(cx_dist_prepare(&c), CX_EINVAL);
    assert_int_equal(cx_dist_prepare(&e), CX_EINVAL);
    assert_int_equal(cx_dist_kind_of("pert"), CX_DIST_PERT);
    assert_int_equal(cx_dist_kind_of("beta"), CX_DIST_COUNT);
}

/* Random123's known-answer vectors for Philox4x32-10. */
static void test_philox_kat(void **state)
{
    (void)state;
    uint32_t o[4];
    const uint32_t c0[4] = {0, 0, 0, 0}, k0[2] = {0, 0};
    cx_philox4x32_10(c0, k0, o);
    assert_int_equal(o[0], 0x6627e8d5u);
    assert_int_equal(o[3], 0x9b00dbd8u);
    const uint32_t c1[4] = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                   k1[2] = {0xffffffffu, 0xffffffffu};
    cx_philox4x32_10(c1, k1, o);
    assert_int_equal(o[0], 0x408f276du);
    assert_int_equal(o[3], 0x6d5451fdu);
    const uint32_t c2[4] = {0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                   k2[2] = {0xa4093822u, 0x299f31d0u};
    cx_philox4x32_10(c2, k2, o);
    assert_int_equal(o[0], 0xd16cfe09u);
    assert_int_equal(o[1], 0x94fdccebu);
    assert_int_equal(o[2], 0x5001e420u);
    assert_int_equal(o[3], 0x24126ea1u);
}

static void test_streams(void **state)
{
    (void)state;
    gsl_rng *a = gsl_rng_alloc(cx_rng_philox), *b = gsl_rng_alloc(cx_rng_philox);
    cx_rng_philox_seed(a, 1, 3);
    cx_rng_philox_seed(b, 1, 3);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(gsl_rng_get(a), gsl_rng_get(b));
    /* stream (1, 3) starts with Philox(ctr = {0, 0, 3, 0}, key = {1, 0}) */
    uint32_t o[4];
    const uint32_t c[4] = {0, 0, 3, 0}, k[2] = {1, 0};
    cx_philox4x32_10(c, k, o);
    cx_rng_philox_seed(a, 1, 3);
    assert_int_equal(gsl_rng_get(a), o[0]);
    cx_rng_philox_seed(b, 1, 4);
    int same = 0;
    for (int i = 0; i < 100; i++)
        same += gsl_rng_get(a) == gsl_rng_get(b);
    assert_true(same < 3);
    double u = gsl_rng_uniform(a);
    assert_true(u >= 0 && u < 1);
    gsl_rng_free(a);
    gsl_rng_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normal),
        cmocka_unit_test(test_lognormal),
        cmocka_unit_test(test_uniform),
        cmocka_unit_test(test_triangular),
        cmocka_unit_test(test_pert),
        cmocka_unit_test(test_discrete),
        cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_philox_kat),
        cmocka_unit_test(test_streams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
