/*
 * outfile.c - temporary file beside the target, then rename (outfile.h).
 */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "diag.h"
#include "fdio.h"

/* The temporary file being written, for the signal handler: SIGINT, SIGTERM
 * or SIGHUP while writing removes it (unlink is async-signal-safe) and the
 * signal then takes its default course, so the shell sees 130, 143 or 129.
 * One pointer store; pointer-sized stores are atomic where capex runs. */
static char *volatile _pending;

/* Called first by the handler (batch: stop the workers); NULL = none. */
static void (*volatile _hook)(int sig);

static void _on_signal(int sig)
{
    void (*hook)(int) = _hook;
    if (hook)
        hook(sig);
    char *p = _pending;
    if (p)
        unlink(p);
    signal(sig, SIG_DFL);
    raise(sig);
}

static int _installed;

static void _guard(void)
{
    if (_installed)
        return;
    outfile_guard_signals();
}

void outfile_guard_signals(void)
{
    _installed = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = _on_signal;
    sigemptyset(&sa.sa_mask);
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

void outfile_on_signal(void (*hook)(int sig))
{
    _hook = hook;
}

char *outfile_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) + 1 : 0;
    char *dir = malloc(n ? n + 1 : 3);
    if (!dir)
        return NULL;
    if (n) {
        memcpy(dir, path, n);
        dir[n] = '\0';
    } else {
        strcpy(dir, "./");
    }
    return dir;
}

/* outfile_begin, the file left open as *fd when fd is not NULL. */
static int _create(const char *path, char **tmp, int *fd_out)
{
    *tmp = NULL;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
    size_t n = dlen + 1 + strlen(base) + sizeof ".XXXXXX";
    char *t = malloc(n);
    if (!t)
        return diag_oom();
    snprintf(t, n, "%.*s.%s.XXXXXX", (int)dlen, path, base);
    /* No signal between creating the file and recording it for removal. */
    _guard();
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    int fd = mkstemp(t);
    if (fd >= 0)
        _pending = t;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        int e = errno;
        char *dir = outfile_dir(path);
        diag_error("cannot create '%s': %s", dir ? dir : path, strerror(e));
        free(dir);
        free(t);
        return EX_CANTCREAT;
    }
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    if (fd_out)
        *fd_out = fd;
    else
        close(fd);
    *tmp = t;
    return 0;
}

int outfile_begin(const char *path, char **tmp)
{
    return _create(path, tmp, NULL);
}

int outfile_commit(char *tmp, const char *path)
{
    int failed = rename(tmp, path);
    _pending = NULL;
    if (failed) {
        int e = errno;
        diag_error("cannot create '%s': %s", path, strerror(e));
        outfile_abort(tmp);
        return EX_CANTCREAT;
    }
    free(tmp);
    return 0;
}

void outfile_abort(char *tmp)
{
    if (!tmp)
        return;
    _pending = NULL;
    unlink(tmp);
    free(tmp);
}

/* The write failed (e: errno, 0 when unknown): say so, remove tmp. */
static int _write_failed(char *tmp, const char *path, int e)
{
    diag_error("cannot write '%s': %s", path, e ? strerror(e) : "write error");
    outfile_abort(tmp);
    return EX_IOERR;
}

/* The text of fill into f, which is then closed; 0, or errno (-1 when
 * unknown) after the failure. */
static int _fill_close(FILE *f, outfile_fill_fn fill, const void *ctx, int cut)
{
    errno = 0;
    int bad = fill(f, ctx) || fflush(f) || ferror(f);
    off_t len = bad ? 0 : ftello(f);
    if (!bad && cut && (len < 0 || ftruncate(fileno(f), len)))
        bad = 1;
    int e = bad ? (errno ? errno : -1) : 0;
    if (fclose(f) && !e)
        e = errno ? errno : -1;
    return e;
}

int outfile_write_text(const char *path, outfile_fill_fn fill, const void *ctx)
{
    char *tmp;
    int fd;
    int rc = _create(path, &tmp, &fd);
    if (rc)
        return rc;
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        close(fd);
        return _write_failed(tmp, path, e);
    }
    int e = _fill_close(f, fill, ctx, 0);
    if (e)
        return _write_failed(tmp, path, e > 0 ? e : 0);
    return outfile_commit(tmp, path);
}

int outfile_rewrite_text(const char *path, const char *spare, outfile_fill_fn fill,
                         const void *ctx)
{
    /* The file at path becomes the one written (set aside first, as the
     * caller may have done already): no new inode, and path is missing
     * rather than stale until the text is whole. */
    if (rename(path, spare) && errno != ENOENT)
        return outfile_write_text(path, fill, ctx);
    int fd = open(spare, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        unlink(spare);
        return outfile_write_text(path, fill, ctx);
    }
    int e = _fill_close(f, fill, ctx, 1);
    if (e) {
        diag_error("cannot write '%s': %s", path, e > 0 ? strerror(e) : "write error");
        unlink(spare);
        return EX_IOERR;
    }
    if (rename(spare, path)) {
        diag_error("cannot create '%s': %s", path, strerror(errno));
        unlink(spare);
        return EX_CANTCREAT;
    }
    return 0;
}

int outfile_write_bytes(const char *path, const void *data, size_t len)
{
    char *tmp;
    int fd;
    int rc = _create(path, &tmp, &fd);
    if (rc)
        return rc;
    int bad = fdio_write(fd, data, len) != len;
    int e = errno;
    if (close(fd) && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad)
        return _write_failed(tmp, path, e);
    return outfile_commit(tmp, path);
}

int outfile_holds(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat st;
    int same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == len;
    char buf[16384];
    for (size_t at = 0; same && at < len;) {
        ssize_t k = read(fd, buf, len - at < sizeof buf ? len - at : sizeof buf);
        if (k < 0 && errno == EINTR)
            continue;
        same = k > 0 && memcmp(buf, (const char *)data + at, (size_t)k) == 0;
        at += k > 0 ? (size_t)k : 0;
    }
    close(fd);
    return same;
}

char *outfile_default(const char *name, const char *suffix)
{
    if (mkdir("outputs", 0777) && errno != EEXIST) {
        diag_error("cannot create 'outputs/': %s", strerror(errno));
        return NULL;
    }
    size_t n = strlen("outputs/") + strlen(name) + strlen(suffix) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "outputs/%s%s", name, suffix);
    else
        diag_error("out of memory");
    return p;
}
