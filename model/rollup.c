/*
 * rollup.c - period figures rolled up into fiscal years (rollup.h).
 */
#include <math.h>
#include <stdlib.h>
#include "rollup.h"

/* Period t's index in its fiscal year (0 .. per_year - 1). */
static int _slot(const cx_calendar *cal, int t)
{
    int p = cx_period_number(cal, t);
    return (p % cal->per_year + cal->per_year) % cal->per_year;
}

void cx_rollup_periods(const cx_calendar *cal, int balance, const double *x, double *out)
{
    int first, n;
    cx_calendar_fiscal_years(cal, &first, &n);
    for (int y = 0; y < n; y++)
        out[y] = NAN;
    for (int t = 0; t < cal->n; t++) {
        int y = cx_period_fiscal_year(cal, t) - first, slot = _slot(cal, t);
        if (balance) {
            if (slot == cal->per_year - 1)
                out[y] = x[t];
        } else if (slot == 0 || t == 0) {
            out[y] = slot == 0 ? x[t] : NAN;
        } else {
            out[y] = out[y] + x[t];
        }
    }
    for (int y = 0; !balance && y < n; y++)
        if (!cx_calendar_full_year(cal, y))
            out[y] = NAN;
}

void cx_rollup_yoy(const double *v, int n, double *yoy)
{
    for (int y = 0; y < n; y++)
        yoy[y] = y > 0 && isfinite(v[y]) && isfinite(v[y - 1]) && v[y - 1] != 0
                 ? v[y] / v[y - 1] - 1 : NAN;
}

void cx_rollup_release(cx_rollup *u)
{
    if (!u)
        return;
    free(u->full);
    free(u->series);
    free(u->yoy);
    free(u->net);
    free(u->cash);
    *u = (cx_rollup){0};
}
