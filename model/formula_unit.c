/*
 * formula_unit.c - the figures written in a formula (3, ~3, 58%, 1.4T, in
 * the model's units) and the units of what a formula computes: money +
 * money is money, money / money a ratio, a ratio times money money, a
 * count stays a count; money + a ratio is an error.
 */
#include <math.h>
#include <string.h>
#include "formula_priv.h"
#include "model.h"

static cxi_fx_unit _unit(cx_unit u, const char *text)
{
    static const cx_fx_unit map[] = {
        [CX_U_MONEY] = CX_FXU_MONEY, [CX_U_RATIO] = CX_FXU_RATIO,
        [CX_U_MULTIPLE] = CX_FXU_MULTIPLE, [CX_U_OTHER] = CX_FXU_OTHER
    };
    cxi_fx_unit r = {(unsigned)u <= CX_U_OTHER ? map[u] : CX_FXU_NUMBER, NULL};
    if (r.u == CX_FXU_OTHER)
        r.text = text ? text : "";
    return r;
}

cxi_fx_unit cxi_fx_series_unit(const cx_model *m, size_t s)
{
    return _unit(m->series[s].unit, m->series[s].unit_text);
}

cxi_fx_unit cxi_fx_constant_unit(const cx_model *m, size_t c)
{
    return _unit(m->constants[c].unit, m->constants[c].unit_text);
}

const char *cxi_fx_unit_name(const cxi_fx_unit *u)
{
    switch (u->u) {
    case CX_FXU_MONEY:    return "money";
    case CX_FXU_RATIO:    return "%";
    case CX_FXU_MULTIPLE: return "x";
    case CX_FXU_OTHER:    return u->text;
    case CX_FXU_BOOL:     return "a comparison";
    default:              return "a plain number";
    }
}

int cxi_fx_same(const cxi_fx_unit *a, const cxi_fx_unit *b)
{
    if (a->u == CX_FXU_BOOL || b->u == CX_FXU_BOOL)
        return 0;
    if (a->u == CX_FXU_NUMBER || b->u == CX_FXU_NUMBER)
        return 1;
    return a->u == b->u && (a->u != CX_FXU_OTHER || !strcmp(a->text, b->text));
}

/* ---- figures ---------------------------------------------------------- */

static double _pow10(int e)
{
    double x = 1;
    for (int i = 0; i < (e < 0 ? -e : e); i++)
        x *= 10;
    return x;
}

/* Digits with at most one '.', as mantissa and decimals; -1 if none. */
static int _digits(cxi_fx_parser *p, double *mant, int *decimals)
{
    int any = 0, dot = 0, sig = 0;
    *mant = 0;
    *decimals = 0;
    for (; p->pos < p->len; p->pos++) {
        char c = p->s[p->pos];
        if (c == '.' && !dot) {
            dot = 1;
            continue;
        }
        if (c < '0' || c > '9')
            break;
        any = 1;
        if (sig >= 15 && !dot) {
            (*decimals)--;          /* beyond 15 digits: scale, keep size */
            continue;
        }
        if (sig >= 15)
            continue;
        sig += *mant > 0 || c != '0';
        *mant = *mant * 10 + (c - '0');
        *decimals += dot;
    }
    return any ? 0 : -1;
}

static int _suffix(cxi_fx_parser *p)
{
    static const char sfx[] = "KMBT";
    if (p->pos >= p->len || !p->s[p->pos])
        return 0;
    const char *q = strchr(sfx, p->s[p->pos]);
    if (!q)
        return 0;
    p->pos++;
    return (int)(q - sfx) + 1;
}

int cxi_fx_lex_figure(cxi_fx_parser *p, double *x, cxi_fx_unit *u)
{
    size_t at = p->pos;
    double mant;
    int decimals;
    if (p->s[p->pos] == '~')
        p->pos++;
    if (_digits(p, &mant, &decimals))
        return cxi_fx_fail(p, CX_FXE_SYNTAX, at, 1, "expected digits in the "
                           "figure (like 3, ~3, 58%% or 1.4T)");
    int scale = _suffix(p), e = -decimals;
    *u = (cxi_fx_unit){scale ? CX_FXU_MONEY : CX_FXU_NUMBER, NULL};
    if (scale)
        e += 3 * (scale - (int)p->m->scale);
    if (p->pos < p->len && p->s[p->pos] == '%') {
        if (scale)
            return cxi_fx_fail(p, CX_FXE_SYNTAX, p->pos, 1, "a figure cannot be "
                               "both money and a percent (expected 1.4T or 58%%)");
        p->pos++;
        e -= 2;
        u->u = CX_FXU_RATIO;
    }
    if (p->pos < p->len && (p->s[p->pos] == '.' || p->s[p->pos] == '_'
        || ((p->s[p->pos] | 0x20) >= 'a' && (p->s[p->pos] | 0x20) <= 'z')))
        return cxi_fx_fail(p, CX_FXE_SYNTAX, p->pos, 1, "unexpected '%c' after the "
                           "figure (expected 3, ~3, 58%%, 1.4T or an operator)",
                           p->s[p->pos]);
    *x = e >= 0 ? mant * _pow10(e) : mant / _pow10(e);
    if (!isfinite(*x))
        return cxi_fx_fail(p, CX_FXE_SYNTAX, at, p->pos - at, "figure too large");
    return 0;
}

/* ---- units of operations ---------------------------------------------- */

static int _mismatch(cxi_fx_parser *p, size_t at, const char *verb,
                     const cxi_fx_unit *a, const cxi_fx_unit *b, const char *expect)
{
    return cxi_fx_fail(p, CX_FXE_UNIT, at, 1, "cannot %s %s and %s (expected %s)",
                       verb, cxi_fx_unit_name(a), cxi_fx_unit_name(b), expect);
}

static int _scalar(const cxi_fx_unit *u)
{
    return u->u == CX_FXU_NUMBER || u->u == CX_FXU_RATIO || u->u == CX_FXU_MULTIPLE;
}

static int _times(cxi_fx_parser *p, size_t at, cxi_fx_unit *a, const cxi_fx_unit *b)
{
    if (a->u == CX_FXU_NUMBER) {
        *a = *b;
        return 0;
    }
    if (_scalar(b))
        return 0;
    if (_scalar(a) || (a->u == CX_FXU_OTHER && b->u == CX_FXU_MONEY)) {
        *a = *b;
        return 0;
    }
    if (a->u == CX_FXU_MONEY && b->u == CX_FXU_OTHER)
        return 0;
    return _mismatch(p, at, "multiply", a, b, "a figure, %, x or a count times "
                     "money or a count");
}

static int _divide(cxi_fx_parser *p, size_t at, cxi_fx_unit *a, const cxi_fx_unit *b)
{
    if (b->u == CX_FXU_NUMBER)
        return 0;
    if (a->u != CX_FXU_NUMBER && cxi_fx_same(a, b)) {
        *a = (cxi_fx_unit){CX_FXU_RATIO, NULL};
        return 0;
    }
    if (b->u == CX_FXU_RATIO || b->u == CX_FXU_MULTIPLE)
        return 0;                   /* money / 50%, GW / 2x */
    if (a->u == CX_FXU_MONEY && b->u == CX_FXU_OTHER)
        return 0;                   /* money per GW */
    return _mismatch(p, at, "divide", a, b, "money / money, a figure / the same "
                     "unit, or anything / a figure or %");
}

int cxi_fx_combine(cxi_fx_parser *p, cx_fx_op op, size_t at, cxi_fx_unit *a,
                   const cxi_fx_unit *rhs)
{
    /* a comparison counts as the figure 1 or 0 in arithmetic */
    cxi_fx_unit num = {CX_FXU_NUMBER, NULL};
    const cxi_fx_unit *b = rhs->u == CX_FXU_BOOL ? &num : rhs;
    if (a->u == CX_FXU_BOOL)
        *a = num;
    switch (op) {
    case CX_FX_ADD:
    case CX_FX_SUB:
        if (!cxi_fx_same(a, b))
            return _mismatch(p, at, op == CX_FX_ADD ? "add" : "subtract", a, b,
                             "figures in the same unit");
        if (a->u == CX_FXU_NUMBER)
            *a = *b;
        return 0;
    case CX_FX_MUL:
        return _times(p, at, a, b);
    case CX_FX_DIV:
        return _divide(p, at, a, b);
    default:                        /* comparisons */
        if (!cxi_fx_same(a, b))
            return _mismatch(p, at, "compare", a, b, "figures in the same unit");
        *a = (cxi_fx_unit){CX_FXU_BOOL, NULL};
        return 0;
    }
}
