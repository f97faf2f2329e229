/*
 * formula_priv.h - private to the formula compiler (formula.c, the
 * functions in formula_call.c, figures and units in formula_unit.c).
 */
#ifndef CX_FORMULA_PRIV_H
#define CX_FORMULA_PRIV_H

#include <stddef.h>
#include "formula.h"

struct cx_model;

/** A subexpression's unit: text names a CX_FXU_OTHER unit ("GW"). */
typedef struct cxi_fx_unit {
    cx_fx_unit u;
    const char *text;
} cxi_fx_unit;

typedef struct cxi_fx_parser {
    const struct cx_model *m;
    size_t self;              /**< the series being defined */
    const char *s;
    size_t len, pos;
    cx_formula *f;
    size_t cap;               /**< allocated instructions */
    cx_fx_error *err;
    size_t sp;                /**< values on the stack after the code so far */
    int nest;                 /**< parentheses, calls and signs open */
    unsigned char *seen;      /**< [nseries] already an input */
} cxi_fx_parser;

/** Record the first error (later ones are ignored); returns -1. */
int cxi_fx_fail(cxi_fx_parser *p, cx_fx_err code, size_t at, size_t len,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

int cxi_fx_expr(cxi_fx_parser *p, cxi_fx_unit *u);
int cxi_fx_emit(cxi_fx_parser *p, cx_fx_op op, unsigned argc, size_t first,
                size_t at);
int cxi_fx_use_series(cxi_fx_parser *p, size_t s, size_t at);
int cxi_fx_accept(cxi_fx_parser *p, const char *tok);
int cxi_fx_expected(cxi_fx_parser *p, const char *what);
int cxi_fx_peek(cxi_fx_parser *p);
/** End of the name (glob: with '*' and '?') at the parser's position. */
size_t cxi_fx_name_end(const cxi_fx_parser *p, int glob);
size_t cxi_fx_find_constant(const struct cx_model *m, const char *s, size_t n);

/** A call of the function named s[at..at+n), its '(' read. */
int cxi_fx_call(cxi_fx_parser *p, size_t at, size_t n, cxi_fx_unit *u);

/** A figure at the parser's position (3, ~3, 58%, 1.4T) in model units. */
int cxi_fx_lex_figure(cxi_fx_parser *p, double *x, cxi_fx_unit *u);

/** The unit of op applied to a and b into a; -1 (error at at) when they
 *  do not go together. */
int cxi_fx_combine(cxi_fx_parser *p, cx_fx_op op, size_t at, cxi_fx_unit *a,
                   const cxi_fx_unit *b);

/** Nonzero when a and b are the same unit (a plain number fits any). */
int cxi_fx_same(const cxi_fx_unit *a, const cxi_fx_unit *b);

/** "money", "%", "x", "GW", "a plain number", "a comparison". */
const char *cxi_fx_unit_name(const cxi_fx_unit *u);

cxi_fx_unit cxi_fx_series_unit(const struct cx_model *m, size_t s);
cxi_fx_unit cxi_fx_constant_unit(const struct cx_model *m, size_t c);

#endif
