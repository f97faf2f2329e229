/*
 * diag.c - message formatting (see diag.h).
 */
#include <sysexits.h>

#include "diag.h"

#include <stdio.h>

static int quiet;

void diag_set_quiet(int q) { quiet = q; }

static void _vat(const char *file, int line, int col, const char *kind,
                 const char *fmt, va_list ap)
{
    if (line > 0 && col > 0)
        fprintf(stderr, "%s:%d:%d: %s", file, line, col, kind);
    else if (line > 0)
        fprintf(stderr, "%s:%d: %s", file, line, kind);
    else
        fprintf(stderr, "%s: %s", file, kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

int diag_at(const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    _vat(file, line, col, "", fmt, ap);
    va_end(ap);
    return -1;
}

void diag_warn_at(const char *file, int line, int col, const char *fmt, ...)
{
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    _vat(file, line, col, "warning: ", fmt, ap);
    va_end(ap);
}

void diag_note_at(const char *file, int line, int col, const char *fmt, ...)
{
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    _vat(file, line, col, "note: ", fmt, ap);
    va_end(ap);
}

int diag_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    _vat("capex", 0, 0, "", fmt, ap);
    va_end(ap);
    return -1;
}

void diag_warn(const char *fmt, ...)
{
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    _vat("capex", 0, 0, "warning: ", fmt, ap);
    va_end(ap);
}

int diag_oom(void)
{
    diag_error("out of memory");
    return EX_OSERR;
}
