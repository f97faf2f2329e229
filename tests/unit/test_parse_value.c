/* test_parse_value.c - the figure syntax of docs/format.md, values by hand. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "parse_value.h"

static const pv_rules money_b = {0, 1, CX_SCALE_B, 0, 0};
static const pv_rules ratio = {1, 0, CX_SCALE_B, 0, 0};
static const pv_rules plain = {0, 0, CX_SCALE_B, 0, 0};

/* Parse text, which must succeed, and check every field. */
static void _expect(const char *text, const pv_rules *r, cx_value_kind kind,
                    double low, double base, double high, double res)
{
    cx_value v;
    pv_status st = parse_value(text, r, &v);
    if (st != PV_OK)
        fail_msg("'%s': status %d", text, (int)st);
    assert_int_equal(v.kind, kind);
    assert_true(v.low == low);
    assert_true(v.base == base);
    assert_true(v.high == high);
    if (v.resolution != res)
        fail_msg("'%s': resolution %.17g, expected %.17g", text, v.resolution, res);
    assert_null(v.text);
}

static void _refuse(const char *text, const pv_rules *r, pv_status want)
{
    cx_value v;
    pv_status st = parse_value(text, r, &v);
    if (st != want)
        fail_msg("'%s': status %d, expected %d", text, (int)st, (int)want);
    assert_int_equal(v.kind, CX_V_MISSING);
}

static void kinds(void **state)
{
    (void)state;
    _expect("381", &money_b, CX_V_EXACT, 381, 381, 381, 0.5);
    _expect("~140", &money_b, CX_V_ESTIMATE, 140, 140, 140, 0.5);
    _expect("140+", &money_b, CX_V_FLOOR, 140, 140, INFINITY, 0.5);
    _expect("~140+", &money_b, CX_V_FLOOR, 140, 140, INFINITY, 0.5);
    _expect("645..665", &money_b, CX_V_RANGE, 645, 655, 665, 0.5);
    _expect("~645..665", &money_b, CX_V_RANGE, 645, 655, 665, 0.5);
    _expect("645 .. 665", &money_b, CX_V_RANGE, 645, 655, 665, 0.5);
    _expect("-14", &money_b, CX_V_EXACT, -14, -14, -14, 0.5);
    _expect("-20..-10", &money_b, CX_V_RANGE, -20, -15, -10, 0.5);
    _expect("  91 ", &money_b, CX_V_EXACT, 91, 91, 91, 0.5);
    _expect("0", &money_b, CX_V_EXACT, 0, 0, 0, 0.5);
}

static void decimals_and_resolution(void **state)
{
    (void)state;
    _expect("~4.7", &plain, CX_V_ESTIMATE, 4.7, 4.7, 4.7, 0.05);
    _expect("1.50", &plain, CX_V_EXACT, 1.5, 1.5, 1.5, 0.005);
    _expect("0.1", &plain, CX_V_EXACT, 0.1, 0.1, 0.1, 0.05);
    _expect("1.5..2", &plain, CX_V_RANGE, 1.5, 1.75, 2, 0.5);   /* coarser end */
    _expect("-0", &plain, CX_V_EXACT, 0, 0, 0, 0.5);
    cx_value v;
    assert_int_equal(parse_value("-0", &plain, &v), PV_OK);
    assert_false(signbit(v.base));                             /* no -0 */
}

static void percent(void **state)
{
    (void)state;
    _expect("58%", &ratio, CX_V_EXACT, 0.58, 0.58, 0.58, 0.005);
    _expect("~75%", &ratio, CX_V_ESTIMATE, 0.75, 0.75, 0.75, 0.005);
    _expect("5.5%", &ratio, CX_V_EXACT, 0.055, 0.055, 0.055, 0.0005);
    _expect("110%", &ratio, CX_V_EXACT, 1.1, 1.1, 1.1, 0.005);
    _expect("-3%", &ratio, CX_V_EXACT, -0.03, -0.03, -0.03, 0.005);
    _expect("20..30%", &ratio, CX_V_RANGE, 0.2, 0.25, 0.3, 0.005);
    _expect("20%..30%", &ratio, CX_V_RANGE, 0.2, 0.25, 0.3, 0.005);
    _expect("0.58", &ratio, CX_V_EXACT, 0.58, 0.58, 0.58, 0.005);  /* a fraction */
}

static void thousands(void **state)
{
    (void)state;
    _expect("1,400", &money_b, CX_V_EXACT, 1400, 1400, 1400, 0.5);
    _expect("12,345,678.5", &money_b, CX_V_EXACT, 12345678.5, 12345678.5,
            12345678.5, 0.05);
    _expect("~1,000..1,200", &money_b, CX_V_RANGE, 1000, 1100, 1200, 0.5);
    _refuse("1,40", &money_b, PV_ESYNTAX);
    _refuse("1,4000", &money_b, PV_ESYNTAX);
    _refuse("1234,567", &money_b, PV_ESYNTAX);
    _refuse(",400", &money_b, PV_ESYNTAX);
    _refuse("1,5", &money_b, PV_ESYNTAX);       /* not a decimal comma */
}

static void scale_suffixes(void **state)
{
    (void)state;
    _expect("1.4T", &money_b, CX_V_EXACT, 1400, 1400, 1400, 50);
    _expect("6M", &money_b, CX_V_EXACT, 0.006, 0.006, 0.006, 0.0005);
    _expect("500K", &money_b, CX_V_EXACT, 0.0005, 0.0005, 0.0005, 0.0000005);
    _expect("91B", &money_b, CX_V_EXACT, 91, 91, 91, 0.5);
    _expect("1..2T", &money_b, CX_V_RANGE, 1000, 1500, 2000, 500);  /* both in T */
    _expect("500M..1.2B", &money_b, CX_V_RANGE, 0.5, 0.85, 1.2, 0.05);
    const pv_rules money_1 = {0, 1, CX_SCALE_ONE, 0, 0}, money_m = {0, 1, CX_SCALE_M, 0, 0};
    _expect("1.4T", &money_1, CX_V_EXACT, 1.4e12, 1.4e12, 1.4e12, 5e10);
    _expect("2.5B", &money_m, CX_V_EXACT, 2500, 2500, 2500, 50);
    _expect("381", &money_m, CX_V_EXACT, 381, 381, 381, 0.5);  /* no suffix: as is */
    _refuse("1B..2", &money_b, PV_ESYNTAX);
    _expect("6m", &money_b, CX_V_EXACT, 0.006, 0.006, 0.006, 0.0005);
}

/* Figures as analysts write them (issue 16, point 8), by hand: (30) is
 * -30; $30B in a B model is 30; 30bn and 30 mn are 30 and 0.03 (30 / 1,000);
 * EUR 1.2M is 0.0012 B. */
static void analyst_notation(void **state)
{
    (void)state;
    _expect("(30)", &money_b, CX_V_EXACT, -30, -30, -30, 0.5);
    _expect("($30B)", &money_b, CX_V_EXACT, -30, -30, -30, 0.5);
    _expect("+40%", &ratio, CX_V_EXACT, 0.4, 0.4, 0.4, 0.005);
    _expect("(5%)", &ratio, CX_V_EXACT, -0.05, -0.05, -0.05, 0.005);
    _expect("$30B", &money_b, CX_V_EXACT, 30, 30, 30, 0.5);
    _expect("30bn", &money_b, CX_V_EXACT, 30, 30, 30, 0.5);
    _expect("30 mn", &money_b, CX_V_EXACT, 0.03, 0.03, 0.03, 0.0005);
    _expect("\xe2\x82\xac" "1.2M", &money_b, CX_V_EXACT, 0.0012, 0.0012, 0.0012, 0.00005);
    _expect("1.5 billion", &money_b, CX_V_EXACT, 1.5, 1.5, 1.5, 0.05);
    _expect("-$2,500 million", &money_b, CX_V_EXACT, -2.5, -2.5, -2.5, 0.0005);
    _refuse("$30", &plain, PV_ECURRENCY);
    _refuse("$30%", &ratio, PV_ECURRENCY);
    _refuse("-(30)", &money_b, PV_ESYNTAX);
    _refuse("(30", &money_b, PV_ESYNTAX);
    _refuse("30bnx", &money_b, PV_ESYNTAX);
}

/* An import's decimal comma (1.400,5 = 1400.5) and its own scale (unit: M
 * in a B model: 30 is 0.03; a figure's own suffix wins: 2B is 2). */
static void import_rules(void **state)
{
    (void)state;
    const pv_rules de = {0, 1, CX_SCALE_B, 1, 0}, m_in_b = {0, 1, CX_SCALE_B, 0,
                                                            1 + CX_SCALE_M};
    _expect("16,9", &de, CX_V_EXACT, 16.9, 16.9, 16.9, 0.05);
    _expect("1.400,5", &de, CX_V_EXACT, 1400.5, 1400.5, 1400.5, 0.05);
    _expect("1 400", &de, CX_V_EXACT, 1400, 1400, 1400, 0.5);
    _expect("1\xc2\xa0" "400,25", &de, CX_V_EXACT, 1400.25, 1400.25, 1400.25, 0.005);
    _expect("1,5..2,5", &de, CX_V_RANGE, 1.5, 2, 2.5, 0.05);
    _expect("(1.400)", &de, CX_V_EXACT, -1400, -1400, -1400, 0.5);
    _refuse("1.40", &de, PV_ESYNTAX);
    _expect("1,400", &de, CX_V_EXACT, 1.4, 1.4, 1.4, 0.0005);
    _expect("30", &m_in_b, CX_V_EXACT, 0.03, 0.03, 0.03, 0.0005);
    _expect("2B", &m_in_b, CX_V_EXACT, 2, 2, 2, 0.5);
    _expect("1,500", &m_in_b, CX_V_EXACT, 1.5, 1.5, 1.5, 0.0005);
}

static void rules(void **state)
{
    (void)state;
    _refuse("58%", &money_b, PV_EPERCENT);
    _refuse("58%", &plain, PV_EPERCENT);
    _refuse("5B", &ratio, PV_ESCALE);
    _refuse("5B", &plain, PV_ESCALE);
    _refuse("665..645", &money_b, PV_EORDER);
    _refuse("-10..-20", &money_b, PV_EORDER);
    _refuse("30%..20%", &ratio, PV_EORDER);
}

static void garbage(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "abc", "nan", "NaN", "inf", "-inf", "infinity", "1e5", "0x10", "12abc",
        "1.", ".5", "--1", "+-5", "~", "..", "1..", "..2", "1..2+", "1...2",
        "1 2", "5 %", "$$60", "1,", "~~1", "1++", "1%%", "%5", "1.2.3", "１２",
        NULL
    };
    for (int i = 0; bad[i]; i++)
        _refuse(bad[i], &money_b, PV_ESYNTAX);
    _refuse("", &money_b, PV_EEMPTY);
    _refuse("   ", &money_b, PV_EEMPTY);
}

static void overflow(void **state)
{
    (void)state;
    char big[400];
    big[0] = '1';
    for (int i = 1; i < 350; i++)
        big[i] = '0';
    big[350] = '\0';
    _refuse(big, &money_b, PV_ERANGE);
    /* fits as written, overflows once converted from T to 1 */
    const pv_rules money_1 = {0, 1, CX_SCALE_ONE, 0, 0};
    big[298] = 'T';
    big[299] = '\0';
    _refuse(big, &money_1, PV_ERANGE);
}

static void locale_independent(void **state)
{
    (void)state;
    /* a locale with a decimal comma must not change anything */
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8") || setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
        _expect("~4.7", &plain, CX_V_ESTIMATE, 4.7, 4.7, 4.7, 0.05);
        _expect("1,400", &money_b, CX_V_EXACT, 1400, 1400, 1400, 0.5);
    }
    setlocale(LC_NUMERIC, "C");
}

static void helpers(void **state)
{
    (void)state;
    long a, b;
    assert_int_equal(pv_parse_int("2024", 1900, 2200, &a), 0);
    assert_int_equal(a, 2024);
    assert_int_equal(pv_parse_int("-7", -10, 10, &a), 0);
    assert_int_equal(a, -7);
    assert_int_equal(pv_parse_int("2024 ", 1900, 2200, &a), -1);
    assert_int_equal(pv_parse_int("1800", 1900, 2200, &a), -1);
    assert_int_equal(pv_parse_int("", 0, 10, &a), -1);
    assert_int_equal(pv_parse_int("9999999999999999999", 0, 10, &a), -1);
    assert_int_equal(pv_parse_span("2023..2030", 1900, 2200, &a, &b), 0);
    assert_int_equal(a, 2023);
    assert_int_equal(b, 2030);
    assert_int_equal(pv_parse_span(" 2023 .. 2030 ", 1900, 2200, &a, &b), 0);
    assert_int_equal(pv_parse_span("2023-2030", 1900, 2200, &a, &b), -1);
    assert_int_equal(pv_parse_span("2023..", 1900, 2200, &a, &b), -1);
    assert_true(pv_is_percent("~75% "));
    assert_false(pv_is_percent("75"));
    pv_rules r = pv_rules_for(CX_U_MONEY, CX_SCALE_M);
    assert_true(r.scale && !r.percent && r.model_scale == CX_SCALE_M);
    r = pv_rules_for(CX_U_RATIO, CX_SCALE_B);
    assert_true(!r.scale && r.percent);
    r = pv_rules_for(CX_U_OTHER, CX_SCALE_B);
    assert_true(!r.scale && !r.percent);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds),
        cmocka_unit_test(decimals_and_resolution),
        cmocka_unit_test(percent),
        cmocka_unit_test(thousands),
        cmocka_unit_test(scale_suffixes),
        cmocka_unit_test(analyst_notation),
        cmocka_unit_test(import_rules),
        cmocka_unit_test(rules),
        cmocka_unit_test(garbage),
        cmocka_unit_test(overflow),
        cmocka_unit_test(locale_independent),
        cmocka_unit_test(helpers),
    };
    return cmocka_run_group_tests_name("parse_value", tests, NULL, NULL);
}
