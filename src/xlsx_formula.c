/*
 * xlsx_formula.c - a derived series' cells on Projection: its formula
 * (model/formula.h) written as the spreadsheet formula of the cells it
 * uses, year by year (`=IFERROR(E12-E15,"")`, lag a column back, cumsum a
 * chain of additions, comparisons as IF(a<b,1,0)), so that a change to any
 * input moves it. Portable functions only: IFERROR, IF, MIN, MAX, ABS.
 */
#include <math.h>
#include <string.h>

#include "xlsx_book.h"

#define XB_MAX_FORMULA 8000     /* spreadsheet formulas stop at 8192 */

enum { _P_CMP = 1, _P_ADD, _P_MUL, _P_NEG, _P_ATOM };

static int _prec(cx_fx_op op)
{
    switch (op) {
    case CX_FX_ADD: case CX_FX_SUB: case CX_FX_SUM: case CX_FX_YOY:
    case CX_FX_CUMSUM:
        return _P_ADD;
    case CX_FX_MUL: case CX_FX_DIV:
        return _P_MUL;
    case CX_FX_NEG:
        return _P_NEG;
    case CX_FX_LAG:
        return -1;              /* as its operand */
    default:
        return _P_ATOM;
    }
}

typedef struct _ctx {
    xlsx_book *b;
    size_t s;
    const cx_formula *f;
} _ctx;

static int _render(const _ctx *c, size_t i, int t, xb_str *out);

static int _prec_at(const _ctx *c, size_t i)
{
    while (c->f->code[i].op == CX_FX_LAG)
        i--;
    return _prec(c->f->code[i].op);
}

/* Operand i, in parentheses when it binds less tightly than min. */
static int _operand(const _ctx *c, size_t i, int t, int min, xb_str *out)
{
    int paren = _prec_at(c, i) < min;
    xs_printf(out, paren ? "(" : "");
    int ok = _render(c, i, t, out);
    xs_printf(out, paren ? ")" : "");
    return ok;
}

/* Roots of the k operands of instruction i, first to last. */
static void _roots(const _ctx *c, size_t i, unsigned k, size_t *roots)
{
    size_t at = i;
    for (unsigned j = k; j-- > 0;) {
        roots[j] = at - 1;
        at = c->f->code[at - 1].first;
    }
}

static int _binary(const _ctx *c, size_t i, int t, xb_str *out)
{
    static const char *const cmp[] = {"<", "<=", ">", ">=", "=", "<>"};
    const cx_fx_ins *in = &c->f->code[i];
    size_t r[2];
    _roots(c, i, 2, r);
    if (in->op >= CX_FX_LT && in->op <= CX_FX_NE) {
        xs_printf(out, "IF(");
        int ok = _render(c, r[0], t, out);
        xs_printf(out, "%s", cmp[in->op - CX_FX_LT]);
        ok = ok && _render(c, r[1], t, out);
        xs_printf(out, ",1,0)");
        return ok;
    }
    int p = _prec(in->op);
    int ok = _operand(c, r[0], t, p, out);
    xs_printf(out, "%s", cx_fx_op_name(in->op));
    return ok && _operand(c, r[1], t, p + 1, out);
}

/* min, max, abs, if: NAME(a,b,...); sum: a+b+c. */
static int _call(const _ctx *c, size_t i, int t, xb_str *out)
{
    const cx_fx_ins *in = &c->f->code[i];
    size_t r[3], *roots = in->argc <= 3 ? r : malloc(in->argc * sizeof *roots);
    if (!roots)
        return 0;
    _roots(c, i, in->argc, roots);
    int sum = in->op == CX_FX_SUM, ok = 1;
    if (!sum) {
        const char *name = cx_fx_op_name(in->op);
        char upper[8];
        size_t n = 0;
        for (; *name && n + 2 < sizeof upper; name++)
            upper[n++] = (char)(*name - 32);
        upper[n++] = '(';
        upper[n] = '\0';
        xs_printf(out, "%s", upper);
    }
    for (unsigned j = 0; j < in->argc && ok; j++) {
        xs_printf(out, j ? (sum ? "+" : ",") : "");
        ok = sum ? _operand(c, roots[j], t, j ? _P_ADD + 1 : _P_ADD, out)
                 : _render(c, roots[j], t, out);
    }
    xs_printf(out, sum ? "" : ")");
    if (roots != r)
        free(roots);
    return ok;
}

/* cumsum: the operand in each year from its first with a value to t. */
static int _cumsum(const _ctx *c, size_t i, int t, xb_str *out)
{
    const int *start = c->b->r->series[c->s].fx_start;
    int t0 = start ? start[i] : -1, ok = t0 >= 0 && t >= t0;
    for (int k = t0; ok && k <= t; k++) {
        xs_printf(out, k > t0 ? "+" : "");
        ok = _operand(c, i - 1, k, k > t0 ? _P_ADD + 1 : _P_ADD, out);
    }
    return ok;
}

static int _yoy(const _ctx *c, size_t i, int t, xb_str *out)
{
    if (t < 1)
        return 0;
    int ok = _operand(c, i - 1, t, _P_MUL + 1, out);
    xs_printf(out, "/");
    ok = ok && _operand(c, i - 1, t - 1, _P_MUL + 1, out);
    xs_printf(out, "-1");
    return ok;
}

static int _render(const _ctx *c, size_t i, int t, xb_str *out)
{
    const cx_fx_ins *in = &c->f->code[i];
    xlsx_book *b = c->b;
    if (out->len > XB_MAX_FORMULA)
        return 0;
    switch (in->op) {
    case CX_FX_NUM:    xs_num(out, in->x); return 1;
    case CX_FX_SERIES: xs_value_ref(b, out, NULL, in->index, t, 0); return 1;
    case CX_FX_CONST:
        if (b->con_row[in->index] < 0)
            return 0;
        xs_ref(out, XB_INPUTS, b->con_row[in->index], XB_CON_VALUE, XB_ABS);
        return 1;
    case CX_FX_NEG:
        xs_printf(out, "-");
        return _operand(c, i - 1, t, _P_NEG, out);
    case CX_FX_LAG:
        return t >= (int)in->index && _render(c, i - 1, t - (int)in->index, out);
    case CX_FX_CUMSUM: return _cumsum(c, i, t, out);
    case CX_FX_YOY:    return _yoy(c, i, t, out);
    case CX_FX_MIN: case CX_FX_MAX: case CX_FX_ABS: case CX_FX_IF: case CX_FX_SUM:
        return _call(c, i, t, out);
    default:
        return _binary(c, i, t, out);
    }
}

int xb_derived_formula(xlsx_book *b, size_t s, int t, xb_str *f)
{
    const cx_formula *fx = &b->m->series[s].formula;
    const uint32_t *why = b->r->series[s].why;
    _ctx c = {b, s, fx};
    if (!fx->ncode || (why && (CX_FXW_KIND(why[t]) == CX_FXW_MISSING
                               || CX_FXW_KIND(why[t]) == CX_FXW_LAG)))
        return 0;
    xs_printf(f, "=IFERROR(");
    if (!_render(&c, fx->ncode - 1, t, f) || f->len > XB_MAX_FORMULA)
        return 0;
    xs_printf(f, ",\"\")");
    return 1;
}
