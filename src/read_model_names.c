/*
 * read_model_names.c - the model's series by name, for the reader (see
 * read_model_priv.h).
 *
 * cx_model_find_series is a linear search: fine once, quadratic when a
 * model names thousands of series thousands of times (sum_of lists,
 * scenario overrides). This open-addressing hash table of series indices
 * is filled lazily: each lookup first adds the series added to the model
 * since the last one, so it always agrees with cx_model_find_series.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read_model_priv.h"

static size_t _hash(const char *s)
{
    uint64_t h = 14695981039346656037u;           /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)h;
}

/* Put series i in its slot (the table has room; names are unique). */
static void _put(rm_names *t, const cx_model *m, size_t i)
{
    if (!m->series[i].name)
        return;
    size_t mask = t->cap - 1, k = _hash(m->series[i].name) & mask;
    while (t->slot[k] != CX_NO_INDEX)
        k = (k + 1) & mask;
    t->slot[k] = i;
}

/* A table of at least twice the model's series, all of them in it.
 * -1 when out of memory (the table is then left as it was). */
static int _grow(rm_names *t, const cx_model *m)
{
    size_t cap = t->cap ? t->cap : 64;
    while (cap < 2 * m->nseries)
        cap *= 2;
    if (cap != t->cap) {
        size_t *slot = malloc(cap * sizeof *slot);
        if (!slot)
            return -1;
        for (size_t k = 0; k < cap; k++)
            slot[k] = CX_NO_INDEX;
        free(t->slot);
        t->slot = slot;
        t->cap = cap;
        t->count = 0;
    }
    for (; t->count < m->nseries; t->count++)
        _put(t, m, t->count);
    return 0;
}

size_t rm_find_series(const rm_reader *r, const char *name)
{
    rm_names *t = r->names;
    const cx_model *m = r->m;
    if (!t || !m || !name || _grow(t, m))
        return cx_model_find_series(m, name);
    size_t mask = t->cap - 1;
    for (size_t k = _hash(name) & mask; t->slot[k] != CX_NO_INDEX; k = (k + 1) & mask)
        if (!strcmp(m->series[t->slot[k]].name, name))
            return t->slot[k];
    return CX_NO_INDEX;
}

void rm_names_release(rm_names *t)
{
    free(t->slot);
    t->slot = NULL;
    t->cap = t->count = 0;
}
