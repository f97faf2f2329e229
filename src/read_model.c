/*
 * read_model.c - model files into a cx_model (see read_model.h and
 * docs/format.md).
 *
 * The file is read whole, checked for UTF-8, turned into a positioned tree
 * (yaml_tree.h), and the tree is walked section by section. Every helper
 * returns 0 or an exit code, having printed "FILE:LINE:COL: message"
 * pointing at the offending node: a key for key problems, a value for
 * value problems, the mapping for a missing key.
 *
 * Series are read in three passes so that sums may name any series: the
 * YAML series (without their parts), then the imported CSV series, then
 * the parts of every sum, their units and circularity.
 */
#include "read_model.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "parse_value.h"
#include "read_csv.h"
#include "reader.h"
#include "yaml_tree.h"

typedef struct _reader {
    const char *file;          /* the path as given */
    cx_model *m;
    const yt_node *root;
} _reader;

/* ---- messages -------------------------------------------------------- */

#define _ERR(r, n, ...) reader_error((r)->file, (n)->line, (n)->col, __VA_ARGS__)

static int _nomem(void)
{
    diag_error("out of memory");
    return EX_OSERR;
}

/* An engine status that validated input should never produce. */
static int _engine(cx_status st)
{
    if (st == CX_ENOMEM)
        return _nomem();
    diag_error("internal error: %s", cx_strerror(st));
    return EX_SOFTWARE;
}

/* "'text'", or "a mapping", "a sequence", "nothing". */
static reader_text _got(const yt_node *n)
{
    reader_text t;
    if (n->kind == YT_SCALAR && !yt_is_null(n)) {
        reader_text s = reader_show(n->text, n->len);
        snprintf(t.s, sizeof t.s, "'%.66s'", s.s);
    } else {
        snprintf(t.s, sizeof t.s, "%s", yt_describe(n));
    }
    return t;
}

static reader_text _show(const yt_node *n)
{
    return reader_show(n->text, n->len);
}

/* The key list of a message: "'a', 'b' or 'c'" (last: "or", "and"). */
static void _list(const char *const *keys, const char *last, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; keys[i] && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s%s'%s'",
                         i == 0 ? "" : keys[i + 1] ? ", " : " ",
                         i > 0 && !keys[i + 1] ? last : "",
                         i > 0 && !keys[i + 1] ? " " : "", keys[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

/* ---- shapes and keys -------------------------------------------------- */

static const char *_kind_word(yt_kind k)
{
    return k == YT_MAPPING ? "a mapping" : k == YT_SEQUENCE ? "a sequence" : "text";
}

/* n must be of kind k; what: "for 'series'". */
static int _want(const _reader *r, const yt_node *n, yt_kind k, const char *what)
{
    if (n->kind == k && !(k == YT_SCALAR && yt_is_null(n)))
        return 0;
    return _ERR(r, n, "expected %s %s, got %s", _kind_word(k), what, _got(n).s);
}

/* Every key of map must be one of keys (NULL-terminated). */
static int _known_keys(const _reader *r, const yt_node *map,
                       const char *const *keys, const char *where)
{
    for (size_t i = 0; i < map->npairs; i++) {
        const yt_node *k = map->pairs[i].key;
        size_t j = 0;
        while (keys[j] && strcmp(keys[j], k->text))
            j++;
        if (keys[j])
            continue;
        const char *near = reader_suggest(k->text, keys);
        if (near)
            return _ERR(r, k, "unknown key '%s' %s (did you mean '%s'?)",
                        _show(k).s, where, near);
        char list[400];
        _list(keys, "or", list, sizeof list);
        return _ERR(r, k, "unknown key '%s' %s (expected %s)", _show(k).s, where, list);
    }
    return 0;
}

static int _need(const _reader *r, const yt_node *map, const char *key,
                 const char *where)
{
    if (yt_find(map, key))
        return 0;
    return _ERR(r, map, "missing key '%s' %s", key, where);
}

/* A text value copied into the model; what: "for 'title'". */
static int _text(const _reader *r, const yt_node *n, const char *what,
                 const char **out)
{
    int rc = _want(r, n, YT_SCALAR, what);
    if (rc)
        return rc;
    if (strlen(n->text) != n->len)
        return _ERR(r, n, "unexpected NUL character %s", what);
    return cx_model_strdup(r->m, n->text, out) ? _nomem() : 0;
}

/* A year inside the model's years. what: "for 'from'". */
static int _year(const _reader *r, const yt_node *n, const char *what, int *year)
{
    long y;
    int rc = _want(r, n, YT_SCALAR, what);
    if (rc)
        return rc;
    if (pv_parse_int(n->text, -99999, 99999, &y))
        return _ERR(r, n, "expected a year %s (like %d), got %s", what,
                    r->m->first_year, _got(n).s);
    if (cx_model_year_index(r->m, (int)y) < 0)
        return _ERR(r, n, "year %ld is outside 'years' (%d..%d)", y,
                    r->m->first_year, r->m->last_year);
    *year = (int)y;
    return 0;
}

/* "Y1..Y2" inside the model's years with Y1 < Y2. */
static int _window(const _reader *r, const yt_node *n, const char *text,
                   const char *what, int *from, int *to)
{
    long a, b;
    if (pv_parse_span(text, -99999, 99999, &a, &b))
        return _ERR(r, n, "expected a window of years %s (like %d..%d), got %s",
                    what, r->m->first_year, r->m->last_year, _got(n).s);
    if (cx_model_year_index(r->m, (int)a) < 0 || cx_model_year_index(r->m, (int)b) < 0)
        return _ERR(r, n, "window %ld..%ld is outside 'years' (%d..%d)", a, b,
                    r->m->first_year, r->m->last_year);
    if (a >= b)
        return _ERR(r, n, "window %ld..%ld needs its first year before its last", a, b);
    *from = (int)a;
    *to = (int)b;
    return 0;
}

/* A series named by n. what: "in 'sum_of' of 'capex.total'". */
static int _series_ref(const _reader *r, const yt_node *n, const char *what,
                       size_t *index)
{
    int rc = _want(r, n, YT_SCALAR, what);
    if (rc)
        return rc;
    *index = cx_model_find_series(r->m, n->text);
    if (*index != CX_NO_INDEX)
        return 0;
    const char *near = NULL;
    size_t best = (size_t)-1, len = strlen(n->text);
    for (size_t i = 0; i < r->m->nseries; i++) {
        const char *name = r->m->series[i].name;
        size_t d = reader_distance(n->text, name);
        if (d < best && reader_close(d, len, strlen(name))) {
            best = d;
            near = name;
        }
    }
    if (near)
        return _ERR(r, n, "unknown series '%s' %s (did you mean '%s'?)",
                    _show(n).s, what, near);
    return _ERR(r, n, "unknown series '%s' %s", _show(n).s, what);
}

/* ---- figures --------------------------------------------------------- */

typedef struct _fig {
    pv_rules rules;
    const char *unit;          /* for messages: "money", "%", ... */
} _fig;

static _fig _fig_for(const cx_model *m, cx_unit unit, const char *unit_text)
{
    _fig f = {pv_rules_for(unit, m->scale), reader_unit_name(unit, unit_text)};
    return f;
}

/* A figure; what: "for year 2025". Sets text and position. */
static int _figure(const _reader *r, const yt_node *n, const _fig *f,
                   const char *what, cx_value *out)
{
    if (n->kind != YT_SCALAR)
        return _ERR(r, n, "expected a figure %s (%s), got %s", what,
                    f->rules.percent ? "like 58%, ~40%, 0.58 or 20%..30%"
                                     : "like 381, ~140, 140+ or 645..665",
                    _got(n).s);
    pv_status st = yt_is_null(n) ? PV_EEMPTY
                 : strlen(n->text) != n->len ? PV_ESYNTAX
                 : parse_value(n->text, &f->rules, out);
    if (st != PV_OK)
        return reader_figure_error(r->file, n->line, n->col, st, &f->rules,
                                   n->text, n->len, what, f->unit);
    if (cx_model_strdup(r->m, n->text, &out->text))
        return _nomem();
    out->line = n->line;
    out->col = n->col;
    return 0;
}

/* A single figure (no range, no floor): rates, tolerances. */
static int _single(const _reader *r, const yt_node *n, const _fig *f,
                   const char *what, double *out)
{
    cx_value v;
    int rc = _figure(r, n, f, what, &v);
    if (rc)
        return rc;
    if (v.kind == CX_V_RANGE || v.kind == CX_V_FLOOR)
        return _ERR(r, n, "expected a single figure %s, got the %s '%s'", what,
                    v.kind == CX_V_RANGE ? "range" : "floor", _show(n).s);
    *out = v.base;
    return 0;
}

static const _fig _rate_fig = {{1, 0, CX_SCALE_ONE}, "rate"};

/* ---- the model's own keys -------------------------------------------- */

static const char *const _top_keys[] = {
    "model", "title", "description", "currency", "unit", "years", "as_of",
    "series", "constants", "drivers", "scenarios", "commitments", "burn",
    "checks", "import", NULL
};

/* Before the model exists: r->m is NULL here. */
static int _years(const _reader *r, const yt_node *n, int *first, int *last)
{
    long a, b;
    if (n->kind != YT_SCALAR || pv_parse_span(n->text, -99999, 99999, &a, &b))
        return _ERR(r, n, "expected years as FIRST..LAST for 'years' (like 2023..2030), got %s",
                    _got(n).s);
    if (a < CX_MIN_YEAR || b > CX_MAX_YEAR)
        return _ERR(r, n, "years %ld..%ld go beyond %d..%d", a, b, CX_MIN_YEAR, CX_MAX_YEAR);
    if (a > b)
        return _ERR(r, n, "years %ld..%ld run backwards (expected FIRST <= LAST)", a, b);
    if (b - a + 1 > CX_MAX_YEARS)
        return _ERR(r, n, "years %ld..%ld span %ld years (at most %d)", a, b,
                    b - a + 1, CX_MAX_YEARS);
    *first = (int)a;
    *last = (int)b;
    return 0;
}

static int _model_name(const _reader *r, const yt_node *n)
{
    int rc = _want(r, n, YT_SCALAR, "for 'model'");
    if (rc)
        return rc;
    if (!reader_is_identifier(n->text, n->len))
        return _ERR(r, n, "expected an identifier for 'model' (letters, digits, "
                    "'-', '_' and '.'; it names the output file), got %s", _got(n).s);
    return cx_model_strdup(r->m, n->text, &r->m->name) ? _nomem() : 0;
}

static int _currency(const _reader *r, const yt_node *n)
{
    int rc = _want(r, n, YT_SCALAR, "for 'currency'");
    if (rc)
        return rc;
    int ok = n->len == 3;
    for (size_t i = 0; i < n->len && ok; i++)
        ok = n->text[i] >= 'A' && n->text[i] <= 'Z';
    if (!ok)
        return _ERR(r, n, "expected an ISO 4217 code for 'currency' (like USD, KRW "
                    "or EUR), got %s", _got(n).s);
    return cx_model_strdup(r->m, n->text, &r->m->currency) ? _nomem() : 0;
}

static int _scale(const _reader *r, const yt_node *n)
{
    static const char *const names[] = {"1", "K", "M", "B", "T", NULL};
    int rc = _want(r, n, YT_SCALAR, "for 'unit'");
    if (rc)
        return rc;
    for (int i = 0; names[i]; i++)
        if (!strcmp(n->text, names[i])) {
            r->m->scale = (cx_scale)i;
            return 0;
        }
    return _ERR(r, n, "expected a scale for 'unit' (1, K, M, B or T), got %s",
                _got(n).s);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long _days_from_civil(long y, long mo, long d)
{
    y -= mo <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int _date_ok(long y, long mo, long d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[mo - 1] + (mo == 2 && leap);
}

static int _as_of(const _reader *r, const yt_node *n)
{
    int rc = _want(r, n, YT_SCALAR, "for 'as_of'");
    if (rc)
        return rc;
    const char *s = n->text;
    int shape = n->len == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; i < 10 && shape; i++)
        shape = i == 4 || i == 7 || (s[i] >= '0' && s[i] <= '9');
    long y = 0, mo = 0, d = 0;
    if (shape) {
        y = strtol(s, NULL, 10);
        mo = strtol(s + 5, NULL, 10);
        d = strtol(s + 8, NULL, 10);
    }
    if (!shape || !_date_ok(y, mo, d) || y < CX_MIN_YEAR || y > CX_MAX_YEAR)
        return _ERR(r, n, "expected a date for 'as_of' (YYYY-MM-DD like 2026-02-20), got %s",
                    _got(n).s);
    r->m->as_of = (time_t)_days_from_civil(y, mo, d) * 86400;
    return cx_model_strdup(r->m, n->text, &r->m->as_of_text) ? _nomem() : 0;
}

static int _head(const _reader *r)
{
    const yt_node *n, *root = r->root;
    cx_model *m = r->m;
    int rc = _model_name(r, yt_get(root, "model"));
    if (!rc && (n = yt_get(root, "title")))
        rc = _text(r, n, "for 'title'", &m->title);
    if (!rc && (n = yt_get(root, "description")))
        rc = _text(r, n, "for 'description'", &m->description);
    if (!rc && (n = yt_get(root, "currency")))
        rc = _currency(r, n);
    if (!rc && (n = yt_get(root, "unit")))
        rc = _scale(r, n);
    if (!rc && (n = yt_get(root, "as_of")))
        rc = _as_of(r, n);
    if (rc)
        return rc;
    if (!m->title)
        m->title = m->name;
    if (!m->currency && cx_model_strdup(m, "USD", &m->currency))
        return _nomem();
    if (!m->as_of_text) {
        m->as_of = (time_t)_days_from_civil(2000, 1, 1) * 86400;
        if (cx_model_strdup(m, "2000-01-01", &m->as_of_text))
            return _nomem();
    }
    return 0;
}

/* ---- series, pass 1: everything but the parts of sums ----------------- */

static const char *const _series_keys[] = {
    "values", "label", "unit", "source", "sum_of", "stated", NULL
};

static int _is_short_extra(const char *key)
{
    return !strcmp(key, "source") || !strcmp(key, "label") || !strcmp(key, "unit");
}

/* Nonzero when every figure of the short form is written with `%`. */
static int _all_percent(const yt_node *def)
{
    int any = 0;
    for (size_t i = 0; i < def->npairs; i++) {
        const yt_node *v = def->pairs[i].value;
        if (_is_short_extra(def->pairs[i].key->text))
            continue;
        if (v->kind == YT_MAPPING)
            v = yt_get(v, "value");
        if (!v || v->kind != YT_SCALAR || !pv_is_percent(v->text))
            return 0;
        any = 1;
    }
    return any;
}

/* The short form {2026: ~75%, source: ...}: some key is a year. */
static int _is_short_form(const yt_node *def)
{
    long y;
    for (size_t i = 0; i < def->npairs; i++)
        if (!pv_parse_int(def->pairs[i].key->text, -99999, 99999, &y))
            return 1;
    return 0;
}


/* One year's entry: a figure, or {value: F, source: S}. */
static int _year_entry(const _reader *r, const yt_node *n, const _fig *f,
                       const char *what, cx_value *v)
{
    static const char *const keys[] = {"value", "source", NULL};
    if (n->kind != YT_MAPPING)
        return _figure(r, n, f, what, v);
    char where[48];
    snprintf(where, sizeof where, "in the figure %s", what);
    int rc = _known_keys(r, n, keys, where);
    if (!rc)
        rc = _need(r, n, "value", where);
    if (!rc)
        rc = _figure(r, yt_get(n, "value"), f, what, v);
    const yt_node *src = yt_get(n, "source");
    if (!rc && src)
        rc = _text(r, src, "for 'source'", &v->source);
    return rc;
}

/* Year -> figure pairs of map into series si (skipping the short form's
 * other keys when short). */
static int _year_figures(const _reader *r, const yt_node *map, size_t si,
                         int short_form)
{
    cx_series *s = &r->m->series[si];
    _fig f = _fig_for(r->m, s->unit, s->unit_text);
    size_t count = 0;
    for (size_t i = 0; i < map->npairs; i++) {
        const yt_node *k = map->pairs[i].key;
        if (short_form && _is_short_extra(k->text))
            continue;
        long y;
        if (pv_parse_int(k->text, -99999, 99999, &y))
            return _ERR(r, k, "expected a year in series '%s', got '%s'%s", s->name,
                        _show(k).s, short_form ? " (or 'source', 'label', 'unit')" : "");
        int t = cx_model_year_index(r->m, (int)y);
        if (t < 0)
            return _ERR(r, k, "year %ld is outside 'years' (%d..%d)", y,
                        r->m->first_year, r->m->last_year);
        if (s->stated[t].kind != CX_V_MISSING)
            return _ERR(r, k, "duplicate year %ld in '%s'", y, s->name);
        char what[32];
        snprintf(what, sizeof what, "for year %ld", y);
        int rc = _year_entry(r, map->pairs[i].value, &f, what, &s->stated[t]);
        if (rc)
            return rc;
        count++;
    }
    if (!count)
        return _ERR(r, map, "expected at least one year in series '%s'", s->name);
    return 0;
}

static int _unit(const _reader *r, const yt_node *n, cx_unit *unit,
                 const char **unit_text)
{
    int rc = _want(r, n, YT_SCALAR, "for 'unit'");
    if (rc)
        return rc;
    if (reader_unit(n->text, unit) || strlen(n->text) != n->len)
        return _ERR(r, n, "expected a unit for 'unit' (money, \"%%\", x or a word "
                    "like GW), got %s", _got(n).s);
    if (*unit == CX_U_OTHER && cx_model_strdup(r->m, n->text, unit_text))
        return _nomem();
    return 0;
}

/* Unit, label and source of series si. */
static int _series_texts(const _reader *r, const yt_node *def, size_t si,
                         int short_form)
{
    cx_series *s = &r->m->series[si];
    const yt_node *n;
    int rc = 0;
    if ((n = yt_get(def, "unit")))
        rc = _unit(r, n, &s->unit, &s->unit_text);
    else if (short_form && _all_percent(def))
        s->unit = CX_U_RATIO;           /* {2026: ~75%}: a share */
    if (!rc && (n = yt_get(def, "label")))
        rc = _text(r, n, "for 'label'", &s->label);
    if (!rc && (n = yt_get(def, "source")))
        rc = _text(r, n, "for 'source'", &s->source);
    return rc;
}

static int _series_long(const _reader *r, const yt_node *key, const yt_node *def,
                        size_t si)
{
    const char *name = r->m->series[si].name;
    char where[READER_MAX_NAME + 16];
    snprintf(where, sizeof where, "in series '%s'", name);
    int rc = _known_keys(r, def, _series_keys, where);
    if (rc)
        return rc;
    const yt_pair *values = yt_find(def, "values"), *sum = yt_find(def, "sum_of"),
                  *stated = yt_find(def, "stated");
    if (values && sum)
        return _ERR(r, sum->key, "series '%s' has both 'values' and 'sum_of' "
                    "(a series is stated or a sum, not both)", name);
    if (!values && !sum)
        return _ERR(r, key, "series '%s' needs 'values' or 'sum_of'", name);
    if (stated && !sum)
        return _ERR(r, stated->key, "'stated' in series '%s' needs 'sum_of' (it holds "
                    "the totals a document states for a sum)", name);
    if ((rc = _series_texts(r, def, si, 0)))
        return rc;
    if (sum) {
        r->m->series[si].kind = CX_S_SUM;
        if (!stated)
            return 0;
        values = stated;
    }
    if ((rc = _want(r, values->value, YT_MAPPING, sum ? "of years for 'stated'"
                                                      : "of years for 'values'")))
        return rc;
    return _year_figures(r, values->value, si, 0);
}

static int _series_one(const _reader *r, const yt_node *key, const yt_node *def)
{
    if (!reader_is_series_name(key->text, key->len))
        return _ERR(r, key, "invalid series name '%s' (expected metric.entity like "
                    "capex.google: letters, digits, '_', '-' and dots)", _show(key).s);
    char what[READER_MAX_NAME + 16];
    snprintf(what, sizeof what, "for series '%s'", key->text);
    int rc = _want(r, def, YT_MAPPING, what);
    if (rc)
        return rc;
    size_t si;
    cx_status st = cx_model_add_series(r->m, key->text, &si);
    if (st != CX_OK)
        return _engine(st);
    r->m->series[si].line = key->line;
    r->m->series[si].col = key->col;
    if (!_is_short_form(def))
        return _series_long(r, key, def, si);
    rc = _series_texts(r, def, si, 1);
    return rc ? rc : _year_figures(r, def, si, 1);
}

/* ---- series, pass 3: parts of sums ----------------------------------- */

static int _sum_parts(const _reader *r, const yt_node *list, size_t si)
{
    const cx_series *s = &r->m->series[si];
    char what[READER_MAX_NAME + 32];
    snprintf(what, sizeof what, "of series names for 'sum_of' of '%s'", s->name);
    int rc = _want(r, list, YT_SEQUENCE, what);
    if (rc)
        return rc;
    if (list->nitems == 0)
        return _ERR(r, list, "'sum_of' of '%s' is empty (expected the series it adds up)",
                    s->name);
    size_t *parts = malloc(list->nitems * sizeof *parts);
    if (!parts)
        return _nomem();
    snprintf(what, sizeof what, "in 'sum_of' of '%s'", s->name);
    for (size_t i = 0; i < list->nitems && !rc; i++) {
        const yt_node *n = list->items[i];
        if ((rc = _series_ref(r, n, what, &parts[i])))
            break;
        for (size_t j = 0; j < i && !rc; j++)
            if (parts[j] == parts[i])
                rc = _ERR(r, n, "'%s' is listed twice %s", _show(n).s, what);
        const cx_series *p = &r->m->series[parts[i]];
        if (!rc && (p->unit != s->unit || (p->unit == CX_U_OTHER
                                           && strcmp(p->unit_text, s->unit_text))))
            rc = _ERR(r, n, "part '%s' is in %s but '%s' is in %s (the parts of a "
                      "sum share its unit)", p->name, reader_unit_name(p->unit, p->unit_text),
                      s->name, reader_unit_name(s->unit, s->unit_text));
    }
    if (!rc) {
        cx_status st = cx_series_set_parts(&r->m->series[si], parts, list->nitems);
        if (st != CX_OK)
            rc = _engine(st);
    }
    free(parts);
    return rc;
}

static int _sums_acyclic(const _reader *r, const yt_node *series)
{
    size_t *order = malloc((r->m->nseries ? r->m->nseries : 1) * sizeof *order);
    if (!order)
        return _nomem();
    size_t culprit = CX_NO_INDEX;
    cx_status st = cx_model_order(r->m, order, &culprit);
    free(order);
    if (st == CX_OK)
        return 0;
    if (st != CX_ECYCLE || culprit >= r->m->nseries)
        return _engine(st);
    const char *name = r->m->series[culprit].name;
    const yt_node *def = yt_get(series, name);
    const yt_pair *sum = def ? yt_find(def, "sum_of") : NULL;
    const yt_node *at = sum ? sum->key : def ? def : r->root;
    return _ERR(r, at, "circular sum: '%s' depends on itself through 'sum_of'", name);
}

/* ---- series: the three passes ----------------------------------------- */

static int _imports(const _reader *r, const yt_node *n);

static int _series(const _reader *r)
{
    const yt_node *series = yt_get(r->root, "series"), *imports = yt_get(r->root, "import");
    int rc = 0;
    if (series && !(rc = _want(r, series, YT_MAPPING, "for 'series'")))
        for (size_t i = 0; i < series->npairs && !rc; i++)
            rc = _series_one(r, series->pairs[i].key, series->pairs[i].value);
    if (!rc && imports)
        rc = _imports(r, imports);
    if (!rc && r->m->nseries == 0)
        rc = _ERR(r, series ? series : r->root,
                  "expected at least one series in 'series'");
    for (size_t i = 0; series && i < series->npairs && !rc; i++) {
        const yt_node *def = series->pairs[i].value, *sum = yt_get(def, "sum_of");
        if (sum && !_is_short_form(def))
            rc = _sum_parts(r, sum, cx_model_find_series(r->m,
                                                         series->pairs[i].key->text));
    }
    return rc ? rc : _sums_acyclic(r, series);
}

/* The CSV path: relative to the model file's folder. Caller frees. */
static char *_import_path(const char *model, const char *name)
{
    const char *slash = strrchr(model, '/');
    size_t dir = name[0] == '/' || !slash ? 0 : (size_t)(slash - model) + 1;
    char *p = malloc(dir + strlen(name) + 1);
    if (p) {
        memcpy(p, model, dir);
        strcpy(p + dir, name);
    }
    return p;
}

static int _import_one(const _reader *r, const yt_node *n)
{
    int rc = _want(r, n, YT_SCALAR, "(a CSV file name) for 'import'");
    if (rc)
        return rc;
    if (strlen(n->text) != n->len)
        return _ERR(r, n, "unexpected NUL character in 'import'");
    char *path = _import_path(r->file, n->text);
    if (!path)
        return _nomem();
    FILE *f = fopen(path, "rb");    /* a missing CSV: say where it is named */
    if (!f) {
        reader_error(r->file, n->line, n->col, "cannot open '%s': %s", path,
                     strerror(errno));
        free(path);
        return EX_NOINPUT;
    }
    fclose(f);
    rc = read_csv(r->m, path, n->line, n->col);
    free(path);
    return rc;
}

static int _imports(const _reader *r, const yt_node *n)
{
    if (n->kind != YT_SEQUENCE)
        return _import_one(r, n);
    int rc = 0;
    for (size_t i = 0; i < n->nitems && !rc; i++)
        rc = _import_one(r, n->items[i]);
    return rc;
}

/* ---- drivers ---------------------------------------------------------- */

static const char *const _driver_keys[] = {
    "method", "rate", "rates", "window", "from", "to", "over", "source", NULL
};

static const char *const _methods[] = {"growth", "rates", "cagr", "fade", NULL};

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

static int _method(const _reader *r, const yt_node *n, cx_method *out)
{
    int rc = _want(r, n, YT_SCALAR, "for 'method'");
    if (rc)
        return rc;
    for (int i = 0; _methods[i]; i++)
        if (!strcmp(n->text, _methods[i])) {
            *out = (cx_method)(CX_D_GROWTH + i);
            return 0;
        }
    const char *near = reader_suggest(n->text, _methods);
    if (near)
        return _ERR(r, n, "unknown method '%s' (did you mean '%s'?)", _show(n).s, near);
    return _ERR(r, n, "unknown method '%s' (expected growth, rates, cagr or fade)",
                _show(n).s);
}

static int _rates(const _reader *r, const yt_node *n, cx_driver *d)
{
    int rc = _want(r, n, YT_SEQUENCE, "of rates for 'rates' (like [60%, 40%])");
    if (rc)
        return rc;
    if (n->nitems == 0)
        return _ERR(r, n, "'rates' is empty (expected at least one rate)");
    double *v = malloc(n->nitems * sizeof *v);
    if (!v)
        return _nomem();
    for (size_t i = 0; i < n->nitems && !rc; i++) {
        char what[64];
        snprintf(what, sizeof what, "for projected year %zu in 'rates'", i + 1);
        rc = _single(r, n->items[i], &_rate_fig, what, &v[i]);
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
static int _fade_from(const _reader *r, const yt_node *n, cx_driver *d)
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
    return _single(r, n, &_rate_fig, "for 'from' (or cagr(Y1..Y2))", &d->rate);
}

static int _over(const _reader *r, const yt_node *n, int *over)
{
    long v;
    int rc = _want(r, n, YT_SCALAR, "for 'over'");
    if (rc)
        return rc;
    if (pv_parse_int(n->text, 2, CX_MAX_YEARS, &v))   /* driver.h: over >= 2 */
        return _ERR(r, n, "expected a number of years for 'over' (2 to %d), got %s",
                    CX_MAX_YEARS, _got(n).s);
    *over = (int)v;
    return 0;
}

static int _driver_key(const _reader *r, const yt_pair *p, cx_driver *d)
{
    const char *k = p->key->text;
    const yt_node *v = p->value;
    if (!strcmp(k, "rate"))
        return _single(r, v, &_rate_fig, "for 'rate'", &d->rate);
    if (!strcmp(k, "rates"))
        return _rates(r, v, d);
    if (!strcmp(k, "window")) {
        int rc = _want(r, v, YT_SCALAR, "for 'window'");
        return rc ? rc : _window(r, v, v->text, "for 'window'", &d->cagr_from, &d->cagr_to);
    }
    if (!strcmp(k, "from"))
        return _fade_from(r, v, d);
    if (!strcmp(k, "to"))
        return _single(r, v, &_rate_fig, "for 'to'", &d->terminal);
    return _over(r, v, &d->over);
}

/* Apply the keys of map that belong to d's method; every key the method
 * needs must be there unless the driver was copied from a base. */
static int _driver_keys_apply(const _reader *r, const yt_node *map, cx_driver *d,
                              int copied, const char *series)
{
    const char *const *keys = _method_keys(d->method);
    char list[64];
    _list(keys, "and", list, sizeof list);
    for (size_t i = 0; i < map->npairs; i++) {
        const yt_pair *p = &map->pairs[i];
        const char *k = p->key->text;
        if (!strcmp(k, "method") || !strcmp(k, "source"))
            continue;
        size_t j = 0;
        while (keys[j] && strcmp(keys[j], k))
            j++;
        if (!keys[j])
            return _ERR(r, p->key, "'%s' does not apply to method '%s' (it takes %s)",
                        k, cx_method_name(d->method), list);
        int rc = _driver_key(r, p, d);
        if (rc)
            return rc;
    }
    for (size_t j = 0; keys[j] && !copied && d->method != CX_D_CAGR; j++)
        if (!yt_find(map, keys[j]))
            return _ERR(r, map, "the driver of '%s' needs %s (method %s)", series,
                        list, cx_method_name(d->method));
    return 0;
}

/* A driver for series si from map. base: the driver a scenario changes
 * (NULL for base drivers, or when the series has none). On failure d owns
 * nothing. */
static int _driver(const _reader *r, const yt_node *map, const cx_driver *base,
                   size_t si, cx_driver *d)
{
    const char *series = r->m->series[si].name;
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "in the driver of '%s'", series);
    memset(d, 0, sizeof *d);
    int rc = _known_keys(r, map, _driver_keys, where);
    if (rc)
        return rc;
    const yt_node *mn = yt_get(map, "method"), *src = yt_get(map, "source");
    cx_method method = base ? base->method : CX_D_NONE;
    if (mn && (rc = _method(r, mn, &method)))
        return rc;
    if (method == CX_D_NONE)
        return _ERR(r, map, "missing key 'method' %s (growth, rates, cagr or fade)", where);
    if (src && (rc = _want(r, src, YT_SCALAR, "for 'source'")))
        return rc;
    int copied = base && base->method == method;
    if (copied && cx_driver_copy(d, base) != CX_OK)
        return _nomem();
    d->method = method;
    if ((rc = _driver_keys_apply(r, map, d, copied, series))) {
        cx_driver_release(d);
        return rc;
    }
    d->line = map->line;
    d->col = map->col;
    return 0;
}

/* Driver maps (drivers: or a scenario's drivers:) series -> series index;
 * sum series cannot have one. */
static int _driven_series(const _reader *r, const yt_node *key, const char *where,
                          size_t *si)
{
    int rc = _series_ref(r, key, where, si);
    if (rc)
        return rc;
    if (r->m->series[*si].kind == CX_S_SUM)
        return _ERR(r, key, "'%s' is a sum series and cannot have a driver (it "
                    "follows its parts)", r->m->series[*si].name);
    return 0;
}

static int _drivers(const _reader *r, const yt_node *drivers)
{
    int rc = _want(r, drivers, YT_MAPPING, "for 'drivers'");
    for (size_t i = 0; i < drivers->npairs && !rc; i++) {
        const yt_pair *p = &drivers->pairs[i];
        size_t si;
        if ((rc = _driven_series(r, p->key, "in 'drivers'", &si)))
            break;
        char what[READER_MAX_NAME + 32];
        snprintf(what, sizeof what, "for the driver of '%s'", r->m->series[si].name);
        if ((rc = _want(r, p->value, YT_MAPPING, what)))
            break;
        cx_driver d;
        if ((rc = _driver(r, p->value, NULL, si, &d)))
            break;
        r->m->series[si].driver = d;
    }
    return rc;
}

/* ---- scenarios -------------------------------------------------------- */

static int _scenario_drivers(const _reader *r, const yt_node *drivers, cx_scenario *sc)
{
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "for 'drivers' of scenario '%s'", sc->name);
    int rc = _want(r, drivers, YT_MAPPING, where);
    snprintf(where, sizeof where, "in scenario '%s'", sc->name);
    for (size_t i = 0; i < drivers->npairs && !rc; i++) {
        const yt_pair *p = &drivers->pairs[i];
        size_t si;
        if ((rc = _driven_series(r, p->key, where, &si)))
            break;
        char what[READER_MAX_NAME + 40];
        snprintf(what, sizeof what, "for the driver of '%s'", r->m->series[si].name);
        if ((rc = _want(r, p->value, YT_MAPPING, what)))
            break;
        const cx_driver *base = &r->m->series[si].driver;
        cx_driver d;
        if ((rc = _driver(r, p->value, base->method == CX_D_NONE ? NULL : base, si, &d)))
            break;
        cx_status st = cx_scenario_add_override(sc, si, &d);
        cx_driver_release(&d);
        if (st != CX_OK)
            rc = _engine(st);
    }
    return rc;
}

static int _scenario(const _reader *r, const yt_node *key, const yt_node *def)
{
    static const char *const keys[] = {"description", "drivers", NULL};
    if (!reader_is_identifier(key->text, key->len))
        return _ERR(r, key, "invalid scenario name '%s' (letters, digits, '-', '_' "
                    "and '.')", _show(key).s);
    if (!strcmp(key->text, "base"))
        return _ERR(r, key, "'base' is not a scenario name (it means the drivers "
                    "as written)");
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "for scenario '%s'", key->text);
    int rc = _want(r, def, YT_MAPPING, where);
    snprintf(where, sizeof where, "in scenario '%s'", key->text);
    if (!rc)
        rc = _known_keys(r, def, keys, where);
    cx_scenario *sc;
    cx_status st = CX_OK;
    if (!rc && (st = cx_model_add_scenario(r->m, key->text, &sc)) != CX_OK)
        rc = _engine(st);
    if (rc)
        return rc;
    sc->line = key->line;
    sc->col = key->col;
    const yt_node *n;
    if ((n = yt_get(def, "description")))
        rc = _text(r, n, "for 'description'", &sc->description);
    if (!rc && (n = yt_get(def, "drivers")))
        rc = _scenario_drivers(r, n, sc);
    return rc;
}

static int _scenarios(const _reader *r, const yt_node *n)
{
    int rc = _want(r, n, YT_MAPPING, "for 'scenarios'");
    for (size_t i = 0; i < n->npairs && !rc; i++)
        rc = _scenario(r, n->pairs[i].key, n->pairs[i].value);
    return rc;
}

/* ---- constants -------------------------------------------------------- */

static int _constant(const _reader *r, const yt_node *key, const yt_node *def)
{
    static const char *const keys[] = {"value", "unit", "label", "source", NULL};
    if (!reader_is_identifier(key->text, key->len))
        return _ERR(r, key, "invalid constant name '%s' (letters, digits, '-', '_' "
                    "and '.')", _show(key).s);
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "in constant '%s'", key->text);
    int rc = 0;
    if (def->kind == YT_MAPPING && !(rc = _known_keys(r, def, keys, where)))
        rc = _need(r, def, "value", where);
    cx_constant *c;
    cx_status st = CX_OK;
    if (!rc && (st = cx_model_add_constant(r->m, &c)) != CX_OK)
        rc = _engine(st);
    if (!rc && cx_model_strdup(r->m, key->text, &c->name))
        rc = _nomem();
    if (rc)
        return rc;
    c->line = key->line;
    c->col = key->col;
    c->unit = CX_U_MONEY;
    const yt_node *n, *value = def->kind == YT_MAPPING ? yt_get(def, "value") : def;
    if ((n = yt_get(def, "unit")))
        rc = _unit(r, n, &c->unit, &c->unit_text);
    if (!rc && (n = yt_get(def, "label")))
        rc = _text(r, n, "for 'label'", &c->label);
    if (!rc && (n = yt_get(def, "source")))
        rc = _text(r, n, "for 'source'", &c->source);
    _fig f = _fig_for(r->m, c->unit, c->unit_text);
    snprintf(where, sizeof where, "for constant '%s'", key->text);
    return rc ? rc : _figure(r, value, &f, where, &c->value);
}

static int _constants(const _reader *r, const yt_node *n)
{
    int rc = _want(r, n, YT_MAPPING, "for 'constants'");
    for (size_t i = 0; i < n->npairs && !rc; i++)
        rc = _constant(r, n->pairs[i].key, n->pairs[i].value);
    return rc;
}

/* ---- commitments ------------------------------------------------------ */

static const _fig *_money(const _reader *r, _fig *f)
{
    *f = _fig_for(r->m, CX_U_MONEY, NULL);
    return f;
}

static int _schedule(const _reader *r, const yt_node *n, cx_commitment *c)
{
    int rc = _want(r, n, YT_MAPPING, "of years for 'schedule'");
    if (rc)
        return rc;
    if (n->npairs == 0)
        return _ERR(r, n, "'schedule' is empty (expected year: amount pairs)");
    if (!(c->schedule = calloc(r->m->nyears, sizeof *c->schedule)))
        return _nomem();
    _fig f;
    for (size_t i = 0; i < n->npairs && !rc; i++) {
        const yt_node *k = n->pairs[i].key;
        int y;
        if ((rc = _year(r, k, "in 'schedule'", &y)))
            break;
        cx_value *v = &c->schedule[cx_model_year_index(r->m, y)];
        if (v->kind != CX_V_MISSING)
            rc = _ERR(r, k, "duplicate year %d in the schedule of '%s'", y, c->name);
        char what[32];
        snprintf(what, sizeof what, "for year %d", y);
        if (!rc)
            rc = _figure(r, n->pairs[i].value, _money(r, &f), what, v);
    }
    return rc;
}

static int _period(const _reader *r, const yt_node *def, cx_commitment *c)
{
    const yt_pair *start = yt_find(def, "start"), *years = yt_find(def, "years");
    if (!start != !years)
        return _ERR(r, start ? start->key : years->key, "'%s' needs '%s' (a period "
                    "is a first year and a number of years)", start ? "start" : "years",
                    start ? "years" : "start");
    if (!start)
        return 0;
    long v;
    int rc = _want(r, start->value, YT_SCALAR, "for 'start'");
    if (!rc && pv_parse_int(start->value->text, CX_MIN_YEAR, CX_MAX_YEAR, &v))
        rc = _ERR(r, start->value, "expected a year for 'start' (like 2027), got %s",
                  _got(start->value).s);
    if (rc)
        return rc;
    c->start = (int)v;
    rc = _want(r, years->value, YT_SCALAR, "for 'years'");
    if (!rc && pv_parse_int(years->value->text, 1, CX_MAX_YEARS, &v))
        rc = _ERR(r, years->value, "expected a number of years for 'years' (1 to %d), "
                  "got %s", CX_MAX_YEARS, _got(years->value).s);
    c->years = (int)v;
    return rc;
}

static int _commitment_body(const _reader *r, const yt_node *def, cx_commitment *c)
{
    const yt_pair *total = yt_find(def, "total"), *sched = yt_find(def, "schedule"),
                  *period = yt_find(def, "start");
    const yt_node *n;
    int rc = 0;
    _fig f;
    if (!period)
        period = yt_find(def, "years");
    if (total && sched)
        return _ERR(r, sched->key, "commitment '%s' has both 'total' and 'schedule' "
                    "(one or the other)", c->name);
    if (sched && period)
        return _ERR(r, period->key, "'%s' does not apply with 'schedule' (the "
                    "schedule gives the years)", period->key->text);
    if (!total && !sched)
        return _ERR(r, def, "commitment '%s' needs 'total' or 'schedule'", c->name);
    if (total)
        rc = _figure(r, total->value, _money(r, &f), "for 'total'", &c->total);
    if (!rc && total)
        rc = _period(r, def, c);
    if (!rc && sched)
        rc = _schedule(r, sched->value, c);
    if (!rc && (n = yt_get(def, "note")))
        rc = _text(r, n, "for 'note'", &c->note);
    if (!rc && (n = yt_get(def, "source")))
        rc = _text(r, n, "for 'source'", &c->source);
    return rc;
}

static int _commitment(const _reader *r, const yt_node *def)
{
    static const char *const keys[] = {
        "name", "total", "start", "years", "schedule", "note", "source", NULL
    };
    int rc = _want(r, def, YT_MAPPING, "for a commitment");
    if (!rc)
        rc = _known_keys(r, def, keys, "in a commitment");
    if (!rc)
        rc = _need(r, def, "name", "in a commitment");
    cx_commitment *c;
    cx_status st = CX_OK;
    if (!rc && (st = cx_model_add_commitment(r->m, &c)) != CX_OK)
        rc = _engine(st);
    if (!rc)
        rc = _text(r, yt_get(def, "name"), "for 'name'", &c->name);
    if (rc)
        return rc;
    c->line = def->line;
    c->col = def->col;
    return _commitment_body(r, def, c);
}

static int _commitments(const _reader *r, const yt_node *n)
{
    int rc = _want(r, n, YT_SEQUENCE, "of commitments for 'commitments'");
    for (size_t i = 0; i < n->nitems && !rc; i++)
        rc = _commitment(r, n->items[i]);
    return rc;
}

/* ---- burn ------------------------------------------------------------- */

static int _burn(const _reader *r, const yt_node *n)
{
    static const char *const keys[] = {"net", "revenue", "costs", NULL};
    cx_burn_spec *b = &r->m->burn;
    int rc = _want(r, n, YT_MAPPING, "for 'burn' (like {revenue: A, costs: B} or {net: N})");
    if (!rc)
        rc = _known_keys(r, n, keys, "in 'burn'");
    if (rc)
        return rc;
    const yt_pair *net = yt_find(n, "net"), *rev = yt_find(n, "revenue"),
                  *costs = yt_find(n, "costs");
    if (net && (rev || costs))
        return _ERR(r, (rev ? rev : costs)->key, "'burn' takes 'net' or 'revenue' "
                    "and 'costs', not both");
    if (!net && !(rev && costs))
        return _ERR(r, n, "'burn' needs %s", rev ? "'costs' beside 'revenue'"
                    : costs ? "'revenue' beside 'costs'" : "'net', or 'revenue' and 'costs'");
    b->net = b->revenue = b->costs = CX_NO_INDEX;
    if (net)
        rc = _series_ref(r, net->value, "for 'net' in 'burn'", &b->net);
    else if (!(rc = _series_ref(r, rev->value, "for 'revenue' in 'burn'", &b->revenue)))
        rc = _series_ref(r, costs->value, "for 'costs' in 'burn'", &b->costs);
    b->enabled = !rc;
    b->line = n->line;
    b->col = n->col;
    return rc;
}

/* ---- checks ----------------------------------------------------------- */

static const char *const _check_keys[] = {
    "sum", "growth", "multiple", "cagr", "cumulative", "break_even",
    "from", "to", "stated", "tolerance", "label", "source", NULL
};

/* The check's kind: exactly one of the first CX_C_KIND_COUNT keys. */
static int _check_kind(const _reader *r, const yt_node *def, cx_check_kind *kind,
                       const yt_pair **subject)
{
    *subject = NULL;
    for (int k = 0; k < CX_C_KIND_COUNT; k++) {
        const yt_pair *p = yt_find(def, _check_keys[k]);
        if (!p)
            continue;
        if (*subject)
            return _ERR(r, p->key, "a check has one kind, got '%s' and '%s'",
                        (*subject)->key->text, _check_keys[k]);
        *subject = p;
        *kind = (cx_check_kind)k;
    }
    if (!*subject)
        return _ERR(r, def, "a check needs one of 'sum', 'growth', 'multiple', 'cagr', "
                    "'cumulative' or 'break_even'");
    return 0;
}

/* from/to/stated: required or refused by kind. */
static int _check_shape(const _reader *r, const yt_node *def, cx_check_kind kind)
{
    static const char *const need[] = {"from", "to", "stated", NULL};
    int takes[3] = {kind != CX_C_SUM && kind != CX_C_BREAK_EVEN,
                    kind != CX_C_SUM && kind != CX_C_BREAK_EVEN, kind != CX_C_SUM};
    for (int i = 0; need[i]; i++) {
        const yt_pair *p = yt_find(def, need[i]);
        if (p && !takes[i])
            return _ERR(r, p->key, "'%s' does not apply to a '%s' check", need[i],
                        cx_check_kind_name(kind));
        if (!p && takes[i])
            return _ERR(r, def, "missing key '%s' in the '%s' check", need[i],
                        cx_check_kind_name(kind));
    }
    return 0;
}

/* What the check's series or `burn` is, and the figure rules that go
 * with it. */
static int _check_subject(const _reader *r, const yt_node *n, cx_check *c, _fig *f)
{
    const char *kind = cx_check_kind_name(c->kind);
    char what[48];
    snprintf(what, sizeof what, "for '%s'", kind);
    c->series = CX_NO_INDEX;
    if (c->kind == CX_C_CUMULATIVE || c->kind == CX_C_BREAK_EVEN) {
        int rc = _want(r, n, YT_SCALAR, what);
        if (!rc && strcmp(n->text, "burn"))
            rc = _ERR(r, n, "expected 'burn' for '%s' (the net cash flow), got %s",
                      kind, _got(n).s);
        if (!rc && !r->m->burn.enabled)
            rc = _ERR(r, n, "a '%s' check needs 'burn' (which series make up the net "
                      "cash flow)", kind);
        *f = _fig_for(r->m, c->kind == CX_C_CUMULATIVE ? CX_U_MONEY : CX_U_MULTIPLE, NULL);
        f->unit = c->kind == CX_C_CUMULATIVE ? "money" : "year";
        return rc;
    }
    snprintf(what, sizeof what, "in the '%s' check", kind);
    int rc = _series_ref(r, n, what, &c->series);
    if (rc)
        return rc;
    const cx_series *s = &r->m->series[c->series];
    if (c->kind == CX_C_SUM && s->kind != CX_S_SUM)
        return _ERR(r, n, "'%s' is not a sum series (a 'sum' check needs 'sum_of' "
                    "and 'stated')", s->name);
    cx_unit u = c->kind == CX_C_SUM ? s->unit : c->kind == CX_C_MULTIPLE ? CX_U_MULTIPLE
                                                                          : CX_U_RATIO;
    *f = _fig_for(r->m, u, s->unit_text);
    return 0;
}

static int _check_years(const _reader *r, const yt_node *def, cx_check *c)
{
    const yt_node *from = yt_get(def, "from"), *to = yt_get(def, "to");
    int rc = _year(r, from, "for 'from'", &c->from);
    if (!rc)
        rc = _year(r, to, "for 'to'", &c->to);
    if (!rc && (c->from > c->to || (c->from == c->to && c->kind != CX_C_CUMULATIVE)))
        rc = _ERR(r, to, "'to' %d must come after 'from' %d", c->to, c->from);
    return rc;
}

static int _check_stated(const _reader *r, const yt_node *n, cx_check *c, const _fig *f)
{
    int rc = _figure(r, n, f, "for 'stated'", &c->stated);
    if (rc || c->kind != CX_C_BREAK_EVEN)
        return rc;
    double lo = c->stated.low, hi = c->stated.kind == CX_V_FLOOR ? lo : c->stated.high;
    if (lo != floor(lo) || hi != floor(hi) || lo < CX_MIN_YEAR || hi > CX_MAX_YEAR)
        return _ERR(r, n, "expected a year for 'stated' (like 2030), got %s", _got(n).s);
    return 0;
}

static int _check_body(const _reader *r, const yt_node *def, cx_check *c,
                       const yt_pair *subject)
{
    _fig f;
    const yt_node *n;
    int rc = _check_subject(r, subject->value, c, &f);
    if (!rc && c->kind != CX_C_SUM && c->kind != CX_C_BREAK_EVEN)
        rc = _check_years(r, def, c);
    if (!rc && (n = yt_get(def, "stated")))
        rc = _check_stated(r, n, c, &f);
    if (!rc && (n = yt_get(def, "tolerance"))) {
        rc = _single(r, n, &f, "for 'tolerance'", &c->tolerance);
        if (!rc && c->tolerance < 0)
            rc = _ERR(r, n, "expected a tolerance of 0 or more, got %s", _got(n).s);
    }
    if (!rc && (n = yt_get(def, "label")))
        rc = _text(r, n, "for 'label'", &c->label);
    if (!rc && (n = yt_get(def, "source")))
        rc = _want(r, n, YT_SCALAR, "for 'source'");
    return rc;
}

static int _check(const _reader *r, const yt_node *def)
{
    int rc = _want(r, def, YT_MAPPING, "for a check (like {sum: capex.total})");
    if (!rc)
        rc = _known_keys(r, def, _check_keys, "in a check");
    cx_check_kind kind = CX_C_SUM;
    const yt_pair *subject;
    if (!rc)
        rc = _check_kind(r, def, &kind, &subject);
    if (!rc)
        rc = _check_shape(r, def, kind);
    cx_check *c;
    cx_status st = CX_OK;
    if (!rc && (st = cx_model_add_check(r->m, &c)) != CX_OK)
        rc = _engine(st);
    if (rc)
        return rc;
    c->kind = kind;
    c->tolerance = NAN;
    c->line = def->line;
    c->col = def->col;
    return _check_body(r, def, c, subject);
}

static int _checks(const _reader *r, const yt_node *n)
{
    int rc = _want(r, n, YT_SEQUENCE, "of checks for 'checks'");
    for (size_t i = 0; i < n->nitems && !rc; i++)
        rc = _check(r, n->items[i]);
    return rc;
}

/* ---- the whole model -------------------------------------------------- */

static int _sections(const _reader *r)
{
    const yt_node *n, *root = r->root;
    int rc = _head(r);
    if (!rc)
        rc = _series(r);
    if (!rc && (n = yt_get(root, "constants")))
        rc = _constants(r, n);
    if (!rc && (n = yt_get(root, "drivers")))
        rc = _drivers(r, n);
    if (!rc && (n = yt_get(root, "scenarios")))
        rc = _scenarios(r, n);
    if (!rc && (n = yt_get(root, "commitments")))
        rc = _commitments(r, n);
    if (!rc && (n = yt_get(root, "burn")))
        rc = _burn(r, n);
    if (!rc && (n = yt_get(root, "checks")))
        rc = _checks(r, n);
    return rc;
}

static int _build(const char *path, const yt_node *root, cx_model **out)
{
    _reader r = {path, NULL, root};
    if (root->kind != YT_MAPPING)
        return _ERR(&r, root, "expected a mapping with 'model', 'years' and 'series' "
                    "at the top, got %s", _got(root).s);
    int rc = _known_keys(&r, root, _top_keys, "at the top of the model");
    if (!rc)
        rc = _need(&r, root, "model", "at the top of the model (an identifier)");
    if (!rc)
        rc = _need(&r, root, "years", "at the top of the model (like 2023..2030)");
    if (!rc && !yt_find(root, "import"))
        rc = _need(&r, root, "series", "at the top of the model");
    int first = 0, last = 0;
    if (!rc)
        rc = _years(&r, yt_get(root, "years"), &first, &last);
    if (rc)
        return rc;
    cx_status st = cx_model_new(first, last, &r.m);
    if (st != CX_OK)
        return _engine(st);
    r.m->scale = CX_SCALE_B;
    if (cx_model_strdup(r.m, path, &r.m->file))
        rc = _nomem();
    if (!rc)
        rc = _sections(&r);
    if (rc) {
        cx_model_free(r.m);
        return rc;
    }
    *out = r.m;
    return 0;
}

/* A duplicate key where years are keys reads better as a duplicate year. */
static int _duplicate(const char *path, const yt_error *e)
{
    long y;
    const char *series = NULL;
    if (pv_parse_int(e->key, -99999, 99999, &y))
        return reader_error(path, e->line, e->col, "%s", e->message);
    if (!strcmp(e->parent, "values") || !strcmp(e->parent, "stated"))
        series = e->grandparent;
    else if (!strcmp(e->grandparent, "series"))
        series = e->parent;
    if (series && *series)
        return reader_error(path, e->line, e->col, "duplicate year %ld in '%s'", y, series);
    if (*e->parent)
        return reader_error(path, e->line, e->col, "duplicate year %ld in '%s'", y,
                            e->parent);
    return reader_error(path, e->line, e->col, "%s", e->message);
}

static int _tree(const char *path, const char *buf, size_t len, yt_node **root)
{
    size_t bom = reader_bom(buf, len);
    const char *text = buf + bom;
    size_t n = len - bom, bad = reader_utf8_error(text, n);
    if (bad < n) {
        int line, col;
        reader_position(text, bad, &line, &col);
        return reader_error(path, line, col, "invalid UTF-8 byte 0x%02x (model files "
                            "are UTF-8)", (unsigned char)text[bad]);
    }
    yt_error e;
    yt_status st = yaml_tree_parse(text, n, root, &e);
    if (st == YT_ENOMEM)
        return _nomem();
    if (st != YT_OK)
        return e.duplicate ? _duplicate(path, &e)
                           : reader_error(path, e.line, e.col, "%s", e.message);
    if (!*root)
        return reader_error(path, 1, 1, "empty model (expected a mapping with 'model', "
                            "'years' and 'series')");
    return 0;
}

int read_model(const char *path, cx_model **out)
{
    char *buf;
    size_t len;
    *out = NULL;
    int rc = reader_slurp(path, &buf, &len);
    if (rc)
        return rc;
    yt_node *root = NULL;
    rc = _tree(path, buf, len, &root);
    if (!rc)
        rc = _build(path, root, out);
    yaml_tree_free(root);
    free(buf);
    return rc;
}
