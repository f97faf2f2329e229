/*
 * fdio.h - whole reads and writes on a file descriptor: the loops over
 * short counts and EINTR that pipes, full disks and signals call for.
 */
#ifndef CAPEX_FDIO_H
#define CAPEX_FDIO_H

#include <stddef.h>

/* Writes n bytes of p to fd, again after a short count or EINTR. Returns
 * the bytes written: n, or fewer with errno set (ENOSPC when write wrote
 * nothing). */
size_t fdio_write(int fd, const void *p, size_t n);

/* Reads exactly n bytes into p. Returns 0, or -1 at the end of the file
 * or on an error before n bytes. */
int fdio_read(int fd, void *p, size_t n);

#endif
