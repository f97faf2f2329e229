/* test_json_out.c - the JSON emitter: nesting, commas, escaping, nulls. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "json_out.h"

/* Run the emitter into memory and return the text (caller frees). */
static char *_capture(void (*emit)(json_out *))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    json_out j;
    json_init(&j, f);
    emit(&j);
    fclose(f);
    return buf;
}

static void _nested(json_out *j)
{
    json_begin_object(j);
    json_kstring(j, "name", "합계 \"total\"\n");
    json_knumber(j, "x", 0.58);
    json_knumber(j, "nan", NAN);
    json_kyear(j, "year", 0);
    json_key(j, "list");
    json_begin_array(j);
    json_int(j, 1);
    json_bool(j, 1);
    json_string(j, NULL);
    json_end_array(j);
    json_key(j, "empty");
    json_begin_array(j);
    json_end_array(j);
    json_end_object(j);
}

static void nested_document(void **state)
{
    (void)state;
    char *s = _capture(_nested);
    assert_string_equal(s,
        "{\n"
        "  \"name\": \"합계 \\\"total\\\"\\n\",\n"
        "  \"x\": 0.58,\n"
        "  \"nan\": null,\n"
        "  \"year\": null,\n"
        "  \"list\": [\n"
        "    1,\n"
        "    true,\n"
        "    null\n"
        "  ],\n"
        "  \"empty\": []\n"
        "}\n");
    free(s);
}

static void _control(json_out *j)
{
    json_string(j, "a\x01" "b\tc\\");
}

static void control_characters_escaped(void **state)
{
    (void)state;
    char *s = _capture(_control);
    assert_string_equal(s, "\"a\\u0001b\\tc\\\\\"");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nested_document),
        cmocka_unit_test(control_characters_escaped),
    };
    return cmocka_run_group_tests_name("json_out", tests, NULL, NULL);
}
