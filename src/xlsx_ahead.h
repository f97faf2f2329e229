/*
 * xlsx_ahead.h - a sheet's formulas composed on the zip's worker thread
 * (xlsx_zip_async.h) while the main thread writes its cells.
 *
 * Composing a monthly Projection's ten thousand formulas (references,
 * rates, derived series) takes as long as handing the cells to
 * libxlsxwriter, and the worker is idle while the sheets are filled. The
 * caller gives a function that composes the formula of one cell from the
 * book's plan and results only (nothing the main thread changes while the
 * sheet is written); the worker calls it for every cell, row by row, and
 * the main thread takes each row's texts when it reaches the row, waiting
 * for the worker when it is ahead of it. Without the worker (batch with
 * every core busy) nothing is composed ahead and the caller composes in
 * line: the same texts, the same workbook.
 */
#ifndef CAPEX_XLSX_AHEAD_H
#define CAPEX_XLSX_AHEAD_H

#include <stddef.h>

#include "xlsx_book.h"

/** One cell's formula into f (cleared before each call); returns the
 *  caller's kind of cell (0: no formula, and f is not used). Called on
 *  the worker: it must only read b, and what b points to. */
typedef int (*xb_compose_fn)(xlsx_book *b, size_t row, int col, xb_str *f);

typedef struct xb_ahead xb_ahead;

/** Compose rows [0, nrows) of ncols cells each on the worker; NULL when
 *  it does not run or memory is short (the caller composes in line). */
xb_ahead *xb_ahead_start(xlsx_book *b, size_t nrows, size_t ncols, xb_compose_fn fn);

/** Cell (row, col) as composed: its kind, its text in *text (until
 *  xb_ahead_end); -1 when composing it ran out of memory. Rows are taken
 *  in order; waits for the worker to have composed row. */
int xb_ahead_get(xb_ahead *a, size_t row, size_t col, const char **text);

/** Wait for the worker to be done with a and free it (NULL: nothing). */
void xb_ahead_end(xb_ahead *a);

#endif
