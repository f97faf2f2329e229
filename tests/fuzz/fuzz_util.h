/*
 * fuzz_util.h - what the libFuzzer harnesses share: a quiet stderr, a
 * private temporary folder, and writing the fuzzed bytes to a file there.
 */
#ifndef CAPEX_FUZZ_UTIL_H
#define CAPEX_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/**
 * Once, from LLVMFuzzerInitialize: point the C stream `stderr` at
 * /dev/null (fully buffered) so diag's messages are still formatted but
 * cost no system call each, and create a private folder in $TMPDIR (or
 * /dev/shm, or /tmp) that is removed at exit. libFuzzer's own output and
 * the sanitizers' reports write to file descriptor 2, which stays as it
 * was. Set CAPEX_FUZZ_VERBOSE=1 to keep diag's messages (to see why an
 * input is refused).
 */
void fuzz_init(void);

/** "<folder>/<name>": a static buffer, valid until the next call. */
const char *fuzz_path(const char *name);

/** Write data to fuzz_path(name), replacing it. Aborts on failure (the
 *  folder is ours: a failure is a harness bug, not a finding). */
void fuzz_write(const char *name, const uint8_t *data, size_t size);

/** Nonzero when data names a device or kernel file (/dev/, /proc/,
 *  /sys/): an `import` of /dev/tty would block the fuzzer, so such inputs
 *  are skipped. */
int fuzz_names_device(const uint8_t *data, size_t size);

/**
 * cx_compute the model under the base drivers and under every scenario,
 * freeing each result. Statuses the engine documents for bad data are
 * fine; with CAPEX_FUZZ_STRICT=1 in the environment, CX_EINVAL and
 * CX_ENOTFOUND (which a validated model should never produce) abort.
 */
void fuzz_compute_all(const cx_model *m);

#endif
