/*
 * formula_eval.c - running a compiled formula (formula.h) over every
 * period at once: each instruction works on whole vectors of periods, so
 * the cost of reading the program is paid once per series, not per year.
 * An empty period is NAN, with why it is empty beside it when asked.
 */
#include <math.h>
#include <string.h>
#include "formula.h"
#include "growth.h"
#include "model.h"

typedef struct _vec {
    double *x;
    uint32_t *w;              /* NULL: reasons not tracked */
} _vec;

static void _empty(_vec v, size_t t, uint32_t why)
{
    v.x[t] = NAN;
    if (v.w)
        v.w[t] = why;
}

static void _fill(_vec v, size_t n, double x)
{
    for (size_t t = 0; t < n; t++)
        v.x[t] = x;
    if (v.w)
        memset(v.w, 0, n * sizeof *v.w);
}

static void _load(_vec v, size_t n, const double *src, size_t series)
{
    memcpy(v.x, src, n * sizeof *v.x);
    for (size_t t = 0; v.w && t < n; t++)
        v.w[t] = isnan(src[t]) ? (uint32_t)(series << 3) | CX_FXW_MISSING : 0;
}

static inline double _arith(cx_fx_op op, double a, double b)
{
    switch (op) {
    case CX_FX_ADD: return cx_sheet_sub(a, -b);
    case CX_FX_SUB: return cx_sheet_sub(a, b);
    case CX_FX_MUL: return a * b;
    case CX_FX_DIV: return a / b;
    case CX_FX_LT:  return a < b;
    case CX_FX_LE:  return a <= b;
    case CX_FX_GT:  return a > b;
    case CX_FX_GE:  return a >= b;
    case CX_FX_EQ:  return a == b;
    case CX_FX_NE:  return a != b;
    case CX_FX_MIN: return a < b ? a : b;
    case CX_FX_MAX: return a > b ? a : b;
    default:        return a + b;       /* SUM */
    }
}

/* a = a op b for every period; the first empty operand's reason wins.
 * Inlined with op a constant for the common operators (_binary), so that
 * _arith's switch is decided once per vector, not once per period. */
static inline __attribute__((always_inline))
void _binary_op(cx_fx_op op, _vec a, _vec b, size_t n)
{
    /* Without reasons, + - * / need no tests before: an empty operand
     * (NAN) or a division by 0 gives a result that is not finite, which
     * is empty as well. Comparisons, min and max do need them. */
    if (!a.w && !b.w && op >= CX_FX_ADD && op <= CX_FX_DIV) {
        for (size_t t = 0; t < n; t++) {
            double r = _arith(op, a.x[t], b.x[t]);
            a.x[t] = isfinite(r) ? r : NAN;
        }
        return;
    }
    for (size_t t = 0; t < n; t++) {
        if (isnan(a.x[t]))
            continue;
        if (isnan(b.x[t])) {
            _empty(a, t, b.w ? b.w[t] : 0);
            continue;
        }
        if (op == CX_FX_DIV && b.x[t] == 0) {
            _empty(a, t, CX_FXW_DIV0);
            continue;
        }
        double r = _arith(op, a.x[t], b.x[t]);
        if (isfinite(r))
            a.x[t] = r;
        else
            _empty(a, t, CX_FXW_RANGE);
    }
}

static void _binary(cx_fx_op op, _vec a, _vec b, size_t n)
{
    switch (op) {
    case CX_FX_ADD: _binary_op(CX_FX_ADD, a, b, n); break;
    case CX_FX_SUB: _binary_op(CX_FX_SUB, a, b, n); break;
    case CX_FX_MUL: _binary_op(CX_FX_MUL, a, b, n); break;
    case CX_FX_DIV: _binary_op(CX_FX_DIV, a, b, n); break;
    case CX_FX_SUM: _binary_op(CX_FX_SUM, a, b, n); break;
    default:        _binary_op(op, a, b, n); break;
    }
}

static void _lag(_vec a, size_t n, size_t steps)
{
    for (size_t t = n; t-- > 0;) {
        if (t < steps) {
            _empty(a, t, CX_FXW_LAG);
            continue;
        }
        a.x[t] = a.x[t - steps];
        if (a.w)
            a.w[t] = a.w[t - steps];
    }
}

/* From the first period with a value on; empty from an empty one on. */
static int _cumsum(_vec a, size_t n)
{
    size_t t0 = 0;
    while (t0 < n && isnan(a.x[t0]))
        t0++;
    for (size_t t = t0 + 1; t < n; t++) {
        if (isnan(a.x[t - 1])) {
            _empty(a, t, a.w ? a.w[t - 1] : 0);
            continue;
        }
        if (isnan(a.x[t]))
            continue;
        double r = cx_sheet_sub(a.x[t - 1], -a.x[t]);
        if (isfinite(r))
            a.x[t] = r;
        else
            _empty(a, t, CX_FXW_RANGE);
    }
    return t0 < n ? (int)t0 : -1;
}

static void _yoy(_vec a, size_t n, size_t steps)
{
    for (size_t t = n; t-- > 0;) {
        if (isnan(a.x[t]))
            continue;
        if (t < steps) {
            _empty(a, t, CX_FXW_LAG);
        } else if (isnan(a.x[t - steps])) {
            _empty(a, t, a.w ? a.w[t - steps] : 0);
        } else if (a.x[t - steps] == 0) {
            _empty(a, t, CX_FXW_DIV0);
        } else {
            double r = cx_sheet_sub(a.x[t] / a.x[t - steps], 1);
            if (isfinite(r))
                a.x[t] = r;
            else
                _empty(a, t, CX_FXW_RANGE);
        }
    }
}

static void _unary(cx_fx_op op, _vec a, size_t n)
{
    for (size_t t = 0; t < n; t++)
        a.x[t] = op == CX_FX_NEG ? -a.x[t] : fabs(a.x[t]);
}

/* if(c, a, b) into c: the branch chosen in each period, empty when c is. */
static void _choose(_vec c, _vec a, _vec b, size_t n)
{
    for (size_t t = 0; t < n; t++) {
        if (isnan(c.x[t]))
            continue;
        _vec pick = c.x[t] != 0 ? a : b;
        c.x[t] = pick.x[t];
        if (c.w)
            c.w[t] = pick.w[t];
    }
}

static _vec _slot(const cx_fx_env *env, uint32_t *why, size_t i)
{
    size_t n = env->nper;
    return (_vec){env->scratch + i * n, why ? env->why_scratch + i * n : NULL};
}

/* Instruction in on the stack of sp values; returns the new sp. */
static size_t _step(const cx_fx_ins *in, const cx_fx_env *env, uint32_t *why,
                    size_t sp, int *start)
{
    size_t n = env->nper, k = in->argc;
    _vec top = _slot(env, why, sp - (sp > 0)), base = _slot(env, why, sp - k);
    switch (in->op) {
    case CX_FX_NUM:    _fill(_slot(env, why, sp), n, in->x); return sp + 1;
    case CX_FX_CONST:  _fill(_slot(env, why, sp), n, env->constants[in->index]);
                       return sp + 1;
    case CX_FX_SERIES: _load(_slot(env, why, sp), n, env->series[in->index], in->index);
                       return sp + 1;
    case CX_FX_NEG:
    case CX_FX_ABS:    _unary(in->op, top, n); return sp;
    case CX_FX_LAG:    _lag(top, n, in->index * env->steps_per_year); return sp;
    case CX_FX_YOY:    _yoy(top, n, env->steps_per_year); return sp;
    case CX_FX_CUMSUM: *start = _cumsum(top, n); return sp;
    case CX_FX_IF:     _choose(base, _slot(env, why, sp - 2), top, n); return sp - 2;
    default:
        for (size_t i = 1; i < k; i++)
            _binary(in->op, base, _slot(env, why, sp - k + i), n);
        return sp - k + 1;
    }
}

/* A two-operand operator of _binary (+ - * / comparisons min max). */
static int _is_binary(const cx_fx_ins *in)
{
    switch (in->op) {
    case CX_FX_NUM: case CX_FX_CONST: case CX_FX_SERIES: case CX_FX_NEG:
    case CX_FX_ABS: case CX_FX_LAG: case CX_FX_YOY: case CX_FX_CUMSUM:
    case CX_FX_IF:
        return 0;
    default:
        return in->argc == 2;
    }
}

void cx_formula_eval(const cx_formula *f, const cx_fx_env *env, double *out,
                     uint32_t *why, int *starts)
{
    uint32_t *w = why && env->why_scratch ? why : NULL;
    size_t sp = 0;
    for (size_t i = 0; i < f->ncode; i++) {
        const cx_fx_ins *in = &f->code[i];
        if (starts)
            starts[i] = -1;
        /* Without reasons (Monte Carlo), a series that an operator takes at
         * once as its right operand is read where it is, not copied onto
         * the stack first: `a + b + c` loads a alone. */
        if (!w && sp > 0 && in->op == CX_FX_SERIES && i + 1 < f->ncode
            && _is_binary(&f->code[i + 1])) {
            _vec b = {(double *)env->series[in->index], NULL};
            _binary(f->code[++i].op, _slot(env, NULL, sp - 1), b, env->nper);
            if (starts)
                starts[i] = -1;
            continue;
        }
        int start = -1;
        sp = _step(in, env, w, sp, &start);
        if (starts)
            starts[i] = start;
    }
    memcpy(out, env->scratch, env->nper * sizeof *out);
    if (w)
        memcpy(w, env->why_scratch, env->nper * sizeof *w);
}

size_t cx_formula_scratch(const cx_formula *f, size_t nper)
{
    return (f->depth ? f->depth : 1) * nper;
}

const char *cx_fx_op_name(cx_fx_op op)
{
    static const char *const names[CX_FX_OP_COUNT] = {
        "figure", "series", "constant", "-", "+", "-", "*", "/",
        "<", "<=", ">", ">=", "==", "!=", "lag", "cumsum", "min", "max",
        "abs", "if", "sum", "yoy"
    };
    return (unsigned)op < CX_FX_OP_COUNT ? names[op] : "?";
}
