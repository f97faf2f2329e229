/*
 * diag.h - the one place that formats messages for the user.
 *
 * Input errors point at the source: "inputs/x.yaml:12:3: expected a number
 * for 'capex' (got 'abc')". Messages are lowercase, without a trailing full
 * stop, with names in single quotes. Everything goes to stderr.
 */
#ifndef CAPEX_DIAG_H
#define CAPEX_DIAG_H

#include <stdarg.h>

/** "FILE:LINE:COL: message". line/col 0 are left out ("FILE: message").
 *  Returns -1 so callers can write `return diag_at(...)`. */
int diag_at(const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** "FILE:LINE:COL: warning: message". */
void diag_warn_at(const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** "FILE:LINE:COL: note: message" (silenced by --quiet). */
void diag_note_at(const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** "capex: message" for errors not tied to a position. Returns -1. */
int diag_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** "capex: out of memory"; returns EX_OSERR (71), so callers write
 *  `return diag_oom();`. */
int diag_oom(void);

/** "capex: warning: message". */
void diag_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Silence warnings (errors are always printed): --quiet. */
void diag_set_quiet(int quiet);

#endif
