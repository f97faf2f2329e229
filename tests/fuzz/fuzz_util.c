/*
 * fuzz_util.c - see fuzz_util.h.
 */
#define _GNU_SOURCE     /* memmem */
#include "fuzz_util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "result.h"

static char _dir[256];
static char _path[512];
static int _strict;

static void _cleanup(void)
{
    static const char *const names[] = {"model.yaml", "data.csv", "figure", NULL};
    for (int i = 0; names[i]; i++)
        unlink(fuzz_path(names[i]));
    if (*_dir)
        rmdir(_dir);
}

static void _quiet_stderr(void)
{
    const char *v = getenv("CAPEX_FUZZ_VERBOSE");
    if (v && *v && strcmp(v, "0"))
        return;
    FILE *null = fopen("/dev/null", "w");
    if (!null)
        abort();
    setvbuf(null, NULL, _IOFBF, 1 << 16);
    stderr = null;    /* glibc: stderr is a plain FILE * variable */
}

void fuzz_init(void)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(_dir, sizeof _dir, "%s/capex-fuzz.XXXXXX", tmp);
    if (!mkdtemp(_dir))
        abort();
    atexit(_cleanup);
    const char *s = getenv("CAPEX_FUZZ_STRICT");
    _strict = s && *s && strcmp(s, "0");
    _quiet_stderr();
}

const char *fuzz_path(const char *name)
{
    snprintf(_path, sizeof _path, "%s/%s", _dir, name);
    return _path;
}

void fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    int fd = open(fuzz_path(name), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        abort();
    while (size > 0) {
        ssize_t k = write(fd, data, size);
        if (k <= 0)
            abort();
        data += k;
        size -= (size_t)k;
    }
    if (close(fd))
        abort();
}

int fuzz_names_device(const uint8_t *data, size_t size)
{
    static const char *const dirs[] = {"/dev/", "/proc/", "/sys/", NULL};
    for (int i = 0; dirs[i]; i++)
        if (memmem(data, size, dirs[i], strlen(dirs[i])))
            return 1;
    return 0;
}

static void _compute(const cx_model *m, const char *scenario)
{
    cx_result *r = NULL;
    size_t failed = CX_NO_INDEX;
    cx_status st = cx_compute(m, scenario, &r, &failed);
    if (st == CX_OK) {
        cx_result_free(r);
        return;
    }
    if (_strict && (st == CX_EINVAL || st == CX_ENOTFOUND)) {
        fprintf(stdout, "capex-fuzz: cx_compute(%s): %s (series %zu)\n",
                scenario ? scenario : "base", cx_strerror(st), failed);
        fflush(stdout);
        abort();
    }
}

void fuzz_compute_all(const cx_model *m)
{
    _compute(m, NULL);
    for (size_t i = 0; i < m->nscenarios; i++)
        _compute(m, m->scenarios[i].name);
}
