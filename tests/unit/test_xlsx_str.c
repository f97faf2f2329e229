/* test_xlsx_str.c - xs_printf writes what snprintf writes: the formats it
 * writes itself (literal text, %s, %d, %c, %%) and those it passes on,
 * each expected string spelled out by hand. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "xlsx_book.h"

static void formats_as_printf(void **state)
{
    (void)state;
    xb_str s;
    xs_init(&s);
    xs_printf(&s, "%s", "");
    assert_non_null(xs_get(&s));
    assert_string_equal(xs_get(&s), "");
    xs_printf(&s, "=(1+%s)^(%d/%d)-1", "Inputs!$C$7", 1, 12);
    assert_string_equal(xs_get(&s), "=(1+Inputs!$C$7)^(1/12)-1");
    xs_clear(&s);
    xs_printf(&s, "%c%d:%c%d", 'B', 7, 'Z', -42);
    assert_string_equal(xs_get(&s), "B7:Z-42");
    xs_clear(&s);
    xs_printf(&s, "%d %d %d", 0, INT_MAX, INT_MIN);
    assert_string_equal(xs_get(&s), "0 2147483647 -2147483648");
    xs_clear(&s);
    xs_printf(&s, "100%% of %s", "설비투자");        /* UTF-8 passes whole */
    assert_string_equal(xs_get(&s), "100% of 설비투자");
    xs_clear(&s);
    const char *volatile none = NULL;   /* glibc's printf writes (null) */
    xs_printf(&s, "[%s]", none);
    assert_string_equal(xs_get(&s), "[(null)]");
    xs_clear(&s);
    xs_printf(&s, "%s*%.3g+%zu", "a", 0.12345, (size_t)9);   /* passed on */
    assert_string_equal(xs_get(&s), "a*0.123+9");
    xs_clear(&s);
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    xs_printf(&s, "%s%d", big, 5);              /* grows past its room */
    assert_int_equal(strlen(xs_get(&s)), sizeof big);
    assert_string_equal(xs_get(&s) + sizeof big - 1, "5");
    assert_false(s.failed);
    xs_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_as_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
