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
    if (w->year)
        fprintf(f, "%d", w->year);
    fputc(',', f);
    if (w->from)
        fprintf(f, "%d", w->from);
    fprintf(f, ",%s,", num);
    _text(f, w->kind);
    fputc(',', f);
    _text(f, w->text);
    fputc('\n', f);
}
