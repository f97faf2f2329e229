#!/bin/sh
# formula.sh - derived series (`formula:`): figures worked out by hand from
# the bundled models, explain's derivation, and a workbook changed in
# LibreOffice (an operating-cash-flow input) recalculating free cash flow.
. tests/e2e/lib.sh
export NO_COLOR=1
line() { grep -qF -- "$1" "$T/out"; }
# value FILE SERIES YEAR WANT: the JSON report's value within 1e-9
value() {
    "$PYTHON" -c 'import json, sys
d = json.load(open(sys.argv[1]))
s = [x for x in d["series"] if x["name"] == sys.argv[2]][0]
v = [x for x in s["values"] if x["year"] == int(sys.argv[3])]
want = float(sys.argv[4])
sys.exit(0 if v and abs(v[0]["value"] - want) <= 1e-9 * max(1, abs(want)) else 1)' "$@"
}

"$CAPEX" run inputs/bigtech-fcf.yaml -n -f json >"$T/fcf.json" 2>"$T/err"
check "bigtech-fcf runs" [ $? -eq 0 ]
# Amazon 2023: operating cash flow 84.9 (annual report) - capex ~48 (seed) = 36.9
check "fcf.amazon 2023 = 84.9 - 48 = 36.9" value "$T/fcf.json" fcf.amazon 2023 36.9
# 2024: 115.9 - 75 = 40.9
check "fcf.amazon 2024 = 115.9 - 75 = 40.9" value "$T/fcf.json" fcf.amazon 2024 40.9
# total 2023: (84.9-48) + (101.7-32) + (71.1-28) + (87.6-32) = 36.9 + 69.7 + 43.1 + 55.6 = 205.3
check "fcf.total 2023 = 205.3" value "$T/fcf.json" fcf.total 2023 205.3
# total 2024: 40.9 + (125.3-52) + (91.3-39) + (118.5-56) = 40.9 + 73.3 + 52.3 + 62.5 = 229.0
check "fcf.total 2024 = 229.0" value "$T/fcf.json" fcf.total 2024 229.0
# Amazon 2025: 115.9 x 1.12 = 129.808 - 128 = 1.808
check "fcf.amazon 2025 = 115.9 x 1.12 - 128 = 1.808" value "$T/fcf.json" fcf.amazon 2025 1.808
# capex / ocf 2023: 140 / 345.3
check "intensity 2023 = 140 / 345.3" value "$T/fcf.json" intensity.bigtech 2023 0.40544454097886
grep -q '"kind": *"formula"' "$T/fcf.json" && grep -q '"formula": *"sum(fcf.\*)"' "$T/fcf.json"
check "JSON: kind formula and the formula" [ $? -eq 0 ]
"$CAPEX" run inputs/ai-lab-burn.yaml -n -f json >"$T/ai.json" 2>"$T/err"
# costs = revenue - income: 20 - (-14) = 34 in 2026; 2027 grows 100%: 68
check "ai-lab costs 2026 = 20 - (-14) = 34" value "$T/ai.json" costs.openai 2026 34
check "ai-lab costs 2027 = 34 x 2 = 68" value "$T/ai.json" costs.openai 2027 68
# commitments ~1.4T = 1400 over revenue 20: 70x
check "coverage 2026 = 1400 / 20 = 70" value "$T/ai.json" coverage.openai 2026 70
"$CAPEX" run inputs/memory-market.yaml -n -f json >"$T/mem.json" 2>"$T/err"
check "HBM share 2025 = 34 / 129" value "$T/mem.json" share.hbm 2025 0.26356589147286824

"$CAPEX" explain inputs/bigtech-fcf.yaml fcf.amazon >"$T/out" 2>"$T/err"
check "explain: the formula" line "formula  ocf.amazon - capex.amazon"
check "explain: the inputs" line "inputs   ocf.amazon capex.amazon"
check "explain: 2023 from its inputs" line "2023        36.90  = formula of: ocf.amazon 84.90, capex.amazon 48.00"

# Empty years: a division by zero and a lag before the first year.
cat >"$T/empty.yaml" <<'YAML'
model: empty
years: 2023..2025
series:
  a.x: {values: {2023: 10, 2024: 0, 2025: 5}}
  r.x: {unit: "%", formula: "a.x / lag(a.x)"}
YAML
"$CAPEX" run "$T/empty.yaml" -o "$T/empty.xlsx" -f json >"$T/empty.json" 2>"$T/err"
check "empty years: runs" [ $? -eq 0 ]
check "note: lag before the first year" grep -qF "r.x 2023: empty (lag before the first year)" "$T/err"
check "note: division by zero" grep -qF "r.x 2025: empty (division by zero)" "$T/err"
# 2024: 0 / 10 = 0
check "2024 = 0 / 10 = 0" value "$T/empty.json" r.x 2024 0
grep -qiwE 'nan|inf|infinity' "$T/empty.json" && check "no NaN or inf in JSON" false || check "no NaN or inf in JSON" true

# The workbook changed in LibreOffice: Amazon's 2024 operating cash flow
# 115.9 -> 125.9 moves fcf.amazon 2024 to 125.9 - 75 = 50.9 and the total
# to 229.0 + 10 = 239.0; its growth input 12% -> 20% moves fcf.amazon 2025
# to 125.9 x 1.2 - 128 = 23.08.
"$CAPEX" run inputs/bigtech-fcf.yaml -o "$T/fcf.xlsx" -q 2>"$T/err"
if ! command -v soffice >/dev/null 2>&1 && ! command -v libreoffice >/dev/null 2>&1; then
    echo "SKIP workbook changed in LibreOffice: soffice not installed"
else
    "$PYTHON" - "$T/fcf.xlsx" "$T" >"$T/out" 2>&1 <<'PY'
import os, sys
sys.path.insert(0, "tests/e2e")
import openpyxl
import recalc
src, tmp = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src)
ws = wb["Inputs"]
hit = [c for row in ws.iter_rows() if any(x.value == "ocf.amazon" for x in row)
       for c in row if c.value == 115.9]
assert len(hit) >= 1, "no input cell 115.9 for ocf.amazon"
for c in hit:            # low, base and high of the figure
    c.value = 125.9
rate = [row[2] for row in ws.iter_rows()
        if row[0].value == "ocf.amazon" and row[1].value == "growth"]
assert len(rate) == 1 and rate[0].value == 0.12, "no growth input for ocf.amazon"
rate[0].value = 0.2
os.makedirs(tmp + "/in", exist_ok=True)
wb.save(tmp + "/in/changed.xlsx")
recalc.recalculate([tmp + "/in/changed.xlsx"], tmp + "/re", tmp + "/profile")
out = openpyxl.load_workbook(tmp + "/re/changed.xlsx", data_only=True)["Projection"]
years = {c.value: c.column for c in out[4] if isinstance(c.value, int)}
rows = {r[0].value: r for r in out.iter_rows() if r[0].value}
def v(name, year):
    return rows[name][years[year] - 1].value
print("fcf.amazon 2024", v("fcf.amazon", 2024), "fcf.total 2024", v("fcf.total", 2024),
      "fcf.amazon 2025", v("fcf.amazon", 2025))
ok = abs(v("fcf.amazon", 2024) - 50.9) < 1e-9 and abs(v("fcf.total", 2024) - 239.0) < 1e-9 \
    and abs(v("fcf.amazon", 2025) - 23.08) < 1e-9
sys.exit(0 if ok else 1)
PY
    check "changed in LibreOffice: fcf.amazon 2024 = 50.9, total 239.0, 2025 = 23.08" [ $? -eq 0 ]
    "$PYTHON" tests/e2e/recalc.py "$T/fcf.xlsx" "$T/empty.xlsx" >"$T/recalc.log" 2>&1
    check "LibreOffice recalculation equals the cached values" [ $? -eq 0 ]
fi

# A derived series' stated history ends with its inputs': a.x stated
# 2023..2026, b.x 2023..2024 then grown 10%: f.x = a.x + b.x is stated
# 2023..2024 (11, 22: multiple 2, CAGR 100%). g.x = lag(a.x, 5) is empty in
# every year, driver or not: one note for 2023..2026.
cat >"$T/hist.yaml" <<'YAML'
model: hist
years: 2023..2026
as_of: 2026-02-20
series:
  a.x: {values: {2023: 1, 2024: 2, 2025: 3, 2026: 4}}
  b.x: {values: {2023: 10, 2024: 20}}
  f.x: {formula: "a.x + b.x"}
  g.x: {formula: "lag(a.x, 5)"}
drivers:
  b.x: {method: growth, rate: 10%}
  g.x: {method: growth, rate: 10%}
YAML
"$CAPEX" run "$T/hist.yaml" -n -f json >"$T/hist.json" 2>"$T/out"
check "history model runs" [ $? -eq 0 ]
check "f.x stated 2023..2024, multiple 2, CAGR 100%" "$PYTHON" -c 'import json, sys
s = [x for x in json.load(open(sys.argv[1]))["series"] if x["name"] == "f.x"][0]["growth"]
sys.exit(0 if (s["from"], s["to"], s["multiple"], s["cagr"]) == (2023, 2024, 2, 1) else 1)' "$T/hist.json"
check "g.x: one note for 2023..2026" line "g.x 2023..2026: empty (lag before the first year)"

finish formula
