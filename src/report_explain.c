/*
 * report_explain.c - `capex explain`: how each value of a series came to be
 * (report_explain.h). It lays out the engine's result - the stated figure
 * and its source, the rate the engine applied, the fitted curve, the parts
 * of a sum - and computes nothing itself.
 */
#include "report_explain.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "report_util.h"

static const char *_kind(cx_value_kind k)
{
    switch (k) {
    case CX_V_EXACT: return "exact";
    case CX_V_ESTIMATE: return "estimate";
    case CX_V_FLOOR: return "floor";
    case CX_V_RANGE: return "range, base is the midpoint";
    default: return "";
    }
}

static void _pct(FILE *f, double rate)
{
    fprintf(f, "%.2f%%", rate * 100);
}

/* A chained rate's unit and, when the model's period differs from it,
 * the conversion: " a year, (1 + r)^(1/12) - 1 a month". */
static void _per(FILE *f, const cx_model *m, const cx_driver *d)
{
    static const char *const unit[] = {"", "a month", "", "a quarter", "", "", "", "", "",
                                       "", "", "", "a year"};
    int per = d->per ? d->per : 12, months = cx_period_months(&m->cal);
    if (!cx_method_chained(d->method) || (per == 12 && months == 12))
        return;
    fprintf(f, " %s", unit[per]);
    if (per != months)
        fprintf(f, ", (1 + r)^(%d/%d) - 1 %s", months, per, unit[months]);
}

/* The driver in words: "fade from 110% to 40% over 4 years". */
static void _driver(FILE *f, const cx_model *m, const cx_driver *d,
                    const cx_series_result *sr)
{
    char a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
    fprintf(f, "  driver   %s", cx_method_name(d->method));
    switch (d->method) {
    case CX_D_GROWTH: fputs(" at ", f); _pct(f, d->rate); break;
    case CX_D_RATES:
        fputs(":", f);
        for (size_t i = 0; i < d->nrates; i++) {
            fputc(' ', f);
            _pct(f, d->rates[i]);
        }
        fputs(" (the last holds)", f);
        break;
    case CX_D_CAGR:
        fprintf(f, " of %s..%s = ", cx_model_period_title(m, sr->window_from, a),
                cx_model_period_title(m, sr->window_to, b));
        _pct(f, sr->start_rate);
        break;
    case CX_D_FADE: case CX_D_STAGES:
        fputs(" from ", f);
        if (d->from_cagr)
            fprintf(f, "cagr(%s..%s) = ", cx_model_period_title(m, sr->window_from, a),
                    cx_model_period_title(m, sr->window_to, b));
        _pct(f, d->from_cagr ? sr->start_rate : d->rate);
        if (d->method == CX_D_STAGES)
            fprintf(f, " for %d year%s, then over %d year%s", d->high_years,
                    d->high_years == 1 ? "" : "s", d->fade_years,
                    d->fade_years == 1 ? "" : "s");
        fputs(" to ", f);
        _pct(f, d->terminal);
        if (d->method == CX_D_FADE)
            fprintf(f, " over %d year%s", d->over, d->over == 1 ? "" : "s");
        break;
    case CX_D_TREND: fprintf(f, " (%s fit)", cx_fit_kind_name(d->fit)); break;
    case CX_D_SHARE: case CX_D_INTENSITY:
        fprintf(f, " of %s", m->series[d->of].name);
        if (d->share_series != CX_NO_INDEX)
            fprintf(f, " times %s", m->series[d->share_series].name);
        else {
            fputs(" at ", f);
            _pct(f, d->share);
        }
        break;
    default: break;
    }
    for (size_t i = 0; i < d->nrate_overrides; i++) {
        fprintf(f, "%s%d: ", i ? ", " : "; override ", d->rate_overrides[i].year);
        _pct(f, d->rate_overrides[i].rate);
    }
    _per(f, m, d);
    if (d->line)
        fprintf(f, "   [%s:%d:%d]", m->file, d->line, d->col);
    fputc('\n', f);
    if (d->source)
        fprintf(f, "           source: %s\n", d->source);
}

/* What t counts in a monthly or quarterly fit: years, from the first
 * period's number / k ("t = 2025 in Q1 FY25, + 1/4 a quarter"). */
static void _fit_t(FILE *f, const cx_model *m)
{
    int k = m->cal.per_year;
    char p[CX_PERIOD_KEY_MAX];
    if (k == 1)
        return;
    fprintf(f, " (t in years: %g in %s, + 1/%d a %s)", (double)m->first_year / k,
            cx_model_period_title(m, m->first_year, p), k, k == 12 ? "month" : "quarter");
}

static void _fit(FILE *f, const cx_model *m, const cx_fit *fit)
{
    char a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
    if (fit->kind == CX_FIT_NONE)
        return;
    fprintf(f, "  fit      %s over %s..%s (%zu points): ", cx_fit_kind_name(fit->kind),
            cx_model_period_title(m, fit->from, a), cx_model_period_title(m, fit->to, b),
            fit->n);
    if (fit->kind == CX_FIT_LINEAR)
        fprintf(f, "v(t) = %.6g + %.6g*t", fit->a, fit->b);
    else if (fit->kind == CX_FIT_EXPONENTIAL)
        fprintf(f, "v(t) = exp(%.6g + %.6g*t)", fit->a, fit->b);
    else
        fprintf(f, "v(t) = %.6g / (1 + exp(-%.6g*(t - %.6g)))", fit->saturation, fit->k,
                fit->t0);
    _fit_t(f, m);
    fprintf(f, ", R2 %.4f, RMSE %.4g\n", fit->r2, fit->rmse);
}

/* "= the formula of: ocf.amazon 84.90, capex.amazon 48.40" (the inputs'
 * values in that year; "-" where one has none). */
static void _inputs_in(FILE *f, const cx_result *r, size_t s, int year)
{
    const cx_formula *fx = &r->model->series[s].formula;
    fputs("= formula of:", f);
    for (size_t i = 0; i < fx->ninputs; i++) {
        double x = cx_result_value(r, fx->inputs[i], year);
        fprintf(f, "%s %s ", i ? "," : "", r->model->series[fx->inputs[i]].name);
        if (isnan(x))
            fputs("-", f);
        else
            fprintf(f, "%.2f", x);
    }
}

/* Why a derived year is empty. */
static void _empty(FILE *f, const cx_result *r, size_t s, size_t t)
{
    uint32_t w = r->series[s].why[t];
    const cx_model *m = r->model;
    char p[CX_PERIOD_KEY_MAX];
    fprintf(f, "  %s %12s  empty: ", cx_model_period_title(m, m->first_year + (int)t, p), "");
    switch (CX_FXW_KIND(w)) {
    case CX_FXW_MISSING:
        fprintf(f, "'%s' has no value\n", CX_FXW_SERIES(w) < m->nseries
                ? m->series[CX_FXW_SERIES(w)].name : "?");
        break;
    case CX_FXW_DIV0: fputs("division by zero\n", f); break;
    case CX_FXW_LAG:  fputs("lag before the first year\n", f); break;
    default:          fputs("the result is not finite\n", f); break;
    }
}

static void _formula(FILE *f, const cx_model *m, const cx_series *se)
{
    fprintf(f, "  formula  %s\n", se->formula_text ? se->formula_text : "");
    fputs("  inputs  ", f);
    for (size_t i = 0; i < se->formula.ninputs; i++)
        fprintf(f, " %s", m->series[se->formula.inputs[i]].name);
    for (size_t i = 0; i < se->formula.ncode; i++)
        if (se->formula.code[i].op == CX_FX_CONST)
            fprintf(f, " %s (constant)", m->constants[se->formula.code[i].index].name);
    fputc('\n', f);
}

/* Where a value of series s in year index t came from. */
static void _how(FILE *f, const cx_result *r, size_t s, size_t t)
{
    const cx_model *m = r->model;
    const cx_series *se = &m->series[s];
    const cx_series_result *sr = &r->series[s];
    const cx_value *v = &sr->v[t];
    int year = m->first_year + (int)t;
    switch (v->kind) {
    case CX_V_INTERPOLATED:
        fputs("interpolated: on the line between the stated years around it", f);
        break;
    case CX_V_DERIVED:
        if (se->kind == CX_S_FORMULA) {
            _inputs_in(f, r, s, year);
            break;
        }
        if (se->kind == CX_S_DEPRECIATION) {
            report_explain_dep_year(f, r, s, t);
            break;
        }
        fputs("= ", f);
        for (size_t i = 0; i < se->nparts; i++)
            fprintf(f, "%s%s %.2f", i ? " + " : "", m->series[se->parts[i]].name,
                    cx_result_value(r, se->parts[i], year));
        break;
    case CX_V_PROJECTED: {
        const cx_driver *d = &r->drivers[s];
        if (cx_method_chained(d->method) && t > 0) {
            fprintf(f, "= %.2f x (1 + ", sr->v[t - 1].base);
            _pct(f, sr->rate[t]);
            fputc(')', f);
        } else if (d->method == CX_D_TREND) {
            char p[CX_PERIOD_KEY_MAX];
            fprintf(f, "= the %s fit in %s", cx_fit_kind_name(sr->fit.kind),
                    cx_model_period_title(m, year, p));
        } else if (d->method == CX_D_SHARE || d->method == CX_D_INTENSITY) {
            fprintf(f, "= %s %.2f x ", m->series[d->of].name, cx_result_value(r, d->of, year));
            if (d->share_series != CX_NO_INDEX)
                fprintf(f, "%s %.4g", m->series[d->share_series].name,
                        cx_result_value(r, d->share_series, year));
            else
                _pct(f, d->share);
        }
        break;
    }
    default: {
        const cx_value *st = &se->stated[t];
        fprintf(f, "stated '%s' (%s)", st->text ? st->text : "", _kind(st->kind));
        if (st->source)
            fprintf(f, ", source: %s", st->source);
        if (st->line)
            fprintf(f, "   [line %d]", st->line);
    }
    }
}

static void _series(FILE *f, const cx_result *r, size_t s)
{
    const cx_model *m = r->model;
    const cx_series *se = &m->series[s];
    fprintf(f, "%s - %s (", se->name, report_label(se));
    if (se->unit == CX_U_MONEY)
        fprintf(f, "%s %s", m->currency, report_scale_word(m->scale));
    else
        fputs(report_unit(se->unit, se->unit_text), f);
    fprintf(f, ")   [%s:%d:%d]\n", m->file, se->line, se->col);
    if (se->source)
        fprintf(f, "  source   %s\n", se->source);
    if (se->kind == CX_S_SUM) {
        fputs("  sum of  ", f);
        for (size_t i = 0; i < se->nparts; i++)
            fprintf(f, " %s", m->series[se->parts[i]].name);
        fputc('\n', f);
    }
    if (se->kind == CX_S_FORMULA)
        _formula(f, m, se);
    if (se->kind == CX_S_DEPRECIATION)
        report_explain_dep_rule(f, r, s);
    if (r->drivers[s].method != CX_D_NONE)
        _driver(f, m, &r->drivers[s], &r->series[s]);
    _fit(f, r->model, &r->series[s].fit);
    for (size_t t = 0; t < m->nyears; t++) {
        const cx_value *v = &r->series[s].v[t];
        if (!cx_value_present(v) && r->series[s].why && r->series[s].why[t])
            _empty(f, r, s, t);
        if (!cx_value_present(v))
            continue;
        char p[CX_PERIOD_KEY_MAX];
        fprintf(f, "  %s %12.2f  ", cx_model_period_title(m, m->first_year + (int)t, p), v->base);
        _how(f, r, s, t);
        fputc('\n', f);
    }
}

int report_explain(FILE *f, const cx_result *r, size_t series)
{
    const cx_model *m = r->model;
    fprintf(f, "%s  [%s, scenario %s]\n", m->title && *m->title ? m->title : m->name,
            m->name, r->scenario ? r->scenario : "base");
    for (size_t i = 0; i < m->nseries; i++) {
        size_t s = r->order ? r->order[i] : i;
        if (series != CX_NO_INDEX && s != series)
            continue;
        fputc('\n', f);
        _series(f, r, s);
    }
    return ferror(f) ? EX_IOERR : 0;
}
