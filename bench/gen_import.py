#!/usr/bin/python3
"""gen_import.py DIR - the workbooks of bench/import.sh, written as raw
SpreadsheetML (openpyxl would take minutes for 1.2 million cells):
big.xlsx, a 100,000-row x 12-column sheet in the long layout (series,
year, value, source, then eight columns of other data an export carries),
and bomb.xlsx, a sheet that inflates to 1 GiB of blanks."""
import sys
import zipfile

WB = ('<workbook xmlns:r="r"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/>'
      '</sheets></workbook>')
RELS = ('<Relationships><Relationship Id="rId1" Type="worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>')


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def rows():
    head = ["series", "year", "value", "source"] + [f"extra{i}" for i in range(8)]
    cols = "ABCDEFGHIJKL"
    yield '<row r="1">' + "".join(inline(f"{cols[i]}1", h) for i, h in enumerate(head)) + "</row>"
    for k in range(100000):
        r = k + 2
        s, y = divmod(k, 100)
        cells = [inline(f"A{r}", f"m.e{s}"), f'<c r="B{r}"><v>{2000 + y}</v></c>',
                 f'<c r="C{r}"><v>{1000 + k * 0.25}</v></c>', inline(f"D{r}", f"row {r}")]
        cells += [f'<c r="{cols[4 + i]}{r}"><v>{k * i}</v></c>' for i in range(8)]
        yield f'<row r="{r}">' + "".join(cells) + "</row>"


def book(path, write_sheet):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as z:
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            write_sheet(f)


def big(f):
    f.write(b"<worksheet><sheetData>")
    for row in rows():
        f.write(row.encode())
    f.write(b"</sheetData></worksheet>")


def bomb(f):
    f.write(b"<worksheet><sheetData>")
    blank = b" " * (1 << 20)
    for _ in range(1024):
        f.write(blank)
    f.write(b"</sheetData></worksheet>")


d = sys.argv[1]
book(f"{d}/big.xlsx", big)
book(f"{d}/bomb.xlsx", bomb)
