/*
 * run_job.c - read, override, compute, write one model (run_job.h).
 */
#include "run_job.h"

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "scenario_set.h"
#include "sensitivity.h"
#include "xlsx.h"

static int _all(const char *scenario)
{
    return scenario && !strcmp(scenario, "all");
}

/* A computation of the extras failed: say which and where. */
static int _extra_error(const cx_model *m, cx_status st, const char *what,
                        size_t failed)
{
    if (st == CX_ENOMEM)
        return diag_oom();
    if (failed < m->nseries) {
        const cx_series *se = &m->series[failed];
        diag_at(m->file, se->line, se->col, "cannot compute %s: '%s': %s", what,
                se->name, cx_strerror(st));
    } else {
        diag_at(m->file, 0, 0, "cannot compute %s: %s", what, cx_strerror(st));
    }
    return EX_DATAERR;
}

static int _extras(run_job *j, const char *scenario)
{
    const cx_model *m = j->s.model;
    size_t failed = CX_NO_INDEX;
    if (_all(scenario)) {
        const char *which = "base";
        cx_status st = cx_scenario_set_compute(m, 0, &j->scenarios, &which, &failed);
        if (st != CX_OK) {
            char what[160];
            snprintf(what, sizeof what, "scenario '%s'", which);
            return _extra_error(m, st, what, failed);
        }
    }
    if (m->sensitivity) {
        cx_status st = cx_sensitivity_compute(j->s.result, m->sensitivity,
                                              &j->sensitivity, &failed);
        if (st != CX_OK)
            return _extra_error(m, st, "the sensitivity", failed);
    }
    return 0;
}

int run_job_compute(run_job *j, const run_spec *spec)
{
    memset(j, 0, sizeof *j);
    const char *scenario = _all(spec->scenario) ? NULL : spec->scenario;
    int rc = session_read(&j->s, spec->model);
    if (!rc && spec->noverrides) {
        if (_all(spec->scenario)) {
            const run_override *o = &spec->overrides[0];
            diag_at(o->file, o->line, o->col, "driver overrides need one scenario, "
                    "not 'all'");
            rc = EX_DATAERR;
        } else {
            rc = read_override(j->s.model, scenario, spec->overrides, spec->noverrides,
                               spec->name ? spec->name : "override", &scenario);
        }
    }
    if (!rc)
        rc = session_compute(&j->s, scenario);
    if (!rc)
        rc = _extras(j, spec->scenario);
    return rc;
}

run_extras run_job_extras(const run_job *j)
{
    run_extras x = {.scenarios = j->scenarios, .sensitivity = j->sensitivity};
    return x;
}

int run_job_write(const run_job *j, const char *path)
{
    run_extras x = run_job_extras(j);
    return xlsx_write_with(j->s.result, &x, path);
}

void run_job_release(run_job *j)
{
    cx_scenario_set_free(j->scenarios);
    cx_sensitivity_free(j->sensitivity);
    j->scenarios = NULL;
    j->sensitivity = NULL;
    session_release(&j->s);
}
