/*
 * test_checks.c - audit checks on the seed's figures, and against the burn.
 */
#include "fixture.h"

static cx_check *_add_check(cx_model *m, cx_check_kind kind, size_t series,
                            int from, int to, cx_value stated)
{
    cx_check *c;
    assert_ok(cx_model_add_check(m, &c));
    c->kind = kind;
    c->series = series;
    c->from = from;
    c->to = to;
    c->stated = stated;
    return c;
}

static void test_seed_sum(void **state)
{
    (void)state;
    /* stated ~140 ~222 381 645..665 against parts 140 222 379 645:
     * 2025: 379 outside [380.5, 381.5] -> warn, difference 379 - 381 = -2;
     * 2026: 645 inside [644.5, 665.5] -> pass, difference 645 - 655 = -10 */
    size_t total, hbm;
    cx_model *m = fx_bigtech(&total, &hbm);
    cx_check *c = _add_check(m, CX_C_SUM, total, 0, 0, (cx_value){0});
    c->line = 30;
    c->col = 5;
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->nchecks, 4);
    const cx_check_result *cr = r->checks;
    assert_int_equal(cr[0].year, 2023);
    assert_int_equal(cr[0].pass, 1);
    assert_near(cr[0].computed, 140, 0);
    assert_string_equal(cr[0].message,
                        "2023: stated ~140, sum of parts 140 (difference 0)");
    assert_int_equal(cr[1].pass, 1);
    assert_near(cr[1].computed, 222, 0);

    assert_int_equal(cr[2].check, 0);
    assert_int_equal(cr[2].year, 2025);
    assert_near(cr[2].stated_base, 381, 0);
    assert_near(cr[2].computed, 379, 0);
    assert_near(cr[2].difference, -2, 0);
    assert_near(cr[2].tolerance, 0.5, 0);
    assert_int_equal(cr[2].pass, 0);
    assert_string_equal(cr[2].message,
                        "2025: stated 381, sum of parts 379 (difference -2)");

    assert_int_equal(cr[3].year, 2026);
    assert_near(cr[3].stated_low, 645, 0);
    assert_near(cr[3].stated_base, 655, 0);
    assert_near(cr[3].stated_high, 665, 0);
    assert_near(cr[3].computed, 645, 0);
    assert_near(cr[3].difference, -10, 0);
    assert_int_equal(cr[3].pass, 1);
    assert_string_equal(cr[3].message, "2026: stated 645..665, sum of parts "
                                       "645 (difference -10)");

    assert_int_equal(r->warnings, 1);
    const cx_note *n = fx_find_note(r, "2025: stated 381");
    assert_non_null(n);
    assert_int_equal(n->level, CX_NOTE_WARNING);
    assert_int_equal(n->line, 30);
    assert_int_equal(n->col, 5);
    assert_int_equal(n->year, 2025);
    assert_int_equal(n->series, total);
    assert_string_equal(n->text, "check on capex.total: 2025: stated 381, "
                                 "sum of parts 379 (difference -2)");
    cx_result_free(r);
    cx_model_free(m);
}

static void test_seed_hbm_growth(void **state)
{
    (void)state;
    /* 55/34 - 1 = 0.6176470588235294, outside [0.575, 0.585] -> warn;
     * difference 0.6176470588235294 - 0.58 = 0.0376470588235294 */
    size_t total, hbm;
    cx_model *m = fx_bigtech(&total, &hbm);
    _add_check(m, CX_C_GROWTH, hbm, 2025, 2026,
               fx_value(CX_V_EXACT, 0.58, 0.58, 0.58, 0.005, "58%"));
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->nchecks, 1);
    const cx_check_result *cr = &r->checks[0];
    assert_int_equal(cr->year, 2026);
    assert_near(cr->computed, 0.6176470588235294, 1e-15);
    assert_near(cr->difference, 0.0376470588235294, 1e-15);
    assert_near(cr->tolerance, 0.005, 0);
    assert_int_equal(cr->pass, 0);
    assert_string_equal(cr->message,
                        "2025\xe2\x86\x92" "2026 growth: stated 58%, computed 61.8%");
    assert_int_equal(r->warnings, 1);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_seed_multiple(void **state)
{
    (void)state;
    /* total 2023 -> 2026: 645 / 140 = 4.607142857142857, outside
     * [4.65, 4.75] -> warn */
    size_t total, hbm;
    cx_model *m = fx_bigtech(&total, &hbm);
    _add_check(m, CX_C_MULTIPLE, total, 2023, 2026,
               fx_value(CX_V_ESTIMATE, 4.7, 4.7, 4.7, 0.05, "~4.7"));
    cx_result *r = fx_compute(m, NULL);
    const cx_check_result *cr = &r->checks[0];
    assert_near(cr->computed, 4.607142857142857, 1e-15);
    assert_near(cr->difference, 4.607142857142857 - 4.7, 1e-15);
    assert_int_equal(cr->pass, 0);
    assert_string_equal(cr->message,
                        "2023\xe2\x86\x92" "2026 multiple: stated ~4.7, computed 4.61");
    cx_result_free(r);
    cx_model_free(m);
}

static void test_own_tolerance(void **state)
{
    (void)state;
    /* tolerance 0.1: [4.6, 4.8] holds 4.607... -> pass */
    size_t total, hbm;
    cx_model *m = fx_bigtech(&total, &hbm);
    cx_check *c = _add_check(m, CX_C_MULTIPLE, total, 2023, 2026,
                             fx_value(CX_V_ESTIMATE, 4.7, 4.7, 4.7, 0.05,
                                      "~4.7"));
    c->tolerance = 0.1;
    cx_result *r = fx_compute(m, NULL);
    assert_near(r->checks[0].tolerance, 0.1, 0);
    assert_int_equal(r->checks[0].pass, 1);
    assert_int_equal(r->warnings, 0);
    assert_null(fx_find_note(r, "multiple"));
    cx_result_free(r);
    cx_model_free(m);
}

static void test_floor_passes_above(void **state)
{
    (void)state;
    /* stated 50%+ : [0.495, +inf] holds 0.6176 */
    size_t total, hbm;
    cx_model *m = fx_bigtech(&total, &hbm);
    _add_check(m, CX_C_GROWTH, hbm, 2025, 2026,
               fx_value(CX_V_FLOOR, 0.5, 0.5, INFINITY, 0.005, "50%+"));
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->checks[0].pass, 1);
    assert_true(isinf(r->checks[0].stated_high));
    cx_result_free(r);
    cx_model_free(m);
}

static void test_cagr_check(void **state)
{
    (void)state;
    /* 100 (2023) -> 800 (2026): (800/100)^(1/3) - 1 = 2 - 1 = 100%; the
     * stated figure has no text, so it is formatted */
    static const int years[] = {2023, 2026};
    static const double vals[] = {100, 800};
    cx_model *m = fx_model(2023, 2026);
    size_t s = fx_series(m, "x.a", years, vals, 2);
    _add_check(m, CX_C_CAGR, s, 2023, 2026,
               fx_value(CX_V_EXACT, 1, 1, 1, 0.005, NULL));
    cx_result *r = fx_compute(m, NULL);
    assert_near(r->checks[0].computed, 1, 1e-15);
    assert_int_equal(r->checks[0].pass, 1);
    assert_string_equal(r->checks[0].message,
                        "2023\xe2\x86\x92" "2026 CAGR: stated 100%, computed 100%");
    cx_result_free(r);
    cx_model_free(m);
}

static void test_not_computable(void **state)
{
    (void)state;
    /* market.hbm has no 2023 value; a labelled check warns with its label */
    size_t total, hbm;
    cx_model *m = fx_bigtech(&total, &hbm);
    cx_check *c = _add_check(m, CX_C_GROWTH, hbm, 2023, 2026,
                             fx_value(CX_V_EXACT, 0.58, 0.58, 0.58, 0.005,
                                      "58%"));
    c->label = "HBM growth";
    cx_result *r = fx_compute(m, NULL);
    const cx_check_result *cr = &r->checks[0];
    assert_true(isnan(cr->computed));
    assert_true(isnan(cr->difference));
    assert_int_equal(cr->pass, 0);
    assert_string_equal(cr->message, "2023\xe2\x86\x92" "2026 growth: stated 58%, "
                        "not computable (no value for one of the years)");
    assert_non_null(fx_find_note(r, "HBM growth: 2023"));
    assert_int_equal(r->warnings, 1);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_bad_check(void **state)
{
    (void)state;
    size_t total, hbm;
    cx_model *m = fx_bigtech(&total, &hbm);
    cx_check *c = _add_check(m, CX_C_GROWTH, 99, 2023, 2026, fx_exact(1));
    cx_result *r;
    size_t failed;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_EINVAL);
    /* a sum check on a series that is not a sum */
    c->kind = CX_C_SUM;
    c->series = hbm;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_EINVAL);
    c->kind = CX_C_KIND_COUNT;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_EINVAL);
    cx_model_free(m);
}

/* net 2023..2026: -40 -30 -10 30 (revenue 10 20 40 80 - costs 50) */
static cx_model *_burn_model(void)
{
    static const int years[] = {2023, 2024, 2025, 2026};
    static const double vr[] = {10, 20, 40, 80}, vc[] = {50, 50, 50, 50};
    cx_model *m = fx_model(2023, 2027);
    size_t rev = fx_series(m, "revenue.lab", years, vr, 4);
    size_t costs = fx_series(m, "costs.lab", years, vc, 4);
    m->burn = (cx_burn_spec){.enabled = 1, .net = CX_NO_INDEX,
                             .revenue = rev, .costs = costs};
    return m;
}

static void test_cumulative(void **state)
{
    (void)state;
    /* 2023..2025: -40 - 30 - 10 = -80 against -120 -> warn;
     * 2024..2026: -30 - 10 + 30 = -10 against -10 -> pass;
     * 2023..2027: 2027 has no net -> not computable */
    cx_model *m = _burn_model();
    _add_check(m, CX_C_CUMULATIVE, 0, 2023, 2025, fx_exact(-120));
    _add_check(m, CX_C_CUMULATIVE, 0, 2024, 2026, fx_exact(-10));
    _add_check(m, CX_C_CUMULATIVE, 0, 2023, 2027, fx_exact(-10));
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->nchecks, 3);
    assert_near(r->checks[0].computed, -80, 0);
    assert_near(r->checks[0].difference, 40, 0);
    assert_int_equal(r->checks[0].pass, 0);
    assert_string_equal(r->checks[0].message, "2023\xe2\x86\x92" "2025 cumulative "
                        "net: stated -120, computed -80");
    assert_near(r->checks[1].computed, -10, 0);
    assert_int_equal(r->checks[1].pass, 1);
    assert_true(isnan(r->checks[2].computed));
    assert_int_equal(r->checks[2].pass, 0);
    assert_string_equal(r->checks[2].message, "2023\xe2\x86\x92" "2027 cumulative "
                        "net: stated -10, not computable (burn figures cover "
                        "2023\xe2\x86\x92" "2026)");
    assert_int_equal(r->warnings, 2);
    const cx_note *n = fx_find_note(r, "check on burn");
    assert_non_null(n);
    assert_int_equal(n->series, CX_NO_INDEX);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_break_even(void **state)
{
    (void)state;
    /* first year with net >= 0: 2026 */
    cx_model *m = _burn_model();
    _add_check(m, CX_C_BREAK_EVEN, 0, 0, 0,
               fx_value(CX_V_EXACT, 2026, 2026, 2026, 0.5, "2026"));
    _add_check(m, CX_C_BREAK_EVEN, 0, 0, 0,
               fx_value(CX_V_EXACT, 2028, 2028, 2028, 0.5, "2028"));
    cx_result *r = fx_compute(m, NULL);
    assert_near(r->checks[0].computed, 2026, 0);
    assert_int_equal(r->checks[0].pass, 1);
    assert_string_equal(r->checks[0].message,
                        "break-even: stated 2026, computed 2026");
    assert_near(r->checks[1].difference, -2, 0);
    assert_int_equal(r->checks[1].pass, 0);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_break_even_not_within_horizon(void **state)
{
    (void)state;
    /* costs 100 a year: net never >= 0 */
    cx_model *m = _burn_model();
    for (size_t t = 0; t < 4; t++)
        m->series[1].stated[t] = fx_exact(100);
    _add_check(m, CX_C_BREAK_EVEN, 0, 0, 0,
               fx_value(CX_V_EXACT, 2030, 2030, 2030, 0.5, "2030"));
    cx_result *r = fx_compute(m, NULL);
    assert_true(isnan(r->checks[0].computed));
    assert_int_equal(r->checks[0].pass, 0);
    assert_string_equal(r->checks[0].message,
                        "break-even: stated 2030, computed not within horizon");
    cx_result_free(r);
    cx_model_free(m);
}

static void test_burn_checks_without_burn(void **state)
{
    (void)state;
    size_t total, hbm;
    cx_model *m = fx_bigtech(&total, &hbm);
    _add_check(m, CX_C_CUMULATIVE, 0, 2023, 2025, fx_exact(-120));
    _add_check(m, CX_C_BREAK_EVEN, 0, 0, 0, fx_exact(2030));
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->burn.enabled, 0);
    assert_string_equal(r->checks[0].message, "2023\xe2\x86\x92" "2025 cumulative "
                        "net: stated -120, not computable (no burn defined)");
    assert_string_equal(r->checks[1].message, "break-even: stated 2030, not "
                        "computable (no burn defined)");
    assert_int_equal(r->warnings, 2);
    cx_result_free(r);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_sum),
        cmocka_unit_test(test_seed_hbm_growth),
        cmocka_unit_test(test_seed_multiple),
        cmocka_unit_test(test_own_tolerance),
        cmocka_unit_test(test_floor_passes_above),
        cmocka_unit_test(test_cagr_check),
        cmocka_unit_test(test_not_computable),
        cmocka_unit_test(test_bad_check),
        cmocka_unit_test(test_cumulative),
        cmocka_unit_test(test_break_even),
        cmocka_unit_test(test_break_even_not_within_horizon),
        cmocka_unit_test(test_burn_checks_without_burn),
    };
    return cmocka_run_group_tests_name("checks", tests, NULL, NULL);
}
