/*
 * test_formula_history.c - a derived series read from a model file and
 * computed: where its stated history ends, and how its empty years are
 * told (two figures mutation testing found only an e2e check pinned down,
 * docs/testing.md). Worked by hand:
 *   a.x stated 2023..2026 (1, 2, 3, 4); b.x stated 2023..2024 (10, 20),
 *   then grown 10%. f.x = a.x + b.x is stated through the last year every
 *   input is stated, 2024: 11 then 22, multiple 22/11 = 2, CAGR 100%;
 *   2025 = 3 + 22 = 25 and 2026 = 4 + 24.2 = 28.2 are projected.
 *   g.x = lag(a.x, 5) has no value in any year of 2023..2026 (5 years back
 *   is before 2023), with a driver or not: one note for the whole run.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "read_model.h"

#define HISTORY \
    "model: hist\nyears: 2023..2026\nas_of: 2026-02-20\nseries:\n" \
    "  a.x: {values: {2023: 1, 2024: 2, 2025: 3, 2026: 4}}\n" \
    "  b.x: {values: {2023: 10, 2024: 20}}\n" \
    "  f.x: {formula: \"a.x + b.x\"}\n" \
    "  g.x: {formula: \"lag(a.x, 5)\"}\n" \
    "drivers:\n  b.x: {method: growth, rate: 10%}\n" \
    "  g.x: {method: growth, rate: 10%}\n"

static cx_result *_history(cx_model **m)
{
    char path[160];
    snprintf(path, sizeof path, "%s/hist.yaml", fx_dir());
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(HISTORY, f);
    fclose(f);
    assert_int_equal(read_model(path, m), 0);
    cx_result *r = NULL;
    assert_int_equal(cx_compute(*m, NULL, &r, NULL), CX_OK);
    return r;
}

static void test_stated_through_the_inputs_last_stated_year(void **state)
{
    (void)state;
    cx_model *m;
    cx_result *r = _history(&m);
    const cx_series_result *f = &r->series[cx_model_find_series(m, "f.x")];
    assert_int_equal(f->first, 0);
    assert_int_equal(f->last_stated, 1);            /* 2024 */
    assert_near(f->v[0].base, 11, 1e-12);
    assert_near(f->v[1].base, 22, 1e-12);
    assert_near(f->v[2].base, 25, 1e-12);
    assert_near(f->v[3].base, 28.2, 1e-12);
    assert_near(f->hist_multiple, 2, 1e-12);
    assert_near(f->hist_cagr, 1, 1e-12);
    cx_result_free(r);
    cx_model_free(m);
}

static void test_empty_in_every_year_is_one_note(void **state)
{
    (void)state;
    cx_model *m;
    cx_result *r = _history(&m);
    size_t g = cx_model_find_series(m, "g.x"), notes = 0;
    for (size_t i = 0; i < r->nnotes; i++)
        if (r->notes[i].series == g) {
            notes++;
            assert_non_null(strstr(r->notes[i].text, "2023..2026"));
        }
    assert_int_equal(notes, 1);
    for (int t = 0; t < 4; t++)
        assert_true(isnan(r->series[g].v[t].base) || r->series[g].v[t].kind == CX_V_MISSING);
    cx_result_free(r);
    cx_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stated_through_the_inputs_last_stated_year),
        cmocka_unit_test(test_empty_in_every_year_is_one_note),
    };
    return cmocka_run_group_tests_name("formula_history", tests, fx_dir_setup, fx_dir_teardown);
}
