/*
 * csv_rows.h - a CSV file (RFC 4180, UTF-8, optional byte-order mark) as
 * rows of fields that know the line they start on; libcsv does the
 * parsing. Blank rows are skipped; malformed quoting, invalid UTF-8 and
 * files over the size limit are reported as "FILE:LINE:COL: message",
 * where COL is the field number (1-based).
 */
#ifndef CAPEX_CSV_ROWS_H
#define CAPEX_CSV_ROWS_H

#include <stddef.h>

typedef struct csvrows_field {
    char *text;          /**< NUL-terminated copy (may hold NULs: see len) */
    size_t len;
    int line;            /**< the line the field starts on */
} csvrows_field;

/** Called for every row that is not blank; row_line is its first line.
 *  Returns 0 to go on, or a sysexits code (after its message) to stop. */
typedef int (*csvrows_fn)(void *ctx, const csvrows_field *fields, size_t n,
                          int row_line);

/**
 * Read the CSV file at path and hand each row to fn. Returns 0, or a
 * sysexits code after the message: reader_slurp's (EX_NOINPUT, EX_IOERR,
 * EX_DATAERR for too large), EX_DATAERR for text that is not UTF-8 (or
 * holds control characters) or bad quoting, fn's.
 */
int csvrows_read(const char *path, csvrows_fn fn, void *ctx);

/**
 * The same for text[0..len) already read (and checked) from path, which
 * names it in messages. *lines (may be NULL) is set to the line the text
 * ends on.
 */
int csvrows_parse(const char *path, const char *text, size_t len, csvrows_fn fn,
                   void *ctx, int *lines);

/** csvrows_parse with sep (',', ';' or a tab) between fields. */
int csvrows_parse_sep(const char *path, const char *text, size_t len, char sep,
                      csvrows_fn fn, void *ctx, int *lines);

/**
 * The separator of the first line that is not blank: whichever of ',',
 * ';' and tab occurs most often in it outside quotes (',' on a tie or
 * when none does), as a European spreadsheet's "series;2019;2020".
 */
char csvrows_detect_sep(const char *text, size_t len);

#endif
