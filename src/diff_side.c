/*
 * diff_side.c - the figures of one side of a comparison (diff_side.h).
 *
 * JSON is read with the YAML reader: a JSON report is a YAML flow document,
 * and libyaml already gives every node its position.
 */
#include "diff_side.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "reader.h"
#include "yaml_tree.h"

/* The key outputs: their names, kinds, and where a JSON report has them. */
static const struct {
    const char *what;
    int kind;
    const char *section, *key;
} _keys[] = {
    {"total burn", DIFF_MONEY, "burn", "total_burn"},
    {"peak cumulative burn", DIFF_MONEY, "burn", "peak_burn"},
    {"peak year", DIFF_YEAR, "burn", "peak_year"},
    {"turns negative year", DIFF_YEAR, "burn", "turns_negative_year"},
    {"break-even year", DIFF_YEAR, "burn", "break_even_year"},
    {"break-even (fraction)", DIFF_FRACTION, "burn", "break_even_fraction"},
    {"payback year", DIFF_YEAR, "burn", "payback_year"},
    {"runway (months)", DIFF_FRACTION, "burn", "runway_months"},
    {"funding gap", DIFF_MONEY, "burn", "funding_gap"},
    {"NPV", DIFF_MONEY, "discount", "npv"},
    {"IRR", DIFF_PERCENT, "discount", "irr"},
    {"checks not passing", DIFF_COUNT, NULL, "warnings"},
};
#define NKEYS (sizeof _keys / sizeof _keys[0])

static int _add(diff_side *s, const char *what, int year, double v, int kind)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        diff_figure *f = realloc(s->f, cap * sizeof *f);
        if (!f)
            return EX_OSERR;
        s->f = f;
        s->cap = cap;
    }
    char *w = strdup(what);
    if (!w)
        return EX_OSERR;
    s->f[s->n++] = (diff_figure){.what = w, .year = year, .v = v, .kind = kind};
    return 0;
}

static int _index(diff_side *s);

#define NET "net cash flow"
#define CUM "cumulative net cash flow"

/* "check LABEL", else "check KIND SERIES" (or "check KIND" for the burn's). */
static void _check_name(char *buf, size_t size, const char *kind, const char *series,
                        const char *label)
{
    if (label)
        snprintf(buf, size, "check %s", label);
    else if (series)
        snprintf(buf, size, "check %s %s", kind, series);
    else
        snprintf(buf, size, "check %s", kind);
}

/* The burn by year, then each check's status, of a result. */
static int _burn_and_checks(diff_side *s, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    const cx_model *m = r->model;
    int rc = 0;
    for (size_t i = 0; b->enabled && i < b->n && !rc; i++)
        rc = _add(s, NET, b->first_year + (int)i, b->net[i], DIFF_MONEY);
    for (size_t i = 0; b->enabled && i < b->n && !rc; i++)
        rc = _add(s, CUM, b->first_year + (int)i, b->burn.cumulative[i], DIFF_MONEY);
    for (size_t i = 0; i < r->nchecks && !rc; i++) {
        const cx_check *def = &m->checks[r->checks[i].check];
        char name[200];
        _check_name(name, sizeof name, cx_check_kind_name(def->kind),
                    cx_check_has_series(def->kind) ? m->series[def->series].name : NULL,
                    def->label);
        rc = _add(s, name, r->checks[i].year, r->checks[i].pass, DIFF_CHECK);
    }
    return rc;
}

static double _year_or_nan(int y)
{
    return y ? (double)y : NAN;
}

int diff_side_from_result(diff_side *s, const cx_result *r)
{
    memset(s, 0, sizeof *s);
    s->cal = r->model->cal;
    const cx_burn_result *b = &r->burn;
    const cx_discount_result *d = &r->discount;
    int burn = b->enabled && b->n, cash = burn && b->funding.has_cash;
    double v[NKEYS] = {
        burn ? b->burn.total_burn : NAN,
        burn ? b->burn.peak_burn : NAN,
        burn ? _year_or_nan(b->burn.peak_year) : NAN,
        burn ? _year_or_nan(b->burn.turns_negative_year) : NAN,
        burn ? _year_or_nan(b->burn.break_even_year) : NAN,
        burn ? cx_period_fraction_year(&s->cal, b->funding.break_even_frac) : NAN,
        burn ? _year_or_nan(b->burn.payback_year) : NAN,
        burn ? b->funding.runway_months : NAN,
        cash ? b->funding.funding_gap : NAN,
        d->enabled ? d->npv : NAN,
        d->enabled ? d->irr : NAN,
        (double)r->warnings,
    };
    int rc = 0;
    for (size_t i = 0; i < NKEYS && !rc; i++)
        rc = _add(s, _keys[i].what, 0, v[i], _keys[i].kind);
    if (!rc)
        rc = _burn_and_checks(s, r);
    const cx_model *m = r->model;
    for (size_t i = 0; i < m->nseries && !rc; i++)
        for (size_t t = 0; t < m->nyears && !rc; t++)
            if (cx_value_present(&r->series[i].v[t]))
                rc = _add(s, m->series[i].name, m->first_year + (int)t,
                          r->series[i].v[t].base, DIFF_MONEY);
    if (!rc)
        rc = _index(s);
    if (rc) {
        diff_side_release(s);
        diag_error("out of memory");
    }
    return rc;
}

/* ---- JSON ------------------------------------------------------------------ */

/* A JSON number (NAN for null or anything else). */
static double _number(const yt_node *n)
{
    if (!n || n->kind != YT_SCALAR || n->style == YT_QUOTED || yt_is_null(n))
        return NAN;
    char *end;
    double v = strtod(n->text, &end);
    return end != n->text && !*end ? v : NAN;
}

/* A text member of a JSON object, NULL when absent or null. */
static const char *_text(const yt_node *obj, const char *key)
{
    const yt_node *n = yt_get(obj, key);
    return n && n->kind == YT_SCALAR && !yt_is_null(n) ? n->text : NULL;
}

static int _bad(const char *path, const yt_node *n, const char *what)
{
    reader_error(path, n ? n->line : 1, n ? n->col : 1, "not a capex JSON report: %s "
                 "(expected the output of capex run -f json)", what);
    return EX_DATAERR;
}

/* A report's period: a year (a number), or a key ("2025Q1", "2025-03") of
 * its calendar, as a period number; NAN for anything else. */
static double _period(const diff_side *s, const yt_node *n)
{
    cx_period_key k;
    int t;
    if (s->cal.per_year == 1 || !n || n->kind != YT_SCALAR || n->style != YT_QUOTED)
        return _number(n);
    if (cx_period_parse(n->text, &k) || cx_period_index(&s->cal, &k, &t))
        return NAN;
    return cx_period_number(&s->cal, t);
}

/* The report's "periods" {frequency, fiscal_year_end, first, last} into
 * s->cal; an annual calendar when it has none (reports of years). */
static int _json_calendar(diff_side *s, const char *path, const yt_node *root)
{
    const yt_node *p = yt_get(root, "periods");
    const yt_node *fye = p && p->kind == YT_MAPPING ? yt_get(p, "fiscal_year_end") : NULL;
    char range[2 * CX_PERIOD_KEY_MAX + 2];
    s->cal = (cx_calendar){.per_year = 1, .fy_end = 12};
    if (!p)
        return 0;
    const char *first = p->kind == YT_MAPPING ? _text(p, "first") : NULL;
    const char *last = p->kind == YT_MAPPING ? _text(p, "last") : NULL;
    double fy = fye ? _number(fye) : 12;
    if (!first || !last || !(fy >= 1 && fy <= 12) ||
        (size_t)snprintf(range, sizeof range, "%s..%s", first, last) >= sizeof range ||
        cx_calendar_parse(range, (int)fy, &s->cal))
        return _bad(path, p, "\"periods\" without its first, last and fiscal_year_end");
    return 0;
}

static int _json_series(diff_side *s, const char *path, const yt_node *series)
{
    if (!series || series->kind != YT_SEQUENCE)
        return _bad(path, series, "no \"series\" list");
    for (size_t i = 0; i < series->nitems; i++) {
        const yt_node *se = series->items[i], *name = yt_get(se, "name");
        const yt_node *values = yt_get(se, "values");
        if (!name || name->kind != YT_SCALAR || !values || values->kind != YT_SEQUENCE)
            return _bad(path, se, "a series without \"name\" and \"values\"");
        for (size_t k = 0; k < values->nitems; k++) {
            double y = _period(s, yt_get(values->items[k], "year"));
            double v = _number(yt_get(values->items[k], "value"));
            if (!isfinite(y))
                return _bad(path, values->items[k],
                            "a value without a \"year\" of the report's periods");
            if (!isnan(v) && _add(s, name->text, (int)y, v, DIFF_MONEY))
                return EX_OSERR;
        }
    }
    return 0;
}

/* burn.years[] (net, cumulative) and checks[] (status) of a report. */
static int _json_burn_checks(diff_side *s, const yt_node *root)
{
    const yt_node *burn = yt_get(root, "burn"), *checks = yt_get(root, "checks");
    const yt_node *years = burn && burn->kind == YT_MAPPING ? yt_get(burn, "years") : NULL;
    static const char *const what[2] = {NET, CUM}, *const key[2] = {"net", "cumulative"};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; years && years->kind == YT_SEQUENCE && i < years->nitems; i++) {
            const yt_node *y = years->items[i];
            double year = _period(s, yt_get(y, "year"));
            if (isfinite(year)
                && _add(s, what[k], (int)year, _number(yt_get(y, key[k])), DIFF_MONEY))
                return EX_OSERR;
        }
    for (size_t i = 0; checks && checks->kind == YT_SEQUENCE && i < checks->nitems; i++) {
        const yt_node *c = checks->items[i];
        const char *kind = _text(c, "kind"), *status = _text(c, "status");
        double year = _period(s, yt_get(c, "year"));
        char name[200];
        if (!kind || !status)
            continue;
        _check_name(name, sizeof name, kind, _text(c, "series"), _text(c, "label"));
        if (_add(s, name, isfinite(year) ? (int)year : 0, !strcmp(status, "pass"), DIFF_CHECK))
            return EX_OSERR;
    }
    return 0;
}

static int _json(diff_side *s, const char *path, const yt_node *root)
{
    if (!root || root->kind != YT_MAPPING || !yt_get(root, "model"))
        return _bad(path, root, "no \"model\"");
    if (_json_calendar(s, path, root))
        return EX_DATAERR;
    for (size_t i = 0; i < NKEYS; i++) {
        const yt_node *sec = _keys[i].section ? yt_get(root, _keys[i].section) : root;
        const yt_node *n = sec && sec->kind == YT_MAPPING ? yt_get(sec, _keys[i].key) : NULL;
        double v = _keys[i].kind == DIFF_YEAR ? _period(s, n) : _number(n);
        if (_add(s, _keys[i].what, 0, v, _keys[i].kind))
            return EX_OSERR;
    }
    if (_json_burn_checks(s, root))
        return EX_OSERR;
    return _json_series(s, path, yt_get(root, "series"));
}

int diff_side_from_json(diff_side *s, const char *path)
{
    memset(s, 0, sizeof *s);
    char *buf;
    size_t len;
    int rc = reader_slurp(path, &buf, &len);
    if (rc)
        return rc;
    size_t bom = reader_bom(buf, len);
    yt_node *root = NULL;
    yt_error err;
    if (yt_parse(buf + bom, len - bom, &root, &err) != YT_OK) {
        rc = reader_error(path, err.line, err.col, "not JSON: %s", err.message);
    } else {
        rc = _json(s, path, root);
        if (!rc)
            rc = _index(s);
        if (rc == EX_OSERR)
            diag_error("out of memory");
    }
    yt_free(root);
    free(buf);
    if (rc)
        diff_side_release(s);
    return rc;
}

/* qsort and bsearch have no context argument: the side being sorted. */
static const diff_side *_sorting;

static int _cmp(const diff_figure *a, const diff_figure *b)
{
    int c = strcmp(a->what, b->what);
    return c ? c : (a->year > b->year) - (a->year < b->year);
}

static int _cmp_index(const void *x, const void *y)
{
    return _cmp(&_sorting->f[*(const size_t *)x], &_sorting->f[*(const size_t *)y]);
}

static int _cmp_key(const void *key, const void *y)
{
    return _cmp(key, &_sorting->f[*(const size_t *)y]);
}

/* The index by (what, year): one sort, then lookups in log time. */
static int _index(diff_side *s)
{
    if (!(s->by_name = malloc((s->n ? s->n : 1) * sizeof *s->by_name)))
        return EX_OSERR;
    for (size_t i = 0; i < s->n; i++)
        s->by_name[i] = i;
    _sorting = s;
    qsort(s->by_name, s->n, sizeof *s->by_name, _cmp_index);
    return 0;
}

const diff_figure *diff_side_find(const diff_side *s, const char *what, int year)
{
    diff_figure key = {.what = (char *)what, .year = year};
    _sorting = s;
    const size_t *i = bsearch(&key, s->by_name, s->n, sizeof *s->by_name, _cmp_key);
    return i ? &s->f[*i] : NULL;
}

void diff_side_release(diff_side *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->f[i].what);
    free(s->f);
    free(s->by_name);
    memset(s, 0, sizeof *s);
}
