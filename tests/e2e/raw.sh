#!/bin/sh
# raw.sh - `capex mc --raw`: the raw paths workbook read back with openpyxl.
#  - a zero-spread model writes, in every row, the projection worked out by
#    hand (cumulative net cash flow, net, a series);
#  - the same bytes for -j 1, 2 and 3, and with or without --raw-only;
#  - a spread model: the P10 / P50 / P90 that capex reports equal the
#    percentiles (PERCENTILE.INC) computed here from the raw sheet's column;
#  - past 1,048,575 paths the rows go on in "Paths 2";
#  - bad --raw-series and option mixes are usage errors (64) that write
#    nothing; a missing folder is 73, with nothing left behind.
. tests/e2e/lib.sh

# Revenue 10 growing 50% a year, costs 20 growing 25%: every figure exact in
# binary. revenue 10, 15, 22.5, 33.75, 50.625; costs 20, 25, 31.25, 39.0625,
# 48.828125; net = revenue - costs = -10, -10, -8.75, -5.3125, 1.796875;
# cumulative -10, -20, -28.75, -34.0625, -32.265625.
_model() {  # FILE SD [BURN]
    cat >"$1" <<EOF
model: raw-test
years: 2024..2028
as_of: 2026-02-20
series:
  revenue.x: {values: {2024: 10}}
  costs.x: {values: {2024: 20}}
drivers:
  revenue.x: {method: growth, rate: 50%}
  costs.x: {method: growth, rate: 25%}
${3:-burn: {revenue: revenue.x, costs: costs.x}}
uncertainty:
  revenue.x: {dist: normal, mean: 50%, sd: $2%}
  costs.x: {dist: triangular, low: $((25 - $2))%, mode: 25%, high: $((25 + $2))%}
EOF
}
_model "$T/zero.yaml" 0
_model "$T/spread.yaml" 5

# _rows FILE PATHS FIRST_YEAR V1 V2 ...: sheet Paths has the years header and
# PATHS rows, each exactly V1 V2 ...
_rows() {
    "$PYTHON" - "$@" <<'EOF'
import sys
import openpyxl
path, paths, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
want = tuple(float(v) for v in sys.argv[4:])
wb = openpyxl.load_workbook(path, read_only=True)
assert wb.sheetnames == ["Paths"], wb.sheetnames
rows = list(wb["Paths"].iter_rows(values_only=True))
header = tuple(range(first, first + len(want)))
assert rows[0] == header, (rows[0], header)
assert len(rows) == paths + 1, (len(rows), paths + 1)
bad = [i for i, r in enumerate(rows[1:]) if tuple(float(x) for x in r) != want]
assert not bad, ("path", bad[0], rows[bad[0] + 1], want)
EOF
}

# 1. by hand: 5000 paths = a block of 4096 and one of 904
"$CAPEX" mc "$T/zero.yaml" --paths 5000 -j 1 --raw "$T/z1.xlsx" -n -q &&
"$CAPEX" mc "$T/zero.yaml" --paths 5000 -j 2 --raw "$T/z2.xlsx" --raw-only -q &&
"$CAPEX" mc "$T/zero.yaml" --paths 5000 -j 2 --raw "$T/zn.xlsx" --raw-series net -n -q &&
"$CAPEX" mc "$T/zero.yaml" --paths 5000 -j 2 --raw "$T/zr.xlsx" --raw-series revenue.x -n -q ||
    bad "zero-spread runs failed"
_rows "$T/z1.xlsx" 5000 2024 -10 -20 -28.75 -34.0625 -32.265625 &&
_rows "$T/zn.xlsx" 5000 2024 -10 -10 -8.75 -5.3125 1.796875 &&
_rows "$T/zr.xlsx" 5000 2024 10 15 22.5 33.75 50.625 &&
    ok "zero spread: 5000 rows of the hand-computed cumulative, net and revenue" ||
    bad "zero spread: rows differ from the hand-computed projection"
cmp -s "$T/z1.xlsx" "$T/z2.xlsx" && ok "zero spread: -j 1 --raw and -j 2 --raw-only, same bytes" ||
    bad "zero spread: -j 1 and -j 2 --raw-only differ"

# 2. spread: 10000 paths (3 blocks, the last short), thread counts, stats
for j in 1 2 3; do
    "$CAPEX" mc "$T/spread.yaml" --paths 10000 -j $j --raw "$T/s$j.xlsx" -n -f json -q \
        >"$T/s$j.json" || bad "spread -j $j failed"
done
cmp -s "$T/s1.xlsx" "$T/s2.xlsx" && cmp -s "$T/s1.xlsx" "$T/s3.xlsx" &&
    ok "spread: -j 1, 2, 3 give the same bytes" || bad "spread: thread counts differ"
"$PYTHON" - "$T/s1.xlsx" "$T/s1.json" <<'EOF' && ok "spread: capex's P10/P50/P90 of cumulative 2028 = PERCENTILE.INC of the raw column" || bad "spread: percentiles disagree with the raw paths"
import json, math, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = list(wb["Paths"].iter_rows(values_only=True))
mc = json.load(open(sys.argv[2]))["monte_carlo"]
assert mc["burn_through"] == 2028 and rows[0][-1] == 2028
x = sorted(float(r[-1]) for r in rows[1:])
assert len(x) == 10000 and x[0] < x[-1]
def inc(p):  # Excel PERCENTILE.INC: h = p (n - 1), interpolate
    h = p * (len(x) - 1)
    i = int(math.floor(h))
    return x[i] + (h - i) * (x[i + 1] - x[i])
for name, p in (("P10", 0.10), ("P50", 0.50), ("P90", 0.90)):
    got = mc["cumulative"]["percentiles"][name]
    assert math.isclose(got, inc(p), rel_tol=1e-13), (name, got, inc(p))
EOF

# 3. past Excel's rows: 1,048,576 paths of a 2-year series (no burn: the
# first sampled series) = 1,048,575 rows on Paths, the last on Paths 2
cat >"$T/two.yaml" <<'EOF'
model: raw-two
years: 2024..2025
series:
  revenue.x: {values: {2024: 10}}
drivers:
  revenue.x: {method: growth, rate: 50%}
uncertainty:
  revenue.x: {dist: normal, mean: 50%, sd: 0}
EOF
"$CAPEX" mc "$T/two.yaml" --paths 1048576 --raw "$T/two.xlsx" --raw-only -q &&
"$PYTHON" - "$T/two.xlsx" <<'EOF' && ok "1,048,576 paths: 1,048,575 rows on Paths, the last on Paths 2" || bad "rows past 1,048,575 paths"
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
assert wb.sheetnames == ["Paths", "Paths 2"], wb.sheetnames
assert wb["Paths"].max_row == 1048576 and wb["Paths"].max_column == 2
assert list(wb["Paths 2"].iter_rows(values_only=True)) == [(2024, 2025), (10, 15)]
EOF

# 4. usage errors (64) that write nothing; a missing folder (73)
_usage() {  # LABEL EXPECTED-MESSAGE ARGS...
    label=$1 want=$2
    shift 2
    rm -f "$T/bad.xlsx"
    "$CAPEX" mc "$@" -q 2>"$T/err" >/dev/null
    rc=$?
    if [ $rc -eq 64 ] && grep -qF "$want" "$T/err" && [ ! -e "$T/bad.xlsx" ]; then
        ok "usage: $label (64)"
    else
        bad "usage: $label: exit $rc, $(head -n 1 "$T/err")"
    fi
}
_usage "unknown --raw-series" "capex: unknown series 'nope' for --raw-series" \
    "$T/zero.yaml" --raw "$T/bad.xlsx" --raw-series nope
_usage "--raw-series net without a burn" "capex: --raw-series net needs the model's 'burn'" \
    "$T/two.yaml" --raw "$T/bad.xlsx" --raw-series net
_usage "--raw-series without --raw" "capex: --raw-series needs --raw FILE" \
    "$T/zero.yaml" --raw-series net
_usage "--raw-only without --raw" "capex: --raw-only needs --raw FILE" "$T/zero.yaml" --raw-only
_usage "--raw-only with -f" "capex: --raw-only writes the raw paths and nothing else" \
    "$T/zero.yaml" --raw "$T/bad.xlsx" --raw-only -f json
_usage "--raw and -o the same" "capex: --raw and -o name the same file" \
    "$T/zero.yaml" --raw "$T/bad.xlsx" -o "$T/bad.xlsx"
"$CAPEX" mc "$T/zero.yaml" --paths 10 --raw "$T/missing/r.xlsx" -n -q 2>"$T/err"
rc=$?
if [ $rc -eq 73 ] && grep -qF "capex: cannot create '$T/missing/'" "$T/err"; then
    ok "a missing folder: 73"
else
    bad "a missing folder: exit $rc, $(head -n 1 "$T/err")"
fi
# the engine fails once the raw workbook is open (a driver that cannot be
# sampled under a scenario): 65, the file dropped
cat >"$T/flat.yaml" <<'EOF'
model: raw-flat
years: 2024..2026
series:
  revenue.x: {values: {2024: 10, 2025: 12}}
  costs.x: {values: {2024: 20}}
drivers:
  revenue.x: {method: growth, rate: 50%}
  costs.x: {method: growth, rate: 25%}
scenarios:
  flat: {drivers: {revenue.x: {method: trend, fit: linear}}}
burn: {revenue: revenue.x, costs: costs.x}
uncertainty:
  revenue.x: {dist: normal, mean: 50%, sd: 5%}
EOF
"$CAPEX" mc "$T/flat.yaml" -s flat --paths 10 --raw "$T/flat.xlsx" -n -q 2>"$T/err"
rc=$?
if [ $rc -eq 65 ] && grep -qF "cannot sample 'revenue.x' under scenario 'flat'" "$T/err" &&
   [ ! -e "$T/flat.xlsx" ]; then
    ok "an engine error with the raw workbook open: 65, nothing written"
else
    bad "an engine error with the raw workbook open: exit $rc, $(head -n 1 "$T/err")"
fi
# SIGINT while the rows stream: 130, nothing left in the folder (the output's
# temporary file is removed, libxlsxwriter's were unlinked when created)
mkdir "$T/int"
"$CAPEX" mc "$T/spread.yaml" --paths 1000000 -j 2 --raw "$T/int/r.xlsx" --raw-only -q &
pid=$!
sleep 1
kill -INT $pid
wait $pid
rc=$?
if [ $rc -eq 130 ] && [ -z "$(ls -A "$T/int")" ]; then
    ok "SIGINT while streaming: 130, the folder left empty"
else
    bad "SIGINT while streaming: exit $rc, left: $(ls -A "$T/int" | tr '\n' ' ')"
fi
[ -z "$(find "$T" -name '.*.xlsx.*')" ] && ok "no temporary file left" || bad "temporary files left"
finish raw
