/* test_outfile.c - atomic output: temporary file beside the target, rename
 * on success, nothing left behind on failure; xlsx_write on top of it. */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>
#include <cmocka.h>

#include "outfile.h"
#include "result.h"
#include "xlsx.h"

static char dir[] = "/tmp/capex-test-outfile-XXXXXX";

static int _setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/capex-test-outfile-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int _teardown(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    char p[512];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (rmdir(p))
            unlink(p);
    }
    closedir(d);
    return rmdir(dir);
}

/* Entries in the test folder. */
static int _entries(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (d)
        closedir(d);
    return n;
}

static char *_read(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static void commit_renames_into_place(void **state)
{
    (void)state;
    char path[256], *tmp = NULL;
    snprintf(path, sizeof path, "%s/out.xlsx", dir);
    assert_int_equal(outfile_begin(path, &tmp), 0);
    assert_non_null(tmp);
    assert_memory_equal(tmp, dir, strlen(dir));          /* same folder */
    assert_non_null(strstr(tmp, "/.out.xlsx."));
    FILE *f = fopen(tmp, "w");
    fputs("data", f);
    fclose(f);
    assert_int_equal(outfile_commit(tmp, path), 0);
    assert_int_equal(access(path, R_OK), 0);
    assert_int_equal(_entries(), 1);
}

static void abort_leaves_target_untouched(void **state)
{
    (void)state;
    char path[256], *tmp = NULL;
    snprintf(path, sizeof path, "%s/keep.xlsx", dir);
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);
    assert_int_equal(outfile_begin(path, &tmp), 0);
    assert_int_equal(_entries(), 2);
    outfile_abort(tmp);
    assert_int_equal(_entries(), 1);
    size_t n;
    char *s = _read(path, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(s, "old", 3);
    free(s);
    outfile_abort(NULL);
}

static void missing_folder_is_cantcreat(void **state)
{
    (void)state;
    char path[256], *tmp = (char *)"x";
    snprintf(path, sizeof path, "%s/no/such/out.xlsx", dir);
    assert_int_equal(outfile_begin(path, &tmp), EX_CANTCREAT);
    assert_null(tmp);
    assert_int_equal(_entries(), 0);
}

static void commit_over_a_folder_fails_cleanly(void **state)
{
    (void)state;
    char path[256], *tmp = NULL;
    snprintf(path, sizeof path, "%s/sub", dir);
    assert_int_equal(mkdir(path, 0777), 0);
    assert_int_equal(outfile_begin(path, &tmp), 0);
    assert_int_equal(outfile_commit(tmp, path), EX_CANTCREAT);
    assert_int_equal(_entries(), 1);                      /* just sub/ */
}

static void folder_of_a_path(void **state)
{
    (void)state;
    char *d = outfile_dir("a/b/c.xlsx");
    assert_string_equal(d, "a/b/");
    free(d);
    d = outfile_dir("c.xlsx");
    assert_string_equal(d, "./");
    free(d);
    d = outfile_dir("/c.xlsx");
    assert_string_equal(d, "/");
    free(d);
}

/* A small model: two stated years, interpolation, a growth driver, text
 * that looks like a formula. */
static cx_result *_result(cx_model **mp)
{
    cx_model *m = NULL;
    size_t s;
    if (cx_model_new(2023, 2027, &m) || cx_model_add_series(m, "capex.x", &s))
        return NULL;
    if (cx_model_strdup(m, "t", &m->name) ||
        cx_model_strdup(m, "=not a formula", &m->title) ||
        cx_model_strdup(m, "USD", &m->currency))
        return NULL;
    m->scale = CX_SCALE_B;
    m->as_of = 1771545600;
    m->as_of_text = "2026-02-20";
    cx_value a = {.kind = CX_V_EXACT, .low = 10, .base = 10, .high = 10,
                  .resolution = 0.5, .text = "10"};
    cx_value b = {.kind = CX_V_EXACT, .low = 16, .base = 16, .high = 16,
                  .resolution = 0.5, .text = "16"};
    m->series[s].stated[0] = a;
    m->series[s].stated[2] = b;
    m->series[s].driver.method = CX_D_GROWTH;
    m->series[s].driver.rate = 0.1;
    cx_result *r = NULL;
    size_t failed;
    if (cx_compute(m, NULL, &r, &failed)) {
        cx_model_free(m);
        return NULL;
    }
    *mp = m;
    return r;
}

static void workbook_is_deterministic_and_atomic(void **state)
{
    (void)state;
    cx_model *m = NULL;
    cx_result *r = _result(&m);
    assert_non_null(r);
    char p1[256], p2[256], bad[256];
    snprintf(p1, sizeof p1, "%s/a.xlsx", dir);
    snprintf(p2, sizeof p2, "%s/b.xlsx", dir);
    snprintf(bad, sizeof bad, "%s/missing/c.xlsx", dir);
    assert_int_equal(xlsx_write(r, p1), 0);
    sleep(1);                                   /* a clock would show */
    assert_int_equal(xlsx_write(r, p2), 0);
    size_t n1, n2;
    char *s1 = _read(p1, &n1), *s2 = _read(p2, &n2);
    assert_non_null(s1);
    assert_non_null(s2);
    assert_true(n1 > 1000);
    assert_int_equal(n1, n2);
    assert_memory_equal(s1, s2, n1);
    free(s1);
    free(s2);
    assert_int_equal(xlsx_write(r, bad), EX_CANTCREAT);
    assert_int_equal(_entries(), 2);                      /* no temporary left */
    cx_result_free(r);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(commit_renames_into_place, _setup, _teardown),
        cmocka_unit_test_setup_teardown(abort_leaves_target_untouched, _setup, _teardown),
        cmocka_unit_test_setup_teardown(missing_folder_is_cantcreat, _setup, _teardown),
        cmocka_unit_test_setup_teardown(commit_over_a_folder_fails_cleanly, _setup, _teardown),
        cmocka_unit_test_setup_teardown(folder_of_a_path, _setup, _teardown),
        cmocka_unit_test_setup_teardown(workbook_is_deterministic_and_atomic, _setup, _teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
