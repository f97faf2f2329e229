/*
 * session.h - what every subcommand does first: read a model file,
 * compute it under a scenario, and tell the user about notes and warnings.
 */
#ifndef CAPEX_SESSION_H
#define CAPEX_SESSION_H

#include "model.h"
#include "result.h"

typedef struct session {
    cx_model *model;    /**< owned */
    cx_result *result;  /**< owned */
} session;

/**
 * Read path and compute it under scenario (NULL = base). Returns 0, or a
 * sysexits code after printing the reason (FILE:LINE:COL where known).
 * On failure the session is empty; session_release is safe either way.
 */
int session_open(session *s, const char *path, const char *scenario);

/** session_open in two steps, so that the model can be changed in
 *  between (a batch manifest's overrides): read only (no result yet)... */
int session_read(session *s, const char *path);

/** ...then compute under scenario. On failure the session is released. */
int session_compute(session *s, const char *scenario);

/** Print the engine's notes (info as "note:", failed checks as
 *  "warning:") with the model file's positions, to stderr. */
void session_print_notes(const session *s);

void session_release(session *s);

#endif
