/*
 * test_formula.c - the formula compiler and evaluator (model/formula.h):
 * every function and operator over a small model, values worked by hand,
 * empty years with their reasons, units and the errors' offsets.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "model.h"

#define N 4

/* capex.a 10 20 0 40 (money), ocf.a 30 25 NAN 50 (money), share.a 50% 25%
 * 10% 100% (ratio), power.a 1 2 3 4 (GW); constant k = 4 (x); model in B. */
static const double _capex[N] = {10, 20, 0, 40}, _ocf[N] = {30, 25, NAN, 50},
                    _share[N] = {0.5, 0.25, 0.1, 1}, _power[N] = {1, 2, 3, 4};

static cx_model *_model(void)
{
    static const char *const names[] = {"capex.a", "ocf.a", "share.a", "power.a",
                                        "fcf.a"};
    static const cx_unit units[] = {CX_U_MONEY, CX_U_MONEY, CX_U_RATIO, CX_U_OTHER,
                                    CX_U_MONEY};
    cx_model *m;
    size_t s;
    cx_constant *c;
    assert_ok(cx_model_new(2023, 2023 + N - 1, &m));
    m->scale = CX_SCALE_B;
    for (size_t i = 0; i < 5; i++) {
        assert_ok(cx_model_add_series(m, names[i], &s));
        m->series[s].unit = units[i];
        m->series[s].unit_text = units[i] == CX_U_OTHER ? "GW" : NULL;
    }
    assert_ok(cx_model_add_constant(m, &c));
    c->name = "k";
    c->unit = CX_U_MULTIPLE;
    c->value.base = 4;
    return m;
}

/* Compile text for fcf.a (index 4) and run it into out / why, with steps
 * periods a year. */
static void _eval_steps(const char *text, size_t steps, double *out, uint32_t *why)
{
    cx_model *m = _model();
    cx_formula f;
    cx_fx_error e;
    assert_ok(cx_formula_compile(m, 4, text, strlen(text), &f, &e));
    const double *series[5] = {_capex, _ocf, _share, _power, NULL};
    double consts[1] = {4};
    size_t need = cx_formula_scratch(&f, N);
    double *scratch = malloc(need * sizeof *scratch);
    uint32_t *ws = malloc(need * sizeof *ws);
    int *starts = malloc(f.ncode * sizeof *starts);
    cx_fx_env env = {series, consts, N, steps, scratch, ws};
    cx_formula_eval(&f, &env, out, why, starts);
    free(scratch);
    free(ws);
    free(starts);
    cx_formula_release(&f);
    cx_model_free(m);
}

static void _eval(const char *text, double *out, uint32_t *why)
{
    _eval_steps(text, 1, out, why);
}

static void _expect_steps(const char *text, size_t steps, const double want[N])
{
    double out[N];
    uint32_t why[N];
    _eval_steps(text, steps, out, why);
    for (size_t t = 0; t < N; t++) {
        if (isnan(want[t]))
            assert_true(isnan(out[t]));
        else
            assert_near(out[t], want[t], 1e-12);
    }
}

static void _expect(const char *text, const double want[N])
{
    _expect_steps(text, 1, want);
}

static void test_arithmetic(void **state)
{
    (void)state;
    /* ocf - capex: 30-10 = 20, 25-20 = 5, empty (ocf), 50-40 = 10 */
    _expect("ocf.a - capex.a", (double[N]){20, 5, NAN, 10});
    /* precedence: 1 + 2 * 3 = 7; -(2) * 3 = -6; (1 + 2) * 3 = 9 */
    _expect("1 + 2 * 3", (double[N]){7, 7, 7, 7});
    _expect("-2 * 3", (double[N]){-6, -6, -6, -6});
    _expect("(1 + 2) * 3", (double[N]){9, 9, 9, 9});
    /* left to right: 10 - 4 - 3 = 3 (not 10 - (4 - 3) = 9) */
    _expect("10 - 4 - 3", (double[N]){3, 3, 3, 3});
    /* figures: 1.4T in a B model = 1400; 58% = 0.58; ~3 = 3 */
    _expect("1.4T + capex.a", (double[N]){1410, 1420, 1400, 1440});
    _expect("58% * capex.a", (double[N]){5.8, 11.6, 0, 23.2});
    _expect("~3 * k", (double[N]){12, 12, 12, 12});
}

static void test_functions(void **state)
{
    (void)state;
    /* lag: capex a year back: empty, 10, 20, 0; two years: empty, empty, 10, 20 */
    _expect("lag(capex.a)", (double[N]){NAN, 10, 20, 0});
    _expect("lag(capex.a, 2)", (double[N]){NAN, NAN, 10, 20});
    /* cumsum: 10, 30, 30, 70 */
    _expect("cumsum(capex.a)", (double[N]){10, 30, 30, 70});
    /* min / max of capex and 15: 10 15 0 15 / 15 20 15 40 */
    _expect("min(capex.a, 15)", (double[N]){10, 15, 0, 15});
    _expect("max(capex.a, 15, 5)", (double[N]){15, 20, 15, 40});
    /* abs(5 - capex): 5 15 5 35 */
    _expect("abs(5 - capex.a)", (double[N]){5, 15, 5, 35});
    /* if capex > 15 then 1 else 0 */
    _expect("if(capex.a > 15, 1, 0)", (double[N]){0, 1, 0, 1});
    /* yoy: 20/10-1 = 1; 0/20-1 = -1; 40/0: division by zero */
    _expect("yoy(capex.a)", (double[N]){NAN, 1, -1, NAN});
    /* sum of capex.* = capex.a alone (fcf.a is the series itself) */
    _expect("sum(capex.*, 1)", (double[N]){11, 21, 1, 41});
    /* comparisons: == and != give 1 or 0 */
    _expect("(capex.a == 20) + (capex.a != 0) * 10", (double[N]){10, 11, 0, 10});
    /* at equality (capex 20 in 2024): <= and >= hold, < does not:
     * 10: 1 + 0 + 100; 20: 1 + 10 + 0; 0: 1 + 0 + 100; 40: 0 + 10 + 0 */
    _expect("(capex.a <= 20) + (capex.a >= 20) * 10 + (capex.a < 20) * 100",
            (double[N]){101, 11, 101, 10});
    /* if: any condition but 0 is true, a negative one too (capex - 15:
     * -5, 5, -15, 25) */
    _expect("if(capex.a - 15, 1, 0)", (double[N]){1, 1, 1, 1});
    /* share * capex: 5, 5, 0, 40; power / 2: 0.5 1 1.5 2 */
    _expect("share.a * capex.a", (double[N]){5, 5, 0, 40});
    _expect("power.a / 2", (double[N]){0.5, 1, 1.5, 2});
}

static void test_periods_of_a_year(void **state)
{
    (void)state;
    /* two periods a year: lag(x) and yoy(x) look two periods back.
     * capex 10 20 0 40: lag empty, empty, 10, 20; yoy 0/10-1 = -1, 40/20-1 = 1 */
    _expect_steps("lag(capex.a)", 2, (double[N]){NAN, NAN, 10, 20});
    _expect_steps("yoy(capex.a)", 2, (double[N]){NAN, NAN, -1, 1});
}

static void test_empty_years(void **state)
{
    (void)state;
    double out[N];
    uint32_t why[N];
    /* ocf / capex: 3, 1.25, empty (ocf has none), 1.25 */
    _eval("ocf.a / capex.a", out, why);
    assert_near(out[0], 3, 0);
    assert_int_equal(CX_FXW_KIND(why[2]), CX_FXW_MISSING);
    assert_int_equal(CX_FXW_SERIES(why[2]), 1);
    /* capex / (capex - 20): 10/-10 = -1, 20/0 empty, 0/-20 = -0, 40/20 = 2 */
    _eval("capex.a / (capex.a - 20)", out, why);
    assert_near(out[0], -1, 0);
    assert_true(isnan(out[1]));
    assert_int_equal(CX_FXW_KIND(why[1]), CX_FXW_DIV0);
    assert_near(out[3], 2, 0);
    /* lag before the first year */
    _eval("lag(capex.a)", out, why);
    assert_int_equal(CX_FXW_KIND(why[0]), CX_FXW_LAG);
    /* if: the branch not taken may be empty */
    _eval("if(capex.a > 5, capex.a, capex.a / 0)", out, why);
    assert_near(out[0], 10, 0);
    assert_true(isnan(out[2]));
    assert_int_equal(CX_FXW_KIND(why[2]), CX_FXW_DIV0);
    /* overflow is empty, never inf: 1e200 * 1e200 */
    _eval("100000000000000000000000000000000000000000000000000000000000000000000"
          "0000000000000000000000000000000000000000000000000000000000000000000000"
          "00000000000000000000000000000000000000000000000000000000000000 * "
          "100000000000000000000000000000000000000000000000000000000000000000000"
          "0000000000000000000000000000000000000000000000000000000000000000000000"
          "00000000000000000000000000000000000000000000000000000000000000", out, why);
    assert_true(isnan(out[0]));
    assert_int_equal(CX_FXW_KIND(why[0]), CX_FXW_RANGE);
}

static void _error(const char *text, cx_fx_err code, size_t offset, const char *msg)
{
    cx_model *m = _model();
    cx_formula f;
    cx_fx_error e;
    assert_int_equal(cx_formula_compile(m, 4, text, strlen(text), &f, &e), CX_EINVAL);
    assert_int_equal(e.code, code);
    assert_int_equal(e.offset, offset);
    assert_string_equal(e.message, msg);
    assert_null(f.code);
    cx_model_free(m);
}

static void test_errors(void **state)
{
    (void)state;
    _error("capex.a + share.a", CX_FXE_UNIT, 8,
           "cannot add money and % (expected figures in the same unit)");
    _error("capex.a * ocf.a", CX_FXE_UNIT, 8, "cannot multiply money and money "
           "(expected a figure, %, x or a count times money or a count)");
    _error("capx.a", CX_FXE_NAME, 0, "unknown series or constant 'capx.a'");
    _error("mx(1)", CX_FXE_FUNC, 0, "unknown function 'mx'");
    _error("lag(capex.a, -1)", CX_FXE_ARGS, 13,
           "lag's years back must be a whole number from 0 to 200 (like lag(x, 2))");
    _error("1 +", CX_FXE_SYNTAX, 3, "unexpected end of formula (expected a figure, "
           "a name, a function or '(')");
    _error("sum(x.*)", CX_FXE_GLOB, 4, "'x.*' matches no series (expected a glob "
           "like capex.*)");
    _error("fcf.a + 1", CX_FXE_SYNTAX, 0, "a formula cannot use its own series "
           "(expected other series; lag of itself is not supported)");
}

static void test_units_and_inputs(void **state)
{
    (void)state;
    cx_model *m = _model();
    cx_formula f;
    cx_fx_error e;
    const char *t = "ocf.a / capex.a + share.a - lag(ocf.a)/ocf.a";
    assert_ok(cx_formula_compile(m, 4, t, strlen(t), &f, &e));
    assert_int_equal(f.unit, CX_FXU_RATIO);          /* money / money: a ratio */
    assert_int_equal(f.ninputs, 3);                  /* ocf, capex, share once each */
    assert_int_equal(f.inputs[0], 1);
    assert_int_equal(f.inputs[1], 0);
    assert_int_equal(f.inputs[2], 2);
    cx_formula_release(&f);
    t = "power.a * k";                               /* a count times x: GW */
    assert_ok(cx_formula_compile(m, 4, t, strlen(t), &f, &e));
    assert_int_equal(f.unit, CX_FXU_OTHER);
    assert_string_equal(f.unit_text, "GW");
    cx_formula_release(&f);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arithmetic),
        cmocka_unit_test(test_functions),
        cmocka_unit_test(test_periods_of_a_year),
        cmocka_unit_test(test_empty_years),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_units_and_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
