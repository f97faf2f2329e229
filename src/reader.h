/*
 * reader.h - what the readers (YAML, CSV) share: the whole file in memory,
 * the byte-order mark, UTF-8 validation, positions, and messages that
 * quote the input safely.
 */
#ifndef CAPEX_READER_H
#define CAPEX_READER_H

#include <stddef.h>

#include "model.h"
#include "parse_value.h"

#define READER_MAX_FILE ((size_t)64 << 20)   /**< larger inputs are refused */

/**
 * Read the file at path into *buf (NUL-terminated, *len bytes without the
 * NUL; free it). On failure prints the message through diag and returns a
 * sysexits code: "capex: cannot open 'x': reason" (EX_NOINPUT; a folder or
 * a device: "cannot read 'x': it is a folder (expected a file)"), "cannot
 * read" (EX_IOERR), "x:1:1: the file is too large: 100.0 MiB (at most 64
 * MiB)" (EX_DATAERR), out of memory (EX_OSERR). A regular file over
 * READER_MAX_FILE is refused from its size without being read; a pipe is
 * read up to the limit: at most READER_MAX_FILE + 2 bytes are held.
 */
int reader_slurp(const char *path, char **buf, size_t *len);

/**
 * reader_slurp for a file that another one names (a model's import): every
 * failure is reported where it is named, "FILE:LINE:COL: cannot import
 * 'x': reason" ("No such file or directory", "it is a folder (expected a
 * file)", "it is too large: ..."), with the same exit codes.
 */
int reader_slurp_at(const char *path, const char *file, int line, int col,
                    char **buf, size_t *len);

/** Length of a leading UTF-8 byte-order mark: 3 or 0. */
size_t reader_bom(const char *buf, size_t len);

/**
 * Offset of the first byte that is not valid UTF-8 (overlong forms,
 * surrogates and code points above U+10FFFF are invalid), or len when the
 * whole buffer is valid.
 */
size_t reader_utf8_error(const char *buf, size_t len);

/**
 * Check that text[0..len) (after any byte-order mark) is UTF-8 text. On
 * the first problem prints "FILE:LINE:COL: invalid UTF-8 byte 0xff (KIND
 * files are UTF-8)" (or that the file is UTF-16) and returns EX_DATAERR;
 * else 0. controls: refuse control characters other than tab, LF and CR
 * too ("control character U+0000 is not allowed (KIND files are text)").
 * kind: "model", "CSV".
 */
int reader_check_text(const char *file, const char *text, size_t len,
                      const char *kind, int controls);

/**
 * Line and column (1-based; columns count characters, CR LF and lone CR
 * end a line as in YAML) of byte offset off in buf, which must be
 * NUL-terminated (as reader_slurp leaves it).
 */
void reader_position(const char *buf, size_t off, int *line, int *col);

/**
 * Print "FILE:LINE:COL: message" through diag and return EX_DATAERR, so
 * readers can write `return reader_error(...)`.
 */
int reader_error(const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** Input text made safe to quote in a message: at most about 60 bytes
 *  (cut at a character boundary, "..." appended), control characters
 *  shown as '?'. */
typedef struct reader_text { char s[72]; } reader_text;
reader_text reader_show(const char *text, size_t len);

/**
 * The choice nearest to word by edit distance (a transposition counts as
 * one edit), or NULL when none is close enough to be a likely typo.
 * choices ends with NULL.
 */
const char *reader_suggest(const char *word, const char *const *choices);

/** reader_suggest among a model's scenario names and "base". */
const char *reader_suggest_scenario(const cx_model *m, const char *word);

/** "FILE: no scenario 'x' in model 'm' (did you mean 'y'?)" and the
 *  scenarios available, one a line; returns EX_USAGE. */
int reader_unknown_scenario(const cx_model *m, const char *name);

/** Edit distance as reader_suggest measures it; SIZE_MAX for words
 *  longer than 64 bytes. */
size_t reader_distance(const char *a, const char *b);

/** Nonzero when distance d between words of these lengths is close
 *  enough to suggest one for the other. */
int reader_close(size_t d, size_t len_a, size_t len_b);

/** Longest series, constant or scenario name accepted. */
#define READER_MAX_NAME 100

/** Most series in one model, YAML and CSV together: the engine finds a
 *  series by name in linear time, so this bounds the reader's work. */
#define READER_MAX_SERIES 10000

/** Most scenarios in one model: `--scenario all` computes each of them. */
#define READER_MAX_SCENARIOS 100
#define READER_MAX_TORNADO 100     /* drivers in a tornado: two runs each */

/** Nonzero for a valid series name: metric.entity, letters (any
 *  non-ASCII UTF-8 too), digits, '_', '-' and dots, no empty part. */
int reader_is_series_name(const char *s, size_t len);

/** Nonzero for an identifier (model, scenario, constant names): ASCII
 *  letters, digits, '_', '-', '.', starting with a letter or digit. */
int reader_is_identifier(const char *s, size_t len);

/**
 * A unit as written: "money", "%", "x", or any other word (a physical
 * count such as GW; *unit is CX_U_OTHER and the caller keeps the text).
 * Returns -1 for text that is not a word (empty, over 32 bytes, blanks or
 * control characters).
 */
int reader_unit(const char *text, cx_unit *unit);

/**
 * A scale as a model's or an import's `unit` writes it: 1, K, M, B, T, or
 * the aliases k, thousand, mn, mm, million, bn, billion, tn, trillion
 * (letters in any case). Returns 0, or -1 for anything else.
 */
int reader_scale(const char *text, cx_scale *out);

/** How a unit reads in messages: "money", "%", "x" or the word itself. */
const char *reader_unit_name(cx_unit unit, const char *unit_text);

/**
 * Report a figure that parse_value refused (st != PV_OK), e.g.
 * "expected a figure for year 2025 (like 381, ~140, 140+ or 645..665),
 * got 'abc'". what says which figure ("for year 2025", "for 'rate'");
 * unit_name is reader_unit_name's. Returns EX_DATAERR.
 */
int reader_figure_error(const char *file, int line, int col, pv_status st,
                        const pv_rules *rules, const char *text, size_t len,
                        const char *what, const char *unit_name);

#endif
