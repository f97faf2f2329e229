/*
 * test_model.c - building a model, looking things up, computation order,
 * scale helpers.
 */
#include "fixture.h"

static void test_new_valid(void **state)
{
    (void)state;
    cx_model *m = NULL;
    assert_ok(cx_model_new(2023, 2030, &m));
    assert_int_equal(m->first_year, 2023);
    assert_int_equal(m->last_year, 2030);
    assert_int_equal(m->nyears, 8);
    assert_int_equal(m->nseries, 0);
    assert_int_equal(m->burn.enabled, 0);
    assert_int_equal(m->burn.net, CX_NO_INDEX);
    assert_int_equal(m->burn.revenue, CX_NO_INDEX);
    assert_int_equal(m->burn.costs, CX_NO_INDEX);
    cx_model_free(m);
}

static void test_new_year_limits(void **state)
{
    (void)state;
    cx_model *m = (cx_model *)1;
    assert_ok(cx_model_new(1900, 1900, &m));    /* one year */
    cx_model_free(m);
    assert_ok(cx_model_new(2200, 2200, &m));
    cx_model_free(m);
    assert_ok(cx_model_new(1900, 2099, &m));    /* 200 years */
    assert_int_equal(m->nyears, 200);
    cx_model_free(m);
    assert_int_equal(cx_model_new(1900, 2100, &m), CX_EINVAL);  /* 201 */
    assert_null(m);
    assert_int_equal(cx_model_new(1899, 1950, &m), CX_EINVAL);
    assert_int_equal(cx_model_new(2150, 2201, &m), CX_EINVAL);
    assert_int_equal(cx_model_new(2030, 2023, &m), CX_EINVAL);
    assert_int_equal(cx_model_new(-2023, 2023, &m), CX_EINVAL);
    assert_int_equal(cx_model_new(2023, 2030, NULL), CX_EINVAL);
    cx_model_free(NULL);
}

static void test_strdup(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2030);
    char buf[] = "빅테크 capex";
    const char *s = (const char *)1;
    assert_ok(cx_model_strdup(m, buf, &s));
    assert_ptr_not_equal(s, buf);
    buf[0] = 'x';
    assert_string_equal(s, "빅테크 capex");
    assert_ok(cx_model_strdup(m, NULL, &s));
    assert_null(s);
    assert_int_equal(cx_model_strdup(NULL, "a", &s), CX_EINVAL);
    assert_int_equal(cx_model_strdup(m, "a", NULL), CX_EINVAL);
    cx_model_free(m);
}

static void test_add_series(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2025);
    size_t a, b;
    assert_ok(cx_model_add_series(m, "capex.google", &a));
    assert_ok(cx_model_add_series(m, "capex.meta", &b));
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    const cx_series *s = &m->series[a];
    assert_string_equal(s->name, "capex.google");
    assert_int_equal(s->kind, CX_S_INPUT);
    assert_int_equal(s->driver.method, CX_D_NONE);
    assert_null(s->parts);
    for (size_t t = 0; t < 3; t++)
        assert_int_equal(s->stated[t].kind, CX_V_MISSING);
    assert_int_equal(cx_model_add_series(m, "capex.google", &a), CX_EINVAL);
    assert_int_equal(cx_model_add_series(m, NULL, &a), CX_EINVAL);
    assert_int_equal(m->nseries, 2);
    cx_model_free(m);
}

static void test_find(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2025);
    size_t a, b;
    cx_scenario *sc;
    assert_ok(cx_model_add_series(m, "capex.google", &a));
    assert_ok(cx_model_add_series(m, "capex.meta", &b));
    assert_int_equal(cx_model_find_series(m, "capex.meta"), 1);
    assert_int_equal(cx_model_find_series(m, "capex"), CX_NO_INDEX);
    assert_int_equal(cx_model_find_series(m, NULL), CX_NO_INDEX);
    assert_int_equal(cx_model_find_series(NULL, "capex.meta"), CX_NO_INDEX);
    assert_ok(cx_model_add_scenario(m, "bull", &sc));
    assert_ok(cx_model_add_scenario(m, "bear", &sc));
    assert_string_equal(sc->name, "bear");
    assert_int_equal(cx_model_add_scenario(m, "bull", &sc), CX_EINVAL);
    assert_int_equal(cx_model_find_scenario(m, "bear"), 1);
    assert_int_equal(cx_model_find_scenario(m, "base"), CX_NO_INDEX);
    cx_model_free(m);
}

static void test_overrides(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2025);
    cx_scenario *sc;
    double rates[] = {0.1, 0.2};
    cx_driver d = {.method = CX_D_RATES, .rates = rates, .nrates = 2};
    assert_ok(cx_model_add_scenario(m, "bull", &sc));
    assert_ok(cx_scenario_add_override(sc, 0, &d));
    assert_int_equal(sc->noverrides, 1);
    assert_ptr_not_equal(sc->overrides[0].driver.rates, rates);
    assert_near(sc->overrides[0].driver.rates[1], 0.2, 0);
    /* a second override of the same series replaces the first */
    cx_driver g = {.method = CX_D_GROWTH, .rate = 0.3};
    assert_ok(cx_scenario_add_override(sc, 0, &g));
    assert_int_equal(sc->noverrides, 1);
    assert_int_equal(sc->overrides[0].driver.method, CX_D_GROWTH);
    assert_ok(cx_scenario_add_override(sc, 2, &d));
    assert_int_equal(sc->noverrides, 2);
    assert_int_equal(sc->overrides[1].series, 2);
    assert_int_equal(cx_scenario_add_override(sc, CX_NO_INDEX, &d), CX_EINVAL);
    assert_int_equal(cx_scenario_add_override(NULL, 0, &d), CX_EINVAL);
    cx_model_free(m);       /* frees the overrides' rates (ASan checks) */
}

static void test_add_zeroed(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2025);
    cx_constant *k;
    cx_commitment *c;
    cx_check *ch;
    assert_ok(cx_model_add_constant(m, &k));
    assert_null(k->name);
    assert_int_equal(k->value.kind, CX_V_MISSING);
    assert_ok(cx_model_add_commitment(m, &c));
    assert_int_equal(c->start, 0);
    assert_null(c->schedule);
    c->schedule = calloc(m->nyears, sizeof *c->schedule);  /* model frees */
    assert_ok(cx_model_add_commitment(m, &c));
    assert_int_equal(m->ncommitments, 2);
    assert_ok(cx_model_add_check(m, &ch));
    assert_int_equal(ch->kind, CX_C_SUM);
    assert_true(isnan(ch->tolerance));      /* "use the resolution" */
    assert_int_equal(m->nconstants, 1);
    assert_int_equal(m->nchecks, 1);
    assert_int_equal(cx_model_add_check(NULL, &ch), CX_EINVAL);
    assert_int_equal(cx_model_add_constant(m, NULL), CX_EINVAL);
    cx_model_free(m);
}

static void test_set_parts(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2025);
    size_t s;
    size_t parts[] = {2, 1};
    assert_ok(cx_model_add_series(m, "capex.total", &s));
    assert_ok(cx_series_set_parts(&m->series[s], parts, 2));
    parts[0] = 7;
    assert_int_equal(m->series[s].kind, CX_S_SUM);
    assert_int_equal(m->series[s].nparts, 2);
    assert_int_equal(m->series[s].parts[0], 2);
    assert_int_equal(m->series[s].parts[1], 1);
    assert_ok(cx_series_set_parts(&m->series[s], parts, 1));   /* replaces */
    assert_int_equal(m->series[s].parts[0], 7);
    assert_int_equal(cx_series_set_parts(&m->series[s], NULL, 1), CX_EINVAL);
    cx_model_free(m);
}

static void test_year_index(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2030);
    assert_int_equal(cx_model_year_index(m, 2023), 0);
    assert_int_equal(cx_model_year_index(m, 2030), 7);
    assert_int_equal(cx_model_year_index(m, 2022), -1);
    assert_int_equal(cx_model_year_index(m, 2031), -1);
    assert_int_equal(cx_model_year_index(NULL, 2025), -1);
    cx_model_free(m);
}

/* Position of series s in order. */
static size_t _pos(const size_t *order, size_t n, size_t s)
{
    for (size_t i = 0; i < n; i++)
        if (order[i] == s)
            return i;
    fail_msg("series %zu not in the order", s);
    return n;
}

static void test_order_parts_first(void **state)
{
    (void)state;
    /* 0 total = 1 + 2; 1 sub = 3 + 4; 2, 3, 4 inputs */
    cx_model *m = fx_model(2023, 2025);
    size_t idx;
    assert_ok(cx_model_add_series(m, "x.total", &idx));
    assert_ok(cx_model_add_series(m, "x.sub", &idx));
    assert_ok(cx_model_add_series(m, "x.c", &idx));
    assert_ok(cx_model_add_series(m, "x.d", &idx));
    assert_ok(cx_model_add_series(m, "x.e", &idx));
    const size_t top[] = {1, 2}, sub[] = {3, 4};
    assert_ok(cx_series_set_parts(&m->series[0], top, 2));
    assert_ok(cx_series_set_parts(&m->series[1], sub, 2));
    size_t order[5], culprit = 0;
    assert_ok(cx_model_order(m, order, &culprit));
    assert_int_equal(culprit, CX_NO_INDEX);
    assert_true(_pos(order, 5, 3) < _pos(order, 5, 1));
    assert_true(_pos(order, 5, 4) < _pos(order, 5, 1));
    assert_true(_pos(order, 5, 1) < _pos(order, 5, 0));
    assert_true(_pos(order, 5, 2) < _pos(order, 5, 0));
    /* a depth-first walk in index order: 3 4 1 2 0 */
    const size_t want[] = {3, 4, 1, 2, 0};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(order[i], want[i]);
    cx_model_free(m);
}

static void test_order_cycle(void **state)
{
    (void)state;
    /* 0 input; 1 = 0 + 2; 2 = 1: 1 -> 2 -> 1 */
    cx_model *m = fx_model(2023, 2025);
    size_t idx;
    for (int i = 0; i < 3; i++) {
        char name[16];
        name[0] = 'a';
        name[1] = '.';
        name[2] = (char)('0' + i);
        name[3] = '\0';
        assert_ok(cx_model_add_series(m, name, &idx));
    }
    const size_t p1[] = {0, 2}, p2[] = {1};
    assert_ok(cx_series_set_parts(&m->series[1], p1, 2));
    assert_ok(cx_series_set_parts(&m->series[2], p2, 1));
    size_t order[3], culprit = CX_NO_INDEX;
    assert_int_equal(cx_model_order(m, order, &culprit), CX_ECYCLE);
    assert_int_equal(culprit, 1);   /* reached again from 2 while open */
    cx_model_free(m);
}

static void test_order_self_cycle_and_bad_part(void **state)
{
    (void)state;
    cx_model *m = fx_model(2023, 2025);
    size_t idx, culprit;
    assert_ok(cx_model_add_series(m, "a.x", &idx));
    assert_ok(cx_model_add_series(m, "a.self", &idx));
    const size_t self[] = {0, 1};
    assert_ok(cx_series_set_parts(&m->series[1], self, 2));
    size_t order[2];
    assert_int_equal(cx_model_order(m, order, &culprit), CX_ECYCLE);
    assert_int_equal(culprit, 1);
    const size_t bad[] = {5};
    assert_ok(cx_series_set_parts(&m->series[1], bad, 1));
    assert_int_equal(cx_model_order(m, order, &culprit), CX_EINVAL);
    assert_int_equal(cx_model_order(NULL, order, &culprit), CX_EINVAL);
    cx_model_free(m);
}

static void test_scale(void **state)
{
    (void)state;
    assert_string_equal(cx_scale_suffix(CX_SCALE_ONE), "");
    assert_string_equal(cx_scale_suffix(CX_SCALE_K), "K");
    assert_string_equal(cx_scale_suffix(CX_SCALE_M), "M");
    assert_string_equal(cx_scale_suffix(CX_SCALE_B), "B");
    assert_string_equal(cx_scale_suffix(CX_SCALE_T), "T");
    assert_string_equal(cx_scale_suffix((cx_scale)9), "");
    assert_near(cx_scale_factor(CX_SCALE_ONE), 1, 0);
    assert_near(cx_scale_factor(CX_SCALE_K), 1e3, 0);
    assert_near(cx_scale_factor(CX_SCALE_M), 1e6, 0);
    assert_near(cx_scale_factor(CX_SCALE_B), 1e9, 0);
    assert_near(cx_scale_factor(CX_SCALE_T), 1e12, 0);
    assert_near(cx_scale_factor((cx_scale)9), 1, 0);
}

static void test_metric(void **state)
{
    (void)state;
    cx_series s = {.name = "capex.google"};
    char buf[32];
    cx_series_metric(&s, buf, sizeof buf);
    assert_string_equal(buf, "capex");
    s.name = "market.hbm.korea";
    cx_series_metric(&s, buf, sizeof buf);
    assert_string_equal(buf, "market");
    s.name = "capex";
    cx_series_metric(&s, buf, sizeof buf);
    assert_string_equal(buf, "capex");
    s.name = "revenue.lab";
    cx_series_metric(&s, buf, 4);               /* truncated to 3 + NUL */
    assert_string_equal(buf, "rev");
    cx_series_metric(NULL, buf, sizeof buf);
    assert_string_equal(buf, "");
    cx_series_metric(&s, buf, 0);               /* writes nothing */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_valid),
        cmocka_unit_test(test_new_year_limits),
        cmocka_unit_test(test_strdup),
        cmocka_unit_test(test_add_series),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_overrides),
        cmocka_unit_test(test_add_zeroed),
        cmocka_unit_test(test_set_parts),
        cmocka_unit_test(test_year_index),
        cmocka_unit_test(test_order_parts_first),
        cmocka_unit_test(test_order_cycle),
        cmocka_unit_test(test_order_self_cycle_and_bad_part),
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_metric),
    };
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
