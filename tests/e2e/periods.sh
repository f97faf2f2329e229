#!/bin/sh
# periods.sh - monthly and quarterly models (issue 13): the month cash runs
# out, counted by hand; a quarterly model with fiscal_year_end 6 rolled up
# to fiscal years by hand; rates per year and per month; spread; JSON, CSV
# and table by period; workbooks by period (recalculated, worked by hand in
# tests/e2e/periods_workbook.py).
# The expected figures are worked in tests/e2e/periods_check.py.
#
# CAPEX (default ./capex) is the binary under test.
. tests/e2e/lib.sh
export NO_COLOR=1

# Monthly burn: cash 100 at the start of Jan 2026, revenue 2 in Jan 2026
# growing 2% a month, costs stated as 120 for 2026 (10 a month) then flat.
cat >"$T/burn.yaml" <<'YAML'
model: monthly-burn
title: Monthly burn
as_of: 2026-01-01
periods: 2026-01..2027-12
series:
  revenue.app: {2026-01: 2}
  costs.app:
    spread: even
    values: {2026: 120}
drivers:
  revenue.app: {method: growth, rate: 2%, per: month}
  costs.app: {method: growth, rate: 0%}
burn:
  revenue: revenue.app
  costs: costs.app
  cash: 100
YAML
# The same growth stated per year: 1.02^12 - 1 = 26.8241794562545%.
sed 's/rate: 2%, per: month/rate: 26.8241794562545%/' "$T/burn.yaml" >"$T/burn_year.yaml"

# Quarterly, fiscal year ending in June: 2025Q1 is Jul-Sep 2024.
cp tests/e2e/models/fiscal-quarters.yaml "$T/fiscal.yaml"
# A CAGR over a window of years in a quarterly model: year end to year end.
cat >"$T/window.yaml" <<'YAML'
model: quarterly-window
as_of: 2026-01-01
periods: 2025Q1..2027Q4
series:
  orders.co: {2025Q4: 13, 2026Q4: 17}
drivers:
  orders.co: {method: cagr, window: 2025..2026}
YAML
# The same from 2025Q2: fiscal 2025 is only partly inside.
sed -e 's/periods: 2025Q1/periods: 2025Q2/' -e 's/2025Q1: 10, //' \
    -e 's/2025Q1: 100, //' -e 's/capex.co: {2025Q1: 100}/capex.co: {2025Q2: 100}/' \
    -e 's/users.co: {2025Q1: 10, /users.co: {/' \
    "$T/fiscal.yaml" >"$T/partial.yaml"

# Depreciation by month: 12 bought in Jan 2026 and 6 in Mar 2026, five
# years straight line, half a month in the first month; discounting at 10%
# a year over the monthly net of a burn; a Monte Carlo whose inputs are
# points gives the deterministic figures.
cat >"$T/dep.yaml" <<'YAML'
model: monthly-dep
as_of: 2026-01-01
periods: 2026-01..2027-12
series:
  capex.app: {2026-01: 12, 2026-02: 0, 2026-03: 6}
  revenue.app: {2026-01: 1}
  costs.app: {2026-01: 2}
depreciation:
  da.app: {capex: capex.app, life: 5, convention: half_year}
drivers:
  revenue.app: {method: growth, rate: 12.682503013196972%}
  costs.app: {method: growth, rate: 0%}
burn: {revenue: revenue.app, costs: costs.app, cash: 30}
commitments:
  - {name: Lease, schedule: {2026: 12, 2027-03: 5}}
  - {name: Chips, total: 24, start: 2027, years: 1}
discount: {rate: 10%}
uncertainty:
  revenue.app: {dist: triangular, low: 12.682503013196972%, mode: 12.682503013196972%,
                high: 12.682503013196972%}
YAML

for m in burn burn_year fiscal partial dep window; do
    check "json of $m" sh -c '"$1" run "$2" -n -f json >"$3" 2>"$4"' sh "$CAPEX" \
        "$T/$m.yaml" "$T/$m.json" "$T/err"
done
check "csv of burn" sh -c '"$1" run "$2" -n -f csv >"$3" 2>"$4"' sh "$CAPEX" \
    "$T/burn.yaml" "$T/burn.csv" "$T/err"
check "table of burn" sh -c '"$1" run "$2" -n >"$3" 2>"$4"' sh "$CAPEX" \
    "$T/burn.yaml" "$T/burn.txt" "$T/err"
check "mc of dep" sh -c '"$1" mc "$2" -n --paths 2000 -f json >"$3" 2>"$4"' sh "$CAPEX" \
    "$T/dep.yaml" "$T/dep_mc.json" "$T/err"
check "figures worked by hand" "$PYTHON" tests/e2e/periods_check.py "$T"

# A monthly model with a raise, a front-loaded commitment paid from the
# burn, a balance and Korean names (periods_workbook.py works its figures).
cat >"$T/raise.yaml" <<'YAML'
model: monthly-raise
title: 월간 번 — monthly burn with a raise
as_of: 2026-01-01
periods: 2026-03..2028-02
series:
  revenue.app: {2026-03: 2, 2026-06: 2.6}
  costs.app: {2026-03: 9}
  headcount.app:
    kind: balance
    unit: people
    values: {2026-03: 20, 2027-02: 32}
drivers:
  revenue.app: {method: growth, rate: 400%}
  costs.app: {method: growth, rate: 1%, per: month}
  headcount.app: {method: growth, rate: 10%}
commitments:
  - {name: 클라우드 계약, total: 24, start: 2027, years: 2, profile: front}
  - {name: GPUs, schedule: {2026-05: 5, 2027: 12}}
burn:
  revenue: revenue.app
  costs: costs.app
  cash: 60
  include_commitments: true
  raises:
    - {name: Series A, year: 2026-09, amount: 40}
YAML
# The same growing slower: its cash runs out (a crossing on the cash row).
sed 's/rate: 400%/rate: 60%/' "$T/raise.yaml" >"$T/raise60.yaml"
# Quarterly net that starts >= 0, turns negative, breaks even, pays back.
cat >"$T/turn.yaml" <<'YAML'
model: quarterly-turn
as_of: 2026-01-01
periods: 2025Q3..2027Q2
fiscal_year_end: 3
series:
  fcf.co:
    values: {2025Q3: 4, 2025Q4: 2, 2026Q1: -3, 2026Q2: -5, 2026Q3: -2,
             2026Q4: 1, 2027Q1: 3, 2027Q2: 6}
burn:
  net: fcf.co
  label: free cash flow
  cash: 5
YAML

# With checks (a break-even year, a CAGR annualised over months, a growth,
# a cumulative) and a scenario, written once and with --scenario all.
cp "$T/raise.yaml" "$T/checks.yaml"
cat >>"$T/checks.yaml" <<'YAML'
checks:
  - {break_even: burn, stated: 2027}
  - {cagr: revenue.app, from: 2026-03, to: 2026-12, stated: 300%}
  - {growth: revenue.app, from: 2026-06, to: 2026-07, stated: 14%}
  - {cumulative: burn, from: 2026-03, to: 2026-12, stated: -50}
scenarios:
  slow:
    drivers:
      revenue.app: {method: growth, rate: 60%}
YAML

# Goal seek and sensitivity by month (values, with swings as formulas).
cp "$T/raise60.yaml" "$T/goals.yaml"
cat >>"$T/goals.yaml" <<'YAML'
goals:
  - {solve: revenue.app, for: break_even, by: 2027-09}
  - {solve: costs.app, for: peak_funding, below: 150}
sensitivity:
  output: cumulative_burn
  through: 2027-06
  tornado:
    move: 20%
    drivers: [revenue.app, costs.app]
  grid:
    x: revenue.app
    y: costs.app
    steps: [-20%, 0%, 20%]
YAML

# Trends by month: =TREND / =GROWTH over the stated periods' cells at the
# x row (number / 12), the logistic on the same x; an annualised CAGR.
cat >"$T/trends.yaml" <<'YAML'
model: monthly-trends
as_of: 2026-01-01
periods: 2026-01..2027-06
series:
  users.lin: {2026-01: 10, 2026-02: 12, 2026-03: 15, 2026-04: 16}
  users.exp: {2026-01: 10, 2026-02: 12, 2026-03: 15, 2026-04: 17}
  users.log: {2026-01: 10, 2026-02: 20, 2026-03: 35, 2026-04: 50, 2026-05: 62, 2026-06: 70}
  orders.co: {2026-03: 13, 2026-09: 17}
drivers:
  users.lin: {method: trend, fit: linear}
  users.exp: {method: trend, fit: exponential}
  users.log: {method: trend, fit: logistic}
  orders.co: {method: cagr}
YAML

# Discounting by month and by quarter: NPV at discount_rate_period, dates at
# each period's end (or middle), IRR per period.
cat >"$T/disc.yaml" <<'YAML'
model: monthly-disc
as_of: 2026-01-01
periods: 2026-01..2027-12
series:
  revenue.app: {2026-01: 1}
  costs.app: {2026-01: 2}
drivers:
  revenue.app: {method: growth, rate: 400%}
  costs.app: {method: growth, rate: 0%}
burn: {revenue: revenue.app, costs: costs.app, cash: 30}
discount: {rate: 10%}
YAML
sed 's/discount: {rate: 10%}/discount: {rate: 10%, dates: mid_year}/' "$T/disc.yaml" >"$T/discmid.yaml"
sed -e 's/periods: 2026-01..2027-12/periods: 2025Q1..2027Q4/' -e 's/2026-01:/2025Q1:/g' \
    "$T/disc.yaml" >"$T/discq.yaml"

# Workbooks by period: every formula recalculated by LibreOffice and
# Gnumeric equals its cached value; titles, rates and the Annual sheet
# worked by hand.
# A quarterly depreciation: 8 bought in Q1 FY26 only, life 2 years = 8
# quarters, straight line, half a quarter in the first (periods_workbook.py).
cat >"$T/depq.yaml" <<'YAML'
model: quarterly-dep
as_of: 2026-01-01
periods: 2026Q1..2027Q4
series:
  capex.q: {2026Q1: 8, 2026Q2: 0}
depreciation:
  da.q: {capex: capex.q, life: 2, convention: half_year}
drivers:
  capex.q: {method: growth, rate: 0%}
YAML
for m in burn burn_year fiscal partial raise raise60 turn checks goals trends window disc \
    discmid discq dep depq; do
    check "workbook of $m" sh -c '"$1" run "$2" -o "$3" >/dev/null 2>"$4"' sh "$CAPEX" \
        "$T/$m.yaml" "$T/$m.xlsx" "$T/err"
done
check "workbook of checks, --scenario all" sh -c '"$1" run "$2" -s all -o "$3" >/dev/null 2>"$4"' \
    sh "$CAPEX" "$T/checks.yaml" "$T/checks_all.xlsx" "$T/err"
# Monte Carlo by month: growth rates drawn per year, converted per month.
cp "$T/raise60.yaml" "$T/mc.yaml"
cat >>"$T/mc.yaml" <<'YAML'
uncertainty:
  revenue.app: {dist: triangular, low: 30%, mode: 60%, high: 120%}
  costs.app: {dist: normal, mean: 1%, sd: 0.5%}
  targets: [{break_even_by: 2027-10}, {cumulative_burn_through: 2027-06, below: 100}]
YAML
check "Monte Carlo workbook by month" sh -c '"$1" mc "$2" --paths 500 --seed 1 -o "$3" \
    >/dev/null 2>"$4"' sh "$CAPEX" "$T/mc.yaml" "$T/mc.xlsx" "$T/err"
check "workbooks by period worked by hand" "$PYTHON" tests/e2e/periods_workbook.py "$T"
"$PYTHON" tests/e2e/recalc.py "$T"/burn.xlsx "$T"/burn_year.xlsx "$T"/fiscal.xlsx \
    "$T"/partial.xlsx "$T"/raise.xlsx "$T"/raise60.xlsx "$T"/turn.xlsx "$T"/checks.xlsx \
    "$T"/checks_all.xlsx "$T"/mc.xlsx "$T"/goals.xlsx "$T"/trends.xlsx "$T"/window.xlsx \
    "$T"/disc.xlsx "$T"/discmid.xlsx "$T"/discq.xlsx "$T"/dep.xlsx "$T"/depq.xlsx \
    >"$T/err" 2>&1
rc=$?
if [ $rc -eq 0 ]; then ok "recalculated by period in LibreOffice and Gnumeric: every formula equals its cached value"
elif [ $rc -eq 77 ]; then echo "skip recalculation: $(tail -1 "$T/err")"
else bad "recalculated by period equals the cached values"
fi

# The raw paths workbook by period: tests/e2e/periods_mc.sh.
# A rate override by fiscal year in a monthly model: 2026's rate
# (1% a month) from April 2026, the month after the last stated one.
cat >"$T/override.yaml" <<'YAML'
model: monthly-override
as_of: 2026-01-01
periods: 2026-01..2027-12
series:
  costs.a: {2026-01: 10, 2026-03: 10}
drivers:
  costs.a: {method: growth, rate: 0%, override: {2026: 12.682503013196972%, 2027: 0%}}
YAML
"$CAPEX" run "$T/override.yaml" -n -f json >"$T/override.json" 2>"$T/err"
if "$PYTHON" -c '
import json, sys
v = {x["year"]: x["value"] for x in json.load(open(sys.argv[1]))["series"][0]["values"]}
ok = abs(v["2026-04"] - 10.1) < 1e-9 and abs(v["2026-12"] - 10 * 1.01 ** 9) < 1e-9 \
     and abs(v["2027-06"] - 10 * 1.01 ** 9) < 1e-9
sys.exit(0 if ok else 1)' "$T/override.json"
then ok "override by fiscal year: 10.1 in Apr 2026, 10 x 1.01^9 from Dec 2026"
else bad "override by fiscal year: 10.1 in Apr 2026, 10 x 1.01^9 from Dec 2026"
fi

# A batch of monthly and quarterly models: their index holds period keys.
mkdir -p "$T/bm"
cp "$T/burn.yaml" "$T/fiscal.yaml" "$T/bm/"
"$CAPEX" batch "$T/bm" -o "$T/bo" -q >"$T/out" 2>"$T/err"
check "index of monthly and quarterly runs: period keys" sh -c \
    'grep -q "\"2026-01\",\"2027-12\"" "$1/index.csv" && grep -q "\"2025Q1\",\"2026Q4\"" "$1/index.csv"' \
    sh "$T/bo"

finish periods
