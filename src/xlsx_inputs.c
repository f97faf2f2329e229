/*
 * xlsx_inputs.c - the Inputs sheet: every stated figure (long layout), the
 * drivers in effect, constants and commitments. Input cells are blue on
 * light yellow; the other sheets' formulas point here.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xlsx_book.h"

#define FIG_HEADER 4

/* Every cell of a table row is top-aligned: the Label and Source columns
 * wrap, and a row grows with its longest text. */
static lxw_format *_f(xlsx_book *b, const char *numfmt, unsigned flags)
{
    return xb_fmt(b, numfmt, flags | XB_TOP);
}

/* Column widths: the Source column (also How, and the sources of
 * constants and commitments) is wide and wraps. */
static double _width(int col)
{
    static const double widths[] = {26, 30, 12, 14, 12, 12, 12, 12, 12, XB_SOURCE_WIDTH};
    return col >= 0 && col < (int)(sizeof widths / sizeof widths[0]) ? widths[col] : 8.43;
}

/* An input as stated: the number format with up to three decimals
 * ("$#,##0.0##B"), so that 558M reads $0.558B rather than $0.6B. */
static lxw_format *_exact(xlsx_book *b, const char *numfmt, unsigned flags)
{
    const char *p = numfmt ? strstr(numfmt, "#,##0.0") : NULL;
    if (!p || p[7] == '#')
        return _f(b, numfmt, flags);
    xb_str e;
    xs_init(&e);
    xs_printf(&e, "%.*s#,##0.0##%s", (int)(p - numfmt), numfmt, p + 7);
    lxw_format *f = e.failed ? NULL : _f(b, e.s, flags);
    if (e.failed)
        b->nomem = 1;
    xs_release(&e);
    return f;
}

/* A wrapped text cell; *height grows to what the text needs. */
static void _wrapped(xlsx_book *b, int row, int col, const char *text,
                     unsigned flags, double *height)
{
    double pt = (flags & XB_NOTE) ? 9 : 11;
    xb_text(b, b->inputs, row, col, text, _f(b, NULL, flags | XB_WRAP));
    double h = xb_text_height(text, _width(col), pt);
    if (h > *height)
        *height = h;
}

static int _stated(const cx_value *v)
{
    return v->kind == CX_V_EXACT || v->kind == CX_V_ESTIMATE ||
           v->kind == CX_V_FLOOR || v->kind == CX_V_RANGE;
}

/* Header row; returns its height (0: one line). */
static double _header(xlsx_book *b, int row, const char *const *names, size_t n)
{
    lxw_format *h = xb_fmt(b, NULL, XB_HEADER | XB_WRAP);
    double height = 0;
    for (size_t i = 0; i < n; i++) {
        xb_text(b, b->inputs, row, (int)i, names[i], h);
        /* Bold: a little wider. */
        double hi = xb_text_height(names[i], _width((int)i), 12);
        height = hi > height ? hi : height;
    }
    xb_row_height(b, b->inputs, row, height);
    return height;
}

static void _section(xlsx_book *b, int row, const char *title)
{
    xb_text(b, b->inputs, row, 0, title, xb_fmt(b, NULL, XB_SECTION));
}

/* One stated figure: series, label, year, as written, kind, low, base,
 * high, unit, source. */
static void _figure_row(xlsx_book *b, int row, size_t s, int t)
{
    const cx_series *x = &b->m->series[s];
    const cx_value *v = &x->stated[t];
    lxw_worksheet *ws = b->inputs;
    const char *nf = xb_series_numfmt(b, s);
    lxw_format *in = _exact(b, nf, XB_INPUT);
    lxw_format *plain = _f(b, NULL, 0);

    xb_text(b, ws, row, XB_FIG_SERIES, x->name, plain);
    double height = 0;
    _wrapped(b, row, XB_FIG_LABEL, xb_series_label(x), 0, &height);
    xb_period_cell(b, ws, row, XB_FIG_YEAR, b->m->first_year + t, XB_CENTER | XB_TOP);
    xb_text(b, ws, row, XB_FIG_TEXT, v->text ? v->text : "", plain);
    xb_text(b, ws, row, XB_FIG_KIND, cx_value_kind_name(v->kind), plain);
    xb_num(b, ws, row, XB_FIG_LOW, v->low, in);
    if (v->kind == CX_V_RANGE) {
        xb_str f;
        xs_init(&f);
        xs_printf(&f, "=(");
        xs_ref(&f, NULL, row, XB_FIG_LOW, 0);
        xs_printf(&f, "+");
        xs_ref(&f, NULL, row, XB_FIG_HIGH, 0);
        xs_printf(&f, ")/2");
        xb_formula(b, ws, row, XB_FIG_BASE, &f, _exact(b, nf, 0), v->base);
        xs_release(&f);
    } else {
        xb_num(b, ws, row, XB_FIG_BASE, v->base, in);
    }
    if (isfinite(v->high))
        xb_num(b, ws, row, XB_FIG_HIGH, v->high, in);
    xb_str u;
    xs_init(&u);
    xb_unit_label(b, x->unit, x->unit_text, &u);
    xb_text(b, ws, row, XB_FIG_UNIT, xs_get(&u), _f(b, NULL, XB_CENTER));
    xs_release(&u);
    _wrapped(b, row, XB_FIG_SOURCE, v->source ? v->source : x->source, 0, &height);
    xb_row_height(b, ws, row, height);
}

static int _figures(xlsx_book *b, int row)
{
    static const char *const head[] = {"Series", "Label", "Year", "As written",
        "Kind", "Low", "Base", "High", "Unit", "Source"};
    _section(b, row - 1, "Stated figures");
    _header(b, row, head, sizeof head / sizeof head[0]);
    row++;
    for (size_t s = 0; s < b->m->nseries; s++) {
        for (size_t t = 0; t < b->m->nyears; t++) {
            if (!_stated(&b->m->series[s].stated[t]))
                continue;
            b->fig_row[s * b->m->nyears + t] = row;
            _figure_row(b, row++, s, (int)t);
        }
    }
    if (row == FIG_HEADER + 1)
        xb_text(b, b->inputs, row++, 0, "(no stated figures)", xb_fmt(b, NULL, XB_NOTE));
    return row;
}

/* "drv_" + the series name with anything but ASCII letters, digits and '_'
 * replaced by '_'; made unique (names are case-insensitive) with the
 * series index. */
static char *_driver_name(xlsx_book *b, size_t s)
{
    xb_str n;
    xs_init(&n);
    xs_printf(&n, "drv_");
    const char *name = b->m->series[s].name;
    for (size_t i = 0; name[i] && i < 64; i++) {
        unsigned char c = (unsigned char)name[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '_';
        xs_printf(&n, "%c", ok ? (char)c : '_');
    }
    for (size_t o = 0; o < s && !n.failed; o++) {
        if (b->drv_name[o] && !strcasecmp(b->drv_name[o], n.s)) {
            xs_printf(&n, "_%zu", s + 1);
            break;
        }
    }
    if (n.failed) {
        b->nomem = 1;
        xs_release(&n);
        return NULL;
    }
    return n.s;
}

static void _define(xlsx_book *b, size_t s, const char *param, int row,
                    int col1, int col2)
{
    if (!b->drv_name[s])
        return;
    xb_str name, ref;
    xs_init(&name);
    xs_init(&ref);
    xs_printf(&name, "%s_%s", b->drv_name[s], param);
    xs_printf(&ref, "=");
    if (col2 > col1)
        xs_range(&ref, XB_INPUTS, row, col1, row, col2, XB_ABS);
    else
        xs_ref(&ref, XB_INPUTS, row, col1, XB_ABS);
    if (name.failed || ref.failed)
        b->nomem = 1;
    else
        xb_check(b, workbook_define_name(b->wb, name.s, ref.s));
    xs_release(&name);
    xs_release(&ref);
}

/* Reference to the value of series s in year index t for a CAGR window: the
 * stated figure on this sheet, else the Projection cell. */
static void _window_value(xlsx_book *b, xb_str *f, size_t s, int t)
{
    int fr = b->m->series[s].kind == CX_S_INPUT ? xb_fig_row(b, s, t) : -1;
    if (fr >= 0 && b->r->series[s].v[t].kind == b->m->series[s].stated[t].kind)
        xs_ref(f, NULL, fr, XB_FIG_BASE, XB_ABS);
    else
        xs_value_ref(b, f, XB_PROJECTION, s, t, XB_ABS);
}

/* Window years and =(end/start)^(1/n)-1 in the window CAGR column. */
static void _window_cagr(xlsx_book *b, int row, size_t s)
{
    const cx_series_result *sr = &b->r->series[s];
    lxw_format *yf = _f(b, XB_FMT_YEAR, XB_CENTER);
    if (xb_sub(b)) {
        xb_period_cell(b, b->inputs, row, XB_DRV_WFROM, sr->window_from, XB_CENTER | XB_TOP);
        xb_period_cell(b, b->inputs, row, XB_DRV_WTO, sr->window_to, XB_CENTER | XB_TOP);
    } else {
        xb_num(b, b->inputs, row, XB_DRV_WFROM, sr->window_from, yf);
        xb_num(b, b->inputs, row, XB_DRV_WTO, sr->window_to, yf);
    }
    int a = sr->window_from - b->m->first_year;
    int z = sr->window_to - b->m->first_year;
    if (a < 0 || z <= a || z >= (int)b->m->nyears || !isfinite(sr->start_rate))
        return;
    xb_str f;
    xs_init(&f);
    xs_printf(&f, "=(");
    _window_value(b, &f, s, z);
    xs_printf(&f, "/");
    _window_value(b, &f, s, a);
    /* a monthly or quarterly window annualised: ^(per_year/periods) */
    xs_printf(&f, ")^(%d/%d)-1", b->m->cal.per_year, z - a);
    xb_formula(b, b->inputs, row, XB_DRV_WCAGR, &f, _f(b, XB_FMT_RATE, 0),
               sr->start_rate);
    xs_release(&f);
    _define(b, s, "cagr", row, XB_DRV_WCAGR, XB_DRV_WCAGR);
}

static void _fade(xlsx_book *b, int row, size_t s, const cx_driver *d)
{
    lxw_format *in = _f(b, XB_FMT_RATE, XB_INPUT);
    if (d->from_cagr) {
        _window_cagr(b, row, s);
        xb_str f;
        xs_init(&f);
        xs_printf(&f, "=");
        xs_ref(&f, NULL, row, XB_DRV_WCAGR, 0);
        xb_formula(b, b->inputs, row, XB_DRV_FROM, &f, _f(b, XB_FMT_RATE, 0),
                   b->r->series[s].start_rate);
        xs_release(&f);
    } else {
        xb_num(b, b->inputs, row, XB_DRV_FROM, d->rate, in);
    }
    xb_num(b, b->inputs, row, XB_DRV_TO, d->terminal, in);
    xb_num(b, b->inputs, row, XB_DRV_OVER, d->over, _f(b, "0", XB_INPUT | XB_CENTER));
    _define(b, s, "from", row, XB_DRV_FROM, XB_DRV_FROM);
    _define(b, s, "to", row, XB_DRV_TO, XB_DRV_TO);
    _define(b, s, "over", row, XB_DRV_OVER, XB_DRV_OVER);
}

/* A monthly or quarterly model: how the rates here become the rate of
 * each period on Projection. */
static void _per_note(const xlsx_book *b, const cx_driver *d, xb_str *how)
{
    int from = d->per ? d->per : 12, to = cx_period_months(&b->m->cal);
    if (!xb_sub(b) || !cx_method_chained(d->method))
        return;
    const char *unit = from == 12 ? "year" : from == 3 ? "quarter" : "month";
    if (from == to)
        xs_printf(how, "; rates per %s, applied as they are each %s", unit, xb_per_word(b));
    else
        xs_printf(how, "; rates per %s (years counted from the first projected %s), "
                  "applied each %s as (1+rate)^(%d/%d)-1", unit, xb_per_word(b),
                  xb_per_word(b), to, from);
}

static const char *_driver_note(const cx_driver *d)
{
    switch (d->method) {
    case CX_D_GROWTH: return "grows at Rate every projected year";
    case CX_D_RATES: return "one rate per projected year; the last one holds after the list";
    case CX_D_CAGR: return "grows at the Window CAGR every projected year";
    case CX_D_FADE: return d->from_cagr
        ? "fades linearly from the Window CAGR to To over Over years"
        : "fades linearly from From to To over Over years";
    case CX_D_STAGES: return d->from_cagr
        ? "grows at the Window CAGR for high_years, fades linearly to `to` over "
          "fade_years, then holds `to` (parameters below)"
        : "grows at `high` for high_years, fades linearly to `to` over fade_years, "
          "then holds `to` (parameters below)";
    case CX_D_TREND:
        switch (d->fit) {
        case CX_FIT_LINEAR: return "the least-squares line through the stated values "
            "in the window (=TREND), evaluated in each projected year";
        case CX_FIT_EXPONENTIAL: return "the least-squares exponential through the stated "
            "values in the window (=GROWTH), evaluated in each projected year";
        default: return "the logistic S-curve L/(1+EXP(-k*(year-t0))) fitted to the stated "
            "values in the window (parameters below)";
        }
    case CX_D_SHARE:
    case CX_D_INTENSITY: return d->share_series != CX_NO_INDEX
        ? "each projected year is the share series' value times the series in 'of'"
        : "each projected year is `share` times the series in 'of'";
    default: return "";
    }
}

/* "Rate overridden in 2028, 2029 (the blue rate cells on Projection)." */
static void _overrides_note(const cx_driver *d, xb_str *how)
{
    if (!d->nrate_overrides)
        return;
    xs_printf(how, "\nRate overridden in ");
    for (size_t i = 0; i < d->nrate_overrides; i++)
        xs_printf(how, "%s%d", i ? ", " : "", d->rate_overrides[i].year);
    xs_printf(how, " (blue input cells in the growth rate row on Projection)");
}

static void _driver_row(xlsx_book *b, int row, size_t s)
{
    const cx_driver *d = &b->r->drivers[s];
    lxw_format *in = _f(b, XB_FMT_RATE, XB_INPUT);
    b->drv_row[s] = row;
    b->drv_name[s] = _driver_name(b, s);
    xb_text(b, b->inputs, row, XB_DRV_SERIES, b->m->series[s].name, _f(b, NULL, 0));
    xb_text(b, b->inputs, row, XB_DRV_METHOD, cx_method_name(d->method), _f(b, NULL, 0));
    double height = 0;
    xb_str how;
    xs_init(&how);
    xs_printf(&how, "%s", _driver_note(d));
    _per_note(b, d, &how);
    _overrides_note(d, &how);
    if (d->source)
        xs_printf(&how, "\nSource: %s", d->source);
    _wrapped(b, row, XB_DRV_NOTE, xs_get(&how), XB_NOTE, &height);
    xs_release(&how);
    xb_row_height(b, b->inputs, row, height);
    switch (d->method) {
    case CX_D_GROWTH:
        xb_num(b, b->inputs, row, XB_DRV_RATE, d->rate, in);
        _define(b, s, "rate", row, XB_DRV_RATE, XB_DRV_RATE);
        break;
    case CX_D_RATES:
        for (size_t i = 0; i < d->nrates; i++)
            xb_num(b, b->inputs, row, XB_DRV_RATES + (int)i, d->rates[i], in);
        if (d->nrates)
            _define(b, s, "rates", row, XB_DRV_RATES, XB_DRV_RATES + (int)d->nrates - 1);
        break;
    case CX_D_CAGR:
        _window_cagr(b, row, s);
        break;
    case CX_D_FADE:
        _fade(b, row, s, d);
        break;
    case CX_D_STAGES:
        if (d->from_cagr)
            _window_cagr(b, row, s);
        break;
    case CX_D_TREND: {
        lxw_format *yf = _f(b, XB_FMT_YEAR, XB_CENTER);
        int a, z;
        if (xb_sub(b)) {        /* the first and last fitted periods */
            xb_trend_window(b, s, &a, &z);
            if (a >= 0) {
                xb_period_cell(b, b->inputs, row, XB_DRV_WFROM, b->m->first_year + a,
                               XB_CENTER | XB_TOP);
                xb_period_cell(b, b->inputs, row, XB_DRV_WTO, b->m->first_year + z,
                               XB_CENTER | XB_TOP);
            }
        } else {
            xb_num(b, b->inputs, row, XB_DRV_WFROM, b->r->series[s].fit.from, yf);
            xb_num(b, b->inputs, row, XB_DRV_WTO, b->r->series[s].fit.to, yf);
        }
        break;
    }
    default:
        break;
    }
}

/* ---- driver parameters: stages, trend fits, shares -------------------- */

enum { _PAR_SERIES, _PAR_NAME, _PAR_VALUE, _PAR_NOTE = XB_FIG_SOURCE };

/* One parameter row; the value cell is named drv_<series>_<param> when
 * param is not NULL. Returns the next row. */
static int _param(xlsx_book *b, int row, size_t s, const char *label,
                  const char *param, const char *note)
{
    xb_text(b, b->inputs, row, _PAR_SERIES, b->m->series[s].name, _f(b, NULL, 0));
    xb_text(b, b->inputs, row, _PAR_NAME, label, _f(b, NULL, 0));
    if (note) {
        double height = 0;
        _wrapped(b, row, _PAR_NOTE, note, XB_NOTE, &height);
        xb_row_height(b, b->inputs, row, height);
    }
    if (param)
        _define(b, s, param, row, _PAR_VALUE, _PAR_VALUE);
    return row + 1;
}

static int _param_num(xlsx_book *b, int row, size_t s, const char *label,
                      const char *param, double v, lxw_format *f, const char *note)
{
    if (xb_finite(v))
        xb_num(b, b->inputs, row, _PAR_VALUE, v, f);
    else
        xb_text(b, b->inputs, row, _PAR_VALUE, "n/a", _f(b, NULL, XB_CENTER));
    return _param(b, row, s, label, param, note);
}

static int _param_text(xlsx_book *b, int row, size_t s, const char *label,
                       const char *text, const char *note)
{
    xb_text(b, b->inputs, row, _PAR_VALUE, text, _f(b, NULL, 0));
    return _param(b, row, s, label, NULL, note);
}

static int _stages_params(xlsx_book *b, int row, size_t s, const cx_driver *d)
{
    lxw_format *in = _f(b, XB_FMT_RATE, XB_INPUT);
    lxw_format *years = _f(b, "0", XB_INPUT | XB_CENTER);
    if (d->from_cagr) {
        xb_str f;
        xs_init(&f);
        xs_printf(&f, "=");
        xs_ref(&f, NULL, b->drv_row[s], XB_DRV_WCAGR, XB_ABS);
        xb_formula(b, b->inputs, row, _PAR_VALUE, &f, _f(b, XB_FMT_RATE, 0),
                   b->r->series[s].start_rate);
        xs_release(&f);
        row = _param(b, row, s, "high (the Window CAGR)", "high", NULL);
    } else {
        row = _param_num(b, row, s, "high", "high", d->rate, in, NULL);
    }
    row = _param_num(b, row, s, "high_years", "high_years", d->high_years, years,
                     "projected years at the high rate");
    row = _param_num(b, row, s, "to", "to", d->terminal, in, "terminal rate");
    return _param_num(b, row, s, "fade_years", "fade_years", d->fade_years, years,
                      "years of linear fade from high to `to` (0: straight to `to`)");
}

static int _trend_params(xlsx_book *b, int row, size_t s, const cx_driver *d)
{
    const cx_fit *fit = &b->r->series[s].fit;
    static const char gsl[] = "fitted by least squares (GSL), not a formula";
    lxw_format *plain = _f(b, XB_FMT_PLAIN, 0), *nf = _f(b, xb_series_numfmt(b, s), 0);
    row = _param_text(b, row, s, "fit", cx_fit_kind_name(fit->kind), NULL);
    row = _param_num(b, row, s, "stated values fitted", NULL, (double)fit->n,
                     _f(b, "0", XB_CENTER), NULL);
    if (fit->kind == CX_FIT_LOGISTIC) {
        if (d->has_saturation)
            row = _param_num(b, row, s, "L (saturation)", "L", fit->saturation,
                             _exact(b, xb_series_numfmt(b, s), XB_INPUT), "given");
        else
            row = _param_num(b, row, s, "L (saturation)", "L", fit->saturation, nf, gsl);
        row = _param_num(b, row, s, "k (steepness)", "k", fit->k, plain, gsl);
        row = _param_num(b, row, s, "t0 (midpoint year)", "t0", fit->t0,
                         _f(b, "0.000", 0), gsl);
    }
    row = _param_num(b, row, s, "R\xC2\xB2", NULL, fit->r2, _f(b, "0.0000", 0),
                     "1 - SS_res/SS_tot on the stated values (GSL), not a formula; "
                     "n/a when they are all equal");
    return _param_num(b, row, s, "RMSE", NULL, fit->rmse, nf,
                      "root mean squared residual, stated - fitted (GSL), not a formula");
}

static int _share_params(xlsx_book *b, int row, size_t s, const cx_driver *d)
{
    row = _param_text(b, row, s, "of", b->m->series[d->of].name,
                      "the series taken a share of (its row on Projection)");
    if (d->share_series != CX_NO_INDEX)
        return _param_text(b, row, s, "share_series", b->m->series[d->share_series].name,
                           "the share of each year: that series' row on Projection");
    return _param_num(b, row, s, "share", "share", d->share, _f(b, XB_FMT_RATIO, XB_INPUT),
                      NULL);
}

static int _has_params(cx_method m)
{
    return m == CX_D_STAGES || m == CX_D_TREND || m == CX_D_SHARE || m == CX_D_INTENSITY;
}

/* A long table of what the drivers table has no columns for. */
static int _params(xlsx_book *b, int row)
{
    static const char *const head[] = {"Series", "Parameter", "Value", "", "", "", "",
        "", "", "How"};
    int any = 0;
    for (size_t s = 0; s < b->m->nseries; s++)
        any |= _has_params(b->r->drivers[s].method) && !xb_switch_series(b, s);
    if (!any)
        return row;
    _section(b, ++row, "Driver parameters (stages, trend fits, shares)");
    _header(b, ++row, head, sizeof head / sizeof head[0]);
    row++;
    for (size_t s = 0; s < b->m->nseries; s++) {
        const cx_driver *d = &b->r->drivers[s];
        if (xb_switch_series(b, s))
            continue;
        if (d->method == CX_D_STAGES)
            row = _stages_params(b, row, s, d);
        else if (d->method == CX_D_TREND)
            row = _trend_params(b, row, s, d);
        else if (d->method == CX_D_SHARE || d->method == CX_D_INTENSITY)
            row = _share_params(b, row, s, d);
    }
    return row;
}

static int _drivers(xlsx_book *b, int row)
{
    static const char *const head[] = {"Series", "Method", "Rate", "From", "To",
        "Over (years)", "Window from", "Window to", "Window CAGR", "How (and source)"};
    xb_str t;
    xs_init(&t);
    if (b->sw_on)
        xs_printf(&t, "Drivers (the same in every scenario)");
    else
        xs_printf(&t, "Drivers (scenario: %s)", b->r->scenario ? b->r->scenario : "base");
    _section(b, row++, xs_get(&t));
    xs_release(&t);
    size_t maxrates = 0;
    for (size_t s = 0; s < b->m->nseries; s++)
        if (b->r->drivers[s].method == CX_D_RATES && b->r->drivers[s].nrates > maxrates)
            maxrates = b->r->drivers[s].nrates;
    double height = _header(b, row, head, sizeof head / sizeof head[0]);
    for (size_t i = 0; i < maxrates; i++) {
        xb_str h;
        xs_init(&h);
        xs_printf(&h, "Rate, year %zu", i + 1);
        xb_text(b, b->inputs, row, XB_DRV_RATES + (int)i, xs_get(&h),
                xb_fmt(b, NULL, XB_HEADER | XB_WRAP));
        double hi = xb_text_height(xs_get(&h), 12, 12);
        height = hi > height ? hi : height;
        xs_release(&h);
    }
    xb_row_height(b, b->inputs, row, height);
    if (maxrates)
        xb_check(b, worksheet_set_column(b->inputs, XB_DRV_RATES,
                 (lxw_col_t)(XB_DRV_RATES + maxrates - 1), 12, NULL));
    int first = ++row;
    int switched = 0;
    for (size_t s = 0; s < b->m->nseries; s++) {
        switched |= xb_switch_series(b, s);
        if (b->r->drivers[s].method != CX_D_NONE && !xb_switch_series(b, s))
            _driver_row(b, row++, s);
    }
    if (switched)
        xb_text(b, b->inputs, row++, 0, "Drivers that differ by scenario: in the "
                "block by scenario below.", xb_fmt(b, NULL, XB_NOTE));
    else if (row == first)
        xb_text(b, b->inputs, row++, 0, "(no drivers: nothing is projected)", xb_fmt(b, NULL, XB_NOTE));
    return _params(b, row);
}

static int _constants(xlsx_book *b, int row)
{
    static const char *const head[] = {"Constant", "Label", "As written", "Value",
        "Unit", "", "", "", "", "Source"};
    if (!b->m->nconstants)
        return row;
    _section(b, row++, "Constants");
    _header(b, row++, head, sizeof head / sizeof head[0]);
    lxw_format *plain = _f(b, NULL, 0);
    for (size_t i = 0; i < b->m->nconstants; i++, row++) {
        const cx_constant *c = &b->m->constants[i];
        b->con_row[i] = row;
        xb_str u;
        xs_init(&u);
        xb_unit_label(b, c->unit, c->unit_text, &u);
        xb_text(b, b->inputs, row, XB_CON_NAME, c->name, plain);
        double height = 0;
        _wrapped(b, row, XB_CON_LABEL, c->label, 0, &height);
        xb_text(b, b->inputs, row, XB_CON_TEXT, c->value.text, plain);
        xb_num(b, b->inputs, row, XB_CON_VALUE, c->value.base,
               _exact(b, xb_unit_numfmt(b, c->unit), XB_INPUT));
        xb_text(b, b->inputs, row, XB_CON_UNIT, xs_get(&u), _f(b, NULL, XB_CENTER));
        _wrapped(b, row, XB_CON_SOURCE, c->source, 0, &height);
        xb_row_height(b, b->inputs, row, height);
        xs_release(&u);
    }
    return row + 1;
}

static int _commitments(xlsx_book *b, int row)
{
    static const char *const head[] = {"Commitment", "Total", "Start", "Years",
        "Note", "", "", "", "", "Source"};
    if (!b->m->ncommitments)
        return row;
    _section(b, row++, "Commitments");
    _header(b, row, head, sizeof head / sizeof head[0]);
    xb_merged_text(b, b->inputs, row++, XB_CMT_NOTE, XB_CMT_NOTE_END, "Note",
                   xb_fmt(b, NULL, XB_HEADER | XB_WRAP));
    lxw_format *money = _exact(b, b->money_numfmt, XB_INPUT);
    lxw_format *year = _f(b, XB_FMT_YEAR, XB_CENTER);
    lxw_format *wrap = _f(b, NULL, XB_WRAP);
    /* The row's height comes from the longer of the note and the source. */
    double note_width = 0;
    for (int c = XB_CMT_NOTE; c <= XB_CMT_NOTE_END; c++)
        note_width += _width(c);
    for (size_t i = 0; i < b->m->ncommitments; i++, row++) {
        const cx_commitment *c = &b->m->commitments[i];
        b->cmt_row[i] = row;
        xb_text(b, b->inputs, row, XB_CMT_NAME, c->name, _f(b, NULL, 0));
        if (c->total.kind != CX_V_MISSING)
            xb_num(b, b->inputs, row, XB_CMT_TOTAL, c->total.base, money);
        if (c->start)
            xb_num(b, b->inputs, row, XB_CMT_START, c->start, year);
        if (c->years)
            xb_num(b, b->inputs, row, XB_CMT_YEARS, c->years,
                   _f(b, "0", XB_INPUT | XB_CENTER));
        xb_merged_text(b, b->inputs, row, XB_CMT_NOTE, XB_CMT_NOTE_END, c->note, wrap);
        double height = xb_text_height(c->note, note_width, 11);
        _wrapped(b, row, XB_CMT_SOURCE, c->source, 0, &height);
        xb_row_height(b, b->inputs, row, height);
    }
    return row + 1;
}

/* ---- depreciation rules ------------------------------------------------ */

static void _dep_list(xlsx_book *b, int row, const char *const *words)
{
    lxw_data_validation v = {.validate = LXW_VALIDATION_TYPE_LIST,
                             .value_list = (char **)words};
    xb_check(b, worksheet_data_validation_cell(b->inputs, (lxw_row_t)row,
                                               XB_DEPIN_VALUE, &v));
}

static int _dep_row(xlsx_book *b, int row, size_t d, const char *param, const char *how)
{
    xb_text(b, b->inputs, row, 0, b->m->depreciations[d].name, _f(b, NULL, 0));
    xb_text(b, b->inputs, row, 1, param, _f(b, NULL, 0));
    double height = 0;
    _wrapped(b, row, XB_FIG_SOURCE, how, XB_NOTE, &height);
    xb_row_height(b, b->inputs, row, height);
    return row + 1;
}

/* A rule cell: the input, or (switched entry) the selected scenario's. */
static void _dep_value(xlsx_book *b, int row, size_t d, int which, double v,
                       const char *text, const char *nf, const char *const *list)
{
    lxw_format *in = _f(b, nf, XB_INPUT);
    if (xb_switch_dep(b, d)) {
        xb_str f;
        xs_init(&f);
        xb_switch_dep_pick(b, d, which, &f);
        lxw_format *out = _f(b, nf, 0);
        if (text)
            xb_formula_text(b, b->inputs, row, XB_DEPIN_VALUE, &f, out, text);
        else
            xb_formula(b, b->inputs, row, XB_DEPIN_VALUE, &f, out, v);
        xs_release(&f);
        return;
    }
    if (text)
        xb_text(b, b->inputs, row, XB_DEPIN_VALUE, text, in);
    else
        xb_num(b, b->inputs, row, XB_DEPIN_VALUE, v, in);
    if (list)
        _dep_list(b, row, list);
}

static int _dep_rule_rows(xlsx_book *b, int row, size_t d)
{
    static const char *const methods[] = {"straight_line", "declining_balance",
                                          "sum_of_years", NULL};
    static const char *const conventions[] = {"full_year", "half_year", "next_year", NULL};
    const cx_dep_rule *r = &b->r->deps[d].rule;
    b->dep_in_row[d] = row;
    _dep_value(b, row, d, XB_DEPIN_LIFE, r->life, NULL, "0.0#", NULL);
    row = _dep_row(b, row, d, "life (years)", "useful life; a fraction is allowed");
    _dep_value(b, row, d, XB_DEPIN_METHOD, 0, cx_dep_method_name(r->method), NULL, methods);
    row = _dep_row(b, row, d, "method", "straight_line, declining_balance or sum_of_years");
    _dep_value(b, row, d, XB_DEPIN_CONVENTION, 0, cx_dep_convention_name(r->convention),
               NULL, conventions);
    row = _dep_row(b, row, d, "convention", "full_year (from the year of purchase), "
                   "half_year (half a year first and last) or next_year");
    _dep_value(b, row, d, XB_DEPIN_SALVAGE, r->salvage, NULL, XB_FMT_RATIO, NULL);
    row = _dep_row(b, row, d, "salvage", "share of cost left at the end of the life");
    _dep_value(b, row, d, XB_DEPIN_RATE,
               isfinite(r->db_factor) && r->db_factor > 0 ? r->db_factor : 2, NULL, XB_FMT_RATIO,
               NULL);
    return _dep_row(b, row, d, "rate", "declining balance: rate / life a year on the book "
                    "value (200% = double declining), straight line when larger");
}

static int _dep_opening_rows(xlsx_book *b, int row, size_t d)
{
    const cx_dep_rule *r = &b->r->deps[d].rule;
    lxw_format *money = _exact(b, b->money_numfmt, XB_INPUT);
    if (!r->has_opening)
        return row;
    xb_num(b, b->inputs, row, XB_DEPIN_VALUE, r->opening_gross, money);
    row = _dep_row(b, row, d, "opening gross PP&E", "on the books at the start");
    xb_num(b, b->inputs, row, XB_DEPIN_VALUE, r->opening_net, money);
    row = _dep_row(b, row, d, "opening net PP&E", "straight line over the remaining life");
    xb_num(b, b->inputs, row, XB_DEPIN_VALUE, r->opening_life, _f(b, "0.0#", XB_INPUT));
    return _dep_row(b, row, d, "remaining life (years)", "of the opening net PP&E");
}

static int _dep_entry(xlsx_book *b, int row, size_t d)
{
    row = _dep_opening_rows(b, _dep_rule_rows(b, row, d), d);
    double share = b->m->depreciations[d].share_of_capex;
    b->dep_rows[d].in_share = isfinite(share) ? row : -1;
    if (!isfinite(share))
        return row;
    xb_num(b, b->inputs, row, XB_DEPIN_VALUE, share, _f(b, XB_FMT_RATIO, XB_INPUT));
    return _dep_row(b, row, d, "share_of_capex", "the Summary gives the first year D&A "
                    "reaches this share of capex");
}

static int _depreciation(xlsx_book *b, int row)
{
    static const char *const head[] = {"Depreciation", "Parameter", "Value", "", "", "",
        "", "", "", "How"};
    if (!b->m->ndepreciations)
        return row;
    xb_str t;
    xs_init(&t);
    if (b->sw_on)
        xs_printf(&t, "Depreciation rules (a rule that differs by scenario: the "
                  "selected one, from the block by scenario)");
    else
        xs_printf(&t, "Depreciation rules (scenario: %s)", b->r->scenario ? b->r->scenario : "base");
    _section(b, row++, xs_get(&t));
    xs_release(&t);
    _header(b, row++, head, sizeof head / sizeof head[0]);
    for (size_t d = 0; d < b->m->ndepreciations; d++)
        row = _dep_entry(b, row, d);
    return row + 1;
}

void xb_write_inputs(xlsx_book *b)
{
    lxw_worksheet *ws = b->inputs;
    for (int c = 0; c <= XB_FIG_SOURCE; c++)
        xb_check(b, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, _width(c), NULL));
    xb_text(b, ws, 0, 0, "Inputs", xb_fmt(b, NULL, XB_TITLE));
    xb_text(b, ws, 0, 2, b->m->title, xb_fmt(b, NULL, XB_SECTION));
    xb_text(b, ws, 1, 0, "Blue cells on yellow are inputs; every other figure "
            "in the workbook is a formula that follows them.", xb_fmt(b, NULL, XB_NOTE));
    int row = _figures(b, FIG_HEADER);
    row = _drivers(b, row + 1);
    row = xb_write_switch(b, row + 1);
    row = _constants(b, row + 1);
    row = _commitments(b, row);
    _depreciation(b, row);
    worksheet_freeze_panes(ws, FIG_HEADER + 1, 0);
    xb_page_setup(b, ws, "Inputs");
}
