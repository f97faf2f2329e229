/*
 * test_mc_stream.c - Monte Carlo streaming (cx_mc_options.on_block, what
 * `capex mc --raw` writes): blocks arrive in path order on the calling
 * thread, a zero-spread run streams the projection worked out by hand,
 * the stream is the same bytes whatever the thread count and agrees with
 * the kept per-path outputs, stream_only keeps the per-block figures, and
 * a callback can stop the run. Models are read from YAML written to a
 * temporary folder.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "fixture.h"
#include "mc.h"
#include "read_model.h"


/* Revenue 10 growing 50% a year, costs 20 growing 25%, both drawn with a
 * spread of sd percentage points (0: points at the deterministic rates). */
#define MODEL_FMT \
    "model: stream\n" \
    "years: 2024..2028\n" \
    "series:\n" \
    "  revenue.x: {values: {2024: 10}}\n" \
    "  costs.x: {values: {2024: 20}}\n" \
    "drivers:\n" \
    "  revenue.x: {method: growth, rate: 50%%}\n" \
    "  costs.x: {method: growth, rate: 25%%}\n" \
    "%s" \
    "uncertainty:\n" \
    "  revenue.x: {dist: normal, mean: 50%%, sd: %g%%}\n" \
    "  costs.x: {dist: uniform, low: %g%%, high: %g%%}\n" \
    "%s"

#define BURN "burn: {revenue: revenue.x, costs: costs.x}\n"
#define TARGETS "  targets: [{break_even_by: 2027}, {cumulative_burn_through: 2027, below: 30}]\n"

typedef struct fx {
    cx_model *m;
    cx_result *r;
} fx;

static void _open(fx *f, double sd, int burn)
{
    char path[128], text[2048];
    snprintf(path, sizeof path, "%s/m.yaml", fx_dir());
    snprintf(text, sizeof text, MODEL_FMT, burn ? BURN : "", sd, 25 - sd, 25 + sd,
             burn ? TARGETS : "");
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    assert_int_equal(read_model(path, &f->m), 0);
    assert_ok(cx_compute(f->m, NULL, &f->r, NULL));
}

static void _close(fx *f)
{
    cx_result_free(f->r);
    cx_model_free(f->m);
}

/* What the callback saw: every row in path order, and each call's range. */
typedef struct sink {
    size_t width, next, calls, stop_after;
    double *rows;             /* [paths * width] */
    pthread_t caller;
    int wrong_thread, out_of_order;
} sink;

static int _on_block(void *ctx, size_t first, size_t n, const double *v)
{
    sink *k = ctx;
    if (first != k->next)
        k->out_of_order = 1;
    if (!pthread_equal(pthread_self(), k->caller))
        k->wrong_thread = 1;
    if (k->rows)
        memcpy(k->rows + first * k->width, v, n * k->width * sizeof *v);
    k->next = first + n;
    k->calls++;
    return k->stop_after && k->calls == k->stop_after;
}

static cx_mc_result *_stream(const fx *f, size_t entry, size_t paths, int threads,
                             sink *k, int stream_only)
{
    int first_year;
    assert_ok(cx_mc_entry_span(f->r, entry, &first_year, &k->width));
    k->rows = malloc(paths * k->width * sizeof *k->rows);
    assert_non_null(k->rows);
    k->caller = pthread_self();
    cx_mc_options o = {.paths = paths, .seed = 7, .threads = threads,
                       .on_block = _on_block, .block_ctx = k, .block_entry = entry,
                       .stream_only = stream_only};
    cx_mc_result *mc = NULL;
    assert_ok(cx_mc_run(f->r, &o, &mc, NULL));
    assert_int_equal(k->next, paths);
    assert_false(k->out_of_order);
    assert_false(k->wrong_thread);
    return mc;
}

static void _rows_equal(const sink *k, size_t paths, const double *want)
{
    for (size_t i = 0; i < paths; i++)
        for (size_t j = 0; j < k->width; j++)
            assert_near(k->rows[i * k->width + j], want[j], 0);
}

/* Revenue 10, 15, 22.5, 33.75, 50.625 (x 1.5); costs 20, 25, 31.25,
 * 39.0625, 48.828125 (x 1.25); net = revenue - costs = -10, -10, -8.75,
 * -5.3125, 1.796875; cumulative -10, -20, -28.75, -34.0625, -32.265625.
 * Every figure is exact in binary, so the rows must be these bit for bit.
 * 5000 paths: a block of 4096, then 904. */
static void test_degenerate_by_hand(void **state)
{
    (void)state;
    static const double revenue[] = {10, 15, 22.5, 33.75, 50.625};
    static const double net[] = {-10, -10, -8.75, -5.3125, 1.796875};
    static const double cum[] = {-10, -20, -28.75, -34.0625, -32.265625};
    fx f;
    _open(&f, 0, 1);
    int first_year;
    size_t n;
    assert_ok(cx_mc_entry_span(f.r, CX_FAN_CUMULATIVE, &first_year, &n));
    assert_int_equal(first_year, 2024);
    assert_int_equal(n, 5);
    for (int threads = 1; threads <= 2; threads++) {
        sink a = {0}, b = {0}, c = {0};
        cx_mc_result_free(_stream(&f, CX_FAN_CUMULATIVE, 5000, threads, &a, 0));
        cx_mc_result_free(_stream(&f, CX_FAN_NET, 5000, threads, &b, 1));
        cx_mc_result_free(_stream(&f, 0, 5000, threads, &c, 1));
        assert_int_equal(a.calls, 2);
        _rows_equal(&a, 5000, cum);
        _rows_equal(&b, 5000, net);
        _rows_equal(&c, 5000, revenue);
        free(a.rows);
        free(b.rows);
        free(c.rows);
    }
    _close(&f);
}

/* 20000 paths (5 blocks, the last short): the same stream for 1, 2, 3 and
 * 8 threads; its 2027 column is the kept per-path cumulative through
 * burn_through (2027, the burn target's year); statistics are those of a
 * run without streaming. */
static void test_threads_identical(void **state)
{
    (void)state;
    enum { N = 20000 };
    fx f;
    _open(&f, 5, 1);
    sink one = {0};
    cx_mc_result *s1 = _stream(&f, CX_FAN_CUMULATIVE, N, 1, &one, 0);
    static const int threads[] = {2, 3, 8};
    for (size_t t = 0; t < 3; t++) {
        sink k = {0};
        cx_mc_result *mc = _stream(&f, CX_FAN_CUMULATIVE, N, threads[t], &k, 0);
        assert_memory_equal(k.rows, one.rows, N * 5 * sizeof(double));
        assert_memory_equal(mc->cumulative.q, s1->cumulative.q, s1->nq * sizeof(double));
        free(k.rows);
        cx_mc_result_free(mc);
    }
    cx_mc_options o = {.paths = N, .seed = 7, .threads = 2, .keep_paths = 1};
    cx_mc_result *kept = NULL;
    assert_ok(cx_mc_run(f.r, &o, &kept, NULL));
    assert_int_equal(kept->burn_through, 2027);
    for (size_t i = 0; i < N; i++)
        assert_near(one.rows[i * 5 + 3], kept->raw.cumulative[i], 0);
    assert_memory_equal(kept->cumulative.q, s1->cumulative.q, s1->nq * sizeof(double));
    assert_memory_equal(kept->fan[0].q, s1->fan[0].q, 5 * s1->nq * sizeof(double));
    /* the spread is real: paths differ */
    assert_true(one.rows[3] != one.rows[5 + 3]);
    free(one.rows);
    cx_mc_result_free(kept);
    cx_mc_result_free(s1);
    _close(&f);
}

/* stream_only keeps nothing per path: the targets and the inputs' drawn
 * moments (summed per block) equal a full run's; nothing else is there. */
static void test_stream_only(void **state)
{
    (void)state;
    enum { N = 9000 };
    fx f;
    _open(&f, 5, 1);
    sink k = {0};
    cx_mc_result *lean = _stream(&f, CX_FAN_CUMULATIVE, N, 2, &k, 1);
    cx_mc_options o = {.paths = N, .seed = 7, .threads = 2};
    cx_mc_result *full = NULL;
    assert_ok(cx_mc_run(f.r, &o, &full, NULL));
    assert_true(lean->stream_only);
    assert_false(full->stream_only);
    assert_int_equal(lean->ntargets, 2);
    for (size_t t = 0; t < 2; t++) {
        assert_int_equal(lean->targets[t].hits, full->targets[t].hits);
        assert_near(lean->targets[t].p, full->targets[t].p, 0);
    }
    for (size_t i = 0; i < 2; i++)
        assert_memory_equal(&lean->inputs[i], &full->inputs[i], sizeof lean->inputs[i]);
    assert_false(lean->cumulative.present);
    assert_false(lean->break_even.present);
    assert_int_equal(lean->nfan, 0);
    assert_int_equal(lean->nbins, 0);
    assert_null(lean->raw.cumulative);
    free(k.rows);
    cx_mc_result_free(lean);
    cx_mc_result_free(full);
    _close(&f);
}

/* A callback that returns nonzero stops the run: CX_EINVAL, no result,
 * no call after it. */
static void test_stop(void **state)
{
    (void)state;
    fx f;
    _open(&f, 5, 1);
    for (int threads = 1; threads <= 4; threads += 3) {
        sink k = {.stop_after = 2, .caller = pthread_self()};
        cx_mc_options o = {.paths = 50000, .seed = 1, .threads = threads,
                           .on_block = _on_block, .block_ctx = &k,
                           .block_entry = CX_FAN_CUMULATIVE};
        cx_mc_result *mc = NULL;
        assert_int_equal(cx_mc_run(f.r, &o, &mc, NULL), CX_EINVAL);
        assert_null(mc);
        assert_int_equal(k.calls, 2);
        assert_int_equal(k.next, 2 * CX_MC_BLOCK);
    }
    _close(&f);
}

static void test_refused(void **state)
{
    (void)state;
    fx f;
    _open(&f, 5, 0);             /* no burn */
    int y;
    size_t n;
    assert_int_equal(cx_mc_entry_span(f.r, CX_FAN_CUMULATIVE, &y, &n), CX_EINVAL);
    assert_int_equal(cx_mc_entry_span(f.r, CX_FAN_NET, &y, &n), CX_EINVAL);
    assert_int_equal(cx_mc_entry_span(f.r, 2, &y, &n), CX_EINVAL);
    assert_ok(cx_mc_entry_span(f.r, 1, &y, &n));
    assert_int_equal(y, 2024);
    assert_int_equal(n, 5);
    sink k = {0};
    cx_mc_result *mc = NULL;
    cx_mc_options o = {.paths = 10, .seed = 1, .threads = 1, .stream_only = 1};
    assert_int_equal(cx_mc_run(f.r, &o, &mc, NULL), CX_EINVAL);   /* no on_block */
    o.on_block = _on_block;
    o.block_ctx = &k;
    o.block_entry = CX_FAN_CUMULATIVE;                              /* no burn */
    assert_int_equal(cx_mc_run(f.r, &o, &mc, NULL), CX_EINVAL);
    o.block_entry = 1;
    o.keep_paths = 1;                                               /* contradiction */
    assert_int_equal(cx_mc_run(f.r, &o, &mc, NULL), CX_EINVAL);
    assert_null(mc);
    assert_int_equal(k.calls, 0);
    _close(&f);
}

/* Without a burn: a plain run works (it once read the missing burn for
 * the targets) and streaming a series works; stream_only too. */
static void test_no_burn(void **state)
{
    (void)state;
    fx f;
    _open(&f, 0, 0);
    cx_mc_options o = {.paths = 10, .seed = 1, .threads = 1};
    cx_mc_result *mc = NULL;
    assert_ok(cx_mc_run(f.r, &o, &mc, NULL));
    assert_int_equal(mc->ntargets, 0);
    assert_false(mc->burn);
    cx_mc_result_free(mc);
    static const double costs[] = {20, 25, 31.25, 39.0625, 48.828125};
    sink k = {0};
    cx_mc_result_free(_stream(&f, 1, 10, 1, &k, 1));
    _rows_equal(&k, 10, costs);
    free(k.rows);
    _close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_degenerate_by_hand),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_stream_only),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_no_burn),
    };
    return cmocka_run_group_tests(tests, fx_dir_setup, fx_dir_teardown);
}
