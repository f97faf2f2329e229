/*
 * compute_series.c - one series' values: stated figures, interpolated gaps,
 * projected years (chained by a rate, a fitted trend, or a share of another
 * series), sums of parts, and the growth figures over them.
 */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include "compute_priv.h"
#include "growth.h"

static cx_value _engine_value(cx_value_kind kind, double x)
{
    return (cx_value){.kind = kind, .low = x, .base = x, .high = x};
}

static cx_status _copy_stated(cx_result *r, size_t s)
{
    const cx_series *ser = &r->model->series[s];
    cx_series_result *sr = &r->series[s];
    for (size_t t = 0; t < r->model->nyears; t++) {
        if (!cx_value_stated(&ser->stated[t]))
            continue;
        if (!isfinite(ser->stated[t].base))
            return CX_ERANGE;
        sr->v[t] = ser->stated[t];
        if (sr->first < 0)
            sr->first = (int)t;
        sr->last_stated = (int)t;
    }
    return CX_OK;
}

/* The note on periods a+1..b-1 filled between stated periods a and b: one
 * per year in an annual model; one for the whole gap in a monthly or
 * quarterly one ("Feb 2026..Apr 2026 (3 months)"), where a gap between two
 * stated figures can run to a hundred periods. */
static cx_status _fill_note(cx_result *r, size_t s, int y0, int t, int a, int b)
{
    const cx_model *m = r->model;
    const cx_series *ser = &m->series[s];
    char pt[CX_PERIOD_KEY_MAX], pe[CX_PERIOD_KEY_MAX], pa[CX_PERIOD_KEY_MAX],
        pb[CX_PERIOD_KEY_MAX];
    cx_model_period_title(m, y0 + a, pa);
    cx_model_period_title(m, y0 + b, pb);
    cx_model_period_title(m, y0 + t, pt);
    if (m->cal.per_year == 1 || b - a == 2)
        return cxi_note(r, CX_NOTE_INFO, s, y0 + t, ser->line, ser->col,
                        "%s %s: interpolated between %s and %s", ser->name, pt, pa, pb);
    return cxi_note(r, CX_NOTE_INFO, s, y0 + t, ser->line, ser->col,
                    "%s %s..%s: interpolated between %s and %s (%d %s)", ser->name, pt,
                    cx_model_period_title(m, y0 + b - 1, pe), pa, pb, b - a - 1,
                    m->cal.per_year == 12 ? "months" : "quarters");
}

/* Periods a+1..b-1 from stated periods a and b: v(t) = v(t-1) + step. */
static cx_status _fill(cx_result *r, size_t s, int a, int b)
{
    cx_value *v = r->series[s].v;
    int y0 = r->model->first_year;
    double step = (v[b].base - v[a].base) / (b - a);
    for (int t = a + 1; t < b; t++) {
        double x = v[t - 1].base + step;
        if (!isfinite(x))
            return CX_ERANGE;
        v[t] = _engine_value(CX_V_INTERPOLATED, x);
        if (r->model->cal.per_year == 1 || t == a + 1) {
            cx_status st = _fill_note(r, s, y0, t, a, b);
            if (st != CX_OK)
                return st;
        }
    }
    return CX_OK;
}

static cx_status _interpolate(cx_result *r, size_t s)
{
    const cx_series_result *sr = &r->series[s];
    int a = sr->first;
    for (int t = a + 1; a >= 0 && t <= sr->last_stated; t++) {
        if (!cx_value_stated(&sr->v[t]))
            continue;
        if (t - a > 1) {
            cx_status st = _fill(r, s, a, t);
            if (st != CX_OK)
                return st;
        }
        a = t;
    }
    return CX_OK;
}

/* The CAGR over the driver's window (default: the stated history). In a
 * monthly or quarterly model the window is the stated periods (windows of
 * years are refused by the reader) and the rate is its annual equivalent:
 * (v[b] / v[a])^(per_year / (b - a)) - 1. */
static cx_status _start_rate(cx_result *r, size_t s)
{
    const cx_driver *d = &r->drivers[s];
    cx_series_result *sr = &r->series[s];
    const cx_model *m = r->model;
    int from = d->cagr_from ? d->cagr_from : m->first_year + sr->first;
    int to = d->cagr_to ? d->cagr_to : m->first_year + sr->last_stated;
    int a = cx_model_year_index(m, from), b = cx_model_year_index(m, to);
    int per = m->cal.per_year;
    if (a < 0 || b < 0 || a >= b)
        return CX_EINVAL;
    if (!cx_value_present(&sr->v[a]) || !cx_value_present(&sr->v[b]))
        return CX_ENODATA;
    cx_status st = per == 1 ? cx_cagr(sr->v[a].base, sr->v[b].base, b - a, &sr->start_rate)
                            : cx_cagr_periods(sr->v[a].base, sr->v[b].base, b - a, per,
                                              &sr->start_rate);
    if (st != CX_OK)
        return st;
    sr->window_from = from;
    sr->window_to = to;
    return CX_OK;
}

static cx_status _rates_note(cx_result *r, size_t s, int t)
{
    const cx_driver *d = &r->drivers[s];
    int year = r->model->first_year + t;
    char rate[24], p[CX_PERIOD_KEY_MAX];
    cxi_format_percent(rate, sizeof rate, d->rates[d->nrates - 1]);
    return cxi_note(r, CX_NOTE_INFO, s, year, d->line, d->col,
                    "%s %s: the rates list ends after %zu year%s; its last "
                    "rate (%s) holds from here", r->model->series[s].name,
                    cx_model_period_title(r->model, year, p), d->nrates, d->nrates == 1 ? "" : "s",
                    rate);
}

static cx_status _set_projected(cx_series_result *sr, int t, double x)
{
    if (!isfinite(x))
        return CX_ERANGE;
    sr->v[t] = _engine_value(CX_V_PROJECTED, x);
    return CX_OK;
}

/* A chained period: the previous value times 1 + the period's rate. The
 * driver's schedule counts projected years k (a year's periods share its
 * rate); the rate, or its override for the period's (fiscal) year, is
 * converted from the driver's unit (`per`, a year by default) to the
 * model's period: (1 + rate)^(period months / per) - 1. */
static cx_status _project_year(cx_result *r, size_t s, int t)
{
    const cx_driver *d = &r->drivers[s];
    const cx_model *m = r->model;
    cx_series_result *sr = &r->series[s];
    int per_year = m->cal.per_year, j = t - sr->last_stated;
    int k = (j - 1) / per_year + 1;
    double rate;
    cx_status st = cx_driver_rate(d, k, sr->start_rate, &rate);
    int year = per_year == 1 ? m->first_year + t : cx_period_fiscal_year(&m->cal, t);
    int overridden = cx_driver_override(d, year, &rate);
    if (st != CX_OK)
        return st;
    rate = cx_rate_convert(rate, d->per ? d->per : 12, cx_period_months(&m->cal));
    st = _set_projected(sr, t, sr->v[t - 1].base * (1 + rate));
    if (st != CX_OK)
        return st;
    sr->rate[t] = rate;
    if (d->method == CX_D_RATES && (size_t)k == d->nrates + 1 && !overridden
        && (j - 1) % per_year == 0)
        return _rates_note(r, s, t);
    return CX_OK;
}

static cx_status _chained(cx_result *r, size_t s)
{
    const cx_driver *d = &r->drivers[s];
    int n = (int)r->model->nyears;
    cx_status st = CX_OK;
    if (d->method == CX_D_CAGR || d->from_cagr)
        st = _start_rate(r, s);
    for (int t = r->series[s].last_stated + 1; st == CX_OK && t < n; t++)
        st = _project_year(r, s, t);
    return st;
}

/* ---- trend ------------------------------------------------------------ */

/* The x of period number p for a fitted curve: the year in an annual
 * model, fiscal year + its place in the year / k otherwise (number / k). */
static double _fit_x(const cx_model *m, int p)
{
    return m->cal.per_year == 1 ? (double)p : (double)p / m->cal.per_year;
}

/* The stated values in the driver's window (default: the whole stated
 * history) as points (x, v) and their period indices t; *n of them. */
static cx_status _trend_points(const cx_result *r, size_t s, double *year,
                               double *v, int *at, size_t *n)
{
    const cx_driver *d = &r->drivers[s];
    const cx_model *m = r->model;
    const cx_series *ser = &m->series[s];
    int from = d->cagr_from ? d->cagr_from : m->first_year;
    int to = d->cagr_to ? d->cagr_to : m->last_year;
    if (cx_model_year_index(m, from) < 0 || cx_model_year_index(m, to) < 0 || from > to)
        return CX_EINVAL;
    *n = 0;
    for (int y = from; y <= to; y++) {
        const cx_value *x = &ser->stated[y - m->first_year];
        if (!cx_value_stated(x))
            continue;
        at[*n] = y - m->first_year;
        year[*n] = _fit_x(m, y);
        v[(*n)++] = x->base;
    }
    return CX_OK;
}

static cx_status _fit(const cx_driver *d, const double *year, const double *v,
                      size_t n, cx_fit *f)
{
    switch (d->fit) {
    case CX_FIT_LINEAR:      return cx_fit_linear(year, v, n, f);
    case CX_FIT_EXPONENTIAL: return cx_fit_exponential(year, v, n, f);
    case CX_FIT_LOGISTIC:
        return cx_fit_logistic(year, v, n, d->has_saturation ? d->saturation : NAN, f);
    default:                 return CX_EINVAL;
    }
}

/* stated - fitted for each point of the fit, NAN elsewhere. */
static cx_status _residuals(cx_result *r, size_t s, const double *year,
                            const double *v, const int *at, size_t n)
{
    cx_series_result *sr = &r->series[s];
    size_t nyears = r->model->nyears;
    sr->residual = malloc(nyears * sizeof *sr->residual);
    if (!sr->residual)
        return CX_ENOMEM;
    for (size_t t = 0; t < nyears; t++)
        sr->residual[t] = NAN;
    for (size_t i = 0; i < n; i++) {
        double fitted;
        cx_status st = cx_fit_eval(&sr->fit, year[i], &fitted);
        if (st != CX_OK)
            return st;
        sr->residual[at[i]] = v[i] - fitted;
    }
    return CX_OK;
}

/* Fit the window, then each year after the last stated one is the fitted
 * curve in that year. */
static cx_status _trend(cx_result *r, size_t s)
{
    cx_series_result *sr = &r->series[s];
    size_t nyears = r->model->nyears, n = 0;
    double *year = malloc(nyears * sizeof *year), *v = malloc(nyears * sizeof *v);
    int *at = malloc(nyears * sizeof *at);
    cx_status st = year && v && at ? _trend_points(r, s, year, v, at, &n) : CX_ENOMEM;
    if (st == CX_OK)
        st = _fit(&r->drivers[s], year, v, n, &sr->fit);
    if (st == CX_OK) {          /* the window as period numbers, not x */
        sr->fit.from = r->model->first_year + at[0];
        sr->fit.to = r->model->first_year + at[n - 1];
    }
    if (st == CX_OK)
        st = _residuals(r, s, year, v, at, n);
    for (int t = sr->last_stated + 1; st == CX_OK && t < (int)nyears; t++) {
        double x;
        st = cx_fit_eval(&sr->fit, _fit_x(r->model, r->model->first_year + t), &x);
        if (st == CX_OK)
            st = _set_projected(sr, t, x);
    }
    free(year);
    free(v);
    free(at);
    return st;
}

/* ---- share of another series ------------------------------------------ */

/* share(t) * of(t); 0 with *present = 0 when either has no value in t. */
static cx_status _share_year(cx_result *r, size_t s, int t, int *present)
{
    const cx_driver *d = &r->drivers[s];
    const cx_value *of = &r->series[d->of].v[t];
    const cx_value *sh = d->share_series != CX_NO_INDEX
                       ? &r->series[d->share_series].v[t] : NULL;
    *present = cx_value_present(of) && (!sh || cx_value_present(sh));
    if (!*present)
        return CX_OK;
    double share = sh ? sh->base : d->share;
    return _set_projected(&r->series[s], t, of->base * share);
}

static cx_status _share_note(cx_result *r, size_t s, int t)
{
    const cx_driver *d = &r->drivers[s];
    const cx_model *m = r->model;
    int missing_of = !cx_value_present(&r->series[d->of].v[t]);
    size_t other = missing_of ? d->of : d->share_series;
    char p[CX_PERIOD_KEY_MAX];
    cx_model_period_title(m, m->first_year + t, p);
    return cxi_note(r, CX_NOTE_INFO, s, m->first_year + t, d->line, d->col,
                    "%s: not projected from %s on, '%s' has no value in %s",
                    m->series[s].name, p, m->series[other].name, p);
}

/* Every year after the last stated one (from the first year both inputs
 * have a value when nothing is stated) until an input runs out. */
static cx_status _share(cx_result *r, size_t s)
{
    const cx_driver *d = &r->drivers[s];
    size_t ns = r->model->nseries;
    if (d->of >= ns || (d->share_series != CX_NO_INDEX && d->share_series >= ns)
        || d->of == s || d->share_series == s)
        return CX_EINVAL;
    if (d->share_series == CX_NO_INDEX && !isfinite(d->share))
        return CX_EINVAL;
    int start = r->series[s].last_stated + 1, projected = 0;
    for (int t = start; t < (int)r->model->nyears; t++) {
        int present;
        cx_status st = _share_year(r, s, t, &present);
        if (st != CX_OK)
            return st;
        if (present) {
            projected = 1;
        } else if (projected || start > 0) {
            return _share_note(r, s, t);
        }
    }
    return CX_OK;
}

static cx_status _project(cx_result *r, size_t s)
{
    const cx_driver *d = &r->drivers[s];
    const cx_series_result *sr = &r->series[s];
    if (d->method == CX_D_NONE)
        return CX_OK;
    if (d->method == CX_D_SHARE || d->method == CX_D_INTENSITY)
        return _share(r, s);
    if (sr->last_stated < 0)
        return CX_ENODATA;
    if (d->method == CX_D_TREND)
        return _trend(r, s);
    if (sr->last_stated == (int)r->model->nyears - 1)
        return CX_OK;
    return _chained(r, s);
}

cx_status cxi_series_project(cx_result *r, size_t s)
{
    return _project(r, s);
}

static cx_status _input(cx_result *r, size_t s)
{
    cx_status st = _copy_stated(r, s);
    if (st == CX_OK)
        st = _interpolate(r, s);
    if (st == CX_OK)
        st = _project(r, s);
    return st;
}

static double _bound(const cx_value *v, double x)
{
    return isfinite(x) ? x : v->base;
}

/* Parts added left to right: p0 + p1 + p2 ... (=SUM). 0 when a part has
 * no value that year (the year stays missing). */
static cx_status _sum_year(cx_result *r, size_t s, size_t t, int *present)
{
    const cx_series *ser = &r->model->series[s];
    cx_value sum = _engine_value(CX_V_DERIVED, 0);
    *present = ser->nparts > 0;
    for (size_t i = 0; *present && i < ser->nparts; i++) {
        const cx_value *p = &r->series[ser->parts[i]].v[t];
        *present = cx_value_present(p);
        sum.base = i ? sum.base + p->base : p->base;
        sum.low = i ? sum.low + _bound(p, p->low) : _bound(p, p->low);
        sum.high = i ? sum.high + _bound(p, p->high) : _bound(p, p->high);
    }
    if (!*present)
        return CX_OK;
    if (!isfinite(sum.base) || !isfinite(sum.low) || !isfinite(sum.high))
        return CX_ERANGE;
    r->series[s].v[t] = sum;
    return CX_OK;
}

/* The last year every part has reached only through its stated history. */
static int _sum_last_stated(const cx_result *r, size_t s)
{
    const cx_series *ser = &r->model->series[s];
    int last = ser->nparts > 0 ? (int)r->model->nyears - 1 : -1;
    for (size_t i = 0; i < ser->nparts; i++) {
        int ls = r->series[ser->parts[i]].last_stated;
        last = ls < last ? ls : last;
    }
    if (last < 0 || !cx_value_present(&r->series[s].v[last]))
        return -1;
    return last;
}

/* A part without a value in year t while another part has one (the sum
 * is left empty there): that part, or CX_NO_INDEX. */
static size_t _part_missing(const cx_result *r, const cx_series *ser, size_t t)
{
    size_t missing = CX_NO_INDEX, present = 0;
    for (size_t i = 0; i < ser->nparts; i++) {
        if (cx_value_present(&r->series[ser->parts[i]].v[t]))
            present++;
        else if (missing == CX_NO_INDEX)
            missing = ser->parts[i];
    }
    return present ? missing : CX_NO_INDEX;
}

/* One note per sum left empty in years where only some parts have a
 * value: the first such year, its missing part, how many more years. */
static cx_status _sum_gap_note(cx_result *r, size_t s)
{
    const cx_model *m = r->model;
    const cx_series *ser = &m->series[s];
    size_t first = 0, part = CX_NO_INDEX, more = 0;
    for (size_t t = 0; t < m->nyears; t++) {
        size_t p = _part_missing(r, ser, t);
        if (p != CX_NO_INDEX && part == CX_NO_INDEX) {
            first = t;
            part = p;
        } else if (p != CX_NO_INDEX) {
            more++;
        }
    }
    if (part == CX_NO_INDEX)
        return CX_OK;
    int year = m->first_year + (int)first;
    char tail[64] = "";
    if (more)
        snprintf(tail, sizeof tail, " (and in %zu more year%s where a part has none)",
                 more, more == 1 ? "" : "s");
    char p[CX_PERIOD_KEY_MAX];
    return cxi_note(r, CX_NOTE_WARNING, s, year, ser->line, ser->col,
                    "%s is left empty in %s because its part %s has no value "
                    "there%s", ser->name, cx_model_period_title(m, year, p), m->series[part].name,
                    tail);
}

static cx_status _sum(cx_result *r, size_t s)
{
    const cx_series *ser = &r->model->series[s];
    for (size_t i = 0; i < ser->nparts; i++)
        if (ser->parts[i] >= r->model->nseries)
            return CX_EINVAL;
    for (size_t t = 0; t < r->model->nyears; t++) {
        int present;
        cx_status st = _sum_year(r, s, t, &present);
        if (st != CX_OK)
            return st;
    }
    r->series[s].last_stated = _sum_last_stated(r, s);
    cx_status st = _sum_gap_note(r, s);
    if (st != CX_OK || r->drivers[s].method == CX_D_NONE)
        return st;
    return cxi_note(r, CX_NOTE_INFO, s, 0, r->drivers[s].line,
                    r->drivers[s].col, "%s: a sum follows its parts; its "
                    "driver is ignored", ser->name);
}

/* A growth figure: its value, NAN where undefined, an error on overflow. */
static cx_status _undefined_is_nan(cx_status st, double *out)
{
    if (st == CX_EDOMAIN || st == CX_EINVAL) {
        *out = NAN;
        return CX_OK;
    }
    return st;
}

/* CAGR and multiple over the stated history, CAGR over everything; per
 * year (annualised over periods in a monthly or quarterly model). */
static cx_status _span_figures(cx_series_result *sr, int per)
{
    const cx_value *v = sr->v;
    int a = sr->first, b = sr->last_stated, c = sr->last;
    if (a < 0)
        return CX_OK;
    cx_status st = CX_OK;
    if (b > a) {
        st = _undefined_is_nan(cx_cagr_periods(v[a].base, v[b].base, b - a, per,
                                               &sr->hist_cagr), &sr->hist_cagr);
        if (st == CX_OK)
            st = _undefined_is_nan(cx_cagr_periods(v[a].base, v[b].base, b - a, 1,
                                                   &sr->hist_rate), &sr->hist_rate);
        if (st == CX_OK)
            st = _undefined_is_nan(cx_multiple(v[a].base, v[b].base,
                                               &sr->hist_multiple),
                                   &sr->hist_multiple);
    }
    if (st == CX_OK && c > a)
        st = _undefined_is_nan(cx_cagr_periods(v[a].base, v[c].base, c - a, per,
                                               &sr->full_cagr), &sr->full_cagr);
    return st;
}

/* Period t against the period before (a monthly or quarterly model). */
static cx_status _pop(cx_series_result *sr, int t)
{
    if (!sr->pop || t == 0 || !cx_value_present(&sr->v[t - 1]))
        return CX_OK;
    return _undefined_is_nan(cx_yoy(sr->v[t - 1].base, sr->v[t].base, &sr->pop[t]),
                             &sr->pop[t]);
}

/* First and last values; yoy against the same period a year before (the
 * year before in an annual model). */
static cx_status _stats(cx_result *r, size_t s)
{
    cx_series_result *sr = &r->series[s];
    int n = (int)r->model->nyears, per = r->model->cal.per_year;
    sr->first = sr->last = -1;
    for (int t = 0; t < n; t++) {
        if (!cx_value_present(&sr->v[t]))
            continue;
        if (sr->first < 0)
            sr->first = t;
        sr->last = t;
        cx_status st = _pop(sr, t);
        if (st != CX_OK)
            return st;
        if (t < per || !cx_value_present(&sr->v[t - per]))
            continue;
        st = cx_yoy(sr->v[t - per].base, sr->v[t].base, &sr->yoy[t]);
        st = _undefined_is_nan(st, &sr->yoy[t]);
        if (st != CX_OK)
            return st;
    }
    return _span_figures(sr, per);
}

cx_status cxi_series_compute(cx_result *r, size_t s)
{
    cx_series_kind kind = r->model->series[s].kind;
    cx_status st = kind == CX_S_SUM ? _sum(r, s)
                 : kind == CX_S_FORMULA ? cxi_formula_compute(r, s)
                 : kind == CX_S_DEPRECIATION ? cxi_depreciation_compute(r, s)
                 : _input(r, s);
    if (st == CX_OK)
        st = _stats(r, s);
    return st;
}
