/*
 * read_model_checks.c - 'burn' and 'checks' of a model file (see
 * read_model_priv.h): which series make up the net cash flow, the cash
 * and raises that fund it, and what the model's documents state that its
 * figures should bear out.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "read_model_priv.h"

/* ---- burn ------------------------------------------------------------- */

static const rm_fig *_money(const rm_reader *r, rm_fig *f)
{
    *f = rm_fig_for(r->m, CX_U_MONEY, NULL);
    return f;
}

/* The money figure n (what: "for 'cash'") into *v; above 0, or 0 or
 * more when zero_ok. */
static int _amount(const rm_reader *r, const yt_node *n, const char *what,
                   int zero_ok, cx_value *v)
{
    rm_fig f;
    int rc = rm_figure(r, n, _money(r, &f), what, v);
    if (!rc && (v->low < 0 || (!zero_ok && v->low <= 0)))
        rc = RM_ERR(r, n, "expected an amount %s %s, got %s",
                    zero_ok ? "of 0 or more" : "above 0", what, rm_got(n).s);
    return rc;
}

static int _bool(const rm_reader *r, const yt_node *n, const char *what, int *out)
{
    int rc = rm_want(r, n, YT_SCALAR, what);
    if (rc)
        return rc;
    if (!strcmp(n->text, "true") || !strcmp(n->text, "false")) {
        *out = n->text[0] == 't';
        return 0;
    }
    return RM_ERR(r, n, "expected true or false %s, got %s", what, rm_got(n).s);
}

static int _raise(const rm_reader *r, const yt_node *def)
{
    static const char *const keys[] = {"name", "year", "amount", "source", NULL};
    int rc = rm_want(r, def, YT_MAPPING,
                     "for a raise (like {name: Series F, year: 2027, amount: 40})");
    for (int i = 0; !rc && i < 3; i++)
        rc = rm_need(r, def, keys[i], "in a raise");
    if (!rc)
        rc = rm_known_keys(r, def, keys, "in a raise");
    cx_raise *x;
    cx_status st = CX_OK;
    if (!rc && (st = cx_model_add_raise(r->m, &x)) != CX_OK)
        rc = rm_engine(st);
    if (rc)
        return rc;
    x->line = def->line;
    x->col = def->col;
    rc = rm_text(r, yt_get(def, "name"), "for 'name'", &x->name);
    if (!rc)
        rc = rm_period(r, yt_get(def, "year"), "for 'year'", 0, &x->year);
    if (!rc)
        rc = _amount(r, yt_get(def, "amount"), "for 'amount'", 0, &x->amount);
    if (!rc)
        rc = rm_opt_text(r, def, "source", &x->source);
    return rc;
}

/* cash, cash_year, raises, include_commitments: what funds the burn. */
static int _funding(const rm_reader *r, const yt_node *n)
{
    cx_burn_spec *b = &r->m->burn;
    const yt_pair *cash = yt_find(n, "cash"), *year = yt_find(n, "cash_year"),
                  *raises = yt_find(n, "raises");
    const yt_node *v;
    int rc = 0;
    if (!cash && (year || raises))
        return RM_ERR(r, (year ? year : raises)->key, "'%s' needs 'cash' in 'burn' (the "
                      "cash at the start of the first burn year, or of 'cash_year')",
                      (year ? year : raises)->key->text);
    if (cash)
        rc = _amount(r, cash->value, "for 'cash'", 1, &b->cash);
    if (!rc && year)
        rc = rm_period(r, year->value, "for 'cash_year'", 0, &b->cash_year);
    if (!rc && raises)
        rc = rm_each_item(r, raises->value, "of raises for 'raises'", _raise);
    if (!rc && (v = yt_get(n, "include_commitments")))
        rc = _bool(r, v, "for 'include_commitments'", &b->include_commitments);
    return rc;
}

int rm_burn(const rm_reader *r, const yt_node *n)
{
    static const char *const keys[] = {"net", "revenue", "costs", "label", "cash",
                                       "cash_year", "raises", "include_commitments",
                                       NULL};
    cx_burn_spec *b = &r->m->burn;
    int rc = rm_want(r, n, YT_MAPPING,
                     "for 'burn' (like {revenue: A, costs: B} or {net: N})");
    if (!rc)
        rc = rm_known_keys(r, n, keys, "in 'burn'");
    if (rc)
        return rc;
    const yt_pair *net = yt_find(n, "net"), *rev = yt_find(n, "revenue"),
                  *costs = yt_find(n, "costs");
    if (net && (rev || costs))
        return RM_ERR(r, (rev ? rev : costs)->key, "'burn' takes 'net' or 'revenue' "
                      "and 'costs', not both");
    if (!net && !(rev && costs))
        return RM_ERR(r, n, "'burn' needs %s",
                      rev     ? "'costs' beside 'revenue'"
                      : costs ? "'revenue' beside 'costs'"
                              : "'net', or 'revenue' and 'costs'");
    b->net = b->revenue = b->costs = CX_NO_INDEX;
    if (net)
        rc = rm_series_ref(r, net->value, "for 'net' in 'burn'", &b->net);
    else if (!(rc = rm_series_ref(r, rev->value, "for 'revenue' in 'burn'", &b->revenue)))
        rc = rm_series_ref(r, costs->value, "for 'costs' in 'burn'", &b->costs);
    if (!rc)
        rc = rm_opt_text(r, n, "label", &b->label);
    if (!rc)
        rc = _funding(r, n);
    b->enabled = !rc;
    b->line = n->line;
    b->col = n->col;
    return rc;
}

/* ---- checks ----------------------------------------------------------- */

static const char *const _check_keys[] = {
    "sum", "growth", "multiple", "cagr", "cumulative", "break_even", "range",
    "from", "to", "stated", "tolerance", "label", "source", NULL
};

/* The check's kind: exactly one of the first CX_C_KIND_COUNT keys. */
static int _check_kind(const rm_reader *r, const yt_node *def, cx_check_kind *kind,
                       const yt_pair **subject)
{
    *subject = NULL;
    for (int k = 0; k < CX_C_KIND_COUNT; k++) {
        const yt_pair *p = yt_find(def, _check_keys[k]);
        if (!p)
            continue;
        if (*subject)
            return RM_ERR(r, p->key, "a check has one kind, got '%s' and '%s'",
                          (*subject)->key->text, _check_keys[k]);
        *subject = p;
        *kind = (cx_check_kind)k;
    }
    if (!*subject)
        return RM_ERR(r, def, "a check needs one of 'sum', 'growth', 'multiple', 'cagr', "
                      "'cumulative', 'break_even' or 'range'");
    return 0;
}

/* Sum and range checks take their stated figures from the series, one
 * result per year; break-even has a stated year but no span. */
static int _yearly(cx_check_kind kind)
{
    return kind == CX_C_SUM || kind == CX_C_RANGE;
}

static int _takes_years(cx_check_kind kind)
{
    return !_yearly(kind) && kind != CX_C_BREAK_EVEN;
}

/* from/to/stated: required or refused by kind. */
static int _check_shape(const rm_reader *r, const yt_node *def, cx_check_kind kind)
{
    static const char *const need[] = {"from", "to", "stated", NULL};
    int takes[3] = {_takes_years(kind), _takes_years(kind), !_yearly(kind)};
    for (int i = 0; need[i]; i++) {
        const yt_pair *p = yt_find(def, need[i]);
        if (p && !takes[i])
            return RM_ERR(r, p->key, "'%s' does not apply to a '%s' check", need[i],
                          cx_check_kind_name(kind));
        if (!p && takes[i])
            return RM_ERR(r, def, "missing key '%s' in the '%s' check", need[i],
                          cx_check_kind_name(kind));
    }
    return 0;
}

/* What the check's series or `burn` is, and the figure rules that go
 * with it. */
static int _check_subject(const rm_reader *r, const yt_node *n, cx_check *c, rm_fig *f)
{
    const char *kind = cx_check_kind_name(c->kind);
    char what[48];
    snprintf(what, sizeof what, "for '%s'", kind);
    c->series = CX_NO_INDEX;
    if (c->kind == CX_C_CUMULATIVE || c->kind == CX_C_BREAK_EVEN) {
        int rc = rm_want(r, n, YT_SCALAR, what);
        if (!rc && strcmp(n->text, "burn"))
            rc = RM_ERR(r, n, "expected 'burn' for '%s' (the net cash flow), got %s",
                        kind, rm_got(n).s);
        if (!rc && !r->m->burn.enabled)
            rc = RM_ERR(r, n, "a '%s' check needs 'burn' (which series make up the net "
                        "cash flow)", kind);
        *f = rm_fig_for(r->m, c->kind == CX_C_CUMULATIVE ? CX_U_MONEY : CX_U_MULTIPLE, NULL);
        f->unit = c->kind == CX_C_CUMULATIVE ? "money" : "year";
        return rc;
    }
    snprintf(what, sizeof what, "in the '%s' check", kind);
    int rc = rm_series_ref(r, n, what, &c->series);
    if (rc)
        return rc;
    const cx_series *s = &r->m->series[c->series];
    if (c->kind == CX_C_SUM && s->kind != CX_S_SUM)
        return RM_ERR(r, n, "'%s' is not a sum series (a 'sum' check needs 'sum_of' "
                      "and 'stated')", s->name);
    cx_unit u = _yearly(c->kind) ? s->unit
              : c->kind == CX_C_MULTIPLE ? CX_U_MULTIPLE : CX_U_RATIO;
    *f = rm_fig_for(r->m, u, s->unit_text);
    return 0;
}

static int _check_years(const rm_reader *r, const yt_node *def, cx_check *c)
{
    const yt_node *from = yt_get(def, "from"), *to = yt_get(def, "to");
    int rc = rm_period(r, from, "for 'from'", 0, &c->from);
    if (!rc)
        rc = rm_period(r, to, "for 'to'", 1, &c->to);
    if (!rc && (c->from > c->to || (c->from == c->to && c->kind != CX_C_CUMULATIVE)))
        rc = RM_ERR(r, to, "'to' %d must come after 'from' %d", c->to, c->from);
    return rc;
}

static int _check_stated(const rm_reader *r, const yt_node *n, cx_check *c, const rm_fig *f)
{
    int rc = rm_figure(r, n, f, "for 'stated'", &c->stated);
    if (rc || c->kind != CX_C_BREAK_EVEN)
        return rc;
    double lo = c->stated.low, hi = c->stated.kind == CX_V_FLOOR ? lo : c->stated.high;
    if (lo != floor(lo) || hi != floor(hi) || lo < CX_MIN_YEAR || hi > CX_MAX_YEAR)
        return RM_ERR(r, n, "expected a year for 'stated' (like 2030), got %s", rm_got(n).s);
    return 0;
}

static int _check_body(const rm_reader *r, const yt_node *def, cx_check *c,
                       const yt_pair *subject)
{
    rm_fig f;
    const yt_node *n;
    int rc = _check_subject(r, subject->value, c, &f);
    if (!rc && _takes_years(c->kind))
        rc = _check_years(r, def, c);
    if (!rc && (n = yt_get(def, "stated")))
        rc = _check_stated(r, n, c, &f);
    if (!rc && (n = yt_get(def, "tolerance"))) {
        rc = rm_single(r, n, &f, "for 'tolerance'", &c->tolerance);
        if (!rc && c->tolerance < 0)
            rc = RM_ERR(r, n, "expected a tolerance of 0 or more, got %s", rm_got(n).s);
    }
    if (!rc)
        rc = rm_opt_text(r, def, "label", &c->label);
    if (!rc)
        rc = rm_opt_text(r, def, "source", &c->source);
    return rc;
}

static int _check(const rm_reader *r, const yt_node *def)
{
    int rc = rm_want(r, def, YT_MAPPING, "for a check (like {sum: capex.total})");
    if (!rc)
        rc = rm_known_keys(r, def, _check_keys, "in a check");
    cx_check_kind kind = CX_C_SUM;
    const yt_pair *subject;
    if (!rc)
        rc = _check_kind(r, def, &kind, &subject);
    if (!rc)
        rc = _check_shape(r, def, kind);
    cx_check *c;
    cx_status st = CX_OK;
    if (!rc && (st = cx_model_add_check(r->m, &c)) != CX_OK)
        rc = rm_engine(st);
    if (rc)
        return rc;
    c->kind = kind;
    c->tolerance = NAN;
    c->line = def->line;
    c->col = def->col;
    return _check_body(r, def, c, subject);
}

int rm_checks(const rm_reader *r, const yt_node *n)
{
    return rm_each_item(r, n, "of checks for 'checks'", _check);
}
