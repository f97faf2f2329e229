/*
 * test_burn.c - cumulative burn, peak, break-even, payback.
 */
#include "fixture.h"
#include "burn.h"

static void test_typical_curve(void **state)
{
    (void)state;
    /* net 2024..2028: -10 -20 5 30 10
     * cumulative:     -10 -30 -25 5 15
     * peak -30 in 2025; break-even 2026 (net 5 >= 0); payback 2027
     * (first year after 2025 with cumulative >= 0); total burn -30 */
    const double net[] = {-10, -20, 5, 30, 10};
    cx_burn b;
    assert_ok(cx_burn_compute(net, 5, 2024, &b));
    assert_int_equal(b.first_year, 2024);
    assert_int_equal(b.n, 5);
    const double cum[] = {-10, -30, -25, 5, 15};
    for (size_t i = 0; i < 5; i++)
        assert_near(b.cumulative[i], cum[i], 0);
    assert_near(b.peak_burn, -30, 0);
    assert_int_equal(b.peak_year, 2025);
    assert_int_equal(b.break_even_year, 2026);
    assert_int_equal(b.payback_year, 2027);
    assert_near(b.total_burn, -30, 0);
    const double burnt[] = {10, 20, 0, 0, 0};   /* max(0, -net) */
    for (size_t i = 0; i < 5; i++)
        assert_near(b.net_burn[i], burnt[i], 0);
    cx_burn_release(&b);
}

static void test_crossing(void **state)
{
    (void)state;
    /* -10 -> +5 between 2029 and 2030: 2029 + 10/15 */
    const double x[] = {-10, 5, -1, 3};
    assert_near(cx_burn_crossing(x, 4, 0, 2029), 2029 + 2.0 / 3, 1e-12);
    /* from index 2: -1 -> 3 between 2031 and 2032: 2031.25 */
    assert_near(cx_burn_crossing(x, 4, 2, 2029), 2031.25, 0);
    /* x[0] >= 0 is no crossing (nothing below 0 before it); none: NAN */
    const double up[] = {0, -1};
    assert_true(isnan(cx_burn_crossing(up, 2, 0, 2024)));
    const double down[] = {-1, -2};
    assert_true(isnan(cx_burn_crossing(down, 2, 0, 2024)));
    assert_true(isnan(cx_burn_crossing(NULL, 2, 0, 2024)));
}

static void test_never_negative(void **state)
{
    (void)state;
    /* net 5, 10: cumulative 5, 15; no burn within the horizon: no
     * break-even, nothing to pay back, no trough, not turning negative */
    const double net[] = {5, 10};
    cx_burn b;
    assert_ok(cx_burn_compute(net, 2, 2030, &b));
    assert_near(b.peak_burn, 0, 0);
    assert_int_equal(b.peak_year, 0);
    assert_int_equal(b.burns, 0);
    assert_int_equal(b.break_even_year, 0);
    assert_int_equal(b.payback_year, 0);
    assert_int_equal(b.turns_negative_year, 0);
    assert_int_equal(b.trough_year, 0);
    assert_near(b.trough, 0, 0);
    assert_int_equal(b.still_burning, 0);
    assert_near(b.total_burn, 0, 0);
    assert_true(isnan(cx_burn_crossing_down(net, 2, 2030)));
    cx_burn_release(&b);
}

static void test_break_even_first_year_then_burn(void **state)
{
    (void)state;
    /* net 0, -5, -5, 20 -> cumulative 0, -5, -10, 10
     * starts >= 0, turns negative in 2025; break-even is the recovery in
     * 2027 (was 2024 before: a year with no burn behind it is no
     * break-even); trough -5 first in 2025; peak -10 in 2026, payback 2027 */
    const double net[] = {0, -5, -5, 20};
    cx_burn b;
    assert_ok(cx_burn_compute(net, 4, 2024, &b));
    assert_int_equal(b.turns_negative_year, 2025);
    assert_int_equal(b.break_even_year, 2027);
    assert_near(b.trough, -5, 0);
    assert_int_equal(b.trough_year, 2025);
    assert_near(b.peak_burn, -10, 0);
    assert_int_equal(b.peak_year, 2026);
    assert_int_equal(b.payback_year, 2027);
    assert_near(b.total_burn, -10, 0);
    assert_int_equal(b.still_burning, 0);
    /* turns negative between 2024 (0) and 2025 (-5): 2024 + 0/5 = 2024.0 */
    assert_near(cx_burn_crossing_down(net, 4, 2024), 2024, 0);
    cx_burn_release(&b);
}

static void test_profitable_turns_negative_year_3(void **state)
{
    (void)state;
    /* Free cash flow 2023..2029: 40, 30, -15, -45, -20, 10, 25
     * starts profitable; turns negative in 2025 (the third year);
     * fractional: between 2024 (30) and 2025 (-15): 2024 + 30/(30+15)
     * = 2024 + 2/3 = 2024.6667
     * cumulative: 40, 70, 55, 10, -10, 0, 25 -> peak -10 in 2027,
     * payback 2028 (cumulative 0 >= 0)
     * trough -45 in 2026; break-even 2028 (10 >= 0 after the burn);
     * total burn -15 - 45 - 20 = -80 */
    const double net[] = {40, 30, -15, -45, -20, 10, 25};
    cx_burn b;
    assert_ok(cx_burn_compute(net, 7, 2023, &b));
    assert_int_equal(b.burns, 1);
    assert_int_equal(b.turns_negative_year, 2025);
    assert_near(cx_burn_crossing_down(net, 7, 2023), 2024 + 2.0 / 3, 1e-12);
    assert_near(b.trough, -45, 0);
    assert_int_equal(b.trough_year, 2026);
    assert_near(b.peak_burn, -10, 0);
    assert_int_equal(b.peak_year, 2027);
    assert_int_equal(b.break_even_year, 2028);
    assert_int_equal(b.payback_year, 2028);
    assert_near(b.total_burn, -80, 0);
    assert_int_equal(b.still_burning, 0);
    /* break-even between 2027 (-20) and 2028 (10): 2027 + 20/30 */
    assert_near(cx_burn_crossing(net, 7, 0, 2023), 2027 + 2.0 / 3, 1e-12);
    cx_burn_release(&b);
}

static void test_profitable_never_recovers(void **state)
{
    (void)state;
    /* 20, 5, -10, -30: turns negative in 2026, between 2025 (5) and 2026
     * (-10) at 2025 + 5/15 = 2025.3333; cumulative 20, 25, 15, -15:
     * peak -15 in 2027, still burning in the last year; no break-even,
     * no payback; trough -30 in 2027 */
    const double net[] = {20, 5, -10, -30};
    cx_burn b;
    assert_ok(cx_burn_compute(net, 4, 2024, &b));
    assert_int_equal(b.turns_negative_year, 2026);
    assert_near(cx_burn_crossing_down(net, 4, 2024), 2025 + 1.0 / 3, 1e-12);
    assert_int_equal(b.break_even_year, 0);
    assert_int_equal(b.payback_year, 0);
    assert_near(b.peak_burn, -15, 0);
    assert_int_equal(b.peak_year, 2027);
    assert_near(b.trough, -30, 0);
    assert_int_equal(b.trough_year, 2027);
    assert_int_equal(b.still_burning, 1);
    cx_burn_release(&b);
}

static void test_never_within_horizon(void **state)
{
    (void)state;
    /* net -1, -2, -3 -> cumulative -1, -3, -6 */
    const double net[] = {-1, -2, -3};
    cx_burn b;
    assert_ok(cx_burn_compute(net, 3, 2024, &b));
    assert_int_equal(b.break_even_year, 0);
    assert_int_equal(b.payback_year, 0);
    assert_near(b.peak_burn, -6, 0);
    assert_int_equal(b.peak_year, 2026);
    assert_near(b.total_burn, -6, 0);
    cx_burn_release(&b);
}

static void test_payback_only_after_peak(void **state)
{
    (void)state;
    /* net -5, 10, -20, 5, 30 -> cumulative -5, 5, -15, -10, 20
     * cumulative is >= 0 in 2025, before the peak (-15 in 2026): payback is
     * the first year after the peak, 2028. Break-even 2025 (net 10). */
    const double net[] = {-5, 10, -20, 5, 30};
    cx_burn b;
    assert_ok(cx_burn_compute(net, 5, 2024, &b));
    assert_near(b.peak_burn, -15, 0);
    assert_int_equal(b.peak_year, 2026);
    assert_int_equal(b.payback_year, 2028);
    assert_int_equal(b.break_even_year, 2025);
    assert_near(b.total_burn, -25, 0);          /* -5 - 20 */
    cx_burn_release(&b);
}

static void test_tied_minimum_first_occurrence(void **state)
{
    (void)state;
    /* net -10, 0, 5, -5 -> cumulative -10, -10, -5, -10: the minimum -10
     * first occurs in 2024; never back to >= 0 after it */
    const double net[] = {-10, 0, 5, -5};
    cx_burn b;
    assert_ok(cx_burn_compute(net, 4, 2024, &b));
    assert_int_equal(b.turns_negative_year, 0); /* burning from the start */
    assert_near(b.trough, -10, 0);
    assert_int_equal(b.trough_year, 2024);
    assert_int_equal(b.still_burning, 1);
    assert_near(b.peak_burn, -10, 0);
    assert_int_equal(b.peak_year, 2024);
    assert_int_equal(b.payback_year, 0);
    assert_int_equal(b.break_even_year, 2025);  /* net 0 >= 0 */
    cx_burn_release(&b);
}

static void test_single_year(void **state)
{
    (void)state;
    const double net[] = {-7};
    cx_burn b;
    assert_ok(cx_burn_compute(net, 1, 2025, &b));
    assert_near(b.cumulative[0], -7, 0);
    assert_int_equal(b.peak_year, 2025);
    assert_int_equal(b.break_even_year, 0);
    assert_int_equal(b.payback_year, 0);
    cx_burn_release(&b);
}

static void test_year_boundaries(void **state)
{
    (void)state;
    const double net[] = {1, 2};
    cx_burn b;
    assert_ok(cx_burn_compute(net, 2, 1900, &b));
    assert_int_equal(b.break_even_year, 0);     /* no burn */
    assert_int_equal(b.burns, 0);
    cx_burn_release(&b);
    assert_ok(cx_burn_compute(net, 1, 2200, &b));
    cx_burn_release(&b);
    assert_int_equal(cx_burn_compute(net, 2, 2200, &b), CX_EINVAL); /* 2201 */
    assert_int_equal(cx_burn_compute(net, 1, 1899, &b), CX_EINVAL);
    assert_int_equal(cx_burn_compute(net, 1, 2201, &b), CX_EINVAL);
    assert_int_equal(cx_burn_compute(net, 1, -2024, &b), CX_EINVAL);
    assert_int_equal(cx_burn_compute(net, 1, 0, &b), CX_EINVAL);
    assert_null(b.cumulative);
    assert_null(b.net_burn);
}

static void test_bad_input(void **state)
{
    (void)state;
    const double net[] = {1, NAN};
    const double huge[] = {1e308, 1e308};
    cx_burn b;
    assert_int_equal(cx_burn_compute(net, 0, 2024, &b), CX_ENODATA);
    assert_int_equal(cx_burn_compute(NULL, 2, 2024, &b), CX_EINVAL);
    assert_int_equal(cx_burn_compute(net, 2, 2024, NULL), CX_EINVAL);
    assert_int_equal(cx_burn_compute(net, 2, 2024, &b), CX_EINVAL);
    assert_null(b.cumulative);
    assert_null(b.net_burn);
    /* 1e308 + 1e308 overflows */
    assert_int_equal(cx_burn_compute(huge, 2, 2024, &b), CX_ERANGE);
    assert_null(b.cumulative);
    assert_null(b.net_burn);
}

static void test_cumulative_between(void **state)
{
    (void)state;
    const double net[] = {-10, -20, 5, 30, 10};
    cx_burn b;
    double x;
    assert_ok(cx_burn_compute(net, 5, 2024, &b));
    assert_ok(cx_burn_cumulative_between(&b, net, 2025, 2027, &x));
    assert_near(x, 15, 0);                      /* -20 + 5 + 30 */
    assert_ok(cx_burn_cumulative_between(&b, net, 2024, 2028, &x));
    assert_near(x, 15, 0);                      /* -10-20+5+30+10 */
    assert_ok(cx_burn_cumulative_between(&b, net, 2026, 2026, &x));
    assert_near(x, 5, 0);
    assert_int_equal(cx_burn_cumulative_between(&b, net, 2023, 2025, &x),
                     CX_ENODATA);
    assert_true(isnan(x));
    assert_int_equal(cx_burn_cumulative_between(&b, net, 2027, 2029, &x),
                     CX_ENODATA);
    assert_int_equal(cx_burn_cumulative_between(&b, net, 2026, 2025, &x),
                     CX_EINVAL);
    assert_int_equal(cx_burn_cumulative_between(NULL, net, 2024, 2025, &x),
                     CX_EINVAL);
    cx_burn_release(&b);
}

static void test_release(void **state)
{
    (void)state;
    const double net[] = {-1};
    cx_burn b;
    assert_ok(cx_burn_compute(net, 1, 2024, &b));
    cx_burn_release(&b);
    assert_null(b.cumulative);
    assert_null(b.net_burn);
    assert_int_equal(b.n, 0);
    cx_burn_release(&b);
    cx_burn_release(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typical_curve),
        cmocka_unit_test(test_crossing),
        cmocka_unit_test(test_never_negative),
        cmocka_unit_test(test_break_even_first_year_then_burn),
        cmocka_unit_test(test_profitable_turns_negative_year_3),
        cmocka_unit_test(test_profitable_never_recovers),
        cmocka_unit_test(test_never_within_horizon),
        cmocka_unit_test(test_payback_only_after_peak),
        cmocka_unit_test(test_tied_minimum_first_occurrence),
        cmocka_unit_test(test_single_year),
        cmocka_unit_test(test_year_boundaries),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_cumulative_between),
        cmocka_unit_test(test_release),
    };
    return cmocka_run_group_tests_name("burn", tests, NULL, NULL);
}
