#!/usr/bin/python3
"""mc_expect.py - every output of `capex mc` kept equal to the figures recorded
before the Monte Carlo engine was rewritten for speed (issue 18).

usage: mc_expect.py CAPEX [--record]

Issue 18 rewrote the per-path plan and the statistics of `capex mc` with the
rule that nothing computed may change: for a given seed every output stays
identical for any -j and equal to the outputs of the engine before the rewrite
within 1e-12 relative (floating-point reordering only). This test holds that
rule. tests/mc_expect/*.json are those earlier outputs, recorded once with
--record from the engine of commit 6feb89b; they are a regression reference,
not a derivation of correctness (lab-formula-s1 was recorded later, by the
same engine with formula series hooked in, main at 8399e0a, before the
rewrite reached them): the figures themselves are checked against
hand-worked values and GSL in tests/unit/test_mc.c and against LibreOffice in
tests/e2e/run.sh.

For each run below (every model with an `uncertainty:` section in inputs/ and
tests/cases/, and bench/mc/lab.yaml; several seeds; path counts on both sides
of the bracketed selection's threshold of 65,536; a scenario and extra
percentiles; a raw-paths workbook) it runs capex with -j 1 and -j 2 and checks
  - the JSON on stdout and the workbook are identical bytes for both -j
    (the workbook's path in the JSON aside);
  - every number of the JSON's monte_carlo section, every number on the
    MonteCarlo sheet and in the sampled rows of the raw-paths workbook equal
    the recorded ones within 1e-12 relative, in the same places. Texts are
    not compared: labels come from the model files and the writers, which
    change on their own (the recorded files keep the whole JSON as it was).
A mean is compared relative to its figure's spread (the largest magnitude
among the figures beside it: sd, percentiles, min, max; on the sheet, its
row): a mean near 0 of values far from 0 carries a rounding error of the
order of 1e-16 x sqrt(paths) x the spread, larger than 1e-12 of itself. The
recorded engine summed the paths one after another; the new one sums them
block by block, more exactly. Example, inputs/ai-lab-burn.yaml seed 1, the NPV
over 70,000 paths (sd 52.6): the mean summed in long double with Kahan
compensation is 0.20821022806028698; recorded 0.20821022806165956 (off by
1.4e-12), now 0.20821022806027933 (off by 7.7e-15).
Prints "ok"/"FAIL" lines; exits 1 on any failure.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

REL = 1e-12
HERE = os.path.dirname(os.path.abspath(__file__))
EXPECT = os.path.join(HERE, "..", "mc_expect")

# name, model, extra arguments
RUNS = [
    ("lab-s1", "bench/mc/lab.yaml", ["--paths", "70000", "--seed", "1"]),
    ("lab-s7", "bench/mc/lab.yaml", ["--paths", "70000", "--seed", "7"]),
    ("lab-s12345-small", "bench/mc/lab.yaml", ["--paths", "3000", "--seed", "12345"]),
    ("ai-lab-s1", "inputs/ai-lab-burn.yaml", ["--paths", "70000", "--seed", "1"]),
    ("ai-lab-s9-pct", "inputs/ai-lab-burn.yaml",
     ["--paths", "5000", "--seed", "9", "--percentiles", "1,99,50.5"]),
    ("case-s1", "tests/cases/montecarlo.yaml", ["--paths", "70000", "--seed", "1"]),
    ("case-s3-bear", "tests/cases/montecarlo.yaml",
     ["--paths", "9000", "--seed", "3", "-s", "bear", "--percentiles", "1,99"]),
    ("case-s2-small", "tests/cases/montecarlo.yaml", ["--paths", "777", "--seed", "2"]),
    ("lab-formula-s1", "bench/mc/lab-formula.yaml", ["--paths", "70000", "--seed", "1"]),
]
# raw-paths workbooks: name, model, arguments; rows kept: every RAW_STEP-th
RAW = [
    ("lab-raw", "bench/mc/lab.yaml", ["--paths", "5000", "--seed", "4"]),
    ("case-raw-revenue", "tests/cases/montecarlo.yaml",
     ["--paths", "5000", "--seed", "5", "--raw-series", "revenue.lab", "--raw-only"]),
]
RAW_STEP = 97


def sheet_cells(book, sheet):
    """{cell: number or text} of one sheet's cached values."""
    with zipfile.ZipFile(book) as z:
        names = re.findall(r'<sheet name="([^"]*)"', z.read("xl/workbook.xml").decode())
        xml = z.read("xl/worksheets/sheet%d.xml" % (names.index(sheet) + 1)).decode()
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            sst = z.read("xl/sharedStrings.xml").decode()
            strings = [re.sub(r"<[^>]+>", "", s)
                       for s in re.findall(r"<si>(.*?)</si>", sst, re.S)]
    cells = {}
    for m in re.finditer(r'<c r="([A-Z]+)([0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', xml, re.S):
        col, row, attrs, body = m.group(1), int(m.group(2)), m.group(3), m.group(4) or ""
        v = re.search(r"<v>(.*?)</v>", body)
        f = re.search(r"<f>(.*?)</f>", body)
        if not v and not f:
            continue
        key = "%s%d" % (col, row)
        if 't="s"' in attrs:
            cells[key] = strings[int(v.group(1))]
        elif 't="str"' in attrs:
            cells[key] = v.group(1) if v else ""
        elif v:
            cells[key] = float(v.group(1))
        if f:
            cells[key + "=f"] = f.group(1)
    return cells


def raw_rows(book):
    cells = sheet_cells(book, re.findall(
        r'<sheet name="([^"]*)"',
        zipfile.ZipFile(book).read("xl/workbook.xml").decode())[0])
    return {k: v for k, v in cells.items()
            if int(re.sub(r"[A-Z]+|=f", "", k)) % RAW_STEP in (1, 2)}


def numbers(x):
    """The numbers in x and one level below."""
    vals = x.values() if isinstance(x, dict) else x
    out = []
    for v in vals:
        if isinstance(v, (dict, list)):
            out += [w for w in (v.values() if isinstance(v, dict) else v)
                    if isinstance(w, (int, float)) and not isinstance(w, bool)]
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            out.append(v)
    return [abs(v) for v in out if v == v and abs(v) != float("inf")]


def by_row(cells):
    """Sheet cells {A1: v} as rows {1: {A: v}}."""
    rows = {}
    for k, v in cells.items():
        m = re.match(r"([A-Z]+)([0-9]+)(=f)?$", k)
        rows.setdefault(int(m.group(2)), {})[m.group(1) + (m.group(3) or "")] = v
    return rows


def same(a, b, where, problems, scale=0.0):
    if isinstance(a, dict) and isinstance(b, dict):
        if sorted(a) != sorted(b):
            problems.append("%s: keys %s != %s" % (where, sorted(a)[:8], sorted(b)[:8]))
            return
        spread = max(numbers(b) or [0.0])
        for k in a:
            row = re.search(r"\.(workbook|raw)\.[0-9]+$", where)
            same(a[k], b[k], "%s.%s" % (where, k), problems,
                 spread if (k == "mean" or row) else 0.0)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            problems.append("%s: %d items != %d" % (where, len(a), len(b)))
            return
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, "%s[%d]" % (where, i), problems)
    elif (isinstance(a, (int, float)) and isinstance(b, (int, float))
          and not isinstance(a, bool) and not isinstance(b, bool)):
        if not (a == b or abs(a - b) <= REL * max(abs(a), abs(b), scale)):
            problems.append("%s: %r != %r (recorded)" % (where, a, b))
    elif isinstance(a, (int, float)) != isinstance(b, (int, float)):
        problems.append("%s: %r != %r (recorded)" % (where, a, b))


def run(capex, model, args, out_args, tmp):
    env = dict(os.environ, LC_ALL="C", TZ="UTC", NO_COLOR="1", TERM="dumb")
    p = subprocess.run([capex, "mc", model] + args + out_args, capture_output=True,
                       env=env, cwd=os.path.join(HERE, "..", ".."))
    if p.returncode != 0:
        raise SystemExit("capex mc %s %s: exit %d\n%s" % (model, " ".join(args),
                                                          p.returncode, p.stderr.decode()))
    return p.stdout


def outputs(capex, model, args, tmp, j):
    book = os.path.join(tmp, "mc%d.xlsx" % j)
    out = run(capex, model, args, ["-j", str(j), "-o", book, "-f", "json"], tmp)
    doc = json.loads(out)
    doc.pop("workbook", None)
    text = re.sub(rb'"workbook": *"[^"]*",?', b"", out)
    return {"json": doc, "workbook": sheet_cells(book, "MonteCarlo")}, text, \
        open(book, "rb").read()


def raw_outputs(capex, model, args, tmp, j):
    raw = os.path.join(tmp, "raw%d.xlsx" % j)
    run(capex, model, args, ["-j", str(j), "-n", "-q", "--raw", raw], tmp)
    return {"raw": raw_rows(raw)}, b"", open(raw, "rb").read()


def check(name, got, text1, text2, book1, book2, record, fails):
    path = os.path.join(EXPECT, name + ".json")
    if record:
        os.makedirs(EXPECT, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(got, f, indent=0, sort_keys=True, ensure_ascii=False)
            f.write("\n")
    problems = []
    if text1 != text2:
        problems.append("stdout differs between -j 1 and -j 2")
    if book1 != book2:
        problems.append("workbook bytes differ between -j 1 and -j 2")
    want = json.load(open(path, encoding="utf-8"))
    if "json" in got:
        got["json"], want["json"] = got["json"]["monte_carlo"], want["json"]["monte_carlo"]
    for part in ("workbook", "raw"):
        if part in got:
            got[part], want[part] = by_row(got[part]), by_row(want[part])
    same(got, want, name, problems)
    for p in problems[:10]:
        print("  " + p)
    print("%s mc expectation %s" % ("FAIL" if problems else "ok", name))
    fails += bool(problems)
    return fails


def main(argv):
    capex = os.path.abspath(argv[1])
    record = "--record" in argv[2:]
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, model, args in RUNS:
            a, t1, b1 = outputs(capex, model, args, tmp, 1)
            _, t2, b2 = outputs(capex, model, args, tmp, 2)
            fails = check(name, a, t1, t2, b1, b2, record, fails)
        for name, model, args in RAW:
            a, t1, b1 = raw_outputs(capex, model, args, tmp, 1)
            _, t2, b2 = raw_outputs(capex, model, args, tmp, 2)
            fails = check(name, a, t1, t2, b1, b2, record, fails)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
