/*
 * read_override.c - manifest cells as driver overrides (read_override.h).
 *
 * A cell is parsed as YAML on its own; its nodes' positions are then set
 * to the cell's (line, field number), so that the driver reader's
 * messages point into the manifest.
 */
#include "read_override.h"

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "read_model_priv.h"

/* Every node of a tree parsed from one cell is reported at the cell. */
static void _place(yt_node *n, int line, int col)
{
    if (!n)
        return;
    n->line = line;
    n->col = col;
    for (size_t i = 0; i < n->nitems; i++)
        _place(n->items[i], line, col);
    for (size_t i = 0; i < n->npairs; i++) {
        _place(n->pairs[i].key, line, col);
        _place(n->pairs[i].value, line, col);
    }
}

static int _one(cx_model *m, cx_scenario *sc, const run_override *ov)
{
    yt_node *root = NULL;
    yt_error err;
    if (yt_parse(ov->text, strlen(ov->text), &root, &err) != YT_OK) {
        diag_at(ov->file, ov->line, ov->col,
                "invalid driver for '%s': %s (expected a YAML flow mapping like "
                "{rate: 30%%})", ov->series, err.message);
        return EX_DATAERR;
    }
    _place(root, ov->line, ov->col);
    yt_node key = {.kind = YT_SCALAR, .line = ov->line, .col = ov->col,
                   .text = (char *)ov->series, .len = strlen(ov->series)};
    rm_reader r = {.file = ov->file, .m = m, .root = root, .names = NULL};
    size_t s = cx_model_find_series(m, ov->series);
    int dep = s != CX_NO_INDEX && m->series[s].kind == CX_S_DEPRECIATION
              && m->series[s].dep_part == CX_DEP_EXPENSE;
    int rc = root && dep ? rm_scenario_dep_entry(&r, sc, &key, root)
           : root ? rm_override(&r, sc, &key, root)
                  : reader_error(ov->file, ov->line, ov->col, "empty driver for '%s' "
                                 "(expected a YAML flow mapping like {rate: 30%%})",
                                 ov->series);
    yt_free(root);
    return rc;
}

/* A scenario name not yet in m: name, else name.2, name.3, ... */
static int _add(cx_model *m, const char *name, cx_scenario **sc)
{
    char buf[READER_MAX_NAME + 16];
    snprintf(buf, sizeof buf, "%s", name);
    for (int i = 2; cx_model_find_scenario(m, buf) != CX_NO_INDEX; i++)
        snprintf(buf, sizeof buf, "%s.%d", name, i);
    cx_status st = cx_model_add_scenario(m, buf, sc);
    return st == CX_OK ? 0 : rm_engine(st);
}

static int _copy(cx_scenario *to, const cx_scenario *from)
{
    for (size_t i = 0; i < from->noverrides; i++) {
        cx_status st = cx_scenario_add_override(to, from->overrides[i].series,
                                                &from->overrides[i].driver);
        if (st != CX_OK)
            return rm_engine(st);
    }
    for (size_t i = 0; i < from->ndep_overrides; i++) {
        cx_status st = cx_scenario_add_dep_override(to, from->dep_overrides[i].dep,
                                                    &from->dep_overrides[i].rule);
        if (st != CX_OK)
            return rm_engine(st);
    }
    return 0;
}

int read_override(cx_model *m, const char *from, const run_override *ov,
                  size_t n, const char *name, const char **scenario)
{
    size_t fi = CX_NO_INDEX;
    if (from && strcmp(from, "base")) {
        fi = cx_model_find_scenario(m, from);
        if (fi == CX_NO_INDEX)
            return reader_unknown_scenario(m, from);
    }
    cx_scenario *sc;
    int rc = _add(m, name, &sc);
    size_t si = m->nscenarios - 1;
    if (!rc && fi != CX_NO_INDEX)
        rc = _copy(&m->scenarios[si], &m->scenarios[fi]);
    for (size_t i = 0; i < n && !rc; i++)
        rc = _one(m, &m->scenarios[si], &ov[i]);
    if (!rc)
        *scenario = m->scenarios[si].name;
    return rc;
}
