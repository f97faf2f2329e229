/*
 * report_csv.c - `capex run --format csv`: every figure as one row.
 *
 * Columns: model,scenario,record,series,year,from,value,kind,text
 * Records: value, rate (growth applied in a projected year), yoy, multiple
 * and cagr (from..year), burn.revenue/costs/net/cumulative (per year),
 * burn.peak/break_even/payback/total, commitment (series = its name),
 * commitments.total, check (value = computed, kind = pass|warn).
 * Text is quoted by libcsv; numbers use the shortest exact form.
 */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <sysexits.h>

#include "csv_out.h"
#include "diag.h"
#include "numfmt.h"
#include "report.h"
#include "report_util.h"

static void _series(FILE *f, const cx_result *r, size_t i)
{
    const cx_model *m = r->model;
    const cx_series *s = &m->series[i];
    const cx_series_result *sr = &r->series[i];
    for (size_t t = 0; t < m->nyears; t++) {
        const cx_value *v = &sr->v[t];
        if (!cx_value_present(v))
            continue;
        int year = m->first_year + (int)t;
        csvout_put(f, r, &(csvout_row){"value", s->name, year, 0, v->base,
                          cx_value_kind_name(v->kind), v->text, NULL});
        if (v->kind == CX_V_PROJECTED)
            csvout_put(f, r, &(csvout_row){"rate", s->name, year, 0, sr->rate[t], NULL, NULL, NULL});
        if (isfinite(sr->yoy[t]))
            csvout_put(f, r, &(csvout_row){"yoy", s->name, year, 0, sr->yoy[t], NULL, NULL, NULL});
        if (sr->pop && isfinite(sr->pop[t]))      /* month on month, quarter on quarter */
            csvout_put(f, r, &(csvout_row){m->cal.per_year == 12 ? "mom" : "qoq", s->name,
                                            year, 0, sr->pop[t], NULL, NULL, NULL});
    }
    if (sr->first >= 0 && sr->last_stated > sr->first) {
        int from = m->first_year + sr->first, to = m->first_year + sr->last_stated;
        csvout_put(f, r, &(csvout_row){"multiple", s->name, to, from, sr->hist_multiple, NULL, NULL, NULL});
        csvout_put(f, r, &(csvout_row){"cagr", s->name, to, from, sr->hist_cagr, NULL, NULL, NULL});
    }
}

/* Peak, turning negative and trough (a net that starts >= 0),
 * break-even, payback, total; "no burn within the horizon" where the net
 * never goes below 0. */
/* A fractional period number as a fractional (fiscal) year. */
static double _frac(const cx_result *r, double x)
{
    return cx_period_fraction_year(&r->model->cal, x);
}

static void _burn_figures(FILE *f, const cx_result *r)
{
    const cx_burn *k = &r->burn.burn;
    const cx_funding *fu = &r->burn.funding;
    const char *none = k->burns ? "not within horizon" : "no burn within the horizon";
    const char *nopay = k->burns ? report_no_payback(k) : none;
    csvout_put(f, r, &(csvout_row){"burn.peak", NULL, k->peak_year, 0, k->peak_burn, NULL,
                      k->peak_year ? NULL : "no burn", NULL});
    if (k->turns_negative_year) {
        csvout_put(f, r, &(csvout_row){"burn.turns_negative", NULL, k->turns_negative_year, 0,
                          _frac(r, fu->turns_negative_frac), NULL,
                          "value: fractional year", NULL});
        csvout_put(f, r, &(csvout_row){"burn.trough", NULL, k->trough_year, 0, k->trough,
                          NULL, NULL, NULL});
    }
    csvout_put(f, r, &(csvout_row){"burn.break_even", NULL, k->break_even_year, 0, NAN, NULL,
                      k->break_even_year ? NULL : none, NULL});
    csvout_put(f, r, &(csvout_row){"burn.payback", NULL, k->payback_year, 0, NAN, NULL,
                      k->payback_year ? NULL : nopay, NULL});
    csvout_put(f, r, &(csvout_row){"burn.total", NULL, 0, 0, k->total_burn, NULL, NULL, NULL});
    csvout_put(f, r, &(csvout_row){"burn.break_even_fraction", NULL, 0, 0, _frac(r, fu->break_even_frac), NULL,
                      isfinite(fu->break_even_frac) ? NULL : none, NULL});
    csvout_put(f, r, &(csvout_row){"burn.payback_fraction", NULL, 0, 0, _frac(r, fu->payback_frac), NULL,
                      isfinite(fu->payback_frac) ? NULL : nopay, NULL});
}

static void _burn(FILE *f, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    if (!b->enabled)
        return;
    for (size_t i = 0; i < b->n; i++) {
        int y = b->first_year + (int)i;
        if (b->revenue) {
            csvout_put(f, r, &(csvout_row){"burn.revenue", NULL, y, 0, b->revenue[i], NULL, NULL, NULL});
            csvout_put(f, r, &(csvout_row){"burn.costs", NULL, y, 0, b->costs[i], NULL, NULL, NULL});
        }
        csvout_put(f, r, &(csvout_row){"burn.net", NULL, y, 0, b->net[i], NULL, NULL, NULL});
        csvout_put(f, r, &(csvout_row){"burn.cumulative", NULL, y, 0, b->burn.cumulative[i], NULL, NULL, NULL});
    }
    _burn_figures(f, r);
    const cx_funding *fu = &b->funding;
    if (!fu->has_cash)
        return;
    csvout_put(f, r, &(csvout_row){"burn.opening_cash", NULL, fu->cash_year, 0, fu->opening_cash, NULL, NULL, NULL});
    csvout_put(f, r, &(csvout_row){"burn.raised", NULL, 0, 0, fu->raised, NULL, NULL, NULL});
    csvout_put(f, r, &(csvout_row){"burn.funding_gap", NULL, 0, 0, fu->funding_gap,
                      b->burn.still_burning ? "at least" : NULL,
                      b->burn.still_burning ? "not funded within the horizon" : NULL, NULL});
    for (size_t i = 0; i < b->n; i++)
        csvout_put(f, r, &(csvout_row){"burn.cash", NULL, b->first_year + (int)i, 0, fu->cash[i], NULL, NULL, NULL});
    csvout_put(f, r, &(csvout_row){"burn.runway_months", NULL, 0, 0, fu->runway_months, NULL,
                      isfinite(fu->runway_months) ? NULL : "lasts the horizon", NULL});
    if (r->model->cal.per_year != 1 && fu->runout_year)
        csvout_put(f, r, &(csvout_row){"burn.runout", NULL, fu->runout_year, 0,
                          _frac(r, fu->runway_end), NULL,
                          "the period the cash runs out in; value: fractional year", NULL});
    csvout_put(f, r, &(csvout_row){"burn.default_alive", NULL, 0, 0, fu->alive_margin_months,
                      fu->default_alive < 0 ? "unknown" : fu->default_alive ? "alive" : "dead",
                      "value: margin in months", NULL});
}

static void _discount(FILE *f, const cx_result *r)
{
    const cx_discount_result *d = &r->discount;
    if (!d->enabled)
        return;
    for (size_t i = 0; i < d->n; i++)
        csvout_put(f, r, &(csvout_row){"discount.flow", NULL, d->first_year + (int)i, 0, d->flows[i], NULL, NULL, NULL});
    csvout_put(f, r, &(csvout_row){"discount.rate", NULL, 0, 0, d->rate, NULL, NULL, NULL});
    csvout_put(f, r, &(csvout_row){"discount.npv", NULL, 0, 0, d->npv, NULL, "first flow discounted one period", NULL});
    csvout_put(f, r, &(csvout_row){"discount.npv_t0", NULL, 0, 0, d->npv0, NULL, "first flow at t=0", NULL});
    csvout_put(f, r, &(csvout_row){"discount.xnpv", NULL, 0, 0, d->xnpv, NULL, NULL, NULL});
    csvout_put(f, r, &(csvout_row){"discount.irr", NULL, 0, 0, d->irr, NULL, d->irr_note[0] ? d->irr_note : NULL, NULL});
    csvout_put(f, r, &(csvout_row){"discount.xirr", NULL, 0, 0, d->xirr, NULL, NULL, NULL});
}

static void _goals(FILE *f, const cx_result *r)
{
    for (size_t i = 0; i < r->ngoals; i++) {
        const cx_goal_result *g = &r->goals[i];
        const cx_goal *def = &r->model->goals[g->goal];
        csvout_put(f, r, &(csvout_row){"goal", r->model->series[def->series].name,
                          def->kind == CX_G_BREAK_EVEN ? def->by : 0, 0, g->rate,
                          cx_goal_kind_name(def->kind), g->message, NULL});
    }
}



static void _commitments(FILE *f, const cx_result *r)
{
    const cx_model *m = r->model;
    const cx_commitment_result *cr = &r->commitments;
    for (size_t c = 0; c < m->ncommitments; c++) {
        const char *name = m->commitments[c].name;
        if (!cr->scheduled[c])
            csvout_put(f, r, &(csvout_row){"commitment", name, 0, 0, NAN, "unscheduled",
                              "period not stated", NULL});
        for (size_t t = 0; t < m->nyears; t++)
            if (cr->amount[c * m->nyears + t] != 0)
                csvout_put(f, r, &(csvout_row){"commitment", name, m->first_year + (int)t, 0,
                                  cr->amount[c * m->nyears + t], NULL, NULL, NULL});
    }
    for (size_t t = 0; m->ncommitments && t < m->nyears; t++)
        csvout_put(f, r, &(csvout_row){"commitments.total", NULL, m->first_year + (int)t, 0,
                          cr->total[t], NULL, NULL, NULL});
}

static void _checks(FILE *f, const cx_result *r)
{
    const cx_model *m = r->model;
    for (size_t i = 0; i < r->nchecks; i++) {
        const cx_check_result *c = &r->checks[i];
        const cx_check *def = &m->checks[c->check];
        const char *series = cx_check_has_series(def->kind) ? m->series[def->series].name
                                                    : cx_check_kind_name(def->kind);
        int from = cx_check_has_period(def->kind) ? def->from : 0;
        csvout_put(f, r, &(csvout_row){"check", series, c->year, from, c->computed,
                          c->pass ? "pass" : "warn", c->message, NULL});
    }
}

static const report_parts _parts = {_burn, _commitments, _discount, _goals, _checks,
                                    csv_scenarios, csv_sensitivity, csv_mc};

int report_csv(FILE *out, const cx_result *r, const run_extras *x, const char *workbook)
{
    (void)workbook;
    fputs(csvout_header(r->model), out);
    for (size_t i = 0; i < r->model->nseries; i++)
        _series(out, r, i);
    report_sections(out, r, x, &_parts);
    if (ferror(out))
        return diag_error("cannot write CSV: %s", strerror(errno)), EX_IOERR;
    return 0;
}
