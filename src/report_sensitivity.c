/*
 * report_sensitivity.c - the sensitivity part of the table, CSV and JSON
 * reports: the output at the base, the tornado (each driver at its low and
 * high, largest swing first) and the two-way grid. Layout only: the
 * engine computed every figure (sensitivity.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "csv_out.h"
#include "report.h"
#include "report_util.h"
#include "sensitivity.h"

#define LABEL_W 24
#define CELL_W 10

/* The output's figures: money, a fractional year, or the series' unit. */
static void _fmt(char *buf, size_t size, const cx_sensitivity *s, const cx_model *m, double v)
{
    const cx_sensitivity_spec *sp = s->spec;
    cx_unit u = sp->output == CX_SO_VALUE ? m->series[sp->series].unit : CX_U_MONEY;
    if (sp->output == CX_SO_BREAK_EVEN && isfinite(v)) {
        snprintf(buf, size, "%.2f", v);
    } else if (sp->output == CX_SO_BREAK_EVEN) {
        snprintf(buf, size, "n/a");
    } else if (u == CX_U_RATIO) {
        numfmt_human(buf, size, v * 100, 1);
        if (isfinite(v))
            strncat(buf, "%", size - strlen(buf) - 1);
    } else {
        numfmt_human(buf, size, v, u == CX_U_MULTIPLE ? 2 : 1);
    }
}

/* "+20%" / "-20%" for a relative move, "130%" for a rate moved to. */
static void _pct(char *buf, size_t size, double x, int sign)
{
    char num[48];
    numfmt_human(num, sizeof num, fabs(x) * 100, 1);
    size_t n = strlen(num);
    if (n > 2 && !strcmp(num + n - 2, ".0"))
        num[n - 2] = '\0';
    snprintf(buf, size, "%s%s%%", x < 0 ? "-" : sign && x > 0 ? "+" : "", num);
}

static void _setting(char *buf, size_t size, const cx_model *m, const cx_sens_driver *d,
                     int high)
{
    if (!strcmp(cx_sens_setting(m, d), "life"))
        snprintf(buf, size, "%gy", high ? d->high : d->low);
    else
        _pct(buf, size, high ? d->high : d->low, !d->absolute);
}

static void _table_tornado(FILE *out, const cx_result *r, const cx_sensitivity *s)
{
    const cx_model *m = r->model;
    fputs("tornado (one driver moved at a time, largest swing first)\n", out);
    fprintf(out, "%-*s %8s %8s %*s %*s %*s\n", LABEL_W, "driver", "low", "high",
            CELL_W, "at low", CELL_W, "at high", CELL_W, "swing");
    for (size_t i = 0; i < s->nbars; i++) {
        const cx_tornado_bar *b = &s->bars[i];
        const cx_sens_driver *d = &s->spec->tornado[b->driver];
        char lo[48], hi[48], a[64], z[64], sw[64];
        _setting(lo, sizeof lo, m, d, 0);
        _setting(hi, sizeof hi, m, d, 1);
        _fmt(a, sizeof a, s, m, b->at_low);
        _fmt(z, sizeof z, s, m, b->at_high);
        _fmt(sw, sizeof sw, s, m, b->swing);
        fprintf(out, "%-*s %8s %8s %*s %*s %*s\n", LABEL_W, m->series[b->series].name,
                lo, hi, CELL_W, a, CELL_W, z, CELL_W, sw);
    }
}

static void _table_grid(FILE *out, const cx_result *r, const cx_sensitivity *s)
{
    const cx_model *m = r->model;
    const cx_sensitivity_spec *sp = s->spec;
    fprintf(out, "two-way: %s across, %s down (each driver's rates moved by)\n",
            m->series[sp->x].name, m->series[sp->y].name);
    fprintf(out, "%-*s", LABEL_W, "");
    char cell[64];
    for (size_t j = 0; j < s->nsteps; j++) {
        _pct(cell, sizeof cell, sp->steps[j], 1);
        fprintf(out, " %*s", CELL_W, cell);
    }
    fputc('\n', out);
    for (size_t i = 0; i < s->nsteps; i++) {
        _pct(cell, sizeof cell, sp->steps[i], 1);
        fprintf(out, "%-*s", LABEL_W, cell);
        for (size_t j = 0; j < s->nsteps; j++) {
            _fmt(cell, sizeof cell, s, m, s->grid[i * s->nsteps + j]);
            fprintf(out, " %*s", CELL_W, cell);
        }
        fputc('\n', out);
    }
}

void table_sensitivity(FILE *out, const cx_result *r, const struct cx_sensitivity *s)
{
    char label[160], base[64];
    cx_sensitivity_label(s, r->model, label, sizeof label);
    _fmt(base, sizeof base, s, r->model, s->base);
    fprintf(out, "\nsensitivity of %s (base %s; each figure a separate run of the model)\n",
            label, base);
    if (s->nbars)
        _table_tornado(out, r, s);
    if (s->grid)
        _table_grid(out, r, s);
}

/* ---- CSV ------------------------------------------------------------- */


static void _csv_bar(FILE *out, const cx_result *r, const cx_sensitivity *s,
                     const cx_tornado_bar *b)
{
    const cx_sens_driver *d = &s->spec->tornado[b->driver];
    const char *name = r->model->series[b->series].name;
    char lo[64], hi[64];
    numfmt_exact(lo, sizeof lo, d->low);
    numfmt_exact(hi, sizeof hi, d->high);
    char lt[80], ht[80];
    const char *setting = cx_sens_setting(r->model, d);
    snprintf(lt, sizeof lt, "%s=%s", setting, lo);
    snprintf(ht, sizeof ht, "%s=%s", setting, hi);
    csvout_put(out, r, &(csvout_row){.record = "sensitivity.tornado", .series = name, .kind = "low", .text = lt, .value = b->at_low});
    csvout_put(out, r, &(csvout_row){.record = "sensitivity.tornado", .series = name, .kind = "high", .text = ht, .value = b->at_high});
    csvout_put(out, r, &(csvout_row){.record = "sensitivity.swing", .series = name, .value = b->swing});
}

static void _csv_grid(FILE *out, const cx_result *r, const cx_sensitivity *s)
{
    const cx_sensitivity_spec *sp = s->spec;
    const cx_model *m = r->model;
    for (size_t i = 0; i < s->nsteps; i++) {
        for (size_t j = 0; j < s->nsteps; j++) {
            char x[40], y[40], t[100];
            numfmt_exact(x, sizeof x, sp->steps[j]);
            numfmt_exact(y, sizeof y, sp->steps[i]);
            snprintf(t, sizeof t, "x=%s;y=%s", x, y);
            csvout_put(out, r, &(csvout_row){.record = "sensitivity.grid",
                        .series = m->series[sp->x].name, .kind = m->series[sp->y].name,
                        .text = t, .value = s->grid[i * s->nsteps + j]});
        }
    }
}

void csv_sensitivity(FILE *out, const cx_result *r, const struct cx_sensitivity *s)
{
    const cx_sensitivity_spec *sp = s->spec;
    char label[160];
    cx_sensitivity_label(s, r->model, label, sizeof label);
    int value = sp->output == CX_SO_VALUE;
    csvout_put(out, r, &(csvout_row){.record = "sensitivity.base",
                    .series = value ? r->model->series[sp->series].name : NULL,
                    .kind = cx_sens_output_name(sp->output), .text = label,
                    .year = value ? sp->year : s->through, .from = s->from,
                    .value = s->base});
    for (size_t i = 0; i < s->nbars; i++)
        _csv_bar(out, r, s, &s->bars[i]);
    if (s->grid)
        _csv_grid(out, r, s);
}

/* ---- JSON ------------------------------------------------------------ */

static void _json_bar(json_out *j, const cx_model *m, const cx_sensitivity *s,
                      const cx_tornado_bar *b)
{
    const cx_sens_driver *d = &s->spec->tornado[b->driver];
    json_begin_object(j);
    json_kstring(j, "series", m->series[b->series].name);
    json_kstring(j, "setting", cx_sens_setting(m, d));
    json_knumber(j, "low", d->low);
    json_knumber(j, "high", d->high);
    json_knumber(j, "at_low", b->at_low);
    json_knumber(j, "at_high", b->at_high);
    json_knumber(j, "swing", b->swing);
    json_knumber(j, "low_vs_base", b->low_delta);
    json_knumber(j, "high_vs_base", b->high_delta);
    json_end_object(j);
}

static void _json_grid(json_out *j, const cx_model *m, const cx_sensitivity *s)
{
    const cx_sensitivity_spec *sp = s->spec;
    json_key(j, "grid");
    json_begin_object(j);
    json_kstring(j, "x", m->series[sp->x].name);
    json_kstring(j, "y", m->series[sp->y].name);
    json_key(j, "steps");
    json_begin_array(j);
    for (size_t i = 0; i < s->nsteps; i++)
        json_number(j, sp->steps[i]);
    json_end_array(j);
    json_key(j, "values");
    json_begin_array(j);
    for (size_t i = 0; i < s->nsteps; i++) {
        json_begin_array(j);
        for (size_t k = 0; k < s->nsteps; k++)
            json_number(j, s->grid[i * s->nsteps + k]);
        json_end_array(j);
    }
    json_end_array(j);
    json_end_object(j);
}

void json_sensitivity(json_out *j, const cx_result *r, const struct cx_sensitivity *s)
{
    const cx_model *m = r->model;
    const cx_sensitivity_spec *sp = s->spec;
    char label[160];
    cx_sensitivity_label(s, m, label, sizeof label);
    json_begin_object(j);
    json_kstring(j, "output", cx_sens_output_name(sp->output));
    json_kstring(j, "label", label);
    if (sp->output == CX_SO_CUMULATIVE) {
        json_kyear(j, "from", s->from);
        json_kyear(j, "through", s->through);
    }
    if (sp->output == CX_SO_VALUE) {
        json_kstring(j, "series", m->series[sp->series].name);
        json_kyear(j, "year", sp->year);
    }
    json_knumber(j, "base", s->base);
    json_key(j, "tornado");
    json_begin_array(j);
    for (size_t i = 0; i < s->nbars; i++)
        _json_bar(j, m, s, &s->bars[i]);
    json_end_array(j);
    if (s->grid)
        _json_grid(j, m, s);
    json_end_object(j);
}
