/*
 * batch_pool.c - jobs in worker processes (batch_pool.h).
 *
 * `jobs` worker processes are forked once and each does job after job:
 * the parent writes a job's number into the worker's job pipe, the worker
 * runs it with stderr captured in memory (glibc lets a program point the
 * stderr variable elsewhere) and answers on its result pipe with a frame:
 * the job, its exit status and what it printed. A worker keeps its warm
 * heap from one job to the next, which in a batch of small workbooks saves
 * a fork, an exit and some 350 page faults per job. A worker that dies in
 * a job (a crash) is reported as that job's failure, and a new worker
 * takes its place. When no job is left the parent closes the job pipes;
 * the workers see the end and exit.
 *
 * SIGINT, SIGTERM or SIGHUP in the parent is noted and passed on to the
 * workers (each removes its own temporary file and ends by it); the
 * parent stops handing out jobs, collects what the workers answered and
 * returns, so that the batch can write its index from what finished.
 * Workers keep outfile's handler (signals are blocked across fork until
 * the child has it back).
 */
#define _GNU_SOURCE
#include "batch_pool.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "diag.h"
#include "fdio.h"
#include "outfile.h"

#define ERR_KEEP 65536          /* bytes of a job's stderr passed on */
#define MAX_JOBS 1024

/* What a worker answers after each job. */
typedef struct _frame {
    uint64_t job;
    int32_t status;
    uint32_t len;                /* bytes of stderr text that follow */
} _frame;

typedef struct _worker {
    pid_t pid;
    int job_fd;                  /* parent -> worker: job numbers; -1 closed */
    int res_fd;                  /* worker -> parent: frames; -1 closed */
    int busy;
    size_t job;                  /* the job in hand when busy */
    char *buf;                   /* a frame being read */
    size_t len, cap;
} _worker;

typedef struct _pool {
    const batch_pool_ops *ops;
    _worker *w;
    int nw;
    size_t next, n, finished;
} _pool;

/* Running workers, for the signal handler (async-signal-safe use only). */
static volatile pid_t _pids[MAX_JOBS];
static volatile int _npids;
static volatile sig_atomic_t _caught;

static const int _sigs[] = {SIGINT, SIGTERM, SIGHUP};
#define NSIGS (sizeof _sigs / sizeof _sigs[0])

/* In the parent: note the signal and pass it on to the workers. */
static void _on_signal(int sig)
{
    if (!_caught)
        _caught = sig;
    int n = _npids;
    for (int i = 0; i < n; i++)
        if (_pids[i] > 0)
            kill(_pids[i], sig);
}

int batch_pool_signal(void)
{
    return _caught;
}

static struct sigaction _old_sa[NSIGS];
static int _catching;

void batch_pool_catch(void)
{
    if (_catching++)
        return;
    _caught = 0;
    outfile_guard_signals();   /* installed now, so not over ours later */
    struct sigaction sa = {.sa_handler = _on_signal};
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < NSIGS; i++)
        sigaction(_sigs[i], &sa, &_old_sa[i]);
}

void batch_pool_uncatch(void)
{
    if (!_catching || --_catching)
        return;
    for (size_t i = 0; i < NSIGS; i++)
        sigaction(_sigs[i], &_old_sa[i], NULL);
}

static void _block(int how, sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < NSIGS; i++)
        sigaddset(&set, _sigs[i]);
    sigprocmask(how, &set, old);
}

static void _publish(const _pool *p)
{
    _npids = 0;
    for (int i = 0; i < p->nw; i++)
        _pids[i] = p->w[i].pid;
    _npids = p->nw;
}

int batch_pool_cpus(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* ---- in a worker ------------------------------------------------------------ */

/* One job with stderr captured; its frame written to fd. */
static int _work_one(const batch_pool_ops *ops, size_t job, int fd)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    FILE *saved = stderr;
    if (mem)
        stderr = mem;
    int status = ops->job(ops->ctx, job);
    if (mem) {
        fflush(mem);
        stderr = saved;
        fclose(mem);
    }
    if (ops->printed)
        ops->printed(ops->ctx, job, status, text ? text : "", len);
    if (len > ERR_KEEP)
        len = ERR_KEEP;
    _frame f = {.job = job, .status = status, .len = (uint32_t)len};
    int rc = fdio_write(fd, &f, sizeof f) != sizeof f ||
             fdio_write(fd, text ? text : "", len) != len;
    free(text);
    return rc;
}

/* The inherited pool, gone: other workers' pipes closed, memory freed. */
static void _forget(_pool *p, int keep)
{
    for (int i = 0; i < p->nw; i++) {
        if (i == keep)
            continue;
        if (p->w[i].job_fd >= 0)
            close(p->w[i].job_fd);
        if (p->w[i].res_fd >= 0)
            close(p->w[i].res_fd);
        free(p->w[i].buf);
    }
    _npids = 0;
}

static void _worker_main(_pool *p, int self, int job_fd, int res_fd)
{
    const batch_pool_ops *ops = p->ops;
    _forget(p, self);
    free(p->w);
    outfile_guard_signals();
    _caught = 0;
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        close(null);
    }
    uint64_t job;
    while (fdio_read(job_fd, &job, sizeof job) == 0)
        if (_work_one(ops, (size_t)job, res_fd))
            break;
    if (ops->release)
        ops->release(ops->ctx);
    fflush(NULL);
    _exit(0);
}

/* ---- in the parent ------------------------------------------------------------ */

static int _spawn(_pool *p, int i)
{
    int jobs[2], res[2];
    if (pipe(jobs)) {
        diag_error("cannot create a pipe: %s", strerror(errno));
        return EX_OSERR;
    }
    if (pipe(res)) {
        diag_error("cannot create a pipe: %s", strerror(errno));
        close(jobs[0]);
        close(jobs[1]);
        return EX_OSERR;
    }
    fflush(NULL);
    sigset_t old;
    _block(SIG_BLOCK, &old);
    pid_t pid = fork();
    if (pid != 0)
        sigprocmask(SIG_SETMASK, &old, NULL);
    if (pid < 0) {
        diag_error("cannot start a worker: %s", strerror(errno));
        close(jobs[0]), close(jobs[1]), close(res[0]), close(res[1]);
        return EX_OSERR;
    }
    if (pid == 0) {
        close(jobs[1]);
        close(res[0]);
        _worker_main(p, i, jobs[0], res[1]);
    }
    close(jobs[0]);
    close(res[1]);
    fcntl(jobs[1], F_SETFD, FD_CLOEXEC);
    fcntl(res[0], F_SETFD, FD_CLOEXEC);
    p->w[i] = (_worker){.pid = pid, .job_fd = jobs[1], .res_fd = res[0]};
    _publish(p);
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

static void _finish(_pool *p, size_t job, int status, const char *err, size_t len)
{
    p->finished++;
    p->ops->done(p->ops->ctx, job, status, err, len);
}

/* Give worker i the next job, or tell it there is none (close its pipe). */
static void _feed(_pool *p, int i)
{
    _worker *w = &p->w[i];
    if (w->job_fd < 0)
        return;
    if (p->next < p->n && !_caught) {
        uint64_t job = p->next;
        if (fdio_write(w->job_fd, &job, sizeof job) == sizeof job) {
            w->busy = 1;
            w->job = p->next++;
            return;
        }
    }
    close(w->job_fd);
    w->job_fd = -1;
}

/* Worker i is gone (its result pipe ended): its job failed with how it
 * ended; reap it and, while jobs are left, start another in its place. */
static int _lost(_pool *p, int i)
{
    _worker *w = &p->w[i];
    close(w->res_fd);
    w->res_fd = -1;
    if (w->job_fd >= 0)
        close(w->job_fd);
    w->job_fd = -1;
    int status = _status(w->pid);
    w->pid = 0;
    free(w->buf);
    w->buf = NULL;
    w->len = w->cap = 0;
    if (w->busy) {
        w->busy = 0;
        _finish(p, w->job, status ? status : EX_SOFTWARE, "", 0);
    }
    _publish(p);
    if (p->next >= p->n || _caught)
        return 0;
    int rc = _spawn(p, i);
    if (!rc)
        _feed(p, i);
    return rc;
}

/* Bytes arrived from worker i: complete frames are jobs done. */
static int _receive(_pool *p, int i)
{
    _worker *w = &p->w[i];
    if (w->cap - w->len < 4096) {
        size_t cap = w->cap ? 2 * w->cap : 8192;
        char *b = realloc(w->buf, cap);
        if (!b)
            return diag_oom();
        w->buf = b;
        w->cap = cap;
    }
    ssize_t k = read(w->res_fd, w->buf + w->len, w->cap - w->len);
    if (k < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    if (k <= 0)
        return _lost(p, i);
    w->len += (size_t)k;
    _frame f;
    while (w->len >= sizeof f) {
        memcpy(&f, w->buf, sizeof f);
        if (w->len < sizeof f + f.len)
            break;
        w->busy = 0;
        _finish(p, (size_t)f.job, f.status, w->buf + sizeof f, f.len);
        w->len -= sizeof f + f.len;
        memmove(w->buf, w->buf + sizeof f + f.len, w->len);
        _feed(p, i);
    }
    return 0;
}

/* Wait for what the workers answer; handle it. */
static int _wait(_pool *p)
{
    struct pollfd fds[MAX_JOBS];
    int who[MAX_JOBS], n = 0;
    for (int i = 0; i < p->nw; i++)
        if (p->w[i].res_fd >= 0) {
            fds[n] = (struct pollfd){.fd = p->w[i].res_fd, .events = POLLIN};
            who[n++] = i;
        }
    if (n == 0)
        return 0;
    int k = poll(fds, (nfds_t)n, 250);
    int rc = 0;
    for (int j = 0; k > 0 && j < n && !rc; j++)
        if (fds[j].revents)
            rc = _receive(p, who[j]);
    return rc;
}

static int _busy(const _pool *p)
{
    for (int i = 0; i < p->nw; i++)
        if (p->w[i].busy && p->w[i].res_fd >= 0)
            return 1;
    return 0;
}

static int _alive(const _pool *p)
{
    for (int i = 0; i < p->nw; i++)
        if (p->w[i].res_fd >= 0)
            return 1;
    return 0;
}

/* Close every job pipe and wait for the workers to leave. */
static void _drain(_pool *p)
{
    for (int i = 0; i < p->nw; i++)
        if (p->w[i].job_fd >= 0) {
            close(p->w[i].job_fd);
            p->w[i].job_fd = -1;
        }
    while (_alive(p))
        if (_wait(p))
            break;
    for (int i = 0; i < p->nw; i++) {
        if (p->w[i].res_fd >= 0)
            close(p->w[i].res_fd);
        if (p->w[i].pid > 0)
            _status(p->w[i].pid);
        free(p->w[i].buf);
    }
}

int batch_pool_run(size_t n, int jobs, const batch_pool_ops *ops)
{
    if (jobs < 1)
        jobs = 1;
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    _pool p = {.ops = ops, .n = n, .nw = 0};
    if (!(p.w = calloc((size_t)jobs, sizeof *p.w)))
        return diag_oom();
    for (int i = 0; i < jobs; i++)
        p.w[i] = (_worker){.job_fd = -1, .res_fd = -1};
    batch_pool_catch();
    /* A worker that died leaves a job pipe without a reader: writing to it
     * must fail with EPIPE (handled by _feed), not end the batch. */
    struct sigaction ign = {.sa_handler = SIG_IGN}, old_pipe;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old_pipe);
    int rc = 0;
    for (int i = 0; i < jobs && !rc && n && !_caught; i++) {
        p.nw = i + 1;
        if (!(rc = _spawn(&p, i)))
            _feed(&p, i);
    }
    while (!rc && p.finished < n && !(_caught && !_busy(&p))) {
        rc = _wait(&p);
        if (ops->progress)
            ops->progress(ops->ctx, p.finished, n, 0);
    }
    _drain(&p);
    sigaction(SIGPIPE, &old_pipe, NULL);
    batch_pool_uncatch();
    _npids = 0;
    if (ops->progress)
        ops->progress(ops->ctx, p.finished, n, 1);
    free(p.w);
    return rc;
}
