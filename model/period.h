/*
 * period.h - a model's calendar: years, fiscal quarters or months.
 *
 * The engine's index t is a period index. A calendar says how many
 * periods make a year (1, 4 or 12), which month ends the fiscal year
 * (1..12, default 12) and where the first period starts. An annual
 * calendar with fiscal_year_end 12 is today's model of calendar years.
 *
 * Months are counted absolutely: month m = year * 12 + (month - 1), so
 * March 2025 is 2025 * 12 + 2. Fiscal year Y ends in month fy_end of
 * calendar year Y and starts the month after fy_end of year Y - 1
 * (fiscal_year_end 6: FY2025 = July 2024 .. June 2025). Quarters are
 * fiscal quarters: 2025Q1 with fiscal_year_end 6 is July .. September
 * 2024. A year key (2025) in an annual model is fiscal year 2025.
 *
 * Keys (as written in a model file and in CSV/JSON):
 *   year `2025`, quarter `2025Q1` (fiscal year, fiscal quarter),
 *   month `2025-03` (calendar month).
 * Titles (for tables and workbooks): `2025`, `Q1 FY25`, `Mar 2025`.
 *
 * Pure functions, no allocation.
 */
#ifndef CX_PERIOD_H
#define CX_PERIOD_H

#include <stddef.h>
#include "error.h"

#define CX_MAX_PERIODS 2400  /**< periods in one model (200 years of months) */
#define CX_PERIOD_KEY_MAX 16 /**< bytes for a key or a title, with its NUL */

typedef struct cx_calendar {
    int per_year;    /**< 1 (years), 4 (fiscal quarters) or 12 (months) */
    int fy_end;      /**< month (1..12) the fiscal year ends in */
    int first_month; /**< absolute month the first period starts in */
    int n;           /**< number of periods, 1..CX_MAX_PERIODS */
} cx_calendar;

/** A calendar date. */
typedef struct cx_date {
    int year, month, day;
} cx_date;

/** What is wrong with a key or a range, for the reader's message. */
typedef enum cx_period_err {
    CX_PERIOD_OK = 0,
    CX_PERIOD_SYNTAX,    /**< not YYYY, YYYYQn or YYYY-MM */
    CX_PERIOD_QUARTER,   /**< quarter not 1..4 (2024Q5) */
    CX_PERIOD_MONTH,     /**< month not 1..12 (2024-13) */
    CX_PERIOD_YEAR,      /**< year outside CX_PERIOD_MIN_YEAR..MAX_YEAR */
    CX_PERIOD_FY_END,    /**< fiscal_year_end not 1..12 */
    CX_PERIOD_MIXED,     /**< a range's ends of different frequencies */
    CX_PERIOD_BACKWARDS, /**< a range whose end is before its start */
    CX_PERIOD_TOO_MANY,  /**< more than CX_MAX_PERIODS periods */
    CX_PERIOD_FREQUENCY, /**< a key of another frequency than the model */
    CX_PERIOD_OUTSIDE,   /**< a key outside the model's periods */
} cx_period_err;

#define CX_PERIOD_MIN_YEAR 1900 /**< as CX_MIN_YEAR in model.h */
#define CX_PERIOD_MAX_YEAR 2200 /**< as CX_MAX_YEAR in model.h */

/** A parsed key: its frequency (1, 4, 12), fiscal or calendar year and
 *  its number in the year (quarter 1..4, month 1..12; 1 for a year). */
typedef struct cx_period_key {
    int per_year;
    int year;
    int sub;
} cx_period_key;

/** "what was expected" for an error, e.g. "a quarter 1 to 4, as in
 *  2025Q1". Never NULL. */
const char *cx_period_strerr(cx_period_err err);

/** Parses a whole key ("2025", "2025Q1", "2025-03"). */
cx_period_err cx_period_parse(const char *s, cx_period_key *out);

/** Parses "A..B" (both ends of one frequency, B not before A, at most
 *  CX_MAX_PERIODS periods) into *cal with fiscal year end fy_end. */
cx_period_err cx_calendar_parse(const char *range, int fy_end,
                                cx_calendar *cal);

/** A calendar of n periods of per_year a year from key `first`. */
cx_period_err cx_calendar_init(cx_calendar *cal, int per_year, int fy_end,
                               const cx_period_key *first, int n);

/** The annual calendar first_year..last_year (today's `years:`). */
cx_period_err cx_calendar_years(cx_calendar *cal, int first_year,
                                int last_year, int fy_end);

/** Months in one period: 12, 3 or 1. */
static inline int cx_period_months(const cx_calendar *cal)
{
    return 12 / cal->per_year;
}

/** Absolute month period t starts in. */
static inline int cx_period_start_month(const cx_calendar *cal, int t)
{
    return cal->first_month + t * cx_period_months(cal);
}

/** Index of a key in the calendar; CX_PERIOD_FREQUENCY for a key of
 *  another frequency, CX_PERIOD_OUTSIDE outside the periods. */
cx_period_err cx_period_index(const cx_calendar *cal,
                              const cx_period_key *key, int *t);

/**
 * Period numbers: consecutive integers that name periods across the
 * engine's figures (burn years, break-even, run-out, notes). In an annual
 * calendar the number of a period is its (fiscal) year, so annual models
 * read as before; in a quarterly one fiscal year * 4 + quarter - 1; in a
 * monthly one the month counted from the fiscal year's start
 * (absolute month + 12 - fy_end). A fractional number f lies
 * (f - floor(f)) of the way through period floor(f). Writers show a
 * number with cx_period_number_title, never as a bare integer, unless
 * per_year is 1.
 */
int cx_period_number(const cx_calendar *cal, int t);

/** Index of period number p (any p: may be < 0 or >= n). */
static inline int cx_period_of_number(const cx_calendar *cal, int p)
{
    return p - cx_period_number(cal, 0);
}

/** A fractional period number x as a fractional fiscal year: the fiscal
 *  year of period floor(x) + (its place in that year + x - floor(x)) /
 *  per_year (x itself in an annual calendar; NAN stays NAN). */
double cx_period_fraction_year(const cx_calendar *cal, double x);

/** The title of period number p ("2027", "Q3 FY27", "Mar 2027"). */
char *cx_period_number_title(const cx_calendar *cal, int p, char *buf, size_t n);

/** Fiscal year of an absolute month, and of period t (the fiscal year of
 *  its last month). */
int cx_fiscal_year_of_month(int fy_end, int month);
int cx_period_fiscal_year(const cx_calendar *cal, int t);

/** First and last day of period t. */
cx_date cx_period_start(const cx_calendar *cal, int t);
cx_date cx_period_end(const cx_calendar *cal, int t);

/** The key of period t ("2025", "2025Q1", "2025-03") into buf
 *  (size >= CX_PERIOD_KEY_MAX). Returns buf. */
char *cx_period_key_str(const cx_calendar *cal, int t, char *buf, size_t n);

/** The title of period t ("2025", "Q1 FY25", "Mar 2025"). Returns buf. */
char *cx_period_title(const cx_calendar *cal, int t, char *buf, size_t n);

/** The fiscal years the periods fall in: first and count. Period t rolls
 *  up into fiscal year index cx_period_fiscal_year(cal, t) - *first. */
void cx_calendar_fiscal_years(const cx_calendar *cal, int *first, int *count);

/** 1 when fiscal year index y (from cx_calendar_fiscal_years) holds all
 *  per_year of its periods in the calendar, 0 for a partial year at
 *  either end (a monthly model starting in March). */
int cx_calendar_full_year(const cx_calendar *cal, int y);

/** The per-period rate of an annual rate r over k periods a year:
 *  (1 + r)^(1/k) - 1 (Excel: =(1+r)^(1/k)-1). r exactly for k == 1. */
double cx_rate_per_period(double r, int k);

/** "monthly" or "quarterly" (annual: "annual"), for messages. */
const char *cx_calendar_frequency(const cx_calendar *cal);

/** "year", "quarter" or "month": what one of the calendar's periods is. */
const char *cx_calendar_period_word(const cx_calendar *cal);

/** "a month like 2025-03" or "a quarter like 2025Q1", for messages. */
const char *cx_calendar_example(const cx_calendar *cal);

/** The calendar as a range of keys, "2025-01..2027-12", into buf. */
const char *cx_calendar_range(const cx_calendar *cal, char *buf, size_t n);

/** A rate per `from` months as a rate per `to` months:
 *  (1 + r)^(to / from) - 1 (Excel: =(1+r)^(to/from)-1); r exactly when
 *  from == to. */
double cx_rate_convert(double r, int from, int to);

#endif
