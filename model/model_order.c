/*
 * model_order.c - the order in which series are computed: every part
 * before the sum it belongs to, and the series a share (or intensity)
 * driver takes (`of`, `share_series`) before the series it drives, the
 * capex series before what its depreciation produces (a
 * depth-first walk without recursion). The drivers of every scenario count
 * too, so that one order serves the base and all scenarios.
 */
#include <stdlib.h>
#include <string.h>
#include "model.h"

enum { _NEW = 0, _OPEN, _DONE };

struct _walk {
    const cx_model *m;
    /* Every scenario's overrides grouped by series (scenario order kept):
     * those of series s are ov[ov_start[s] .. ov_start[s + 1]). */
    size_t *ov_start;       /* [nseries + 1] */
    const cx_driver **ov;   /* [all overrides] */
    unsigned char *state;   /* [nseries] */
    size_t *stack;          /* [nseries] series being visited */
    size_t *next;           /* [nseries] next part to visit per stack entry */
    size_t *order;
    size_t norder;
    size_t *cycle, ncycle;  /* the cycle found, when asked */
};

/* The series a driver takes its values from: 0, 1 or 2 of them. */
static size_t _driver_deps(const cx_driver *d, size_t dep[2])
{
    size_t n = 0;
    if (d->method != CX_D_SHARE && d->method != CX_D_INTENSITY)
        return 0;
    dep[n++] = d->of;
    if (d->share_series != CX_NO_INDEX)
        dep[n++] = d->share_series;
    return n;
}

/* The i-th series s depends on: its parts, then what its base driver and
 * each scenario's driver for it take. 0 when there is no i-th. */
static int _dep(const struct _walk *w, size_t s, size_t i, size_t *p, int *by_driver)
{
    const cx_series *ser = &w->m->series[s];
    size_t dep[2], n;
    *by_driver = 0;
    if (ser->kind == CX_S_FORMULA) {
        if (i < ser->formula.ninputs) {
            *p = ser->formula.inputs[i];
            return 1;
        }
        i -= ser->formula.ninputs;
    }
    if (ser->kind == CX_S_SUM) {
        if (i < ser->nparts) {
            *p = ser->parts[i];
            return 1;
        }
        i -= ser->nparts;
    }
    if (ser->kind == CX_S_DEPRECIATION) {
        if (i == 0) {
            *p = ser->dep < w->m->ndepreciations ? w->m->depreciations[ser->dep].capex
                                                 : CX_NO_INDEX;
            return 1;
        }
        i--;
    }
    *by_driver = 1;
    if (i < (n = _driver_deps(&ser->driver, dep))) {
        *p = dep[i];
        return 1;
    }
    i -= n;
    for (size_t k = w->ov_start[s]; k < w->ov_start[s + 1]; k++) {
        if (i < (n = _driver_deps(w->ov[k], dep))) {
            *p = dep[i];
            return 1;
        }
        i -= n;
    }
    return 0;
}

/* Group the overrides by series (a counting sort), so that _dep looks at a
 * series' own overrides only: linear in the model, not series x overrides
 * (the order is the same: scenarios in turn, each's overrides in turn). */
static cx_status _index_overrides(struct _walk *w)
{
    const cx_model *m = w->m;
    size_t total = 0;
    w->ov_start = calloc(m->nseries + 1, sizeof *w->ov_start);
    if (!w->ov_start)
        return CX_ENOMEM;
    for (size_t c = 0; c < m->nscenarios; c++)
        for (size_t o = 0; o < m->scenarios[c].noverrides; o++) {
            size_t s = m->scenarios[c].overrides[o].series;
            if (s >= m->nseries)
                continue;               /* matches no series, as before */
            w->ov_start[s + 1]++;
            total++;
        }
    for (size_t s = 0; s < m->nseries; s++)
        w->ov_start[s + 1] += w->ov_start[s];
    w->ov = malloc((total ? total : 1) * sizeof *w->ov);
    size_t *fill = malloc(m->nseries * sizeof *fill);
    if (!w->ov || !fill) {
        free(fill);
        return CX_ENOMEM;
    }
    memcpy(fill, w->ov_start, m->nseries * sizeof *fill);
    for (size_t c = 0; c < m->nscenarios; c++)
        for (size_t o = 0; o < m->scenarios[c].noverrides; o++) {
            const cx_override *ov = &m->scenarios[c].overrides[o];
            if (ov->series < m->nseries)
                w->ov[fill[ov->series]++] = &ov->driver;
        }
    free(fill);
    return CX_OK;
}

/* The stack from p's entry to its top, then p again. */
static void _name_cycle(struct _walk *w, size_t depth, size_t p)
{
    size_t from = depth;
    if (!w->cycle)
        return;
    while (from > 0 && w->stack[from - 1] != p)
        from--;
    w->ncycle = 0;
    for (size_t i = from - (from > 0); i < depth; i++)
        w->cycle[w->ncycle++] = w->stack[i];
    w->cycle[w->ncycle++] = p;
}

/* Visit what the series on top of the stack depends on, one at a time.
 * On a cycle the culprit is the part that closes it (sums), or the series
 * whose driver does. */
static cx_status _step(struct _walk *w, size_t *depth, size_t *culprit)
{
    size_t s = w->stack[*depth - 1];
    size_t i = w->next[*depth - 1]++, p;
    int by_driver;
    if (!_dep(w, s, i, &p, &by_driver)) {
        w->state[s] = _DONE;
        w->order[w->norder++] = s;
        (*depth)--;
        return CX_OK;
    }
    if (p >= w->m->nseries) {
        *culprit = s;
        return CX_EINVAL;
    }
    if (w->state[p] == _OPEN) {
        *culprit = by_driver ? s : p;
        _name_cycle(w, *depth, p);
        return CX_ECYCLE;
    }
    if (w->state[p] == _NEW) {
        w->state[p] = _OPEN;
        w->stack[*depth] = p;
        w->next[(*depth)++] = 0;
    }
    return CX_OK;
}

static cx_status _walk_from(struct _walk *w, size_t root, size_t *culprit)
{
    size_t depth = 1;
    w->stack[0] = root;
    w->next[0] = 0;
    w->state[root] = _OPEN;
    while (depth > 0) {
        cx_status st = _step(w, &depth, culprit);
        if (st != CX_OK)
            return st;
    }
    return CX_OK;
}

cx_status cx_model_order(const cx_model *m, size_t *order, size_t *culprit)
{
    return cx_model_order_cycle(m, order, culprit, NULL, NULL);
}

cx_status cx_model_order_cycle(const cx_model *m, size_t *order, size_t *culprit,
                               size_t *cycle, size_t *ncycle)
{
    size_t dummy;
    if (!culprit)
        culprit = &dummy;
    *culprit = CX_NO_INDEX;
    if (!m || (!order && m->nseries > 0))
        return CX_EINVAL;
    if (m->nseries == 0)
        return CX_OK;
    struct _walk w = {.m = m, .order = order, .cycle = cycle};
    w.state = calloc(m->nseries, 1);
    w.stack = malloc(m->nseries * sizeof *w.stack);
    w.next = malloc(m->nseries * sizeof *w.next);
    cx_status st = w.state && w.stack && w.next ? CX_OK : CX_ENOMEM;
    if (st == CX_OK)
        st = _index_overrides(&w);
    for (size_t s = 0; st == CX_OK && s < m->nseries; s++)
        if (w.state[s] == _NEW)
            st = _walk_from(&w, s, culprit);
    free(w.ov_start);
    free(w.ov);
    free(w.state);
    free(w.stack);
    free(w.next);
    if (ncycle)
        *ncycle = st == CX_ECYCLE ? w.ncycle : 0;
    return st;
}
