#!/bin/sh
# periods_mc.sh - `capex mc` and the valuation of a quarterly model (issue
# 13): the NPV of every path is discounted at the quarter's rate, as the
# deterministic NPV is; the workbook's Summary states the rate a year and a
# quarter; the table's probabilities by fiscal year are headed FY2026 when the
# fiscal year ends in June, and its label column fits the period titles.
# Figures worked by hand in the comments.
#
# CAPEX (default ./capex) is the binary under test.
. tests/e2e/lib.sh

# Net 10 - 4 = 6 a quarter, Q1..Q4 FY26, discounted at 10% a year, the
# first flow one quarter out: NPV = 6 x (1.1^-0.25 + 1.1^-0.5 + 1.1^-0.75
# + 1.1^-1) = 6 x (0.976454 + 0.953463 + 0.931012 + 0.909091) = 22.620.
# Every input is a point (sd 0): each path is the deterministic model, so
# P(NPV above 22) = 100% and P(NPV above 23) = 0%. (Discounted at 10% a
# quarter instead, the NPV would be 6 x 3.1699 = 19.02.)
cat >"$T/q.yaml" <<'YAML'
model: q-mc
as_of: 2026-01-01
periods: 2026Q1..2026Q4
fiscal_year_end: 6
series:
  revenue.co: {2026Q1: 10}
  costs.co: {2026Q1: 4}
drivers:
  revenue.co: {method: growth, rate: 0%}
  costs.co: {method: growth, rate: 0%}
burn: {revenue: revenue.co, costs: costs.co}
discount: {rate: 10%}
uncertainty:
  revenue.co: {dist: normal, mean: 0%, sd: 0%}
  targets: [{npv_above: 22}, {npv_above: 23}]
YAML
check "mc of a quarterly model" sh -c '"$1" mc "$2" -n -f json --paths 200 >"$3" 2>"$4"' sh \
    "$CAPEX" "$T/q.yaml" "$T/q.json" "$T/err"
check "mc: NPV at the quarter's rate, worked by hand" "$PYTHON" -c '
import json, sys
mc = json.load(open(sys.argv[1]))["monte_carlo"]
want = 6 * sum(1.1 ** -(i / 4) for i in range(1, 5))
npv = mc["npv"]
ok = all(abs(npv[k] - want) < 1e-9 * want for k in ("deterministic", "mean", "min", "max"))
ok = ok and abs(want - 22.620) < 5e-4
ok = ok and [t["probability"] for t in mc["targets"]] == [1, 0]
sys.exit(0 if ok else 1)' "$T/q.json"
check "mc table" sh -c '"$1" mc "$2" -n --paths 200 >"$3" 2>"$4"' sh \
    "$CAPEX" "$T/q.yaml" "$T/q.txt" "$T/err"
check "mc table: NPV row" grep -Eq "^  NPV +22\.6 +22\.6 " "$T/q.txt"
check "mc table: the cumulative's label whole, its columns aligned" "$PYTHON" -c '
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = next(l for l in lines if "determin." in l)
cum = next(l for l in lines if l.startswith("  cumulative net cash flow Q1 FY26..Q4 FY26 "))
npv = next(l for l in lines if l.startswith("  NPV "))
end = head.index("determin.") + len("determin.")
sys.exit(0 if cum.index("24.0") + 4 == end and npv.index("22.6") + 4 == end else 1)' "$T/q.txt"
check "mc table: by fiscal year" grep -Eq "^  payback +FY2026 +never" "$T/q.txt"
# The raw paths workbook by quarter: every path is the deterministic model,
# cumulative net 6, 12, 18, 24 in Q1..Q4 FY26, headed by the quarters'
# titles; 7 paths on rows 2..8.
check "mc --raw of the quarterly model" sh -c '"$1" mc "$2" -n --paths 7 --raw "$3" >"$4" 2>"$5"' \
    sh "$CAPEX" "$T/q.yaml" "$T/raw.xlsx" "$T/raw.txt" "$T/err"
check "raw: quarters as headings, each path worked by hand" "$PYTHON" -c '
import sys, openpyxl
rows = list(openpyxl.load_workbook(sys.argv[1])["Paths"].iter_rows(values_only=True))
ok = rows[0] == ("Q1 FY26", "Q2 FY26", "Q3 FY26", "Q4 FY26") and len(rows) == 8
ok = ok and all(r == (6, 12, 18, 24) for r in rows[1:])
sys.exit(0 if ok else 1)' "$T/raw.xlsx"
check "raw: the table says quarters" grep -q \
    "raw paths: .*raw.xlsx (7 paths x 4 quarters of cumulative net cash flow, Q1 FY26..Q4 FY26)" \
    "$T/raw.txt"

# 1.1^(1/4) - 1 = 0.0241137 a quarter: "2.411% a quarter" (4 digits).
check "workbook of the quarterly model" "$CAPEX" run "$T/q.yaml" -o "$T/q.xlsx" -q
check "Summary: the rate a year and a quarter" "$PYTHON" -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Summary"]
texts = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
sys.exit(0 if "Valuation (discounted at 10% a year, 2.411% a quarter)" in texts else 1)' "$T/q.xlsx"
# The Annual sheet's chart names each series by its label, as the Summary's
# charts do (its rows keep the series' keys, as Projection's).
cat >"$T/lab.yaml" <<'YAML'
model: labels-q
as_of: 2026-01-01
periods: 2026Q1..2027Q4
series:
  revenue.co: {label: "매출 Revenue", values: {2026Q1: 10}}
  costs.co: {label: Operating costs, values: {2026Q1: 4}}
drivers:
  revenue.co: {method: growth, rate: 0%}
  costs.co: {method: growth, rate: 0%}
burn: {revenue: revenue.co, costs: costs.co}
YAML
check "workbook with labels" "$CAPEX" run "$T/lab.yaml" -o "$T/lab.xlsx" -q
check "Annual chart: labels, not keys" "$PYTHON" -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set()
for n in z.namelist():
    if n.startswith("xl/charts/chart"):
        x = z.read(n).decode("utf-8")
        if "By fiscal year" in x:
            names |= set(re.findall(r"<c:tx><c:v>([^<]*)</c:v>", x))
sys.exit(0 if names == {"매출 Revenue", "Operating costs"} else 1)' "$T/lab.xlsx"
finish periods_mc
