/*
 * compute_goals.c - goal seek for the model's goals into result->goals.
 * (Placeholder until goal seek lands: no goals are solved.)
 */
#include "compute_priv.h"

cx_status cxi_goals_compute(cx_result *r)
{
    r->ngoals = 0;
    return CX_OK;
}
