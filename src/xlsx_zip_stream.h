/*
 * xlsx_zip_stream.h - a workbook part held in memory, deflated whole with
 * libdeflate once libxlsxwriter reads it back, on the zip's worker thread
 * when it runs (xlsx_zip_async.h), else at once.
 *
 * libxlsxwriter writes each part to a temporary file, then reads it back
 * into a zip entry that minizip deflates with zlib. capex's temporary
 * parts in memory (xlsx_tmpfile.c) are deflated instead by libdeflate
 * (about twice zlib's speed at level 1, and smaller), at the level minizip
 * would be given (xlsx_zip_level.h), with their CRC-32. When the entry's
 * bytes then prove to be the whole part (xlsx_zip_async.c compares them),
 * the entry is written from that deflate in minizip's raw mode. Whether
 * the worker runs or not, a part in memory is deflated the same way: the
 * same workbook, the same bytes (a part under 16 KiB, whose deflate
 * costs less than libdeflate's tables, and a part that spills to a file,
 * past 16 MiB, are deflated by minizip, in both cases too).
 *
 * Main thread: new, write, break, source, close, help, reap. Worker: the
 * jobs these queue (xlsx_zip_worker.h).
 */
#ifndef CAPEX_XLSX_ZIP_STREAM_H
#define CAPEX_XLSX_ZIP_STREAM_H

#include <stddef.h>
#include <xlsxwriter/third_party/zip.h>

typedef struct xlsx_zip_stream xlsx_zip_stream;

/** A stream for a new part, or NULL when parts are not streamed (async
 *  off, or no worker). */
xlsx_zip_stream *xlsx_zip_stream_new(void);

/** The part is about to be written: after it was read, its deflate is
 *  given up (waited for when begun) and its entry deflated as usual. */
void xlsx_zip_stream_write(xlsx_zip_stream *s);

/** The part no longer keeps its bytes in memory: the same. */
void xlsx_zip_stream_break(xlsx_zip_stream *s);

/** The part is being read: its whole content is data[0, len), unchanged
 *  until it is written or closed. The first read queues its deflate (or
 *  deflates it, without the worker) and makes it the one being read. */
void xlsx_zip_stream_source(xlsx_zip_stream *s, const void *data, size_t len);

/** The part is closed; data is its buffer (from malloc). Returns 1 when
 *  the stream keeps data (its deflate may still be running: it is freed
 *  with the stream's deflated bytes, by the worker when it runs), 0 when
 *  the caller frees it. The struct is freed by xlsx_zip_stream_reap. */
int xlsx_zip_stream_close(xlsx_zip_stream *s, void *data);

/** The main thread, with every part written, deflates the parts read but
 *  not begun by the worker, newest first, while the worker works through
 *  the older ones: the same bytes, the last parts' deflate on two cores. */
void xlsx_zip_stream_help(void);

/** How many streams the main thread deflated so far (for tests; from
 *  any thread). */
unsigned xlsx_zip_stream_helped(void);

/** Free the closed streams and the compressors: once no queued job can
 *  use them (the queue drained or the worker ended). */
void xlsx_zip_stream_reap(void);

/* ---- for xlsx_zip_async.c -------------------------------------------- */

/** The stream whose part was read last and is still open, with that
 *  part's bytes; NULL when none. Main thread. */
xlsx_zip_stream *xlsx_zip_stream_reading(const unsigned char **data, size_t *len);

/** 1 when s was read and its deflate not given up; main thread. */
int xlsx_zip_stream_whole(const xlsx_zip_stream *s);

/** 1 when an entry opened with these parameters (after xlsx_zip_level.h)
 *  is one s's deflate can be: deflate at s's level, no password, the
 *  default window and strategy (zlib's memLevel has no say). */
int xlsx_zip_stream_matches(const xlsx_zip_stream *s, int method, int level, int raw,
                            int windowBits, int memLevel, int strategy,
                            const char *password);

/** Once s is deflated (on the worker after its deflate job; on the main
 *  thread without the worker): its deflated bytes, CRC-32, length and
 *  whether it is text as zlib judges it (minizip then marks the entry:
 *  internal attribute 1); -1 when its deflate failed (out of memory). */
int xlsx_zip_stream_result(const xlsx_zip_stream *s, const unsigned char **z,
                           size_t *zlen, uLong *crc, ZPOS64_T *len, int *text);

#endif
