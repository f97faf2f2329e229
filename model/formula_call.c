/*
 * formula_call.c - the functions of a formula (formula.h): their argument
 * counts and units, lag's literal years, and sum(GLOB) expanded into every
 * series whose name matches (the series being defined left out).
 */
#include <string.h>
#include "formula_priv.h"
#include "model.h"

typedef struct _fn {
    const char *name;
    cx_fx_op op;
    unsigned min, max;        /* arguments; max 0 = any number */
    const char *args;         /* for messages */
} _fn;

static const _fn _fns[] = {
    {"lag", CX_FX_LAG, 1, 2, "x and years back"},
    {"cumsum", CX_FX_CUMSUM, 1, 1, "x"},
    {"min", CX_FX_MIN, 1, 0, "x, y, ..."},
    {"max", CX_FX_MAX, 1, 0, "x, y, ..."},
    {"abs", CX_FX_ABS, 1, 1, "x"},
    {"if", CX_FX_IF, 3, 3, "condition, then, else"},
    {"sum", CX_FX_SUM, 1, 0, "a glob like capex.* or x, y, ..."},
    {"yoy", CX_FX_YOY, 1, 1, "x"},
};

/* '*' any run of bytes, '?' one byte: the greedy match that backs up to
 * the last '*' (linear in practice, never exponential). */
static int _glob(const char *g, size_t gn, const char *s)
{
    size_t i = 0, star = (size_t)-1;
    const char *mark = s;
    while (*s) {
        if (i < gn && (g[i] == '?' || g[i] == *s)) {
            i++;
            s++;
        } else if (i < gn && g[i] == '*') {
            star = i++;
            mark = s;
        } else if (star != (size_t)-1) {
            i = star + 1;
            s = ++mark;
        } else {
            return 0;
        }
    }
    while (i < gn && g[i] == '*')
        i++;
    return i == gn;
}

static int _is_glob(const cxi_fx_parser *p, size_t end)
{
    for (size_t i = p->pos; i < end; i++)
        if (p->s[i] == '*' || p->s[i] == '?')
            return 1;
    return 0;
}

/* Every series matching the glob at the parser's position. */
static int _expand(cxi_fx_parser *p, size_t end, unsigned *argc, cxi_fx_unit *u)
{
    size_t at = p->pos, n = end - at, found = 0;
    if (n > 200)
        return cxi_fx_fail(p, CX_FXE_GLOB, at, n, "glob too long (at most 200 bytes)");
    for (size_t s = 0; s < p->m->nseries; s++) {
        if (s == p->self || !_glob(p->s + at, n, p->m->series[s].name))
            continue;
        cxi_fx_unit su = cxi_fx_series_unit(p->m, s);
        if ((*argc || found) && !cxi_fx_same(u, &su))
            return cxi_fx_fail(p, CX_FXE_UNIT, at, n, "'%s' is in %s but the other "
                               "series summed are in %s (expected one unit)",
                               p->m->series[s].name, cxi_fx_unit_name(&su),
                               cxi_fx_unit_name(u));
        if (!*argc && !found)
            *u = su;
        if (cxi_fx_use_series(p, s, at))
            return -1;
        found++;
    }
    if (!found)
        return cxi_fx_fail(p, CX_FXE_GLOB, at, n, "'%.*s' matches no series "
                           "(expected a glob like capex.*)", (int)n, p->s + at);
    p->pos = end;
    *argc += (unsigned)found;
    return 0;
}

/* lag's years back: a whole figure, taken out of the code. */
static int _years_back(cxi_fx_parser *p, size_t at, size_t *years)
{
    cx_formula *f = p->f;
    const cx_fx_ins *in = &f->code[f->ncode - 1];
    if (in->op != CX_FX_NUM || in->first != f->ncode - 1 || in->x < 0
        || in->x > CX_MAX_YEARS || in->x != (double)(size_t)in->x)
        return cxi_fx_fail(p, CX_FXE_ARGS, at, 1, "lag's years back must be a "
                           "whole number from 0 to %d (like lag(x, 2))", CX_MAX_YEARS);
    *years = (size_t)in->x;
    f->ncode--;
    p->sp--;
    return 0;
}

/* The unit of argument i given the ones before (in *u). */
static int _arg_unit(cxi_fx_parser *p, const _fn *fn, unsigned i, size_t at,
                     cxi_fx_unit *u, const cxi_fx_unit *a)
{
    if (fn->op == CX_FX_IF && i == 0)
        return 0;
    if (fn->op == CX_FX_IF && i == 1) {
        *u = *a;
        return 0;
    }
    if (i > 0 && !cxi_fx_same(u, a))
        return cxi_fx_fail(p, CX_FXE_UNIT, at, 1, "'%s' of %s and %s (expected "
                           "its arguments in one unit)", fn->name,
                           cxi_fx_unit_name(u), cxi_fx_unit_name(a));
    if (i == 0 || u->u == CX_FXU_NUMBER)
        *u = *a;
    return 0;
}

static int _one_arg(cxi_fx_parser *p, const _fn *fn, unsigned *argc,
                    cxi_fx_unit *u, size_t *years)
{
    cxi_fx_peek(p);
    size_t at = p->pos, end = cxi_fx_name_end(p, 1);
    if (fn->op == CX_FX_SUM && _is_glob(p, end))
        return _expand(p, end, argc, u);
    cxi_fx_unit a;
    if (cxi_fx_expr(p, &a))
        return -1;
    if (fn->op == CX_FX_LAG && *argc == 1) {
        (*argc)++;
        return _years_back(p, at, years);
    }
    if (_arg_unit(p, fn, *argc, at, u, &a))
        return -1;
    (*argc)++;
    return 0;
}

static int _arguments(cxi_fx_parser *p, const _fn *fn, unsigned *argc,
                      cxi_fx_unit *u, size_t *years)
{
    if (cxi_fx_accept(p, ")"))
        return 0;
    for (;;) {
        if (_one_arg(p, fn, argc, u, years))
            return -1;
        if (cxi_fx_accept(p, ")"))
            return 0;
        if (!cxi_fx_accept(p, ","))
            return cxi_fx_expected(p, "',' or ')'");
    }
}

static int _result_unit(cxi_fx_parser *p, const _fn *fn, size_t at, cxi_fx_unit *u)
{
    if (u->u == CX_FXU_BOOL && fn->op != CX_FX_IF)
        return cxi_fx_fail(p, CX_FXE_UNIT, at, strlen(fn->name), "'%s' of a "
                           "comparison (expected figures; use if(...))", fn->name);
    if (fn->op == CX_FX_YOY)
        *u = (cxi_fx_unit){CX_FXU_RATIO, NULL};
    return 0;
}

int cxi_fx_call(cxi_fx_parser *p, size_t at, size_t n, cxi_fx_unit *u)
{
    const _fn *fn = NULL;
    for (size_t i = 0; i < sizeof _fns / sizeof *_fns && !fn; i++)
        if (strlen(_fns[i].name) == n && !memcmp(_fns[i].name, p->s + at, n))
            fn = &_fns[i];
    if (!fn)
        return cxi_fx_fail(p, CX_FXE_FUNC, at, n, "unknown function '%.*s'",
                           (int)(n > 60 ? 60 : n), p->s + at);
    size_t first = p->f->ncode, years = 1;
    unsigned argc = 0;
    *u = (cxi_fx_unit){CX_FXU_NUMBER, NULL};
    if (_arguments(p, fn, &argc, u, &years))
        return -1;
    if (argc < fn->min || (fn->max && argc > fn->max))
        return cxi_fx_fail(p, CX_FXE_ARGS, at, n, "'%s' takes %s%u argument%s (%s), "
                           "got %u", fn->name, fn->max == fn->min ? ""
                           : fn->max ? "1 or " : "at least ", fn->max ? fn->max : fn->min,
                           (fn->max ? fn->max : fn->min) == 1 ? "" : "s", fn->args, argc);
    if (_result_unit(p, fn, at, u))
        return -1;
    unsigned stack = fn->op == CX_FX_LAG ? 1 : argc;
    if (cxi_fx_emit(p, fn->op, stack, first, at))
        return -1;
    p->f->code[p->f->ncode - 1].index = years;
    return 0;
}
