/*
 * fuzz_xlsx.c - libFuzzer harness for the workbook importer: a model that
 * imports data.xlsx (wide layout, unit M) beside one YAML series, read
 * with read_model() and computed like fuzz_model.c. The first byte picks
 * what the rest is: the whole file (zip, OLE and all), or one part of a
 * fixed workbook (the sheet, the shared strings, the styles, the
 * workbook.xml) zipped here with minizip's zip side, so that the XML
 * readers are reached without the fuzzer having to find a zip first.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fuzz_util.h"
#include "read_model.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char _model[] =
    "model: fuzz-xlsx\n"
    "unit: B\n"
    "years: 2020..2030\n"
    "import: {file: data.xlsx, unit: M}\n"
    "series:\n"
    "  capex.yaml:\n"
    "    values: {2023: 10, 2024: ~12}\n";

static const char *const _names[] = {
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
};

static const char *const _parts[] = {
    "<worksheet><dimension ref=\"A1:C2\"/><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v>"
    "</c><c r=\"B1\"><v>2023</v></c><c r=\"C1\"><v>2024</v></c></row><row r=\"2\"><c r=\"A2\" "
    "t=\"s\"><v>1</v></c><c r=\"B2\" s=\"1\"><v>0.5</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>"
    "~40</t></is></c></row></sheetData></worksheet>",
    "<sst><si><t>series</t></si><si><r><t>capex.</t></r><r><t>x</t></r></si></sst>",
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>",
    "<workbook xmlns:r=\"r\"><workbookPr date1904=\"1\"/><sheets><sheet name=\"S\" "
    "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
};

static const char _rels[] =
    "<Relationships><Relationship Id=\"rId1\" Type=\"worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/></Relationships>";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    fuzz_write("model.yaml", (const uint8_t *)_model, sizeof _model - 1);
    return 0;
}

static void _add(zipFile zf, const char *name, const void *data, size_t size)
{
    if (zipOpenNewFileInZip(zf, name, NULL, NULL, 0, NULL, 0, NULL, Z_DEFLATED, 1) != ZIP_OK
        || zipWriteInFileInZip(zf, data, (unsigned)size) != ZIP_OK
        || zipCloseFileInZip(zf) != ZIP_OK)
        abort();
}

/* The fixed workbook with part k replaced by data. */
static void _workbook(size_t k, const uint8_t *data, size_t size)
{
    zipFile zf = zipOpen(fuzz_path("data.xlsx"), APPEND_STATUS_CREATE);
    if (!zf)
        abort();
    for (size_t i = 0; i < 4; i++)
        _add(zf, _names[i], i == k ? (const void *)data : _parts[i],
             i == k ? size : strlen(_parts[i]));
    _add(zf, "xl/_rels/workbook.xml.rels", _rels, strlen(_rels));
    if (zipClose(zf, NULL) != ZIP_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t mode = data[0] % 5;
    if (mode == 4)
        fuzz_write("data.xlsx", data + 1, size - 1);
    else
        _workbook(mode, data + 1, size - 1);
    cx_model *m = NULL;
    if (read_model(fuzz_path("model.yaml"), &m) == 0) {
        fuzz_compute_all(m);
        cx_model_free(m);
    }
    return 0;
}
