/*
 * formula.h - derived series: an expression of other series and constants
 * (`formula: "ocf.amazon - capex.amazon"`), compiled once into a flat
 * postfix program and evaluated over every period at once.
 *
 * Grammar (docs/format.md, "Formulas"):
 *   expr    := sum [ ("<" | "<=" | ">" | ">=" | "==" | "!=") sum ]
 *   sum     := product { ("+" | "-") product }
 *   product := unary { ("*" | "/") unary }
 *   unary   := ("-" | "+") unary | primary
 *   primary := FIGURE | NAME | FUNC "(" args ")" | "(" expr ")"
 * FIGURE as figures are written elsewhere (3, ~3, 58%, 1.4T); NAME a
 * series or a constant; FUNC one of lag, cumsum, min, max, abs, if, sum,
 * yoy. A missing value is NAN while evaluating, with the reason beside it.
 *
 * The engine's period is a year today: periods are indexed 0..nper-1 and
 * lag(x, n) looks n * steps_per_year periods back, so that monthly or
 * quarterly models only change the environment.
 */
#ifndef CX_FORMULA_H
#define CX_FORMULA_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"

struct cx_model;

/** Postfix operations; operands are the instructions before. */
typedef enum cx_fx_op {
    CX_FX_NUM = 0, CX_FX_SERIES, CX_FX_CONST,
    CX_FX_NEG, CX_FX_ADD, CX_FX_SUB, CX_FX_MUL, CX_FX_DIV,
    CX_FX_LT, CX_FX_LE, CX_FX_GT, CX_FX_GE, CX_FX_EQ, CX_FX_NE,
    CX_FX_LAG, CX_FX_CUMSUM, CX_FX_MIN, CX_FX_MAX, CX_FX_ABS, CX_FX_IF,
    CX_FX_SUM, CX_FX_YOY,
    CX_FX_OP_COUNT
} cx_fx_op;

typedef struct cx_fx_ins {
    cx_fx_op op;
    unsigned argc;     /**< operands taken from the stack */
    size_t index;      /**< SERIES / CONST: which; LAG: years back */
    double x;          /**< NUM: the figure in the model's units */
    size_t first;      /**< first instruction of this subexpression */
    size_t offset;     /**< byte offset of its token in the text */
} cx_fx_ins;

/** What a formula's figures measure, as the unit checker sees them. */
typedef enum cx_fx_unit {
    CX_FXU_NUMBER = 0, /**< a plain figure: takes the unit it meets */
    CX_FXU_MONEY, CX_FXU_RATIO, CX_FXU_MULTIPLE, CX_FXU_OTHER, CX_FXU_BOOL
} cx_fx_unit;

typedef struct cx_formula {
    cx_fx_ins *code;   /**< postfix; owned */
    size_t ncode;
    size_t depth;      /**< most values on the stack at once */
    size_t *inputs;    /**< distinct series used, in first-use order; owned */
    size_t ninputs;
    cx_fx_unit unit;   /**< of the result */
    const char *unit_text; /**< CX_FXU_OTHER: "GW" (the model's string) */
} cx_formula;

/** Why a formula could not be compiled. */
typedef enum cx_fx_err {
    CX_FXE_NONE = 0,
    CX_FXE_SYNTAX,     /**< unexpected token, unclosed parenthesis ... */
    CX_FXE_NAME,       /**< unknown series or constant (name at offset) */
    CX_FXE_FUNC,       /**< unknown function (name at offset) */
    CX_FXE_ARGS,       /**< wrong number or kind of arguments */
    CX_FXE_UNIT,       /**< units that do not go together */
    CX_FXE_DEPTH,      /**< nested too deeply */
    CX_FXE_LONG,       /**< text too long */
    CX_FXE_GLOB,       /**< sum(GLOB) matches no series */
    CX_FXE_NOMEM
} cx_fx_err;

typedef struct cx_fx_error {
    cx_fx_err code;
    size_t offset;     /**< byte offset in the text of the offending token */
    size_t len;        /**< its length (a name for CX_FXE_NAME / FUNC) */
    char message[200]; /**< lowercase, what was expected in parentheses */
} cx_fx_error;

#define CX_FX_MAX_TEXT  65536 /**< bytes in one expression */
#define CX_FX_MAX_DEPTH 100   /**< nested parentheses and calls */

/** Names of the functions, NULL-terminated (for suggestions). */
extern const char *const cx_fx_functions[];

/**
 * Compile text[0..len) for series self of m (whose name sum(GLOB) skips):
 * names resolve to m's series, then its constants. On failure returns
 * CX_EINVAL (CX_ENOMEM) with err filled and *out empty. Release with
 * cx_formula_release.
 */
cx_status cx_formula_compile(const struct cx_model *m, size_t self,
                             const char *text, size_t len, cx_formula *out,
                             cx_fx_error *err);

void cx_formula_release(cx_formula *f);

/** Why a period is empty: kind in the low 3 bits, a series above them. */
enum {
    CX_FXW_OK = 0,
    CX_FXW_MISSING,    /**< an input series has no value: (series << 3) | 1 */
    CX_FXW_DIV0,       /**< division by zero */
    CX_FXW_LAG,        /**< lag or yoy before the first period */
    CX_FXW_RANGE       /**< not finite (overflow) */
};
#define CX_FXW_KIND(w)   ((w) & 7u)
#define CX_FXW_SERIES(w) ((size_t)((w) >> 3))

/** Where a formula reads its inputs. */
typedef struct cx_fx_env {
    const double *const *series; /**< [nseries][nper], NAN = no value */
    const double *constants;     /**< [nconstants] */
    size_t nper;
    size_t steps_per_year;       /**< 1 for yearly models */
    double *scratch;             /**< cx_formula_scratch() doubles */
    uint32_t *why_scratch;       /**< as many, or NULL (no reasons) */
} cx_fx_env;

/** Doubles of scratch a formula needs for nper periods. */
size_t cx_formula_scratch(const cx_formula *f, size_t nper);

/**
 * Evaluate f over every period into out[nper] (NAN where empty); when
 * why and env->why_scratch are not NULL, why[t] says why out[t] is empty.
 * starts (may be NULL) gets, per instruction, the first period where a
 * cumsum's operand has a value (-1 when none). out may be env->scratch
 * (the result is left there, not copied). Never fails.
 */
void cx_formula_eval(const cx_formula *f, const cx_fx_env *env, double *out,
                     uint32_t *why, int *starts);

/** Name of an operation's function ("lag"), or its operator ("+"). */
const char *cx_fx_op_name(cx_fx_op op);

#endif
