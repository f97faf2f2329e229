/*
 * commitment.c - contracted outflows spread over the years they are paid in.
 */
#include <math.h>
#include <string.h>
#include "commitment.h"
#include "model.h"

static cx_status _explicit(const cx_commitment *c, size_t nyears, double *out)
{
    for (size_t t = 0; t < nyears; t++) {
        const cx_value *v = &c->schedule[t];
        if (!cx_value_present(v))
            continue;
        if (!isfinite(v->base))
            return CX_ERANGE;
        out[t] = v->base;
    }
    return CX_OK;
}

/* total / years in each year from start; years past the horizon go to
 * *beyond, years before first_year are outside the model and dropped. */
static cx_status _even(const cx_commitment *c, int first_year, size_t nyears,
                       double *out, double *beyond)
{
    double per = c->total.base / c->years;
    if (!isfinite(per))
        return CX_ERANGE;
    int nbeyond = 0;
    for (int i = 0; i < c->years; i++) {
        long t = (long)c->start + i - first_year;
        if (t < 0)
            continue;
        if ((size_t)t < nyears)
            out[t] = per;
        else
            nbeyond++;
    }
    *beyond = per * nbeyond;
    return CX_OK;
}

cx_status cx_commitment_schedule(const cx_commitment *c, int first_year,
                                 size_t nyears, double *out, double *beyond,
                                 int *scheduled)
{
    if (!c || !out || !beyond || !scheduled || nyears == 0 || c->years < 0)
        return CX_EINVAL;
    if (c->start && (c->start < CX_MIN_YEAR || c->start > CX_MAX_YEAR))
        return CX_EINVAL;
    memset(out, 0, nyears * sizeof *out);
    *beyond = 0;
    *scheduled = 0;
    if (c->schedule) {
        *scheduled = 1;
        return _explicit(c, nyears, out);
    }
    if (!c->start || !c->years || !cx_value_present(&c->total))
        return CX_OK;
    *scheduled = 1;
    return _even(c, first_year, nyears, out, beyond);
}
