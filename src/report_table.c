/*
 * report_table.c - `capex run` summary for people: the series by year (a
 * monthly or quarterly model's by fiscal year, report_table_annual.c,
 * unless every period is asked for), headline growth, burn figures,
 * commitments and checks.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "numfmt.h"
#include "report.h"
#include "report_table_priv.h"
#include "report_util.h"
#include "utf8width.h"

#define LABEL_MIN 24     /* label column: the widest label, within these */
#define LABEL_MAX 44

/* The table's layout and colours, set by report_table for one table. */
static int _label_w = LABEL_MIN;
static int _cell_w = REPORT_TABLE_CELL_W;
static int _color;        /* ANSI colours: a terminal, NO_COLOR unset */
static const cx_model *_m;      /* the model: titles for period numbers */
static const cx_calendar *_cal; /* its periods */
static int _annual;       /* a monthly or quarterly model by fiscal year */

/* A year, or the title of period number p in a monthly or quarterly model
 * ("Mar 2026"); four buffers in turn, so one printf may hold four. */
static const char *_p(int p)
{
    static char buf[4][CX_PERIOD_KEY_MAX];
    static int next;
    return cx_model_period_title(_m, p, buf[next++ & 3]);
}

/* "2024..2030" or "Jan 2026..Jul 2026", printed one column wider than
 * itself: every title of a calendar has the same width. */
static void _span(char *buf, size_t n, int a, int b)
{
    snprintf(buf, n, "%s..%s", _p(a), _p(b));
}

#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

void report_table_paint(FILE *f, const char *color, int width, const char *text)
{
    int n = (int)strlen(text), pad = (width < 0 ? -width : width) - n;
    if (width > 0)
        for (int i = 0; i < pad; i++)
            fputc(' ', f);
    fprintf(f, "%s%s%s", _color && color ? color : "", text, _color && color ? RESET : "");
    if (width < 0)
        for (int i = 0; i < pad; i++)
            fputc(' ', f);
}

void report_table_figure(char *buf, size_t size, const cx_series *s, double v)
{
    char num[48];
    if (s->unit == CX_U_RATIO) {
        numfmt_human(num, sizeof num, v * 100, 1);
        snprintf(buf, size, "%s%%", num);
    } else if (s->unit == CX_U_MULTIPLE) {
        numfmt_human(num, sizeof num, v, 2);
        snprintf(buf, size, "%sx", num);
    } else {
        numfmt_human(num, sizeof num, v, 1);
        snprintf(buf, size, "%s", num);
    }
}

/* One cell: the value in the series' unit, marked when not stated. */
static void _cell(char *buf, size_t size, const cx_series *s, const cx_value *v)
{
    if (!cx_value_present(v)) {
        snprintf(buf, size, "%s", "");
        return;
    }
    report_table_figure(buf, size, s, v->base);
    const char *mark = v->kind == CX_V_PROJECTED ? "*"
                       : v->kind == CX_V_INTERPOLATED ? "^"
                       : v->kind == CX_V_RANGE ? "r"
                       : v->kind == CX_V_FLOOR ? "+"
                       : v->kind == CX_V_ESTIMATE ? "~" : " ";
    size_t n = strlen(buf);
    snprintf(buf + n, size - n, "%s", mark);
}

void report_table_label(FILE *f, const char *text)
{
    /* Pad by display columns, not bytes; cut what is wider than the
     * column, with an ellipsis. */
    int cols = 0, w = utf8_cols(text), room = _label_w - 1 - (w > _label_w - 1);
    const char *p = text;
    for (const char *q = p; *p; p = q) {
        int c = 1 + utf8_wide(utf8_next(&q));
        if (cols + c > room)
            break;
        cols += c;
        fwrite(p, 1, (size_t)(q - p), f);
    }
    if (*p) {
        fputs("\xE2\x80\xA6", f);    /* U+2026 HORIZONTAL ELLIPSIS */
        cols++;
    }
    for (; cols < _label_w; cols++)
        fputc(' ', f);
}

/* The label column: wide enough for the widest series label. */
static int _label_width(const cx_model *m)
{
    int w = LABEL_MIN;
    for (size_t i = 0; i < m->nseries; i++) {
        int k = utf8_cols(report_label(&m->series[i])) + 2;
        if (k > w)
            w = k;
    }
    return w > LABEL_MAX ? LABEL_MAX : w;
}

void report_table_burn_cell(char *buf, size_t size, double v)
{
    char num[48] = "";
    if (isfinite(v))
        numfmt_human(num, sizeof num, v, 1);
    snprintf(buf, size, "%s%s", num, *num ? " " : "");
}

/* One row of burn figures under the year columns (NAN: empty). */
static void _year_row(FILE *f, const cx_result *r, const char *label, const double *v)
{
    const cx_model *m = r->model;
    const cx_burn_result *b = &r->burn;
    report_table_label(f, label);
    for (int y = m->first_year; y <= m->last_year; y++) {
        int i = y - b->first_year, in = i >= 0 && (size_t)i < b->n;
        char cell[52] = "";
        if (in)
            report_table_burn_cell(cell, sizeof cell, v[i]);
        report_table_paint(f, in && v[i] < 0 ? RED : NULL, _cell_w + 1, cell);
    }
    fputc('\n', f);
}

int report_table_wider(int w, const char *cell)
{
    int n = (int)strlen(cell);
    return n > w ? n : w;
}

/* The year columns: CELL_W, or the widest figure and its mark, so that
 * 16,219,868,140.0* still has a blank before it. */
static int _cell_width(const cx_result *r)
{
    const cx_model *m = r->model;
    const cx_burn_result *b = &r->burn;
    const double *rows[] = {b->net, b->burn.cumulative,
                            b->funding.has_cash ? b->funding.cash : NULL};
    int w = REPORT_TABLE_CELL_W;
    char cell[64];
    for (size_t i = 0; i < m->nseries; i++)
        for (size_t t = 0; t < m->nyears; t++) {
            _cell(cell, sizeof cell, &m->series[i], &r->series[i].v[t]);
            w = report_table_wider(w, cell);
        }
    for (size_t k = 0; b->enabled && k < sizeof rows / sizeof *rows; k++)
        for (size_t i = 0; rows[k] && i < b->n; i++) {
            report_table_burn_cell(cell, sizeof cell, rows[k][i]);
            w = report_table_wider(w, cell);
        }
    return w;
}

/* Net cash flow and its running sum under the series, when the model
 * has a burn. */
static void _burn_rows(FILE *f, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    if (!b->enabled || !b->n)
        return;
    _year_row(f, r, report_net_label(r->model), b->net);
    _year_row(f, r, "cumulative", b->burn.cumulative);
    if (b->funding.has_cash)
        _year_row(f, r, _cal->per_year == 1 ? "cash at year end" : "cash at period end",
                  b->funding.cash);
}

static void _series_table(FILE *f, const cx_result *r)
{
    const cx_model *m = r->model;
    if (_annual) {
        report_table_annual(f, r, _cell_w);
        return;
    }
    report_table_label(f, "series");
    for (int y = m->first_year; y <= m->last_year; y++)
        fprintf(f, "%*s ", _cell_w, _p(y));
    fputc('\n', f);
    for (size_t i = 0; i < m->nseries; i++) {
        const cx_series *s = &m->series[i];
        report_table_label(f, report_label(s));
        for (size_t t = 0; t < m->nyears; t++) {
            char cell[64];
            _cell(cell, sizeof cell, s, &r->series[i].v[t]);
            report_table_paint(f, r->series[i].v[t].base < 0 ? RED : NULL, _cell_w + 1, cell);
        }
        fputc('\n', f);
    }
    _burn_rows(f, r);
    fputs("(~ estimate, + floor, r range midpoint, ^ interpolated, * projected)\n", f);
}

/* "break-even year", "break-even month": a figure that is a period. */
static const char *_word(const char *what)
{
    static char buf[48];
    snprintf(buf, sizeof buf, "%s %s", what, cx_calendar_period_word(_cal));
    return buf;
}

/* "41.9%", or "n/a" (no growth rate across a sign change). */
static const char *_pct(char *buf, size_t n, double x)
{
    numfmt_human(buf, n, x * 100, 1);
    if (isfinite(x))
        strncat(buf, "%", n - strlen(buf) - 1);
    return buf;
}

static void _growth_table(FILE *f, const cx_result *r)
{
    const cx_model *m = r->model;
    int header = 0;
    for (size_t i = 0; i < m->nseries; i++) {
        const cx_series_result *sr = &r->series[i];
        if (sr->first < 0 || sr->last_stated <= sr->first || !isfinite(sr->hist_multiple))
            continue;
        char span[2 * CX_PERIOD_KEY_MAX + 2];
        _span(span, sizeof span, m->first_year + sr->first, m->first_year + sr->last_stated);
        int w = (int)strlen(span) + 1;
        if (!header++) {
            fputc('\n', f);
            report_table_label(f, _cal->per_year == 1 ? "growth (stated years)"
                                                      : "growth (stated periods)");
            fprintf(f, "%*s %10s %10s", w, "from..to", "multiple", "CAGR");
            if (_cal->per_year != 1)
                fprintf(f, " %10s", _word("a"));
            fputc('\n', f);
        }
        char mult[48], cagr[48], rate[48];
        numfmt_human(mult, sizeof mult, sr->hist_multiple, 2);
        _pct(cagr, sizeof cagr, sr->hist_cagr);
        report_table_label(f, report_label(&m->series[i]));
        fprintf(f, "%*s %9sx %10s", w, span, mult, cagr);
        if (_cal->per_year != 1)
            fprintf(f, " %10s", _pct(rate, sizeof rate, sr->hist_rate));
        fputc('\n', f);
    }
}

static void _fits(FILE *f, const cx_result *r)
{
    const cx_model *m = r->model;
    int header = 0;
    for (size_t i = 0; i < m->nseries; i++) {
        const cx_fit *fit = &r->series[i].fit;
        if (fit->kind == CX_FIT_NONE)
            continue;
        char span[2 * CX_PERIOD_KEY_MAX + 2];
        _span(span, sizeof span, fit->from, fit->to);
        int w = (int)strlen(span) + 1;
        if (!header++) {
            fputc('\n', f);
            report_table_label(f, "trend fits");
            fprintf(f, "%-12s %*s %6s %10s %10s\n", "curve", w, "window", "points", "R2", "RMSE");
        }
        char r2[48], rmse[48];
        numfmt_human(r2, sizeof r2, fit->r2, 4);
        numfmt_human(rmse, sizeof rmse, fit->rmse, 3);
        report_table_label(f, report_label(&m->series[i]));
        fprintf(f, "%-12s %*s %6zu %10s %10s\n", cx_fit_kind_name(fit->kind), w, span,
                fit->n, r2, rmse);
    }
}

static void _year_or(FILE *f, int year, const char *none)
{
    if (year)
        fputs(_p(year), f);
    else
        fputs(none, f);
}

/* "2029.67" or the text for "none". */
static void _frac_or(FILE *f, double year, const char *none)
{
    if (isfinite(year))
        fprintf(f, "%.2f", cx_period_fraction_year(_cal, year));
    else
        fputs(none, f);
}

/* The funding gap, "at least" when the net is still below 0 in the last
 * year (a longer horizon would show more: not funded within it). */
static void _gap(FILE *f, const cx_burn_result *b)
{
    char num[48];
    numfmt_human(num, sizeof num, b->funding.funding_gap, 1);
    if (b->burn.still_burning && b->funding.funding_gap > 0)
        fprintf(f, "  funding gap            at least %s (not funded within the horizon: "
                "still burning in %s)\n", num, _p(b->first_year + (int)b->n - 1));
    else if (b->burn.still_burning)
        fprintf(f, "  funding gap            %s (the cash lasts the horizon; still burning "
                "in %s)\n", num, _p(b->first_year + (int)b->n - 1));
    else
        fprintf(f, "  funding gap            %s\n", num);
}

/* "2029.67"; in a monthly or quarterly model the period ("Jan 2027"). */
static const char *_runout(const cx_funding *fu)
{
    static char buf[32];
    if (_cal->per_year == 1)
        snprintf(buf, sizeof buf, "%.2f", fu->runway_end);
    else
        snprintf(buf, sizeof buf, "%s", _p(fu->runout_year));
    return buf;
}

static void _funding(FILE *f, const cx_burn_result *b)
{
    const cx_funding *fu = &b->funding;
    char num[48];
    if (b->burn.burns) {
        fputs("  break-even (fraction)  ", f);
        _frac_or(f, fu->break_even_frac, "not within horizon");
        fputs("\n  payback (fraction)     ", f);
        _frac_or(f, fu->payback_frac, report_no_payback(&b->burn));
        fputc('\n', f);
    }
    if (!fu->has_cash)
        return;
    numfmt_human(num, sizeof num, fu->opening_cash, 1);
    char label[48];
    snprintf(label, sizeof label, _cal->per_year == 1 ? "cash at start of %s" : "opening cash, %s",
             _p(fu->cash_year));
    fprintf(f, "  %-22s %s\n", label, num);
    if (fu->raised != 0) {
        numfmt_human(num, sizeof num, fu->raised, 1);
        fprintf(f, "  raised                 %s\n", num);
    }
    _gap(f, b);
    fputs("  runway                 ", f);
    if (isfinite(fu->runway_months))
        fprintf(f, "%.1f months (cash runs out in %s)\n", fu->runway_months, _runout(fu));
    else
        fputs("the whole horizon\n", f);
    if (fu->default_alive >= 0)
        fprintf(f, "  default                %s", fu->default_alive ? "alive" : "dead");
    if (fu->default_alive >= 0 && isfinite(fu->alive_margin_months))
        fprintf(f, " (margin %.1f months)", fu->alive_margin_months);
    if (fu->default_alive >= 0)
        fputc('\n', f);
}

/* "  cumulative  ▅▃▁▁▂▅█  2026..2032, -115.1 to 87.2": the cumulative net
 * cash flow, one block per year from its lowest to its highest value. */
static void _sparkline(FILE *f, const cx_burn_result *b)
{
    static const char *const blocks[8] = {
        "\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83", "\xE2\x96\x84",
        "\xE2\x96\x85", "\xE2\x96\x86", "\xE2\x96\x87", "\xE2\x96\x88",
    };
    const double *c = b->burn.cumulative;
    if (b->n < 2)
        return;
    double lo = c[0], hi = c[0];
    for (size_t i = 1; i < b->n; i++) {
        lo = c[i] < lo ? c[i] : lo;
        hi = c[i] > hi ? c[i] : hi;
    }
    fputs("  cumulative             ", f);
    for (size_t i = 0; i < b->n; i++) {
        int k = hi > lo ? (int)((c[i] - lo) / (hi - lo) * 7 + 0.5) : 3;
        report_table_paint(f, c[i] < 0 ? RED : GREEN, 0, blocks[k < 0 ? 0 : k > 7 ? 7 : k]);
    }
    char a[48], z[48];
    numfmt_human(a, sizeof a, lo, 1);
    numfmt_human(z, sizeof z, hi, 1);
    fprintf(f, "  %s..%s, from %s to %s\n", _p(b->first_year),
            _p(b->first_year + (int)b->n - 1), a, z);
}

/* One line of the deterministic burn, for the Monte Carlo report. */
static void _burn_line(FILE *f, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    if (!b->enabled || !b->n)
        return;
    char num[48];
    if (!b->burn.burns) {
        fprintf(f, "deterministic: no burn within the horizon (%s never below 0)\n",
                report_net_label(r->model));
        return;
    }
    numfmt_human(num, sizeof num, b->burn.peak_burn, 1);
    fprintf(f, "deterministic: peak cumulative burn %s", num);
    if (b->burn.peak_year)
        fprintf(f, " in %s", _p(b->burn.peak_year));
    if (b->burn.turns_negative_year)
        fprintf(f, ", turns negative %s", _p(b->burn.turns_negative_year));
    fputs(", break-even ", f);
    _year_or(f, b->burn.break_even_year, "not within horizon");
    fputc('\n', f);
}

/* For a net that starts >= 0: "turns negative 2026 (2025.33)" and
 * "trough -45.0 in 2026". */
static void _turn_and_trough(FILE *f, const cx_burn_result *b)
{
    char num[48];
    if (!b->burn.turns_negative_year)
        return;
    fprintf(f, "  turns negative         %s (%.2f)\n", _p(b->burn.turns_negative_year),
            cx_period_fraction_year(_cal, b->funding.turns_negative_frac));
    numfmt_human(num, sizeof num, b->burn.trough, 1);
    fprintf(f, "  trough                 %s in %s\n", num, _p(b->burn.trough_year));
}

/* Peak cumulative burn (at least, when still burning at the end). */
static void _peak(FILE *f, const cx_burn_result *b)
{
    char num[48];
    fputs("  peak cumulative burn   ", f);
    if (!b->burn.peak_year) {
        fputs("none (the cumulative never goes below 0)\n", f);
        return;
    }
    numfmt_human(num, sizeof num, b->burn.peak_burn, 1);
    fprintf(f, "%s in %s", num, _p(b->burn.peak_year));
    if (b->burn.still_burning)
        fprintf(f, " (still burning in the last %s: deeper beyond it)",
                cx_calendar_period_word(_cal));
    fputc('\n', f);
}

static void _burn(FILE *f, const cx_result *r)
{
    const cx_burn_result *b = &r->burn;
    if (!b->enabled)
        return;
    char num[48];
    if (r->model->burn.label)
        fprintf(f, "\nburn: %s\n", r->model->burn.label);
    else
        fputs("\nburn\n", f);
    _sparkline(f, b);
    if (!b->burn.burns && b->n) {
        fprintf(f, "  no burn within the horizon (%s \xE2\x89\xA5 0 in every %s %s..%s)\n",
                report_net_label(r->model), cx_calendar_period_word(_cal), _p(b->first_year),
                _p(b->first_year + (int)b->n - 1));
        _funding(f, b);
        return;
    }
    _turn_and_trough(f, b);
    _peak(f, b);
    fprintf(f, "  %-22s ", _word("break-even"));
    _year_or(f, b->burn.break_even_year, "not within horizon");
    fprintf(f, "\n  %-22s ", _word("payback"));
    _year_or(f, b->burn.payback_year, report_no_payback(&b->burn));
    numfmt_human(num, sizeof num, b->burn.total_burn, 1);
    fprintf(f, "\n  total burn             %s\n", num);
    _funding(f, b);
}

static void _commitments(FILE *f, const cx_result *r)
{
    const cx_model *m = r->model;
    if (!m->ncommitments)
        return;
    if (_annual) {
        report_table_annual_commitments(f, r, _cell_w);
        return;
    }
    fputc('\n', f);
    report_table_label(f, "commitments");
    for (int y = m->first_year; y <= m->last_year; y++)
        fprintf(f, "%*s ", _cell_w, _p(y));
    fputc('\n', f);
    for (size_t c = 0; c <= m->ncommitments; c++) {
        int total = c == m->ncommitments;
        report_table_label(f, total ? "total" : m->commitments[c].name);
        if (!total && !r->commitments.scheduled[c]) {
            fputs("  (period not stated)\n", f);
            continue;
        }
        for (size_t t = 0; t < m->nyears; t++) {
            double a = total ? r->commitments.total[t]
                             : r->commitments.amount[c * m->nyears + t];
            char num[48];
            numfmt_human(num, sizeof num, a, 1);
            fprintf(f, "%*s ", _cell_w, a == 0 ? "-" : num);
        }
        fputc('\n', f);
    }
}

static void _discount(FILE *f, const cx_result *r)
{
    const cx_discount_result *d = &r->discount;
    if (!d->enabled)
        return;
    char num[48];
    numfmt_human(num, sizeof num, r->model->discount.rate * 100, 1);
    fprintf(f, "\ndiscounting at %s%%%s, %s..%s\n", num, _cal->per_year == 1 ? "" : " a year",
            _p(d->first_year),
            _p(d->first_year + (int)d->n - 1));
    numfmt_human(num, sizeof num, d->npv, 1);
    fprintf(f, "  NPV (first flow discounted)  %s\n", num);
    numfmt_human(num, sizeof num, d->npv0, 1);
    fprintf(f, "  NPV (first flow at t=0)      %s\n", num);
    numfmt_human(num, sizeof num, d->xnpv, 1);
    fprintf(f, "  XNPV                         %s\n", num);
    numfmt_human(num, sizeof num, d->irr * 100, 2);
    fprintf(f, "  IRR                          %s%s%s\n", isfinite(d->irr) ? num : "none",
            isfinite(d->irr) ? "%" : "",
            !isfinite(d->irr) || _cal->per_year == 1 ? ""
            : _cal->per_year == 12 ? " a month" : " a quarter");
    numfmt_human(num, sizeof num, d->xirr * 100, 2);
    fprintf(f, "  XIRR                         %s%s\n", isfinite(d->xirr) ? num : "none",
            isfinite(d->xirr) ? "%" : "");
    if (d->irr_note[0])
        fprintf(f, "  (%s)\n", d->irr_note);
}

static void _goals(FILE *f, const cx_result *r)
{
    if (!r->ngoals)
        return;
    fputs("\ngoal seek\n", f);
    for (size_t i = 0; i < r->ngoals; i++)
        fprintf(f, "  %s\n", r->goals[i].message);
}

static void _checks(FILE *f, const cx_result *r)
{
    if (!r->nchecks)
        return;
    fprintf(f, "\nchecks: %zu, %zu warning%s\n", r->nchecks, r->warnings,
            r->warnings == 1 ? "" : "s");
    for (size_t i = 0; i < r->nchecks; i++) {
        const cx_check_result *c = &r->checks[i];
        const cx_check *def = &r->model->checks[c->check];
        fputs("  ", f);
        report_table_paint(f, c->pass ? GREEN : YELLOW, -4, c->pass ? "pass" : "WARN");
        fprintf(f, "  %-10s  %s\n", cx_check_kind_name(def->kind), c->message);
    }
}

/* Copy text to out without the blanks that end its lines. */
static void _put_stripped(FILE *out, const char *text, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        size_t end = i;
        while (end > start && text[end - 1] == ' ')
            end--;
        fwrite(text + start, 1, end - start, out);
        if (i < len)
            fputc('\n', out);
        start = i + 1;
    }
}

static const report_parts _parts = {_burn, _commitments, _discount, _goals, _checks,
                                    table_scenarios, table_sensitivity, table_mc};

static void _table(FILE *out, const cx_result *r, const run_extras *x, const char *workbook)
{
    const cx_model *m = r->model;
    report_table_paint(out, BOLD, 0, m->title ? m->title : m->name);
    fprintf(out, "  [%s, scenario %s]\n", m->name, report_scenario(r));
    fprintf(out, "%s %s, %s..%s%s%s\n\n", m->currency, report_scale_word(m->scale),
            _p(m->first_year), _p(m->last_year), m->as_of_text ? ", as of " : "",
            m->as_of_text ? m->as_of_text : "");
    if (x && x->mc) {
        /* capex mc: the simulation is the report (capex run prints the
         * deterministic one); the burn line says what it is compared with. */
        _burn_line(out, r);
        table_mc(out, r, x->mc);
        if (workbook)
            fprintf(out, "\nworkbook: %s\n", workbook);
        return;
    }
    _series_table(out, r);
    _growth_table(out, r);
    _fits(out, r);
    report_sections(out, r, x, &_parts);
    if (workbook)
        fprintf(out, "\nworkbook: %s\n", workbook);
}

int report_table(FILE *out, const cx_result *r, const run_extras *x, const char *workbook,
                 int by_period)
{
    _color = report_color(out);
    _m = r->model;
    _cal = &r->model->cal;
    _annual = !by_period && r->annual.n > 0;
    _label_w = _label_width(r->model);
    _cell_w = _annual ? report_table_annual_width(r) : _cell_width(r);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return diag_oom();
    _table(mem, r, x, workbook);
    if (fclose(mem) || !text) {
        free(text);
        return diag_oom();
    }
    _put_stripped(out, text, len);
    free(text);
    if (ferror(out))
        return diag_error("cannot write to standard output: %s", strerror(errno)), EX_IOERR;
    return 0;
}
