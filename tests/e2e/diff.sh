#!/bin/sh
# diff.sh - `capex diff`: key outputs and series values that differ between
# two models or two scenarios, with figures worked out by hand.
. tests/e2e/lib.sh
status() { "$CAPEX" "$@" >"$T/out" 2>"$T/err"; echo $?; }
line() { grep -Eq -- "$1" "$T/out"; }

check "the same model twice: exit 0" [ "$(status diff inputs/ai-lab-burn.yaml inputs/ai-lab-burn.yaml)" -eq 0 ]
check "... and says so" line "no difference"
check "base against bull: exit 1 (as diff)" [ "$(status diff inputs/ai-lab-burn.yaml:base inputs/ai-lab-burn.yaml:bull)" -eq 1 ]
# bull: revenue fades from 130% (not 110%): 2027 = 20 x 2.3 = 46 against
# 20 x 2.1 = 42, +4 (+9.5%).
check "a series value that changed" line "revenue.openai 2027 +42.00 +46.00 +\+4.00 \(\+9.5%\)"
check "an unchanged series is not listed" sh -c "! grep -q 'costs.openai' '$T/out'"
check "the break-even year moved" line "break-even year +2030 +2029 +-1"
check "IRR as a percentage" line "IRR +15.49%"
check "the count of differences" line "^[0-9]+ figures differ"
# Net cash flow and cumulative by year (issue 16.14). bull 2027: revenue
# 46 (above), costs 34 x 2 = 68 as in base: net 46 - 68 = -22 against
# 42 - 68 = -26, +4; cumulative -14 - 22 = -36 against -14 - 26 = -40.
check "net cash flow by year" line "net cash flow 2027 +-26.00 +-22.00 +\+4.00"
check "cumulative by year" line "cumulative net cash flow 2027 +-40.00 +-36.00 +\+4.00"
# bear: revenue fades from 80% to 25% (bull/base as above): the seed's
# cumulative -115 through 2029 and break-even 2030 no longer hold, and the
# diff names both checks instead of only counting them.
status diff inputs/ai-lab-burn.yaml:base inputs/ai-lab-burn.yaml:bear >/dev/null
check "checks not passing counted" line "checks not passing +0 +2 +\+2"
check "... and each check named, with its status" line "check .*2029 +pass +warn +no longer passes"
check "... the break-even check too" line "^  check .* +pass +warn +no longer passes$"
# A model with one series changed: a copy of ai-lab-burn with 2026 revenue
# 25 instead of 20; net 2026 = 25 - 34 = -9 (from -14).
sed 's/values: {2026: 20}/values: {2026: 25}/' inputs/ai-lab-burn.yaml >"$T/changed.yaml"
check "two models: exit 1" [ "$(status diff inputs/ai-lab-burn.yaml "$T/changed.yaml" -f csv)" -eq 1 ]
check "CSV header" sh -c "head -1 '$T/out' | grep -qx 'what,year,a,b'"
check "CSV row of the changed figure" grep -q '^"revenue.openai","2026","20","25"$' "$T/out"
"$CAPEX" diff inputs/ai-lab-burn.yaml "$T/changed.yaml" -f json >"$T/out"
if $PYTHON -c '
import json, sys
d = json.load(open(sys.argv[1]))
rows = {(c["what"], c["year"]): c for c in d["changes"]}
assert rows[("revenue.openai", 2026)]["a"] == 20 and rows[("revenue.openai", 2026)]["b"] == 25
tb = rows[("total burn", None)]
assert tb["b"] - tb["a"] > 0
' "$T/out" 2>"$T/err"; then check "JSON changes" true; else check "JSON changes" false; fi
# JSON reports of capex run compare the same way, and a report compared
# with the model it came from shows nothing (its numbers round-trip).
"$CAPEX" run inputs/ai-lab-burn.yaml -n -q -f json >"$T/base.json"
"$CAPEX" run inputs/ai-lab-burn.yaml -s bull -n -q -f json >"$T/bull.json"
check "two JSON reports: exit 1" [ "$(status diff "$T/base.json" "$T/bull.json")" -eq 1 ]
check "two JSON reports: the changed value" line "revenue.openai 2027 +42.00 +46.00 +\+4.00 \(\+9.5%\)"
check "two JSON reports: the break-even year" line "break-even year +2030 +2029 +-1"
check "a JSON report and its model: exit 0" [ "$(status diff "$T/base.json" inputs/ai-lab-burn.yaml)" -eq 0 ]
echo '{"x": 1}' >"$T/other.json"
check "JSON that is not a capex report: 65" [ "$(status diff "$T/other.json" "$T/base.json")" -eq 65 ]
check "... said where" grep -q "other.json:1:1: not a capex JSON report" "$T/err"
check "an unknown scenario: 64" [ "$(status diff inputs/ai-lab-burn.yaml:nosuch inputs/ai-lab-burn.yaml)" -eq 64 ]
check "a missing model: 66" [ "$(status diff "$T/none.yaml" inputs/ai-lab-burn.yaml)" -eq 66 ]
check "one operand: 64" [ "$(status diff inputs/ai-lab-burn.yaml)" -eq 64 ]
# Monthly models compare by month (issue 13): revenue 2 and costs 5 a
# month, cash 20; `lean` halves costs every month. Base: net -3 a month,
# cumulative -36 in Dec 2026 (the peak); lean: net -0.5 in Feb, +0.75 in
# Mar: peak -3.5 in Feb 2026 (10 months earlier), break-even Mar 2026.
# Costs in Mar: 5 against 5 x 0.25 = 1.25, -3.75 (-75.0%).
cp tests/e2e/models/monthly-lean.yaml "$T/m.yaml"
check "monthly: base against lean, exit 1" [ "$(status diff "$T/m.yaml:base" "$T/m.yaml:lean")" -eq 1 ]
check "monthly: a value by its month" line "costs.co Mar 2026 +5.00 +1.25 +-3.75 \(-75.0%\)"
check "monthly: the peak by its month" line "peak year +Dec 2026 +Feb 2026 +-10"
check "monthly: break-even by its month" line "break-even year +- +Mar 2026"
"$CAPEX" run "$T/m.yaml" -s lean -n -q -f json >"$T/lean.json"
check "monthly: a JSON report and its model: exit 0" [ "$(status diff "$T/lean.json" "$T/m.yaml:lean")" -eq 0 ]
check "monthly: CSV by period key" [ "$(status diff "$T/m.yaml:base" "$T/lean.json" -f csv)" -eq 1 ]
check "... the month's key" line '^"costs.co","2026-03","5","1.25"$'
check "... the peak's key" line '^"peak year","","2026-12","2026-02"$'
sed 's/^periods: .*/periods: 2026Q1..2026Q4/; s/2026-01:/2026Q1:/' "$T/m.yaml" >"$T/q.yaml"
check "monthly against quarterly: 65" [ "$(status diff "$T/m.yaml" "$T/q.yaml")" -eq 65 ]
check "... says why" grep -q "is monthly .* quarterly .*: their periods do not match" "$T/err"
finish "diff"
