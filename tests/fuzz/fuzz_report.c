/*
 * fuzz_report.c - libFuzzer harness for the JSON reports `capex diff`
 * reads (REPORT.json, as `capex run -f json` writes them): the fuzzed bytes
 * are a report; diff_side_from_json() reads it, with its calendar
 * ("periods") and its period keys, and report_diff() compares it with
 * itself in every format (table, CSV, JSON), written to /dev/null.
 */
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

#include "diff_side.h"
#include "fuzz_util.h"
#include "report_diff.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *_null;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    _null = fopen("/dev/null", "w");
    return _null ? 0 : 1;
}

static void _compare(const diff_side *a, const diff_side *b)
{
    static const report_format f[] = {REPORT_TABLE, REPORT_CSV, REPORT_JSON};
    int differ;
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        report_diff(_null, f[i], a, "a", b, "b", &differ);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("report.json", data, size);
    diff_side a;
    if (diff_side_from_json(&a, fuzz_path("report.json")) == 0) {
        _compare(&a, &a);
        diff_side_release(&a);
    }
    return 0;
}
