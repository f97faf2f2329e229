/*
 * test_depreciation.c - depreciation schedules worked by hand: methods,
 * conventions, fractional lives, salvage, opening PP&E, the roll-forward.
 */
#include <math.h>
#include <string.h>
#include "fixture.h"
#include "depreciation.h"
#include "model.h"
#include "result.h"

static cx_dep_rule _rule(double life, cx_dep_method m, cx_dep_convention c)
{
    return (cx_dep_rule){.life = life, .method = m, .convention = c, .db_factor = NAN};
}

/* Depreciate capex under rule and compare D&A with want (n periods). */
static void _expect(const double *capex, size_t n, cx_dep_rule r, const double *want)
{
    cx_dep_schedule s;
    assert_ok(cx_dep_compute(capex, n, &r, &s));
    for (size_t t = 0; t < n; t++)
        assert_near(s.expense[t], want[t], 1e-12);
    cx_dep_release(&s);
}

static void test_straight_line_conventions(void **state)
{
    (void)state;
    /* capex 100 in year 1, life 4: 100 / 4 = 25 a year */
    const double capex[] = {100, 0, 0, 0, 0};
    const double half[] = {12.5, 25, 25, 25, 12.5};  /* half a year first and last */
    const double full[] = {25, 25, 25, 25, 0};
    const double next[] = {0, 25, 25, 25, 25};
    _expect(capex, 5, _rule(4, CX_DEP_STRAIGHT_LINE, CX_DEP_HALF_YEAR), half);
    _expect(capex, 5, _rule(4, CX_DEP_STRAIGHT_LINE, CX_DEP_FULL_YEAR), full);
    _expect(capex, 5, _rule(4, CX_DEP_STRAIGHT_LINE, CX_DEP_NEXT_YEAR), next);
}

static void test_declining_balance_switch(void **state)
{
    (void)state;
    /* life 5, 200%: rate 40% of book value, or the straight line of what
     * is left over the years left when larger:
     *   book 100:   40 vs 100/5 = 20   -> 40
     *   book 60:    24 vs 60/4  = 15   -> 24
     *   book 36:    14.4 vs 36/3 = 12  -> 14.4
     *   book 21.6:  8.64 vs 21.6/2 = 10.8 -> 10.8 (the switch)
     *   book 10.8:  4.32 vs 10.8/1     -> 10.8 */
    const double capex[] = {100, 0, 0, 0, 0, 0};
    const double want[] = {40, 24, 14.4, 10.8, 10.8, 0};
    _expect(capex, 6, _rule(5, CX_DEP_DECLINING_BALANCE, CX_DEP_FULL_YEAR), want);
    /* 150%: rate 30%: 30; 21 (70 x .3) vs 70/4 = 17.5; 14.7 vs 49/3 = 16.33 -> switch:
     * 16.333..., 16.333..., 16.333... */
    cx_dep_rule r = _rule(5, CX_DEP_DECLINING_BALANCE, CX_DEP_FULL_YEAR);
    r.db_factor = 1.5;
    const double want15[] = {30, 21, 49.0 / 3, 49.0 / 3, 49.0 / 3, 0};
    _expect(capex, 6, r, want15);
    /* life 2 at 300%: rate 150% of book, 150 > the 100 there is: 100,
     * then nothing; with salvage 20%, 150 > 80 above salvage: 80 */
    r = _rule(2, CX_DEP_DECLINING_BALANCE, CX_DEP_FULL_YEAR);
    r.db_factor = 3;
    const double want300[] = {100, 0, 0}, salvage300[] = {80, 0, 0};
    _expect(capex, 3, r, want300);
    r.salvage = 0.2;
    _expect(capex, 3, r, salvage300);
}

static void test_sum_of_years(void **state)
{
    (void)state;
    /* life 4: digits 4 3 2 1 over 10 */
    const double capex[] = {100, 0, 0, 0};
    const double full[] = {40, 30, 20, 10};
    _expect(capex, 4, _rule(4, CX_DEP_SUM_OF_YEARS, CX_DEP_FULL_YEAR), full);
    /* half year: each asset year split over two calendar years:
     * 20, 20 + 15, 15 + 10, 10 + 5, 5 */
    const double capex5[] = {100, 0, 0, 0, 0};
    const double half[] = {20, 35, 25, 15, 5};
    _expect(capex5, 5, _rule(4, CX_DEP_SUM_OF_YEARS, CX_DEP_HALF_YEAR), half);
}

static void test_fractional_life_half_year(void **state)
{
    (void)state;
    /* capex 110, life 5.5: asset years 20 x 5 and 10 (half a year);
     * half year: 10, then 20 a year (half of one asset year and half of the
     * next); year 6 takes the second half of asset year 5 (10) and the whole
     * last half-year (10) = 20; total 10 + 5 x 20 = 110 */
    const double capex[] = {110, 0, 0, 0, 0, 0, 0};
    const double want[] = {10, 20, 20, 20, 20, 20, 0};
    _expect(capex, 7, _rule(5.5, CX_DEP_STRAIGHT_LINE, CX_DEP_HALF_YEAR), want);
    /* full year: 20 x 5 then 10 */
    const double full[] = {20, 20, 20, 20, 20, 10, 0};
    _expect(capex, 7, _rule(5.5, CX_DEP_STRAIGHT_LINE, CX_DEP_FULL_YEAR), full);
}

static void test_salvage_roll_forward(void **state)
{
    (void)state;
    /* capex 100, life 4, salvage 10%: 90 / 4 = 22.5 a year. Retired at the
     * end of year 4: gross 100 -> 0, accumulated 90 -> 0, net 10 -> 0 */
    const double capex[] = {100, 0, 0, 0, 0};
    cx_dep_rule r = _rule(4, CX_DEP_STRAIGHT_LINE, CX_DEP_FULL_YEAR);
    r.salvage = 0.10;
    cx_dep_schedule s;
    assert_ok(cx_dep_compute(capex, 5, &r, &s));
    const double da[] = {22.5, 22.5, 22.5, 22.5, 0};
    const double gross[] = {100, 100, 100, 0, 0};
    const double acc[] = {22.5, 45, 67.5, 0, 0};
    const double net[] = {77.5, 55, 32.5, 0, 0};
    const double retired[] = {0, 0, 0, 100, 0};
    for (size_t t = 0; t < 5; t++) {
        assert_near(s.expense[t], da[t], 1e-12);
        assert_near(s.gross[t], gross[t], 1e-12);
        assert_near(s.accumulated[t], acc[t], 1e-12);
        assert_near(s.net[t], net[t], 1e-12);
        assert_near(s.retired[t], retired[t], 1e-12);
    }
    assert_int_equal(s.end_offset, 3);
    cx_dep_release(&s);
}

static void test_vintages(void **state)
{
    (void)state;
    /* 100 then 200, life 2, full year: 50; 50 + 100; 100.
     * retired: 100 at the end of year 2, 200 at the end of year 3
     * gross 100, 100 + 200 - 100 = 200, 0; accumulated 50, 50 + 150 - 100
     * = 100, 100 + 100 - 200 = 0; net 50, 100, 0 */
    const double capex[] = {100, 200, 0};
    cx_dep_rule r = _rule(2, CX_DEP_STRAIGHT_LINE, CX_DEP_FULL_YEAR);
    cx_dep_schedule s;
    assert_ok(cx_dep_compute(capex, 3, &r, &s));
    const double da[] = {50, 150, 100}, gross[] = {100, 200, 0}, net[] = {50, 100, 0};
    for (size_t t = 0; t < 3; t++) {
        assert_near(s.expense[t], da[t], 1e-12);
        assert_near(s.gross[t], gross[t], 1e-12);
        assert_near(s.net[t], net[t], 1e-12);
    }
    assert_near(cx_dep_vintage(&s, capex, 1, 2), 100, 1e-12);
    assert_near(cx_dep_vintage(&s, capex, 1, 0), 0, 0);
    cx_dep_release(&s);
}

static void test_opening_ppe(void **state)
{
    (void)state;
    /* opening gross 500, net 300, remaining life 4: 75 a year; accumulated
     * starts at 200: 275, 350, 425, 500 -> retired with the gross at the end
     * of year 4: gross 0, accumulated 0. With capex 40 in year 1, life 4,
     * full year: +10 a year. */
    const double capex[] = {40, 0, 0, 0, 0};
    cx_dep_rule r = _rule(4, CX_DEP_STRAIGHT_LINE, CX_DEP_FULL_YEAR);
    r.has_opening = 1;
    r.opening_gross = 500;
    r.opening_net = 300;
    r.opening_life = 4;
    cx_dep_schedule s;
    assert_ok(cx_dep_compute(capex, 5, &r, &s));
    const double da[] = {85, 85, 85, 85, 0};
    const double gross[] = {540, 540, 540, 0, 0};   /* both retire in year 4 */
    const double net[] = {540 - 285, 540 - 370, 540 - 455, 0, 0};
    for (size_t t = 0; t < 5; t++) {
        assert_near(s.expense[t], da[t], 1e-12);
        assert_near(s.gross[t], gross[t], 1e-12);
        assert_near(s.net[t], net[t], 1e-12);
    }
    assert_near(s.opening[0], 75, 1e-12);
    cx_dep_release(&s);
    /* remaining life 2.5: 120, 120, 60; retired at the end of year 3 */
    r.opening_life = 2.5;
    const double zero[] = {0, 0, 0, 0};
    assert_ok(cx_dep_compute(zero, 4, &r, &s));
    const double da2[] = {120, 120, 60, 0}, gross2[] = {500, 500, 0, 0};
    for (size_t t = 0; t < 4; t++) {
        assert_near(s.expense[t], da2[t], 1e-12);
        assert_near(s.gross[t], gross2[t], 1e-12);
    }
    cx_dep_release(&s);
}

static void test_shorter_life_front_loads(void **state)
{
    (void)state;
    /* the same capex under 6 and 4 years: 4 years charges more in each of
     * the first years (100/4 = 25 > 100/6 = 16.67) and all of it sooner */
    const double capex[] = {100, 100, 100, 0, 0, 0, 0};
    cx_dep_rule r6 = _rule(6, CX_DEP_STRAIGHT_LINE, CX_DEP_HALF_YEAR);
    cx_dep_rule r4 = _rule(4, CX_DEP_STRAIGHT_LINE, CX_DEP_HALF_YEAR);
    cx_dep_schedule a, b;
    assert_ok(cx_dep_compute(capex, 7, &r6, &a));
    assert_ok(cx_dep_compute(capex, 7, &r4, &b));
    /* year 1: 100/6/2 = 8.33 vs 100/4/2 = 12.5; year 3: 8.33 + 16.67 x 2 =
     * 41.67 vs 12.5 + 25 x 2 = 62.5 */
    assert_near(a.expense[0], 100.0 / 12, 1e-12);
    assert_near(b.expense[0], 12.5, 1e-12);
    assert_near(a.expense[2], 100.0 / 12 + 2 * 100.0 / 6, 1e-12);
    assert_near(b.expense[2], 62.5, 1e-12);
    for (size_t t = 0; t < 3; t++)
        assert_true(b.expense[t] > a.expense[t]);
    cx_dep_release(&a);
    cx_dep_release(&b);
}

static void test_bad_rules(void **state)
{
    (void)state;
    const double capex[] = {1};
    cx_dep_schedule s;
    const char *what = NULL;
    cx_dep_rule r = _rule(0, CX_DEP_STRAIGHT_LINE, CX_DEP_FULL_YEAR);
    assert_int_equal(cx_dep_rule_check(&r, &what), CX_EINVAL);
    assert_string_equal(what, "life");
    r.life = 101;
    assert_int_equal(cx_dep_compute(capex, 1, &r, &s), CX_EINVAL);
    r.life = 5;
    r.salvage = 1;
    assert_int_equal(cx_dep_rule_check(&r, &what), CX_EINVAL);
    assert_string_equal(what, "salvage");
    r.salvage = 0;
    r.has_opening = 1;
    r.opening_gross = 100;
    r.opening_net = 120;   /* net above gross */
    r.opening_life = 3;
    assert_int_equal(cx_dep_rule_check(&r, &what), CX_EINVAL);
    assert_string_equal(what, "opening");
    assert_int_equal(cx_dep_method_find("sum_of_years"), CX_DEP_SUM_OF_YEARS);
    assert_int_equal(cx_dep_convention_find("half"), -1);
    assert_string_equal(cx_dep_convention_name(CX_DEP_NEXT_YEAR), "next_year");
    cx_dep_release(NULL);
}

static void test_opening_books_before_capex(void **state)
{
    (void)state;
    /* Opening PP&E gross 100, net 60, remaining life 2 from 2024; the capex
     * series starts in 2025 (40, 0, 0). 2024 is the opening books' year,
     * not a capex year with no figure: no note. D&A: 2024 60/2 = 30; 2025
     * 30 + 40/4 = 40 (life 4, full year); 2026 10. */
    cx_model *m;
    assert_ok(cx_model_new(2024, 2027, &m));
    const int years[] = {2025, 2026, 2027};
    const double capex[] = {40, 0, 0};
    size_t cs = fx_series(m, "capex.x", years, capex, 3);
    cx_depreciation *d;
    assert_ok(cx_model_add_depreciation(m, "da.x", &d));
    d->capex = cs;
    d->life = fx_value(CX_V_EXACT, 4, 4, 4, 0, "4");
    d->rule.life = 4;
    d->rule.convention = CX_DEP_FULL_YEAR;
    d->rule.has_opening = 1;
    d->rule.opening_gross = 100;
    d->rule.opening_net = 60;
    d->rule.opening_life = 2;
    cx_result *r;
    size_t failed;
    assert_ok(cx_compute(m, NULL, &r, &failed));
    const cx_value *v = r->series[cx_model_find_series(m, "da.x")].v;
    assert_near(v[0].base, 30, 1e-12);
    assert_near(v[1].base, 40, 1e-12);
    assert_near(v[2].base, 10, 1e-12);
    for (size_t i = 0; i < r->nnotes; i++)
        assert_null(strstr(r->notes[i].text, "no figure"));
    cx_result_free(r);
    cx_model_free(m);
}

static void test_range_life_in_a_model(void **state)
{
    (void)state;
    /* capex.x: 100 in 2024 (exact), 0 after; life 4..6 (base 5), straight
     * line, full year. 2024: base 100/5 = 20, low 100/6 = 16.67 (the long
     * end), high 100/4 = 25; 2028 (k = 4): base 20 (life 5's last year),
     * low 0 (life 4 has ended), high 20 (the base is above life 6's 16.67:
     * low and high bound the base too); 2029: 0 under lives 4 and 5, 16.67
     * under 6: high 16.67. */
    cx_model *m;
    assert_ok(cx_model_new(2024, 2029, &m));
    const int years[] = {2024, 2025, 2026, 2027, 2028, 2029};
    const double capex[] = {100, 0, 0, 0, 0, 0};
    size_t cs = fx_series(m, "capex.x", years, capex, 6);
    cx_depreciation *d;
    assert_ok(cx_model_add_depreciation(m, "da.x", &d));
    d->capex = cs;
    d->life = fx_value(CX_V_RANGE, 4, 5, 6, 0.5, "4..6");
    d->rule.life = 5;
    d->rule.convention = CX_DEP_FULL_YEAR;
    assert_int_equal(cx_model_add_depreciation(m, "da.x", &d), CX_EINVAL);  /* taken */
    cx_result *r;
    size_t failed;
    assert_ok(cx_compute(m, NULL, &r, &failed));
    size_t s = cx_model_find_series(m, "da.x");
    const cx_value *v = r->series[s].v;
    assert_near(v[0].base, 20, 1e-12);
    assert_near(v[0].low, 100.0 / 6, 1e-12);
    assert_near(v[0].high, 25, 1e-12);
    assert_near(v[4].base, 20, 1e-12);
    assert_near(v[4].low, 0, 1e-12);
    assert_near(v[4].high, 20, 1e-12);
    assert_near(v[5].base, 0, 1e-12);
    assert_near(v[5].high, 100.0 / 6, 1e-12);
    /* the gross PP&E series: 100 until the life ends (retired at the end of
     * 2028 under 5 years) */
    size_t g = cx_model_find_series(m, "da.x.gross");
    assert_near(r->series[g].v[3].base, 100, 1e-12);
    assert_near(r->series[g].v[4].base, 0, 1e-12);
    cx_result_free(r);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_straight_line_conventions),
        cmocka_unit_test(test_declining_balance_switch),
        cmocka_unit_test(test_sum_of_years),
        cmocka_unit_test(test_fractional_life_half_year),
        cmocka_unit_test(test_salvage_roll_forward),
        cmocka_unit_test(test_vintages),
        cmocka_unit_test(test_opening_ppe),
        cmocka_unit_test(test_shorter_life_front_loads),
        cmocka_unit_test(test_bad_rules),
        cmocka_unit_test(test_range_life_in_a_model),
        cmocka_unit_test(test_opening_books_before_capex),
    };
    return cmocka_run_group_tests_name("depreciation", tests, NULL, NULL);
}
