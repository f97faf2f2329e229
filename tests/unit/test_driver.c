/*
 * test_driver.c - driver names, copies and the rate of each projected year.
 */
#include "fixture.h"
#include "driver.h"

static void test_method_names(void **state)
{
    (void)state;
    assert_string_equal(cx_method_name(CX_D_NONE), "none");
    assert_string_equal(cx_method_name(CX_D_GROWTH), "growth");
    assert_string_equal(cx_method_name(CX_D_RATES), "rates");
    assert_string_equal(cx_method_name(CX_D_CAGR), "cagr");
    assert_string_equal(cx_method_name(CX_D_FADE), "fade");
    assert_string_equal(cx_method_name((cx_method)42), "unknown");
}

static void test_copy_is_deep(void **state)
{
    (void)state;
    double rates[] = {1.1, 0.55, 0.2};
    cx_driver src = {.method = CX_D_RATES, .rates = rates, .nrates = 3,
                     .line = 7, .col = 3};
    cx_driver dst;
    assert_ok(cx_driver_copy(&dst, &src));
    assert_int_equal(dst.method, CX_D_RATES);
    assert_int_equal(dst.nrates, 3);
    assert_int_equal(dst.line, 7);
    assert_int_equal(dst.col, 3);
    assert_ptr_not_equal(dst.rates, rates);
    rates[0] = 9;
    assert_near(dst.rates[0], 1.1, 0);
    assert_near(dst.rates[2], 0.2, 0);
    cx_driver_release(&dst);
}

static void test_copy_without_rates(void **state)
{
    (void)state;
    cx_driver src = {.method = CX_D_FADE, .rate = 0.4, .terminal = 0.05,
                     .over = 4, .from_cagr = 1, .cagr_from = 2024,
                     .cagr_to = 2026};
    cx_driver dst;
    assert_ok(cx_driver_copy(&dst, &src));
    assert_null(dst.rates);
    assert_near(dst.terminal, 0.05, 0);
    assert_int_equal(dst.over, 4);
    assert_int_equal(dst.cagr_from, 2024);
    assert_int_equal(dst.cagr_to, 2026);
    cx_driver_release(&dst);
}

static void test_copy_bad_arguments(void **state)
{
    (void)state;
    cx_driver d = {.method = CX_D_RATES, .nrates = 2};   /* rates NULL */
    cx_driver dst;
    assert_int_equal(cx_driver_copy(&dst, &d), CX_EINVAL);
    assert_int_equal(cx_driver_copy(NULL, &d), CX_EINVAL);
    assert_int_equal(cx_driver_copy(&dst, NULL), CX_EINVAL);
}

static void test_release_resets(void **state)
{
    (void)state;
    double r = 0.1;
    cx_driver src = {.method = CX_D_RATES, .rates = &r, .nrates = 1};
    cx_driver d;
    assert_ok(cx_driver_copy(&d, &src));
    cx_driver_release(&d);
    assert_int_equal(d.method, CX_D_NONE);
    assert_null(d.rates);
    assert_int_equal(d.nrates, 0);
    cx_driver_release(&d);      /* twice is fine */
    cx_driver_release(NULL);
}

static void test_rate_growth(void **state)
{
    (void)state;
    cx_driver d = {.method = CX_D_GROWTH, .rate = 0.6};
    double r;
    assert_ok(cx_driver_rate(&d, 1, NAN, &r));
    assert_near(r, 0.6, 0);
    assert_ok(cx_driver_rate(&d, 50, NAN, &r));
    assert_near(r, 0.6, 0);
}

static void test_rate_bad_arguments(void **state)
{
    (void)state;
    cx_driver d = {.method = CX_D_GROWTH, .rate = 0.6};
    cx_driver none = {.method = CX_D_NONE};
    double r;
    assert_int_equal(cx_driver_rate(&d, 0, NAN, &r), CX_EINVAL);
    assert_int_equal(cx_driver_rate(&d, -1, NAN, &r), CX_EINVAL);
    assert_int_equal(cx_driver_rate(&none, 1, NAN, &r), CX_EINVAL);
    assert_int_equal(cx_driver_rate(NULL, 1, NAN, &r), CX_EINVAL);
    assert_int_equal(cx_driver_rate(&d, 1, NAN, NULL), CX_EINVAL);
}

static void test_rate_list(void **state)
{
    (void)state;
    double rates[] = {1.1, 0.55, 0.2, 0.08};
    cx_driver d = {.method = CX_D_RATES, .rates = rates, .nrates = 4};
    double r;
    assert_ok(cx_driver_rate(&d, 1, NAN, &r));
    assert_near(r, 1.1, 0);
    assert_ok(cx_driver_rate(&d, 4, NAN, &r));
    assert_near(r, 0.08, 0);
    /* past the list the last rate holds */
    assert_ok(cx_driver_rate(&d, 5, NAN, &r));
    assert_near(r, 0.08, 0);
    assert_ok(cx_driver_rate(&d, 30, NAN, &r));
    assert_near(r, 0.08, 0);
}

static void test_rate_list_empty(void **state)
{
    (void)state;
    cx_driver d = {.method = CX_D_RATES};
    double r;
    assert_int_equal(cx_driver_rate(&d, 1, NAN, &r), CX_EINVAL);
}

static void test_rate_cagr(void **state)
{
    (void)state;
    cx_driver d = {.method = CX_D_CAGR, .rate = 0.99};
    double r;
    assert_ok(cx_driver_rate(&d, 1, 0.25, &r));
    assert_near(r, 0.25, 0);
    assert_ok(cx_driver_rate(&d, 9, 0.25, &r));
    assert_near(r, 0.25, 0);
    /* the start rate must have been resolved */
    assert_int_equal(cx_driver_rate(&d, 1, NAN, &r), CX_EINVAL);
}

static void test_fade_down(void **state)
{
    (void)state;
    /* from 40% to 5% over 4: 0.4 + (0.05-0.4)*min(k-1,3)/3 */
    cx_driver d = {.method = CX_D_FADE, .rate = 0.4, .terminal = 0.05,
                   .over = 4};
    double r;
    assert_ok(cx_driver_rate(&d, 1, NAN, &r));
    assert_near(r, 0.4, 1e-15);                  /* k=1: 0.4 */
    assert_ok(cx_driver_rate(&d, 2, NAN, &r));
    assert_near(r, 0.28333333333333333, 1e-15);  /* 0.4 - 0.35/3 */
    assert_ok(cx_driver_rate(&d, 3, NAN, &r));
    assert_near(r, 0.16666666666666667, 1e-15);  /* 0.4 - 0.70/3 */
    assert_ok(cx_driver_rate(&d, 4, NAN, &r));
    assert_near(r, 0.05, 1e-15);                 /* k=over: terminal */
    assert_ok(cx_driver_rate(&d, 9, NAN, &r));
    assert_near(r, 0.05, 1e-15);                 /* beyond over: terminal */
}

static void test_fade_up(void **state)
{
    (void)state;
    /* from 2% to 10% over 5: 0.02 + 0.08*min(k-1,4)/4 */
    cx_driver d = {.method = CX_D_FADE, .rate = 0.02, .terminal = 0.10,
                   .over = 5};
    double r;
    assert_ok(cx_driver_rate(&d, 1, NAN, &r));
    assert_near(r, 0.02, 1e-15);
    assert_ok(cx_driver_rate(&d, 3, NAN, &r));
    assert_near(r, 0.06, 1e-15);                 /* 0.02 + 0.08*2/4 */
    assert_ok(cx_driver_rate(&d, 5, NAN, &r));
    assert_near(r, 0.10, 1e-15);
    assert_ok(cx_driver_rate(&d, 6, NAN, &r));
    assert_near(r, 0.10, 1e-15);
}

static void test_fade_over_one(void **state)
{
    (void)state;
    /* A fade needs two years at least (from, then to): over = 1 would be a
     * constant rate, which is what `growth` is for. */
    cx_driver d = {.method = CX_D_FADE, .rate = 0.3, .terminal = 0.05,
                   .over = 1};
    double r;
    assert_int_equal(cx_driver_rate(&d, 1, NAN, &r), CX_EINVAL);
}

static void test_fade_from_cagr(void **state)
{
    (void)state;
    /* start from the window's CAGR (given), d->rate ignored:
     * 0.5 + (0.1-0.5)*min(k-1,2)/2 */
    cx_driver d = {.method = CX_D_FADE, .rate = 0.99, .terminal = 0.1,
                   .over = 3, .from_cagr = 1};
    double r;
    assert_ok(cx_driver_rate(&d, 1, 0.5, &r));
    assert_near(r, 0.5, 1e-15);
    assert_ok(cx_driver_rate(&d, 2, 0.5, &r));
    assert_near(r, 0.3, 1e-15);
    assert_ok(cx_driver_rate(&d, 3, 0.5, &r));
    assert_near(r, 0.1, 1e-15);
    assert_int_equal(cx_driver_rate(&d, 1, NAN, &r), CX_EINVAL);
}

static void test_fade_over_invalid(void **state)
{
    (void)state;
    cx_driver d = {.method = CX_D_FADE, .rate = 0.3, .terminal = 0.05,
                   .over = 0};
    double r;
    assert_int_equal(cx_driver_rate(&d, 1, NAN, &r), CX_EINVAL);
}

static void test_new_method_names(void **state)
{
    (void)state;
    assert_string_equal(cx_method_name(CX_D_TREND), "trend");
    assert_string_equal(cx_method_name(CX_D_STAGES), "stages");
    assert_string_equal(cx_method_name(CX_D_SHARE), "share");
    assert_string_equal(cx_method_name(CX_D_INTENSITY), "intensity");
    assert_true(cx_method_chained(CX_D_STAGES));
    assert_true(cx_method_chained(CX_D_FADE));
    assert_false(cx_method_chained(CX_D_TREND));
    assert_false(cx_method_chained(CX_D_SHARE));
    assert_false(cx_method_chained(CX_D_NONE));
}

/* high 40% for 3 years, then to 5% over 4: k = 4..7 move by (5-40)/4 =
 * -8.75 points a year: 31.25%, 22.5%, 13.75%, 5%; 5% afterwards. */
static void test_stages(void **state)
{
    (void)state;
    cx_driver d = {.method = CX_D_STAGES, .rate = 0.4, .high_years = 3,
                   .terminal = 0.05, .fade_years = 4};
    static const double want[] = {0.4, 0.4, 0.4, 0.3125, 0.225, 0.1375, 0.05, 0.05, 0.05};
    for (int k = 1; k <= 9; k++) {
        double r;
        assert_ok(cx_driver_rate(&d, k, NAN, &r));
        assert_near(r, want[k - 1], 1e-15);
    }
}

/* fade_years 0: two stages, straight from high to the terminal rate;
 * high_years 0 with fade: the fade starts in the first projected year. */
static void test_stages_edges(void **state)
{
    (void)state;
    cx_driver two = {.method = CX_D_STAGES, .rate = 0.3, .high_years = 2,
                     .terminal = 0.04, .fade_years = 0};
    double r;
    assert_ok(cx_driver_rate(&two, 2, NAN, &r));
    assert_near(r, 0.3, 0);
    assert_ok(cx_driver_rate(&two, 3, NAN, &r));
    assert_near(r, 0.04, 0);
    cx_driver now = {.method = CX_D_STAGES, .rate = 0.2, .high_years = 0,
                     .terminal = 0.1, .fade_years = 2};
    assert_ok(cx_driver_rate(&now, 1, NAN, &r));
    assert_near(r, 0.15, 1e-15);             /* 0.2 + (0.1-0.2)*1/2 */
    assert_ok(cx_driver_rate(&now, 2, NAN, &r));
    assert_near(r, 0.1, 1e-15);
    /* high from a CAGR: the start rate is used */
    cx_driver c = {.method = CX_D_STAGES, .from_cagr = 1, .rate = 9,
                   .high_years = 1, .terminal = 0, .fade_years = 1};
    assert_ok(cx_driver_rate(&c, 1, 0.25, &r));
    assert_near(r, 0.25, 0);
    assert_ok(cx_driver_rate(&c, 2, 0.25, &r));
    assert_near(r, 0, 0);
    cx_driver bad = {.method = CX_D_STAGES, .rate = 0.2, .high_years = -1};
    assert_int_equal(cx_driver_rate(&bad, 1, NAN, &r), CX_EINVAL);
    assert_int_equal(cx_driver_rate(&c, 1, NAN, &r), CX_EINVAL);   /* no CAGR */
}

static void test_unchained_have_no_rate(void **state)
{
    (void)state;
    cx_driver t = {.method = CX_D_TREND, .fit = CX_FIT_LINEAR};
    cx_driver s = {.method = CX_D_SHARE, .share = 0.75, .share_series = CX_NO_INDEX};
    double r;
    assert_int_equal(cx_driver_rate(&t, 1, NAN, &r), CX_EINVAL);
    assert_int_equal(cx_driver_rate(&s, 1, NAN, &r), CX_EINVAL);
}

static void test_overrides(void **state)
{
    (void)state;
    cx_driver d = {.method = CX_D_GROWTH, .rate = 0.1};
    double r = -1;
    assert_int_equal(cx_driver_override(&d, 2028, &r), 0);
    assert_near(r, -1, 0);
    assert_ok(cx_driver_add_override(&d, 2029, 0.12));
    assert_ok(cx_driver_add_override(&d, 2028, 0.15));
    assert_ok(cx_driver_add_override(&d, 2029, 0.13));   /* replaces */
    assert_int_equal(d.nrate_overrides, 2);
    assert_int_equal(d.rate_overrides[0].year, 2028);    /* sorted */
    assert_int_equal(d.rate_overrides[1].year, 2029);
    assert_int_equal(cx_driver_override(&d, 2029, &r), 1);
    assert_near(r, 0.13, 0);
    assert_int_equal(cx_driver_add_override(&d, 2030, NAN), CX_EINVAL);
    cx_driver copy;
    assert_ok(cx_driver_copy(&copy, &d));
    assert_ptr_not_equal(copy.rate_overrides, d.rate_overrides);
    d.rate_overrides[0].rate = 9;
    assert_int_equal(cx_driver_override(&copy, 2028, &r), 1);
    assert_near(r, 0.15, 0);
    cx_driver_release(&d);
    assert_null(d.rate_overrides);
    assert_int_equal(d.nrate_overrides, 0);
    cx_driver_release(&copy);
    cx_driver broken = {.method = CX_D_GROWTH, .nrate_overrides = 1};
    assert_int_equal(cx_driver_copy(&copy, &broken), CX_EINVAL);
}

/* The rate of a year as a function of the driver's parameter (the Monte
 * Carlo plan keeps these): fade 90% -> 25% over 4, year 3 is
 * p + (0.25 - p) * 2 / 3, at p = 0.9: 0.9 - 0.65 * 2 / 3 = 0.4666...;
 * stages high 3 years then to 8% at once: year 5 is the fixed 8%; a rate
 * list [1, 0.5, 0.2]: years 1 and 2 fixed, 3 on the last rate p. */
static void test_rate_form(void **state)
{
    (void)state;
    cx_driver fade = {.method = CX_D_FADE, .rate = 0.9, .terminal = 0.25, .over = 4};
    cx_rate_form f;
    double r;
    assert_ok(cx_driver_rate_form(&fade, 3, &f));
    assert_true(f.on_param);
    assert_near(f.to, 0.25, 0);
    assert_near(f.a, 2, 0);
    assert_near(f.b, 3, 0);
    assert_near(cx_driver_param(&fade, NAN), 0.9, 0);
    assert_near(cx_rate_form_eval(&f, 0.9), 0.9 - 0.65 * 2 / 3, 1e-15);
    assert_ok(cx_driver_rate(&fade, 3, NAN, &r));
    assert_near(cx_rate_form_eval(&f, 0.9), r, 0);
    assert_ok(cx_driver_rate_form(&fade, 1, &f));
    assert_near(f.a, 0, 0);                       /* year 1: p itself */
    assert_near(cx_rate_form_eval(&f, 0.7), 0.7, 0);
    cx_driver st = {.method = CX_D_STAGES, .rate = 0.6, .terminal = 0.08,
                    .high_years = 3, .fade_years = 0};
    assert_ok(cx_driver_rate_form(&st, 5, &f));
    assert_false(f.on_param);
    assert_near(cx_rate_form_eval(&f, 123), 0.08, 0);
    double rates[] = {1, 0.5, 0.2};
    cx_driver list = {.method = CX_D_RATES, .rates = rates, .nrates = 3};
    assert_ok(cx_driver_rate_form(&list, 2, &f));
    assert_false(f.on_param);
    assert_near(f.to, 0.5, 0);
    assert_ok(cx_driver_rate_form(&list, 3, &f));
    assert_true(f.on_param);
    assert_near(cx_driver_param(&list, NAN), 0.2, 0);
    assert_int_equal(cx_driver_rate_form(&list, 0, &f), CX_EINVAL);
    cx_driver bad = {.method = CX_D_FADE, .over = 1};
    assert_int_equal(cx_driver_rate_form(&bad, 1, &f), CX_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_method_names),
        cmocka_unit_test(test_copy_is_deep),
        cmocka_unit_test(test_copy_without_rates),
        cmocka_unit_test(test_copy_bad_arguments),
        cmocka_unit_test(test_release_resets),
        cmocka_unit_test(test_rate_growth),
        cmocka_unit_test(test_rate_bad_arguments),
        cmocka_unit_test(test_rate_list),
        cmocka_unit_test(test_rate_list_empty),
        cmocka_unit_test(test_rate_cagr),
        cmocka_unit_test(test_fade_down),
        cmocka_unit_test(test_fade_up),
        cmocka_unit_test(test_fade_over_one),
        cmocka_unit_test(test_fade_from_cagr),
        cmocka_unit_test(test_fade_over_invalid),
        cmocka_unit_test(test_new_method_names),
        cmocka_unit_test(test_stages),
        cmocka_unit_test(test_stages_edges),
        cmocka_unit_test(test_unchained_have_no_rate),
        cmocka_unit_test(test_overrides),
        cmocka_unit_test(test_rate_form),
    };
    return cmocka_run_group_tests_name("driver", tests, NULL, NULL);
}
