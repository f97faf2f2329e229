#!/bin/sh
# burn.sh - the burn worded right whatever the sign of the net (issue 11,
# issue 16 points 3, 4, 15): table, JSON, CSV, `explain burn`, Monte Carlo
# and the notes, on tests/cases/fcf-*.yaml (figures worked by hand in their
# comments) and small models written here.
. tests/e2e/lib.sh
export NO_COLOR=1
line() { grep -Eq -- "$1" "$T/out"; }
noline() { ! grep -Eq -- "$1" "$T/out"; }
errline() { grep -Fq -- "$1" "$T/err"; }
run() { "$CAPEX" "$@" >"$T/out" 2>"$T/err"; }

# --- starts profitable, turns negative in its third year, recovers ----------
run run tests/cases/fcf-turns-negative.yaml -n
check "label heads the burn" line "^burn: free cash flow$"
check "label names the net's row" line "^free cash flow +40\.0 +30\.0 +-15\.0"
check "turns negative 2025 at 2024 + 30/45" line "^  turns negative +2025 \(2024\.67\)$"
check "trough -30 in 2026" line "^  trough +-30\.0 in 2026$"
check "break-even is the recovery, 2028" line "^  break-even year +2028$"
check "nothing to pay back (cumulative never below 0)" line "^  payback year +nothing to pay back$"
check "no 'break-even 2023'" noline "2023$"
run run tests/cases/fcf-turns-negative.yaml -n -f json
if $PYTHON -c '
import json, sys
b = json.load(open(sys.argv[1]))["burn"]
assert b["label"] == "free cash flow"
assert b["burns"] is True
assert b["turns_negative_year"] == 2025
assert abs(b["turns_negative_fraction"] - (2024 + 30 / 45)) < 1e-12
assert b["trough"] == -30 and b["trough_year"] == 2026
assert b["break_even_year"] == 2028 and b["break_even_fraction"] == 2027.5
assert b["payback_year"] is None and b["payback_fraction"] is None
assert b["peak_year"] is None and b["total_burn"] == -55
assert b["funded_within_horizon"] is True
' "$T/out" 2>"$T/err"; then check "JSON: turns_negative_year, fraction, trough, break-even" true
else check "JSON: turns_negative_year, fraction, trough, break-even" false; cat "$T/err"; fi
run run tests/cases/fcf-turns-negative.yaml -n -f csv
check "CSV: turns negative with its fraction" line '"burn.turns_negative",,2025,,2024\.666666'
check "CSV: payback says why there is none" line '"burn.payback",,,,,,"nothing to pay back"'

# --- never below 0 ------------------------------------------------------------
run run tests/cases/fcf-never-negative.yaml -n
check "no burn within the horizon" line "^  no burn within the horizon \(net cash flow ≥ 0 in every year 2024\.\.2027\)$"
check "... and no break-even or payback line" noline "break-even|payback"
check "... default alive" line "^  default +alive$"
run run tests/cases/fcf-never-negative.yaml -n -f json
if $PYTHON -c '
import json, sys
b = json.load(open(sys.argv[1]))["burn"]
assert b["burns"] is False and b["break_even_year"] is None and b["payback_year"] is None
assert b["turns_negative_year"] is None and b["trough"] is None
assert b["default_alive"] is True and b["funding_gap"] == 0
' "$T/out" 2>"$T/err"; then check "JSON: no burn, no break-even, default alive" true
else check "JSON: no burn, no break-even, default alive" false; fi

# --- turns negative and never recovers ----------------------------------------
run run tests/cases/fcf-never-recovers.yaml -n
check "funding gap at least 50, not funded within the horizon" \
    line "^  funding gap +at least 50\.0 \(not funded within the horizon: still burning in 2028\)$"
check "runway 46 months, runs out 2027.83" line "^  runway +46\.0 months \(cash runs out in 2027\.83\)$"
check "turns negative 2026 at 2025 + 5/15" line "^  turns negative +2026 \(2025\.33\)$"
check "break-even not within horizon" line "^  break-even year +not within horizon$"
run run tests/cases/fcf-never-recovers.yaml -n -f json
if $PYTHON -c '
import json, sys
b = json.load(open(sys.argv[1]))["burn"]
assert b["funded_within_horizon"] is False and b["funding_gap"] == 50
assert b["peak_burn"] == -60 and b["peak_year"] == 2028
assert abs(b["runway_months"] - 46) < 1e-9 and b["default_alive"] is False
' "$T/out" 2>"$T/err"; then check "JSON: funded_within_horizon false, gap 50" true
else check "JSON: funded_within_horizon false, gap 50" false; fi

# --- explain burn -------------------------------------------------------------
run explain tests/cases/fcf-never-recovers.yaml burn
check "explain burn: a year's cash, worked" line "^  2027 +-30\.00 +-15\.00 .*cumulative = 15\.00 \+ -30\.00; cash -5\.00 = 25\.00 \+ -30\.00"
check "explain burn: turns negative, worked" line "turns negative +2026 \(fractional 2025\.3333 = 2025 \+ 5\.00 / \(5\.00 - -10\.00\)\)"
check "explain burn: runway, worked" line "runway +46\.00 months = \(2027\.8333 - 2024\) x 12; .* = 2027 \+ 25\.00 / \(0 - -30\.00\)"
check "explain burn: gap at least" line "funding gap +at least 50\.00"
run explain inputs/ai-lab-burn.yaml burn
# 2030 break-even: 2029 + 31.07/(31.07 + 4.24) (the table in the model's comments)
check "explain burn: break-even, worked" line "break-even +2030 \(fractional 2029\.8798 = 2029 \+ -31\.07 / \(-31\.07 - 4\.24\)\)"
check "explain burn: payback" line "^  payback +2032 "
check "explain burn: peak funding" line "^  peak funding +-115\.07 in 2029"
printf 'model: noburn\nyears: 2024..2025\nseries:\n  x.a: {2024: 1}\n' >"$T/noburn.yaml"
check "explain burn without a burn: 64" sh -c "'$CAPEX' explain '$T/noburn.yaml' burn 2>'$T/err'; [ \$? -eq 64 ]"
check "... said why" errline "has no 'burn' to explain"

# --- notes (issue 11: negative outflows; issue 16.3: sums and burn spans) ---
cat >"$T/notes.yaml" <<'YAML'
model: notes
years: 2023..2026
series:
  capex.meta: {2023: 28, 2024: -39.2}
  capex.msft: {2024: 44.5, 2025: 55}
  capex.total: {sum_of: [capex.meta, capex.msft]}
  revenue.co: {2023: 100, 2024: 110, 2025: 120}
  costs.co: {2024: 90, 2025: -95}
burn: {revenue: revenue.co, costs: costs.co}
YAML
run run "$T/notes.yaml" -n
check "negative capex: warned at its figure" errline "notes.yaml:4:32: warning: capex.meta, used as capex, holds a negative figure (-39.2 in 2024): write outflows as positive figures (39.2), or derive it with formula: \"-capex_cf.meta\""
check "negative costs: warned at its figure" errline "notes.yaml:8:30: warning: costs.co, used as the burn's costs, holds a negative figure (-95 in 2025): write outflows as positive figures (95), or derive it with formula: \"-capex_cf.co\""
check "one warning per series" sh -c "[ \$(grep -c 'capex.meta, used as capex' '$T/err') -eq 1 ]"
check "a sum left empty: one note with the series, year and part" \
    errline "capex.total is left empty in 2023 because its part capex.msft has no value there (and in 1 more year where a part has none)"
check "a burn that starts later than an input: one note" \
    errline "burn: costs.co has no value for 2023, so the burn figures start at 2024"

# --- Monte Carlo: no break-even without a burn --------------------------------
cat >"$T/mc.yaml" <<'YAML'
model: mcfcf
years: 2023..2028
series:
  ocf.co: {2023: 100, 2024: 110}
  capex.co: {2023: 60, 2024: 80}
drivers:
  ocf.co: {method: growth, rate: 5%}
  capex.co: {method: growth, rate: 30%}
burn: {revenue: ocf.co, costs: capex.co}
uncertainty:
  capex.co: {dist: uniform, low: 20%, high: 40%}
  targets:
    - {break_even_by: 2024}
YAML
# 2023 and 2024 are stated and positive (40, 30) on every path: no path has
# burnt by 2024, so none can break even by then (it was 100%, 'break-even
# 2023', before).
run mc "$T/mc.yaml" --paths 200 -n
check "P(break-even by 2024) is 0 for a company that starts profitable" line "P\(break-even by 2024\) = 0\.0%"
check "... deterministic not met" line "P\(break-even by 2024\) = 0\.0% +\(deterministic: not met\)"

finish burn
