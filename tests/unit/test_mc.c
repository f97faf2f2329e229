/*
 * test_mc.c - Monte Carlo: a degenerate run (every distribution a point)
 * gives the deterministic projection bit for bit in every path and
 * percentile; a seed reproduces exactly whatever the thread count;
 * correlated inputs come out with the target rank correlation; a
 * two-point input gives the probabilities worked out by hand, and over
 * five paths the standard deviation of the sample (n - 1); exact
 * percentiles agree with GSL's sort and quantile; bad runs are refused;
 * a formula of uncertain inputs has the closed-form percentiles and mean
 * of a difference of uniforms (triangular), clamped by max; a fan too
 * large to keep (brackets, mc_fanwin.c) gives the same percentiles as
 * the rows kept whole and as a sort of the paths' figures.
 * Models are read from YAML written to a temporary folder.
 */
#include <stdio.h>
#include <unistd.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "fixture.h"
#include "mc.h"
#include "mc_rng.h"
#include "read_model.h"


/* Interpolated years, a fade, a rate list, a CAGR, a share and a sum;
 * cash, a raise, discounting; sd is the spread of every distribution. */
#define MODEL_FMT \
    "model: mc-test\n" \
    "years: 2024..2031\n" \
    "series:\n" \
    "  revenue.lab: {values: {2024: 8, 2026: 20}}\n" \
    "  opex.lab: {values: {2024: 10, 2026: 24}}\n" \
    "  capex.lab: {values: {2024: 4, 2025: 5, 2026: 6}}\n" \
    "  other.lab: {values: {2026: 2}}\n" \
    "  costs.lab: {sum_of: [opex.lab, capex.lab, other.lab]}\n" \
    "drivers:\n" \
    "  revenue.lab: {method: fade, from: 110%%, to: 40%%, over: 4}\n" \
    "  opex.lab: {method: rates, rates: [100%%, 80%%, 30%%, 10%%]}\n" \
    "  capex.lab: {method: cagr}\n" \
    "  other.lab: {method: share, of: revenue.lab, share: 10%%}\n" \
    "burn:\n" \
    "  revenue: revenue.lab\n" \
    "  costs: costs.lab\n" \
    "  cash: 20\n" \
    "  cash_year: 2026\n" \
    "  raises: [{name: r, year: 2027, amount: 30}]\n" \
    "discount: {rate: 10%%}\n" \
    "uncertainty:\n" \
    "  revenue.lab: {dist: normal, mean: 110%%, sd: %g%%}\n" \
    "  opex.lab: {dist: triangular, low: %g%%, mode: 10%%, high: %g%%}\n" \
    "  other.lab: {dist: pert, low: %g%%, mode: 10%%, high: %g%%}\n" \
    "  correlation: [[revenue.lab, opex.lab, 0.5]]\n" \
    "  targets: [{break_even_by: 2030}, {cumulative_burn_through: 2028, below: 100},\n" \
    "            {peak_funding_below: 80}, {runway_through: 2029}, {npv_above: 0},\n" \
    "            {payback_by: 2031}]\n" \
    "  fan: [cumulative, net, costs.lab, capex.lab]\n"

typedef struct fx {
    cx_model *m;
    cx_result *r;
} fx;

static void _open(fx *f, double sd)
{
    char path[128], text[4096];
    snprintf(path, sizeof path, "%s/m.yaml", fx_dir());
    snprintf(text, sizeof text, MODEL_FMT, sd, 10 - sd, 10 + sd, 10 - sd, 10 + sd);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    assert_int_equal(read_model(path, &f->m), 0);
    /* capex 2026 sampled too: a stated figure under a CAGR window */
    cx_stochastic *in;
    assert_ok(cx_uncertainty_add_input(f->m->uncertainty, &in));
    *in = (cx_stochastic){.param = CX_MC_FIGURE, .series = 2, .year = 2026,
                          .dist = {.kind = CX_DIST_NORMAL, .mean = 6, .sd = sd / 10}};
    assert_ok(cx_dist_prepare(&in->dist));
    assert_ok(cx_compute(f->m, NULL, &f->r, NULL));
}

static void _close(fx *f)
{
    cx_result_free(f->r);
    cx_model_free(f->m);
}

static cx_mc_result *_run(const fx *f, size_t paths, unsigned long seed, int threads)
{
    cx_mc_options o = {.paths = paths, .seed = seed, .threads = threads, .keep_paths = 1};
    cx_mc_result *mc = NULL;
    assert_ok(cx_mc_run(f->r, &o, &mc, NULL));
    return mc;
}

static void _all_equal(const cx_mc_stat *s, double det)
{
    assert_near(s->deterministic, det, 0);
    assert_near(s->mean, det, fabs(det) * 1e-14);
    assert_near(s->min, det, 0);
    assert_near(s->max, det, 0);
    for (size_t j = 0; j < 5; j++)
        assert_near(s->q[j], det, 0);
}

/* MODEL_FMT's projection, worked by hand (2026..2031; costs start in 2026,
 * where other.lab is first stated):
 *   revenue  20, 42 (x2.1), 78.4 (x(2.1 - 0.7/3)), 128.0533 (x(2.1 -
 *            1.4/3)), then x1.4: 179.2747, 250.9845
 *   opex     24, then x2, x1.8, x1.3, x1.1, x1.1: 48, 86.4, 112.32,
 *            123.552, 135.9072
 *   capex    6 x 1.5^(k/2) (the 2024..2026 CAGR, (6/4)^(1/2) - 1)
 *   other    2, then 10% of revenue
 *   net      revenue - opex - capex - other = 0.9 revenue - opex - capex
 *            after 2026: -12, -17.5485, -24.84, -8.0947, 24.2952, 73.4448
 *   cumulative -12, -29.5485, -54.3885, -62.4832 (the peak, 2029),
 *            -38.1880, 35.2569 (payback 2031); break-even 2030
 *   cash     20 - 12 = 8; 8 + 30 - 17.5485 = 20.4515; - 24.84 < 0: runs
 *            out in 2028
 *   NPV 10%  sum net(k) / 1.1^(k+1) = 6.9397 */
static void _by_hand(const cx_result *r, double *cum2028, double *peak, double *npv)
{
    const double k = sqrt(1.5);
    const double rev[] = {20, 42, 78.4, 78.4 * (2.1 - 1.4 / 3),
                          78.4 * (2.1 - 1.4 / 3) * 1.4, 78.4 * (2.1 - 1.4 / 3) * 1.96};
    const double opex[] = {24, 48, 86.4, 112.32, 123.552, 135.9072};
    double net[6], cum[6], sum = 0;
    for (int i = 0; i < 6; i++) {
        double capex = 6 * pow(k, i), other = i ? 0.1 * rev[i] : 2;
        net[i] = rev[i] - opex[i] - capex - other;
        cum[i] = sum += net[i];
    }
    *cum2028 = cum[2];
    *peak = 0 - cum[3];
    *npv = 0;
    for (int i = 0; i < 6; i++)
        *npv += net[i] / pow(1.1, i + 1);
    assert_near(*cum2028, -54.38846922834953, 1e-9);
    assert_near(*npv, 6.93968697071832, 1e-9);
    const cx_burn *b = &r->burn.burn;
    assert_int_equal(r->burn.first_year, 2026);
    assert_int_equal(b->peak_year, 2029);
    assert_int_equal(b->break_even_year, 2030);
    assert_int_equal(b->payback_year, 2031);
    assert_int_equal(r->burn.funding.runout_year, 2028);
    for (int i = 0; i < 6; i++)
        assert_near(b->cumulative[i], cum[i], 1e-9);
}

static void test_degenerate_equals_deterministic(void **state)
{
    (void)state;
    fx f;
    _open(&f, 0);
    const cx_result *r = f.r;
    cx_mc_result *mc = _run(&f, 5000, 1, 2);
    const cx_burn *b = &r->burn.burn;
    double cum2028, peak, npv;
    _by_hand(r, &cum2028, &peak, &npv);
    /* the model breaks even, pays back and runs out of cash within the
     * horizon, so each comparison below is about a real year */
    assert_true(b->break_even_year > 0);
    assert_true(b->peak_year > 0);
    assert_true(r->burn.funding.runout_year > 0);
    for (size_t i = 0; i < mc->paths; i++) {
        assert_near(mc->raw.cumulative[i], b->cumulative[2028 - r->burn.first_year], 0);
        assert_near(mc->raw.peak[i], 0 - b->peak_burn, 0);
        assert_near(mc->raw.npv[i], r->discount.npv, 0);
        assert_int_equal(mc->raw.break_even[i], b->break_even_year);
        assert_int_equal(mc->raw.payback[i], b->payback_year);
        assert_int_equal(mc->raw.runout[i], r->burn.funding.runout_year);
    }
    _all_equal(&mc->cumulative, b->cumulative[2028 - r->burn.first_year]);
    _all_equal(&mc->peak, 0 - b->peak_burn);
    _all_equal(&mc->npv, r->discount.npv);
    /* and the paths' figures are the ones worked by hand */
    assert_near(mc->cumulative.mean, cum2028, 1e-9);
    assert_near(mc->cumulative.sd, 0, 1e-9);
    assert_near(mc->peak.q[2], peak, 1e-9);
    assert_near(mc->npv.q[2], npv, 1e-9);
    assert_near(mc->break_even.p[2030 - 2026], 1, 0);
    assert_near(mc->break_even.p[b->break_even_year - r->burn.first_year], 1, 0);
    for (size_t k = 0; k < mc->nfan; k++) {
        const cx_mc_fan *fa = &mc->fan[k];
        for (size_t i = 0; i < fa->n; i++)
            for (size_t j = 0; j < mc->nq; j++)
                assert_near(fa->q[i * mc->nq + j], fa->det[i], 0);
    }
    /* the fan's deterministic rows are the engine's */
    assert_near(mc->fan[2].det[3], cx_result_value(r, 4, 2029), 0);   /* from 2026 */
    assert_int_equal(mc->fan[2].first_year, 2026);
    assert_near(mc->fan[3].det[6], cx_result_value(r, 2, 2030), 0);
    for (size_t t = 0; t < mc->ntargets; t++)
        assert_near(mc->targets[t].p, mc->targets[t].deterministic, 0);
    cx_mc_result_free(mc);
    _close(&f);
}

static void _same(const cx_mc_result *a, const cx_mc_result *b)
{
    size_t n = a->paths;
    assert_memory_equal(a->raw.cumulative, b->raw.cumulative, n * sizeof(double));
    assert_memory_equal(a->raw.npv, b->raw.npv, n * sizeof(double));
    assert_memory_equal(a->raw.break_even, b->raw.break_even, n * sizeof(int));
    assert_memory_equal(a->raw.inputs, b->raw.inputs, n * a->u->ninputs * sizeof(double));
    assert_memory_equal(a->cumulative.q, b->cumulative.q, a->nq * sizeof(double));
    assert_memory_equal(&a->cumulative.mean, &b->cumulative.mean, sizeof(double));
    assert_memory_equal(a->fan[0].q, b->fan[0].q, a->fan[0].n * a->nq * sizeof(double));
    assert_memory_equal(a->counts, b->counts, a->nbins * sizeof(size_t));
    for (size_t i = 0; i < a->u->ninputs; i++)
        assert_memory_equal(&a->inputs[i], &b->inputs[i], sizeof a->inputs[i]);
    for (size_t t = 0; t < a->ntargets; t++)
        assert_int_equal(a->targets[t].hits, b->targets[t].hits);
}

static void test_threads_and_seeds(void **state)
{
    (void)state;
    fx f;
    _open(&f, 5);
    /* 20000 paths: 5 blocks, the last one short */
    cx_mc_result *one = _run(&f, 20000, 7, 1), *two = _run(&f, 20000, 7, 2),
                 *eight = _run(&f, 20000, 7, 8), *again = _run(&f, 20000, 7, 3);
    _same(one, two);
    _same(one, eight);
    _same(one, again);
    cx_mc_result *other = _run(&f, 20000, 8, 2);
    assert_true(memcmp(one->raw.cumulative, other->raw.cumulative,
                       20000 * sizeof(double)) != 0);
    /* spread: P5 < P50 < P95 */
    assert_true(one->cumulative.q[0] < one->cumulative.q[2]);
    assert_true(one->cumulative.q[2] < one->cumulative.q[4]);
    cx_mc_result_free(one);
    cx_mc_result_free(two);
    cx_mc_result_free(eight);
    cx_mc_result_free(again);
    cx_mc_result_free(other);
    _close(&f);
}

/* revenue.lab and opex.lab at rank correlation 0.5 (the model's): their
 * draws' Spearman correlation over 40000 paths within 0.02. */
static void test_rank_correlation_of_draws(void **state)
{
    (void)state;
    fx f;
    _open(&f, 5);
    enum { N = 40000 };
    cx_mc_result *mc = _run(&f, N, 3, 2);
    size_t nin = mc->u->ninputs;
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y), *w = malloc(2 * N * sizeof *w);
    for (size_t i = 0; i < N; i++) {
        x[i] = mc->raw.inputs[i * nin + 0];
        y[i] = mc->raw.inputs[i * nin + 1];
    }
    assert_near(gsl_stats_spearman(x, 1, y, 1, N, w), 0.5, 0.02);
    /* the uncorrelated pair stays near 0 */
    for (size_t i = 0; i < N; i++)
        y[i] = mc->raw.inputs[i * nin + 2];
    assert_near(gsl_stats_spearman(x, 1, y, 1, N, w), 0, 0.02);
    free(x);
    free(y);
    free(w);
    cx_mc_result_free(mc);
    _close(&f);
}

/* Revenue 10 grows 0% or 100% (probability 1/2 each) in 2027, costs stay
 * 15: net 2027 = 10 - 15 = -5 or 20 - 15 = +5. Break-even by 2027 has
 * probability 1/2; over 10000 paths within 5 standard errors
 * (sqrt(0.25 / 10000) = 0.005). Cumulative 2026..2027 = -5 - 5 = -10 or
 * -5 + 5 = 0. */
/* Revenue 10 growing 0% or 100% (even odds), costs 15 flat, 2026..2027:
 * the cumulative through 2027 is -5 + (10 - 15) = -10 or -5 + (20 - 15) =
 * 0, and the path breaks even in 2027 exactly when it is 0. */
static void _two(fx *f)
{
    char path[128];
    snprintf(path, sizeof path, "%s/two.yaml", fx_dir());
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("model: two\nyears: 2026..2027\nseries:\n"
          "  revenue.x: {values: {2026: 10}}\n  costs.x: {values: {2026: 15}}\n"
          "drivers:\n  revenue.x: {method: growth, rate: 50%}\n"
          "  costs.x: {method: growth, rate: 0%}\n"
          "burn: {revenue: revenue.x, costs: costs.x}\n"
          "uncertainty:\n  revenue.x: {dist: discrete, values: [0%, 100%], p: [0.5, 0.5]}\n"
          "  targets: [{break_even_by: 2027}, {cumulative_burn_through: 2027, below: 5}]\n",
          fp);
    fclose(fp);
    assert_int_equal(read_model(path, &f->m), 0);
    assert_ok(cx_compute(f->m, NULL, &f->r, NULL));
}

static void test_two_points(void **state)
{
    (void)state;
    fx f;
    _two(&f);
    cx_mc_result *mc = _run(&f, 10000, 1, 2);
    assert_near(mc->break_even.p_by[1], 0.5, 5 * 0.005);
    assert_near(mc->break_even.p_never, 1 - mc->break_even.p_by[1], 1e-15);
    assert_int_equal(mc->targets[0].hits, mc->break_even.count[1]);
    /* burn below 5 <=> cumulative 0 <=> the path that breaks even */
    assert_int_equal(mc->targets[1].hits, mc->break_even.count[1]);
    assert_near(mc->cumulative.min, -10, 0);
    assert_near(mc->cumulative.max, 0, 0);
    assert_near(mc->cumulative.q[0], -10, 0);   /* P5 */
    assert_near(mc->cumulative.q[4], 0, 0);     /* P95 */
    /* histogram: 20 bins over -10..0, every path in the first or the last */
    assert_int_equal(mc->nbins, 20);
    assert_int_equal(mc->counts[0] + mc->counts[19], 10000);
    assert_int_equal(mc->counts[19], mc->break_even.count[1]);
    cx_mc_result_free(mc);
    _close(&f);
}

/* The sample standard deviation (n - 1) of x[0], x[stride], ...
 * x[(n-1) stride], written out. */
static double _sd(const double *x, size_t n, size_t stride)
{
    double mean = 0, ss = 0;
    for (size_t i = 0; i < n; i++)
        mean += x[i * stride];
    mean /= (double)n;
    for (size_t i = 0; i < n; i++)
        ss += (x[i * stride] - mean) * (x[i * stride] - mean);
    return sqrt(ss / (double)(n - 1));
}

static void test_sd_of_a_small_sample(void **state)
{
    (void)state;
    /* _two's model, five paths, k of them at 0 and 5 - k at -10: mean
     * -10 (5 - k)/5, ss = (5 - k)(10 + mean)^2 + k mean^2, sd sqrt(ss / 4)
     * (n - 1). E.g. k = 2: mean -6, ss = 3 x 16 + 2 x 36 = 120, sd
     * sqrt(30) = 5.477, where the population sd (/ 5) is sqrt(24) = 4.899. */
    fx f;
    _two(&f);
    const double more[] = {0.3, 0.6};
    cx_mc_options o = {.paths = 5, .seed = 3, .threads = 1, .keep_paths = 1,
                       .levels = more, .nlevels = 2};
    cx_mc_result *mc = NULL;
    assert_ok(cx_mc_run(f.r, &o, &mc, NULL));
    size_t k = 0;
    for (size_t i = 0; i < 5; i++) {
        double c = mc->raw.cumulative[i];
        assert_true(c == -10 || c == 0);
        k += c == 0;
    }
    assert_true(k > 0 && k < 5);          /* seed 3: both outcomes drawn */
    double mean = -10.0 * (double)(5 - k) / 5;
    double ss = (double)(5 - k) * (10 + mean) * (10 + mean) + (double)k * mean * mean;
    assert_near(mc->cumulative.mean, mean, 1e-12);
    assert_near(mc->cumulative.sd, sqrt(ss / 4), 1e-12);
    /* Percentiles as mc.h states them (PERCENTILE.INC): h = p (n - 1),
     * x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]) over the
     * sorted sample: 5 - k values -10, then k zeros. With the levels 30%
     * and 60% (h = 1.2, 2.4) beside P5..P95 (h = 0.2, 0.4, 2, 3.6, 3.8)
     * some level falls between the last -10 and the first 0 whatever k. */
    double xs[5];
    for (size_t i = 0; i < 5; i++)
        xs[i] = i < 5 - k ? -10 : 0;
    assert_int_equal(mc->nq, 7);
    for (size_t j = 0; j < mc->nq; j++) {
        double h = mc->levels[j] * 4, l = floor(h);
        double want = l >= 4 ? xs[4] : xs[(int)l] + (h - l) * (xs[(int)l + 1] - xs[(int)l]);
        assert_near(mc->cumulative.q[j], want, 1e-12);
    }
    /* the input's own figures, from the rates drawn */
    assert_near(mc->inputs[0].sd, _sd(mc->raw.inputs, 5, mc->u->ninputs), 1e-12);
    cx_mc_result_free(mc);
    _close(&f);
}

/* Selection gives the order statistics a full sort gives; quantiles as
 * gsl_stats_quantile_from_sorted_data. */
static void test_exact_percentiles(void **state)
{
    (void)state;
    enum { N = 100001 };
    double *x = malloc(N * sizeof *x), *s = malloc(N * sizeof *s);
    gsl_rng *r = gsl_rng_alloc(cx_rng_philox);
    for (int i = 0; i < N; i++)
        x[i] = s[i] = i % 7 == 0 ? 3.0 : gsl_rng_uniform(r) * 10 - 5;
    gsl_sort(s, 1, N);
    const double levels[] = {0.001, 0.05, 0.1, 0.5, 0.9, 0.95, 0.999};
    size_t ranks[14], nr = 0;
    for (size_t j = 0; j < 7; j++) {
        size_t lhs = (size_t)(levels[j] * (N - 1));
        ranks[nr++] = lhs;
        ranks[nr++] = lhs + 1;
    }
    double vals[14];
    cx_mc_select(x, N, ranks, nr, vals);          /* bracketed */
    for (size_t i = 0; i < nr; i++)
        assert_near(vals[i], s[ranks[i]], 0);
    for (size_t j = 0; j < 7; j++)
        assert_near(cx_mc_quantile(s, N, levels[j]),
                    gsl_stats_quantile_from_sorted_data(s, 1, N, levels[j]), 0);
    /* a small array: quickselect */
    const size_t small[] = {0, 500, 999};
    cx_mc_select(x, 1000, small, 3, vals);
    memcpy(s, x, 1000 * sizeof *s);
    gsl_sort(s, 1, 1000);
    for (size_t i = 0; i < 3; i++)
        assert_near(vals[i], s[small[i]], 0);
    /* many equal values: the brackets overflow, quickselect takes over */
    for (int i = 0; i < N; i++)
        x[i] = i % 3 ? 1.0 : 2.0;
    /* 66667 ones (i % 3 != 0 for i < 100001), then 33334 twos */
    const size_t mid[] = {10, 66666, 66667, 99999};
    cx_mc_select(x, N, mid, 4, vals);
    assert_near(vals[0], 1, 0);
    assert_near(vals[1], 1, 0);
    assert_near(vals[2], 2, 0);
    assert_near(vals[3], 2, 0);
    gsl_rng_free(r);
    free(x);
    free(s);
}

static void test_refused(void **state)
{
    (void)state;
    fx f;
    _open(&f, 5);
    cx_mc_result *mc = NULL;
    cx_mc_options o = {.paths = 0, .seed = 1, .threads = 1};
    assert_int_equal(cx_mc_run(f.r, &o, &mc, NULL), CX_EINVAL);
    o.paths = 10;
    o.threads = 0;
    assert_int_equal(cx_mc_run(f.r, &o, &mc, NULL), CX_EINVAL);
    o.threads = 1;
    const double bad = 1.5;
    o.levels = &bad;
    o.nlevels = 1;
    assert_int_equal(cx_mc_run(f.r, &o, &mc, NULL), CX_EINVAL);
    o.nlevels = 0;
    /* a driver that cannot be sampled (a trend put in its place) */
    size_t failed;
    f.r->drivers[0].method = CX_D_TREND;
    assert_int_equal(cx_mc_run(f.r, &o, &mc, &failed), CX_EINVAL);
    assert_int_equal(failed, 0);
    f.r->drivers[0].method = CX_D_FADE;
    assert_null(mc);
    _close(&f);
}

/* A formula of uncertain inputs is uncertain (issue 11). ocf grows from
 * 100 by a rate uniform on 0..10%, capex from 50 by one uniform on 0..20%,
 * independent: in 2026 ocf ~ U(100, 110), capex ~ U(50, 60), and
 * fcf = ocf - capex, the difference of two independent uniforms of the
 * same width 10, is triangular on 40..60 with its mode at 50:
 *   F(x) = (x - 40)^2 / 200 below 50, so Q(p) = 40 + sqrt(200 p) for
 *   p <= 1/2 and 60 - sqrt(200 (1 - p)) above: P5 43.1623, P10 44.4721,
 *   P50 50, P90 55.5279, P95 56.8377; mean 50, sd sqrt(2 x 100/12) = 4.08.
 * floor = max(fcf, 45): P(fcf < 45) = 25/200 = 0.125, so P5 = P10 = 45
 * exactly; its mean is 45 x 0.125 + (50 - E[fcf; fcf < 45]) with
 * E[fcf; fcf < 45] = int_0^5 (40 + u) u / 100 du = (500 + 125/3) / 100,
 * i.e. 50.208333. The burn on net fcf: cumulative through 2026 = 50 + fcf
 * (2025: 100 - 50, stated). Expected figures from these closed forms, not
 * from a run; 100,000 paths: the sampling error of a percentile here is
 * under 0.022 (sqrt(p(1 - p)/n) / density), of a mean under 0.013; the
 * tolerance is five times that. */
#define FX_MODEL \
    "model: mc-formula\nyears: 2025..2026\nseries:\n" \
    "  ocf.co: {values: {2025: 100}}\n  capex.co: {values: {2025: 50}}\n" \
    "  fcf.co: {formula: \"ocf.co - capex.co\"}\n" \
    "  floor.co: {formula: \"max(ocf.co - capex.co, 45)\"}\n" \
    "drivers:\n  ocf.co: {method: growth, rate: 5%}\n" \
    "  capex.co: {method: growth, rate: 10%}\n" \
    "burn: {net: fcf.co, label: free cash flow}\n" \
    "uncertainty:\n  ocf.co: {dist: uniform, low: 0%, high: 10%}\n" \
    "  capex.co: {dist: uniform, low: 0%, high: 20%}\n" \
    "  fan: [fcf.co, floor.co]\n"

static double _triangle_q(double p)
{
    return p <= 0.5 ? 40 + sqrt(200 * p) : 60 - sqrt(200 * (1 - p));
}

static cx_mc_result *_run_fan(const fx *f, size_t budget, size_t margin)
{
    cx_mc_options o = {.paths = 270000, .seed = 3, .threads = 2, .keep_paths = 1,
                       .fan_budget = budget, .fan_margin = margin};
    cx_mc_result *mc = NULL;
    assert_ok(cx_mc_run(f->r, &o, &mc, NULL));
    return mc;
}

static void _same_fan(const cx_mc_result *a, const cx_mc_result *b)
{
    assert_int_equal(a->nfan, b->nfan);
    for (size_t k = 0; k < a->nfan; k++) {
        assert_memory_equal(a->fan[k].q, b->fan[k].q, a->fan[k].n * a->nq * sizeof(double));
        assert_memory_equal(a->fan[k].mean, b->fan[k].mean, a->fan[k].n * sizeof(double));
    }
    assert_memory_equal(a->cumulative.q, b->cumulative.q, a->nq * sizeof(double));
    assert_memory_equal(a->counts, b->counts, a->nbins * sizeof(size_t));
}

static void test_fan_by_brackets(void **state)
{
    (void)state;
    fx f;
    _open(&f, 5);
    /* whole rows (30 rows x 270000 paths fit 256 MiB), brackets (1 byte of
     * budget), and brackets so narrow (1 sample rank) that rows go again */
    cx_mc_result *whole = _run_fan(&f, 0, 0), *br = _run_fan(&f, 1, 0),
                 *narrow = _run_fan(&f, 1, 1);
    _same_fan(whole, br);
    _same_fan(whole, narrow);
    /* the cumulative fan at burn_through against a sort of every path's
     * cumulative (gsl): P5, P50, P95 */
    const cx_mc_fan *cum = &br->fan[0];
    size_t i = (size_t)(br->burn_through - cum->first_year), n = br->paths;
    double *s = malloc(n * sizeof *s);
    memcpy(s, br->raw.cumulative, n * sizeof *s);
    gsl_sort(s, 1, n);
    const size_t lv[] = {0, 2, 4};
    for (size_t j = 0; j < 3; j++)
        assert_near(cum->q[i * br->nq + lv[j]],
                    gsl_stats_quantile_from_sorted_data(s, 1, n, br->levels[lv[j]]),
                    1e-12 * fabs(s[n / 2]));
    free(s);
    cx_mc_result_free(whole);
    cx_mc_result_free(br);
    cx_mc_result_free(narrow);
    _close(&f);
}

static void test_formula_of_uncertain_inputs(void **state)
{
    (void)state;
    fx f;
    char path[128];
    snprintf(path, sizeof path, "%s/fx.yaml", fx_dir());
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(FX_MODEL, fp);
    fclose(fp);
    assert_int_equal(read_model(path, &f.m), 0);
    assert_ok(cx_compute(f.m, NULL, &f.r, NULL));
    cx_mc_result *mc = _run(&f, 100000, 11, 2);
    size_t fcf = cx_model_find_series(f.m, "fcf.co");
    size_t floor_s = cx_model_find_series(f.m, "floor.co");
    assert_int_equal(mc->nfan, 2);
    assert_int_equal(mc->nq, 5);
    const double tol = 0.12;
    for (size_t k = 0; k < 2; k++) {
        const cx_mc_fan *fan = &mc->fan[k];
        assert_true(fan->entry == (k ? floor_s : fcf));
        assert_int_equal(fan->first_year, 2025);
        assert_int_equal(fan->n, 2);
        /* 2025 is stated on both sides: 100 - 50 in every path */
        for (size_t j = 0; j < mc->nq; j++)
            assert_near(fan->q[j], 50, 0);
        assert_near(fan->mean[0], 50, 1e-12);
        /* deterministic 2026: 105 - 55 */
        assert_near(fan->det[1], 50, 1e-12);
        for (size_t j = 0; j < mc->nq; j++) {
            double want = _triangle_q(mc->levels[j]);
            if (k == 1 && want < 45)
                assert_near(fan->q[mc->nq + j], 45, 0);
            else
                assert_near(fan->q[mc->nq + j], want, tol);
        }
    }
    assert_near(mc->fan[0].mean[1], 50, 0.07);
    assert_near(mc->fan[1].mean[1], 45 * 0.125 + 50 - (500 + 125.0 / 3) / 100, 0.07);
    /* the burn of a formula: cumulative through 2026 = 50 + fcf */
    assert_true(mc->burn);
    assert_int_equal(mc->burn_through, 2026);
    assert_near(mc->cumulative.mean, 100, 0.07);
    assert_near(mc->cumulative.sd, sqrt(200.0 / 12), 0.05);
    assert_near(mc->cumulative.min, 90, 0.5);
    assert_near(mc->cumulative.max, 110, 0.5);
    for (size_t j = 0; j < mc->nq; j++)
        assert_near(mc->cumulative.q[j], 50 + _triangle_q(mc->levels[j]), tol);
    cx_mc_result_free(mc);
    _close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_degenerate_equals_deterministic),
        cmocka_unit_test(test_threads_and_seeds),
        cmocka_unit_test(test_rank_correlation_of_draws),
        cmocka_unit_test(test_two_points),
        cmocka_unit_test(test_sd_of_a_small_sample),
        cmocka_unit_test(test_exact_percentiles),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_formula_of_uncertain_inputs),
        cmocka_unit_test(test_fan_by_brackets),
    };
    return cmocka_run_group_tests(tests, fx_dir_setup, fx_dir_teardown);
}
