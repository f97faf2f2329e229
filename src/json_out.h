/*
 * json_out.h - a small streaming JSON emitter: commas, nesting and string
 * escaping handled in one place. Numbers are written with 17 significant
 * digits (they read back as the same double); NaN and infinities as null.
 */
#ifndef CAPEX_JSON_OUT_H
#define CAPEX_JSON_OUT_H

#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct cx_calendar;

typedef struct json_out {
    FILE *f;
    const struct cx_calendar *cal; /* periods: json_year writes a period's
                                      key ("2025-03") for its number when
                                      the calendar is monthly or quarterly;
                                      NULL = years */
    int depth;
    int count[JSON_MAX_DEPTH]; /* items written at each level */
    int after_key;
} json_out;

void json_init(json_out *j, FILE *f);

/** A fractional period number x (period.h) as a fractional fiscal year
 *  (a year exactly when the calendar is annual or NULL): fiscal year +
 *  (period's place in the year + fraction) / per_year. */
void json_kfraction(json_out *j, const char *key, double x);

/** A period's "label", "start" and "end" (ISO dates) when the calendar
 *  is monthly or quarterly; nothing otherwise. */
void json_period_dates(json_out *j, int number);
void json_begin_object(json_out *j);
void json_end_object(json_out *j);
void json_begin_array(json_out *j);
void json_end_array(json_out *j);
void json_key(json_out *j, const char *key);
void json_string(json_out *j, const char *s);   /* NULL -> null */
void json_number(json_out *j, double v);        /* non-finite -> null */
void json_int(json_out *j, long v);
void json_bool(json_out *j, int v);
void json_null(json_out *j);
/* Year-or-null: 0 means "none" and is written as null. */
void json_year(json_out *j, int year);

/* key + value shorthands */
void json_kstring(json_out *j, const char *key, const char *s);
void json_knumber(json_out *j, const char *key, double v);
void json_kint(json_out *j, const char *key, long v);
void json_kyear(json_out *j, const char *key, int year);

#endif
