#!/usr/bin/python3
"""scenario_switch.py - does the workbook's scenario selector give what the
engine computes under each scenario?

usage: scenario_switch.py CAPEX MODEL.yaml [...]

For every model: capex writes the workbook (base); the selector's list
(the defined name scenario_names) must be base plus the model's scenarios
as `capex run -s all --format json` names them (the automatic low / high
left out); then, for every name, a copy with the `scenario` cell set to it
(openpyxl keeps the formulas) is recalculated by LibreOffice (recalc.py's
throwaway profile, OOXMLRecalcMode 0) and, when it is installed, by
Gnumeric (ssconvert --recalc). Read back, every Projection series / year,
the Burn rows and figures, the Checks' computed figures and statuses and the
Valuation figures must equal `capex run MODEL --scenario NAME --format json`
(numbers to 1e-9 relative; IRR and XIRR, which the spreadsheets find by
iteration, to 1e-7). openpyxl saves the copies without cached values, so
every figure read back was computed by the spreadsheet engine: a copy the
engine did not recalculate reads back empty and fails.

Exit status 0 all equal, 1 a difference, 77 LibreOffice missing.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recalc  # noqa: E402

warnings.filterwarnings("ignore", message="Workbook contains no default style")
warnings.filterwarnings("ignore", message="Data Validation extension")

BURN_FIGURES = {"Peak cumulative burn": "peak_burn", "Peak burn year": "peak_year",
                "Break-even year": "break_even_year", "Payback year": "payback_year",
                "Total burn": "total_burn", "Trough": "trough", "Trough year": "trough_year",
                "Runway (months)": "runway_months",
                "Cash runs out (fractional year)": "runway_end",
                "Funding gap": "funding_gap"}
BURN_ROWS = {"Net cash flow": "net", "Cumulative": "cumulative",
             "Cash at end of year": "cash", "Cash at end of month": "cash",
             "Cash at end of quarter": "cash"}
# A monthly or quarterly sheet's words for the figures above.
for _w in ("month", "quarter"):
    BURN_FIGURES.update({"Peak burn " + _w: "peak_year", "Break-even " + _w: "break_even_year",
                         "Payback " + _w: "payback_year", "Trough " + _w: "trough_year",
                         "Cash runs out (fractional fiscal year)": "runway_end"})
VALUATION = [(14, "npv", 1e-9), (15, "npv_t0", 1e-9), (16, "xnpv", 1e-9),
             (17, "irr", 1e-7), (18, "xirr", 1e-7)]


def engine(capex, model, scenario):
    run = subprocess.run([capex, "run", model, "--scenario", scenario, "--format", "json",
                          "-n"], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def same(want, got, rel=1e-9):
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return isinstance(got, (int, float)) and (
            want == got or abs(want - got) <= rel * max(abs(want), abs(got)) or
            abs(want - got) < 1e-12)
    if want is None:            # no figure: the sheet says so in words
        return isinstance(got, str) or got is None
    return want == got


def year_columns(ws, row):
    """Column of each year (a number) or period (its title, "Mar 2026")."""
    return {c.value: c.column for c in ws[row]
            if (isinstance(c.value, int) and c.value > 1800) or isinstance(c.value, str)}


def period(v):
    """A JSON value's column key: its period's title, else its year."""
    return v.get("label", v["year"])


def titles(js):
    """Period key -> title ("2026-03" -> "Mar 2026") of a monthly or
    quarterly model's JSON; empty for an annual one."""
    out = {}
    for s in js["series"]:
        for v in s["values"]:
            if "label" in v:
                out[v["year"]] = v["label"]
    return out


def check_projection(wb, js, out):
    ws = wb["Projection"]
    years = year_columns(ws, 4)
    rows = {}
    for r in range(5, ws.max_row + 1):     # the value row, not the chart rows
        rows.setdefault(ws.cell(r, 1).value, r)
    n = 0
    for s in js["series"]:
        r = rows.get(s["name"])
        # Column C names the method of an input series ("formula", "sum" else).
        method = (s.get("driver") or {}).get("method") if s.get("kind") == "input" else None
        if method and r is not None:
            n += 1
            if ws.cell(r, 3).value != method:
                out.append("Projection %s method: engine %r, sheet %r"
                           % (s["name"], method, ws.cell(r, 3).value))
        for v in s["values"]:
            if v.get("value") is None or r is None:
                continue
            got = ws.cell(r, years[period(v)]).value
            n += 1
            if not same(v["value"], got):
                out.append("Projection %s %s: engine %r, sheet %r"
                           % (s["name"], v["year"], v["value"], got))
    return n


def check_burn(wb, js, out):
    if "Burn" not in wb.sheetnames or not js.get("burn"):
        return 0
    ws, burn, n = wb["Burn"], js["burn"], 0
    years, names = year_columns(ws, 3), titles(js)
    for r in range(1, ws.max_row + 1):
        label = ws.cell(r, 1).value
        if label in BURN_FIGURES and BURN_FIGURES[label] in burn:
            want, got = burn[BURN_FIGURES[label]], ws.cell(r, 2).value
            want = names.get(want, want) if isinstance(want, str) else want
            n += 1
            if not same(want, got):
                out.append("Burn %s: engine %r, sheet %r" % (label, want, got))
        if label in BURN_ROWS:
            for y in burn["years"]:
                want, got = y[BURN_ROWS[label]], ws.cell(r, years[period(y)]).value
                n += 1
                if not same(want, got):
                    out.append("Burn %s %s: engine %r, sheet %r" % (label, y["year"], want, got))
    return n


def check_checks(wb, js, out):
    ws, n = wb["Checks"], 0
    rows = [r for r in range(4, ws.max_row + 1) if ws.cell(r, 10).value in ("pass", "warn")]
    if len(rows) != len(js["checks"]):
        out.append("Checks: %d result rows, engine %d checks" % (len(rows), len(js["checks"])))
        return 0
    for r, c in zip(rows, js["checks"]):
        n += 2
        if c.get("computed") is not None and not same(c["computed"], ws.cell(r, 7).value):
            out.append("Checks row %d computed: engine %r, sheet %r"
                       % (r, c["computed"], ws.cell(r, 7).value))
        if c["status"] != ws.cell(r, 10).value:
            out.append("Checks row %d status: engine %r, sheet %r"
                       % (r, c["status"], ws.cell(r, 10).value))
    return n


def check_valuation(wb, js, out):
    if "Valuation" not in wb.sheetnames or not js.get("discount"):
        return 0
    ws, d, n = wb["Valuation"], js["discount"], 0
    for row, key, rel in VALUATION:
        if d.get(key) is None:
            continue
        n += 1
        if not same(d[key], ws.cell(row, 2).value, rel):
            out.append("Valuation %s: engine %r, sheet %r" % (key, d[key], ws.cell(row, 2).value))
    return n


def selector(path):
    wb = openpyxl.load_workbook(path)
    names = wb.defined_names
    if "scenario" not in names or "scenario_names" not in names:
        return None
    sheet, ref = list(names["scenario_names"].destinations)[0]
    cells = wb[sheet][ref.replace("$", "")]
    return [c.value for row in cells for c in row]


def set_scenario(src, dst, name):
    wb = openpyxl.load_workbook(src)
    sheet, ref = list(wb.defined_names["scenario"].destinations)[0]
    wb[sheet][ref.replace("$", "")] = name
    wb.save(dst)


def prepare(capex, models, work):
    """Workbook copies [(model, scenario, path)] and failures."""
    jobs, fails = [], []
    for model in models:
        base = os.path.join(work, os.path.basename(model).replace(".yaml", ".xlsx"))
        subprocess.run([capex, "run", model, "-q", "-o", base], check=True)
        allj = engine(capex, model, "all")
        named = [s["name"] for s in allj.get("scenarios") or []
                 if not s["automatic"] and s["name"] != "base"]
        names = selector(base)
        if not named:
            if names is not None:
                fails.append("%s: a selector without named scenarios" % model)
            continue
        if names != ["base"] + named:
            fails.append("%s: selector lists %r, expected %r" % (model, names, ["base"] + named))
            continue
        for name in names:
            dst = base.replace(".xlsx", "--%s.xlsx" % name)
            set_scenario(base, dst, name)
            jobs.append((model, name, dst))
    return jobs, fails


def compare(capex, jobs, outdir, engine_name):
    fails, cells = [], 0
    for model, name, path in jobs:
        got = os.path.join(outdir, os.path.basename(path))
        if not os.path.exists(got):
            fails.append("%s %s: %s wrote nothing" % (model, name, engine_name))
            continue
        wb = openpyxl.load_workbook(got, data_only=True)
        js, out = engine(capex, model, name), []
        n = sum(f(wb, js, out) for f in (check_projection, check_burn, check_checks,
                                          check_valuation))
        cells += n
        print("scenario_switch: %s: %s --scenario %s: %d figures, %d differ"
              % (engine_name, os.path.basename(model), name, n, len(out)))
        fails += ["  %s %s: %s" % (os.path.basename(model), name, line) for line in out[:20]]
    return fails


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    if not recalc.soffice():
        print("scenario_switch: SKIPPED: LibreOffice not found")
        return 77
    capex, models = argv[1], argv[2:]
    work = tempfile.mkdtemp(prefix="capex-switch-")
    try:
        jobs, fails = prepare(capex, models, work)
        paths = [p for _, _, p in jobs]
        for engine_name, cmds, convert, _ in recalc.ENGINES:
            if not recalc.find(*cmds):
                print("scenario_switch: %s: SKIPPED (not installed)" % engine_name)
                continue
            outdir = os.path.join(work, engine_name)
            os.makedirs(outdir)
            # Loading warnings are not checked here: they are about openpyxl's
            # rewriting of the copy (headers, charts), not about the workbook
            # capex wrote, which recalc.py checks.
            convert(paths, outdir, work)
            fails += compare(capex, jobs, outdir, engine_name)
        for line in fails:
            print("scenario_switch: FAIL: " + line)
        return 1 if fails else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
