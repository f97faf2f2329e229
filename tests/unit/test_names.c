/*
 * test_names.c - status messages, value kinds and check kind names.
 */
#include "fixture.h"

static void test_strerror(void **state)
{
    (void)state;
    assert_string_equal(cx_strerror(CX_OK), "success");
    assert_string_equal(cx_strerror(CX_ENOMEM), "out of memory");
    assert_string_equal(cx_strerror(CX_EINVAL), "invalid argument");
    for (int i = 0; i < CX_STATUS_COUNT; i++) {
        assert_non_null(cx_strerror((cx_status)i));
        for (int j = 0; j < i; j++)
            assert_string_not_equal(cx_strerror((cx_status)i),
                                    cx_strerror((cx_status)j));
    }
    assert_string_equal(cx_strerror(CX_STATUS_COUNT), "unknown error");
    assert_string_equal(cx_strerror((cx_status)-1), "unknown error");
}

static void test_value_kind_names(void **state)
{
    (void)state;
    static const char *const want[] = {
        "missing", "exact", "estimate", "floor", "range", "interpolated",
        "projected", "derived",
    };
    for (int k = CX_V_MISSING; k <= CX_V_DERIVED; k++)
        assert_string_equal(cx_value_kind_name((cx_value_kind)k), want[k]);
    assert_string_equal(cx_value_kind_name((cx_value_kind)99), "unknown");
}

static void test_value_present_and_stated(void **state)
{
    (void)state;
    cx_value v = {0};
    assert_false(cx_value_present(&v));
    assert_false(cx_value_stated(&v));
    assert_false(cx_value_present(NULL));
    assert_false(cx_value_stated(NULL));
    for (int k = CX_V_EXACT; k <= CX_V_RANGE; k++) {
        v.kind = (cx_value_kind)k;
        assert_true(cx_value_present(&v));
        assert_true(cx_value_stated(&v));
    }
    for (int k = CX_V_INTERPOLATED; k <= CX_V_DERIVED; k++) {
        v.kind = (cx_value_kind)k;
        assert_true(cx_value_present(&v));
        assert_false(cx_value_stated(&v));
    }
}

static void test_check_kind_names(void **state)
{
    (void)state;
    assert_string_equal(cx_check_kind_name(CX_C_SUM), "sum");
    assert_string_equal(cx_check_kind_name(CX_C_GROWTH), "growth");
    assert_string_equal(cx_check_kind_name(CX_C_MULTIPLE), "multiple");
    assert_string_equal(cx_check_kind_name(CX_C_CAGR), "cagr");
    assert_string_equal(cx_check_kind_name(CX_C_CUMULATIVE), "cumulative");
    assert_string_equal(cx_check_kind_name(CX_C_BREAK_EVEN), "break_even");
    assert_string_equal(cx_check_kind_name(CX_C_KIND_COUNT), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_value_kind_names),
        cmocka_unit_test(test_value_present_and_stated),
        cmocka_unit_test(test_check_kind_names),
    };
    return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
