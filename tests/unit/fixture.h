/*
 * fixture.h - helpers shared by the engine's unit tests: building small
 * models and comparing doubles. Header-only (static inline) so that every
 * test_*.c stays a single translation unit.
 */
#ifndef CX_TEST_FIXTURE_H
#define CX_TEST_FIXTURE_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "result.h"

/* |a - b| <= eps; eps 0 means bit-for-bit equal values. */
#define assert_near(a, b, eps) do { \
        double a_ = (a), b_ = (b); \
        if (!(fabs(a_ - b_) <= (eps))) \
            fail_msg("%s = %.17g, expected %.17g", #a, a_, b_); \
    } while (0)

#define assert_ok(expr) assert_int_equal((expr), CX_OK)

/* A scratch folder for tests that write files: its path, made by
 * fx_dir_setup and removed with everything in it by fx_dir_teardown (use
 * them as a cmocka group's setup and teardown). */
static inline char *fx_dir(void)
{
    static char dir[64];
    return dir;
}

static inline int fx_dir_setup(void **state)
{
    (void)state;
    strcpy(fx_dir(), "/tmp/capex-test-XXXXXX");
    return mkdtemp(fx_dir()) ? 0 : -1;
}

static inline int fx_dir_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx_dir());
    return system(cmd) == 0 ? 0 : -1;
}

static inline cx_value fx_value(cx_value_kind kind, double low, double base,
                                double high, double resolution,
                                const char *text)
{
    return (cx_value){.kind = kind, .low = low, .base = base, .high = high,
                      .resolution = resolution, .text = text};
}

/* An exact figure written with no decimals (resolution 0.5). */
static inline cx_value fx_exact(double x)
{
    return fx_value(CX_V_EXACT, x, x, x, 0.5, NULL);
}

/* A series with exact figures in the given years. */
static inline size_t fx_series(cx_model *m, const char *name, const int *years,
                               const double *values, size_t n)
{
    size_t s;
    assert_ok(cx_model_add_series(m, name, &s));
    for (size_t i = 0; i < n; i++) {
        int t = cx_model_year_index(m, years[i]);
        assert_true(t >= 0);
        m->series[s].stated[t] = fx_exact(values[i]);
    }
    return s;
}

static inline size_t fx_sum(cx_model *m, const char *name, const size_t *parts,
                            size_t n)
{
    size_t s;
    assert_ok(cx_model_add_series(m, name, &s));
    assert_ok(cx_series_set_parts(&m->series[s], parts, n));
    return s;
}

static inline void fx_growth(cx_model *m, size_t s, double rate)
{
    m->series[s].driver = (cx_driver){.method = CX_D_GROWTH, .rate = rate};
}

/* A driver with a rate list the model owns (cx_model_free frees it). */
static inline void fx_rates(cx_model *m, size_t s, const double *rates, size_t n)
{
    cx_driver d = {.method = CX_D_RATES, .rates = (double *)rates, .nrates = n};
    assert_ok(cx_driver_copy(&m->series[s].driver, &d));
}

static inline cx_model *fx_model(int first, int last)
{
    cx_model *m = NULL;
    assert_ok(cx_model_new(first, last, &m));
    return m;
}

static inline cx_result *fx_compute(const cx_model *m, const char *scenario)
{
    cx_result *r = NULL;
    size_t failed = 0;
    assert_ok(cx_compute(m, scenario, &r, &failed));
    assert_int_equal(failed, CX_NO_INDEX);
    return r;
}

/* A burn of revenue.lab - costs.lab, both stated in years[n] (the model
 * spans them). */
static inline cx_model *fx_burn(const int *years, const double *rev,
                                const double *costs, size_t n)
{
    cx_model *m = fx_model(years[0], years[n - 1]);
    m->burn.enabled = 1;
    m->burn.revenue = fx_series(m, "revenue.lab", years, rev, n);
    m->burn.costs = fx_series(m, "costs.lab", years, costs, n);
    return m;
}

/* Burn then funding of net[n] from first_year; release both with
 * fx_fund_release. */
static inline void fx_fund(const double *net, size_t n, int first_year,
                           const cx_funding_in *in, cx_burn *b, cx_funding *f)
{
    assert_ok(cx_burn_compute(net, n, first_year, b));
    assert_ok(cx_funding_compute(b, net, in, f));
}

static inline void fx_fund_release(cx_burn *b, cx_funding *f)
{
    cx_funding_release(f);
    cx_burn_release(b);
}

/* The first note whose text contains `needle`, or NULL. */
static inline const cx_note *fx_find_note(const cx_result *r, const char *needle)
{
    for (size_t i = 0; i < r->nnotes; i++)
        if (strstr(r->notes[i].text, needle))
            return &r->notes[i];
    return NULL;
}

/*
 * The seed's Big Tech capex table (USD B), 2023..2030, and the HBM market:
 *             2023  2024  2025  2026
 *   google     ~32   ~52    91   180
 *   amazon     ~48   ~83   128   200
 *   meta       ~28   ~39    72   125
 *   microsoft  ~32   ~48    88   140
 *   total     ~140  ~222   381  645..665   (stated; parts sum 140, 222, 379, 645)
 *   market.hbm              34    55
 */
static inline cx_model *fx_bigtech(size_t *total, size_t *hbm)
{
    static const int years[] = {2023, 2024, 2025, 2026};
    static const double capex[4][4] = {
        {32, 52, 91, 180}, {48, 83, 128, 200},
        {28, 39, 72, 125}, {32, 48, 88, 140},
    };
    static const char *const names[] = {
        "capex.google", "capex.amazon", "capex.meta", "capex.microsoft",
    };
    cx_model *m = fx_model(2023, 2030);
    size_t parts[4];
    for (size_t i = 0; i < 4; i++)
        parts[i] = fx_series(m, names[i], years, capex[i], 4);
    *total = fx_sum(m, "capex.total", parts, 4);
    cx_value *st = m->series[*total].stated;
    st[0] = fx_value(CX_V_ESTIMATE, 140, 140, 140, 0.5, "~140");
    st[1] = fx_value(CX_V_ESTIMATE, 222, 222, 222, 0.5, "~222");
    st[2] = fx_value(CX_V_EXACT, 381, 381, 381, 0.5, "381");
    st[3] = fx_value(CX_V_RANGE, 645, 655, 665, 0.5, "645..665");
    static const int hyears[] = {2025, 2026};
    static const double hvals[] = {34, 55};
    *hbm = fx_series(m, "market.hbm", hyears, hvals, 2);
    return m;
}

#endif
