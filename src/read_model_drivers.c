/*
 * read_model_drivers.c - 'drivers' and 'scenarios' of a model file (see
 * read_model_priv.h): how series are projected, and the scenarios that
 * change those drivers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_model_priv.h"

/* ---- drivers ---------------------------------------------------------- */

static const char *const _driver_keys[] = {
    "method", "rate", "rates", "window", "from", "to", "over", "source", NULL
};

static const char *const _methods[] = {"growth", "rates", "cagr", "fade", NULL};

static const rm_fig _rate_fig = {{1, 0, CX_SCALE_ONE}, "rate"};

/* "Y1..Y2" inside the model's years with Y1 < Y2. */
static int _window(const rm_reader *r, const yt_node *n, const char *text,
                   const char *what, int *from, int *to)
{
    long a, b;
    if (pv_parse_span(text, -99999, 99999, &a, &b))
        return RM_ERR(r, n, "expected a window of years %s (like %d..%d), got %s",
                      what, r->m->first_year, r->m->last_year, rm_got(n).s);
    if (cx_model_year_index(r->m, (int)a) < 0 || cx_model_year_index(r->m, (int)b) < 0)
        return RM_ERR(r, n, "window %ld..%ld is outside 'years' (%d..%d)", a, b,
                      r->m->first_year, r->m->last_year);
    if (a >= b)
        return RM_ERR(r, n, "window %ld..%ld needs its first year before its last", a, b);
    *from = (int)a;
    *to = (int)b;
    return 0;
}

/* The keys each method takes, and which of them it needs. */
static const char *const *_method_keys(cx_method m)
{
    static const char *const growth[] = {"rate", NULL}, *const rates[] = {"rates", NULL},
                             *const cagr[] = {"window", NULL},
                             *const fade[] = {"from", "to", "over", NULL};
    switch (m) {
    case CX_D_GROWTH: return growth;
    case CX_D_RATES:  return rates;
    case CX_D_CAGR:   return cagr;
    default:          return fade;
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
    return RM_ERR(r, n, "unknown method '%s' (expected growth, rates, cagr or fade)",
                  rm_show(n).s);
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
        return rm_nomem();
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

/* `from`: a rate, or cagr(Y1..Y2). */
static int _fade_from(const rm_reader *r, const yt_node *n, cx_driver *d)
{
    if (n->kind == YT_SCALAR && !strncmp(n->text, "cagr(", 5) && n->len > 6
        && n->text[n->len - 1] == ')') {
        char inner[64];
        size_t len = n->len - 6 < sizeof inner - 1 ? n->len - 6 : sizeof inner - 1;
        memcpy(inner, n->text + 5, len);
        inner[len] = '\0';
        d->from_cagr = 1;
        return _window(r, n, inner, "in 'from'", &d->cagr_from, &d->cagr_to);
    }
    d->from_cagr = 0;
    return rm_single(r, n, &_rate_fig, "for 'from' (or cagr(Y1..Y2))", &d->rate);
}

static int _driver_key(const rm_reader *r, const yt_pair *p, cx_driver *d)
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
    if (!strcmp(k, "from"))
        return _fade_from(r, v, d);
    if (!strcmp(k, "to"))
        return rm_single(r, v, &_rate_fig, "for 'to'", &d->terminal);
    return rm_count_of_years(r, v, "over", 2, &d->over);   /* driver.h: over >= 2 */
}

/* Apply the keys of map that belong to d's method; every key the method
 * needs must be there unless the driver was copied from a base. */
static int _driver_keys_apply(const rm_reader *r, const yt_node *map, cx_driver *d,
                              int copied, const char *series)
{
    const char *const *keys = _method_keys(d->method);
    char list[64];
    rm_list(keys, "and", list, sizeof list);
    for (size_t i = 0; i < map->npairs; i++) {
        const yt_pair *p = &map->pairs[i];
        const char *k = p->key->text;
        if (!strcmp(k, "method") || !strcmp(k, "source"))
            continue;
        size_t j = 0;
        while (keys[j] && strcmp(keys[j], k))
            j++;
        if (!keys[j])
            return RM_ERR(r, p->key, "'%s' does not apply to method '%s' (it takes %s)",
                          k, cx_method_name(d->method), list);
        int rc = _driver_key(r, p, d);
        if (rc)
            return rc;
    }
    for (size_t j = 0; keys[j] && !copied && d->method != CX_D_CAGR; j++)
        if (!yt_find(map, keys[j]))
            return RM_ERR(r, map, "the driver of '%s' needs %s (method %s)", series,
                          list, cx_method_name(d->method));
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
        return rm_nomem();
    d->method = method;
    if ((rc = _driver_keys_apply(r, map, d, copied, series))) {
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
    return rc;
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
    static const char *const keys[] = {"description", "drivers", NULL};
    if (!reader_is_identifier(key->text, key->len))
        return RM_ERR(r, key, "invalid scenario name '%s' (letters, digits, '-', '_' "
                      "and '.')", rm_show(key).s);
    if (!strcmp(key->text, "base"))
        return RM_ERR(r, key, "'base' is not a scenario name (it means the drivers "
                      "as written)");
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "for scenario '%s'", key->text);
    int rc = rm_want(r, def, YT_MAPPING, where);
    snprintf(where, sizeof where, "in scenario '%s'", key->text);
    if (!rc)
        rc = rm_known_keys(r, def, keys, where);
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
    return rc;
}

int rm_scenarios(const rm_reader *r, const yt_node *n)
{
    return rm_each_pair(r, n, "for 'scenarios'", _scenario);
}

