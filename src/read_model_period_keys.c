/*
 * read_model_period_keys.c - keys that name a period in a monthly or
 * quarterly model: a series' figures (`2025-03: 12`, or `2025: 120` with
 * `spread:`), and the single periods and years other sections name
 * (read_model_priv.h: rm_period_figure, rm_year, rm_period).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "period.h"
#include "read_model_priv.h"




/* Periods [*a, *b] of fiscal year y inside the calendar; 0 when none. */
static int _year_span(const cx_calendar *cal, int y, int *a, int *b)
{
    *a = *b = -1;
    for (int t = 0; t < cal->n; t++)
        if (cx_period_fiscal_year(cal, t) == y) {
            if (*a < 0)
                *a = t;
            *b = t;
        }
    return *a >= 0;
}

/* Key k as a period of the model: its index (*t, *nt = 1), or a whole
 * fiscal year (*t its first period, *nt its periods in the model, *year 1). */
static int _key(const rm_reader *r, const yt_node *k, const char *where, int *t,
                int *nt, int *year)
{
    const cx_calendar *cal = &r->m->cal;
    char range[40];
    cx_period_key pk;
    cx_period_err e = cx_period_parse(k->text, &pk);
    if (e == CX_PERIOD_SYNTAX)
        return RM_ERR(r, k, "expected a period %s, got '%s' (%s, or a year with "
                      "'spread:')", where, rm_show(k).s, cx_calendar_example(cal));
    if (e != CX_PERIOD_OK)
        return RM_ERR(r, k, "'%s' %s is not a period (expected %s)", rm_show(k).s,
                      where, cx_period_strerr(e));
    *year = pk.per_year == 1;
    if (*year) {
        int b = -1;
        if (!_year_span(cal, pk.year, t, &b))
            return RM_ERR(r, k, "year %s %s is outside 'periods' (%s)", rm_show(k).s,
                          where, cx_calendar_range(cal, range, sizeof range));
        *nt = b - *t + 1;
        return 0;
    }
    if (pk.per_year != cal->per_year)
        return RM_ERR(r, k, "'%s' %s is a %s, and this model is %s (expected %s)",
                      rm_show(k).s, where, pk.per_year == 4 ? "quarter" : "month",
                      cx_calendar_frequency(cal), cx_calendar_example(cal));
    if (cx_period_index(cal, &pk, t) != CX_PERIOD_OK)
        return RM_ERR(r, k, "period %s %s is outside 'periods' (%s)", rm_show(k).s,
                      where, cx_calendar_range(cal, range, sizeof range));
    *nt = 1;
    return 0;
}


/* Where a period's figure goes: a series' stated figures, or a
 * commitment's schedule (always spread evenly). `what` names it in
 * messages: "series 'costs.app'". */
typedef struct {
    const char *what;
    cx_value *values;
    cx_spread spread;
} _target;

static int _put(const rm_reader *r, const yt_node *k, const _target *to, int t, cx_value v)
{
    if (to->values[t].kind != CX_V_MISSING) {
        char key[CX_PERIOD_KEY_MAX];
        return RM_ERR(r, k, "duplicate period %s in %s",
                      cx_period_key_str(&r->m->cal, t, key, sizeof key), to->what);
    }
    to->values[t] = v;
    return 0;
}

/* A year's figure v, as the target's `spread:` says. */
static int _spread(const rm_reader *r, const yt_node *k, const _target *to, int t, int nt,
                   cx_value v)
{
    const cx_calendar *cal = &r->m->cal;
    if (to->spread == CX_SPREAD_NONE)
        return RM_ERR(r, k, "year %s in %s of a %s model (expected %s, or "
                      "'spread: even' for a flow stated by year, 'spread: last' for a "
                      "balance at the year's end)", rm_show(k).s, to->what, cx_calendar_frequency(cal),
                      cx_calendar_example(cal));
    if (nt != cal->per_year)
        return RM_ERR(r, k, "year %s in %s is only partly inside 'periods' "
                      "(expected a year whose %d periods are all inside, or its "
                      "periods one by one)", rm_show(k).s, to->what, cal->per_year);
    if (to->spread == CX_SPREAD_LAST)
        return _put(r, k, to, t + nt - 1, v);
    for (int i = 0; i < nt; i++) {
        int rc = _put(r, k, to, t + i, cx_value_share(v, nt));
        if (rc)
            return rc;
    }
    return 0;
}

static int _figure(const rm_reader *r, const yt_node *k, const _target *to,
                   int (*figure)(const rm_reader *, const yt_node *, cx_value *, void *),
                   void *ctx)
{
    char where[READER_MAX_NAME + 32];
    snprintf(where, sizeof where, "in %s", to->what);
    int t, nt, year;
    int rc = _key(r, k, where, &t, &nt, &year);
    cx_value v = {0};
    if (!rc)
        rc = figure(r, k, &v, ctx);
    if (rc)
        return rc;
    return year ? _spread(r, k, to, t, nt, v) : _put(r, k, to, t, v);
}

int rm_period_figure(const rm_reader *r, const yt_node *k, size_t si,
                     int (*figure)(const rm_reader *, const yt_node *, cx_value *, void *),
                     void *ctx)
{
    cx_series *s = &r->m->series[si];
    char what[READER_MAX_NAME + 16];
    snprintf(what, sizeof what, "series '%s'", s->name);
    _target to = {what, s->stated, s->spread};
    return _figure(r, k, &to, figure, ctx);
}

int rm_period_schedule(const rm_reader *r, const yt_node *k, const char *name,
                       cx_value *schedule,
                       int (*figure)(const rm_reader *, const yt_node *, cx_value *, void *),
                       void *ctx)
{
    char what[READER_MAX_NAME + 32];
    snprintf(what, sizeof what, "the schedule of '%s'", name);
    _target to = {what, schedule, CX_SPREAD_EVEN};
    return _figure(r, k, &to, figure, ctx);
}

int rm_period(const rm_reader *r, const yt_node *n, const char *what, int at_end, int *number)
{
    if (r->m->cal.per_year == 1)
        return rm_year(r, n, what, number);
    int rc = rm_want(r, n, YT_SCALAR, what);
    int t, nt, year;
    if (!rc)
        rc = _key(r, n, what, &t, &nt, &year);
    if (rc)
        return rc;
    *number = cx_period_number(&r->m->cal, at_end ? t + nt - 1 : t);
    return 0;
}

int rm_fiscal_year(const rm_reader *r, const yt_node *n, const char *what, long y,
                   int *year)
{
    int a, b, first, count;
    if (!_year_span(&r->m->cal, (int)y, &a, &b)) {
        cx_calendar_fiscal_years(&r->m->cal, &first, &count);
        return RM_ERR(r, n, "year %ld %s is outside the fiscal years of 'periods' "
                      "(%d..%d)", y, what, first, first + count - 1);
    }
    *year = (int)y;
    return 0;
}

/* `word` among the NULL-terminated words; its index, or -1. */
static int _word(const yt_node *n, const char *const *words)
{
    for (int i = 0; n->kind == YT_SCALAR && words[i]; i++)
        if (!strcmp(n->text, words[i]))
            return i;
    return -1;
}

int rm_flow(const rm_reader *r, const yt_node *def, cx_series *s)
{
    static const char *const kinds[] = {"flow", "balance", NULL};
    static const char *const spreads[] = {"even", "last", NULL};
    const yt_node *kind = yt_get(def, "kind"), *spread = yt_get(def, "spread");
    int i;
    if (kind && (i = _word(kind, kinds)) < 0)
        return RM_ERR(r, kind, "kind %s of series '%s' is not known (expected 'flow', "
                      "summed in a year, or 'balance', its value at the year's end)",
                      rm_got(kind).s, s->name);
    if (kind)
        s->flow = i == 1 ? CX_BALANCE : CX_FLOW;
    if (!spread)
        return 0;
    if ((i = _word(spread, spreads)) < 0)
        return RM_ERR(r, spread, "spread %s of series '%s' is not known (expected "
                      "'even' or 'last')", rm_got(spread).s, s->name);
    if (r->m->cal.per_year == 1)
        return RM_ERR(r, spread, "'spread' in series '%s' of an annual model has no "
                      "periods to spread a year over (expected it only with 'periods:')",
                      s->name);
    s->spread = i == 1 ? CX_SPREAD_LAST : CX_SPREAD_EVEN;
    return 0;
}
