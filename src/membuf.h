/*
 * membuf.h - bytes in memory read and written like a file: a growing
 * buffer with a position that writes extend and seeks move (past the end
 * too: the hole reads as zeros once written after). Used for a workbook's
 * XML parts (xlsx_tmpfile.c) and its zip (xlsx_zip_buffer.c).
 *
 *     membuf b = {0};
 *     membuf_write(&b, "abc", 3);
 *     ... b.data[0 .. b.len) ...
 *     membuf_release(&b);
 */
#ifndef CAPEX_MEMBUF_H
#define CAPEX_MEMBUF_H

#include <stddef.h>

typedef struct membuf {
    char *data;        /**< bytes [0, len); NULL while empty */
    size_t len, cap;
    size_t pos;        /**< where the next read or write starts */
} membuf;

/** Write n bytes at pos, growing the buffer; 0, or -1 when out of memory
 *  (nothing written). */
int membuf_write(membuf *b, const void *p, size_t n);

/** Read up to n bytes at pos; how many were read (0 at the end). */
size_t membuf_read(membuf *b, void *p, size_t n);

/** Move pos to off from the start (whence SEEK_SET), pos (SEEK_CUR) or the
 *  end (SEEK_END); 0, or -1 for a place before the start (pos unchanged). */
int membuf_seek(membuf *b, long long off, int whence);

/** Free the bytes; b is empty again. */
void membuf_release(membuf *b);

#endif
