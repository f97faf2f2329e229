#!/usr/bin/python3
"""workbooks.py DIR - the bad workbooks of tests/bad, written at test time
(binary files are not committed): each is a small zip of hand-written
SpreadsheetML parts, or an OLE container's header, so that every refusal
of the .xlsx reader has a fixture. tests/e2e/bad_inputs.sh runs it first;
the files are listed in .gitignore."""
import os
import struct
import sys
import zipfile

WB = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="Capex" sheetId="1" r:id="rId1"/>'
      '<sheet name="Notes" sheetId="2" r:id="rId2"/></sheets></workbook>')
RELS = ('<Relationships><Relationship Id="rId1" Type="worksheet" '
        'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="worksheet" '
        'Target="worksheets/sheet2.xml"/></Relationships>')
SST = '<sst><si><t>series</t></si><si><t>capex.meta</t></si><si><t>n/a</t></si></sst>'


def cell(ref, v, t=None, f=None):
    attr = f' t="{t}"' if t else ''
    inner = (f'<f>{f}</f>' if f else '') + (f'<v>{v}</v>' if v is not None else '')
    return f'<c r="{ref}"{attr}>{inner}</c>'


def sheet(rows):
    body = ''.join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in rows)
    return f'<worksheet><sheetData>{body}</sheetData></worksheet>'


HEADER = (1, [cell('A1', 0, 's'), cell('B1', 2023), cell('C1', 2024), cell('D1', 2025)])


def book(path, sheet1, extra=None, sst=SST):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('xl/workbook.xml', WB)
        z.writestr('xl/_rels/workbook.xml.rels', RELS)
        z.writestr('xl/sharedStrings.xml', sst)
        z.writestr('xl/worksheets/sheet1.xml', sheet1)
        z.writestr('xl/worksheets/sheet2.xml', sheet([(1, [cell('A1', 1)])]))
        for name, data in (extra or {}).items():
            z.writestr(name, data)


def ole(path, stream):
    """An OLE compound file's header and one directory entry naming stream."""
    head = b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 504
    name = stream.encode('utf-16-le') + b'\0\0'
    entry = name.ljust(64, b'\0') + struct.pack('<H', len(name)) + b'\x02' + b'\0' * 61
    with open(path, 'wb') as f:
        f.write(head + entry.ljust(512, b'\0'))


def bomb_claim(path):
    """A sheet whose zip headers claim 2 GiB once inflated."""
    book(path, sheet([HEADER]))
    data = bytearray(open(path, 'rb').read())
    name = b'xl/worksheets/sheet1.xml'
    for sig, off in ((b'PK\x01\x02', 24), (b'PK\x03\x04', 22)):
        i = 0
        while (i := data.find(sig, i)) >= 0:
            n = struct.unpack('<H', data[i + off + 4:i + off + 6])[0]
            hdr = 46 if sig == b'PK\x01\x02' else 30
            if data[i + hdr:i + hdr + n] == name:
                data[i + off:i + off + 4] = struct.pack('<I', 0x80000000)
            i += 4
    open(path, 'wb').write(bytes(data))


def main(d):
    row2 = lambda *cells: (2, [cell('A2', 1, 's'), *cells])
    book(f'{d}/xlsx_bad_figure.xlsx', sheet([HEADER, row2(cell('B2', 28100), cell('C2', 2, 's'))]))
    book(f'{d}/xlsx_missing_sheet.xlsx', sheet([HEADER, row2(cell('B2', 1))]))
    book(f'{d}/xlsx_range_outside.xlsx', sheet([HEADER, row2(cell('B2', 1))]))
    book(f'{d}/xlsx_malformed.xlsx', '<worksheet><sheetData><row r="1"><c r="A1"></row>')
    book(f'{d}/xlsx_shared_string.xlsx', sheet([HEADER, row2(cell('B2', 9, 's'))]))
    book(f'{d}/xlsx_formula.xlsx', sheet([HEADER, row2(cell('B2', None, f='C2*2'))]))
    book(f'{d}/xlsx_rows.xlsx', sheet([HEADER, row2(cell('B2', 1)), (1000001, [cell('A1000001', 1)])]))
    book(f'{d}/xlsx_xlsb.xlsx', sheet([HEADER]), {'xl/workbook.bin': b'\0'})
    bomb_claim(f'{d}/xlsx_bomb.xlsx')
    ole(f'{d}/xlsx_encrypted.xlsx', 'EncryptionInfo')
    ole(f'{d}/xlsx_old.xls', 'Workbook')
    with open(f'{d}/xlsx_not_zip.xlsx', 'w') as f:
        f.write('series,2023\ncapex.a,1\n')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
