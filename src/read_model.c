/*
 * read_model.c - model files into a cx_model (see read_model.h and
 * docs/format.md): read_model(), the file and its tree, the top-level keys
 * and the order in which the sections are read.
 *
 * The file is read whole, checked for UTF-8, turned into a positioned tree
 * (yaml_tree.h), and the tree is walked section by section; each section
 * has its own file (read_model_priv.h lists them).
 */
#include "read_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "currency.h"
#include "read_model_priv.h"

/* ---- the model's own keys -------------------------------------------- */

static const char *const _top_keys[] = {
    "model", "title", "description", "currency", "unit", "years", "as_of",
    "series", "constants", "drivers", "scenarios", "commitments", "burn",
    "checks", "import", "discount", "goals", "sensitivity", "uncertainty",
    "depreciation", "periods", "fiscal_year_end", NULL
};

/* Before the model exists: r->m is NULL here. */
static int _years(const rm_reader *r, const yt_node *n, int *first, int *last)
{
    long a, b;
    if (n->kind != YT_SCALAR || pv_parse_span(n->text, -99999, 99999, &a, &b))
        return RM_ERR(r, n, "expected years as FIRST..LAST for 'years' (like "
                      "2023..2030), got %s", rm_got(n).s);
    if (a < CX_MIN_YEAR || b > CX_MAX_YEAR)
        return RM_ERR(r, n, "years %ld..%ld go beyond %d..%d", a, b, CX_MIN_YEAR, CX_MAX_YEAR);
    if (a > b)
        return RM_ERR(r, n, "years %ld..%ld run backwards (expected FIRST <= LAST)", a, b);
    if (b - a + 1 > CX_MAX_YEARS)
        return RM_ERR(r, n, "years %ld..%ld span %ld years (at most %d)", a, b,
                      b - a + 1, CX_MAX_YEARS);
    *first = (int)a;
    *last = (int)b;
    return 0;
}

static int _model_name(const rm_reader *r, const yt_node *n)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'model'");
    if (rc)
        return rc;
    if (!reader_is_identifier(n->text, n->len))
        return RM_ERR(r, n, "expected an identifier for 'model' (letters, digits, "
                      "'-', '_' and '.'; it names the output file), got %s", rm_got(n).s);
    return cx_model_strdup(r->m, n->text, &r->m->name) ? diag_oom() : 0;
}

static int _currency(const rm_reader *r, const yt_node *n)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'currency'");
    if (rc)
        return rc;
    int ok = n->len == 3;
    for (size_t i = 0; i < n->len && ok; i++)
        ok = n->text[i] >= 'A' && n->text[i] <= 'Z';
    if (!ok)
        return RM_ERR(r, n, "expected an ISO 4217 code for 'currency' (like USD, KRW "
                      "or EUR), got %s", rm_got(n).s);
    if (!currency_known(n->text)) {
        const char *near = currency_nearest(n->text);
        if (near)
            return RM_ERR(r, n, "unknown currency %s (did you mean '%s'?)", rm_got(n).s,
                          near);
        return RM_ERR(r, n, "unknown currency %s (expected an ISO 4217 code like USD, "
                      "KRW or EUR)", rm_got(n).s);
    }
    return cx_model_strdup(r->m, n->text, &r->m->currency) ? diag_oom() : 0;
}

static int _scale(const rm_reader *r, const yt_node *n)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'unit'");
    if (rc)
        return rc;
    if (reader_scale(n->text, &r->m->scale) == 0)
        return 0;
    return RM_ERR(r, n, "expected a scale for 'unit' (1, K, M, B or T; also k, mn, "
                  "bn, tn), got %s", rm_got(n).s);
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

static int _as_of(const rm_reader *r, const yt_node *n)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'as_of'");
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
        return RM_ERR(r, n, "expected a date for 'as_of' (YYYY-MM-DD like "
                      "2026-02-20), got %s", rm_got(n).s);
    r->m->as_of = (time_t)_days_from_civil(y, mo, d) * 86400;
    return cx_model_strdup(r->m, n->text, &r->m->as_of_text) ? diag_oom() : 0;
}

/* Optional top-level keys and what reads them, in the order they are read. */
typedef struct _section {
    const char *key;
    int (*read)(const rm_reader *r, const yt_node *n);
} _section;

static int _optional(const rm_reader *r, const _section *sections, size_t count)
{
    int rc = 0;
    for (size_t i = 0; i < count && !rc; i++) {
        const yt_node *n = yt_get(r->root, sections[i].key);
        if (n)
            rc = sections[i].read(r, n);
    }
    return rc;
}

static int _head(const rm_reader *r)
{
    static const _section head[] = {
        {"currency", _currency}, {"unit", _scale}, {"as_of", _as_of}
    };
    const yt_node *root = r->root;
    cx_model *m = r->m;
    int rc = _model_name(r, yt_get(root, "model"));
    if (!rc)
        rc = rm_opt_text(r, root, "title", &m->title);
    if (!rc)
        rc = rm_opt_text(r, root, "description", &m->description);
    if (!rc)
        rc = _optional(r, head, sizeof head / sizeof *head);
    if (rc)
        return rc;
    if (!m->title)
        m->title = m->name;
    if (!m->currency && cx_model_strdup(m, "USD", &m->currency))
        return diag_oom();
    if (!m->as_of_text) {
        m->as_of = (time_t)_days_from_civil(2000, 1, 1) * 86400;
        if (cx_model_strdup(m, "2000-01-01", &m->as_of_text))
            return diag_oom();
        m->as_of_default = 1;
    }
    return 0;
}

/* ---- the whole model -------------------------------------------------- */

/* Each section may name only what the ones before it define: series, then
 * depreciation of series, drivers, scenarios changing drivers and
 * depreciation rules; checks may need burn. */
static int _sections(const rm_reader *r)
{
    static const _section after_series[] = {
        {"depreciation", rm_depreciation},
        {"constants", rm_constants}, {"series", rm_formulas},
        {"drivers", rm_drivers},
        {"scenarios", rm_scenarios}, {"commitments", rm_commitments},
        {"burn", rm_burn}, {"checks", rm_checks},
        {"discount", rm_discount}, {"goals", rm_goals},
        {"sensitivity", rm_sensitivity}, {"uncertainty", rm_uncertainty}
    };
    int rc = _head(r);
    if (!rc)
        rc = rm_series(r);
    if (!rc)
        rc = _optional(r, after_series, sizeof after_series / sizeof *after_series);
    return rc;
}

static int _build(const char *path, const char *src, size_t srclen,
                  const yt_node *root, rm_names *names, cx_model **out)
{
    rm_reader r = {path, NULL, root, names, src, srclen};
    if (root->kind != YT_MAPPING)
        return RM_ERR(&r, root, "expected a mapping with 'model', 'years' and 'series' "
                      "at the top, got %s", rm_got(root).s);
    int rc = rm_known_keys(&r, root, _top_keys, "at the top of the model");
    if (!rc)
        rc = rm_need(&r, root, "model", "at the top of the model (an identifier)");
    cx_calendar cal = {0};
    int annual = 1;
    if (!rc)
        rc = rm_calendar(&r, root, &cal, &annual);
    if (!rc && annual)
        rc = rm_need(&r, root, "years", "at the top of the model (like 2023..2030)");
    if (!rc && !yt_find(root, "import"))
        rc = rm_need(&r, root, "series", "at the top of the model");
    int first = 0, last = 0;
    if (!rc && annual)
        rc = _years(&r, yt_get(root, "years"), &first, &last);
    if (!rc && annual && cx_calendar_years(&cal, first, last, cal.fy_end) != CX_PERIOD_OK)
        rc = rm_engine(CX_EINVAL);
    if (rc)
        return rc;
    cx_status st = cx_model_new_calendar(&cal, &r.m);
    if (st != CX_OK)
        return rm_engine(st);
    r.m->scale = CX_SCALE_B;
    if (cx_model_strdup(r.m, path, &r.m->file))
        rc = diag_oom();
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
    if (pv_parse_int(e->key, -99999, 99999, &y)) {
        if (!strcmp(e->parent, "series") && !*e->grandparent)
            return reader_error(path, e->line, e->col, "series '%s' is defined twice "
                                "(first at %d:%d)", e->key, e->first_line, e->first_col);
        return reader_error(path, e->line, e->col, "%s", e->message);
    }
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
    size_t n = len - bom;
    int rc = reader_check_text(path, text, n, "model", 1);
    if (rc)
        return rc;
    yt_error e;
    yt_status st = yt_parse(text, n, root, &e);
    if (st == YT_ENOMEM)
        return diag_oom();
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
    rm_names names = {NULL, 0, 0};
    if (!rc)
        rc = _build(path, buf + reader_bom(buf, len), len - reader_bom(buf, len),
                    root, &names, out);
    rm_names_release(&names);
    yt_free(root);
    free(buf);
    return rc;
}
