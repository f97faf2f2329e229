/*
 * xlsx_ahead.c - a sheet's formulas composed on the zip's worker
 * (xlsx_ahead.h).
 */
#include "xlsx_ahead.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_zip_async.h"

typedef struct {
    char *text;          /* the row's texts, each ended by a NUL */
    size_t *at;          /* ncols offsets into text */
    signed char *kind;   /* ncols kinds; -1: out of memory */
} _row;

struct xb_ahead {
    xlsx_book *b;
    size_t nrows, ncols;
    xb_compose_fn fn;
    _row *rows;
    /* under lock */
    pthread_mutex_t lock;
    pthread_cond_t more;
    size_t done;         /* rows composed */
    int finished;        /* the job returned */
};

/* Append n bytes and a NUL to the row's text (len so far, cap); 0, or -1
 * out of memory. */
static int _append(_row *row, size_t *len, size_t *cap, const char *t, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap : 1024;
        while (c < *len + n + 1)
            c *= 2;
        char *p = realloc(row->text, c);
        if (!p)
            return -1;
        row->text = p;
        *cap = c;
    }
    memcpy(row->text + *len, t, n);
    row->text[*len + n] = '\0';
    *len += n + 1;
    return 0;
}

/* Row r composed into a->rows[r]; 0, or -1 out of memory. */
static int _compose(xb_ahead *a, size_t r, xb_str *f)
{
    _row *row = &a->rows[r];
    size_t len = 0, cap = 0;
    for (size_t c = 0; c < a->ncols; c++) {
        xs_clear(f);
        int k = a->fn(a->b, r, (int)c, f);
        row->at[c] = len;
        row->kind[c] = (signed char)(f->failed ? -1 : k);
        size_t n = k > 0 && !f->failed ? f->len : 0;
        if (_append(row, &len, &cap, xs_get(f), n))
            return -1;
    }
    return 0;
}

static void _run(void *addr, size_t len)
{
    (void)len;
    xb_ahead *a = addr;
    xb_str f;
    xs_init(&f);
    for (size_t r = 0; r < a->nrows; r++) {
        if (_compose(a, r, &f))
            for (size_t c = 0; c < a->ncols; c++)
                a->rows[r].kind[c] = -1;
        pthread_mutex_lock(&a->lock);
        a->done = r + 1;
        pthread_cond_broadcast(&a->more);
        pthread_mutex_unlock(&a->lock);
    }
    xs_release(&f);
    pthread_mutex_lock(&a->lock);
    a->finished = 1;
    pthread_cond_broadcast(&a->more);
    pthread_mutex_unlock(&a->lock);
}

static void _free(xb_ahead *a)
{
    for (size_t r = 0; a->rows && r < a->nrows; r++) {
        free(a->rows[r].text);
        free(a->rows[r].at);
        free(a->rows[r].kind);
    }
    free(a->rows);
    pthread_mutex_destroy(&a->lock);
    pthread_cond_destroy(&a->more);
    free(a);
}

xb_ahead *xb_ahead_start(xlsx_book *b, size_t nrows, size_t ncols, xb_compose_fn fn)
{
    if (!nrows || !ncols)
        return NULL;
    xb_ahead *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    *a = (xb_ahead){.b = b, .nrows = nrows, .ncols = ncols, .fn = fn};
    pthread_mutex_init(&a->lock, NULL);
    pthread_cond_init(&a->more, NULL);
    int ok = (a->rows = calloc(nrows, sizeof *a->rows)) != NULL;
    for (size_t r = 0; ok && r < nrows; r++)
        ok = (a->rows[r].at = malloc(ncols * sizeof *a->rows[r].at)) &&
             (a->rows[r].kind = malloc(ncols));
    if (!ok || xlsx_zip_async_later(_run, a, 0)) {
        _free(a);
        return NULL;
    }
    return a;
}

int xb_ahead_get(xb_ahead *a, size_t row, size_t col, const char **text)
{
    pthread_mutex_lock(&a->lock);
    while (a->done <= row)
        pthread_cond_wait(&a->more, &a->lock);
    pthread_mutex_unlock(&a->lock);
    const _row *r = &a->rows[row];
    *text = r->text ? r->text + r->at[col] : "";
    return r->kind[col];
}

void xb_ahead_end(xb_ahead *a)
{
    if (!a)
        return;
    pthread_mutex_lock(&a->lock);
    while (!a->finished)
        pthread_cond_wait(&a->more, &a->lock);
    pthread_mutex_unlock(&a->lock);
    _free(a);
}
