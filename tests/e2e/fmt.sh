#!/bin/sh
# fmt.sh - `capex fmt`: canonical layout that reads back to the same
# figures, is stable (formatting twice changes nothing), keeps the comments
# it promises to keep, and never rewrites a file it would lose comments of
# unless told to.
. tests/e2e/lib.sh
figures() { "$CAPEX" run "$1" -n -f csv 2>/dev/null; }

for m in inputs/*.yaml tests/cases/*.yaml; do
    name=$(basename "$m" .yaml)
    dir=$(dirname "$m")
    # formatted beside the original, so that imports resolve the same way
    f="$dir/.fmt-$name.yaml"
    "$CAPEX" fmt "$m" >"$f" 2>/dev/null
    figures "$m" >"$T/a.csv"
    figures "$f" >"$T/b.csv"
    check "$name: formatted, the same figures" cmp -s "$T/a.csv" "$T/b.csv"
    "$CAPEX" fmt "$f" >"$T/again.yaml" 2>/dev/null
    check "$name: formatting twice changes nothing" cmp -s "$f" "$T/again.yaml"
    "$CAPEX" fmt --check "$f" >/dev/null 2>&1
    check "$name: --check of the formatted file: 0" [ $? -eq 0 ]
    rm -f "$f"
done

# Keys in the documented order, whatever order they were written in.
cat >"$T/shuffled.yaml" <<'YAML'
# leading comment: kept
checks:
  - {growth: revenue.x, from: 2024, to: 2025, stated: 50%}
# above series: kept
series:
  revenue.x:
    source: "보고서"   # an end-of-line comment: dropped
    values: {2024: 10, 2025: 15}
    label: Revenue
years: 2024..2027
drivers:
  revenue.x: {rate: 10%, method: growth}
model: shuffled
YAML
"$CAPEX" fmt "$T/shuffled.yaml" >"$T/out" 2>"$T/err"
check "fmt of a valid model: 0" [ $? -eq 0 ]
check "the leading comment comes first" sh -c "head -1 '$T/out' | grep -qx '# leading comment: kept'"
check "model: right after the leading comment" sh -c "sed -n 3p '$T/out' | grep -qx 'model: shuffled'"
check "years before series" sh -c "[ \$(grep -n '^years:' '$T/out' | cut -d: -f1) -lt \$(grep -n '^series:' '$T/out' | cut -d: -f1) ]"
check "the comment above series moves with it" sh -c "grep -B1 '^series:' '$T/out' | head -1 | grep -qx '# above series: kept'"
check "a series' keys: label, values, source" sh -c "grep -A4 '^  revenue.x:' '$T/out' | sed -n '2p;3p;4p' | cut -d: -f1 | tr -d ' ' | tr '\n' , | grep -qx 'label,values,source,'"
check "a driver's method first, on one line" grep -qx '  revenue.x: {method: growth, rate: 10%}' "$T/out"
check "Korean kept as written" grep -q '보고서' "$T/out"
check "dropped comments are counted" grep -q "1 comment line of" "$T/err"
cp "$T/shuffled.yaml" "$T/keep.yaml"
"$CAPEX" fmt --write "$T/keep.yaml" 2>"$T/err"
check "--write refuses to drop comments: 65" [ $? -eq 65 ]
check "... and leaves the file alone" cmp -s "$T/shuffled.yaml" "$T/keep.yaml"
"$CAPEX" fmt --write --force "$T/keep.yaml" 2>"$T/err"
check "--write --force rewrites it" [ $? -eq 0 ] && cmp -s "$T/out" "$T/keep.yaml"
"$CAPEX" fmt --check "$T/shuffled.yaml" >"$T/out" 2>&1
check "--check of an unformatted file: 1, naming it" [ $? -eq 1 ] && grep -q shuffled.yaml "$T/out"
printf 'model: bad\nyears: 2024..2025\nseries:\n  x.y: {2024: abc}\n' >"$T/bad.yaml"
"$CAPEX" fmt "$T/bad.yaml" >"$T/out" 2>"$T/err"
check "an invalid model is not formatted: 65" [ $? -eq 65 ] && [ ! -s "$T/out" ]
finish "fmt"
