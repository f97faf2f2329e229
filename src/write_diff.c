/*
 * write_diff.c - two results compared (write_diff.h).
 *
 * Key outputs are rows of (name, a, b); series values are matched by
 * series name and calendar year, so two models with different years or
 * series compare too (a figure on one side only shows as missing on the
 * other). Two figures are the same when they are equal to 1e-12 relative.
 */
#include "write_diff.h"

#include <csv.h>
#include <math.h>
#include <string.h>
#include <sysexits.h>

#include "json_out.h"
#include "numfmt.h"
#include "report_util.h"

/* How a figure reads. */
enum { _MONEY, _YEAR, _FRACTION, _PERCENT, _COUNT };

typedef struct _key {
    const char *name;
    double a, b;              /* NAN: none on that side */
    int kind;                 /* _MONEY, _YEAR, ... */
} _key;

typedef struct _sink {
    FILE *out;
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

static double _year_or_nan(int y)
{
    return y ? (double)y : NAN;
}

/* The key outputs of r, in a fixed order. */
static size_t _keys(const cx_result *r, _key *k, int side)
{
    const cx_burn_result *b = &r->burn;
    const cx_discount_result *d = &r->discount;
    double v[] = {
        b->enabled ? b->burn.total_burn : NAN,
        b->enabled ? b->burn.peak_burn : NAN,
        b->enabled ? _year_or_nan(b->burn.peak_year) : NAN,
        b->enabled ? _year_or_nan(b->burn.break_even_year) : NAN,
        b->enabled ? b->funding.break_even_frac : NAN,
        b->enabled ? _year_or_nan(b->burn.payback_year) : NAN,
        b->enabled ? b->funding.runway_months : NAN,
        b->enabled && b->funding.has_cash ? b->funding.funding_gap : NAN,
        d->enabled ? d->npv : NAN,
        d->enabled ? d->irr : NAN,
        (double)r->warnings,
    };
    static const char *const names[] = {
        "total burn", "peak cumulative burn", "peak year", "break-even year",
        "break-even (fraction)", "payback year", "runway (months)", "funding gap",
        "NPV", "IRR", "checks not passing",
    };
    static const int kinds[] = {_MONEY, _MONEY, _YEAR, _YEAR, _FRACTION, _YEAR,
                                _FRACTION, _MONEY, _MONEY, _PERCENT, _COUNT};
    size_t n = sizeof v / sizeof v[0];
    for (size_t i = 0; i < n; i++) {
        k[i].name = names[i];
        k[i].kind = kinds[i];
        if (side == 0)
            k[i].a = v[i];
        else
            k[i].b = v[i];
    }
    return n;
}

static void _num(char *buf, size_t size, double v, int kind)
{
    if (isnan(v))
        snprintf(buf, size, "-");
    else if (kind == _YEAR || kind == _COUNT)
        snprintf(buf, size, "%.0f", v);
    else if (kind == _FRACTION)
        snprintf(buf, size, "%.2f", v);
    else if (kind == _PERCENT)
        snprintf(buf, size, "%.2f%%", v * 100);
    else
        numfmt_human(buf, size, v, 2);
}

static void _csv_cell(FILE *out, const char *s, int last)
{
    csv_fwrite(out, s, strlen(s));
    fputc(last ? '\n' : ',', out);
}

/* One row: what, year (0 = none), a, b. */
static void _row(_sink *s, const char *what, int year, double a, double b, int kind)
{
    char na[48], nb[48], nd[64] = "";
    _num(na, sizeof na, a, kind);
    _num(nb, sizeof nb, b, kind);
    if (!isnan(a) && !isnan(b)) {
        char d[48];
        _num(d, sizeof d, b - a, kind == _PERCENT ? _PERCENT : kind);
        if (kind == _MONEY && a != 0)
            snprintf(nd, sizeof nd, "%s%s (%+.1f%%)", b - a >= 0 ? "+" : "", d,
                     (b - a) / fabs(a) * 100);
        else
            snprintf(nd, sizeof nd, "%s%s", b - a >= 0 ? "+" : "", d);
    }
    char label[160];
    if (year)
        snprintf(label, sizeof label, "%s %d", what, year);
    else
        snprintf(label, sizeof label, "%s", what);
    s->rows++;
    if (s->f == REPORT_TABLE) {
        fprintf(s->out, "  %-34s %14s %14s  %s\n", label, na, nb, nd);
    } else if (s->f == REPORT_CSV) {
        char y[16] = "", ra[40] = "", rb[40] = "";
        if (year)
            snprintf(y, sizeof y, "%d", year);
        if (!isnan(a))
            numfmt_exact(ra, sizeof ra, a);
        if (!isnan(b))
            numfmt_exact(rb, sizeof rb, b);
        _csv_cell(s->out, what, 0);
        _csv_cell(s->out, y, 0);
        _csv_cell(s->out, ra, 0);
        _csv_cell(s->out, rb, 1);
    } else {
        json_begin_object(&s->j);
        json_kstring(&s->j, "what", what);
        json_kyear(&s->j, "year", year);
        json_knumber(&s->j, "a", a);
        json_knumber(&s->j, "b", b);
        json_end_object(&s->j);
    }
}

static void _keys_part(_sink *s, const cx_result *a, const cx_result *b)
{
    _key k[16];
    size_t n = _keys(a, k, 0);
    _keys(b, k, 1);
    for (size_t i = 0; i < n; i++)
        if (!_same(k[i].a, k[i].b))
            _row(s, k[i].name, 0, k[i].a, k[i].b, k[i].kind);
}

static double _value(const cx_result *r, const char *series, int year)
{
    size_t i = cx_model_find_series(r->model, series);
    if (i == CX_NO_INDEX || cx_model_year_index(r->model, year) < 0)
        return NAN;
    const cx_value *v = &r->series[i].v[cx_model_year_index(r->model, year)];
    return cx_value_present(v) ? v->base : NAN;
}

/* Series of one side, compared with the other over both sides' years. */
static void _series_of(_sink *s, const cx_result *a, const cx_result *b,
                       const cx_result *from, int only_missing)
{
    const cx_model *m = from->model;
    int y0 = a->model->first_year < b->model->first_year ? a->model->first_year
                                                         : b->model->first_year;
    int y1 = a->model->last_year > b->model->last_year ? a->model->last_year
                                                       : b->model->last_year;
    for (size_t i = 0; i < m->nseries; i++) {
        const char *name = m->series[i].name;
        const cx_result *other = from == a ? b : a;
        int in_other = cx_model_find_series(other->model, name) != CX_NO_INDEX;
        if (only_missing && in_other)
            continue;
        for (int y = y0; y <= y1; y++) {
            double va = _value(a, name, y), vb = _value(b, name, y);
            if (!_same(va, vb))
                _row(s, name, y, va, vb, _MONEY);
        }
    }
}

int write_diff(FILE *out, report_format f, const cx_result *a, const char *an,
               const cx_result *b, const char *bn, int *differ)
{
    _sink s = {.out = out, .f = f};
    if (f == REPORT_TABLE) {
        fprintf(out, "a: %s\nb: %s\n\n  %-34s %14s %14s  %s\n", an, bn, "what", "a", "b",
                "b - a");
    } else if (f == REPORT_CSV) {
        fputs("what,year,a,b\n", out);
    } else {
        json_init(&s.j, out);
        json_begin_object(&s.j);
        json_kstring(&s.j, "a", an);
        json_kstring(&s.j, "b", bn);
        json_key(&s.j, "changes");
        json_begin_array(&s.j);
    }
    _keys_part(&s, a, b);
    _series_of(&s, a, b, a, 0);
    _series_of(&s, a, b, b, 1);
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
