#!/bin/sh
# expect.sh - the expected output of every bundled model (inputs/<name>.yaml:
# tests/inputs/<name>.expect.json) and every test case (tests/cases/<name>.yaml:
# tests/cases/<name>.expect.json): figures worked by hand, and every note and
# warning of the run in full (tests/e2e/expect.py says how they compare;
# docs/testing.md how to update them when a change is meant).
. tests/e2e/lib.sh
for m in inputs/*.yaml tests/cases/*.yaml; do
    name=$(basename "$m" .yaml)
    case $m in inputs/*) e=tests/inputs/$name.expect.json ;; *) e=tests/cases/$name.expect.json ;; esac
    check "$name has its expected output ($e)" test -f "$e"
done
if "$PYTHON" tests/e2e/expect.py "$CAPEX" tests/inputs/*.expect.json tests/cases/*.expect.json >"$T/log" 2>&1; then
    ok "expected outputs ($(tail -1 "$T/log"))"
else
    bad "expected outputs"
    grep -v '^ok' "$T/log"
fi
finish expect
