/*
 * depreciation.c - the vintage waterfall and PP&E roll-forward of one
 * capex series (depreciation.h has the maths; docs/model.md the cells).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "depreciation.h"

/* + and - as LibreOffice computes them (rtl::math::approxAdd / approxSub):
 * a result that cancels to within 2^-48 of the operands is exactly 0, so a
 * vintage fully depreciated and retired leaves 0, not a rounding residue,
 * in the engine and in the recalculated workbook alike. */
static inline double _add(double a, double b)
{
    double x = a + b;
    if (!(fabs(x) < fabs(a) * 0x1p-48))
        return x;                       /* a and -b not approximately equal */
    return (a < 0 && b > 0) || (b < 0 && a > 0) ? 0 : x;
}

static inline double _sub(double a, double b)
{
    double x = a - b;
    if (!(fabs(x) < fabs(a) * 0x1p-48) && x != 0)
        return x;                       /* a and b not approximately equal */
    return (a < 0 && b < 0) || (a > 0 && b > 0) ? 0 : x;
}

static const char *const _methods[CX_DEP_METHOD_COUNT] = {
    "straight_line", "declining_balance", "sum_of_years",
};
static const char *const _conventions[CX_DEP_CONVENTION_COUNT] = {
    "full_year", "half_year", "next_year",
};

const char *cx_dep_method_name(cx_dep_method m)
{
    return (unsigned)m < CX_DEP_METHOD_COUNT ? _methods[m] : NULL;
}

const char *cx_dep_convention_name(cx_dep_convention c)
{
    return (unsigned)c < CX_DEP_CONVENTION_COUNT ? _conventions[c] : NULL;
}

static int _find(const char *const *names, int n, const char *name)
{
    for (int i = 0; name && i < n; i++)
        if (!strcmp(names[i], name))
            return i;
    return -1;
}

int cx_dep_method_find(const char *name)
{
    return _find(_methods, CX_DEP_METHOD_COUNT, name);
}

int cx_dep_convention_find(const char *name)
{
    return _find(_conventions, CX_DEP_CONVENTION_COUNT, name);
}

double cx_dep_offset(cx_dep_convention c)
{
    return c == CX_DEP_HALF_YEAR ? 0.5 : c == CX_DEP_NEXT_YEAR ? 1.0 : 0.0;
}

/* The longest life of the rule's unit: CX_DEP_MAX_LIFE years. */
static double _max_life(const cx_dep_rule *r)
{
    return r->periods > 1 ? CX_DEP_MAX_LIFE * r->periods : CX_DEP_MAX_LIFE;
}

static int _bad_opening(const cx_dep_rule *r)
{
    return !(isfinite(r->opening_gross) && isfinite(r->opening_net) &&
             isfinite(r->opening_life)) ||
           r->opening_net < 0 || r->opening_net > r->opening_gross ||
           r->opening_life <= 0 || r->opening_life > _max_life(r);
}

cx_dep_rule cx_dep_rule_periods(cx_dep_rule r, int k)
{
    if (k <= 1)
        return r;
    r.life *= k;
    r.opening_life *= k;
    r.periods = k;
    return r;
}

cx_status cx_dep_rule_check(const cx_dep_rule *r, const char **what)
{
    const char *bad = NULL;
    if (!r || !(r->life > 0 && r->life <= _max_life(r)))
        bad = "life";
    else if (!(r->salvage >= 0 && r->salvage < 1))
        bad = "salvage";
    else if ((unsigned)r->method >= CX_DEP_METHOD_COUNT)
        bad = "method";
    else if ((unsigned)r->convention >= CX_DEP_CONVENTION_COUNT)
        bad = "convention";
    else if (r->method == CX_DEP_DECLINING_BALANCE && isfinite(r->db_factor) &&
             (r->db_factor < 0 || r->db_factor > 100))
        bad = "rate";
    else if (r->has_opening && _bad_opening(r))
        bad = "opening";
    if (what)
        *what = bad;
    return bad ? CX_EINVAL : CX_OK;
}

/* Length of asset year j: 1, the fraction of a last partial year, or 0. */
static double _len(double life, size_t j)
{
    double left = life - (double)j;
    return left <= 0 ? 0 : left < 1 ? left : 1;
}

double cx_dep_syd_total(double life)
{
    double m = floor(life), f = life - m;
    return m * life - m * (m - 1) / 2 + f * f;
}

/* Declining balance: the larger of the rate on the book value and the
 * straight line of what is left, never below salvage. */
static double _db_year(double rate, double book, double s, double len, double left)
{
    double rest = _sub(book, s);
    double db = rate * book * len;
    double sl = rest * len / left;
    double u = db > sl ? db : sl;
    if (u > rest)
        u = rest;
    return u > 0 ? u : 0;
}

cx_status cx_dep_asset_years(const cx_dep_rule *r, double *u, size_t n)
{
    if (cx_dep_rule_check(r, NULL) != CX_OK || !u)
        return CX_EINVAL;
    double L = r->life, s = r->salvage, base = 1 - s;
    double w = r->method == CX_DEP_SUM_OF_YEARS ? cx_dep_syd_total(L) : 1;
    double factor = isfinite(r->db_factor) && r->db_factor > 0 ? r->db_factor : 2;
    double done = 0;        /* sum of u_0..u_{j-1}: book value = 1 - done */
    for (size_t j = 0; j < n; j++) {
        double len = _len(L, j);
        if (len <= 0)
            u[j] = 0;
        else if (r->method == CX_DEP_STRAIGHT_LINE)
            u[j] = base * len / L;
        else if (r->method == CX_DEP_SUM_OF_YEARS)
            u[j] = base * len * (L - (double)j) / w;
        else
            u[j] = _db_year(factor / L, _sub(1, done), s, len, L - (double)j);
        done += u[j];
    }
    return CX_OK;
}

/* The part of asset year j (of length len) in asset time [from, to]. */
static double _overlap(size_t j, double len, double from, double to)
{
    double lo = (double)j > from ? (double)j : from;
    double hi = (double)j + len < to ? (double)j + len : to;
    return hi > lo ? hi - lo : 0;
}

/* g_k from the asset years u (length n): step 2 of depreciation.h. */
static void _profile(const cx_dep_rule *r, const double *u, double *g, size_t n)
{
    double o = cx_dep_offset(r->convention);
    for (size_t k = 0; k < n; k++) {
        double from = (double)k - o, to = (double)k + 1 - o, sum = 0;
        for (size_t j = k ? k - 1 : 0; j <= k; j++) {
            double len = _len(r->life, j);
            if (len > 0)
                sum += u[j] * _overlap(j, len, from, to) / len;
        }
        g[k] = sum;
    }
}

/* The arrays of a schedule: what _alloc allocates and cx_dep_release frees. */
enum { DEP_NARRAYS = 8 };
static void _arrays(cx_dep_schedule *s, double **out[DEP_NARRAYS])
{
    double **a[DEP_NARRAYS] = {&s->profile, &s->expense, &s->opening, &s->retired,
                            &s->gross, &s->accumulated, &s->net, &s->to_capex};
    memcpy(out, a, sizeof a);
}

static cx_status _alloc(cx_dep_schedule *s, size_t n)
{
    memset(s, 0, sizeof *s);
    s->n = n;
    double **arrays[DEP_NARRAYS];
    _arrays(s, arrays);
    for (size_t i = 0; i < DEP_NARRAYS; i++)
        if (!(*arrays[i] = calloc(n, sizeof(double))))
            return CX_ENOMEM;
    return CX_OK;
}

/* The opening PP&E's straight line in period t, and its retirement. */
static double _opening_charge(const cx_dep_rule *r, size_t t)
{
    return r->has_opening ? r->opening_net * _overlap(t, 1, 0, r->opening_life) /
                            r->opening_life : 0;
}

static int _opening_retires(const cx_dep_rule *r, size_t t)
{
    return r->has_opening && (double)t == ceil(r->opening_life) - 1;
}

static double _capex(const double *capex, size_t v)
{
    return isnan(capex[v]) ? 0 : capex[v];
}

/* The opening PP&E's retirement at the end of period t, added to out. */
static void _retire_opening(const cx_dep_rule *r, size_t t, double *out, double *out_acc)
{
    if (!_opening_retires(r, t))
        return;
    *out = _add(*out, r->opening_gross);
    *out_acc = _add(*out_acc, r->opening_gross);
}

/* D&A, retirements and the roll-forward, period by period (capex has no
 * NAN: the callers put 0 there). */
static void _roll(const double *capex, const cx_dep_rule *r, cx_dep_schedule *s)
{
    double gross = r->has_opening ? r->opening_gross : 0;
    double acc = r->has_opening ? r->opening_gross - r->opening_net : 0;
    const double *g = s->profile;
    for (size_t t = 0; t < s->n; t++) {
        double open = r->has_opening ? _opening_charge(r, t) : 0, d = open;
        const double *gk = g + t;       /* vintage v charges capex[v] * g[t - v] */
        for (const double *c = capex; c <= capex + t; c++, gk--)
            d += *c * *gk;
        double out = t >= s->end_offset ? capex[t - s->end_offset] : 0;
        double out_acc = out * (1 - r->salvage);
        if (r->has_opening)
            _retire_opening(r, t, &out, &out_acc);
        gross = _sub(_add(gross, capex[t]), out);
        acc = _sub(_add(acc, d), out_acc);
        s->expense[t] = d;
        s->gross[t] = gross;
        s->accumulated[t] = acc;
        s->net[t] = _sub(gross, acc);
        if (s->opening)
            s->opening[t] = open;
        if (s->retired)
            s->retired[t] = out;
        if (s->to_capex)
            s->to_capex[t] = capex[t] != 0 ? d / capex[t] : NAN;
    }
}

cx_status cx_dep_compute(const double *capex, size_t n, const cx_dep_rule *rule,
                         cx_dep_schedule *out)
{
    if (!out)
        return CX_EINVAL;
    memset(out, 0, sizeof *out);
    if (!capex || !n || cx_dep_rule_check(rule, NULL) != CX_OK)
        return CX_EINVAL;
    cx_status st = _alloc(out, n);
    double *u = st == CX_OK ? malloc(2 * n * sizeof *u) : NULL;
    if (!u) {
        cx_dep_release(out);
        return CX_ENOMEM;
    }
    double *bought = u + n;
    for (size_t v = 0; v < n; v++)
        bought[v] = _capex(capex, v);
    cx_dep_profile(rule, u, out->profile, n);
    cx_dep_roll(bought, rule, out);
    free(u);
    return CX_OK;
}

/* Straight line: the share of each asset year is proportional to its
 * length, so g_k is the part of the life in [k - o, k + 1 - o] at
 * (1 - s) / L a year - the two-term sum of _profile in one step (equal to
 * it within rounding; a drawn life computes this once per path). */
static void _profile_straight(const cx_dep_rule *r, double *g, size_t n)
{
    double o = cx_dep_offset(r->convention), rate = (1 - r->salvage) / r->life;
    for (size_t k = 0; k < n; k++)
        g[k] = rate * _overlap(0, r->life, (double)k - o, (double)k + 1 - o);
}

cx_status cx_dep_profile(const cx_dep_rule *rule, double *u, double *g, size_t n)
{
    if (!u && rule && rule->method == CX_DEP_STRAIGHT_LINE) {
        cx_status st = cx_dep_rule_check(rule, NULL);
        if (st == CX_OK)
            _profile_straight(rule, g, n);
        return st;
    }
    cx_status st = cx_dep_asset_years(rule, u, n);
    if (st == CX_OK && rule->method == CX_DEP_STRAIGHT_LINE)
        _profile_straight(rule, g, n);
    else if (st == CX_OK)
        _profile(rule, u, g, n);
    return st;
}

size_t cx_dep_end_offset(const cx_dep_rule *rule)
{
    return (size_t)(ceil(rule->life + cx_dep_offset(rule->convention)) - 1);
}

void cx_dep_roll(const double *capex, const cx_dep_rule *rule, cx_dep_schedule *s)
{
    s->end_offset = cx_dep_end_offset(rule);
    _roll(capex, rule, s);
}

double cx_dep_vintage(const cx_dep_schedule *s, const double *capex, size_t v, size_t t)
{
    return t < v || t >= s->n ? 0 : _capex(capex, v) * s->profile[t - v];
}

void cx_dep_release(cx_dep_schedule *s)
{
    if (!s)
        return;
    double **arrays[DEP_NARRAYS];
    _arrays(s, arrays);
    for (size_t i = 0; i < DEP_NARRAYS; i++)
        free(*arrays[i]);
    memset(s, 0, sizeof *s);
}
