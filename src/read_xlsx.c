/*
 * read_xlsx.c - an .xlsx worksheet as a table (read_xlsx.h): the file is
 * sniffed first, so that an .xls, an .xlsb or a password-protected
 * workbook (an OLE container, not a zip archive) gets its own message;
 * then the workbook's parts are read (read_xlsx_book.c) and the sheet's
 * rows streamed (read_xlsx_sheet.c).
 */
#include "read_xlsx.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "read_xlsx_priv.h"
#include "reader.h"

static const char _ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/* Nonzero when the UTF-16LE form of name occurs in buf. */
static int _has_utf16(const char *buf, size_t len, const char *name)
{
    char wide[64];
    size_t n = strlen(name);
    for (size_t i = 0; i < n; i++) {
        wide[2 * i] = name[i];
        wide[2 * i + 1] = '\0';
    }
    for (size_t i = 0; i + 2 * n <= len; i++)
        if (buf[i] == wide[0] && !memcmp(buf + i, wide, 2 * n))
            return 1;
    return 0;
}

/* An OLE compound file: a password-protected workbook (its encrypted
 * package inside) or the older binary .xls format. */
static int _ole_file(const char *path, const char *buf, size_t len)
{
    if (_has_utf16(buf, len, "EncryptedPackage") || _has_utf16(buf, len, "EncryptionInfo"))
        return diag_at(path, 0, 0, "the workbook is password-protected (save a copy "
                       "without a password to import it)"), EX_DATAERR;
    return diag_at(path, 0, 0, "an Excel 97-2003 workbook (.xls) cannot be imported (save "
                   "it as .xlsx, Excel Workbook, and import that)"), EX_DATAERR;
}

/* Read the file's start (all of it for an OLE container, to find its
 * streams): refuse what is not a zip archive. */
static int _sniff(const char *path, const tbl_options *o)
{
    char *buf;
    size_t len;
    int rc = o->at_file ? reader_slurp_at(path, o->at_file, o->at_line, o->at_col, &buf, &len)
                        : reader_slurp(path, &buf, &len);
    if (rc)
        return rc;
    if (len >= 8 && !memcmp(buf, _ole, 8))
        rc = _ole_file(path, buf, len);
    else if (len < 4 || memcmp(buf, "PK\3\4", 4))
        rc = (diag_at(path, 0, 0, "not an .xlsx workbook (expected a zip archive; a CSV "
                      "file should be named .csv)"), EX_DATAERR);
    free(buf);
    return rc;
}

static int _open(const char *path, xz_archive **z)
{
    if (!(*z = xz_open(path)))
        return diag_at(path, 0, 0, "not an .xlsx workbook (a damaged zip archive)"),
               EX_DATAERR;
    if (xz_has(*z, "xl/workbook.bin"))
        return diag_at(path, 0, 0, "an Excel binary workbook (.xlsb) cannot be imported "
                       "(save it as .xlsx, Excel Workbook, and import that)"), EX_DATAERR;
    if (xz_has(*z, "EncryptedPackage"))
        return diag_at(path, 0, 0, "the workbook is password-protected (save a copy "
                       "without a password to import it)"), EX_DATAERR;
    if (!xz_has(*z, "xl/workbook.xml"))
        return diag_at(path, 0, 0, "not an .xlsx workbook (no xl/workbook.xml inside; an "
                       "OpenDocument .ods file? save it as .xlsx)"), EX_DATAERR;
    return 0;
}

int read_xlsx(const char *path, const tbl_options *o, tbl_row_fn fn, void *ctx)
{
    int rc = _sniff(path, o);
    if (rc)
        return rc;
    xz_archive *z = NULL;
    xb_book b;
    memset(&b, 0, sizeof b);
    char *part = NULL;
    rc = _open(path, &z);
    if (!rc)
        rc = xb_read(z, path, &b);
    if (!rc)
        part = xb_sheet_part(z, path, &b, o->sheet ? o->sheet : b.nsheets ? b.sheets[0]
                                                               : "", &rc);
    if (!rc) {
        const char *name = o->sheet ? o->sheet : b.sheets[0];
        rc = xs_rows(z, path, &b, part, name, o, fn, ctx);
    }
    free(part);
    xb_release(&b);
    xz_close(z);
    return rc;
}
