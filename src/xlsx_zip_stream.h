/*
 * xlsx_zip_stream.h - a workbook part deflated on the zip's worker thread
 * while libxlsxwriter is still writing it (xlsx_zip_async.h).
 *
 * libxlsxwriter writes a whole part to its temporary file before it opens
 * the part's zip entry and copies the file in, so the deflate of the
 * largest sheet would start only once its XML is complete. capex's
 * temporary files (xlsx_tmpfile.c) pass each part's bytes to a stream as
 * they are written; the worker deflates them at once, with the parameters
 * minizip will be given (xlsx_zip_level.h), keeping their CRC and length.
 * When the entry's bytes then prove to be the whole part
 * (xlsx_zip_async.c compares them), the entry is written from the stream
 * in minizip's raw mode: the same bytes as deflating them in the entry.
 *
 * Main thread: new, write, source, close, help, reap. Worker: the rest,
 * through the jobs these queue (xlsx_zip_worker.h).
 */
#ifndef CAPEX_XLSX_ZIP_STREAM_H
#define CAPEX_XLSX_ZIP_STREAM_H

#include <stddef.h>
#include <xlsxwriter/third_party/zip.h>

typedef struct xlsx_zip_stream xlsx_zip_stream;

/** A stream for a new part, or NULL when parts are not streamed (async
 *  off, or no worker). */
xlsx_zip_stream *xlsx_zip_stream_new(void);

/** The part's n bytes written at offset at. Only appends are streamed:
 *  any other write (or a write after the part was read) breaks the stream,
 *  and its entry is deflated as usual. */
void xlsx_zip_stream_write(xlsx_zip_stream *s, const void *buf, size_t n, size_t at);

/** The part no longer keeps its bytes in memory: breaks the stream. */
void xlsx_zip_stream_break(xlsx_zip_stream *s);

/** The part is being read: its whole content is data[0, len), unchanged
 *  until xlsx_zip_stream_close. Ends the stream (the worker finishes its
 *  deflate) and makes it the one being read. */
void xlsx_zip_stream_source(xlsx_zip_stream *s, const void *data, size_t len);

/** The part is closed: what the stream holds is freed (by the worker when
 *  it runs), its struct by xlsx_zip_stream_reap. */
void xlsx_zip_stream_close(xlsx_zip_stream *s);

/** The main thread, with every part written, deflates the ended streams
 *  the worker has not begun, newest first, while the worker works through
 *  the older ones: the same bytes, the last parts' deflate on two cores. */
void xlsx_zip_stream_help(void);

/** How many streams the main thread deflated so far (for tests; from
 *  any thread). */
unsigned xlsx_zip_stream_helped(void);

/** Free the closed streams: once no queued job can use them (the queue
 *  drained or the worker ended). */
void xlsx_zip_stream_reap(void);

/* ---- for xlsx_zip_async.c -------------------------------------------- */

/** The stream whose part was read last and is still open, with that
 *  part's bytes; NULL when none. Main thread. */
xlsx_zip_stream *xlsx_zip_stream_reading(const unsigned char **data, size_t *len);

/** 1 when s streamed every byte of its part (not broken) and was ended;
 *  main thread. */
int xlsx_zip_stream_whole(const xlsx_zip_stream *s);

/** 1 when an entry opened with these parameters (after xlsx_zip_level.h)
 *  deflates exactly as s does. */
int xlsx_zip_stream_matches(const xlsx_zip_stream *s, int method, int level, int raw,
                            int windowBits, int memLevel, int strategy,
                            const char *password);

/** On the worker, once s's end job ran: its deflated bytes, CRC-32,
 *  length and whether zlib took it for text (minizip then marks the entry
 *  as text: internal attribute 1); -1 when its deflate failed (out of
 *  memory). */
int xlsx_zip_stream_result(const xlsx_zip_stream *s, const unsigned char **z,
                           size_t *zlen, uLong *crc, ZPOS64_T *len, int *text);

#endif
