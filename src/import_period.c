/*
 * import_period.c - the year or period an imported table names (a wide
 * layout's header, a long layout's year or period cell) and its figures
 * put there (import_priv.h). An annual model takes years (2025, FY2025,
 * 2025E, a date); a monthly or quarterly one its periods (2025-03,
 * 2025Q1, a date: the period it falls in) and whole years spread as the
 * series' `spread` column says, checked as a model file's keys are
 * (docs/format.md, Periods).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "import_priv.h"
#include "reader.h"




/* The cell's text without blanks around it, into buf; 0 when too long. */
static int _trim(const tbl_cell *f, char *buf, size_t n)
{
    const char *s = f->text, *e = f->text + strlen(f->text);
    while (*s == ' ')
        s++;
    while (e > s && e[-1] == ' ')
        e--;
    if ((size_t)(e - s) >= n)
        return 0;
    memcpy(buf, s, (size_t)(e - s));
    buf[e - s] = '\0';
    return 1;
}

/* "period 2025-03" (monthly, quarterly) or "year 2025" (annual): period t. */
static const char *_name_of(const cx_model *m, int t, char *buf, size_t n)
{
    char key[CX_PERIOD_KEY_MAX];
    snprintf(buf, n, "%s %s", m->cal.per_year == 1 ? "year" : "period",
             cx_period_key_str(&m->cal, t, key, sizeof key));
    return buf;
}

static int _annual(const imp *c, const tbl_where *w, const tbl_cell *f, imp_slot *s)
{
    const cx_model *m = c->m;
    char key[CX_PERIOD_KEY_MAX];
    cx_period_key pk;
    long year;
    if (import_year_of(f, &year) == 0) {
        if ((s->t = cx_model_year_index(m, (int)year)) < 0)
            return tbl_error(w, f->row, f->col, "year %ld is outside 'years' (%d..%d)", year,
                             m->first_year, m->last_year);
        s->nt = 1;
        s->year = 0;
        snprintf(s->what, sizeof s->what, "year %ld", year);
        return 0;
    }
    if (_trim(f, key, sizeof key) && cx_period_parse(key, &pk) == CX_PERIOD_OK)
        return tbl_error(w, f->row, f->col, "'%s' is a %s, and this model is annual "
                         "(expected a year like %d, or 'periods:' instead of 'years:' for "
                         "a monthly or quarterly model, docs/format.md)", key,
                         pk.per_year == 4 ? "quarter" : "month", m->first_year);
    return -1;
}

/* Fiscal year y of a monthly or quarterly model: its periods inside.
 * Periods start on fiscal-year boundaries, so FY y, whose first month is
 * the one after fy_end in year y - 1, is periods a..b of whole division. */
static int _year(const imp *c, const tbl_where *w, const tbl_cell *f, long y, imp_slot *s)
{
    const cx_calendar *cal = &c->m->cal;
    int first, count, k = cx_period_months(cal);
    char range[40];
    cx_calendar_fiscal_years(cal, &first, &count);
    if (y < first || y >= first + count)
        return tbl_error(w, f->row, f->col, "year %ld is outside 'periods' (%s)", y,
                         cx_calendar_range(cal, range, sizeof range));
    long m0 = (y - 1) * 12 + cal->fy_end - cal->first_month;
    long a = m0 < 0 ? 0 : m0 / k, b = (m0 + 12) / k - 1;
    s->t = (int)a;
    s->nt = (int)((b >= cal->n ? cal->n - 1 : b) - a + 1);
    s->year = 1;
    snprintf(s->what, sizeof s->what, "year %ld", y);
    return 0;
}

/* A date cell of a workbook: the period it falls in. */
static int _date(const imp *c, const tbl_where *w, const tbl_cell *f, imp_slot *s)
{
    const cx_calendar *cal = &c->m->cal;
    int y, mo;
    char range[40];
    if (sscanf(f->text, "%4d-%2d", &y, &mo) != 2 || mo < 1 || mo > 12)
        return -1;
    int month = y * 12 + mo - 1, t = (month - cal->first_month) / cx_period_months(cal);
    if (month < cal->first_month || t >= cal->n)
        return tbl_error(w, f->row, f->col, "the date %s is outside 'periods' (%s)", f->text,
                         cx_calendar_range(cal, range, sizeof range));
    s->t = t;
    s->nt = 1;
    s->year = 0;
    _name_of(c->m, t, s->what, sizeof s->what);
    return 0;
}

static int _subannual(const imp *c, const tbl_where *w, const tbl_cell *f, imp_slot *s)
{
    const cx_calendar *cal = &c->m->cal;
    char key[CX_PERIOD_KEY_MAX], range[40];
    cx_period_key pk;
    long year;
    if (f->kind == TBL_DATE)
        return _date(c, w, f, s);
    cx_period_err e = _trim(f, key, sizeof key) ? cx_period_parse(key, &pk) : CX_PERIOD_SYNTAX;
    if (e == CX_PERIOD_SYNTAX && import_year_of(f, &year) == 0)
        return _year(c, w, f, year, s);                  /* FY2025, 2025E */
    if (e == CX_PERIOD_SYNTAX)
        return -1;
    if (e != CX_PERIOD_OK)
        return tbl_error(w, f->row, f->col, "'%s' is not a period (expected %s)", key,
                         cx_period_strerr(e));
    if (pk.per_year == 1)
        return _year(c, w, f, pk.year, s);
    if (pk.per_year != cal->per_year)
        return tbl_error(w, f->row, f->col, "'%s' is a %s, and this model is %s (expected %s)",
                         key, pk.per_year == 4 ? "quarter" : "month", cx_calendar_frequency(cal),
                         cx_calendar_example(cal));
    if (cx_period_index(cal, &pk, &s->t) != CX_PERIOD_OK)
        return tbl_error(w, f->row, f->col, "period %s is outside 'periods' (%s)", key,
                         cx_calendar_range(cal, range, sizeof range));
    s->nt = 1;
    s->year = 0;
    _name_of(c->m, s->t, s->what, sizeof s->what);
    return 0;
}

int imp_slot_of(const imp *c, const tbl_where *w, const tbl_cell *f, imp_slot *s)
{
    if (strlen(f->text) != f->len)
        return -1;
    return c->m->cal.per_year == 1 ? _annual(c, w, f, s) : _subannual(c, w, f, s);
}

/* ---- figures --------------------------------------------------------- */

static int _put(const imp *c, const tbl_where *w, const tbl_cell *f, cx_series *s, int t,
                cx_value v)
{
    char what[8 + CX_PERIOD_KEY_MAX];
    if (s->stated[t].kind != CX_V_MISSING)
        return tbl_error(w, f->row, f->col, "%s of '%s' is given twice",
                         _name_of(c->m, t, what, sizeof what), s->name);
    s->stated[t] = v;
    return 0;
}


int imp_put(imp *c, const tbl_where *w, const tbl_cell *f, size_t si, const imp_slot *slot,
            cx_value v)
{
    const cx_calendar *cal = &c->m->cal;
    cx_series *s = &c->m->series[si];
    if (!slot->year)
        return _put(c, w, f, s, slot->t, v);
    if (s->spread == CX_SPREAD_NONE)
        return tbl_error(w, f->row, f->col, "%s in series '%s' of a %s model (expected %s, "
                         "or a 'spread' column: even for a flow stated by year, last for "
                         "a balance at the year's end)", slot->what, s->name, cx_calendar_frequency(cal),
                         cx_calendar_example(cal));
    if (slot->nt != cal->per_year)
        return tbl_error(w, f->row, f->col, "%s in series '%s' is only partly inside "
                         "'periods' (expected a year whose %d periods are all inside, or "
                         "its periods one by one)", slot->what, s->name, cal->per_year);
    if (s->spread == CX_SPREAD_LAST)
        return _put(c, w, f, s, slot->t + slot->nt - 1, v);
    int rc = 0;
    for (int i = 0; i < slot->nt && !rc; i++)
        rc = _put(c, w, f, s, slot->t + i, cx_value_share(v, slot->nt));
    return rc;
}

/* ---- kind and spread ------------------------------------------------- */

/* The index of f's text (any case) among words, or -1. */
static int _word(const tbl_cell *f, const char *const *words)
{
    char text[16];
    for (int i = 0; _trim(f, text, sizeof text) && words[i]; i++)
        if (!strcasecmp(text, words[i]))
            return i;
    return -1;
}

int imp_flow(const imp *c, const tbl_where *w, const tbl_cell *kind, const tbl_cell *spread,
             cx_series *s)
{
    static const char *const kinds[] = {"flow", "balance", NULL};
    static const char *const spreads[] = {"even", "last", NULL};
    int i;
    s->flow = c->spec->balance ? CX_BALANCE : s->flow;
    s->spread = c->spec->spread;
    if (kind && (i = _word(kind, kinds)) < 0)
        return tbl_error(w, kind->row, kind->col, "kind '%s' of series '%s' is not known "
                         "(expected flow, summed in a year, or balance, its value at the "
                         "year's end)", reader_show(kind->text, kind->len).s, s->name);
    if (kind)
        s->flow = i == 1 ? CX_BALANCE : CX_FLOW;
    if (!spread)
        return 0;
    if ((i = _word(spread, spreads)) < 0)
        return tbl_error(w, spread->row, spread->col, "spread '%s' of series '%s' is not "
                         "known (expected even or last)",
                         reader_show(spread->text, spread->len).s, s->name);
    if (c->m->cal.per_year == 1)
        return tbl_error(w, spread->row, spread->col, "'spread' of series '%s' in an annual "
                         "model has no periods to spread a year over (expected it only "
                         "with 'periods:')", s->name);
    s->spread = i == 1 ? CX_SPREAD_LAST : CX_SPREAD_EVEN;
    return 0;
}
