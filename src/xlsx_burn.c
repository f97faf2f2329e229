/*
 * xlsx_burn.c - the Burn sheet: revenue, costs, net cash flow, cumulative
 * burn and the flags that locate break-even and payback, then the burn
 * figures in column B (rows XB_BURN_PEAK..XB_BURN_TOTAL).
 */
#include <math.h>
#include <stdlib.h>

#include "xlsx_book.h"

/* Columns of the first and last burn year. */
static int _c0(const xlsx_book *b)
{
    return XB_YEAR0 + (b->r->burn.first_year - b->m->first_year);
}

static int _c1(const xlsx_book *b)
{
    return _c0(b) + (int)b->r->burn.n - 1;
}

static void _labels(xlsx_book *b)
{
    static const struct { int row; const char *label; } rows[] = {
        {XB_BURN_REVENUE, "Revenue"}, {XB_BURN_COSTS, "Costs"},
        {XB_BURN_NET, "Net cash flow"}, {XB_BURN_CUM, "Cumulative"},
        {XB_BURN_NONNEG, "net \xE2\x89\xA5 0 (1 = yes)"},
        {XB_BURN_PAIDBACK, "paid back (1 = yes)"},
    };
    lxw_worksheet *ws = b->burn;
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    xb_text(b, ws, XB_BURN_HEADER, 0, "Cash flow", h);
    xb_text(b, ws, XB_BURN_HEADER, 1, "Unit", h);
    xb_text(b, ws, XB_BURN_HEADER, 2, "Series", h);
    for (int c = _c0(b); c <= _c1(b); c++)
        xb_num(b, ws, XB_BURN_HEADER, c, b->m->first_year + c - XB_YEAR0,
               xb_fmt(b, XB_FMT_YEAR, XB_HEADER | XB_CENTER));
    xb_str u;
    xs_init(&u);
    xb_unit_label(b, CX_U_MONEY, NULL, &u);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int flag = rows[i].row >= XB_BURN_NONNEG;
        xb_text(b, ws, rows[i].row, 0, rows[i].label,
                xb_fmt(b, NULL, flag ? XB_NOTE : rows[i].row == XB_BURN_CUM ? XB_BOLD : 0));
        if (!flag)
            xb_text(b, ws, rows[i].row, 1, xs_get(&u), NULL);
    }
    xs_free(&u);
    const cx_burn_spec *sp = &b->m->burn;
    if (sp->revenue != CX_NO_INDEX && sp->revenue < b->m->nseries)
        xb_text(b, ws, XB_BURN_REVENUE, 2, b->m->series[sp->revenue].name, NULL);
    if (sp->costs != CX_NO_INDEX && sp->costs < b->m->nseries)
        xb_text(b, ws, XB_BURN_COSTS, 2, b->m->series[sp->costs].name, NULL);
    if (sp->net != CX_NO_INDEX && sp->net < b->m->nseries)
        xb_text(b, ws, XB_BURN_NET, 2, b->m->series[sp->net].name, NULL);
}

/* =Projection!E5 (series s in the burn year at column c), or the number. */
static void _from_projection(xlsx_book *b, int row, int c, size_t s, double v,
                             lxw_format *fmt, xb_str *f)
{
    int t = c - XB_YEAR0;
    xs_clear(f);
    if (s != CX_NO_INDEX && s < b->m->nseries &&
        b->r->series[s].v[t].kind != CX_V_MISSING) {
        xs_printf(f, "=");
        xs_value_ref(b, f, XB_PROJECTION, s, t, 0);
        xb_formula(b, b->burn, row, c, f, fmt, v);
    } else {
        xb_num(b, b->burn, row, c, v, fmt);
    }
}

static void _year(xlsx_book *b, size_t i, xb_str *f)
{
    const cx_burn_result *br = &b->r->burn;
    const cx_burn_spec *sp = &b->m->burn;
    lxw_worksheet *ws = b->burn;
    int c = _c0(b) + (int)i;
    lxw_format *money = xb_fmt(b, b->money_numfmt, 0);
    lxw_format *flag = xb_fmt(b, "0", XB_NOTE | XB_CENTER);
    if (br->revenue && br->costs) {
        _from_projection(b, XB_BURN_REVENUE, c, sp->revenue, br->revenue[i], money, f);
        _from_projection(b, XB_BURN_COSTS, c, sp->costs, br->costs[i], money, f);
        xs_clear(f);
        xs_printf(f, "=");
        xs_ref(f, NULL, XB_BURN_REVENUE, c, 0);
        xs_printf(f, "-");
        xs_ref(f, NULL, XB_BURN_COSTS, c, 0);
        xb_formula(b, ws, XB_BURN_NET, c, f, money, br->net[i]);
    } else {
        _from_projection(b, XB_BURN_NET, c, sp->net, br->net[i], money, f);
    }
    xs_clear(f);
    xs_printf(f, "=");
    if (i > 0) {
        xs_ref(f, NULL, XB_BURN_CUM, c - 1, 0);
        xs_printf(f, "+");
    }
    xs_ref(f, NULL, XB_BURN_NET, c, 0);
    xb_formula(b, ws, XB_BURN_CUM, c, f, xb_fmt(b, b->money_numfmt, XB_BOLD),
               br->burn.cumulative[i]);

    xs_clear(f);
    xs_printf(f, "=IF(");
    xs_ref(f, NULL, XB_BURN_NET, c, 0);
    xs_printf(f, ">=0,1,0)");
    xb_formula(b, ws, XB_BURN_NONNEG, c, f, flag, br->net[i] >= 0 ? 1 : 0);

    /* Paid back: after the peak (or no burn at all) and cumulative >= 0. */
    int year = br->first_year + (int)i;
    int paid = (br->burn.peak_burn >= 0 || year > br->burn.peak_year) &&
               br->burn.cumulative[i] >= 0;
    xs_clear(f);
    xs_printf(f, "=IF(AND(OR(");
    xs_ref(f, NULL, XB_BURN_PEAK, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, ">=0,");
    xs_ref(f, NULL, XB_BURN_HEADER, c, XB_ABS_ROW);
    xs_printf(f, ">");
    xs_ref(f, NULL, XB_BURN_PEAK_YEAR, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, "),");
    xs_ref(f, NULL, XB_BURN_CUM, c, 0);
    xs_printf(f, ">=0),1,0)");
    xb_formula(b, ws, XB_BURN_PAIDBACK, c, f, flag, paid);
}

/* A year figure: =IFERROR(INDEX(years,MATCH(1,flags,0)),"not within horizon"). */
static void _first_flag(xlsx_book *b, int row, int flag_row, int year, xb_str *f)
{
    xs_clear(f);
    xs_printf(f, "=IFERROR(INDEX(");
    xs_range(f, NULL, XB_BURN_HEADER, _c0(b), XB_BURN_HEADER, _c1(b), XB_ABS);
    xs_printf(f, ",MATCH(1,");
    xs_range(f, NULL, flag_row, _c0(b), flag_row, _c1(b), XB_ABS);
    xs_printf(f, ",0)),\"not within horizon\")");
    if (year)
        xb_formula(b, b->burn, row, XB_BURN_VALUE_COL, f, xb_fmt(b, XB_FMT_YEAR, XB_BOLD), year);
    else
        xb_formula_text(b, b->burn, row, XB_BURN_VALUE_COL, f, xb_fmt(b, NULL, XB_BOLD),
                        "not within horizon");
}

static void _figures(xlsx_book *b, xb_str *f)
{
    const cx_burn *bu = &b->r->burn.burn;
    lxw_worksheet *ws = b->burn;
    lxw_format *money = xb_fmt(b, b->money_numfmt, XB_BOLD);
    lxw_format *note = xb_fmt(b, NULL, XB_NOTE);
    int c0 = _c0(b), c1 = _c1(b);
    xb_text(b, ws, XB_BURN_FIGURES, 0, "Burn figures", xb_fmt(b, NULL, XB_SECTION));

    xb_text(b, ws, XB_BURN_PEAK, 0, "Peak cumulative burn", NULL);
    xs_clear(f);
    xs_printf(f, "=MIN(0,MIN(");
    xs_range(f, NULL, XB_BURN_CUM, c0, XB_BURN_CUM, c1, XB_ABS);
    xs_printf(f, "))");
    xb_formula(b, ws, XB_BURN_PEAK, XB_BURN_VALUE_COL, f, money, bu->peak_burn);
    xb_text(b, ws, XB_BURN_PEAK, 2, "lowest cumulative net cash flow (0 when never negative)", note);

    xb_text(b, ws, XB_BURN_PEAK_YEAR, 0, "Peak burn year", NULL);
    xs_clear(f);
    xs_printf(f, "=IF(");
    xs_ref(f, NULL, XB_BURN_PEAK, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, "<0,INDEX(");
    xs_range(f, NULL, XB_BURN_HEADER, c0, XB_BURN_HEADER, c1, XB_ABS);
    xs_printf(f, ",MATCH(");
    xs_ref(f, NULL, XB_BURN_PEAK, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, ",");
    xs_range(f, NULL, XB_BURN_CUM, c0, XB_BURN_CUM, c1, XB_ABS);
    xs_printf(f, ",0)),\"no burn\")");
    if (bu->peak_year)
        xb_formula(b, ws, XB_BURN_PEAK_YEAR, XB_BURN_VALUE_COL, f,
                   xb_fmt(b, XB_FMT_YEAR, XB_BOLD), bu->peak_year);
    else
        xb_formula_text(b, ws, XB_BURN_PEAK_YEAR, XB_BURN_VALUE_COL, f,
                        xb_fmt(b, NULL, XB_BOLD), "no burn");

    xb_text(b, ws, XB_BURN_BREAK_EVEN, 0, "Break-even year", NULL);
    _first_flag(b, XB_BURN_BREAK_EVEN, XB_BURN_NONNEG, bu->break_even_year, f);
    xb_text(b, ws, XB_BURN_BREAK_EVEN, 2, "first year with net cash flow \xE2\x89\xA5 0", note);
    xb_text(b, ws, XB_BURN_PAYBACK, 0, "Payback year", NULL);
    _first_flag(b, XB_BURN_PAYBACK, XB_BURN_PAIDBACK, bu->payback_year, f);
    xb_text(b, ws, XB_BURN_PAYBACK, 2, "first year after the peak with cumulative \xE2\x89\xA5 0", note);

    xb_text(b, ws, XB_BURN_TOTAL, 0, "Total burn", NULL);
    xs_clear(f);
    xs_printf(f, "=SUMIF(");
    xs_range(f, NULL, XB_BURN_NET, c0, XB_BURN_NET, c1, XB_ABS);
    xs_printf(f, ",\"<0\")");
    xb_formula(b, ws, XB_BURN_TOTAL, XB_BURN_VALUE_COL, f, money, bu->total_burn);
    xb_text(b, ws, XB_BURN_TOTAL, 2, "sum of the negative annual net cash flows", note);
}

void xb_write_burn(xlsx_book *b)
{
    static const double widths[] = {24, 14, 18};
    lxw_worksheet *ws = b->burn;
    const cx_burn_result *br = &b->r->burn;
    xb_text(b, ws, 0, 0, "Cash burn", xb_fmt(b, NULL, XB_TITLE));
    xb_widths(b, ws, widths, 3);
    if (!br->n) {
        xb_text(b, ws, 1, 0, "(no year has a net cash flow)", xb_fmt(b, NULL, XB_NOTE));
        xb_page_setup(b, ws, "Burn");
        return;
    }
    xb_check(b, worksheet_set_column(ws, (lxw_col_t)_c0(b), (lxw_col_t)_c1(b), 11, NULL));
    _labels(b);
    xb_str f;
    xs_init(&f);
    for (size_t i = 0; i < br->n; i++)
        _year(b, i, &f);
    _figures(b, &f);
    xs_free(&f);
    lxw_chart *chart = xb_chart_burn(b);
    if (chart)
        xb_insert_wide_chart(b, ws, XB_BURN_TOTAL + 3, 0, chart);
    worksheet_freeze_panes(ws, XB_BURN_HEADER + 1, XB_YEAR0);
    xb_page_setup(b, ws, "Burn");
}
