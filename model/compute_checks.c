/*
 * compute_checks.c - audit checks: each stated figure against what the
 * model's own values imply, judged within [low - tol, high + tol].
 * A range check judges clamp(stated base, clow, chigh) the same way,
 * which passes exactly when the ranges overlap within the tolerance.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "compute_priv.h"
#include "growth.h"

#define ARROW "\xe2\x86\x92"  /* U+2192, "2023→2026" */

static int _series_check(cx_check_kind kind)
{
    return kind == CX_C_SUM || kind == CX_C_GROWTH || kind == CX_C_MULTIPLE
        || kind == CX_C_CAGR || kind == CX_C_RANGE;
}

/* Kinds with one result per year the series states a figure. */
static int _yearly_check(cx_check_kind kind)
{
    return kind == CX_C_SUM || kind == CX_C_RANGE;
}

static int _percent_check(cx_check_kind kind)
{
    return kind == CX_C_GROWTH || kind == CX_C_CAGR;
}

/* The stated figure as written, or formatted for its kind. */
static void _stated_text(const cx_check *c, const cx_value *v, char *buf,
                         size_t size)
{
    if (v->text)
        snprintf(buf, size, "%s", v->text);
    else if (_percent_check(c->kind))
        cxi_format_percent(buf, size, v->base);
    else
        cxi_format_number(buf, size, v->base);
}

static void _judge(cx_check_result *cr, const cx_check *c, const cx_value *v,
                   double computed)
{
    double tol = isnan(c->tolerance) ? v->resolution : c->tolerance;
    cr->stated_low = v->low;
    cr->stated_base = v->base;
    cr->stated_high = v->high;
    cr->tolerance = tol;
    cr->computed = computed;
    cr->computed_low = cr->computed_high = NAN;
    cr->difference = isfinite(computed) ? computed - v->base : NAN;
    cr->pass = isfinite(computed) && cx_value_present(v)
            && computed >= v->low - tol && computed <= v->high + tol;
}

static void _sum_year(const cx_result *r, const cx_check *c, size_t t,
                      cx_check_result *cr)
{
    const cx_value *v = &r->model->series[c->series].stated[t];
    const cx_value *sum = &r->series[c->series].v[t];
    double computed = cx_value_present(sum) ? sum->base : NAN;
    char stated[48], num[24], diff[24], p[CX_PERIOD_KEY_MAX];
    cr->year = r->model->first_year + (int)t;
    _judge(cr, c, v, computed);
    _stated_text(c, v, stated, sizeof stated);
    if (isnan(computed)) {
        snprintf(cr->message, sizeof cr->message, "%s: stated %s, sum of "
                 "parts not available (a part has no value)", cx_model_period_title(r->model, cr->year, p),
                 stated);
        return;
    }
    cxi_format_number(num, sizeof num, computed);
    cxi_format_number(diff, sizeof diff, cr->difference);
    snprintf(cr->message, sizeof cr->message,
             "%s: stated %s, sum of parts %s (difference %s)",
             cx_model_period_title(r->model, cr->year, p), stated, num, diff);
}

/* ---- range ------------------------------------------------------------ */

/* Nonzero when series s in year t has no upper bound: its value is a
 * floor, or it is a sum with such a part (the sum's own high counts a
 * floor at its base; the check does not). */
static int _open_above(const cx_result *r, size_t s, size_t t)
{
    const cx_series *ser = &r->model->series[s];
    if (!isfinite(r->series[s].v[t].high))
        return 1;
    for (size_t i = 0; ser->kind == CX_S_SUM && i < ser->nparts; i++)
        if (_open_above(r, ser->parts[i], t))
            return 1;
    return 0;
}

/* The computed range of series s in year t: a sum's derived low and high
 * (high +inf when a part is open above), else the value itself. */
static void _computed_range(const cx_result *r, size_t s, size_t t,
                            double *lo, double *hi)
{
    const cx_value *x = &r->series[s].v[t];
    if (r->model->series[s].kind != CX_S_SUM) {
        *lo = *hi = x->base;
        return;
    }
    *lo = x->low;
    *hi = _open_above(r, s, t) ? INFINITY : x->high;
}

/* x as a number, or as a percent for a ratio series. */
static void _figure_text(char *buf, size_t size, double x, int pct)
{
    if (pct)
        cxi_format_percent(buf, size, x);
    else
        cxi_format_number(buf, size, x);
}

/* "645..665", "645+" (open above), or one number for a series that is
 * not a sum (its range is its value). */
static void _range_text(char *buf, size_t size, double lo, double hi, int sum,
                        int pct)
{
    char a[24], b[24];
    _figure_text(a, sizeof a, lo, pct);
    _figure_text(b, sizeof b, hi, pct);
    if (!isfinite(hi))
        snprintf(buf, size, "%s+", a);
    else if (!sum)
        snprintf(buf, size, "%s", a);
    else
        snprintf(buf, size, "%s..%s", a, b);
}

/* How far apart the stated [low, high] and computed [lo, hi] are; 0 when
 * they overlap. */
static double _gap(const cx_value *v, double lo, double hi)
{
    return fmax(fmax(v->low - hi, lo - v->high), 0);
}

/* "overlap", "within tolerance, 0.3 apart", "no overlap, 2 apart". */
static void _verdict(char *buf, size_t size, int pass, double gap, int pct)
{
    char num[24];
    if (pass && gap <= 0) {
        snprintf(buf, size, "overlap");
        return;
    }
    _figure_text(num, sizeof num, gap, pct);
    snprintf(buf, size, "%s, %s apart", pass ? "within tolerance" : "no overlap",
             num);
}

static void _range_year(const cx_result *r, const cx_check *c, size_t t,
                        cx_check_result *cr)
{
    const cx_series *ser = &r->model->series[c->series];
    const cx_value *v = &ser->stated[t];
    int sum = ser->kind == CX_S_SUM, pct = ser->unit == CX_U_RATIO;
    const char *what = sum ? "parts" : "model";
    char stated[48], range[56], verdict[48], p[CX_PERIOD_KEY_MAX];
    double lo, hi;
    cr->year = r->model->first_year + (int)t;
    if (v->text)
        snprintf(stated, sizeof stated, "%s", v->text);
    else
        _figure_text(stated, sizeof stated, v->base, pct);
    if (!cx_value_present(&r->series[c->series].v[t])) {
        _judge(cr, c, v, NAN);
        snprintf(cr->message, sizeof cr->message, "%s: stated %s, %s not "
                 "available (%s)", cx_model_period_title(r->model, cr->year, p), stated, what,
                 sum ? "a part has no value" : "no value that year");
        return;
    }
    _computed_range(r, c->series, t, &lo, &hi);
    _judge(cr, c, v, fmin(fmax(v->base, lo), hi));
    cr->computed_low = lo;
    cr->computed_high = hi;
    _range_text(range, sizeof range, lo, hi, sum, pct);
    _verdict(verdict, sizeof verdict, cr->pass, _gap(v, lo, hi), pct);
    snprintf(cr->message, sizeof cr->message, "%s: stated %s, %s %s (%s)",
             cx_model_period_title(r->model, cr->year, p), stated, what, range, verdict);
}

/* One result per year series S states a figure (sum and range checks). */
static size_t _yearly_checks(const cx_result *r, size_t i, cx_check_result *out)
{
    const cx_check *c = &r->model->checks[i];
    const cx_series *ser = &r->model->series[c->series];
    size_t n = 0;
    for (size_t t = 0; t < r->model->nyears; t++) {
        if (!cx_value_stated(&ser->stated[t]))
            continue;
        if (out) {
            out[n].check = i;
            if (c->kind == CX_C_SUM)
                _sum_year(r, c, t, &out[n]);
            else
                _range_year(r, c, t, &out[n]);
        }
        n++;
    }
    return n;
}

/* value(to) against value(from): growth, multiple or CAGR. */
static cx_status _ratio(const cx_result *r, const cx_check *c, double *out,
                        const char **why)
{
    const cx_series_result *sr = &r->series[c->series];
    int a = cx_model_year_index(r->model, c->from);
    int b = cx_model_year_index(r->model, c->to);
    *out = NAN;
    *why = "a year is outside the model's years";
    if (a < 0 || b < 0)
        return CX_EINVAL;
    *why = "from must be before to";
    if (a >= b)
        return CX_EINVAL;
    *why = "no value for one of the years";
    if (!cx_value_present(&sr->v[a]) || !cx_value_present(&sr->v[b]))
        return CX_ENODATA;
    *why = "undefined for these figures";
    double x = sr->v[a].base, y = sr->v[b].base;
    if (c->kind == CX_C_GROWTH)
        return cx_yoy(x, y, out);
    if (c->kind == CX_C_MULTIPLE)
        return cx_multiple(x, y, out);
    return cx_cagr_periods(x, y, b - a, r->model->cal.per_year, out);
}

static const char *_ratio_name(cx_check_kind kind)
{
    return kind == CX_C_GROWTH ? "growth"
         : kind == CX_C_MULTIPLE ? "multiple" : "CAGR";
}

static cx_status _ratio_check(const cx_result *r, const cx_check *c,
                              cx_check_result *cr)
{
    const char *why;
    double computed;
    char f[CX_PERIOD_KEY_MAX], t[CX_PERIOD_KEY_MAX];
    cx_status st = _ratio(r, c, &computed, &why);
    if (st == CX_ERANGE)
        return st;
    char stated[48], num[24];
    cr->year = c->to;
    _judge(cr, c, &c->stated, computed);
    _stated_text(c, &c->stated, stated, sizeof stated);
    if (st != CX_OK) {
        snprintf(cr->message, sizeof cr->message, "%s" ARROW "%s %s: stated "
                 "%s, not computable (%s)", cx_model_period_title(r->model, c->from, f),
                 cx_model_period_title(r->model, c->to, t),
                 _ratio_name(c->kind), stated, why);
        return CX_OK;
    }
    if (_percent_check(c->kind))
        cxi_format_percent(num, sizeof num, computed);
    else
        cxi_format_number(num, sizeof num, computed);
    snprintf(cr->message, sizeof cr->message, "%s" ARROW "%s %s: stated %s, "
             "computed %s", cx_model_period_title(r->model, c->from, f), cx_model_period_title(r->model, c->to, t),
             _ratio_name(c->kind), stated, num);
    return CX_OK;
}

static cx_status _cumulative_check(const cx_result *r, const cx_check *c,
                                   cx_check_result *cr)
{
    const cx_burn_result *b = &r->burn;
    double computed = NAN;
    cx_status st = CX_ENODATA;
    if (b->enabled && b->n > 0)
        st = cx_burn_cumulative_between(&b->burn, b->net, c->from, c->to,
                                        &computed);
    if (st == CX_ERANGE)
        return st;
    char stated[48], num[24];
    cr->year = c->to;
    _judge(cr, c, &c->stated, st == CX_OK ? computed : NAN);
    _stated_text(c, &c->stated, stated, sizeof stated);
    char f[CX_PERIOD_KEY_MAX], t[CX_PERIOD_KEY_MAX];
    int n = snprintf(cr->message, sizeof cr->message, "%s" ARROW "%s "
                     "cumulative net: stated %s, ", cx_model_period_title(r->model, c->from, f),
                     cx_model_period_title(r->model, c->to, t), stated);
    if (n < 0 || (size_t)n >= sizeof cr->message)
        return CX_OK;
    size_t left = sizeof cr->message - (size_t)n;
    if (st == CX_OK) {
        cxi_format_number(num, sizeof num, computed);
        snprintf(cr->message + n, left, "computed %s", num);
    } else if (!b->enabled || b->n == 0) {
        snprintf(cr->message + n, left, "not computable (no burn defined)");
    } else {
        snprintf(cr->message + n, left, "not computable (burn figures cover "
                 "%s" ARROW "%s)", cx_model_period_title(r->model, b->first_year, f),
                 cx_model_period_title(r->model, b->first_year + (int)b->n - 1, t));
    }
    return CX_OK;
}

static void _break_even_check(const cx_result *r, const cx_check *c,
                              cx_check_result *cr)
{
    const cx_burn_result *b = &r->burn;
    int year = b->enabled ? b->burn.break_even_year : 0;
    char stated[48], p[CX_PERIOD_KEY_MAX];
    const cx_calendar *cal = &r->model->cal;
    int fy = year && cal->per_year != 1    /* a stated year: the period's fiscal year */
           ? cx_period_fiscal_year(cal, cx_period_of_number(cal, year)) : year;
    cr->year = c->to;
    _judge(cr, c, &c->stated, year ? (double)fy : NAN);
    _stated_text(c, &c->stated, stated, sizeof stated);
    if (year)
        snprintf(cr->message, sizeof cr->message,
                 "break-even: stated %s, computed %s", stated, cx_model_period_title(r->model, year, p));
    else if (!b->enabled)
        snprintf(cr->message, sizeof cr->message,
                 "break-even: stated %s, not computable (no burn defined)",
                 stated);
    else
        snprintf(cr->message, sizeof cr->message,
                 "break-even: stated %s, computed %s", stated,
                 b->burn.burns ? "not within horizon" : "none: no burn within the horizon");
}

static cx_status _one_check(cx_result *r, size_t i, size_t *n)
{
    const cx_check *c = &r->model->checks[i];
    cx_check_result *cr = &r->checks[*n];
    cx_status st = CX_OK;
    switch (c->kind) {
    case CX_C_SUM: case CX_C_RANGE:
        *n += _yearly_checks(r, i, cr);
        return CX_OK;
    case CX_C_GROWTH: case CX_C_MULTIPLE: case CX_C_CAGR:
        st = _ratio_check(r, c, cr);
        break;
    case CX_C_CUMULATIVE:
        st = _cumulative_check(r, c, cr);
        break;
    case CX_C_BREAK_EVEN:
        _break_even_check(r, c, cr);
        break;
    default:
        return CX_EINVAL;
    }
    cr->check = i;
    (*n)++;
    return st;
}

static cx_status _count(const cx_result *r, size_t *n)
{
    const cx_model *m = r->model;
    *n = 0;
    for (size_t i = 0; i < m->nchecks; i++) {
        const cx_check *c = &m->checks[i];
        if ((unsigned)c->kind >= CX_C_KIND_COUNT)
            return CX_EINVAL;
        if (_series_check(c->kind) && c->series >= m->nseries)
            return CX_EINVAL;
        if (c->kind == CX_C_SUM && m->series[c->series].kind != CX_S_SUM)
            return CX_EINVAL;
        *n += _yearly_check(c->kind) ? _yearly_checks(r, i, NULL) : 1;
    }
    return CX_OK;
}

static cx_status _warn(cx_result *r, const cx_check_result *cr)
{
    const cx_check *c = &r->model->checks[cr->check];
    size_t s = _series_check(c->kind) ? c->series : CX_NO_INDEX;
    r->warnings++;
    if (c->label)
        return cxi_note(r, CX_NOTE_WARNING, s, cr->year, c->line, c->col,
                        "%s: %s", c->label, cr->message);
    return cxi_note(r, CX_NOTE_WARNING, s, cr->year, c->line, c->col,
                    "check on %s: %s",
                    s == CX_NO_INDEX ? "burn" : r->model->series[s].name,
                    cr->message);
}

cx_status cxi_checks_compute(cx_result *r, size_t *failed)
{
    size_t total, n = 0;
    cx_status st = _count(r, &total);
    if (st != CX_OK || total == 0)
        return st;
    r->checks = calloc(total, sizeof *r->checks);
    if (!r->checks)
        return CX_ENOMEM;
    for (size_t i = 0; st == CX_OK && i < r->model->nchecks; i++) {
        st = _one_check(r, i, &n);
        if (st != CX_OK && _series_check(r->model->checks[i].kind))
            *failed = r->model->checks[i].series;
    }
    r->nchecks = n;
    for (size_t i = 0; st == CX_OK && i < n; i++)
        if (!r->checks[i].pass)
            st = _warn(r, &r->checks[i]);
    return st;
}
