#!/usr/bin/python3
"""bench/ref/export.py - Python XlsxWriter's constant_memory mode writing the
sheet `capex mc --raw` writes: a header row of years, then one row of YEARS
numbers per path (for bench/export.sh; Debian's python3-xlsxwriter).

usage: export.py PATHS YEARS FIRST_YEAR OUT.xlsx [VALUES [TMPDIR]]

VALUES is a file of PATHS x YEARS native doubles, row by row: the numbers
capex wrote, so that all three write the same cells; it is read a block of
rows at a time (not timed apart: reading is a small part). Without it (or
with "-") the numbers come from the xorshift generator of
bench/ref/export_bare.c, in pure Python (slower: it adds the generator's
own time). Each row goes out with write_row, the idiomatic fast path in
constant_memory mode.
"""
import sys
from array import array

import xlsxwriter

MASK = (1 << 64) - 1
BLOCK = 4096


def xorshift_rows(paths, years):
    state = 0x9E3779B97F4A7C15
    for _ in range(paths):
        row = []
        for _ in range(years):
            state ^= (state << 13) & MASK
            state ^= state >> 7
            state ^= (state << 17) & MASK
            row.append(-300.0 + 400.0 * (state >> 11) * 2.0 ** -53)
        yield row


def file_rows(path, paths, years):
    with open(path, "rb") as f:
        done = 0
        while done < paths:
            n = min(BLOCK, paths - done)
            block = array("d")
            block.fromfile(f, n * years)
            for i in range(n):
                yield block[i * years:(i + 1) * years]
            done += n


def main():
    if len(sys.argv) < 5:
        sys.exit("usage: export.py PATHS YEARS FIRST_YEAR OUT.xlsx [VALUES [TMPDIR]]")
    paths, years, first = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    out = sys.argv[4]
    values = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] != "-" else None
    options = {"constant_memory": True}
    if len(sys.argv) > 6:
        options["tmpdir"] = sys.argv[6]
    wb = xlsxwriter.Workbook(out, options)
    ws = wb.add_worksheet("Paths")
    ws.write_row(0, 0, [first + c for c in range(years)])
    rows = file_rows(values, paths, years) if values else xorshift_rows(paths, years)
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row)
    wb.close()


if __name__ == "__main__":
    main()
