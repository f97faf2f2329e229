/*
 * value.h - one figure for one year: as stated in a source, or as the
 * engine derived it.
 *
 * Analysts write figures as the documents give them: an exact 381, an
 * estimate ~140, a floor 140+, a range 645..665. The engine works on the
 * base value and keeps low and high for ranges and scenarios.
 */
#ifndef CX_VALUE_H
#define CX_VALUE_H

typedef enum cx_value_kind {
    CX_V_MISSING = 0,   /**< no figure for this year */
    CX_V_EXACT,         /**< "381" */
    CX_V_ESTIMATE,      /**< "~140": approximate, base = low = high */
    CX_V_FLOOR,         /**< "140+": at least; base = low, high = +inf */
    CX_V_RANGE,         /**< "645..665": base = midpoint */
    CX_V_INTERPOLATED,  /**< engine: linear between stated neighbours */
    CX_V_PROJECTED,     /**< engine: grown by the series' driver */
    CX_V_DERIVED        /**< engine: computed from other series (sum) */
} cx_value_kind;

typedef struct cx_value {
    cx_value_kind kind;
    double low;         /**< lower bound (== base unless a range) */
    double base;        /**< the value the engine computes with */
    double high;        /**< upper bound; +INFINITY for a floor */
    double resolution;  /**< half a unit of the last digit written
                             (381 -> 0.5, 0.58 -> 0.005, 58% -> 0.005);
                             0 for engine values */
    const char *text;   /**< as written ("645..665"), NULL for engine
                             values; owned by the model */
    const char *source; /**< this figure's source note, NULL when the
                             series' note applies; owned by the model */
    int line, col;      /**< where it was written, 0 when not from a file */
} cx_value;

/** Nonzero when the value is a figure (stated or computed). */
int cx_value_present(const cx_value *v);

/** Nonzero when the value was stated in an input (not computed). */
int cx_value_stated(const cx_value *v);

/** v / parts (low, base, high, resolution; a floor's +inf stays +inf):
 *  one period's share of a year's figure spread evenly. */
cx_value cx_value_share(cx_value v, int parts);

/** The kind as a lowercase word ("range", "projected", ...). */
const char *cx_value_kind_name(cx_value_kind kind);

#endif
