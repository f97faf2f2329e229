/* test_numfmt.c - locale-independent number text. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "numfmt.h"

static void exact_shortest_form(void **state)
{
    (void)state;
    char b[40];
    numfmt_exact(b, sizeof b, 645);
    assert_string_equal(b, "645");
    numfmt_exact(b, sizeof b, 0.58);
    assert_string_equal(b, "0.58");
    numfmt_exact(b, sizeof b, 0.1 + 0.2);          /* needs 17 digits */
    assert_string_equal(b, "0.30000000000000004");
    numfmt_exact(b, sizeof b, -0.0);
    assert_string_equal(b, "0");
    numfmt_exact(b, sizeof b, 645.0 / 140.0);      /* 4.607142857142857... */
    assert_string_equal(b, "4.607142857142857");   /* Python repr() agrees */
    numfmt_exact(b, sizeof b, -1.5e-7);
    assert_string_equal(b, "-1.5e-07");
}

static void human_thousands_and_sign(void **state)
{
    (void)state;
    char b[48];
    numfmt_human(b, sizeof b, 1234567.891, 1);
    assert_string_equal(b, "1,234,567.9");
    numfmt_human(b, sizeof b, -1400, 1);
    assert_string_equal(b, "-1,400.0");
    numfmt_human(b, sizeof b, 999.96, 1);           /* rounds up across a group */
    assert_string_equal(b, "1,000.0");
    numfmt_human(b, sizeof b, -0.04, 1);            /* no "-0.0" */
    assert_string_equal(b, "0.0");
    numfmt_human(b, sizeof b, 140, 0);
    assert_string_equal(b, "140");
    numfmt_human(b, sizeof b, NAN, 1);
    assert_string_equal(b, "n/a");
    numfmt_human(b, sizeof b, INFINITY, 1);
    assert_string_equal(b, "n/a");
}

static void human_truncates_safely(void **state)
{
    (void)state;
    char b[6];
    numfmt_human(b, sizeof b, 123456789, 2);       /* "123,456,789.00" cut */
    assert_int_equal(b[5], '\0');
    assert_string_equal(b, "123,4");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_shortest_form),
        cmocka_unit_test(human_thousands_and_sign),
        cmocka_unit_test(human_truncates_safely),
    };
    return cmocka_run_group_tests_name("numfmt", tests, NULL, NULL);
}
