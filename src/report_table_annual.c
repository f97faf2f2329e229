/*
 * report_table_annual.c - a monthly or quarterly model's table by fiscal
 * year (`capex run` without --periods): the engine's roll-ups (r->annual:
 * flows summed, balances at the year's last period), the burn's net cash
 * flow, its cumulative and the cash at each year's end, the commitments
 * by year. A year the periods hold only part of says "partial" where it
 * has no total. The roll-ups of the cumulative and of the commitments are
 * the engine's cx_rollup_periods on their periods.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "report_table_priv.h"
#include "report_util.h"

#define PARTIAL "partial"

/* Scratch for one row: its periods and its years (at most one year more
 * than the periods' whole years). */
static double _periods[CX_MAX_PERIODS];
static double _years[CX_MAX_PERIODS];

/* "2026", or "FY2026" when the fiscal year does not end in December. */
static void _title(char *buf, size_t n, const cx_calendar *cal, int year)
{
    snprintf(buf, n, "%s%d", cal->fy_end == 12 ? "" : "FY", year);
}

/* A figure and the mark column's blank; where it has none, "partial" in
 * a year the periods hold only part of, else nothing. s NULL: money. */
static void _cell(char *buf, size_t size, const cx_series *s, const cx_rollup *u, int y,
                  double v)
{
    char num[64];
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", u->full[y] ? "" : PARTIAL " ");
        return;
    }
    if (s)
        report_table_figure(num, sizeof num, s, v);
    else
        numfmt_human(num, sizeof num, v, 1);
    snprintf(buf, size, "%s ", num);
}

static void _row(FILE *f, const cx_rollup *u, const char *label, const cx_series *s,
                 const double *v, int cell_w)
{
    report_table_label(f, label);
    for (int y = 0; y < u->n; y++) {
        char cell[72];
        _cell(cell, sizeof cell, s, u, y, v[y]);
        report_table_paint(f, v[y] < 0 ? RED : NULL, cell_w + 1, cell);
    }
    fputc('\n', f);
}

/* The burn's cumulative net cash flow at each year's end (NULL without
 * a burn): a balance over the model's periods, none outside the burn's. */
static const double *_cumulative(const cx_result *r)
{
    const cx_model *m = r->model;
    const cx_burn_result *b = &r->burn;
    if (!b->enabled || !b->n || !r->annual.net)
        return NULL;
    long t0 = (long)b->first_year - m->first_year;
    for (size_t t = 0; t < m->nyears; t++) {
        long i = (long)t - t0;
        _periods[t] = i >= 0 && i < (long)b->n ? b->burn.cumulative[i] : NAN;
    }
    cx_rollup_periods(&m->cal, 1, _periods, _years);
    return _years;
}

int report_table_annual_width(const cx_result *r)
{
    const cx_model *m = r->model;
    const cx_rollup *u = &r->annual;
    int w = REPORT_TABLE_CELL_W;
    char cell[72];
    for (size_t s = 0; s < m->nseries; s++)
        for (int y = 0; y < u->n; y++) {
            _cell(cell, sizeof cell, &m->series[s], u, y, u->series[s * (size_t)u->n + y]);
            w = report_table_wider(w, cell);
        }
    const double *rows[] = {u->net, u->cash, _cumulative(r)};
    for (size_t k = 0; k < sizeof rows / sizeof *rows; k++)
        for (int y = 0; rows[k] && y < u->n; y++) {
            _cell(cell, sizeof cell, NULL, u, y, rows[k][y]);
            w = report_table_wider(w, cell);
        }
    return w;
}

static void _header(FILE *f, const cx_calendar *cal, const cx_rollup *u, const char *label,
                    int cell_w)
{
    report_table_label(f, label);
    for (int y = 0; y < u->n; y++) {
        char title[32];
        _title(title, sizeof title, cal, u->first_year + y);
        fprintf(f, "%*s ", cell_w, title);
    }
    fputc('\n', f);
}

/* "(FY2025: Q2 FY25..Q4 FY25 only, a partial year: flows not totalled)"
 * for each year the periods hold only part of. */
static void _partial_years(FILE *f, const cx_calendar *cal, const cx_rollup *u)
{
    for (int y = 0; y < u->n; y++) {
        if (u->full[y])
            continue;
        int first = -1, last = -1;
        for (int t = 0; t < cal->n; t++)
            if (cx_period_fiscal_year(cal, t) == u->first_year + y)
                last = t, first = first < 0 ? t : first;
        char title[32], a[CX_PERIOD_KEY_MAX], z[CX_PERIOD_KEY_MAX];
        _title(title, sizeof title, cal, u->first_year + y);
        fprintf(f, "(%s: %s..%s only, a partial year: flows not totalled)\n", title,
                cx_period_title(cal, first, a, sizeof a), cx_period_title(cal, last, z, sizeof z));
    }
}

static void _legend(FILE *f, const cx_calendar *cal, const cx_rollup *u)
{
    static const char *const months[] = {"January", "February", "March", "April", "May",
                                         "June", "July", "August", "September", "October",
                                         "November", "December"};
    if (cal->fy_end == 12)
        fputs("(by year", f);
    else
        fprintf(f, "(by fiscal year ending in %s", months[cal->fy_end - 1]);
    fputs(": flows summed, balances at the year's end; --periods prints every period)\n", f);
    _partial_years(f, cal, u);
}

void report_table_annual(FILE *f, const cx_result *r, int cell_w)
{
    const cx_model *m = r->model;
    const cx_rollup *u = &r->annual;
    _header(f, &m->cal, u, "series", cell_w);
    for (size_t s = 0; s < m->nseries; s++)
        _row(f, u, report_label(&m->series[s]), &m->series[s],
             &u->series[s * (size_t)u->n], cell_w);
    if (u->net) {
        _row(f, u, report_net_label(m), NULL, u->net, cell_w);
        _row(f, u, "cumulative", NULL, _cumulative(r), cell_w);
    }
    if (u->cash)
        _row(f, u, "cash at year end", NULL, u->cash, cell_w);
    _legend(f, &m->cal, u);
}

/* Commitment c's amounts (c == ncommitments: the total) by year, "-" for
 * none. */
static void _commitment_row(FILE *f, const cx_result *r, size_t c, int cell_w)
{
    const cx_model *m = r->model;
    const cx_rollup *u = &r->annual;
    const double *v = c == m->ncommitments ? r->commitments.total
                                           : &r->commitments.amount[c * m->nyears];
    cx_rollup_periods(&m->cal, 0, v, _years);
    for (int y = 0; y < u->n; y++) {
        char cell[72];
        _cell(cell, sizeof cell, NULL, u, y, _years[y]);
        size_t n = strlen(cell);
        if (n && cell[n - 1] == ' ')
            cell[n - 1] = '\0';
        fprintf(f, "%*s ", cell_w, _years[y] == 0 ? "-" : cell);
    }
    fputc('\n', f);
}

void report_table_annual_commitments(FILE *f, const cx_result *r, int cell_w)
{
    const cx_model *m = r->model;
    fputc('\n', f);
    _header(f, &m->cal, &r->annual, "commitments", cell_w);
    for (size_t c = 0; c <= m->ncommitments; c++) {
        int total = c == m->ncommitments;
        report_table_label(f, total ? "total" : m->commitments[c].name);
        if (!total && !r->commitments.scheduled[c])
            fputs("  (period not stated)\n", f);
        else
            _commitment_row(f, r, c, cell_w);
    }
}
