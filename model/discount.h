/*
 * discount.h - NPV, XNPV, IRR and XIRR of a series of annual cash flows,
 * computed as LibreOffice and Excel compute them.
 *
 *  cx_npv:  the spreadsheet NPV: sum f[i] / (1+rate)^(i+1), i = 0..n-1
 *           (the first flow is discounted one period);
 *  cx_npv0: the t=0 convention: f[0] + NPV(rate, f[1..]);
 *  cx_xnpv: sum f[i] / (1+rate)^((d[i]-d[0])/365), d in serial days;
 *  cx_irr / cx_xirr: the rate where NPV / XNPV is 0 (GSL Brent on a
 *           bracket), with the number of sign changes of NPV over a grid of
 *           rates reported so that several roots are not silently hidden.
 */
#ifndef CX_DISCOUNT_H
#define CX_DISCOUNT_H

#include <stddef.h>
#include "error.h"

typedef enum cx_dates { CX_DATES_YEAR_END = 0, CX_DATES_MID_YEAR } cx_dates;

/** What to discount (model file: `discount:`). */
typedef struct cx_discount_spec {
    int enabled;
    double rate;          /**< discount rate per year */
    size_t series;        /**< CX_NO_INDEX (model.h): the burn's net cash flow */
    cx_dates dates;       /**< dates of the flows for XNPV/XIRR */
    const char *source;
    int line, col;
} cx_discount_spec;

typedef struct cx_discount_result {
    int enabled;
    int first_year;
    size_t n;
    double *flows;        /**< [n], owned */
    double *dates;        /**< [n] spreadsheet serial dates, owned */
    double rate;
    double npv;           /**< spreadsheet convention */
    double npv0;          /**< t=0 convention */
    double xnpv;
    double irr;           /**< NAN when none */
    double xirr;          /**< NAN when none */
    int irr_roots;        /**< sign changes of NPV found over the grid */
    char irr_note[160];   /**< why IRR is NAN, or a multiple-root warning */
} cx_discount_result;

cx_status cx_npv(double rate, const double *flows, size_t n, double *out);
cx_status cx_npv0(double rate, const double *flows, size_t n, double *out);
cx_status cx_xnpv(double rate, const double *flows, const double *dates,
                  size_t n, double *out);
cx_status cx_irr(const double *flows, size_t n, double *out, int *roots);
cx_status cx_xirr(const double *flows, const double *dates, size_t n,
                  double *out, int *roots);

/** Spreadsheet serial date (1899-12-30 = 0) of year-month-day. */
double cx_serial_date(int year, int month, int day);

void cx_discount_result_release(cx_discount_result *d);

#endif
