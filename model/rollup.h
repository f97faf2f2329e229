/*
 * rollup.h - a monthly or quarterly model's figures by (fiscal) year.
 *
 * A flow (revenue, costs, capex, net cash flow) rolls up to the sum of
 * its year's periods, added in period order (=SUM over the period
 * columns); a balance (cash, PP&E, headcount: `kind: balance`) to its
 * value at the year's last period. A year the calendar holds only part
 * of (a model starting in March) has no flow total (NAN) and no balance
 * unless its last period is inside; `full` says which years are whole.
 * A year with a period missing a value has no total either.
 *
 * YoY on the roll-ups: v[y] / v[y-1] - 1 where both exist and v[y-1] != 0.
 */
#ifndef CX_ROLLUP_H
#define CX_ROLLUP_H

#include <stddef.h>
#include "error.h"
#include "period.h"
#include "value.h"

typedef struct cx_rollup {
    int first_year;       /**< fiscal year of index 0 */
    int n;                /**< fiscal years the periods fall in */
    unsigned char *full;  /**< [n] 1 when all per_year periods are inside */
    double *series;       /**< [nseries * n] series s, year y at s * n + y */
    double *yoy;          /**< [nseries * n] */
    double *net;          /**< [n] the burn's net cash flow; NULL without burn */
    double *cash;         /**< [n] cash at the year's end; NULL without cash */
} cx_rollup;

/** The year totals of one period series x[0..cal->n) (NAN = no value)
 *  into out[0..n) of cx_calendar_fiscal_years. */
void cx_rollup_periods(const cx_calendar *cal, int balance, const double *x, double *out);

/** YoY of n annual values into yoy[0..n) (NAN where undefined). */
void cx_rollup_yoy(const double *v, int n, double *yoy);

void cx_rollup_release(cx_rollup *u);

#endif
