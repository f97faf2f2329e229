/*
 * table.h - a table of cells from a CSV file or an .xlsx worksheet, handed
 * over row by row (the importer and `capex init --from` read both the same
 * way), and messages that name a cell: "FILE:ROW:COL" in a CSV file (ROW
 * the line, COL the field number), "FILE:SHEET!C7" in a workbook.
 */
#ifndef CAPEX_TABLE_H
#define CAPEX_TABLE_H

#include <stddef.h>

#define TBL_MAX_ROWS 1000000        /**< rows of a worksheet, at most */

typedef enum tbl_kind {
    TBL_TEXT = 0,       /**< as written (every CSV field) */
    TBL_NUMBER,         /**< a workbook number, as decimal text ("1234.5"; "40%"
                             when formatted as a percentage) */
    TBL_DATE,           /**< a workbook date, as YYYY-MM-DD */
    TBL_BOOL,           /**< TRUE or FALSE */
    TBL_ERROR           /**< a workbook error value (#N/A, #DIV/0!) */
} tbl_kind;

typedef struct tbl_cell {
    const char *text;   /**< NUL-terminated; "" for an empty cell */
    size_t len;
    int row, col;       /**< CSV: line and field number; xlsx: row and column */
    tbl_kind kind;
} tbl_cell;

/** Where the cells come from: sheet NULL for a CSV file. */
typedef struct tbl_where {
    const char *path;
    const char *sheet;
} tbl_where;

/** One row that is not blank: cells[0..n) are consecutive columns from
 *  the first of the range (empty cells included, trailing ones maybe not).
 *  Returns 0 to go on, or a sysexits code after its message. */
typedef int (*tbl_row_fn)(void *ctx, const tbl_where *w, const tbl_cell *cells,
                          size_t n);

/** A rectangle of a worksheet, 1-based and inclusive. */
typedef struct tbl_range {
    int row1, col1, row2, col2;
} tbl_range;

typedef struct tbl_options {
    const char *sheet;      /**< xlsx: the sheet's name; NULL: the first */
    const char *range;      /**< xlsx: "B3:H12"; NULL: the used range */
    char separator;         /**< CSV: ',', ';', '\t'; 0: from the header */
    const char *at_file;    /**< the file naming this one (a model's import), */
    int at_line, at_col;    /**< where open errors are reported; NULL: none */
} tbl_options;

/**
 * Read the table at path (an .xlsx workbook by its name, anything else as
 * CSV) and hand its rows to fn. Older and other formats (.xls, .xlsb,
 * encrypted workbooks) are refused with their own message. Returns 0, or a
 * sysexits code after the message (EX_NOINPUT, EX_DATAERR, EX_IOERR,
 * EX_OSERR, or fn's).
 */
int tbl_read(const char *path, const tbl_options *o, tbl_row_fn fn, void *ctx);

/** Nonzero when path names a workbook (.xlsx, .xlsm, .xls, .xlsb). */
int tbl_is_workbook(const char *path);

/** "FILE:ROW:COL: message" or "FILE:SHEET!C7: message"; EX_DATAERR. */
int tbl_error(const tbl_where *w, int row, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** The position to give reader_* messages for a cell: *file is buf (the
 *  "FILE:SHEET!C7" of a workbook, with line and col 0) or w->path. */
void tbl_position(const tbl_where *w, int row, int col, char *buf, size_t size,
                  const char **file, int *line, int *colout);

/** "C7" for row 7, column 3 (at least 16 bytes). */
void tbl_cell_name(int row, int col, char *buf);

/** Parse "C7" or "$C$7" into row and column; the first character after
 *  it in *end. -1 when there is none or it is beyond XFD1048576. */
int tbl_parse_cell(const char *s, const char **end, int *row, int *col);

/** Parse "B3:H12" (or one cell) into r, corners in order. -1 on error. */
int tbl_parse_range(const char *text, tbl_range *r);

#endif
