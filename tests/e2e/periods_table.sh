#!/bin/sh
# periods_table.sh - `capex run`'s table of a monthly or quarterly model
# (issue 13): by fiscal year by default (flows summed, balances at the
# year's end, a partial year said so), every period with --periods; an
# annual model's table the same with or without it. Figures worked by hand
# in the comments.
#
# CAPEX (default ./capex) is the binary under test.
. tests/e2e/lib.sh

# Mar 2026..Dec 2027: 2026 holds 10 of its 12 months (a partial year).
# revenue 2 a month, costs 5 a month, both flat: 2027 revenue 12 x 2 = 24,
# costs 12 x 5 = 60, net 24 - 60 = -36; 2026's flows have no total.
# headcount (a balance) 10 in Mar 2026 to 19 in Dec 2026, then flat: 19 at
# the end of 2026 (its last month is inside) and of 2027.
# cumulative at the end of 2026: 10 months x -3 = -30; of 2027: -30 - 36
# = -66. Cash 100 at the start: 100 - 30 = 70, 70 - 36 = 34.
# Lease: 24 in 2027 (2 a month); 2026 partial.
cat >"$T/partial.yaml" <<'YAML'
model: partial-year
as_of: 2026-01-01
periods: 2026-03..2027-12
series:
  revenue.app: {2026-03: 2}
  costs.app: {2026-03: 5}
  headcount.app: {kind: balance, unit: people, values: {2026-03: 10, 2026-12: 19}}
drivers:
  revenue.app: {method: growth, rate: 0%}
  costs.app: {method: growth, rate: 0%}
  headcount.app: {method: growth, rate: 0%}
commitments:
  - {name: Lease, total: 24, start: 2027, years: 1}
burn: {revenue: revenue.app, costs: costs.app, cash: 100}
YAML

# Quarterly, fiscal year ending in June (2025Q1 = Jul..Sep 2024):
# revenue FY2025 = 10 + 11 + 12 + 13 = 46, FY2026 = 14 + 15 + 16 + 17 = 62;
# headcount at the year's last quarter: 130 and 170.
cp tests/e2e/models/fiscal-quarters.yaml "$T/fiscal.yaml"

for m in partial fiscal; do
    check "table of $m" sh -c '"$1" run "$2" -n >"$3" 2>"$4"' sh "$CAPEX" \
        "$T/$m.yaml" "$T/$m.txt" "$T/err"
    check "table of $m --periods" sh -c '"$1" run "$2" -n --periods >"$3" 2>"$4"' sh \
        "$CAPEX" "$T/$m.yaml" "$T/$m-periods.txt" "$T/err"
done

if "$PYTHON" - "$T" >"$T/err" 2>&1 <<'PY'
import sys
D = sys.argv[1]
failed = []

def rows(name):
    """label -> the cells after its first row, split on blanks (labels
    are one word; the table's rows come before the growth and burn's)."""
    with open(f"{D}/{name}.txt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    cells = {}
    for l in lines:
        if l.split():
            cells.setdefault(l.split()[0], l.split()[1:])
    return lines, cells

def expect(name, label, want):
    got = rows(name)[1].get(label)
    if got != want:
        failed.append(f"{name}: {label}: got {got}, expected {want}")

def has(name, line):
    if line not in rows(name)[0]:
        failed.append(f"{name}: no line {line!r}")

expect("partial", "series", ["2026", "2027"])
expect("partial", "revenue.app", ["partial", "24.0"])
expect("partial", "costs.app", ["partial", "60.0"])
expect("partial", "headcount.app", ["19.0", "19.0"])
expect("partial", "cumulative", ["-30.0", "-66.0"])
expect("partial", "Lease", ["partial", "24.0"])
commit = [l.split()[1:] for l in rows("partial")[0] if l.startswith("total ")]
if commit[-1:] != [["partial", "24.0"]]:
    failed.append(f"partial: commitments' total {commit}")
lines = rows("partial")[0]
net = [l.split()[3:] for l in lines if l.startswith("net cash flow")]
if net[:1] != [["partial", "-36.0"]]:
    failed.append(f"partial: net cash flow {net}")
cash = [l.split()[4:] for l in lines if l.startswith("cash at year end")]
if cash != [["70.0", "34.0"]]:
    failed.append(f"partial: cash at year end {cash}")
has("partial", "(by year: flows summed, balances at the year's end; "
    "--periods prints every period)")
has("partial", "(2026: Mar 2026..Dec 2026 only, a partial year: flows not totalled)")
# The burn's figures stay by period: 22 months of -3 from 100 never run out.
has("partial", "  runway                 the whole horizon")

# --periods: 22 months, Mar 2026..Dec 2027, each "Mon YYYY" (two words).
head = rows("partial-periods")[1]["series"]
if len(head) != 44 or head[:2] != ["Mar", "2026"] or head[-2:] != ["Dec", "2027"]:
    failed.append(f"partial --periods: header {head[:4]}...{head[-2:]} ({len(head)} words)")
rev = rows("partial-periods")[1]["revenue.app"]
if len(rev) != 22 or rev[0] != "2.0" or rev[-1] != "2.0*":
    failed.append(f"partial --periods: revenue {rev}")
cash = [l for l in rows("partial-periods")[0] if l.startswith("cash at period end")]
if not cash or cash[0].split()[4:6] != ["97.0", "94.0"] or cash[0].split()[-1] != "34.0":
    failed.append(f"partial --periods: cash {cash}")

expect("fiscal", "series", ["FY2025", "FY2026"])
expect("fiscal", "revenue.co", ["46.0", "62.0"])
expect("fiscal", "headcount.co", ["130.0", "170.0"])
has("fiscal", "(by fiscal year ending in June: flows summed, balances at the year's "
    "end; --periods prints every period)")
expect("fiscal-periods", "series", ["Q1", "FY25", "Q2", "FY25", "Q3", "FY25", "Q4", "FY25",
                                    "Q1", "FY26", "Q2", "FY26", "Q3", "FY26", "Q4", "FY26"])
for f in failed:
    print(f)
sys.exit(1 if failed else 0)
PY
then ok "tables worked by hand"; else bad "tables worked by hand"; fi

# A quarterly trend and a monthly gap, worked by hand.
# Linear fit on x = 2025, 2025.25, 2025.5, 2025.75 (Q1..Q4 FY25), v = 10, 11,
# 12.5, 13: mean x 2025.375, mean v 11.625; sum dx*dv = 0.609375 + 0.078125
# + 0.109375 + 0.515625 = 1.3125, sum dx^2 = 0.3125, slope 4.2; Q1 FY26
# (x = 2026): 11.625 + 4.2 x 0.625 = 14.25. Growth 13/10 = 1.30x over
# Q1..Q4 FY25. The window and the span are titles, and the columns after
# them line up with their headings.
cat >"$T/trend.yaml" <<'YAML'
model: trend-q
as_of: 2026-01-01
periods: 2025Q1..2026Q4
series:
  revenue.co: {2025Q1: 10, 2025Q2: 11, 2025Q3: 12.5, 2025Q4: 13}
drivers:
  revenue.co: {method: trend, fit: linear}
YAML
"$CAPEX" run "$T/trend.yaml" -n >"$T/trend.txt" 2>"$T/err"
"$CAPEX" explain "$T/trend.yaml" revenue.co >"$T/trend-explain.txt" 2>"$T/err"
"$CAPEX" run "$T/trend.yaml" -n -f json >"$T/trend.json" 2>"$T/err"
# headcount 10 in Jan 2026, 18 in May 2026, 20 in Jul 2026: Feb..Apr are
# filled (3 months, one note for them), Jun alone (its own note).
cat >"$T/gap.yaml" <<'YAML'
model: gap-m
as_of: 2026-01-01
periods: 2026-01..2026-12
series:
  headcount.co: {kind: balance, unit: people, values: {2026-01: 10, 2026-05: 18, 2026-07: 20}}
YAML
"$CAPEX" run "$T/gap.yaml" -n >/dev/null 2>"$T/gap.err"
if "$PYTHON" - "$T" >"$T/err" 2>&1 <<'PY'
import sys
D = sys.argv[1]
failed = []
lines = open(f"{D}/trend.txt", encoding="utf-8").read().splitlines()
def pair(head, row):
    h = next((l for l in lines if l.startswith(head)), None)
    r = next((l for l in lines if l.startswith(row) and l is not h
              and lines.index(l) == lines.index(h) + 1), None) if h else None
    return h, r
h, r = pair("growth (stated periods)", "revenue.co")
# (13/10)^(4/3) - 1 = 0.4186 a year; (13/10)^(1/3) - 1 = 0.0914 a quarter
if not r or r.split()[1:] != ["Q1", "FY25..Q4", "FY25", "1.30x", "41.9%", "9.1%"]:
    failed.append(f"growth row {r!r}")
elif h.index("multiple") + len("multiple") != r.index("1.30x") + len("1.30x"):
    failed.append(f"growth columns do not line up:\n{h}\n{r}")
h, r = pair("trend fits", "revenue.co")
if not r or r.split()[1:5] != ["linear", "Q1", "FY25..Q4", "FY25"] or r.split()[5] != "4":
    failed.append(f"trend row {r!r}")
elif h.index("points") + len("points") != r.index(" 4 ") + 2:
    failed.append(f"trend columns do not line up:\n{h}\n{r}")
ex = open(f"{D}/trend-explain.txt", encoding="utf-8").read()
for want in ("linear over Q1 FY25..Q4 FY25 (4 points)", "v(t) = -8494.95 + 4.2*t",
             "Q1 FY26        14.25  = the linear fit in Q1 FY26"):
    if want not in ex:
        failed.append(f"explain: no {want!r}")
import json
fit = json.load(open(f"{D}/trend.json", encoding="utf-8"))["series"][0]["fit"]
if (fit["from"], fit["to"], fit["points"], fit["b"]) != ("2025Q1", "2025Q4", 4, 4.2):
    failed.append(f"json fit {fit}")
growth = json.load(open(f"{D}/trend.json", encoding="utf-8"))["series"][0]["growth"]
if abs(growth["cagr_per_period"] - (1.3 ** (1 / 3) - 1)) > 1e-12:
    failed.append(f"json growth {growth}")
gh = next((l for l in lines if l.startswith("growth (stated periods)")), "")
if not gh.endswith("CAGR  a quarter"):
    failed.append(f"growth heading {gh!r}")
err = open(f"{D}/gap.err", encoding="utf-8").read()
want = ["headcount.co Feb 2026..Apr 2026: interpolated between Jan 2026 and May 2026 (3 months)",
        "headcount.co Jun 2026: interpolated between May 2026 and Jul 2026"]
got = [l.split("note: ", 1)[1] for l in err.splitlines() if "interpolated" in l]
if got != want:
    failed.append(f"gap notes {got}")
for f in failed:
    print(f)
sys.exit(1 if failed else 0)
PY
then ok "trend, growth span and gap notes by period"; else bad "trend, growth span and gap notes by period"; fi

# A monthly burn with a scenario, worked by hand: revenue 2 and costs 5 a
# month, cash 20. Net -3 a month: cumulative -36 by Dec 2026 (its peak),
# cash 20 - 3m: 2 after Jun, -1 after Jul: runs out in Jul 2026, runway
# 6 + 2/3 = 6.7 months; gap 36 - 20 = 16, at least (still burning).
# `lean` halves costs each month: net -3, -0.5, +0.75 (Mar), +1.375, +1.6875:
# cumulative -3, -3.5 (peak, Feb), -2.75, -1.375, +0.3125 (payback: May).
# With cash 40 the cash lasts (40 - 36 = 4 left): gap 0, still burning.
cp tests/e2e/models/monthly-lean.yaml "$T/scen.yaml"
sed 's/cash: 20}/cash: 40}/' "$T/scen.yaml" >"$T/scen40.yaml"
"$CAPEX" run "$T/scen.yaml" -n -s all >"$T/scen.txt" 2>"$T/err"
"$CAPEX" run "$T/scen40.yaml" -n >"$T/scen40.txt" 2>"$T/err"
"$CAPEX" run tests/cases/depreciation.yaml -n -s all >"$T/dep.txt" 2>"$T/err"
"$CAPEX" explain "$T/scen.yaml" burn >"$T/scen-explain.txt" 2>"$T/err"
if "$PYTHON" - "$T" >"$T/err" 2>&1 <<'PY'
import sys
D = sys.argv[1]
failed = []
text = open(f"{D}/scen.txt", encoding="utf-8").read().splitlines()
def row(lines, label):
    return next((l[len(label):].split() for l in lines if l.startswith(label + " ")), None)
want = {
    "  break-even month": ["not", "within", "horizon"],
    "  opening cash, Jan 2026": ["20.0"],
    "  funding gap": ["at", "least", "16.0", "(not", "funded", "within", "the", "horizon:",
                      "still", "burning", "in", "Dec", "2026)"],
    "  runway": ["6.7", "months", "(cash", "runs", "out", "in", "Jul", "2026)"],
    "Cumulative net cash flow Jan 2026\u2013Dec 2026": ["-36.0", "14.0", "-36.0", "-36.0"],
    "Peak burn month": ["Dec", "2026", "Feb", "2026", "Dec", "2026", "Dec", "2026"],
    "Break-even month": ["n/a", "Mar", "2026", "n/a", "n/a"],
    "Payback month": ["n/a", "May", "2026", "n/a", "n/a"],
    "Cash runs out (month)": ["Jul", "2026", "n/a", "Jul", "2026", "Jul", "2026"],
}
for label, cells in want.items():
    if row(text, label) != cells:
        failed.append(f"{label!r}: got {row(text, label)}, expected {cells}")
# the labels' column is as wide as the longest label: columns line up
head = next(l for l in text if l.startswith("output "))
cum = next(l for l in text if l.startswith("Cumulative net cash flow"))
if head.index("base") + 4 != cum.index("-36.0") + 5:
    failed.append(f"scenario columns:\n{head}\n{cum}")
t40 = open(f"{D}/scen40.txt", encoding="utf-8").read().splitlines()
if row(t40, "  funding gap") != ["0.0", "(the", "cash", "lasts", "the", "horizon;", "still",
                                 "burning", "in", "Dec", "2026)"]:
    failed.append(f"cash 40: funding gap {row(t40, '  funding gap')}")
# explain burn speaks of months, its columns under their headings
ex = open(f"{D}/scen-explain.txt", encoding="utf-8").read().splitlines()
for want in ("  months   Jan 2026..Dec 2026",
             "                  first month with net >= 0 after a month below 0",
             "  funding gap     at least 16.00 = the lowest month-end cash below 0, negated",
             "                  not funded within the horizon: still burning in the last month"):
    if want not in ex:
        failed.append(f"explain burn: no line {want!r}")
head = next((l for l in ex if l.startswith("  month ")), "")
jan = next((l for l in ex if l.startswith("  Jan 2026 ")), "")
if not head or not jan or head.index("net") + 3 != jan.index("-3.00") + 5:
    failed.append(f"explain burn columns:\n{head}\n{jan}")
# an annual model: a long label whole, not cut at 40 columns
dep = open(f"{D}/dep.txt", encoding="utf-8").read()
if "Accumulated depreciation \u2014 Plant A capex, 2031 " not in dep:
    failed.append("annual scenarios: the long label is cut")
for f in failed:
    print(f)
sys.exit(1 if failed else 0)
PY
then ok "monthly burn and scenarios by month, worked by hand"; else bad "monthly burn and scenarios by month, worked by hand"; fi

# An annual model: the same table, byte for byte, with or without --periods.
"$CAPEX" run inputs/ai-lab-burn.yaml -n >"$T/a1" 2>/dev/null
"$CAPEX" run inputs/ai-lab-burn.yaml -n --periods >"$T/a2" 2>/dev/null
check "annual model: --periods changes nothing" cmp -s "$T/a1" "$T/a2"
check "annual model: still by year" grep -q "^series  *2026  *2027" "$T/a1"
finish periods_table
