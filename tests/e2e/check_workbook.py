#!/usr/bin/python3
"""check_workbook.py - does a workbook hold what `capex run --format json` said?

usage: check_workbook.py WORKBOOK.xlsx RUN.json

Reads the workbook back with openpyxl (twice: formulas, and the cached
values a viewer shows) and checks, against the JSON of the same run:
  - the sheets and their order;
  - every formula cell carries a cached value;
  - every series value on Projection (by year column) equals the JSON
    value, and formula cells there are really formulas;
  - the Burn figures and the Checks statuses and computed values;
  - every source note (Korean included) appears intact on Inputs;
  - no model text became a formula.
Prints the problems, or a last line "N cells compared".
"""
import json
import re
import sys
import zipfile

import openpyxl

REL = 1e-12


def close(a, b):
    if not isinstance(a, (int, float)) or isinstance(a, bool):
        return False
    return a == b or abs(a - b) <= REL * max(abs(a), abs(b))


def formulas_without_value(path, names):
    out = []
    with zipfile.ZipFile(path) as z:
        for i, name in enumerate(names, 1):
            xml = z.read("xl/worksheets/sheet%d.xml" % i).decode("utf-8")
            for m in re.finditer(r'<c r="([A-Z]+[0-9]+)"[^>]*>(.*?)</c>', xml):
                if "<f>" in m.group(2) and "<v>" not in m.group(2) and "<v/>" not in m.group(2):
                    out.append("%s!%s has a formula but no cached value" % (name, m.group(1)))
    return out


def main(book_path, json_path):
    run = json.load(open(json_path, encoding="utf-8"))
    wf = openpyxl.load_workbook(book_path, data_only=False)
    wv = openpyxl.load_workbook(book_path, data_only=True)
    problems = []
    compared = 0

    want = ["Summary", "Inputs", "Projection"]
    if run["burn"]:
        want.append("Burn")
    if run["commitments"]:
        want.append("Commitments")
    if run.get("depreciation"):
        want.append("Depreciation")
    if run.get("discount"):
        want.append("Valuation")
    if run.get("scenarios"):
        want.append("Scenarios")
    if run.get("sensitivity"):
        want.append("Sensitivity")
    want.append("Checks")
    if wf.sheetnames != want:
        problems.append("sheets %r, expected %r" % (wf.sheetnames, want))

    # Every formula cell carries a cached value: a <v> element in the sheet
    # XML (an empty string result is a cached value too, which openpyxl
    # cannot tell from none).
    problems += formulas_without_value(book_path, wf.sheetnames)

    # Projection: header row 4 holds the years from column D.
    pf, pv = wf["Projection"], wv["Projection"]
    years = {}
    for col in range(4, pf.max_column + 1):
        y = pf.cell(row=4, column=col).value
        if isinstance(y, (int, float)):
            years[int(y)] = col
    if sorted(years) != list(range(run["first_year"], run["last_year"] + 1)):
        problems.append("Projection header years %r" % sorted(years))
    rows = {}
    for r in range(5, pf.max_row + 1):
        label = pf.cell(row=r, column=1).value
        if isinstance(label, str) and label not in rows:
            rows[label] = r
    for s in run["series"]:
        r = rows.get(s["name"], rows.get(s["label"]))
        if r is None:
            problems.append("series %s not on Projection" % s["name"])
            continue
        for v in s["values"]:
            cell = pv.cell(row=r, column=years[v["year"]])
            compared += 1
            if not close(cell.value, v["value"]):
                problems.append("Projection %s %s %d: %r, JSON %r" % (
                    cell.coordinate, s["name"], v["year"], cell.value, v["value"]))
            f = pf.cell(row=r, column=years[v["year"]]).value
            if not (isinstance(f, str) and f.startswith("=")):
                problems.append("Projection %s (%s %d) is not a formula: %r" % (
                    cell.coordinate, s["name"], v["year"], f))

    # Burn figures.
    # The words where there is no year follow the JSON: no burn at all,
    # nothing to pay back (the cumulative never below 0), a net burning
    # from its first year (no turning point).
    if run["burn"]:
        b = wv["Burn"]
        jb = run["burn"]
        burns = jb["burns"]
        no_year = "not within horizon" if burns else "no burn within horizon"
        no_turn = "no burn within horizon"
        if burns and jb["turns_negative_year"] is None:
            no_turn = "burning from the start"
        figures = [("B12", jb["peak_burn"], None),
                   ("B13", jb["peak_year"], "no burn"),
                   ("B14", jb["break_even_year"], no_year),
                   ("B15", jb["payback_year"],
                    "not within horizon" if jb["peak_year"] else "nothing to pay back"),
                   ("B16", jb["total_burn"], None),
                   ("B17", jb["break_even_fraction"], no_year),
                   ("B19", jb["turns_negative_fraction"], no_turn),
                   ("B20", jb["turns_negative_year"], no_turn),
                   ("B21", jb["trough"], "no burn within horizon"),
                   ("B22", jb["trough_year"], "no burn within horizon")]
        for ref, want_v, none_text in figures:
            got = b[ref].value
            compared += 1
            ok = got == none_text if want_v is None and none_text else close(got, want_v)
            if not ok:
                problems.append("Burn!%s: %r, JSON %r" % (ref, got, want_v))
        funded = "yes" if jb["funded_within_horizon"] else "no (still burning)"
        compared += 1
        if b["B23"].value != funded:
            problems.append("Burn!B23: %r, JSON funded_within_horizon %r" % (
                b["B23"].value, jb["funded_within_horizon"]))

    # Checks: column J status, G computed, from row 4 in JSON order.
    c = wv["Checks"]
    for i, chk in enumerate(run["checks"]):
        row = 4 + i
        compared += 1
        if c.cell(row=row, column=10).value != chk["status"]:
            problems.append("Checks!J%d: %r, JSON %r" % (row, c.cell(row=row, column=10).value, chk["status"]))
        if chk["computed"] is not None and not close(c.cell(row=row, column=7).value, chk["computed"]):
            problems.append("Checks!G%d: %r, JSON %r" % (row, c.cell(row=row, column=7).value, chk["computed"]))

    # Sources on Inputs, exactly as written.
    texts = {cell.value for row in wf["Inputs"].iter_rows() for cell in row if isinstance(cell.value, str)}
    for s in run["series"]:
        for v in s["values"]:
            src = v.get("source")
            if src:
                # libxlsxwriter stores a CR as the OOXML escape _x000D_,
                # which openpyxl reads back literally.
                src = src.replace("\r", "_x000D_")
                compared += 1
                if src not in texts:
                    problems.append("source of %s %d not on Inputs: %r" % (s["name"], v["year"], src))

    # Model text never becomes a formula: every formula cell's formula must
    # not be a label or source from the model.
    labels = {s["label"] for s in run["series"]} | {s["name"] for s in run["series"]}
    for ws in wf.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, str) and v.startswith("=") and v[1:] in labels:
                    problems.append("%s!%s: model text written as a formula: %r" % (ws.title, cell.coordinate, v))

    for p in problems[:40]:
        print(p)
    if problems:
        print("%d problems" % len(problems))
        return 1
    print("%d cells compared" % compared)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
