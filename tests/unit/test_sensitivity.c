/*
 * test_sensitivity.c - tornado and two-way tables on a tiny lab whose
 * figures are worked out by hand: revenue 20 in 2026 growing r (50%),
 * costs 34 growing g (10%), 2026..2028, burn = revenue - costs.
 *
 *   base:  revenue 20, 30, 45 (sum 95); costs 34, 37.4, 41.14 (sum 112.54)
 *          net -14, -7.4, 3.86; cumulative -14, -21.4, -17.54
 */
#include "fixture.h"
#include "sensitivity.h"

static cx_model *_lab(size_t *rev, size_t *costs)
{
    static const int y[] = {2026};
    static const double r20[] = {20}, c34[] = {34};
    cx_model *m = fx_model(2026, 2028);
    *rev = fx_series(m, "revenue.lab", y, r20, 1);
    *costs = fx_series(m, "costs.lab", y, c34, 1);
    fx_growth(m, *rev, 0.5);
    fx_growth(m, *costs, 0.1);
    m->burn.enabled = 1;
    m->burn.revenue = *rev;
    m->burn.costs = *costs;
    return m;
}

static cx_sensitivity_spec *_spec(cx_sens_output o)
{
    cx_sensitivity_spec *s = NULL;
    assert_ok(cx_sensitivity_spec_new(&s));
    s->output = o;
    return s;
}

static void _move(cx_sensitivity_spec *s, size_t series, double move)
{
    cx_sens_driver d = {.series = series, .low = -move, .high = move};
    assert_ok(cx_sensitivity_add_driver(s, &d));
}

static cx_sensitivity *_compute(const cx_result *r, const cx_sensitivity_spec *spec)
{
    cx_sensitivity *out = NULL;
    size_t failed = 0;
    assert_ok(cx_sensitivity_compute(r, spec, &out, &failed));
    assert_int_equal(failed, CX_NO_INDEX);
    return out;
}

static void test_tornado_cumulative(void **state)
{
    (void)state;
    /* Cumulative net 2026..2028 (through 0: the burn's last year).
     * revenue r x 0.8 = 40%: 20, 28, 39.2 = 87.2 -> 87.2 - 112.54 = -25.34
     * revenue r x 1.2 = 60%: 20, 32, 51.2 = 103.2 -> -9.34; swing 16
     * costs g x 0.8 = 8%:  34, 36.72, 39.6576 = 110.3776 -> 95 - 110.3776 = -15.3776
     * costs g x 1.2 = 12%: 34, 38.08, 42.6496 = 114.7296 -> -19.7296; swing 4.352
     * Given costs first, revenue's larger swing sorts it first. */
    size_t rev, costs;
    cx_model *m = _lab(&rev, &costs);
    cx_sensitivity_spec *spec = _spec(CX_SO_CUMULATIVE);
    _move(spec, costs, 0.2);
    _move(spec, rev, 0.2);
    cx_result *r = fx_compute(m, NULL);
    cx_sensitivity *s = _compute(r, spec);
    assert_near(s->base, -17.54, 1e-9);
    assert_int_equal(s->from, 2026);
    assert_int_equal(s->through, 2028);
    assert_int_equal(s->nbars, 2);
    assert_int_equal(s->bars[0].series, rev);
    assert_int_equal(s->bars[0].driver, 1);
    assert_near(s->bars[0].at_low, -25.34, 1e-9);
    assert_near(s->bars[0].at_high, -9.34, 1e-9);
    assert_near(s->bars[0].swing, 16, 1e-9);
    assert_near(s->bars[0].low_delta, -7.8, 1e-9);
    assert_near(s->bars[0].high_delta, 8.2, 1e-9);
    assert_int_equal(s->bars[1].series, costs);
    assert_near(s->bars[1].at_low, -15.3776, 1e-9);
    assert_near(s->bars[1].at_high, -19.7296, 1e-9);
    assert_near(s->bars[1].swing, 4.352, 1e-9);
    assert_null(s->grid);
    cx_sensitivity_free(s);
    /* through 2027: base -14 + 30 - 37.4 = -21.4; revenue at 40%:
     * -14 + 28 - 37.4 = -23.4 */
    spec->through = 2027;
    s = _compute(r, spec);
    assert_near(s->base, -21.4, 1e-9);
    assert_int_equal(s->through, 2027);
    assert_int_equal(s->bars[0].series, rev);
    assert_near(s->bars[0].at_low, -23.4, 1e-9);
    cx_sensitivity_free(s);
    cx_result_free(r);
    cx_sensitivity_spec_free(spec);
    cx_model_free(m);
}

static void test_grid(void **state)
{
    (void)state;
    /* Steps -20%, 0, +20% on both (x = revenue across, y = costs down):
     * row y, column x. Centre = base exactly; the middle row and column
     * are the tornado's figures; corners:
     *   y -20%, x +20%: 103.2 - 110.3776 = -7.1776
     *   y +20%, x -20%: 87.2 - 114.7296 = -27.5296 */
    size_t rev, costs;
    cx_model *m = _lab(&rev, &costs);
    cx_sensitivity_spec *spec = _spec(CX_SO_CUMULATIVE);
    static const double steps[] = {-0.2, 0, 0.2};
    assert_ok(cx_sensitivity_set_grid(spec, rev, costs, steps, 3));
    cx_result *r = fx_compute(m, NULL);
    cx_sensitivity *s = _compute(r, spec);
    assert_int_equal(s->nbars, 0);
    assert_int_equal(s->nsteps, 3);
    const double *g = s->grid;
    assert_near(g[1 * 3 + 1], s->base, 0);
    assert_near(g[1 * 3 + 0], -25.34, 1e-9);
    assert_near(g[1 * 3 + 2], -9.34, 1e-9);
    assert_near(g[0 * 3 + 1], -15.3776, 1e-9);
    assert_near(g[2 * 3 + 1], -19.7296, 1e-9);
    assert_near(g[0 * 3 + 2], -7.1776, 1e-9);
    assert_near(g[2 * 3 + 0], -27.5296, 1e-9);
    cx_sensitivity_free(s);
    cx_result_free(r);
    cx_sensitivity_spec_free(spec);
    cx_model_free(m);
}

static void test_other_outputs(void **state)
{
    (void)state;
    size_t rev, costs;
    cx_model *m = _lab(&rev, &costs);
    m->discount = (cx_discount_spec){.enabled = 1, .rate = 0.1, .series = CX_NO_INDEX};
    cx_result *r = fx_compute(m, NULL);
    cx_sensitivity_spec *spec = _spec(CX_SO_PEAK);
    /* peak: min(-14, -21.4, -17.54) = -21.4 */
    assert_near(cx_sens_output_of(spec, r), -21.4, 1e-9);
    /* break-even: net -7.4 (2027) -> 3.86 (2028): 2027 + 7.4 / 11.26 */
    spec->output = CX_SO_BREAK_EVEN;
    assert_near(cx_sens_output_of(spec, r), 2027 + 7.4 / 11.26, 1e-9);
    /* NPV at 10%: -14/1.1 - 7.4/1.21 + 3.86/1.331 = -15.942900075 */
    spec->output = CX_SO_NPV;
    assert_near(cx_sens_output_of(spec, r), -15.94290007513148, 1e-9);
    /* revenue in 2028: 45; revenue moved +20%: 20 x 1.6^2 = 51.2 */
    spec->output = CX_SO_VALUE;
    spec->series = rev;
    spec->year = 2028;
    _move(spec, rev, 0.2);
    cx_sensitivity *s = _compute(r, spec);
    assert_near(s->base, 45, 0);
    assert_near(s->bars[0].at_high, 51.2, 1e-9);
    assert_near(s->bars[0].at_low, 39.2, 1e-9);
    cx_sensitivity_free(s);
    /* a year out of the burn: NAN */
    spec->output = CX_SO_CUMULATIVE;
    spec->through = 2031;
    assert_true(isnan(cx_sens_output_of(spec, r)));
    char label[80];
    spec->output = CX_SO_NPV;
    s = _compute(r, spec);
    cx_sensitivity_label(s, m, label, sizeof label);
    assert_string_equal(label, "NPV at 10%");
    assert_string_equal(cx_sens_output_name(CX_SO_BREAK_EVEN), "break_even");
    assert_null(cx_sens_output_name(CX_SO_COUNT));
    cx_sensitivity_free(s);
    cx_result_free(r);
    cx_sensitivity_spec_free(spec);
    cx_model_free(m);
}

static void test_absolute_and_scenario(void **state)
{
    (void)state;
    /* revenue's rate set to 30% and 70%: 20, 26, 33.8 = 79.8 -> -32.74;
     * 20, 34, 57.8 = 111.8 -> -0.74. Under scenario "fast" (revenue
     * 60%), a 20% move acts on 60%: 48% -> 20 x 1.48^2 = 43.808 and 72%
     * -> 20 x 1.72^2 = 59.168 in 2028. */
    size_t rev, costs;
    cx_model *m = _lab(&rev, &costs);
    cx_scenario *sc;
    cx_driver fast = {.method = CX_D_GROWTH, .rate = 0.6};
    assert_ok(cx_model_add_scenario(m, "fast", &sc));
    assert_ok(cx_scenario_add_override(sc, rev, &fast));
    cx_sensitivity_spec *spec = _spec(CX_SO_CUMULATIVE);
    cx_sens_driver d = {.series = rev, .absolute = 1, .low = 0.3, .high = 0.7};
    assert_ok(cx_sensitivity_add_driver(spec, &d));
    cx_result *r = fx_compute(m, NULL);
    cx_sensitivity *s = _compute(r, spec);
    assert_near(s->bars[0].at_low, -32.74, 1e-9);
    assert_near(s->bars[0].at_high, -0.74, 1e-9);
    cx_sensitivity_free(s);
    cx_result_free(r);
    cx_sensitivity_spec_free(spec);

    spec = _spec(CX_SO_VALUE);
    spec->series = rev;
    spec->year = 2028;
    _move(spec, rev, 0.2);
    r = fx_compute(m, "fast");
    s = _compute(r, spec);
    assert_near(s->base, 20 * 1.6 * 1.6, 1e-9);
    assert_near(s->bars[0].at_low, 43.808, 1e-9);
    assert_near(s->bars[0].at_high, 59.168, 1e-9);
    cx_sensitivity_free(s);
    cx_result_free(r);
    cx_sensitivity_spec_free(spec);
    cx_model_free(m);
}

static void test_methods_moved(void **state)
{
    (void)state;
    /* 2025..2027, revenue 10, 20 stated (CAGR 100%), costs 5 in 2025.
     *  - cagr, +20%: growth 120% -> 2027: 20 x 2.2 = 44
     *  - fade from 50% to 10% over 2, +20%: 60%, 12% -> one projected
     *    year here: 20 x 1.6 = 32
     *  - rates [30%], -50%: 15% -> 23
     *  - share of revenue 20% (opex), +50%: 30% of 30 (revenue at 50%) = 9
     * A trend driver cannot be moved: CX_EINVAL. */
    static const int y[] = {2025, 2026};
    static const double rv[] = {10, 20}, cv[] = {5};
    cx_model *m = fx_model(2025, 2027);
    size_t rev = fx_series(m, "revenue.lab", y, rv, 2);
    size_t opex;
    assert_ok(cx_model_add_series(m, "opex.lab", &opex));
    fx_series(m, "costs.lab", y, cv, 1);
    m->series[rev].driver = (cx_driver){.method = CX_D_CAGR};
    m->series[opex].driver = (cx_driver){.method = CX_D_SHARE, .of = rev,
                                         .share_series = CX_NO_INDEX, .share = 0.2};
    cx_sensitivity_spec *spec = _spec(CX_SO_VALUE);
    spec->series = rev;
    spec->year = 2027;
    _move(spec, rev, 0.2);
    cx_result *r = fx_compute(m, NULL);
    cx_sensitivity *s = _compute(r, spec);
    assert_near(s->base, 40, 1e-12);
    assert_near(s->bars[0].at_high, 44, 1e-12);
    cx_sensitivity_free(s);
    cx_result_free(r);

    m->series[rev].driver = (cx_driver){.method = CX_D_FADE, .rate = 0.5,
                                        .terminal = 0.1, .over = 2};
    r = fx_compute(m, NULL);
    s = _compute(r, spec);
    assert_near(s->bars[0].at_high, 32, 1e-12);
    cx_sensitivity_free(s);
    cx_result_free(r);

    static const double rates[] = {0.3};
    fx_rates(m, rev, rates, 1);
    spec->tornado[0].low = -0.5;
    r = fx_compute(m, NULL);
    s = _compute(r, spec);
    assert_near(s->bars[0].at_low, 23, 1e-12);
    cx_sensitivity_free(s);
    cx_result_free(r);

    cx_driver_release(&m->series[rev].driver);
    fx_growth(m, rev, 0.5);
    spec->series = opex;
    spec->tornado[0] = (cx_sens_driver){.series = opex, .low = -0.5, .high = 0.5};
    r = fx_compute(m, NULL);
    s = _compute(r, spec);
    assert_near(s->base, 6, 1e-12);
    assert_near(s->bars[0].at_high, 9, 1e-12);
    assert_near(s->bars[0].at_low, 3, 1e-12);
    cx_sensitivity_free(s);
    cx_result_free(r);

    m->series[rev].driver = (cx_driver){.method = CX_D_TREND, .fit = CX_FIT_LINEAR};
    spec->tornado[0].series = rev;
    r = fx_compute(m, NULL);
    size_t failed = 0;
    assert_int_equal(cx_sensitivity_compute(r, spec, &s, &failed), CX_EINVAL);
    assert_int_equal(failed, rev);
    assert_null(s);
    cx_result_free(r);
    cx_sensitivity_spec_free(spec);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tornado_cumulative),
        cmocka_unit_test(test_grid),
        cmocka_unit_test(test_other_outputs),
        cmocka_unit_test(test_absolute_and_scenario),
        cmocka_unit_test(test_methods_moved),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
