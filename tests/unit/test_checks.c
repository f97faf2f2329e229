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

/* ---- range -------------------------------------------------------------- */

static void test_range_seed(void **state)
{
    (void)state;
    /* Microsoft 2026 as the seed writes it, a floor 140+. Parts' ranges:
     * 2023 32+48+28+32 = 140..140, 2024 52+83+39+48 = 222..222,
     * 2025 91+128+72+88 = 379..379, 2026 180+200+125+140 = 645..+inf.
     * computed = clamp(stated base, low, high):
     * 2025: clamp(381, 379, 379) = 379, outside [380.5, 381.5] -> warn,
     *       the ranges 2 apart (381 - 379);
     * 2026: clamp(655, 645, inf) = 655, inside [644.5, 665.5] -> pass */
    size_t total, hbm;
    cx_model *m = fx_bigtech(&total, &hbm);
    size_t microsoft = m->series[total].parts[3];
    m->series[microsoft].stated[3] = fx_value(CX_V_FLOOR, 140, 140, INFINITY,
                                              0.5, "140+");
    cx_check *c = _add_check(m, CX_C_RANGE, total, 0, 0, (cx_value){0});
    c->line = 40;
    c->col = 5;
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->nchecks, 4);
    const cx_check_result *cr = r->checks;
    assert_int_equal(cr[0].year, 2023);
    assert_near(cr[0].computed_low, 140, 0);
    assert_near(cr[0].computed_high, 140, 0);
    assert_near(cr[0].computed, 140, 0);
    assert_int_equal(cr[0].pass, 1);
    assert_string_equal(cr[0].message, "2023: stated ~140, parts 140..140 (overlap)");
    assert_near(cr[1].computed, 222, 0);
    assert_int_equal(cr[1].pass, 1);

    assert_int_equal(cr[2].year, 2025);
    assert_near(cr[2].computed_low, 379, 0);
    assert_near(cr[2].computed_high, 379, 0);
    assert_near(cr[2].computed, 379, 0);
    assert_near(cr[2].difference, -2, 0);
    assert_near(cr[2].tolerance, 0.5, 0);
    assert_int_equal(cr[2].pass, 0);
    assert_string_equal(cr[2].message,
                        "2025: stated 381, parts 379..379 (no overlap, 2 apart)");

    assert_int_equal(cr[3].year, 2026);
    assert_near(cr[3].computed_low, 645, 0);
    assert_true(isinf(cr[3].computed_high) && cr[3].computed_high > 0);
    assert_near(cr[3].computed, 655, 0);
    assert_near(cr[3].difference, 0, 0);
    assert_int_equal(cr[3].pass, 1);
    assert_string_equal(cr[3].message, "2026: stated 645..665, parts 645+ (overlap)");
    /* the sum series itself counts the floor at its base: high 645 */
    assert_near(r->series[total].v[3].high, 645, 0);

    assert_int_equal(r->warnings, 1);
    const cx_note *n = fx_find_note(r, "parts 379..379");
    assert_non_null(n);
    assert_int_equal(n->line, 40);
    assert_int_equal(n->series, total);
    assert_int_equal(n->year, 2025);
    assert_string_equal(n->text, "check on capex.total: 2025: stated 381, "
                                 "parts 379..379 (no overlap, 2 apart)");
    cx_result_free(r);
    cx_model_free(m);
}

/* x.total = x.a + x.b, 2023..2026; x.a 10..20 and x.b exact 5 each year,
 * so the parts' range is 15..25 every year. */
static cx_model *_range_model(size_t *total, size_t *a)
{
    static const int years[] = {2023, 2024, 2025, 2026};
    static const double five[] = {5, 5, 5, 5};
    cx_model *m = fx_model(2023, 2026);
    size_t parts[2];
    assert_ok(cx_model_add_series(m, "x.a", &parts[0]));
    for (size_t t = 0; t < 4; t++)
        m->series[parts[0]].stated[t] = fx_value(CX_V_RANGE, 10, 15, 20, 0.5,
                                                 "10..20");
    parts[1] = fx_series(m, "x.b", years, five, 4);
    *a = parts[0];
    *total = fx_sum(m, "x.total", parts, 2);
    return m;
}

static void test_range_overlap_touching_disjoint(void **state)
{
    (void)state;
    /* parts 15..25 against:
     * 2023 24..30 (base 27): clamp(27, 15, 25) = 25 in [23.5, 30.5], overlap
     * 2024 25..35 (base 30, resolution 0): clamp = 25 in [25, 35], touching
     * 2025 26..30 (base 28): clamp = 25 < 25.5 -> warn, 26 - 25 = 1 apart
     * 2026 8..14 (base 11): clamp(11, 15, 25) = 15 > 14.5 -> warn, 15 - 14 = 1 */
    size_t total, a;
    cx_model *m = _range_model(&total, &a);
    cx_value *st = m->series[total].stated;
    st[0] = fx_value(CX_V_RANGE, 24, 27, 30, 0.5, "24..30");
    st[1] = fx_value(CX_V_RANGE, 25, 30, 35, 0, "25..35");
    st[2] = fx_value(CX_V_RANGE, 26, 28, 30, 0.5, "26..30");
    st[3] = fx_value(CX_V_RANGE, 8, 11, 14, 0.5, "8..14");
    _add_check(m, CX_C_RANGE, total, 0, 0, (cx_value){0});
    cx_result *r = fx_compute(m, NULL);
    const cx_check_result *cr = r->checks;
    assert_int_equal(r->nchecks, 4);
    assert_near(cr[0].computed, 25, 0);
    assert_near(cr[0].difference, -2, 0);
    assert_int_equal(cr[0].pass, 1);
    assert_string_equal(cr[0].message, "2023: stated 24..30, parts 15..25 (overlap)");
    assert_near(cr[1].computed, 25, 0);
    assert_near(cr[1].tolerance, 0, 0);
    assert_int_equal(cr[1].pass, 1);
    assert_string_equal(cr[1].message, "2024: stated 25..35, parts 15..25 (overlap)");
    assert_near(cr[2].computed, 25, 0);
    assert_near(cr[2].difference, -3, 0);
    assert_int_equal(cr[2].pass, 0);
    assert_string_equal(cr[2].message,
                        "2025: stated 26..30, parts 15..25 (no overlap, 1 apart)");
    assert_near(cr[3].computed, 15, 0);
    assert_near(cr[3].difference, 4, 0);
    assert_int_equal(cr[3].pass, 0);
    assert_string_equal(cr[3].message,
                        "2026: stated 8..14, parts 15..25 (no overlap, 1 apart)");
    assert_int_equal(r->warnings, 2);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_range_tolerance(void **state)
{
    (void)state;
    /* 2025 26..30 against parts 15..25, 1 apart: tolerance 1 gives
     * [25, 31], which holds clamp(28, 15, 25) = 25 -> pass; tolerance 0.99
     * gives [25.01, 30.99] -> warn */
    size_t total, a;
    cx_model *m = _range_model(&total, &a);
    m->series[total].stated[2] = fx_value(CX_V_RANGE, 26, 28, 30, 0.5, "26..30");
    _add_check(m, CX_C_RANGE, total, 0, 0, (cx_value){0})->tolerance = 1;
    _add_check(m, CX_C_RANGE, total, 0, 0, (cx_value){0})->tolerance = 0.99;
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->nchecks, 2);
    assert_near(r->checks[0].tolerance, 1, 0);
    assert_int_equal(r->checks[0].pass, 1);
    assert_string_equal(r->checks[0].message, "2025: stated 26..30, parts 15..25 "
                                              "(within tolerance, 1 apart)");
    assert_int_equal(r->checks[1].pass, 0);
    assert_string_equal(r->checks[1].message, "2025: stated 26..30, parts 15..25 "
                                              "(no overlap, 1 apart)");
    assert_int_equal(r->warnings, 1);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_range_floor(void **state)
{
    (void)state;
    /* x.a 10+ in 2023: parts 10+5 = 15..+inf, also through a sum of the
     * sum (y.total = x.total + x.b: 20..+inf).
     * stated 1000: clamp(1000, 15, inf) = 1000 -> pass;
     * stated 12: clamp(12, 15, inf) = 15 > 12.5 -> warn, 3 apart;
     * y.total stated 500: clamp(500, 20, inf) = 500 -> pass (without the
     * floor the high would be 15 + 5 = 20 and this would warn) */
    size_t total, a;
    cx_model *m = _range_model(&total, &a);
    m->series[a].stated[0] = fx_value(CX_V_FLOOR, 10, 10, INFINITY, 0.5, "10+");
    m->series[total].stated[0] = fx_value(CX_V_EXACT, 1000, 1000, 1000, 0.5, "1000");
    m->series[total].stated[1] = fx_value(CX_V_EXACT, 12, 12, 12, 0.5, "12");
    size_t parts[2] = {total, m->series[total].parts[1]}, y;
    y = fx_sum(m, "y.total", parts, 2);
    m->series[y].stated[0] = fx_value(CX_V_EXACT, 500, 500, 500, 0.5, "500");
    _add_check(m, CX_C_RANGE, total, 0, 0, (cx_value){0});
    _add_check(m, CX_C_RANGE, y, 0, 0, (cx_value){0});
    cx_result *r = fx_compute(m, NULL);
    const cx_check_result *cr = r->checks;
    assert_int_equal(r->nchecks, 3);
    assert_near(cr[0].computed_low, 15, 0);
    assert_true(isinf(cr[0].computed_high));
    assert_near(cr[0].computed, 1000, 0);
    assert_int_equal(cr[0].pass, 1);
    assert_string_equal(cr[0].message, "2023: stated 1000, parts 15+ (overlap)");
    /* 2024: x.a is 10..20 again, parts 15..25 */
    assert_near(cr[1].computed, 15, 0);
    assert_int_equal(cr[1].pass, 0);
    assert_string_equal(cr[1].message,
                        "2024: stated 12, parts 15..25 (no overlap, 3 apart)");
    assert_near(cr[2].computed_low, 20, 0);
    assert_true(isinf(cr[2].computed_high));
    assert_near(cr[2].computed, 500, 0);
    assert_int_equal(cr[2].pass, 1);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_range_series_value(void **state)
{
    (void)state;
    /* a series that is not a sum: its range is its own value (the base):
     * stated 10..20 -> model 15, inside -> pass; a ratio series formats
     * as percents: 0.75 -> 75% */
    size_t total, a, share;
    cx_model *m = _range_model(&total, &a);
    assert_ok(cx_model_add_series(m, "x.share", &share));
    m->series[share].unit = CX_U_RATIO;
    m->series[share].stated[3] = fx_value(CX_V_EXACT, 0.75, 0.75, 0.75, 0.005, NULL);
    _add_check(m, CX_C_RANGE, a, 0, 0, (cx_value){0});
    _add_check(m, CX_C_RANGE, share, 0, 0, (cx_value){0});
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->nchecks, 5);
    assert_near(r->checks[0].computed_low, 15, 0);
    assert_near(r->checks[0].computed_high, 15, 0);
    assert_near(r->checks[0].computed, 15, 0);
    assert_int_equal(r->checks[0].pass, 1);
    assert_string_equal(r->checks[0].message, "2023: stated 10..20, model 15 (overlap)");
    assert_near(r->checks[4].computed, 0.75, 0);
    assert_string_equal(r->checks[4].message, "2026: stated 75%, model 75% (overlap)");
    assert_int_equal(r->warnings, 0);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_range_not_available(void **state)
{
    (void)state;
    /* x.c has a value in 2023 only (no driver), so the total has none in
     * 2024: not computable -> warn */
    static const int years[] = {2023};
    static const double vals[] = {1};
    cx_model *m = fx_model(2023, 2024);
    size_t parts[1] = {fx_series(m, "x.c", years, vals, 1)};
    size_t total = fx_sum(m, "x.total", parts, 1);
    m->series[total].stated[1] = fx_exact(30);
    _add_check(m, CX_C_RANGE, total, 0, 0, (cx_value){0});
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->nchecks, 1);
    assert_true(isnan(r->checks[0].computed));
    assert_true(isnan(r->checks[0].computed_low));
    assert_int_equal(r->checks[0].pass, 0);
    assert_string_equal(r->checks[0].message,
                        "2024: stated 30, parts not available (a part has no value)");
    cx_result_free(r);
    cx_model_free(m);
}

static void test_range_kind(void **state)
{
    (void)state;
    /* appended after the existing kinds, which keep their values */
    assert_int_equal(CX_C_BREAK_EVEN, 5);
    assert_int_equal(CX_C_RANGE, 6);
    assert_string_equal(cx_check_kind_name(CX_C_RANGE), "range");
    size_t total, hbm;
    cx_model *m = fx_bigtech(&total, &hbm);
    _add_check(m, CX_C_RANGE, 99, 0, 0, (cx_value){0});
    cx_result *r;
    size_t failed;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_EINVAL);
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
        cmocka_unit_test(test_range_seed),
        cmocka_unit_test(test_range_overlap_touching_disjoint),
        cmocka_unit_test(test_range_tolerance),
        cmocka_unit_test(test_range_floor),
        cmocka_unit_test(test_range_series_value),
        cmocka_unit_test(test_range_not_available),
        cmocka_unit_test(test_range_kind),
    };
    return cmocka_run_group_tests_name("checks", tests, NULL, NULL);
}
