/*
 * check.c - names of the audit check kinds.
 */
#include "check.h"

static const char *const _kind_names[CX_C_KIND_COUNT] = {
    [CX_C_SUM]        = "sum",
    [CX_C_GROWTH]     = "growth",
    [CX_C_MULTIPLE]   = "multiple",
    [CX_C_CAGR]       = "cagr",
    [CX_C_CUMULATIVE] = "cumulative",
    [CX_C_BREAK_EVEN] = "break_even",
    [CX_C_RANGE]      = "range",
};

const char *cx_check_kind_name(cx_check_kind kind)
{
    if ((unsigned)kind >= CX_C_KIND_COUNT)
        return "unknown";
    return _kind_names[kind];
}

int cx_check_has_series(cx_check_kind kind)
{
    return kind != CX_C_CUMULATIVE && kind != CX_C_BREAK_EVEN;
}

int cx_check_has_period(cx_check_kind kind)
{
    return kind == CX_C_GROWTH || kind == CX_C_MULTIPLE || kind == CX_C_CAGR
        || kind == CX_C_CUMULATIVE;
}
