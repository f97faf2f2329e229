/* test_fdio.c - whole reads and writes: all bytes through a pipe, a read
 * that meets the end of the file, a full disk (/dev/full) said as ENOSPC. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fdio.h"

static void test_pipe_round_trip(void **state)
{
    (void)state;
    int fd[2];
    char out[3000], in[3000];
    for (size_t i = 0; i < sizeof out; i++)
        out[i] = (char)(i * 7);
    assert_int_equal(pipe(fd), 0);
    assert_int_equal(fdio_write(fd[1], out, sizeof out), sizeof out);
    close(fd[1]);
    assert_int_equal(fdio_read(fd[0], in, sizeof in), 0);
    assert_memory_equal(in, out, sizeof out);
    /* nothing is left: one more byte is the end of the file */
    assert_int_equal(fdio_read(fd[0], in, 1), -1);
    close(fd[0]);
}

static void test_short_file(void **state)
{
    (void)state;
    int fd[2];
    char in[8];
    assert_int_equal(pipe(fd), 0);
    assert_int_equal(fdio_write(fd[1], "abc", 3), 3);
    close(fd[1]);
    assert_int_equal(fdio_read(fd[0], in, sizeof in), -1);   /* 3 of 8 bytes */
    close(fd[0]);
}

static void test_full_disk(void **state)
{
    (void)state;
    int fd = open("/dev/full", O_WRONLY);
    if (fd < 0)
        skip();
    errno = 0;
    assert_int_equal(fdio_write(fd, "abc", 3), 0);
    assert_int_equal(errno, ENOSPC);
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pipe_round_trip),
        cmocka_unit_test(test_short_file),
        cmocka_unit_test(test_full_disk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
