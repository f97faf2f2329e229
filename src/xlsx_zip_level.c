/*
 * xlsx_zip_level.c - minizip's zipOpenNewFileInZip4_64, passed on to the real
 * one (the next definition: libminizip's) with capex's deflate level
 * (xlsx_zip_level.h), on the deflate thread when there is one
 * (xlsx_zip_async.h).
 */
#define _GNU_SOURCE
#include "xlsx_zip_level.h"

#include "xlsx_zip_async.h"

#include <dlfcn.h>
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

int ZEXPORT zipOpenNewFileInZip4_64(zipFile file, const char *filename,
                                    const zip_fileinfo *zipfi, const void *extrafield_local,
                                    uInt size_extrafield_local,
                                    const void *extrafield_global,
                                    uInt size_extrafield_global, const char *comment,
                                    int method, int level, int raw, int windowBits,
                                    int memLevel, int strategy, const char *password,
                                    uLong crcForCrypting, uLong versionMadeBy,
                                    uLong flagBase, int zip64)
{
    static xlsx_zip_open_fn real;
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        if (!sym)
            return ZIP_INTERNALERROR;
        *(void **)&real = sym;
    }
    xlsx_zip_level_apply(method, &level, &memLevel);
    return xlsx_zip_async_open(real, file, filename, zipfi, extrafield_local,
                               size_extrafield_local, extrafield_global,
                               size_extrafield_global, comment, method, level, raw,
                               windowBits, memLevel, strategy, password, crcForCrypting,
                               versionMadeBy, flagBase, zip64);
}
