/*
 * value.c - one figure for one year.
 */
#include <stddef.h>
#include "value.h"

static const char *const _kind_names[] = {
    [CX_V_MISSING]      = "missing",
    [CX_V_EXACT]        = "exact",
    [CX_V_ESTIMATE]     = "estimate",
    [CX_V_FLOOR]        = "floor",
    [CX_V_RANGE]        = "range",
    [CX_V_INTERPOLATED] = "interpolated",
    [CX_V_PROJECTED]    = "projected",
    [CX_V_DERIVED]      = "derived",
};

int cx_value_present(const cx_value *v)
{
    return v && v->kind > CX_V_MISSING && v->kind <= CX_V_DERIVED;
}

int cx_value_stated(const cx_value *v)
{
    return v && v->kind >= CX_V_EXACT && v->kind <= CX_V_RANGE;
}

const char *cx_value_kind_name(cx_value_kind kind)
{
    if ((unsigned)kind >= sizeof _kind_names / sizeof _kind_names[0])
        return "unknown";
    return _kind_names[kind];
}

cx_value cx_value_share(cx_value v, int parts)
{
    v.low /= parts;
    v.base /= parts;
    v.high /= parts;        /* +inf / parts is +inf */
    v.resolution /= parts;
    return v;
}
