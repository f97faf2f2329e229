/*
 * parse_value.c - the figure syntax of docs/format.md (see parse_value.h).
 *
 *   figure := ['~'] number [ '..' number ] ['+']     (no '+' after a range)
 *   number := ['-' | '+'] ['('] [sign] int [point digits] [' '] [suffix] [')']
 *   int    := digits | d{1,3} (group d{3})+
 *   sign   := '$' | '€' | '£' | '¥' | '₩'       (money only)
 *   suffix := '%' | 'K' | 'M' | 'B' | 'T' | a scale word (bn, mn, k, ...)
 *
 * (30) is -30, as accountants write it. The point is '.' and the group
 * separator ','; with rules->decimal_comma the point is ',' and the group
 * separator '.', a blank or a no-break space (U+00A0, U+202F).
 *
 * A number is its digits as an integer m and an exponent e (decimals,
 * percent and scale folded in): value = m * 10^e, computed with a single
 * rounding while m < 2^53 and |e| <= 22.
 */
#include "parse_value.h"

#include <math.h>
#include <string.h>
#include <strings.h>

typedef struct _num {
    double mant;      /* the digits as an integer */
    int decimals;     /* digits after the point */
    int neg;
    int currency;     /* written with a currency sign */
    char suffix;      /* 0, '%', 'K', 'M', 'B', 'T' */
} _num;

static const char *const _signs[] = {"$", "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5",
                                     "\xe2\x82\xa9", NULL};   /* $ € £ ¥ ₩ */

/* Scale words, matched without regard to case, then the letter they mean. */
static const struct { const char *word; char scale; } _words[] = {
    {"thousands", 'K'}, {"thousand", 'K'}, {"k", 'K'},
    {"millions", 'M'}, {"million", 'M'}, {"mio", 'M'}, {"mn", 'M'}, {"mm", 'M'},
    {"m", 'M'},
    {"billions", 'B'}, {"billion", 'B'}, {"bln", 'B'}, {"bn", 'B'}, {"b", 'B'},
    {"trillions", 'T'}, {"trillion", 'T'}, {"trn", 'T'}, {"tn", 'T'}, {"t", 'T'},
};

static int _is_digit(char c) { return c >= '0' && c <= '9'; }
static int _is_blank(char c) { return c == ' ' || c == '\t'; }

static const char *_skip_blanks(const char *s)
{
    while (_is_blank(*s))
        s++;
    return s;
}

static const char *_digits(const char *s, _num *n, size_t *count)
{
    *count = 0;
    while (_is_digit(*s)) {
        n->mant = n->mant * 10 + (*s++ - '0');
        (*count)++;
    }
    return s;
}

static int _is_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Length of a group separator at s (before three digits), 0 when none. */
static size_t _group_sep(const char *s, int decimal_comma)
{
    size_t n = 0;
    if (!decimal_comma)
        n = *s == ',';
    else if (*s == '.' || *s == ' ')
        n = 1;
    else if (!strncmp(s, "\xc2\xa0", 2))
        n = 2;
    else if (!strncmp(s, "\xe2\x80\xaf", 3))
        n = 3;
    return n && _is_digit(s[n]) ? n : 0;
}

/* The integer part, with optional thousands separators. NULL: syntax. */
static const char *_integer(const char *s, _num *n, int decimal_comma)
{
    size_t count, sep;
    s = _digits(s, n, &count);
    if (count == 0)
        return NULL;
    if (!(sep = _group_sep(s, decimal_comma)))
        return s;
    if (count > 3)
        return NULL;
    while (sep) {
        s = _digits(s + sep, n, &count);
        if (count != 3)
            return NULL;
        sep = _group_sep(s, decimal_comma);
    }
    return s;
}

/* A currency sign at s: its length, 0 when none. */
static size_t _currency(const char *s)
{
    for (size_t i = 0; _signs[i]; i++)
        if (!strncmp(s, _signs[i], strlen(_signs[i])))
            return strlen(_signs[i]);
    return 0;
}

/* A suffix at s ('%', K/M/B/T or a scale word, one blank allowed before
 * a word); the first character after it. */
static const char *_suffix(const char *s, _num *n)
{
    if (*s == '%') {
        n->suffix = '%';
        return s + 1;
    }
    const char *w = *s == ' ' ? s + 1 : s;
    for (size_t i = 0; i < sizeof _words / sizeof _words[0]; i++) {
        size_t len = strlen(_words[i].word);
        if (!strncasecmp(w, _words[i].word, len) && !_is_letter(w[len])) {
            n->suffix = _words[i].scale;
            return w + len;
        }
    }
    return s;
}

/* The digits of a number and what follows them. NULL: syntax. */
static const char *_magnitude(const char *s, _num *n, int decimal_comma)
{
    size_t sign = _currency(s);
    n->currency = sign > 0;
    if (!(s = _integer(s + sign, n, decimal_comma)))
        return NULL;
    char point = decimal_comma ? ',' : '.';
    if (*s == point && _is_digit(s[1])) {
        size_t count;
        s = _digits(s + 1, n, &count);
        n->decimals = (int)count;
    }
    return _suffix(s, n);
}

/* One number; returns the first character after it, NULL: syntax. */
static const char *_number(const char *s, _num *n, int decimal_comma)
{
    memset(n, 0, sizeof *n);
    if (*s == '-' || *s == '+')
        n->neg = *s++ == '-';
    int paren = *s == '(';
    if (paren && n->neg)
        return NULL;                  /* -(30): one minus is enough */
    if (!(s = _magnitude(s + paren, n, decimal_comma)))
        return NULL;
    if (paren && *s++ != ')')
        return NULL;
    n->neg |= paren;
    return s;
}

static double _pow10(int k)
{
    double p = 1;
    while (k-- > 0)
        p *= 10;
    return p;
}

/* m * 10^e, rounded once where that is exact enough to matter. */
static double _scaled(double m, int e)
{
    return e >= 0 ? m * _pow10(e) : m / _pow10(-e);
}

static int _suffix_scale(char s)
{
    switch (s) {
    case 'K': return CX_SCALE_K;
    case 'M': return CX_SCALE_M;
    case 'B': return CX_SCALE_B;
    case 'T': return CX_SCALE_T;
    default:  return CX_SCALE_ONE;
    }
}

/* Value and resolution of n under rules. */
static pv_status _evaluate(const _num *n, const pv_rules *r, double *v, double *res)
{
    int e = -n->decimals;
    if (n->currency && !r->scale)
        return PV_ECURRENCY;
    if (n->suffix == '%') {
        if (!r->percent)
            return PV_EPERCENT;
        e -= 2;
    } else if (n->suffix) {
        if (!r->scale)
            return PV_ESCALE;
        e += 3 * (_suffix_scale(n->suffix) - (int)r->model_scale);
    } else if (r->scale && r->bare_scale) {
        e += 3 * ((int)r->bare_scale - 1 - (int)r->model_scale);
    }
    double x = _scaled(n->mant, e);
    if (!isfinite(x))
        return PV_ERANGE;
    *v = n->neg && x != 0 ? -x : x;
    *res = _scaled(5, e - 1);
    return PV_OK;
}

typedef struct _figure {
    int approx, range, floor;
    _num a, b;
} _figure;

static pv_status _syntax(const char *s, _figure *f, int dc)
{
    memset(f, 0, sizeof *f);
    s = _skip_blanks(s);
    if (!*s)
        return PV_EEMPTY;
    if (*s == '~') {
        f->approx = 1;
        s++;
    }
    if (!(s = _number(s, &f->a, dc)))
        return PV_ESYNTAX;
    s = _skip_blanks(s);
    if (s[0] == '.' && s[1] == '.') {
        f->range = 1;
        if (!(s = _number(_skip_blanks(s + 2), &f->b, dc)))
            return PV_ESYNTAX;
        if (f->a.suffix && !f->b.suffix)
            return PV_ESYNTAX;             /* 1B..2: say 1..2B or 1B..2B */
        if (!f->a.suffix)
            f->a.suffix = f->b.suffix;     /* 1..2B: both ends in B */
        if ((f->a.suffix == '%') != (f->b.suffix == '%'))
            return PV_ESYNTAX;
    } else if (*s == '+') {
        f->floor = 1;
        s++;
    }
    return *_skip_blanks(s) ? PV_ESYNTAX : PV_OK;
}

pv_status parse_value(const char *text, const pv_rules *rules, cx_value *out)
{
    memset(out, 0, sizeof *out);
    _figure f;
    pv_status st = _syntax(text, &f, rules->decimal_comma);
    double low, high, rlow, rhigh;
    if (st == PV_OK)
        st = _evaluate(&f.a, rules, &low, &rlow);
    if (st != PV_OK)
        return st;
    high = low;
    rhigh = rlow;
    if (f.range && (st = _evaluate(&f.b, rules, &high, &rhigh)) != PV_OK)
        return st;
    if (low > high)
        return PV_EORDER;
    double base = f.range ? low / 2 + high / 2 : low;   /* no overflow */
    out->kind = f.range ? CX_V_RANGE : f.floor ? CX_V_FLOOR
              : f.approx ? CX_V_ESTIMATE : CX_V_EXACT;
    out->low = low;
    out->base = base;
    out->high = f.floor ? INFINITY : high;
    out->resolution = rlow > rhigh ? rlow : rhigh;
    return PV_OK;
}

pv_rules pv_rules_for(cx_unit unit, cx_scale model_scale)
{
    pv_rules r = {unit == CX_U_RATIO, unit == CX_U_MONEY, model_scale, 0, 0};
    return r;
}

int pv_is_percent(const char *text)
{
    size_t n = strlen(text);
    while (n > 0 && _is_blank(text[n - 1]))
        n--;
    return n > 0 && text[n - 1] == '%';
}

/* An integer at s; *end after it. -1 when there is none or it is too long. */
static int _int_at(const char *s, const char **end, long *out)
{
    int neg = *s == '-';
    s += neg;
    long v = 0;
    int count = 0;
    while (_is_digit(*s)) {
        if (++count > 15)
            return -1;
        v = v * 10 + (*s++ - '0');
    }
    if (count == 0)
        return -1;
    *out = neg ? -v : v;
    *end = s;
    return 0;
}

int pv_parse_int(const char *text, long min, long max, long *out)
{
    const char *end;
    long v;
    if (_int_at(text, &end, &v) || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int pv_parse_span(const char *text, long min, long max, long *first, long *last)
{
    const char *s = _skip_blanks(text);
    long a, b;
    if (_int_at(s, &s, &a))
        return -1;
    s = _skip_blanks(s);
    if (s[0] != '.' || s[1] != '.')
        return -1;
    if (_int_at(_skip_blanks(s + 2), &s, &b) || *_skip_blanks(s))
        return -1;
    if (a < min || a > max || b < min || b > max)
        return -1;
    *first = a;
    *last = b;
    return 0;
}
