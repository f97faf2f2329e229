/*
 * model_order.c - the order in which series are computed: every part
 * before the sum it belongs to (a depth-first walk without recursion).
 */
#include <stdlib.h>
#include "model.h"

enum { _NEW = 0, _OPEN, _DONE };

struct _walk {
    const cx_model *m;
    unsigned char *state;   /* [nseries] */
    size_t *stack;          /* [nseries] series being visited */
    size_t *next;           /* [nseries] next part to visit per stack entry */
    size_t *order;
    size_t norder;
};

/* Visit the parts of the series on top of the stack, one at a time. */
static cx_status _step(struct _walk *w, size_t *depth, size_t *culprit)
{
    size_t s = w->stack[*depth - 1];
    const cx_series *ser = &w->m->series[s];
    size_t i = w->next[*depth - 1]++;
    if (ser->kind != CX_S_SUM || i >= ser->nparts) {
        w->state[s] = _DONE;
        w->order[w->norder++] = s;
        (*depth)--;
        return CX_OK;
    }
    size_t p = ser->parts[i];
    if (p >= w->m->nseries) {
        *culprit = s;
        return CX_EINVAL;
    }
    if (w->state[p] == _OPEN) {
        *culprit = p;
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
    size_t dummy;
    if (!culprit)
        culprit = &dummy;
    *culprit = CX_NO_INDEX;
    if (!m || (!order && m->nseries > 0))
        return CX_EINVAL;
    if (m->nseries == 0)
        return CX_OK;
    struct _walk w = {.m = m, .order = order};
    w.state = calloc(m->nseries, 1);
    w.stack = malloc(m->nseries * sizeof *w.stack);
    w.next = malloc(m->nseries * sizeof *w.next);
    cx_status st = w.state && w.stack && w.next ? CX_OK : CX_ENOMEM;
    for (size_t s = 0; st == CX_OK && s < m->nseries; s++)
        if (w.state[s] == _NEW)
            st = _walk_from(&w, s, culprit);
    free(w.state);
    free(w.stack);
    free(w.next);
    return st;
}
