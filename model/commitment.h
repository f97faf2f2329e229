/*
 * commitment.h - contracted future outflows (cloud, chips, data centres)
 * spread over the years they are paid in.
 *
 * A commitment is a total over a period spread by a profile, or an explicit
 * per-year schedule. Year k = 1..n of an n-year period from start pays
 *   even:  total / n
 *   front: total * (n - k + 1) / (n * (n + 1) / 2)   (weights n, n-1, ..., 1)
 *   back:  total * k / (n * (n + 1) / 2)             (weights 1, 2, ..., n)
 * computed in exactly that order (the workbook's formulas). A commitment whose
 * period is not stated (the seed's Broadcom $350B) is kept and listed but
 * contributes nothing to the schedule; the engine says so in a note.
 */
#ifndef CX_COMMITMENT_H
#define CX_COMMITMENT_H

#include <stddef.h>
#include "error.h"
#include "value.h"

typedef enum cx_profile {
    CX_P_EVEN = 0,        /**< the same amount every year */
    CX_P_FRONT,           /**< front-loaded: falling linearly */
    CX_P_BACK             /**< back-loaded: rising linearly */
} cx_profile;

typedef struct cx_commitment {
    const char *name;     /**< "Oracle"; owned by the model */
    const char *source;   /**< source note, may be NULL */
    const char *note;     /**< free note ("10GW custom chips"), may be NULL */
    cx_value total;       /**< CX_V_MISSING when no amount is stated */
    int start;            /**< first year paid, 0 = not stated */
    int years;            /**< number of years, 0 = not stated */
    cx_profile profile;   /**< how total spreads over the years */
    cx_value *schedule;   /**< explicit amounts [model nyears] or NULL; owned */
    int line, col;
} cx_commitment;

/**
 * Fill out[0..nyears) with the amounts paid in first_year..first_year+nyears-1.
 * The profile's spread for total/start/years; the explicit schedule when
 * present.
 * *beyond receives the part paid after the horizon (0 when none) and
 * *scheduled is set to 0 when the commitment has no period (out all 0).
 */
cx_status cx_commitment_schedule(const cx_commitment *c, int first_year,
                                 size_t nyears, double *out, double *beyond,
                                 int *scheduled);

struct cx_calendar;

/**
 * The schedule over the periods of cal: in an annual calendar
 * cx_commitment_schedule; in a monthly or quarterly one each (fiscal)
 * year's amount spread evenly over its periods (amount / per_year), with
 * the periods of a year outside the calendar counted in *before (ahead of
 * the first period) or *beyond (after the last). An explicit schedule
 * holds its amounts per period already (the reader spreads a year's).
 */
cx_status cx_commitment_periods(const cx_commitment *c, const struct cx_calendar *cal,
                                double *out, double *before, double *beyond,
                                int *scheduled);

/** Amount paid in year k (1..years) of the commitment's period by its
 *  profile; NAN for k outside 1..years or no period. */
double cx_commitment_amount(const cx_commitment *c, int k);

/** "even", "front", "back". */
const char *cx_profile_name(cx_profile p);

#endif
