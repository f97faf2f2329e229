/*
 * parse_value.h - figures as documents write them (docs/format.md,
 * "Figures"): 381, ~140, 140+, 645..665, ~645..665, 58%, -14, 1,400, 1.4T,
 * and as analysts write them: (30) for -30, +40%, $30B, 30bn, 30 mn, €1.2M.
 *
 * Parsing never depends on the locale: digits are read here, and the value
 * is the decimal rounded once to the nearest double for every figure of up
 * to 15 significant digits.
 */
#ifndef CAPEX_PARSE_VALUE_H
#define CAPEX_PARSE_VALUE_H

#include "model.h"

/** What a figure may carry, by what it measures. */
typedef struct pv_rules {
    int percent;          /**< `%` allowed (rates, ratios, shares): 58% -> 0.58 */
    int scale;            /**< K/M/B/T allowed (money): converted to model_scale */
    cx_scale model_scale; /**< the model's unit of money figures */
    int decimal_comma;    /**< 1,5 and 1.400,5 (an import's `decimal: ","`) */
    int bare_scale;       /**< 0, or 1 + the cx_scale of money figures written
                               without a suffix (an import's `unit: M`) */
} pv_rules;

typedef enum pv_status {
    PV_OK = 0,
    PV_EEMPTY,            /**< nothing written */
    PV_ESYNTAX,           /**< not a figure (nan, inf and 1e5 included) */
    PV_ERANGE,            /**< too large for a double once scaled */
    PV_EORDER,            /**< a range with low > high */
    PV_EPERCENT,          /**< `%` where rules->percent is 0 */
    PV_ESCALE,            /**< a scale suffix where rules->scale is 0 */
    PV_ECURRENCY          /**< a currency sign where rules->scale is 0 */
} pv_status;

/**
 * Parse text (surrounding blanks ignored) into out's kind, low, base, high
 * and resolution; the caller sets text, source, line and col. Resolution
 * is half a unit of the last digit written, in the figure's final units
 * (58% -> 0.005; 1.4T in a B model -> 50); for a range, the larger of its
 * two ends'. On failure *out is left as CX_V_MISSING.
 */
pv_status parse_value(const char *text, const pv_rules *rules, cx_value *out);

/** The rules for figures measured in unit (a series' or constant's): `%`
 *  for CX_U_RATIO, scale suffixes for CX_U_MONEY, neither otherwise. */
pv_rules pv_rules_for(cx_unit unit, cx_scale model_scale);

/** Nonzero when text looks like a percent figure (its last non-blank
 *  character is `%`): used to tell a `%` series from a money one. */
int pv_is_percent(const char *text);

/**
 * Parse a plain integer (optional '-', digits, nothing else, no blanks)
 * within [min, max]. Returns 0, or -1 when text is not such an integer.
 */
int pv_parse_int(const char *text, long min, long max, long *out);

/**
 * Parse "FIRST..LAST" (two integers within [min, max], blanks allowed
 * around the dots). Returns 0, or -1 on a syntax or range error. first >
 * last is not checked here.
 */
int pv_parse_span(const char *text, long min, long max, long *first, long *last);

#endif
