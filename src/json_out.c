/*
 * json_out.c - streaming JSON emitter (see json_out.h).
 */
#include "json_out.h"

#include <math.h>
#include <stdio.h>

#include "period.h"

#include "numfmt.h"

void json_init(json_out *j, FILE *f)
{
    j->cal = NULL;
    j->f = f;
    j->depth = 0;
    j->count[0] = 0;
    j->after_key = 0;
}

static void _indent(json_out *j)
{
    fputc('\n', j->f);
    for (int i = 0; i < j->depth; i++)
        fputs("  ", j->f);
}

/* Separator and indentation before a value or a key. */
static void _before(json_out *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (j->depth > 0) {
        if (j->count[j->depth]++)
            fputc(',', j->f);
        _indent(j);
    }
}

static void _open(json_out *j, char c)
{
    _before(j);
    fputc(c, j->f);
    if (j->depth < JSON_MAX_DEPTH - 1)
        j->count[++j->depth] = 0;
}

static void _close(json_out *j, char c)
{
    int had_items = j->count[j->depth];
    if (j->depth > 0)
        j->depth--;
    if (had_items)
        _indent(j);
    fputc(c, j->f);
    if (j->depth == 0)
        fputc('\n', j->f);
}

void json_begin_object(json_out *j) { _open(j, '{'); }
void json_end_object(json_out *j) { _close(j, '}'); }
void json_begin_array(json_out *j) { _open(j, '['); }
void json_end_array(json_out *j) { _close(j, ']'); }

static void _escaped(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

void json_key(json_out *j, const char *key)
{
    _before(j);
    _escaped(j->f, key);
    fputs(": ", j->f);
    j->after_key = 1;
}

void json_string(json_out *j, const char *s)
{
    if (!s) {
        json_null(j);
        return;
    }
    _before(j);
    _escaped(j->f, s);
}

void json_number(json_out *j, double v)
{
    if (!isfinite(v)) {
        json_null(j);
        return;
    }
    _before(j);
    char buf[40];
    numfmt_exact(buf, sizeof buf, v);
    fputs(buf, j->f);
}

void json_int(json_out *j, long v)
{
    _before(j);
    fprintf(j->f, "%ld", v);
}

void json_bool(json_out *j, int v)
{
    _before(j);
    fputs(v ? "true" : "false", j->f);
}

void json_null(json_out *j)
{
    _before(j);
    fputs("null", j->f);
}

static int _periods(const json_out *j)
{
    return j->cal && j->cal->per_year != 1;
}

void json_year(json_out *j, int year)
{
    char key[CX_PERIOD_KEY_MAX];
    if (!year)
        json_null(j);
    else if (_periods(j))
        json_string(j, cx_period_key_str(j->cal, cx_period_of_number(j->cal, year), key,
                                         sizeof key));
    else
        json_int(j, year);
}

void json_kfraction(json_out *j, const char *key, double x)
{
    json_knumber(j, key, j->cal ? cx_period_fraction_year(j->cal, x) : x);
}

static void _kdate(json_out *j, const char *key, cx_date d)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    json_kstring(j, key, buf);
}

void json_period_dates(json_out *j, int number)
{
    char title[CX_PERIOD_KEY_MAX];
    if (!_periods(j))
        return;
    int t = cx_period_of_number(j->cal, number);
    json_kstring(j, "label", cx_period_title(j->cal, t, title, sizeof title));
    _kdate(j, "start", cx_period_start(j->cal, t));
    _kdate(j, "end", cx_period_end(j->cal, t));
}

void json_kstring(json_out *j, const char *key, const char *s) { json_key(j, key); json_string(j, s); }
void json_knumber(json_out *j, const char *key, double v) { json_key(j, key); json_number(j, v); }
void json_kint(json_out *j, const char *key, long v) { json_key(j, key); json_int(j, v); }
void json_kyear(json_out *j, const char *key, int year) { json_key(j, key); json_year(j, year); }
