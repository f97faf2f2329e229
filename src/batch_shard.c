/*
 * batch_shard.c - the slice of a batch this process runs (batch_shard.h).
 */
#include "batch_shard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "parse_value.h"

/* A whole number lo..hi from text (all of it); -1 when it is not one. */
static long _num(const char *text, long lo, long hi)
{
    long v;
    return text && pv_parse_int(text, lo, hi, &v) == 0 ? v : -1;
}

static int _env(const char *name, long lo, long *v)
{
    const char *s = getenv(name);
    if (!s)
        return 1;
    if ((*v = _num(s, lo, 1000000000L)) < 0) {
        diag_error("%s='%s' is not a whole number of at least %ld", name, s, lo);
        return -1;
    }
    return 0;
}

static int _option(const char *text, batch_shard *s)
{
    const char *slash = strchr(text, '/');
    char k[24];
    if (!slash || (size_t)(slash - text) >= sizeof k)
        goto bad;
    snprintf(k, sizeof k, "%.*s", (int)(slash - text), text);
    s->k = _num(k, 1, 1000000000L);
    s->n = _num(slash + 1, 1, 1000000000L);
    if (s->k < 1 || s->n < 1 || s->k > s->n)
        goto bad;
    s->from = "--shard";
    return 0;
bad:
    diag_error("--shard '%s': expected K/N with 1 <= K <= N (like 2/8)", text);
    return EX_USAGE;
}

/* Slurm: K = (ID - MIN) / STEP + 1 of N = COUNT. */
static int _slurm(batch_shard *s)
{
    long id, min = 0, step = 1, count;
    if (_env("SLURM_ARRAY_TASK_ID", 0, &id))
        return 1;
    if (_env("SLURM_ARRAY_TASK_MIN", 0, &min) < 0 ||
        _env("SLURM_ARRAY_TASK_STEP", 1, &step) < 0 ||
        _env("SLURM_ARRAY_TASK_COUNT", 1, &count)) {
        diag_error("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not "
                   "a count: give --shard K/N");
        return EX_USAGE;
    }
    s->k = (id - min) / step + 1;
    s->n = count;
    s->from = "SLURM_ARRAY_TASK_ID";
    if (id < min || s->k > s->n) {
        diag_error("SLURM_ARRAY_TASK_ID=%ld is not within the array (min %ld, step "
                   "%ld, count %ld)", id, min, step, count);
        return EX_USAGE;
    }
    return 0;
}

int batch_shard_get(const char *option, long shards, batch_shard *s)
{
    memset(s, 0, sizeof *s);
    if (option)
        return _option(option, s);
    long index;
    int have = _env("JOB_COMPLETION_INDEX", 0, &index);
    if (have < 0)
        return EX_USAGE;
    if (have == 0 || shards) {
        if (have || !shards) {
            diag_error(have ? "--shards N needs JOB_COMPLETION_INDEX (a Kubernetes "
                              "indexed job); otherwise give --shard K/N"
                            : "JOB_COMPLETION_INDEX is set: give --shards N (the "
                              "job's completions)");
            return EX_USAGE;
        }
        if (index >= shards) {
            diag_error("JOB_COMPLETION_INDEX=%ld is not below --shards %ld", index, shards);
            return EX_USAGE;
        }
        s->k = index + 1;
        s->n = shards;
        s->from = "JOB_COMPLETION_INDEX";
        return 0;
    }
    int rc = _slurm(s);
    return rc == 1 ? 0 : rc;
}

int batch_shard_has(const batch_shard *s, size_t run)
{
    return s->n == 0 || (long)((run - 1) % (size_t)s->n) == s->k - 1;
}
