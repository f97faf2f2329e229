/*
 * xlsx_zip_level.c - capex's deflate level for the zip's entries
 * (xlsx_zip_level.h).
 */
#include "xlsx_zip_level.h"

#include <xlsxwriter/third_party/zip.h>

static int _level = -1;

void xlsx_zip_level_set(int level)
{
    _level = level >= 1 && level <= 9 ? level : -1;
}

void xlsx_zip_level_apply(int method, int *level, int *memLevel)
{
    if (_level > 0 && method == Z_DEFLATED) {
        *level = _level;
        /* zlib clears its hash table (2^(memLevel + 7) entries) for every
         * part; the parts of a workbook are small, and memLevel 5 clears an
         * eighth as much (fewer instructions in all, measured) for a file
         * within a percent of the size. */
        *memLevel = *memLevel > 5 ? 5 : *memLevel;
    }
}
