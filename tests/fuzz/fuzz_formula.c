/*
 * fuzz_formula.c - libFuzzer harness for the formula compiler and
 * evaluator (model/formula.h): the fuzzed bytes are one expression over a
 * small model (series in money, %, GW and a constant, some years empty);
 * when it compiles it is run over every year, with and without reasons,
 * and every value must be a number or empty (never inf).
 */
#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NPER 6

static cx_model *_m;
static double _v[5][NPER] = {
    {10, 20, 0, 40, NAN, 60},          /* capex.a (money) */
    {5, -5, 2.5, 0, 1e308, 7},         /* ocf.a-b (money, a '-' in the name) */
    {0.5, 0.25, NAN, 1, 0, 0.1},       /* share.a (%) */
    {1, 2, 3, 4, 5, 6},                /* power.a (GW) */
    {NAN, NAN, 1, 2, 3, 4},            /* capex.b (money) */
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char *const names[] = {"capex.a", "ocf.a-b", "share.a", "power.a",
                                        "capex.b"};
    static const cx_unit units[] = {CX_U_MONEY, CX_U_MONEY, CX_U_RATIO, CX_U_OTHER,
                                    CX_U_MONEY};
    (void)argc;
    (void)argv;
    size_t s;
    cx_constant *c;
    if (cx_model_new(2020, 2020 + NPER - 1, &_m) != CX_OK)
        abort();
    for (size_t i = 0; i < 5; i++) {
        if (cx_model_add_series(_m, names[i], &s) != CX_OK)
            abort();
        _m->series[s].unit = units[i];
        _m->series[s].unit_text = units[i] == CX_U_OTHER ? "GW" : NULL;
    }
    if (cx_model_add_series(_m, "fcf.self", &s) != CX_OK
        || cx_model_add_constant(_m, &c) != CX_OK)
        abort();
    c->name = "wafer_per_gb";
    c->unit = CX_U_MULTIPLE;
    c->value.base = 4;
    return 0;
}

static void _run(const cx_formula *f, int reasons)
{
    const double *series[6] = {_v[0], _v[1], _v[2], _v[3], _v[4], _v[0]};
    double consts[1] = {4}, out[NPER];
    size_t need = cx_formula_scratch(f, NPER);
    double *scratch = malloc(need * sizeof *scratch);
    uint32_t *why = malloc(need * sizeof *why), w[NPER];
    int *starts = malloc((f->ncode ? f->ncode : 1) * sizeof *starts);
    if (!scratch || !why || !starts)
        abort();
    cx_fx_env env = {series, consts, NPER, 1, scratch, reasons ? why : NULL};
    cx_formula_eval(f, &env, out, reasons ? w : NULL, starts);
    for (size_t t = 0; t < NPER; t++)
        if (isinf(out[t]))
            abort();
    free(scratch);
    free(why);
    free(starts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    cx_formula f;
    cx_fx_error e;
    if (cx_formula_compile(_m, 5, text, size, &f, &e) == CX_OK) {
        _run(&f, 1);
        _run(&f, 0);
        cx_formula_release(&f);
    } else if (e.code == CX_FXE_NONE || e.offset > size || !e.message[0]) {
        abort();
    }
    free(text);
    return 0;
}
