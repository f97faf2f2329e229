/*
 * test_discount.c - NPV (both conventions), XNPV, IRR, XIRR, serial dates,
 * and the model's `discount:` block through cx_compute. Expected values are
 * worked out by hand in the comments (or in closed form with sqrt).
 */
#include "fixture.h"
#include "discount.h"

static const double flows3[] = {-100, 60, 60};

static void test_npv_spreadsheet(void **state)
{
    (void)state;
    /* -100/1.1 + 60/1.21 + 60/1.331
     * = -90.909090909091 + 49.586776859504 + 45.078888054095 = 3.756574004508 */
    double v;
    assert_ok(cx_npv(0.1, flows3, 3, &v));
    assert_near(v, -100 / 1.1 + 60 / 1.21 + 60 / 1.331, 1e-12);
    assert_near(v, 3.756574004508, 1e-11);
}

static void test_npv_t0(void **state)
{
    (void)state;
    /* -100 + 60/1.1 + 60/1.21 = -100 + 54.545454545455 + 49.586776859504
     * = 4.132231404959 (= 1.1 x the spreadsheet NPV) */
    double v;
    assert_ok(cx_npv0(0.1, flows3, 3, &v));
    assert_near(v, 4.132231404959, 1e-11);
    /* One flow: nothing is discounted. */
    assert_ok(cx_npv0(0.1, flows3, 1, &v));
    assert_near(v, -100, 0);
}

static void test_npv_zero_rate_and_bad_args(void **state)
{
    (void)state;
    double v;
    assert_ok(cx_npv(0, flows3, 3, &v));       /* plain sum: 20 */
    assert_near(v, 20, 1e-12);
    assert_int_equal(cx_npv(-1, flows3, 3, &v), CX_EINVAL);
    assert_int_equal(cx_npv(0.1, flows3, 0, &v), CX_EINVAL);
    assert_int_equal(cx_npv(NAN, flows3, 3, &v), CX_EINVAL);
    assert_int_equal(cx_xnpv(-1.5, flows3, flows3, 3, &v), CX_EINVAL);
}

static void test_xnpv_365_days_is_npv0(void **state)
{
    (void)state;
    /* dates 365 days apart: exponents 0, 1, 2 -> the t=0 NPV 4.132231404959 */
    const double dates[] = {46022, 46387, 46752};
    double v;
    assert_ok(cx_xnpv(0.1, flows3, dates, 3, &v));
    assert_near(v, 4.132231404959, 1e-11);
}

static void test_xnpv_leap_year(void **state)
{
    (void)state;
    /* 2027-12-31 -> 2028-12-31 is 366 days: exponent 731/365 for the last
     * flow: -100 + 60/1.1 + 60/1.1^(731/365) */
    const double dates[] = {cx_serial_date(2026, 12, 31), cx_serial_date(2027, 12, 31),
                            cx_serial_date(2028, 12, 31)};
    double v;
    assert_ok(cx_xnpv(0.1, flows3, dates, 3, &v));
    assert_near(v, -100 + 60 / 1.1 + 60 / pow(1.1, 731.0 / 365.0), 1e-12);
}

static void test_irr(void **state)
{
    (void)state;
    /* -100 + 60x + 60x^2 = 0 with x = 1/(1+r): x = (-60 + sqrt(27600))/120
     * = 0.884437310486, r = 1/x - 1 = 120/(sqrt(27600) - 60) - 1 = 0.130662386292 */
    double r;
    int roots = -1;
    assert_ok(cx_irr(flows3, 3, &r, &roots));
    assert_int_equal(roots, 1);
    double exact = 120 / (sqrt(27600) - 60) - 1;
    assert_near(r, exact, 1e-14);
    assert_near(r, 0.130662386292, 1e-12);
    /* LibreOffice's Newton from 10% reaches the same root. */
    double x;
    assert_ok(cx_irr_newton(flows3, 3, 0.1, &x));
    assert_near(x, exact, 1e-12);
}

static void test_xirr_365_days_is_irr(void **state)
{
    (void)state;
    const double dates[] = {0, 365, 730};
    double r;
    int roots = -1;
    assert_ok(cx_xirr(flows3, dates, 3, &r, &roots));
    assert_int_equal(roots, 1);
    assert_near(r, 120 / (sqrt(27600) - 60) - 1, 1e-14);
    double x;
    assert_ok(cx_xirr_newton(flows3, dates, 3, 0.1, &x));
    assert_near(x, r, 1e-10);
}

static void test_two_roots(void **state)
{
    (void)state;
    /* -100 + 230x - 132x^2 = 0: x = (230 +- 10)/264 = 10/11 or 5/6, so
     * r = 10% or 20%. LibreOffice's Newton from 10% stops on 10%. */
    const double f[] = {-100, 230, -132};
    double r;
    int roots = 0;
    assert_ok(cx_irr(f, 3, &r, &roots));
    assert_int_equal(roots, 2);
    assert_near(r, 0.1, 1e-14);
}

static void test_no_root(void **state)
{
    (void)state;
    const double neg[] = {-10, -20, -5};
    const double dates[] = {0, 365, 730};
    double r = 0;
    int roots = -1;
    assert_int_equal(cx_irr(neg, 3, &r, &roots), CX_EDOMAIN);
    assert_true(isnan(r));
    assert_int_equal(roots, 0);
    assert_int_equal(cx_xirr(neg, dates, 3, &r, &roots), CX_EDOMAIN);
    assert_true(isnan(r));
    assert_int_equal(cx_irr(neg, 1, &r, &roots), CX_EINVAL);
}

static void test_irr_zero(void **state)
{
    (void)state;
    /* Flows summing to 0: NPV(0) = -100 + 40 + 60 = 0 exactly, IRR 0. */
    const double f[] = {-100, 40, 60};
    double r = 1;
    int roots = 0;
    assert_ok(cx_irr(f, 3, &r, &roots));
    assert_int_equal(roots, 1);
    assert_near(r, 0, 0);
}

static void test_serial_dates(void **state)
{
    (void)state;
    /* 1899-12-30 = 0; 1900-03-01 = 2 (Dec 30, 31) + 31 + 28 = 61;
     * 2026-12-31: 46022 (2025-12-31) + 365 = 46387; 2026-07-01 = 46387 - 183 = 46204 */
    assert_near(cx_serial_date(1899, 12, 30), 0, 0);
    assert_near(cx_serial_date(1900, 3, 1), 61, 0);
    assert_near(cx_serial_date(2026, 12, 31), 46387, 0);
    assert_near(cx_serial_date(2026, 7, 1), 46204, 0);
    assert_near(cx_serial_date(2028, 12, 31) - cx_serial_date(2027, 12, 31), 366, 0);
}

/* A model with net cash flow {2026: -100, 2027: 60, 2028: 60} as its burn. */
static cx_model *_burn_model(const double *net, size_t n)
{
    static const int years[] = {2026, 2027, 2028, 2029};
    cx_model *m = fx_model(2026, 2029);
    size_t s = fx_series(m, "net.x", years, net, n);
    m->burn = (cx_burn_spec){.enabled = 1, .net = s, .revenue = CX_NO_INDEX,
                             .costs = CX_NO_INDEX, .cash = {.kind = CX_V_MISSING}};
    m->discount = (cx_discount_spec){.enabled = 1, .rate = 0.1, .series = CX_NO_INDEX};
    return m;
}

static void test_compute_burn_flows(void **state)
{
    (void)state;
    cx_model *m = _burn_model(flows3, 3);
    cx_result *r = fx_compute(m, NULL);
    const cx_discount_result *d = &r->discount;
    assert_true(d->enabled);
    assert_int_equal(d->first_year, 2026);
    assert_int_equal(d->n, 3);
    assert_near(d->dates[0], 46387, 0);
    assert_near(d->dates[2], 46387 + 365 + 366, 0);
    assert_near(d->npv, 3.756574004508, 1e-11);
    assert_near(d->npv0, 4.132231404959, 1e-11);
    /* XNPV: -100 + 60/1.1 + 60/1.1^(731/365) */
    assert_near(d->xnpv, -100 + 60 / 1.1 + 60 / pow(1.1, 731.0 / 365.0), 1e-12);
    assert_near(d->discounted[1], 60 / 1.21, 1e-12);
    assert_near(d->irr, 120 / (sqrt(27600) - 60) - 1, 1e-14);
    assert_int_equal(d->irr_roots, 1);
    assert_true(isnan(d->irr_guess));       /* the 10% default reaches it */
    assert_true(isfinite(d->xirr));
    assert_int_equal(d->xirr_roots, 1);
    assert_string_equal(d->irr_note, "");
    cx_result_free(r);
    cx_model_free(m);
}

static void test_compute_mid_year_series(void **state)
{
    (void)state;
    static const int years[] = {2027, 2028};
    static const double v[] = {-50, 80};
    cx_model *m = fx_model(2026, 2029);
    size_t s = fx_series(m, "fcf.x", years, v, 2);
    m->discount = (cx_discount_spec){.enabled = 1, .rate = 0.2, .series = s,
                                     .dates = CX_DATES_MID_YEAR};
    cx_result *r = fx_compute(m, NULL);
    const cx_discount_result *d = &r->discount;
    assert_int_equal(d->first_year, 2027);
    assert_int_equal(d->n, 2);
    /* 2027-07-01 = 46204 + 365; 2028-07-01 one leap year (366 days) later */
    assert_near(d->dates[0], 46569, 0);
    assert_near(d->dates[1], 46569 + 366, 0);
    /* NPV: -50/1.2 + 80/1.44 = -41.666667 + 55.555556 = 13.888889;
     * IRR: -50 + 80/(1+r) = 0 -> r = 60% */
    assert_near(d->npv, -50 / 1.2 + 80 / 1.44, 1e-12);
    assert_near(d->irr, 0.6, 1e-14);
    /* XIRR: -50 + 80/(1+r)^(366/365) = 0 -> r = 1.6^(365/366) - 1 */
    assert_near(d->xirr, pow(1.6, 365.0 / 366.0) - 1, 1e-13);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_compute_two_roots_note(void **state)
{
    (void)state;
    static const double f[] = {-100, 230, -132};
    cx_model *m = _burn_model(f, 3);
    cx_result *r = fx_compute(m, NULL);
    assert_int_equal(r->discount.irr_roots, 2);
    assert_near(r->discount.irr, 0.1, 1e-14);
    assert_non_null(strstr(r->discount.irr_note, "IRR is not unique: 2 sign changes"));
    const cx_note *n = fx_find_note(r, "IRR is not unique");
    assert_non_null(n);
    assert_int_equal(n->level, CX_NOTE_WARNING);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_compute_no_irr_and_guess(void **state)
{
    (void)state;
    static const double neg[] = {-10, -20, -5};
    cx_model *m = _burn_model(neg, 3);
    cx_result *r = fx_compute(m, NULL);
    assert_true(isnan(r->discount.irr));
    assert_true(isnan(r->discount.xirr));
    assert_string_equal(r->discount.irr_note, "no IRR: no flow is positive");
    assert_non_null(fx_find_note(r, "no XIRR: no flow is positive"));
    cx_result_free(r);
    cx_model_free(m);

    /* -100, -300, -300, 50: one root near -85.5% that LibreOffice's Newton
     * from 10% does not reach: the workbook must pass the root as guess. */
    static const double far[] = {-100, -300, -300, 50};
    m = _burn_model(far, 4);
    r = fx_compute(m, NULL);
    assert_int_equal(r->discount.irr_roots, 1);
    assert_true(r->discount.irr < -0.85 && r->discount.irr > -0.86);
    assert_near(r->discount.irr_guess, r->discount.irr, 0);
    double x;   /* from that guess the spreadsheet stays on the root */
    assert_ok(cx_irr_newton(far, 4, r->discount.irr_guess, &x));
    assert_near(x, r->discount.irr, 1e-12);
    cx_result_free(r);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_npv_spreadsheet),
        cmocka_unit_test(test_npv_t0),
        cmocka_unit_test(test_npv_zero_rate_and_bad_args),
        cmocka_unit_test(test_xnpv_365_days_is_npv0),
        cmocka_unit_test(test_xnpv_leap_year),
        cmocka_unit_test(test_irr),
        cmocka_unit_test(test_xirr_365_days_is_irr),
        cmocka_unit_test(test_two_roots),
        cmocka_unit_test(test_no_root),
        cmocka_unit_test(test_irr_zero),
        cmocka_unit_test(test_serial_dates),
        cmocka_unit_test(test_compute_burn_flows),
        cmocka_unit_test(test_compute_mid_year_series),
        cmocka_unit_test(test_compute_two_roots_note),
        cmocka_unit_test(test_compute_no_irr_and_guess),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
