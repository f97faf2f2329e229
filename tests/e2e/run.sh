#!/bin/sh
# run.sh - end-to-end tests of the capex command, as a user runs it.
#
# CAPEX (default ./capex) is the binary under test; PYTHON (default
# /usr/bin/python3) must see Debian's python3-openpyxl.
set -u
CAPEX=${CAPEX:-./capex}
PYTHON=${PYTHON:-/usr/bin/python3}
T=$(mktemp -d "${TMPDIR:-/tmp}/capex-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
pass=0
fail=0

ok()  { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$T/err" ] && sed 's/^/     | /' "$T/err" | head -5; }

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
done

# --- figures the seed states ------------------------------------------------
"$PYTHON" tests/e2e/seed_figures.py "$T" >"$T/err" 2>&1 && ok "seed figures ($(tail -1 "$T/err"))" \
    || { bad "seed figures"; cat "$T/err"; }

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

# --- bad inputs -------------------------------------------------------------
if CAPEX="$CAPEX" sh tests/e2e/bad_inputs.sh >"$T/bad.log" 2>&1; then
    ok "bad-input corpus ($(tail -1 "$T/bad.log"))"
else
    bad "bad-input corpus"
    grep -v '^ok' "$T/bad.log"
fi

# --- LibreOffice recalculation ------------------------------------------------
books=""
for m in $MODELS; do books="$books $T/$(basename "$m" .yaml).xlsx"; done
# shellcheck disable=SC2086
"$PYTHON" tests/e2e/recalc.py $books >"$T/recalc.log" 2>&1
rc=$?
if [ $rc -eq 77 ]; then
    echo "SKIP LibreOffice recalculation: soffice not installed"
elif [ $rc -eq 0 ]; then
    ok "LibreOffice recalculation equals every cached value"
    sed 's/^/     /' "$T/recalc.log"
else
    bad "LibreOffice recalculation equals every cached value"
    cat "$T/recalc.log"
fi

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
