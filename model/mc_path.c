/*
 * mc_path.c - the burn figures of one Monte Carlo path from its series
 * values, as cx_compute's burn does: net cash flow, cumulative, peak
 * funding need, break-even, payback and run-out years, NPV; and whether
 * the path meets a target.
 */
#include <math.h>
#include "mc_priv.h"

/* Neumaier sum of the discounted flows, as cx_npv (discount.c). */
static double _npv(const cxi_mc_plan *p, const double *flows)
{
    double sum = 0, err = 0, mem = 0;
    for (size_t i = 0; i < p->npv_n; i++) {
        double x = flows[i] / p->disc[i];
        if (x == 0)
            continue;
        if (mem == 0) {
            mem = x;
            continue;
        }
        double t = sum + mem;
        err += fabs(sum) >= fabs(mem) ? (sum - t) + mem : (mem - t) + sum;
        sum = t;
        mem = x;
    }
    double total = sum + err;
    if (mem == 0)
        return total;
    if ((mem < 0) != (total < 0) && total != 0) {
        double d = fabs(mem + total);
        if (d < fabs(mem) * 0x1p-48 && d < fabs(total) * 0x1p-48)
            return 0.0;
    }
    return total + mem;
}

static int _runout(const cxi_mc_plan *p, const double *net)
{
    double prev = p->cash;
    for (size_t i = p->cash_i; i < p->bn; i++) {
        double c = prev + net[i] + p->raises[i];
        if (c < 0)
            return p->first_year + (int)i;
        prev = c;
    }
    return 0;
}

int cxi_mc_break_even(const cxi_mc_plan *p, const double *net)
{
    int burnt = 0;
    for (size_t i = 0; i < p->bn; i++) {
        if (burnt && net[i] >= 0)     /* break-even only after a burn */
            return p->first_year + (int)i;
        burnt |= net[i] < 0;
    }
    return 0;
}

/* The first year after the peak whose cumulative is >= 0; none when the
 * cumulative never goes below 0 (nothing to pay back). */
static int _payback(const cxi_mc_plan *p, const double *cum, int peak_i)
{
    if (peak_i < 0)
        return 0;
    for (size_t i = (size_t)peak_i + 1; i < p->bn; i++)
        if (cum[i] >= 0)
            return p->first_year + (int)i;
    return 0;
}

void cxi_mc_burn(const cxi_mc_plan *p, const double *V, double *net, double *cum,
                 cxi_mc_path_out *o)
{
    const double *a = V + p->in0 + p->bt0, *b = V + p->in1 + p->bt0;
    const double *c = p->ctotal + p->bt0;
    double peak = 0, run = 0;
    int peak_i = -1;
    for (size_t i = 0; i < p->bn; i++) {
        double x = a[i] - b[i] - c[i];
        net[i] = x;
        run = i ? run + x : x;
        cum[i] = run;
        if (run < 0 && run < peak) {
            peak = run;
            peak_i = (int)i;
        }
    }
    o->be = cxi_mc_break_even(p, net);
    o->pb = _payback(p, cum, peak_i);
    o->peak = 0 - peak;
    o->through = cum[p->through_i];
    o->cum = cum;
    o->ro = p->has_cash ? _runout(p, net) : 0;
    o->npv = NAN;
    if (p->npv)
        o->npv = _npv(p, p->npv_series == CX_NO_INDEX ? net
                                                      : V + p->npv_series * p->ny + p->npv_t0);
}

int cxi_mc_target_met(const cxi_mc_plan *p, const cx_target *t, const cxi_mc_path_out *o)
{
    switch (t->kind) {
    case CX_T_BREAK_EVEN_BY:  return o->be && o->be <= t->year;
    case CX_T_PAYBACK_BY:     return o->pb && o->pb <= t->year;
    case CX_T_BURN_BELOW:     return 0 - o->cum[t->year - p->first_year] < t->x;
    case CX_T_PEAK_BELOW:     return o->peak < t->x;
    case CX_T_RUNWAY_THROUGH: return !o->ro || o->ro > t->year;
    case CX_T_NPV_ABOVE:      return o->npv > t->x;
    default:                  return 0;
    }
}
