/*
 * write_yaml.c - canonical layout of a model file (write_yaml.h), through
 * libyaml's emitter; the kept comments are put back in afterwards, in
 * front of the line of their top-level key.
 */
#include "write_yaml.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <yaml.h>

/* Top-level keys, in the order docs/format.md lists them. */
static const char *const _top_order[] = {
    "model", "title", "description", "currency", "unit", "years", "periods",
    "fiscal_year_end", "as_of", "import",
    "series", "constants", "drivers", "scenarios", "commitments", "burn", "checks",
    "discount", "goals", "sensitivity", "uncertainty", NULL,
};

/* A series' keys, in this order first. */
static const char *const _series_order[] = {
    "label", "unit", "kind", "spread", "values", "sum_of", "stated", "source", NULL,
};

/* A driver's keys, in this order first. */
static const char *const _driver_order[] = {"method", NULL};

#define FLOW_MAX 90     /* bytes of scalars a one-line collection may hold */

typedef struct _emit {
    yaml_emitter_t e;
    int failed;
} _emit;

static void _event(_emit *m, yaml_event_t *ev)
{
    if (!m->failed && !yaml_emitter_emit(&m->e, ev))
        m->failed = 1;
}

static int _rank(const char *key, const char *const *order)
{
    for (int i = 0; order && order[i]; i++)
        if (!strcmp(key, order[i]))
            return i;
    return 1000;
}

/* Bytes of n written on one line (about: separators, braces and quotes
 * counted), or more than FLOW_MAX as soon as it is known to be. */
static size_t _flow_len(const yt_node *n)
{
    if (n->kind == YT_SCALAR)
        return n->len + (n->style == YT_QUOTED ? 2 : 0);
    size_t bytes = 2;
    for (size_t i = 0; i < n->nitems && bytes <= FLOW_MAX; i++)
        bytes += _flow_len(n->items[i]) + 2;
    for (size_t i = 0; i < n->npairs && bytes <= FLOW_MAX; i++)
        bytes += _flow_len(n->pairs[i].key) + _flow_len(n->pairs[i].value) + 4;
    return bytes;
}

static int _all_scalars(const yt_node *n)
{
    for (size_t i = 0; i < n->nitems; i++)
        if (n->items[i]->kind != YT_SCALAR)
            return 0;
    for (size_t i = 0; i < n->npairs; i++)
        if (n->pairs[i].value->kind != YT_SCALAR)
            return 0;
    return 1;
}

/* A collection short enough for one line, as a hand-written model has
 * it: below a section, nested ones too ({values: {2023: 32, 2024: 52}});
 * a top-level section (depth 1) only when it holds scalars alone, so that
 * scenarios and checks keep one entry a line. */
static int _flow(const yt_node *n, int depth)
{
    return (depth > 1 || _all_scalars(n)) && _flow_len(n) <= FLOW_MAX;
}

static void _node(_emit *m, const yt_node *n, const char *const *order, int depth);

static void _scalar(_emit *m, const yt_node *n)
{
    yaml_event_t ev;
    yaml_scalar_style_t style = n->style == YT_QUOTED ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                                      : YAML_PLAIN_SCALAR_STYLE;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)n->text, (int)n->len,
                                 1, n->style == YT_QUOTED, style);
    _event(m, &ev);
}

/* The order keys are written in: `order` first, then as written. */
static size_t *_sorted(const yt_node *n, const char *const *order)
{
    size_t *idx = malloc((n->npairs ? n->npairs : 1) * sizeof *idx);
    if (!idx)
        return NULL;
    for (size_t i = 0; i < n->npairs; i++)
        idx[i] = i;
    for (size_t i = 1; i < n->npairs; i++) {     /* stable insertion sort */
        size_t v = idx[i], j = i;
        int r = _rank(n->pairs[v].key->text, order);
        while (j > 0 && _rank(n->pairs[idx[j - 1]].key->text, order) > r) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
    return idx;
}

/* A mapping: keys in `order` first; one line when small (not at the top). */
static void _mapping(_emit *m, const yt_node *n, const char *const *order, int depth)
{
    yaml_event_t ev;
    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                        _flow(n, depth) && depth > 0 ? YAML_FLOW_MAPPING_STYLE
                                                              : YAML_BLOCK_MAPPING_STYLE);
    _event(m, &ev);
    size_t *idx = _sorted(n, order);
    if (!idx) {
        m->failed = 1;
        return;
    }
    for (size_t k = 0; k < n->npairs; k++) {
        const yt_pair *p = &n->pairs[idx[k]];
        _scalar(m, p->key);
        _node(m, p->value, NULL, depth + 1);
    }
    free(idx);
    yaml_mapping_end_event_initialize(&ev);
    _event(m, &ev);
}

static void _node(_emit *m, const yt_node *n, const char *const *order, int depth)
{
    yaml_event_t ev;
    if (n->kind == YT_SCALAR) {
        _scalar(m, n);
    } else if (n->kind == YT_MAPPING) {
        _mapping(m, n, order, depth);
    } else {
        yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                             _flow(n, depth) ? YAML_FLOW_SEQUENCE_STYLE
                                                      : YAML_BLOCK_SEQUENCE_STYLE);
        _event(m, &ev);
        for (size_t i = 0; i < n->nitems; i++)
            _node(m, n->items[i], NULL, depth + 1);
        yaml_sequence_end_event_initialize(&ev);
        _event(m, &ev);
    }
}

/* The root: top-level keys in order, each section's children by kind. */
static void _root(_emit *m, const yt_node *root)
{
    yaml_event_t ev;
    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
    _event(m, &ev);
    size_t *idx = _sorted(root, _top_order);
    if (!idx) {
        m->failed = 1;
        return;
    }
    for (size_t k = 0; k < root->npairs; k++) {
        const yt_pair *p = &root->pairs[idx[k]];
        _scalar(m, p->key);
        const yt_node *v = p->value;
        if (v->kind == YT_MAPPING && (!strcmp(p->key->text, "series") ||
                                      !strcmp(p->key->text, "drivers"))) {
            yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
            _event(m, &ev);
            const char *const *order = !strcmp(p->key->text, "series") ? _series_order
                                                                        : _driver_order;
            for (size_t i = 0; i < v->npairs; i++) {
                _scalar(m, v->pairs[i].key);
                const yt_node *c = v->pairs[i].value;
                if (c->kind == YT_MAPPING)
                    _mapping(m, c, order, 2);
                else
                    _node(m, c, NULL, 2);
            }
            yaml_mapping_end_event_initialize(&ev);
            _event(m, &ev);
        } else {
            _node(m, v, NULL, 1);
        }
    }
    free(idx);
    yaml_mapping_end_event_initialize(&ev);
    _event(m, &ev);
}

static int _write_handler(void *data, unsigned char *buf, size_t size)
{
    return fwrite(buf, 1, size, data) == size;
}

/* ---- comments ------------------------------------------------------------ */

typedef struct _comments {
    char *lead;              /* the comment lines before the first key */
    char **above;            /* [npairs]: comment lines above each top key */
    size_t npairs;
    size_t dropped;
} _comments;

static int _is_comment(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i < n && s[i] == '#';
}

/* A comment at the end of a line: '#' after a blank, outside quotes. */
static int _end_comment(const char *s, size_t n)
{
    int dq = 0, sq = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' && !sq && (i == 0 || s[i - 1] != '\\'))
            dq = !dq;
        else if (s[i] == '\'' && !dq)
            sq = !sq;
        else if (s[i] == '#' && !dq && !sq && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
            return 1;
    }
    return 0;
}

static int _is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

/* Append line s[0..n) and a newline to *block. */
static void _append(char **block, const char *s, size_t n)
{
    size_t have = *block ? strlen(*block) : 0;
    char *b = realloc(*block, have + n + 2);
    if (!b)
        return;
    memcpy(b + have, s, n);
    b[have + n] = '\n';
    b[have + n + 1] = '\0';
    *block = b;
}

/* Which top key starts at line `line` (col 1), or -1. */
static long _top_at(const yt_node *root, int line)
{
    for (size_t i = 0; i < root->npairs; i++)
        if (root->pairs[i].key->line == line && root->pairs[i].key->col == 1)
            return (long)i;
    return -1;
}

static void _collect(_comments *c, const yt_node *root, const char *text, size_t len)
{
    char *pending = NULL;
    int line = 1, seen_key = 0;
    for (size_t at = 0; at < len; line++) {
        size_t n = 0;
        while (at + n < len && text[at + n] != '\n')
            n++;
        const char *s = text + at;
        size_t m = n && s[n - 1] == '\r' ? n - 1 : n;
        long top = _top_at(root, line);
        if (top >= 0 && !seen_key) {           /* the file's leading block */
            if (pending)
                _append(&c->lead, pending, strlen(pending) - 1);
            free(pending);
            pending = NULL;
            seen_key = 1;
        } else if (top >= 0) {
            c->above[top] = pending;
            pending = NULL;
            seen_key = 1;
        } else if (_is_comment(s, m)) {
            if (s[0] == '#')
                _append(&pending, s, m);
            else
                c->dropped++;
        } else if (_is_blank(s, m)) {
            if (!seen_key && pending) {       /* the file's leading block */
                _append(&c->lead, pending, strlen(pending) - 1);
                free(pending);
                pending = NULL;
            }
        } else {
            if (pending) {                    /* above a line that is not a top key */
                for (const char *p = pending; *p; p++)
                    c->dropped += *p == '\n';
                free(pending);
                pending = NULL;
            }
            if (_end_comment(s, m))
                c->dropped++;
        }
        at += n + 1;
    }
    if (pending) {
        for (const char *p = pending; *p; p++)
            c->dropped += *p == '\n';
        free(pending);
    }
}

/* Put the kept comments in front of their keys in the emitted text. */
static void _merge(FILE *out, const char *emitted, const _comments *c, const yt_node *root)
{
    if (c->lead)
        fprintf(out, "%s\n", c->lead);
    const char *p = emitted;
    int first = 1;
    while (*p) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        for (size_t i = 0; i < root->npairs && p[0] != ' ' && p[0] != '-'; i++) {
            const yt_node *k = root->pairs[i].key;
            if (n <= k->len || strncmp(p, k->text, k->len) || p[k->len] != ':')
                continue;
            /* a blank line before each section (a key holding a collection) */
            if (!first && root->pairs[i].value->kind != YT_SCALAR)
                fputc('\n', out);
            if (c->above[i])
                fputs(c->above[i], out);
        }
        first = 0;
        fwrite(p, 1, n, out);
        fputc('\n', out);
        p += n + (end != NULL);
    }
}

int write_yaml(FILE *out, const yt_node *root, const char *text, size_t len,
               size_t *dropped)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&buf, &size);
    if (!mem)
        return EX_OSERR;
    _emit m = {0};
    yaml_emitter_initialize(&m.e);
    yaml_emitter_set_output(&m.e, _write_handler, mem);
    yaml_emitter_set_unicode(&m.e, 1);
    yaml_emitter_set_width(&m.e, -1);
    yaml_emitter_set_indent(&m.e, 2);
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    _event(&m, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    _event(&m, &ev);
    _root(&m, root);
    yaml_document_end_event_initialize(&ev, 1);
    _event(&m, &ev);
    yaml_stream_end_event_initialize(&ev);
    _event(&m, &ev);
    yaml_emitter_delete(&m.e);
    fclose(mem);
    _comments c = {.npairs = root->npairs};
    c.above = calloc(root->npairs ? root->npairs : 1, sizeof *c.above);
    int rc = m.failed ? EX_SOFTWARE : !c.above || !buf ? EX_OSERR : 0;
    if (!rc) {
        _collect(&c, root, text, len);
        _merge(out, buf, &c, root);
        *dropped = c.dropped;
        rc = ferror(out) ? EX_IOERR : 0;
    }
    for (size_t i = 0; c.above && i < root->npairs; i++)
        free(c.above[i]);
    free(c.above);
    free(c.lead);
    free(buf);
    return rc;
}
