#!/bin/sh
# scenario_switch.sh - the workbook's live scenario switch (issue 14,
# docs/workbook.md "Scenario selector"): for every bundled model and
# tests/switch/methods.yaml (every growth-chained method, method changes,
# rate overrides, a depreciation rule) and tests/switch/periods.yaml (the
# same by month: rates per year, quarter and month converted in each
# period's formula), scenario_switch.py sets the
# `scenario` cell to each scenario, recalculates in LibreOffice and Gnumeric
# and compares with `capex run --scenario NAME --format json`. Then the
# cases without a selector and a workbook written for another scenario.
. tests/e2e/lib.sh

"$PYTHON" tests/e2e/scenario_switch.py "$CAPEX" inputs/*.yaml tests/switch/methods.yaml \
    tests/switch/periods.yaml \
    >"$T/switch" 2>&1
rc=$?
sed 's/^/     | /' "$T/switch" | grep -v ", 0 differ$" | head -40
n=$(grep -c ", 0 differ$" "$T/switch")
if [ "$rc" -eq 77 ]; then
    echo "skip selector recalculation: LibreOffice not installed"
else
    check "every scenario of every model recalculates to the engine's figures ($n runs)" \
        test "$rc" -eq 0
fi

# names WORKBOOK: the defined names, one a line; a1 WORKBOOK SHEET CELL: a value.
names() {
    "$PYTHON" - "$1" <<'PY'
import sys
import openpyxl
dn = openpyxl.load_workbook(sys.argv[1]).defined_names
print("\n".join(d.name for d in dn.definedName) if hasattr(dn, "definedName") else "\n".join(dn))
PY
}
cell() {
    "$PYTHON" -c 'import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1])[sys.argv[2]][sys.argv[3]].value)' "$1" "$2" "$3"
}

# No named scenarios: no selector.
"$CAPEX" run inputs/ai-labs-valuation.yaml -q -o "$T/plain.xlsx" 2>"$T/err"
names "$T/plain.xlsx" >"$T/n1" 2>"$T/err" &&
    check "no named scenarios: no 'scenario' name" sh -c "! grep -qx scenario '$T/n1'" ||
    bad "no named scenarios: the workbook reads"

# A scenario replacing a share driver cannot switch live: no selector, a note.
"$CAPEX" run tests/cases/growth-methods.yaml -q -o "$T/gm.xlsx" 2>"$T/err"
names "$T/gm.xlsx" >"$T/n2" 2>"$T/err" &&
    check "share driver in a scenario: no 'scenario' name" sh -c "! grep -qx scenario '$T/n2'" ||
    bad "share driver in a scenario: the workbook reads"
cell "$T/gm.xlsx" Inputs A3 >"$T/a3"
check "share driver in a scenario: Inputs!A3 says why" \
    grep -q "^No scenario selector: capex.ai cannot switch live" "$T/a3"

# Written for bear: the selector holds bear and the cached values are bear's.
"$CAPEX" run inputs/ai-lab-burn.yaml -s bear -q -o "$T/bear.xlsx" 2>"$T/err"
check "written for bear: the selector holds bear" test "$(cell "$T/bear.xlsx" Inputs B3)" = bear
names "$T/bear.xlsx" >"$T/n3"
check "written for bear: 'scenario' and 'scenario_names' defined" \
    sh -c "grep -qx scenario '$T/n3' && grep -qx scenario_names '$T/n3'"
"$PYTHON" tests/e2e/recalc.py "$T/bear.xlsx" >"$T/recalc" 2>&1
rc=$?
[ "$rc" -eq 77 ] || check "written for bear: cached values equal both engines' recalculation" \
    test "$rc" -eq 0
finish "scenario switch"
