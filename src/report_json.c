/*
 * report_json.c - `capex run --format json`: every figure of a result.
 */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "json_out.h"
#include "report.h"
#include "report_util.h"

/* A monthly or quarterly model's calendar: "periods": {frequency,
 * fiscal_year_end, first, last, count}; absent in an annual model. */
static void _periods(json_out *j, const cx_model *m)
{
    if (m->cal.per_year == 1)
        return;
    json_key(j, "periods");
    json_begin_object(j);
    json_kstring(j, "frequency", m->cal.per_year == 12 ? "month" : "quarter");
    json_kint(j, "fiscal_year_end", m->cal.fy_end);
    json_kyear(j, "first", m->first_year);
    json_kyear(j, "last", m->last_year);
    json_kint(j, "count", m->cal.n);
    json_end_object(j);
}

static void _header(json_out *j, const cx_result *r, const char *workbook)
{
    const cx_model *m = r->model;
    json_kstring(j, "model", m->name);
    json_kstring(j, "title", m->title);
    json_kstring(j, "scenario", report_scenario(r));
    json_kstring(j, "currency", m->currency);
    json_kstring(j, "unit", cx_scale_suffix(m->scale));
    json_kyear(j, "first_year", m->first_year);
    json_kyear(j, "last_year", m->last_year);
    _periods(j, m);
    json_kstring(j, "as_of", m->as_of_text);
    json_kstring(j, "workbook", workbook);
}

static void _value(json_out *j, const cx_series *s, const cx_value *v,
                   int year, double rate, double yoy, double residual, const double *pop)
{
    json_begin_object(j);
    json_kyear(j, "year", year);
    json_period_dates(j, year);
    json_knumber(j, "value", v->base);
    json_knumber(j, "low", v->low);
    json_knumber(j, "high", v->high);
    json_kstring(j, "kind", cx_value_kind_name(v->kind));
    if (v->text)
        json_kstring(j, "stated", v->text);
    if (cx_value_stated(v))
        json_kstring(j, "source", report_source(s, v));
    json_knumber(j, "yoy", yoy);
    if (pop)                    /* month on month, quarter on quarter */
        json_knumber(j, j->cal->per_year == 12 ? "mom" : "qoq", *pop);
    if (v->kind == CX_V_PROJECTED)
        json_knumber(j, "rate", rate);
    if (isfinite(residual))
        json_knumber(j, "residual", residual);
    json_end_object(j);
}

/* The start rate of fade / stages / cagr: stated, or a window's CAGR. */
static void _start_rate(json_out *j, const char *key, const cx_driver *d,
                        const cx_series_result *sr)
{
    int from_window = d->method == CX_D_CAGR || d->from_cagr;
    json_knumber(j, key, from_window ? sr->start_rate : d->rate);
    if (from_window) {
        json_kyear(j, "window_from", sr->window_from);
        json_kyear(j, "window_to", sr->window_to);
    }
}

static void _rates(json_out *j, const cx_driver *d)
{
    json_key(j, "rates");
    json_begin_array(j);
    for (size_t i = 0; i < d->nrates; i++)
        json_number(j, d->rates[i]);
    json_end_array(j);
}

static void _overrides(json_out *j, const cx_driver *d)
{
    if (!d->nrate_overrides)
        return;
    json_key(j, "override");
    json_begin_array(j);
    for (size_t i = 0; i < d->nrate_overrides; i++) {
        json_begin_object(j);
        json_kint(j, "year", d->rate_overrides[i].year);
        json_knumber(j, "rate", d->rate_overrides[i].rate);
        json_end_object(j);
    }
    json_end_array(j);
}

static void _method_keys(json_out *j, const cx_model *m, const cx_driver *d,
                         const cx_series_result *sr)
{
    switch (d->method) {
    case CX_D_GROWTH: json_knumber(j, "rate", d->rate); break;
    case CX_D_RATES: _rates(j, d); break;
    case CX_D_CAGR: _start_rate(j, "rate", d, sr); break;
    case CX_D_FADE:
        _start_rate(j, "from", d, sr);
        json_knumber(j, "to", d->terminal);
        json_kint(j, "over", d->over);
        break;
    case CX_D_STAGES:
        _start_rate(j, "high", d, sr);
        json_kint(j, "high_years", d->high_years);
        json_knumber(j, "to", d->terminal);
        json_kint(j, "fade_years", d->fade_years);
        break;
    case CX_D_TREND:
        json_kstring(j, "fit", cx_fit_kind_name(d->fit));
        json_knumber(j, "saturation", d->has_saturation ? d->saturation : NAN);
        break;
    case CX_D_SHARE:
    case CX_D_INTENSITY:
        json_kstring(j, "of", m->series[d->of].name);
        if (d->share_series != CX_NO_INDEX)
            json_kstring(j, "share_series", m->series[d->share_series].name);
        else
            json_knumber(j, "share", d->share);
        break;
    default:
        break;
    }
}

static void _driver(json_out *j, const cx_model *m, const cx_driver *d,
                    const cx_series_result *sr)
{
    json_key(j, "driver");
    if (d->method == CX_D_NONE) {
        json_null(j);
        return;
    }
    json_begin_object(j);
    json_kstring(j, "method", cx_method_name(d->method));
    _method_keys(j, m, d, sr);
    _overrides(j, d);
    json_kstring(j, "source", d->source);
    json_end_object(j);
}

static void _fit(json_out *j, const cx_fit *f)
{
    if (f->kind == CX_FIT_NONE)
        return;
    json_key(j, "fit");
    json_begin_object(j);
    json_kstring(j, "kind", cx_fit_kind_name(f->kind));
    json_kyear(j, "from", f->from);
    json_kyear(j, "to", f->to);
    json_kint(j, "points", (long)f->n);
    if (f->kind == CX_FIT_LOGISTIC) {
        json_knumber(j, "saturation", f->saturation);
        json_key(j, "saturation_fitted");
        json_bool(j, f->saturation_fitted);
        json_knumber(j, "k", f->k);
        json_knumber(j, "t0", f->t0);
    } else {
        json_knumber(j, "a", f->a);
        json_knumber(j, "b", f->b);
    }
    json_knumber(j, "r2", f->r2);
    json_knumber(j, "rmse", f->rmse);
    json_end_object(j);
}

static void _growth(json_out *j, const cx_model *m, const cx_series_result *sr)
{
    json_key(j, "growth");
    if (sr->first < 0) {
        json_null(j);
        return;
    }
    json_begin_object(j);
    json_kyear(j, "from", m->first_year + sr->first);
    json_kyear(j, "to", m->first_year + sr->last_stated);
    json_knumber(j, "multiple", sr->hist_multiple);
    json_knumber(j, "cagr", sr->hist_cagr);
    if (m->cal.per_year != 1)   /* the same growth a month (a quarter) */
        json_knumber(j, "cagr_per_period", sr->hist_rate);
    json_kyear(j, "projected_to", m->first_year + sr->last);
    json_knumber(j, "cagr_to_last_year", sr->full_cagr);
    json_end_object(j);
}

/* A monthly or quarterly model's roll-up of one figure by fiscal year:
 * "annual": [{year, full, value[, yoy]}]. */
static void _annual(json_out *j, const cx_rollup *u, const double *v, const double *yoy)
{
    json_key(j, "annual");
    json_begin_array(j);
    for (int y = 0; y < u->n; y++) {
        json_begin_object(j);
        json_kint(j, "year", u->first_year + y);
        json_key(j, "full");
        json_bool(j, u->full[y]);
        json_knumber(j, "value", v[y]);
        if (yoy)
            json_knumber(j, "yoy", yoy[y]);
        json_end_object(j);
    }
    json_end_array(j);
}

static void _series_annual(json_out *j, const cx_result *r, size_t i)
{
    const cx_rollup *u = &r->annual;
    if (!u->n)
        return;
    json_key(j, "balance");
    json_bool(j, r->model->series[i].flow == CX_BALANCE);
    _annual(j, u, &u->series[i * (size_t)u->n], &u->yoy[i * (size_t)u->n]);
}

static void _series(json_out *j, const cx_result *r, size_t i)
{
    const cx_model *m = r->model;
    const cx_series *s = &m->series[i];
    const cx_series_result *sr = &r->series[i];
    json_begin_object(j);
    json_kstring(j, "name", s->name);
    json_kstring(j, "label", report_label(s));
    json_kstring(j, "unit", report_unit(s->unit, s->unit_text));
    json_kstring(j, "kind", s->kind == CX_S_SUM ? "sum"
                 : s->kind == CX_S_FORMULA ? "formula"
                 : s->kind == CX_S_DEPRECIATION ? "depreciation" : "input");
    json_kstring(j, "source", s->source);
    if (s->kind == CX_S_FORMULA) {
        json_kstring(j, "formula", s->formula_text);
        json_key(j, "inputs");
        json_begin_array(j);
        for (size_t p = 0; p < s->formula.ninputs; p++)
            json_string(j, m->series[s->formula.inputs[p]].name);
        json_end_array(j);
    }
    if (s->kind == CX_S_SUM) {
        json_key(j, "sum_of");
        json_begin_array(j);
        for (size_t p = 0; p < s->nparts; p++)
            json_string(j, m->series[s->parts[p]].name);
        json_end_array(j);
    }
    _driver(j, m, &r->drivers[i], sr);
    _fit(j, &sr->fit);
    _growth(j, m, sr);
    json_key(j, "values");
    json_begin_array(j);
    for (size_t t = 0; t < m->nyears; t++)
        if (cx_value_present(&sr->v[t]))
            _value(j, s, &sr->v[t], m->first_year + (int)t, sr->rate[t], sr->yoy[t],
                   sr->residual ? sr->residual[t] : NAN, sr->pop ? &sr->pop[t] : NULL);
    json_end_array(j);
    _series_annual(j, r, i);
    json_end_object(j);
}

static void _burn_annual(json_out *j, const cx_result *r)
{
    const cx_rollup *u = &r->annual;
    if (!u->n || !u->net)
        return;
    json_key(j, "annual_net");
    json_begin_object(j);
    _annual(j, u, u->net, NULL);
    json_end_object(j);
    if (!u->cash)
        return;
    json_key(j, "annual_cash");
    json_begin_object(j);
    _annual(j, u, u->cash, NULL);
    json_end_object(j);
}

static void _constants(json_out *j, const cx_model *m)
{
    json_key(j, "constants");
    json_begin_array(j);
    for (size_t i = 0; i < m->nconstants; i++) {
        const cx_constant *c = &m->constants[i];
        json_begin_object(j);
        json_kstring(j, "name", c->name);
        json_kstring(j, "label", c->label ? c->label : c->name);
        json_kstring(j, "unit", report_unit(c->unit, c->unit_text));
        json_knumber(j, "value", c->value.base);
        json_knumber(j, "low", c->value.low);
        json_knumber(j, "high", c->value.high);
        json_kstring(j, "stated", c->value.text);
        json_kstring(j, "source", c->value.source ? c->value.source : c->source);
        json_end_object(j);
    }
    json_end_array(j);
}

static void _funding(json_out *j, const cx_funding *f)
{
    json_kfraction(j, "break_even_fraction", f->break_even_frac);
    json_kfraction(j, "payback_fraction", f->payback_frac);
    json_key(j, "cash_stated");
    json_bool(j, f->has_cash);
    if (f->has_cash) {
        json_kyear(j, "cash_year", f->cash_year);
        json_knumber(j, "opening_cash", f->opening_cash);
    }
    json_knumber(j, "raised", f->raised);
    json_knumber(j, "funding_gap", f->funding_gap);
    json_knumber(j, "runway_months", f->runway_months);
    json_kfraction(j, "runway_end", f->runway_end);
    json_kyear(j, "runout_year", f->runout_year);
    json_key(j, "default_alive");
    if (f->default_alive < 0)
        json_null(j);
    else
        json_bool(j, f->default_alive);
    json_knumber(j, "alive_margin_months", f->alive_margin_months);
}

/* One year of the burn: the flows and, where the model has them, the
 * funding rows. */
static void _burn_year(json_out *j, const cx_burn_result *b, size_t i)
{
    const cx_funding *f = &b->funding;
    json_begin_object(j);
    json_kyear(j, "year", b->first_year + (int)i);
    json_period_dates(j, b->first_year + (int)i);
    if (b->revenue) {
        json_knumber(j, "revenue", b->revenue[i]);
        json_knumber(j, "costs", b->costs[i]);
    }
    if (f->commitments)
        json_knumber(j, "commitments", f->commitments[i]);
    if (f->gross_burn)
        json_knumber(j, "gross_burn", f->gross_burn[i]);
    json_knumber(j, "net", b->net[i]);
    json_knumber(j, "net_burn", b->burn.net_burn[i]);
    json_knumber(j, "cumulative", b->burn.cumulative[i]);
    if (f->raises)
        json_knumber(j, "raises", f->raises[i]);
    if (f->cash)
        json_knumber(j, "cash", f->cash[i]);
    json_end_object(j);
}

/* What holds whatever the net's sign: its label, whether it burns, when
 * a net that starts >= 0 turns negative, the trough, and whether the
 * burn is funded within the horizon (false: still burning in the last
 * year, so the peak burn and the funding gap are lower bounds). */
static void _burn_sign(json_out *j, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    json_kstring(j, "label", report_net_label(r->model));
    json_key(j, "burns");
    json_bool(j, b->burn.burns);
    json_kyear(j, "turns_negative_year", b->burn.turns_negative_year);
    json_kfraction(j, "turns_negative_fraction", b->funding.turns_negative_frac);
    json_knumber(j, "trough", b->burn.burns ? b->burn.trough : NAN);
    json_kyear(j, "trough_year", b->burn.trough_year);
    json_key(j, "funded_within_horizon");
    json_bool(j, !b->burn.still_burning);
}

static void _burn(json_out *j, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    json_key(j, "burn");
    if (!b->enabled) {
        json_null(j);
        return;
    }
    json_begin_object(j);
    json_knumber(j, "peak_burn", b->burn.peak_burn);
    json_kyear(j, "peak_year", b->burn.peak_year);
    json_kyear(j, "break_even_year", b->burn.break_even_year);
    json_kyear(j, "payback_year", b->burn.payback_year);
    json_knumber(j, "total_burn", b->burn.total_burn);
    _burn_sign(j, r);
    _funding(j, &b->funding);
    json_key(j, "years");
    json_begin_array(j);
    for (size_t i = 0; i < b->n; i++)
        _burn_year(j, b, i);
    json_end_array(j);
    _burn_annual(j, r);
    json_end_object(j);
}

static void _commitment(json_out *j, const cx_result *r, size_t c)
{
    const cx_model *m = r->model;
    const cx_commitment *cm = &m->commitments[c];
    const cx_commitment_result *cr = &r->commitments;
    json_begin_object(j);
    json_kstring(j, "name", cm->name);
    json_knumber(j, "total", cx_value_present(&cm->total) ? cm->total.base : NAN);
    json_kyear(j, "start", cm->start);
    json_kint(j, "years", cm->years);
    json_key(j, "scheduled");
    json_bool(j, cr->scheduled[c]);
    json_knumber(j, "beyond_horizon", cr->beyond[c]);
    json_kstring(j, "note", cm->note);
    json_kstring(j, "source", cm->source);
    json_key(j, "amounts");
    json_begin_array(j);
    for (size_t t = 0; t < m->nyears; t++) {
        double a = cr->amount[c * m->nyears + t];
        if (a == 0)
            continue;
        json_begin_object(j);
        json_kyear(j, "year", m->first_year + (int)t);
        json_knumber(j, "amount", a);
        json_end_object(j);
    }
    json_end_array(j);
    json_end_object(j);
}

static void _commitments(json_out *j, const cx_result *r)
{
    const cx_model *m = r->model;
    json_key(j, "commitments");
    json_begin_array(j);
    for (size_t c = 0; c < m->ncommitments; c++)
        _commitment(j, r, c);
    json_end_array(j);
    json_key(j, "commitments_total");
    json_begin_array(j);
    for (size_t t = 0; m->ncommitments && t < m->nyears; t++) {
        json_begin_object(j);
        json_kyear(j, "year", m->first_year + (int)t);
        json_knumber(j, "amount", r->commitments.total[t]);
        json_end_object(j);
    }
    json_end_array(j);
}

/* What the check compares with, as written: per year for sum and range
 * checks (the series' stated figure), else the check's own. */
static const char *_check_stated_text(const cx_model *m, const cx_check *def, int year)
{
    if (def->kind != CX_C_SUM && def->kind != CX_C_RANGE)
        return def->stated.text;
    int t = cx_model_year_index(m, year);
    return t < 0 ? NULL : m->series[def->series].stated[t].text;
}

static void _checks(json_out *j, const cx_result *r)
{
    const cx_model *m = r->model;
    json_key(j, "checks");
    json_begin_array(j);
    for (size_t i = 0; i < r->nchecks; i++) {
        const cx_check_result *c = &r->checks[i];
        const cx_check *def = &m->checks[c->check];
        json_begin_object(j);
        json_kstring(j, "kind", cx_check_kind_name(def->kind));
        if (cx_check_has_series(def->kind))
            json_kstring(j, "series", m->series[def->series].name);
        json_kyear(j, "year", c->year);
        if (cx_check_has_period(def->kind))
            json_kyear(j, "from", def->from);
        json_kstring(j, "stated", _check_stated_text(m, def, c->year));
        json_knumber(j, "stated_low", c->stated_low);
        json_knumber(j, "stated_base", c->stated_base);
        json_knumber(j, "stated_high", c->stated_high);
        json_knumber(j, "computed", c->computed);
        if (def->kind == CX_C_RANGE) {
            json_knumber(j, "computed_low", c->computed_low);
            json_knumber(j, "computed_high", c->computed_high);   /* +inf: null */
        }
        json_knumber(j, "difference", c->difference);
        json_knumber(j, "tolerance", c->tolerance);
        json_kstring(j, "status", c->pass ? "pass" : "warn");
        json_kstring(j, "message", c->message);
        json_kstring(j, "label", def->label);
        json_kstring(j, "source", def->source);
        json_end_object(j);
    }
    json_end_array(j);
    json_kint(j, "warnings", (long)r->warnings);
}

static void _discount(json_out *j, const cx_result *r)
{
    const cx_discount_result *d = &r->discount;
    json_key(j, "discount");
    if (!d->enabled) {
        json_null(j);
        return;
    }
    json_begin_object(j);
    json_knumber(j, "rate", d->rate);
    json_knumber(j, "npv", d->npv);
    json_knumber(j, "npv_t0", d->npv0);
    json_knumber(j, "xnpv", d->xnpv);
    json_knumber(j, "irr", d->irr);
    if (r->model->cal.per_year != 1) {   /* per period above; per year here */
        json_knumber(j, "rate_per_year", r->model->discount.rate);
        json_knumber(j, "irr_per_year",
                     cx_rate_convert(d->irr, cx_period_months(&r->model->cal), 12));
    }
    json_knumber(j, "xirr", d->xirr);
    json_kint(j, "irr_sign_changes", d->irr_roots);
    json_kstring(j, "irr_note", d->irr_note[0] ? d->irr_note : NULL);
    json_key(j, "flows");
    json_begin_array(j);
    for (size_t i = 0; i < d->n; i++) {
        json_begin_object(j);
        json_kyear(j, "year", d->first_year + (int)i);
        json_knumber(j, "flow", d->flows[i]);
        json_knumber(j, "date", d->dates[i]);
        json_end_object(j);
    }
    json_end_array(j);
    json_end_object(j);
}

static void _goals(json_out *j, const cx_result *r)
{
    const cx_model *m = r->model;
    json_key(j, "goals");
    json_begin_array(j);
    for (size_t i = 0; i < r->ngoals; i++) {
        const cx_goal_result *g = &r->goals[i];
        const cx_goal *def = &m->goals[g->goal];
        json_begin_object(j);
        json_kstring(j, "kind", cx_goal_kind_name(def->kind));
        json_kstring(j, "series", m->series[def->series].name);
        if (def->kind == CX_G_BREAK_EVEN)
            json_kint(j, "by", def->by);
        else
            json_knumber(j, "cap", def->cap);
        json_key(j, "solved");
        json_bool(j, g->solved);
        json_knumber(j, "rate", g->rate);
        json_knumber(j, "achieved", g->achieved);
        json_kint(j, "iterations", g->iterations);
        json_kstring(j, "message", g->message);
        json_kstring(j, "label", def->label);
        json_end_object(j);
    }
    json_end_array(j);
}

static void _notes(json_out *j, const cx_result *r)
{
    json_key(j, "notes");
    json_begin_array(j);
    for (size_t i = 0; i < r->nnotes; i++) {
        const cx_note *n = &r->notes[i];
        json_begin_object(j);
        json_kstring(j, "level", n->level == CX_NOTE_WARNING ? "warning" : "info");
        json_kint(j, "line", n->line);
        json_kstring(j, "text", n->text);
        json_end_object(j);
    }
    json_end_array(j);
}

static void _extras(json_out *j, const cx_result *r, const run_extras *x)
{
    if (!x)
        return;
    if (x->scenarios) {
        json_key(j, "scenarios");
        json_scenarios(j, r, x->scenarios);
    }
    if (x->sensitivity) {
        json_key(j, "sensitivity");
        json_sensitivity(j, r, x->sensitivity);
    }
    if (x->mc) {
        json_key(j, "monte_carlo");
        json_mc(j, r, x->mc);
    }
}

/* One depreciation entry: the rule in effect and the Summary's figures
 * (its series are in "series"). */
static void _depreciation_entry(json_out *j, const cx_result *r, size_t d)
{
    const cx_depreciation *dep = &r->model->depreciations[d];
    const cx_dep_result *dr = &r->deps[d];
    json_begin_object(j);
    json_kstring(j, "name", dep->name);
    json_kstring(j, "capex", r->model->series[dep->capex].name);
    json_knumber(j, "life", dr->rule.life);
    json_kstring(j, "method", cx_dep_method_name(dr->rule.method));
    json_kstring(j, "convention", cx_dep_convention_name(dr->rule.convention));
    json_knumber(j, "salvage", dr->rule.salvage);
    json_knumber(j, "rate", isfinite(dr->rule.db_factor) && dr->rule.db_factor > 0
                                ? dr->rule.db_factor : 2);
    json_kyear(j, "first_year", dr->first >= 0 ? r->model->first_year + dr->first : 0);
    json_kyear(j, "first_da_year", dr->da_first);
    json_knumber(j, "da_last", dr->da_last);
    json_knumber(j, "da_multiple", dr->da_multiple);
    json_knumber(j, "share_of_capex", dep->share_of_capex);
    json_kyear(j, "exceeds_year", dr->exceeds_year);
    json_end_object(j);
}

static void _depreciation(json_out *j, const cx_result *r)
{
    json_key(j, "depreciation");
    json_begin_array(j);
    for (size_t d = 0; d < r->model->ndepreciations; d++)
        _depreciation_entry(j, r, d);
    json_end_array(j);
}

int report_json(FILE *out, const cx_result *r, const run_extras *x, const char *workbook)
{
    json_out j;
    json_init(&j, out);
    j.cal = &r->model->cal;
    json_begin_object(&j);
    _header(&j, r, workbook);
    json_key(&j, "series");
    json_begin_array(&j);
    for (size_t i = 0; i < r->model->nseries; i++)
        _series(&j, r, i);
    json_end_array(&j);
    _constants(&j, r->model);
    _burn(&j, r);
    _commitments(&j, r);
    _depreciation(&j, r);
    _checks(&j, r);
    _discount(&j, r);
    _goals(&j, r);
    _extras(&j, r, x);
    _notes(&j, r);
    json_end_object(&j);
    if (ferror(out))
        return diag_error("cannot write JSON: %s", strerror(errno)), EX_IOERR;
    return 0;
}
