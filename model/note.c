/*
 * note.c - the engine's notes and warnings (cx_note in a result) and the
 * figure formats their texts use. A leaf: it calls nothing else of the
 * engine, so every compute_*.c file may call it.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compute_priv.h"

cx_status cxi_note(cx_result *r, cx_note_level level, size_t series, int year,
                   int line, int col, const char *fmt, ...)
{
    cx_note *grown = realloc(r->notes, (r->nnotes + 1) * sizeof *grown);
    if (!grown)
        return CX_ENOMEM;
    r->notes = grown;
    cx_note *n = &grown[r->nnotes++];
    *n = (cx_note){.level = level, .series = series, .year = year,
                   .line = line, .col = col};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(n->text, sizeof n->text, fmt, ap);
    va_end(ap);
    return CX_OK;
}

/* Drop trailing zeros of a fixed-point number ("4.60" -> "4.6", "2.00" -> "2"). */
static void _trim_zeros(char *buf)
{
    char *dot = strchr(buf, '.');
    if (!dot)
        return;
    char *end = buf + strlen(buf);
    while (end > dot + 1 && end[-1] == '0')
        *--end = '\0';
    if (end == dot + 1)
        *dot = '\0';
    if (!strcmp(buf, "-0"))
        strcpy(buf, "0");
}

void cxi_format_number(char *buf, size_t size, double x)
{
    double a = fabs(x);
    if (!isfinite(x)) {
        snprintf(buf, size, "n/a");
    } else if (x == 0) {
        snprintf(buf, size, "0");
    } else if (a >= 1e15 || a < 1e-4) {
        snprintf(buf, size, "%.3g", x);
    } else if (a >= 1) {
        snprintf(buf, size, "%.2f", x);
        _trim_zeros(buf);
    } else {
        snprintf(buf, size, "%.3g", x);
    }
}

void cxi_format_percent(char *buf, size_t size, double x)
{
    if (!isfinite(x) || fabs(x) >= 1e13) {
        cxi_format_number(buf, size, x);
        return;
    }
    char num[64];
    snprintf(num, sizeof num, "%.1f", x * 100);
    _trim_zeros(num);
    snprintf(buf, size, "%s%%", num);
}
