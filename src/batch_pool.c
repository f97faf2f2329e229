/*
 * batch_pool.c - jobs in worker processes (batch_pool.h).
 *
 * The parent keeps at most `jobs` children, each with a pipe carrying its
 * stderr; poll() waits for output or the end of a pipe (the child has
 * exited, or closed stderr and will), then waitpid() collects the status.
 * A signal reaches outfile's handler, which calls _stop_children first.
 */
#define _GNU_SOURCE
#include "batch_pool.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "diag.h"
#include "outfile.h"

#define _ERR_KEEP 65536          /* bytes of a child's stderr kept */
#define _MAX_JOBS 1024

typedef struct _child {
    pid_t pid;
    int fd;                      /* read end of its stderr, -1 when closed */
    size_t job;
    char *err;                   /* what it printed (first _ERR_KEEP bytes) */
    size_t len;
} _child;

/* Running children, for the signal handler (async-signal-safe use only). */
static volatile pid_t _pids[_MAX_JOBS];
static volatile int _npids;

static void _stop_children(int sig)
{
    int n = _npids;
    for (int i = 0; i < n; i++)
        if (_pids[i] > 0)
            kill(_pids[i], sig);
    for (int i = 0; i < n; i++)
        if (_pids[i] > 0)
            waitpid(_pids[i], NULL, 0);
}

int batch_pool_cpus(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

typedef struct _pool {
    const batch_pool_ops *ops;
    _child *kids;
    int nkids;
    size_t next, n, finished;
} _pool;

/* In the child: what it inherited of the pool, gone (no leak reports). */
static void _forget(_pool *p)
{
    for (int i = 0; i < p->nkids; i++) {
        close(p->kids[i].fd);
        free(p->kids[i].err);
    }
    free(p->kids);
    _npids = 0;
}

/* In the child: stderr to the pipe, stdin from /dev/null, run the job. */
static void _child_main(_pool *p, size_t job, int fds[2])
{
    const batch_pool_ops *ops = p->ops;
    _forget(p);
    outfile_on_signal(NULL);
    close(fds[0]);
    dup2(fds[1], STDERR_FILENO);
    close(fds[1]);
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        close(null);
    }
    int rc = ops->job(ops->ctx, job);
    if (ops->release)
        ops->release(ops->ctx);
    fflush(NULL);
    _exit(rc);
}

static int _spawn(_pool *p, size_t job, _child *c)
{
    int fds[2];
    if (pipe(fds)) {
        diag_error("cannot create a pipe: %s", strerror(errno));
        return EX_OSERR;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        diag_error("cannot start a worker: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return EX_OSERR;
    }
    if (pid == 0)
        _child_main(p, job, fds);
    close(fds[1]);
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    *c = (_child){.pid = pid, .fd = fds[0], .job = job};
    return 0;
}

/* Read what child c printed; 1 at the end of its pipe. */
static int _drain(_child *c)
{
    char buf[4096];
    ssize_t k = read(c->fd, buf, sizeof buf);
    if (k < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    if (k <= 0)
        return 1;
    size_t keep = c->len < _ERR_KEEP ? _ERR_KEEP - c->len : 0;
    if ((size_t)k < keep)
        keep = (size_t)k;
    if (keep) {
        char *e = realloc(c->err, c->len + keep + 1);
        if (e) {
            memcpy(e + c->len, buf, keep);
            c->len += keep;
            e[c->len] = '\0';
            c->err = e;
        }
    }
    return 0;
}

static int _status(pid_t pid)
{
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return EX_SOFTWARE;
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : EX_SOFTWARE;
}

static void _publish(const _pool *p)
{
    _npids = 0;
    for (int i = 0; i < p->nkids; i++)
        _pids[i] = p->kids[i].pid;
    _npids = p->nkids;
}

static void _reap(_pool *p, int i)
{
    _child c = p->kids[i];
    close(c.fd);
    int status = _status(c.pid);
    p->kids[i] = p->kids[--p->nkids];
    _publish(p);
    p->finished++;
    p->ops->done(p->ops->ctx, c.job, status, c.err ? c.err : "", c.len);
    free(c.err);
}

static int _fill(_pool *p, int jobs)
{
    while (p->nkids < jobs && p->next < p->n) {
        int rc = _spawn(p, p->next, &p->kids[p->nkids]);
        if (rc)
            return rc;
        p->next++;
        p->nkids++;
        _publish(p);
    }
    return 0;
}

/* Wait for output (or ends) of the children; handle what came. */
static void _wait(_pool *p)
{
    struct pollfd fds[_MAX_JOBS];
    for (int i = 0; i < p->nkids; i++)
        fds[i] = (struct pollfd){.fd = p->kids[i].fd, .events = POLLIN};
    int k = poll(fds, (nfds_t)p->nkids, 250);
    if (k <= 0)
        return;
    for (int i = p->nkids - 1; i >= 0; i--)
        if (fds[i].revents && _drain(&p->kids[i]))
            _reap(p, i);
}

int batch_pool_run(size_t n, int jobs, const batch_pool_ops *ops)
{
    if (jobs < 1)
        jobs = 1;
    if (jobs > _MAX_JOBS)
        jobs = _MAX_JOBS;
    _pool p = {.ops = ops, .n = n};
    if (!(p.kids = calloc((size_t)jobs, sizeof *p.kids)))
        return diag_error("out of memory"), EX_OSERR;
    outfile_guard_signals();
    outfile_on_signal(_stop_children);
    int rc = 0;
    while (!rc && (p.next < n || p.nkids)) {
        rc = _fill(&p, jobs);
        if (p.nkids)
            _wait(&p);
        if (ops->progress)
            ops->progress(ops->ctx, p.finished, n, 0);
    }
    while (p.nkids)
        _reap(&p, p.nkids - 1);
    outfile_on_signal(NULL);
    if (ops->progress)
        ops->progress(ops->ctx, p.finished, n, 1);
    free(p.kids);
    return rc;
}
