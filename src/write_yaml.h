/*
 * write_yaml.h - a model file in canonical layout, for `capex fmt`: the
 * top-level keys in the documented order, each series' keys in a fixed
 * order (label, unit, values, sum_of, stated, source, then the rest as
 * written), small mappings and lists of plain figures on one line
 * ({2025: 91, 2026: 180}), everything else in block style, two-space
 * indents, UTF-8 kept as written. Scalars keep their text; a plain scalar
 * stays plain where YAML allows it.
 *
 * libyaml reports no comments, so they cannot all be kept: the comment
 * lines before the first key, and the comment lines directly above each
 * top-level key (moved with it), are kept; other comments are dropped and
 * counted.
 */
#ifndef CAPEX_WRITE_YAML_H
#define CAPEX_WRITE_YAML_H

#include <stdio.h>

#include "yaml_tree.h"

/**
 * Write the document root (parsed from text[0..len), the same file) to out
 * in canonical layout. *dropped counts the comment lines not kept.
 * Returns 0, EX_IOERR when writing fails, EX_SOFTWARE when libyaml's
 * emitter refuses the tree.
 */
int write_yaml(FILE *out, const yt_node *root, const char *text, size_t len,
               size_t *dropped);

#endif
