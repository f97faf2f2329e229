/*
 * fuzz_csv.c - libFuzzer harness for the CSV importer: a small model file
 * that imports data.csv (the fuzzed bytes) beside one YAML series, read
 * with read_model() and computed like fuzz_model.c.
 */
#include <stdint.h>
#include <stddef.h>

#include "fuzz_util.h"
#include "read_model.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char _model[] =
    "model: fuzz-csv\n"
    "unit: B\n"
    "years: 2020..2030\n"
    "import: data.csv\n"
    "series:\n"
    "  capex.yaml:\n"
    "    values: {2023: 10, 2024: ~12}\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    fuzz_write("model.yaml", (const uint8_t *)_model, sizeof _model - 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("data.csv", data, size);
    cx_model *m = NULL;
    if (read_model(fuzz_path("model.yaml"), &m) == 0) {
        fuzz_compute_all(m);
        cx_model_free(m);
    }
    return 0;
}
