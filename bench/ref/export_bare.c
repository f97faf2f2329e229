/*
 * export_bare.c - the floor for bench/export.sh: a bare libxlsxwriter loop
 * writing the sheet `capex mc --raw` writes (a header row of years, then
 * one row of YEARS numbers per path, plain numbers without a format) in
 * constant_memory mode, with nothing around it.
 *
 * usage: export_bare PATHS YEARS FIRST_YEAR OUT.xlsx [VALUES [TMPDIR]]
 *
 * VALUES is a file of PATHS x YEARS native doubles, row by row: the very
 * numbers capex wrote (bench/export.sh extracts them from capex's
 * workbook), so both write the same cells. Without it (or with "-") the
 * numbers come from a xorshift generator over -300..100, whose text has as
 * many digits as an arbitrary double's. TMPDIR: libxlsxwriter's temporary
 * files (capex puts them beside the output).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static uint64_t _state = 0x9e3779b97f4a7c15u;

static double _xorshift(void)
{
    _state ^= _state << 13;
    _state ^= _state >> 7;
    _state ^= _state << 17;
    return -300.0 + 400.0 * (double)(_state >> 11) * 0x1p-53;
}

/* One row of n values from f, or from the generator when f is NULL. */
static int _row(FILE *f, double *v, size_t n)
{
    if (f)
        return fread(v, sizeof *v, n, f) == n ? 0 : -1;
    for (size_t i = 0; i < n; i++)
        v[i] = _xorshift();
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: export_bare PATHS YEARS FIRST_YEAR OUT.xlsx [VALUES [TMPDIR]]\n");
        return 64;
    }
    long paths = strtol(argv[1], NULL, 10), years = strtol(argv[2], NULL, 10);
    long first = strtol(argv[3], NULL, 10);
    if (paths < 1 || paths >= LXW_ROW_MAX || years < 1 || years > 1024) {
        fprintf(stderr, "export_bare: paths 1..%d, years 1..1024\n", LXW_ROW_MAX - 1);
        return 64;
    }
    FILE *in = argc > 5 && strcmp(argv[5], "-") ? fopen(argv[5], "rb") : NULL;
    if (argc > 5 && strcmp(argv[5], "-") && !in) {
        perror(argv[5]);
        return 66;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
                                .tmpdir = argc > 6 ? argv[6] : NULL};
    lxw_workbook *wb = workbook_new_opt(argv[4], &opt);
    lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "Paths") : NULL;
    if (!ws)
        return 70;
    double v[1024];
    for (long c = 0; c < years; c++)
        worksheet_write_number(ws, 0, (lxw_col_t)c, (double)(first + c), NULL);
    for (long r = 1; r <= paths; r++) {
        if (_row(in, v, (size_t)years)) {
            fprintf(stderr, "export_bare: %s: short file\n", argv[5]);
            return 65;
        }
        for (long c = 0; c < years; c++)
            worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v[c], NULL);
    }
    if (in)
        fclose(in);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 74;
}
