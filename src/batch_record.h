/*
 * batch_record.h - what one run of a batch leaves beside its workbook:
 * OUTDIR/.capex/NAME.csv, its row of the index (docs/batch.md, "Outputs"),
 * plus the model's date and the key of the run. Every field is kept as
 * text, exactly as written, so that an index merged from records is the
 * same bytes wherever the records were made.
 */
#ifndef CAPEX_BATCH_RECORD_H
#define CAPEX_BATCH_RECORD_H

#include <stdio.h>

#include "batch_plan.h"
#include "result.h"

enum batch_column {
    BR_RUN, BR_NAME, BR_MODEL, BR_SCENARIO, BR_STATUS, BR_EXIT, BR_CHECKS,
    BR_WARNINGS, BR_UNIT, BR_FIRST_YEAR, BR_LAST_YEAR, BR_CUMULATIVE_BURN,
    BR_BREAK_EVEN_YEAR, BR_PEAK_FUNDING_NEED, BR_RUNWAY_MONTHS, BR_WORKBOOK,
    BR_MESSAGE,
    BR_INDEX_COLUMNS,                 /**< the index has the columns above */
    BR_AS_OF = BR_INDEX_COLUMNS, BR_KEY,
    BR_BATCH,                         /**< the batch's identity (plan id) */
    BR_RUNS,                          /**< runs in the whole batch */
    BR_MODEL_NAME,                    /**< the model's 'model:' name */
    BR_ERROR_FILE, BR_ERROR_LINE, BR_ERROR_COLUMN, /**< where a failed run's
                                           first error points, "" if nowhere */
    BR_ERROR_TEXT,                    /**< that error's message alone */
    BR_WARNING_TEXT,                  /**< the run's warnings, one a line */
    BR_COLUMNS
};

/** Column names, in order ("run", "name", ...). */
extern const char *const batch_columns[BR_COLUMNS];

typedef struct batch_record {
    char *f[BR_COLUMNS];      /**< owned; "" for empty */
} batch_record;

/** The record of run of batch p that succeeded, from its result. */
int batch_record_ok(batch_record *rec, const batch_plan *p, const batch_run *run,
                    const cx_result *r, const char *key);

/** The record of a run that failed with exit status code: message is
 *  the first line of what it printed (may be NULL); when it reads
 *  "FILE:LINE:COL: text" the error's fields are set from it. */
int batch_record_failed(batch_record *rec, const batch_plan *p, const batch_run *run,
                        int code,
                        const char *message);

/** A failed run's record that kept the workbook of an earlier run
 *  (--keep-failed): its workbook column names it. 0 or EX_OSERR. */
int batch_record_kept(batch_record *rec);

/** Make a record of another batch (or an earlier plan) one of run of
 *  batch p: its run number and batch identity. Returns 1 when it changed,
 *  0 when it did not, -1 when out of memory. */
int batch_record_adopt(batch_record *rec, const batch_plan *p, const batch_run *run);

/** "OUTDIR/.capex/NAME.csv". Caller frees; NULL when out of memory. */
char *batch_record_path(const char *outdir, const char *name);

/** A run is to run again: its record goes out of the way (an index
 *  written before the run ends must not list it as it was), set aside
 *  under a hidden name whose file batch_record_save then writes again. */
void batch_record_set_aside(const char *outdir, const char *name);

/** The record set aside for a run that did not run after all (a stopped
 *  batch), removed. */
void batch_record_drop_spare(const char *outdir, const char *name);

/** Write rec to its path under outdir, atomically (header + one row; the
 *  file of the record it replaces or that was set aside is written again:
 *  outfile_rewrite_text). Returns 0 or a sysexits code after the message. */
int batch_record_save(const batch_record *rec, const char *outdir);

/** Read a record file. Returns 0, or a sysexits code: EX_NOINPUT when
 *  it is missing, EX_DATAERR when it is not a record of this version
 *  ("FILE:LINE:1: not a capex run record: ..."); messages only when
 *  loud. */
int batch_record_load(batch_record *rec, const char *path, int loud);

/** One CSV row (RFC 4180 quoting, by libcsv) of the first n columns. */
int batch_record_print(FILE *out, const batch_record *rec, size_t n);

/** The header row for the first n columns. */
int batch_record_print_header(FILE *out, size_t n);

/** Sort by run, then by name (qsort). */
void batch_records_sort(batch_record *recs, size_t n);

void batch_record_release(batch_record *rec);

/** Remove what runs todo[0..n) of p left half-written when a batch was
 *  killed: OUTDIR/.NAME.xlsx.XXXXXX and OUTDIR/.capex/.NAME.csv.XXXXXX. */
void batch_cleanup_temps(const char *outdir, const batch_plan *p,
                         const size_t *todo, size_t n);

/** Nonzero for the columns written as numbers (JSON numbers, numeric
 *  cells) in the index. */
int batch_record_numeric(int column);

/** How many of recs[0..n) have the status ("ok", "failed"). */
size_t batch_records_count(const batch_record *recs, size_t n, const char *status);

#endif
