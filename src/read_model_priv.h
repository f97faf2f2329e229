/*
 * read_model_priv.h - private to the model-file reader: what the
 * read_model*.c files share. Nothing else includes it.
 *
 *   read_model.c          read_model(): file, tree, top-level keys, order
 *   read_model_nodes.c    one node at a time: shapes, keys, texts, years,
 *                         series names, figures
 *   read_model_series.c   'series' and 'import' (three passes)
 *   read_model_drivers.c  'drivers' and 'scenarios'
 *   read_model_extras.c   'constants' and 'commitments'
 *   read_model_checks.c   'burn' and 'checks'
 *   read_model_names.c    series by name in constant time
 *
 * Every function returns 0 or an exit code, having printed
 * "FILE:LINE:COL: message" pointing at the offending node: a key for key
 * problems, a value for value problems, the mapping for a missing key.
 * `what` / `where` arguments finish a message: "for 'title'",
 * "in series 'capex.google'".
 */
#ifndef CAPEX_READ_MODEL_PRIV_H
#define CAPEX_READ_MODEL_PRIV_H

#include <stddef.h>

#include "model.h"
#include "parse_value.h"
#include "reader.h"
#include "diag.h"
#include "yaml_tree.h"

/** The model's series by name (read_model_names.c), so that finding one
 *  costs the same with ten series or ten thousand. */
typedef struct rm_names {
    size_t *slot;              /**< [cap] series indices, CX_NO_INDEX = empty */
    size_t cap;                /**< a power of two; 0 before the first lookup */
    size_t count;              /**< m->series[0..count) are in the table */
} rm_names;

typedef struct rm_reader {
    const char *file;          /**< the path as given */
    cx_model *m;               /**< NULL until 'years' is read */
    const yt_node *root;
    rm_names *names;           /**< NULL: cx_model_find_series */
    const char *src;           /**< the text parsed (positions inside
                                    formulas), NULL when not at hand */
    size_t srclen;
} rm_reader;

/** Print "FILE:LINE:COL: message" at node n; returns EX_DATAERR. */
#define RM_ERR(r, n, ...) reader_error((r)->file, (n)->line, (n)->col, __VA_ARGS__)

/** A driver from outside the model file (a batch manifest's cell): map
 *  drives the series named by key, on top of sc's override of it or its
 *  base driver; added to sc (read_model_drivers.c). Positions are the
 *  nodes' own, reported against r->file. */
int rm_override(const rm_reader *r, cx_scenario *sc, const yt_node *key,
                const yt_node *map);

/** Index of the series called name in r->m (as cx_model_find_series,
 *  in constant time), CX_NO_INDEX when there is none. */
size_t rm_find_series(const rm_reader *r, const char *name);

/** Free the table of an rm_names (the struct itself is the caller's). */
void rm_names_release(rm_names *names);

/* ---- messages (read_model_nodes.c) ----------------------------------- */

/** An engine status that validated input should never produce: prints it
 *  and returns EX_SOFTWARE (EX_OSERR for CX_ENOMEM). */
int rm_engine(cx_status st);

/** How n reads in "got ...": "'text'", "a mapping", "a sequence", "nothing". */
reader_text rm_got(const yt_node *n);

/** A scalar's text made safe to quote. */
reader_text rm_show(const yt_node *n);

/** The key list of a message: "'a', 'b' or 'c'" (last: "or", "and"). */
void rm_list(const char *const *keys, const char *last, char *buf, size_t size);

/** The `import:` entries (a file name, a mapping, or a sequence of them):
 *  their series into r->m (read_model_import.c). */
int rm_imports(const rm_reader *r, const yt_node *n);

/** `periods:` and `fiscal_year_end:` at the top of the model (before the
 *  model exists): a monthly or quarterly calendar into *cal with *annual
 *  0; or *annual 1 with only cal->fy_end set (`years:` gives the rest).
 *  read_model_periods.c. */
int rm_calendar(const rm_reader *r, const yt_node *root, cx_calendar *cal, int *annual);

/* ---- shapes and keys (read_model_nodes.c) ---------------------------- */

/** n must be of kind k (a scalar must not be null). */
int rm_want(const rm_reader *r, const yt_node *n, yt_kind k, const char *what);

/** Every key of map must be one of keys (NULL-terminated). */
int rm_known_keys(const rm_reader *r, const yt_node *map, const char *const *keys,
                  const char *where);

/** map must hold key. */
int rm_need(const rm_reader *r, const yt_node *map, const char *key,
            const char *where);

/** Call fn on each pair of the mapping n (what: "for 'constants'"),
 *  stopping at the first error. */
int rm_each_pair(const rm_reader *r, const yt_node *n, const char *what,
                 int (*fn)(const rm_reader *, const yt_node *key, const yt_node *def));

/** Call fn on each item of the sequence n (what: "of checks for
 *  'checks'"), stopping at the first error. */
int rm_each_item(const rm_reader *r, const yt_node *n, const char *what,
                 int (*fn)(const rm_reader *, const yt_node *def));

/* ---- values (read_model_nodes.c) ------------------------------------- */

/** A text value copied into the model. */
int rm_text(const rm_reader *r, const yt_node *n, const char *what,
            const char **out);

/** The text under key in map, read as rm_text (what: "for 'key'") into
 *  *out; nothing when map has no such key. */
int rm_opt_text(const rm_reader *r, const yt_node *map, const char *key,
                const char **out);

/** A year inside the model's years. */
int rm_year(const rm_reader *r, const yt_node *n, const char *what, int *year);

/** A period of the model (read_model_period_keys.c): in an annual model a
 *  year (rm_year); else a key of the model's frequency, or a fiscal year
 *  (its first period, or its last when at_end). *number is the period's
 *  number (cx_period_number). */
int rm_period(const rm_reader *r, const yt_node *n, const char *what, int at_end,
              int *number);

/** In a monthly or quarterly model: year y (parsed from n) must be a fiscal
 *  year some period falls in. */
int rm_fiscal_year(const rm_reader *r, const yt_node *n, const char *what, long y,
                   int *year);

/** One amount of a commitment's `schedule:` keyed by period k in a monthly
 *  or quarterly model (a year's amount spread evenly over its periods). */
int rm_period_schedule(const rm_reader *r, const yt_node *k, const char *name,
                       cx_value *schedule,
                       int (*figure)(const rm_reader *, const yt_node *, cx_value *, void *),
                       void *ctx);

/** `kind:` (flow or balance) and `spread:` (even or last; only with
 *  periods) of a series' definition def. */
int rm_flow(const rm_reader *r, const yt_node *def, cx_series *s);

/** One figure of series si keyed by period k in a monthly or quarterly
 *  model: figure() reads the value of the pair whose key is k; a year key
 *  is spread as the series' `spread:` says (an error without it). */
int rm_period_figure(const rm_reader *r, const yt_node *k, size_t si,
                     int (*figure)(const rm_reader *, const yt_node *, cx_value *, void *),
                     void *ctx);

/** A number of years, min to CX_MAX_YEARS, for 'key'. */
int rm_count_of_years(const rm_reader *r, const yt_node *n, const char *key,
                      long min, int *out);

/** A series named by n; *index is its index in the model. */
int rm_series_ref(const rm_reader *r, const yt_node *n, const char *what,
                  size_t *index);

/** A unit as written for 'unit' ("money", "%", "x" or a word). */
int rm_unit(const rm_reader *r, const yt_node *n, cx_unit *unit,
            const char **unit_text);

/* ---- figures (read_model_nodes.c) ------------------------------------ */

typedef struct rm_fig {
    pv_rules rules;
    const char *unit;          /**< for messages: "money", "%", ... */
    int level;                 /**< `%` allowed but not a rate (a fit's
                                    saturation, a correlation): above 100%
                                    without `%` is no misreading (no warning) */
} rm_fig;

/** The rules and message unit of figures in unit (unit_text for CX_U_OTHER). */
rm_fig rm_fig_for(const cx_model *m, cx_unit unit, const char *unit_text);

/** A figure (what: "for year 2025"); sets its text and position. */
int rm_figure(const rm_reader *r, const yt_node *n, const rm_fig *f,
              const char *what, cx_value *out);

/** A single figure (no range, no floor): rates, tolerances. */
int rm_single(const rm_reader *r, const yt_node *n, const rm_fig *f,
              const char *what, double *out);

/* ---- sections -------------------------------------------------------- */

/** 'series' and 'import' (read_model_series.c). */
int rm_series(const rm_reader *r);

/** 'drivers' and 'scenarios' (read_model_drivers.c). */
int rm_drivers(const rm_reader *r, const yt_node *n);
int rm_scenarios(const rm_reader *r, const yt_node *n);

/** 'constants' and 'commitments' (read_model_extras.c). */
int rm_constants(const rm_reader *r, const yt_node *n);
int rm_commitments(const rm_reader *r, const yt_node *n);

/** 'burn' and 'checks' (read_model_checks.c). */
int rm_burn(const rm_reader *r, const yt_node *n);
int rm_checks(const rm_reader *r, const yt_node *n);

/** Every `formula:` of 'series', compiled once constants are read
 *  (read_model_formula.c). */
int rm_formulas(const rm_reader *r, const yt_node *n);

/** 'depreciation', and a scenario's 'depreciation' (read_model_depreciation.c). */
int rm_depreciation(const rm_reader *r, const yt_node *n);
int rm_scenario_depreciation(const rm_reader *r, const yt_node *n, cx_scenario *sc);
/** One entry of a scenario's 'depreciation' (or a manifest cell under the
 *  entry's name): key names the entry, def its rule's keys. */
int rm_scenario_dep_entry(const rm_reader *r, cx_scenario *sc, const yt_node *key,
                          const yt_node *def);

/** 'discount' (read_model_discount.c). */
int rm_discount(const rm_reader *r, const yt_node *n);

/** 'goals' (read_model_goals.c). */
int rm_goals(const rm_reader *r, const yt_node *n);

/** 'sensitivity' (read_model_sensitivity.c). */
int rm_sensitivity(const rm_reader *r, const yt_node *n);

/** 'uncertainty' (read_model_uncertainty.c). */
int rm_uncertainty(const rm_reader *r, const yt_node *n);

#endif
