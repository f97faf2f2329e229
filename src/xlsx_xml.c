/*
 * xlsx_xml.c - libxlsxwriter's XML primitives (the tags and attributes of
 * every part of a workbook), written without printf.
 *
 * libxlsxwriter 1.1.4 writes each tag with several fprintf calls
 * ("<%s", " %s=", "\"%s\"", ">") and copies each attribute into a
 * 4 KiB struct with strncpy, which pads 2 KiB of zeros twice; together this
 * was over a third of the instructions of a batch worker. These
 * definitions come first in the lookup (libxlsxwriter calls them through
 * its PLT, as it does lxw_tmpfile: xlsx_tmpfile.c) and write the very same
 * bytes: the tag, each attribute as ` key="value"` with & < > " and newline
 * escaped as libxlsxwriter does, data with & < > escaped; an attribute's
 * key and value copied up to the same 2,079 bytes, an integer's as "%d" of
 * the value, a double's as "%.16G" (lxw_sprintf_dbl, here fmt16g). The
 * elements written most, a sheet's cells and a chart's cached points, are
 * written whole, without an attribute struct at all: xlsx_xml_cell.c and
 * xlsx_xml_chart.c. They are the 1.1.4 semantics, read from its source:
 * built against another version of libxlsxwriter, these files define none
 * of them and the library's own are used. Off (xlsx_xml_fast(0), the
 * default) they pass each call on to the library's, so that a test can
 * write one workbook both ways.
 */
#define _GNU_SOURCE
#include "xlsx_xml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <xlsxwriter/xmlwriter.h>

#include "fmt16g.h"
#include "xlsx_xml_out.h"

#if defined(LXW_VERSION_ID) && LXW_VERSION_ID == 114

static int _on;

int xlsx_xml_fast(int on)
{
    _on = on != 0;
    xlsx_xml_cell_fast(_on);
    xlsx_xml_chart_fast(_on);
    return 1;
}

void xo_write(FILE *f, const char *s, size_t len)
{
    fwrite_unlocked(s, 1, len, f);
}

void xo_escaped(xo_out *o, const char *text, const char *special)
{
    for (;;) {
        size_t run = strcspn(text, special);
        xo_put(o, text, run);
        text += run;
        switch (*text++) {
        case '&': xo_put(o, "&amp;", 5); break;
        case '<': xo_put(o, "&lt;", 4); break;
        case '>': xo_put(o, "&gt;", 4); break;
        case '"': xo_put(o, "&quot;", 6); break;
        case '\n': xo_put(o, "&#xA;", 5); break;
        default: return;       /* the end of the text */
        }
    }
}

char *xo_int(char *p, int32_t v)
{
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    char digits[12];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *p++ = '-';
    while (n)
        *p++ = digits[--n];
    return p;
}

void xo_put_int(xo_out *o, int32_t v)
{
    char n[12];
    xo_put(o, n, (size_t)(xo_int(n, v) - n));
}

void xo_put_dbl(xo_out *o, double v)
{
    char d[FMT16G_SIZE];
    xo_put(o, d, fmt16g(d, v));
}

typedef void (*_tag_fn)(FILE *, const char *, struct xml_attribute_list *);

void lxw_xml_start_tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes);
void lxw_xml_empty_tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes);
void lxw_xml_end_tag(FILE *xmlfile, const char *tag);
void lxw_xml_data_element(FILE *xmlfile, const char *tag, const char *data,
                          struct xml_attribute_list *attributes);

static void _open_tag(xo_out *o, const char *tag, struct xml_attribute_list *attributes)
{
    xo_put(o, "<", 1);
    xo_puts(o, tag);
    if (!attributes)
        return;
    struct xml_attribute *a;
    STAILQ_FOREACH(a, attributes, list_entries) {
        xo_put(o, " ", 1);
        xo_puts(o, a->key);
        xo_put(o, "=\"", 2);
        xo_escaped(o, a->value, "&<>\"\n");
        xo_put(o, "\"", 1);
    }
}

/* A tag and its attributes, closed by end (">" or "/>"); or, when not on,
 * the library's function of that name. */
static void _tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes,
                 const char *end, const char *name, void **lib)
{
    if (!_on) {
        _tag_fn f;
        *(void **)&f = xlsx_next(name, lib);
        f(xmlfile, tag, attributes);
        return;
    }
    xo_out o = {.f = xmlfile};
    _open_tag(&o, tag, attributes);
    xo_puts(&o, end);
    xo_flush(&o);
}

void lxw_xml_start_tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes)
{
    static void *lib;
    _tag(xmlfile, tag, attributes, ">", "lxw_xml_start_tag", &lib);
}

void lxw_xml_empty_tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes)
{
    static void *lib;
    _tag(xmlfile, tag, attributes, "/>", "lxw_xml_empty_tag", &lib);
}

void lxw_xml_end_tag(FILE *xmlfile, const char *tag)
{
    static void *lib;
    if (!_on) {
        void (*f)(FILE *, const char *);
        *(void **)&f = xlsx_next("lxw_xml_end_tag", &lib);
        f(xmlfile, tag);
        return;
    }
    xo_out o = {.f = xmlfile};
    xo_put(&o, "</", 2);
    xo_puts(&o, tag);
    xo_put(&o, ">", 1);
    xo_flush(&o);
}

void lxw_xml_data_element(FILE *xmlfile, const char *tag, const char *data,
                          struct xml_attribute_list *attributes)
{
    static void *lib;
    if (!_on) {
        void (*f)(FILE *, const char *, const char *, struct xml_attribute_list *);
        *(void **)&f = xlsx_next("lxw_xml_data_element", &lib);
        f(xmlfile, tag, data, attributes);
        return;
    }
    xo_out o = {.f = xmlfile};
    _open_tag(&o, tag, attributes);
    xo_put(&o, ">", 1);
    xo_escaped(&o, data, "&<>");
    xo_put(&o, "</", 2);
    xo_puts(&o, tag);
    xo_put(&o, ">", 1);
    xo_flush(&o);
}

/* src into dst (LXW_MAX_ATTRIBUTE_LENGTH bytes), cut as LXW_ATTRIBUTE_COPY
 * cuts it, without its padding. */
static void _copy(char *dst, const char *src)
{
    size_t n = strnlen(src, LXW_MAX_ATTRIBUTE_LENGTH - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static struct xml_attribute *_attribute(const char *key)
{
    struct xml_attribute *a = malloc(sizeof *a);
    if (a)
        _copy(a->key, key);
    return a;
}

struct xml_attribute *lxw_new_attribute_str(const char *key, const char *value)
{
    static void *lib;
    if (!_on) {
        struct xml_attribute *(*f)(const char *, const char *);
        *(void **)&f = xlsx_next("lxw_new_attribute_str", &lib);
        return f(key, value);
    }
    struct xml_attribute *a = _attribute(key);
    if (a)
        _copy(a->value, value);
    return a;
}

struct xml_attribute *lxw_new_attribute_int(const char *key, uint32_t value)
{
    static void *lib;
    if (!_on) {
        struct xml_attribute *(*f)(const char *, uint32_t);
        *(void **)&f = xlsx_next("lxw_new_attribute_int", &lib);
        return f(key, value);
    }
    struct xml_attribute *a = _attribute(key);
    if (a)   /* "%d" of the value as libxlsxwriter passes it: a 32-bit int */
        *xo_int(a->value, (int32_t)value) = '\0';
    return a;
}

struct xml_attribute *lxw_new_attribute_dbl(const char *key, double value)
{
    static void *lib;
    if (!_on) {
        struct xml_attribute *(*f)(const char *, double);
        *(void **)&f = xlsx_next("lxw_new_attribute_dbl", &lib);
        return f(key, value);
    }
    struct xml_attribute *a = _attribute(key);
    if (a)
        fmt16g(a->value, value);
    return a;
}

#else

int xlsx_xml_fast(int on)
{
    (void)on;
    return 0;
}

#endif
