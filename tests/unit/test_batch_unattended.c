/* test_batch_unattended.c - the pieces of capex batch for unattended runs
 * (issue 19): the content key, the zip check, normalised paths, the
 * folder lock, and a failed run's error in parts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sysexits.h>
#include <unistd.h>
#include <cmocka.h>

#include "batch_key.h"
#include "batch_lock.h"
#include "batch_plan.h"
#include "batch_record.h"
#include "fixture.h"

static void _write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *_at(const char *file)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", fx_dir(), file);
    return buf[k];
}

static void _key(const char *model, const char *scenario, char key[BATCH_KEY_SIZE])
{
    char row[] = "", sc[32] = "";
    batch_run r = {.model = strdup(model), .scenario = scenario ? sc : NULL, .row = row};
    if (scenario)
        snprintf(sc, sizeof sc, "%s", scenario);
    r.path = batch_path_normal(model);
    batch_key(&r, key);
    free(r.path);
    free(r.model);
}

static void test_path_normal(void **state)
{
    (void)state;
    char *p = batch_path_normal("/srv//models/./x/../a.yaml");
    assert_string_equal(p, "/srv/models/a.yaml");
    free(p);
    p = batch_path_normal("/../..//");
    assert_string_equal(p, "/");
    free(p);
    char cwd[4096], want[4200];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(want, sizeof want, "%s/models/a.yaml", strcmp(cwd, "/") ? cwd : "");
    p = batch_path_normal("./models//a.yaml");
    assert_string_equal(p, want);
    free(p);
}

/* The key is the content: not the times, nor how the path is written; an
 * imported CSV, the scenario and the bytes of the model change it. */
static void test_key_content(void **state)
{
    (void)state;
    _write(_at("m.yaml"), "model: m\nimport: [data.csv]\n");
    _write(_at("data.csv"), "series,2024\nx,1\n");
    char k1[BATCH_KEY_SIZE], k2[BATCH_KEY_SIZE];
    _key(_at("m.yaml"), NULL, k1);
    assert_int_equal(strlen(k1), 64);
    /* Another way to write the same path; a new modification time. */
    char other[600];
    snprintf(other, sizeof other, "%s/./sub/../m.yaml", fx_dir());
    mkdir(_at("sub"), 0777);
    struct timeval old[2] = {{1000000, 0}, {1000000, 0}};
    utimes(_at("m.yaml"), old);
    _key(other, NULL, k2);
    assert_string_equal(k1, k2);
    _key(_at("m.yaml"), "base", k2);        /* NULL is base */
    assert_string_equal(k1, k2);
    _key(_at("m.yaml"), "bear", k2);
    assert_string_not_equal(k1, k2);
    /* The import changes, one byte; then the model, its time restored. */
    _write(_at("data.csv"), "series,2024\nx,2\n");
    _key(_at("m.yaml"), NULL, k2);
    assert_string_not_equal(k1, k2);
    _write(_at("data.csv"), "series,2024\nx,1\n");
    _key(_at("m.yaml"), NULL, k2);
    assert_string_equal(k1, k2);
    _write(_at("m.yaml"), "model: n\nimport: [data.csv]\n");
    utimes(_at("m.yaml"), old);
    _key(_at("m.yaml"), NULL, k2);
    assert_string_not_equal(k1, k2);
    /* A model that cannot be read is never up to date. */
    _key(_at("missing.yaml"), NULL, k2);
    assert_string_equal(k2, "-");
}

/* A zip: what capex writes, not junk nor a workbook cut short. */
static void test_zip_ok(void **state)
{
    (void)state;
    /* The smallest zip with one stored, empty member "a": a local header
     * (30 + 1 bytes), a central header (46 + 1) at offset 31, and the end
     * record (22) saying: 1 entry, directory of 47 bytes at offset 31. */
    static const unsigned char zip[] = {
        'P', 'K', 3, 4, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 1, 0, 0, 0, 'a',
        'P', 'K', 1, 2, 20, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'a',
        'P', 'K', 5, 6, 0, 0, 0, 0, 1, 0, 1, 0, 47, 0, 0, 0, 31, 0, 0, 0, 0, 0,
    };
    FILE *f = fopen(_at("ok.xlsx"), "wb");
    assert_non_null(f);
    fwrite(zip, 1, sizeof zip, f);
    fclose(f);
    assert_true(batch_zip_ok(_at("ok.xlsx")));
    f = fopen(_at("short.xlsx"), "wb");
    fwrite(zip, 1, sizeof zip - 5, f);
    fclose(f);
    assert_false(batch_zip_ok(_at("short.xlsx")));
    _write(_at("junk.xlsx"), "junk\n");
    assert_false(batch_zip_ok(_at("junk.xlsx")));
    assert_false(batch_zip_ok(_at("none.xlsx")));
}

/* The lock is per open file: a second take, even in this process, is
 * refused (75) until the first is released. */
static void test_lock(void **state)
{
    (void)state;
    mkdir(_at(".capex"), 0777);
    batch_lock a, b;
    assert_int_equal(batch_lock_take(&a, fx_dir(), 0, 0, 0), 0);
    assert_int_equal(batch_lock_take(&b, fx_dir(), 0, 0, 0), EX_TEMPFAIL);
    assert_int_equal(batch_lock_take(&b, fx_dir(), 1, 3, 0), EX_TEMPFAIL);
    batch_lock_release(&a);
    /* Two slices of one batch share the folder; one slice twice does not. */
    assert_int_equal(batch_lock_take(&a, fx_dir(), 1, 3, 0), 0);
    assert_int_equal(batch_lock_take(&b, fx_dir(), 2, 3, 0), 0);
    batch_lock c;
    assert_int_equal(batch_lock_take(&c, fx_dir(), 2, 3, 0), EX_TEMPFAIL);
    assert_int_equal(batch_lock_take(&c, fx_dir(), 0, 0, 0), EX_TEMPFAIL);
    batch_lock_release(&a);
    batch_lock_release(&b);
    assert_int_equal(batch_lock_take(&c, fx_dir(), 0, 0, 0), 0);
    batch_lock_release(&c);
}

static void _failed(const char *message, const char *file, const char *line,
                    const char *col, const char *text)
{
    batch_plan p = {0};
    snprintf(p.id, sizeof p.id, "0123456789abcdef");
    char model[] = "models/x.yaml", name[] = "x", row[] = "";
    batch_run r = {.run = 1, .model = model, .name = name, .row = row};
    p.n = 1;
    batch_record rec;
    assert_int_equal(batch_record_failed(&rec, &p, &r, 65, message), 0);
    assert_string_equal(rec.f[BR_ERROR_FILE], file);
    assert_string_equal(rec.f[BR_ERROR_LINE], line);
    assert_string_equal(rec.f[BR_ERROR_COLUMN], col);
    assert_string_equal(rec.f[BR_ERROR_TEXT], text);
    assert_string_equal(rec.f[BR_MESSAGE], message);
    batch_record_release(&rec);
}

static void test_error_fields(void **state)
{
    (void)state;
    _failed("models/x.yaml:7:13: expected a figure", "models/x.yaml", "7", "13",
            "expected a figure");
    _failed("runs.csv:4: models/x.yaml: no scenario 'bear'", "runs.csv", "4", "",
            "models/x.yaml: no scenario 'bear'");
    _failed("a:b.yaml:2:1: c", "a:b.yaml", "2", "1", "c");   /* ':' in a file name */
    _failed("models/x.yaml: no scenario 'bear' in model 'x'", "models/x.yaml", "", "",
            "no scenario 'bear' in model 'x'");
    _failed("capex: cannot write 'out/x.xlsx': No space left on device", "", "", "",
            "cannot write 'out/x.xlsx': No space left on device");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_normal),
        cmocka_unit_test(test_key_content),
        cmocka_unit_test(test_zip_ok),
        cmocka_unit_test(test_lock),
        cmocka_unit_test(test_error_fields),
    };
    return cmocka_run_group_tests(tests, fx_dir_setup, fx_dir_teardown);
}
