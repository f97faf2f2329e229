/*
 * table.c - positions of cells, ranges, messages naming a cell, and the
 * choice of reader by file name (table.h).
 */
#include "table.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "diag.h"
#include "read_csv.h"
#include "read_xlsx.h"

#define MAX_COL 16384       /* XFD */
#define MAX_ROW 1048576

void tbl_cell_name(int row, int col, char *buf)
{
    char letters[8];
    int n = 0;
    for (int c = col; c > 0 && n < 7; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < n; i++)
        buf[i] = letters[n - 1 - i];
    snprintf(buf + n, 16 - (size_t)n, "%d", row);
}

void tbl_position(const tbl_where *w, int row, int col, char *buf, size_t size,
                  const char **file, int *line, int *colout)
{
    if (!w->sheet) {
        *file = w->path;
        *line = row;
        *colout = col;
        return;
    }
    char cell[16];
    tbl_cell_name(row, col, cell);
    snprintf(buf, size, "%s:%s!%s", w->path, w->sheet, cell);
    *file = buf;
    *line = 0;
    *colout = 0;
}

int tbl_error(const tbl_where *w, int row, int col, const char *fmt, ...)
{
    char msg[1024], where[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *file;
    int line, c;
    tbl_position(w, row, col, where, sizeof where, &file, &line, &c);
    diag_at(file, line, c, "%s", msg);
    return EX_DATAERR;
}

int tbl_parse_cell(const char *s, const char **end, int *row, int *col)
{
    long c = 0, r = 0;
    s += *s == '$';
    const char *p = s;
    while (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') && c <= MAX_COL)
        c = c * 26 + ((*p++ | 0x20) - 'a' + 1);
    if (p == s || c > MAX_COL)
        return -1;
    p += *p == '$';
    const char *digits = p;
    while (*p >= '0' && *p <= '9' && r <= MAX_ROW)
        r = r * 10 + (*p++ - '0');
    if (p == digits || r < 1 || r > MAX_ROW)
        return -1;
    *row = (int)r;
    *col = (int)c;
    *end = p;
    return 0;
}

int tbl_parse_range(const char *text, tbl_range *r)
{
    const char *p;
    if (tbl_parse_cell(text, &p, &r->row1, &r->col1))
        return -1;
    r->row2 = r->row1;
    r->col2 = r->col1;
    if (*p == ':' && tbl_parse_cell(p + 1, &p, &r->row2, &r->col2))
        return -1;
    if (*p)
        return -1;
    if (r->row2 < r->row1) {
        int t = r->row1; r->row1 = r->row2; r->row2 = t;
    }
    if (r->col2 < r->col1) {
        int t = r->col1; r->col1 = r->col2; r->col2 = t;
    }
    return 0;
}

static const char *_ext(const char *path)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot : "";
}

int tbl_is_workbook(const char *path)
{
    const char *e = _ext(path);
    return !strcasecmp(e, ".xlsx") || !strcasecmp(e, ".xlsm") || !strcasecmp(e, ".xls")
        || !strcasecmp(e, ".xlsb");
}

int tbl_read(const char *path, const tbl_options *o, tbl_row_fn fn, void *ctx)
{
    if (tbl_is_workbook(path))
        return read_xlsx(path, o, fn, ctx);
    return read_csv_rows(path, o, fn, ctx);
}
