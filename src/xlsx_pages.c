/*
 * xlsx_pages.c - page breaks that print a sheet like a report: no chart
 * split across two pages, no chart alone on the last page, tables broken
 * between blocks (after a blank row) rather than inside them.
 *
 * Every sheet prints landscape on A4, fitted to its width (xb_page_setup):
 * the scale is the printable width over the sheet's width, so a page holds
 * a known height of rows. Walking the rows with their heights, a page that
 * overflows is broken before the last row that starts a block (the row
 * after a blank one) and is not inside a chart; a chart that ends the
 * sheet keeps the block before it on its page. The spreadsheet adds its own
 * breaks only where one block is taller than a page.
 *
 * Sizes follow Excel's defaults, which libxlsxwriter writes and LibreOffice
 * reads: a column of width w characters is 7w + 5 pixels (12w below 1), a
 * row its height in points times 4/3 (the default stated, XB_ROW_PT: 21
 * pixels), a chart 480 x 288 pixels times its scale; a
 * pixel is 0.75 pt; margins 0.7 in left and right, 0.75 in top and bottom.
 */
#include "xlsx_book.h"

#define PAGE_W_PT   (842.0 - 2 * 0.7 * 72)   /* A4 landscape, printable */
#define PAGE_H_PT   (595.0 - 2 * 0.75 * 72)
#define SAFETY      1.0       /* LibreOffice with Carlito fits a little more */
#define SQUEEZE     1.3       /* a sheet up to this many pages tall prints on one */
#define COL_PX      64.0                      /* the default 8.43 characters */
#define MAX_BREAKS  64

typedef struct _span { lxw_row_t first, last; } _span;

static double _col_px(double w)
{
    return w < 1 ? w * 12 : w * 7 + 5;
}

/* Width of columns [0, ncol) in pixels. */
static double _cols_px(const lxw_worksheet *ws, lxw_col_t ncol)
{
    double px = ncol * COL_PX;
    for (uint16_t i = 0; i < ws->col_options_max; i++) {
        const lxw_col_options *o = ws->col_options[i];
        if (!o)
            continue;
        for (lxw_col_t c = o->firstcol; c <= o->lastcol && c < ncol; c++)
            px += (o->hidden ? 0 : _col_px(o->width)) - COL_PX;
    }
    return px;
}

static double _row_px(lxw_worksheet *ws, lxw_row_t r)
{
    lxw_row *row = lxw_worksheet_find_row(ws, r);
    return row && row->height_changed ? row->height * 4 / 3 : ws->default_row_height * 4 / 3;
}

static int _blank(lxw_worksheet *ws, lxw_row_t r)
{
    lxw_row *row = lxw_worksheet_find_row(ws, r);
    return !row || !row->cells || !row->cells->rbh_root;
}

/* The rows a chart covers, and the right edge of the widest in *right. */
static size_t _charts(lxw_worksheet *ws, _span *out, size_t max, double *right)
{
    size_t n = 0;
    lxw_object_properties *p;
    STAILQ_FOREACH(p, ws->chart_data, list_pointers) {
        double x = _cols_px(ws, p->col) + p->x_offset + p->width * p->x_scale;
        if (x > *right)
            *right = x;
        double h = p->y_offset + p->height * p->y_scale;
        lxw_row_t last = p->row;
        for (double px = _row_px(ws, last); px < h; px += _row_px(ws, ++last))
            ;
        if (n < max)
            out[n++] = (_span){p->row, last};
    }
    return n;
}

/* A chart starts at row r. */
static int _chart_starts(const _span *c, size_t n, lxw_row_t r)
{
    for (size_t i = 0; i < n; i++)
        if (c[i].first == r)
            return 1;
    return 0;
}

/* Row r lies inside a chart (not its first row). */
static int _inside(const _span *c, size_t n, lxw_row_t r)
{
    for (size_t i = 0; i < n; i++)
        if (r > c[i].first && r <= c[i].last)
            return 1;
    return 0;
}

/* Rows k..last hold only charts (no cell): a page starting at k would be
 * charts alone. */
static int _charts_only(lxw_worksheet *ws, lxw_row_t k, lxw_row_t last)
{
    for (lxw_row_t r = k; r <= last; r++)
        if (!_blank(ws, r))
            return 0;
    return 1;
}

/* Where to break a page that runs from start and overflows at row r. */
static lxw_row_t _break_at(lxw_worksheet *ws, const _span *c, size_t n,
                           lxw_row_t start, lxw_row_t r, lxw_row_t last)
{
    lxw_row_t any = 0;
    for (lxw_row_t k = r; k > start + 1; k--) {
        if (_inside(c, n, k))
            continue;
        if (!any)
            any = k;
        if (_blank(ws, k - 1) && (!_blank(ws, k) || _chart_starts(c, n, k)) &&
            !_charts_only(ws, k, last))
            return k;
    }
    for (lxw_row_t k = r; k > start + 1; k--)   /* a block starting the page */
        if (!_inside(c, n, k) && _blank(ws, k - 1))
            return k;
    return any ? any : r;
}

/* The largest font (points) of the cells under node (a row's tree of
 * cells, walked whole rather than looked up column by column), or pt. */
static double _font_pt(const lxw_cell *node, double pt)
{
    for (; node; node = node->tree_pointers.rbe_right) {
        if (node->format && node->format->font_size > pt)
            pt = node->format->font_size;
        pt = _font_pt(node->tree_pointers.rbe_left, pt);
    }
    return pt;
}

/* Every row with cells gets a stated height (customHeight), from its
 * largest font: LibreOffice sizes rows without one from its substitute
 * font, smaller than Excel does, and the breaks count Excel's heights.
 * Rows whose height the sheet set (wrapped text) keep it. */
static void _state_heights(xlsx_book *b, lxw_worksheet *ws)
{
    for (lxw_row_t r = 0; r <= ws->dim_rowmax; r++) {
        lxw_row *row = lxw_worksheet_find_row(ws, r);
        if (!row || row->height_changed || !row->cells || !row->cells->rbh_root)
            continue;
        double h = _font_pt(row->cells->rbh_root, 11) * 1.4;
        xb_check(b, worksheet_set_row(ws, r, h > XB_ROW_PT ? h : XB_ROW_PT, row->format));
    }
}

void xb_paginate(xlsx_book *b, lxw_worksheet *ws)
{
    _state_heights(b, ws);
    _span charts[32];
    double right = _cols_px(ws, (lxw_col_t)(ws->dim_colmax + 1));
    size_t n = _charts(ws, charts, sizeof charts / sizeof charts[0], &right);
    lxw_row_t last = ws->dim_rowmax;
    for (size_t i = 0; i < n; i++)
        if (charts[i].last > last)
            last = charts[i].last;
    double wide = ws->fit_page && ws->fit_width ? ws->fit_width : 1;
    double zoom = PAGE_W_PT * wide / (right * 0.75);
    if (zoom > 1 || !ws->fit_page)
        zoom = 1;
    double page_px = PAGE_H_PT * SAFETY / zoom / 0.75;
    double total = 0;
    for (lxw_row_t r = 0; r <= last; r++)
        total += _row_px(ws, r);
    if (total <= page_px * SQUEEZE) {    /* one page, scaled a little more */
        if (total > page_px && ws->fit_page)
            worksheet_fit_to_pages(ws, ws->fit_width, 1);
        return;
    }
    lxw_row_t breaks[MAX_BREAKS + 1];
    size_t nb = 0;
    lxw_row_t start = 0;
    double acc = 0;
    for (lxw_row_t r = 0; r <= last && nb < MAX_BREAKS; r++) {
        acc += _row_px(ws, r);
        if (acc <= page_px)
            continue;
        start = _break_at(ws, charts, n, start, r, last);
        breaks[nb++] = start;
        r = start - 1;
        acc = 0;
    }
    if (!nb)
        return;
    breaks[nb] = 0;
    xb_check(b, worksheet_set_h_pagebreaks(ws, breaks));
}
