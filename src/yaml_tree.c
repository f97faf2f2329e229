/*
 * yaml_tree.c - libyaml events into a positioned tree (see yaml_tree.h).
 */
#include "yaml_tree.h"
#include "reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct _builder {
    yt_node *root;
    yt_node *stack[YT_MAX_DEPTH];  /* open collections, bounded by the limit */
    size_t depth;
    size_t nodes;
    int documents;
    yt_error *err;
} _builder;

static yt_status _fail(_builder *b, yt_status st, int line, int col,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static yt_status _fail(_builder *b, yt_status st, int line, int col,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->err->message, sizeof b->err->message, fmt, ap);
    va_end(ap);
    b->err->line = line;
    b->err->col = col;
    return st;
}

static yt_status _nomem(_builder *b)
{
    return _fail(b, YT_ENOMEM, 0, 0, "out of memory");
}

void yt_free(yt_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nitems; i++)
        yt_free(n->items[i]);
    for (size_t i = 0; i < n->npairs; i++) {
        yt_free(n->pairs[i].key);
        yt_free(n->pairs[i].value);
    }
    free(n->items);
    free(n->pairs);
    free(n->text);
    free(n);
}

static yt_node *_node_new(yt_kind kind, const yaml_mark_t *mark)
{
    yt_node *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->kind = kind;
    n->line = (int)mark->line + 1;
    n->col = (int)mark->column + 1;
    return n;
}

static int _grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 8;
    void *q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* A short form of a key for messages: at most 60 bytes, whole characters. */
static void _short(const yt_node *k, char *buf, size_t size)
{
    size_t n = k->len < size - 4 ? k->len : size - 4;
    while (n < k->len && n > 0 && ((unsigned char)k->text[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, k->text, n);
    strcpy(buf + n, n < k->len ? "..." : "");
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
            buf[i] = '?';
}

/* Attach n to the open collection (or make it the root). On failure the
 * caller still owns n. */
static yt_status _attach(_builder *b, yt_node *n)
{
    if (b->depth == 0) {
        b->root = n;
        return YT_OK;
    }
    yt_node *p = b->stack[b->depth - 1];
    if (p->kind == YT_SEQUENCE) {
        if (_grow((void **)&p->items, &p->cap, p->nitems + 1, sizeof *p->items))
            return _nomem(b);
        p->items[p->nitems++] = n;
        return YT_OK;
    }
    if (p->npairs > 0 && !p->pairs[p->npairs - 1].value) {
        p->pairs[p->npairs - 1].value = n;
        return YT_OK;
    }
    if (n->kind != YT_SCALAR)
        return _fail(b, YT_ESYNTAX, n->line, n->col,
                     "expected a plain key (a %s cannot be a key)",
                     n->kind == YT_MAPPING ? "mapping" : "sequence");
    if (_grow((void **)&p->pairs, &p->cap, p->npairs + 1, sizeof *p->pairs))
        return _nomem(b);
    p->pairs[p->npairs].key = n;
    p->pairs[p->npairs].value = NULL;
    p->npairs++;
    return YT_OK;
}

static yt_status _add(_builder *b, yt_node *n)
{
    if (++b->nodes > YT_MAX_NODES) {
        yt_status st = _fail(b, YT_ELIMIT, n->line, n->col,
                             "too many nodes (at most %d)", YT_MAX_NODES);
        yt_free(n);
        return st;
    }
    yt_status st = _attach(b, n);
    if (st != YT_OK)
        yt_free(n);
    return st;
}

static yt_status _scalar(_builder *b, const yaml_event_t *ev)
{
    yt_node *n = _node_new(YT_SCALAR, &ev->start_mark);
    if (!n)
        return _nomem(b);
    n->len = ev->data.scalar.length;
    n->text = malloc(n->len + 1);
    if (!n->text) {
        free(n);
        return _nomem(b);
    }
    memcpy(n->text, ev->data.scalar.value, n->len);
    n->text[n->len] = '\0';
    n->style = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
               && !ev->data.scalar.tag ? YT_PLAIN : YT_QUOTED;
    return _add(b, n);
}

static yt_status _open(_builder *b, yt_kind kind, const yaml_mark_t *mark)
{
    yt_node *n = _node_new(kind, mark);
    if (!n)
        return _nomem(b);
    if (b->depth == YT_MAX_DEPTH) {
        yt_status st = _fail(b, YT_ELIMIT, n->line, n->col,
                             "nesting too deep (at most %d levels)", YT_MAX_DEPTH);
        free(n);
        return st;
    }
    yt_status st = _add(b, n);
    if (st == YT_OK)
        b->stack[b->depth++] = n;
    return st;
}

static int _cmp_pair(const void *a, const void *b)
{
    const yt_pair *x = *(const yt_pair *const *)a, *y = *(const yt_pair *const *)b;
    size_t n = x->key->len < y->key->len ? x->key->len : y->key->len;
    int c = memcmp(x->key->text, y->key->text, n);
    if (c)
        return c;
    if (x->key->len != y->key->len)
        return x->key->len < y->key->len ? -1 : 1;
    return x < y ? -1 : x > y;   /* document order among equals */
}

/* The key that level (an index into the stack) sits under, "" if none. */
static void _key_above(const _builder *b, size_t level, char *buf, size_t size)
{
    buf[0] = '\0';
    if (level == 0 || level > b->depth)
        return;
    const yt_node *p = b->stack[level - 1];
    if (p->kind == YT_MAPPING && p->npairs > 0)
        _short(p->pairs[p->npairs - 1].key, buf, size);
}

/* The first key (in document order) that repeats an earlier one. map is
 * the collection just closed, at stack level b->depth. */
static yt_status _check_duplicates(_builder *b, const yt_node *map)
{
    if (map->npairs < 2)
        return YT_OK;
    const yt_pair **v = malloc(map->npairs * sizeof *v);
    if (!v)
        return _nomem(b);
    for (size_t i = 0; i < map->npairs; i++)
        v[i] = &map->pairs[i];
    qsort(v, map->npairs, sizeof *v, _cmp_pair);
    const yt_pair *dup = NULL, *first = NULL;
    for (size_t i = 1; i < map->npairs; i++) {
        const yt_node *k = v[i]->key, *prev = v[i - 1]->key;
        if (k->len == prev->len && !memcmp(k->text, prev->text, k->len)
            && (!dup || v[i] < dup))
            dup = v[i];
    }
    yt_status st = YT_OK;
    if (dup) {
        for (size_t i = 0; !first; i++)
            if (map->pairs[i].key->len == dup->key->len
                && !memcmp(map->pairs[i].key->text, dup->key->text, dup->key->len))
                first = &map->pairs[i];
        yt_error *e = b->err;
        _short(dup->key, e->key, sizeof e->key);
        _key_above(b, b->depth, e->parent, sizeof e->parent);
        _key_above(b, b->depth - (b->depth > 0), e->grandparent, sizeof e->grandparent);
        e->duplicate = 1;
        e->first_line = first->key->line;
        e->first_col = first->key->col;
        st = _fail(b, YT_ESYNTAX, dup->key->line, dup->key->col,
                   "duplicate key '%s' (first at %d:%d)", e->key,
                   first->key->line, first->key->col);
    }
    free(v);
    return st;
}

static yt_status _close(_builder *b)
{
    yt_node *n = b->stack[--b->depth];
    return n->kind == YT_MAPPING ? _check_duplicates(b, n) : YT_OK;
}

static yt_status _event(_builder *b, const yaml_event_t *ev)
{
    int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents > 1)
            return _fail(b, YT_ESYNTAX, line, col,
                         "expected a single document (found a second one)");
        return YT_OK;
    case YAML_ALIAS_EVENT:
        return _fail(b, YT_ESYNTAX, line, col,
                     "aliases ('*') are not supported (write the value out)");
    case YAML_SCALAR_EVENT:
        return _scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT:
        return _open(b, YT_SEQUENCE, &ev->start_mark);
    case YAML_MAPPING_START_EVENT:
        return _open(b, YT_MAPPING, &ev->start_mark);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return _close(b);
    default:
        return YT_OK;
    }
}

/* The byte of buf[0..len) at a libyaml mark, whose index counts
 * characters (a CR LF as two), not bytes; NUL past the end. */
static char _char_at(const char *buf, size_t len, const yaml_mark_t *mark)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)buf[i] & 0xC0) == 0x80)
            continue;
        if (chars++ == mark->index)
            return buf[i];
    }
    return '\0';
}

/* libyaml's messages for the mistakes people make most, said plainly. */
static yt_status _scanner_error(_builder *b, const yaml_parser_t *p,
                                const char *buf, size_t len)
{
    const char *problem = p->problem ? p->problem : "invalid YAML";
    const char *context = p->context ? p->context : "";
    int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
    int cline = (int)p->context_mark.line + 1, ccol = (int)p->context_mark.column + 1;
    if (!strcmp(problem, "found character that cannot start any token")
        && _char_at(buf, len, &p->problem_mark) == '\t')
        return _fail(b, YT_ESYNTAX, line, col,
                     "found a tab (YAML indents with spaces, not tabs)");
    if (!strcmp(problem, "found unexpected end of stream")
        && !strcmp(context, "while scanning a quoted scalar"))
        return _fail(b, YT_ESYNTAX, cline, ccol,
                     "unterminated quoted text (a closing %s is missing)",
                     _char_at(buf, len, &p->context_mark) == '\'' ? "\"'\"" : "'\"'");
    if (!strcmp(problem, "mapping values are not allowed in this context"))
        return _fail(b, YT_ESYNTAX, line, col, "unexpected ': ' inside a value (quote "
                     "text that holds ': ', or put a nested key on a line of its own)");
    if (p->context)
        return _fail(b, YT_ESYNTAX, line, col, "%s (%s at %d:%d)", problem, context,
                     cline, ccol);
    return _fail(b, YT_ESYNTAX, line, col, "%s", problem);
}

static yt_status _parser_error(_builder *b, const yaml_parser_t *p,
                               const char *buf, size_t len)
{
    if (p->error == YAML_MEMORY_ERROR)
        return _nomem(b);
    if (p->error == YAML_READER_ERROR) {
        int line, col;
        reader_position(buf, p->problem_offset < len ? p->problem_offset : len,
                        &line, &col);
        if (p->problem && !strcmp(p->problem, "control characters are not allowed"))
            return _fail(b, YT_ESYNTAX, line, col, "control character U+%04X is not "
                         "allowed (model files are text)", (unsigned)p->problem_value);
        return _fail(b, YT_ESYNTAX, line, col, "%s",
                     p->problem ? p->problem : "invalid YAML");
    }
    return _scanner_error(b, p, buf, len);
}

yt_status yt_parse(const char *buf, size_t len, yt_node **root,
                          yt_error *err)
{
    _builder b = {.err = err};
    memset(err, 0, sizeof *err);
    *root = NULL;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return _nomem(&b);
    yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    yt_status st = YT_OK;
    for (int done = 0; !done && st == YT_OK;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            st = _parser_error(&b, &p, buf, len);
            break;
        }
        st = _event(&b, &ev);
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    if (st != YT_OK) {
        yt_free(b.root);
        return st;
    }
    *root = b.root;
    return YT_OK;
}

const yt_pair *yt_find(const yt_node *map, const char *key)
{
    if (!map || map->kind != YT_MAPPING)
        return NULL;
    size_t n = strlen(key);
    for (size_t i = 0; i < map->npairs; i++) {
        const yt_node *k = map->pairs[i].key;
        if (k->len == n && !memcmp(k->text, key, n))
            return &map->pairs[i];
    }
    return NULL;
}

const yt_node *yt_get(const yt_node *map, const char *key)
{
    const yt_pair *p = yt_find(map, key);
    return p ? p->value : NULL;
}

int yt_is_null(const yt_node *n)
{
    if (!n || n->kind != YT_SCALAR || n->style != YT_PLAIN)
        return 0;
    return n->len == 0 || !strcmp(n->text, "~") || !strcmp(n->text, "null")
           || !strcmp(n->text, "Null") || !strcmp(n->text, "NULL");
}

const char *yt_describe(const yt_node *n)
{
    if (!n || yt_is_null(n))
        return "nothing";
    if (n->kind == YT_MAPPING)
        return "a mapping";
    if (n->kind == YT_SEQUENCE)
        return "a sequence";
    return "text";
}

/* ---- positions inside a scalar ---------------------------------------- */

/* Byte offset in src of 1-based line, character column col. */
static size_t _locate(const char *src, size_t len, int line, int col)
{
    size_t i = 0;
    for (int l = 1; l < line && i < len; i++)
        if (src[i] == '\n')
            l++;
    for (int c = 1; c < col && i < len && src[i] != '\n'; c++)
        do
            i++;
        while (i < len && ((unsigned char)src[i] & 0xC0) == 0x80);
    return i;
}

/* Bytes a double-quoted escape at s[0] == '\\' takes in the source and
 * gives in the text. */
static void _escape(const char *s, size_t avail, size_t *src, size_t *text)
{
    int hex = avail > 1 ? (s[1] == 'x' ? 2 : s[1] == 'u' ? 4 : s[1] == 'U' ? 8 : 0) : 0;
    *src = hex ? 2 + (size_t)hex : 2;
    *text = 1;
    if (hex > 2) {
        char digits[9] = {0};
        for (int k = 0; k < hex && 2 + (size_t)k < avail; k++)
            digits[k] = s[2 + k];
        unsigned long cp = strtoul(digits, NULL, 16);
        *text = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    if (*src > avail)
        *src = avail;
}

void yt_text_pos(const char *src, size_t len, const yt_node *n, size_t off,
                 int *line, int *col)
{
    *line = n->line;
    *col = n->col;
    if (!src || n->kind != YT_SCALAR)
        return;
    size_t i = _locate(src, len, n->line, n->col), done = 0;
    char quote = i < len && (src[i] == '\'' || src[i] == '"') ? src[i] : 0;
    if (n->style == YT_QUOTED && !quote)
        return;                         /* block scalars: the node itself */
    if (quote) {
        i++;
        (*col)++;
    }
    while (done < off && i < len && src[i] != '\n') {
        size_t s = 1, t = 1, chars = 1;
        if (quote == '\'' && src[i] == '\'' && i + 1 < len && src[i + 1] == '\'')
            s = chars = 2;
        else if (quote == '"' && src[i] == '\\')
            _escape(src + i, len - i, &s, &t), chars = s;
        else
            while (i + s < len && ((unsigned char)src[i + s] & 0xC0) == 0x80)
                s++, t++;
        i += s;
        done += t;
        *col += (int)chars;
    }
}
