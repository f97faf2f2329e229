/*
 * batch_meta.c - the batch as a whole, for index.json (batch_meta.h).
 * A slice file holds three lines: the batch's identity, its start (seconds
 * since the epoch) and its arguments separated by U+001F.
 */
#include "batch_meta.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "outfile.h"

typedef struct _slice {
    const char *id;
    time_t started;
    int argc;
    char *const *argv;
} _slice;

static int _fill(FILE *f, const void *ctx)
{
    const _slice *s = ctx;
    fprintf(f, "%s\n%lld\n", s->id, (long long)s->started);
    for (int i = 0; i < s->argc; i++) {
        for (const char *c = s->argv[i]; *c; c++)
            fputc(*c == '\n' || *c == '\x1f' ? ' ' : *c, f);
        fputc(i + 1 < s->argc ? '\x1f' : '\n', f);
    }
    return ferror(f);
}

int batch_meta_save(const char *outdir, const char *id, long k, long n, time_t started,
                    int argc, char *const *argv)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/.capex/slice-%ld-of-%ld", outdir, k, n) >=
        sizeof path)
        return diag_error("cannot create '%s/.capex/': the path is too long", outdir),
               EX_CANTCREAT;
    _slice s = {.id = id, .started = started, .argc = argc, .argv = argv};
    return outfile_write_text(path, _fill, &s);
}

/* One slice file: when of batch m->id, its start and options count. */
static void _read(batch_meta *m, const char *path, long k, long *lowest)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char id[64] = "", *args = NULL;
    long long started = 0;
    size_t cap = 0;
    if (fscanf(f, "%63s %lld ", id, &started) == 2 && !strcmp(id, m->id)) {
        if (!m->started || started < (long long)m->started)
            m->started = (time_t)started;
        ssize_t len = getline(&args, &cap, f);
        if (len > 0 && (*lowest == 0 || k < *lowest)) {
            args[len - 1] = args[len - 1] == '\n' ? '\0' : args[len - 1];
            free(m->options);
            m->options = args;
            args = NULL;
            *lowest = k;
        }
    }
    free(args);
    fclose(f);
}

int batch_meta_load(batch_meta *m, const char *outdir)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/.capex", outdir);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    long lowest = 0;
    while ((e = readdir(d))) {
        long k, n;
        char path[4400];
        if (sscanf(e->d_name, "slice-%ld-of-%ld", &k, &n) != 2)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        _read(m, path, k, &lowest);
    }
    closedir(d);
    return 0;
}

void batch_meta_release(batch_meta *m)
{
    free(m->options);
    m->options = NULL;
}
