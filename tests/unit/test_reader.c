/* test_reader.c - what the readers share (reader.h): reading a whole file
 * within the size limit (regular files, pipes, folders, devices), checking
 * that it is UTF-8 text, and the messages both give. Files are written to a
 * temporary folder; files over the limit are sparse (ftruncate), so they
 * take no disk space and are refused without being read. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>
#include <cmocka.h>

#include "reader.h"

static char dir[64];
static char errpath[128];
static int saved_fd = -1;

static int _setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/capex-test-reader.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(errpath, sizeof errpath, "%s/stderr", dir);
    return 0;
}

static int _teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Messages go to a file between _catch and _caught, which returns the
 * first line with the temporary folder left out (static buffer). */
static void _catch(void)
{
    fflush(stderr);
    saved_fd = dup(2);
    assert_non_null(freopen(errpath, "w", stderr));
}

static const char *_caught(void)
{
    static char line[512];
    fflush(stderr);
    dup2(saved_fd, 2);
    close(saved_fd);
    FILE *f = fopen(errpath, "r");
    assert_non_null(f);
    if (!fgets(line, sizeof line, f))
        line[0] = '\0';
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    char *at = strstr(line, dir);
    size_t n = strlen(dir);
    if (at && at[n] == '/')
        memmove(at, at + n + 1, strlen(at + n + 1) + 1);
    return line;
}

static const char *_path(const char *name)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* A file of size bytes: text, then (sparse) zeros. */
static const char *_file(const char *name, const char *text, off_t size)
{
    const char *p = _path(name);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    if (size > (off_t)n)
        assert_int_equal(ftruncate(fd, size), 0);
    close(fd);
    return p;
}

static void small_file(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 99;
    assert_int_equal(reader_slurp(_file("a.yaml", "model: a\r\n", 0), &buf, &len), 0);
    assert_int_equal(len, 10);
    assert_memory_equal(buf, "model: a\r\n", 11);       /* NUL-terminated */
    free(buf);
    assert_int_equal(reader_slurp(_file("empty.yaml", "", 0), &buf, &len), 0);
    assert_int_equal(len, 0);
    assert_string_equal(buf, "");
    free(buf);
}

/* The limit is 64 MiB: a file of exactly 64 MiB is read, one byte more
 * is refused from its size. */
static void size_limit(void **state)
{
    (void)state;
    char *buf = (char *)1;
    size_t len = 0;
    assert_int_equal(reader_slurp(_file("max.yaml", "# max", (off_t)64 << 20), &buf, &len), 0);
    assert_int_equal(len, (size_t)64 << 20);
    assert_int_equal(buf[0], '#');
    assert_int_equal(buf[len - 1], '\0');
    free(buf);
    unlink(_path("max.yaml"));

    _catch();
    int rc = reader_slurp(_file("big.yaml", "# big", ((off_t)64 << 20) + 1), &buf, &len);
    const char *msg = _caught();
    assert_int_equal(rc, EX_DATAERR);
    assert_null(buf);
    /* 64 MiB + 1 byte = 64.000001 MiB, shown to one decimal */
    assert_string_equal(msg, "big.yaml:1:1: the file is too large: 64.0 MiB (at most 64 MiB)");

    _catch();
    rc = reader_slurp(_file("huge.yaml", "", (off_t)100 << 20), &buf, &len);
    msg = _caught();
    assert_int_equal(rc, EX_DATAERR);
    assert_string_equal(msg, "huge.yaml:1:1: the file is too large: 100.0 MiB (at most 64 MiB)");

    _catch();
    rc = reader_slurp_at(_path("huge.yaml"), "m.yaml", 3, 9, &buf, &len);
    msg = _caught();
    assert_int_equal(rc, EX_DATAERR);
    assert_string_equal(msg, "m.yaml:3:9: cannot import 'huge.yaml': it is too large: "
                             "100.0 MiB (at most 64 MiB)");
    unlink(_path("big.yaml"));
    unlink(_path("huge.yaml"));
}

/* Read a pipe fed n bytes of '#' by a child process; *msg: the message,
 * "/dev/fd/N" shown as "PIPE". */
static int _slurp_pipe(size_t n, size_t *len, const char **msg)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        static char block[65536];
        memset(block, '#', sizeof block);
        while (n > 0) {
            size_t k = n < sizeof block ? n : sizeof block;
            if (write(fds[1], block, k) != (ssize_t)k)
                _exit(0);               /* the reader stopped early */
            n -= k;
        }
        _exit(0);
    }
    close(fds[1]);
    char path[32], *buf = NULL;
    snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
    _catch();
    int rc = reader_slurp(path, &buf, len);
    static char line[512];
    const char *got = _caught();
    size_t k = strlen(path);
    snprintf(line, sizeof line, "%s%s", strncmp(got, path, k) ? "" : "PIPE",
             strncmp(got, path, k) ? got : got + k);
    *msg = line;
    close(fds[0]);
    waitpid(pid, NULL, 0);
    if (!rc) {
        assert_int_equal(buf[*len], '\0');
        assert_true(*len == 0 || buf[*len - 1] == '#');
    }
    free(buf);
    return rc;
}

static void pipes(void **state)
{
    (void)state;
    size_t len = 0;
    const char *msg;
    assert_int_equal(_slurp_pipe(5, &len, &msg), 0);
    assert_int_equal(len, 5);
    assert_string_equal(msg, "");
    assert_int_equal(_slurp_pipe((size_t)64 << 20, &len, &msg), 0);
    assert_int_equal(len, (size_t)64 << 20);
    /* one byte over: the size shows only by reading, so no size is given */
    assert_int_equal(_slurp_pipe(((size_t)64 << 20) + 1, &len, &msg), EX_DATAERR);
    assert_string_equal(msg, "PIPE:1:1: the file is too large (at most 64 MiB)");
}

static void not_files(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    char folder[128];
    snprintf(folder, sizeof folder, "%s/folder.csv", dir);
    assert_int_equal(mkdir(folder, 0755), 0);
    _catch();
    int rc = reader_slurp(folder, &buf, &len);
    assert_string_equal(_caught(), "capex: cannot read 'folder.csv': it is a folder (expected a file)");
    assert_int_equal(rc, EX_NOINPUT);
    _catch();
    rc = reader_slurp("/dev/null", &buf, &len);
    assert_string_equal(_caught(), "capex: cannot read '/dev/null': it is a device (expected a file)");
    assert_int_equal(rc, EX_NOINPUT);
    _catch();
    rc = reader_slurp(_path("none.yaml"), &buf, &len);
    assert_string_equal(_caught(), "capex: cannot open 'none.yaml': No such file or directory");
    assert_int_equal(rc, EX_NOINPUT);
    /* an import: at its position in the model file */
    _catch();
    rc = reader_slurp_at(folder, "m.yaml", 4, 9, &buf, &len);
    assert_string_equal(_caught(), "m.yaml:4:9: cannot import 'folder.csv': it is a folder "
                                   "(expected a file)");
    assert_int_equal(rc, EX_NOINPUT);
    _catch();
    rc = reader_slurp_at("/dev/null", "m.yaml", 4, 9, &buf, &len);
    assert_string_equal(_caught(), "m.yaml:4:9: cannot import '/dev/null': it is a device (expected a file)");
    assert_int_equal(rc, EX_NOINPUT);
    _catch();
    rc = reader_slurp_at(_path("none.csv"), "m.yaml", 4, 9, &buf, &len);
    assert_string_equal(_caught(), "m.yaml:4:9: cannot import 'none.csv': No such file or directory");
    assert_int_equal(rc, EX_NOINPUT);
    assert_null(buf);
}

/* Check text; returns the message ("" when the text is fine). */
static const char *_check(const char *text, size_t len, int controls)
{
    _catch();
    int rc = reader_check_text("f.csv", text, len, "CSV", controls);
    const char *msg = _caught();
    assert_int_equal(rc, *msg ? EX_DATAERR : 0);
    return msg;
}

static void text(void **state)
{
    (void)state;
    /* tab, CR, LF and any UTF-8 are text */
    assert_string_equal(_check("a\tb\r\nc\rd\n\xEC\x97\xB0\xEB\x8F\x84\n", 15, 1), "");
    /* a NUL on line 2, column 3 (CR LF is one line end) */
    assert_string_equal(_check("ab\r\ncd\0e\n", 9, 1),
                        "f.csv:2:3: control character U+0000 is not allowed (CSV files are text)");
    assert_string_equal(_check("ab\r\ncd\0e\n", 9, 0), "");      /* not asked */
    /* columns count characters: the DEL follows two 3-byte characters */
    assert_string_equal(_check("\xEC\x97\xB0\xEB\x8F\x84\x7f", 7, 1),
                        "f.csv:1:3: control character U+007F is not allowed (CSV files are text)");
    /* the first problem wins: invalid UTF-8 before a control character */
    assert_string_equal(_check("a\xFF\x01", 3, 1),
                        "f.csv:1:2: invalid UTF-8 byte 0xff (CSV files are UTF-8)");
    assert_string_equal(_check("\xFF\xFEs\0", 4, 1),
                        "f.csv:1:1: the file is UTF-16 (CSV files are UTF-8: save it as UTF-8)");
    assert_string_equal(_check("\xFE\xFF\0s", 4, 1),
                        "f.csv:1:1: the file is UTF-16 (CSV files are UTF-8: save it as UTF-8)");
    assert_string_equal(_check("PK\x03\x04\x14\0", 6, 1),
                        "f.csv:1:1: the file is a ZIP archive (a workbook?), not a CSV file "
                        "(expected UTF-8 text)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_file),
        cmocka_unit_test(size_limit),
        cmocka_unit_test(pipes),
        cmocka_unit_test(not_files),
        cmocka_unit_test(text),
    };
    return cmocka_run_group_tests(tests, _setup, _teardown);
}
