/* test_read_model.c - model files into cx_model: what is read, and what is
 * refused with which message. Files are written to a temporary folder. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "read_model.h"
#include "fixture.h"


/* Write text to fx_dir()/name; returns the path (static buffer per call site). */
static const char *_write(const char *name, const char *text, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", fx_dir(), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static cx_model *_read_ok(const char *text)
{
    char path[128];
    cx_model *m = NULL;
    int rc = read_model(_write("ok.yaml", text, path, sizeof path), &m);
    assert_int_equal(rc, 0);
    assert_non_null(m);
    return m;
}

/* Read text expecting failure rc; returns stderr's first line (static). */
static const char *_read_fail(const char *name, const char *text, int want_rc)
{
    static char line[512];
    char path[128], errpath[128];
    _write(name, text, path, sizeof path);
    snprintf(errpath, sizeof errpath, "%s/stderr", fx_dir());
    fflush(stderr);
    int saved = dup(2);
    assert_non_null(freopen(errpath, "w", stderr));
    cx_model *m = (cx_model *)1;
    int rc = read_model(path, &m);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(rc, want_rc);
    assert_null(m);
    FILE *f = fopen(errpath, "r");
    assert_non_null(f);
    if (!fgets(line, sizeof line, f))
        line[0] = '\0';
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    /* drop the temporary folder from the message */
    size_t n = strlen(fx_dir());
    if (!strncmp(line, fx_dir(), n))
        memmove(line, line + n + 1, strlen(line + n + 1) + 1);
    return line;
}

#define HEAD "model: t\nyears: 2023..2030\n"

static size_t _series(const cx_model *m, const char *name)
{
    size_t i = cx_model_find_series(m, name);
    assert_int_not_equal(i, CX_NO_INDEX);
    return i;
}

static const cx_value *_at(const cx_model *m, const char *name, int year)
{
    return &m->series[_series(m, name)].stated[year - m->first_year];
}

static void defaults(void **state)
{
    (void)state;
    cx_model *m = _read_ok(HEAD "series:\n  capex.google: {2024: 52}\n");
    assert_string_equal(m->name, "t");
    assert_string_equal(m->title, "t");
    assert_string_equal(m->currency, "USD");
    assert_int_equal(m->scale, CX_SCALE_B);
    assert_int_equal(m->first_year, 2023);
    assert_int_equal(m->last_year, 2030);
    assert_int_equal(m->nyears, 8);
    assert_int_equal((long long)m->as_of, 946684800LL);     /* 2000-01-01 */
    assert_string_equal(m->as_of_text, "2000-01-01");
    assert_non_null(strstr(m->file, "/ok.yaml"));
    assert_int_equal(m->nseries, 1);
    assert_int_equal(m->series[0].unit, CX_U_MONEY);
    assert_int_equal(m->series[0].line, 4);
    assert_int_equal(m->series[0].col, 3);
    assert_false(m->burn.enabled);
    cx_model_free(m);
}

static const char big[] =
    "# Big Tech capex\n"
    "model: bigtech-capex\n"
    "title: Big Tech capex\n"
    "currency: KRW\n"
    "unit: M\n"
    "years: 2023..2030\n"
    "as_of: 2026-02-20\n"
    "series:\n"
    "  capex.google:\n"
    "    label: Google\n"
    "    values: {2023: ~32, 2024: 52, 2025: 1.4B, 2026: {value: 180+, source: \"가이던스\"}}\n"
    "    source: \"연도별 추이 표\"\n"
    "  capex.meta: {2024: 39, 2025: 645..665, source: deck}\n"
    "  capex.total:\n"
    "    sum_of: [capex.google, capex.meta]\n"
    "    stated: {2024: ~91}\n"
    "  capex.ai_share: {2026: ~75%}\n"
    "  power.dc: {unit: GW, 2025: 4.5}\n"
    "constants:\n"
    "  hbm.wafer_per_gb: {value: 4, unit: x, label: wafer}\n"
    "drivers:\n"
    "  capex.google: {method: fade, from: cagr(2024..2026), to: 5%, over: 4, source: me}\n"
    "  capex.meta: {method: rates, rates: [30%, 0.2]}\n"
    "scenarios:\n"
    "  bear:\n"
    "    description: fades to zero\n"
    "    drivers:\n"
    "      capex.google: {to: 0%}\n"
    "      capex.meta: {method: growth, rate: -5%}\n"
    "commitments:\n"
    "  - {name: Oracle, total: 300, start: 2027, years: 5}\n"
    "  - name: Custom\n"
    "    schedule: {2026: 10, 2027: 20}\n"
    "burn: {net: capex.meta}\n"
    "checks:\n"
    "  - {sum: capex.total}\n"
    "  - {multiple: capex.google, from: 2023, to: 2025, stated: ~4.7, label: x}\n"
    "  - {cagr: capex.google, from: 2023, to: 2025, stated: 40%, tolerance: 1%}\n"
    "  - {break_even: burn, stated: 2030}\n";

static void header_and_series(void **state)
{
    (void)state;
    cx_model *m = _read_ok(big);
    assert_string_equal(m->name, "bigtech-capex");
    assert_string_equal(m->currency, "KRW");
    assert_int_equal(m->scale, CX_SCALE_M);
    assert_int_equal((long long)m->as_of, 1771545600LL);   /* 2026-02-20 UTC */
    assert_int_equal(m->nseries, 5);

    const cx_value *v = _at(m, "capex.google", 2023);
    assert_int_equal(v->kind, CX_V_ESTIMATE);
    assert_true(v->base == 32 && v->resolution == 0.5);
    assert_string_equal(v->text, "~32");
    assert_int_equal(v->line, 11);
    assert_int_equal(v->col, 20);
    v = _at(m, "capex.google", 2025);                      /* 1.4B in an M model */
    assert_true(v->base == 1400 && v->resolution == 50);
    v = _at(m, "capex.google", 2026);
    assert_int_equal(v->kind, CX_V_FLOOR);
    assert_true(v->low == 180 && isinf(v->high));
    assert_string_equal(v->source, "가이던스");
    assert_int_equal(_at(m, "capex.google", 2027)->kind, CX_V_MISSING);
    const cx_series *g = &m->series[_series(m, "capex.google")];
    assert_string_equal(g->label, "Google");
    assert_string_equal(g->source, "연도별 추이 표");

    v = _at(m, "capex.meta", 2025);
    assert_int_equal(v->kind, CX_V_RANGE);
    assert_true(v->low == 645 && v->base == 655 && v->high == 665);
    assert_string_equal(m->series[_series(m, "capex.meta")].source, "deck");

    const cx_series *t = &m->series[_series(m, "capex.total")];
    assert_int_equal(t->kind, CX_S_SUM);
    assert_int_equal(t->nparts, 2);
    assert_int_equal(t->parts[0], _series(m, "capex.google"));
    assert_int_equal(t->parts[1], _series(m, "capex.meta"));
    assert_true(_at(m, "capex.total", 2024)->base == 91);

    const cx_series *share = &m->series[_series(m, "capex.ai_share")];
    assert_int_equal(share->unit, CX_U_RATIO);                 /* inferred from % */
    assert_true(_at(m, "capex.ai_share", 2026)->base == 0.75);
    const cx_series *p = &m->series[_series(m, "power.dc")];
    assert_int_equal(p->unit, CX_U_OTHER);
    assert_string_equal(p->unit_text, "GW");

    assert_int_equal(m->nconstants, 1);
    assert_string_equal(m->constants[0].name, "hbm.wafer_per_gb");
    assert_int_equal(m->constants[0].unit, CX_U_MULTIPLE);
    assert_true(m->constants[0].value.base == 4);
    cx_model_free(m);
}

static void drivers_and_scenarios(void **state)
{
    (void)state;
    cx_model *m = _read_ok(big);
    const cx_driver *d = &m->series[_series(m, "capex.google")].driver;
    assert_int_equal(d->method, CX_D_FADE);
    assert_true(d->from_cagr);
    assert_int_equal(d->cagr_from, 2024);
    assert_int_equal(d->cagr_to, 2026);
    assert_true(d->terminal == 0.05);
    assert_int_equal(d->over, 4);
    assert_int_equal(d->line, 22);
    d = &m->series[_series(m, "capex.meta")].driver;
    assert_int_equal(d->method, CX_D_RATES);
    assert_int_equal(d->nrates, 2);
    assert_true(d->rates[0] == 0.3 && d->rates[1] == 0.2);

    assert_int_equal(m->nscenarios, 1);
    const cx_scenario *s = &m->scenarios[0];
    assert_string_equal(s->name, "bear");
    assert_string_equal(s->description, "fades to zero");
    assert_int_equal(s->noverrides, 2);
    /* keys not given keep the base driver's values */
    const cx_driver *o = &s->overrides[0].driver;
    assert_int_equal(s->overrides[0].series, _series(m, "capex.google"));
    assert_int_equal(o->method, CX_D_FADE);
    assert_true(o->from_cagr && o->cagr_from == 2024 && o->over == 4);
    assert_true(o->terminal == 0);
    /* a new method starts afresh */
    o = &s->overrides[1].driver;
    assert_int_equal(o->method, CX_D_GROWTH);
    assert_true(o->rate == -0.05);
    assert_null(o->rates);
    cx_model_free(m);
}

static void commitments_burn_checks(void **state)
{
    (void)state;
    cx_model *m = _read_ok(big);
    assert_int_equal(m->ncommitments, 2);
    const cx_commitment *c = &m->commitments[0];
    assert_string_equal(c->name, "Oracle");
    assert_true(c->total.base == 300);
    assert_int_equal(c->start, 2027);
    assert_int_equal(c->years, 5);
    assert_null(c->schedule);
    c = &m->commitments[1];
    assert_int_equal(c->total.kind, CX_V_MISSING);
    assert_non_null(c->schedule);
    assert_true(c->schedule[2026 - 2023].base == 10);
    assert_true(c->schedule[2027 - 2023].base == 20);
    assert_int_equal(c->schedule[2028 - 2023].kind, CX_V_MISSING);

    assert_true(m->burn.enabled);
    assert_int_equal(m->burn.net, _series(m, "capex.meta"));
    assert_int_equal(m->burn.revenue, CX_NO_INDEX);

    assert_int_equal(m->nchecks, 4);
    assert_int_equal(m->checks[0].kind, CX_C_SUM);
    assert_int_equal(m->checks[0].series, _series(m, "capex.total"));
    assert_true(isnan(m->checks[0].tolerance));
    assert_int_equal(m->checks[1].kind, CX_C_MULTIPLE);
    assert_true(m->checks[1].stated.base == 4.7);
    assert_true(m->checks[1].stated.resolution == 0.05);
    assert_int_equal(m->checks[1].from, 2023);
    assert_int_equal(m->checks[1].to, 2025);
    assert_string_equal(m->checks[1].label, "x");
    assert_true(m->checks[2].stated.base == 0.4);
    assert_true(m->checks[2].tolerance == 0.01);
    assert_int_equal(m->checks[3].kind, CX_C_BREAK_EVEN);
    assert_true(m->checks[3].stated.base == 2030);
    assert_int_equal(m->checks[3].series, CX_NO_INDEX);
    cx_model_free(m);
}

static void bom_crlf_korean(void **state)
{
    (void)state;
    cx_model *m = _read_ok("\xEF\xBB\xBFmodel: t\r\nyears: 2023..2030\r\n"
                           "title: \"빅테크 capex\"\r\nseries:\r\n"
                           "  capex.google: {2024: 52}\r\n");
    assert_string_equal(m->title, "빅테크 capex");
    assert_int_equal(m->series[0].line, 5);
    cx_model_free(m);
    /* positions after a BOM and CRLF line ends */
    assert_string_equal(_read_fail("crlf.yaml", "\xEF\xBB\xBFmodel: t\r\nyears: 2023..2030\r\n"
                                   "series:\r\n  capex.google: {2024: x}\r\n", 65),
                        "crlf.yaml:4:24: expected a figure for year 2024 (like 381, "
                        "~140, 140+ or 645..665), got 'x'");
}

static void csv_import(void **state)
{
    (void)state;
    char path[128];
    _write("s.csv", "series,2023,2024,source,label\r\n"
                    "capex.google,~32,\"1,400\",\"deck, p. 3\",Google\r\n"
                    "\r\n"
                    "share.ai,,75%,,\r\n", path, sizeof path);
    cx_model *m = _read_ok(HEAD "import: s.csv\n"
                           "series:\n  capex.total: {sum_of: [capex.google]}\n");
    assert_int_equal(m->nseries, 3);
    const cx_series *g = &m->series[_series(m, "capex.google")];
    assert_string_equal(g->source, "deck, p. 3");
    assert_string_equal(g->label, "Google");
    assert_int_equal(g->line, 3);                  /* the import in the model */
    assert_int_equal(_at(m, "capex.google", 2023)->kind, CX_V_ESTIMATE);
    assert_true(_at(m, "capex.google", 2024)->base == 1400);
    const cx_series *s = &m->series[_series(m, "share.ai")];
    assert_int_equal(s->unit, CX_U_RATIO);
    assert_true(_at(m, "share.ai", 2024)->base == 0.75);
    assert_int_equal(_at(m, "share.ai", 2023)->kind, CX_V_MISSING);
    cx_model_free(m);

    _write("r.csv", "series,2023,2024\ncapex.a,1,2\ncapex.b,1\n", path, sizeof path);
    assert_string_equal(_read_fail("r.yaml", HEAD "import: r.csv\n", 65),
                        "r.csv:3:3: 2 fields where the header has 3");
}

static void errors(void **state)
{
    (void)state;
    assert_string_equal(_read_fail("e1.yaml", HEAD "series:\n  capex.google:\n"
                                   "    vaules: {2024: 1}\n", 65),
                        "e1.yaml:5:5: unknown key 'vaules' in series 'capex.google' "
                        "(did you mean 'values'?)");
    assert_string_equal(_read_fail("e2.yaml", "model: t\nseries:\n  a.b: {2024: 1}\n", 65),
                        "e2.yaml:1:1: missing key 'years' at the top of the model "
                        "(like 2023..2030)");
    assert_string_equal(_read_fail("e3.yaml", HEAD "series:\n  a.b: {2024: 58%, 2025: 1}\n",
                                   65),
                        "e3.yaml:4:15: unexpected '%' for year 2024, got '58%' (a money "
                        "figure; '%' is for rates, ratios and shares)");
    assert_string_equal(_read_fail("e4.yaml", HEAD "series:\n  a.b: {2024: 1}\n"
                                   "  a.c: {sum_of: [a.b, a.d]}\n  a.d: {sum_of: [a.c]}\n", 65),
                        "e4.yaml:5:9: circular sum: 'a.c' depends on itself through "
                        "'sum_of'");
    assert_string_equal(_read_fail("e5.yaml", HEAD "series:\n  a.b: {2024: 1}\n"
                                   "scenarios:\n  s: {drivers: {a.b: {rate: 5%}}}\n", 65),
                        "e5.yaml:6:22: missing key 'method' in the driver of 'a.b' "
                        "(growth, rates, cagr or fade)");
    assert_string_equal(_read_fail("e6.yaml", HEAD "unit: q\nseries:\n  a.b: {2024: 1}\n", 65),
                        "e6.yaml:3:7: expected a scale for 'unit' (1, K, M, B or T; also "
                        "k, mn, bn, tn), got 'q'");
    assert_string_equal(_read_fail("e7.yaml", HEAD "series:\n  a.b: {2024: 1}\n"
                                   "checks:\n  - {growth: a.b, from: 2025, to: 2024, "
                                   "stated: 5%}\n", 65),
                        "e7.yaml:6:35: 'to' 2024 must come after 'from' 2025");
    assert_string_equal(_read_fail("e8.yaml", "- 1\n- 2\n", 65),
                        "e8.yaml:1:1: expected a mapping with 'model', 'years' and "
                        "'series' at the top, got a sequence");
    assert_string_equal(_read_fail("e9.yaml", HEAD "series:\n  a.b: {2024: 1}\n"
                                   "drivers:\n  a.b: {method: rates, rates: [5%..6%]}\n", 65),
                        "e9.yaml:6:32: expected a single figure for projected year 1 "
                        "in 'rates', got the range '5%..6%'");
}

static void no_file(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/none.yaml", fx_dir());
    cx_model *m = (cx_model *)1;
    fflush(stderr);
    int saved = dup(2);
    assert_non_null(freopen("/dev/null", "w", stderr));
    int rc = read_model(path, &m);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(rc, 66);
    assert_null(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults),
        cmocka_unit_test(header_and_series),
        cmocka_unit_test(drivers_and_scenarios),
        cmocka_unit_test(commitments_burn_checks),
        cmocka_unit_test(bom_crlf_korean),
        cmocka_unit_test(csv_import),
        cmocka_unit_test(errors),
        cmocka_unit_test(no_file),
    };
    return cmocka_run_group_tests_name("read_model", tests, fx_dir_setup, fx_dir_teardown);
}
