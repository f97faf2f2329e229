/*
 * period.c - a model's calendar: keys, titles, dates, fiscal years.
 */
#include "period.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const month_abbr[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

const char *cx_period_strerr(cx_period_err err)
{
    switch (err) {
    case CX_PERIOD_OK: return "a period";
    case CX_PERIOD_SYNTAX:
        return "a year 2025, a quarter 2025Q1 or a month 2025-03";
    case CX_PERIOD_QUARTER: return "a quarter 1 to 4, as in 2025Q1";
    case CX_PERIOD_MONTH: return "a month 01 to 12, as in 2025-03";
    case CX_PERIOD_YEAR: return "a year from 1900 to 2200";
    case CX_PERIOD_FY_END: return "the month the fiscal year ends, 1 to 12";
    case CX_PERIOD_MIXED:
        return "both ends of one frequency, as in 2025-01..2027-12";
    case CX_PERIOD_BACKWARDS: return "an end not before the start";
    case CX_PERIOD_TOO_MANY: return "at most 2400 periods";
    case CX_PERIOD_FREQUENCY: return "a key of the model's frequency";
    case CX_PERIOD_OUTSIDE: return "a period within the model's periods";
    }
    return "a period";
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The part after YYYY: "", "Qn" or "-MM". */
static cx_period_err parse_sub(const char *s, cx_period_key *out)
{
    if (*s == '\0') {
        out->per_year = 1;
        out->sub = 1;
        return CX_PERIOD_OK;
    }
    if (s[0] == 'Q' && s[1] >= '0' && s[1] <= '9' && s[2] == '\0') {
        out->per_year = 4;
        out->sub = s[1] - '0';
        return out->sub >= 1 && out->sub <= 4 ? CX_PERIOD_OK
                                               : CX_PERIOD_QUARTER;
    }
    if (s[0] == '-' && strlen(s) == 3 && digits(s + 1, 2) >= 0) {
        out->per_year = 12;
        out->sub = digits(s + 1, 2);
        return out->sub >= 1 && out->sub <= 12 ? CX_PERIOD_OK
                                                : CX_PERIOD_MONTH;
    }
    return CX_PERIOD_SYNTAX;
}

cx_period_err cx_period_parse(const char *s, cx_period_key *out)
{
    if (s == NULL || out == NULL || strlen(s) < 4)
        return CX_PERIOD_SYNTAX;
    int year = digits(s, 4);
    if (year < 0)
        return CX_PERIOD_SYNTAX;
    cx_period_err e = parse_sub(s + 4, out);
    if (e != CX_PERIOD_OK)
        return e;
    out->year = year;
    if (year < CX_PERIOD_MIN_YEAR || year > CX_PERIOD_MAX_YEAR)
        return CX_PERIOD_YEAR;
    return CX_PERIOD_OK;
}

/* Absolute month fiscal year `year` starts in. */
static int fy_start_month(int fy_end, int year)
{
    return (year - 1) * 12 + fy_end;
}

/* Absolute month a key's period starts in. */
static int key_month(const cx_period_key *k, int fy_end)
{
    if (k->per_year == 12)
        return k->year * 12 + k->sub - 1;
    return fy_start_month(fy_end, k->year) + (k->sub - 1) * 3;
}

cx_period_err cx_calendar_init(cx_calendar *cal, int per_year, int fy_end,
                               const cx_period_key *first, int n)
{
    if (fy_end < 1 || fy_end > 12)
        return CX_PERIOD_FY_END;
    if (first == NULL || first->per_year != per_year)
        return CX_PERIOD_FREQUENCY;
    if (n < 1)
        return CX_PERIOD_BACKWARDS;
    if (n > CX_MAX_PERIODS)
        return CX_PERIOD_TOO_MANY;
    cal->per_year = per_year;
    cal->fy_end = fy_end;
    cal->first_month = key_month(first, fy_end);
    cal->n = n;
    return CX_PERIOD_OK;
}

cx_period_err cx_calendar_years(cx_calendar *cal, int first_year,
                                int last_year, int fy_end)
{
    cx_period_key k = {1, first_year, 1};
    if (first_year < CX_PERIOD_MIN_YEAR || last_year > CX_PERIOD_MAX_YEAR)
        return CX_PERIOD_YEAR;
    return cx_calendar_init(cal, 1, fy_end, &k, last_year - first_year + 1);
}

/* The two ends of "A..B", each copied into a buffer of CX_PERIOD_KEY_MAX. */
static int split_range(const char *range, char *a, char *b)
{
    const char *dots = range ? strstr(range, "..") : NULL;
    if (dots == NULL)
        return 0;
    size_t na = (size_t)(dots - range), nb = strlen(dots + 2);
    if (na >= CX_PERIOD_KEY_MAX || nb >= CX_PERIOD_KEY_MAX)
        return 0;
    memcpy(a, range, na);
    a[na] = '\0';
    memcpy(b, dots + 2, nb + 1);
    return 1;
}

cx_period_err cx_calendar_parse(const char *range, int fy_end,
                                cx_calendar *cal)
{
    char a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
    cx_period_key ka, kb;
    if (fy_end < 1 || fy_end > 12)
        return CX_PERIOD_FY_END;
    if (!split_range(range, a, b))
        return CX_PERIOD_SYNTAX;
    cx_period_err e = cx_period_parse(a, &ka);
    if (e == CX_PERIOD_OK)
        e = cx_period_parse(b, &kb);
    if (e != CX_PERIOD_OK)
        return e;
    if (ka.per_year != kb.per_year)
        return CX_PERIOD_MIXED;
    int months = 12 / ka.per_year;
    long span = (long)key_month(&kb, fy_end) - key_month(&ka, fy_end);
    if (span < 0)
        return CX_PERIOD_BACKWARDS;
    return cx_calendar_init(cal, ka.per_year, fy_end, &ka,
                            (int)(span / months + 1));
}

cx_period_err cx_period_index(const cx_calendar *cal,
                              const cx_period_key *key, int *t)
{
    if (key->per_year != cal->per_year)
        return CX_PERIOD_FREQUENCY;
    long d = (long)key_month(key, cal->fy_end) - cal->first_month;
    long i = d / cx_period_months(cal);
    if (d < 0 || i >= cal->n)
        return CX_PERIOD_OUTSIDE;
    *t = (int)i;
    return CX_PERIOD_OK;
}

int cx_fiscal_year_of_month(int fy_end, int month)
{
    int year = month / 12, m = month % 12 + 1;
    return m > fy_end ? year + 1 : year;
}

int cx_period_fiscal_year(const cx_calendar *cal, int t)
{
    int last = cx_period_start_month(cal, t) + cx_period_months(cal) - 1;
    return cx_fiscal_year_of_month(cal->fy_end, last);
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

cx_date cx_period_start(const cx_calendar *cal, int t)
{
    int m = cx_period_start_month(cal, t);
    return (cx_date){m / 12, m % 12 + 1, 1};
}

cx_date cx_period_end(const cx_calendar *cal, int t)
{
    int m = cx_period_start_month(cal, t) + cx_period_months(cal) - 1;
    cx_date d = {m / 12, m % 12 + 1, 0};
    d.day = days_in_month(d.year, d.month);
    return d;
}

/* Fiscal quarter (1..4) of period t in a quarterly calendar. */
static int fiscal_quarter(const cx_calendar *cal, int t, int fy)
{
    int start = cx_period_start_month(cal, t);
    return (start - fy_start_month(cal->fy_end, fy)) / 3 + 1;
}

char *cx_period_key_str(const cx_calendar *cal, int t, char *buf, size_t n)
{
    int fy = cx_period_fiscal_year(cal, t);
    int m = cx_period_start_month(cal, t);
    if (cal->per_year == 12)
        snprintf(buf, n, "%04d-%02d", m / 12, m % 12 + 1);
    else if (cal->per_year == 4)
        snprintf(buf, n, "%04dQ%d", fy, fiscal_quarter(cal, t, fy));
    else
        snprintf(buf, n, "%04d", fy);
    return buf;
}

char *cx_period_title(const cx_calendar *cal, int t, char *buf, size_t n)
{
    int fy = cx_period_fiscal_year(cal, t);
    int m = cx_period_start_month(cal, t);
    if (cal->per_year == 12)
        snprintf(buf, n, "%s %04d", month_abbr[m % 12], m / 12);
    else if (cal->per_year == 4)
        snprintf(buf, n, "Q%d FY%02d", fiscal_quarter(cal, t, fy), fy % 100);
    else
        snprintf(buf, n, "%04d", fy);
    return buf;
}

void cx_calendar_fiscal_years(const cx_calendar *cal, int *first, int *count)
{
    int a = cx_period_fiscal_year(cal, 0);
    *first = a;
    *count = cx_period_fiscal_year(cal, cal->n - 1) - a + 1;
}

int cx_calendar_full_year(const cx_calendar *cal, int y)
{
    int first, count;
    cx_calendar_fiscal_years(cal, &first, &count);
    if (y < 0 || y >= count)
        return 0;
    int start = fy_start_month(cal->fy_end, first + y);
    int last_month = cx_period_start_month(cal, cal->n) - 1;
    return start >= cal->first_month && start + 11 <= last_month;
}

int cx_period_number(const cx_calendar *cal, int t)
{
    int fiscal_month = cx_period_start_month(cal, t) + 12 - cal->fy_end;
    return fiscal_month / cx_period_months(cal);
}

double cx_period_fraction_year(const cx_calendar *cal, double x)
{
    if (cal->per_year == 1 || !isfinite(x))
        return x;
    int p = (int)floor(x), per = cal->per_year;
    int slot = (p % per + per) % per;
    return cx_period_fiscal_year(cal, cx_period_of_number(cal, p)) + (slot + (x - p)) / per;
}

char *cx_period_number_title(const cx_calendar *cal, int p, char *buf, size_t n)
{
    return cx_period_title(cal, cx_period_of_number(cal, p), buf, n);
}

double cx_rate_per_period(double r, int k)
{
    if (k == 1)
        return r;
    return pow(1 + r, 1.0 / k) - 1;
}

double cx_rate_convert(double r, int from, int to)
{
    if (from == to)
        return r;
    return pow(1 + r, (double)to / from) - 1;
}

const char *cx_calendar_frequency(const cx_calendar *cal)
{
    return cal->per_year == 12 ? "monthly" : cal->per_year == 4 ? "quarterly" : "annual";
}

const char *cx_calendar_period_word(const cx_calendar *cal)
{
    return cal->per_year == 12 ? "month" : cal->per_year == 4 ? "quarter" : "year";
}

const char *cx_calendar_example(const cx_calendar *cal)
{
    return cal->per_year == 12 ? "a month like 2025-03" : "a quarter like 2025Q1";
}

const char *cx_calendar_range(const cx_calendar *cal, char *buf, size_t n)
{
    char a[CX_PERIOD_KEY_MAX], b[CX_PERIOD_KEY_MAX];
    snprintf(buf, n, "%s..%s", cx_period_key_str(cal, 0, a, sizeof a),
             cx_period_key_str(cal, cal->n - 1, b, sizeof b));
    return buf;
}
