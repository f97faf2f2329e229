/*
 * xlsx_xml_out.h - what capex's writers of libxlsxwriter's XML share
 * (xlsx_xml.c: tags and attributes; xlsx_xml_cell.c: sheet cells;
 * xlsx_xml_chart.c: chart caches): whether they are on, the library's own
 * definition to fall back on, and a buffer that gathers one element's
 * bytes for a single fwrite. Private to those files.
 */
#ifndef CAPEX_XLSX_XML_OUT_H
#define CAPEX_XLSX_XML_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/** Turn the cells' and the charts' writers on (1) or off (0): called by
 *  xlsx_xml_fast, which also links them in (each file keeps its own
 *  switch). */
void xlsx_xml_cell_fast(int on);
void xlsx_xml_chart_fast(int on);

#include "xlsx_next.h"   /* the library's own definitions */

/** Bytes gathered for one fwrite. A part's stream is its writing thread's
 *  alone: written without stdio's lock (taken on every call once the
 *  process has a second thread, the zip's worker). */
typedef struct {
    FILE *f;
    size_t n;
    char buf[1024];
} xo_out;

void xo_write(FILE *f, const char *s, size_t len);

static inline void xo_flush(xo_out *o)
{
    if (o->n)
        xo_write(o->f, o->buf, o->n);
    o->n = 0;
}

static inline void xo_put(xo_out *o, const char *s, size_t len)
{
    if (o->n + len > sizeof o->buf) {
        xo_flush(o);
        if (len > sizeof o->buf) {
            xo_write(o->f, s, len);
            return;
        }
    }
    memcpy(o->buf + o->n, s, len);
    o->n += len;
}

static inline void xo_puts(xo_out *o, const char *s)
{
    xo_put(o, s, strlen(s));
}

/** text with each character of `special` (of & < > " and newline)
 *  written as libxlsxwriter writes its entity. */
void xo_escaped(xo_out *o, const char *text, const char *special);

/** "%d" of v into p; returns the end (not terminated). */
char *xo_int(char *p, int32_t v);

/** "%d" of v, then appended to o. */
void xo_put_int(xo_out *o, int32_t v);

/** "%.16G" of v (fmt16g), appended to o. */
void xo_put_dbl(xo_out *o, double v);

#endif
