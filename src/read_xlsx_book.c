/*
 * read_xlsx_book.c - what a workbook says about its sheets (read_xlsx_priv.h):
 * their names and parts (xl/workbook.xml and its relationships), the date
 * system, which cell formats are dates or percentages (xl/styles.xml) and
 * the shared strings (xl/sharedStrings.xml).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "read_xlsx_priv.h"
#include "reader.h"

#define MAX_SHEETS 10000
#define MAX_STRINGS_BYTES ((size_t)256 << 20)

typedef struct _ctx {
    xb_book *b;
    XML_Parser p;
    int rc;
    /* relationships */
    const char *want_rid;
    char *target;
    /* styles */
    int in_xfs, in_numfmts;
    int *custom;             /* numFmtId -> xb_style for ids < 1024 */
    /* shared strings */
    int in_si, in_t, skip;   /* skip: inside <rPh> (phonetic runs) */
    size_t si_start;         /* where the string being read starts */
    xz_text text;
} _ctx;

static void _stop(_ctx *c, int rc)
{
    if (!c->rc)
        c->rc = rc;
    XML_StopParser(c->p, XML_FALSE);
}

static int _parse(xz_archive *z, const char *path, const char *part, _ctx *c,
                  XML_StartElementHandler start, XML_EndElementHandler end,
                  XML_CharacterDataHandler text)
{
    XML_Parser p = XML_ParserCreate(NULL);
    if (!p)
        return diag_oom();
    c->p = p;
    XML_SetUserData(p, c);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, text);
    int stopped;
    int rc = xz_parse(z, path, part, p, &stopped);
    XML_ParserFree(p);
    return rc ? rc : stopped ? c->rc : 0;
}

/* ---- xl/workbook.xml ------------------------------------------------- */

static void _add_sheet(_ctx *c, const char *name, const char *rid)
{
    xb_book *b = c->b;
    if (b->nsheets >= MAX_SHEETS)
        return;
    char **s = realloc(b->sheets, (b->nsheets + 1) * sizeof *s);
    if (s)
        b->sheets = s;
    char **r = s ? realloc(b->rids, (b->nsheets + 1) * sizeof *r) : NULL;
    if (r)
        b->rids = r;
    char *n = r ? strdup(name) : NULL, *i = n ? strdup(rid) : NULL;
    if (!i) {
        free(n);
        return _stop(c, diag_oom());
    }
    b->sheets[b->nsheets] = n;
    b->rids[b->nsheets++] = i;
}

static void _book_start(void *data, const char *el, const char **atts)
{
    _ctx *c = data;
    const char *name = xz_local(el);
    if (!strcmp(name, "workbookPr")) {
        const char *d = xz_attr(atts, "date1904");
        c->b->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
    } else if (!strcmp(name, "sheet")) {
        const char *n = xz_attr(atts, "name"), *rid = xz_attr(atts, "id");
        if (n && rid)
            _add_sheet(c, n, rid);
    }
}

/* ---- xl/_rels/workbook.xml.rels -------------------------------------- */

static void _rels_start(void *data, const char *el, const char **atts)
{
    _ctx *c = data;
    const char *id = xz_attr(atts, "Id"), *target = xz_attr(atts, "Target");
    if (c->target || strcmp(xz_local(el), "Relationship") || !id || !target
        || strcmp(id, c->want_rid))
        return;
    const char *type = xz_attr(atts, "Type");
    if (type && strlen(type) >= 10 && !strcmp(type + strlen(type) - 10, "chartsheet")) {
        c->target = strdup("");
        return;
    }
    size_t n = strlen(target);
    c->target = malloc(n + 4);
    if (!c->target)
        return _stop(c, diag_oom());
    if (target[0] == '/')
        strcpy(c->target, target + 1);
    else
        snprintf(c->target, n + 4, "xl/%s", target);
}

static void _list(const xb_book *b, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < b->nsheets && used + 8 < size; i++) {
        reader_text t = reader_show(b->sheets[i], strlen(b->sheets[i]));
        int k = snprintf(buf + used, size - used, "%s'%s'", i ? ", " : "", t.s);
        used += k > 0 ? (size_t)k : 0;
    }
}

static int _no_sheet(const char *path, const xb_book *b, const char *name)
{
    char list[512];
    _list(b, list, sizeof list);
    reader_text t = reader_show(name, strlen(name));
    const char **choices = calloc(b->nsheets + 1, sizeof *choices);
    for (size_t i = 0; choices && i < b->nsheets; i++)
        choices[i] = b->sheets[i];
    const char *near = choices ? reader_suggest(name, choices) : NULL;
    if (near)
        diag_at(path, 0, 0, "no sheet '%s' in the workbook (did you mean '%s'? its sheets: "
                "%s)", t.s, near, list);
    else
        diag_at(path, 0, 0, "no sheet '%s' in the workbook (its sheets: %s)", t.s, list);
    free(choices);
    return EX_DATAERR;
}

char *xb_sheet_part(xz_archive *z, const char *path, const xb_book *b, const char *name,
                    int *rc)
{
    size_t i = 0;
    while (name && i < b->nsheets && strcmp(b->sheets[i], name))
        i++;
    if (i == b->nsheets) {
        *rc = b->nsheets ? _no_sheet(path, b, name)
                         : (diag_at(path, 0, 0, "the workbook has no sheets"), EX_DATAERR);
        return NULL;
    }
    _ctx c = {.b = (xb_book *)b, .want_rid = b->rids[i]};
    *rc = _parse(z, path, "xl/_rels/workbook.xml.rels", &c, _rels_start, NULL, NULL);
    if (!*rc && (!c.target || !c.target[0])) {
        *rc = EX_DATAERR;
        diag_at(path, 0, 0, c.target ? "sheet '%s' is a chart sheet (expected a worksheet)"
                : "sheet '%s' has no part in the workbook (a damaged workbook?)", b->sheets[i]);
    }
    if (*rc) {
        free(c.target);
        return NULL;
    }
    return c.target;
}

/* ---- xl/styles.xml --------------------------------------------------- */

/* A number format's kind from its code: a date when it has d, m, y (or
 * h, s) outside quotes and brackets, a percentage when it has '%'. */
static xb_style _code_style(const char *code)
{
    int quoted = 0, bracket = 0, date = 0, percent = 0;
    for (const char *p = code; *p; p++) {
        char ch = *p;
        if (ch == '"')
            quoted = !quoted;
        else if (!quoted && ch == '[')
            bracket = 1;
        else if (!quoted && ch == ']')
            bracket = 0;
        else if (!quoted && !bracket && ch == '\\' && p[1])
            p++;
        else if (!quoted && !bracket)
            date |= strchr("dDmMyYhHsS", ch) && ch, percent |= ch == '%';
    }
    return date ? XS_DATE : percent ? XS_PERCENT : XS_PLAIN;
}

static xb_style _builtin_style(long id)
{
    if (id == 9 || id == 10)
        return XS_PERCENT;
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47)
        || (id >= 50 && id <= 58))
        return XS_DATE;
    return XS_PLAIN;
}

static void _add_xf(_ctx *c, const char *fmt)
{
    xb_book *b = c->b;
    long id = fmt ? strtol(fmt, NULL, 10) : 0;
    unsigned char *s = realloc(b->style, b->nstyles + 1);
    if (!s)
        return _stop(c, diag_oom());
    b->style = s;
    s[b->nstyles++] = (unsigned char)(id >= 164 && id < 1024 && c->custom[id] >= 0
                                      ? c->custom[id] : (int)_builtin_style(id));
}

static void _styles_start(void *data, const char *el, const char **atts)
{
    _ctx *c = data;
    const char *name = xz_local(el);
    if (!strcmp(name, "numFmt")) {
        const char *id = xz_attr(atts, "numFmtId"), *code = xz_attr(atts, "formatCode");
        long k = id ? strtol(id, NULL, 10) : -1;
        if (k >= 0 && k < 1024 && code)
            c->custom[k] = (int)_code_style(code);
    } else if (!strcmp(name, "cellXfs")) {
        c->in_xfs = 1;
    } else if (c->in_xfs && !strcmp(name, "xf") && c->b->nstyles < 65536) {
        _add_xf(c, xz_attr(atts, "numFmtId"));
    }
}

static void _styles_end(void *data, const char *el)
{
    _ctx *c = data;
    if (!strcmp(xz_local(el), "cellXfs"))
        c->in_xfs = 0;
}

/* ---- xl/sharedStrings.xml -------------------------------------------- */

static void _string_add(_ctx *c)
{
    xb_book *b = c->b;
    if (c->text.failed)
        return _stop(c, (diag_error("the workbook's shared strings are over %zu MiB or "
                                    "out of memory", MAX_STRINGS_BYTES >> 20), EX_DATAERR));
    size_t *at = realloc(b->string_at, (b->nstrings + 1) * sizeof *at);
    if (!at)
        return _stop(c, diag_oom());
    b->string_at = at;
    at[b->nstrings++] = c->si_start;
    xz_text_add(&c->text, "", 1, MAX_STRINGS_BYTES);       /* the NUL after it */
}

static void _sst_start(void *data, const char *el, const char **atts)
{
    _ctx *c = data;
    const char *name = xz_local(el);
    (void)atts;
    if (!strcmp(name, "si")) {
        c->in_si = 1;
        c->si_start = c->text.len;
    }
    else if (!strcmp(name, "rPh"))
        c->skip = 1;
    else if (c->in_si && !c->skip && !strcmp(name, "t"))
        c->in_t = 1;
}

static void _sst_end(void *data, const char *el)
{
    _ctx *c = data;
    const char *name = xz_local(el);
    if (!strcmp(name, "t"))
        c->in_t = 0;
    else if (!strcmp(name, "rPh"))
        c->skip = 0;
    else if (!strcmp(name, "si") && c->in_si) {
        c->in_si = 0;
        _string_add(c);
    }
}

static void _sst_text(void *data, const char *s, int len)
{
    _ctx *c = data;
    if (c->in_t)
        xz_text_add(&c->text, s, (size_t)len, MAX_STRINGS_BYTES);
}

/* ---- the book -------------------------------------------------------- */

static int _strings(xz_archive *z, const char *path, xb_book *b)
{
    if (!xz_has(z, "xl/sharedStrings.xml"))
        return 0;
    _ctx c = {.b = b};
    int rc = _parse(z, path, "xl/sharedStrings.xml", &c, _sst_start, _sst_end, _sst_text);
    b->strings = c.text.s;
    return rc;
}

static int _styles(xz_archive *z, const char *path, xb_book *b)
{
    if (!xz_has(z, "xl/styles.xml"))
        return 0;
    int custom[1024];
    for (size_t i = 0; i < 1024; i++)
        custom[i] = -1;
    _ctx c = {.b = b, .custom = custom};
    return _parse(z, path, "xl/styles.xml", &c, _styles_start, _styles_end, NULL);
}

int xb_read(xz_archive *z, const char *path, xb_book *b)
{
    memset(b, 0, sizeof *b);
    _ctx c = {.b = b};
    int rc = _parse(z, path, "xl/workbook.xml", &c, _book_start, NULL, NULL);
    if (!rc)
        rc = _styles(z, path, b);
    if (!rc)
        rc = _strings(z, path, b);
    return rc;
}

void xb_release(xb_book *b)
{
    for (size_t i = 0; i < b->nsheets; i++) {
        free(b->sheets[i]);
        free(b->rids[i]);
    }
    free(b->sheets);
    free(b->rids);
    free(b->style);
    free(b->strings);
    free(b->string_at);
    memset(b, 0, sizeof *b);
}
