/*
 * numfmt.c - locale-independent number text (see numfmt.h).
 */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void numfmt_exact(char *buf, size_t size, double v)
{
    if (v == 0)
        v = 0;
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

void numfmt_human(char *buf, size_t size, double v, int decimals)
{
    if (!isfinite(v) || fabs(v) >= 1e30) {
        snprintf(buf, size, "n/a");
        return;
    }
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    if (strtod(raw, NULL) == 0)
        v = 0;                       /* no "-0.0" */
    const char *dot = strchr(raw, '.');
    size_t intlen = dot ? (size_t)(dot - raw) : strlen(raw);
    size_t o = 0;
    if (v < 0 && o + 1 < size)
        buf[o++] = '-';
    for (size_t i = 0; i < intlen && o + 1 < size; i++) {
        if (i > 0 && (intlen - i) % 3 == 0 && o + 2 < size)
            buf[o++] = ',';
        buf[o++] = raw[i];
    }
    for (const char *p = dot; p && *p && o + 1 < size; p++)
        buf[o++] = *p;
    buf[o] = '\0';
}
