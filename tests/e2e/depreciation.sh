#!/bin/sh
# depreciation.sh - `depreciation:` end to end: the bundled model's D&A
# worked by hand, every life scenario moving D&A the right way, the
# Summary's figures, `capex explain`, and the workbook: recalculated by
# LibreOffice after its life input is changed, it equals the engine's run
# of that life.
. tests/e2e/lib.sh

M=inputs/bigtech-capex.yaml
for s in base life-5.5 life-4; do
    "$CAPEX" run "$M" -s "$s" -n -f json >"$T/$s.json" 2>/dev/null
    check "run -s $s" [ $? -eq 0 ]
done

# da.bigtech by year, read from the JSON.
da() { "$PYTHON" -c "
import json, sys
d = json.load(open('$T/$1.json'))
s = [x for x in d['series'] if x['name'] == '$2'][0]
print(' '.join('%.6f' % v['value'] for v in s['values'] if v.get('value') is not None))"; }
near() {  # near "a b c" "x y z": each within 1e-6
    "$PYTHON" -c "
import sys
a, b = [list(map(float, s.split())) for s in sys.argv[1:3]]
sys.exit(0 if len(a) >= len(b) and all(abs(x - y) <= 1e-6 * max(1, abs(y)) for x, y in zip(a, b)) else 1)" "$1" "$2"
}

# capex.total 2023..2026 = 140, 222, 379, 645 (the company rows' sums).
# Six years, straight line, half year: a purchase P charges P/12 in its year,
# then P/6 a year:
#   2023  140/12                         = 11.666667
#   2024  140/6 + 222/12                 = 23.333333 + 18.5     = 41.833333
#   2025  140/6 + 222/6 + 379/12         = 23.333333 + 37 + 31.583333 = 91.916667
#   2026  ... + 379/6 + 645/12           = 23.333333 + 37 + 63.166667 + 53.75 = 177.25
check "D&A over six years worked by hand (2023..2026)" \
    near "$(da base da.bigtech)" "11.666667 41.833333 91.916667 177.25"
# Four years: P/8 in its year, then P/4:
#   17.5; 35 + 27.75 = 62.75; 35 + 55.5 + 47.375 = 137.875;
#   35 + 55.5 + 94.75 + 80.625 = 265.875
check "D&A over four years worked by hand (2023..2026)" \
    near "$(da life-4 da.bigtech)" "17.5 62.75 137.875 265.875"
# Five and a half: P/11 in its year, then P/5.5: 12.727273; 25.454545 +
# 20.181818 = 45.636364
check "D&A over five and a half years worked by hand (2023, 2024)" \
    near "$(da life-5.5 da.bigtech)" "12.727273 45.636364"
# Gross PP&E 2026 = 140 + 222 + 379 + 645 = 1386 (nothing retires before
# 2029); accumulated = 11.666667 + 41.833333 + 91.916667 + 177.25 = 322.666667
check "gross PP&E 2023..2026" near "$(da base da.bigtech.gross)" "140 362 741 1386"
check "accumulated depreciation 2026" \
    sh -c "echo '$(da base da.bigtech.accumulated)' | cut -d' ' -f4 | grep -qx 322.666667"
check "net PP&E 2026 = 1386 - 322.666667" \
    sh -c "echo '$(da base da.bigtech.net)' | cut -d' ' -f4 | grep -qx 1063.333333"
# A shorter life moves D&A up in every year (capex grows every year).
up() { "$PYTHON" -c "
import sys
a, b = [list(map(float, s.split())) for s in sys.argv[1:3]]
sys.exit(0 if len(a) == len(b) and all(x > y for x, y in zip(a, b)) else 1)" "$1" "$2"; }
check "four years: more D&A than five and a half in every year" \
    up "$(da life-4 da.bigtech)" "$(da life-5.5 da.bigtech)"
check "five and a half years: more D&A than six in every year" \
    up "$(da life-5.5 da.bigtech)" "$(da base da.bigtech)"

# The Summary's figures in JSON: share_of_capex 50%: 2030 D&A 1188.15 >=
# half of 2222.9 (and 2029's 856.6 < half of 2117.1).
"$PYTHON" -c "
import json, sys
d = json.load(open('$T/base.json'))['depreciation'][0]
sys.exit(0 if d['exceeds_year'] == 2030 and d['first_da_year'] == 2023
         and d['life'] == 6 and d['method'] == 'straight_line' else 1)"
check "JSON: the rule and the first year D&A reaches 50% of capex" [ $? -eq 0 ]

# The table prints D&A by year under each life.
"$CAPEX" run "$M" -s life-4 -n >"$T/table" 2>/dev/null
check "table: D&A under four years" grep -q "Big Tech D&A on 2023+ capex *17.5 *62.8 *137.9 *265.9" "$T/table"

# explain: the purchases and their shares.
"$CAPEX" explain "$M" da.bigtech >"$T/explain" 2>&1
check "explain shows the rule" grep -q "life 6 years, straight_line, half_year" "$T/explain"
check "explain: 2024 = 140 x 16.67% + 222 x 8.33%" \
    grep -q "2024        41.83  = 2023 140.00 x 16.67% + 2024 222.00 x 8.33%" "$T/explain"

# A negative capex figure is warned about at the figure.
cat >"$T/neg.yaml" <<'YAML'
model: neg
years: 2024..2026
series:
  capex.x: {values: {2024: 100, 2025: -20}}
depreciation:
  da.x: {capex: capex.x, life: 4}
YAML
"$CAPEX" run "$T/neg.yaml" -n >/dev/null 2>"$T/err"
check "negative capex: a warning at the figure" \
    grep -q "neg.yaml:4:39: warning: da.x: 'capex.x' is negative in 2025" "$T/err"

# Sensitivity moves a life (tests/cases/depreciation.yaml: da.sl in 2024 =
# opening 300/3.5 + capex.b 50/L + 60/L, full year):
#   life 5 (base): 85.714286 + 10 + 12 = 107.714286
#   life 3 (low):  85.714286 + 16.666667 + 20 = 122.380952
#   life 8 (high): 85.714286 + 6.25 + 7.5 = 99.464286
"$CAPEX" run tests/cases/depreciation.yaml -n -f json >"$T/case.json" 2>/dev/null
"$PYTHON" -c "
import json, sys
s = json.load(open('$T/case.json'))['sensitivity']
b = [x for x in s['tornado'] if x['series'] == 'da.sl'][0]
ok = (abs(s['base'] - 107.714286) < 1e-6 and b['setting'] == 'life'
      and abs(b['at_low'] - 122.380952) < 1e-6 and abs(b['at_high'] - 99.464286) < 1e-6)
sys.exit(0 if ok else 1)"
check "sensitivity: the life to 3 and 8 years, worked by hand" [ $? -eq 0 ]

# Monte Carlo with a drawn life: capex 100 in 2024 only, life 4 or 6 with
# probability 1/2 each, straight line, half year: D&A 2024 is 100/8 = 12.5
# or 100/12 = 8.333333, so P5 = 8.333333, P95 = 12.5 and the mean 10.416667
# (within 0.06: 4 standard errors of 20,000 draws of a two-point variable
# with sd 2.083333); a life fixed at 5 gives the deterministic 10 on every
# path. The same bytes with -j 1 and -j 2.
cat >"$T/mcl.yaml" <<'YAML'
model: mcl
years: 2024..2027
series:
  capex.x: {values: {2024: 100, 2025: 0, 2026: 0, 2027: 0}}
depreciation:
  da.x: {capex: capex.x, life: 5}
uncertainty:
  da.x: {dist: discrete, values: [4, 6], p: [0.5, 0.5]}
  fan: [da.x]
YAML
"$CAPEX" mc "$T/mcl.yaml" -n --paths 20000 -j 1 -f json >"$T/mcl1.json" 2>/dev/null
check "mc: a drawn life runs" [ $? -eq 0 ]
"$CAPEX" mc "$T/mcl.yaml" -n --paths 20000 -j 2 -f json >"$T/mcl2.json" 2>/dev/null
check "mc: a drawn life, the same with -j 1 and -j 2" cmp -s "$T/mcl1.json" "$T/mcl2.json"
"$PYTHON" -c "
import json, sys
f = json.load(open('$T/mcl1.json'))['monte_carlo']['fan'][0]['years'][0]
p = f['percentiles']
ok = (f['year'] == 2024 and abs(p['P5'] - 100 / 12) < 1e-9 and abs(p['P95'] - 12.5) < 1e-9
      and abs(f['mean'] - 125 / 12) < 0.06 and f['deterministic'] == 10)
sys.exit(0 if ok else 1)"
check "mc: D&A 2024 under lives 4 and 6, worked by hand" [ $? -eq 0 ]
sed 's/values: \[4, 6\], p: \[0.5, 0.5\]/values: [5], p: [1]/' "$T/mcl.yaml" >"$T/mcl5.yaml"
"$CAPEX" mc "$T/mcl5.yaml" -n --paths 1000 -f json 2>/dev/null | "$PYTHON" -c "
import json, sys
ys = json.load(sys.stdin)['monte_carlo']['fan'][0]['years']
sys.exit(0 if all(y['percentiles']['P5'] == y['deterministic'] == y['percentiles']['P95'] for y in ys) else 1)"
check "mc: a life fixed at 5 gives the deterministic D&A on every path" [ $? -eq 0 ]
printf 'model: b\nyears: 2024..2025\nseries:\n  capex.x: {values: {2024: 1}}\ndepreciation:\n  da.x: {capex: capex.x, life: 5}\nuncertainty:\n  da.x: {dist: normal, mean: 5, sd: 1}\n' >"$T/mcn.yaml"
"$CAPEX" mc "$T/mcn.yaml" -n >/dev/null 2>"$T/err"
check "mc: a life from a normal distribution is refused (65)" [ $? -eq 65 ]
check "mc: ... with why" grep -q "a life needs a bounded distribution" "$T/err"

# A batch manifest sets a life in a cell (its column is the entry's name),
# on top of a row's scenario: life 4 gives the hand-worked 17.5, 62.75; the
# life-5.5 scenario with sum_of_years: W = 5 x 5.5 - 10 + 0.25 = 17.75,
# 2023 = 140 x 5.5/17.75 / 2 (half year) = 21.690141.
mkdir -p "$T/mf"
cp inputs/bigtech-capex.yaml inputs/bigtech-capex.csv "$T/mf/"
printf 'model,scenario,output,da.bigtech\nbigtech-capex.yaml,,short,"{life: 4}"\nbigtech-capex.yaml,life-5.5,syd,"{method: sum_of_years}"\n' >"$T/mf/runs.csv"
"$CAPEX" batch --manifest "$T/mf/runs.csv" -o "$T/mf/out" -q
check "manifest: a life in a cell runs" [ $? -eq 0 ]
"$PYTHON" -c "
import openpyxl, sys
def da(f):
    ws = openpyxl.load_workbook('$T/mf/out/%s.xlsx' % f, data_only=True)['Projection']
    return [r for r in ws.iter_rows(values_only=True) if r[0] == 'da.bigtech'][0][3:5]
a, b = da('short'), da('syd')
sys.exit(0 if abs(a[0] - 17.5) < 1e-9 and abs(a[1] - 62.75) < 1e-9
         and abs(b[0] - 140 * 5.5 / 17.75 / 2) < 1e-9 else 1)"
check "manifest: the cells' lives and methods, worked by hand" [ $? -eq 0 ]

# The workbook: change the life on Inputs to 4, recalculate in LibreOffice,
# compare with the life-4 run.
"$CAPEX" run "$M" -o "$T/bt.xlsx" -q >/dev/null 2>&1
"$PYTHON" tests/e2e/dep_life.py "$T/bt.xlsx" da.bigtech 4 "$T/life-4.json" "$T" >"$T/log" 2>&1
rc=$?
if [ $rc -eq 77 ]; then
    echo "SKIP life changed in LibreOffice: soffice not installed"
else
    check "life changed to 4 on Inputs: LibreOffice equals the engine's life-4 run" [ $rc -eq 0 ]
    [ $rc -eq 0 ] || cat "$T/log"
fi
finish depreciation
