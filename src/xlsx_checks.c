/*
 * xlsx_checks.c - the Checks sheet: one row per check result, the stated
 * figure beside a formula that recomputes it from the Projection or Burn
 * sheet, and a pass/warn status formula. A range check adds the computed
 * range in two columns right of Source.
 */
#include <math.h>
#include <stdlib.h>

#include "xlsx_book.h"

/* Range checks: the computed range, right of Source. */
enum { CHK_CLOW = XB_CHK_SOURCE + 1, CHK_CHIGH };

/* Sum and range checks have one row per year the series states. */
static int _yearly(const cx_check *c)
{
    return c->kind == CX_C_SUM || c->kind == CX_C_RANGE;
}

static const char *_numfmt(const xlsx_book *b, const cx_check *c)
{
    switch (c->kind) {
    case CX_C_SUM: case CX_C_RANGE:
        return c->series < b->m->nseries ? xb_series_numfmt(b, c->series) : XB_FMT_PLAIN;
    case CX_C_GROWTH: case CX_C_CAGR: return XB_FMT_RATIO;
    case CX_C_MULTIPLE: return XB_FMT_MULT;
    case CX_C_CUMULATIVE: return b->money_numfmt;
    default: return XB_FMT_YEAR;
    }
}

/* Nonzero when series s has a value in year y (so a Projection cell). */
static int _has(const xlsx_book *b, size_t s, int y)
{
    int t = y - b->m->first_year;
    return s < b->m->nseries && t >= 0 && (size_t)t < b->m->nyears &&
           b->r->series[s].v[t].kind != CX_V_MISSING;
}

static void _pref(xlsx_book *b, xb_str *f, size_t s, int y)
{
    xs_value_ref(b, f, XB_PROJECTION, s, y - b->m->first_year, 0);
}

/* =IF(ISBLANK(O4),MAX(E4,N4),MIN(MAX(E4,N4),O4)): the stated base clamped
 * into the computed range, a blank high (a floor part) bounding nothing. */
static void _clamp(xb_str *f, int row)
{
    xs_printf(f, "IF(ISBLANK(");
    xs_ref(f, NULL, row, CHK_CHIGH, 0);
    for (int i = 0; i < 2; i++) {
        xs_printf(f, i ? ",MIN(MAX(" : "),MAX(");
        xs_ref(f, NULL, row, XB_CHK_BASE, 0);
        xs_printf(f, ",");
        xs_ref(f, NULL, row, CHK_CLOW, 0);
        xs_printf(f, ")");
    }
    xs_printf(f, ",");
    xs_ref(f, NULL, row, CHK_CHIGH, 0);
    xs_printf(f, "))");
}

/* The fiscal year of a monthly or quarterly break-even (Burn shows its
 * period's title): the whole part of its period's start,
 * IF(ISNUMBER(MATCH(1,flags,0)),INT(INDEX(starts,1,MATCH(1,flags,0))),
 * Burn!$B$14), the words of B14 when there is none. */
static void _break_even_fiscal(xlsx_book *b, xb_str *f)
{
    const cx_burn_result *br = &b->r->burn;
    int c0 = XB_YEAR0 + br->first_year - b->m->first_year, c1 = c0 + (int)br->n - 1;
    xb_str match;
    xs_init(&match);
    xs_printf(&match, "MATCH(1,");
    xs_range(&match, XB_BURN, XB_BURN_NONNEG, c0, XB_BURN_NONNEG, c1, XB_ABS);
    xs_printf(&match, ",0)");
    xs_printf(f, "IF(ISNUMBER(%s),INT(INDEX(", xs_get(&match));
    xs_range(f, XB_BURN, XB_BURN_START, c0, XB_BURN_START, c1, XB_ABS);
    xs_printf(f, ",1,%s)),", xs_get(&match));
    xs_ref(f, XB_BURN, XB_BURN_BREAK_EVEN, XB_BURN_VALUE_COL, XB_ABS);
    xs_printf(f, ")");
    if (match.failed)
        f->failed = 1;
    xs_release(&match);
}

/* The formula recomputing check result cr in row; 0 when none applies. */
static int _computed(xlsx_book *b, int row, const cx_check *c,
                     const cx_check_result *cr, xb_str *f)
{
    const cx_series *x = c->series < b->m->nseries ? &b->m->series[c->series] : NULL;
    xs_printf(f, "=");
    switch (c->kind) {
    case CX_C_SUM:
        if (!x || x->kind != CX_S_SUM || !x->nparts)
            return 0;
        for (size_t i = 0; i < x->nparts; i++) {
            if (!_has(b, x->parts[i], cr->year))
                return 0;
            if (i)
                xs_printf(f, "+");
            _pref(b, f, x->parts[i], cr->year);
        }
        return 1;
    case CX_C_GROWTH: case CX_C_MULTIPLE: case CX_C_CAGR:
        if (!_has(b, c->series, c->from) || !_has(b, c->series, c->to))
            return 0;
        if (c->kind == CX_C_CAGR)
            xs_printf(f, "(");
        _pref(b, f, c->series, c->to);
        xs_printf(f, "/");
        _pref(b, f, c->series, c->from);
        if (c->kind == CX_C_GROWTH)
            xs_printf(f, "-1");
        else if (c->kind == CX_C_CAGR)
            xs_printf(f, ")^(%d/%d)-1", b->m->cal.per_year, c->to - c->from);
        return 1;
    case CX_C_CUMULATIVE: {
        const cx_burn_result *br = &b->r->burn;
        int last = br->first_year + (int)br->n - 1;
        if (!br->enabled || !br->n || c->from < br->first_year || c->to > last ||
            c->to < c->from)
            return 0;
        xs_printf(f, "SUM(");
        xs_range(f, XB_BURN, XB_BURN_NET, XB_YEAR0 + c->from - b->m->first_year,
                 XB_BURN_NET, XB_YEAR0 + c->to - b->m->first_year, 0);
        xs_printf(f, ")");
        return 1;
    }
    case CX_C_BREAK_EVEN:
        if (!b->r->burn.enabled || !b->r->burn.n)
            return 0;
        if (xb_sub(b))
            _break_even_fiscal(b, f);
        else
            xs_ref(f, XB_BURN, XB_BURN_BREAK_EVEN, XB_BURN_VALUE_COL, XB_ABS);
        return 1;
    case CX_C_RANGE:
        if (!isfinite(cr->computed_low))
            return 0;
        _clamp(f, row);
        return 1;
    default:
        return 0;
    }
}

/* Column widths. Message, Label and Source wrap; the sheet prints on two
 * pages across (the figures, then the words), the Check column on both. */
static const double _widths[] = {22, 11, 10, 10, 10, 10, 10, 10, 9, 7, 44, 24, 40, 12, 12};

static void _describe(xlsx_book *b, int row, const cx_check *c,
                      const cx_check_result *cr, xb_str *f)
{
    lxw_worksheet *ws = b->checks;
    xs_clear(f);
    int burn = c->kind == CX_C_CUMULATIVE || c->kind == CX_C_BREAK_EVEN;
    xs_printf(f, "%s %s", cx_check_kind_name(c->kind),
              burn ? "burn" : c->series < b->m->nseries ? b->m->series[c->series].name : "?");
    xb_text(b, ws, row, XB_CHK_CHECK, xs_get(f), NULL);
    xs_clear(f);
    if (_yearly(c)) {
        xb_period_cell(b, ws, row, XB_CHK_PERIOD, cr->year, XB_CENTER);
    } else if (c->kind != CX_C_BREAK_EVEN) {
        char p0[CX_PERIOD_KEY_MAX], p1[CX_PERIOD_KEY_MAX];
        xs_printf(f, "%s..%s", xb_number_title(b, c->from, p0, sizeof p0),
                  xb_number_title(b, c->to, p1, sizeof p1));
        xb_text(b, ws, row, XB_CHK_PERIOD, xs_get(f), xb_fmt(b, NULL, XB_CENTER));
    }
    const char *text = c->stated.text;
    int t = cr->year - b->m->first_year;
    if (_yearly(c) && c->series < b->m->nseries && t >= 0 &&
        (size_t)t < b->m->nyears)
        text = b->m->series[c->series].stated[t].text;
    xb_text(b, ws, row, XB_CHK_STATED, text, NULL);
    lxw_format *wrap = xb_fmt(b, NULL, XB_WRAP);
    xb_text(b, ws, row, XB_CHK_MESSAGE, cr->message, wrap);
    xb_text(b, ws, row, XB_CHK_LABEL, c->label, wrap);
    xb_text(b, ws, row, XB_CHK_SOURCE, c->source, wrap);
    /* Rows are as tall as their longest wrapped text (no spreadsheet
     * sizes them on its own when the file is opened). */
    double h = xb_text_height(cr->message, _widths[XB_CHK_MESSAGE], 11);
    double hl = c->label ? xb_text_height(c->label, _widths[XB_CHK_LABEL], 11) : 0;
    double hs = c->source ? xb_text_height(c->source, _widths[XB_CHK_SOURCE], 11) : 0;
    h = h > hl ? h : hl;
    xb_row_height(b, ws, row, h > hs ? h : hs);
}

/* Stated low, base, high: the Inputs figure for a sum or range check,
 * else inputs. */
static void _stated(xlsx_book *b, int row, const cx_check *c,
                    const cx_check_result *cr, const char *nf, xb_str *f)
{
    static const int cols[] = {XB_CHK_LOW, XB_CHK_BASE, XB_CHK_HIGH};
    static const int fig[] = {XB_FIG_LOW, XB_FIG_BASE, XB_FIG_HIGH};
    double v[] = {cr->stated_low, cr->stated_base, cr->stated_high};
    int fr = _yearly(c) ? xb_fig_row(b, c->series, cr->year - b->m->first_year) : -1;
    for (int i = 0; i < 3; i++) {
        if (!isfinite(v[i]))
            continue;
        if (fr >= 0) {
            xs_clear(f);
            xs_printf(f, "=");
            xs_ref(f, XB_INPUTS, fr, fig[i], XB_ABS);
            xb_formula(b, b->checks, row, cols[i], f, xb_fmt(b, nf, 0), v[i]);
        } else {
            xb_num(b, b->checks, row, cols[i], v[i], xb_fmt(b, nf, XB_INPUT));
        }
    }
}

/* Computed low and high of a range check: a sum's are the engine's sums of
 * its parts' low and high (values: the workbook has no low/high rows; a
 * floor part leaves the high blank); any other series' are its Projection
 * cell. */
static void _range_cells(xlsx_book *b, int row, const cx_check *c,
                         const cx_check_result *cr, const char *nf, xb_str *f)
{
    static const int cols[] = {CHK_CLOW, CHK_CHIGH};
    double v[] = {cr->computed_low, cr->computed_high};
    int sum = b->m->series[c->series].kind == CX_S_SUM;
    for (int i = 0; i < 2; i++) {
        if (sum || !_has(b, c->series, cr->year)) {
            xb_num(b, b->checks, row, cols[i], v[i], xb_fmt(b, nf, 0));
            continue;
        }
        xs_clear(f);
        xs_printf(f, "=");
        _pref(b, f, c->series, cr->year);
        xb_formula(b, b->checks, row, cols[i], f, xb_fmt(b, nf, 0), v[i]);
    }
}

static void _status(xlsx_book *b, int row, const cx_check_result *cr, xb_str *f)
{
    xs_clear(f);
    xs_refs(f, "=IF(ISNUMBER(@),IF(AND(@>=@-@,OR(@=\"\",@<=@+@)),\"pass\",\"warn\"),\"warn\")",
            row, XB_CHK_COMPUTED, 0u, row, XB_CHK_COMPUTED, 0u, row, XB_CHK_LOW, 0u,
            row, XB_CHK_TOL, 0u, row, XB_CHK_HIGH, 0u, row, XB_CHK_COMPUTED, 0u,
            row, XB_CHK_HIGH, 0u, row, XB_CHK_TOL, 0u);
    xb_formula_text(b, b->checks, row, XB_CHK_STATUS, f,
                    xb_fmt(b, NULL, XB_BOLD | XB_CENTER), cr->pass ? "pass" : "warn");
}

static void _result(xlsx_book *b, int row, const cx_check_result *cr, xb_str *f)
{
    const cx_check *c = &b->m->checks[cr->check];
    const char *nf = _numfmt(b, c);
    _describe(b, row, c, cr, f);
    _stated(b, row, c, cr, nf, f);
    if (c->kind == CX_C_RANGE && isfinite(cr->computed_low))
        _range_cells(b, row, c, cr, nf, f);
    xs_clear(f);
    if (isfinite(cr->computed) && _computed(b, row, c, cr, f)) {
        xb_formula(b, b->checks, row, XB_CHK_COMPUTED, f, xb_fmt(b, nf, XB_BOLD), cr->computed);
    } else if (isfinite(cr->computed)) {
        xb_num(b, b->checks, row, XB_CHK_COMPUTED, cr->computed, xb_fmt(b, nf, XB_BOLD));
    } else {
        xb_text(b, b->checks, row, XB_CHK_COMPUTED, "n/a", xb_fmt(b, NULL, XB_ITALIC | XB_GREY));
    }
    if (isfinite(cr->computed) && isfinite(cr->difference)) {
        xs_clear(f);
        xs_printf(f, "=");
        xs_ref(f, NULL, row, XB_CHK_COMPUTED, 0);
        xs_printf(f, "-");
        xs_ref(f, NULL, row, XB_CHK_BASE, 0);
        xb_formula(b, b->checks, row, XB_CHK_DIFF, f,
                   xb_fmt(b, c->kind == CX_C_BREAK_EVEN ? "0" : nf, 0), cr->difference);
    }
    xb_num(b, b->checks, row, XB_CHK_TOL, cr->tolerance,
           xb_fmt(b, c->kind == CX_C_BREAK_EVEN ? "0.0##" : nf, XB_INPUT));
    _status(b, row, cr, f);
}

static void _header(xlsx_book *b)
{
    static const char *const head[] = {"Check", "Year / period", "Stated",
        "Stated low", "Stated base", "Stated high", "Computed", "Difference",
        "Tolerance", "Status", "Message", "Label", "Source", "Computed low",
        "Computed high"};
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER);
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        xb_text(b, b->checks, XB_CHK_HEADER, (int)i, head[i], h);
}

static char warn_text[] = "warn";

void xb_write_checks(xlsx_book *b)
{
    lxw_worksheet *ws = b->checks;
    xb_widths(b, ws, _widths, sizeof _widths / sizeof _widths[0]);
    xb_text(b, ws, 0, 0, "Checks", xb_fmt(b, NULL, XB_TITLE));
    /* Wrapped within the first printed page's columns, from B: column A
     * repeats on the second page, where text overflowing from A2 would run
     * under that page's cells. */
    xb_merged_text(b, ws, 1, XB_CHK_PERIOD, XB_CHK_MESSAGE, "A check passes when the "
                   "computed figure lies within [stated low \xE2\x88\x92 tolerance, stated "
                   "high + tolerance]; a blank high (a floor) has no upper bound. A range "
                   "check's computed figure is the stated base clamped into [computed low, "
                   "computed high], which passes exactly when the two ranges overlap.",
                   xb_fmt(b, NULL, XB_NOTE | XB_WRAP | XB_TOP));
    xb_merged_text(b, ws, 1, CHK_CLOW, CHK_CHIGH, "Range checks: the engine's sums of "
                   "the parts' low and high (blank high: a floor part), or the series' "
                   "own value.", xb_fmt(b, NULL, XB_NOTE | XB_WRAP | XB_TOP));
    xb_check(b, worksheet_set_row(ws, 1, 36, NULL));
    _header(b);
    b->chk_first = XB_CHK_HEADER + 1;
    b->chk_last = XB_CHK_HEADER;
    xb_str f;
    xs_init(&f);
    for (size_t i = 0; i < b->r->nchecks; i++)
        _result(b, b->chk_first + (int)i, &b->r->checks[i], &f);
    xs_release(&f);
    b->chk_last = b->chk_first + (int)b->r->nchecks - 1;
    if (!b->r->nchecks)
        xb_text(b, ws, b->chk_first, 0, "(the model states no checks)", xb_fmt(b, NULL, XB_NOTE));
    else {
        lxw_conditional_format cf = {
            .type = LXW_CONDITIONAL_TYPE_TEXT,
            .criteria = LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING,
            .value_string = warn_text,
            .format = xb_fmt(b, NULL, XB_BOLD | XB_CENTER | XB_WARN),
        };
        xb_check(b, worksheet_conditional_format_range(ws, (lxw_row_t)b->chk_first,
                 XB_CHK_STATUS, (lxw_row_t)b->chk_last, XB_CHK_STATUS, &cf));
    }
    worksheet_freeze_panes(ws, XB_CHK_HEADER + 1, 1);
    xb_page_setup(b, ws, "Checks");
    static lxw_col_t breaks[] = {XB_CHK_MESSAGE, 0};
    xb_check(b, worksheet_set_v_pagebreaks(ws, breaks));
    worksheet_fit_to_pages(ws, 2, 0);
    xb_check(b, worksheet_repeat_columns(ws, 0, 0));
}
