/*
 * read_model_uncertainty.c - the 'uncertainty' section (docs/format.md,
 * "Uncertainty"): distributions of drivers, their rank correlation, the
 * targets whose probability `capex mc` reports, and its fan chart.
 *
 *   uncertainty:
 *     revenue.lab: {dist: triangular, low: 80%, mode: 110%, high: 130%}
 *     costs.lab: {dist: normal, mean: 10%, sd: 4%}
 *     correlation: [[revenue.lab, costs.lab, 0.5]]
 *     targets: [{break_even_by: 2030}, {cumulative_burn_through: 2029, below: 115}]
 */
#include <stdio.h>
#include <string.h>

#include "read_model_priv.h"

static const char *const _block_keys[] = {
    "correlation", "repair", "from_ranges", "targets", "fan", "burn_through",
    "bins", NULL
};

static int _reserved(const char *key)
{
    for (size_t i = 0; _block_keys[i]; i++)
        if (!strcmp(key, _block_keys[i]))
            return 1;
    return 0;
}

/* ---- one distribution -------------------------------------------------- */

/* The parameters each distribution takes, after "dist" and "source". */
static const char *const _params[CX_DIST_COUNT][6] = {
    [CX_DIST_NORMAL] = {"dist", "source", "mean", "sd", NULL},
    [CX_DIST_LOGNORMAL] = {"dist", "source", "mean", "sd", NULL},
    [CX_DIST_UNIFORM] = {"dist", "source", "low", "high", NULL},
    [CX_DIST_TRIANGULAR] = {"dist", "source", "low", "mode", "high", NULL},
    [CX_DIST_PERT] = {"dist", "source", "low", "mode", "high", NULL},
    [CX_DIST_DISCRETE] = {"dist", "source", "values", "p", NULL},
};

static int _kind(const rm_reader *r, const yt_node *n, cx_dist_kind *k)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'dist'");
    if (rc)
        return rc;
    *k = cx_dist_kind_of(n->text);
    if (*k == CX_DIST_COUNT)
        return RM_ERR(r, n, "unknown distribution %s for 'dist' (expected normal, "
                      "lognormal, uniform, triangular, pert or discrete)", rm_got(n).s);
    return 0;
}

/* A parameter of a distribution in f's terms (rates, or a life's years). */
static int _number(const rm_reader *r, const yt_node *map, const char *key,
                   const rm_fig *f, double *out)
{
    char what[32];
    snprintf(what, sizeof what, "for '%s'", key);
    return rm_single(r, yt_get(map, key), f, what, out);
}

/* values: [..] and p: [..] of the same length. */
static int _discrete(const rm_reader *r, const yt_node *def, const rm_fig *vf, cx_dist *d)
{
    const yt_node *v = yt_get(def, "values"), *p = yt_get(def, "p");
    int rc = rm_want(r, v, YT_SEQUENCE, "for 'values' (like [5%, 10%, 15%])");
    if (!rc)
        rc = rm_want(r, p, YT_SEQUENCE, "for 'p' (like [0.25, 0.5, 0.25])");
    if (!rc && (v->nitems != p->nitems || v->nitems == 0 || v->nitems > 1000))
        return RM_ERR(r, p, "expected as many probabilities in 'p' as 'values' has "
                      "(1 to 1000), got %zu for %zu", p->nitems, v->nitems);
    double vals[1000], probs[1000];
    rm_fig f = rm_fig_for(r->m, CX_U_RATIO, NULL);
    for (size_t i = 0; !rc && i < v->nitems; i++) {
        rc = rm_single(r, v->items[i], vf, "in 'values'", &vals[i]);
        if (!rc)
            rc = rm_single(r, p->items[i], &f, "in 'p'", &probs[i]);
        if (!rc && !(probs[i] >= 0))
            rc = RM_ERR(r, p->items[i], "expected a probability of 0 or more in 'p', got %s",
                        rm_got(p->items[i]).s);
    }
    if (rc)
        return rc;
    cx_status st = cx_dist_set_discrete(d, vals, probs, v->nitems);
    if (st == CX_EINVAL)
        return RM_ERR(r, p, "expected probabilities summing to 1 in 'p'");
    return st ? rm_engine(st) : 0;
}

static int _params_of(const rm_reader *r, const yt_node *def, const rm_fig *f, cx_dist *d)
{
    const char *const *keys = _params[d->kind];
    int rc = 0;
    for (size_t i = 2; !rc && keys[i]; i++)
        rc = rm_need(r, def, keys[i], "in this distribution");
    if (rc || d->kind == CX_DIST_DISCRETE)
        return rc ? rc : _discrete(r, def, f, d);
    if (d->kind == CX_DIST_NORMAL || d->kind == CX_DIST_LOGNORMAL) {
        rc = _number(r, def, "mean", f, &d->mean);
        return rc ? rc : _number(r, def, "sd", f, &d->sd);
    }
    rc = _number(r, def, "low", f, &d->low);
    if (!rc)
        rc = _number(r, def, "high", f, &d->high);
    if (!rc && d->kind != CX_DIST_UNIFORM)
        rc = _number(r, def, "mode", f, &d->mode);
    if (d->kind == CX_DIST_UNIFORM)
        d->mode = d->low;
    return rc;
}

/* Why cx_dist_prepare refused the parameters. */
static int _bad_params(const rm_reader *r, const yt_node *def, const cx_dist *d)
{
    if (d->kind == CX_DIST_NORMAL || d->kind == CX_DIST_LOGNORMAL) {
        if (d->sd < 0)
            return RM_ERR(r, yt_get(def, "sd"), "expected 'sd' of 0 or more");
        return RM_ERR(r, yt_get(def, "mean"), "expected 'mean' above 0 for a "
                      "lognormal distribution");
    }
    if (d->low > d->high)
        return RM_ERR(r, yt_get(def, "low"), "expected 'low' no higher than 'high'");
    return RM_ERR(r, yt_get(def, "mode"), "expected 'mode' between 'low' and 'high'");
}

static int _dist(const rm_reader *r, const yt_node *def, const rm_fig *f, cx_dist *d)
{
    int rc = rm_want(r, def, YT_MAPPING,
                     "for a distribution (like {dist: normal, mean: 10%, sd: 3%})");
    if (!rc)
        rc = rm_need(r, def, "dist", "in a distribution");
    if (!rc)
        rc = _kind(r, yt_get(def, "dist"), &d->kind);
    if (!rc)
        rc = rm_known_keys(r, def, _params[d->kind], "in this distribution");
    if (!rc)
        rc = _params_of(r, def, f, d);
    if (!rc && cx_dist_prepare(d) != CX_OK)
        rc = _bad_params(r, def, d);
    return rc;
}

/* ---- inputs ------------------------------------------------------------ */

static const char *_why_not(const cx_model *m, size_t s)
{
    const cx_series *se = &m->series[s];
    if (se->kind == CX_S_SUM)
        return "a sum follows its parts: give its parts distributions";
    if (se->kind == CX_S_DEPRECIATION && se->dep_part != CX_DEP_EXPENSE)
        return "it follows its depreciation: give the entry's life a distribution "
               "under its D&A series' name";
    if (se->kind == CX_S_DEPRECIATION)
        return NULL;
    switch (se->driver.method) {
    case CX_D_NONE:  return "it has no driver (give it one under 'drivers')";
    case CX_D_TREND: return "a trend fit has no single rate to sample";
    case CX_D_RATES: return se->driver.nrates ? NULL : "its rate list is empty";
    case CX_D_SHARE: case CX_D_INTENSITY:
        return se->driver.share_series != CX_NO_INDEX
             ? "its share comes from a series: sample that series instead" : NULL;
    default:         return NULL;
    }
}

/* A drawn life stays within (0, 100] years: a bounded distribution. */
static int _life_dist(const rm_reader *r, const yt_node *key, const cx_dist *d)
{
    double lo = d->low, hi = d->high;
    if (d->kind == CX_DIST_NORMAL || d->kind == CX_DIST_LOGNORMAL)
        return RM_ERR(r, key, "a life needs a bounded distribution (uniform, triangular, "
                      "pert or discrete), not %s", cx_dist_name(d->kind));
    if (d->kind == CX_DIST_DISCRETE) {
        lo = hi = d->values[0];
        for (size_t i = 1; i < d->n; i++) {
            lo = d->values[i] < lo ? d->values[i] : lo;
            hi = d->values[i] > hi ? d->values[i] : hi;
        }
    }
    if (!(lo > 0 && hi <= CX_DEP_MAX_LIFE))
        return RM_ERR(r, key, "the life of '%s' would be drawn from %g to %g years "
                      "(expected above 0 and at most %.0f)", r->m->series[
                      cx_model_find_series(r->m, key->text)].name, lo, hi, CX_DEP_MAX_LIFE);
    return 0;
}

static int _input(const rm_reader *r, const yt_node *key, const yt_node *def)
{
    cx_uncertainty *u = r->m->uncertainty;
    if (_reserved(key->text))
        return 0;
    size_t s;
    int rc = rm_series_ref(r, key, "in 'uncertainty'", &s);
    if (rc)
        return rc;
    const char *why = _why_not(r->m, s);
    if (why)
        return RM_ERR(r, key, "cannot sample '%s': %s", r->m->series[s].name, why);
    cx_stochastic *in;
    cx_status st = cx_uncertainty_add_input(u, &in);
    if (st != CX_OK)
        return rm_engine(st);
    int life = r->m->series[s].kind == CX_S_DEPRECIATION;
    in->param = life ? CX_MC_LIFE : CX_MC_DRIVER;
    in->series = s;
    in->line = key->line;
    in->col = key->col;
    rm_fig f = life ? rm_fig_for(r->m, CX_U_OTHER, "years") : rm_fig_for(r->m, CX_U_RATIO, NULL);
    int rc2 = _dist(r, def, &f, &in->dist);
    if (!rc2 && life)
        rc2 = _life_dist(r, key, &in->dist);
    return rc2 ? rc2 : rm_opt_text(r, def, "source", &in->source);
}

/* from_ranges: every range figure of an input series not projected by a
 * trend becomes triangular or pert (low, base, high). */
static int _from_ranges(const rm_reader *r, const yt_node *n)
{
    cx_uncertainty *u = r->m->uncertainty;
    int rc = rm_want(r, n, YT_SCALAR, "for 'from_ranges'");
    if (rc)
        return rc;
    if (!strcmp(n->text, "pert")) u->from_ranges = CX_FR_PERT;
    else if (!strcmp(n->text, "triangular")) u->from_ranges = CX_FR_TRIANGULAR;
    else if (!strcmp(n->text, "none")) return 0;
    else return RM_ERR(r, n, "expected pert, triangular or none for 'from_ranges', got %s",
                       rm_got(n).s);
    const cx_model *m = r->m;
    for (size_t s = 0; s < m->nseries; s++) {
        if (m->series[s].kind != CX_S_INPUT || m->series[s].driver.method == CX_D_TREND)
            continue;
        for (size_t t = 0; t < m->nyears; t++) {
            const cx_value *v = &m->series[s].stated[t];
            if (v->kind != CX_V_RANGE || !(v->low < v->high))
                continue;
            cx_stochastic *in;
            cx_status st = cx_uncertainty_add_input(u, &in);
            if (st != CX_OK)
                return rm_engine(st);
            *in = (cx_stochastic){.param = CX_MC_FIGURE, .series = s,
                                  .year = m->first_year + (int)t, .line = v->line,
                                  .col = v->col};
            in->dist = (cx_dist){.kind = u->from_ranges == CX_FR_PERT ? CX_DIST_PERT
                                                                       : CX_DIST_TRIANGULAR,
                                 .low = v->low, .mode = v->base, .high = v->high};
            if (cx_dist_prepare(&in->dist) != CX_OK)
                return rm_engine(CX_EINVAL);
        }
    }
    return 0;
}

/* ---- correlation ------------------------------------------------------- */

static int _corr_input(const rm_reader *r, const yt_node *n, size_t *input)
{
    size_t s;
    int rc = rm_series_ref(r, n, "in 'correlation'", &s);
    if (rc)
        return rc;
    *input = cx_uncertainty_find(r->m->uncertainty, CX_MC_DRIVER, s, 0);
    if (*input == (size_t)-1)
        return RM_ERR(r, n, "'%s' has no distribution in 'uncertainty' to correlate",
                      r->m->series[s].name);
    return 0;
}

static int _corr_item(const rm_reader *r, const yt_node *it, size_t *a, size_t *b,
                      double *rho)
{
    int rc = rm_want(r, it, YT_SEQUENCE,
                     "for a correlation (like [revenue.lab, costs.lab, 0.5])");
    if (!rc && it->nitems != 3)
        return RM_ERR(r, it, "expected [series, series, rank correlation] in "
                      "'correlation', got %zu items", it->nitems);
    if (!rc)
        rc = _corr_input(r, it->items[0], a);
    if (!rc)
        rc = _corr_input(r, it->items[1], b);
    if (!rc && *a == *b)
        return RM_ERR(r, it->items[1], "a series is not correlated with itself");
    rm_fig f = rm_fig_for(r->m, CX_U_RATIO, NULL);
    f.level = 1;              /* a correlation, not a rate: 1.5 is refused below */
    if (!rc)
        rc = rm_single(r, it->items[2], &f, "for a rank correlation", rho);
    if (!rc && !(*rho >= -1 && *rho <= 1))
        return RM_ERR(r, it->items[2], "expected a rank correlation between -1 and 1, "
                      "got %s", rm_got(it->items[2]).s);
    return rc;
}

static int _repair(const rm_reader *r, const yt_node *map, int *repair)
{
    const yt_node *n = yt_get(map, "repair");
    *repair = 0;
    if (!n)
        return 0;
    int rc = rm_want(r, n, YT_SCALAR, "for 'repair'");
    if (!rc && strcmp(n->text, "true") && strcmp(n->text, "false"))
        return RM_ERR(r, n, "expected true or false for 'repair', got %s", rm_got(n).s);
    *repair = !rc && n->text[0] == 't';
    return rc;
}

static int _correlation(const rm_reader *r, const yt_node *map, const yt_node *n)
{
    size_t a[256], b[256];
    double rho[256];
    int repair, rc = rm_want(r, n, YT_SEQUENCE, "for 'correlation'");
    if (!rc && n->nitems > 256)
        return RM_ERR(r, n, "at most 256 correlations, got %zu", n->nitems);
    for (size_t i = 0; !rc && i < n->nitems; i++)
        rc = _corr_item(r, n->items[i], &a[i], &b[i], &rho[i]);
    if (!rc)
        rc = _repair(r, map, &repair);
    if (rc)
        return rc;
    cx_status st = cx_uncertainty_correlate(r->m->uncertainty, a, b, rho, n->nitems, repair);
    if (st == CX_EDOMAIN)
        return RM_ERR(r, n, "the correlation matrix is not positive definite (no set of "
                      "inputs can have these correlations together; add 'repair: true' "
                      "to use the nearest matrix that is)");
    return st ? rm_engine(st) : 0;
}

/* ---- targets, fan, burn_through, bins ---------------------------------- */

static int _target_kind(const rm_reader *r, const yt_node *def, cx_target *t,
                        const yt_node **at)
{
    int found = 0;
    for (int k = 0; k < CX_T_COUNT; k++) {
        const yt_pair *p = yt_find(def, cx_target_kind_name((cx_target_kind)k));
        if (!p)
            continue;
        if (found++)
            return RM_ERR(r, p->key, "one target per item (this one already asks '%s')",
                          cx_target_kind_name(t->kind));
        t->kind = (cx_target_kind)k;
        *at = p->value;
    }
    if (!found)
        return RM_ERR(r, def, "expected a target: break_even_by, payback_by, "
                      "cumulative_burn_through (with below), peak_funding_below, "
                      "runway_through or npv_above");
    return 0;
}

static int _target_value(const rm_reader *r, const yt_node *def, const yt_node *v,
                         cx_target *t)
{
    const cx_model *m = r->m;
    rm_fig money = rm_fig_for(m, CX_U_MONEY, NULL);
    switch (t->kind) {
    case CX_T_PEAK_BELOW:
        return rm_single(r, v, &money, "for 'peak_funding_below'", &t->x);
    case CX_T_NPV_ABOVE:
        if (!m->discount.enabled)
            return RM_ERR(r, v, "'npv_above' needs 'discount'");
        return rm_single(r, v, &money, "for 'npv_above'", &t->x);
    case CX_T_RUNWAY_THROUGH:
        if (!cx_value_present(&m->burn.cash))
            return RM_ERR(r, v, "'runway_through' needs the cash under 'burn'");
        break;
    default:
        break;
    }
    int rc = rm_period(r, v, "for the target's year", 1, &t->year);
    if (!rc && t->kind == CX_T_BURN_BELOW) {
        rc = rm_need(r, def, "below", "in a 'cumulative_burn_through' target");
        if (!rc)
            rc = rm_single(r, yt_get(def, "below"), &money, "for 'below'", &t->x);
    } else if (!rc && yt_find(def, "below")) {
        rc = RM_ERR(r, yt_find(def, "below")->key, "'below' goes with "
                    "'cumulative_burn_through' only");
    }
    return rc;
}

static int _target(const rm_reader *r, const yt_node *def)
{
    static const char *const keys[] = {
        "break_even_by", "payback_by", "cumulative_burn_through", "below",
        "peak_funding_below", "runway_through", "npv_above", "label", NULL
    };
    int rc = rm_want(r, def, YT_MAPPING, "for a target (like {break_even_by: 2030})");
    if (!rc)
        rc = rm_known_keys(r, def, keys, "in a target");
    cx_target *t;
    cx_status st = CX_OK;
    if (!rc && (st = cx_uncertainty_add_target(r->m->uncertainty, &t)) != CX_OK)
        rc = rm_engine(st);
    const yt_node *v = NULL;
    if (!rc)
        rc = _target_kind(r, def, t, &v);
    if (rc)
        return rc;
    t->line = def->line;
    t->col = def->col;
    rc = _target_value(r, def, v, t);
    return rc ? rc : rm_opt_text(r, def, "label", &t->label);
}

static int _fan_item(const rm_reader *r, const yt_node *n)
{
    size_t e;
    int rc = rm_want(r, n, YT_SCALAR, "in 'fan'");
    if (!rc && (!strcmp(n->text, "net") || !strcmp(n->text, "cumulative")))
        e = n->text[0] == 'n' ? CX_FAN_NET : CX_FAN_CUMULATIVE;
    else if (!rc)
        rc = rm_series_ref(r, n, "in 'fan' (or net, cumulative)", &e);
    if (rc)
        return rc;
    if (r->m->uncertainty->nfan >= 16)
        return RM_ERR(r, n, "at most 16 entries in 'fan'");
    cx_status st = cx_uncertainty_add_fan(r->m->uncertainty, e);
    return st ? rm_engine(st) : 0;
}

static int _bins(const rm_reader *r, const yt_node *n, int *bins)
{
    long v;
    int rc = rm_want(r, n, YT_SCALAR, "for 'bins'");
    if (!rc && pv_parse_int(n->text, 1, 1000, &v))
        return RM_ERR(r, n, "expected a number of bins from 1 to 1000 for 'bins', got %s",
                      rm_got(n).s);
    if (!rc)
        *bins = (int)v;
    return rc;
}

/* What needs the burn: targets, fan net / cumulative, burn_through. */
static int _needs_burn(const rm_reader *r, const yt_node *n)
{
    const yt_node *k = NULL;
    if (yt_find(n, "targets"))
        k = yt_find(n, "targets")->key;
    else if (yt_find(n, "burn_through"))
        k = yt_find(n, "burn_through")->key;
    if (!k || r->m->burn.enabled)
        return 0;
    return RM_ERR(r, k, "'%s' needs 'burn' (it is about the net cash flow)", k->text);
}

static int _settings(const rm_reader *r, const yt_node *n)
{
    cx_uncertainty *u = r->m->uncertainty;
    const yt_node *v;
    int rc = _needs_burn(r, n);
    if (!rc && (v = yt_get(n, "targets")))
        rc = rm_each_item(r, v, "of targets for 'targets'", _target);
    if (!rc && (v = yt_get(n, "fan")))
        rc = rm_each_item(r, v, "for 'fan' (like [cumulative, revenue.lab])", _fan_item);
    for (size_t i = 0; !rc && i < u->nfan; i++)
        if ((u->fan[i] == CX_FAN_NET || u->fan[i] == CX_FAN_CUMULATIVE) && !r->m->burn.enabled)
            rc = RM_ERR(r, yt_get(n, "fan"), "'net' and 'cumulative' in 'fan' need 'burn'");
    if (!rc && (v = yt_get(n, "burn_through")))
        rc = rm_period(r, v, "for 'burn_through'", 1, &u->burn_through);
    if (!rc && (v = yt_get(n, "bins")))
        rc = _bins(r, v, &u->bins);
    if (!rc && yt_get(n, "repair") && !yt_get(n, "correlation"))
        rc = RM_ERR(r, yt_find(n, "repair")->key, "'repair' goes with 'correlation'");
    return rc;
}

int rm_uncertainty(const rm_reader *r, const yt_node *n)
{
    int rc = rm_want(r, n, YT_MAPPING, "for 'uncertainty'");
    if (rc)
        return rc;
    cx_status st = cx_uncertainty_new(&r->m->uncertainty);
    if (st != CX_OK)
        return rm_engine(st);
    r->m->uncertainty->line = n->line;
    r->m->uncertainty->col = n->col;
    rc = rm_each_pair(r, n, "for 'uncertainty'", _input);
    const yt_node *v;
    if (!rc && (v = yt_get(n, "from_ranges")))
        rc = _from_ranges(r, v);
    if (!rc && (v = yt_get(n, "correlation")))
        rc = _correlation(r, n, v);
    if (!rc)
        rc = _settings(r, n);
    if (!rc && r->m->uncertainty->ninputs == 0)
        rc = RM_ERR(r, n, "'uncertainty' gives no distribution (like revenue.lab: "
                    "{dist: normal, mean: 40%%, sd: 10%%}) and no range to sample");
    return rc;
}
