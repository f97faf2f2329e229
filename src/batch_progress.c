/*
 * batch_progress.c - progress of a batch on stderr (batch_progress.h).
 */
#include "batch_progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define BAR 24
#define TERMINAL_EVERY 0.1     /* seconds between redraws of the bar */
#define PLAIN_EVERY 5.0        /* seconds between plain lines */

double batch_progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void batch_progress_init(batch_progress *p, int quiet)
{
    p->mode = quiet ? 0 : isatty(STDERR_FILENO) ? 1 : 2;
    p->start = p->last = batch_progress_now();
    p->drawn = 0;
}

static void _eta(char *buf, size_t size, double seconds)
{
    if (seconds < 0 || seconds > 1e7)
        snprintf(buf, size, "?");
    else if (seconds < 60)
        snprintf(buf, size, "%.0f s", seconds);
    else
        snprintf(buf, size, "%.0f min", seconds / 60);
}

static void _draw(batch_progress *p, size_t done, size_t total, double now)
{
    double elapsed = now - p->start, rate = elapsed > 0 ? (double)done / elapsed : 0;
    char eta[32];
    _eta(eta, sizeof eta, rate > 0 ? (double)(total - done) / rate : -1);
    if (p->mode == 2) {
        fprintf(stderr, "capex: batch: %zu/%zu done (%.1f/s, ETA %s)\n", done, total,
                rate, eta);
        return;
    }
    char bar[BAR + 1];
    size_t fill = total ? done * BAR / total : BAR;
    for (size_t i = 0; i < BAR; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[BAR] = '\0';
    fprintf(stderr, "\r\033[K[%s] %zu/%zu  %.1f/s  ETA %s", bar, done, total, rate, eta);
    p->drawn = 1;
}

void batch_progress_update(batch_progress *p, size_t done, size_t total, int final)
{
    if (!p->mode)
        return;
    double now = batch_progress_now();
    if (final) {
        batch_progress_clear(p);
        return;
    }
    double every = p->mode == 1 ? TERMINAL_EVERY : PLAIN_EVERY;
    if (now - p->last < every)
        return;
    p->last = now;
    _draw(p, done, total, now);
    fflush(stderr);
}

void batch_progress_clear(batch_progress *p)
{
    if (p->mode == 1 && p->drawn) {
        fputs("\r\033[K", stderr);
        p->drawn = 0;
    }
}
