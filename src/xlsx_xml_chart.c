/*
 * xlsx_xml_chart.c - the points of a chart's data caches as libxlsxwriter
 * 1.1.4 writes them, each written whole: <c:pt idx="3"><c:v>Apr 2025</c:v>
 * </c:pt>.
 *
 * A monthly model's charts cache thousands of points (every period's
 * label and value, for every series); the library allocates and frees a
 * 4 KiB attribute struct for each and writes it in four calls. Here each
 * point is written from one buffer with the same bytes: its index as
 * "%d", a string with & < > escaped, a number as "%.16G" (fmt16g), and
 * nothing for a point without data. Off (xlsx_xml_fast(0)) every call goes
 * to the library's.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <xlsxwriter.h>

#include "xlsx_xml_out.h"

#if defined(LXW_VERSION_ID) && LXW_VERSION_ID == 114

static int _on;

void xlsx_xml_chart_fast(int on)
{
    _on = on != 0;
}

void _chart_write_pt(lxw_chart *self, uint16_t index, lxw_series_data_point *data_point);
void _chart_write_num_pt(lxw_chart *self, uint16_t index, lxw_series_data_point *data_point);
void _chart_write_v_num(lxw_chart *self, double number);

typedef void (*_pt_fn)(lxw_chart *, uint16_t, lxw_series_data_point *);

/* <c:pt idx="N"><c:v>VALUE</c:v></c:pt>: the string when as_string, else
 * the number. */
static void _point(lxw_chart *self, uint16_t index, const lxw_series_data_point *p,
                   int as_string)
{
    xo_out o = {.f = self->file};
    xo_put(&o, "<c:pt idx=\"", 11);
    xo_put_int(&o, index);
    xo_put(&o, "\"><c:v>", 7);
    if (as_string)
        xo_escaped(&o, p->string, "&<>");
    else
        xo_put_dbl(&o, p->number);
    xo_put(&o, "</c:v></c:pt>", 13);
    xo_flush(&o);
}

/* A point writer: the library's `name` when off, else the point (if it
 * has data), as a string when strings is set and the point holds one. */
static void _pt(const char *name, void **lib, lxw_chart *self, uint16_t index,
                lxw_series_data_point *p, int strings)
{
    if (!_on) {
        _pt_fn f;
        *(void **)&f = xlsx_next(name, lib);
        f(self, index, p);
        return;
    }
    if (!p->no_data)
        _point(self, index, p, strings && p->is_string && p->string);
}

/* A point of a string cache (or of a number cache written as one). */
void _chart_write_pt(lxw_chart *self, uint16_t index, lxw_series_data_point *data_point)
{
    static void *lib;
    _pt("_chart_write_pt", &lib, self, index, data_point, 1);
}

/* A point of a number cache. */
void _chart_write_num_pt(lxw_chart *self, uint16_t index, lxw_series_data_point *data_point)
{
    static void *lib;
    _pt("_chart_write_num_pt", &lib, self, index, data_point, 0);
}

/* <c:v>NUMBER</c:v> of a chart's data cache. */
void _chart_write_v_num(lxw_chart *self, double number)
{
    static void *lib;
    if (!_on) {
        void (*f)(lxw_chart *, double);
        *(void **)&f = xlsx_next("_chart_write_v_num", &lib);
        f(self, number);
        return;
    }
    xo_out o = {.f = self->file};
    xo_put(&o, "<c:v>", 5);
    xo_put_dbl(&o, number);
    xo_put(&o, "</c:v>", 6);
    xo_flush(&o);
}

#endif
