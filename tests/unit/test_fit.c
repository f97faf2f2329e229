/*
 * test_fit.c - trend fits on exact synthetic data whose parameters are
 * known: linear, exponential, logistic (saturation fitted and given), and
 * what a fit refuses.
 */
#include "fixture.h"
#include "fit.h"

static const double YEARS8[] = {2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028};

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(cx_fit_kind_name(CX_FIT_LINEAR), "linear");
    assert_string_equal(cx_fit_kind_name(CX_FIT_EXPONENTIAL), "exponential");
    assert_string_equal(cx_fit_kind_name(CX_FIT_LOGISTIC), "logistic");
    assert_string_equal(cx_fit_kind_name(CX_FIT_NONE), "none");
    assert_string_equal(cx_fit_kind_name((cx_fit_kind)9), "unknown");
    assert_int_equal(cx_fit_kind_parse("logistic"), CX_FIT_LOGISTIC);
    assert_int_equal(cx_fit_kind_parse("cubic"), CX_FIT_NONE);
    assert_int_equal(cx_fit_kind_parse(NULL), CX_FIT_NONE);
    assert_int_equal(cx_fit_min_points(CX_FIT_LINEAR, 0), 2);
    assert_int_equal(cx_fit_min_points(CX_FIT_EXPONENTIAL, 0), 2);
    assert_int_equal(cx_fit_min_points(CX_FIT_LOGISTIC, 1), 3);
    assert_int_equal(cx_fit_min_points(CX_FIT_LOGISTIC, 0), 4);
}

static void test_linear_exact(void **state)
{
    (void)state;
    /* v = 3 + 2*year: 4045, 4047, 4049, 4051 */
    static const double y[] = {2021, 2022, 2023, 2024};
    static const double v[] = {4045, 4047, 4049, 4051};
    cx_fit f;
    assert_ok(cx_fit_linear(y, v, 4, &f));
    assert_int_equal(f.kind, CX_FIT_LINEAR);
    assert_near(f.a, 3, 1e-6);
    assert_near(f.b, 2, 1e-12);
    assert_int_equal(f.n, 4);
    assert_int_equal(f.from, 2021);
    assert_int_equal(f.to, 2024);
    assert_near(f.r2, 1, 1e-12);
    assert_near(f.rmse, 0, 1e-9);
    double x;
    assert_ok(cx_fit_eval(&f, 2030, &x));
    assert_near(x, 4063, 1e-9);          /* 3 + 2*2030 */
}

static void test_linear_quality(void **state)
{
    (void)state;
    /* x = 0, 1, 2; v = 0, 2, 1: slope 0.5, intercept 0.5, fitted 0.5, 1, 1.5;
     * residuals -0.5, 1, -0.5: SS_res 1.5; mean 1, SS_tot 2; R^2 0.25;
     * RMSE sqrt(1.5/3) */
    static const double y[] = {2000, 2001, 2002};
    static const double v[] = {0, 2, 1};
    cx_fit f;
    assert_ok(cx_fit_linear(y, v, 3, &f));
    assert_near(f.b, 0.5, 1e-12);
    assert_near(f.a, 0.5 - 0.5 * 2000, 1e-9);
    assert_near(f.r2, 0.25, 1e-12);
    assert_near(f.rmse, sqrt(0.5), 1e-12);
}

static void test_flat_r2_undefined(void **state)
{
    (void)state;
    static const double y[] = {2020, 2021, 2022};
    static const double v[] = {7, 7, 7};
    cx_fit f;
    assert_ok(cx_fit_linear(y, v, 3, &f));
    assert_near(f.b, 0, 1e-12);
    assert_true(isnan(f.r2));
    assert_near(f.rmse, 0, 1e-12);
}

static void test_exponential_exact(void **state)
{
    (void)state;
    /* v = 5 e^(0.1 (year - 2020)) for 2020..2024 */
    double y[5], v[5];
    for (int i = 0; i < 5; i++) {
        y[i] = 2020 + i;
        v[i] = 5 * exp(0.1 * i);
    }
    cx_fit f;
    assert_ok(cx_fit_exponential(y, v, 5, &f));
    assert_int_equal(f.kind, CX_FIT_EXPONENTIAL);
    assert_near(f.b, 0.1, 1e-12);
    /* ln v = ln 5 - 0.1*2020 + 0.1*year */
    assert_near(f.a, log(5) - 202, 1e-8);
    assert_near(f.r2, 1, 1e-12);
    double x;
    assert_ok(cx_fit_eval(&f, 2030, &x));
    assert_near(x, 5 * exp(1.0), 1e-9);   /* 5e = 13.591409... */
}

static void test_exponential_needs_positive(void **state)
{
    (void)state;
    static const double y[] = {2020, 2021, 2022};
    static const double zero[] = {1, 0, 2}, neg[] = {1, 2, -3};
    cx_fit f;
    assert_int_equal(cx_fit_exponential(y, zero, 3, &f), CX_EDOMAIN);
    assert_int_equal(cx_fit_exponential(y, neg, 3, &f), CX_EDOMAIN);
}

/* L = 100, k = 0.8, t0 = 2025 sampled at 2021..2028 */
static void _logistic_data(double *v)
{
    for (int i = 0; i < 8; i++)
        v[i] = 100 / (1 + exp(-0.8 * (YEARS8[i] - 2025)));
}

static void test_logistic_fitted_saturation(void **state)
{
    (void)state;
    double v[8];
    _logistic_data(v);
    cx_fit f;
    assert_ok(cx_fit_logistic(YEARS8, v, 8, NAN, &f));
    assert_int_equal(f.kind, CX_FIT_LOGISTIC);
    assert_int_equal(f.saturation_fitted, 1);
    assert_near(f.saturation, 100, 1e-6);
    assert_near(f.k, 0.8, 1e-6);
    assert_near(f.t0, 2025, 1e-6);
    assert_near(f.r2, 1, 1e-9);
    assert_true(f.rmse < 1e-6);
    double x;
    assert_ok(cx_fit_eval(&f, 2025, &x));
    assert_near(x, 50, 1e-5);            /* half the saturation at t0 */
}

static void test_logistic_given_saturation(void **state)
{
    (void)state;
    double v[8];
    _logistic_data(v);
    cx_fit f;
    /* only the first three points (all below the midpoint) */
    assert_ok(cx_fit_logistic(YEARS8, v, 3, 100, &f));
    assert_int_equal(f.saturation_fitted, 0);
    assert_near(f.saturation, 100, 0);
    assert_near(f.k, 0.8, 1e-6);
    assert_near(f.t0, 2025, 1e-6);
}

static void test_too_few_points(void **state)
{
    (void)state;
    static const double y[] = {2020, 2021, 2022};
    static const double v[] = {1, 2, 3};
    cx_fit f;
    assert_int_equal(cx_fit_linear(y, v, 1, &f), CX_ENODATA);
    assert_int_equal(cx_fit_exponential(y, v, 1, &f), CX_ENODATA);
    assert_int_equal(cx_fit_logistic(y, v, 3, NAN, &f), CX_ENODATA);
    assert_int_equal(cx_fit_logistic(y, v, 2, 10, &f), CX_ENODATA);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    static const double y[] = {2020, 2020, 2022};
    static const double v[] = {1, 2, 3};
    static const double ok[] = {2020, 2021, 2022};
    cx_fit f;
    assert_int_equal(cx_fit_linear(y, v, 3, &f), CX_EINVAL);      /* same year twice */
    assert_int_equal(cx_fit_linear(NULL, v, 3, &f), CX_EINVAL);
    assert_int_equal(cx_fit_linear(ok, v, 3, NULL), CX_EINVAL);
    assert_int_equal(cx_fit_logistic(ok, v, 3, -5, &f), CX_EINVAL);
    assert_int_equal(cx_fit_logistic(ok, v, 3, INFINITY, &f), CX_EINVAL);
    f.kind = CX_FIT_NONE;
    double x;
    assert_int_equal(cx_fit_eval(&f, 2020, &x), CX_EINVAL);
    /* exp overflow is reported, never returned as inf */
    cx_fit big = {.kind = CX_FIT_EXPONENTIAL, .a = 0, .b = 1};
    assert_int_equal(cx_fit_eval(&big, 2000, &x), CX_ERANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_linear_exact),
        cmocka_unit_test(test_linear_quality),
        cmocka_unit_test(test_flat_r2_undefined),
        cmocka_unit_test(test_exponential_exact),
        cmocka_unit_test(test_exponential_needs_positive),
        cmocka_unit_test(test_logistic_fitted_saturation),
        cmocka_unit_test(test_logistic_given_saturation),
        cmocka_unit_test(test_too_few_points),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
