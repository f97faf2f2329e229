/*
 * test_goal.c - goal seek: Brent's method (GSL) on a bracket, and the
 * constant growth rate that reaches a burn target through cx_compute.
 */
#include "fixture.h"
#include "goal.h"

static cx_status _square_minus_two(double x, void *ctx, double *v)
{
    (void)ctx;
    *v = x * x - 2;
    return CX_OK;
}

static cx_status _square_plus_one(double x, void *ctx, double *v)
{
    (void)ctx;
    *v = x * x + 1;
    return CX_OK;
}

static cx_status _fails_above_one(double x, void *ctx, double *v)
{
    (void)ctx;
    *v = x - 0.5;
    return x > 1 ? CX_ENODATA : CX_OK;
}

static void test_brent(void **state)
{
    (void)state;
    /* x^2 - 2 = 0 on [0, 2]: sqrt(2); ends -2 and 2 */
    double root, lo, hi;
    int it;
    assert_ok(cx_goal_brent(_square_minus_two, NULL, 0, 2, &root, &lo, &hi, &it));
    assert_near(root, 1.4142135623730951, 1e-11);
    assert_near(lo, -2, 0);
    assert_near(hi, 2, 0);
    assert_true(it > 0 && it <= 200);
}

static void test_brent_no_sign_change(void **state)
{
    (void)state;
    /* x^2 + 1 > 0 everywhere: 1.9801 at -0.99, 101 at 10 */
    double root, lo, hi;
    int it;
    assert_int_equal(cx_goal_brent(_square_plus_one, NULL, CX_GOAL_LO, CX_GOAL_HI,
                                   &root, &lo, &hi, &it), CX_EDOMAIN);
    assert_true(isnan(root));
    assert_near(lo, 1.9801, 1e-12);
    assert_near(hi, 101, 0);
}

static void test_brent_end_is_root_and_failures(void **state)
{
    (void)state;
    double root, lo, hi;
    int it;
    /* x^2 - 2 on [-2, sqrt-free end 0]: f(-2) = 2, f(0) = -2 -> -sqrt(2) */
    assert_ok(cx_goal_brent(_square_minus_two, NULL, -2, 0, &root, &lo, &hi, &it));
    assert_near(root, -1.4142135623730951, 1e-11);
    /* f is 0 at an end: that end, no iterations */
    assert_ok(cx_goal_brent(_fails_above_one, NULL, 0.5, 1, &root, &lo, &hi, &it));
    assert_near(root, 0.5, 0);
    assert_int_equal(it, 0);
    /* fn fails at the upper end: its status */
    assert_int_equal(cx_goal_brent(_fails_above_one, NULL, 0, 2, &root, &lo, &hi, &it),
                     CX_ENODATA);
    assert_int_equal(cx_goal_brent(NULL, NULL, 0, 2, &root, &lo, &hi, &it), CX_EINVAL);
    assert_int_equal(cx_goal_brent(_square_minus_two, NULL, 2, 2, &root, &lo, &hi, &it),
                     CX_EINVAL);
    assert_string_equal(cx_goal_kind_name(CX_G_BREAK_EVEN), "break_even");
    assert_string_equal(cx_goal_kind_name(CX_G_PEAK_FUNDING), "peak_funding");
}

/* revenue 20 in 2026 (growth 50% as written, replaced by the goal), costs
 * 34 in 2026 held flat (growth 0) to `last`; burn = revenue - costs. */
static cx_model *_lab_to(int last, size_t *rev, size_t *costs)
{
    static const int y[] = {2026};
    static const double r20[] = {20}, c34[] = {34};
    cx_model *m = fx_model(2026, last);
    *rev = fx_series(m, "revenue.lab", y, r20, 1);
    *costs = fx_series(m, "costs.lab", y, c34, 1);
    fx_growth(m, *rev, 0.5);
    fx_growth(m, *costs, 0);
    m->burn.enabled = 1;
    m->burn.revenue = *rev;
    m->burn.costs = *costs;
    return m;
}

static cx_model *_lab(size_t *rev, size_t *costs)
{
    return _lab_to(2028, rev, costs);
}

static cx_goal *_goal(cx_model *m, cx_goal_kind kind, size_t s)
{
    cx_goal *g;
    assert_ok(cx_model_add_goal(m, &g));
    g->kind = kind;
    g->series = s;
    return g;
}

static void test_break_even_goal(void **state)
{
    (void)state;
    /* net(2028) = 20 (1 + r)^2 - 34 = 0  ->  r = sqrt(1.7) - 1 =
     * 0.30384048104052974 */
    size_t rev, costs;
    cx_model *m = _lab(&rev, &costs);
    _goal(m, CX_G_BREAK_EVEN, rev)->by = 2028;
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->ngoals, 1);
    const cx_goal_result *g = &r->goals[0];
    assert_int_equal(g->solved, 1);
    assert_near(g->rate, 0.30384048104052974, 1e-10);
    assert_near(g->achieved, 0, 1e-9);
    assert_non_null(strstr(g->message, "revenue.lab"));
    assert_null(fx_find_note(r, "goal:"));
    /* the main result keeps the driver as written (50%) */
    assert_near(cx_result_value(r, rev, 2027), 30, 0);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_break_even_goal_in_scenario(void **state)
{
    (void)state;
    /* Scenario "dear": costs grow 10%: 34, 37.4, 41.14. net(2028) = 0 ->
     * (1 + r)^2 = 41.14 / 20 = 2.057 -> r = sqrt(2.057) - 1 =
     * 0.43422543 */
    size_t rev, costs;
    cx_model *m = _lab(&rev, &costs);
    _goal(m, CX_G_BREAK_EVEN, rev)->by = 2028;
    cx_scenario *sc;
    cx_driver d = {.method = CX_D_GROWTH, .rate = 0.1};
    assert_ok(cx_model_add_scenario(m, "dear", &sc));
    assert_ok(cx_scenario_add_override(sc, costs, &d));
    cx_result *r = fx_compute(m, "dear");
    assert_int_equal(r->goals[0].solved, 1);
    assert_near(r->goals[0].rate, sqrt(2.057) - 1, 1e-10);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_peak_funding_goal(void **state)
{
    (void)state;
    /* Years 2026..2027: cumulative -14, then -14 + 20 (1 + r) - 34 =
     * 20 r - 28. Peak burn min(-14, 20 r - 28) = -20 (cap 20) -> r = 0.4.
     * Ends: r = -0.99 -> -47.8; r = 10 -> -14. */
    size_t rev, costs;
    cx_model *m = _lab_to(2027, &rev, &costs);
    cx_goal *g = _goal(m, CX_G_PEAK_FUNDING, rev);
    g->cap = 20;
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->goals[0].solved, 1);
    assert_near(r->goals[0].rate, 0.4, 1e-10);
    assert_near(r->goals[0].achieved, -20, 1e-9);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_no_solution(void **state)
{
    (void)state;
    /* By 2026, a stated year: net 2026 = -14 whatever the rate; and costs
     * for peak funding of 5: the peak is at most -14 already. Both
     * unsolved, each with a warning note; the run still succeeds. */
    size_t rev, costs;
    cx_model *m = _lab(&rev, &costs);
    _goal(m, CX_G_BREAK_EVEN, rev)->by = 2026;
    _goal(m, CX_G_PEAK_FUNDING, costs)->cap = 5;
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->ngoals, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(r->goals[i].solved, 0);
        assert_true(isnan(r->goals[i].rate));
        assert_non_null(strstr(r->goals[i].message,
                               "no constant growth rate of"));
        assert_non_null(strstr(r->goals[i].message, "-99%..1000%"));
    }
    assert_non_null(strstr(r->goals[0].message, "net 2026: -14 at -99%, -14 at 1000%"));
    const cx_note *n = fx_find_note(r, "goal: no constant growth rate of revenue.lab");
    assert_non_null(n);
    assert_int_equal(n->level, CX_NOTE_WARNING);
    /* the main result as written: nets -14, -4, 11; peak -18 in 2027 */
    assert_int_equal(r->burn.burn.peak_year, 2027);
    cx_result_free(r);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_brent),
        cmocka_unit_test(test_brent_no_sign_change),
        cmocka_unit_test(test_brent_end_is_root_and_failures),
        cmocka_unit_test(test_break_even_goal),
        cmocka_unit_test(test_break_even_goal_in_scenario),
        cmocka_unit_test(test_peak_funding_goal),
        cmocka_unit_test(test_no_solution),
    };
    return cmocka_run_group_tests_name("goal", tests, NULL, NULL);
}
