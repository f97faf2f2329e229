#!/bin/sh
# import_periods.sh - imports into monthly and quarterly models (issue 13):
# the wide layout with period headers (2026-01, 2025Q1, workbook dates),
# the long layout's `period` column (also with years in an annual model),
# years spread over their periods by a `spread` column, `kind: balance`
# from a `kind` column. Every expected figure is worked by hand in a
# comment; bad keys are in tests/bad/csv_period_*.
#
# CAPEX is the binary under test; PYTHON must see python3-openpyxl.
. tests/e2e/lib.sh
export NO_COLOR=1

# ---- a monthly model, Jan 2026..Dec 2027 ------------------------------------
# revenue.app: 10, 11, 12 in Jan..Mar 2026 (wide, month headers), then flat
#   (growth 0%): 2026 = 10 + 11 + 12 + 9 x 12 = 141; 2027 = 12 x 12 = 144.
# costs.app (long, `period` column): 5 in Jan 2026, 6 in Feb 2026.
# opex.app: 120 for 2026 and 240 for 2027, spread evenly: 10 a month in
#   2026, 20 a month in 2027; the year totals 120 and 240 again.
# hc.app (kind balance, spread last): 30 at Dec 2026, 36 at Dec 2027; the
#   months between interpolated: Jun 2027 = 30 + (36 - 30) x 6/12 = 33;
#   by year the balance at the year's end: 30 and 36 (a flow would sum).
# grants.app (workbook, dates as headers): 1 in Jan, 2 in Feb, 3 in Mar
#   2026 (the dates 2026-01-31, 2026-02-28 and the text 2026-03).
# history.csv, a year a column, read with the import's own `spread: even`:
#   rent.app 60 in 2026 = 5 a month. balances.csv with `kind: balance`
#   and `spread: last`: cash.app 500 at Dec 2026, 400 at Dec 2027; by
#   year 500 and 400 (summed as a flow they would be nothing like it).
cat >"$T/rev.csv" <<'CSV'
series,2026-01,2026-02,2026-03,source
revenue.app,10,11,12,billing export
CSV
cat >"$T/costs.csv" <<'CSV'
series,period,value,source
costs.app,2026-01,5,ledger
costs.app,2026-02,6,
CSV
cat >"$T/years.csv" <<'CSV'
series,2026,2027,spread,kind
opex.app,120,240,even,
hc.app,30,36,last,balance
CSV
"$PYTHON" - "$T" <<'PY'
import datetime, sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Grants"
ws.append(["series", datetime.date(2026, 1, 31), datetime.date(2026, 2, 28), "2026-03"])
ws.append(["grants.app", 1, 2, 3])
wb.save(f"{sys.argv[1]}/grants.xlsx")
PY
printf 'series,2026\nrent.app,60\n' >"$T/history.csv"
printf 'series,2026,2027\ncash.app,500,400\n' >"$T/balances.csv"
cat >"$T/monthly.yaml" <<'YAML'
model: monthly-imports
as_of: 2026-01-01
periods: 2026-01..2027-12
import:
  - rev.csv
  - {file: costs.csv, layout: long}
  - years.csv
  - {file: grants.xlsx, sheet: Grants}
  - {file: history.csv, spread: even}
  - {file: balances.csv, spread: last, kind: balance}
drivers:
  revenue.app: {method: growth, rate: 0%}
YAML

# ---- a quarterly model, fiscal year ending in June --------------------------
# 2025Q1..2025Q4 (Jul 2024..Jun 2025) one by one: 10, 11, 12, 13 = 46;
# FY2026 stated as 62 and spread evenly: 15.5 a quarter, 62 again.
cat >"$T/fiscal.csv" <<'CSV'
series,2025Q1,2025Q2,2025Q3,2025Q4,FY2026,spread
revenue.co,10,11,12,13,62,even
CSV
cat >"$T/fiscal.yaml" <<'YAML'
model: fiscal-imports
as_of: 2026-07-01
periods: 2025Q1..2026Q4
fiscal_year_end: 6
import: fiscal.csv
YAML

# A monthly model whose fiscal year ends in June, from Mar 2025: FY2026 =
# Jul 2025..Jun 2026, 120 spread evenly = 10 in each of those 12 months;
# nothing in Jun 2025 (FY2025) or Jul 2026 (FY2027).
printf 'series,FY2026,spread\nfy.app,120,even\n' >"$T/fy.csv"
cat >"$T/fymonths.yaml" <<'YAML'
model: fiscal-months
as_of: 2026-01-01
periods: 2025-03..2026-08
fiscal_year_end: 6
import: fy.csv
YAML

# ---- an annual model, long layout with a `period` column --------------------
cat >"$T/annual.csv" <<'CSV'
series,period,value
capex.x,2024,5
capex.x,2025,7
CSV
cat >"$T/annual.yaml" <<'YAML'
model: annual-imports
years: 2024..2026
import: {file: annual.csv, layout: long}
YAML

for m in monthly fiscal fymonths annual; do
    check "run $m" sh -c '"$1" run "$2" -n -f json >"$3" 2>"$4"' sh "$CAPEX" \
        "$T/$m.yaml" "$T/$m.json" "$T/err"
done

if "$PYTHON" - "$T" >"$T/err" 2>&1 <<'PY'
import json, sys
D = sys.argv[1]
failed = []

def near(what, got, want):
    if got is None or abs(got - want) > 1e-9 * max(1.0, abs(want)):
        failed.append(f"{what}: got {got}, expected {want}")

def load(name):
    with open(f"{D}/{name}.json", encoding="utf-8") as f:
        d = json.load(f)
    return {s["name"]: s for s in d["series"]}

def values(s):
    return {v["year"]: v["value"] for v in s["values"]}

def annual(s):
    return {a["year"]: a["value"] for a in s["annual"]}

m = load("monthly")
rv = values(m["revenue.app"])
near("revenue Jan 2026", rv["2026-01"], 10)
near("revenue Mar 2026", rv["2026-03"], 12)
near("revenue 2026", annual(m["revenue.app"])[2026], 141)
near("revenue 2027", annual(m["revenue.app"])[2027], 144)
src = {v["year"]: v.get("source") for v in m["revenue.app"]["values"]}
if src.get("2026-02") != "billing export":
    failed.append(f"revenue Feb 2026 source: {src.get('2026-02')!r}")
cv = values(m["costs.app"])
near("costs Jan 2026", cv["2026-01"], 5)
near("costs Feb 2026", cv["2026-02"], 6)
ov = values(m["opex.app"])
near("opex Jan 2026", ov["2026-01"], 10)
near("opex Dec 2027", ov["2027-12"], 20)
near("opex 2026", annual(m["opex.app"])[2026], 120)
near("opex 2027", annual(m["opex.app"])[2027], 240)
hv = values(m["hc.app"])
near("hc Dec 2026", hv["2026-12"], 30)
near("hc Jun 2027 (interpolated)", hv["2027-06"], 33)
near("hc at the end of 2026", annual(m["hc.app"])[2026], 30)
near("hc at the end of 2027", annual(m["hc.app"])[2027], 36)
if "2026-11" in hv and hv["2026-11"] is not None:
    failed.append(f"hc Nov 2026: spread last leaves it empty, got {hv['2026-11']}")
gv = values(m["grants.app"])
for k, want in (("2026-01", 1), ("2026-02", 2), ("2026-03", 3)):
    near(f"grants {k}", gv.get(k), want)

near("rent Jul 2026 (60 / 12)", values(m["rent.app"])["2026-07"], 5)
near("cash Dec 2026", values(m["cash.app"])["2026-12"], 500)
near("cash at the end of 2026", annual(m["cash.app"])[2026], 500)
near("cash at the end of 2027", annual(m["cash.app"])[2027], 400)

q = load("fiscal")
qv = values(q["revenue.co"])
near("2025Q4", qv["2025Q4"], 13)
near("2026Q1 (62 / 4)", qv["2026Q1"], 15.5)
near("FY2025", annual(q["revenue.co"])[2025], 46)
near("FY2026", annual(q["revenue.co"])[2026], 62)

fy = values(load("fymonths")["fy.app"])
near("fiscal months: Jul 2025", fy.get("2025-07"), 10)
near("fiscal months: Jun 2026", fy.get("2026-06"), 10)
for k in ("2025-06", "2026-07"):
    if fy.get(k) is not None:
        failed.append(f"fiscal months: {k} should be empty, got {fy.get(k)}")

a = load("annual")
av = values(a["capex.x"])
near("annual 2024", av[2024], 5)
near("annual 2025", av[2025], 7)

for f in failed:
    print(f)
sys.exit(1 if failed else 0)
PY
then ok "imported figures worked by hand"; else bad "imported figures worked by hand"; fi
finish import_periods
