/*
 * outfile.h - write a file atomically: create a temporary file beside the
 * target, write it, then rename it over the target (or remove it).
 *
 *     char *tmp;
 *     int rc = outfile_begin(path, &tmp);
 *     if (rc) return rc;
 *     ... write to tmp ...
 *     if (failed) { outfile_abort(tmp); return EX_IOERR; }
 *     return outfile_commit(tmp, path);
 *
 * Messages go through diag; return values are sysexits codes.
 */
#ifndef CAPEX_OUTFILE_H
#define CAPEX_OUTFILE_H

#include <stdio.h>

/**
 * Create an empty temporary file in path's folder (".NAME.XXXXXX", made
 * with mkstemp, mode 0666 less the umask like a plain new file) and set
 * *tmp to its path (caller frees through outfile_commit / outfile_abort).
 * @return 0, or EX_CANTCREAT after "capex: cannot create 'DIR/': REASON"
 *         when the folder is missing or not writable, EX_OSERR when out of
 *         memory.
 */
int outfile_begin(const char *path, char **tmp);

/**
 * Rename tmp over path and free tmp. On failure the temporary file is
 * removed and path is left as it was.
 * @return 0, or EX_CANTCREAT after "capex: cannot create 'PATH': REASON".
 */
int outfile_commit(char *tmp, const char *path);

/** Writes a text file's contents to f; returns nonzero on failure. */
typedef int (*outfile_fill_fn)(FILE *f, const void *ctx);

/**
 * A text file at path, atomically: fill writes it to a temporary file
 * beside path, which is renamed over path when complete, or removed.
 * @return 0, or EX_CANTCREAT / EX_IOERR after "capex: cannot ...".
 */
int outfile_write_text(const char *path, outfile_fill_fn fill, const void *ctx);

/**
 * outfile_write_text into the file spare (a name beside path, in the same
 * folder) and then renamed to path, where path (moved to spare first) or an
 * earlier spare is written again from its start and cut to length: the
 * file's inode is kept, which on a file system that searches long for a
 * free inode (ext4 without a journal, after many files were deleted) saves
 * the most of rewriting a small file. Until it is whole path is missing,
 * never half written. Without either file, outfile_write_text. A spare
 * left by a killed process is taken up by the next call for path.
 * @return 0, or EX_CANTCREAT / EX_IOERR after "capex: cannot ...".
 */
int outfile_rewrite_text(const char *path, const char *spare, outfile_fill_fn fill,
                         const void *ctx);

/**
 * len bytes of data as the file at path, atomically (a temporary file
 * beside it, one write, renamed over path; removed on failure).
 * @return 0, or EX_CANTCREAT / EX_IOERR after "capex: cannot ...: REASON"
 *         ("No space left on device" when the disk is full).
 */
int outfile_write_bytes(const char *path, const void *data, size_t len);

/** 1 when path is a regular file (not a symbolic link) holding exactly
 *  these len bytes, else 0 (missing, other bytes, unreadable). */
int outfile_holds(const char *path, const void *data, size_t len);

/** "outputs/<name><suffix>" (suffix like ".xlsx" or "-mc.xlsx"), creating
 *  the outputs/ folder when missing. Caller frees; NULL after a message. */
char *outfile_default(const char *name, const char *suffix);

/** Install the handler of SIGINT, SIGTERM and SIGHUP now (outfile_begin
 *  does it the first time): it removes the temporary file being written
 *  and lets the signal end the process (exit 130, 143, 129). */
void outfile_guard_signals(void);

/** A function the handler calls first, with the signal (async-signal-safe
 *  code only: capex batch stops its workers); NULL for none. */
void outfile_on_signal(void (*hook)(int sig));

/** Remove the temporary file and free tmp. NULL is fine. */
void outfile_abort(char *tmp);

/** The folder part of path with a trailing '/' ("./" when none), for
 *  messages and as a temporary directory. Caller frees; NULL when out of
 *  memory. */
char *outfile_dir(const char *path);

#endif
