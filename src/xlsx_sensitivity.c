/*
 * xlsx_sensitivity.c - the Sensitivity sheet: the output at the base, the
 * tornado (each driver at its low and high, largest swing first) with a
 * horizontal bar chart of the changes from the base, and the two-way grid
 * with a three-colour scale (docs/workbook.md). Every output figure is a
 * value (each is a separate run of the model); the swings and changes
 * from the base are formulas.
 */
#include <math.h>
#include <stdio.h>

#include "sensitivity.h"
#include "xlsx_book.h"

/* Rows (0-based). */
enum { _TITLE = 0, _NOTE1, _NOTE2, _OUTPUT = 4, _BASE, _TORNADO = 7, _THEAD };
/* Tornado columns. */
enum { _DRV = 0, _LOW, _HIGH, _AT_LOW, _AT_HIGH, _SWING, _LOW_D, _HIGH_D };
#define VCOL 1
#define FMT_FRAC "0.00"
#define FMT_MOVE "+0%;-0%;0%"
#define FMT_MOVE1 "+0.0%;-0.0%;0.0%"

static const cx_sensitivity *_sens(const xlsx_book *b)
{
    return b->x->sensitivity;
}

static const char *_numfmt(xlsx_book *b)
{
    const cx_sensitivity_spec *sp = _sens(b)->spec;
    if (sp->output == CX_SO_BREAK_EVEN)
        return FMT_FRAC;
    if (sp->output == CX_SO_VALUE)
        return xb_series_numfmt(b, sp->series);
    return b->money_numfmt;
}

/* A value, or "n/a" (not within the horizon, no value). */
static void _value(xlsx_book *b, int row, int col, double v, lxw_format *f)
{
    if (isfinite(v))
        xb_num(b, b->sens, row, col, v, f);
    else
        xb_text(b, b->sens, row, col, "n/a", xb_fmt(b, NULL, XB_NOTE | XB_CENTER));
}

static void _head(xlsx_book *b)
{
    const cx_sensitivity *s = _sens(b);
    lxw_worksheet *ws = b->sens;
    char label[200];
    cx_sensitivity_label(s, b->m, label, sizeof label);
    xb_str t;
    xs_init(&t);
    xs_printf(&t, "Sensitivity: %s", label);
    xb_text(b, ws, _TITLE, 0, xs_get(&t), xb_fmt(b, NULL, XB_TITLE));
    xs_release(&t);
    xb_text(b, ws, _NOTE1, 0, "Every output figure is a value: each comes from a separate "
            "run of the model with the driver(s) moved, not from this workbook's formulas. "
            "The swings and the changes from base are formulas. The scenario selector on "
            "Inputs does not move the values.", xb_fmt(b, NULL, XB_NOTE));
    xb_text(b, ws, _NOTE2, 0, "A move of x multiplies every growth rate of the driver "
            "(growth rate, each listed rate, fade from and to, stages high and to, rate "
            "overrides; a share) by 1 + x; a driver given low and high has its main rate "
            "set to them.", xb_fmt(b, NULL, XB_NOTE));
    xb_text(b, ws, _OUTPUT, 0, "Output", xb_fmt(b, NULL, XB_BOLD));
    xb_text(b, ws, _OUTPUT, VCOL, label, NULL);
    xb_text(b, ws, _BASE, 0, "At the base", xb_fmt(b, NULL, XB_BOLD));
    _value(b, _BASE, VCOL, s->base, xb_fmt(b, _numfmt(b), XB_BOLD));
}

/* =IF(AND(ISNUMBER(a),ISNUMBER(c)),expr,"") where expr is built by the caller. */
static void _guarded(xb_str *f, int row, int ca, int rb, int cb, unsigned absb)
{
    xs_printf(f, "=IF(AND(ISNUMBER(");
    xs_ref(f, NULL, row, ca, 0);
    xs_printf(f, "),ISNUMBER(");
    xs_ref(f, NULL, rb, cb, absb);
    xs_printf(f, ")),");
}

/* "+20%" when x is a whole percent, else "+12.5%". */
static const char *_move_fmt(double x)
{
    double p = x * 100;
    return fabs(p - round(p)) < 1e-9 ? FMT_MOVE : FMT_MOVE1;
}

static void _setting(xlsx_book *b, int row, int col, const cx_sens_driver *d, double x)
{
    int life = !strcmp(cx_sens_setting(b->m, d), "life");
    xb_num(b, b->sens, row, col, x, xb_fmt(b, life ? "0.0#\" years\"" : d->absolute
                                           ? XB_FMT_RATIO : _move_fmt(x), XB_CENTER));
}

static void _bar(xlsx_book *b, int row, const cx_tornado_bar *bar, xb_str *f)
{
    lxw_worksheet *ws = b->sens;
    const cx_sens_driver *d = &_sens(b)->spec->tornado[bar->driver];
    lxw_format *fmt = xb_fmt(b, _numfmt(b), 0);
    xb_text(b, ws, row, _DRV, b->m->series[bar->series].name, NULL);
    _setting(b, row, _LOW, d, d->low);
    _setting(b, row, _HIGH, d, d->high);
    _value(b, row, _AT_LOW, bar->at_low, fmt);
    _value(b, row, _AT_HIGH, bar->at_high, fmt);
    xs_clear(f);
    _guarded(f, row, _AT_HIGH, row, _AT_LOW, 0);
    xs_printf(f, "ABS(");
    xs_ref(f, NULL, row, _AT_HIGH, 0);
    xs_printf(f, "-");
    xs_ref(f, NULL, row, _AT_LOW, 0);
    xs_printf(f, "),\"\")");
    xb_formula(b, ws, row, _SWING, f, xb_fmt(b, _numfmt(b), XB_BOLD), bar->swing);
    for (int k = 0; k < 2; k++) {
        int c = k ? _AT_HIGH : _AT_LOW;
        xs_clear(f);
        _guarded(f, row, c, _BASE, VCOL, XB_ABS);
        xs_ref(f, NULL, row, c, 0);
        xs_printf(f, "-");
        xs_ref(f, NULL, _BASE, VCOL, XB_ABS);
        xs_printf(f, ",\"\")");
        xb_formula(b, ws, row, k ? _HIGH_D : _LOW_D, f, fmt,
                   k ? bar->high_delta : bar->low_delta);
    }
}

static void _bar_chart(xlsx_book *b, int first, int last, int row, int col)
{
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
    if (!chart) {
        b->nomem = 1;
        return;
    }
    static const lxw_color_t colors[] = {0xC0504D, 0x4F81BD};
    for (int k = 0; k < 2; k++) {
        lxw_chart_series *cs = chart_add_series(chart, NULL, NULL);
        if (!cs) {
            b->nomem = 1;
            return;
        }
        lxw_col_t c = (lxw_col_t)(k ? _HIGH_D : _LOW_D);
        chart_series_set_categories(cs, XB_SENSITIVITY, (lxw_row_t)first, _DRV,
                                    (lxw_row_t)last, _DRV);
        chart_series_set_values(cs, XB_SENSITIVITY, (lxw_row_t)first, c, (lxw_row_t)last, c);
        chart_series_set_name_range(cs, XB_SENSITIVITY, _THEAD, c);
        lxw_chart_fill fill = {.color = colors[k]};
        chart_series_set_fill(cs, &fill);
    }
    chart_set_series_overlap(chart, 100);
    chart_set_series_gap(chart, 60);
    chart_title_set_name(chart, "Tornado: change from base");
    lxw_chart_font font = {.size = 12, .bold = LXW_TRUE};
    chart_title_set_name_font(chart, &font);
    /* In a bar chart y_axis is the (vertical) category axis. */
    chart_axis_set_reverse(chart->y_axis);   /* the largest swing on top */
    chart_axis_set_label_position(chart->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_axis_set_num_format(chart->x_axis, _numfmt(b));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    xb_insert_wide_chart(b, b->sens, row, col, chart);
}

/* The tornado table from _TORNADO; returns the next free row. */
static int _tornado(xlsx_book *b, xb_str *f)
{
    const cx_sensitivity *s = _sens(b);
    lxw_worksheet *ws = b->sens;
    static const char *const head[] = {"Driver", "Low", "High", "Output at low",
        "Output at high", "Swing", "Low \xE2\x88\x92 base", "High \xE2\x88\x92 base"};
    xb_text(b, ws, _TORNADO, 0, "Tornado: one driver moved at a time, largest swing first",
            xb_fmt(b, NULL, XB_SECTION));
    for (int c = 0; c < 8; c++)
        xb_text(b, ws, _THEAD, c, head[c], xb_fmt(b, NULL, XB_HEADER | (c ? XB_CENTER : 0)));
    for (size_t i = 0; i < s->nbars; i++)
        _bar(b, _THEAD + 1 + (int)i, &s->bars[i], f);
    int last = _THEAD + (int)s->nbars;
    _bar_chart(b, _THEAD + 1, last, last + 2, 0);
    return last + 2 + 16;
}

static void _grid_axes(xlsx_book *b, int top)
{
    const cx_sensitivity_spec *sp = _sens(b)->spec;
    lxw_worksheet *ws = b->sens;
    xb_str t;
    xs_init(&t);
    xs_printf(&t, "Across: %s, down: %s (each driver's rates moved by the step)",
              b->m->series[sp->x].name, b->m->series[sp->y].name);
    xb_text(b, ws, top + 1, 0, xs_get(&t), xb_fmt(b, NULL, XB_NOTE));
    xs_release(&t);
    xb_text(b, ws, top + 2, 0, "down \\ across", xb_fmt(b, NULL, XB_HEADER));
    for (size_t j = 0; j < sp->nsteps; j++)
        xb_num(b, ws, top + 2, 1 + (int)j, sp->steps[j],
               xb_fmt(b, _move_fmt(sp->steps[j]), XB_HEADER | XB_CENTER));
    for (size_t i = 0; i < sp->nsteps; i++)
        xb_num(b, ws, top + 3 + (int)i, 0, sp->steps[i],
               xb_fmt(b, _move_fmt(sp->steps[i]), XB_HEADER | XB_CENTER));
}

/* Green for the better end: higher cash figures, earlier break-even. */
static void _scale(xlsx_book *b, int r0, int r1, int c1)
{
    int low_good = _sens(b)->spec->output == CX_SO_BREAK_EVEN;
    lxw_conditional_format cf = {
        .type = LXW_CONDITIONAL_3_COLOR_SCALE,
        .min_color = low_good ? 0x63BE7B : 0xF8696B,
        .mid_color = 0xFFEB84,
        .max_color = low_good ? 0xF8696B : 0x63BE7B,
    };
    xb_check(b, worksheet_conditional_format_range(b->sens, (lxw_row_t)r0, 1,
                                                   (lxw_row_t)r1, (lxw_col_t)c1, &cf));
}

static void _grid(xlsx_book *b, int top)
{
    const cx_sensitivity *s = _sens(b);
    lxw_worksheet *ws = b->sens;
    xb_text(b, ws, top, 0, "Two-way table", xb_fmt(b, NULL, XB_SECTION));
    _grid_axes(b, top);
    lxw_format *fmt = xb_fmt(b, _numfmt(b), 0);
    for (size_t i = 0; i < s->nsteps; i++)
        for (size_t j = 0; j < s->nsteps; j++)
            _value(b, top + 3 + (int)i, 1 + (int)j, s->grid[i * s->nsteps + j], fmt);
    _scale(b, top + 3, top + 2 + (int)s->nsteps, (int)s->nsteps);
}

void xb_write_sensitivity(xlsx_book *b)
{
    const cx_sensitivity *s = _sens(b);
    double w[] = {34, 14, 14, 15, 15, 13, 14, 14};
    xb_widths(b, b->sens, w, 8);
    _head(b);
    xb_str f;
    xs_init(&f);
    int next = _TORNADO;
    if (s->nbars)
        next = _tornado(b, &f);
    if (f.failed)
        b->nomem = 1;
    xs_release(&f);
    if (s->grid)
        _grid(b, next);
    xb_page_setup(b, b->sens, "Sensitivity");
}
