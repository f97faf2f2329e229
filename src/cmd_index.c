/*
 * cmd_index.c - capex index OUTDIR: the index of a batch from its run
 * records, after sharded runs (docs/batch.md).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sysexits.h>

#include "batch_index.h"
#include "commands.h"
#include "diag.h"
#include "report.h"

static size_t _count(const batch_record *recs, size_t n, const char *status)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !strcmp(recs[i].f[BR_STATUS], status);
    return k;
}

static int _index(const char *outdir, report_format format, int quiet, int partial)
{
    batch_record *recs;
    size_t n;
    int rc = batch_index_load(outdir, partial, &recs, &n);
    if (rc)
        return rc;
    batch_meta m = {.ended = time(NULL), .planned = strtoul(recs[0].f[BR_RUNS], NULL, 10)};
    snprintf(m.id, sizeof m.id, "%s", recs[0].f[BR_BATCH]);
    batch_meta_load(&m, outdir);
    rc = batch_index_write(outdir, recs, n, &m);
    if (!rc && format == REPORT_CSV)
        rc = batch_index_csv(stdout, recs, n, &m);
    if (!rc && format == REPORT_JSON)
        rc = batch_index_json(stdout, recs, n, &m);
    batch_meta_release(&m);
    if (!rc && !quiet)
        fprintf(format == REPORT_TABLE ? stdout : stderr,
                "capex: index: %zu run%s (%zu succeeded, %zu failed) in %s/index.xlsx\n",
                n, n == 1 ? "" : "s", _count(recs, n, "ok"), _count(recs, n, "failed"), outdir);
    batch_records_free(recs, n);
    if (!rc && fflush(stdout)) {
        diag_error("cannot write to standard output: %s", strerror(errno));
        rc = EX_IOERR;
    }
    return rc;
}

int cmd_index(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"partial", no_argument, NULL, 'p'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0},
    };
    report_format format = REPORT_TABLE;
    int quiet = 0, partial = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:hq", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': if (report_parse_format(optarg, &format)) return EX_USAGE; break;
        case 'h': return usage_print("index");
        case 'p': partial = 1; break;
        case 'q': quiet = 1; break;
        default: return usage_error("index");
        }
    }
    if (argc - optind != 1) {
        diag_error("index: expected one output folder, got %d operands", argc - optind);
        return usage_error("index");
    }
    diag_set_quiet(quiet);
    return _index(argv[optind], format, quiet, partial);
}
