#!/bin/sh
# run.sh - end-to-end tests of the capex command, as a user runs it.
#
# CAPEX (default ./capex) is the binary under test; PYTHON (default
# /usr/bin/python3) must see Debian's python3-openpyxl.
. tests/e2e/lib.sh

# expect_status NAME STATUS CMD... : the command exits with STATUS.
expect_status() {
    _what=$1 _want=$2
    shift 2
    "$@" >"$T/out" 2>"$T/err"
    _got=$?
    if [ "$_got" -eq "$_want" ]; then ok "$_what"; else bad "$_what (exit $_got, expected $_want)"; fi
}

# expect_err NAME TEXT : the last command's stderr contains TEXT.
expect_err() {
    if grep -qF -- "$2" "$T/err"; then ok "$1"; else bad "$1 (stderr lacks '$2')"; fi
}

# --- the command line -------------------------------------------------------
expect_status "--help exits 0" 0 "$CAPEX" --help
grep -q "^usage: capex" "$T/out" && ok "--help prints usage" || bad "--help prints usage"
expect_status "--version exits 0" 0 "$CAPEX" --version
grep -q "^capex [0-9]" "$T/out" && ok "--version prints the version" || bad "--version prints the version"
expect_status "help run" 0 "$CAPEX" help run
grep -q -- "--scenario" "$T/out" && ok "help run lists --scenario" || bad "help run lists --scenario"
for cmd in run check mc batch index init explain diff fmt help version; do
    expect_status "$cmd --help exits 0" 0 "$CAPEX" "$cmd" --help
    grep -q "^Example" "$T/out" && ok "$cmd --help shows an example" || bad "$cmd --help shows an example"
done
expect_status "no arguments is a usage error" 64 "$CAPEX"
expect_status "unknown command is a usage error" 64 "$CAPEX" frobnicate
expect_err "unknown command is named" "unknown command 'frobnicate'"
expect_status "unknown option is a usage error" 64 "$CAPEX" run --bogus inputs/bigtech-capex.yaml
expect_status "bad --format is a usage error" 64 "$CAPEX" run -f xml inputs/bigtech-capex.yaml -n
expect_status "missing model file: 66" 66 "$CAPEX" run "$T/nope.yaml" -o "$T/nope.xlsx"
expect_err "missing model file is named" "$T/nope.yaml"
[ ! -e "$T/nope.xlsx" ] && ok "missing model file: no workbook" || bad "missing model file: no workbook"
expect_status "unknown scenario: 64" 64 "$CAPEX" run inputs/bigtech-capex.yaml -s nosuch -n
expect_err "unknown scenario is named" "no scenario 'nosuch'"

# --- every bundled model, and the test cases ----------------------------------
# tests/cases/*.yaml exercise what the bundled models do not (formula-like
# text, discounting, every growth method, funding and goal seek).
MODELS="$(ls inputs/*.yaml tests/cases/*.yaml)"
books=""   # the workbooks recalculated by LibreOffice and Gnumeric at the end
for m in $MODELS; do
    name=$(basename "$m" .yaml)
    expect_status "run $name" 0 "$CAPEX" run "$m" -o "$T/$name.xlsx" --format json
    cp "$T/out" "$T/$name.json"
    [ -s "$T/$name.xlsx" ] && ok "$name: workbook written" || bad "$name: workbook written"
    if "$PYTHON" tests/e2e/check_workbook.py "$T/$name.xlsx" "$T/$name.json" >"$T/err" 2>&1; then
        ok "$name: workbook matches the JSON ($(tail -1 "$T/err"))"
    else
        bad "$name: workbook matches the JSON"
        cat "$T/err" | head -20
    fi
    expect_status "$name: csv" 0 "$CAPEX" run "$m" -n --format csv
    head -1 "$T/out" | grep -q '^model,scenario,record,series,year,from,value,kind,text$' \
        && ok "$name: csv header" || bad "$name: csv header"
    expect_status "$name: table" 0 "$CAPEX" run "$m" -n
    expect_status "$name: check" 0 "$CAPEX" check "$m"
    # Same model, same bytes.
    "$CAPEX" run "$m" -o "$T/$name.again.xlsx" -q 2>/dev/null
    cmp -s "$T/$name.xlsx" "$T/$name.again.xlsx" && ok "$name: byte-identical rerun" \
        || bad "$name: byte-identical rerun"
    # Every scenario and the comparison, for the recalculation below.
    expect_status "$name: --scenario all" 0 "$CAPEX" run "$m" -s all -o "$T/all-$name.xlsx" -f json
    cp "$T/out" "$T/all-$name.json"
    books="$books $T/$name.xlsx $T/all-$name.xlsx"
    for s in $("$PYTHON" -c 'import json, sys
print(" ".join(s["name"] for s in json.load(sys.stdin)["scenarios"]
               if not s["automatic"] and s["name"] != "base"))' <"$T/out"); do
        expect_status "$name: --scenario $s" 0 "$CAPEX" run "$m" -s "$s" -o "$T/$name--$s.xlsx" -q
        books="$books $T/$name--$s.xlsx"
    done
done

# (The figures the seed states, and the notes of every run: expect.sh.)

# --- text is never a formula -------------------------------------------------
# (libxlsxwriter stores a carriage return as the OOXML escape _x000D_, which
# openpyxl reads back literally.)
expect_status "formula-like text: run" 0 "$CAPEX" run tests/cases/injection.yaml -o "$T/injection.xlsx" -q
if "$PYTHON" tests/e2e/check_text_cells.py "$T/injection.xlsx" \
    '=HYPERLINK("http://example.com","click")' "+cmd|' /C calc'!A0" "=1+1" \
    "@SUM(A1:A2)" "-2+3" "$(printf '\t=1+2')" "_x000D_=1+3" "+SUM(1,2)" "=4" "@4" \
    "=EVIL()" "+note" "-source" "-label" "=9*9" >"$T/err" 2>&1; then
    ok "formula-like text stays text ($(tail -1 "$T/err"))"
else
    bad "formula-like text stays text"
fi

# --- Monte Carlo (capex mc) ---------------------------------------------------
# The same seed gives the same bytes whatever the thread count: 20000 paths are
# 5 blocks, shared out differently by 1, 2 and 8 threads.
for j in 1 2 8; do
    expect_status "mc -j $j" 0 "$CAPEX" mc inputs/ai-lab-burn.yaml --paths 20000 --seed 7 \
        -j "$j" -o "$T/mc$j.xlsx" -f json
    grep -v '"workbook":' "$T/out" >"$T/mc$j.json"   # the path differs
done
cmp -s "$T/mc1.json" "$T/mc2.json" && cmp -s "$T/mc1.json" "$T/mc8.json" \
    && ok "mc: JSON identical for 1, 2 and 8 threads" || bad "mc: JSON identical for 1, 2 and 8 threads"
cmp -s "$T/mc1.xlsx" "$T/mc2.xlsx" && cmp -s "$T/mc1.xlsx" "$T/mc8.xlsx" \
    && ok "mc: workbook identical for 1, 2 and 8 threads" \
    || bad "mc: workbook identical for 1, 2 and 8 threads"
expect_status "mc: seed 8" 0 "$CAPEX" mc inputs/ai-lab-burn.yaml --paths 20000 --seed 8 -n -f json
grep -v '"workbook":' "$T/out" | cmp -s - "$T/mc1.json" && bad "mc: another seed, other figures" || ok "mc: another seed, other figures"
"$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))["monte_carlo"]
assert d["paths"] == 20000 and d["burn_through"] == 2029, d["burn_through"]
assert [t["kind"] for t in d["targets"]] == ["break_even_by", "cumulative_burn_through", "peak_funding_below"]
# -14 - 26 - 44 + net 2029: fade 110% to 40% over 4 (2.1, 2.1-0.7/3, 2.1-1.4/3), costs 100/80/30%
assert abs(d["cumulative"]["deterministic"] - (-84 + 20*2.1*(2.1-0.7/3)*(2.1-1.4/3) - 34*2*1.8*1.3)) < 1e-9
p = d["cumulative"]["percentiles"]
assert p["P5"] <= p["P10"] <= p["P50"] <= p["P90"] <= p["P95"]
assert abs(sum(y["p"] for y in d["break_even"]["by_year"]) + d["break_even"]["p_never"] - 1) < 1e-12
assert sum(d["histogram"]["counts"]) == 20000
assert d["correlation"]["rank"][0][1] == 0.5
' "$T/mc1.json" >"$T/err" 2>&1 && ok "mc: JSON figures consistent" || bad "mc: JSON figures consistent"
"$PYTHON" -c '
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
assert "MonteCarlo" in wb.sheetnames, wb.sheetnames
ws = wb["MonteCarlo"]
assert len(ws._charts) == 3, len(ws._charts)
' "$T/mc1.xlsx" >"$T/err" 2>&1 && ok "mc: MonteCarlo sheet with fan, probability and histogram charts" \
    || bad "mc: MonteCarlo sheet with fan, probability and histogram charts"
expect_status "mc: table" 0 "$CAPEX" mc inputs/ai-lab-burn.yaml --paths 5000 -n
grep -q "P(.*by 2030.*) = " "$T/out" && grep -q "cumulative net cash flow 2026..2029" "$T/out" \
    && grep -q "^  break-even " "$T/out" && ok "mc: table has P(break-even by 2030), the burn to 2029, by year" \
    || bad "mc: table has P(break-even by 2030), the burn to 2029, by year"
expect_status "mc: csv" 0 "$CAPEX" mc tests/cases/montecarlo.yaml --paths 5000 -n -f csv -s bear \
    --percentiles 1,99
grep -q '^"montecarlo","bear","mc.percentile","cumulative",2028,2024,.*,"P99",' "$T/out" \
    && ok "mc: csv rows with --percentiles and --scenario" || bad "mc: csv rows with --percentiles and --scenario"
expect_status "mc: repaired correlation noted" 0 "$CAPEX" mc tests/cases/montecarlo.yaml --paths 2000 -n
expect_err "mc: repaired correlation noted" "correlation matrix was not positive definite"
expect_status "mc: model without uncertainty: 65" 65 "$CAPEX" mc inputs/bigtech-capex.yaml -n
expect_err "mc: model without uncertainty is named" "has no 'uncertainty' section"
expect_status "mc: bad --paths: 64" 64 "$CAPEX" mc inputs/ai-lab-burn.yaml --paths 0 -n
expect_status "mc: montecarlo case workbook" 0 "$CAPEX" mc tests/cases/montecarlo.yaml --paths 3000 \
    -o "$T/mc-case.xlsx" -q
books="$books $T/mc1.xlsx $T/mc-case.xlsx"

# --- every scenario side by side; sensitivity ---------------------------------
expect_status "--scenario all: json" 0 "$CAPEX" run inputs/ai-lab-burn.yaml --scenario all -f json -n
if "$PYTHON" -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
names = [s["name"] for s in d["scenarios"]]
ok = names == ["base", "bear", "bull", "low", "high"] and d["scenario"] == "base"
ok = ok and [s["automatic"] for s in d["scenarios"]] == [False, False, False, True, True]
ok = ok and d["sensitivity"]["output"] == "cumulative_burn" and len(d["sensitivity"]["grid"]["values"]) == 5
sys.exit(0 if ok else 1)' "$T/out"; then
    ok "--scenario all lists base, bear, bull, low, high (and the sensitivity)"
else
    bad "--scenario all lists base, bear, bull, low, high (and the sensitivity)"
fi
expect_status "--scenario all: csv" 0 "$CAPEX" run inputs/ai-lab-burn.yaml --scenario all -f csv -n
[ "$(grep -c '^"ai-lab-burn","[a-z]*","scenario.cumulative_burn",' "$T/out")" -eq 9 ] \
    && ok "--scenario all: csv has scenario.* records" || bad "--scenario all: csv has scenario.* records"
grep -q '^"ai-lab-burn","base","sensitivity.grid",' "$T/out" && ok "csv has sensitivity.* records" \
    || bad "csv has sensitivity.* records"
expect_status "--scenario all: table" 0 "$CAPEX" run inputs/ai-lab-burn.yaml --scenario all -n
grep -q '^scenarios' "$T/out" && grep -q '^tornado' "$T/out" && ok "table compares scenarios, tornado" \
    || bad "table compares scenarios, tornado"
for m in inputs/ai-lab-burn.yaml tests/cases/sensitivity.yaml; do
    name=all-$(basename "$m" .yaml)   # written above
    if "$PYTHON" tests/e2e/check_workbook.py "$T/$name.xlsx" "$T/$name.json" >"$T/err" 2>&1; then
        ok "$name: workbook matches the JSON ($(tail -1 "$T/err"))"
    else
        bad "$name: workbook matches the JSON"
    fi
done
printf 'model: lowfail\nyears: 2025..2027\nseries:\n  revenue.x: {2025: -2..22, 2026: 20}\ndrivers:\n  revenue.x: {method: cagr}\n' >"$T/lowfail.yaml"
expect_status "--scenario all: a failing low scenario: 65" 65 "$CAPEX" run "$T/lowfail.yaml" --scenario all -n
expect_err "--scenario all: the failing scenario is named" "cannot compute scenario 'low'"

# --- nothing lost -----------------------------------------------------------
cp "$T/bigtech-capex.xlsx" "$T/keep.xlsx"
printf 'model: broken\nyears: 2020..2021\nseries: [\n' >"$T/broken.yaml"
expect_status "broken model: 65" 65 "$CAPEX" run "$T/broken.yaml" -o "$T/keep.xlsx"
cmp -s "$T/keep.xlsx" "$T/bigtech-capex.xlsx" && ok "broken model: existing workbook untouched" \
    || bad "broken model: existing workbook untouched"
expect_status "missing output folder: 73" 73 "$CAPEX" run inputs/bigtech-capex.yaml -o "$T/no/such/dir/x.xlsx"
expect_err "missing output folder is named" "$T/no/such/dir"
ls "$T/no" >/dev/null 2>&1 && bad "missing output folder: nothing created" || ok "missing output folder: nothing created"
if [ "$(id -u)" != 0 ]; then
    mkdir "$T/ro" && chmod 555 "$T/ro"
    expect_status "read-only output folder: 73" 73 "$CAPEX" run inputs/bigtech-capex.yaml -o "$T/ro/x.xlsx"
fi
leftovers=$(find "$T" -name '*.tmp*' -o -name '.*.xlsx.*' | head -3)
[ -z "$leftovers" ] && ok "no temporary files left" || bad "no temporary files left: $leftovers"

# --- recalculation in LibreOffice and Gnumeric ---------------------------------
# Every workbook above (each model's every scenario, --scenario all, Monte
# Carlo) in one soffice run and a few ssconvert runs at a time.
# shellcheck disable=SC2086
"$PYTHON" tests/e2e/recalc.py $books >"$T/recalc.log" 2>&1
rc=$?
if [ $rc -eq 77 ]; then
    echo "SKIP recalculation: an engine is missing (make deps)"
    sed 's/^/     /' "$T/recalc.log"
elif [ $rc -eq 0 ]; then
    ok "LibreOffice and Gnumeric recalculations equal every cached value ($(echo $books | wc -w) workbooks)"
    sed 's/^/     /' "$T/recalc.log"
else
    bad "LibreOffice and Gnumeric recalculations equal every cached value"
    cat "$T/recalc.log"
fi

# Every help text fits an 80-column terminal.
wide=""
for c in "" run check mc batch index init explain diff fmt version; do
    "$CAPEX" help $c >"$T/help.txt" 2>&1
    w=$(awk 'length($0) > 79 { n++ } END { print n + 0 }' "$T/help.txt")
    [ "$w" -eq 0 ] || wide="$wide ${c:-capex}"
done
check "help texts fit 80 columns (too wide:${wide:- none})" [ -z "$wide" ]

finish e2e
