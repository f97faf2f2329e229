/* test_xlsx_xml.c - capex's XML primitives (xlsx_xml.c) write the very
 * bytes libxlsxwriter's own write: one workbook of number, string and
 * formula cells (styled or not, up to the last row and column), full of
 * what they escape (& < > " and newlines in strings, names, properties,
 * links, chart titles and series, a validation's prompt), negative and
 * large integer attributes (a rotated axis, the last row), doubles, Korean
 * text and an attribute longer than the 2,079 bytes libxlsxwriter keeps,
 * written with each and compared byte for byte. Every kind of cell is
 * there, as are styles from a cell's own format, its row's and its
 * column's (a cell's whole element is written by capex for numbers,
 * shared strings and formulas with a number result, by the library for
 * the rest), and charts whose caches hold strings to escape, numbers and
 * points without data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <xlsxwriter.h>

#include "file_bytes.h"
#include "xlsx_xml.h"

static const char odd[] = "R&D <capex> \"2026\"\nline 2 & 'more' 삼성전자";

static void _sheet(lxw_workbook *wb, lxw_worksheet *ws)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_num_format(f, "\"<\"#,##0.0\"&\";[Red]-0.0");
    format_set_font_name(f, "A&B \"font\"");
    for (int r = 0; r < 40; r++) {
        worksheet_write_number(ws, (lxw_row_t)r, 0, (r - 20) * 1234.5678e-3, f);
        worksheet_write_string(ws, (lxw_row_t)r, 1, odd, NULL);
        worksheet_write_formula_num(ws, (lxw_row_t)r, 2, "=IF(A1<0,\"<0\",A1&\"x\")", NULL,
                                    r / 3.0);
    }
    worksheet_write_number(ws, 1048575, 0, 1e300, NULL);         /* the last row */
    worksheet_write_string(ws, 1048575, 16383, "XFD1048576", f); /* and column */
    worksheet_write_string(ws, 41, 27, "AB42, styled", f);
    worksheet_write_url(ws, 45, 1, "https://example.com/?a=1&b=<2>&c=\"3\"", NULL);
    worksheet_write_comment(ws, 2, 1, "a note & <more>");
    worksheet_set_header(ws, "&L&\"Arial,Bold\"R&&D &P");
    workbook_define_name(wb, "Rates_and_more", "=Data!$A$1:$A$40");
    /* A validation's prompt is an attribute: newlines and quotes escaped. */
    lxw_data_validation v = {.validate = LXW_VALIDATION_TYPE_DECIMAL,
                             .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
                             .minimum_number = -1, .maximum_number = 1,
                             .input_title = (char *)"Rate & \"share\"",
                             .input_message = (char *)"between -1 and 1\n<inclusive> & 'so'"};
    worksheet_data_validation_cell(ws, 3, 0, &v);
}

/* Every other kind of cell, and styles that come from a row or a column. */
static void _kinds(lxw_workbook *wb, lxw_worksheet *ws)
{
    lxw_format *row = workbook_add_format(wb), *col = workbook_add_format(wb);
    format_set_bold(row);
    format_set_italic(col);
    worksheet_set_row(ws, 60, 15, row);
    worksheet_set_column(ws, 8, 8, 12, col);
    for (lxw_col_t c = 6; c <= 9; c++) {      /* styled by row 61, then by column I */
        worksheet_write_number(ws, 60, c, -0.5 * c, NULL);
        worksheet_write_string(ws, 61, c, "by column & <row>", NULL);
        worksheet_write_formula_num(ws, 62, c, "=G61*2", NULL, -1e-9 * c);
    }
    worksheet_write_formula_str(ws, 63, 6, "=\"a&b\"&\"<c>\"", NULL, "a&b<c>");
    worksheet_write_formula(ws, 63, 7, "=1/3", NULL);
    worksheet_write_boolean(ws, 63, 8, 1, NULL);
    worksheet_write_boolean(ws, 63, 9, 0, row);
    worksheet_write_blank(ws, 64, 6, col);
    worksheet_write_blank(ws, 64, 7, NULL);
    worksheet_write_array_formula(ws, 65, 6, 66, 6, "{=G61:G62*2}", NULL);
    worksheet_write_dynamic_array_formula(ws, 65, 7, 65, 7, "=LEN(G62:J62)", NULL);
    lxw_rich_string_tuple bold = {.format = row, .string = (char *)"R&D "};
    lxw_rich_string_tuple plain = {.format = NULL, .string = (char *)"<capex>"};
    lxw_rich_string_tuple *rich[] = {&bold, &plain, NULL};
    worksheet_write_rich_string(ws, 67, 6, rich, NULL);
}

static void _chart(lxw_workbook *wb, lxw_worksheet *ws)
{
    lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_LINE);
    lxw_chart_series *s = chart_add_series(ch, "=Data!$B$1", "=Data!$A$1:$A$40");
    chart_series_set_name(s, "Revenue & <costs>");
    chart_title_set_name(ch, odd);
    lxw_chart_font font = {.rotation = -45, .size = 9};
    chart_axis_set_num_font(ch->x_axis, &font);
    chart_axis_set_min(ch->y_axis, -2.5e-7);
    chart_axis_set_max(ch->y_axis, 123456789.125);
    worksheet_insert_chart(ws, 0, 4, ch);

    /* Caches: string categories to escape, numbers, and empty cells. */
    lxw_chart *bar = workbook_add_chart(wb, LXW_CHART_COLUMN);
    chart_add_series(bar, "=Data!$B$1:$B$12", "=Data!$A$1:$A$12");
    chart_add_series(bar, "=Data!$B$1:$B$12", "=Data!$Z$1:$Z$12");   /* no data */
    chart_add_series(bar, "=Data!$G$61:$J$61", "=Data!$G$63:$J$63");
    worksheet_insert_chart(ws, 20, 4, bar);
}

static char *_workbook(const char *path, int fast, size_t *n)
{
    assert_int_equal(xlsx_xml_fast(fast), 1);
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    char *title = malloc(2200);
    assert_non_null(title);
    memset(title, 'x', 2199);                 /* longer than an attribute keeps */
    title[2199] = '\0';
    lxw_doc_properties p = {.title = (char *)odd, .subject = title, .created = 1};
    workbook_set_properties(wb, &p);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Data");
    _sheet(wb, ws);
    _kinds(wb, ws);
    _chart(wb, ws);
    workbook_set_custom_property_number(wb, "Growth & <rate>", -0.125);
    workbook_set_custom_property_integer(wb, "Rows", -42);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    xlsx_xml_fast(0);
    free(title);
    return test_file_bytes(path, n);
}

static void same_bytes_as_the_library(void **state)
{
    (void)state;
    char a[] = "/tmp/capex-xml-a-XXXXXX", b[] = "/tmp/capex-xml-b-XXXXXX";
    close(mkstemp(a));
    close(mkstemp(b));
    size_t na, nb;
    char *lib = _workbook(a, 0, &na);
    char *own = _workbook(b, 1, &nb);
    assert_true(na > 5000);
    assert_int_equal(na, nb);
    assert_memory_equal(lib, own, na);
    free(lib);
    free(own);
    unlink(a);
    unlink(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_bytes_as_the_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
