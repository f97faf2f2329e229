/*
 * formula.c - compiling a formula's text (formula.h) into its postfix
 * program: a recursive-descent parser over the grammar, names resolved to
 * series and constants, and the unit of every subexpression checked as it
 * is built (formula_unit.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formula_priv.h"
#include "model.h"
#include "release.h"

const char *const cx_fx_functions[] = {
    "lag", "cumsum", "min", "max", "abs", "if", "sum", "yoy", NULL
};

int cxi_fx_fail(cxi_fx_parser *p, cx_fx_err code, size_t at, size_t len,
                const char *fmt, ...)
{
    if (p->err->code != CX_FXE_NONE)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
    p->err->code = code;
    p->err->offset = at;
    p->err->len = len;
    return -1;
}

/* ---- emitting --------------------------------------------------------- */

static int _emit(cxi_fx_parser *p, cx_fx_op op, unsigned argc, size_t first,
                 size_t at)
{
    cx_formula *f = p->f;
    if (f->ncode == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        cx_fx_ins *code = realloc(f->code, cap * sizeof *code);
        if (!code)
            return cxi_fx_fail(p, CX_FXE_NOMEM, at, 0, "out of memory");
        f->code = code;
        p->cap = cap;
    }
    f->code[f->ncode] = (cx_fx_ins){.op = op, .argc = argc, .first = first,
                                    .offset = at};
    f->ncode++;
    p->sp = p->sp + 1 - argc;
    if (p->sp > f->depth)
        f->depth = p->sp;
    return 0;
}

static int _use_series(cxi_fx_parser *p, size_t s, size_t at)
{
    if (s == p->self)
        return cxi_fx_fail(p, CX_FXE_SYNTAX, at, 0, "a formula cannot use its "
                           "own series (expected other series; lag of itself is "
                           "not supported)");
    if (_emit(p, CX_FX_SERIES, 0, p->f->ncode, at))
        return -1;
    p->f->code[p->f->ncode - 1].index = s;
    if (p->seen[s])
        return 0;
    p->seen[s] = 1;
    p->f->inputs[p->f->ninputs++] = s;
    return 0;
}

/* ---- tokens ----------------------------------------------------------- */

static void _blanks(cxi_fx_parser *p)
{
    while (p->pos < p->len && strchr(" \t\r\n", p->s[p->pos]) && p->s[p->pos])
        p->pos++;
}

static int _peek(cxi_fx_parser *p)
{
    _blanks(p);
    return p->pos < p->len ? (unsigned char)p->s[p->pos] : 0;
}

static int _name_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '_' || c == '.' || c >= 0x80;
}

static int _accept(cxi_fx_parser *p, const char *tok)
{
    size_t n = strlen(tok);
    _peek(p);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, tok, n))
        return 0;
    p->pos += n;
    return 1;
}

/* "'x'" for the token at the parser's position, "the end" at the end. */
static void _what(const cxi_fx_parser *p, char *buf, size_t size)
{
    if (p->pos >= p->len) {
        snprintf(buf, size, "end of formula");
        return;
    }
    size_t n = 1;
    while (p->pos + n < p->len && ((unsigned char)p->s[p->pos + n] & 0xC0) == 0x80)
        n++;
    snprintf(buf, size, "'%.*s'", (int)n, p->s + p->pos);
}

static int _expected(cxi_fx_parser *p, const char *what)
{
    char got[16];
    _peek(p);
    _what(p, got, sizeof got);
    return cxi_fx_fail(p, CX_FXE_SYNTAX, p->pos, 1, "unexpected %s (expected %s)",
                       got, what);
}

/* ---- names ------------------------------------------------------------ */

size_t cxi_fx_find_constant(const cx_model *m, const char *s, size_t n)
{
    for (size_t i = 0; i < m->nconstants; i++)
        if (m->constants[i].name && strlen(m->constants[i].name) == n
            && !memcmp(m->constants[i].name, s, n))
            return i;
    return CX_NO_INDEX;
}

static size_t _find_series(const cxi_fx_parser *p, const char *s, size_t n)
{
    char buf[256];
    if (n >= sizeof buf)
        return CX_NO_INDEX;
    memcpy(buf, s, n);
    buf[n] = 0;
    return cx_model_find_series(p->m, buf);
}

static int _known(const cxi_fx_parser *p, const char *s, size_t n)
{
    return _find_series(p, s, n) != CX_NO_INDEX
           || cxi_fx_find_constant(p->m, s, n) != CX_NO_INDEX;
}

/* The end of the name at the parser's position. Series names may hold
 * '-': a '-' belongs to the name only when the longer name is known, so
 * `a-b` is a minus unless a series is called `a-b`. */
static size_t _name_end(const cxi_fx_parser *p)
{
    size_t end = p->pos, cut = 0;
    while (end < p->len && (_name_char((unsigned char)p->s[end]) || p->s[end] == '-')) {
        if (p->s[end] == '-' && !cut)
            cut = end;
        end++;
    }
    if (!cut)
        return end;
    for (size_t e = end; e > cut; e--)
        if ((e == end || p->s[e] == '-') && _known(p, p->s + p->pos, e - p->pos))
            return e;
    return cut;
}

static int _reference(cxi_fx_parser *p, size_t at, size_t n, cxi_fx_unit *u)
{
    size_t s = _find_series(p, p->s + at, n);
    if (s != CX_NO_INDEX) {
        *u = cxi_fx_series_unit(p->m, s);
        return _use_series(p, s, at);
    }
    size_t c = cxi_fx_find_constant(p->m, p->s + at, n);
    if (c == CX_NO_INDEX)
        return cxi_fx_fail(p, CX_FXE_NAME, at, n, "unknown series or constant "
                           "'%.*s'", (int)(n > 60 ? 60 : n), p->s + at);
    *u = cxi_fx_constant_unit(p->m, c);
    if (_emit(p, CX_FX_CONST, 0, p->f->ncode, at))
        return -1;
    p->f->code[p->f->ncode - 1].index = c;
    return 0;
}

/* ---- grammar ---------------------------------------------------------- */

static int _expr(cxi_fx_parser *p, cxi_fx_unit *u);

static int _deeper(cxi_fx_parser *p, size_t at)
{
    if (++p->nest > CX_FX_MAX_DEPTH)
        return cxi_fx_fail(p, CX_FXE_DEPTH, at, 1, "nested too deeply (at most "
                           "%d levels of parentheses, calls and signs)",
                           CX_FX_MAX_DEPTH);
    return 0;
}

static int _figure(cxi_fx_parser *p, cxi_fx_unit *u)
{
    size_t at = p->pos;
    double x;
    if (cxi_fx_lex_figure(p, &x, u))
        return -1;
    if (_emit(p, CX_FX_NUM, 0, p->f->ncode, at))
        return -1;
    p->f->code[p->f->ncode - 1].x = x;
    return 0;
}

static int _primary(cxi_fx_parser *p, cxi_fx_unit *u)
{
    int c = _peek(p);
    size_t at = p->pos;
    if (c == '(') {
        p->pos++;
        if (_deeper(p, at) || _expr(p, u))
            return -1;
        p->nest--;
        return _accept(p, ")") ? 0 : _expected(p, "')' to close the '(' "
                                                  "before");
    }
    if ((c >= '0' && c <= '9') || c == '~' || c == '.')
        return _figure(p, u);
    if (!_name_char(c))
        return _expected(p, "a figure, a name, a function or '('");
    size_t end = _name_end(p);
    p->pos = end;
    if (_peek(p) == '(') {
        p->pos++;
        return _deeper(p, at) || cxi_fx_call(p, at, end - at, u) ? -1
               : (p->nest--, 0);
    }
    return _reference(p, at, end - at, u);
}

static int _unary(cxi_fx_parser *p, cxi_fx_unit *u)
{
    int c = _peek(p);
    if (c != '-' && c != '+')
        return _primary(p, u);
    size_t at = p->pos++, first = p->f->ncode;
    if (_deeper(p, at) || _unary(p, u))
        return -1;
    p->nest--;
    if (c == '+')
        return 0;
    if (u->u == CX_FXU_BOOL)
        return cxi_fx_fail(p, CX_FXE_UNIT, at, 1, "cannot negate a comparison "
                           "(expected a figure)");
    return _emit(p, CX_FX_NEG, 1, first, at);
}

/* Left-associative chain of operators at one level. */
static int _chain(cxi_fx_parser *p, const char *const *ops, const cx_fx_op *codes,
                  int (*next)(cxi_fx_parser *, cxi_fx_unit *), cxi_fx_unit *u)
{
    size_t first = p->f->ncode;
    if (next(p, u))
        return -1;
    for (;;) {
        size_t i, at;
        _peek(p);
        at = p->pos;
        for (i = 0; ops[i] && !_accept(p, ops[i]); i++)
            ;
        if (!ops[i])
            return 0;
        cxi_fx_unit rhs;
        if (next(p, &rhs) || cxi_fx_combine(p, codes[i], at, u, &rhs))
            return -1;
        if (_emit(p, codes[i], 2, first, at))
            return -1;
    }
}

static int _product(cxi_fx_parser *p, cxi_fx_unit *u)
{
    static const char *const ops[] = {"*", "/", NULL};
    static const cx_fx_op codes[] = {CX_FX_MUL, CX_FX_DIV};
    return _chain(p, ops, codes, _unary, u);
}

static int _sum(cxi_fx_parser *p, cxi_fx_unit *u)
{
    static const char *const ops[] = {"+", "-", NULL};
    static const cx_fx_op codes[] = {CX_FX_ADD, CX_FX_SUB};
    return _chain(p, ops, codes, _product, u);
}

static int _expr(cxi_fx_parser *p, cxi_fx_unit *u)
{
    /* two-character operators first */
    static const char *const ops[] = {"<=", ">=", "==", "!=", "<", ">", NULL};
    static const cx_fx_op codes[] = {CX_FX_LE, CX_FX_GE, CX_FX_EQ, CX_FX_NE,
                                     CX_FX_LT, CX_FX_GT};
    size_t first = p->f->ncode;
    if (_sum(p, u))
        return -1;
    _peek(p);
    size_t at = p->pos, i;
    for (i = 0; ops[i] && !_accept(p, ops[i]); i++)
        ;
    if (!ops[i])
        return 0;
    cxi_fx_unit rhs;
    if (_sum(p, &rhs) || cxi_fx_combine(p, codes[i], at, u, &rhs))
        return -1;
    return _emit(p, codes[i], 2, first, at);
}

int cxi_fx_expr(cxi_fx_parser *p, cxi_fx_unit *u)
{
    return _expr(p, u);
}

int cxi_fx_emit(cxi_fx_parser *p, cx_fx_op op, unsigned argc, size_t first,
                size_t at)
{
    return _emit(p, op, argc, first, at);
}

int cxi_fx_use_series(cxi_fx_parser *p, size_t s, size_t at)
{
    return _use_series(p, s, at);
}

int cxi_fx_accept(cxi_fx_parser *p, const char *tok)
{
    return _accept(p, tok);
}

int cxi_fx_expected(cxi_fx_parser *p, const char *what)
{
    return _expected(p, what);
}

int cxi_fx_peek(cxi_fx_parser *p)
{
    return _peek(p);
}

size_t cxi_fx_name_end(const cxi_fx_parser *p, int glob)
{
    if (!glob)
        return _name_end(p);
    size_t end = p->pos;
    while (end < p->len && (_name_char((unsigned char)p->s[end]) || p->s[end] == '-'
                            || p->s[end] == '*' || p->s[end] == '?'))
        end++;
    return end;
}

/* ---- the whole text --------------------------------------------------- */

static cx_status _begin(const cx_model *m, size_t len, cx_formula *out,
                        cx_fx_error *err, cxi_fx_parser *p)
{
    memset(out, 0, sizeof *out);
    memset(err, 0, sizeof *err);
    if (len > CX_FX_MAX_TEXT) {
        cxi_fx_fail(p, CX_FXE_LONG, CX_FX_MAX_TEXT, 1, "formula too long (%zu "
                    "bytes; at most %d)", len, CX_FX_MAX_TEXT);
        return CX_EINVAL;
    }
    p->seen = calloc(m->nseries ? m->nseries : 1, 1);
    out->inputs = malloc((m->nseries ? m->nseries : 1) * sizeof *out->inputs);
    if (!p->seen || !out->inputs) {
        cxi_fx_fail(p, CX_FXE_NOMEM, 0, 0, "out of memory");
        return CX_ENOMEM;
    }
    return CX_OK;
}

cx_status cx_formula_compile(const cx_model *m, size_t self, const char *text,
                             size_t len, cx_formula *out, cx_fx_error *err)
{
    if (!m || !text || !out || !err)
        return CX_EINVAL;
    cxi_fx_parser p = {.m = m, .self = self, .s = text, .len = len, .f = out,
                       .err = err};
    cx_status st = _begin(m, len, out, err, &p);
    cxi_fx_unit u = {CX_FXU_NUMBER, NULL};
    if (st == CX_OK && strlen(text) < len)
        st = cxi_fx_fail(&p, CX_FXE_SYNTAX, strlen(text), 1, "unexpected NUL "
                         "character (expected text)") ? CX_EINVAL : CX_OK;
    if (st == CX_OK && _peek(&p) == 0)
        st = cxi_fx_fail(&p, CX_FXE_SYNTAX, 0, 0, "empty formula (expected an "
                         "expression like 'a - b')") ? CX_EINVAL : CX_OK;
    if (st == CX_OK && _expr(&p, &u))
        st = err->code == CX_FXE_NOMEM ? CX_ENOMEM : CX_EINVAL;
    if (st == CX_OK && _peek(&p) != 0)
        st = _expected(&p, "an operator or the end") ? CX_EINVAL : CX_OK;
    free(p.seen);
    if (st != CX_OK) {
        cx_formula_release(out);
        return st;
    }
    out->unit = u.u;
    out->unit_text = u.text;
    return CX_OK;
}

void cx_formula_release(cx_formula *f)
{
    if (f)
        cxi_release(f, sizeof *f, (void *[]){f->code, f->inputs}, 2);
}
