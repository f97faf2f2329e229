/*
 * xlsx_raw.h - the Monte Carlo raw paths workbook (`capex mc --raw`, see
 * docs/workbook.md "Raw paths"): one row per path, one column per year of
 * one output, written in libxlsxwriter's constant_memory mode while the
 * engine streams its blocks of paths, so the memory it takes does not
 * grow with the number of paths.
 *
 *     xlsx_raw *x;
 *     int rc = xlsx_raw_open(&spec, &x);
 *     ... cx_mc_run with on_block = xlsx_raw_block, block_ctx = x ...
 *     rc = failed ? (xlsx_raw_abort(x), rc) : xlsx_raw_close(x);
 *
 * Written atomically like every capex output (outfile.h). Messages go
 * through diag; return values are sysexits codes.
 */
#ifndef CAPEX_XLSX_RAW_H
#define CAPEX_XLSX_RAW_H

#include <stddef.h>
#include <time.h>

/** Rows of paths per sheet: Excel's 1,048,576 rows less the header. */
#define XLSX_RAW_ROWS 1048575

typedef struct xlsx_raw xlsx_raw;

struct cx_model;

typedef struct xlsx_raw_spec {
    const char *path;         /**< the workbook */
    const char *model;        /**< the model's name (document properties) */
    const char *what;         /**< the output: "cumulative net cash flow", a label */
    const char *scenario;     /**< NULL = base */
    unsigned long seed;
    size_t paths;
    int first_year;           /**< of the first column: a period number
                                   (period.h; the year when annual) */
    size_t years;             /**< columns, >= 1 */
    const struct cx_model *m; /**< its calendar titles the columns of a
                                   monthly or quarterly model ("Mar 2026");
                                   an annual one's are the years, numbers */
    time_t created;           /**< the model's as_of: same result, same bytes */
} xlsx_raw_spec;

/**
 * Create the temporary file beside spec->path and the workbook, and write
 * the first sheet's header row (the years).
 * @return 0 and *out, or EX_CANTCREAT / EX_OSERR after a message.
 */
int xlsx_raw_open(const xlsx_raw_spec *spec, xlsx_raw **out);

/**
 * Write npaths rows from values (values[i * years + j]: path first_path + i
 * in year first_year + j); a cx_mc_block_fn, ctx the xlsx_raw. Paths must
 * come in order. Non-finite values are left blank.
 * @return 0, or -1 when a cell could not be written (xlsx_raw_close or
 *         xlsx_raw_failed then tells).
 */
int xlsx_raw_block(void *ctx, size_t first_path, size_t npaths, const double *values);

/** Nonzero when xlsx_raw_block failed. */
int xlsx_raw_failed(const xlsx_raw *x);

/**
 * Close the workbook (libxlsxwriter's zip step) and rename it over
 * spec->path; frees x. On failure nothing is left behind.
 * @return 0, or EX_CANTCREAT / EX_IOERR after "capex: cannot ... 'PATH': ...".
 */
int xlsx_raw_close(xlsx_raw *x);

/** Drop the workbook and its temporary file; frees x. NULL is fine. */
void xlsx_raw_abort(xlsx_raw *x);

#endif
