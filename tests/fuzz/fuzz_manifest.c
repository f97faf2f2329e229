/*
 * fuzz_manifest.c - libFuzzer harness for the batch manifest: the fuzzed
 * bytes are runs.csv beside a small model (m.yaml, with a scenario);
 * batch_plan_manifest() reads it, batch_plan_check_names() checks it, and
 * the first runs are computed as a batch worker would, driver overrides
 * (YAML in CSV cells) included, without writing a workbook.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "batch_plan.h"
#include "fuzz_util.h"
#include "run_job.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char _model[] =
    "model: fuzz-manifest\n"
    "unit: B\n"
    "years: 2022..2030\n"
    "series:\n"
    "  revenue.x: {2023: 10, 2024: ~12}\n"
    "  costs.x: {2023: 20, 2024: 22}\n"
    "drivers:\n"
    "  revenue.x: {method: fade, from: 60%, to: 10%, over: 4}\n"
    "  costs.x: {method: growth, rate: 5%}\n"
    "scenarios:\n"
    "  bear:\n"
    "    drivers:\n"
    "      revenue.x: {to: 0%}\n"
    "burn: {revenue: revenue.x, costs: costs.x}\n";

#define RUNS 4      /* runs computed per input: enough to mix rows */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    fuzz_write("m.yaml", (const uint8_t *)_model, sizeof _model - 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_names_device(data, size))
        return 0;
    fuzz_write("runs.csv", data, size);
    batch_plan p = {0};
    if (batch_plan_manifest(&p, fuzz_path("runs.csv")) == 0 &&
        batch_plan_check_names(&p) == 0) {
        batch_plan_identify(&p);
        for (size_t i = 0; i < p.n && i < RUNS; i++) {
            const batch_run *r = &p.runs[i];
            run_spec spec = {.model = r->model, .scenario = r->scenario,
                             .overrides = r->overrides, .noverrides = r->noverrides,
                             .name = r->name};
            run_job j;
            run_job_compute(&j, &spec);
            run_job_release(&j);
        }
    }
    batch_plan_release(&p);
    return 0;
}
