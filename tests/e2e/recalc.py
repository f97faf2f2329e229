#!/usr/bin/python3
"""recalc.py - do the workbooks' cached values equal what LibreOffice computes?

usage: recalc.py WORKBOOK.xlsx [...]

Every workbook is recalculated by LibreOffice headless (a throwaway profile
whose Calc setting Formula/Load/OOXMLRecalcMode is 0, "always recalculate")
and saved again as xlsx; then every formula cell's cached value in the
original must equal the recalculated one (numbers to 1e-9 relative, text
exactly). A canary proves recalculation really happened: a copy of the first
workbook with one formula's cached value made wrong on purpose must come
back corrected, or the test fails.

Exit status: 0 all equal, 1 a difference (listed), 77 soffice missing.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
CANARY_WRONG = 987654321.0


def soffice():
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def recalculate(paths, outdir, profile):
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(XCU)
    cmd = [soffice(), "-env:UserInstallation=file://" + profile, "--headless",
           "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
           "--outdir", outdir] + paths
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=300)


def make_canary(src, dst):
    """Copy src, giving the first numeric formula cell a wrong cached value.
    Returns (sheet xml name, cell ref, correct cached value)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        found = None
        for item in zin.infolist():
            data = zin.read(item.filename)
            if found is None and re.match(r"xl/worksheets/sheet\d+\.xml$", item.filename):
                text = data.decode("utf-8")
                m = re.search(r'<c r="([A-Z]+\d+)"(?: s="\d+")?><f>[^<]*</f><v>([^<]*)</v></c>', text)
                if m:
                    found = (item.filename, m.group(1), float(m.group(2)))
                    cell = m.group(0).replace("<v>%s</v>" % m.group(2), "<v>%r</v>" % CANARY_WRONG)
                    data = text.replace(m.group(0), cell, 1).encode("utf-8")
            zout.writestr(item, data)
    return found


def formula_cells(path):
    """{(sheet, ref): cached value} for every formula cell."""
    formulas = openpyxl.load_workbook(path, data_only=False)
    cached = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    out[(ws.title, c.coordinate)] = cached[ws.title][c.coordinate].value
    return out


def values(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    return {(ws.title, c.coordinate): c.value
            for ws in wb.worksheets for row in ws.iter_rows() for c in row}


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    return (a if a != "" else None) == (b if b != "" else None)


def compare(orig, recalced):
    cells = formula_cells(orig)
    after = values(recalced)
    bad = []
    for key, cached in sorted(cells.items()):
        got = after.get(key)
        if not same(cached, got):
            bad.append("%s!%s: cached %r, LibreOffice %r" % (key[0], key[1], cached, got))
    return len(cells), bad


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    if not soffice():
        print("recalc: SKIPPED: soffice not found (make deps installs libreoffice-calc-nogui)")
        return 77
    work = tempfile.mkdtemp(prefix="capex-recalc-")
    try:
        indir, outdir = os.path.join(work, "in"), os.path.join(work, "out")
        os.makedirs(indir)
        paths = []
        for p in argv[1:]:
            dst = os.path.join(indir, os.path.basename(p))
            shutil.copyfile(p, dst)
            paths.append(dst)
        canary_path = os.path.join(indir, "zz-canary.xlsx")
        canary = make_canary(paths[0], canary_path)
        if canary is None:
            print("recalc: FAIL: no numeric formula cell in %s for the canary" % argv[1])
            return 1
        recalculate(paths + [canary_path], outdir, os.path.join(work, "profile"))
        failed = 0
        for orig in paths:
            n, bad = compare(orig, os.path.join(outdir, os.path.basename(orig)))
            status = "ok" if not bad else "FAIL"
            print("recalc: %s: %d formula cells, %d differ: %s" % (os.path.basename(orig), n, len(bad), status))
            for line in bad[:50]:
                print("  " + line)
            failed += bool(bad)
        # The canary: the wrong cached value must have been recomputed.
        sheet_xml, ref, correct = canary
        wb = openpyxl.load_workbook(os.path.join(outdir, "zz-canary.xlsx"), data_only=True)
        idx = int(re.search(r"sheet(\d+)\.xml", sheet_xml).group(1)) - 1
        got = wb.worksheets[idx][ref].value
        if not same(got, correct):
            print("recalc: FAIL: canary %s!%s holds %r after recalculation, expected %r "
                  "(LibreOffice did not recalculate)" % (wb.worksheets[idx].title, ref, got, correct))
            failed += 1
        else:
            print("recalc: canary %s!%s: cached %r corrected to %r" % (wb.worksheets[idx].title, ref, CANARY_WRONG, got))
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
