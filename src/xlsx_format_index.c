/*
 * xlsx_format_index.c - libxlsxwriter's lxw_format_get_xf_index, its
 * answer kept by every format it is asked for.
 *
 * libxlsxwriter 1.1.4 stores a format's style index in the format when the
 * format is the first with its properties; a later format with the same
 * properties (capex makes some: two flag sets can come to the same
 * format) gets the first one's index from a hash lookup that builds and
 * frees a key every time, for every cell written with it: 1,400 lookups,
 * 5 million instructions, in a monthly workbook. This definition comes
 * first in the lookup (libxlsxwriter calls it through its PLT, as it does
 * lxw_tmpfile: xlsx_tmpfile.c), passes the call on to the library's and
 * keeps the index in the format when the library did not. The style
 * sheet is unchanged: it is written from the library's table of first
 * formats, not from the formats themselves. Index 0 (the default style,
 * and also the library's answer when it is out of memory) is not kept.
 * Off (the default) the call is only passed on, so that a test can write
 * one workbook both ways (xlsx_format_index.h).
 */
#define _GNU_SOURCE
#include "xlsx_format_index.h"

#include <dlfcn.h>
#include <xlsxwriter.h>

static int _on;

void xlsx_format_index_keep(int on)
{
    _on = on != 0;
}

typedef int32_t (*_index_fn)(lxw_format *);

int32_t lxw_format_get_xf_index(lxw_format *format)
{
    static _index_fn real;
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "lxw_format_get_xf_index");
        if (!sym)
            return 0;
        *(void **)&real = sym;
    }
    int32_t index = real(format);
    if (_on && format->xf_index == LXW_PROPERTY_UNSET && index > 0)
        format->xf_index = index;
    return index;
}
