#!/usr/bin/python3
"""recalc.py - do the workbooks' cached values equal what two spreadsheet
engines compute, LibreOffice and Gnumeric?

usage: recalc.py WORKBOOK.xlsx [...]

Every workbook is recalculated by LibreOffice headless (one soffice run for
all of them, with a throwaway profile whose Calc setting
Formula/Load/OOXMLRecalcMode is 0, "always recalculate") and by Gnumeric
(`ssconvert --recalc`, a few at a time) and saved again as xlsx; then every
formula cell's cached value in the original must equal each engine's
(numbers to 1e-9 relative, text exactly). A canary proves each engine really
recalculated: a copy of the first workbook with one formula's cached value
made wrong on purpose must come back corrected, or the test fails. A line
either engine prints while loading fails the test unless ALLOWED lists it
with the reason.

Exit status: 0 all equal in every engine, 1 a difference or an unlisted
warning (listed), 77 an engine is missing (the other still checked: a
difference there is 1).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile
from concurrent.futures import ThreadPoolExecutor

import openpyxl

# Gnumeric writes no default cell style; openpyxl says so and uses its own.
warnings.filterwarnings("ignore", message="Workbook contains no default style")

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
CANARY_WRONG = 987654321.0

# Lines an engine prints while loading or saving that are not about the
# workbook's meaning: (engine, pattern, why it is harmless).
ALLOWED = [
    ("LibreOffice", r"^convert .* using filter : ", "soffice's progress line (stdout)"),
    ("LibreOffice", r"^Warning: failed to launch javaldx",
     "no Java runtime: Calc does not need one to load, recalculate or save xlsx"),
    ("Gnumeric", r"^\S+![A-Z]+\d+ : Ignoring unhandled conditional format of type 'colorScale'$",
     "Gnumeric's xlsx reader drops the Sensitivity grid's colour scale: shading only, no value"),
    ("Gnumeric", r"^Unexpected element 'c:upDownBars' in state : $",
     "Gnumeric's chart reader has no up-down bars (the MonteCarlo fan's P10-P90 band): "
     "drawing only, no value"),
    ("Gnumeric", r"^\tchartSpace -> chart -> plotArea -> lineChart$",
     "the second line of the up-down bars message: where in the chart it was"),
]


def unlisted(engine, text):
    """The lines of an engine's output that ALLOWED does not explain."""
    pats = [re.compile(p) for e, p, _ in ALLOWED if e == engine]
    return [line for line in text.splitlines()
            if line.strip() and not any(p.search(line) for p in pats)]


def find(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def libreoffice(paths, outdir, work):
    """Recalculate every workbook in one soffice run; returns its unlisted output."""
    profile = os.path.join(work, "profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(XCU)
    cmd = [find("soffice", "libreoffice"), "-env:UserInstallation=file://" + profile,
           "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
           "--outdir", outdir] + paths
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    return unlisted("LibreOffice", run.stdout + run.stderr) + (
        ["soffice exited %d" % run.returncode] if run.returncode else [])


def soffice():
    """The LibreOffice command, or None (dep_life.py)."""
    return find("soffice", "libreoffice")


def recalculate(paths, outdir, profile):
    """LibreOffice alone, for tests that change an input first (formula.sh)."""
    libreoffice(paths, outdir, os.path.dirname(profile))


def _ssconvert(src, dst):
    run = subprocess.run([find("ssconvert"), "--recalc", src, dst],
                         capture_output=True, text=True, timeout=300)
    lines = ["%s: %s" % (os.path.basename(src), line)
             for line in unlisted("Gnumeric", run.stdout + run.stderr)]
    return lines + (["%s: ssconvert exited %d" % (os.path.basename(src), run.returncode)]
                    if run.returncode else [])


def gnumeric(paths, outdir, work):
    """ssconvert --recalc each workbook, four at a time (each run waits more
    than it computes); returns the unlisted output."""
    del work
    with ThreadPoolExecutor(max_workers=4) as pool:
        jobs = [pool.submit(_ssconvert, p, os.path.join(outdir, os.path.basename(p)))
                for p in paths]
        return [line for j in jobs for line in j.result()]


ENGINES = [("LibreOffice", ("soffice", "libreoffice"), libreoffice,
            "make deps installs libreoffice-calc-nogui"),
           ("Gnumeric", ("ssconvert",), gnumeric, "make deps installs gnumeric")]


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
        # Both engines give 0 for a difference of two equal-to-15-digits
        # numbers (LibreOffice's approximate subtraction) where C keeps the
        # last bit (2.2e-16): below 1e-12 a figure is zero.
        return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b)) or abs(a - b) < 1e-12
    return (a if a != "" else None) == (b if b != "" else None)


def compare(cells, recalced, engine):
    after = values(recalced)
    bad = []
    for key, cached in sorted(cells.items()):
        got = after.get(key)
        if not same(cached, got):
            bad.append("%s!%s: cached %r, %s %r" % (key[0], key[1], cached, engine, got))
    return bad


def check_canary(engine, canary, outdir):
    """Did the engine recompute the canary's wrong cached value? 0 yes, 1 no."""
    sheet_xml, ref, correct = canary
    wb = openpyxl.load_workbook(os.path.join(outdir, "zz-canary.xlsx"), data_only=True)
    idx = int(re.search(r"sheet(\d+)\.xml", sheet_xml).group(1)) - 1
    got = wb.worksheets[idx][ref].value
    if not same(got, correct):
        print("recalc: %s: FAIL: canary %s!%s holds %r after recalculation, expected %r "
              "(%s did not recalculate)" % (engine, wb.worksheets[idx].title, ref, got,
                                             correct, engine))
        return 1
    print("recalc: %s: canary %s!%s: cached %r corrected to %r"
          % (engine, wb.worksheets[idx].title, ref, CANARY_WRONG, got))
    return 0


def check_engine(engine, convert, paths, cells, canary, work):
    """Recalculate paths and the canary with one engine; returns the failures."""
    outdir = os.path.join(work, engine)
    os.makedirs(outdir)
    warnings = convert(paths + [os.path.join(work, "in", "zz-canary.xlsx")], outdir, work)
    failed = 0
    for line in warnings:
        print("recalc: %s: FAIL: unlisted warning: %s" % (engine, line))
        failed += 1
    for orig in paths:
        name = os.path.basename(orig)
        out = os.path.join(outdir, name)
        bad = compare(cells[orig], out, engine) if os.path.exists(out) else ["no output"]
        print("recalc: %s: %s: %d formula cells, %d differ: %s"
              % (engine, name, len(cells[orig]), len(bad), "ok" if not bad else "FAIL"))
        for line in bad[:50]:
            print("  " + line)
        failed += bool(bad)
    return failed + check_canary(engine, canary, outdir)


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="capex-recalc-")
    try:
        indir = os.path.join(work, "in")
        os.makedirs(indir)
        paths = []
        for p in argv[1:]:
            dst = os.path.join(indir, os.path.basename(p))
            shutil.copyfile(p, dst)
            paths.append(dst)
        canary = make_canary(paths[0], os.path.join(indir, "zz-canary.xlsx"))
        if canary is None:
            print("recalc: FAIL: no numeric formula cell in %s for the canary" % argv[1])
            return 1
        cells = {p: formula_cells(p) for p in paths}
        failed = missing = 0
        for engine, commands, convert, hint in ENGINES:
            if not find(*commands):
                print("recalc: %s: SKIPPED: %s not found (%s)" % (engine, commands[0], hint))
                missing += 1
                continue
            failed += check_engine(engine, convert, paths, cells, canary, work)
        return 1 if failed else 77 if missing else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
