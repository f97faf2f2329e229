/*
 * compute_discount.c - the model's `discount:` block into result->discount.
 * (Placeholder until discounting lands: nothing to discount.)
 */
#include "compute_priv.h"

cx_status cxi_discount_compute(cx_result *r)
{
    r->discount.enabled = 0;
    return CX_OK;
}
