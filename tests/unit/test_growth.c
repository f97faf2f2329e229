/*
 * test_growth.c - cx_yoy, cx_cagr, cx_multiple.
 */
#include "fixture.h"
#include "growth.h"

static void test_yoy_normal(void **state)
{
    (void)state;
    double g;
    /* 150 / 100 - 1 = 0.5 */
    assert_ok(cx_yoy(100, 150, &g));
    assert_near(g, 0.5, 0);
    /* 55 / 34 - 1 = 21/34 = 0.6176470588235294 */
    assert_ok(cx_yoy(34, 55, &g));
    assert_near(g, 0.6176470588235294, 1e-15);
}

static void test_yoy_decline_and_negative(void **state)
{
    (void)state;
    double g;
    /* 75 / 100 - 1 = -0.25 */
    assert_ok(cx_yoy(100, 75, &g));
    assert_near(g, -0.25, 0);
    /* -25 / -50 - 1 = 0.5 - 1 = -0.5 (the spreadsheet's answer) */
    assert_ok(cx_yoy(-50, -25, &g));
    assert_near(g, -0.5, 0);
}

static void test_yoy_from_zero(void **state)
{
    (void)state;
    double g = 1;
    assert_int_equal(cx_yoy(0, 10, &g), CX_EDOMAIN);
    assert_true(isnan(g));
}

static void test_yoy_bad_arguments(void **state)
{
    (void)state;
    double g;
    assert_int_equal(cx_yoy(1, 2, NULL), CX_EINVAL);
    assert_int_equal(cx_yoy(NAN, 2, &g), CX_EINVAL);
    assert_int_equal(cx_yoy(1, INFINITY, &g), CX_EINVAL);
    /* 1e300 / 1e-300 overflows */
    assert_int_equal(cx_yoy(1e-300, 1e300, &g), CX_ERANGE);
    assert_true(isnan(g));
}

static void test_cagr_normal(void **state)
{
    (void)state;
    double g;
    /* (200/100)^(1/2) - 1 = sqrt(2) - 1 = 0.41421356237309515 */
    assert_ok(cx_cagr(100, 200, 2, &g));
    assert_near(g, 0.41421356237309515, 1e-15);
    /* (400/100)^(1/2) - 1 = 1 */
    assert_ok(cx_cagr(100, 400, 2, &g));
    assert_near(g, 1, 1e-15);
    /* one year: (645/381)^(1/1) - 1 = 264/381 = 0.6929133858267716 */
    assert_ok(cx_cagr(381, 645, 1, &g));
    assert_near(g, 0.6929133858267716, 1e-15);
    /* decline: (50/400)^(1/3) - 1 = 0.5 - 1 = -0.5 */
    assert_ok(cx_cagr(400, 50, 3, &g));
    assert_near(g, -0.5, 1e-15);
}

static void test_cagr_years_not_positive(void **state)
{
    (void)state;
    double g;
    assert_int_equal(cx_cagr(100, 200, 0, &g), CX_EINVAL);
    assert_true(isnan(g));
    assert_int_equal(cx_cagr(100, 200, -3, &g), CX_EINVAL);
}

static void test_cagr_start_not_positive(void **state)
{
    (void)state;
    double g;
    assert_int_equal(cx_cagr(0, 200, 2, &g), CX_EDOMAIN);
    assert_true(isnan(g));
    assert_int_equal(cx_cagr(-10, 200, 2, &g), CX_EDOMAIN);
    /* across a sign change */
    assert_int_equal(cx_cagr(10, -5, 2, &g), CX_EDOMAIN);
}

static void test_cagr_end_zero(void **state)
{
    (void)state;
    double g;
    /* (0/100)^(1/4) - 1 = -1: everything lost, -100% */
    assert_ok(cx_cagr(100, 0, 4, &g));
    assert_near(g, -1, 0);
}

static void test_cagr_bad_arguments(void **state)
{
    (void)state;
    double g;
    assert_int_equal(cx_cagr(1, 2, 1, NULL), CX_EINVAL);
    assert_int_equal(cx_cagr(NAN, 2, 1, &g), CX_EINVAL);
    assert_int_equal(cx_cagr(1e-300, 1e300, 1, &g), CX_ERANGE);
}

static void test_multiple(void **state)
{
    (void)state;
    double x;
    /* 645 / 140 = 4.607142857142857 */
    assert_ok(cx_multiple(140, 645, &x));
    assert_near(x, 4.607142857142857, 1e-15);
    /* -20 / -10 = 2 */
    assert_ok(cx_multiple(-10, -20, &x));
    assert_near(x, 2, 0);
    assert_ok(cx_multiple(10, 0, &x));
    assert_near(x, 0, 0);
}

static void test_multiple_errors(void **state)
{
    (void)state;
    double x;
    assert_int_equal(cx_multiple(0, 5, &x), CX_EDOMAIN);
    assert_true(isnan(x));
    assert_int_equal(cx_multiple(1, 5, NULL), CX_EINVAL);
    assert_int_equal(cx_multiple(1, INFINITY, &x), CX_EINVAL);
    assert_int_equal(cx_multiple(1e-300, 1e300, &x), CX_ERANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yoy_normal),
        cmocka_unit_test(test_yoy_decline_and_negative),
        cmocka_unit_test(test_yoy_from_zero),
        cmocka_unit_test(test_yoy_bad_arguments),
        cmocka_unit_test(test_cagr_normal),
        cmocka_unit_test(test_cagr_years_not_positive),
        cmocka_unit_test(test_cagr_start_not_positive),
        cmocka_unit_test(test_cagr_end_zero),
        cmocka_unit_test(test_cagr_bad_arguments),
        cmocka_unit_test(test_multiple),
        cmocka_unit_test(test_multiple_errors),
    };
    return cmocka_run_group_tests_name("growth", tests, NULL, NULL);
}
