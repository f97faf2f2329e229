/*
 * csv_out.c - one CSV output row (see csv_out.h).
 */
#include "csv_out.h"

#include <csv.h>
#include <math.h>
#include <string.h>

#include "numfmt.h"
#include "report_util.h"

static void _text(FILE *f, const char *s)
{
    if (s && *s)
        csv_fwrite(f, s, strlen(s));
}

/* A year, or a period's key in a monthly or quarterly model; 0 = empty. */
static void _period(FILE *f, const cx_calendar *cal, int number)
{
    char key[CX_PERIOD_KEY_MAX];
    if (!number)
        return;
    if (cal->per_year == 1)
        fprintf(f, "%d", number);
    else
        fputs(cx_period_key_str(cal, cx_period_of_number(cal, number), key, sizeof key), f);
}

/* ",label,start,end" of a period (empty for a row without one). */
static void _dates(FILE *f, const cx_calendar *cal, int number)
{
    char title[CX_PERIOD_KEY_MAX];
    if (!number) {
        fputs(",,,", f);
        return;
    }
    int t = cx_period_of_number(cal, number);
    cx_date a = cx_period_start(cal, t), b = cx_period_end(cal, t);
    fprintf(f, ",%s,%04d-%02d-%02d,%04d-%02d-%02d",
            cx_period_title(cal, t, title, sizeof title), a.year, a.month, a.day,
            b.year, b.month, b.day);
}

void csvout_put(FILE *f, const cx_result *r, const csvout_row *w)
{
    char num[40] = "";
    if (isfinite(w->value))
        numfmt_exact(num, sizeof num, w->value);
    _text(f, r->model->name);
    fputc(',', f);
    _text(f, w->scenario ? w->scenario : report_scenario(r));
    fputc(',', f);
    _text(f, w->record);
    fputc(',', f);
    _text(f, w->series);
    fputc(',', f);
    const cx_calendar *cal = &r->model->cal;
    _period(f, cal, w->year);
    fputc(',', f);
    _period(f, cal, w->from);
    fprintf(f, ",%s,", num);
    _text(f, w->kind);
    fputc(',', f);
    _text(f, w->text);
    if (cal->per_year != 1)
        _dates(f, cal, w->year);
    fputc('\n', f);
}

const char *csvout_header(const cx_model *m)
{
    return m->cal.per_year == 1
        ? "model,scenario,record,series,year,from,value,kind,text\n"
        : "model,scenario,record,series,year,from,value,kind,text,label,start,end\n";
}
