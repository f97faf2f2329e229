/*
 * session.c - read, compute, report (see session.h).
 */
#include "session.h"

#include <stdio.h>
#include <sysexits.h>

#include "diag.h"
#include "read_model.h"
#include "reader.h"

static int _compute_error(const cx_model *m, cx_status st, size_t failed,
                          const char *scenario)
{
    if (st == CX_ENOTFOUND && scenario) {
        return reader_unknown_scenario(m, scenario);
    }
    if (st == CX_ENOMEM)
        return diag_oom();
    if (failed != CX_NO_INDEX && failed < m->nseries) {
        const cx_series *se = &m->series[failed];
        int line = se->driver.line ? se->driver.line : se->line;
        int col = se->driver.line ? se->driver.col : se->col;
        diag_at(m->file, line, col, "cannot compute '%s': %s", se->name,
                cx_strerror(st));
    } else {
        diag_at(m->file, 0, 0, "cannot compute model '%s': %s", m->name,
                cx_strerror(st));
    }
    return EX_DATAERR;
}

int session_read(session *s, const char *path)
{
    s->model = NULL;
    s->result = NULL;
    return read_model(path, &s->model);
}

int session_compute(session *s, const char *scenario)
{
    size_t failed = CX_NO_INDEX;
    cx_status st = cx_compute(s->model, scenario, &s->result, &failed);
    if (st != CX_OK) {
        int rc = _compute_error(s->model, st, failed, scenario);
        session_release(s);
        return rc;
    }
    return 0;
}

int session_open(session *s, const char *path, const char *scenario)
{
    int rc = session_read(s, path);
    return rc ? rc : session_compute(s, scenario);
}

void session_print_notes(const session *s)
{
    const cx_result *r = s->result;
    for (size_t i = 0; i < r->nnotes; i++) {
        const cx_note *n = &r->notes[i];
        if (n->level == CX_NOTE_WARNING)
            diag_warn_at(s->model->file, n->line, n->col, "%s", n->text);
        else
            diag_note_at(s->model->file, n->line, n->col, "%s", n->text);
    }
}

void session_release(session *s)
{
    cx_result_free(s->result);
    cx_model_free(s->model);
    s->result = NULL;
    s->model = NULL;
}
