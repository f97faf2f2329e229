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
 * the value, a double's as "%.16G" (lxw_sprintf_dbl, here fmt16g). So are
 * the three writers of numbers that printf "%.16G" most (a number cell,
 * a formula's cached number, a chart cache's point), the writer of a
 * string cell and the reference of every cell (lxw_rowcol_to_cell). They
 * are the 1.1.4 semantics, read from its source: built against another
 * version of libxlsxwriter, this file defines none of them and the
 * library's own are used. Off (xlsx_xml_fast(0), the default) they pass
 * each call on to the library's, so that a test can write one workbook
 * both ways.
 */
#define _GNU_SOURCE
#include "xlsx_xml.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <xlsxwriter/xmlwriter.h>

#include "fmt16g.h"

#if defined(LXW_VERSION_ID) && LXW_VERSION_ID == 114

static int _on;

int xlsx_xml_fast(int on)
{
    _on = on != 0;
    return 1;
}

/* libxlsxwriter's own definition of name (when not on). */
static void *_next(const char *name, void **cache)
{
    if (!*cache)
        *cache = dlsym(RTLD_NEXT, name);
    return *cache;
}

typedef void (*_tag_fn)(FILE *, const char *, struct xml_attribute_list *);

void lxw_xml_start_tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes);
void lxw_xml_empty_tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes);
void lxw_xml_end_tag(FILE *xmlfile, const char *tag);
void lxw_xml_data_element(FILE *xmlfile, const char *tag, const char *data,
                          struct xml_attribute_list *attributes);

/* Bytes gathered for one fwrite per tag. The part's stream is this
 * thread's alone: written without stdio's lock (which is taken on every
 * call once the process has a second thread, the zip's worker). */
typedef struct {
    FILE *f;
    size_t n;
    char buf[1024];
} _out;

static void _flush(_out *o)
{
    if (o->n)
        fwrite_unlocked(o->buf, 1, o->n, o->f);
    o->n = 0;
}

static void _put(_out *o, const char *s, size_t len)
{
    if (o->n + len > sizeof o->buf) {
        _flush(o);
        if (len > sizeof o->buf) {
            fwrite_unlocked(s, 1, len, o->f);
            return;
        }
    }
    memcpy(o->buf + o->n, s, len);
    o->n += len;
}

static void _puts(_out *o, const char *s)
{
    _put(o, s, strlen(s));
}

/* text with the characters of `special` written as their entities. */
static void _escaped(_out *o, const char *text, const char *special)
{
    for (;;) {
        size_t run = strcspn(text, special);
        _put(o, text, run);
        text += run;
        switch (*text++) {
        case '&': _put(o, "&amp;", 5); break;
        case '<': _put(o, "&lt;", 4); break;
        case '>': _put(o, "&gt;", 4); break;
        case '"': _put(o, "&quot;", 6); break;
        case '\n': _put(o, "&#xA;", 5); break;
        default: return;       /* the end of the text */
        }
    }
}

static void _open_tag(_out *o, const char *tag, struct xml_attribute_list *attributes)
{
    _put(o, "<", 1);
    _puts(o, tag);
    if (!attributes)
        return;
    struct xml_attribute *a;
    STAILQ_FOREACH(a, attributes, list_entries) {
        _put(o, " ", 1);
        _puts(o, a->key);
        _put(o, "=\"", 2);
        _escaped(o, a->value, "&<>\"\n");
        _put(o, "\"", 1);
    }
}

/* A tag and its attributes, closed by end (">" or "/>"); or, when not on,
 * the library's function of that name. */
static void _tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes,
                 const char *end, const char *name, void **lib)
{
    if (!_on) {
        _tag_fn f;
        *(void **)&f = _next(name, lib);
        f(xmlfile, tag, attributes);
        return;
    }
    _out o = {.f = xmlfile};
    _open_tag(&o, tag, attributes);
    _puts(&o, end);
    _flush(&o);
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
        *(void **)&f = _next("lxw_xml_end_tag", &lib);
        f(xmlfile, tag);
        return;
    }
    _out o = {.f = xmlfile};
    _put(&o, "</", 2);
    _puts(&o, tag);
    _put(&o, ">", 1);
    _flush(&o);
}

void lxw_xml_data_element(FILE *xmlfile, const char *tag, const char *data,
                          struct xml_attribute_list *attributes)
{
    static void *lib;
    if (!_on) {
        void (*f)(FILE *, const char *, const char *, struct xml_attribute_list *);
        *(void **)&f = _next("lxw_xml_data_element", &lib);
        f(xmlfile, tag, data, attributes);
        return;
    }
    _out o = {.f = xmlfile};
    _open_tag(&o, tag, attributes);
    _put(&o, ">", 1);
    _escaped(&o, data, "&<>");
    _put(&o, "</", 2);
    _puts(&o, tag);
    _put(&o, ">", 1);
    _flush(&o);
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
        *(void **)&f = _next("lxw_new_attribute_str", &lib);
        return f(key, value);
    }
    struct xml_attribute *a = _attribute(key);
    if (a)
        _copy(a->value, value);
    return a;
}

/* "%d" of v into p; returns the end (not terminated). */
static char *_int(char *p, int32_t v)
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

struct xml_attribute *lxw_new_attribute_int(const char *key, uint32_t value)
{
    static void *lib;
    if (!_on) {
        struct xml_attribute *(*f)(const char *, uint32_t);
        *(void **)&f = _next("lxw_new_attribute_int", &lib);
        return f(key, value);
    }
    struct xml_attribute *a = _attribute(key);
    if (a)   /* "%d" of the value as libxlsxwriter passes it: a 32-bit int */
        *_int(a->value, (int32_t)value) = '\0';
    return a;
}

struct xml_attribute *lxw_new_attribute_dbl(const char *key, double value)
{
    static void *lib;
    if (!_on) {
        struct xml_attribute *(*f)(const char *, double);
        *(void **)&f = _next("lxw_new_attribute_dbl", &lib);
        return f(key, value);
    }
    struct xml_attribute *a = _attribute(key);
    if (a)
        fmt16g(a->value, value);
    return a;
}

/* ---- numbers: "%.16G" without printf (fmt16g.h) ----------------------- */

void _write_number_cell(lxw_worksheet *self, char *range, int32_t style_index,
                        lxw_cell *cell);
void _write_formula_num_cell(lxw_worksheet *self, lxw_cell *cell);
void _write_string_cell(lxw_worksheet *self, char *range, int32_t style_index,
                        lxw_cell *cell);
void _chart_write_v_num(lxw_chart *self, double number);

/* <c r="A1" s="3"><v>1.5</v></c>: a number cell (s= when styled). */
void _write_number_cell(lxw_worksheet *self, char *range, int32_t style_index,
                        lxw_cell *cell)
{
    static void *lib;
    if (!_on) {
        void (*f)(lxw_worksheet *, char *, int32_t, lxw_cell *);
        *(void **)&f = _next("_write_number_cell", &lib);
        f(self, range, style_index, cell);
        return;
    }
    _out o = {.f = self->file};
    _put(&o, "<c r=\"", 6);
    _puts(&o, range);
    if (style_index) {
        char n[12];
        _put(&o, "\" s=\"", 5);
        _put(&o, n, (size_t)(_int(n, style_index) - n));
    }
    _put(&o, "\"><v>", 5);
    char v[FMT16G_SIZE];
    _put(&o, v, fmt16g(v, cell->u.number));
    _put(&o, "</v></c>", 8);
    _flush(&o);
}

/* <c r="A1" s="3" t="s"><v>7</v></c>: a shared string cell. */
void _write_string_cell(lxw_worksheet *self, char *range, int32_t style_index,
                        lxw_cell *cell)
{
    static void *lib;
    if (!_on) {
        void (*f)(lxw_worksheet *, char *, int32_t, lxw_cell *);
        *(void **)&f = _next("_write_string_cell", &lib);
        f(self, range, style_index, cell);
        return;
    }
    char n[12];
    _out o = {.f = self->file};
    _put(&o, "<c r=\"", 6);
    _puts(&o, range);
    if (style_index) {
        _put(&o, "\" s=\"", 5);
        _put(&o, n, (size_t)(_int(n, style_index) - n));
    }
    _put(&o, "\" t=\"s\"><v>", 11);
    _put(&o, n, (size_t)(_int(n, cell->u.string_id) - n));
    _put(&o, "</v></c>", 8);
    _flush(&o);
}

/* A1 from a zero-based row and column: the column's letters
 * (lxw_col_to_name) and "%d" of the row plus one. */
void lxw_rowcol_to_cell(char *cell_name, lxw_row_t row, lxw_col_t col)
{
    static void *lib;
    if (!_on) {
        void (*f)(char *, lxw_row_t, lxw_col_t);
        *(void **)&f = _next("lxw_rowcol_to_cell", &lib);
        f(cell_name, row, col);
        return;
    }
    lxw_col_to_name(cell_name, col, 0);
    *_int(cell_name + strlen(cell_name), (int32_t)(row + 1)) = '\0';
}

/* <f>FORMULA</f><v>RESULT</v> of a formula cell with a number result. */
void _write_formula_num_cell(lxw_worksheet *self, lxw_cell *cell)
{
    static void *lib;
    if (!_on) {
        void (*f)(lxw_worksheet *, lxw_cell *);
        *(void **)&f = _next("_write_formula_num_cell", &lib);
        f(self, cell);
        return;
    }
    char v[FMT16G_SIZE];
    fmt16g(v, cell->formula_result);
    lxw_xml_data_element(self->file, "f", cell->u.string, NULL);
    lxw_xml_data_element(self->file, "v", v, NULL);
}

/* <c:v>NUMBER</c:v> of a chart's data cache. */
void _chart_write_v_num(lxw_chart *self, double number)
{
    static void *lib;
    if (!_on) {
        void (*f)(lxw_chart *, double);
        *(void **)&f = _next("_chart_write_v_num", &lib);
        f(self, number);
        return;
    }
    char v[FMT16G_SIZE];
    fmt16g(v, number);
    lxw_xml_data_element(self->file, "c:v", v, NULL);
}

#else

int xlsx_xml_fast(int on)
{
    (void)on;
    return 0;
}

#endif
