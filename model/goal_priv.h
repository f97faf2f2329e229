/*
 * goal_priv.h - private to the engine: what goal seek (compute_goals.c)
 * needs from compute.c. Not part of the public API.
 */
#ifndef CX_GOAL_PRIV_H
#define CX_GOAL_PRIV_H

#include <stddef.h>
#include "result.h"

/**
 * Recompute base's model under base's scenario with series' driver
 * replaced by driver: series, commitments and burn only (no checks,
 * discounting or goals; notes are kept in the variant). On success *out is
 * a new result (cx_result_free).
 */
cx_status cxi_compute_variant(const cx_result *base, size_t series,
                              const cx_driver *driver, cx_result **out);

#endif
