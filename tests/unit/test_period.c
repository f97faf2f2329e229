/*
 * test_period.c - model/period.c: keys, ranges, titles, dates, fiscal
 * years, per-period rates. Every expectation is counted by hand.
 */
#include "fixture.h"
#include "period.h"

static void test_parse_keys(void **state)
{
    (void)state;
    cx_period_key k;
    assert_int_equal(cx_period_parse("2025", &k), CX_PERIOD_OK);
    assert_int_equal(k.per_year, 1);
    assert_int_equal(k.year, 2025);
    assert_int_equal(cx_period_parse("2025Q1", &k), CX_PERIOD_OK);
    assert_int_equal(k.per_year, 4);
    assert_int_equal(k.sub, 1);
    assert_int_equal(cx_period_parse("2025-03", &k), CX_PERIOD_OK);
    assert_int_equal(k.per_year, 12);
    assert_int_equal(k.sub, 3);
}

static void test_parse_bad_keys(void **state)
{
    (void)state;
    cx_period_key k;
    assert_int_equal(cx_period_parse("2024Q5", &k), CX_PERIOD_QUARTER);
    assert_int_equal(cx_period_parse("2024Q0", &k), CX_PERIOD_QUARTER);
    assert_int_equal(cx_period_parse("2024-13", &k), CX_PERIOD_MONTH);
    assert_int_equal(cx_period_parse("2024-00", &k), CX_PERIOD_MONTH);
    assert_int_equal(cx_period_parse("2024-3", &k), CX_PERIOD_SYNTAX);
    assert_int_equal(cx_period_parse("2024Q12", &k), CX_PERIOD_SYNTAX);
    assert_int_equal(cx_period_parse("24Q1", &k), CX_PERIOD_SYNTAX);
    assert_int_equal(cx_period_parse("2024 ", &k), CX_PERIOD_SYNTAX);
    assert_int_equal(cx_period_parse("1899", &k), CX_PERIOD_YEAR);
    assert_int_equal(cx_period_parse(NULL, &k), CX_PERIOD_SYNTAX);
}

static void test_monthly_range(void **state)
{
    (void)state;
    cx_calendar c;
    char b[CX_PERIOD_KEY_MAX];
    /* 2025-01..2027-12: 3 years of 12 months = 36 periods */
    assert_int_equal(cx_calendar_parse("2025-01..2027-12", 12, &c),
                     CX_PERIOD_OK);
    assert_int_equal(c.per_year, 12);
    assert_int_equal(c.n, 36);
    assert_string_equal(cx_period_key_str(&c, 2, b, sizeof b), "2025-03");
    assert_string_equal(cx_period_title(&c, 2, b, sizeof b), "Mar 2025");
    assert_string_equal(cx_period_key_str(&c, 35, b, sizeof b), "2027-12");
    /* February 2028 is a leap month: 2028-01..2028-03, t = 1 */
    assert_int_equal(cx_calendar_parse("2028-01..2028-03", 12, &c),
                     CX_PERIOD_OK);
    cx_date d = cx_period_end(&c, 1);
    assert_int_equal(d.year, 2028);
    assert_int_equal(d.month, 2);
    assert_int_equal(d.day, 29);
}

static void test_fiscal_quarters(void **state)
{
    (void)state;
    cx_calendar c;
    char b[CX_PERIOD_KEY_MAX];
    /* fiscal_year_end 6: FY2025 = Jul 2024 .. Jun 2025, so 2025Q1 is
     * Jul..Sep 2024 and 2025Q4 Apr..Jun 2025. 2025Q1..2026Q4 = 8. */
    assert_int_equal(cx_calendar_parse("2025Q1..2026Q4", 6, &c),
                     CX_PERIOD_OK);
    assert_int_equal(c.n, 8);
    cx_date s = cx_period_start(&c, 0), e = cx_period_end(&c, 0);
    assert_int_equal(s.year, 2024);
    assert_int_equal(s.month, 7);
    assert_int_equal(s.day, 1);
    assert_int_equal(e.year, 2024);
    assert_int_equal(e.month, 9);
    assert_int_equal(e.day, 30);
    e = cx_period_end(&c, 3);
    assert_int_equal(e.year, 2025);
    assert_int_equal(e.month, 6);
    assert_int_equal(e.day, 30);
    assert_string_equal(cx_period_key_str(&c, 0, b, sizeof b), "2025Q1");
    assert_string_equal(cx_period_title(&c, 0, b, sizeof b), "Q1 FY25");
    assert_string_equal(cx_period_title(&c, 4, b, sizeof b), "Q1 FY26");
    /* periods 0..3 roll up into FY2025, 4..7 into FY2026 */
    for (int t = 0; t < 8; t++)
        assert_int_equal(cx_period_fiscal_year(&c, t), t < 4 ? 2025 : 2026);
    int first, count;
    cx_calendar_fiscal_years(&c, &first, &count);
    assert_int_equal(first, 2025);
    assert_int_equal(count, 2);
    assert_true(cx_calendar_full_year(&c, 0));
    assert_true(cx_calendar_full_year(&c, 1));
}

static void test_calendar_quarters(void **state)
{
    (void)state;
    cx_calendar c;
    /* fiscal_year_end 12: 2025Q2 is Apr..Jun 2025 */
    assert_int_equal(cx_calendar_parse("2025Q1..2025Q4", 12, &c),
                     CX_PERIOD_OK);
    cx_date s = cx_period_start(&c, 1);
    assert_int_equal(s.year, 2025);
    assert_int_equal(s.month, 4);
}

static void test_index(void **state)
{
    (void)state;
    cx_calendar c;
    cx_period_key k;
    int t = -1;
    assert_int_equal(cx_calendar_parse("2025-01..2027-12", 12, &c),
                     CX_PERIOD_OK);
    assert_int_equal(cx_period_parse("2026-02", &k), CX_PERIOD_OK);
    assert_int_equal(cx_period_index(&c, &k, &t), CX_PERIOD_OK);
    assert_int_equal(t, 13); /* 12 months of 2025, then Jan, Feb: t 13 */
    assert_int_equal(cx_period_parse("2028-01", &k), CX_PERIOD_OK);
    assert_int_equal(cx_period_index(&c, &k, &t), CX_PERIOD_OUTSIDE);
    assert_int_equal(cx_period_parse("2024-12", &k), CX_PERIOD_OK);
    assert_int_equal(cx_period_index(&c, &k, &t), CX_PERIOD_OUTSIDE);
    assert_int_equal(cx_period_parse("2025Q1", &k), CX_PERIOD_OK);
    assert_int_equal(cx_period_index(&c, &k, &t), CX_PERIOD_FREQUENCY);
}

static void test_bad_ranges(void **state)
{
    (void)state;
    cx_calendar c;
    assert_int_equal(cx_calendar_parse("2025-01..2027-12", 13, &c),
                     CX_PERIOD_FY_END);
    assert_int_equal(cx_calendar_parse("2025-01..2027-12", 0, &c),
                     CX_PERIOD_FY_END);
    assert_int_equal(cx_calendar_parse("2027-12..2025-01", 12, &c),
                     CX_PERIOD_BACKWARDS);
    assert_int_equal(cx_calendar_parse("2025Q1..2027-12", 12, &c),
                     CX_PERIOD_MIXED);
    assert_int_equal(cx_calendar_parse("2025Q1..2025Q5", 12, &c),
                     CX_PERIOD_QUARTER);
    assert_int_equal(cx_calendar_parse("2025-01", 12, &c), CX_PERIOD_SYNTAX);
    /* 1901-01..2100-12 is 200 * 12 = 2400 months: the limit;
     * 1900-12..2100-12 is 2401 */
    assert_int_equal(cx_calendar_parse("1901-01..2100-12", 12, &c),
                     CX_PERIOD_OK);
    assert_int_equal(c.n, 2400);
    assert_int_equal(cx_calendar_parse("1900-12..2100-12", 12, &c),
                     CX_PERIOD_TOO_MANY);
}

static void test_annual_is_today(void **state)
{
    (void)state;
    cx_calendar c;
    char b[CX_PERIOD_KEY_MAX];
    /* years: 2023..2030 = 8 calendar years, t = year - 2023 */
    assert_int_equal(cx_calendar_years(&c, 2023, 2030, 12), CX_PERIOD_OK);
    assert_int_equal(c.n, 8);
    for (int t = 0; t < 8; t++) {
        assert_int_equal(cx_period_fiscal_year(&c, t), 2023 + t);
        snprintf(b, sizeof b, "%d", 2023 + t);
        char k[CX_PERIOD_KEY_MAX];
        assert_string_equal(cx_period_key_str(&c, t, k, sizeof k), b);
        assert_string_equal(cx_period_title(&c, t, k, sizeof k), b);
    }
    cx_date e = cx_period_end(&c, 0);
    assert_int_equal(e.month, 12);
    assert_int_equal(e.day, 31);
}

static void test_partial_fiscal_years(void **state)
{
    (void)state;
    cx_calendar c;
    /* months 2025-03..2026-02 with fiscal_year_end 12: Mar..Dec 2025 in
     * FY2025 (10 months, partial) and Jan..Feb 2026 in FY2026 (partial) */
    assert_int_equal(cx_calendar_parse("2025-03..2026-02", 12, &c),
                     CX_PERIOD_OK);
    int first, count;
    cx_calendar_fiscal_years(&c, &first, &count);
    assert_int_equal(first, 2025);
    assert_int_equal(count, 2);
    assert_int_equal(cx_period_fiscal_year(&c, 9), 2025);  /* Dec 2025 */
    assert_int_equal(cx_period_fiscal_year(&c, 10), 2026); /* Jan 2026 */
    assert_false(cx_calendar_full_year(&c, 0));
    assert_false(cx_calendar_full_year(&c, 1));
    /* fiscal_year_end 6, months 2024-07..2025-06: exactly FY2025 */
    assert_int_equal(cx_calendar_parse("2024-07..2025-06", 6, &c),
                     CX_PERIOD_OK);
    cx_calendar_fiscal_years(&c, &first, &count);
    assert_int_equal(first, 2025);
    assert_int_equal(count, 1);
    assert_true(cx_calendar_full_year(&c, 0));
}

static void test_rate_per_period(void **state)
{
    (void)state;
    /* 21% a year: 1.21^(1/2) = 1.1, so two half-years of 10%; monthly:
     * 1.21^(1/12) - 1; annual: the rate itself, bit for bit */
    assert_near(cx_rate_per_period(0.21, 1), 0.21, 0);
    assert_near(cx_rate_per_period(0.21, 2), 0.1, 1e-15);
    /* 1.02^4 = 1.08243216, so 8.243216% a year is
     * 2% a quarter */
    assert_near(cx_rate_per_period(0.08243216, 4), 0.02, 1e-15);
    /* 12 months compound back to the annual rate */
    double m = cx_rate_per_period(0.1, 12);
    assert_near(pow(1 + m, 12) - 1, 0.1, 1e-14);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_keys),
        cmocka_unit_test(test_parse_bad_keys),
        cmocka_unit_test(test_monthly_range),
        cmocka_unit_test(test_fiscal_quarters),
        cmocka_unit_test(test_calendar_quarters),
        cmocka_unit_test(test_index),
        cmocka_unit_test(test_bad_ranges),
        cmocka_unit_test(test_annual_is_today),
        cmocka_unit_test(test_partial_fiscal_years),
        cmocka_unit_test(test_rate_per_period),
    };
    return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
