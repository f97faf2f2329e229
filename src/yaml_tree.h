/*
 * yaml_tree.h - a YAML document (libyaml events) as a small tree in which
 * every node knows where it was written.
 *
 * Scalars keep their text exactly as libyaml delivers it (no type
 * resolution: `yes`, `2024` and `~140` are all text) together with their
 * style, so readers decide what a scalar means where it is used. Mapping
 * keys keep their order and must be scalars; a key written twice in one
 * mapping is an error. Aliases are refused (no billion laughs); anchors
 * and tags are ignored. Nesting deeper than YT_MAX_DEPTH or more than
 * YT_MAX_NODES nodes is an error.
 */
#ifndef CAPEX_YAML_TREE_H
#define CAPEX_YAML_TREE_H

#include <stddef.h>

#define YT_MAX_DEPTH 64          /**< nested collections */
#define YT_MAX_NODES 2000000     /**< nodes in one document */

typedef enum yt_kind { YT_SCALAR = 0, YT_SEQUENCE, YT_MAPPING } yt_kind;

/** YT_QUOTED: single, double quoted, literal or folded, or explicitly
 *  tagged - text that is never null. */
typedef enum yt_style { YT_PLAIN = 0, YT_QUOTED } yt_style;

typedef struct yt_node yt_node;

typedef struct yt_pair {
    yt_node *key;                 /**< always a scalar */
    yt_node *value;
} yt_pair;

struct yt_node {
    yt_kind kind;
    yt_style style;               /**< scalars */
    int line, col;                /**< 1-based; columns count characters */
    char *text;                   /**< scalars: NUL-terminated */
    size_t len;                   /**< scalars: bytes (text may hold NULs) */
    yt_node **items;              /**< sequences */
    size_t nitems;
    yt_pair *pairs;               /**< mappings, in document order */
    size_t npairs;
    size_t cap;                   /**< private: allocated items / pairs */
};

typedef enum yt_status {
    YT_OK = 0,
    YT_ESYNTAX,                   /**< not YAML, or a duplicate key, an alias, ... */
    YT_ELIMIT,                    /**< too deep or too many nodes */
    YT_ENOMEM
} yt_status;

typedef struct yt_error {
    int line, col;                /**< 1-based, 0 when unknown */
    char message[200];            /**< lowercase, no trailing full stop */
    /* For a duplicate key, so callers can say what it means there
     * ("duplicate year 2024 in 'capex.google'"): the key, and the keys the
     * mapping holding it sits under ("" at the top or in a sequence). */
    int duplicate;
    int first_line, first_col;    /**< where the key was first written */
    char key[64], parent[128], grandparent[128];
} yt_error;

/**
 * Parse the UTF-8 text buf[0..len) (without a byte-order mark; buf must
 * be NUL-terminated at buf[len]). On YT_OK *root is the document's root
 * node, or NULL when the text holds no document; free it with
 * yt_free. Otherwise *root is NULL and err says what and where.
 */
yt_status yt_parse(const char *buf, size_t len, yt_node **root,
                          yt_error *err);

/** Free a tree returned by yt_parse. NULL is fine. */
void yt_free(yt_node *root);

/** The pair whose key is `key` in a mapping, NULL when absent (or when
 *  map is not a mapping). */
const yt_pair *yt_find(const yt_node *map, const char *key);

/** The value under `key`, NULL when absent. */
const yt_node *yt_get(const yt_node *map, const char *key);

/** Nonzero for a YAML null: a plain scalar that is empty, `~` or `null`. */
int yt_is_null(const yt_node *n);

/** What a node is, for messages: "a mapping", "a sequence", "nothing"
 *  (null) or "text". */
const char *yt_describe(const yt_node *n);

/**
 * The line and column in src[0..len) (the text given to yt_parse) of byte
 * off of scalar n's text: quotes, '' and backslash escapes taken into
 * account, so that an error inside a quoted string points at its
 * character. A block scalar, a text running over lines or src NULL give
 * n's own position (or the end of its first line).
 */
void yt_text_pos(const char *src, size_t len, const yt_node *n, size_t off,
                 int *line, int *col);

#endif
