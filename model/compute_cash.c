/*
 * compute_cash.c - the burn (net cash flow, cumulative, break-even,
 * payback, cash and funding) and the commitments' annual schedule of a
 * result. With include_commitments the schedule is computed first (see
 * compute.c) and subtracted from the net cash flow.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "compute_priv.h"

/* The burn's input series: {net} or {revenue, costs}. */
static cx_status _burn_inputs(const cx_model *m, size_t in[2], size_t *nin)
{
    const cx_burn_spec *b = &m->burn;
    if (b->net != CX_NO_INDEX) {
        in[0] = b->net;
        *nin = 1;
    } else {
        in[0] = b->revenue;
        in[1] = b->costs;
        *nin = 2;
    }
    for (size_t i = 0; i < *nin; i++)
        if (in[i] >= m->nseries)
            return CX_EINVAL;
    return CX_OK;
}

static int _all_present(const cx_result *r, const size_t *in, size_t nin,
                        size_t t)
{
    for (size_t i = 0; i < nin; i++)
        if (!cx_value_present(&r->series[in[i]].v[t]))
            return 0;
    return 1;
}

/* First input series without a value in year t (the culprit). */
static size_t _missing_at(const cx_result *r, const size_t *in, size_t nin,
                          size_t t)
{
    for (size_t i = 0; i < nin; i++)
        if (!cx_value_present(&r->series[in[i]].v[t]))
            return in[i];
    return in[0];
}

/* The first run of consecutive years where every input has a value. */
static cx_status _burn_span(const cx_result *r, const size_t *in, size_t nin,
                            size_t *t0, size_t *n)
{
    size_t ny = r->model->nyears;
    *t0 = 0;
    while (*t0 < ny && !_all_present(r, in, nin, *t0))
        (*t0)++;
    if (*t0 == ny)
        return CX_ENODATA;
    *n = 0;
    while (*t0 + *n < ny && _all_present(r, in, nin, *t0 + *n))
        (*n)++;
    return CX_OK;
}

/* Net = net, or revenue - costs; then minus the commitments' schedule
 * total when included (gross burn = costs + commitments). */
static cx_status _burn_fill(cx_result *r, const size_t *in, size_t nin,
                            size_t t0)
{
    cx_burn_result *b = &r->burn;
    cx_funding *f = &b->funding;
    int with_c = r->model->burn.include_commitments;
    b->net = malloc(b->n * sizeof *b->net);
    if (nin == 2) {
        b->revenue = malloc(b->n * sizeof *b->revenue);
        b->costs = malloc(b->n * sizeof *b->costs);
        f->gross_burn = malloc(b->n * sizeof *f->gross_burn);
    }
    if (with_c)
        f->commitments = malloc(b->n * sizeof *f->commitments);
    if (!b->net || (nin == 2 && (!b->revenue || !b->costs || !f->gross_burn))
        || (with_c && !f->commitments))
        return CX_ENOMEM;
    for (size_t i = 0; i < b->n; i++) {
        double x = r->series[in[0]].v[t0 + i].base;
        double c = with_c ? r->commitments.total[t0 + i] : 0;
        if (nin == 2) {
            b->revenue[i] = x;
            b->costs[i] = r->series[in[1]].v[t0 + i].base;
            x = b->revenue[i] - b->costs[i];
            f->gross_burn[i] = with_c ? b->costs[i] + c : b->costs[i];
        }
        if (with_c) {
            f->commitments[i] = c;
            x = x - c;
        }
        if (!isfinite(x))
            return CX_ERANGE;
        b->net[i] = x;
    }
    return CX_OK;
}

/* A note when an input has figures from `end` (the first year after the
 * span) on: they are left out of the burn. */
static cx_status _burn_gap_note(cx_result *r, const size_t *in, size_t nin,
                                size_t end)
{
    const cx_model *m = r->model;
    for (size_t t = end; t < m->nyears; t++) {
        for (size_t i = 0; i < nin; i++) {
            if (!cx_value_present(&r->series[in[i]].v[t]))
                continue;
            size_t s = _missing_at(r, in, nin, end);
            int p = m->first_year + (int)end;
            char a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
            return cxi_note(r, CX_NOTE_WARNING, s, p, m->burn.line, m->burn.col,
                            "burn: %s has no value for %s, so the burn "
                            "figures stop at %s", m->series[s].name,
                            cx_model_period_title(m, p, a), cx_model_period_title(m, p - 1, b));
        }
    }
    return CX_OK;
}

/* A note when an input has a figure in the year before the span (t0 - 1)
 * while another has none: the burn starts later than that input. */
static cx_status _burn_start_note(cx_result *r, const size_t *in, size_t nin,
                                  size_t t0)
{
    const cx_model *m = r->model;
    for (size_t i = 0; t0 > 0 && i < nin; i++) {
        if (!cx_value_present(&r->series[in[i]].v[t0 - 1]))
            continue;
        size_t s = _missing_at(r, in, nin, t0 - 1);
        int year = m->first_year + (int)t0 - 1;
        char a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
        return cxi_note(r, CX_NOTE_WARNING, s, year, m->burn.line, m->burn.col,
                        "burn: %s has no value for %s, so the burn figures "
                        "start at %s", m->series[s].name, cx_model_period_title(m, year, a),
                        cx_model_period_title(m, year + 1, b));
    }
    return CX_OK;
}

/* The cash year (0 when the cash is not usable, with a warning note). */
static cx_status _cash_year(cx_result *r, int *year)
{
    const cx_burn_spec *sp = &r->model->burn;
    const cx_burn_result *b = &r->burn;
    int last = b->first_year + (int)b->n - 1;
    *year = sp->cash_year ? sp->cash_year : b->first_year;
    if (*year >= b->first_year && *year <= last)
        return CX_OK;
    int y = *year;
    char a[CX_PERIOD_KEY_MAX], f[CX_PERIOD_KEY_MAX], l[CX_PERIOD_KEY_MAX];
    const cx_model *m = r->model;
    *year = 0;
    return cxi_note(r, CX_NOTE_WARNING, CX_NO_INDEX, y, sp->cash.line, sp->cash.col,
                    "burn: the cash is stated for %s, outside the burn's years "
                    "%s..%s; runway and funding figures left out", cx_model_period_title(m, y, a),
                    cx_model_period_title(m, b->first_year, f), cx_model_period_title(m, last, l));
}

/* Raises summed per burn year (list order); a note for each one the cash
 * does not count (before the cash year, after the burn's last year). */
static cx_status _raises(cx_result *r, int cash_year, double **out)
{
    const cx_burn_spec *sp = &r->model->burn;
    const cx_burn_result *b = &r->burn;
    *out = NULL;
    if (!sp->nraises)
        return CX_OK;
    double *sum = calloc(b->n, sizeof *sum);
    if (!sum)
        return CX_ENOMEM;
    *out = sum;
    cx_status st = CX_OK;
    for (size_t k = 0; st == CX_OK && k < sp->nraises; k++) {
        const cx_raise *x = &sp->raises[k];
        long i = (long)x->year - b->first_year;
        if (i >= 0 && i < (long)b->n)
            sum[i] += x->amount.base;
        if (i >= 0 && i < (long)b->n && x->year >= cash_year)
            continue;
        char when[CX_PERIOD_KEY_MAX];
        st = cxi_note(r, CX_NOTE_WARNING, CX_NO_INDEX, x->year, x->line, x->col,
                      "burn: raise '%s' in %s is %s, so the cash does not count it",
                      x->name ? x->name : "(unnamed)",
                      cx_model_period_title(r->model, x->year, when),
                      i >= (long)b->n ? "after the burn's last year"
                                      : "before the cash is stated");
    }
    return st;
}

/* Cash, runway, funding gap, default alive, fractional break-even and
 * payback. The gross burn and commitments already in funding are kept. */
static cx_status _funding(cx_result *r)
{
    const cx_burn_spec *sp = &r->model->burn;
    cx_burn_result *b = &r->burn;
    cx_funding_in in = {0};
    double *raises = NULL, *gross = b->funding.gross_burn,
           *cm = b->funding.commitments;
    cx_status st = CX_OK;
    b->funding.gross_burn = b->funding.commitments = NULL;
    if (cx_value_present(&sp->cash))
        st = _cash_year(r, &in.cash_year);
    if (st == CX_OK && in.cash_year) {
        in.has_cash = 1;
        in.cash = sp->cash.base;
        st = _raises(r, in.cash_year, &raises);
        in.raises = raises;
    }
    in.months = cx_period_months(&r->model->cal);
    if (st == CX_OK)
        st = cx_funding_compute(&b->burn, b->net, &in, &b->funding);
    b->funding.gross_burn = gross;
    b->funding.commitments = cm;
    b->funding.raises = raises;
    return st;
}

cx_status cxi_burn_compute(cx_result *r, size_t *failed)
{
    const cx_model *m = r->model;
    if (!m->burn.enabled)
        return CX_OK;
    r->burn.enabled = 1;
    size_t in[2], nin, t0, n;
    cx_status st = _burn_inputs(m, in, &nin);
    if (st != CX_OK)
        return st;
    st = _burn_span(r, in, nin, &t0, &n);
    if (st != CX_OK) {
        *failed = _missing_at(r, in, nin, 0);
        for (size_t i = 0; i < nin; i++)
            if (r->series[in[i]].first < 0)
                *failed = in[i];
        return st;
    }
    r->burn.first_year = m->first_year + (int)t0;
    r->burn.n = n;
    st = _burn_fill(r, in, nin, t0);
    if (st == CX_OK)
        st = _burn_start_note(r, in, nin, t0);
    if (st == CX_OK && t0 + n < m->nyears)
        st = _burn_gap_note(r, in, nin, t0 + n);
    if (st == CX_OK)
        st = cx_burn_compute_periods(r->burn.net, n, r->burn.first_year,
                                     m->cal.per_year != 1, &r->burn.burn);
    if (st == CX_OK)
        st = _funding(r);
    if (st != CX_OK)
        *failed = in[0];
    return st;
}

static cx_status _commitment_notes(cx_result *r, size_t c, double before)
{
    const cx_model *m = r->model;
    const cx_commitment *cm = &m->commitments[c];
    const char *name = cm->name ? cm->name : "(unnamed)";
    char num[64];
    cx_status st = CX_OK;
    if (!r->commitments.scheduled[c])
        return cxi_note(r, CX_NOTE_INFO, CX_NO_INDEX, 0, cm->line, cm->col,
                        "commitment '%s': period not stated, left out of the "
                        "schedule", name);
    char when[CX_PERIOD_KEY_MAX];
    if (before != 0) {
        cxi_format_number(num, sizeof num, before);
        st = cxi_note(r, CX_NOTE_INFO, CX_NO_INDEX, 0, cm->line, cm->col,
                      "commitment '%s': %s paid before %s, outside the "
                      "model's years", name, num, cx_model_period_title(m, m->first_year, when));
    }
    if (st == CX_OK && r->commitments.beyond[c] != 0) {
        cxi_format_number(num, sizeof num, r->commitments.beyond[c]);
        st = cxi_note(r, CX_NOTE_INFO, CX_NO_INDEX, 0, cm->line, cm->col,
                      "commitment '%s': %s paid after %s, beyond the horizon",
                      name, num, cx_model_period_title(m, m->last_year, when));
    }
    return st;
}

static cx_status _commitments_alloc(cx_result *r)
{
    size_t nc = r->model->ncommitments, ny = r->model->nyears;
    cx_commitment_result *cr = &r->commitments;
    cr->total = calloc(ny, sizeof *cr->total);
    if (!cr->total)
        return CX_ENOMEM;
    if (nc == 0)
        return CX_OK;
    if (nc > SIZE_MAX / ny / sizeof *cr->amount)
        return CX_ENOMEM;
    cr->amount = calloc(nc * ny, sizeof *cr->amount);
    cr->beyond = calloc(nc, sizeof *cr->beyond);
    cr->scheduled = calloc(nc, sizeof *cr->scheduled);
    if (!cr->amount || !cr->beyond || !cr->scheduled)
        return CX_ENOMEM;
    return CX_OK;
}

cx_status cxi_commitments_compute(cx_result *r)
{
    const cx_model *m = r->model;
    size_t nc = m->ncommitments, ny = m->nyears;
    cx_commitment_result *cr = &r->commitments;
    cx_status st = _commitments_alloc(r);
    for (size_t c = 0; st == CX_OK && c < nc; c++) {
        double before;
        st = cx_commitment_periods(&m->commitments[c], &m->cal, &cr->amount[c * ny],
                                   &before, &cr->beyond[c], &cr->scheduled[c]);
        if (st == CX_OK)
            st = _commitment_notes(r, c, before);
    }
    for (size_t t = 0; st == CX_OK && t < ny; t++) {
        for (size_t c = 0; c < nc; c++)
            cr->total[t] = c ? cr->total[t] + cr->amount[c * ny + t]
                             : cr->amount[t];
        if (!isfinite(cr->total[t]))
            st = CX_ERANGE;
    }
    return st;
}

void cxi_funding_release(cx_funding *f)
{
    cx_funding_release(f);
}
