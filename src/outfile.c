/*
 * outfile.c - temporary file beside the target, then rename (outfile.h).
 */
#include "outfile.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "diag.h"

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

int outfile_begin(const char *path, char **tmp)
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
    close(fd);
    *tmp = t;
    return 0;
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

int outfile_write_text(const char *path, outfile_fill_fn fill, const void *ctx)
{
    char *tmp;
    int rc = outfile_begin(path, &tmp);
    if (rc)
        return rc;
    FILE *f = fopen(tmp, "w");
    if (!f) {
        diag_error("cannot write '%s': %s", path, strerror(errno));
        outfile_abort(tmp);
        return EX_CANTCREAT;
    }
    errno = 0;
    int bad = fill(f, ctx) || ferror(f);
    int e = errno;
    if (fclose(f) && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        diag_error("cannot write '%s': %s", path, e ? strerror(e) : "write error");
        outfile_abort(tmp);
        return EX_IOERR;
    }
    return outfile_commit(tmp, path);
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
