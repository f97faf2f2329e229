/*
 * xlsx_valuation.c - the Valuation sheet: the discount rate (an input,
 * named discount_rate), the flows taken from Burn or Projection, their
 * dates and discounted values per year, then NPV both ways, XNPV, IRR and
 * XIRR as live formulas with the engine's values cached (docs/workbook.md).
 */
#include <math.h>

#include "discount.h"
#include "xlsx_book.h"

/* Rows (0-based); flows run from column XB_YEAR0 + first year index. */
enum { _TITLE = 0, _INPUTS = 2, _RATE, _FLOWS, _DATES, _PRATE,
       _HEADER = 7, _FLOW, _DATE, _DISC,
       _FIGURES = 12, _NPV = XB_VAL_NPV, _NPV0 = XB_VAL_NPV0,
       _XNPV = XB_VAL_XNPV, _IRR = XB_VAL_IRR, _XIRR = XB_VAL_XIRR };
#define VCOL XB_VAL_COL        /* values of the inputs and figures */
#define NCOL 2                 /* notes beside them */
#define FMT_DATE "yyyy-mm-dd"
#define FMT_IRR  "0.000%"

static int _c0(const xlsx_book *b)
{
    return XB_YEAR0 + (b->r->discount.first_year - b->m->first_year);
}

static int _c1(const xlsx_book *b)
{
    return _c0(b) + (int)b->r->discount.n - 1;
}

/* The NPV's rate: discount_rate itself in an annual model; by period, a
 * cell named discount_rate_period, =(1+discount_rate)^(1/12)-1, the rate
 * the engine discounts each period at (XNPV and XIRR stay per year). */
static const char *_npv_rate(const xlsx_book *b)
{
    return xb_sub(b) ? "discount_rate_period" : "discount_rate";
}

static void _period_rate(xlsx_book *b)
{
    if (!xb_sub(b))
        return;
    lxw_worksheet *ws = b->valuation;
    xb_str f;
    xs_init(&f);
    xs_printf(&f, "Discount rate (per %s)", xb_per_word(b));
    xb_text(b, ws, _PRATE, 0, xs_get(&f), NULL);
    xs_clear(&f);
    xs_printf(&f, "=(1+discount_rate)^(%d/12)-1", cx_period_months(&b->m->cal));
    xb_formula(b, ws, _PRATE, VCOL, &f, xb_fmt(b, XB_FMT_RATE, 0), b->r->discount.rate);
    xs_clear(&f);
    xs_printf(&f, "=");
    xs_ref(&f, XB_VALUATION, _PRATE, VCOL, XB_ABS);
    if (!f.failed)
        xb_check(b, workbook_define_name(b->wb, "discount_rate_period", xs_get(&f)));
    else
        b->nomem = 1;
    xs_release(&f);
}

static void _inputs(xlsx_book *b)
{
    const cx_discount_spec *sp = &b->m->discount;
    lxw_worksheet *ws = b->valuation;
    xb_text(b, ws, _INPUTS, 0, "Inputs", xb_fmt(b, NULL, XB_SECTION));
    xb_text(b, ws, _RATE, 0, "Discount rate (per year)", NULL);
    xb_num(b, ws, _RATE, VCOL, sp->rate, xb_fmt(b, XB_FMT_RATE, XB_INPUT));
    if (sp->source)
        xb_text(b, ws, _RATE, NCOL, sp->source, xb_fmt(b, NULL, XB_NOTE));
    xb_str ref;
    xs_init(&ref);
    xs_printf(&ref, "=");
    xs_ref(&ref, XB_VALUATION, _RATE, VCOL, XB_ABS);
    if (ref.failed)
        b->nomem = 1;
    else
        xb_check(b, workbook_define_name(b->wb, "discount_rate", xs_get(&ref)));
    xs_release(&ref);

    xb_text(b, ws, _FLOWS, 0, "Flows", NULL);
    if (sp->series == CX_NO_INDEX)
        xb_text(b, ws, _FLOWS, VCOL, "Burn: net cash flow", NULL);
    else
        xb_text(b, ws, _FLOWS, VCOL, b->m->series[sp->series].name, NULL);
    xb_text(b, ws, _DATES, 0, "Dates (XNPV, XIRR)", NULL);
    if (xb_sub(b))
        xb_text(b, ws, _DATES, VCOL, sp->dates == CX_DATES_MID_YEAR
                ? "the middle of each period" : "the last day of each period", NULL);
    else
        xb_text(b, ws, _DATES, VCOL, sp->dates == CX_DATES_MID_YEAR ? "1 July of each year"
                : "31 December of each year", NULL);
    _period_rate(b);
}

/* The flow in column c: =Burn!F6 or =Projection!F12. */
static void _flow(xlsx_book *b, int c, size_t i, xb_str *f)
{
    const cx_discount_spec *sp = &b->m->discount;
    int t = c - XB_YEAR0;
    xs_clear(f);
    xs_printf(f, "=");
    if (sp->series == CX_NO_INDEX)
        xs_ref(f, XB_BURN, XB_BURN_NET, c, 0);
    else
        xs_value_ref(b, f, XB_PROJECTION, sp->series, t, 0);
    xb_formula(b, b->valuation, _FLOW, c, f, xb_fmt(b, b->money_numfmt, 0),
               b->r->discount.flows[i]);
}

/* Period t's date: =DATE(y,m,d) of its last day, or (mid) its first day
 * plus half its days, =DATE(2026,2,1)+14 (model/compute_discount.c). */
static void _period_date(xlsx_book *b, int t, xb_str *f)
{
    cx_date a = cx_period_start(&b->m->cal, t), z = cx_period_end(&b->m->cal, t);
    if (b->m->discount.dates != CX_DATES_MID_YEAR) {
        xs_printf(f, "=DATE(%d,%d,%d)", z.year, z.month, z.day);
        return;
    }
    double days = cx_serial_date(z.year, z.month, z.day) - cx_serial_date(a.year, a.month, a.day);
    xs_printf(f, "=DATE(%d,%d,%d)+%d", a.year, a.month, a.day, (int)floor((days + 1) / 2));
}

static void _year(xlsx_book *b, size_t i, xb_str *f)
{
    const cx_discount_result *d = &b->r->discount;
    lxw_worksheet *ws = b->valuation;
    int c = _c0(b) + (int)i, year = d->first_year + (int)i;
    xb_period_head(b, ws, _HEADER, c, c - XB_YEAR0);
    _flow(b, c, i, f);

    xs_clear(f);
    if (xb_sub(b))
        _period_date(b, c - XB_YEAR0, f);
    else if (b->m->discount.dates == CX_DATES_MID_YEAR)
        xs_printf(f, "=DATE(%d,7,1)", year);
    else
        xs_printf(f, "=DATE(%d,12,31)", year);
    xb_formula(b, ws, _DATE, c, f, xb_fmt(b, FMT_DATE, XB_CENTER), d->dates[i]);

    /* =D9/(1+discount_rate)^(D$8-$D$8+1): the spreadsheet NPV's term;
     * by period (titles, not years) the count itself, ^(i+1). */
    xs_clear(f);
    xs_printf(f, "=");
    xs_ref(f, NULL, _FLOW, c, 0);
    xs_printf(f, "/(1+%s)^(", _npv_rate(b));
    if (xb_sub(b)) {
        xs_printf(f, "%zu)", i + 1);
    } else {
        xs_ref(f, NULL, _HEADER, c, XB_ABS_ROW);
        xs_printf(f, "-");
        xs_ref(f, NULL, _HEADER, _c0(b), XB_ABS);
        xs_printf(f, "+1)");
    }
    xb_formula(b, ws, _DISC, c, f, xb_fmt(b, b->money_numfmt, 0), d->discounted[i]);
}

static void _series(xlsx_book *b, xb_str *f)
{
    lxw_worksheet *ws = b->valuation;
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    xb_text(b, ws, _HEADER, 0, "Cash flows", h);
    xb_text(b, ws, _HEADER, VCOL, "Unit", h);
    xb_text(b, ws, _HEADER, NCOL, "From", h);
    xb_str u;
    xs_init(&u);
    xb_unit_label(b, CX_U_MONEY, NULL, &u);
    xb_text(b, ws, _FLOW, 0, "Cash flow", xb_fmt(b, NULL, XB_BOLD));
    xb_text(b, ws, _FLOW, VCOL, xs_get(&u), NULL);
    xb_text(b, ws, _FLOW, NCOL, b->m->discount.series == CX_NO_INDEX ? XB_BURN : XB_PROJECTION,
            NULL);
    xb_text(b, ws, _DATE, 0, "Date", NULL);
    xb_text(b, ws, _DATE, VCOL, "date", NULL);
    xb_text(b, ws, _DISC, 0, "Discounted cash flow (first flow discounted one period)", NULL);
    xb_text(b, ws, _DISC, VCOL, xs_get(&u), NULL);
    xs_release(&u);
    for (size_t i = 0; i < b->r->discount.n; i++)
        _year(b, i, f);
}

/* "D9:J9" of a row; from column c0 on. */
static void _row_range(xlsx_book *b, xb_str *f, int row, int c0)
{
    xs_range(f, NULL, row, c0, row, _c1(b), XB_ABS);
}

static void _npvs(xlsx_book *b, xb_str *f)
{
    const cx_discount_result *d = &b->r->discount;
    lxw_worksheet *ws = b->valuation;
    lxw_format *money = xb_fmt(b, b->money_numfmt, XB_BOLD);
    xb_text(b, ws, _NPV, 0, "NPV, spreadsheet convention (first flow discounted one period)", NULL);
    xs_clear(f);
    xs_printf(f, "=NPV(%s,", _npv_rate(b));
    _row_range(b, f, _FLOW, _c0(b));
    xs_printf(f, ")");
    xb_formula(b, ws, _NPV, VCOL, f, money, d->npv);

    xb_text(b, ws, _NPV0, 0, "NPV, first flow at t=0", NULL);
    xs_clear(f);
    xs_printf(f, "=");
    xs_ref(f, NULL, _FLOW, _c0(b), XB_ABS);
    if (d->n > 1) {
        xs_printf(f, "+NPV(%s,", _npv_rate(b));
        _row_range(b, f, _FLOW, _c0(b) + 1);
        xs_printf(f, ")");
    }
    xb_formula(b, ws, _NPV0, VCOL, f, money, d->npv0);

    xb_text(b, ws, _XNPV, 0, "XNPV, dated flows (days / 365 from the first date)", NULL);
    if (d->n < 2 || !isfinite(d->xnpv)) {
        xb_text(b, ws, _XNPV, VCOL, "needs two or more flows", xb_fmt(b, NULL, XB_BOLD));
        return;
    }
    xs_clear(f);
    xs_printf(f, "=XNPV(discount_rate,");
    _row_range(b, f, _FLOW, _c0(b));
    xs_printf(f, ",");
    _row_range(b, f, _DATE, _c0(b));
    xs_printf(f, ")");
    xb_formula(b, ws, _XNPV, VCOL, f, money, d->xnpv);
}

/* IRR or XIRR: the formula (with the guess when the spreadsheet needs one)
 * or the reason there is none; the note on several roots beside it. */
static void _irr(xlsx_book *b, xb_str *f, int dated)
{
    const cx_discount_result *d = &b->r->discount;
    lxw_worksheet *ws = b->valuation;
    int row = dated ? _XIRR : _IRR;
    double root = dated ? d->xirr : d->irr, guess = dated ? d->xirr_guess : d->irr_guess;
    const char *note = dated ? d->xirr_note : d->irr_note;
    xb_text(b, ws, row, 0, dated ? "XIRR, dated flows" : "IRR", NULL);
    if (!isfinite(root)) {
        xb_text(b, ws, row, VCOL, note, xb_fmt(b, NULL, XB_BOLD));
        return;
    }
    xs_clear(f);
    xs_printf(f, dated ? "=XIRR(" : "=IRR(");
    _row_range(b, f, _FLOW, _c0(b));
    if (dated) {
        xs_printf(f, ",");
        _row_range(b, f, _DATE, _c0(b));
    }
    if (isfinite(guess)) {
        xs_printf(f, ",");
        xs_num(f, guess);
    }
    xs_printf(f, ")");
    xb_formula(b, ws, row, VCOL, f, xb_fmt(b, FMT_IRR, XB_BOLD), root);
    xb_str n;
    xs_init(&n);
    if (note[0])
        xs_printf(&n, "%s; this is the root %s", note, isfinite(guess)
                  ? "nearest 10%" : "reached from the default 10% guess");
    if (isfinite(guess))
        xs_printf(&n, "%sthe engine's root is passed as the guess (the default 10%% guess "
                  "does not reach it)", note[0] ? "; " : "");
    if (n.len)
        xb_text(b, ws, row, NCOL, xs_get(&n), xb_fmt(b, NULL, note[0] ? XB_WARN : XB_NOTE));
    if (n.failed)
        b->nomem = 1;
    xs_release(&n);
}

void xb_write_valuation(xlsx_book *b)
{
    static const double widths[] = {60, 14, 20};
    lxw_worksheet *ws = b->valuation;
    const cx_discount_result *d = &b->r->discount;
    xb_text(b, ws, _TITLE, 0, "Valuation: discounted cash flows", xb_fmt(b, NULL, XB_TITLE));
    xb_widths(b, ws, widths, 3);
    _inputs(b);
    if (!d->n) {
        xb_text(b, ws, _HEADER, 0, "(no year has a flow to discount)", xb_fmt(b, NULL, XB_NOTE));
        xb_page_setup(b, ws, "Valuation");
        return;
    }
    xb_check(b, worksheet_set_column(ws, (lxw_col_t)_c0(b), (lxw_col_t)_c1(b), 11, NULL));
    xb_str f;
    xs_init(&f);
    _series(b, &f);
    xb_text(b, ws, _FIGURES, 0, "Figures", xb_fmt(b, NULL, XB_SECTION));
    _npvs(b, &f);
    _irr(b, &f, 0);
    _irr(b, &f, 1);
    xs_release(&f);
    xb_page_setup(b, ws, "Valuation");
}
