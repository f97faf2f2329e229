/*
 * formula_eval.c - running a compiled formula (formula.h) over every
 * period at once: each instruction works on whole vectors of periods, so
 * the cost of reading the program is paid once per series, not per year.
 * An empty period is NAN, with why it is empty beside it when asked.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
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

/* + - * / as _arith then "not finite is NAN", two periods at a time (GNU
 * C vectors: SSE2 on x86-64, plain code elsewhere; Monte Carlo runs it for
 * every year of every path), each test a mask of one comparison. The snap
 * to 0 is cx_sheet_sub's test: a + b is a - (-b) exactly; where a == -b,
 * a + b is already +0; d < |a| k and d < |b| k is d < min(|a|, |b|) k (k a
 * positive constant keeps the order), and where a or b is NAN so is d,
 * which fails it. The same bits as _arith then isfinite. */
typedef double _v2 __attribute__((vector_size(16)));
typedef int64_t _m2 __attribute__((vector_size(16)));

static inline _v2 _vpick(_m2 mask, _v2 yes, _v2 no)
{
    return (_v2)(((_m2)yes & mask) | ((_m2)no & ~mask));
}

static inline _v2 _vabs(_v2 x)
{
    return (_v2)((_m2)x & (_m2){INT64_MAX, INT64_MAX});
}

static inline __attribute__((always_inline))
_v2 _arith_fast2(cx_fx_op op, _v2 a, _v2 b)
{
    _v2 r = op == CX_FX_ADD ? a + b : op == CX_FX_SUB ? a - b
          : op == CX_FX_MUL ? a * b : a / b;
    if (op == CX_FX_ADD || op == CX_FX_SUB) {
        _v2 fa = _vabs(a), fb = _vabs(b);
        _v2 m = _vpick(fa < fb, fa, fb) * (_v2){0x1p-48, 0x1p-48};
        r = _vpick(_vabs(r) < m, (_v2){0, 0}, r);
    }
    return _vpick(_vabs(r) <= (_v2){DBL_MAX, DBL_MAX}, r, (_v2){NAN, NAN});
}

static inline __attribute__((always_inline))
void _arith_fast_all(cx_fx_op op, double *a, const double *b, size_t n)
{
    size_t t = 0;
    for (; t + 2 <= n; t += 2) {
        _v2 x, y;
        memcpy(&x, a + t, sizeof x);
        memcpy(&y, b + t, sizeof y);
        x = _arith_fast2(op, x, y);
        memcpy(a + t, &x, sizeof x);
    }
    for (; t < n; t++) {        /* an odd last period */
        double r = _arith(op, a[t], b[t]);
        a[t] = isfinite(r) ? r : NAN;
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
        _arith_fast_all(op, a.x, b.x, n);
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
    if (out != env->scratch)
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
