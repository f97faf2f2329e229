/*
 * xlsx_periods.c - periods on the sheets of a monthly or quarterly model:
 * header cells with the period's title ("Mar 2026", "Q1 FY25") where an
 * annual model has its year as a number, period numbers shown as titles,
 * the row of period starts (as fractional fiscal years) that the Burn
 * sheet's crossings interpolate on, and a driver's annual rate converted
 * to the model's period as a formula, =(1+rate)^(1/12)-1 (period.h:
 * cx_rate_convert). An annual model's cells are what they always were.
 */
#include <stdio.h>
#include <string.h>

#include "xlsx_book.h"

int xb_sub(const xlsx_book *b)
{
    return b->m->cal.per_year != 1;
}

void xb_period_head(xlsx_book *b, lxw_worksheet *ws, int row, int col, int t)
{
    if (!xb_sub(b)) {
        xb_num(b, ws, row, col, b->m->first_year + t,
               xb_fmt(b, XB_FMT_YEAR, XB_HEADER | XB_CENTER));
        return;
    }
    char buf[CX_PERIOD_KEY_MAX];
    xb_text(b, ws, row, col, cx_period_title(&b->m->cal, t, buf, sizeof buf),
            xb_fmt(b, NULL, XB_HEADER | XB_CENTER));
}

const char *xb_number_title(const xlsx_book *b, int p, char *buf, size_t n)
{
    if (!xb_sub(b))
        snprintf(buf, n, "%d", p);
    else
        cx_period_number_title(&b->m->cal, p, buf, n);
    return buf;
}

void xb_period_cell(xlsx_book *b, lxw_worksheet *ws, int row, int col, int p,
                    unsigned flags)
{
    if (!xb_sub(b)) {
        xb_num(b, ws, row, col, p, xb_fmt(b, XB_FMT_YEAR, flags));
        return;
    }
    char buf[CX_PERIOD_KEY_MAX];
    xb_text(b, ws, row, col, xb_number_title(b, p, buf, sizeof buf),
            xb_fmt(b, NULL, flags));
}

double xb_period_start(const xlsx_book *b, int t)
{
    return cx_period_fraction_year(&b->m->cal, cx_period_number(&b->m->cal, t));
}

double xb_fraction_year(const xlsx_book *b, double x)
{
    return cx_period_fraction_year(&b->m->cal, x);
}

void xb_convert_rate(const xlsx_book *b, size_t s, xb_str *f)
{
    const cx_driver *d = &b->r->drivers[s];
    int from = d->per ? d->per : 12, to = cx_period_months(&b->m->cal);
    if (from == to || !f->s || f->s[0] != '=')
        return;
    xb_str g;
    xs_init(&g);
    xs_printf(&g, "=(1+%s)^(%d/%d)-1", f->s + 1, to, from);
    xs_clear(f);
    xs_printf(f, "%s", xs_get(&g));
    if (g.failed)
        f->failed = 1;
    xs_release(&g);
}

const char *xb_per_word(const xlsx_book *b)
{
    return b->m->cal.per_year == 12 ? "month" : b->m->cal.per_year == 4 ? "quarter" : "year";
}

const char *xb_axis_word(const xlsx_book *b)
{
    return b->m->cal.per_year == 12 ? "Month" : b->m->cal.per_year == 4 ? "Quarter" : "Year";
}

static int _letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

const char *xb_period_words(const xlsx_book *b, const char *text, xb_str *out)
{
    static const char frac[] = "fractional year";
    if (!xb_sub(b) || !text)
        return text;
    xs_clear(out);
    for (const char *p = text; *p;) {
        if (!strncmp(p, frac, sizeof frac - 1)) {
            xs_printf(out, "fractional fiscal year");
            p += sizeof frac - 1;
        } else if ((!strncmp(p, "year", 4) || !strncmp(p, "Year", 4)) &&
                   (p == text || !_letter(p[-1])) &&
                   (!_letter(p[4]) || (p[4] == 's' && !_letter(p[5])))) {
            xs_printf(out, "%s", *p == 'Y' ? xb_axis_word(b) : xb_per_word(b));
            p += 4;
        } else {
            xs_printf(out, "%c", *p++);
        }
    }
    return xs_get(out);
}

#define PRINT_PERIODS 12   /* period columns on one printed page */

void xb_period_print(xlsx_book *b, lxw_worksheet *ws)
{
    int n = (int)b->m->nyears, pages = (n + PRINT_PERIODS - 1) / PRINT_PERIODS;
    if (!xb_sub(b) || pages < 2)
        return;
    lxw_col_t breaks[LXW_BREAKS_MAX + 1];
    int nb = 0;
    for (int k = 1; k < pages && nb < LXW_BREAKS_MAX; k++)
        breaks[nb++] = (lxw_col_t)(XB_YEAR0 + k * PRINT_PERIODS);
    breaks[nb] = 0;
    worksheet_fit_to_pages(ws, (uint16_t)pages, 0);
    xb_check(b, worksheet_set_v_pagebreaks(ws, breaks));
    xb_check(b, worksheet_repeat_columns(ws, 0, XB_YEAR0 - 1));
}

int xb_trend_window(const xlsx_book *b, size_t s, int *a, int *z)
{
    const cx_driver *d = &b->r->drivers[s];
    const cx_series *x = &b->m->series[s];
    int from = (d->cagr_from ? d->cagr_from : b->m->first_year) - b->m->first_year;
    int to = (d->cagr_to ? d->cagr_to : b->m->last_year) - b->m->first_year;
    *a = *z = -1;
    for (int u = from < 0 ? 0 : from; u <= to && u < (int)b->m->nyears; u++) {
        cx_value_kind k = x->stated[u].kind;
        if (k != CX_V_EXACT && k != CX_V_ESTIMATE && k != CX_V_FLOOR && k != CX_V_RANGE)
            continue;
        *z = u;
        *a = *a < 0 ? u : *a;
    }
    return *a >= 0 && (size_t)(*z - *a + 1) == b->r->series[s].fit.n;
}
