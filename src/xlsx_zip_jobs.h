/*
 * xlsx_zip_jobs.h - minizip's entry calls queued as jobs for the zip's
 * worker (xlsx_zip_worker.h), with copies of what they point to, and
 * minizip's own definitions of the calls capex provides
 * (xlsx_zip_async.h). A job that fails records its status and errno with
 * xzw_fail; the calls after it still run (minizip refuses them on its own
 * state, as it would have in line).
 */
#ifndef CAPEX_XLSX_ZIP_JOBS_H
#define CAPEX_XLSX_ZIP_JOBS_H

#include <xlsxwriter/third_party/zip.h>

#include "xlsx_zip_stream.h"
#include "xlsx_zip_worker.h"

/** minizip's zipOpenNewFileInZip4_64. */
typedef int (*xlsx_zip_open_fn)(zipFile, const char *, const zip_fileinfo *,
                                const void *, uInt, const void *, uInt, const char *,
                                int, int, int, int, int, int, const char *, uLong,
                                uLong, uLong, int);

/** An entry's open: its arguments, and copies of what they point to. */
typedef struct xzj_open {
    xzw_job job;
    zipFile file;
    const char *filename, *comment, *password;
    const void *ef_local, *ef_global;
    uInt n_local, n_global;
    zip_fileinfo zi;
    int has_zi;                   /**< zi holds the zipfi given (else NULL) */
    int method, level, raw, window_bits, mem_level, strategy, zip64;
    uLong crc_crypt, made_by, flag_base;
    xlsx_zip_stream *from;        /**< the entry is written from this stream */
    unsigned char bytes[];
} xzj_open;

/** The open, not queued yet (NULL without memory). */
xzj_open *xzj_open_new(zipFile file, const char *filename,
                       const zip_fileinfo *zipfi, const void *extrafield_local,
                       uInt size_extrafield_local, const void *extrafield_global,
                       uInt size_extrafield_global, const char *comment, int method,
                       int level, int raw, int windowBits, int memLevel, int strategy,
                       const char *password, uLong crcForCrypting, uLong versionMadeBy,
                       uLong flagBase, int zip64);

/** Queue o (which the worker frees): the open as it was called, or with
 *  from, the whole entry from that stream: opened in raw mode, its
 *  deflated bytes, closed with the part's CRC and length. */
void xzj_push_open(xzj_open *o, xlsx_zip_stream *from);

/** The same on this thread, now (o->from set or NULL): minizip's status;
 *  frees o. */
int xzj_open_now(xzj_open *o);

/** Queue a write of a copy of buf, or a close of the entry; 0, or -1
 *  without memory (nothing queued). */
int xzj_push_write(zipFile file, const void *buf, unsigned len);
int xzj_push_close(zipFile file);

/** minizip's own zipOpenNewFileInZip4_64 (NULL when not found), and
 *  zipWriteInFileInZip, zipCloseFileInZip, zipClose. */
xlsx_zip_open_fn xzj_real_open(void);
int xzj_real_write(zipFile f, const void *buf, unsigned len);
int xzj_real_close_entry(zipFile f);
int xzj_real_close(zipFile f, const char *comment);

#endif
