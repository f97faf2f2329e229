/*
 * run_job.h - one run of a model: read it, apply a manifest row's driver
 * overrides, compute it under a scenario (`all`: every scenario side by
 * side), and its sensitivity when the model has one; then write its
 * workbook. `capex run` does one; `capex batch` one per worker process.
 *
 *     run_job j;
 *     int rc = run_job_compute(&j, &spec);
 *     if (!rc) rc = run_job_write(&j, "out.xlsx");
 *     run_job_release(&j);
 */
#ifndef CAPEX_RUN_JOB_H
#define CAPEX_RUN_JOB_H

#include "extras.h"
#include "read_override.h"
#include "session.h"

struct cx_scenario_set;
struct cx_sensitivity;

typedef struct run_spec {
    const char *model;             /**< model file path */
    const char *scenario;          /**< NULL or "base", a scenario, or "all" */
    const run_override *overrides; /**< on top of the scenario (not "all") */
    size_t noverrides;
    const char *name;              /**< names the overridden scenario */
} run_spec;

typedef struct run_job {
    session s;
    struct cx_scenario_set *scenarios;   /**< owned; --scenario all */
    struct cx_sensitivity *sensitivity;  /**< owned; the model's sensitivity */
} run_job;

/** Read and compute. Returns 0, or a sysexits code after the message
 *  (FILE:LINE:COL where known). run_job_release is safe either way. */
int run_job_compute(run_job *j, const run_spec *spec);

/** The extras to hand to the writers. */
run_extras run_job_extras(const run_job *j);

/** Write the workbook atomically (xlsx_write_with). */
int run_job_write(const run_job *j, const char *path);

void run_job_release(run_job *j);

#endif
