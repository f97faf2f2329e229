/*
 * test_pinned.c - figures that mutation testing of the engine (make mutate,
 * docs/testing.md) found no test pinned down, each worked by hand: payback
 * at exactly 0, a crossing from a later index, default alive on the day the
 * cash runs out, cash at exactly 0 at a year end, a raise in the cash year
 * and cash in the burn's last year (no false warning), a commitment wholly
 * before the horizon, a check at both edges of its tolerance, YoY bit for
 * bit as the spreadsheet's =C/B-1, the spreadsheet's IRR iteration on slow
 * and near -100% flows, a share series whose base starts late, the range of
 * a sum of ranges (the Monte Carlo standard deviation and percentiles of a
 * small sample are in test_mc.c, with its model).
 */
#include "fixture.h"
#include "burn.h"
#include "discount.h"
#include "growth.h"

/* ---- burn and funding ---------------------------------------------------- */

static void test_payback_at_exactly_zero(void **state)
{
    (void)state;
    /* net -10, +10 (2024, 2025): cumulative -10, 0. The cumulative is back
     * at 0 (>= 0) in 2025: payback 2025, and the crossing -10 -> 0 is at
     * 2024 + 10/(0 - -10) = 2025 exactly. Break-even 2025 (net 10 >= 0). */
    const double net[] = {-10, 10};
    cx_burn b;
    cx_funding f;
    cx_funding_in in = {0};
    fx_fund(net, 2, 2024, &in, &b, &f);
    assert_near(b.cumulative[1], 0, 0);
    assert_int_equal(b.peak_year, 2024);
    assert_int_equal(b.payback_year, 2025);
    assert_int_equal(b.break_even_year, 2025);
    assert_near(f.payback_frac, 2025, 0);
    assert_near(f.break_even_frac, 2024.5, 0);   /* -10 -> 10: 2024 + 10/20 */
    fx_fund_release(&b, &f);
}

static void test_crossing_from_a_later_index(void **state)
{
    (void)state;
    /* A crossing needs a year below zero before it (burn.h): from index 1
     * with x[0] = 0 or 3 there is none (NAN), with x[0] = -10 and x[1] =
     * 0 it is 2024 + 10/(0 - -10) = 2025 exactly. */
    const double x[] = {0, 5}, y[] = {3, 5}, z[] = {-10, 0};
    assert_true(isnan(cx_burn_crossing(x, 2, 1, 2024)));
    assert_true(isnan(cx_burn_crossing(y, 2, 1, 2024)));
    assert_near(cx_burn_crossing(z, 2, 1, 2024), 2025, 0);
}

static void test_alive_when_break_even_and_cash_out_coincide(void **state)
{
    (void)state;
    /* cash 5 at the start of 2024; net -10 (2024), +10 (2025). The cash
     * runs out in 2024 at 5/10 of the year: runway end 2024.5, 6 months.
     * Net crosses 0 between 2024 (-10) and 2025 (10): 2024 + 10/20 =
     * 2024.5, the same date. Break-even no later than the runway end:
     * default alive, by a margin of 0 months. */
    const double net[] = {-10, 10};
    cx_funding_in in = {.has_cash = 1, .cash = 5, .cash_year = 2024};
    cx_burn b;
    cx_funding f;
    fx_fund(net, 2, 2024, &in, &b, &f);
    assert_near(f.runway_end, 2024.5, 0);
    assert_near(f.runway_months, 6, 0);
    assert_near(f.break_even_frac, 2024.5, 0);
    assert_int_equal(f.default_alive, 1);
    assert_near(f.alive_margin_months, 0, 0);
    assert_near(f.funding_gap, 5, 0);            /* end 2024: 5 - 10 = -5 */
    fx_fund_release(&b, &f);
}

static void test_cash_at_exactly_zero(void **state)
{
    (void)state;
    /* cash 10 at the start of 2024, net -10 then +5: the cash ends 2024 at
     * 10 - 10 = 0, not below zero: it has not run out (no runway end, no
     * funding gap), and 2025 ends at 5. */
    const double net[] = {-10, 5};
    cx_funding_in in = {.has_cash = 1, .cash = 10, .cash_year = 2024};
    cx_burn b;
    cx_funding f;
    fx_fund(net, 2, 2024, &in, &b, &f);
    assert_near(f.cash[0], 0, 0);
    assert_near(f.cash[1], 5, 0);
    assert_int_equal(f.runout_year, 0);
    assert_true(isnan(f.runway_end));
    assert_near(f.funding_gap, 0, 0);
    fx_fund_release(&b, &f);
}

/* revenue 20, 30, 40 and costs 30, 35, 38 (2026..2028): net -10, -5, 2;
 * cash 10 stated for cash_year. */
static cx_model *_lab(int cash_year)
{
    static const int years[] = {2026, 2027, 2028};
    static const double rev[] = {20, 30, 40}, costs[] = {30, 35, 38};
    cx_model *m = fx_burn(years, rev, costs, 3);
    m->burn.cash = fx_exact(10);
    m->burn.cash_year = cash_year;
    return m;
}

static void test_raise_in_the_cash_year(void **state)
{
    (void)state;
    /* cash 10 at the start of 2027 and a raise of 5 in 2027: counted, no
     * note. End 2027: 10 - 5 + 5 = 10; end 2028: 10 + 2 = 12. The cash
     * never runs out; break-even 2027 + 5/7 (net -5 -> 2). */
    cx_model *m = _lab(2027);
    cx_raise *x;
    assert_ok(cx_model_add_raise(m, &x));
    *x = (cx_raise){.name = "A", .year = 2027, .amount = fx_exact(5)};
    cx_result *r = fx_compute(m, NULL);
    const cx_funding *f = &r->burn.funding;
    assert_int_equal(r->nnotes, 0);
    assert_int_equal(f->has_cash, 1);
    assert_near(f->raised, 5, 0);
    assert_near(f->raises[1], 5, 0);
    assert_true(isnan(f->cash[0]));
    assert_near(f->cash[1], 10, 0);
    assert_near(f->cash[2], 12, 0);
    assert_true(isnan(f->runway_end));
    assert_near(f->funding_gap, 0, 0);
    assert_near(f->break_even_frac, 2027 + 5.0 / 7, 1e-12);
    assert_int_equal(f->default_alive, 1);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_cash_in_the_last_burn_year(void **state)
{
    (void)state;
    /* cash 10 at the start of 2028, the burn's last year: end 2028 10 + 2
     * = 12, no note; the years before have no cash figure. */
    cx_model *m = _lab(2028);
    cx_result *r = fx_compute(m, NULL);
    const cx_funding *f = &r->burn.funding;
    assert_int_equal(r->nnotes, 0);
    assert_int_equal(f->has_cash, 1);
    assert_int_equal(f->cash_year, 2028);
    assert_true(isnan(f->cash[1]));
    assert_near(f->cash[2], 12, 0);
    assert_near(f->funding_gap, 0, 0);
    assert_true(isnan(f->runway_end));
    cx_result_free(r);
    cx_model_free(m);

    /* 2029, after the last year: a warning, and no cash figures */
    m = _lab(2029);
    r = fx_compute(m, NULL);
    assert_int_equal(r->nnotes, 1);
    assert_int_equal(r->notes[0].level, CX_NOTE_WARNING);
    assert_int_equal(r->burn.funding.has_cash, 0);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_commitment_all_before_the_horizon(void **state)
{
    (void)state;
    /* 40 over 2 years from 2020 in a 2023.. model: both years (20 + 20)
     * were paid before 2023, nothing in the model's years. */
    cx_model *m = fx_model(2023, 2026);
    cx_commitment *c;
    assert_ok(cx_model_add_commitment(m, &c));
    *c = (cx_commitment){.name = "Past", .total = fx_exact(40), .start = 2020, .years = 2};
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->nnotes, 1);
    assert_string_equal(r->notes[0].text, "commitment 'Past': 40 paid before 2023, "
                                          "outside the model's years");
    for (int t = 0; t < 4; t++)
        assert_near(r->commitments.total[t], 0, 0);
    cx_result_free(r);
    cx_model_free(m);
}

/* A sum check of parts a + b against a stated 381 (resolution 0.5). */
static int _sum_check_passes(double a, double b)
{
    static const int years[] = {2025};
    cx_model *m = fx_model(2025, 2025);
    size_t p[2] = {fx_series(m, "capex.a", years, &a, 1), fx_series(m, "capex.b", years, &b, 1)};
    size_t s = fx_sum(m, "capex.total", p, 2);
    m->series[s].stated[0] = fx_exact(381);
    cx_check *c;
    assert_ok(cx_model_add_check(m, &c));
    *c = (cx_check){.kind = CX_C_SUM, .series = s, .tolerance = NAN};
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->nchecks, 1);
    int pass = r->checks[0].pass;
    cx_result_free(r);
    cx_model_free(m);
    return pass;
}

static void test_check_at_the_edges_of_its_tolerance(void **state)
{
    (void)state;
    /* stated 381 with resolution 0.5 passes from 380.5 to 381.5, both
     * ends included: 200.5 + 181 = 381.5 and 200 + 180.5 = 380.5 pass,
     * 201 + 181 = 382 and 200 + 180 = 380 do not. */
    assert_true(_sum_check_passes(200.5, 181));
    assert_true(_sum_check_passes(200, 180.5));
    assert_false(_sum_check_passes(201, 181));
    assert_false(_sum_check_passes(200, 180));
}

/* ---- growth: the spreadsheet's operations, bit for bit ------------------- */

static void test_yoy_is_c_over_b_minus_1(void **state)
{
    (void)state;
    /* 3 -> 7: the workbook's =C2/B2-1 is 7/3 - 1 = 1.3333333333333335,
     * not (7 - 3)/3 = 1.3333333333333333: compared bit for bit. */
    double y;
    assert_ok(cx_yoy(3, 7, &y));
    assert_memory_equal(&y, &(double){7.0 / 3.0 - 1.0}, sizeof y);
    assert_true(y != (7.0 - 3.0) / 3.0);
    static const int years[] = {2024, 2025};
    static const double v[] = {3, 7};
    cx_model *m = fx_model(2024, 2025);
    size_t s = fx_series(m, "revenue.x", years, v, 2);
    cx_result *r = fx_compute(m, NULL);
    assert_true(isnan(r->series[s].yoy[0]));
    assert_memory_equal(&r->series[s].yoy[1], &(double){7.0 / 3.0 - 1.0}, sizeof y);
    cx_result_free(r);
    cx_model_free(m);
}

/* ---- IRR ------------------------------------------------------------------ */

static void test_irr_needs_many_newton_steps(void **state)
{
    (void)state;
    /* -1, 0, 0, 0, 0, 10: -1 + 10/(1+r)^5 = 0, r = 10^(1/5) - 1 =
     * 0.5848931924611135. From the 10% guess Newton's steps on the t=0
     * NPV go 0.1 -> 0.2846, 0.4516, 0.5548, 0.5832, 0.58489, 0.5848932
     * (a step of 5.3e-6, still over 1e-7), 0.5848931924611 (5.3e-11):
     * seven steps, so a limit of five would stop short. */
    const double f[] = {-1, 0, 0, 0, 0, 10};
    double x, irr;
    int roots;
    assert_ok(cx_irr_newton(f, 6, 0.1, &x));
    assert_near(x, pow(10, 0.2) - 1, 1e-12);
    assert_ok(cx_irr(f, 6, &irr, &roots));
    assert_near(irr, pow(10, 0.2) - 1, 1e-13);
    assert_int_equal(roots, 1);
}

static void test_irr_near_minus_100_percent(void **state)
{
    (void)state;
    /* -100, 1.5: -100 + 1.5/(1+r) = 0, 1 + r = 0.015, r = -98.5%: within
     * the -99%..1000% the roots are looked for in. */
    const double f[] = {-100, 1.5};
    double irr;
    int roots;
    assert_ok(cx_irr(f, 2, &irr, &roots));
    assert_near(irr, -0.985, 1e-13);
    assert_int_equal(roots, 1);
}

/* ---- series --------------------------------------------------------------- */

static void test_share_of_a_late_series(void **state)
{
    (void)state;
    /* 2024..2027: capex.ai stated 100 in 2025 only, growing 10%: 2025 100,
     * 2026 110, 2027 121, nothing in 2024. capex.x, nothing stated, 50% of
     * capex.ai: nothing in 2024, then 50, 55, 60.5, and no note (its base
     * simply starts in 2025). */
    static const int years[] = {2025};
    static const double v[] = {100};
    cx_model *m = fx_model(2024, 2027);
    size_t ai = fx_series(m, "capex.ai", years, v, 1);
    fx_growth(m, ai, 0.10);
    size_t x;
    assert_ok(cx_model_add_series(m, "capex.x", &x));
    m->series[x].driver = (cx_driver){.method = CX_D_SHARE, .of = ai, .share = 0.5,
                                      .share_series = CX_NO_INDEX};
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->nnotes, 0);
    assert_false(cx_value_present(&r->series[x].v[0]));
    assert_near(r->series[x].v[1].base, 50, 0);
    assert_near(r->series[x].v[2].base, 55, 1e-12);
    assert_near(r->series[x].v[3].base, 60.5, 1e-12);
    assert_int_equal(r->series[x].first, 1);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_sum_of_ranges(void **state)
{
    (void)state;
    /* 10..12 (base 11) + 5..6 (base 5.5) = 15..18, base 16.5 */
    cx_model *m = fx_model(2024, 2024);
    size_t p[2];
    assert_ok(cx_model_add_series(m, "capex.a", &p[0]));
    assert_ok(cx_model_add_series(m, "capex.b", &p[1]));
    m->series[p[0]].stated[0] = fx_value(CX_V_RANGE, 10, 11, 12, 0.5, "10..12");
    m->series[p[1]].stated[0] = fx_value(CX_V_RANGE, 5, 5.5, 6, 0.5, "5..6");
    size_t s = fx_sum(m, "capex.total", p, 2);
    cx_result *r = fx_compute(m, NULL);
    const cx_value *v = &r->series[s].v[0];
    assert_near(v->low, 15, 0);
    assert_near(v->base, 16.5, 0);
    assert_near(v->high, 18, 0);
    cx_result_free(r);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_payback_at_exactly_zero),
        cmocka_unit_test(test_crossing_from_a_later_index),
        cmocka_unit_test(test_alive_when_break_even_and_cash_out_coincide),
        cmocka_unit_test(test_cash_at_exactly_zero),
        cmocka_unit_test(test_raise_in_the_cash_year),
        cmocka_unit_test(test_cash_in_the_last_burn_year),
        cmocka_unit_test(test_commitment_all_before_the_horizon),
        cmocka_unit_test(test_check_at_the_edges_of_its_tolerance),
        cmocka_unit_test(test_yoy_is_c_over_b_minus_1),
        cmocka_unit_test(test_irr_needs_many_newton_steps),
        cmocka_unit_test(test_irr_near_minus_100_percent),
        cmocka_unit_test(test_share_of_a_late_series),
        cmocka_unit_test(test_sum_of_ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
