/*
 * fuzz_figure.c - libFuzzer harness for the figure syntax: parse_value()
 * on the bytes under every rule set (percent or not, scale suffixes or
 * not, each model scale, decimal point or comma, an import's own scale), plus the integer, span, percent-test and
 * unit parsers and the reader's quoting and UTF-8 helpers. Each successful
 * figure must be ordered (low <= base <= high) and not NaN.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "parse_value.h"
#include "reader.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    return 0;
}

static void _check(const cx_value *v)
{
    if (isnan(v->low) || isnan(v->base) || isnan(v->high) || isnan(v->resolution))
        abort();
    if (!(v->low <= v->base && v->base <= v->high))
        abort();
    if (isinf(v->low) || isinf(v->base))
        abort();
    if (v->kind != CX_V_FLOOR && isinf(v->high))
        abort();
}

static void _figures(const char *text)
{
    for (int percent = 0; percent <= 1; percent++)
        for (int scale = 0; scale <= 1; scale++)
            for (int ms = CX_SCALE_ONE; ms <= CX_SCALE_T; ms++)
                for (int dc = 0; dc <= 1; dc++) {
                    /* the import's own scale: none, or 1 + K..T */
                    pv_rules rules = {percent, scale, (cx_scale)ms, dc, dc ? 1 + ms : 0};
                    cx_value v;
                    if (parse_value(text, &rules, &v) == PV_OK)
                        _check(&v);
                }
}

static void _others(const char *text, size_t len)
{
    long a, b;
    if (pv_parse_int(text, -99999, 99999, &a) == 0 && (a < -99999 || a > 99999))
        abort();
    if (pv_parse_span(text, -99999, 99999, &a, &b) == 0
        && (a < -99999 || a > 99999 || b < -99999 || b > 99999))
        abort();
    (void)pv_is_percent(text);
    cx_unit unit;
    (void)reader_unit(text, &unit);
    cx_scale scale;
    if (reader_scale(text, &scale) == 0 && (scale < CX_SCALE_ONE || scale > CX_SCALE_T))
        abort();
    reader_text shown = reader_show(text, len);
    if (!memchr(shown.s, '\0', sizeof shown.s))
        abort();
    size_t bad = reader_utf8_error(text, len);
    if (bad > len)
        abort();
    int line, col;
    reader_position(text, bad, &line, &col);
    (void)reader_is_series_name(text, len);
    (void)reader_is_identifier(text, len);
    static const char *const choices[] = {"series", "values", "stated", NULL};
    (void)reader_suggest(text, choices);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);     /* exactly sized: ASan sees overreads */
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    _figures(text);
    _others(text, size);
    free(text);
    return 0;
}
