/*
 * test_correlation.c - the copula's matrix: rank to Pearson, Cholesky, a
 * matrix that is not positive definite (refused, or repaired when asked),
 * and the rank correlation of correlated draws against the target.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_statistics_double.h>
#include "fixture.h"
#include "correlation.h"
#include "distribution.h"
#include "mc_rng.h"
#include "uncertainty.h"

static void test_pearson_of_rank(void **state)
{
    (void)state;
    /* 2 sin(pi/12) = 2 * 0.25881904510252074 */
    assert_near(cx_corr_pearson_of_rank(0.5), 0.5176380902050415, 1e-15);
    assert_near(cx_corr_pearson_of_rank(1), 1, 1e-15);      /* 2 sin(pi/6) */
    assert_near(cx_corr_pearson_of_rank(0), 0, 0);
}

static void test_cholesky(void **state)
{
    (void)state;
    /* [[1, .5], [.5, 1]] = L L' with L = [[1, 0], [.5, sqrt(.75)]] */
    const double a[4] = {1, 0.5, 0.5, 1};
    double l[4];
    assert_ok(cx_corr_cholesky(a, 2, l));
    assert_near(l[0], 1, 1e-15);
    assert_near(l[1], 0, 0);
    assert_near(l[2], 0.5, 1e-15);
    assert_near(l[3], 0.8660254037844386, 1e-15);
    const double x[2] = {1, 2};
    double y[2];
    cx_corr_apply(l, 2, x, y);      /* (1, .5 + 2 sqrt(.75)) */
    assert_near(y[1], 0.5 + 2 * 0.8660254037844386, 1e-15);
}

/* Three inputs with rank correlations .9, .9 and -.9: no such matrix. */
static cx_uncertainty *_three(void)
{
    cx_uncertainty *u;
    assert_ok(cx_uncertainty_new(&u));
    for (int i = 0; i < 3; i++) {
        cx_stochastic *in;
        assert_ok(cx_uncertainty_add_input(u, &in));
        in->series = (size_t)i;
        in->dist = (cx_dist){.kind = CX_DIST_NORMAL, .mean = 0, .sd = 1};
    }
    return u;
}

static void test_not_positive_definite(void **state)
{
    (void)state;
    const size_t a[] = {0, 0, 1}, b[] = {1, 2, 2};
    const double rho[] = {0.9, 0.9, -0.9};
    cx_uncertainty *u = _three();
    assert_int_equal(cx_uncertainty_correlate(u, a, b, rho, 3, 0), CX_EDOMAIN);
    assert_int_equal(u->repaired, 0);
    cx_uncertainty_free(u);

    u = _three();
    assert_ok(cx_uncertainty_correlate(u, a, b, rho, 3, 1));
    assert_int_equal(u->repaired, 1);
    assert_int_equal(u->k, 3);
    for (size_t i = 0; i < 3; i++)
        assert_near(u->pearson[i * 3 + i], 1, 1e-12);
    /* the repaired matrix factors: L L' gives it back */
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j <= i; j++) {
            double s = 0;
            for (size_t k = 0; k < 3; k++)
                s += u->chol[i * 3 + k] * u->chol[j * 3 + k];
            assert_near(s, u->pearson[i * 3 + j], 1e-9);
        }
    cx_uncertainty_free(u);
}

static void test_bad_pairs(void **state)
{
    (void)state;
    cx_uncertainty *u = _three();
    const size_t a[] = {0}, b[] = {0}, c[] = {5};
    const double rho[] = {0.5}, big[] = {1.5};
    assert_int_equal(cx_uncertainty_correlate(u, a, b, rho, 1, 0), CX_EINVAL);
    assert_int_equal(cx_uncertainty_correlate(u, a, c, rho, 1, 0), CX_EINVAL);
    const size_t d[] = {1};
    assert_int_equal(cx_uncertainty_correlate(u, a, d, big, 1, 0), CX_EINVAL);
    cx_uncertainty_free(u);
}

/* Triangular and PERT marginals through the copula at rank correlation
 * 0.6: the sample Spearman correlation of 50000 draws is within 0.02 (the
 * standard error is about (1 - 0.36) / sqrt(50000) = 0.003). */
static void test_rank_correlation(void **state)
{
    (void)state;
    enum { N = 50000 };
    const double rho = 0.6;
    cx_uncertainty *u = _three();
    const size_t a[] = {0}, b[] = {1};
    assert_ok(cx_uncertainty_correlate(u, a, b, &rho, 1, 0));
    cx_dist t = {.kind = CX_DIST_TRIANGULAR, .low = 0.8, .mode = 1.1, .high = 1.3};
    cx_dist p = {.kind = CX_DIST_PERT, .low = 0, .mode = 0.1, .high = 0.5};
    assert_ok(cx_dist_prepare(&t));
    assert_ok(cx_dist_prepare(&p));
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y), *w = malloc(2 * N * sizeof *w);
    gsl_rng *r = gsl_rng_alloc(cx_rng_philox);
    cx_rng_philox_seed(r, 9, 0);
    for (int i = 0; i < N; i++) {
        double z[2] = {gsl_ran_gaussian_ziggurat(r, 1), gsl_ran_gaussian_ziggurat(r, 1)}, c[2];
        cx_corr_apply(u->chol, 2, z, c);
        x[i] = cx_dist_from_normal(&t, c[0]);
        y[i] = cx_dist_from_normal(&p, c[1]);
    }
    assert_near(gsl_stats_spearman(x, 1, y, 1, N, w), rho, 0.02);
    gsl_rng_free(r);
    free(x);
    free(y);
    free(w);
    cx_uncertainty_free(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pearson_of_rank),
        cmocka_unit_test(test_cholesky),
        cmocka_unit_test(test_not_positive_definite),
        cmocka_unit_test(test_bad_pairs),
        cmocka_unit_test(test_rank_correlation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
