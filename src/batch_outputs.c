/*
 * batch_outputs.c - the output folder's workbooks and logs
 * (batch_outputs.h).
 */
#include "batch_outputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "diag.h"
#include "fdio.h"

/* dir exists as a folder, or is made (its parent must exist). */
static int _mkdir(const char *dir)
{
    struct stat st;
    if (mkdir(dir, 0777) && errno != EEXIST)
        return -1;
    if (stat(dir, &st))
        return -1;
    if (S_ISDIR(st.st_mode))
        return 0;
    errno = ENOTDIR;
    return -1;
}

/* Every folder along path, from the top down. */
static int _mkdirs(char *path)
{
    for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
        if (s[-1] == '/')
            continue;
        *s = '\0';
        int rc = _mkdir(path);
        *s = '/';
        if (rc)
            return rc;
    }
    return _mkdir(path);
}

int batch_outputs_dirs(const char *outdir)
{
    size_t size = strlen(outdir) + sizeof "/.capex";
    char *path = malloc(size);
    if (!path)
        return diag_oom();
    snprintf(path, size, "%s/.capex", outdir);
    int rc = _mkdirs(path);
    int e = errno;
    free(path);
    if (!rc)
        return 0;
    diag_error("cannot create '%s/': %s", outdir, strerror(e));
    return EX_CANTCREAT;
}

char *batch_outputs_path(const char *outdir, const char *name, const char *ext, int meta)
{
    size_t size = strlen(outdir) + strlen(name) + strlen(ext) + sizeof "//.capex/";
    char *p = malloc(size);
    if (p)
        snprintf(p, size, "%s/%s%s%s", outdir, meta ? ".capex/" : "", name, ext);
    return p;
}

void batch_outputs_log(const char *outdir, const char *name, const char *text, size_t len)
{
    char *path = batch_outputs_path(outdir, name, ".log", 1);
    if (!path)
        return;
    if (len == 0) {
        unlink(path);
        free(path);
        return;
    }
    /* Written over the last batch's log and cut to length: not O_TRUNC,
     * after which ext4 writes the file out at close (auto_da_alloc). */
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    free(path);
    if (fd < 0)
        return;
    if (ftruncate(fd, (off_t)fdio_write(fd, text, len)))
        len = 0;               /* nothing more to do: the log is best effort */
    close(fd);
}

static void _unlink(const char *outdir, const char *name, const char *ext, int meta)
{
    char *path = batch_outputs_path(outdir, name, ext, meta);
    if (path)
        unlink(path);
    free(path);
}

void batch_outputs_remove(const char *outdir, const char *name)
{
    _unlink(outdir, name, ".xlsx", 0);
    _unlink(outdir, name, ".pdf", 0);
}

static int _cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The NAME of a workbook file (NAME.xlsx) into buf, or 0 when it is not one. */
static int _workbook_name(const char *file, char *buf, size_t size)
{
    size_t n = strlen(file);
    if (file[0] == '.' || n <= 5 || n - 5 >= size || strcmp(file + n - 5, ".xlsx"))
        return 0;
    snprintf(buf, size, "%.*s", (int)(n - 5), file);
    return strcmp(buf, "index") != 0;
}

/* The NAME of a run's file in .capex/ (NAME.csv, NAME.log, or the record
 * set aside while it reruns, .NAME.csv.redo) into buf, or 0. */
static int _meta_name(const char *file, char *buf, size_t size)
{
    static const char *const ext[] = {".csv", ".log"};
    size_t n = strlen(file), r = strlen(".csv.redo");
    if (file[0] == '.' && n > r + 1 && !strcmp(file + n - r, ".csv.redo"))
        return (size_t)snprintf(buf, size, "%.*s", (int)(n - r - 1), file + 1) < size;
    for (size_t i = 0; file[0] != '.' && i < 2; i++)
        if (n > 4 && !strcmp(file + n - 4, ext[i]))
            return (size_t)snprintf(buf, size, "%.*s", (int)(n - 4), file) < size;
    return 0;
}

static int _planned(const char *name, const char **names, size_t n)
{
    return bsearch(&name, names, n, sizeof *names, _cmp) != NULL;
}

/* Workbooks (with their PDF, record and log) no planned run makes. */
static size_t _prune_workbooks(const char *outdir, const char **names, size_t n)
{
    DIR *d = opendir(outdir);
    size_t removed = 0;
    struct dirent *e;
    char name[BATCH_MAX_NAME + 64];
    while (d && (e = readdir(d))) {
        if (!_workbook_name(e->d_name, name, sizeof name) || _planned(name, names, n))
            continue;
        batch_outputs_remove(outdir, name);
        _unlink(outdir, name, ".csv", 1);
        _unlink(outdir, name, ".log", 1);
        removed++;
    }
    if (d)
        closedir(d);
    return removed;
}

/* Records, logs and set-aside records in .capex/ of runs no longer
 * planned, with or without a workbook (a failed run's record, the
 * .NAME.csv.redo a killed batch left). The batch's own files (lock, meta,
 * index) end otherwise and stay. */
static void _prune_meta(const char *outdir, const char **names, size_t n)
{
    char *dir = batch_outputs_path(outdir, "", "", 1);
    DIR *d = dir ? opendir(dir) : NULL;
    struct dirent *e;
    char name[BATCH_MAX_NAME + 64];
    while (d && (e = readdir(d))) {
        if (!_meta_name(e->d_name, name, sizeof name) || _planned(name, names, n) ||
            !strcmp(name, "index"))
            continue;
        char *path = batch_outputs_path(outdir, e->d_name, "", 1);
        if (path)
            unlink(path);
        free(path);
    }
    if (d)
        closedir(d);
    free(dir);
}

size_t batch_outputs_prune(const char *outdir, const batch_plan *p)
{
    const char **names = malloc((p->n ? p->n : 1) * sizeof *names);
    size_t removed = 0;
    if (!names)
        return 0;
    for (size_t i = 0; i < p->n; i++)
        names[i] = p->runs[i].name;
    qsort(names, p->n, sizeof *names, _cmp);
    removed = _prune_workbooks(outdir, names, p->n);
    _prune_meta(outdir, names, p->n);
    free(names);
    return removed;
}
