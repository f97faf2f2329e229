/*
 * discount.h - NPV, XNPV, IRR and XIRR of a series of annual cash flows,
 * computed as LibreOffice and Excel compute them.
 *
 *  cx_npv:  the spreadsheet NPV: sum f[i] / (1+rate)^(i+1), i = 0..n-1
 *           (the first flow is discounted one period), summed term by
 *           term in that order with compensated (Kahan-Neumaier)
 *           summation, as LibreOffice's NPV does;
 *  cx_npv0: the t=0 convention: f[0] + NPV(rate, f[1..]);
 *  cx_xnpv: sum f[i] / (1+rate)^((d[i]-d[0])/365), d in serial days,
 *           summed in order (plain sum, as LibreOffice's XNPV);
 *  cx_irr / cx_xirr: the rate where the t=0 NPV / XNPV is 0 (GSL Brent on
 *           a bracket, converged to about 1e-15 relative), with the number
 *           of roots found over a grid of rates from -99% to 1000% reported
 *           so that several roots are not silently hidden;
 *  cx_irr_newton / cx_xirr_newton: the spreadsheets' own iteration
 *           (LibreOffice's Newton steps and stopping rules), used to pick
 *           the root a spreadsheet finds and to tell whether it needs a
 *           guess to find it.
 */
#ifndef CX_DISCOUNT_H
#define CX_DISCOUNT_H

#include <stddef.h>
#include "error.h"

typedef enum cx_dates { CX_DATES_YEAR_END = 0, CX_DATES_MID_YEAR } cx_dates;

/** What to discount (model file: `discount:`). */
typedef struct cx_discount_spec {
    int enabled;
    double rate;          /**< discount rate per year, > -1 */
    size_t series;        /**< CX_NO_INDEX (model.h): the burn's net cash flow */
    cx_dates dates;       /**< dates of the flows for XNPV/XIRR */
    const char *source;
    int line, col;
} cx_discount_spec;

typedef struct cx_discount_result {
    int enabled;
    int first_year;       /**< year of flows[0] */
    size_t n;             /**< consecutive years with a flow (0 = none) */
    double *flows;        /**< [n], owned */
    double *dates;        /**< [n] spreadsheet serial dates, owned */
    double *discounted;   /**< [n] flows[i] / (1+rate)^(i+1), owned */
    double rate;          /**< per period: the spec's rate per year, or in a
                               monthly or quarterly model (1 + r)^(1/k) - 1;
                               XNPV and XIRR stay per year (dates) */
    double npv;           /**< spreadsheet convention; NAN when n == 0 */
    double npv0;          /**< t=0 convention; NAN when n == 0 */
    double xnpv;          /**< NAN when n < 2 (spreadsheets need two flows) */
    double irr;           /**< per period (the spreadsheet's IRR of the
                               flows); NAN when none */
    double xirr;          /**< NAN when none */
    int irr_roots;        /**< roots of NPV found over the grid */
    int xirr_roots;       /**< roots of XNPV found over the grid */
    double irr_guess;     /**< NAN: a spreadsheet's IRR(flows) with its
                               default 10% guess finds irr; else the guess
                               it must be given: IRR(flows, irr_guess) */
    double xirr_guess;    /**< the same for XIRR(flows, dates) */
    char irr_note[160];   /**< why IRR is NAN, or a multiple-root warning;
                               "" when neither */
    char xirr_note[160];  /**< the same for XIRR */
} cx_discount_result;

/** Spreadsheet NPV and its t=0 variant. n >= 1, rate > -1 (CX_EINVAL
 *  otherwise); CX_ERANGE when the result is not finite. */
cx_status cx_npv(double rate, const double *flows, size_t n, double *out);
cx_status cx_npv0(double rate, const double *flows, size_t n, double *out);
/** XNPV over serial dates (dates[0] is the base date; any order). */
cx_status cx_xnpv(double rate, const double *flows, const double *dates,
                  size_t n, double *out);

/**
 * IRR: the root of the t=0 NPV. *roots is the number of roots found over
 * the grid (sign changes and exact zeros). With several, the one returned
 * is the root LibreOffice's IRR reaches from its 10% guess when it reaches
 * one, else the one nearest 10%. No root: *out NAN, *roots 0 and
 * CX_EDOMAIN. n >= 2 (CX_EINVAL otherwise).
 */
cx_status cx_irr(const double *flows, size_t n, double *out, int *roots);
/** XIRR: the same for XNPV over serial dates. */
cx_status cx_xirr(const double *flows, const double *dates, size_t n,
                  double *out, int *roots);

/**
 * LibreOffice's IRR iteration from guess: Newton steps on the t=0 NPV until
 * a step is below 1e-7, at most 20 steps (no convergence: CX_EDOMAIN).
 * LibreOffice sets the result to 0 when guess is 0 and it is below 1e-7.
 */
cx_status cx_irr_newton(const double *flows, size_t n, double guess, double *out);
/** LibreOffice's XIRR iteration from guess: Newton steps on XNPV until the
 *  step or |XNPV| is at most 1e-10, at most 50 steps (CX_EDOMAIN). */
cx_status cx_xirr_newton(const double *flows, const double *dates, size_t n,
                         double guess, double *out);

/** Spreadsheet serial date (1899-12-30 = 0) of year-month-day:
 *  cx_serial_date(2026, 12, 31) = 46387. */
double cx_serial_date(int year, int month, int day);

void cx_discount_result_release(cx_discount_result *d);

#endif
