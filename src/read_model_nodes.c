/*
 * read_model_nodes.c - the model-file reader one node at a time: messages,
 * shapes and keys, texts, years, series names, units and figures (see
 * read_model_priv.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "numfmt.h"
#include "read_model_priv.h"

/* ---- messages -------------------------------------------------------- */

int rm_engine(cx_status st)
{
    if (st == CX_ENOMEM)
        return diag_oom();
    diag_error("internal error: %s", cx_strerror(st));
    return EX_SOFTWARE;
}

reader_text rm_got(const yt_node *n)
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

reader_text rm_show(const yt_node *n)
{
    return reader_show(n->text, n->len);
}

void rm_list(const char *const *keys, const char *last, char *buf, size_t size)
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

int rm_want(const rm_reader *r, const yt_node *n, yt_kind k, const char *what)
{
    if (n->kind == k && !(k == YT_SCALAR && yt_is_null(n)))
        return 0;
    return RM_ERR(r, n, "expected %s %s, got %s", _kind_word(k), what, rm_got(n).s);
}

int rm_known_keys(const rm_reader *r, const yt_node *map, const char *const *keys,
                  const char *where)
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
            return RM_ERR(r, k, "unknown key '%s' %s (did you mean '%s'?)",
                          rm_show(k).s, where, near);
        char list[400];
        rm_list(keys, "or", list, sizeof list);
        return RM_ERR(r, k, "unknown key '%s' %s (expected %s)", rm_show(k).s, where,
                      list);
    }
    return 0;
}

int rm_need(const rm_reader *r, const yt_node *map, const char *key, const char *where)
{
    if (yt_find(map, key))
        return 0;
    return RM_ERR(r, map, "missing key '%s' %s", key, where);
}

/* Not a mapping (or not a sequence): the error, and no pairs (items) to
 * walk. */
int rm_each_pair(const rm_reader *r, const yt_node *n, const char *what,
                 int (*fn)(const rm_reader *, const yt_node *key, const yt_node *def))
{
    int rc = rm_want(r, n, YT_MAPPING, what);
    for (size_t i = 0; i < n->npairs && !rc; i++)
        rc = fn(r, n->pairs[i].key, n->pairs[i].value);
    return rc;
}

int rm_each_item(const rm_reader *r, const yt_node *n, const char *what,
                 int (*fn)(const rm_reader *, const yt_node *def))
{
    int rc = rm_want(r, n, YT_SEQUENCE, what);
    for (size_t i = 0; i < n->nitems && !rc; i++)
        rc = fn(r, n->items[i]);
    return rc;
}

/* ---- values ----------------------------------------------------------- */

int rm_text(const rm_reader *r, const yt_node *n, const char *what, const char **out)
{
    int rc = rm_want(r, n, YT_SCALAR, what);
    if (rc)
        return rc;
    if (strlen(n->text) != n->len)
        return RM_ERR(r, n, "unexpected NUL character %s", what);
    return cx_model_strdup(r->m, n->text, out) ? diag_oom() : 0;
}

int rm_opt_text(const rm_reader *r, const yt_node *map, const char *key,
                const char **out)
{
    const yt_node *n = yt_get(map, key);
    if (!n)
        return 0;
    char what[48];
    snprintf(what, sizeof what, "for '%s'", key);
    return rm_text(r, n, what, out);
}

int rm_year(const rm_reader *r, const yt_node *n, const char *what, int *year)
{
    long y;
    int rc = rm_want(r, n, YT_SCALAR, what);
    if (rc)
        return rc;
    if (pv_parse_int(n->text, -99999, 99999, &y))
        return RM_ERR(r, n, "expected a year %s (like %d), got %s", what,
                      r->m->cal.per_year == 1 ? r->m->first_year
                                              : cx_period_fiscal_year(&r->m->cal, 0),
                      rm_got(n).s);
    if (r->m->cal.per_year != 1)
        return rm_fiscal_year(r, n, what, y, year);
    if (cx_model_year_index(r->m, (int)y) < 0)
        return RM_ERR(r, n, "year %ld is outside 'years' (%d..%d)", y,
                      r->m->first_year, r->m->last_year);
    *year = (int)y;
    return 0;
}

int rm_count_of_years(const rm_reader *r, const yt_node *n, const char *key, long min,
                      int *out)
{
    char what[48];
    long v;
    snprintf(what, sizeof what, "for '%s'", key);
    int rc = rm_want(r, n, YT_SCALAR, what);
    if (rc)
        return rc;
    if (pv_parse_int(n->text, min, CX_MAX_YEARS, &v))
        return RM_ERR(r, n, "expected a number of years for '%s' (%ld to %d), got %s",
                      key, min, CX_MAX_YEARS, rm_got(n).s);
    *out = (int)v;
    return 0;
}

int rm_series_ref(const rm_reader *r, const yt_node *n, const char *what,
                  size_t *index)
{
    int rc = rm_want(r, n, YT_SCALAR, what);
    if (rc)
        return rc;
    *index = rm_find_series(r, n->text);
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
        return RM_ERR(r, n, "unknown series '%s' %s (did you mean '%s'?)",
                      rm_show(n).s, what, near);
    return RM_ERR(r, n, "unknown series '%s' %s", rm_show(n).s, what);
}

int rm_unit(const rm_reader *r, const yt_node *n, cx_unit *unit, const char **unit_text)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'unit'");
    if (rc)
        return rc;
    if (reader_unit(n->text, unit) || strlen(n->text) != n->len)
        return RM_ERR(r, n, "expected a unit for 'unit' (money, \"%%\", x or a word "
                      "like GW), got %s", rm_got(n).s);
    if (*unit == CX_U_OTHER && cx_model_strdup(r->m, n->text, unit_text))
        return diag_oom();
    return 0;
}

/* ---- figures ---------------------------------------------------------- */

rm_fig rm_fig_for(const cx_model *m, cx_unit unit, const char *unit_text)
{
    rm_fig f = {pv_rules_for(unit, m->scale), reader_unit_name(unit, unit_text), 0};
    return f;
}

/* Largest magnitude among a figure's bounds (a floor's open end aside). */
static double _magnitude(const cx_value *v)
{
    double m = fabs(v->low) > fabs(v->base) ? fabs(v->low) : fabs(v->base);
    return isfinite(v->high) && fabs(v->high) > m ? fabs(v->high) : m;
}

/* rate: 40 is 4,000%: say so when a rate, share or ratio above 100% was
 * written without '%' (0.4 and 40% are both 40%). */
static void _warn_no_percent(const rm_reader *r, const yt_node *n, const rm_fig *f,
                             const char *what, const cx_value *v)
{
    if (!f->rules.percent || f->level || pv_is_percent(n->text) || _magnitude(v) <= 1)
        return;
    char pct[48], frac[48];
    numfmt_human(pct, sizeof pct, v->base * 100, 0);
    numfmt_exact(frac, sizeof frac, v->base / 100);
    diag_warn_at(r->file, n->line, n->col, "%s %s has no '%%': it is read as %s%% "
                 "(for %s percent write '%s%%' or %s)", rm_show(n).s, what, pct,
                 rm_show(n).s, rm_show(n).s, frac);
}

int rm_figure(const rm_reader *r, const yt_node *n, const rm_fig *f, const char *what,
              cx_value *out)
{
    if (n->kind != YT_SCALAR)
        return RM_ERR(r, n, "expected a figure %s (%s), got %s", what,
                      f->rules.percent ? "like 58%, ~40%, 0.58 or 20%..30%"
                                       : "like 381, ~140, 140+ or 645..665",
                      rm_got(n).s);
    pv_status st = yt_is_null(n) ? PV_EEMPTY
                 : strlen(n->text) != n->len ? PV_ESYNTAX
                 : parse_value(n->text, &f->rules, out);
    if (st != PV_OK)
        return reader_figure_error(r->file, n->line, n->col, st, &f->rules,
                                   n->text, n->len, what, f->unit);
    if (cx_model_strdup(r->m, n->text, &out->text))
        return diag_oom();
    out->line = n->line;
    out->col = n->col;
    _warn_no_percent(r, n, f, what, out);
    return 0;
}

int rm_single(const rm_reader *r, const yt_node *n, const rm_fig *f, const char *what,
              double *out)
{
    cx_value v;
    int rc = rm_figure(r, n, f, what, &v);
    if (rc)
        return rc;
    if (v.kind == CX_V_RANGE || v.kind == CX_V_FLOOR)
        return RM_ERR(r, n, "expected a single figure %s, got the %s '%s'", what,
                      v.kind == CX_V_RANGE ? "range" : "floor", rm_show(n).s);
    *out = v.base;
    return 0;
}
