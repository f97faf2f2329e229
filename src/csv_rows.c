/*
 * csv_rows.c - CSV rows with positions, through libcsv (csv_rows.h).
 *
 * libcsv calls _on_field for every field and _on_row at every row end;
 * with CSV_REPALL_NL it also reports blank lines, which keeps the line
 * count exact. Callbacks cannot stop the parser, so the first error is
 * remembered in rc and everything after it is ignored.
 */
#include "csv_rows.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "reader.h"

typedef struct _rows {
    const char *path;
    csvrows_fn fn;
    void *ctx;
    int rc;              /* first error's exit code, 0 so far */
    int line;            /* current physical line */
    int after_cr;        /* the last row end was a lone CR */
    unsigned char sep;   /* ',', ';' or tab */
    csvrows_field *fields;   /* the current row */
    size_t nfields, cap;
} _rows;

static void _nomem(_rows *c)
{
    diag_error("out of memory reading '%s'", c->path);
    c->rc = EX_OSERR;
}

static void _clear(_rows *c)
{
    for (size_t i = 0; i < c->nfields; i++)
        free(c->fields[i].text);
    c->nfields = 0;
}

static int _lines_in(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')))
            k++;
    return k;
}

static void _on_field(void *data, size_t len, void *arg)
{
    _rows *c = arg;
    if (c->rc)
        return;
    const char *s = data ? data : "";
    if (c->nfields == c->cap) {
        size_t n = c->cap ? 2 * c->cap : 16;
        csvrows_field *f = realloc(c->fields, n * sizeof *f);
        if (!f)
            return _nomem(c);
        c->fields = f;
        c->cap = n;
    }
    csvrows_field *f = &c->fields[c->nfields];
    if (!(f->text = malloc(len + 1)))
        return _nomem(c);
    memcpy(f->text, s, len);
    f->text[len] = '\0';
    f->len = len;
    f->line = c->line;
    c->nfields++;
    c->line += _lines_in(s, len);
}

static int _blank(const _rows *c)
{
    for (size_t i = 0; i < c->nfields; i++)
        for (size_t k = 0; k < c->fields[i].len; k++)
            if (c->fields[i].text[k] != ' ' && c->fields[i].text[k] != '\t')
                return 0;
    return 1;
}

static void _on_row(int ch, void *arg)
{
    _rows *c = arg;
    int crlf_tail = ch == '\n' && c->after_cr && c->nfields == 0;
    c->after_cr = ch == '\r';
    if (!c->rc && !crlf_tail && !_blank(c))
        c->rc = c->fn(c->ctx, c->fields, c->nfields,
                      c->nfields ? c->fields[0].line : c->line);
    _clear(c);
    if (!crlf_tail && (ch == '\n' || ch == '\r'))
        c->line++;
}

static int _parse(_rows *c, const char *text, size_t len)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI | CSV_APPEND_NULL))
        return _nomem(c), c->rc;
    /* libcsv grows a field's buffer by a fixed step (128 bytes by default):
     * a 60 MB field would take half a million reallocs. A step of a 64th of
     * the file bounds them at 64 per field and keeps small files small. */
    size_t step = len / 64;
    csv_set_blk_size(&p, step < 128 ? 128 : step > ((size_t)1 << 20) ? (size_t)1 << 20 : step);
    csv_set_delim(&p, c->sep);
    size_t done = csv_parse(&p, text, len, _on_field, _on_row, c);
    if (!c->rc && done < len) {
        if (csv_error(&p) == CSV_EPARSE)
            c->rc = reader_error(c->path, c->line, (int)c->nfields + 1,
                                 "malformed quoted field (expected %s or the end of "
                                 "the line after the closing quote)",
                                 c->sep == ',' ? "a comma" : c->sep == ';'
                                 ? "a semicolon" : "a tab");
        else
            _nomem(c);
    }
    int last_line = c->line, last_col = (int)c->nfields + 1;
    if (!c->rc && csv_fini(&p, _on_field, _on_row, c) && !c->rc) {
        if (csv_error(&p) == CSV_EPARSE)
            c->rc = reader_error(c->path, last_line, last_col,
                                 "unterminated quoted field (a '\"' is missing)");
        else
            _nomem(c);
    }
    csv_free(&p);
    return c->rc;
}

int csvrows_parse(const char *path, const char *text, size_t len, csvrows_fn fn,
                   void *ctx, int *lines)
{
    return csvrows_parse_sep(path, text, len, ',', fn, ctx, lines);
}

int csvrows_parse_sep(const char *path, const char *text, size_t len, char sep,
                      csvrows_fn fn, void *ctx, int *lines)
{
    _rows c = {.path = path, .fn = fn, .ctx = ctx, .line = 1, .sep = (unsigned char)sep};
    int rc = _parse(&c, text, len);
    _clear(&c);
    free(c.fields);
    if (lines)
        *lines = c.line;
    return rc;
}

char csvrows_detect_sep(const char *text, size_t len)
{
    static const char seps[] = ",;\t";
    size_t count[3] = {0, 0, 0};
    int quoted = 0, seen = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (ch == '"')
            quoted = !quoted;
        else if (!quoted && (ch == '\n' || ch == '\r') && seen)
            break;
        else if (!quoted && strchr(seps, ch) && ch)
            count[strchr(seps, ch) - seps]++;
        seen |= !quoted && ch != '\n' && ch != '\r' && ch != ' ';
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return seps[best];
}

int csvrows_read(const char *path, csvrows_fn fn, void *ctx)
{
    char *buf;
    size_t len;
    int rc = reader_slurp(path, &buf, &len);
    if (rc)
        return rc;
    size_t bom = reader_bom(buf, len);
    rc = reader_check_text(path, buf + bom, len - bom, "CSV", 1);
    if (!rc)
        rc = csvrows_parse(path, buf + bom, len - bom, fn, ctx, NULL);
    free(buf);
    return rc;
}
