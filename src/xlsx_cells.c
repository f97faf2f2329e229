/*
 * xlsx_cells.c - growing strings for formulas, cell references, cell
 * writers that remember the first failure, page setup.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8width.h"
#include "xlsx_book.h"

#define XB_STR_MAX 32767     /* Excel: characters in a cell (bytes here: safe) */

void xs_init(xb_str *s)
{
    s->s = NULL;
    s->len = s->cap = 0;
    s->failed = 0;
}

void xs_release(xb_str *s)
{
    free(s->s);
    xs_init(s);
}

void xs_clear(xb_str *s)
{
    s->len = 0;
    if (s->s)
        s->s[0] = '\0';
}

static int _reserve(xb_str *s, size_t extra)
{
    if (s->failed)
        return -1;
    if (s->len + extra + 1 <= s->cap)
        return 0;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < s->len + extra + 1)
        cap *= 2;
    char *p = realloc(s->s, cap);
    if (!p) {
        s->failed = 1;
        return -1;
    }
    s->s = p;
    s->cap = cap;
    return 0;
}

/* Append n bytes of text. */
static void _cat(xb_str *s, const char *t, size_t n)
{
    if (_reserve(s, n))
        return;
    memcpy(s->s + s->len, t, n);
    s->len += n;
    s->s[s->len] = '\0';
}

/* Formulas are built of literal pieces ("IF(", "+"), names ("%s"), row
 * and period numbers ("%d") and column letters ("%c"): a format with no
 * other conversion is written here, as vsnprintf would, without it (it
 * cost a fifth of a workbook of derived series, docs/performance.md).
 * Returns 0, having written nothing, for any other format. */
static int _supported(const char *fmt)
{
    for (const char *p = fmt; (p = strchr(p, '%')); p += 2)
        if (p[1] != 's' && p[1] != 'd' && p[1] != 'c' && p[1] != '%')
            return 0;
    return 1;
}

static void _put_int(xb_str *s, int v)
{
    char buf[16], *end = buf + sizeof buf, *p = end;
    long long u = v < 0 ? -(long long)v : v;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    _cat(s, p, (size_t)(end - p));
}

static int _put_plain(xb_str *s, const char *fmt, va_list ap)
{
    if (!_supported(fmt))
        return 0;
    if (!*fmt)
        _cat(s, "", 0);                     /* the string exists, empty */
    for (const char *p = fmt; *p;) {
        const char *pct = strchr(p, '%');
        size_t lit = pct ? (size_t)(pct - p) : strlen(p);
        if (lit)
            _cat(s, p, lit);
        if (!pct)
            break;
        switch (pct[1]) {
        case 's': {
            const char *text = va_arg(ap, const char *);
            if (!text)
                text = "(null)";                 /* as glibc's printf */
            _cat(s, text, strlen(text));
            break;
        }
        case 'd':
            _put_int(s, va_arg(ap, int));
            break;
        case 'c': {
            char c = (char)va_arg(ap, int);
            _cat(s, &c, 1);
            break;
        }
        default:
            _cat(s, "%", 1);
            break;
        }
        p = pct + 2;
    }
    return 1;
}

/* Other formats: once into the room left; only when that is too small,
 * the string grown and formatted again. */
void xs_printf(xb_str *s, const char *fmt, ...)
{
    va_list ap;
    if (s->failed)
        return;
    va_start(ap, fmt);
    int plain = _put_plain(s, fmt, ap);
    va_end(ap);
    if (plain)
        return;
    size_t room = s->cap - s->len;
    va_start(ap, fmt);
    int n = vsnprintf(s->s ? s->s + s->len : NULL, s->s ? room : 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && s->s && (size_t)n < room) {
        s->len += (size_t)n;
        return;
    }
    if (n < 0) {
        s->failed = 1;
        return;
    }
    if (_reserve(s, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(s->s + s->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
}

const char *xs_get(const xb_str *s)
{
    return s->s && !s->failed ? s->s : "";
}

/* Most formula cells write references: built by hand, not by printf (a
 * printf per reference was 6% of a run's instructions). */
void xs_ref(xb_str *s, const char *sheet, int row, int col, unsigned abs)
{
    char ref[LXW_MAX_COL_NAME_LENGTH + 16];
    lxw_col_to_name(ref, (lxw_col_t)col, (abs & XB_ABS_COL) != 0);
    size_t n = strlen(ref);
    if (abs & XB_ABS_ROW)
        ref[n++] = '$';
    char digits[12];
    size_t d = 0;
    for (unsigned v = (unsigned)row + 1; v; v /= 10)
        digits[d++] = (char)('0' + v % 10);
    while (d)
        ref[n++] = digits[--d];
    if (sheet) {
        _cat(s, sheet, strlen(sheet));
        _cat(s, "!", 1);
    }
    _cat(s, ref, n);
}

void xs_range(xb_str *s, const char *sheet, int r1, int c1, int r2, int c2,
              unsigned abs)
{
    xs_ref(s, sheet, r1, c1, abs);
    xs_printf(s, ":");
    xs_ref(s, NULL, r2, c2, abs);
}

/* The digits of u before p (at least one); returns the new start. */
static char *_digits(char *p, unsigned long long u)
{
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    return p;
}

/* v = n / 1024 with |v| < 2^20 (0.5, 0.25, 1.75): at most 7 + 10
 * significant digits, all exact, so %.17g prints them alone, in fixed
 * notation (|v| >= 1/1024 is above 10^-4): the whole part, then
 * f / 1024 = f x 9765625 / 10^10 as ten digits less their trailing zeros.
 * Written here without printf (a formula's `* 0.5` in every year). */
static int _binary_fraction(xb_str *s, double v)
{
    double n = v * 1024;
    if (n != floor(n) || fabs(v) >= 0x1p20)
        return 0;
    unsigned long long k = (unsigned long long)fabs(n);
    if (k % 1024 == 0)
        return 0;               /* whole: -0 */
    char buf[32], *end = buf + 20, *p = end;
    unsigned long long frac = (k % 1024) * 9765625ULL;
    for (int i = 0; i < 10; i++, frac /= 10)
        *--p = (char)('0' + frac % 10);
    *--p = '.';
    p = _digits(p, k / 1024);
    if (v < 0)
        *--p = '-';
    while (end[-1] == '0')
        end--;
    _cat(s, p, (size_t)(end - p));
    return 1;
}

void xs_refs(xb_str *s, const char *tmpl, ...)
{
    va_list ap;
    va_start(ap, tmpl);
    for (const char *p = tmpl; *p;) {
        size_t n = strcspn(p, "@");
        _cat(s, p, n);
        p += n;
        if (*p == '@') {
            int row = va_arg(ap, int), col = va_arg(ap, int);
            xs_ref(s, NULL, row, col, va_arg(ap, unsigned));
            p++;
        }
    }
    va_end(ap);
}

void xs_num(xb_str *s, double v)
{
    /* A whole number below 10^15 prints under %.17g as its digits alone
     * ("-0" for negative zero): written here without printf, same text. */
    if (v == floor(v) && fabs(v) < 1e15 && !(v == 0 && signbit(v))) {
        char buf[24], *p = buf + sizeof buf;
        long long k = (long long)v;
        p = _digits(p, k < 0 ? 0ULL - (unsigned long long)k : (unsigned long long)k);
        if (k < 0)
            *--p = '-';
        _cat(s, p, (size_t)(buf + sizeof buf - p));
        return;
    }
    if (isfinite(v) && _binary_fraction(s, v))
        return;
    xs_printf(s, "%.17g", v);
}

int xb_finite(double v)
{
    return isfinite(v);
}

void xb_check(xlsx_book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
        b->err = e;
}

/* Longest prefix of at most max bytes that ends on a UTF-8 boundary. */
static size_t _utf8_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

void xb_text(xlsx_book *b, lxw_worksheet *ws, int row, int col,
             const char *text, lxw_format *f)
{
    if (!text || !*text) {
        if (f)
            xb_check(b, worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f));
        return;
    }
    size_t n = _utf8_cut(text, XB_STR_MAX);
    if (text[n] == '\0') {
        xb_check(b, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text, f));
        return;
    }
    char *cut = malloc(n + 1);
    if (!cut) {
        b->nomem = 1;
        return;
    }
    memcpy(cut, text, n);
    cut[n] = '\0';
    xb_check(b, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, cut, f));
    free(cut);
}

void xb_num(xlsx_book *b, lxw_worksheet *ws, int row, int col, double v,
            lxw_format *f)
{
    if (!isfinite(v)) {
        xb_blank(b, ws, row, col, f);
        return;
    }
    xb_check(b, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, f));
}

void xb_blank(xlsx_book *b, lxw_worksheet *ws, int row, int col, lxw_format *f)
{
    if (f)
        xb_check(b, worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f));
}

void xb_formula(xlsx_book *b, lxw_worksheet *ws, int row, int col,
                xb_str *formula, lxw_format *f, double cached)
{
    if (formula->failed) {
        b->nomem = 1;
        return;
    }
    lxw_error e = isfinite(cached)
        ? worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col,
                                      xs_get(formula), f, cached)
        : worksheet_write_formula_str(ws, (lxw_row_t)row, (lxw_col_t)col,
                                      xs_get(formula), f, "");
    xb_check(b, e);
}

void xb_formula_text(xlsx_book *b, lxw_worksheet *ws, int row, int col,
                     xb_str *formula, lxw_format *f, const char *cached)
{
    if (formula->failed) {
        b->nomem = 1;
        return;
    }
    xb_check(b, worksheet_write_formula_str(ws, (lxw_row_t)row, (lxw_col_t)col,
                                            xs_get(formula), f, cached));
}

void xb_widths(xlsx_book *b, lxw_worksheet *ws, const double *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        xb_check(b, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w[i], NULL));
}

/* Header/footer text: '&' is a control character there, so it is doubled;
 * the text is cut (on a character boundary) to fit libxlsxwriter's limit. */
static void _hf_escape(xb_str *out, const char *text, size_t max)
{
    size_t n = _utf8_cut(text, max / 2);
    while (n) {   /* the runs up to and with each '&', copied whole */
        const char *amp = memchr(text, '&', n);
        size_t k = amp ? (size_t)(amp - text) + 1 : n;
        _cat(out, text, k);
        if (amp)
            _cat(out, "&", 1);
        text += k;
        n -= k;
    }
}

/* Landscape A4, one page wide; header: the model's title (its name when
 * untitled) and the sheet; footer: the model's name, the as-of date and
 * the page numbers. */
void xb_page_setup(xlsx_book *b, lxw_worksheet *ws, const char *what)
{
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_paper(ws, 9); /* A4 */
    /* Rows of a stated height (customHeight): LibreOffice would size rows
     * of Excel's default 15 pt from its substitute font instead, smaller
     * than Excel's, and page breaks count rows (xlsx_pages.c). */
    worksheet_set_default_row(ws, XB_ROW_PT, LXW_FALSE);
    const cx_model *m = b->m;
    const char *name = m->name ? m->name : "";
    xb_str h, f;
    xs_init(&h);
    xs_init(&f);
    xs_printf(&h, "&L");
    _hf_escape(&h, m->title && m->title[0] ? m->title : name, 200);
    xs_printf(&h, "&R%s", what);
    xs_printf(&f, "&L");
    _hf_escape(&f, name, 120);
    if (m->as_of_text) {
        xs_printf(&f, " \xC2\xB7 as of ");
        _hf_escape(&f, m->as_of_text, 40);
    }
    xs_printf(&f, "&RPage &P of &N");
    if (!h.failed && !f.failed) {
        xb_check(b, worksheet_set_header(ws, h.s));
        xb_check(b, worksheet_set_footer(ws, f.s));
    }
    xs_release(&h);
    xs_release(&f);
}

/* Width of one character in column width units (a digit of the default
 * 11 pt font): wide East Asian characters count double. */
static double _char_width(unsigned cp, double pt)
{
    return (utf8_wide(cp) ? 2.0 : 0.9) * pt / 11.0;
}

int xb_text_lines(const char *text, double width, double pt)
{
    /* Greedy word wrap; a cell loses some of its width to padding. */
    double avail = width - 1.5, line = 0, word = 0;
    int lines = 1;
    if (!text || avail <= 1)
        return 1;
    for (const char *p = text; *p;) {
        unsigned cp = utf8_next(&p);
        if (cp == '\n') {
            lines++;
            line = word = 0;
            continue;
        }
        double w = _char_width(cp, pt);
        if (cp == ' ') {
            line += w;
            word = 0;
            continue;
        }
        if (line + w > avail) {
            lines++;
            /* The word moves to the new line when it fits there. */
            line = word + w <= avail ? word : 0;
            word = line;
        }
        line += w;
        word += w;
    }
    return lines;
}

/* Text with wide (CJK) characters prints in a CJK font (Noto Sans CJK),
 * whose lines are taller than Calibri's: 1.5 em rather than 1.25. */
static int _has_wide(const char *text)
{
    for (const char *p = text; p && *p;)
        if (_char_width(utf8_next(&p), 11) > 1)
            return 1;
    return 0;
}

double xb_text_height(const char *text, double width, double pt)
{
    int lines = xb_text_lines(text, width, pt);
    return lines > 1 ? lines * pt * (_has_wide(text) ? 1.5 : 1.25) + 3 : 0;
}

void xb_row_height(xlsx_book *b, lxw_worksheet *ws, int row, double height)
{
    if (height > 0)
        xb_check(b, worksheet_set_row(ws, (lxw_row_t)row, height, NULL));
}

void xb_merged_text(xlsx_book *b, lxw_worksheet *ws, int row, int c1, int c2,
                    const char *text, lxw_format *f)
{
    xb_check(b, worksheet_merge_range(ws, (lxw_row_t)row, (lxw_col_t)c1, (lxw_row_t)row,
                                      (lxw_col_t)c2, "", f));
    xb_text(b, ws, row, c1, text, f);
}

const char *xb_series_label(const cx_series *s)
{
    return s->label && *s->label ? s->label : s->name;
}

int xb_fig_row(const xlsx_book *b, size_t s, int t)
{
    if (!b->fig_row || t < 0 || (size_t)t >= b->m->nyears)
        return -1;
    return b->fig_row[s * b->m->nyears + (size_t)t];
}

void xs_value_ref(xlsx_book *b, xb_str *f, const char *sheet, size_t s, int t,
                  unsigned abs)
{
    xs_ref(f, sheet, b->val_row[s], XB_YEAR0 + t, abs);
}
