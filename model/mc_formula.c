/*
 * mc_formula.c - derived series on a Monte Carlo path: a formula whose
 * inputs are uncertain is run again on the path's values (formula.h), its
 * derived years replaced (the plan's FORMULA steps, mc_priv.h); the
 * scratch a worker needs for it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "mc_priv.h"

cx_status cxi_mc_fx_plan(cxi_mc_plan *p)
{
    const cx_model *m = p->m;
    p->consts = malloc((m->nconstants ? m->nconstants : 1) * sizeof *p->consts);
    if (!p->consts)
        return CX_ENOMEM;
    for (size_t c = 0; c < m->nconstants; c++)
        p->consts[c] = m->constants[c].value.base;
    for (size_t i = 0; i < p->nops; i++) {
        const cx_series *se = &m->series[p->ops[i].series];
        size_t need = p->ops[i].kind == CXI_OP_FORMULA
                      ? cx_formula_scratch(&se->formula, p->ny) : 0;
        if (need > p->fx_need)
            p->fx_need = need;
    }
    return CX_OK;
}

int cxi_mc_fx_init(const cxi_mc_plan *p, cxi_mc_fx *fx, double *V)
{
    fx->sv = malloc((p->ns ? p->ns : 1) * sizeof *fx->sv);
    fx->scratch = malloc((p->fx_need ? p->fx_need : 1) * sizeof *fx->scratch);
    if (!fx->sv || !fx->scratch)
        return -1;
    for (size_t s = 0; s < p->ns; s++)
        fx->sv[s] = V + s * p->ny;
    return 0;
}

void cxi_mc_fx_release(cxi_mc_fx *fx)
{
    free(fx->sv);
    free(fx->scratch);
}

/* The result stays at the bottom of the scratch: a series' runs are
 * consecutive steps (mc_ops.c, _series), so no other formula runs between
 * its evaluation and its later runs' copies. */
void cxi_mc_fx_run(const cxi_mc_plan *p, const cxi_mc_op *op, double *V, cxi_mc_fx *fx)
{
    if (op->eval) {
        cx_fx_env env = {fx->sv, p->consts, p->ny, (size_t)p->m->cal.per_year,
                         fx->scratch, NULL};
        cx_formula_eval(&p->m->series[op->series].formula, &env, fx->scratch, NULL, NULL);
    }
    memcpy(V + op->dst + op->t0, fx->scratch + op->t0, op->n * sizeof *V);
}
