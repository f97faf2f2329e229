/*
 * fdio.c - whole reads and writes on a file descriptor (fdio.h).
 */
#include "fdio.h"

#include <errno.h>
#include <unistd.h>

size_t fdio_write(int fd, const void *p, size_t n)
{
    const char *c = p;
    size_t done = 0;
    while (done < n) {
        ssize_t k = write(fd, c + done, n - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            if (k == 0)
                errno = ENOSPC;
            break;
        }
        done += (size_t)k;
    }
    return done;
}

int fdio_read(int fd, void *p, size_t n)
{
    char *c = p;
    while (n) {
        ssize_t k = read(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}
