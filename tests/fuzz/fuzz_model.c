/*
 * fuzz_model.c - libFuzzer harness for the whole model-file reader: the
 * bytes as a model file -> read_model() -> cx_compute() under the base
 * drivers and every scenario -> free. A data.csv with two valid series
 * sits beside the model file so `import: data.csv` works.
 */
#include <stdint.h>
#include <stddef.h>

#include "fuzz_util.h"
#include "read_model.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The company rows of inputs/bigtech-capex.csv (the seed that imports
 * data.csv sums them), and a % row. */
static const char _csv[] =
    "series,2023,2024,2025,2026,source,label\n"
    "capex.google,~32,~52,91,180,\"capex table, \"\"Google\"\" row\",Google\n"
    "capex.amazon,~48,~75,128,200,capex table,Amazon\n"
    "capex.meta,~28,~39,72,125,,Meta\n"
    "capex.microsoft,~32,~56,88,140+,capex table,Microsoft\n"
    "share.cloud,10%,,20%..25%,~30%,,\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    fuzz_write("data.csv", (const uint8_t *)_csv, sizeof _csv - 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_names_device(data, size))
        return -1;
    fuzz_write("model.yaml", data, size);
    cx_model *m = NULL;
    if (read_model(fuzz_path("model.yaml"), &m) == 0) {
        fuzz_compute_all(m);
        cx_model_free(m);
    }
    return 0;
}
