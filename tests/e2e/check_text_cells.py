#!/usr/bin/python3
"""check_text_cells.py - no model text became a formula.

usage: check_text_cells.py WORKBOOK.xlsx TEXT...

Every cell holding one of the given texts must be a string cell (openpyxl
data_type 's'), and no formula cell may contain the texts' formula part.
"""
import sys

import openpyxl


def main(path, texts):
    wb = openpyxl.load_workbook(path)
    found = {t: 0 for t in texts}
    bad = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value in found:
                    found[c.value] += 1
                    if c.data_type != "s":
                        bad.append("%s!%s holds %r as %s" % (ws.title, c.coordinate, c.value, c.data_type))
                elif c.data_type == "f" and any(t.strip() in str(c.value) for t in texts):
                    bad.append("%s!%s formula %r" % (ws.title, c.coordinate, c.value))
    missing = [t for t, n in found.items() if n == 0]
    for b in bad:
        print(b)
    if missing:
        print("texts not found as cells: %r" % missing)
    if bad or missing:
        return 1
    print("%d texts, %d cells, all strings" % (len(texts), sum(found.values())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
