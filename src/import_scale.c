/*
 * import_scale.c - an import's scale, said once (import_priv.h): with
 * `unit: M` in a B model a note says figures were divided by 1,000; an
 * import without `unit:` whose money series sit about 1,000 (or a million)
 * times above or below the model's other series of the same metric gets a
 * warning that names both and the `unit:` that would fix it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "import_priv.h"

static const char *const _scale_names[] = {"1", "K", "M", "B", "T"};

static void _note(const imp *c)
{
    int from = c->spec->bare_scale - 1, to = (int)c->m->scale;
    if (from == to || !c->money_figures)
        return;
    static const char *const factors[] = {"", "1,000", "1,000,000", "1,000,000,000",
                                          "1,000,000,000,000"};
    diag_note_at(c->m->file, c->spec->line, c->spec->col,
                 "figures of '%s' are in %s: %s by %s into the model's %s (a figure's "
                 "own suffix, like 2B, wins)", c->spec->path, _scale_names[from],
                 from < to ? "divided" : "multiplied", factors[abs(from - to)],
                 _scale_names[to]);
}

/* Mean of log10 |x| over the nonzero stated money figures of series s;
 * 0 figures: NAN. */
static double _log_size(const cx_model *m, size_t s)
{
    double sum = 0;
    size_t n = 0;
    if (m->series[s].unit != CX_U_MONEY)
        return NAN;
    for (size_t t = 0; t < m->nyears; t++) {
        const cx_value *v = &m->series[s].stated[t];
        if (v->kind != CX_V_MISSING && v->base != 0 && isfinite(v->base)) {
            sum += log10(fabs(v->base));
            n++;
        }
    }
    return n ? sum / (double)n : NAN;
}

static size_t _metric_len(const char *name)
{
    const char *dot = strchr(name, '.');
    return dot ? (size_t)(dot - name) : strlen(name);
}

/* The first series before the import with s's metric and money figures
 * about 1,000^k apart (k != 0); *k set. CX_NO_INDEX when none. */
static size_t _off_from(const imp *c, size_t s, int *k)
{
    const cx_model *m = c->m;
    double size = _log_size(m, s);
    size_t len = _metric_len(m->series[s].name);
    for (size_t o = 0; o < c->first_series && !isnan(size); o++) {
        if (_metric_len(m->series[o].name) != len
            || strncmp(m->series[o].name, m->series[s].name, len))
            continue;
        double d = size - _log_size(m, o);
        if (isnan(d))
            continue;
        *k = (int)lround(d / 3);
        if (*k != 0 && fabs(d - 3 * *k) < 0.75)
            return o;
    }
    return CX_NO_INDEX;
}

static void _warning(const imp *c)
{
    for (size_t s = c->first_series; s < c->m->nseries; s++) {
        int k = 0;
        size_t o = _off_from(c, s, &k);
        if (o == CX_NO_INDEX)
            continue;
        int file = (int)c->m->scale - k;
        char fix[64] = "";
        if (file >= 0 && file <= 4)
            snprintf(fix, sizeof fix, "; if its figures are in %s, give the import "
                     "'unit: %s'", _scale_names[file], _scale_names[file]);
        diag_warn_at(c->m->file, c->spec->line, c->spec->col,
                     "figures of '%s' from '%s' are about %s times %s those of '%s' "
                     "(the model is in %s%s)", c->m->series[s].name, c->spec->path,
                     abs(k) == 1 ? "1,000" : abs(k) == 2 ? "a million" : "a billion",
                     k > 0 ? "larger than" : "smaller than", c->m->series[o].name,
                     _scale_names[c->m->scale], fix);
        return;
    }
}

void imp_scale_report(const imp *c)
{
    if (c->spec->bare_scale)
        _note(c);
    else
        _warning(c);
}
