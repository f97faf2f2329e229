/*
 * main.c - capex: capital expenditure and cash burn projections.
 *
 * Thin: find the subcommand in the table and hand over argv.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <gsl/gsl_errno.h>

#include "commands.h"
#include "diag.h"
#include "reader.h"
#include "xlsx_chart_cache.h"
#include "xlsx_format_index.h"
#include "xlsx_xml.h"
#include "xlsx_zip_async.h"
#include "xlsx_zip_level.h"

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
};

/* Sorted by name. */
static const struct command commands[] = {
    {"batch", cmd_batch},
    {"check", cmd_check},
    {"diff", cmd_diff},
    {"explain", cmd_explain},
    {"fmt", cmd_fmt},
    {"help", cmd_help},
    {"index", cmd_index},
    {"init", cmd_init},
    {"mc", cmd_mc},
    {"run", cmd_run},
    {"version", cmd_version},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* "unknown command 'runn' (did you mean 'run'?)", as for model keys. */
static int _unknown(const char *name)
{
    const char *names[NCOMMANDS + 1];
    for (size_t i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i].name;
    names[NCOMMANDS] = NULL;
    const char *near = reader_suggest(name, names);
    if (near)
        diag_error("unknown command '%s' (did you mean '%s'?)", name, near);
    else
        diag_error("unknown command '%s' (try 'capex --help')", name);
    return EX_USAGE;
}

int main(int argc, char **argv)
{
    /* zlib allocates and frees about 256 KiB for each of a workbook's ~28
     * zip entries; with glibc's default 128 KiB trim threshold the heap top
     * goes back to the kernel every time and is faulted in again (half the
     * page faults of a run). Keep up to 64 MiB of freed memory instead. */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    /* Workbooks are deflated at level 1: about half the time of
     * libxlsxwriter's default (6) for files 10-15% larger, which matters
     * for a million-row raw-paths sheet and a thousand-model batch
     * (xlsx_zip_level.h; docs/performance.md). */
    xlsx_zip_level_set(1);
    /* ... on a second thread while the next part is written, the same
     * bytes (xlsx_zip_async.h); batch turns it off when its jobs keep
     * every core busy. */
    xlsx_zip_async(1);
    /* libxlsxwriter's XML tags and attributes without printf: the same
     * bytes in a third fewer instructions (xlsx_xml.h). */
    xlsx_xml_fast(1);
    /* formats that repeat an earlier one's properties keep its index
     * instead of a lookup per cell (xlsx_format_index.h) */
    xlsx_format_index_keep(1);
    /* chart caches filled on the zip's worker while the sheets are
     * written (xlsx_chart_cache.h) */
    xlsx_chart_cache_async(1);
    gsl_set_error_handler_off();
    if (argc < 2)
        return usage_error(NULL);
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h"))
        return usage_print(NULL);
    if (!strcmp(name, "--version") || !strcmp(name, "-V"))
        return cmd_version(argc - 1, argv + 1);
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(name, commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    return _unknown(name);
}
