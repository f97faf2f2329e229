#!/bin/sh
# bad_inputs.sh - every tests/bad/<name>.yaml must be refused the same way:
# exit status 65 (or the code in <name>.status), stderr's first line
# starting with the text of <name>.expect, and no workbook written.
#
# CAPEX (default ./capex) is the binary under test. Run from the top of the
# tree: the expected messages name files as tests/bad/<name>.yaml.
. tests/e2e/lib.sh
BAD=${BAD:-tests/bad}
# The bad workbooks are binary: written now, not committed.
if [ -f "$BAD/workbooks.py" ]; then
    "$PYTHON" "$BAD/workbooks.py" "$BAD" || { echo "FAIL workbooks.py"; exit 1; }
fi

for f in "$BAD"/*.yaml; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .yaml)
    if [ ! -f "$BAD/$name.expect" ]; then
        fail=$((fail + 1))
        echo "FAIL $name (no $name.expect)"
        continue
    fi
    want=65
    [ -f "$BAD/$name.status" ] && want=$(cat "$BAD/$name.status")
    expect=$(head -n 1 "$BAD/$name.expect")
    rm -f "$T/out.xlsx"
    "$CAPEX" run "$f" -o "$T/out.xlsx" --quiet >"$T/stdout" 2>"$T/stderr"
    got=$?
    first=$(head -n 1 "$T/stderr")
    why=""
    [ "$got" -eq "$want" ] || why="exit $got, expected $want"
    case "$first" in
        "$expect"*) ;;
        *) why="${why:+$why; }stderr: '$first', expected: '$expect'" ;;
    esac
    [ -e "$T/out.xlsx" ] && why="${why:+$why; }a workbook was written"
    if [ -z "$why" ]; then
        pass=$((pass + 1))
        echo "ok   $name"
    else
        fail=$((fail + 1))
        echo "FAIL $name ($why)"
    fi
done

finish "bad inputs"
