/*
 * report_diff.c - two sides compared (report_diff.h).
 *
 * The figures of the two sides are matched by name and calendar year, so
 * two models with different years or series compare too (a figure on one
 * side only shows as missing on the other). Two figures are the same when
 * they are equal to 1e-12 relative.
 */
#include "report_diff.h"

#include <csv.h>
#include <math.h>
#include <string.h>
#include <sysexits.h>

#include "json_out.h"
#include "numfmt.h"
#include "report_util.h"

typedef struct _sink {
    FILE *out;
    const cx_calendar *cal;
    report_format f;
    json_out j;
    int rows;
} _sink;

static int _same(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return a == b || fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b));
}

static void _num(const _sink *s, char *buf, size_t size, double v, int kind)
{
    if (isnan(v))
        snprintf(buf, size, "-");
    else if (kind == DIFF_YEAR && s->cal->per_year != 1 && v == floor(v))
        cx_period_number_title(s->cal, (int)v, buf, size);
    else if (kind == DIFF_CHECK)
        snprintf(buf, size, "%s", v != 0 ? "pass" : "warn");
    else if (kind == DIFF_YEAR || kind == DIFF_COUNT)
        snprintf(buf, size, "%.0f", v);
    else if (kind == DIFF_FRACTION)
        snprintf(buf, size, "%.2f", v);
    else if (kind == DIFF_PERCENT)
        snprintf(buf, size, "%.2f%%", v * 100);
    else
        numfmt_human(buf, size, v, 2);
}

static void _csv_cell(FILE *out, const char *s, int last)
{
    csv_fwrite(out, s, strlen(s));
    fputc(last ? '\n' : ',', out);
}

/* A period number as its key ("2025Q1"), the year in an annual calendar. */
static void _key(const _sink *s, int p, char *buf, size_t size)
{
    if (s->cal->per_year == 1)
        snprintf(buf, size, "%d", p);
    else
        cx_period_key_str(s->cal, cx_period_of_number(s->cal, p), buf, size);
}

/* A figure exactly, for CSV: a period by its key, else every digit. */
static void _exact(const _sink *s, char *buf, size_t size, double v, int kind)
{
    if (isnan(v))
        *buf = 0;
    else if (kind == DIFF_YEAR && v == floor(v))
        _key(s, (int)v, buf, size);
    else
        numfmt_exact(buf, size, v);
}

static void _json_value(_sink *s, const char *key, double v, int kind)
{
    if (kind == DIFF_YEAR && !isnan(v) && v == floor(v))
        json_kyear(&s->j, key, (int)v);
    else
        json_knumber(&s->j, key, v);
}

/* One row: what, year (0 = none), a, b. */
static void _row(_sink *s, const char *what, int year, double a, double b, int kind)
{
    char na[48], nb[48], nd[64] = "";
    _num(s, na, sizeof na, a, kind);
    _num(s, nb, sizeof nb, b, kind);
    if (kind == DIFF_CHECK && !isnan(a) && !isnan(b)) {
        snprintf(nd, sizeof nd, "%s", b != 0 ? "now passes" : "no longer passes");
    } else if (!isnan(a) && !isnan(b)) {
        char d[48];
        _num(s, d, sizeof d, b - a, kind == DIFF_YEAR ? DIFF_COUNT : kind);
        if (kind == DIFF_MONEY && a != 0)
            snprintf(nd, sizeof nd, "%s%s (%+.1f%%)", b - a >= 0 ? "+" : "", d,
                     (b - a) / fabs(a) * 100);
        else
            snprintf(nd, sizeof nd, "%s%s", b - a >= 0 ? "+" : "", d);
    }
    char label[160], title[CX_PERIOD_KEY_MAX];
    if (year)
        snprintf(label, sizeof label, "%s %s", what,
                 cx_period_number_title(s->cal, year, title, sizeof title));
    else
        snprintf(label, sizeof label, "%s", what);
    s->rows++;
    if (s->f == REPORT_TABLE) {
        fprintf(s->out, "  %-34s %14s %14s  %s\n", label, na, nb, nd);
    } else if (s->f == REPORT_CSV) {
        char y[CX_PERIOD_KEY_MAX] = "", ra[40] = "", rb[40] = "";
        if (year)
            _key(s, year, y, sizeof y);
        _exact(s, ra, sizeof ra, a, kind);
        _exact(s, rb, sizeof rb, b, kind);
        _csv_cell(s->out, what, 0);
        _csv_cell(s->out, y, 0);
        _csv_cell(s->out, ra, 0);
        _csv_cell(s->out, rb, 1);
    } else {
        json_begin_object(&s->j);
        json_kstring(&s->j, "what", what);
        json_kyear(&s->j, "year", year);
        _json_value(s, "a", a, kind);
        _json_value(s, "b", b, kind);
        json_end_object(&s->j);
    }
}

/* Every figure of `from` that differs from the other side (or that only
 * `from` has, when only_missing). */
static void _compare(_sink *s, const diff_side *a, const diff_side *b, int a_first)
{
    const diff_side *from = a_first ? a : b, *other = a_first ? b : a;
    for (size_t i = 0; i < from->n; i++) {
        const diff_figure *f = &from->f[i];
        const diff_figure *g = diff_side_find(other, f->what, f->year);
        if (!a_first && g)
            continue;                   /* compared already, from a's side */
        double va = a_first ? f->v : g ? g->v : NAN;
        double vb = a_first ? (g ? g->v : NAN) : f->v;
        if (!_same(va, vb))
            _row(s, f->what, f->year, va, vb, f->kind);
    }
}

int report_diff(FILE *out, report_format f, const diff_side *a, const char *an,
               const diff_side *b, const char *bn, int *differ)
{
    _sink s = {.out = out, .f = f, .cal = &a->cal};
    if (f == REPORT_TABLE) {
        fprintf(out, "a: %s\nb: %s\n\n  %-34s %14s %14s  %s\n", an, bn, "what", "a", "b",
                "b - a");
    } else if (f == REPORT_CSV) {
        fputs("what,year,a,b\n", out);
    } else {
        json_init(&s.j, out);
        s.j.cal = &a->cal;
        json_begin_object(&s.j);
        json_kstring(&s.j, "a", an);
        json_kstring(&s.j, "b", bn);
        json_key(&s.j, "changes");
        json_begin_array(&s.j);
    }
    _compare(&s, a, b, 1);
    _compare(&s, a, b, 0);
    *differ = s.rows > 0;
    if (f == REPORT_TABLE && !s.rows)
        fputs("  (no difference)\n", out);
    else if (f == REPORT_TABLE)
        fprintf(out, "\n%d figure%s differ\n", s.rows, s.rows == 1 ? "" : "s");
    if (f == REPORT_JSON) {
        json_end_array(&s.j);
        json_end_object(&s.j);
        fputc('\n', out);
    }
    return ferror(out) ? EX_IOERR : 0;
}
