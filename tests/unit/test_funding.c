/*
 * test_funding.c - cash, raises, runway, funding gap, default alive and
 * the fractional break-even and payback years (burn.h), directly and
 * through cx_compute (cash, raises, include_commitments).
 */
#include "fixture.h"
#include "burn.h"

/* Burn then funding of net[n] from first_year; b and f released by the
 * caller. */
static void _fund(const double *net, size_t n, int first_year,
                  const cx_funding_in *in, cx_burn *b, cx_funding *f)
{
    assert_ok(cx_burn_compute(net, n, first_year, b));
    assert_ok(cx_funding_compute(b, net, in, f));
}

static void _done(cx_burn *b, cx_funding *f)
{
    cx_funding_release(f);
    cx_burn_release(b);
}

static void test_runway(void **state)
{
    (void)state;
    /* cash 20 at the start of 2026, net -14 (2026), -26 (2027):
     * end 2026: 20 - 14 = 6; end 2027: 6 - 26 = -20 < 0, so the cash runs
     * out in 2027 at 6/26 of the year: runway end 2027 + 6/26 =
     * 2027.2307692..., runway 12 + 12 * 6/26 = 14.7692307... months;
     * lowest cash -20 -> funding gap 20; no break-even -> default dead */
    const double net[] = {-14, -26};
    cx_funding_in in = {.has_cash = 1, .cash = 20, .cash_year = 2026};
    cx_burn b;
    cx_funding f;
    _fund(net, 2, 2026, &in, &b, &f);
    assert_int_equal(f.has_cash, 1);
    assert_near(f.cash[0], 6, 0);
    assert_near(f.cash[1], -20, 0);
    assert_int_equal(f.runout_year, 2027);
    assert_near(f.runway_end, 2027.0 + 6.0 / 26, 1e-12);
    assert_near(f.runway_months, 14.769230769230769, 1e-9);
    assert_near(f.funding_gap, 20, 0);
    assert_near(f.raised, 0, 0);
    assert_true(isnan(f.break_even_frac));
    assert_true(isnan(f.payback_frac));
    assert_int_equal(f.default_alive, 0);
    assert_true(isnan(f.alive_margin_months));
    _done(&b, &f);
}

static void test_raises_and_gap(void **state)
{
    (void)state;
    /* net 2026..2029: -14 -26 -30 50; cash 20; raise 10 in 2027.
     * cash: 20-14 = 6; 6-26+10 = -10 (runs out in 2027 at (6+10)/26);
     * -10-30 = -40; -40+50 = 10. Lowest -40: gap 40 (= -peak -70 - cash 20
     * - raises 10). Runway end 2027 + 16/26, months 12 * (1 + 16/26) =
     * 19.384615... Break-even between 2028 (-30) and 2029 (50): 2028 +
     * 30/80 = 2028.375 > runway end: default dead by (2027.615384... -
     * 2028.375) * 12 = -9.1153846... months. Cumulative -14 -40 -70 -20:
     * never paid back. */
    const double net[] = {-14, -26, -30, 50};
    const double raises[] = {0, 10, 0, 0};
    cx_funding_in in = {.has_cash = 1, .cash = 20, .cash_year = 2026, .raises = raises};
    cx_burn b;
    cx_funding f;
    _fund(net, 4, 2026, &in, &b, &f);
    const double cash[] = {6, -10, -40, 10};
    for (size_t i = 0; i < 4; i++)
        assert_near(f.cash[i], cash[i], 0);
    assert_near(f.raised, 10, 0);
    assert_near(f.funding_gap, 40, 0);
    assert_near(f.runway_end, 2027 + 16.0 / 26, 1e-12);
    assert_near(f.runway_months, 19.384615384615385, 1e-9);
    assert_near(f.break_even_frac, 2028.375, 1e-12);
    assert_int_equal(f.default_alive, 0);
    assert_near(f.alive_margin_months, -9.115384615384615, 1e-9);
    assert_true(isnan(f.payback_frac));
    _done(&b, &f);
}

static void test_gap_counts_shortfall_before_a_raise(void **state)
{
    (void)state;
    /* net -30, -10; cash 20; raise 25 in 2027. End 2026: -10 (short
     * before the raise comes); end 2027: -10 - 10 + 25 = 5. The gap is
     * 10, the lowest year end, although -peak - cash - raises to the peak
     * year (40 - 20 - 25 = -5) would say nothing is missing. */
    const double net[] = {-30, -10};
    const double raises[] = {0, 25};
    cx_funding_in in = {.has_cash = 1, .cash = 20, .cash_year = 2026, .raises = raises};
    cx_burn b;
    cx_funding f;
    _fund(net, 2, 2026, &in, &b, &f);
    assert_near(f.cash[0], -10, 0);
    assert_near(f.cash[1], 5, 0);
    assert_near(f.funding_gap, 10, 0);
    assert_near(f.runway_end, 2026 + 20.0 / 30, 1e-12);
    _done(&b, &f);
}

static void test_fractional_break_even(void **state)
{
    (void)state;
    /* net -10 (2029) -> +5 (2030): crosses 0 at 10/15 = 2/3 of the way:
     * 2029.6666...; cumulative -10, -5: no payback */
    const double net[] = {-10, 5};
    cx_funding_in in = {0};
    cx_burn b;
    cx_funding f;
    _fund(net, 2, 2029, &in, &b, &f);
    assert_near(f.break_even_frac, 2029 + 2.0 / 3, 1e-12);
    assert_true(isnan(f.payback_frac));
    assert_int_equal(f.has_cash, 0);
    assert_null(f.cash);
    assert_true(isnan(f.runway_months));
    assert_true(isnan(f.funding_gap));
    assert_int_equal(f.default_alive, -1);
    _done(&b, &f);

    /* net >= 0 in the first year is no break-even (it was 2026 before,
     * wrongly): 3 -> -1 turns negative at 2026 + 3/4 = 2026.75, -1 -> 4
     * breaks even at 2027 + 1/5 = 2027.2 */
    const double first[] = {3, -1, 4};
    _fund(first, 3, 2026, &in, &b, &f);
    assert_near(f.break_even_frac, 2027.2, 1e-12);
    assert_near(f.turns_negative_frac, 2026.75, 1e-12);
    _done(&b, &f);
}

static void test_fractional_payback(void **state)
{
    (void)state;
    /* net 2024..2028: -10 -20 5 30 10, cumulative -10 -30 -25 5 15; peak
     * 2025; cumulative crosses 0 between 2026 (-25) and 2027 (5): 2026 +
     * 25/30 = 2026.8333...; net crosses between 2025 (-20) and 2026 (5):
     * 2025 + 20/25 = 2025.8 */
    const double net[] = {-10, -20, 5, 30, 10};
    cx_funding_in in = {0};
    cx_burn b;
    cx_funding f;
    _fund(net, 5, 2024, &in, &b, &f);
    assert_near(f.payback_frac, 2026 + 25.0 / 30, 1e-12);
    assert_near(f.break_even_frac, 2025.8, 1e-12);
    _done(&b, &f);

    /* never negative: no burn, nothing to pay back (it was 2030, the
     * first year, before), no break-even, never turns negative */
    const double pos[] = {5, 10};
    _fund(pos, 2, 2030, &in, &b, &f);
    assert_true(isnan(f.payback_frac));
    assert_true(isnan(f.break_even_frac));
    assert_true(isnan(f.turns_negative_frac));
    assert_int_equal(f.no_burn, 1);
    _done(&b, &f);

    /* with cash 1 and no burn the cash lasts: default alive */
    cx_funding_in cash = {.has_cash = 1, .cash = 1, .cash_year = 2030};
    _fund(pos, 2, 2030, &cash, &b, &f);
    assert_int_equal(f.default_alive, 1);
    assert_near(f.funding_gap, 0, 0);
    _done(&b, &f);
}

static void test_default_alive(void **state)
{
    (void)state;
    /* cash 10, net -8, -4, 20 (2026..2028): cash 2, -2 -> runs out in 2027
     * at 2/4: 2027.5; break-even 2027 + 4/24 = 2027.1666...; alive with a
     * margin of (2027.5 - 2027.1666...) * 12 = 4 months */
    const double net[] = {-8, -4, 20};
    cx_funding_in in = {.has_cash = 1, .cash = 10, .cash_year = 2026};
    cx_burn b;
    cx_funding f;
    _fund(net, 3, 2026, &in, &b, &f);
    assert_near(f.runway_end, 2027.5, 1e-12);
    assert_near(f.break_even_frac, 2027 + 4.0 / 24, 1e-12);
    assert_int_equal(f.default_alive, 1);
    assert_near(f.alive_margin_months, 4, 1e-9);
    _done(&b, &f);

    /* cash 100, net -10, 20: the cash lasts, break-even 2024 + 10/30:
     * alive, no margin (the cash never runs out), no gap */
    const double lasts[] = {-10, 20};
    in = (cx_funding_in){.has_cash = 1, .cash = 100, .cash_year = 2024};
    _fund(lasts, 2, 2024, &in, &b, &f);
    assert_true(isnan(f.runway_end));
    assert_true(isnan(f.runway_months));
    assert_int_equal(f.runout_year, 0);
    assert_int_equal(f.default_alive, 1);
    assert_true(isnan(f.alive_margin_months));
    assert_near(f.funding_gap, 0, 0);
    _done(&b, &f);

    /* cash lasts, never breaks even: unknown */
    const double burning[] = {-10, -10};
    _fund(burning, 2, 2024, &in, &b, &f);
    assert_int_equal(f.default_alive, -1);
    _done(&b, &f);
}

static void test_cash_year_later(void **state)
{
    (void)state;
    /* net -5, -10, -10 (2026..2028); cash 15 at the start of 2027: no
     * cash figure for 2026; 15 - 10 = 5; 5 - 10 = -5 -> runs out in 2028
     * at 5/10: 2028.5, 18 months from the start of 2027 */
    const double net[] = {-5, -10, -10};
    cx_funding_in in = {.has_cash = 1, .cash = 15, .cash_year = 2027};
    cx_burn b;
    cx_funding f;
    _fund(net, 3, 2026, &in, &b, &f);
    assert_true(isnan(f.cash[0]));
    assert_near(f.cash[1], 5, 0);
    assert_near(f.cash[2], -5, 0);
    assert_near(f.runway_end, 2028.5, 0);
    assert_near(f.runway_months, 18, 1e-9);
    assert_near(f.funding_gap, 5, 0);
    _done(&b, &f);
}

static void test_bad_input(void **state)
{
    (void)state;
    const double net[] = {-5, 5};
    cx_burn b;
    cx_funding f;
    assert_ok(cx_burn_compute(net, 2, 2026, &b));
    cx_funding_in in = {.has_cash = 1, .cash = 10, .cash_year = 2028};
    assert_int_equal(cx_funding_compute(&b, net, &in, &f), CX_EINVAL);
    in.cash_year = 2025;
    assert_int_equal(cx_funding_compute(&b, net, &in, &f), CX_EINVAL);
    in = (cx_funding_in){.has_cash = 1, .cash = -1, .cash_year = 2026};
    assert_int_equal(cx_funding_compute(&b, net, &in, &f), CX_EINVAL);
    const double neg[] = {0, -1};
    in = (cx_funding_in){.has_cash = 1, .cash = 1, .cash_year = 2026, .raises = neg};
    assert_int_equal(cx_funding_compute(&b, net, &in, &f), CX_EINVAL);
    assert_int_equal(cx_funding_compute(NULL, net, &in, &f), CX_EINVAL);
    assert_int_equal(cx_funding_compute(&b, net, &in, NULL), CX_EINVAL);
    cx_funding_release(&f);
    cx_funding_release(NULL);
    cx_burn_release(&b);
}

/* revenue 20, 30, 40 and costs 30, 35, 38 (2026..2028); commitment 6
 * over 3 years from 2026, front-loaded: 6*3/6 = 3, 2, 1. */
static cx_model *_lab(void)
{
    static const int years[] = {2026, 2027, 2028};
    static const double rev[] = {20, 30, 40}, costs[] = {30, 35, 38};
    cx_model *m = fx_burn(years, rev, costs, 3);
    m->burn.include_commitments = 1;
    cx_commitment *c;
    assert_ok(cx_model_add_commitment(m, &c));
    *c = (cx_commitment){.name = "Cloud", .total = fx_exact(6), .start = 2026,
                         .years = 3, .profile = CX_P_FRONT};
    m->burn.cash = fx_exact(10);
    cx_raise *x;
    assert_ok(cx_model_add_raise(m, &x));
    *x = (cx_raise){.name = "A", .year = 2027, .amount = fx_exact(5)};
    return m;
}

static void test_compute_with_commitments(void **state)
{
    (void)state;
    /* net = revenue - costs - commitments: -10-3 = -13, -5-2 = -7, 2-1 = 1;
     * gross = costs + commitments: 33, 37, 39; net burn 13, 7, 0.
     * cash 10: -3 (runs out in 2026 at 10/13), -3-7+5 = -5, -4; gap 5.
     * Break-even 2027 + 7/8 = 2027.875. */
    cx_model *m = _lab();
    cx_result *r = fx_compute(m, NULL);
    const cx_burn_result *b = &r->burn;
    const cx_funding *f = &b->funding;
    const double net[] = {-13, -7, 1}, gross[] = {33, 37, 39}, cm[] = {3, 2, 1},
                 burnt[] = {13, 7, 0}, cash[] = {-3, -5, -4}, raises[] = {0, 5, 0};
    for (size_t i = 0; i < 3; i++) {
        assert_near(b->net[i], net[i], 0);
        assert_near(f->gross_burn[i], gross[i], 0);
        assert_near(f->commitments[i], cm[i], 0);
        assert_near(b->burn.net_burn[i], burnt[i], 0);
        assert_near(f->cash[i], cash[i], 0);
        assert_near(f->raises[i], raises[i], 0);
    }
    assert_near(f->runway_end, 2026 + 10.0 / 13, 1e-12);
    assert_near(f->runway_months, 120.0 / 13, 1e-9);
    assert_near(f->funding_gap, 5, 0);
    assert_near(f->raised, 5, 0);
    assert_near(f->break_even_frac, 2027.875, 1e-12);
    assert_int_equal(f->default_alive, 0);
    cx_result_free(r);

    /* Without include_commitments: net -10, -5, 2; no commitments row;
     * gross is the costs. */
    m->burn.include_commitments = 0;
    r = fx_compute(m, NULL);
    assert_near(r->burn.net[0], -10, 0);
    assert_null(r->burn.funding.commitments);
    assert_near(r->burn.funding.gross_burn[1], 35, 0);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_compute_cash_notes(void **state)
{
    (void)state;
    /* Cash stated for 2027 with a raise in 2026: the raise comes before
     * the cash is stated and is not counted (a warning note). */
    cx_model *m = _lab();
    m->burn.cash_year = 2027;
    m->burn.raises[0].year = 2026;
    cx_result *r = fx_compute(m, NULL);
    const cx_funding *f = &r->burn.funding;
    assert_int_equal(f->cash_year, 2027);
    assert_true(isnan(f->cash[0]));
    assert_near(f->cash[1], 3, 0);        /* 10 - 7 */
    assert_near(f->raised, 0, 0);
    const cx_note *n = fx_find_note(r, "before the cash is stated");
    assert_non_null(n);
    assert_int_equal(n->level, CX_NOTE_WARNING);
    cx_result_free(r);

    /* Cash stated for a year outside the burn: no funding figures. */
    m->burn.cash_year = 2030;
    r = fx_compute(m, NULL);
    assert_int_equal(r->burn.funding.has_cash, 0);
    assert_non_null(fx_find_note(r, "outside the burn's years"));
    assert_true(isnan(r->burn.funding.runway_months));
    assert_near(r->burn.funding.break_even_frac, 2027.875, 1e-12);
    cx_result_free(r);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runway),
        cmocka_unit_test(test_raises_and_gap),
        cmocka_unit_test(test_gap_counts_shortfall_before_a_raise),
        cmocka_unit_test(test_fractional_break_even),
        cmocka_unit_test(test_fractional_payback),
        cmocka_unit_test(test_default_alive),
        cmocka_unit_test(test_cash_year_later),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_compute_with_commitments),
        cmocka_unit_test(test_compute_cash_notes),
    };
    return cmocka_run_group_tests_name("funding", tests, NULL, NULL);
}
