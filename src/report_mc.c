/*
 * report_mc.c - the Monte Carlo part of the table, CSV and JSON reports
 * (`capex mc`): inputs and their sample moments, percentiles of the
 * cumulative net cash flow, peak funding need and NPV, when break-even,
 * payback and the runway end happen, the fan chart's rows, the histogram
 * and the targets' probabilities. Layout only: the engine computed it all.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mc.h"
#include "numfmt.h"
#include "csv_out.h"
#include "report.h"
#include "report_util.h"

/* "P5", "P2.5". */
static void _level(char *buf, size_t size, double level)
{
    snprintf(buf, size, "P%g", level * 100);
}

/* "revenue.openai" or "revenue.openai@2026". */
static void _input_name(char *buf, size_t size, const cx_model *m, const cx_stochastic *in)
{
    char p[CX_PERIOD_KEY_MAX];
    if (in->param == CX_MC_FIGURE)
        snprintf(buf, size, "%s@%s", m->series[in->series].name,
                 cx_model_period_title(m, in->year, p));
    else
        snprintf(buf, size, "%s", m->series[in->series].name);
}

static const char *_fan_name(size_t e, const cx_model *m)
{
    return e == CX_FAN_NET ? "net" : e == CX_FAN_CUMULATIVE ? "cumulative"
                                                            : m->series[e].name;
}

/* Figures of an input: percent for rates and shares, else as money. */
static void _in_value(char *buf, size_t size, const cx_stochastic *in, double v)
{
    if (in->param == CX_MC_DRIVER && isfinite(v)) {
        numfmt_human(buf, size, v * 100, 1);
        strncat(buf, "%", size - strlen(buf) - 1);
    } else {
        numfmt_human(buf, size, v, 2);
    }
}

static void _dist_text(char *buf, size_t size, const cx_stochastic *in)
{
    const cx_dist *d = &in->dist;
    char a[48], b[48], c[48];
    switch (d->kind) {
    case CX_DIST_NORMAL: case CX_DIST_LOGNORMAL:
        _in_value(a, sizeof a, in, d->mean);
        _in_value(b, sizeof b, in, d->sd);
        snprintf(buf, size, "%s(mean %s, sd %s)", cx_dist_name(d->kind), a, b);
        break;
    case CX_DIST_UNIFORM:
        _in_value(a, sizeof a, in, d->low);
        _in_value(b, sizeof b, in, d->high);
        snprintf(buf, size, "uniform(%s, %s)", a, b);
        break;
    case CX_DIST_DISCRETE:
        snprintf(buf, size, "discrete(%zu values)", d->n);
        break;
    default:
        _in_value(a, sizeof a, in, d->low);
        _in_value(b, sizeof b, in, d->mode);
        _in_value(c, sizeof c, in, d->high);
        snprintf(buf, size, "%s(%s, %s, %s)", cx_dist_name(d->kind), a, b, c);
    }
}

static const char *_target_text(char *buf, size_t size, const cx_model *m,
                                const cx_target *t)
{
    char x[48], y[CX_PERIOD_KEY_MAX];
    numfmt_human(x, sizeof x, t->x, 1);
    cx_model_period_title(m, t->year, y);
    switch (t->kind) {
    case CX_T_BREAK_EVEN_BY:  snprintf(buf, size, "break-even by %s", y); break;
    case CX_T_PAYBACK_BY:     snprintf(buf, size, "payback by %s", y); break;
    case CX_T_BURN_BELOW:     snprintf(buf, size, "burn through %s below %s", y, x); break;
    case CX_T_PEAK_BELOW:     snprintf(buf, size, "peak funding need below %s", x); break;
    case CX_T_RUNWAY_THROUGH: snprintf(buf, size, "cash lasts through %s", y); break;
    case CX_T_NPV_ABOVE:      snprintf(buf, size, "NPV above %s", x); break;
    default:                  snprintf(buf, size, "?");
    }
    return t->label ? t->label : buf;
}

/* ---- table ------------------------------------------------------------- */

static void _t_inputs(FILE *f, const cx_result *r, const cx_mc_result *mc)
{
    const cx_uncertainty *u = mc->u;
    fprintf(f, "  %-26s %-12s %-40s %9s %9s\n", "input", "samples", "distribution",
            "mean", "sd");
    for (size_t i = 0; i < u->ninputs; i++) {
        char name[160], dist[200], mean[48], sd[48];
        _input_name(name, sizeof name, r->model, &u->inputs[i]);
        _dist_text(dist, sizeof dist, &u->inputs[i]);
        _in_value(mean, sizeof mean, &u->inputs[i], mc->inputs[i].mean);
        _in_value(sd, sizeof sd, &u->inputs[i], mc->inputs[i].sd);
        fprintf(f, "  %-26s %-12s %-40s %9s %9s\n", name,
                cx_mc_param_name(r, &u->inputs[i]), dist, mean, sd);
    }
    if (u->k)
        fprintf(f, "  %zu inputs correlated (Gaussian copula)%s\n", u->k,
                u->repaired ? "; the matrix was repaired to the nearest positive definite" : "");
}

static void _t_stat_head(FILE *f, const cx_mc_result *mc, int w)
{
    fprintf(f, "  %-*s %10s %10s", w, "", "determin.", "mean");
    for (size_t j = 0; j < mc->nq; j++) {
        char l[16];
        _level(l, sizeof l, mc->levels[j]);
        fprintf(f, " %9s", l);
    }
    fputc('\n', f);
}

static void _t_stat(FILE *f, const cx_mc_result *mc, int w, const char *label,
                    const cx_mc_stat *s)
{
    char buf[48];
    if (!s->present)
        return;
    fprintf(f, "  %-*s", w, label);
    numfmt_human(buf, sizeof buf, s->deterministic, 1);
    fprintf(f, " %10s", buf);
    numfmt_human(buf, sizeof buf, s->mean, 1);
    fprintf(f, " %10s", buf);
    for (size_t j = 0; j < mc->nq; j++) {
        numfmt_human(buf, sizeof buf, s->q[j], 1);
        fprintf(f, " %9s", buf);
    }
    fputc('\n', f);
}

/* Fiscal year of the burn's period i (its year in an annual model). */
static int _fy(const cx_model *m, const cx_mc_result *mc, size_t i)
{
    int p = mc->burn_first_year + (int)i;
    return m->cal.per_year == 1 ? p
                                : cx_period_fiscal_year(&m->cal, cx_period_of_number(&m->cal, p));
}

/* " 2026", or " FY2026" when the fiscal year ends before December. */
static void _t_year(FILE *f, const cx_model *m, int fy)
{
    if (m->cal.fy_end == 12)
        fprintf(f, " %6d", fy);
    else
        fprintf(f, " FY%04d", fy);
}

/* The event's probability by (fiscal) year: a monthly or quarterly
 * model's periods summed into their year ("in"), the last period's
 * running share ("by"). */
static void _t_years(FILE *f, const cx_model *m, const cx_mc_result *mc, const char *label,
                     const cx_mc_years *y)
{
    if (!y->present)
        return;
    fprintf(f, "  %-20s", label);
    for (size_t i = 0; i < mc->burn_n; i++)
        if (i + 1 == mc->burn_n || _fy(m, mc, i + 1) != _fy(m, mc, i))
            _t_year(f, m, _fy(m, mc, i));
    fprintf(f, "  %6s\n  %-20s", "never", "  in the year");
    double in = 0;
    for (size_t i = 0; i < mc->burn_n; i++) {
        in = i && _fy(m, mc, i) == _fy(m, mc, i - 1) ? in + y->p[i] : y->p[i];
        if (i + 1 == mc->burn_n || _fy(m, mc, i + 1) != _fy(m, mc, i))
            fprintf(f, " %5.1f%%", in * 100);
    }
    fprintf(f, "  %5.1f%%\n  %-20s", y->p_never * 100, "  by the year");
    for (size_t i = 0; i < mc->burn_n; i++)
        if (i + 1 == mc->burn_n || _fy(m, mc, i + 1) != _fy(m, mc, i))
            fprintf(f, " %5.1f%%", y->p_by[i] * 100);
    fputc('\n', f);
}

void table_mc(FILE *out, const cx_result *r, const struct cx_mc_result *mc)
{
    fprintf(out, "\nMonte Carlo: %zu path%s, seed %lu\n", mc->paths,
            mc->paths == 1 ? "" : "s", mc->seed);
    _t_inputs(out, r, mc);
    for (size_t t = 0; t < mc->ntargets; t++) {
        char buf[120];
        const cx_mc_target_result *tr = &mc->targets[t];
        const char *text = _target_text(buf, sizeof buf, r->model,
                                        &mc->u->targets[tr->target]);
        fprintf(out, "  P(%s) = %.1f%%   (deterministic: %s)\n", text, tr->p * 100,
                tr->deterministic ? "met" : "not met");
    }
    if (!mc->burn)
        return;
    char label[80];
    char a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
    snprintf(label, sizeof label, "cumulative net cash flow %s..%s",
             cx_model_period_title(r->model, mc->burn_first_year, a),
             cx_model_period_title(r->model, mc->burn_through, b));
    int w = (int)strlen(label) > 34 ? (int)strlen(label) : 34;   /* ASCII: titles */
    _t_stat_head(out, mc, w);
    _t_stat(out, mc, w, label, &mc->cumulative);
    _t_stat(out, mc, w, "peak funding need", &mc->peak);
    _t_stat(out, mc, w, "NPV", &mc->npv);
    _t_years(out, r->model, mc, "break-even", &mc->break_even);
    _t_years(out, r->model, mc, "payback", &mc->payback);
    _t_years(out, r->model, mc, "cash runs out", &mc->runout);
    if (mc->break_even.present)
        fputs("  (break-even counts only after a burn year, payback only after the cumulative "
              "went below 0:\n   a path with no burn within the horizon counts as never)\n", out);
}

/* ---- CSV --------------------------------------------------------------- */

static void _c_stat(FILE *f, const cx_result *r, const cx_mc_result *mc, const char *name,
                    const cx_mc_stat *s, int year, int from)
{
    if (!s->present)
        return;
    csvout_put(f, r, &(csvout_row){"mc.deterministic", name, year, from, s->deterministic, NULL, NULL, NULL});
    csvout_put(f, r, &(csvout_row){"mc.mean", name, year, from, s->mean, NULL, NULL, NULL});
    csvout_put(f, r, &(csvout_row){"mc.sd", name, year, from, s->sd, NULL, NULL, NULL});
    for (size_t j = 0; j < mc->nq; j++) {
        char l[16];
        _level(l, sizeof l, mc->levels[j]);
        csvout_put(f, r, &(csvout_row){"mc.percentile", name, year, from, s->q[j], l, NULL, NULL});
    }
}

static void _c_years(FILE *f, const cx_result *r, const cx_mc_result *mc, const char *name,
                     const cx_mc_years *y)
{
    if (!y->present)
        return;
    for (size_t i = 0; i < mc->burn_n; i++) {
        int year = mc->burn_first_year + (int)i;
        csvout_put(f, r, &(csvout_row){"mc.when", name, year, 0, y->p[i], "in", NULL, NULL});
        csvout_put(f, r, &(csvout_row){"mc.when", name, year, 0, y->p_by[i], "by", NULL, NULL});
    }
    csvout_put(f, r, &(csvout_row){"mc.when", name, 0, 0, y->p_never, "never", NULL, NULL});
}

static void _c_fan(FILE *f, const cx_result *r, const cx_mc_result *mc)
{
    for (size_t k = 0; k < mc->nfan; k++) {
        const cx_mc_fan *fa = &mc->fan[k];
        const char *name = _fan_name(fa->entry, r->model);
        for (size_t i = 0; i < fa->n; i++)
            for (size_t j = 0; j < mc->nq; j++) {
                char l[16];
                _level(l, sizeof l, mc->levels[j]);
                csvout_put(f, r, &(csvout_row){"mc.fan", name, fa->first_year + (int)i, 0,
                                   fa->q[i * mc->nq + j], l, NULL, NULL});
            }
    }
}

void csv_mc(FILE *out, const cx_result *r, const struct cx_mc_result *mc)
{
    const cx_uncertainty *u = mc->u;
    for (size_t i = 0; i < u->ninputs; i++) {
        char name[160];
        _input_name(name, sizeof name, r->model, &u->inputs[i]);
        csvout_put(out, r, &(csvout_row){"mc.input", name, 0, 0, mc->inputs[i].mean,
                             cx_dist_name(u->inputs[i].dist.kind),
                             cx_mc_param_name(r, &u->inputs[i]), NULL});
    }
    if (mc->burn) {
        _c_stat(out, r, mc, "cumulative", &mc->cumulative, mc->burn_through,
                mc->burn_first_year);
        _c_stat(out, r, mc, "peak_funding", &mc->peak, 0, 0);
        _c_stat(out, r, mc, "npv", &mc->npv, 0, 0);
        _c_years(out, r, mc, "break_even", &mc->break_even);
        _c_years(out, r, mc, "payback", &mc->payback);
        _c_years(out, r, mc, "runway_end", &mc->runout);
        for (size_t i = 0; i < mc->nbins; i++) {
            char text[120], lo[40], hi[40];
            numfmt_exact(lo, sizeof lo, mc->edges[i]);
            numfmt_exact(hi, sizeof hi, mc->edges[i + 1]);
            snprintf(text, sizeof text, "%s..%s", lo, hi);
            csvout_put(out, r, &(csvout_row){"mc.histogram", "cumulative", mc->burn_through, 0,
                                 (double)mc->counts[i], "count", text, NULL});
        }
    }
    _c_fan(out, r, mc);
    for (size_t t = 0; t < mc->ntargets; t++) {
        char buf[120];
        const cx_target *tg = &mc->u->targets[mc->targets[t].target];
        csvout_put(out, r, &(csvout_row){"mc.target", NULL, tg->year, 0, mc->targets[t].p,
                             cx_target_kind_name(tg->kind),
                             _target_text(buf, sizeof buf, r->model, tg), NULL});
    }
}

/* ---- JSON -------------------------------------------------------------- */

static void _j_percentiles(json_out *j, const cx_mc_result *mc, const double *q)
{
    json_key(j, "percentiles");
    json_begin_object(j);
    for (size_t k = 0; k < mc->nq; k++) {
        char l[16];
        _level(l, sizeof l, mc->levels[k]);
        json_knumber(j, l, q[k]);
    }
    json_end_object(j);
}

static void _j_stat(json_out *j, const cx_mc_result *mc, const char *key, const cx_mc_stat *s)
{
    json_key(j, key);
    if (!s->present) {
        json_null(j);
        return;
    }
    json_begin_object(j);
    json_knumber(j, "deterministic", s->deterministic);
    json_knumber(j, "mean", s->mean);
    json_knumber(j, "sd", s->sd);
    json_knumber(j, "min", s->min);
    json_knumber(j, "max", s->max);
    _j_percentiles(j, mc, s->q);
    json_end_object(j);
}

static void _j_years(json_out *j, const cx_mc_result *mc, const char *key, const cx_mc_years *y)
{
    json_key(j, key);
    if (!y->present) {
        json_null(j);
        return;
    }
    json_begin_object(j);
    json_kyear(j, "deterministic", y->deterministic);
    json_key(j, "by_year");
    json_begin_array(j);
    for (size_t i = 0; i < mc->burn_n; i++) {
        json_begin_object(j);
        json_kyear(j, "year", mc->burn_first_year + (int)i);
        json_kint(j, "paths", (long)y->count[i]);
        json_knumber(j, "p", y->p[i]);
        json_knumber(j, "p_by", y->p_by[i]);
        json_end_object(j);
    }
    json_end_array(j);
    json_kint(j, "never", (long)y->never);
    json_knumber(j, "p_never", y->p_never);
    json_end_object(j);
}

static void _j_dist(json_out *j, const cx_dist *d)
{
    json_kstring(j, "dist", cx_dist_name(d->kind));
    switch (d->kind) {
    case CX_DIST_NORMAL: case CX_DIST_LOGNORMAL:
        json_knumber(j, "mean", d->mean);
        json_knumber(j, "sd", d->sd);
        break;
    case CX_DIST_DISCRETE:
        json_key(j, "values");
        json_begin_array(j);
        for (size_t i = 0; i < d->n; i++)
            json_number(j, d->values[i]);
        json_end_array(j);
        json_key(j, "cumulative_p");
        json_begin_array(j);
        for (size_t i = 0; i < d->n; i++)
            json_number(j, d->cum[i]);
        json_end_array(j);
        break;
    default:
        json_knumber(j, "low", d->low);
        if (d->kind != CX_DIST_UNIFORM)
            json_knumber(j, "mode", d->mode);
        json_knumber(j, "high", d->high);
    }
}

static void _j_inputs(json_out *j, const cx_result *r, const cx_mc_result *mc)
{
    const cx_uncertainty *u = mc->u;
    json_key(j, "inputs");
    json_begin_array(j);
    for (size_t i = 0; i < u->ninputs; i++) {
        const cx_stochastic *in = &u->inputs[i];
        json_begin_object(j);
        json_kstring(j, "series", r->model->series[in->series].name);
        json_kstring(j, "samples", cx_mc_param_name(r, in));
        json_kyear(j, "year", in->param == CX_MC_FIGURE ? in->year : 0);
        _j_dist(j, &in->dist);
        json_kstring(j, "source", in->source);
        json_key(j, "drawn");
        json_begin_object(j);
        json_knumber(j, "mean", mc->inputs[i].mean);
        json_knumber(j, "sd", mc->inputs[i].sd);
        json_knumber(j, "min", mc->inputs[i].min);
        json_knumber(j, "max", mc->inputs[i].max);
        json_end_object(j);
        json_end_object(j);
    }
    json_end_array(j);
}

static void _j_matrix(json_out *j, const char *key, const double *a, size_t k)
{
    json_key(j, key);
    json_begin_array(j);
    for (size_t r = 0; r < k; r++) {
        json_begin_array(j);
        for (size_t c = 0; c < k; c++)
            json_number(j, a[r * k + c]);
        json_end_array(j);
    }
    json_end_array(j);
}

static void _j_correlation(json_out *j, const cx_result *r, const cx_uncertainty *u)
{
    json_key(j, "correlation");
    if (!u->k) {
        json_null(j);
        return;
    }
    json_begin_object(j);
    json_key(j, "inputs");
    json_begin_array(j);
    for (size_t i = 0; i < u->k; i++)
        json_string(j, r->model->series[u->inputs[u->corr_input[i]].series].name);
    json_end_array(j);
    _j_matrix(j, "rank", u->rank, u->k);
    _j_matrix(j, "normal", u->pearson, u->k);
    json_key(j, "repaired");
    json_bool(j, u->repaired);
    json_end_object(j);
}

static void _j_fan(json_out *j, const cx_result *r, const cx_mc_result *mc)
{
    json_key(j, "fan");
    json_begin_array(j);
    for (size_t k = 0; k < mc->nfan; k++) {
        const cx_mc_fan *fa = &mc->fan[k];
        json_begin_object(j);
        json_kstring(j, "series", _fan_name(fa->entry, r->model));
        json_kstring(j, "label", cx_mc_fan_label(r->model, fa->entry));
        json_key(j, "years");
        json_begin_array(j);
        for (size_t i = 0; i < fa->n; i++) {
            json_begin_object(j);
            json_kyear(j, "year", fa->first_year + (int)i);
            json_knumber(j, "deterministic", fa->det[i]);
            json_knumber(j, "mean", fa->mean[i]);
            _j_percentiles(j, mc, fa->q + i * mc->nq);
            json_end_object(j);
        }
        json_end_array(j);
        json_end_object(j);
    }
    json_end_array(j);
}

static void _j_histogram(json_out *j, const cx_mc_result *mc)
{
    json_key(j, "histogram");
    if (!mc->burn) {
        json_null(j);
        return;
    }
    json_begin_object(j);
    json_kstring(j, "of", "cumulative");
    json_key(j, "edges");
    json_begin_array(j);
    for (size_t i = 0; i <= mc->nbins; i++)
        json_number(j, mc->edges[i]);
    json_end_array(j);
    json_key(j, "counts");
    json_begin_array(j);
    for (size_t i = 0; i < mc->nbins; i++)
        json_int(j, (long)mc->counts[i]);
    json_end_array(j);
    json_end_object(j);
}

static void _j_targets(json_out *j, const cx_model *m, const cx_mc_result *mc)
{
    json_key(j, "targets");
    json_begin_array(j);
    for (size_t t = 0; t < mc->ntargets; t++) {
        char buf[120];
        const cx_target *tg = &mc->u->targets[mc->targets[t].target];
        json_begin_object(j);
        json_kstring(j, "kind", cx_target_kind_name(tg->kind));
        json_kyear(j, "year", tg->year);
        json_knumber(j, "value", tg->kind == CX_T_BURN_BELOW || tg->kind == CX_T_PEAK_BELOW
                                 || tg->kind == CX_T_NPV_ABOVE ? tg->x : NAN);
        json_kstring(j, "label", _target_text(buf, sizeof buf, m, tg));
        json_kint(j, "paths", (long)mc->targets[t].hits);
        json_knumber(j, "probability", mc->targets[t].p);
        json_key(j, "deterministic");
        json_bool(j, mc->targets[t].deterministic);
        json_end_object(j);
    }
    json_end_array(j);
}

void json_mc(json_out *j, const cx_result *r, const struct cx_mc_result *mc)
{
    json_begin_object(j);
    json_kint(j, "paths", (long)mc->paths);
    json_kint(j, "seed", (long)mc->seed);
    json_kstring(j, "generator", "philox4x32-10, one stream per block of paths");
    json_kint(j, "block", CX_MC_BLOCK);
    json_key(j, "levels");
    json_begin_array(j);
    for (size_t k = 0; k < mc->nq; k++)
        json_number(j, mc->levels[k]);
    json_end_array(j);
    _j_inputs(j, r, mc);
    _j_correlation(j, r, mc->u);
    json_kyear(j, "burn_from", mc->burn ? mc->burn_first_year : 0);
    json_kyear(j, "burn_through", mc->burn ? mc->burn_through : 0);
    _j_stat(j, mc, "cumulative", &mc->cumulative);
    _j_stat(j, mc, "peak_funding", &mc->peak);
    _j_stat(j, mc, "npv", &mc->npv);
    _j_years(j, mc, "break_even", &mc->break_even);
    _j_years(j, mc, "payback", &mc->payback);
    _j_years(j, mc, "runway_end", &mc->runout);
    _j_histogram(j, mc);
    _j_fan(j, r, mc);
    _j_targets(j, r->model, mc);
    json_end_object(j);
}
