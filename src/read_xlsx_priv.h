/*
 * read_xlsx_priv.h - what the parts of the workbook reader share: the
 * archive and its parts streamed through expat (read_xlsx_zip.c), the
 * workbook's sheets, styles and shared strings (read_xlsx_book.c), the
 * sheet's rows (read_xlsx_sheet.c).
 */
#ifndef CAPEX_READ_XLSX_PRIV_H
#define CAPEX_READ_XLSX_PRIV_H

#include <expat.h>
#include <stddef.h>

#include "read_xlsx.h"

typedef struct xz_archive xz_archive;

/** Open the zip archive at path; NULL when it is not one. */
xz_archive *xz_open(const char *path);
void xz_close(xz_archive *z);

/** Nonzero when the archive holds the part name. */
int xz_has(xz_archive *z, const char *name);

/**
 * Stream the part name through the parser p (its handlers set, user data
 * holding a status they set before XML_StopParser). Refuses a part whose
 * inflated size passes XLSX_MAX_PART (from its header, and counted while
 * inflating), an encrypted part, a damaged archive and malformed XML,
 * naming path and the part. *stopped: a handler stopped the parser (its
 * own status then says why). Returns 0 or EX_DATAERR after the message.
 */
int xz_parse(xz_archive *z, const char *path, const char *name, XML_Parser p,
             int *stopped);

/** name without its namespace prefix ("x:row" -> "row"). */
const char *xz_local(const char *name);

/** The value of attribute name (local name) in atts, or NULL. */
const char *xz_attr(const char **atts, const char *name);

/** A growable text buffer for character data. */
typedef struct xz_text {
    char *s;
    size_t len, cap;
    int failed;
} xz_text;
void xz_text_add(xz_text *t, const char *s, size_t n, size_t limit);
void xz_text_release(xz_text *t);

/* ---- the workbook (read_xlsx_book.c) --------------------------------- */

typedef enum xb_style { XS_PLAIN = 0, XS_DATE, XS_PERCENT } xb_style;

typedef struct xb_book {
    char **sheets;           /* names, in the workbook's order */
    char **rids;             /* their relationship ids */
    size_t nsheets;
    int date1904;
    unsigned char *style;    /* [nstyles]: xb_style of each cell format */
    size_t nstyles;
    char *strings;           /* the shared strings, NUL-separated */
    size_t *string_at;       /* [nstrings] offsets into strings */
    size_t nstrings;
} xb_book;

/** Read the sheets, date system, styles and shared strings. */
int xb_read(xz_archive *z, const char *path, xb_book *b);

/** The part of the sheet called name ("xl/worksheets/sheet1.xml"), or
 *  after a message (the sheets listed) NULL with *rc set. Caller frees. */
char *xb_sheet_part(xz_archive *z, const char *path, const xb_book *b, const char *name,
                    int *rc);

void xb_release(xb_book *b);

/* ---- the sheet (read_xlsx_sheet.c) ----------------------------------- */

int xs_rows(xz_archive *z, const char *path, const xb_book *b, const char *part,
            const char *sheet, const tbl_options *o, tbl_row_fn fn, void *ctx);

#endif
