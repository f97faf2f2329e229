/* test_batch.c - the pieces of capex batch: output names, slices (option,
 * Slurm and Kubernetes variables), run records read back as written, CSV
 * rows with their lines, and a manifest's runs. */
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

#include "batch_plan.h"
#include "batch_record.h"
#include "batch_shard.h"
#include "csv_rows.h"
#include "fixture.h"


static void _write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_names(void **state)
{
    (void)state;
    assert_true(batch_name_ok("ai-lab-burn"));
    assert_true(batch_name_ok("lab_2.v3"));
    assert_false(batch_name_ok(""));
    assert_false(batch_name_ok("../evil"));
    assert_false(batch_name_ok("a/b"));
    assert_false(batch_name_ok("/tmp/x"));
    assert_false(batch_name_ok(".hidden"));
    assert_false(batch_name_ok("index"));
    assert_false(batch_name_ok("a..b"));
    assert_false(batch_name_ok("tab\there"));
    assert_false(batch_name_ok("bell\x07"));
    assert_false(batch_name_ok("bad\xff"));              /* not UTF-8 */
    assert_false(batch_name_ok("x\xe2\x80\xae"));      /* U+202E, a bidi control */
    assert_false(batch_name_ok("a:b"));
    /* Issue 19: letters of any script, digits and spaces are fine. */
    assert_true(batch_name_ok("with space"));
    assert_true(batch_name_ok("\xec\x82\xbc\xec\x84\xb1\xec\xa0\x84\xec\x9e\x90-"
                              "\xea\xb8\xb0\xeb\xb3\xb8"));   /* 삼성전자-기본 */
    assert_true(batch_name_ok("caf\xc3\xa9 2026"));      /* café 2026 */
    assert_true(batch_name_ok("acme-base"));
    char longname[BATCH_MAX_NAME + 2];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_false(batch_name_ok(longname));
}

static void _clear_env(void)
{
    unsetenv("SLURM_ARRAY_TASK_ID");
    unsetenv("SLURM_ARRAY_TASK_MIN");
    unsetenv("SLURM_ARRAY_TASK_STEP");
    unsetenv("SLURM_ARRAY_TASK_COUNT");
    unsetenv("JOB_COMPLETION_INDEX");
}

static void test_shard_option(void **state)
{
    (void)state;
    _clear_env();
    batch_shard s;
    assert_int_equal(batch_shard_get("2/3", 0, &s), 0);
    assert_int_equal(s.k, 2);
    assert_int_equal(s.n, 3);
    /* (run - 1) mod 3 == 1: runs 2, 5, 8 */
    int mine[9];
    for (int r = 1; r <= 9; r++)
        mine[r - 1] = batch_shard_has(&s, (size_t)r);
    int want[9] = {0, 1, 0, 0, 1, 0, 0, 1, 0};
    assert_memory_equal(mine, want, sizeof want);
    assert_int_equal(batch_shard_get("0/3", 0, &s), EX_USAGE);
    assert_int_equal(batch_shard_get("4/3", 0, &s), EX_USAGE);
    assert_int_equal(batch_shard_get("a/b", 0, &s), EX_USAGE);
    assert_int_equal(batch_shard_get("3", 0, &s), EX_USAGE);
    assert_int_equal(batch_shard_get(NULL, 0, &s), 0);
    assert_int_equal(s.n, 0);
    assert_true(batch_shard_has(&s, 7));
}

static void test_shard_slurm(void **state)
{
    (void)state;
    _clear_env();
    batch_shard s;
    /* --array=4-5: IDs 4 and 5, MIN 4, COUNT 2 -> slices 1/2 and 2/2 */
    setenv("SLURM_ARRAY_TASK_ID", "5", 1);
    setenv("SLURM_ARRAY_TASK_MIN", "4", 1);
    setenv("SLURM_ARRAY_TASK_COUNT", "2", 1);
    assert_int_equal(batch_shard_get(NULL, 0, &s), 0);
    assert_int_equal(s.k, 2);
    assert_int_equal(s.n, 2);
    /* --array=0-8:4: IDs 0, 4, 8, COUNT 3; ID 8 is the third slice */
    setenv("SLURM_ARRAY_TASK_ID", "8", 1);
    setenv("SLURM_ARRAY_TASK_MIN", "0", 1);
    setenv("SLURM_ARRAY_TASK_STEP", "4", 1);
    setenv("SLURM_ARRAY_TASK_COUNT", "3", 1);
    assert_int_equal(batch_shard_get(NULL, 0, &s), 0);
    assert_int_equal(s.k, 3);
    /* the option wins over the environment */
    assert_int_equal(batch_shard_get("1/4", 0, &s), 0);
    assert_int_equal(s.k, 1);
    assert_int_equal(s.n, 4);
    unsetenv("SLURM_ARRAY_TASK_COUNT");
    assert_int_equal(batch_shard_get(NULL, 0, &s), EX_USAGE);
    _clear_env();
}

static void test_shard_kubernetes(void **state)
{
    (void)state;
    _clear_env();
    batch_shard s;
    setenv("JOB_COMPLETION_INDEX", "0", 1);
    assert_int_equal(batch_shard_get(NULL, 4, &s), 0);
    assert_int_equal(s.k, 1);
    assert_int_equal(s.n, 4);
    assert_int_equal(batch_shard_get(NULL, 0, &s), EX_USAGE);   /* no --shards */
    setenv("JOB_COMPLETION_INDEX", "4", 1);
    assert_int_equal(batch_shard_get(NULL, 4, &s), EX_USAGE);   /* not below 4 */
    unsetenv("JOB_COMPLETION_INDEX");
    assert_int_equal(batch_shard_get(NULL, 4, &s), EX_USAGE);   /* --shards alone */
}

static void test_record_round_trip(void **state)
{
    (void)state;
    char model[] = "m/모델.yaml", name[] = "lab", row[] = "";
    batch_run run = {.run = 12, .model = model, .scenario = NULL, .name = name,
                     .row = row};
    batch_plan plan = {.n = 40};
    strcpy(plan.id, "00112233445566ff");
    batch_record rec;
    const char *msg = "m.yaml:3:4: got 'a,\"b\"' (expected\na figure)";
    assert_int_equal(batch_record_failed(&rec, &plan, &run, 65, msg), 0);
    char meta[96];
    snprintf(meta, sizeof meta, "%s/.capex", fx_dir());
    mkdir(meta, 0777);
    assert_int_equal(batch_record_save(&rec, fx_dir()), 0);
    char *path = batch_record_path(fx_dir(), "lab");
    assert_string_equal(path + strlen(fx_dir()), "/.capex/lab.csv");
    batch_record back;
    assert_int_equal(batch_record_load(&back, path, 1), 0);
    for (int c = 0; c < BR_COLUMNS; c++)
        assert_string_equal(back.f[c], rec.f[c]);
    assert_string_equal(back.f[BR_RUN], "12");
    assert_string_equal(back.f[BR_SCENARIO], "base");
    assert_string_equal(back.f[BR_STATUS], "failed");
    assert_string_equal(back.f[BR_EXIT], "65");
    assert_string_equal(back.f[BR_MODEL], "m/모델.yaml");
    assert_string_equal(back.f[BR_MESSAGE], msg);
    assert_string_equal(back.f[BR_BATCH], "00112233445566ff");
    assert_string_equal(back.f[BR_RUNS], "40");
    /* adopted by another plan: run number and identity change, once */
    batch_plan other = {.n = 41};
    strcpy(other.id, "ffeeddccbbaa9988");
    batch_run moved = run;
    moved.run = 13;
    assert_int_equal(batch_record_adopt(&back, &other, &moved), 1);
    assert_string_equal(back.f[BR_RUN], "13");
    assert_string_equal(back.f[BR_BATCH], "ffeeddccbbaa9988");
    assert_string_equal(back.f[BR_RUNS], "41");
    assert_int_equal(batch_record_adopt(&back, &other, &moved), 0);
    batch_record_release(&back);
    batch_record_release(&rec);
    /* not a record: a message and 65; missing: 66 */
    _write(path, "a,b\n1,2\n");
    assert_int_equal(batch_record_load(&back, path, 1), EX_DATAERR);
    unlink(path);
    assert_int_equal(batch_record_load(&back, path, 0), EX_NOINPUT);
    free(path);
}

static void test_records_sort(void **state)
{
    (void)state;
    batch_record r[3] = {0};
    const char *runs[3] = {"10", "9", "10"}, *names[3] = {"b", "z", "a"};
    for (int i = 0; i < 3; i++) {
        r[i].f[BR_RUN] = strdup(runs[i]);
        r[i].f[BR_NAME] = strdup(names[i]);
    }
    batch_records_sort(r, 3);   /* by run as a number, then by name */
    assert_string_equal(r[0].f[BR_NAME], "z");
    assert_string_equal(r[1].f[BR_NAME], "a");
    assert_string_equal(r[2].f[BR_NAME], "b");
    for (int i = 0; i < 3; i++)
        batch_record_release(&r[i]);
}

typedef struct _seen {
    int rows;
    int lines[4];
    size_t fields[4];
    char second[64];
} _seen;

static int _collect(void *ctx, const csvrows_field *f, size_t n, int line)
{
    _seen *s = ctx;
    if (s->rows < 4) {
        s->lines[s->rows] = line;
        s->fields[s->rows] = n;
    }
    if (s->rows == 1 && n > 1)
        snprintf(s->second, sizeof s->second, "%s", f[1].text);
    s->rows++;
    return 0;
}

static void test_csv_rows_lines(void **state)
{
    (void)state;
    char path[96];
    snprintf(path, sizeof path, "%s/rows.csv", fx_dir());
    /* BOM, CRLF, a blank line, a quoted field over two lines */
    _write(path, "\xEF\xBB\xBFmodel,output\r\na.yaml,\"two\r\nlines\"\r\n\r\nb.yaml,x\r\n");
    _seen s = {0};
    assert_int_equal(csvrows_read(path, _collect, &s), 0);
    assert_int_equal(s.rows, 3);
    assert_int_equal(s.lines[0], 1);
    assert_int_equal(s.lines[1], 2);
    assert_int_equal(s.lines[2], 5);    /* line 3 ends the quoted field, 4 is blank */
    assert_string_equal(s.second, "two\r\nlines");
    _write(path, "model\n\"open\n");
    s = (_seen){0};
    assert_int_equal(csvrows_read(path, _collect, &s), EX_DATAERR);
}

static void test_manifest(void **state)
{
    (void)state;
    char path[96];
    snprintf(path, sizeof path, "%s/runs.csv", fx_dir());
    _write(path, "model,scenario,output,revenue.x\n"
                 "m.yaml,,a,\n"
                 "/abs/m.yaml,bear,,\"{rate: 5%}\"\n");
    batch_plan p = {0};
    assert_int_equal(batch_plan_manifest(&p, path), 0);
    assert_int_equal(p.n, 2);
    char want[128];
    snprintf(want, sizeof want, "%s/m.yaml", fx_dir());   /* relative to the manifest */
    assert_string_equal(p.runs[0].model, want);
    assert_null(p.runs[0].scenario);
    assert_string_equal(p.runs[0].name, "a");
    assert_int_equal(p.runs[0].noverrides, 0);
    assert_string_equal(p.runs[1].model, "/abs/m.yaml");
    assert_string_equal(p.runs[1].name, "m-bear");     /* NAME-SCENARIO */
    assert_int_equal(p.runs[1].noverrides, 1);
    assert_string_equal(p.runs[1].overrides[0].series, "revenue.x");
    assert_string_equal(p.runs[1].overrides[0].text, "{rate: 5%}");
    assert_int_equal(p.runs[1].overrides[0].line, 3);
    assert_int_equal(p.runs[1].overrides[0].col, 4);
    assert_int_equal(p.runs[1].run, 2);
    assert_int_equal(p.runs[1].line, 3);
    assert_int_equal(batch_plan_check_names(&p), 0);
    batch_plan_release(&p);
    _write(path, "model,output\nm.yaml,../x\n");
    assert_int_equal(batch_plan_manifest(&p, path), EX_DATAERR);
    batch_plan_release(&p);
    _write(path, "model,output\nm.yaml,x\nn.yaml,x\n");
    assert_int_equal(batch_plan_manifest(&p, path), 0);
    assert_int_equal(batch_plan_check_names(&p), EX_USAGE);
    batch_plan_release(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_shard_option),
        cmocka_unit_test(test_shard_slurm),
        cmocka_unit_test(test_shard_kubernetes),
        cmocka_unit_test(test_record_round_trip),
        cmocka_unit_test(test_records_sort),
        cmocka_unit_test(test_csv_rows_lines),
        cmocka_unit_test(test_manifest),
    };
    return cmocka_run_group_tests(tests, fx_dir_setup, fx_dir_teardown);
}
