/*
 * report_scenarios.c - the scenarios part of the table, CSV and JSON
 * reports (`capex run --scenario all`): the key outputs of every scenario
 * side by side, and their differences from the base. Layout only: the
 * engine computed every figure (scenario_set.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "csv_out.h"
#include "report.h"
#include "report_util.h"
#include "scenario_set.h"
#include "utf8width.h"

#define LABEL_MIN 40
#define LABEL_MAX 72

/* How a row's figures read: money, a year, a fractional year, a rate, a
 * count, or the series' unit. */
static void _fmt(char *buf, size_t size, const cx_scenario_set *s, size_t i, double v)
{
    const cx_scenario_row *row = &s->rows[i];
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return;
    }
    cx_unit u = row->fig == CX_SF_VALUE ? s->model->series[row->series].unit : CX_U_MONEY;
    const cx_calendar *cal = &s->model->cal;
    switch (row->fig) {
    case CX_SF_PEAK_YEAR: case CX_SF_BREAK_EVEN: case CX_SF_PAYBACK: case CX_SF_CASH_OUT:
        if (cal->per_year != 1) {
            cx_period_number_title(cal, (int)v, buf, size);
            break;
        }
        /* fall through */
    case CX_SF_WARNINGS:
        numfmt_human(buf, size, v, 0);
        break;
    case CX_SF_RUNWAY:
        numfmt_human(buf, size, v, 1);
        break;
    case CX_SF_BREAK_EVEN_FRAC: case CX_SF_PAYBACK_FRAC:
        numfmt_human(buf, size, cx_period_fraction_year(cal, v), 2);
        break;
    case CX_SF_IRR:
        u = CX_U_RATIO;
        /* fall through */
    default:
        if (u == CX_U_RATIO) {
            numfmt_human(buf, size, v * 100, 1);
            strncat(buf, "%", size - strlen(buf) - 1);
        } else {
            numfmt_human(buf, size, v, u == CX_U_MULTIPLE ? 2 : 1);
        }
    }
}

/* Years print without the thousands separator numfmt_human puts in. */
static void _unsep_year(char *buf, const cx_scenario_row *row)
{
    if (row->fig != CX_SF_PEAK_YEAR && row->fig != CX_SF_BREAK_EVEN &&
        row->fig != CX_SF_PAYBACK && row->fig != CX_SF_BREAK_EVEN_FRAC &&
        row->fig != CX_SF_PAYBACK_FRAC && row->fig != CX_SF_CASH_OUT)
        return;
    char *comma = strchr(buf, ',');
    if (comma)
        memmove(comma, comma + 1, strlen(comma));
}

/* text padded to width display columns, cut to fit. */
static void _pad(FILE *out, const char *text, int width)
{
    int cols = 0;
    for (const char *p = text, *q = text; *p; p = q) {
        int w = 1 + utf8_wide(utf8_next(&q));
        if (cols + w > width - 1)
            break;
        fwrite(p, 1, (size_t)(q - p), out);
        cols += w;
    }
    for (; cols < width; cols++)
        fputc(' ', out);
}

static int _col_w(const cx_scenario_set *s)
{
    size_t w = 10;
    for (size_t k = 0; k < s->ncols; k++)
        if (strlen(s->cols[k].name) + 1 > w)
            w = strlen(s->cols[k].name) + 1;
    return w > 24 ? 24 : (int)w;
}

/* The label column: 40 wide, or as wide as the longest row's label (a
 * monthly model's "Cumulative net cash flow Jan 2026–Dec 2028"). */
static int _label_w(const cx_scenario_set *s)
{
    int w = LABEL_MIN;
    for (size_t i = 0; i < s->nrows; i++) {
        char label[160];
        cx_scenario_row_label(s, i, label, sizeof label);
        int k = utf8_cols(label) + 2;
        w = k > w ? k : w;
    }
    return w > LABEL_MAX ? LABEL_MAX : w;
}

void table_scenarios(FILE *out, const cx_result *r, const struct cx_scenario_set *s)
{
    (void)r;
    int w = _col_w(s), lw = _label_w(s);
    fputs("\nscenarios (each a separate computation; low/high: every range, floor and "
          "estimate at its low/high end)\n", out);
    _pad(out, "output", lw);
    for (size_t k = 0; k < s->ncols; k++)
        fprintf(out, " %*.*s", w, w, s->cols[k].name);
    fputc('\n', out);
    for (size_t i = 0; i < s->nrows; i++) {
        char label[160], cell[64];
        cx_scenario_row_label(s, i, label, sizeof label);
        _pad(out, label, lw);
        for (size_t k = 0; k < s->ncols; k++) {
            _fmt(cell, sizeof cell, s, i, s->value[i * s->ncols + k]);
            _unsep_year(cell, &s->rows[i]);
            fprintf(out, " %*s", w, cell);
        }
        fputc('\n', out);
    }
}

/* ---- CSV ------------------------------------------------------------- */


static void _csv_figure(FILE *out, const cx_result *r, const cx_scenario_set *s,
                        size_t i, size_t k)
{
    const cx_scenario_row *row = &s->rows[i];
    char record[64];
    snprintf(record, sizeof record, "scenario.%s", cx_scenario_fig_name(row->fig));
    csvout_row w = {.scenario = s->cols[k].name, .record = record, .year = row->year,
                 .from = row->from, .value = s->value[i * s->ncols + k]};
    if (row->fig == CX_SF_VALUE)
        w.series = s->model->series[row->series].name;
    csvout_put(out, r, &w);
    if (k == 0)
        return;
    w.value = s->diff[i * s->ncols + k];
    w.kind = "vs_base";
    csvout_put(out, r, &w);
}

void csv_scenarios(FILE *out, const cx_result *r, const struct cx_scenario_set *s)
{
    for (size_t k = 0; k < s->ncols; k++) {
        const cx_scenario_col *c = &s->cols[k];
        csvout_row w = {.scenario = c->name, .record = "scenario", .value = NAN,
                     .kind = k == 0 ? "base" : c->automatic ? "automatic" : "named",
                     .text = c->description};
        csvout_put(out, r, &w);
        for (size_t i = 0; i < s->nrows; i++)
            _csv_figure(out, r, s, i, k);
    }
}

/* ---- JSON ------------------------------------------------------------ */

/* A year figure (a period's key in a monthly or quarterly model), a
 * fractional year, or a number. */
static void _json_pair(json_out *j, const cx_scenario_set *s, size_t i, size_t k)
{
    double v = s->value[i * s->ncols + k];
    switch (s->rows[i].fig) {
    case CX_SF_PEAK_YEAR: case CX_SF_BREAK_EVEN: case CX_SF_PAYBACK: case CX_SF_CASH_OUT:
        if (s->model->cal.per_year != 1) {
            json_kyear(j, "value", isfinite(v) ? (int)v : 0);
            break;
        }
        json_knumber(j, "value", v);
        break;
    case CX_SF_BREAK_EVEN_FRAC: case CX_SF_PAYBACK_FRAC:
        json_kfraction(j, "value", v);
        break;
    default:
        json_knumber(j, "value", v);
    }
    json_knumber(j, "vs_base", s->diff[i * s->ncols + k]);
}

static void _json_values(json_out *j, const cx_scenario_set *s, size_t k)
{
    json_key(j, "values");
    json_begin_array(j);
    for (size_t i = 0; i < s->nrows; i++) {
        const cx_scenario_row *row = &s->rows[i];
        if (row->fig != CX_SF_VALUE)
            continue;
        json_begin_object(j);
        json_kstring(j, "series", s->model->series[row->series].name);
        json_kyear(j, "year", row->year);
        _json_pair(j, s, i, k);
        json_end_object(j);
    }
    json_end_array(j);
}

static void _json_scenario(json_out *j, const cx_scenario_set *s, size_t k)
{
    const cx_scenario_col *c = &s->cols[k];
    json_begin_object(j);
    json_kstring(j, "name", c->name);
    json_kstring(j, "description", c->description);
    json_key(j, "automatic");
    json_bool(j, c->automatic);
    _json_values(j, s, k);
    for (size_t i = 0; i < s->nrows; i++) {
        const cx_scenario_row *row = &s->rows[i];
        if (row->fig == CX_SF_VALUE)
            continue;
        json_key(j, cx_scenario_fig_name(row->fig));
        json_begin_object(j);
        if (row->fig == CX_SF_CUMULATIVE) {
            json_kyear(j, "from", row->from);
            json_kyear(j, "through", row->year);
        }
        _json_pair(j, s, i, k);
        json_end_object(j);
    }
    json_end_object(j);
}

void json_scenarios(json_out *j, const cx_result *r, const struct cx_scenario_set *s)
{
    (void)r;
    json_begin_array(j);
    for (size_t k = 0; k < s->ncols; k++)
        _json_scenario(j, s, k);
    json_end_array(j);
}
