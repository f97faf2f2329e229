/*
 * xlsx_book.c - the workbook (xlsx.h): sets up the workbook and its
 * sheets, has the xlsx_*.c writers fill them, closes it into a temporary
 * file beside the target and renames it into place.
 *
 * Same result, same bytes: the document's creation time is the model's
 * as_of date and libxlsxwriter stamps every zip entry 1980-01-01.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "diag.h"
#include "outfile.h"
#include "xlsx_error.h"
#include "xlsx.h"
#include "heap_prefault.h"
#include "xlsx_book.h"
#include "xlsx_tmpfile.h"
#include "xlsx_zip_async.h"
#include "xlsx_zip_buffer.h"

static int _alloc(xlsx_book *b)
{
    size_t n = b->m->nseries ? b->m->nseries : 1;
    size_t nc = b->m->ncommitments ? b->m->ncommitments : 1;
    size_t nf = n * (b->m->nyears ? b->m->nyears : 1);
    b->fig_row = malloc(nf * sizeof *b->fig_row);
    b->drv_row = malloc(n * sizeof *b->drv_row);
    b->drv_name = calloc(n, sizeof *b->drv_name);
    b->cmt_row = malloc(nc * sizeof *b->cmt_row);
    b->con_row = malloc((b->m->nconstants ? b->m->nconstants : 1) * sizeof *b->con_row);
    b->val_row = malloc(n * sizeof *b->val_row);
    b->rate_row = malloc(n * sizeof *b->rate_row);
    b->yoy_row = malloc(n * sizeof *b->yoy_row);
    b->chart_row = malloc(n * sizeof *b->chart_row);
    size_t nd = b->m->ndepreciations ? b->m->ndepreciations : 1;
    b->dep_in_row = malloc(nd * sizeof *b->dep_in_row);
    b->dep_rows = calloc(nd, sizeof *b->dep_rows);
    if (!b->fig_row || !b->drv_row || !b->drv_name || !b->cmt_row || !b->con_row ||
        !b->val_row || !b->rate_row || !b->yoy_row || !b->chart_row || !b->dep_in_row ||
        !b->dep_rows)
        return -1;
    for (size_t i = 0; i < nd; i++)
        b->dep_in_row[i] = -1;
    for (size_t i = 0; i < nf; i++)
        b->fig_row[i] = -1;
    for (size_t i = 0; i < n; i++)
        b->drv_row[i] = b->val_row[i] = b->rate_row[i] = b->yoy_row[i] =
            b->chart_row[i] = -1;
    for (size_t i = 0; i < nc; i++)
        b->cmt_row[i] = -1;
    for (size_t i = 0; i < b->m->nconstants; i++)
        b->con_row[i] = -1;
    return 0;
}

static void _release(xlsx_book *b)
{
    if (b->drv_name)
        for (size_t i = 0; i < b->m->nseries; i++)
            free(b->drv_name[i]);
    free(b->drv_name);
    free(b->fig_row);
    free(b->drv_row);
    free(b->cmt_row);
    free(b->con_row);
    free(b->val_row);
    free(b->rate_row);
    free(b->yoy_row);
    free(b->chart_row);
    free(b->dep_in_row);
    free(b->dep_rows);
    free(b->sw_par);
    free(b->sw_dep);
    xb_formats_release(b);
}

static char subject[] = "Capital expenditure and cash burn projection";
static char author[] = "capex";
static char keywords[] = "capex, projection, cash burn, checks";

static void _properties(xlsx_book *b)
{
    const cx_model *m = b->m;
    xb_str comments;
    xs_init(&comments);
    xs_printf(&comments, "capex model '%s', scenario %s, as of %s", m->name,
              b->r->scenario ? b->r->scenario : "base",
              m->as_of_text ? m->as_of_text : "");
    lxw_doc_properties p = {
        .title = (char *)(m->title && *m->title ? m->title : m->name),
        .subject = subject,
        .author = author,
        .keywords = keywords,
        .comments = (char *)xs_get(&comments),
        /* 0 would make libxlsxwriter use the clock. */
        .created = m->as_of ? m->as_of : 1,
    };
    xb_check(b, workbook_set_properties(b->wb, &p));
    xs_release(&comments);
}

static lxw_worksheet *_sheet(xlsx_book *b, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    if (!ws)
        b->nomem = 1;
    return ws;
}

static void _fill(xlsx_book *b)
{
    const cx_result *r = b->r;
    int burn = r->burn.enabled && r->burn.n;
    b->summary = _sheet(b, XB_SUMMARY);
    b->inputs = _sheet(b, XB_INPUTS);
    b->proj = _sheet(b, XB_PROJECTION);
    b->burn = burn ? _sheet(b, XB_BURN) : NULL;
    b->annual = r->annual.n ? _sheet(b, XB_ANNUAL) : NULL;
    b->burn_cash_row = b->annual_net_row = b->annual_cash_row = -1;
    b->commit = b->m->ncommitments ? _sheet(b, XB_COMMITMENTS) : NULL;
    b->dep = b->m->ndepreciations ? _sheet(b, XB_DEPRECIATION) : NULL;
    b->valuation = r->discount.enabled ? _sheet(b, XB_VALUATION) : NULL;
    b->scen = b->x->scenarios ? _sheet(b, XB_SCENARIOS) : NULL;
    b->sens = b->x->sensitivity ? _sheet(b, XB_SENSITIVITY) : NULL;
    b->mc = b->x->mc ? _sheet(b, XB_MONTECARLO) : NULL;
    b->checks = _sheet(b, XB_CHECKS);
    if (b->nomem || xb_formats_init(b) || xb_plan_projection(b) ||
        xb_plan_depreciation(b) || xb_plan_switch(b)) {
        b->nomem = 1;
        return;
    }
    _properties(b);
    xb_write_inputs(b);
    xb_write_projection(b);
    if (b->burn)
        xb_write_burn(b);
    if (b->annual)
        xb_write_annual(b);
    if (b->commit)
        xb_write_commitments(b);
    if (b->dep)
        xb_write_depreciation(b);
    if (b->valuation)
        xb_write_valuation(b);
    if (b->scen)
        xb_write_scenarios(b);
    if (b->sens)
        xb_write_sensitivity(b);
    if (b->mc)
        xb_write_montecarlo(b);
    xb_write_checks(b);
    xb_write_summary(b);
    lxw_worksheet *sheets[] = {b->summary, b->inputs, b->proj, b->burn, b->annual, b->commit,
                               b->dep, b->valuation, b->scen, b->sens, b->mc, b->checks};
    for (size_t i = 0; i < sizeof sheets / sizeof *sheets; i++)
        if (sheets[i])
            xb_paginate(b, sheets[i]);
}


/* Close the workbook: its zip into zb (xlsx_zip_buffer.h), or when zb is
 * NULL into the file libxlsxwriter was given. */
static int _close(xlsx_book *b, const char *path, xlsx_zip_buffer *zb)
{
    errno = 0;
    xlsx_tmpfile_memory(1);   /* the parts in memory, not files (xlsx_tmpfile.h) */
    xlsx_zip_buffer_arm(zb);
    lxw_error e = workbook_close(b->wb);
    int err = errno;
    xlsx_zip_buffer_arm(NULL);
    xlsx_tmpfile_memory(0);   /* the system's reason, when the zip step failed on it */
    b->wb = NULL;
    if (b->nomem || (zb && zb->failed)) {
        diag_error("cannot write '%s': out of memory", path);
        return EX_IOERR;
    }
    if (e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE) {
        xlsx_error_message("create", path, e, err);
        return EX_CANTCREAT;
    }
    if (e != LXW_NO_ERROR || b->err != LXW_NO_ERROR) {
        xlsx_error_message("write", path, e != LXW_NO_ERROR ? e : b->err, err);
        return EX_IOERR;
    }
    return 0;
}

/* libxlsxwriter writes every XML part of the workbook (about 28 for a
 * model with a burn and --scenario all) to a temporary file, then copies
 * it into the zip. On a disk file system each one is an inode allocated
 * and freed, and in a batch of 1,000 workbooks ext4's search for a free
 * inode that was not recently deleted came to cost more system time than
 * the rest of the run. So they go to memory (/dev/shm, tmpfs) when it is
 * there with room to spare; otherwise (NULL) to libxlsxwriter's default,
 * tmpfile() in the system's temporary folder. Either way each file is
 * unlinked as soon as it is created: nothing is left behind. */
#define SHM_DIR "/dev/shm/"
#define SHM_MIN_FREE (256ull << 20)

static char *_tmpdir(void)
{
    static char shm[] = SHM_DIR;
    struct statvfs v;
    if (access(shm, W_OK | X_OK) == 0 && statvfs(shm, &v) == 0 &&
        (unsigned long long)v.f_bavail * v.f_frsize >= SHM_MIN_FREE)
        return shm;
    return NULL;
}

int xlsx_write(const cx_result *r, const char *path)
{
    return xlsx_write_with(r, NULL, path);
}

/* From xlsx_write_if_changed: leave a file that holds these bytes as it is. */
static int _if_changed;

void xlsx_write_if_changed(int on)
{
    _if_changed = on != 0;
}

/* The zip built in memory, to path: one write to a temporary file renamed
 * over it, or nothing when path already holds these bytes and asked so. */
static int _store(const xlsx_zip_buffer *zb, const char *path)
{
    if (!zb->closed) {
        diag_error("cannot write '%s': the workbook was not built", path);
        return EX_SOFTWARE;
    }
    if (_if_changed && outfile_holds(path, zb->m.data, zb->m.len))
        return 0;
    return outfile_write_bytes(path, zb->m.data, zb->m.len);
}

/* A large workbook's cells, strings and parts: about 1.6 KB a series and
 * period (measured: a 120-month, 20-series model touches 4 MB), grown at
 * once past 1 MB (an annual model's workbook is below: nothing done), and
 * populated by the zip's worker while the sheets are filled, when it runs. */
static void _prefault(const cx_model *m)
{
    size_t bytes = m->nyears * (m->nseries + 4) * 1600;
    void *a;
    size_t n;
    if (bytes >= ((size_t)1 << 20) && !heap_prefault_grow(bytes, &a, &n) &&
        xlsx_zip_async_later(heap_prefault_populate, a, n))
        heap_prefault_populate(a, n);
    /* the worker's own arena: the chart caches it fills, the zip it writes */
    if (bytes >= ((size_t)1 << 20))
        (void)xlsx_zip_async_later(heap_prefault_here, NULL, bytes / 3);
}

int xlsx_write_with(const cx_result *r, const run_extras *x, const char *path)
{
    /* The zip in memory when capex's zipOpen is reached (xlsx_zip_buffer.h);
     * else libxlsxwriter writes a temporary file, renamed when complete. */
    int memory = xlsx_zip_buffer_available();
    char *tmp = NULL;
    int rc = memory ? 0 : outfile_begin(path, &tmp);
    if (rc)
        return rc;
    static const run_extras none = {0};
    xlsx_book b = {.r = r, .m = r->model, .x = x ? x : &none};
    /* the zip's worker thread, started while the sheets are filled
     * (xlsx_zip_async.h) */
    xlsx_zip_async_begin();
    _prefault(r->model);
    /* libxlsxwriter's own temporary files (one per XML part) go to memory
     * or the system's temporary folder (_tmpdir), created and unlinked at
     * once: never into the output folder, even when the process is killed. */
    lxw_workbook_options opt = {.tmpdir = _tmpdir()};
    if (_alloc(&b) || !(b.wb = workbook_new_opt(memory ? path : tmp, &opt))) {
        diag_error("cannot write '%s': out of memory", path);
        xlsx_zip_async_end();
        _release(&b);
        outfile_abort(tmp);
        return EX_IOERR;
    }
    _fill(&b);
    xlsx_zip_buffer zb = {0};
    rc = _close(&b, path, memory ? &zb : NULL);
    _release(&b);
    if (!rc)
        rc = memory ? _store(&zb, path) : outfile_commit(tmp, path);
    else
        outfile_abort(tmp);
    membuf_release(&zb.m);
    /* the worker freed libxlsxwriter's workbook meanwhile (xlsx_zip_async.h) */
    xlsx_zip_async_end();
    return rc;
}
