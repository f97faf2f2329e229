#!/bin/sh
# init.sh - `capex init`: every template writes a model that runs as it is,
# with its checks passing; the monthly burn starter's figures worked by
# hand; an existing file is kept; bad names and templates are usage errors.
. tests/e2e/lib.sh
status() { "$CAPEX" "$@" >"$T/out" 2>"$T/err"; echo $?; }

for t in burn capex market; do
    check "init -t $t" [ "$(status init "acme-$t" -t $t -o "$T/acme-$t.yaml")" -eq 0 ]
    check "init -t $t: says what to do next" grep -q "next: capex run" "$T/out"
    check "the $t starter model runs" [ "$(status run "$T/acme-$t.yaml" -n)" -eq 0 ]
    rc=$(status run "$T/acme-$t.yaml" -o "$T/acme-$t.xlsx")
    # The burn starter is monthly: its workbook is refused (65, nothing
    # written) until the workbook is written by period (issue 13); then
    # it is written like the others.
    if [ "$rc" -eq 0 ] && [ -s "$T/acme-$t.xlsx" ]; then
        ok "the $t starter model's workbook is written"
    elif [ "$t" = burn ] && [ "$rc" -eq 65 ] && [ ! -e "$T/acme-$t.xlsx" ] \
        && grep -q "workbook is not written yet" "$T/err"; then
        ok "the $t starter model's workbook: refused until written by period"
    else
        bad "the $t starter model's workbook is written"
    fi
    check "the $t starter model's checks pass" [ "$(status check "$T/acme-$t.yaml")" -eq 0 ]
    check "the $t starter model has no warning" sh -c "! grep -q warning '$T/err'"
    check "the $t starter model is named acme-$t" grep -q "^model: acme-$t\$" "$T/acme-$t.yaml"
done

# The burn starter (periods 2026-01..2028-12) worked by hand in init_burn_check.py.
"$CAPEX" init acme-burn -o "$T/acme-burn.yaml" --force >"$T/out" 2>"$T/err"
check "burn starter: 'next' runs it with its workbook" \
    grep -q "^next: capex run $T/acme-burn.yaml\$" "$T/out"
check "burn starter: its workbook by month is written" sh -c \
    '"$1" run "$2" -q -o "$3" && [ -s "$3" ]' sh "$CAPEX" "$T/acme-burn.yaml" "$T/acme-burn.xlsx"
for s in base slow; do
    check "burn starter ($s): json" sh -c '"$1" run "$2" -n -s "$3" -f json >"$4" 2>"$5"' sh \
        "$CAPEX" "$T/acme-burn.yaml" "$s" "$T/burn-$s.json" "$T/err"
done
check "burn starter: table" sh -c 'NO_COLOR=1 "$1" run "$2" -n >"$3" 2>"$4"' sh \
    "$CAPEX" "$T/acme-burn.yaml" "$T/burn.txt" "$T/err"
check "burn starter: figures worked by hand" "$PYTHON" tests/e2e/init_burn_check.py "$T"
# capex fmt keeps 'periods:' in its place (after 'years', before 'as_of')
# and the figures: the same CSV report from the formatted model.
"$CAPEX" fmt "$T/acme-burn.yaml" >"$T/fmt.yaml" 2>"$T/err"
check "burn starter: fmt keeps periods after unit" \
    sh -c 'grep -A1 "^unit:" "$1" | grep -q "^periods: 2026-01..2028-12"' sh "$T/fmt.yaml"
"$CAPEX" run "$T/acme-burn.yaml" -n -f csv >"$T/a.csv" 2>"$T/err"
"$CAPEX" run "$T/fmt.yaml" -n -f csv >"$T/b.csv" 2>"$T/err"
check "burn starter: formatted, the same figures" cmp -s "$T/a.csv" "$T/b.csv"

cd "$T" || exit 1
check "init NAME writes NAME.yaml" [ "$(status init plain)" -eq 0 ] && [ -s plain.yaml ]
echo "# mine" >>plain.yaml
check "an existing model is kept: 73" [ "$(status init plain)" -eq 73 ]
check "the existing model is untouched" grep -q "^# mine" plain.yaml
check "--force replaces it" [ "$(status init plain --force)" -eq 0 ] && ! grep -q "^# mine" plain.yaml
check "a bad name is a usage error" [ "$(status init ../x)" -eq 64 ] && [ ! -e ../x.yaml ]
check "an unknown template is a usage error" [ "$(status init y -t nosuch)" -eq 64 ]
check "the message lists the templates" grep -q "burn, capex or market" "$T/err"
finish "init"
