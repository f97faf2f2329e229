/*
 * xlsx_commitments.c - the Commitments sheet: one row per commitment with
 * what is paid in each year (from Inputs' total and years by the profile:
 * =total/years when even, =total*(years-k+1)/(years*(years+1)/2) when
 * front-loaded, =total*k/(years*(years+1)/2) when back-loaded; the stated
 * amount for an explicit schedule), what falls beyond the horizon, and a
 * total row (which the Burn sheet reads when the burn includes the
 * commitments); a stacked column chart beneath.
 */
#include <math.h>
#include <stdlib.h>

#include "xlsx_book.h"

#define CMT_HEADER 2

static int _col_in(const xlsx_book *b) { return XB_YEAR0 + (int)b->m->nyears; }
static int _col_beyond(const xlsx_book *b) { return _col_in(b) + 1; }

static void _header(xlsx_book *b)
{
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    lxw_worksheet *ws = b->commit;
    xb_text(b, ws, CMT_HEADER, 0, "Commitment", h);
    xb_text(b, ws, CMT_HEADER, 1, "Scheduled?", h);
    xb_text(b, ws, CMT_HEADER, 2, "Total", h);
    for (size_t t = 0; t < b->m->nyears; t++)
        xb_period_head(b, ws, CMT_HEADER, XB_YEAR0 + (int)t, (int)t);
    xb_text(b, ws, CMT_HEADER, _col_in(b), "Within horizon", h);
    xb_text(b, ws, CMT_HEADER, _col_beyond(b), "Beyond horizon", h);
}

/* A total spread over a period by its profile (not an explicit schedule). */
static int _spread(const cx_commitment *c)
{
    return !c->schedule && c->total.kind != CX_V_MISSING && c->years > 0 && c->start;
}

/* Year k (1-based) of commitment i's period:
 *   even  =Inputs!total/Inputs!years
 *   front =Inputs!total*(Inputs!years-k+1)/(Inputs!years*(Inputs!years+1)/2)
 *   back  =Inputs!total*k/(Inputs!years*(Inputs!years+1)/2) */
static void _profile_formula(xlsx_book *b, size_t i, int k, xb_str *f)
{
    const cx_commitment *c = &b->m->commitments[i];
    xb_str total, years;
    xs_init(&total);
    xs_init(&years);
    xs_ref(&total, XB_INPUTS, b->cmt_row[i], XB_CMT_TOTAL, XB_ABS);
    xs_ref(&years, XB_INPUTS, b->cmt_row[i], XB_CMT_YEARS, XB_ABS);
    const char *t = xs_get(&total), *n = xs_get(&years);
    xs_clear(f);
    if (c->profile == CX_P_FRONT)
        xs_printf(f, "=%s*(%s-%d+1)/(%s*(%s+1)/2)", t, n, k, n, n);
    else if (c->profile == CX_P_BACK)
        xs_printf(f, "=%s*%d/(%s*(%s+1)/2)", t, k, n, n);
    else
        xs_printf(f, "=%s/%s", t, n);
    if (xb_sub(b)) {            /* the year's amount spread evenly over its periods */
        xs_clear(&total);
        xs_printf(&total, "=(%s)/%d", f->s ? f->s + 1 : "", b->m->cal.per_year);
        xs_clear(f);
        xs_printf(f, "%s", xs_get(&total));
    }
    if (total.failed || years.failed)
        f->failed = 1;
    xs_release(&total);
    xs_release(&years);
}

/* The (fiscal) year of period index t. */
static int _year_of(const xlsx_book *b, int t)
{
    return xb_sub(b) ? cx_period_fiscal_year(&b->m->cal, t) : b->m->first_year + t;
}

static void _amounts(xlsx_book *b, size_t i, int row, double *in_horizon, xb_str *f)
{
    const cx_commitment *c = &b->m->commitments[i];
    const cx_commitment_result *cr = &b->r->commitments;
    lxw_format *money = xb_fmt(b, b->money_numfmt, 0);
    lxw_format *in = xb_fmt(b, b->money_numfmt, XB_INPUT);
    *in_horizon = 0;
    for (size_t t = 0; t < b->m->nyears; t++) {
        double a = cr->amount[i * b->m->nyears + t];
        if (a == 0 || !isfinite(a))
            continue;
        *in_horizon += a;
        int k = _year_of(b, (int)t) - c->start + 1;
        if (_spread(c) && k >= 1 && k <= c->years) {
            _profile_formula(b, i, k, f);
            xb_formula(b, b->commit, row, XB_YEAR0 + (int)t, f, money, a);
        } else {
            /* a schedule's amounts are inputs; by period, the engine's
             * spread of each year's amount */
            xb_num(b, b->commit, row, XB_YEAR0 + (int)t, a,
                   c->schedule && !xb_sub(b) ? in : money);
        }
    }
}

static void _row(xlsx_book *b, size_t i, int row, xb_str *f)
{
    const cx_commitment *c = &b->m->commitments[i];
    const cx_commitment_result *cr = &b->r->commitments;
    lxw_worksheet *ws = b->commit;
    lxw_format *money = xb_fmt(b, b->money_numfmt, 0);
    int last = XB_YEAR0 + (int)b->m->nyears - 1;
    xb_text(b, ws, row, 0, c->name, NULL);
    xb_text(b, ws, row, 1, !cr->scheduled[i] ? "no (no period stated)"
                           : c->schedule ? "yes (schedule)"
                           : c->profile == CX_P_FRONT ? "yes (front-loaded)"
                           : c->profile == CX_P_BACK ? "yes (back-loaded)" : "yes (even)",
            cr->scheduled[i] ? NULL : xb_fmt(b, NULL, XB_ITALIC | XB_GREY));
    if (c->total.kind != CX_V_MISSING) {
        xs_clear(f);
        xs_printf(f, "=");
        xs_ref(f, XB_INPUTS, b->cmt_row[i], XB_CMT_TOTAL, XB_ABS);
        xb_formula(b, ws, row, 2, f, money, c->total.base);
    }
    double in_horizon;
    _amounts(b, i, row, &in_horizon, f);
    xs_clear(f);
    xs_printf(f, "=SUM(");
    xs_range(f, NULL, row, XB_YEAR0, row, last, 0);
    xs_printf(f, ")");
    xb_formula(b, ws, row, _col_in(b), f, money, in_horizon);
    double beyond = cr->beyond[i];
    if (beyond != 0 && isfinite(beyond) && _spread(c) && !xb_sub(b) &&
        c->start >= b->m->first_year &&
        c->total.kind != CX_V_MISSING) {
        xs_clear(f);
        xs_printf(f, "=");
        xs_ref(f, NULL, row, 2, 0);
        xs_printf(f, "-");
        xs_ref(f, NULL, row, _col_in(b), 0);
        xb_formula(b, ws, row, _col_beyond(b), f, money, beyond);
    } else {
        xb_num(b, ws, row, _col_beyond(b), beyond, money);
    }
}

static void _total_row(xlsx_book *b, int first, int row, xb_str *f)
{
    const cx_commitment_result *cr = &b->r->commitments;
    lxw_format *money = xb_fmt(b, b->money_numfmt, XB_BOLD);
    xb_text(b, b->commit, row, 0, "Total", xb_fmt(b, NULL, XB_BOLD));
    double in_sum = 0, beyond_sum = 0;
    for (size_t i = 0; i < b->m->ncommitments; i++)
        beyond_sum += isfinite(cr->beyond[i]) ? cr->beyond[i] : 0;
    for (size_t t = 0; t < b->m->nyears; t++)
        in_sum += cr->total[t];
    for (int c = XB_YEAR0; c <= _col_beyond(b); c++) {
        double v = c == _col_in(b) ? in_sum : c == _col_beyond(b) ? beyond_sum
                 : cr->total[c - XB_YEAR0];
        xs_clear(f);
        xs_printf(f, "=SUM(");
        xs_range(f, NULL, first, c, row - 1, c, 0);
        xs_printf(f, ")");
        xb_formula(b, b->commit, row, c, f, money, v);
    }
    b->cmt_total_row = row;
    b->cmt_sum_col = _col_in(b);
}

void xb_write_commitments(xlsx_book *b)
{
    lxw_worksheet *ws = b->commit;
    xb_text(b, ws, 0, 0, "Commitments", xb_fmt(b, NULL, XB_TITLE));
    xb_str u;
    xs_init(&u);
    xs_printf(&u, "Contracted outflows by %s paid (", xb_per_word(b));
    xb_unit_label(b, CX_U_MONEY, NULL, &u);
    xs_printf(&u, ")");
    xb_text(b, ws, 1, 0, xs_get(&u), xb_fmt(b, NULL, XB_NOTE));
    xs_release(&u);
    _header(b);
    xb_str f;
    xs_init(&f);
    int row = CMT_HEADER + 1;
    for (size_t i = 0; i < b->m->ncommitments; i++)
        _row(b, i, row++, &f);
    _total_row(b, CMT_HEADER + 1, row, &f);
    xs_release(&f);
    static const double widths[] = {24, 20, 12};
    xb_widths(b, ws, widths, 3);
    xb_check(b, worksheet_set_column(ws, XB_YEAR0, (lxw_col_t)(_col_in(b) - 1), 11, NULL));
    xb_check(b, worksheet_set_column(ws, (lxw_col_t)_col_in(b), (lxw_col_t)_col_beyond(b), 15, NULL));
    lxw_chart *chart = xb_chart_commitments(b);
    if (chart)
        xb_insert_wide_chart(b, ws, row + 2, xb_chart_col(b), chart);
    worksheet_freeze_panes(ws, CMT_HEADER + 1, XB_YEAR0);
    xb_page_setup(b, ws, "Commitments");
    xb_period_print(b, ws);
}
