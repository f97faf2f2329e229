/*
 * compute_discount.c - the model's `discount:` block into result->discount:
 * the flows (the burn's net cash flow, or a series' first run of
 * consecutive values), their dates, NPV both ways, XNPV, IRR and XIRR,
 * and for IRR/XIRR the guess a spreadsheet needs to reach the same root.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compute_priv.h"

#define SCAN_RANGE "between \xE2\x88\x92" "99%% and 1000%%"

/* First run of consecutive years where series s has a value. */
static void _series_span(const cx_result *r, size_t s, size_t *t0, size_t *n)
{
    size_t ny = r->model->nyears;
    const cx_value *v = r->series[s].v;
    *t0 = 0;
    while (*t0 < ny && !cx_value_present(&v[*t0]))
        (*t0)++;
    *n = 0;
    while (*t0 + *n < ny && cx_value_present(&v[*t0 + *n]))
        (*n)++;
}

static cx_status _alloc(cx_discount_result *d, size_t n)
{
    d->n = n;
    if (n == 0)
        return CX_OK;
    d->flows = malloc(n * sizeof *d->flows);
    d->dates = malloc(n * sizeof *d->dates);
    d->discounted = malloc(n * sizeof *d->discounted);
    return d->flows && d->dates && d->discounted ? CX_OK : CX_ENOMEM;
}

/* The flows and their years. */
/* The series has a gap at period p: the flows stop before it. */
static cx_status _stop_note(cx_result *r, int p)
{
    const cx_model *m = r->model;
    const cx_discount_spec *sp = &m->discount;
    char a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
    return cxi_note(r, CX_NOTE_WARNING, sp->series, p, sp->line, sp->col,
                    "discount: %s has no value for %s, so the discounted flows stop at %s",
                    m->series[sp->series].name, cx_model_period_title(m, p, a), cx_model_period_title(m, p - 1, b));
}

/* The flow of number p's date: its last day, or (mid-year) its middle: in
 * an annual model July 1, else the period's first day plus half its days. */
static double _date(const cx_model *m, int p, int mid)
{
    if (m->cal.per_year == 1)
        return cx_serial_date(p, mid ? 7 : 12, mid ? 1 : 31);
    int t = cx_period_of_number(&m->cal, p);
    cx_date a = cx_period_start(&m->cal, t), b = cx_period_end(&m->cal, t);
    double first = cx_serial_date(a.year, a.month, a.day);
    double last = cx_serial_date(b.year, b.month, b.day);
    return mid ? first + floor((last - first + 1) / 2) : last;
}

static cx_status _flows(cx_result *r)
{
    const cx_model *m = r->model;
    const cx_discount_spec *sp = &m->discount;
    cx_discount_result *d = &r->discount;
    if (sp->series == CX_NO_INDEX) {
        if (!r->burn.enabled)
            return CX_EINVAL;
        d->first_year = r->burn.first_year;
        cx_status st = _alloc(d, r->burn.n);
        if (st == CX_OK && d->n)
            memcpy(d->flows, r->burn.net, d->n * sizeof *d->flows);
        return st;
    }
    if (sp->series >= m->nseries)
        return CX_EINVAL;
    size_t t0, n;
    _series_span(r, sp->series, &t0, &n);
    d->first_year = m->first_year + (int)t0;
    cx_status st = _alloc(d, n);
    for (size_t i = 0; st == CX_OK && i < n; i++)
        d->flows[i] = r->series[sp->series].v[t0 + i].base;
    if (st == CX_OK && n && t0 + n < m->nyears)
        for (size_t t = t0 + n; t < m->nyears; t++)
            if (cx_value_present(&r->series[sp->series].v[t]))
                return _stop_note(r, m->first_year + (int)(t0 + n));
    return st;
}

/* Why there is no IRR: the flows never change sign, or NPV does not. */
static void _no_root(char *note, size_t size, const char *what, const double *f, size_t n)
{
    size_t neg = 0, pos = 0;
    for (size_t i = 0; i < n; i++) {
        neg += f[i] < 0;
        pos += f[i] > 0;
    }
    if (n < 2)
        snprintf(note, size, "no %s: it needs two or more flows", what);
    else if (!pos)
        snprintf(note, size, "no %s: no flow is positive", what);
    else if (!neg)
        snprintf(note, size, "no %s: no flow is negative", what);
    else
        snprintf(note, size, "no %s: %s does not change sign " SCAN_RANGE, what,
                 strcmp(what, "IRR") ? "XNPV" : "NPV");
}

/* The guess a spreadsheet needs: NAN when its 10% default reaches root. */
static double _guess(cx_status newton_st, double reached, double root)
{
    if (newton_st == CX_OK && fabs(reached - root) <= 1e-11 * fabs(root))
        return NAN;
    return root;
}

static cx_status _one_irr(cx_result *r, int dated)
{
    cx_discount_result *d = &r->discount;
    const cx_discount_spec *sp = &r->model->discount;
    const char *what = dated ? "XIRR" : "IRR";
    double *root = dated ? &d->xirr : &d->irr, *guess = dated ? &d->xirr_guess : &d->irr_guess;
    int *roots = dated ? &d->xirr_roots : &d->irr_roots;
    char *note = dated ? d->xirr_note : d->irr_note;
    size_t size = sizeof d->irr_note;
    cx_status st = d->n < 2 ? CX_EDOMAIN
                 : dated ? cx_xirr(d->flows, d->dates, d->n, root, roots)
                         : cx_irr(d->flows, d->n, root, roots);
    if (st == CX_EDOMAIN) {
        *root = NAN;
        _no_root(note, size, what, d->flows, d->n);
        return cxi_note(r, CX_NOTE_INFO, sp->series, 0, sp->line, sp->col, "discount: %s", note);
    }
    if (st != CX_OK)
        return st;
    double reached = NAN;
    cx_status nst = dated ? cx_xirr_newton(d->flows, d->dates, d->n, 0.1, &reached)
                          : cx_irr_newton(d->flows, d->n, 0.1, &reached);
    *guess = _guess(nst, reached, *root);
    if (*roots < 2)
        return CX_OK;
    snprintf(note, size, "%s is not unique: %d sign changes of %s " SCAN_RANGE, what,
             *roots, dated ? "XNPV" : "NPV");
    return cxi_note(r, CX_NOTE_WARNING, sp->series, 0, sp->line, sp->col,
                    "discount: %s; reported: %.6g%%", note, *root * 100);
}

cx_status cxi_discount_compute(cx_result *r)
{
    const cx_discount_spec *sp = &r->model->discount;
    cx_discount_result *d = &r->discount;
    if (!sp->enabled)
        return CX_OK;
    /* a period's rate: (1 + r)^(1/12) - 1 a month (period.h) */
    double rate = cx_rate_convert(sp->rate, 12, cx_period_months(&r->model->cal));
    *d = (cx_discount_result){.enabled = 1, .rate = rate, .npv = NAN, .npv0 = NAN,
                              .xnpv = NAN, .irr = NAN, .xirr = NAN, .irr_guess = NAN,
                              .xirr_guess = NAN};
    cx_status st = _flows(r);
    if (st != CX_OK)
        return st;
    if (d->n == 0)
        return cxi_note(r, CX_NOTE_WARNING, sp->series, 0, sp->line, sp->col,
                        "discount: no year has a flow to discount");
    int mid = sp->dates == CX_DATES_MID_YEAR;
    for (size_t i = 0; i < d->n; i++) {
        d->dates[i] = _date(r->model, d->first_year + (int)i, mid);
        d->discounted[i] = d->flows[i] / pow(1.0 + d->rate, (double)(i + 1));
    }
    st = cx_npv(d->rate, d->flows, d->n, &d->npv);
    if (st == CX_OK)
        st = cx_npv0(d->rate, d->flows, d->n, &d->npv0);
    if (st == CX_OK && d->n >= 2)
        st = cx_xnpv(sp->rate, d->flows, d->dates, d->n, &d->xnpv);  /* per year: dates */
    if (st == CX_OK)
        st = _one_irr(r, 0);
    if (st == CX_OK)
        st = _one_irr(r, 1);
    return st;
}
