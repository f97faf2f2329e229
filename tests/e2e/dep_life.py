#!/usr/bin/python3
"""dep_life.py - change a depreciation life on Inputs, recalculate in
LibreOffice, compare with the engine's run of that life.

usage: dep_life.py WORKBOOK.xlsx ENTRY LIFE EXPECTED.json OUTDIR

Sets the life input of depreciation ENTRY (the 'life (years)' row of the
Inputs sheet whose first column is ENTRY) to LIFE with openpyxl (which
drops the cached values), has LibreOffice recalculate and save it, then
compares every year of the entry's four series on Projection with the
series of EXPECTED.json (`capex run -f json` of a scenario with that life):
1e-9 relative. Exit 0 equal, 1 different, 77 without soffice.
"""
import json
import os
import shutil
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recalc  # noqa: E402


def set_life(src, dst, entry, life):
    wb = openpyxl.load_workbook(src)
    ws = wb["Inputs"]
    for row in ws.iter_rows():
        if row[0].value == entry and row[1].value == "life (years)":
            row[2].value = life
            wb.save(dst)
            return
    sys.exit("dep_life: no life input for %s on Inputs" % entry)


def projection_rows(path):
    ws = openpyxl.load_workbook(path, data_only=True)["Projection"]
    years = None
    rows = {}
    for row in ws.iter_rows(values_only=True):
        if row[0] == "Series":
            years = list(row[3:])
        elif years and isinstance(row[0], str):
            rows.setdefault(row[0], dict(zip(years, row[3:])))
    return rows


def main():
    book, entry, life, expected, outdir = sys.argv[1:6]
    if not recalc.find("soffice", "libreoffice"):
        return 77
    changed = os.path.join(outdir, "changed.xlsx")
    set_life(book, changed, entry, float(life))
    done = os.path.join(outdir, "done")
    os.makedirs(done, exist_ok=True)
    recalc.recalculate([changed], done, os.path.join(outdir, "profile"))
    got = projection_rows(os.path.join(done, "changed.xlsx"))
    want = {s["name"]: s for s in json.load(open(expected))["series"]}
    bad = 0
    compared = 0
    for name in (entry, entry + ".gross", entry + ".net", entry + ".accumulated"):
        for v in want[name]["values"]:
            w, g = v.get("value"), got.get(name, {}).get(v["year"])
            if w is None:
                continue
            compared += 1
            if not isinstance(g, (int, float)) or abs(g - w) > 1e-9 * max(abs(g), abs(w), 1e-300):
                print("dep_life: %s %s: LibreOffice %r, engine %r" % (name, v["year"], g, w))
                bad += 1
    print("dep_life: %d figures compared, %d differ" % (compared, bad))
    shutil.rmtree(done, ignore_errors=True)
    return 1 if bad or not compared else 0


if __name__ == "__main__":
    sys.exit(main())
