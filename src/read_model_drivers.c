/*
 * read_model_drivers.c - 'drivers' and 'scenarios' of a model file (see
 * read_model_priv.h): how series are projected, and the scenarios that
 * change those drivers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_model_priv.h"

/* ---- drivers ---------------------------------------------------------- */

static const char *const _driver_keys[] = {
    "method", "rate", "rates", "window", "from", "to", "over", "fit", "saturation",
    "high", "high_years", "fade_years", "of", "share", "share_series", "override",
    "source", "per", NULL
};

/* In cx_method order from CX_D_GROWTH. */
static const char *const _methods[] = {"growth", "rates", "cagr", "fade", "trend",
                                       "stages", "share", "intensity", NULL};

static const rm_fig _rate_fig = {{1, 0, CX_SCALE_ONE, 0, 0}, "rate", 0};
/* A logistic fit's ceiling is in the series' own terms (80 users). */
static const rm_fig _level_fig = {{1, 0, CX_SCALE_ONE, 0, 0}, "level", 1};

/* In a monthly or quarterly model, years Y1..Y2 run from the last period
 * of Y1 to the last period of Y2 (year end to year end), both inside. */
static int _window_periods(const rm_reader *r, const yt_node *n, long a, long b,
                           int *from, int *to)
{
    const cx_calendar *cal = &r->m->cal;
    int first, count;
    cx_calendar_fiscal_years(cal, &first, &count);
    if (a < CX_MIN_YEAR || b > CX_MAX_YEAR)
        return RM_ERR(r, n, "window %ld..%ld goes beyond %d..%d", a, b, CX_MIN_YEAR,
                      CX_MAX_YEAR);
    /* fiscal year Y's periods are numbers Y k .. Y k + k - 1 (period.h) */
    int k = cal->per_year, last_a = (int)a * k + k - 1, last_b = (int)b * k + k - 1;
    if (a >= b)
        return RM_ERR(r, n, "window %ld..%ld needs its first year before its last", a, b);
    if (cx_model_year_index(r->m, last_a) < 0 || cx_model_year_index(r->m, last_b) < 0)
        return RM_ERR(r, n, "window %ld..%ld: the ends of those years are not both "
                      "inside 'periods' (expected years whose last periods are in the "
                      "model, FY%d..FY%d)", a, b, first, first + count - 1);
    *from = last_a;
    *to = last_b;
    return 0;
}

/* "Y1..Y2" inside the model's years with Y1 < Y2. */
static int _window(const rm_reader *r, const yt_node *n, const char *text,
                   const char *what, int *from, int *to)
{
    long a, b;
    if (pv_parse_span(text, -99999, 99999, &a, &b))
        return RM_ERR(r, n, "expected a window of years %s (like %d..%d), got %s",
                      what, r->m->first_year, r->m->last_year, rm_got(n).s);
    if (r->m->cal.per_year != 1)
        return _window_periods(r, n, a, b, from, to);
    if (cx_model_year_index(r->m, (int)a) < 0 || cx_model_year_index(r->m, (int)b) < 0)
        return RM_ERR(r, n, "window %ld..%ld is outside 'years' (%d..%d)", a, b,
                      r->m->first_year, r->m->last_year);
    if (a >= b)
        return RM_ERR(r, n, "window %ld..%ld needs its first year before its last", a, b);
    *from = (int)a;
    *to = (int)b;
    return 0;
}

/* The keys a method takes (besides 'override' on chained methods), and
 * how many of the first ones it needs. */
typedef struct _method_spec {
    const char *const *keys;
    size_t nrequired;
} _method_spec;

static _method_spec _method_keys(cx_method m)
{
    static const char *const growth[] = {"rate", NULL}, *const rates[] = {"rates", NULL},
        *const cagr[] = {"window", NULL}, *const fade[] = {"from", "to", "over", NULL},
        *const trend[] = {"fit", "window", "saturation", NULL},
        *const stages[] = {"high", "high_years", "to", "fade_years", NULL},
        *const share[] = {"of", "share", "share_series", NULL};
    switch (m) {
    case CX_D_GROWTH:    return (_method_spec){growth, 1};
    case CX_D_RATES:     return (_method_spec){rates, 1};
    case CX_D_CAGR:      return (_method_spec){cagr, 0};
    case CX_D_TREND:     return (_method_spec){trend, 1};
    case CX_D_STAGES:    return (_method_spec){stages, 4};
    case CX_D_SHARE:
    case CX_D_INTENSITY: return (_method_spec){share, 1};
    default:             return (_method_spec){fade, 3};
    }
}

static int _method(const rm_reader *r, const yt_node *n, cx_method *out)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'method'");
    if (rc)
        return rc;
    for (int i = 0; _methods[i]; i++)
        if (!strcmp(n->text, _methods[i])) {
            *out = (cx_method)(CX_D_GROWTH + i);
            return 0;
        }
    const char *near = reader_suggest(n->text, _methods);
    if (near)
        return RM_ERR(r, n, "unknown method '%s' (did you mean '%s'?)", rm_show(n).s, near);
    return RM_ERR(r, n, "unknown method '%s' (expected growth, rates, cagr, fade, trend, "
                  "stages, share or intensity)", rm_show(n).s);
}

static int _rates(const rm_reader *r, const yt_node *n, cx_driver *d)
{
    int rc = rm_want(r, n, YT_SEQUENCE, "of rates for 'rates' (like [60%, 40%])");
    if (rc)
        return rc;
    if (n->nitems == 0)
        return RM_ERR(r, n, "'rates' is empty (expected at least one rate)");
    double *v = malloc(n->nitems * sizeof *v);
    if (!v)
        return diag_oom();
    for (size_t i = 0; i < n->nitems && !rc; i++) {
        char what[64];
        snprintf(what, sizeof what, "for projected year %zu in 'rates'", i + 1);
        rc = rm_single(r, n->items[i], &_rate_fig, what, &v[i]);
    }
    if (rc) {
        free(v);
        return rc;
    }
    free(d->rates);
    d->rates = v;
    d->nrates = n->nitems;
    return 0;
}

/* `from` (fade) or `high` (stages): a rate, or cagr(Y1..Y2). */
static int _start(const rm_reader *r, const yt_node *n, const char *key, cx_driver *d)
{
    char what[48];
    if (n->kind == YT_SCALAR && !strncmp(n->text, "cagr(", 5) && n->len > 6
        && n->text[n->len - 1] == ')') {
        char inner[64];
        size_t len = n->len - 6 < sizeof inner - 1 ? n->len - 6 : sizeof inner - 1;
        memcpy(inner, n->text + 5, len);
        inner[len] = '\0';
        d->from_cagr = 1;
        snprintf(what, sizeof what, "in '%s'", key);
        return _window(r, n, inner, what, &d->cagr_from, &d->cagr_to);
    }
    d->from_cagr = 0;
    snprintf(what, sizeof what, "for '%s' (or cagr(Y1..Y2))", key);
    return rm_single(r, n, &_rate_fig, what, &d->rate);
}

static int _fit_kind(const rm_reader *r, const yt_node *n, cx_driver *d)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'fit'");
    if (rc)
        return rc;
    d->fit = cx_fit_kind_parse(n->text);
    if (d->fit == CX_FIT_NONE)
        return RM_ERR(r, n, "unknown fit '%s' (expected linear, exponential or logistic)",
                      rm_show(n).s);
    return 0;
}

static int _saturation(const rm_reader *r, const yt_node *n, cx_driver *d)
{
    double v;
    int rc = rm_single(r, n, &_level_fig, "for 'saturation'", &v);
    if (rc)
        return rc;
    if (!(v > 0))
        return RM_ERR(r, n, "expected a positive saturation, got %s", rm_got(n).s);
    d->saturation = v;
    d->has_saturation = 1;
    return 0;
}

/* The last stated year of series si, 0 when none. */
static int _last_stated(const rm_reader *r, size_t si)
{
    for (int t = (int)r->m->nyears - 1; t >= 0; t--)
        if (cx_value_stated(&r->m->series[si].stated[t]))
            return r->m->first_year + t;
    return 0;
}

/* override: {YEAR: rate, ...}, years after the last stated one; replaces
 * any list the driver had. */
static int _overrides(const rm_reader *r, const yt_node *n, size_t si, cx_driver *d)
{
    int rc = rm_want(r, n, YT_MAPPING, "for 'override' (like {2028: 15%})");
    free(d->rate_overrides);
    d->rate_overrides = NULL;
    d->nrate_overrides = 0;
    int last = _last_stated(r, si);
    const cx_calendar *cal = &r->m->cal;
    /* by period: a fiscal year with a projected period (the last stated
     * period's own year has some after it, unless it ends the year) */
    int fy = cal->per_year == 1 || !last ? last
           : cx_period_fiscal_year(cal, cx_period_of_number(cal, last))
             - ((last % cal->per_year + cal->per_year) % cal->per_year == cal->per_year - 1
                ? 0 : 1);
    for (size_t i = 0; i < n->npairs && !rc; i++) {
        const yt_pair *p = &n->pairs[i];
        int year;
        double rate;
        if ((rc = rm_year(r, p->key, "in 'override'", &year)))
            break;
        if (year <= fy) {
            char at[CX_PERIOD_KEY_MAX];
            rc = RM_ERR(r, p->key, "override year %d is not projected ('%s' is stated up "
                        "to %s; overrides are for the years after)", year,
                        r->m->series[si].name, cal->per_year == 1 ? (snprintf(at, sizeof at,
                        "%d", last), at) : cx_period_number_title(cal, last, at, sizeof at));
            break;
        }
        char what[48];
        snprintf(what, sizeof what, "for %d in 'override'", year);
        if (!(rc = rm_single(r, p->value, &_rate_fig, what, &rate))
            && cx_driver_add_override(d, year, rate) != CX_OK)
            rc = diag_oom();
    }
    return rc;
}

/* of / share_series: another series. */
static int _other_series(const rm_reader *r, const yt_node *n, const char *key,
                         size_t si, size_t *out)
{
    char what[48];
    snprintf(what, sizeof what, "for '%s'", key);
    int rc = rm_series_ref(r, n, what, out);
    if (!rc && *out == si)
        rc = RM_ERR(r, n, "'%s' cannot take its '%s' from itself", r->m->series[si].name, key);
    return rc;
}

/* `per: year|quarter|month`: the unit the driver's rates are stated per. */
static int _per(const rm_reader *r, const yt_node *n, cx_driver *d)
{
    static const char *const units[] = {"year", "quarter", "month", NULL};
    static const int months[] = {12, 3, 1};
    int rc = rm_want(r, n, YT_SCALAR, "for 'per'");
    for (int i = 0; !rc && units[i]; i++)
        if (!strcmp(n->text, units[i])) {
            d->per = months[i];
            return 0;
        }
    return rc ? rc : RM_ERR(r, n, "per %s is not a unit of time (expected year, "
                            "quarter or month)", rm_got(n).s);
}

static int _driver_key(const rm_reader *r, const yt_pair *p, size_t si, cx_driver *d)
{
    const char *k = p->key->text;
    const yt_node *v = p->value;
    if (!strcmp(k, "rate"))
        return rm_single(r, v, &_rate_fig, "for 'rate'", &d->rate);
    if (!strcmp(k, "rates"))
        return _rates(r, v, d);
    if (!strcmp(k, "window")) {
        int rc = rm_want(r, v, YT_SCALAR, "for 'window'");
        return rc ? rc : _window(r, v, v->text, "for 'window'", &d->cagr_from, &d->cagr_to);
    }
    if (!strcmp(k, "from") || !strcmp(k, "high"))
        return _start(r, v, k, d);
    if (!strcmp(k, "to"))
        return rm_single(r, v, &_rate_fig, "for 'to'", &d->terminal);
    if (!strcmp(k, "over"))
        return rm_count_of_years(r, v, "over", 2, &d->over);   /* driver.h: over >= 2 */
    if (!strcmp(k, "high_years"))
        return rm_count_of_years(r, v, "high_years", 0, &d->high_years);
    if (!strcmp(k, "fade_years"))
        return rm_count_of_years(r, v, "fade_years", 0, &d->fade_years);
    if (!strcmp(k, "fit"))
        return _fit_kind(r, v, d);
    if (!strcmp(k, "saturation"))
        return _saturation(r, v, d);
    if (!strcmp(k, "of"))
        return _other_series(r, v, "of", si, &d->of);
    if (!strcmp(k, "share_series")) {
        d->share = NAN;
        return _other_series(r, v, "share_series", si, &d->share_series);
    }
    if (!strcmp(k, "share")) {
        d->share_series = CX_NO_INDEX;
        return rm_single(r, v, &_rate_fig, "for 'share'", &d->share);
    }
    return _overrides(r, v, si, d);
}

/* Apply the keys of map that belong to d's method; every key the method
 * needs must be there unless the driver was copied from a base. */
static int _driver_keys_apply(const rm_reader *r, const yt_node *map, cx_driver *d,
                              int copied, size_t si)
{
    _method_spec spec = _method_keys(d->method);
    char list[80];
    rm_list(spec.keys, "and", list, sizeof list);
    for (size_t i = 0; i < map->npairs; i++) {
        const yt_pair *p = &map->pairs[i];
        const char *k = p->key->text;
        if (!strcmp(k, "method") || !strcmp(k, "source"))
            continue;
        if (!strcmp(k, "per") && cx_method_chained(d->method)) {
            int rc = _per(r, p->value, d);
            if (rc)
                return rc;
            continue;
        }
        size_t j = 0;
        while (spec.keys[j] && strcmp(spec.keys[j], k))
            j++;
        if (!spec.keys[j] && !(cx_method_chained(d->method) && !strcmp(k, "override")))
            return RM_ERR(r, p->key, "'%s' does not apply to method '%s' (it takes %s)",
                          k, cx_method_name(d->method), list);
        int rc = _driver_key(r, p, si, d);
        if (rc)
            return rc;
    }
    const char *required[8] = {NULL};
    for (size_t j = 0; j < spec.nrequired && j < 7; j++)
        required[j] = spec.keys[j];
    rm_list(required, "and", list, sizeof list);
    for (size_t j = 0; j < spec.nrequired && !copied; j++)
        if (!yt_find(map, spec.keys[j]))
            return RM_ERR(r, map, "the driver of '%s' needs %s (method %s)",
                          r->m->series[si].name, list, cx_method_name(d->method));
    return 0;
}

/* ---- what a driver needs of its series -------------------------------- */

static const char *_article(cx_fit_kind k)
{
    return k == CX_FIT_EXPONENTIAL ? "an" : "a";
}

/* A trend needs enough stated values in its window, positive ones unless
 * it is linear; saturation only for a logistic fit. */
static int _check_trend(const rm_reader *r, const yt_node *map, size_t si,
                        const cx_driver *d)
{
    const cx_series *x = &r->m->series[si];
    const char *fit = cx_fit_kind_name(d->fit);
    const yt_node *sat = yt_get(map, "saturation");
    if (d->has_saturation && d->fit != CX_FIT_LOGISTIC)
        return RM_ERR(r, sat ? sat : map, "'saturation' applies only to fit: logistic "
                      "(the driver of '%s' fits %s)", x->name, fit);
    int from = d->cagr_from ? d->cagr_from : r->m->first_year;
    int to = d->cagr_to ? d->cagr_to : r->m->last_year;
    int first = 0, last = 0;
    size_t n = 0;
    for (int y = from; y <= to; y++) {
        const cx_value *v = &x->stated[y - r->m->first_year];
        if (!cx_value_stated(v))
            continue;
        if (d->fit != CX_FIT_LINEAR && !(v->base > 0))
            return RM_ERR(r, map, "%s %s fit needs positive values: '%s' is %s in %d",
                          _article(d->fit), fit, x->name, v->text ? v->text : "0", y);
        first = first ? first : y;
        last = y;
        n++;
    }
    size_t need = cx_fit_min_points(d->fit, d->has_saturation);
    if (n >= need)
        return 0;
    if (!d->cagr_from)
        from = first, to = last;
    if (n == 0)
        return RM_ERR(r, map, "%s %s fit needs at least %zu stated values, '%s' has none",
                      _article(d->fit), fit, need, x->name);
    return RM_ERR(r, map, "%s %s fit needs at least %zu stated values in %d..%d, "
                  "'%s' has %zu", _article(d->fit), fit, need, from, to, x->name, n);
}

static int _check(const rm_reader *r, const yt_node *map, size_t si, const cx_driver *d)
{
    if (d->method == CX_D_TREND)
        return _check_trend(r, map, si, d);
    if (d->method != CX_D_SHARE && d->method != CX_D_INTENSITY)
        return 0;
    if (yt_find(map, "share") && yt_find(map, "share_series"))
        return RM_ERR(r, yt_get(map, "share_series"), "give 'share' or 'share_series' "
                      "in the driver of '%s', not both", r->m->series[si].name);
    if (d->share_series == CX_NO_INDEX && isnan(d->share))
        return RM_ERR(r, map, "the driver of '%s' needs 'share' (like 75%%) or "
                      "'share_series' (a series) (method %s)", r->m->series[si].name,
                      cx_method_name(d->method));
    return 0;
}

/* A driver for series si from map. base: the driver a scenario changes
 * (NULL for base drivers, or when the series has none). On failure d owns
 * nothing. */
static int _driver(const rm_reader *r, const yt_node *map, const cx_driver *base,
                   size_t si, cx_driver *d)
{
    const char *series = r->m->series[si].name;
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "in the driver of '%s'", series);
    memset(d, 0, sizeof *d);
    int rc = rm_known_keys(r, map, _driver_keys, where);
    if (rc)
        return rc;
    const yt_node *mn = yt_get(map, "method"), *src = yt_get(map, "source");
    cx_method method = base ? base->method : CX_D_NONE;
    if (mn && (rc = _method(r, mn, &method)))
        return rc;
    if (method == CX_D_NONE)
        return RM_ERR(r, map, "missing key 'method' %s (growth, rates, cagr or fade)", where);
    if (src && (rc = rm_want(r, src, YT_SCALAR, "for 'source'")))
        return rc;
    int copied = base && base->method == method;
    if (copied && cx_driver_copy(d, base) != CX_OK)
        return diag_oom();
    if (!copied) {
        d->share = NAN;
        d->share_series = CX_NO_INDEX;
    }
    d->method = method;
    if ((rc = _driver_keys_apply(r, map, d, copied, si)) || (rc = _check(r, map, si, d))) {
        cx_driver_release(d);
        return rc;
    }
    d->line = map->line;
    d->col = map->col;
    /* A scenario's driver keeps no source of the base: it is another
     * assumption, and says so only if it gives its own. */
    d->source = NULL;
    if ((rc = rm_opt_text(r, map, "source", &d->source))) {
        cx_driver_release(d);
        return rc;
    }
    return 0;
}

/* The share driver of si that closes a cycle: the last scenario's, else
 * the base one. */
static const cx_driver *_share_driver(const rm_reader *r, size_t si)
{
    const cx_driver *d = &r->m->series[si].driver;
    for (size_t c = 0; c < r->m->nscenarios; c++) {
        const cx_scenario *sc = &r->m->scenarios[c];
        for (size_t o = 0; o < sc->noverrides; o++) {
            const cx_driver *od = &sc->overrides[o].driver;
            if (sc->overrides[o].series == si
                && (od->method == CX_D_SHARE || od->method == CX_D_INTENSITY))
                d = od;
        }
    }
    return d;
}

/* Share drivers (in any scenario) must not make a series depend on itself. */
static int _check_order(const rm_reader *r)
{
    size_t n = r->m->nseries, culprit;
    if (n == 0)
        return 0;
    size_t *order = malloc(n * sizeof *order);
    if (!order)
        return diag_oom();
    cx_status st = cx_model_order(r->m, order, &culprit);
    free(order);
    if (st == CX_OK)
        return 0;
    if (st != CX_ECYCLE || culprit >= n)
        return rm_engine(st);
    const cx_driver *d = _share_driver(r, culprit);
    const char *name = r->m->series[culprit].name;
    if (d->method != CX_D_SHARE && d->method != CX_D_INTENSITY)
        return reader_error(r->file, d->line, d->col, "circular dependency through "
                            "'%s'", name);
    const char *of = r->m->series[d->of].name;
    if (d->share_series == CX_NO_INDEX)
        return reader_error(r->file, d->line, d->col, "circular dependency: the driver "
                            "of '%s' takes 'of: %s', which depends on '%s'", name, of, name);
    return reader_error(r->file, d->line, d->col, "circular dependency: the driver of "
                        "'%s' takes 'of: %s' and 'share_series: %s', one of which depends "
                        "on '%s'", name, of, r->m->series[d->share_series].name, name);
}

/* Driver maps (drivers: or a scenario's drivers:) series -> series index;
 * sum series cannot have one. */
static int _driven_series(const rm_reader *r, const yt_node *key, const char *where,
                          size_t *si)
{
    int rc = rm_series_ref(r, key, where, si);
    if (rc)
        return rc;
    if (r->m->series[*si].kind == CX_S_SUM)
        return RM_ERR(r, key, "'%s' is a sum series and cannot have a driver (it "
                      "follows its parts)", r->m->series[*si].name);
    if (r->m->series[*si].kind == CX_S_DEPRECIATION)
        return RM_ERR(r, key, "'%s' comes from 'depreciation' and cannot have a driver "
                      "(it follows its capex series)", r->m->series[*si].name);
    return 0;
}

/* One pair of a drivers mapping: the series it drives (*si) and its driver
 * (*d). scenario: the driver changes the series' base driver, if any. */
static int _driver_entry(const rm_reader *r, const yt_pair *p, const char *where,
                         int scenario, size_t *si, cx_driver *d)
{
    int rc = _driven_series(r, p->key, where, si);
    if (rc)
        return rc;
    char what[READER_MAX_NAME + 40];
    snprintf(what, sizeof what, "for the driver of '%s'", r->m->series[*si].name);
    if ((rc = rm_want(r, p->value, YT_MAPPING, what)))
        return rc;
    const cx_driver *base = &r->m->series[*si].driver;
    return _driver(r, p->value, scenario && base->method != CX_D_NONE ? base : NULL,
                   *si, d);
}

int rm_drivers(const rm_reader *r, const yt_node *drivers)
{
    int rc = rm_want(r, drivers, YT_MAPPING, "for 'drivers'");
    for (size_t i = 0; i < drivers->npairs && !rc; i++) {
        size_t si;
        cx_driver d;
        if (!(rc = _driver_entry(r, &drivers->pairs[i], "in 'drivers'", 0, &si, &d)))
            r->m->series[si].driver = d;
    }
    return rc ? rc : _check_order(r);
}

/* ---- scenarios -------------------------------------------------------- */

static int _scenario_drivers(const rm_reader *r, const yt_node *drivers, cx_scenario *sc)
{
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "for 'drivers' of scenario '%s'", sc->name);
    int rc = rm_want(r, drivers, YT_MAPPING, where);
    snprintf(where, sizeof where, "in scenario '%s'", sc->name);
    for (size_t i = 0; i < drivers->npairs && !rc; i++) {
        size_t si;
        cx_driver d;
        if ((rc = _driver_entry(r, &drivers->pairs[i], where, 1, &si, &d)))
            break;
        cx_status st = cx_scenario_add_override(sc, si, &d);
        cx_driver_release(&d);
        if (st != CX_OK)
            rc = rm_engine(st);
    }
    return rc;
}

static int _scenario(const rm_reader *r, const yt_node *key, const yt_node *def)
{
    static const char *const keys[] = {"description", "drivers", "depreciation", NULL};
    if (!reader_is_identifier(key->text, key->len))
        return RM_ERR(r, key, "invalid scenario name '%s' (letters, digits, '-', '_' "
                      "and '.')", rm_show(key).s);
    if (!strcmp(key->text, "base"))
        return RM_ERR(r, key, "'base' is not a scenario name (it means the drivers "
                      "as written)");
    if (!strcmp(key->text, "all") || !strcmp(key->text, "low") || !strcmp(key->text, "high"))
        return RM_ERR(r, key, "'%s' is not a scenario name (--scenario all uses 'all', "
                      "and 'low' and 'high' for the ends of the input ranges)", key->text);
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "for scenario '%s'", key->text);
    int rc = rm_want(r, def, YT_MAPPING, where);
    snprintf(where, sizeof where, "in scenario '%s'", key->text);
    if (!rc)
        rc = rm_known_keys(r, def, keys, where);
    if (!rc && r->m->nscenarios >= READER_MAX_SCENARIOS)
        rc = RM_ERR(r, key, "too many scenarios (at most %d in one model)",
                    READER_MAX_SCENARIOS);
    cx_scenario *sc;
    cx_status st = CX_OK;
    if (!rc && (st = cx_model_add_scenario(r->m, key->text, &sc)) != CX_OK)
        rc = rm_engine(st);
    if (rc)
        return rc;
    sc->line = key->line;
    sc->col = key->col;
    const yt_node *n;
    rc = rm_opt_text(r, def, "description", &sc->description);
    if (!rc && (n = yt_get(def, "drivers")))
        rc = _scenario_drivers(r, n, sc);
    if (!rc && (n = yt_get(def, "depreciation")))
        rc = rm_scenario_depreciation(r, n, sc);
    return rc;
}

int rm_scenarios(const rm_reader *r, const yt_node *n)
{
    int rc = rm_each_pair(r, n, "for 'scenarios'", _scenario);
    return rc ? rc : _check_order(r);
}


/* ---- overrides from outside the model file (read_override.c) ---------- */

int rm_override(const rm_reader *r, cx_scenario *sc, const yt_node *key,
                const yt_node *map)
{
    size_t si;
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "in the overrides of '%s'", sc->name);
    int rc = _driven_series(r, key, where, &si);
    char what[READER_MAX_NAME + 40];
    snprintf(what, sizeof what, "for the driver of '%s'", key->text);
    if (!rc)
        rc = rm_want(r, map, YT_MAPPING, what);
    if (rc)
        return rc;
    const cx_driver *base = &r->m->series[si].driver;
    for (size_t i = 0; i < sc->noverrides; i++)
        if (sc->overrides[i].series == si)
            base = &sc->overrides[i].driver;
    cx_driver d;
    if ((rc = _driver(r, map, base->method != CX_D_NONE ? base : NULL, si, &d)))
        return rc;
    cx_status st = cx_scenario_add_override(sc, si, &d);
    cx_driver_release(&d);
    if (st != CX_OK)
        return rm_engine(st);
    return _check_order(r);
}
