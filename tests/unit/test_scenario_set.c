/*
 * test_scenario_set.c - every scenario side by side on a tiny lab worked
 * out by hand: revenue 18..22 in 2026 (base 20) growing r (50%), costs 34
 * growing 10%, 2026..2028, burn = revenue - costs; scenarios bear (r 20%)
 * and bull (r 80%).
 *
 *   costs 34, 37.4, 41.14 (sum 112.54) in every scenario
 *   base: revenue 20, 30, 45 = 95      -> cumulative 2028 -17.54
 *   bear: revenue 20, 24, 28.8 = 72.8  -> -39.74
 *   bull: revenue 20, 36, 64.8 = 120.8 -> 8.26
 *   low:  revenue 18, 27, 40.5 = 85.5  -> -27.04
 *   high: revenue 22, 33, 49.5 = 104.5 -> -8.04
 */
#include "fixture.h"
#include "scenario_set.h"

static cx_model *_lab(size_t *rev, size_t *costs)
{
    static const int y[] = {2026};
    static const double r20[] = {20}, c34[] = {34};
    cx_model *m = fx_model(2026, 2028);
    *rev = fx_series(m, "revenue.lab", y, r20, 1);
    *costs = fx_series(m, "costs.lab", y, c34, 1);
    m->series[*rev].stated[0] = fx_value(CX_V_RANGE, 18, 20, 22, 0.5, "18..22");
    fx_growth(m, *rev, 0.5);
    fx_growth(m, *costs, 0.1);
    m->burn.enabled = 1;
    m->burn.revenue = *rev;
    m->burn.costs = *costs;
    static const char *const names[] = {"bear", "bull"};
    static const double rates[] = {0.2, 0.8};
    for (int i = 0; i < 2; i++) {
        cx_scenario *sc;
        cx_driver d = {.method = CX_D_GROWTH, .rate = rates[i]};
        assert_ok(cx_model_add_scenario(m, names[i], &sc));
        assert_ok(cx_scenario_add_override(sc, *rev, &d));
    }
    return m;
}

static cx_scenario_set *_set(const cx_model *m, int through)
{
    cx_scenario_set *s = NULL;
    const char *which = NULL;
    size_t failed = 0;
    assert_ok(cx_scenario_set_compute(m, through, &s, &which, &failed));
    assert_int_equal(failed, CX_NO_INDEX);
    return s;
}

/* The row of figure fig (for CX_SF_VALUE: of series). */
static size_t _row(const cx_scenario_set *s, cx_scenario_fig fig, size_t series)
{
    for (size_t i = 0; i < s->nrows; i++)
        if (s->rows[i].fig == fig && (fig != CX_SF_VALUE || s->rows[i].series == series))
            return i;
    fail_msg("no row %d", (int)fig);
    return 0;
}

static void test_order_and_figures(void **state)
{
    (void)state;
    size_t rev, costs;
    cx_model *m = _lab(&rev, &costs);
    cx_scenario_set *s = _set(m, 0);
    static const char *const order[] = {"base", "bear", "bull", "low", "high"};
    assert_int_equal(s->ncols, 5);
    for (size_t k = 0; k < 5; k++) {
        assert_string_equal(s->cols[k].name, order[k]);
        assert_int_equal(s->cols[k].automatic, k >= 3);
    }
    assert_int_equal(s->through, 2028);
    size_t cum = _row(s, CX_SF_CUMULATIVE, 0);
    assert_int_equal(s->rows[cum].from, 2026);
    assert_int_equal(s->rows[cum].year, 2028);
    static const double want[] = {-17.54, -39.74, 8.26, -27.04, -8.04};
    for (size_t k = 0; k < 5; k++) {
        assert_near(cx_scenario_set_value(s, cum, k), want[k], 1e-9);
        assert_near(s->diff[cum * s->ncols + k], want[k] - want[0], 1e-9);
    }
    /* revenue in its last year, 2028: 45, 28.8, 64.8, 40.5, 49.5 */
    size_t rv = _row(s, CX_SF_VALUE, rev);
    assert_int_equal(s->rows[rv].year, 2028);
    assert_near(cx_scenario_set_value(s, rv, 3), 40.5, 1e-9);
    assert_near(cx_scenario_set_value(s, rv, 4), 49.5, 1e-9);
    /* money rows first: revenue, costs, cumulative, peak (no discount) */
    assert_int_equal(s->nmoney, 4);
    assert_int_equal(s->rows[3].fig, CX_SF_PEAK);
    assert_int_equal(s->rows[s->nrows - 1].fig, CX_SF_WARNINGS);
    /* base: nets -14, -7.4, 3.86: peak -21.4 in 2027, break-even 2028;
     * bear: nets -14, -13.4, -12.34: no break-even (NAN, difference NAN),
     * peak = the last cumulative -39.74 in 2028 */
    size_t pk = _row(s, CX_SF_PEAK, 0), py = _row(s, CX_SF_PEAK_YEAR, 0);
    size_t be = _row(s, CX_SF_BREAK_EVEN, 0);
    assert_near(cx_scenario_set_value(s, pk, 0), -21.4, 1e-9);
    assert_near(cx_scenario_set_value(s, py, 0), 2027, 0);
    assert_near(cx_scenario_set_value(s, pk, 1), -39.74, 1e-9);
    assert_near(cx_scenario_set_value(s, py, 1), 2028, 0);
    assert_near(cx_scenario_set_value(s, be, 0), 2028, 0);
    assert_true(isnan(cx_scenario_set_value(s, be, 1)));
    assert_true(isnan(s->diff[be * s->ncols + 1]));
    char label[100];
    cx_scenario_row_label(s, rv, label, sizeof label);
    assert_string_equal(label, "revenue.lab, 2028");
    cx_scenario_row_label(s, cum, label, sizeof label);
    assert_string_equal(label, "Cumulative net cash flow 2026\xE2\x80\x93" "2028");
    assert_string_equal(cx_scenario_fig_name(CX_SF_BREAK_EVEN_FRAC), "break_even_fraction");
    cx_scenario_set_free(s);
    cx_model_free(m);
}

static void test_through(void **state)
{
    (void)state;
    /* Through 2027: base -14 + 30 - 37.4 = -21.4; low -16 + 27 - 37.4 = -26.4.
     * Through 0 with a sensitivity on cumulative burn through 2027: the same. */
    size_t rev, costs;
    cx_model *m = _lab(&rev, &costs);
    cx_scenario_set *s = _set(m, 2027);
    size_t cum = _row(s, CX_SF_CUMULATIVE, 0);
    assert_near(cx_scenario_set_value(s, cum, 0), -21.4, 1e-9);
    assert_near(cx_scenario_set_value(s, cum, 3), -26.4, 1e-9);
    cx_scenario_set_free(s);
    assert_ok(cx_sensitivity_spec_new(&m->sensitivity));
    m->sensitivity->through = 2027;
    s = _set(m, 0);
    assert_int_equal(s->through, 2027);
    cx_scenario_set_free(s);
    cx_model_free(m);
}

static void test_ends_of_figures(void **state)
{
    (void)state;
    /* A floor 20+ has no high end: high keeps 20 (= base). An estimate ~34
     * is one figure. A commitment of 4..8 paid over 2027..2028 (even) and
     * subtracted from net: 2, 3, 4 a year at low, base, high; the cash 5..9
     * and a raise do not change the cumulative. Base: -17.54 - 6 = -23.54;
     * low (revenue 20, commitments 4): -21.54; high (revenue 20, 8): -25.54. */
    size_t rev, costs;
    cx_model *m = _lab(&rev, &costs);
    m->series[rev].stated[0] = fx_value(CX_V_FLOOR, 20, 20, INFINITY, 0.5, "20+");
    m->series[costs].stated[0] = fx_value(CX_V_ESTIMATE, 34, 34, 34, 0.5, "~34");
    cx_commitment *c;
    assert_ok(cx_model_add_commitment(m, &c));
    c->name = "dc";
    c->total = fx_value(CX_V_RANGE, 4, 6, 8, 0.5, "4..8");
    c->start = 2027;
    c->years = 2;
    m->burn.include_commitments = 1;
    m->burn.cash = fx_value(CX_V_RANGE, 5, 7, 9, 0.5, "5..9");
    m->burn.cash_year = 2026;
    cx_scenario_set *s = _set(m, 0);
    size_t cum = _row(s, CX_SF_CUMULATIVE, 0);
    assert_near(cx_scenario_set_value(s, cum, 0), -23.54, 1e-9);
    assert_near(cx_scenario_set_value(s, cum, 3), -21.54, 1e-9);
    assert_near(cx_scenario_set_value(s, cum, 4), -25.54, 1e-9);
    size_t rv = _row(s, CX_SF_VALUE, rev);
    assert_near(cx_scenario_set_value(s, rv, 4), 45, 1e-9);
    /* the model itself is untouched */
    assert_near(m->series[rev].stated[0].base, 20, 0);
    assert_near(m->commitments[0].total.base, 6, 0);
    cx_scenario_set_free(s);
    cx_model_free(m);
}

static void test_cash_rows(void **state)
{
    (void)state;
    /* Cash 20 at the start of 2026 (exact), year-end cash = previous + net:
     *   base nets -14, -7.4, 3.86:   6, -1.4, 2.46  -> gap 1.4; runs out in
     *        2027 at 2027 + 6/7.4 = 2027.81081..., runway (2027.81081 - 2026)
     *        * 12 = 21.72973 months;
     *   bear nets -14, -13.4, -12.34: 6, -7.4, -19.74 -> gap 19.74; 2027 +
     *        6/13.4 = 2027.44776..., 17.37313 months;
     *   bull nets -14, -1.4, 23.66:  6, 4.6, 28.26 -> gap 0, lasts (NAN).
     * The gap is a money row (after the peak), runway and the year after the
     * payback rows. Without cash none of the three rows exists. */
    size_t rev, costs;
    cx_model *m = _lab(&rev, &costs);
    cx_scenario_set *s = _set(m, 0);
    for (size_t i = 0; i < s->nrows; i++)
        assert_true(s->rows[i].fig < CX_SF_FUNDING_GAP);
    cx_scenario_set_free(s);
    m->burn.cash = fx_value(CX_V_EXACT, 20, 20, 20, 0, "20");
    m->burn.cash_year = 2026;
    s = _set(m, 0);
    size_t gap = _row(s, CX_SF_FUNDING_GAP, 0), rw = _row(s, CX_SF_RUNWAY, 0);
    size_t out = _row(s, CX_SF_CASH_OUT, 0);
    assert_int_equal(s->nmoney, 5);
    assert_int_equal(gap, 4);
    assert_true(rw > _row(s, CX_SF_PAYBACK_FRAC, 0) && out == rw + 1);
    static const double want_gap[] = {1.4, 19.74, 0}, want_rw[] = {21.72972972972973,
                                                                  17.37313432835821, NAN};
    static const double want_out[] = {2027, 2027, NAN};
    for (size_t k = 0; k < 3; k++) {
        assert_near(cx_scenario_set_value(s, gap, k), want_gap[k], 1e-9);
        if (isnan(want_rw[k])) {
            assert_true(isnan(cx_scenario_set_value(s, rw, k)));
            assert_true(isnan(cx_scenario_set_value(s, out, k)));
        } else {
            assert_near(cx_scenario_set_value(s, rw, k), want_rw[k], 1e-9);
            assert_near(cx_scenario_set_value(s, out, k), want_out[k], 0);
        }
    }
    char label[64];
    cx_scenario_row_label(s, rw, label, sizeof label);
    assert_string_equal(label, "Runway (months)");
    assert_string_equal(cx_scenario_fig_name(CX_SF_CASH_OUT), "runout_year");
    cx_scenario_set_free(s);
    cx_model_free(m);
}

static void test_failure_names_scenario(void **state)
{
    (void)state;
    /* low: revenue -2..22 at its low end makes the CAGR window start
     * negative (revenue.lab is projected by its CAGR over 2025..2026). */
    static const int y[] = {2025, 2026};
    static const double rv[] = {10, 20};
    cx_model *m = fx_model(2025, 2027);
    size_t rev = fx_series(m, "revenue.lab", y, rv, 2);
    m->series[rev].stated[0] = fx_value(CX_V_RANGE, -2, 10, 22, 0.5, "-2..22");
    m->series[rev].driver = (cx_driver){.method = CX_D_CAGR};
    cx_scenario_set *s = NULL;
    const char *which = NULL;
    size_t failed = 0;
    assert_int_equal(cx_scenario_set_compute(m, 0, &s, &which, &failed), CX_EDOMAIN);
    assert_null(s);
    assert_string_equal(which, "low");
    assert_int_equal(failed, rev);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_figures),
        cmocka_unit_test(test_through),
        cmocka_unit_test(test_ends_of_figures),
        cmocka_unit_test(test_cash_rows),
        cmocka_unit_test(test_failure_names_scenario),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
