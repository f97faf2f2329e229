#!/bin/sh
# periods.sh - monthly and quarterly models (issue 13): the month cash runs
# out, counted by hand; a quarterly model with fiscal_year_end 6 rolled up
# to fiscal years by hand; rates per year and per month; spread; JSON, CSV
# and table by period; a workbook refused until it is written by period.
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
cat >"$T/fiscal.yaml" <<'YAML'
model: fiscal-quarters
as_of: 2026-07-01
periods: 2025Q1..2026Q4
fiscal_year_end: 6
series:
  revenue.co:
    values: {2025Q1: 10, 2025Q2: 11, 2025Q3: 12, 2025Q4: 13,
             2026Q1: 14, 2026Q2: 15, 2026Q3: 16, 2026Q4: 17}
  headcount.co:
    kind: balance
    unit: people
    values: {2025Q1: 100, 2025Q2: 110, 2025Q3: 120, 2025Q4: 130,
             2026Q1: 140, 2026Q2: 150, 2026Q3: 160, 2026Q4: 170}
  capex.co: {2025Q1: 100}
  users.co: {2025Q1: 10, 2025Q2: 12, 2025Q3: 14}
drivers:
  capex.co: {method: growth, rate: 21%}
  users.co: {method: trend, fit: linear}
YAML
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

# A workbook by period is not written yet: refused, nothing written.
"$CAPEX" run "$T/burn.yaml" -o "$T/burn.xlsx" >"$T/out" 2>"$T/err"
if [ $? -eq 65 ] && [ ! -e "$T/burn.xlsx" ] && grep -q "workbook is not written yet" "$T/err"
then ok "monthly workbook refused (65, nothing written)"
else bad "monthly workbook refused (65, nothing written)"
fi
finish periods
