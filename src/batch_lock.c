/*
 * batch_lock.c - the output folder's batch lock (batch_lock.h).
 */
#include "batch_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"

static int _open(const char *outdir, const char *file, int *fd)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/.capex/%s", outdir, file) >= sizeof path) {
        diag_error("cannot create '%s/.capex/%s': the path is too long", outdir, file);
        return EX_CANTCREAT;
    }
    *fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (*fd >= 0)
        return 0;
    diag_error("cannot create '%s': %s", path, strerror(errno));
    return EX_CANTCREAT;
}

/* "pid P, started T" from the holder's lock file, or what is known. */
static void _holder(int fd, char *buf, size_t size)
{
    char text[160] = "";
    ssize_t k = pread(fd, text, sizeof text - 1, 0);
    text[k > 0 ? k : 0] = '\0';
    long pid = 0;
    long long start = 0;
    char shard[40] = "";
    int got = sscanf(text, "%ld %lld %39s", &pid, &start, shard);
    if (got < 2) {
        snprintf(buf, size, "its PID not yet written");
        return;
    }
    time_t t = (time_t)start;
    struct tm tm;
    char when[40] = "?";
    if (gmtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
    snprintf(buf, size, "pid %ld, started %s%s%s", pid, when,
             got == 3 ? ", shard " : "", got == 3 ? shard : "");
}

/* Write "PID START [K/N]" into the lock file (ours now). */
static void _stamp(int fd, long k, long shards)
{
    char text[120];
    int n = shards ? snprintf(text, sizeof text, "%ld %lld %ld/%ld\n", (long)getpid(),
                              (long long)time(NULL), k, shards)
                   : snprintf(text, sizeof text, "%ld %lld\n", (long)getpid(),
                              (long long)time(NULL));
    if (ftruncate(fd, 0) == 0 && pwrite(fd, text, (size_t)n, 0) < 0)
        return;
}

static int _flock(int fd, int how, int wait, const char *outdir, int info_fd)
{
    if (flock(fd, how | LOCK_NB) == 0)
        return 0;
    if (errno != EWOULDBLOCK) {
        diag_error("cannot lock '%s/.capex/': %s", outdir, strerror(errno));
        return EX_CANTCREAT;
    }
    char who[200];
    _holder(info_fd, who, sizeof who);
    if (!wait) {
        diag_error("batch: '%s' is in use by another batch (%s); try again when it "
                   "has finished, or add --wait", outdir, who);
        return EX_TEMPFAIL;
    }
    diag_warn("batch: '%s' is in use by another batch (%s): waiting for it", outdir, who);
    while (flock(fd, how))
        if (errno != EINTR) {
            diag_error("cannot lock '%s/.capex/': %s", outdir, strerror(errno));
            return EX_CANTCREAT;
        }
    return 0;
}

int batch_lock_take(batch_lock *l, const char *outdir, long k, long shards, int wait)
{
    l->fd = l->slice_fd = -1;
    int rc = _open(outdir, "lock", &l->fd);
    if (!rc)
        rc = _flock(l->fd, shards ? LOCK_SH : LOCK_EX, wait, outdir, l->fd);
    if (!rc && shards) {
        char file[80];
        snprintf(file, sizeof file, "lock-%ld-of-%ld", k, shards);
        rc = _open(outdir, file, &l->slice_fd);
        if (!rc)
            rc = _flock(l->slice_fd, LOCK_EX, wait, outdir, l->slice_fd);
        if (!rc)
            _stamp(l->slice_fd, k, shards);
    }
    if (!rc)
        _stamp(l->fd, k, shards);
    if (rc)
        batch_lock_release(l);
    return rc;
}

void batch_lock_release(batch_lock *l)
{
    if (l->slice_fd >= 0)
        close(l->slice_fd);
    if (l->fd >= 0)
        close(l->fd);
    l->fd = l->slice_fd = -1;
}
