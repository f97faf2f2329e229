/*
 * read_xlsx_sheet.c - the rows of a worksheet part, streamed (read_xlsx_priv.h):
 * expat calls back for each element; a row's cells within the range are
 * kept (text in one buffer reused from row to row) and handed over at the
 * row's end, so memory does not grow with the sheet. Cell values become
 * text: numbers as decimals (percentages with '%'), dates as YYYY-MM-DD,
 * booleans as TRUE/FALSE, strings and errors as written.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "read_xlsx_priv.h"

#define MAX_CELL_TEXT ((size_t)1 << 20)

typedef struct _sheet {
    const xb_book *b;
    tbl_where w;
    tbl_range range;         /* what to hand over */
    int ranged;              /* a range was given */
    tbl_row_fn fn;
    void *ctx;
    XML_Parser p;
    int rc, done;
    long rows;               /* rows seen */
    int row, col;            /* the current row, cell */
    int used;                /* any cell seen; its bounds: */
    tbl_range seen;
    /* the current cell */
    char type[16];
    long style;
    int in_v, in_is_t, has_v, has_f, in_rph;
    xz_text v;
    /* the current row */
    xz_text text;            /* its cells' text, NUL-separated */
    size_t *at;              /* [width] offset + 1 into text, 0: empty */
    tbl_kind *kind;          /* [width] */
    int width;               /* columns in the range (grows without one) */
    int last;                /* the last column with a value, relative */
    tbl_cell *cells;
} _sheet;

static void _stop(_sheet *s, int rc)
{
    if (!s->rc)
        s->rc = rc;
    XML_StopParser(s->p, XML_FALSE);
}

/* ---- values as text -------------------------------------------------- */

/* Days since 1970-01-01 to y-m-d (proleptic Gregorian). */
static void _civil(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* A date serial as YYYY-MM-DD: 1900 system (serial 1 = 1900-01-01, 60 the
 * 29 February 1900 Excel keeps) or 1904 (serial 0 = 1904-01-01). */
static int _date(double serial, int date1904, char *out, size_t size)
{
    if (!(serial >= 0 && serial < 2958466))
        return -1;
    long days = (long)floor(serial);
    if (!date1904 && days == 60)
        return snprintf(out, size, "1900-02-29"), 0;
    long from1970 = date1904 ? days - 24107 : days - (days < 60 ? 25568 : 25569);
    long y;
    int m, d;
    _civil(from1970, &y, &m, &d);
    snprintf(out, size, "%04ld-%02d-%02d", y, m, d);
    return 0;
}

/* x as a plain decimal of up to 15 significant digits, no exponent. */
static void _decimal(double x, char *out, size_t size)
{
    char e[40];
    snprintf(e, sizeof e, "%.14e", x);          /* d.dddddddddddddde+XX */
    int exp = atoi(strchr(e, 'e') + 1), neg = e[0] == '-';
    char digits[16];
    size_t n = 0;
    for (const char *p = e + neg; *p != 'e'; p++)
        if (*p != '.')
            digits[n++] = *p;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    if (exp >= 300 || exp <= -300 || x == 0) {
        snprintf(out, size, x == 0 ? "0" : "%s", e);
        return;
    }
    size_t k = 0;
    char buf[700];
    if (neg)
        buf[k++] = '-';
    if (exp < 0) {
        buf[k++] = '0';
        buf[k++] = '.';
        for (int i = -1; i > exp; i--)
            buf[k++] = '0';
        memcpy(buf + k, digits, n);
        k += n;
    } else {
        for (int i = 0; i <= exp || i < (int)n; i++) {
            if (i == exp + 1)
                buf[k++] = '.';
            buf[k++] = i < (int)n ? digits[i] : '0';
        }
    }
    buf[k] = '\0';
    snprintf(out, size, "%s", buf);
}

/* Nonzero when text is already a plain decimal of at most 15 significant
 * digits ([-]digits[.digits], no exponent): kept as written, no rounding. */
static int _plain(const char *text)
{
    const char *p = text + (*text == '-');
    int digits = 0, lead = 1, point = 0;
    for (; *p; p++) {
        if (*p == '.' && !point) {
            point = 1;
            continue;
        }
        if (*p < '0' || *p > '9')
            return 0;
        lead &= *p == '0';
        digits += !lead;
    }
    return p > text + (*text == '-') && p[-1] != '.' && digits <= 15;
}

/* The number in text (as an xlsx <v> writes it), locale-free. -1: none. */
static int _number(const char *text, double *x)
{
    char *end;
    if (!*text)
        return -1;
    *x = strtod(text, &end);
    return *end || !isfinite(*x) ? -1 : 0;
}

/* ---- the row --------------------------------------------------------- */

static int _grow(_sheet *s, int width)
{
    if (width <= s->width)
        return 0;
    size_t *at = realloc(s->at, (size_t)width * sizeof *at);
    if (at)
        s->at = at;
    tbl_kind *k = at ? realloc(s->kind, (size_t)width * sizeof *k) : NULL;
    if (k)
        s->kind = k;
    tbl_cell *c = k ? realloc(s->cells, (size_t)width * sizeof *c) : NULL;
    if (!c)
        return -1;
    s->cells = c;
    memset(s->at + s->width, 0, (size_t)(width - s->width) * sizeof *at);
    s->width = width;
    return 0;
}

static void _keep(_sheet *s, const char *text, tbl_kind kind)
{
    int i = s->col - s->range.col1;
    if (!s->ranged && _grow(s, i + 1))
        return _stop(s, diag_oom());
    s->at[i] = s->text.len + 1;
    s->kind[i] = kind;
    xz_text_add(&s->text, text, strlen(text) + 1, (size_t)64 << 20);
    if (s->text.failed)
        return _stop(s, diag_oom());
    if (i + 1 > s->last)
        s->last = i + 1;
}

static void _row_end(_sheet *s)
{
    if (s->last > 0) {
        for (int i = 0; i < s->last; i++) {
            const char *t = s->at[i] ? s->text.s + s->at[i] - 1 : "";
            s->cells[i] = (tbl_cell){t, strlen(t), s->row, s->range.col1 + i,
                                     s->at[i] ? s->kind[i] : TBL_TEXT};
        }
        int rc = s->fn(s->ctx, &s->w, s->cells, (size_t)s->last);
        if (rc)
            return _stop(s, rc);
    }
    if (s->width)
        memset(s->at, 0, (size_t)s->width * sizeof *s->at);
    s->text.len = 0;
    s->last = 0;
}

/* ---- the cell -------------------------------------------------------- */

static void _cell_value(_sheet *s)
{
    const char *v = s->v.s ? s->v.s : "";
    const char *t = s->type;
    char buf[720];
    double x;
    if (!strcmp(t, "s")) {
        long k = strtol(v, NULL, 10);
        if (_number(v, &x) || k < 0 || (size_t)k >= s->b->nstrings)
            return _stop(s, tbl_error(&s->w, s->row, s->col, "shared string %s does not "
                                      "exist (the workbook has %zu)", v, s->b->nstrings));
        return _keep(s, s->b->strings + s->b->string_at[k], TBL_TEXT);
    }
    if (!strcmp(t, "b"))
        return _keep(s, !strcmp(v, "1") ? "TRUE" : "FALSE", TBL_BOOL);
    if (!strcmp(t, "e"))
        return _keep(s, v, TBL_ERROR);
    if (!strcmp(t, "d")) {
        snprintf(buf, sizeof buf, "%.10s", v);
        return _keep(s, buf, TBL_DATE);
    }
    if (strcmp(t, "n") && t[0])            /* str, inlineStr */
        return _keep(s, v, TBL_TEXT);
    xb_style st = s->style >= 0 && (size_t)s->style < s->b->nstyles
                  ? (xb_style)s->b->style[s->style] : XS_PLAIN;
    if (st == XS_PLAIN && _plain(v))
        return _keep(s, v, TBL_NUMBER);
    if (_number(v, &x))
        return _keep(s, v, TBL_TEXT);
    if (st == XS_DATE && _date(x, s->b->date1904, buf, sizeof buf) == 0)
        return _keep(s, buf, TBL_DATE);
    _decimal(st == XS_PERCENT ? x * 100 : x, buf, sizeof buf - 1);
    if (st == XS_PERCENT)
        strcat(buf, "%");
    _keep(s, buf, TBL_NUMBER);
}

static int _in_range(const _sheet *s)
{
    return s->row >= s->range.row1 && s->row <= s->range.row2
        && s->col >= s->range.col1 && s->col <= s->range.col2;
}

static void _cell_end(_sheet *s)
{
    if (!s->has_v && !s->has_f)
        return;
    if (!s->used || s->col < s->seen.col1)
        s->seen.col1 = s->col;
    if (!s->used || s->col > s->seen.col2)
        s->seen.col2 = s->col;
    if (!s->used)
        s->seen.row1 = s->row;
    s->seen.row2 = s->row;
    s->used = 1;
    if (!_in_range(s))
        return;
    if (s->v.failed)
        return _stop(s, tbl_error(&s->w, s->row, s->col, "the cell's text is over 1 MiB"));
    if (s->v.len == 0 && s->has_f)
        return _stop(s, tbl_error(&s->w, s->row, s->col, "formula without a cached value "
                                  "(open the workbook in Excel or LibreOffice, recalculate "
                                  "and save it, then import it again)"));
    if (s->v.len > 0)
        _cell_value(s);
}

static void _cell_start(_sheet *s, const char **atts)
{
    const char *r = xz_attr(atts, "r"), *t = xz_attr(atts, "t"), *st = xz_attr(atts, "s");
    const char *end;
    int row, col;
    if (r && tbl_parse_cell(r, &end, &row, &col) == 0 && !*end)
        s->col = col;
    else if (r)
        return _stop(s, (diag_at(s->w.path, 0, 0, "sheet '%s': a cell named '%.20s' (expected "
                                 "a cell like C7)", s->w.sheet, r), EX_DATAERR));
    else
        s->col++;
    size_t n = 0;
    for (t = t ? t : "n"; t[n] && n + 1 < sizeof s->type; n++)
        s->type[n] = t[n];
    s->type[n] = '\0';
    s->style = st ? strtol(st, NULL, 10) : 0;
    s->has_v = s->has_f = 0;
    s->v.len = 0;
    s->v.failed = 0;
    if (s->v.s)
        s->v.s[0] = '\0';
}

/* ---- expat's callbacks ----------------------------------------------- */

static void _row_start(_sheet *s, const char **atts)
{
    const char *r = xz_attr(atts, "r");
    long row = r ? strtol(r, NULL, 10) : s->row + 1;
    if (++s->rows > TBL_MAX_ROWS || row > TBL_MAX_ROWS)
        return _stop(s, (diag_at(s->w.path, 0, 0, "sheet '%s' has more than 1,000,000 rows "
                                 "(give a 'range' within them)", s->w.sheet), EX_DATAERR));
    if (row <= s->row || row < 1)
        return _stop(s, (diag_at(s->w.path, 0, 0, "sheet '%s': row %ld out of order (after "
                                 "row %d)", s->w.sheet, row, s->row), EX_DATAERR));
    if (row > s->range.row2) {
        s->done = 1;
        return _stop(s, 0);
    }
    s->row = (int)row;
    s->col = 0;
}

static void _start(void *data, const char *el, const char **atts)
{
    _sheet *s = data;
    const char *name = xz_local(el);
    if (!strcmp(name, "row"))
        _row_start(s, atts);
    else if (!strcmp(name, "c"))
        _cell_start(s, atts);
    else if (!strcmp(name, "v"))
        s->in_v = s->has_v = 1;
    else if (!strcmp(name, "f"))
        s->has_f = 1;
    else if (!strcmp(name, "rPh"))
        s->in_rph = 1;
    else if (!strcmp(name, "t") && !s->in_rph)
        s->in_is_t = s->has_v = 1;
}

static void _end(void *data, const char *el)
{
    _sheet *s = data;
    const char *name = xz_local(el);
    if (!strcmp(name, "v"))
        s->in_v = 0;
    else if (!strcmp(name, "t"))
        s->in_is_t = 0;
    else if (!strcmp(name, "rPh"))
        s->in_rph = 0;
    else if (!strcmp(name, "c"))
        _cell_end(s);
    else if (!strcmp(name, "row"))
        _row_end(s);
    else if (!strcmp(name, "sheetData")) {
        s->done = 1;
        _stop(s, 0);
    }
}

static void _chars(void *data, const char *text, int len)
{
    _sheet *s = data;
    if ((s->in_v || s->in_is_t) && _in_range(s))
        xz_text_add(&s->v, text, (size_t)len, MAX_CELL_TEXT);
}

static void _dimension(void *data, const char *el, const char **atts)
{
    _sheet *s = data;
    const char *ref;
    tbl_range r;
    if (!s->ranged && !strcmp(xz_local(el), "dimension") && (ref = xz_attr(atts, "ref"))
        && tbl_parse_range(ref, &r) == 0) {
        s->range.row1 = r.row1;          /* where the table starts; never where it ends */
        s->range.col1 = r.col1;
    }
    XML_SetStartElementHandler(s->p, _start);
    _start(data, el, atts);
}

/* ---- the sheet ------------------------------------------------------- */

static int _outside(const _sheet *s, const char *range)
{
    char a[16], b[16];
    if (!s->used)
        return diag_at(s->w.path, 0, 0, "sheet '%s' is empty", s->w.sheet), EX_DATAERR;
    tbl_cell_name(s->seen.row1, s->seen.col1, a);
    tbl_cell_name(s->seen.row2, s->seen.col2, b);
    diag_at(s->w.path, 0, 0, "range %s is outside the cells of sheet '%s' (%s:%s)", range,
            s->w.sheet, a, b);
    return EX_DATAERR;
}

static int _setup(_sheet *s, const tbl_options *o)
{
    s->range = (tbl_range){1, 1, TBL_MAX_ROWS, 16384};
    if (o->range) {
        s->ranged = 1;
        tbl_parse_range(o->range, &s->range);
        if (_grow(s, s->range.col2 - s->range.col1 + 1))
            return diag_oom();
    }
    if (!(s->p = XML_ParserCreate(NULL)))
        return diag_oom();
    XML_SetUserData(s->p, s);
    XML_SetElementHandler(s->p, _dimension, _end);
    XML_SetCharacterDataHandler(s->p, _chars);
    return 0;
}

int xs_rows(xz_archive *z, const char *path, const xb_book *b, const char *part,
            const char *sheet, const tbl_options *o, tbl_row_fn fn, void *ctx)
{
    _sheet s = {.b = b, .w = {path, sheet}, .fn = fn, .ctx = ctx};
    int rc = _setup(&s, o), stopped = 0, any = 0;
    if (!rc)
        rc = xz_parse(z, path, part, s.p, &stopped);
    if (!rc && stopped)
        rc = s.rc;
    any = s.used && s.seen.row2 >= s.range.row1 && s.seen.row1 <= s.range.row2
          && s.seen.col2 >= s.range.col1 && s.seen.col1 <= s.range.col2;
    if (!rc && (!s.used || (o->range && !any)))
        rc = _outside(&s, o->range ? o->range : "");
    if (s.p)
        XML_ParserFree(s.p);
    xz_text_release(&s.v);
    xz_text_release(&s.text);
    free(s.at);
    free(s.kind);
    free(s.cells);
    return rc;
}
