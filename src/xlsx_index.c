/*
 * xlsx_index.c - index.xlsx of a batch (xlsx.h): a row per run with its
 * figures, failures highlighted, and the counts above. Only the workbook
 * writers (xlsx_*.c) include xlsxwriter.h; the CSV and JSON index are
 * batch_index.c's.
 */
#define _GNU_SOURCE     /* strptime */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <xlsxwriter.h>

#include "batch_record.h"
#include "diag.h"
#include "outfile.h"
#include "reader.h"
#include "xlsx.h"
#include "xlsx_book.h"
#include "xlsx_error.h"
#include "xlsx_zip_async.h"

typedef struct _fmts {
    lxw_format *title, *head, *text, *money, *year, *months, *count, *failed, *link, *wrap;
} _fmts;

static lxw_format *_fmt(lxw_workbook *wb, const char *num, int bold, int wrap)
{
    lxw_format *f = workbook_add_format(wb);
    if (num)
        format_set_num_format(f, num);
    if (bold)
        format_set_bold(f);
    if (wrap) {
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    return f;
}

static void _formats(lxw_workbook *wb, _fmts *f)
{
    f->title = _fmt(wb, NULL, 1, 0);
    format_set_font_size(f->title, 14);
    f->head = _fmt(wb, NULL, 1, 1);
    format_set_bottom(f->head, LXW_BORDER_THIN);
    format_set_bg_color(f->head, 0xDDEBF7);
    f->text = _fmt(wb, NULL, 0, 0);
    f->money = _fmt(wb, "#,##0.00;[Red]-#,##0.00", 0, 0);
    f->year = _fmt(wb, "0", 0, 0);
    f->months = _fmt(wb, "0.0", 0, 0);
    f->count = _fmt(wb, "#,##0", 0, 0);
    f->failed = _fmt(wb, NULL, 1, 0);
    format_set_font_color(f->failed, LXW_COLOR_RED);
    f->link = workbook_get_default_url_format(wb);
    f->wrap = _fmt(wb, NULL, 0, 1);
}

static lxw_format *_cell_format(const _fmts *f, int c)
{
    switch (c) {
    case BR_CUMULATIVE_BURN: case BR_PEAK_FUNDING_NEED: return f->money;
    case BR_FIRST_YEAR: case BR_LAST_YEAR: case BR_BREAK_EVEN_YEAR: return f->year;
    case BR_RUNWAY_MONTHS: return f->months;
    default: return batch_record_numeric(c) ? f->count : f->text;
    }
}

static const double _widths[BR_INDEX_COLUMNS] = {
    5, 20, 28, 10, 8, 5, 7, 9, 7, 7, 7, 12, 10, 12, 9, 22, 44,
};

/* The headings people read (index.csv and index.json keep the names). */
static const char *const _headings[BR_INDEX_COLUMNS] = {
    "Run", "Name", "Model", "Scenario", "Status", "Exit", "Checks", "Warnings", "Unit",
    "First year", "Last year", "Cumulative burn", "Break-even year", "Peak funding need",
    "Runway (months)", "Workbook", "Message",
};

/* Row r (0-based) of the table: the record's cells. */
static void _row(lxw_worksheet *ws, const _fmts *f, lxw_row_t row, const batch_record *rec)
{
    for (int c = 0; c < BR_INDEX_COLUMNS; c++) {
        const char *v = rec->f[c];
        lxw_col_t col = (lxw_col_t)c;
        if (!*v)
            continue;
        if (c == BR_WORKBOOK) {
            char url[BATCH_MAX_NAME + 32];
            snprintf(url, sizeof url, "external:%s", v);
            worksheet_write_url_opt(ws, row, col, url, f->link, v, "Open the run's workbook");
        } else if (c == BR_MESSAGE) {
            worksheet_write_string(ws, row, col, v, f->wrap);
            int lines = xb_text_lines(v, _widths[c], 11);
            if (lines > 1)
                worksheet_set_row(ws, row, 15.0 * lines, NULL);
        } else if (c == BR_STATUS && strcmp(v, "ok")) {
            worksheet_write_string(ws, row, col, v, f->failed);
        } else if (batch_record_numeric(c)) {
            worksheet_write_number(ws, row, col, strtod(v, NULL), _cell_format(f, c));
        } else {
            worksheet_write_string(ws, row, col, v, f->text);
        }
    }
}

/* The summary at the top: live counts over the table. */
static void _summary(lxw_worksheet *ws, const _fmts *f, const batch_record *recs,
                     size_t n, lxw_row_t first, lxw_row_t last)
{
    char buf[160];
    worksheet_write_string(ws, 0, 0, "capex batch index", f->title);
    worksheet_write_string(ws, 1, 0, "runs", f->text);
    worksheet_write_string(ws, 1, 2, "succeeded", f->text);
    worksheet_write_string(ws, 1, 4, "failed", f->text);
    snprintf(buf, sizeof buf, "=ROWS(A%u:A%u)", (unsigned)first + 1, (unsigned)last + 1);
    worksheet_write_formula_num(ws, 1, 1, n ? buf : "=0", f->count, (double)n);
    snprintf(buf, sizeof buf, "=COUNTIF(E%u:E%u,\"ok\")", (unsigned)first + 1,
             (unsigned)last + 1);
    worksheet_write_formula_num(ws, 1, 3, n ? buf : "=0", f->count,
                                (double)batch_records_count(recs, n, "ok"));
    snprintf(buf, sizeof buf, "=COUNTIF(E%u:E%u,\"failed\")", (unsigned)first + 1,
             (unsigned)last + 1);
    worksheet_write_formula_num(ws, 1, 5, n ? buf : "=0", f->count,
                                (double)batch_records_count(recs, n, "failed"));
}

static void _sheet(lxw_workbook *wb, const batch_record *recs, size_t n)
{
    _fmts f;
    _formats(wb, &f);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Index");
    const lxw_row_t head = 3, first = head + 1, last = head + (lxw_row_t)(n ? n : 1);
    _summary(ws, &f, recs, n, first, last);
    for (int c = 0; c < BR_INDEX_COLUMNS; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, _widths[c], NULL);
        worksheet_write_string(ws, head, (lxw_col_t)c, _headings[c], f.head);
    }
    for (size_t i = 0; i < n; i++)
        _row(ws, &f, first + (lxw_row_t)i, &recs[i]);
    worksheet_set_row(ws, head, 30, NULL);      /* two-line headings */
    worksheet_freeze_panes(ws, first, 2);
    worksheet_autofilter(ws, head, 0, head + (lxw_row_t)n, BR_INDEX_COLUMNS - 1);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, head, head);
    worksheet_set_paper(ws, 9);   /* A4 */
    char hf[96];
    snprintf(hf, sizeof hf, "&Lcapex batch&CIndex&R%zu run%s", n, n == 1 ? "" : "s");
    worksheet_set_header(ws, hf);
    worksheet_set_footer(ws, "&Lcapex&RPage &P of &N");
}

/* The latest as_of of the records, as the workbook's date (same records,
 * same bytes); 1 (not 0, which means "now") when none has one. */
static time_t _created(const batch_record *recs, size_t n)
{
    time_t latest = 1;
    for (size_t i = 0; i < n; i++) {
        struct tm tm = {0};
        const char *end = strptime(recs[i].f[BR_AS_OF], "%Y-%m-%d", &tm);
        if (!end || *end)
            continue;
        time_t t = timegm(&tm);
        if (t > latest)
            latest = t;
    }
    return latest;
}

static char _title[] = "capex batch index";
static char _author[] = "capex";

int xlsx_index_write(const char *path, const batch_record *recs, size_t n)
{
    char *tmp;
    int rc = outfile_begin(path, &tmp);
    if (rc)
        return rc;
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb) {
        diag_error("cannot write '%s': out of memory", path);
        outfile_abort(tmp);
        return EX_IOERR;
    }
    lxw_doc_properties p = {.title = _title, .author = _author,
                            .created = _created(recs, n)};
    workbook_set_properties(wb, &p);
    _sheet(wb, recs, n);
    errno = 0;
    lxw_error e = workbook_close(wb);
    int err = errno;
    xlsx_zip_async_end();     /* the workbook freed on the zip's worker, if one ran */
    errno = err;
    if (e != LXW_NO_ERROR) {
        xlsx_error_message(e == LXW_ERROR_CREATING_XLSX_FILE ? "create" : "write", path, e,
                           errno);
        outfile_abort(tmp);
        return e == LXW_ERROR_CREATING_XLSX_FILE ? EX_CANTCREAT : EX_IOERR;
    }
    return outfile_commit(tmp, path);
}

/* ---- files ------------------------------------------------------------------ */
