/*
 * extras.h - what a run may compute beyond the one result: every scenario
 * side by side, sensitivities, Monte Carlo. The writers (workbook, JSON,
 * CSV, table) lay out whichever are present.
 */
#ifndef CAPEX_EXTRAS_H
#define CAPEX_EXTRAS_H

struct cx_scenario_set;
struct cx_sensitivity;
struct cx_mc_result;

typedef struct run_extras {
    const struct cx_scenario_set *scenarios;  /**< --scenario all, or NULL */
    const struct cx_sensitivity *sensitivity; /**< or NULL */
    const struct cx_mc_result *mc;            /**< capex mc, or NULL */
} run_extras;

#endif
