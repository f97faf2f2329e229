/*
 * test_commitment.c - spreading commitments over the years they are paid
 * (even, front- and back-loaded, explicit).
 */
#include "fixture.h"
#include "commitment.h"

#define NY 8    /* 2023..2030 */

static void test_even_spread(void **state)
{
    (void)state;
    /* Oracle 300 over 5 years from 2027: 60 a year 2027..2031; 2031 is
     * after 2030, so 60 is beyond the horizon */
    cx_commitment c = {.name = "Oracle", .total = fx_exact(300),
                       .start = 2027, .years = 5};
    double out[NY], beyond;
    int scheduled;
    assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
    assert_int_equal(scheduled, 1);
    const double want[NY] = {0, 0, 0, 0, 60, 60, 60, 60};
    for (size_t t = 0; t < NY; t++)
        assert_near(out[t], want[t], 0);
    assert_near(beyond, 60, 0);
}

static void test_within_horizon(void **state)
{
    (void)state;
    /* 100 over 3 years from 2024: 33.333... each, nothing beyond */
    cx_commitment c = {.total = fx_exact(100), .start = 2024, .years = 3};
    double out[NY], beyond;
    int scheduled;
    assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
    assert_near(out[0], 0, 0);
    assert_near(out[1], 100.0 / 3, 0);
    assert_near(out[3], 33.333333333333336, 1e-12);
    assert_near(out[4], 0, 0);
    assert_near(beyond, 0, 0);
}

static void test_all_beyond_horizon(void **state)
{
    (void)state;
    cx_commitment c = {.total = fx_exact(300), .start = 2035, .years = 3};
    double out[NY], beyond;
    int scheduled;
    assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
    assert_int_equal(scheduled, 1);
    for (size_t t = 0; t < NY; t++)
        assert_near(out[t], 0, 0);
    assert_near(beyond, 300, 0);               /* 3 x 100 */
}

static void test_starts_before_horizon(void **state)
{
    (void)state;
    /* 100 over 4 from 2021: 25 in 2021..2024; 2021 and 2022 are before the
     * model's years and dropped, 2023 and 2024 get 25 */
    cx_commitment c = {.total = fx_exact(100), .start = 2021, .years = 4};
    double out[NY], beyond;
    int scheduled;
    assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
    assert_near(out[0], 25, 0);
    assert_near(out[1], 25, 0);
    assert_near(out[2], 0, 0);
    assert_near(beyond, 0, 0);
}

static void test_no_period(void **state)
{
    (void)state;
    cx_commitment c = {.name = "Broadcom", .total = fx_exact(350)};
    double out[NY], beyond = 1;
    int scheduled = 1;
    for (size_t t = 0; t < NY; t++)
        out[t] = 99;
    assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
    assert_int_equal(scheduled, 0);
    for (size_t t = 0; t < NY; t++)
        assert_near(out[t], 0, 0);
    assert_near(beyond, 0, 0);
    /* a start without a number of years is no period either */
    c.start = 2027;
    assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
    assert_int_equal(scheduled, 0);
}

static void test_no_total(void **state)
{
    (void)state;
    cx_commitment c = {.start = 2025, .years = 2};
    double out[NY], beyond;
    int scheduled;
    assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
    assert_int_equal(scheduled, 0);
    assert_near(out[2], 0, 0);
}

static void test_explicit_schedule(void **state)
{
    (void)state;
    cx_value sched[NY] = {0};
    sched[3] = fx_exact(10);    /* 2026 */
    sched[4] = fx_exact(20);    /* 2027 */
    cx_commitment c = {.name = "Custom", .schedule = sched,
                       .total = fx_exact(999), .start = 2023, .years = 1};
    double out[NY], beyond;
    int scheduled;
    assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
    assert_int_equal(scheduled, 1);
    const double want[NY] = {0, 0, 0, 10, 20, 0, 0, 0};
    for (size_t t = 0; t < NY; t++)
        assert_near(out[t], want[t], 0);
    assert_near(beyond, 0, 0);
}

static void test_front_loaded(void **state)
{
    (void)state;
    /* 300 over 5 years from 2024, front-loaded: weights 5 4 3 2 1 over 15:
     * 100, 80, 60, 40, 20 in 2024..2028 */
    cx_commitment c = {.total = fx_exact(300), .start = 2024, .years = 5,
                       .profile = CX_P_FRONT};
    double out[NY], beyond;
    int scheduled;
    assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
    assert_int_equal(scheduled, 1);
    const double want[NY] = {0, 100, 80, 60, 40, 20, 0, 0};
    for (size_t t = 0; t < NY; t++)
        assert_near(out[t], want[t], 0);
    assert_near(beyond, 0, 0);
    assert_near(cx_commitment_amount(&c, 1), 100, 0);
    assert_near(cx_commitment_amount(&c, 5), 20, 0);
    assert_true(isnan(cx_commitment_amount(&c, 0)));
    assert_true(isnan(cx_commitment_amount(&c, 6)));
}

static void test_back_loaded_beyond(void **state)
{
    (void)state;
    /* 300 over 5 years from 2029, back-loaded: 20, 40, 60, 80, 100 in
     * 2029..2033; the model ends in 2030, so 60 + 80 + 100 = 240 is
     * beyond the horizon */
    cx_commitment c = {.total = fx_exact(300), .start = 2029, .years = 5,
                       .profile = CX_P_BACK};
    double out[NY], beyond;
    int scheduled;
    assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
    const double want[NY] = {0, 0, 0, 0, 0, 0, 20, 40};
    for (size_t t = 0; t < NY; t++)
        assert_near(out[t], want[t], 0);
    assert_near(beyond, 240, 0);
    /* 6 over 3 years, back-loaded: 1, 2, 3 (weights over 6) */
    c = (cx_commitment){.total = fx_exact(6), .start = 2023, .years = 3,
                        .profile = CX_P_BACK};
    assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
    assert_near(out[0], 1, 0);
    assert_near(out[1], 2, 0);
    assert_near(out[2], 3, 0);
    assert_string_equal(cx_profile_name(CX_P_EVEN), "even");
    assert_string_equal(cx_profile_name(CX_P_FRONT), "front");
    assert_string_equal(cx_profile_name(CX_P_BACK), "back");
}

static void test_single_year_profiles(void **state)
{
    (void)state;
    /* one year: every profile pays the whole total (weight 1 over 1) */
    for (int p = CX_P_EVEN; p <= CX_P_BACK; p++) {
        cx_commitment c = {.total = fx_exact(7), .start = 2025, .years = 1,
                           .profile = (cx_profile)p};
        double out[NY], beyond;
        int scheduled;
        assert_ok(cx_commitment_schedule(&c, 2023, NY, out, &beyond, &scheduled));
        assert_near(out[2], 7, 0);
    }
}

static void test_bad_arguments(void **state)
{
    (void)state;
    cx_commitment c = {.total = fx_exact(10), .start = 2024, .years = 2};
    double out[NY], beyond;
    int scheduled;
    assert_int_equal(cx_commitment_schedule(NULL, 2023, NY, out, &beyond,
                                            &scheduled), CX_EINVAL);
    assert_int_equal(cx_commitment_schedule(&c, 2023, 0, out, &beyond,
                                            &scheduled), CX_EINVAL);
    assert_int_equal(cx_commitment_schedule(&c, 2023, NY, NULL, &beyond,
                                            &scheduled), CX_EINVAL);
    c.years = -1;
    assert_int_equal(cx_commitment_schedule(&c, 2023, NY, out, &beyond,
                                            &scheduled), CX_EINVAL);
    c.years = 2;
    c.start = 1800;
    assert_int_equal(cx_commitment_schedule(&c, 2023, NY, out, &beyond,
                                            &scheduled), CX_EINVAL);
    c.start = 2024;
    c.profile = (cx_profile)7;
    assert_int_equal(cx_commitment_schedule(&c, 2023, NY, out, &beyond,
                                            &scheduled), CX_EINVAL);
    c.profile = CX_P_EVEN;
    c.total.base = INFINITY;
    assert_int_equal(cx_commitment_schedule(&c, 2023, NY, out, &beyond,
                                            &scheduled), CX_ERANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_even_spread),
        cmocka_unit_test(test_within_horizon),
        cmocka_unit_test(test_all_beyond_horizon),
        cmocka_unit_test(test_starts_before_horizon),
        cmocka_unit_test(test_no_period),
        cmocka_unit_test(test_no_total),
        cmocka_unit_test(test_explicit_schedule),
        cmocka_unit_test(test_front_loaded),
        cmocka_unit_test(test_back_loaded_beyond),
        cmocka_unit_test(test_single_year_profiles),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests_name("commitment", tests, NULL, NULL);
}
