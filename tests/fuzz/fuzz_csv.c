/*
 * fuzz_csv.c - libFuzzer harness for the CSV importer: a small model file
 * that imports data.csv (the fuzzed bytes) beside one YAML series, read
 * with read_model() and computed like fuzz_model.c; then monthly models
 * importing the same file in the wide and the long layout, whose keys are
 * periods.
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

static const char _wide[] =
    "model: fuzz-csv-monthly\n"
    "periods: 2024-01..2025-12\n"
    "import: data.csv\n";

static const char _long[] =
    "model: fuzz-csv-long\n"
    "periods: 2024Q1..2025Q4\n"
    "fiscal_year_end: 6\n"
    "import: {file: data.csv, layout: long}\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    fuzz_write("model.yaml", (const uint8_t *)_model, sizeof _model - 1);
    fuzz_write("wide.yaml", (const uint8_t *)_wide, sizeof _wide - 1);
    fuzz_write("long.yaml", (const uint8_t *)_long, sizeof _long - 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const models[] = {"model.yaml", "wide.yaml", "long.yaml"};
    fuzz_write("data.csv", data, size);
    for (size_t i = 0; i < sizeof models / sizeof *models; i++) {
        cx_model *m = NULL;
        if (read_model(fuzz_path(models[i]), &m) == 0) {
            fuzz_compute_all(m);
            cx_model_free(m);
        }
    }
    return 0;
}
