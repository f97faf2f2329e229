/*
 * xlsx_formats.c - cell formats, created once per (number format, style)
 * pair, and the number formats of the model's units.
 */
#include <stdlib.h>
#include <string.h>

#include "xlsx_book.h"

#define COLOR_INPUT_FONT 0x0000FF
#define COLOR_INPUT_FILL 0xFFF2CC
#define COLOR_PROJ_FILL  0xDDEBF7
#define COLOR_HEADER     0xD9D9D9
#define COLOR_GREY       0x7F7F7F

/* Currency symbol as a format literal; NULL when the code itself is used. */
static const char *_currency_symbol(const char *code)
{
    static const struct { const char *code, *sym; } map[] = {
        {"USD", "$"}, {"EUR", "\xE2\x82\xAC"}, {"KRW", "\xE2\x82\xA9"},
        {"GBP", "\xC2\xA3"}, {"JPY", "\xC2\xA5"}, {"CNY", "\xC2\xA5"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (code && !strcmp(code, map[i].code))
            return map[i].sym;
    return NULL;
}

/* Append text as a quoted number-format literal; quotes and backslashes
 * cannot be quoted, so they are dropped. Cut at max bytes (whole chars). */
static void _literal(xb_str *f, const char *text, size_t max)
{
    xs_printf(f, "\"");
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\' || c < 0x20)
            continue;
        if (n >= max && (c & 0xC0) != 0x80)
            break;
        xs_printf(f, "%c", *p);
        n++;
    }
    xs_printf(f, "\"");
}

static char *_money_numfmt(const cx_model *m)
{
    xb_str f;
    xs_init(&f);
    const char *code = m->currency ? m->currency : "";
    const char *sym = _currency_symbol(code);
    if (sym) {
        _literal(&f, sym, 8);
    } else if (*code) {
        xb_str t;
        xs_init(&t);
        xs_printf(&t, "%s ", code);
        _literal(&f, xs_get(&t), 8);
        xs_release(&t);
    }
    /* a month's or a quarter's figures are a twelfth or a quarter of a
     * year's: two decimals, so that 0.25 does not show as 0.3 */
    xs_printf(&f, m->cal.per_year > 1 ? "#,##0.00" : "#,##0.0");
    const char *suffix = cx_scale_suffix(m->scale);
    if (suffix && *suffix)
        _literal(&f, suffix, 4);
    if (f.failed) {
        xs_release(&f);
        return NULL;
    }
    return f.s;
}

/* "#,##0.0\" GW\"" for a series counted in GW. */
static char *_other_numfmt(const char *unit_text)
{
    xb_str f;
    xs_init(&f);
    xs_printf(&f, "#,##0.0");
    if (unit_text && *unit_text) {
        xb_str t;
        xs_init(&t);
        xs_printf(&t, " %s", unit_text);
        _literal(&f, xs_get(&t), 24);
        xs_release(&t);
    }
    if (f.failed) {
        xs_release(&f);
        return NULL;
    }
    return f.s;
}

int xb_formats_init(xlsx_book *b)
{
    b->money_numfmt = _money_numfmt(b->m);
    if (!b->money_numfmt)
        return -1;
    b->snumfmt = calloc(b->m->nseries ? b->m->nseries : 1, sizeof *b->snumfmt);
    if (!b->snumfmt)
        return -1;
    for (size_t s = 0; s < b->m->nseries; s++) {
        const cx_series *x = &b->m->series[s];
        if (x->unit == CX_U_OTHER && !(b->snumfmt[s] = _other_numfmt(x->unit_text)))
            return -1;
    }
    return 0;
}

const char *xb_series_numfmt(const xlsx_book *b, size_t s)
{
    const cx_series *x = &b->m->series[s];
    if (x->unit == CX_U_OTHER && b->snumfmt && b->snumfmt[s])
        return b->snumfmt[s];
    return xb_unit_numfmt(b, x->unit);
}

void xb_formats_release(xlsx_book *b)
{
    for (size_t i = 0; i < b->nfmts; i++)
        free(b->fmts[i].numfmt);
    free(b->fmts);
    b->fmts = NULL;
    b->nfmts = b->capfmts = 0;
    free(b->money_numfmt);
    b->money_numfmt = NULL;
    if (b->snumfmt)
        for (size_t s = 0; s < b->m->nseries; s++)
            free(b->snumfmt[s]);
    free(b->snumfmt);
    b->snumfmt = NULL;
}

static void _apply_flags(lxw_format *f, unsigned flags)
{
    if (flags & (XB_BOLD | XB_HEADER | XB_TITLE | XB_SECTION | XB_DERIVED))
        format_set_bold(f);
    if (flags & (XB_ITALIC | XB_NOTE))
        format_set_italic(f);
    if (flags & (XB_GREY | XB_NOTE))
        format_set_font_color(f, COLOR_GREY);
    if (flags & XB_INPUT) {
        format_set_font_color(f, COLOR_INPUT_FONT);
        format_set_bg_color(f, COLOR_INPUT_FILL);
    }
    if (flags & XB_PROJ)
        format_set_bg_color(f, COLOR_PROJ_FILL);
    if (flags & XB_HEADER) {
        format_set_bottom(f, LXW_BORDER_THIN);
        format_set_bg_color(f, COLOR_HEADER);
    }
    if (flags & XB_TITLE)
        format_set_font_size(f, 16);
    if (flags & XB_SECTION)
        format_set_font_size(f, 12);
    if (flags & XB_NOTE)
        format_set_font_size(f, 9);
    if (flags & XB_WRAP) {
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    if (flags & XB_WARN) {
        format_set_bg_color(f, 0xFFC7CE);
        format_set_font_color(f, 0x9C0006);
    }
    if (flags & XB_PASS) {
        format_set_bg_color(f, 0xC6EFCE);
        format_set_font_color(f, 0x006100);
    }
    if (flags & XB_CENTER)
        format_set_align(f, LXW_ALIGN_CENTER);
    if (flags & XB_TOP)
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (flags & XB_RIGHT)
        format_set_align(f, LXW_ALIGN_RIGHT);
}

lxw_format *xb_fmt(xlsx_book *b, const char *numfmt, unsigned flags)
{
    for (size_t i = 0; i < b->nfmts; i++) {
        const xb_format *x = &b->fmts[i];
        if (x->flags == flags && (x->numfmt == numfmt ||
            (x->numfmt && numfmt && !strcmp(x->numfmt, numfmt))))
            return x->format;
    }
    if (b->nfmts == b->capfmts) {
        size_t cap = b->capfmts ? b->capfmts * 2 : 32;
        xb_format *p = realloc(b->fmts, cap * sizeof *p);
        if (!p) {
            b->nomem = 1;
            return NULL;
        }
        b->fmts = p;
        b->capfmts = cap;
    }
    char *copy = NULL;
    if (numfmt && !(copy = strdup(numfmt))) {
        b->nomem = 1;
        return NULL;
    }
    lxw_format *f = workbook_add_format(b->wb);
    if (!f) {
        free(copy);
        b->nomem = 1;
        return NULL;
    }
    if (numfmt)
        format_set_num_format(f, numfmt);
    _apply_flags(f, flags);
    b->fmts[b->nfmts++] = (xb_format){copy, flags, f};
    return f;
}

const char *xb_unit_numfmt(const xlsx_book *b, cx_unit unit)
{
    switch (unit) {
    case CX_U_MONEY: return b->money_numfmt;
    case CX_U_RATIO: return XB_FMT_RATIO;
    case CX_U_MULTIPLE: return XB_FMT_MULT;
    default: return XB_FMT_PLAIN;
    }
}

void xb_unit_label(const xlsx_book *b, cx_unit unit, const char *unit_text,
                   xb_str *out)
{
    switch (unit) {
    case CX_U_MONEY: {
        const char *code = b->m->currency && *b->m->currency ? b->m->currency : "";
        const char *sfx = cx_scale_suffix(b->m->scale);
        xs_printf(out, "%s%s%s", code, *code && sfx && *sfx ? " " : "", sfx ? sfx : "");
        break;
    }
    case CX_U_RATIO: xs_printf(out, "%%"); break;
    case CX_U_MULTIPLE: xs_printf(out, "x"); break;
    default: xs_printf(out, "%s", unit_text ? unit_text : ""); break;
    }
}
