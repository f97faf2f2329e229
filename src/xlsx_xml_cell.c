/*
 * xlsx_xml_cell.c - a worksheet's cells as libxlsxwriter 1.1.4 writes
 * them, each written whole: <c r="B7" s="3"><f>B6*1.1</f><v>12.5</v></c>.
 *
 * The library's _write_cell builds a list of attribute structs (4 KiB
 * each, allocated and freed for every cell) and writes the element in
 * four calls; with ten thousand formula cells in a monthly model that was
 * a third of the instructions of `capex run`. Here the number, shared
 * string and formula cells with a number result, nearly every cell capex
 * writes, are written from one buffer with the same bytes: the reference,
 * the style index when not 0 (the cell's format, else its row's, else its
 * column's), the value as "%.16G" (fmt16g), the formula with & < >
 * escaped. Every other kind (a formula with a string result, a boolean,
 * a blank, an array formula, an inline string) goes to the library's own.
 * Off (xlsx_xml_fast(0)) every call goes to the library's.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "xlsx_xml_out.h"

#if defined(LXW_VERSION_ID) && LXW_VERSION_ID == 114

static int _on;

void xlsx_xml_cell_fast(int on)
{
    _on = on != 0;
}

void _write_cell(lxw_worksheet *self, lxw_cell *cell, lxw_format *row_format);
void _write_number_cell(lxw_worksheet *self, char *range, int32_t style_index,
                        lxw_cell *cell);
void _write_string_cell(lxw_worksheet *self, char *range, int32_t style_index,
                        lxw_cell *cell);
void _write_formula_num_cell(lxw_worksheet *self, lxw_cell *cell);

/* The letters of a zero-based column (A, Z, AA, XFD) into p; returns the
 * end (not terminated). */
static char *_col(char *p, lxw_col_t col)
{
    char letters[4];
    size_t n = 0;
    unsigned c = (unsigned)col + 1;
    while (c && n < sizeof letters) {
        letters[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    while (n)
        *p++ = letters[--n];
    return p;
}

/* A1 from a zero-based row and column: the column's letters and "%d" of
 * the row plus one (as lxw_col_to_name and the library write them). */
void lxw_rowcol_to_cell(char *cell_name, lxw_row_t row, lxw_col_t col)
{
    static void *lib;
    if (!_on) {
        void (*f)(char *, lxw_row_t, lxw_col_t);
        *(void **)&f = xlsx_next("lxw_rowcol_to_cell", &lib);
        f(cell_name, row, col);
        return;
    }
    *xo_int(_col(cell_name, col), (int32_t)(row + 1)) = '\0';
}

/* `<c r="A1"` and ` s="3"` when styled, up to the closing quote. */
static void _open(xo_out *o, const char *range, int32_t style_index)
{
    xo_put(o, "<c r=\"", 6);
    xo_puts(o, range);
    if (style_index) {
        xo_put(o, "\" s=\"", 5);
        xo_put_int(o, style_index);
    }
}

/* <c r="A1" s="3"><v>1.5</v></c>: a number cell (s= when styled). */
static void _number(xo_out *o, const char *range, int32_t style_index, const lxw_cell *cell)
{
    _open(o, range, style_index);
    xo_put(o, "\"><v>", 5);
    xo_put_dbl(o, cell->u.number);
    xo_put(o, "</v></c>", 8);
}

/* <c r="A1" s="3" t="s"><v>7</v></c>: a shared string cell. */
static void _string(xo_out *o, const char *range, int32_t style_index, const lxw_cell *cell)
{
    _open(o, range, style_index);
    xo_put(o, "\" t=\"s\"><v>", 11);
    xo_put_int(o, cell->u.string_id);
    xo_put(o, "</v></c>", 8);
}

/* <f>FORMULA</f><v>RESULT</v> of a formula cell with a number result. */
static void _formula_num(xo_out *o, const lxw_cell *cell)
{
    xo_put(o, "<f>", 3);
    xo_escaped(o, cell->u.string, "&<>");
    xo_put(o, "</f><v>", 7);
    xo_put_dbl(o, cell->formula_result);
    xo_put(o, "</v>", 4);
}

typedef void (*_range_fn)(lxw_worksheet *, char *, int32_t, lxw_cell *);
typedef void (*_own_fn)(xo_out *, const char *, int32_t, const lxw_cell *);

/* A cell writer given its reference: the library's `name` when off, else
 * own into one buffer. */
static void _range_cell(const char *name, void **lib, _own_fn own, lxw_worksheet *self,
                        char *range, int32_t style_index, lxw_cell *cell)
{
    if (!_on) {
        _range_fn f;
        *(void **)&f = xlsx_next(name, lib);
        f(self, range, style_index, cell);
        return;
    }
    xo_out o = {.f = self->file};
    own(&o, range, style_index, cell);
    xo_flush(&o);
}

void _write_number_cell(lxw_worksheet *self, char *range, int32_t style_index,
                        lxw_cell *cell)
{
    static void *lib;
    _range_cell("_write_number_cell", &lib, _number, self, range, style_index, cell);
}

void _write_string_cell(lxw_worksheet *self, char *range, int32_t style_index,
                        lxw_cell *cell)
{
    static void *lib;
    _range_cell("_write_string_cell", &lib, _string, self, range, style_index, cell);
}

void _write_formula_num_cell(lxw_worksheet *self, lxw_cell *cell)
{
    static void *lib;
    if (!_on) {
        void (*f)(lxw_worksheet *, lxw_cell *);
        *(void **)&f = xlsx_next("_write_formula_num_cell", &lib);
        f(self, cell);
        return;
    }
    xo_out o = {.f = self->file};
    _formula_num(&o, cell);
    xo_flush(&o);
}

/* The cell's style index: its own format's, else its row's, else its
 * column's, else 0. */
static int32_t _style(const lxw_worksheet *self, const lxw_cell *cell, lxw_format *row_format)
{
    if (cell->format)
        return lxw_format_get_xf_index(cell->format);
    if (row_format)
        return lxw_format_get_xf_index(row_format);
    if (cell->col_num < self->col_formats_max && self->col_formats[cell->col_num])
        return lxw_format_get_xf_index(self->col_formats[cell->col_num]);
    return 0;
}

/* Written here: a number, a shared string, a formula with a number
 * result. */
static int _own(const lxw_cell *cell)
{
    return cell->type == NUMBER_CELL || cell->type == STRING_CELL ||
           (cell->type == FORMULA_CELL && !cell->user_data2);
}

void _write_cell(lxw_worksheet *self, lxw_cell *cell, lxw_format *row_format)
{
    static void *lib;
    if (!_on || !_own(cell)) {
        void (*f)(lxw_worksheet *, lxw_cell *, lxw_format *);
        *(void **)&f = xlsx_next("_write_cell", &lib);
        f(self, cell, row_format);
        return;
    }
    char range[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell(range, cell->row_num, cell->col_num);
    int32_t style_index = _style(self, cell, row_format);
    xo_out o = {.f = self->file};
    if (cell->type == NUMBER_CELL)
        _number(&o, range, style_index, cell);
    else if (cell->type == STRING_CELL)
        _string(&o, range, style_index, cell);
    else {
        _open(&o, range, style_index);
        xo_put(&o, "\">", 2);
        _formula_num(&o, cell);
        xo_put(&o, "</c>", 4);
    }
    xo_flush(&o);
}

#endif
