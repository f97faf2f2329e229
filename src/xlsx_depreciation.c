/*
 * xlsx_depreciation.c - the Depreciation sheet: per entry, the rule's
 * helper cells, the profile of a vintage by years after purchase, the
 * vintage waterfall (a row per capex year), the D&A total, the PP&E
 * roll-forward, D&A / capex and a chart of capex against D&A.
 *
 * Every cell is a formula of the capex row on Projection and the rule's
 * input cells on Inputs (life, method, convention, salvage, rate, opening
 * PP&E), in the steps and order of model/depreciation.h, so a
 * recalculation reproduces the engine and a changed life moves it all.
 *
 * In a monthly or quarterly model every step is by period, as the engine
 * counts (cx_dep_rule_periods): a life of L years is L x k periods
 * (($C$n*12) in the formulas, the life on Inputs staying in years), the
 * convention applies to the period, and the rows, headings and columns
 * are months or quarters.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "xlsx_book.h"

#define DEP_CHART_ROWS 16

/* ---- the plan -------------------------------------------------------- */

static int _plan_one(const xlsx_book *b, size_t d, int row, xb_dep_rows *p)
{
    const cx_dep_result *dr = &b->r->deps[d];
    int opening = dr->rule.has_opening, nv = dr->first < 0 ? 0 :
                  (int)b->m->nyears - dr->first;
    p->top = row;
    p->offset = row + 2, p->syd = row + 3, p->rate = row + 4, p->kend = row + 5;
    p->khead = row + 7, p->len = row + 8, p->u = row + 9, p->g = row + 10;
    p->yhead = row + 12;
    row = p->yhead + 1;
    p->opening = opening ? row++ : -1;
    p->vint0 = row;
    row += nv;
    p->total = row++;
    p->gstart = ++row, p->gcapex = ++row, p->gretp = ++row;
    p->greto = opening ? ++row : -1;
    p->gend = ++row;
    p->astart = ++row, p->ada = ++row, p->aret = ++row, p->aend = ++row;
    p->net = ++row, p->ratio = ++row;
    p->exceed = isfinite(b->m->depreciations[d].share_of_capex) ? ++row : -1;
    p->chart = row + 2;
    p->end = p->chart + DEP_CHART_ROWS + 1;
    return p->end;
}

int xb_plan_depreciation(xlsx_book *b)
{
    int row = 2;
    for (size_t d = 0; d < b->m->ndepreciations; d++)
        row = _plan_one(b, d, row, &b->dep_rows[d]);
    return 0;
}

int xb_dep_value_ref(const xlsx_book *b, size_t s, int t, xb_str *f)
{
    const cx_series *x = &b->m->series[s];
    const cx_dep_result *dr = &b->r->deps[x->dep];
    const xb_dep_rows *p = &b->dep_rows[x->dep];
    if (!b->dep || dr->first < 0 || t < dr->first)
        return 0;
    int row = x->dep_part == CX_DEP_EXPENSE ? p->total : x->dep_part == CX_DEP_GROSS
              ? p->gend : x->dep_part == CX_DEP_NET ? p->net : p->aend;
    xs_ref(f, XB_DEPRECIATION, row, XB_YEAR0 + t, 0);
    return 1;
}

/* ---- references ------------------------------------------------------ */

/* An input of entry d on Inputs ($C$n), absolute. */
static void _in(const xlsx_book *b, xb_str *f, size_t d, int which)
{
    xs_ref(f, XB_INPUTS, b->dep_in_row[d] + which, XB_DEPIN_VALUE, XB_ABS);
}

/* A life in periods: the Inputs cell (years) times the periods a year,
 * "($C$12*12)"; the cell itself in an annual model. */
static void _in_periods(const xlsx_book *b, xb_str *f, size_t d, int which)
{
    int k = b->m->cal.per_year;
    if (k > 1)
        xs_printf(f, "(");
    _in(b, f, d, which);
    if (k > 1)
        xs_printf(f, "*%d)", k);
}

/* The rule as the engine applies it: lives in periods. */
static cx_dep_rule _rule(const xlsx_book *b, size_t d)
{
    return cx_dep_rule_periods(b->r->deps[d].rule, b->m->cal.per_year);
}

/* text in the model's periods ("Years after purchase" as "Months ..."),
 * as a cell of column A. */
static void _label(xlsx_book *b, int row, const char *text, lxw_format *fmt)
{
    xb_str w;
    xs_init(&w);
    xb_text(b, b->dep, row, 0, xb_period_words(b, text, &w), fmt);
    xs_release(&w);
}

/* A helper cell of the block (column B), absolute. */
static void _helper(xb_str *f, int row)
{
    xs_ref(f, NULL, row, 1, XB_ABS);
}

/* The capex purchase of year index t: SUM(Projection cell), 0 when blank. */
static void _capex(xlsx_book *b, xb_str *f, size_t d, int t)
{
    xs_printf(f, "SUM(");   /* N() of a blank cell is #NUM! in Gnumeric */
    xs_value_ref(b, f, XB_PROJECTION, b->m->depreciations[d].capex, t, 0);
    xs_printf(f, ")");
}

static void _put(xlsx_book *b, int row, int col, xb_str *f, lxw_format *fmt, double v)
{
    xb_formula(b, b->dep, row, col, f, fmt, v);
    xs_clear(f);
}

/* ---- the rule's helper cells and the profile ------------------------- */

static void _helpers(xlsx_book *b, size_t d, const xb_dep_rows *p, xb_str *f)
{
    cx_dep_rule pr = _rule(b, d);
    const cx_dep_rule *rule = &pr;
    double L = rule->life, o = cx_dep_offset(rule->convention);
    double factor = isfinite(rule->db_factor) && rule->db_factor > 0 ? rule->db_factor : 2;
    lxw_format *num = xb_fmt(b, "0.00", 0), *pct = xb_fmt(b, XB_FMT_RATE, 0);
    _label(b, p->offset, "In service from (years into the purchase year)", NULL);
    xs_printf(f, "=IF(");
    _in(b, f, d, XB_DEPIN_CONVENTION);
    xs_printf(f, "=\"half_year\",0.5,IF(");
    _in(b, f, d, XB_DEPIN_CONVENTION);
    xs_printf(f, "=\"next_year\",1,0))");
    _put(b, p->offset, 1, f, num, o);
    _label(b, p->syd, "Sum of the years' digits (W)", NULL);
    xb_str g;
    xs_init(&g);
    _in_periods(b, &g, d, XB_DEPIN_LIFE);
    const char *l = xs_get(&g);
    xs_printf(f, "=INT(%s)*%s-INT(%s)*(INT(%s)-1)/2+(%s-INT(%s))^2", l, l, l, l, l, l);
    _put(b, p->syd, 1, f, num, cx_dep_syd_total(L));
    xb_text(b, b->dep, p->rate, 0, "Declining-balance rate (rate / life)", NULL);
    xs_printf(f, "=");
    _in(b, f, d, XB_DEPIN_RATE);
    xs_printf(f, "/%s", xs_get(&g));
    _put(b, p->rate, 1, f, pct, factor / L);
    _label(b, p->kend, "Last year charged (years after purchase)", NULL);
    xs_printf(f, "=-INT(-(%s+", xs_get(&g));
    _helper(f, p->offset);
    xs_printf(f, "))-1");
    _put(b, p->kend, 1, f, xb_fmt(b, "0", 0), (double)b->r->deps[d].schedule.end_offset);
    xs_release(&g);
}

/* len_k = MAX(0,MIN(1,L-k)) */
static void _len_cell(xlsx_book *b, size_t d, const xb_dep_rows *p, int k, xb_str *f)
{
    double L = _rule(b, d).life, left = L - k;
    xs_printf(f, "=MAX(0,MIN(1,");
    _in_periods(b, f, d, XB_DEPIN_LIFE);
    xs_printf(f, "-%d))", k);
    _put(b, p->len, XB_YEAR0 + k, f, xb_fmt(b, "0.00", 0),
         left <= 0 ? 0 : left < 1 ? left : 1);
}

/* u_k: the method's share of cost in asset year k (depreciation.h). */
static void _u_cell(xlsx_book *b, size_t d, const xb_dep_rows *p, int k, double u, xb_str *f)
{
    xb_str len, L, S, book;
    xs_init(&len), xs_init(&L), xs_init(&S), xs_init(&book);
    xs_ref(&len, NULL, p->len, XB_YEAR0 + k, 0);
    _in_periods(b, &L, d, XB_DEPIN_LIFE);
    _in(b, &S, d, XB_DEPIN_SALVAGE);
    if (k == 0)
        xs_printf(&book, "1");
    else {
        xs_printf(&book, "(1-SUM(");
        xs_range(&book, NULL, p->u, XB_YEAR0, p->u, XB_YEAR0 + k - 1, XB_ABS_COL);
        xs_printf(&book, "))");
    }
    const char *l = xs_get(&len), *life = xs_get(&L), *s = xs_get(&S), *bv = xs_get(&book);
    xs_printf(f, "=IF(%s<=0,0,IF(", l);
    _in(b, f, d, XB_DEPIN_METHOD);
    xs_printf(f, "=\"straight_line\",(1-%s)*%s/%s,IF(", s, l, life);
    _in(b, f, d, XB_DEPIN_METHOD);
    xs_printf(f, "=\"sum_of_years\",(1-%s)*%s*(%s-%d)/", s, l, life, k);
    _helper(f, p->syd);
    xs_printf(f, ",MAX(0,MIN(MAX(");
    _helper(f, p->rate);
    xs_printf(f, "*%s*%s,(%s-%s)*%s/(%s-%d)),%s-%s)))))", bv, l, bv, s, l, life, k, bv, s);
    _put(b, p->u, XB_YEAR0 + k, f, xb_fmt(b, "0.0000", 0), u);
    xs_release(&len), xs_release(&L), xs_release(&S), xs_release(&book);
}

/* One asset year j's part of g_k: u_j * overlap / len_j, 0 when len_j = 0. */
static void _g_term(xb_str *f, const xb_dep_rows *p, int j, int k)
{
    xb_str len;
    xs_init(&len);
    xs_ref(&len, NULL, p->len, XB_YEAR0 + j, 0);
    const char *l = xs_get(&len);
    xs_printf(f, "IF(%s>0,", l);
    xs_ref(f, NULL, p->u, XB_YEAR0 + j, 0);
    xs_printf(f, "*MAX(0,MIN(%d+%s,%d-", j, l, k + 1);
    _helper(f, p->offset);
    xs_printf(f, ")-MAX(%d,%d-", j, k);
    _helper(f, p->offset);
    xs_printf(f, "))/%s,0)", l);
    xs_release(&len);
}

static void _profile(xlsx_book *b, size_t d, const xb_dep_rows *p, xb_str *f)
{
    const cx_dep_schedule *s = &b->r->deps[d].schedule;
    double *u = malloc((s->n ? s->n : 1) * sizeof *u);
    if (!u) {
        b->nomem = 1;
        return;
    }
    cx_dep_rule rule = _rule(b, d);
    cx_dep_asset_years(&rule, u, s->n);
    _label(b, p->khead, "Years after purchase (k)", xb_fmt(b, NULL, XB_HEADER));
    _label(b, p->len, "Length of asset year k", NULL);
    _label(b, p->u, "Share of cost, asset year k (method)", NULL);
    _label(b, p->g, "Share of cost charged k years after purchase", NULL);
    for (int k = 0; k < (int)s->n; k++) {
        xb_num(b, b->dep, p->khead, XB_YEAR0 + k, k, xb_fmt(b, "0", XB_HEADER | XB_CENTER));
        _len_cell(b, d, p, k, f);
        _u_cell(b, d, p, k, u[k], f);
        xs_printf(f, "=");
        if (k > 0) {
            _g_term(f, p, k - 1, k);
            xs_printf(f, "+");
        }
        _g_term(f, p, k, k);
        _put(b, p->g, XB_YEAR0 + k, f, xb_fmt(b, "0.0000", XB_BOLD), s->profile[k]);
    }
    free(u);
}

/* ---- the waterfall --------------------------------------------------- */

static void _opening_row(xlsx_book *b, size_t d, const xb_dep_rows *p, xb_str *f)
{
    const cx_dep_schedule *s = &b->r->deps[d].schedule;
    xb_text(b, b->dep, p->opening, 0, "Opening PP&E (straight line, remaining life)", NULL);
    for (int k = 0; k < (int)s->n; k++) {
        xs_printf(f, "=");
        _in(b, f, d, XB_DEPIN_NET);
        xs_printf(f, "*MAX(0,MIN(%d,", k + 1);
        _in_periods(b, f, d, XB_DEPIN_REMAINING);
        xs_printf(f, ")-%d)/", k);
        _in_periods(b, f, d, XB_DEPIN_REMAINING);
        _put(b, p->opening, XB_YEAR0 + b->r->deps[d].first + k, f,
             xb_fmt(b, b->money_numfmt, 0), s->opening[k]);
    }
}

static void _vintage_row(xlsx_book *b, size_t d, const xb_dep_rows *p, int v, xb_str *f)
{
    const cx_dep_result *dr = &b->r->deps[d];
    int row = p->vint0 + v, first = dr->first;
    xb_str label;
    char title[CX_PERIOD_KEY_MAX];
    xs_init(&label);
    xs_printf(&label, "Purchases of %s",
              xb_number_title(b, b->m->first_year + first + v, title, sizeof title));
    xb_text(b, b->dep, row, 0, xs_get(&label), NULL);
    xs_release(&label);
    for (int k = v; k < (int)dr->schedule.n; k++) {
        xs_printf(f, "=");
        _capex(b, f, d, first + v);
        xs_printf(f, "*");
        xs_ref(f, NULL, p->g, XB_YEAR0 + k - v, XB_ABS);
        _put(b, row, XB_YEAR0 + first + k, f, xb_fmt(b, b->money_numfmt, 0),
             cx_dep_vintage(&dr->schedule, dr->capex + first, (size_t)v, (size_t)k));
    }
}

static void _total_row(xlsx_book *b, size_t d, const xb_dep_rows *p, xb_str *f)
{
    const cx_dep_result *dr = &b->r->deps[d];
    int top = p->opening >= 0 ? p->opening : p->vint0;
    xb_text(b, b->dep, p->total, 0, "D&A", xb_fmt(b, NULL, XB_BOLD));
    for (int k = 0; k < (int)dr->schedule.n; k++) {
        int col = XB_YEAR0 + dr->first + k;
        xs_printf(f, "=SUM(");
        xs_range(f, NULL, top, col, p->total - 1, col, 0);
        xs_printf(f, ")");
        _put(b, p->total, col, f, xb_fmt(b, b->money_numfmt, XB_BOLD), dr->schedule.expense[k]);
    }
}

/* ---- the roll-forward ------------------------------------------------ */

static void _start_cell(xlsx_book *b, size_t d, int row, int end_row, int k, double v,
                        int with_opening, xb_str *f)
{
    int col = XB_YEAR0 + b->r->deps[d].first + k;
    xs_printf(f, "=");
    if (k > 0)
        xs_ref(f, NULL, end_row, col - 1, 0);
    else if (with_opening == 1) {
        _in(b, f, d, XB_DEPIN_GROSS);
    } else if (with_opening == 2) {
        _in(b, f, d, XB_DEPIN_GROSS);
        xs_printf(f, "-");
        _in(b, f, d, XB_DEPIN_NET);
    } else
        xs_printf(f, "0");
    _put(b, row, col, f, xb_fmt(b, b->money_numfmt, 0), v);
}

/* A roll-forward's end: =start+plus-(out[+out2]), out2 < 0 for none (the
 * engine's order: the retirements added first, then taken off). */
static void _roll_end(xb_str *f, int col, int start, int plus, int out, int out2)
{
    xs_refs(f, "=@+@-(@", start, col, 0u, plus, col, 0u, out, col, 0u);
    if (out2 >= 0)
        xs_refs(f, "+@", out2, col, 0u);
    xs_printf(f, ")");
}

static void _gross_rows(xlsx_book *b, size_t d, const xb_dep_rows *p, int k, xb_str *f)
{
    const cx_dep_result *dr = &b->r->deps[d];
    const cx_dep_schedule *s = &dr->schedule;
    int col = XB_YEAR0 + dr->first + k, opening = p->greto >= 0;
    lxw_format *m = xb_fmt(b, b->money_numfmt, 0);
    double prev = k ? s->gross[k - 1] : opening ? dr->rule.opening_gross : 0;
    _start_cell(b, d, p->gstart, p->gend, k, prev, opening ? 1 : 0, f);
    xs_printf(f, "=");
    _capex(b, f, d, dr->first + k);
    _put(b, p->gcapex, col, f, m, dr->capex[dr->first + k]);
    double retp = k >= (int)s->end_offset ? dr->capex[dr->first + k - (int)s->end_offset] : 0;
    xs_printf(f, "=IF(%d-", k);
    _helper(f, p->kend);
    xs_printf(f, ">=0,SUM(INDEX(");
    xs_value_ref(b, f, XB_PROJECTION, b->m->depreciations[d].capex, dr->first, XB_ABS);
    xs_printf(f, ":");
    xs_value_ref(b, f, NULL, b->m->depreciations[d].capex, (int)b->m->nyears - 1, XB_ABS);
    xs_printf(f, ",1,%d-", k + 1);
    _helper(f, p->kend);
    xs_printf(f, ")),0)");
    _put(b, p->gretp, col, f, m, retp);
    if (opening) {
        xs_printf(f, "=IF(%d=-INT(-", k);
        _in_periods(b, f, d, XB_DEPIN_REMAINING);
        xs_printf(f, ")-1,");
        _in(b, f, d, XB_DEPIN_GROSS);
        xs_printf(f, ",0)");
        _put(b, p->greto, col, f, m, s->retired[k] - retp);
    }
    _roll_end(f, col, p->gstart, p->gcapex, p->gretp, p->greto);
    _put(b, p->gend, col, f, xb_fmt(b, b->money_numfmt, XB_BOLD), s->gross[k]);
}

static void _accumulated_rows(xlsx_book *b, size_t d, const xb_dep_rows *p, int k, xb_str *f)
{
    const cx_dep_result *dr = &b->r->deps[d];
    const cx_dep_schedule *s = &dr->schedule;
    int col = XB_YEAR0 + dr->first + k, opening = p->greto >= 0;
    lxw_format *m = xb_fmt(b, b->money_numfmt, 0);
    double prev = k ? s->accumulated[k - 1]
                : opening ? dr->rule.opening_gross - dr->rule.opening_net : 0;
    _start_cell(b, d, p->astart, p->aend, k, prev, opening ? 2 : 0, f);
    xs_printf(f, "=");
    xs_ref(f, NULL, p->total, col, 0);
    _put(b, p->ada, col, f, m, s->expense[k]);
    double retp = k >= (int)s->end_offset ? dr->capex[dr->first + k - (int)s->end_offset] : 0;
    double reto = s->retired[k] - retp;
    xs_printf(f, "=");
    xs_ref(f, NULL, p->gretp, col, 0);
    xs_printf(f, "*(1-");
    _in(b, f, d, XB_DEPIN_SALVAGE);
    xs_printf(f, ")");
    if (opening) {
        xs_printf(f, "+");
        xs_ref(f, NULL, p->greto, col, 0);
    }
    _put(b, p->aret, col, f, m, retp * (1 - dr->rule.salvage) + reto);
    _roll_end(f, col, p->astart, p->ada, p->aret, -1);
    _put(b, p->aend, col, f, xb_fmt(b, b->money_numfmt, XB_BOLD), s->accumulated[k]);
    xs_printf(f, "=");
    xs_ref(f, NULL, p->gend, col, 0);
    xs_printf(f, "-");
    xs_ref(f, NULL, p->aend, col, 0);
    _put(b, p->net, col, f, xb_fmt(b, b->money_numfmt, XB_BOLD), s->net[k]);
    xs_printf(f, "=IFERROR(");
    xs_ref(f, NULL, p->total, col, 0);
    xs_printf(f, "/");
    xs_ref(f, NULL, p->gcapex, col, 0);
    xs_printf(f, ",\"\")");
    _put(b, p->ratio, col, f, xb_fmt(b, XB_FMT_RATIO, 0), s->to_capex[k]);
    if (p->exceed < 0)
        return;
    /* the year when D&A >= share x capex (capex > 0), else "" */
    xs_printf(f, "=IF(AND(");
    xs_ref(f, NULL, p->gcapex, col, 0);
    xs_printf(f, ">0,");
    xs_ref(f, NULL, p->total, col, 0);
    xs_printf(f, ">=");
    xs_ref(f, XB_INPUTS, p->in_share, XB_DEPIN_VALUE, XB_ABS);
    xs_printf(f, "*");
    xs_ref(f, NULL, p->gcapex, col, 0);
    xs_printf(f, "),");
    xs_ref(f, NULL, p->yhead, col, XB_ABS_ROW);
    xs_printf(f, ",\"\")");
    double c = dr->capex[dr->first + k], share = b->m->depreciations[d].share_of_capex;
    int hit = c > 0 && s->expense[k] >= share * c, p_no = b->m->first_year + dr->first + k;
    char title[CX_PERIOD_KEY_MAX];
    if (!xb_sub(b))
        _put(b, p->exceed, col, f, xb_fmt(b, XB_FMT_YEAR, 0), hit ? p_no : NAN);
    else {              /* the heading's title, text */
        xb_formula_text(b, b->dep, p->exceed, col, f, xb_fmt(b, NULL, XB_CENTER),
                        hit ? xb_number_title(b, p_no, title, sizeof title) : "");
        xs_clear(f);
    }
}

static void _roll_labels(xlsx_book *b, const xb_dep_rows *p)
{
    lxw_format *bold = xb_fmt(b, NULL, XB_BOLD);
    _label(b, p->gstart, "Gross PP&E, start of year", NULL);
    xb_text(b, b->dep, p->gcapex, 0, "+ capex", NULL);
    xb_text(b, b->dep, p->gretp, 0, "\xE2\x88\x92 retired purchases (fully depreciated)", NULL);
    if (p->greto >= 0)
        xb_text(b, b->dep, p->greto, 0, "\xE2\x88\x92 retired opening PP&E", NULL);
    _label(b, p->gend, "Gross PP&E, end of year", bold);
    xb_text(b, b->dep, p->astart, 0, "Accumulated depreciation, start", NULL);
    xb_text(b, b->dep, p->ada, 0, "+ D&A", NULL);
    xb_text(b, b->dep, p->aret, 0, "\xE2\x88\x92 retirements", NULL);
    xb_text(b, b->dep, p->aend, 0, "Accumulated depreciation, end", bold);
    _label(b, p->net, "Net PP&E, end of year", bold);
    xb_text(b, b->dep, p->ratio, 0, "D&A \xC3\xB7 capex", NULL);
    if (p->exceed >= 0)
        _label(b, p->exceed, "Year D&A reaches share_of_capex (Inputs)", NULL);
}

/* ---- one entry ------------------------------------------------------- */

static void _title(xlsx_book *b, size_t d, const xb_dep_rows *p)
{
    const cx_depreciation *dep = &b->m->depreciations[d];
    const cx_series *capex = &b->m->series[dep->capex];
    xb_str t;
    xs_init(&t);
    xs_printf(&t, "%s (%s): %s depreciated", xb_series_label(&b->m->series[dep->series[0]]),
              dep->name, xb_series_label(capex));
    xb_text(b, b->dep, p->top, 0, xs_get(&t), xb_fmt(b, NULL, XB_SECTION));
    xs_clear(&t);
    xs_printf(&t, "Life, method, convention, salvage and rate are the blue cells of "
              "the entry on Inputs; every figure here follows them.");
    if (xb_sub(b))
        xs_printf(&t, " Lives are in years there, counted here as %d %ss each; the "
                  "convention applies to the %s.", b->m->cal.per_year, xb_per_word(b),
                  xb_per_word(b));
    xb_text(b, b->dep, p->top + 1, 0, xs_get(&t), xb_fmt(b, NULL, XB_NOTE));
    xs_release(&t);
}

static void _year_header(xlsx_book *b, const xb_dep_rows *p)
{
    lxw_format *h = xb_fmt(b, XB_FMT_YEAR, XB_HEADER | XB_CENTER);
    _label(b, p->yhead, "Year", xb_fmt(b, NULL, XB_HEADER));
    for (size_t t = 0; t < b->m->nyears; t++)
        if (xb_sub(b))
            xb_period_head(b, b->dep, p->yhead, XB_YEAR0 + (int)t, (int)t);
        else
            xb_num(b, b->dep, p->yhead, XB_YEAR0 + (int)t, b->m->first_year + (int)t, h);
}

static void _entry(xlsx_book *b, size_t d)
{
    const cx_dep_result *dr = &b->r->deps[d];
    const xb_dep_rows *p = &b->dep_rows[d];
    _title(b, d, p);
    if (dr->first < 0) {
        xb_text(b, b->dep, p->top + 2, 0, "(the capex series has no figures: nothing "
                "to depreciate)", xb_fmt(b, NULL, XB_NOTE));
        return;
    }
    xb_str f;
    xs_init(&f);
    _helpers(b, d, p, &f);
    _profile(b, d, p, &f);
    _year_header(b, p);
    if (p->opening >= 0)
        _opening_row(b, d, p, &f);
    for (int v = 0; v < (int)dr->schedule.n; v++)
        _vintage_row(b, d, p, v, &f);
    _total_row(b, d, p, &f);
    _roll_labels(b, p);
    for (int k = 0; k < (int)dr->schedule.n; k++) {
        _gross_rows(b, d, p, k, &f);
        _accumulated_rows(b, d, p, k, &f);
    }
    if (f.failed)
        b->nomem = 1;
    xs_release(&f);
    lxw_chart *chart = xb_chart_depreciation(b, d);
    if (chart)
        xb_insert_wide_chart(b, b->dep, p->chart, xb_chart_col(b), chart);
}

void xb_write_depreciation(xlsx_book *b)
{
    lxw_worksheet *ws = b->dep;
    xb_check(b, worksheet_set_column(ws, 0, 0, 44, NULL));
    xb_check(b, worksheet_set_column(ws, 1, 2, 10, NULL));
    xb_check(b, worksheet_set_column(ws, XB_YEAR0, (lxw_col_t)(XB_YEAR0 + b->m->nyears - 1),
                                     11, NULL));
    xb_text(b, ws, 0, 0, "Depreciation", xb_fmt(b, NULL, XB_TITLE));
    for (size_t d = 0; d < b->m->ndepreciations; d++)
        _entry(b, d);       /* pages break between blocks (xlsx_pages.c) */
    worksheet_freeze_panes(ws, 0, 1);
    xb_page_setup(b, ws, "Depreciation");
    xb_period_print(b, ws);
}
