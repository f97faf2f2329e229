/*
 * test_compute.c - cx_compute: stated values, interpolation, projection,
 * sums, scenarios, burn and commitments of a result.
 */
#include "fixture.h"

static const int Y2023[] = {2023};
static const double V100[] = {100};

static void test_growth_projection(void **state)
{
    (void)state;
    /* 100 in 2023 grown 50% a year: 150, 225, 337.5 */
    cx_model *m = fx_model(2023, 2026);
    size_t s = fx_series(m, "x.a", Y2023, V100, 1);
    fx_growth(m, s, 0.5);
    cx_result *r = fx_compute(m, NULL);
    const cx_series_result *sr = &r->series[s];
    assert_int_equal(sr->v[0].kind, CX_V_EXACT);
    assert_near(sr->v[1].base, 150, 0);
    assert_near(sr->v[2].base, 225, 0);
    assert_near(sr->v[3].base, 337.5, 0);
    for (int t = 1; t < 4; t++) {
        assert_int_equal(sr->v[t].kind, CX_V_PROJECTED);
        assert_near(sr->v[t].low, sr->v[t].base, 0);
        assert_near(sr->v[t].high, sr->v[t].base, 0);
        assert_near(sr->v[t].resolution, 0, 0);
        assert_null(sr->v[t].text);
        assert_near(sr->rate[t], 0.5, 0);
        assert_near(sr->yoy[t], 0.5, 0);
    }
    assert_true(isnan(sr->rate[0]));
    assert_true(isnan(sr->yoy[0]));
    assert_int_equal(sr->first, 0);
    assert_int_equal(sr->last_stated, 0);
    assert_int_equal(sr->last, 3);
    assert_true(isnan(sr->start_rate));
    assert_int_equal(sr->window_from, 0);
    /* one stated year: no history growth */
    assert_true(isnan(sr->hist_cagr));
    assert_true(isnan(sr->hist_multiple));
    /* (337.5/100)^(1/3) - 1 = 1.5 - 1 */
    assert_near(sr->full_cagr, 0.5, 1e-12);
    assert_null(r->scenario);
    assert_int_equal(r->scenario_index, CX_NO_INDEX);
    assert_int_equal(r->warnings, 0);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_interpolation_two_year_gap(void **state)
{
    (void)state;
    /* 10 in 2023, 40 in 2026: step (40-10)/3 = 10 -> 20, 30 */
    static const int years[] = {2023, 2026};
    static const double vals[] = {10, 40};
    cx_model *m = fx_model(2023, 2026);
    size_t s = fx_series(m, "capex.x", years, vals, 2);
    cx_result *r = fx_compute(m, NULL);
    const cx_value *v = r->series[s].v;
    assert_int_equal(v[1].kind, CX_V_INTERPOLATED);
    assert_int_equal(v[2].kind, CX_V_INTERPOLATED);
    assert_near(v[1].base, 20, 0);
    assert_near(v[2].base, 30, 0);
    assert_near(v[2].low, 30, 0);
    assert_near(v[2].high, 30, 0);
    assert_near(v[2].resolution, 0, 0);
    assert_null(v[2].text);
    assert_int_equal(v[3].kind, CX_V_EXACT);
    assert_int_equal(r->nnotes, 2);
    assert_string_equal(r->notes[0].text,
                        "capex.x 2024: interpolated between 2023 and 2026");
    assert_string_equal(r->notes[1].text,
                        "capex.x 2025: interpolated between 2023 and 2026");
    assert_int_equal(r->notes[0].level, CX_NOTE_INFO);
    assert_int_equal(r->notes[0].series, s);
    assert_int_equal(r->notes[0].year, 2024);
    assert_int_equal(r->notes[1].year, 2025);
    /* history 2023..2026: (40/10)^(1/3) - 1 and 40/10 */
    assert_near(r->series[s].hist_cagr, 0.5874010519681994, 1e-12);
    assert_near(r->series[s].hist_multiple, 4, 0);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_interpolation_is_iterative(void **state)
{
    (void)state;
    /* 0 -> 0.3 over 3 years, as the spreadsheet adds the step to the
     * previous cell: v1 = 0 + 0.3/3, v2 = v1 + 0.3/3 */
    static const int years[] = {2023, 2026};
    static const double vals[] = {0, 0.3};
    cx_model *m = fx_model(2023, 2026);
    size_t s = fx_series(m, "x.a", years, vals, 2);
    cx_result *r = fx_compute(m, NULL);
    const double step = 0.3 / 3;
    assert_near(r->series[s].v[1].base, 0 + step, 0);
    assert_near(r->series[s].v[2].base, (0 + step) + step, 0);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_rates_run_out(void **state)
{
    (void)state;
    /* 100, then +50% -> 150, +100% -> 300, list done: +100% -> 600 */
    static const double rates[] = {0.5, 1.0};
    cx_model *m = fx_model(2023, 2026);
    size_t s = fx_series(m, "costs.lab", Y2023, V100, 1);
    fx_rates(m, s, rates, 2);
    m->series[s].driver.line = 12;
    cx_result *r = fx_compute(m, NULL);
    assert_near(r->series[s].v[1].base, 150, 0);
    assert_near(r->series[s].v[2].base, 300, 0);
    assert_near(r->series[s].v[3].base, 600, 0);
    assert_near(r->series[s].rate[3], 1.0, 0);
    assert_int_equal(r->nnotes, 1);
    assert_int_equal(r->notes[0].year, 2026);
    assert_int_equal(r->notes[0].line, 12);
    assert_int_equal(r->notes[0].level, CX_NOTE_INFO);
    assert_string_equal(r->notes[0].text, "costs.lab 2026: the rates list "
                        "ends after 2 years; its last rate (100%) holds from "
                        "here");
    cx_result_free(r);
    cx_model_free(m);
}

static void test_cagr_driver(void **state)
{
    (void)state;
    /* 100 (2023), 400 (2025): CAGR (400/100)^(1/2) - 1 = 1; 2024
     * interpolated 250; 2026 800, 2027 1600 */
    static const int years[] = {2023, 2025};
    static const double vals[] = {100, 400};
    cx_model *m = fx_model(2023, 2027);
    size_t s = fx_series(m, "market.dram", years, vals, 2);
    m->series[s].driver.method = CX_D_CAGR;
    cx_result *r = fx_compute(m, NULL);
    const cx_series_result *sr = &r->series[s];
    assert_near(sr->start_rate, 1, 1e-15);
    assert_int_equal(sr->window_from, 2023);
    assert_int_equal(sr->window_to, 2025);
    assert_near(sr->v[1].base, 250, 0);
    assert_near(sr->v[3].base, 800, 1e-12);
    assert_near(sr->v[4].base, 1600, 1e-12);
    assert_near(sr->hist_cagr, 1, 1e-15);
    assert_near(sr->hist_multiple, 4, 0);
    assert_near(sr->full_cagr, 1, 1e-12);       /* (1600/100)^(1/4) - 1 */
    assert_int_equal(sr->last_stated, 2);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_cagr_window(void **state)
{
    (void)state;
    /* window 2024..2025: 250 -> 400, (400/250)^(1/1) - 1 = 0.6; 2026 640 */
    static const int years[] = {2023, 2025};
    static const double vals[] = {100, 400};
    cx_model *m = fx_model(2023, 2026);
    size_t s = fx_series(m, "market.dram", years, vals, 2);
    m->series[s].driver = (cx_driver){.method = CX_D_CAGR, .cagr_from = 2024,
                                      .cagr_to = 2025};
    cx_result *r = fx_compute(m, NULL);
    assert_near(r->series[s].start_rate, 0.6, 1e-15);
    assert_int_equal(r->series[s].window_from, 2024);
    assert_near(r->series[s].v[3].base, 640, 1e-12);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_cagr_window_errors(void **state)
{
    (void)state;
    static const int years[] = {2025, 2026};
    static const double vals[] = {10, 20};
    cx_model *m = fx_model(2023, 2028);
    size_t s = fx_series(m, "x.a", years, vals, 2);
    cx_result *r = (cx_result *)1;
    size_t failed = CX_NO_INDEX;
    /* 2024 has no value */
    m->series[s].driver = (cx_driver){.method = CX_D_CAGR, .cagr_from = 2024};
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_ENODATA);
    assert_int_equal(failed, s);
    assert_null(r);
    /* outside the model's years */
    m->series[s].driver.cagr_from = 2020;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_EINVAL);
    /* an empty window */
    m->series[s].driver.cagr_from = 2026;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_EINVAL);
    /* a non-positive start */
    m->series[s].driver.cagr_from = 0;
    m->series[s].stated[2] = fx_exact(0);
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_EDOMAIN);
    assert_int_equal(failed, s);
    cx_model_free(m);
}

static void test_fade_from_cagr(void **state)
{
    (void)state;
    /* CAGR 1 (100 -> 400 over 2), fade to 0 over 3:
     * k=1 rate 1 -> 800; k=2 1 + (0-1)*1/2 = 0.5 -> 1200; k=3 0 -> 1200 */
    static const int years[] = {2023, 2025};
    static const double vals[] = {100, 400};
    cx_model *m = fx_model(2023, 2028);
    size_t s = fx_series(m, "capex.google", years, vals, 2);
    m->series[s].driver = (cx_driver){.method = CX_D_FADE, .from_cagr = 1,
                                      .terminal = 0, .over = 3};
    cx_result *r = fx_compute(m, NULL);
    const cx_series_result *sr = &r->series[s];
    assert_near(sr->rate[3], 1, 1e-15);
    assert_near(sr->rate[4], 0.5, 1e-15);
    assert_near(sr->rate[5], 0, 1e-15);
    assert_near(sr->v[3].base, 800, 1e-12);
    assert_near(sr->v[4].base, 1200, 1e-12);
    assert_near(sr->v[5].base, 1200, 1e-12);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_driver_without_values(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2026);
    size_t s;
    assert_ok(cx_model_add_series(m, "x.empty", &s));
    fx_growth(m, s, 0.1);
    cx_result *r;
    size_t failed;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_ENODATA);
    assert_int_equal(failed, s);
    cx_model_free(m);
}

static void test_sum_missing_part_year(void **state)
{
    (void)state;
    /* a: 1 2 3 (2023..2025), b: - 10 20, b grows 100% to 2026 (40)
     * sum: 2023 missing (b has none), 2024 12, 2025 23, 2026 missing (a
     * has none) */
    static const int ya[] = {2023, 2024, 2025}, yb[] = {2024, 2025};
    static const double va[] = {1, 2, 3}, vb[] = {10, 20};
    cx_model *m = fx_model(2023, 2026);
    size_t p[2];
    p[0] = fx_series(m, "x.a", ya, va, 3);
    p[1] = fx_series(m, "x.b", yb, vb, 2);
    fx_growth(m, p[1], 1.0);
    size_t s = fx_sum(m, "x.total", p, 2);
    cx_result *r = fx_compute(m, NULL);
    const cx_series_result *sr = &r->series[s];
    assert_int_equal(sr->v[0].kind, CX_V_MISSING);
    assert_int_equal(sr->v[1].kind, CX_V_DERIVED);
    assert_near(sr->v[1].base, 12, 0);
    assert_near(sr->v[2].base, 23, 0);
    assert_int_equal(sr->v[3].kind, CX_V_MISSING);
    assert_near(r->series[p[1]].v[3].base, 40, 0);
    assert_int_equal(sr->first, 1);
    assert_int_equal(sr->last, 2);
    assert_int_equal(sr->last_stated, 2);
    assert_near(sr->yoy[2], 23.0 / 12 - 1, 1e-15);
    assert_true(isnan(sr->rate[2]));
    assert_true(isnan(cx_result_value(r, s, 2023)));
    cx_result_free(r);
    cx_model_free(m);
}

static void test_sum_missing_part_note(void **state)
{
    (void)state;
    /* as above: the sum is left empty in 2023 (x.b has none; x.a has 1)
     * and 2026 (x.a has none; x.b 40): one warning, naming the sum, the
     * first year, its missing part and the one more year */
    static const int ya[] = {2023, 2024, 2025}, yb[] = {2024, 2025};
    static const double va[] = {1, 2, 3}, vb[] = {10, 20};
    cx_model *m = fx_model(2023, 2026);
    size_t p[2];
    p[0] = fx_series(m, "x.a", ya, va, 3);
    p[1] = fx_series(m, "x.b", yb, vb, 2);
    fx_growth(m, p[1], 1.0);
    size_t s = fx_sum(m, "x.total", p, 2);
    cx_result *r = fx_compute(m, NULL);
    const cx_note *n = fx_find_note(r, "left empty");
    assert_non_null(n);
    assert_int_equal(n->level, CX_NOTE_WARNING);
    assert_int_equal(n->series, s);
    assert_int_equal(n->year, 2023);
    assert_string_equal(n->text, "x.total is left empty in 2023 because its part x.b "
                        "has no value there (and in 1 more year where a part has none)");
    size_t count = 0;
    for (size_t i = 0; i < r->nnotes; i++)
        count += strstr(r->notes[i].text, "left empty") != NULL;
    assert_int_equal(count, 1);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_sum_bounds_and_order(void **state)
{
    (void)state;
    /* parts 0.1, 0.2, 0.3 added left to right: (0.1 + 0.2) + 0.3;
     * 2024: a range 2..4 (base 3) + a floor 20+ + 1 -> low 2+20+1 = 23,
     * base 3+20+1 = 24, high 4+20+1 = 25 (the floor's +inf counts as its
     * base) */
    cx_model *m = fx_model(2023, 2024);
    size_t p[3];
    static const double v1[] = {0.1}, v2[] = {0.2}, v3[] = {0.3};
    p[0] = fx_series(m, "x.a", Y2023, v1, 1);
    p[1] = fx_series(m, "x.b", Y2023, v2, 1);
    p[2] = fx_series(m, "x.c", Y2023, v3, 1);
    m->series[p[0]].stated[1] = fx_value(CX_V_RANGE, 2, 3, 4, 0.5, "2..4");
    m->series[p[1]].stated[1] = fx_value(CX_V_FLOOR, 20, 20, INFINITY, 0.5,
                                         "20+");
    m->series[p[2]].stated[1] = fx_exact(1);
    size_t s = fx_sum(m, "x.total", p, 3);
    cx_result *r = fx_compute(m, NULL);
    const cx_value *v = r->series[s].v;
    assert_near(v[0].base, 0.1 + 0.2 + 0.3, 0);
    assert_near(v[1].low, 23, 0);
    assert_near(v[1].base, 24, 0);
    assert_near(v[1].high, 25, 0);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_sum_driver_ignored(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2025);
    size_t p = fx_series(m, "x.a", Y2023, V100, 1);
    size_t s = fx_sum(m, "x.total", &p, 1);
    fx_growth(m, s, 0.5);
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->series[s].v[1].kind, CX_V_MISSING);
    assert_non_null(fx_find_note(r, "driver is ignored"));
    cx_result_free(r);
    cx_model_free(m);
}

static void test_scenarios(void **state)
{
    (void)state;
    /* base +50%: 150; bull +100%: 200; bear rates [0.1]: 110 */
    cx_model *m = fx_model(2023, 2024);
    size_t s = fx_series(m, "x.a", Y2023, V100, 1);
    fx_growth(m, s, 0.5);
    cx_scenario *sc;
    cx_driver bull = {.method = CX_D_GROWTH, .rate = 1.0};
    double rates[] = {0.1};
    cx_driver bear = {.method = CX_D_RATES, .rates = rates, .nrates = 1};
    assert_ok(cx_model_add_scenario(m, "bull", &sc));
    assert_ok(cx_scenario_add_override(sc, s, &bull));
    assert_ok(cx_model_add_scenario(m, "bear", &sc));
    assert_ok(cx_scenario_add_override(sc, s, &bear));

    cx_result *r = fx_compute(m, "base");
    assert_near(r->series[s].v[1].base, 150, 0);
    assert_null(r->scenario);
    cx_result_free(r);

    r = fx_compute(m, "bull");
    assert_near(r->series[s].v[1].base, 200, 0);
    assert_ptr_equal(r->scenario, m->scenarios[0].name);
    assert_int_equal(r->scenario_index, 0);
    assert_int_equal(r->drivers[s].method, CX_D_GROWTH);
    assert_near(r->drivers[s].rate, 1.0, 0);
    cx_result_free(r);

    r = fx_compute(m, "bear");
    assert_near(r->series[s].v[1].base, 110.00000000000001, 0); /* 100*1.1 */
    assert_int_equal(r->drivers[s].method, CX_D_RATES);
    assert_ptr_not_equal(r->drivers[s].rates, m->scenarios[1].overrides[0].driver.rates);
    cx_result_free(r);

    size_t failed = 0;
    assert_int_equal(cx_compute(m, "nope", &r, &failed), CX_ENOTFOUND);
    assert_int_equal(failed, CX_NO_INDEX);
    assert_null(r);
    cx_model_free(m);
}

static void test_cycle(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2024);
    size_t a, b;
    assert_ok(cx_model_add_series(m, "x.a", &a));
    assert_ok(cx_model_add_series(m, "x.b", &b));
    assert_ok(cx_series_set_parts(&m->series[a], &b, 1));
    assert_ok(cx_series_set_parts(&m->series[b], &a, 1));
    cx_result *r = (cx_result *)1;
    size_t failed = CX_NO_INDEX;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_ECYCLE);
    assert_int_equal(failed, a);
    assert_null(r);
    cx_model_free(m);
}

static void test_overflow(void **state)
{
    (void)state;
    /* 1e308 doubled is not finite */
    static const double big[] = {1e308};
    cx_model *m = fx_model(2023, 2024);
    size_t s = fx_series(m, "x.big", Y2023, big, 1);
    fx_growth(m, s, 1.0);
    cx_result *r;
    size_t failed;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_ERANGE);
    assert_int_equal(failed, s);
    cx_model_free(m);
}

static void test_undefined_growth_is_nan(void **state)
{
    (void)state;
    /* 0, 5, 10: yoy 2024 undefined (from 0), yoy 2025 = 10/5 - 1 = 1;
     * history from 0: CAGR and multiple undefined */
    static const int years[] = {2023, 2024, 2025};
    static const double vals[] = {0, 5, 10};
    cx_model *m = fx_model(2023, 2025);
    size_t s = fx_series(m, "x.a", years, vals, 3);
    cx_result *r = fx_compute(m, NULL);
    const cx_series_result *sr = &r->series[s];
    assert_true(isnan(sr->yoy[1]));
    assert_near(sr->yoy[2], 1, 0);
    assert_true(isnan(sr->hist_cagr));
    assert_true(isnan(sr->hist_multiple));
    assert_true(isnan(sr->full_cagr));
    cx_result_free(r);
    cx_model_free(m);
}

static void test_result_value(void **state)
{
    (void)state;
    static const int years[] = {2024};
    cx_model *m = fx_model(2023, 2025);
    size_t s = fx_series(m, "x.a", years, V100, 1);
    cx_result *r = fx_compute(m, NULL);
    assert_near(cx_result_value(r, s, 2024), 100, 0);
    assert_true(isnan(cx_result_value(r, s, 2023)));    /* before first */
    assert_true(isnan(cx_result_value(r, s, 2025)));    /* no driver */
    assert_true(isnan(cx_result_value(r, s, 2022)));
    assert_true(isnan(cx_result_value(r, s, 2026)));
    assert_true(isnan(cx_result_value(r, 9, 2024)));
    assert_true(isnan(cx_result_value(NULL, s, 2024)));
    cx_result_free(r);
    cx_result_free(NULL);
    cx_model_free(m);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2024);
    cx_result *r;
    size_t failed;
    assert_int_equal(cx_compute(NULL, NULL, &r, &failed), CX_EINVAL);
    assert_int_equal(cx_compute(m, NULL, NULL, &failed), CX_EINVAL);
    /* an empty model computes; failed_series may be NULL */
    assert_ok(cx_compute(m, NULL, &r, NULL));
    assert_int_equal(r->nchecks, 0);
    assert_non_null(r->commitments.total);
    cx_result_free(r);
    cx_model_free(m);
}

/* revenue 2023..2027: 10 20 40 80 160; costs 2023..2026: 50 each */
static cx_model *_burn_model(size_t *rev, size_t *costs)
{
    static const int yr[] = {2023, 2024, 2025, 2026, 2027};
    static const double vr[] = {10, 20, 40, 80, 160}, vc[] = {50, 50, 50, 50};
    cx_model *m = fx_model(2023, 2027);
    *rev = fx_series(m, "revenue.lab", yr, vr, 5);
    *costs = fx_series(m, "costs.lab", yr, vc, 4);
    m->burn = (cx_burn_spec){.enabled = 1, .net = CX_NO_INDEX,
                             .revenue = *rev, .costs = *costs};
    return m;
}

static void test_burn_revenue_minus_costs(void **state)
{
    (void)state;
    /* net 2023..2026: -40 -30 -10 30; cumulative -40 -70 -80 -50;
     * peak -80 (2025), break-even 2026, never paid back */
    size_t rev, costs;
    cx_model *m = _burn_model(&rev, &costs);
    cx_result *r = fx_compute(m, NULL);
    const cx_burn_result *b = &r->burn;
    assert_int_equal(b->enabled, 1);
    assert_int_equal(b->first_year, 2023);
    assert_int_equal(b->n, 4);
    const double net[] = {-40, -30, -10, 30}, cum[] = {-40, -70, -80, -50};
    for (size_t i = 0; i < 4; i++) {
        assert_near(b->net[i], net[i], 0);
        assert_near(b->burn.cumulative[i], cum[i], 0);
        assert_near(b->costs[i], 50, 0);
    }
    assert_near(b->revenue[3], 80, 0);
    assert_near(b->burn.peak_burn, -80, 0);
    assert_int_equal(b->burn.peak_year, 2025);
    assert_int_equal(b->burn.break_even_year, 2026);
    assert_int_equal(b->burn.payback_year, 0);
    /* revenue 2027 has no costs beside it: left out, with a note */
    const cx_note *n = fx_find_note(r, "burn figures stop at 2026");
    assert_non_null(n);
    assert_int_equal(n->series, costs);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_burn_net_late_start(void **state)
{
    (void)state;
    /* net from 2024: -5, 10 -> first_year 2024, n 2, no revenue/costs */
    static const int years[] = {2024, 2025};
    static const double vals[] = {-5, 10};
    cx_model *m = fx_model(2023, 2025);
    size_t s = fx_series(m, "net.lab", years, vals, 2);
    m->burn = (cx_burn_spec){.enabled = 1, .net = s,
                             .revenue = CX_NO_INDEX, .costs = CX_NO_INDEX};
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->burn.first_year, 2024);
    assert_int_equal(r->burn.n, 2);
    assert_null(r->burn.revenue);
    assert_null(r->burn.costs);
    assert_near(r->burn.burn.cumulative[1], 5, 0);
    assert_int_equal(r->burn.burn.payback_year, 2025);
    assert_null(fx_find_note(r, "burn"));
    cx_result_free(r);
    cx_model_free(m);
}

static void test_burn_start_and_sign_notes(void **state)
{
    (void)state;
    /* revenue 2023..2025, costs 2024..2025 with -95 in 2025 (a cash-flow
     * statement's sign): the burn starts in 2024 (costs has none in 2023,
     * one note), and the costs are warned about at 2025 */
    static const int yr[] = {2023, 2024, 2025}, yc[] = {2024, 2025};
    static const double vr[] = {100, 110, 120}, vc[] = {90, -95};
    cx_model *m = fx_model(2023, 2025);
    size_t rev = fx_series(m, "revenue.co", yr, vr, 3);
    size_t costs = fx_series(m, "costs.co", yc, vc, 2);
    m->burn = (cx_burn_spec){.enabled = 1, .net = CX_NO_INDEX,
                             .revenue = rev, .costs = costs};
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->burn.first_year, 2024);
    const cx_note *n = fx_find_note(r, "start at 2024");
    assert_non_null(n);
    assert_int_equal(n->series, costs);
    assert_int_equal(n->year, 2023);
    n = fx_find_note(r, "holds a negative figure");
    assert_non_null(n);
    assert_int_equal(n->series, costs);
    assert_int_equal(n->year, 2025);
    assert_non_null(strstr(n->text, "(-95 in 2025)"));
    assert_non_null(strstr(n->text, "positive figures (95)"));
    cx_result_free(r);
    cx_model_free(m);
}

static void test_burn_without_values(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2025);
    size_t s;
    assert_ok(cx_model_add_series(m, "net.lab", &s));
    m->burn = (cx_burn_spec){.enabled = 1, .net = s,
                             .revenue = CX_NO_INDEX, .costs = CX_NO_INDEX};
    cx_result *r;
    size_t failed;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_ENODATA);
    assert_int_equal(failed, s);
    m->burn.net = 7;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_EINVAL);
    cx_model_free(m);
}

static void test_commitments(void **state)
{
    (void)state;
    /* 2023..2030. Oracle 300 over 5 from 2027: 60 in 2027..2030, 60 beyond;
     * Broadcom 350 without a period: nothing; Custom: 10 (2026), 20 (2027).
     * Totals: 2026 10, 2027 60 + 0 + 20 = 80, 2028 60 */
    cx_model *m = fx_model(2023, 2030);
    cx_commitment *c;
    assert_ok(cx_model_add_commitment(m, &c));
    *c = (cx_commitment){.name = "Oracle", .total = fx_exact(300),
                         .start = 2027, .years = 5, .line = 40};
    assert_ok(cx_model_add_commitment(m, &c));
    *c = (cx_commitment){.name = "Broadcom", .total = fx_exact(350),
                         .line = 41, .col = 5};
    assert_ok(cx_model_add_commitment(m, &c));
    *c = (cx_commitment){.name = "Custom"};
    c->schedule = calloc(m->nyears, sizeof *c->schedule);
    assert_non_null(c->schedule);
    c->schedule[3] = fx_exact(10);
    c->schedule[4] = fx_exact(20);
    cx_result *r = fx_compute(m, NULL);
    const cx_commitment_result *cr = &r->commitments;
    assert_near(cr->amount[0 * 8 + 4], 60, 0);
    assert_near(cr->amount[0 * 8 + 7], 60, 0);
    assert_near(cr->amount[0 * 8 + 3], 0, 0);
    assert_near(cr->amount[1 * 8 + 4], 0, 0);
    assert_near(cr->amount[2 * 8 + 3], 10, 0);
    assert_near(cr->total[3], 10, 0);
    assert_near(cr->total[4], 80, 0);
    assert_near(cr->total[5], 60, 0);
    assert_near(cr->total[0], 0, 0);
    assert_near(cr->beyond[0], 60, 0);
    assert_near(cr->beyond[1], 0, 0);
    assert_int_equal(cr->scheduled[0], 1);
    assert_int_equal(cr->scheduled[1], 0);
    assert_int_equal(cr->scheduled[2], 1);
    const cx_note *n = fx_find_note(r, "Broadcom");
    assert_non_null(n);
    assert_string_equal(n->text, "commitment 'Broadcom': period not stated, "
                                 "left out of the schedule");
    assert_int_equal(n->line, 41);
    assert_int_equal(n->col, 5);
    assert_int_equal(n->series, CX_NO_INDEX);
    n = fx_find_note(r, "Oracle");
    assert_non_null(n);
    assert_string_equal(n->text, "commitment 'Oracle': 60 paid after 2030, "
                                 "beyond the horizon");
    cx_result_free(r);
    cx_model_free(m);
}

static void test_commitment_before_horizon_note(void **state)
{
    (void)state;
    /* 100 over 4 from 2021 in a 2023.. model: 2021, 2022 = 50 left out */
    cx_model *m = fx_model(2023, 2030);
    cx_commitment *c;
    assert_ok(cx_model_add_commitment(m, &c));
    *c = (cx_commitment){.name = "Old", .total = fx_exact(100),
                         .start = 2021, .years = 4};
    cx_result *r = fx_compute(m, NULL);
    const cx_note *n = fx_find_note(r, "Old");
    assert_non_null(n);
    assert_string_equal(n->text, "commitment 'Old': 50 paid before 2023, "
                                 "outside the model's years");
    assert_near(r->commitments.total[0], 25, 0);
    cx_result_free(r);
    cx_model_free(m);
}

/* ---- trend, stages, share, overrides ---------------------------------- */

/* v = 3 + 2*year stated 2023..2025: the projection is the line itself
 * (2026: 4055, 2027: 4057), not a growth chain; residuals 0. */
static void test_trend_linear(void **state)
{
    (void)state;
    static const int years[] = {2023, 2024, 2025};
    static const double vals[] = {4049, 4051, 4053};
    cx_model *m = fx_model(2023, 2027);
    size_t s = fx_series(m, "x.a", years, vals, 3);
    m->series[s].driver = (cx_driver){.method = CX_D_TREND, .fit = CX_FIT_LINEAR};
    cx_result *r = fx_compute(m, NULL);
    const cx_series_result *sr = &r->series[s];
    assert_int_equal(sr->fit.kind, CX_FIT_LINEAR);
    assert_int_equal(sr->fit.from, 2023);
    assert_int_equal(sr->fit.to, 2025);
    assert_int_equal(sr->fit.n, 3);
    assert_near(sr->fit.b, 2, 1e-12);
    assert_near(sr->v[3].base, 4055, 1e-9);
    assert_near(sr->v[4].base, 4057, 1e-9);
    assert_int_equal(sr->v[3].kind, CX_V_PROJECTED);
    assert_true(isnan(sr->rate[3]));          /* not chained */
    assert_non_null(sr->residual);
    assert_near(sr->residual[0], 0, 1e-9);
    assert_near(sr->residual[2], 0, 1e-9);
    assert_true(isnan(sr->residual[3]));
    cx_result_free(r);
    cx_model_free(m);
}

/* A window leaves 2023 out: points 2024..2026 are 10, 20, 30 (slope 10);
 * 2023 (100) is stated but not fitted: its residual is NAN; 2027 = 40. */
static void test_trend_window(void **state)
{
    (void)state;
    static const int years[] = {2023, 2024, 2025, 2026};
    static const double vals[] = {100, 10, 20, 30};
    cx_model *m = fx_model(2023, 2027);
    size_t s = fx_series(m, "x.a", years, vals, 4);
    m->series[s].driver = (cx_driver){.method = CX_D_TREND, .fit = CX_FIT_LINEAR,
                                      .cagr_from = 2024, .cagr_to = 2026};
    cx_result *r = fx_compute(m, NULL);
    const cx_series_result *sr = &r->series[s];
    assert_int_equal(sr->fit.from, 2024);
    assert_near(sr->v[4].base, 40, 1e-9);
    assert_true(isnan(sr->residual[0]));
    assert_near(sr->fit.r2, 1, 1e-12);
    cx_result_free(r);
    cx_model_free(m);
}

/* v = 5 e^(0.1 (year - 2020)) stated 2020..2023: 2025 is 5 e^0.5. */
static void test_trend_exponential(void **state)
{
    (void)state;
    static const int years[] = {2020, 2021, 2022, 2023};
    double vals[4];
    for (int i = 0; i < 4; i++)
        vals[i] = 5 * exp(0.1 * i);
    cx_model *m = fx_model(2020, 2025);
    size_t s = fx_series(m, "x.a", years, vals, 4);
    m->series[s].driver = (cx_driver){.method = CX_D_TREND, .fit = CX_FIT_EXPONENTIAL};
    cx_result *r = fx_compute(m, NULL);
    assert_near(r->series[s].v[5].base, 5 * exp(0.5), 1e-9);
    assert_near(r->series[s].fit.b, 0.1, 1e-12);
    cx_result_free(r);
    cx_model_free(m);
}

/* L = 100, k = 0.8, t0 = 2025 stated 2021..2028, projected 2029, 2030. */
static void test_trend_logistic(void **state)
{
    (void)state;
    int years[8];
    double vals[8];
    for (int i = 0; i < 8; i++) {
        years[i] = 2021 + i;
        vals[i] = 100 / (1 + exp(-0.8 * (years[i] - 2025)));
    }
    cx_model *m = fx_model(2021, 2030);
    size_t s = fx_series(m, "x.a", years, vals, 8);
    m->series[s].driver = (cx_driver){.method = CX_D_TREND, .fit = CX_FIT_LOGISTIC};
    cx_result *r = fx_compute(m, NULL);
    const cx_series_result *sr = &r->series[s];
    assert_near(sr->fit.saturation, 100, 1e-6);
    assert_near(sr->fit.k, 0.8, 1e-6);
    assert_near(sr->fit.t0, 2025, 1e-6);
    /* 2029: 100 / (1 + e^(-0.8*4)) = 100 / (1 + e^-3.2) = 96.0834... */
    assert_near(sr->v[8].base, 96.083427720323598, 1e-5);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_trend_errors(void **state)
{
    (void)state;
    static const int years[] = {2023, 2024, 2025};
    static const double vals[] = {1, -2, 3};
    cx_model *m = fx_model(2023, 2027);
    size_t s = fx_series(m, "x.a", years, vals, 3);
    cx_result *r = NULL;
    size_t failed;
    m->series[s].driver = (cx_driver){.method = CX_D_TREND, .fit = CX_FIT_EXPONENTIAL};
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_EDOMAIN);
    assert_int_equal(failed, s);
    m->series[s].driver = (cx_driver){.method = CX_D_TREND, .fit = CX_FIT_LOGISTIC};
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_ENODATA);   /* 3 < 4 */
    m->series[s].driver = (cx_driver){.method = CX_D_TREND, .fit = CX_FIT_LINEAR,
                                      .cagr_from = 2025, .cagr_to = 2027};
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_ENODATA);   /* 1 point */
    assert_null(r);
    cx_model_free(m);
}

/* 100 in 2023; high 50% for 1 year, then to 10% over 2 (30%, 10%), then
 * 10%: 150, 195, 214.5, 235.95 */
static void test_stages_projection(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2027);
    size_t s = fx_series(m, "x.a", Y2023, V100, 1);
    m->series[s].driver = (cx_driver){.method = CX_D_STAGES, .rate = 0.5,
                                      .high_years = 1, .terminal = 0.1,
                                      .fade_years = 2};
    cx_result *r = fx_compute(m, NULL);
    const cx_series_result *sr = &r->series[s];
    assert_near(sr->rate[2], 0.3, 1e-15);
    assert_near(sr->v[1].base, 150, 1e-12);
    assert_near(sr->v[2].base, 195, 1e-12);
    assert_near(sr->v[3].base, 214.5, 1e-12);
    assert_near(sr->v[4].base, 235.95, 1e-9);
    cx_result_free(r);
    cx_model_free(m);
}

/* growth 10% with 2025 overridden to 50%: 110, 165, 181.5 */
static void test_rate_override(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2026);
    size_t s = fx_series(m, "x.a", Y2023, V100, 1);
    fx_growth(m, s, 0.1);
    assert_ok(cx_driver_add_override(&m->series[s].driver, 2025, 0.5));
    cx_result *r = fx_compute(m, NULL);
    const cx_series_result *sr = &r->series[s];
    assert_near(sr->v[1].base, 110, 1e-12);
    assert_near(sr->rate[2], 0.5, 0);
    assert_near(sr->v[2].base, 165, 1e-12);
    assert_near(sr->v[3].base, 181.5, 1e-12);
    cx_result_free(r);
    cx_model_free(m);
}

/* ai = 75% of total, declared before total (ordering); total 100 in 2023
 * grows 20%: 120, 144; ai has 70 stated in 2023: 90, 108. */
static void test_share_constant(void **state)
{
    (void)state;
    static const double v70[] = {70};
    cx_model *m = fx_model(2023, 2025);
    size_t ai = fx_series(m, "capex.ai", Y2023, v70, 1);
    size_t total = fx_series(m, "capex.total", Y2023, V100, 1);
    fx_growth(m, total, 0.2);
    m->series[ai].driver = (cx_driver){.method = CX_D_SHARE, .of = total,
                                       .share = 0.75, .share_series = CX_NO_INDEX};
    cx_result *r = fx_compute(m, NULL);
    assert_true(r->order[0] == total);
    const cx_series_result *sr = &r->series[ai];
    assert_near(sr->v[0].base, 70, 0);
    assert_near(sr->v[1].base, 90, 1e-12);
    assert_near(sr->v[2].base, 108, 1e-12);
    assert_int_equal(sr->v[1].kind, CX_V_PROJECTED);
    assert_true(isnan(sr->rate[1]));
    cx_result_free(r);
    cx_model_free(m);
}

/* capex = intensity x revenue with no capex stated: revenue 200, 300 in
 * 2023..2024 then missing; intensity 10%, 20%, 30%: capex 20, 60, and a
 * note that 2025 is not projected. */
static void test_intensity_series(void **state)
{
    (void)state;
    static const int y2[] = {2023, 2024}, y3[] = {2023, 2024, 2025};
    static const double rev[] = {200, 300}, in[] = {0.1, 0.2, 0.3};
    cx_model *m = fx_model(2023, 2025);
    size_t capex = fx_series(m, "capex.x", NULL, NULL, 0);
    size_t revenue = fx_series(m, "revenue.x", y2, rev, 2);
    size_t intensity = fx_series(m, "intensity.x", y3, in, 3);
    m->series[capex].driver = (cx_driver){.method = CX_D_INTENSITY, .of = revenue,
                                          .share_series = intensity};
    cx_result *r = fx_compute(m, NULL);
    const cx_series_result *sr = &r->series[capex];
    assert_near(sr->v[0].base, 20, 1e-12);
    assert_near(sr->v[1].base, 60, 1e-12);
    assert_int_equal(sr->v[2].kind, CX_V_MISSING);
    assert_int_equal(sr->first, 0);
    assert_int_equal(sr->last, 1);
    const cx_note *n = fx_find_note(r, "capex.x: not projected from 2025 on");
    assert_non_null(n);
    assert_string_equal(n->text, "capex.x: not projected from 2025 on, "
                        "'revenue.x' has no value in 2025");
    cx_result_free(r);
    cx_model_free(m);
}

static void test_share_cycle(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2025);
    size_t a = fx_series(m, "x.a", Y2023, V100, 1);
    size_t b = fx_series(m, "x.b", Y2023, V100, 1);
    m->series[a].driver = (cx_driver){.method = CX_D_SHARE, .of = b, .share = 0.5,
                                      .share_series = CX_NO_INDEX};
    m->series[b].driver = (cx_driver){.method = CX_D_SHARE, .of = a, .share = 0.5,
                                      .share_series = CX_NO_INDEX};
    cx_result *r = NULL;
    size_t failed;
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_ECYCLE);
    assert_true(failed == a || failed == b);
    /* a share of itself */
    m->series[b].driver = (cx_driver){.method = CX_D_SHARE, .of = b, .share = 0.5,
                                      .share_series = CX_NO_INDEX};
    assert_int_equal(cx_compute(m, NULL, &r, &failed), CX_ECYCLE);
    assert_int_equal(failed, b);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_growth_projection),
        cmocka_unit_test(test_interpolation_two_year_gap),
        cmocka_unit_test(test_interpolation_is_iterative),
        cmocka_unit_test(test_rates_run_out),
        cmocka_unit_test(test_cagr_driver),
        cmocka_unit_test(test_cagr_window),
        cmocka_unit_test(test_cagr_window_errors),
        cmocka_unit_test(test_fade_from_cagr),
        cmocka_unit_test(test_driver_without_values),
        cmocka_unit_test(test_sum_missing_part_year),
        cmocka_unit_test(test_sum_missing_part_note),
        cmocka_unit_test(test_sum_bounds_and_order),
        cmocka_unit_test(test_sum_driver_ignored),
        cmocka_unit_test(test_scenarios),
        cmocka_unit_test(test_cycle),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_undefined_growth_is_nan),
        cmocka_unit_test(test_result_value),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_burn_revenue_minus_costs),
        cmocka_unit_test(test_burn_net_late_start),
        cmocka_unit_test(test_burn_start_and_sign_notes),
        cmocka_unit_test(test_burn_without_values),
        cmocka_unit_test(test_commitments),
        cmocka_unit_test(test_commitment_before_horizon_note),
        cmocka_unit_test(test_trend_linear),
        cmocka_unit_test(test_trend_window),
        cmocka_unit_test(test_trend_exponential),
        cmocka_unit_test(test_trend_logistic),
        cmocka_unit_test(test_trend_errors),
        cmocka_unit_test(test_stages_projection),
        cmocka_unit_test(test_rate_override),
        cmocka_unit_test(test_share_constant),
        cmocka_unit_test(test_intensity_series),
        cmocka_unit_test(test_share_cycle),
    };
    return cmocka_run_group_tests_name("compute", tests, NULL, NULL);
}
