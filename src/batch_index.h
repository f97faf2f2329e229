/*
 * batch_index.h - the index of a batch: OUTDIR/index.xlsx, index.csv and
 * index.json, one row per run record (docs/batch.md). Each file is written
 * atomically. The same records give the same bytes.
 */
#ifndef CAPEX_BATCH_INDEX_H
#define CAPEX_BATCH_INDEX_H

#include <stdio.h>

#include "batch_meta.h"
#include "batch_record.h"

/** Write the three index files into outdir from recs (sorted by run),
 *  index.json (which says whether the batch is complete, m) last.
 *  Returns 0 or a sysexits code after the message. */
int batch_index_write(const char *outdir, const batch_record *recs, size_t n,
                      const batch_meta *m);

/** Remove the index files of outdir (each unlink is atomic): a batch does
 *  it before its first run, so that no index outlives the runs it lists.
 *  Returns 0 or EX_CANTCREAT after the message. */
int batch_index_remove(const char *outdir);

/** The index as CSV / JSON on out. Returns 0 or EX_IOERR. */
int batch_index_csv(FILE *out, const batch_record *recs, size_t n, const batch_meta *m);
int batch_index_json(FILE *out, const batch_record *recs, size_t n, const batch_meta *m);

/** Load the records in outdir/.capex/ of the batch written last (others
 *  are left out, with a warning), sorted by run, into a new array *recs
 *  of *n. Returns 0 or a sysexits code after the message: EX_NOINPUT when
 *  there are none, or when runs of the batch have no record (a shard has
 *  not finished) unless partial. */
int batch_index_load(const char *outdir, int partial, batch_record **recs, size_t *n);

void batch_records_free(batch_record *recs, size_t n);

#endif
