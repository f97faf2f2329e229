/*
 * report_explain_burn.c - `capex explain MODEL burn`: how each figure of
 * the burn came to be, laid out from the engine's result like a series'
 * derivation: the net cash flow and its inputs, the cumulative, the cash
 * at each year end, then break-even or turning negative, the trough,
 * payback, peak funding, runway and the funding gap with the arithmetic
 * that gives each. It computes no figure itself: every number printed is
 * the engine's, and the arithmetic shown is the engine's formula
 * (model/burn.h) with the engine's inputs.
 */
#include "report_explain.h"

#include <math.h>
#include <string.h>
#include <stdio.h>
#include <sysexits.h>

#include "report_util.h"

/* "revenue.lab - costs.lab - commitments" or "fcf.total". */
static void _net_formula(FILE *f, const cx_result *r)
{
    const cx_model *m = r->model;
    const cx_burn_spec *sp = &m->burn;
    if (sp->net != CX_NO_INDEX)
        fprintf(f, "%s", m->series[sp->net].name);
    else
        fprintf(f, "%s - %s", m->series[sp->revenue].name, m->series[sp->costs].name);
    if (r->burn.funding.commitments)
        fputs(" - commitments", f);
}

/* The net of burn year i from its inputs: "= 20.00 - 34.00 - 5.40", or
 * "= fcf.total 40.00 (stated)". */
static void _net_how(FILE *f, const cx_result *r, size_t i)
{
    const cx_burn_result *b = &r->burn;
    const cx_model *m = r->model;
    size_t t = (size_t)(b->first_year - m->first_year) + i;
    if (b->revenue) {
        fprintf(f, "= %.2f - %.2f", b->revenue[i], b->costs[i]);
    } else {
        const cx_value *v = &r->series[m->burn.net].v[t];
        fprintf(f, "= %s %.2f (%s)", m->series[m->burn.net].name, v->base,
                cx_value_kind_name(v->kind));
    }
    if (b->funding.commitments)
        fprintf(f, " - %.2f", b->funding.commitments[i]);
}

/* A year, or a period's title ("Mar 2026"); four buffers in turn. */
static const char *_p(const cx_model *m, int p)
{
    static char buf[4][CX_PERIOD_KEY_MAX];
    static int next;
    return cx_model_period_title(m, p, buf[next++ & 3]);
}

/* Cash at the end of year i: "cash 6.00 = 20.00 + -14.00 + 0.00". */
static void _cash_how(FILE *f, const cx_burn_result *b, size_t i)
{
    const cx_funding *fu = &b->funding;
    size_t c = (size_t)(fu->cash_year - b->first_year);
    if (!fu->has_cash || i < c)
        return;
    double prev = i == c ? fu->opening_cash : fu->cash[i - 1];
    fprintf(f, "; cash %.2f = %.2f + %.2f", fu->cash[i], prev, b->net[i]);
    if (fu->raises)
        fprintf(f, " + raised %.2f", fu->raises[i]);
}

/* "year", "quarter" or "month": what a period of the model is. */
static const char *_w(const cx_model *m)
{
    return cx_calendar_period_word(&m->cal);
}

static void _years(FILE *f, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    int w = (int)strlen(_p(r->model, b->first_year));   /* every title as wide */
    fprintf(f, "  %-*s %12s %12s  how\n", w, _w(r->model), "net", "cumulative");
    for (size_t i = 0; i < b->n; i++) {
        fprintf(f, "  %s %12.2f %12.2f  ", _p(r->model, b->first_year + (int)i), b->net[i],
                b->burn.cumulative[i]);
        _net_how(f, r, i);
        if (i)
            fprintf(f, "; cumulative = %.2f + %.2f", b->burn.cumulative[i - 1], b->net[i]);
        _cash_how(f, b, i);
        fputc('\n', f);
    }
}

/* The crossing of x between year y-1 (index i-1) and y, written out:
 * y-1 + x[i-1] / (x[i-1] - x[i]) (the same form upwards and downwards),
 * with the engine's fraction. */
static void _crossing(FILE *f, const cx_model *m, const cx_burn_result *b, const double *x,
                      int year, double frac)
{
    size_t i = (size_t)(year - b->first_year);
    if (m->cal.per_year == 1)
        fprintf(f, "%d (fractional %.4f = %d + %.2f / (%.2f - %.2f))", year, frac, year - 1,
                x[i - 1], x[i - 1], x[i]);
    else
        fprintf(f, "%s (%.4f of the way through %s = %.2f / (%.2f - %.2f))",
                _p(m, year), frac - (year - 1), _p(m, year - 1), x[i - 1], x[i - 1], x[i]);
}

static void _turn(FILE *f, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    const cx_burn *k = &b->burn;
    if (!k->turns_negative_year) {
        if (b->net[0] < 0)
            fprintf(f, "  burning from the first %s (net below 0)\n", _w(r->model));
        return;
    }
    fputs("  turns negative  ", f);
    _crossing(f, r->model, b, b->net, k->turns_negative_year, b->funding.turns_negative_frac);
    fprintf(f, "\n                  the net starts at %.2f >= 0; first %s below 0\n",
            b->net[0], _w(r->model));
}

static void _break_even(FILE *f, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    const cx_burn *k = &b->burn;
    fprintf(f, "  trough          %.2f in %s: the lowest net\n", k->trough,
            _p(r->model, k->trough_year));
    fputs("  break-even      ", f);
    if (k->break_even_year)
        _crossing(f, r->model, b, b->net, k->break_even_year, b->funding.break_even_frac);
    else
        fputs("not within horizon", f);
    fprintf(f, "\n                  first %s with net >= 0 after a %s below 0\n", _w(r->model),
            _w(r->model));
}

static void _payback(FILE *f, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    const cx_burn *k = &b->burn;
    if (!k->peak_year) {
        fputs("  peak funding    none: the cumulative never goes below 0\n"
              "  payback         nothing to pay back\n", f);
        return;
    }
    fprintf(f, "  peak funding    %.2f in %s: the lowest cumulative", k->peak_burn,
            _p(r->model, k->peak_year));
    if (k->still_burning)
        fprintf(f, " (still burning in the last %s: deeper beyond the horizon)", _w(r->model));
    fputc('\n', f);
    fputs("  payback         ", f);
    if (k->payback_year)
        _crossing(f, r->model, b, k->cumulative, k->payback_year, b->funding.payback_frac);
    else
        fputs("not within horizon", f);
    fprintf(f, "\n                  first %s after the peak with cumulative >= 0\n",
            _w(r->model));
}

static void _runway(FILE *f, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    const cx_funding *fu = &b->funding;
    if (!fu->has_cash)
        return;
    const cx_model *m = r->model;
    fprintf(f, "  cash            %.2f at the start of %s\n", fu->opening_cash,
            _p(m, fu->cash_year));
    if (fu->runout_year && m->cal.per_year != 1) {
        size_t i = (size_t)(fu->runout_year - b->first_year);
        double start = fu->cash[i] - b->net[i], into = fu->runway_end - fu->runout_year;
        fprintf(f, "  runway          %.2f months = (%d + %.4f periods) x %d; the cash runs "
                "out in %s, %.4f of the way through = %.2f / (0 - %.2f)\n",
                fu->runway_months, fu->runout_year - fu->cash_year, into,
                cx_period_months(&m->cal), _p(m, fu->runout_year), into, start, b->net[i]);
    } else if (fu->runout_year) {
        size_t i = (size_t)(fu->runout_year - b->first_year);
        double start = fu->cash[i] - b->net[i];
        fprintf(f, "  runway          %.2f months = (%.4f - %d) x 12; the cash runs out in "
                "%.4f = %d + %.2f / (0 - %.2f)\n", fu->runway_months, fu->runway_end,
                fu->cash_year, fu->runway_end, fu->runout_year, start, b->net[i]);
    } else {
        fputs("  runway          the cash lasts the horizon\n", f);
    }
    int more = b->burn.still_burning && fu->funding_gap > 0;
    fprintf(f, "  funding gap     %s%.2f = the lowest %s-end cash below 0, negated\n",
            more ? "at least " : "", fu->funding_gap, _w(m));
    if (b->burn.still_burning)
        fprintf(f, "                  %s: still burning in the last %s\n", more ?
                "not funded within the horizon" : "the cash lasts the horizon", _w(m));
}

int report_explain_burn(FILE *f, const cx_result *r)
{
    const cx_model *m = r->model;
    const cx_burn_result *b = &r->burn;
    fprintf(f, "%s  [%s, scenario %s]\n\n", m->title && *m->title ? m->title : m->name,
            m->name, r->scenario ? r->scenario : "base");
    fprintf(f, "burn - %s (%s %s)   [%s:%d:%d]\n  net      = ", report_net_label(m),
            m->currency, report_scale_word(m->scale), m->file, m->burn.line, m->burn.col);
    _net_formula(f, r);
    fprintf(f, "\n  %-8s %s..%s\n", m->cal.per_year == 12 ? "months" : m->cal.per_year == 4 ?
            "quarters" : "years", _p(m, b->first_year),
            _p(m, b->first_year + (int)b->n - 1));
    _years(f, r);
    if (!b->burn.burns) {
        fprintf(f, "  no burn within the horizon: the %s is >= 0 in every year\n",
                report_net_label(m));
    } else {
        _turn(f, r);
        _break_even(f, r);
        _payback(f, r);
    }
    _runway(f, r);
    return ferror(f) ? EX_IOERR : 0;
}
