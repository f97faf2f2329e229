#!/bin/sh
# init.sh - `capex init`: every template writes a model that runs as it is,
# with its checks passing; an existing file is kept; bad names and
# templates are usage errors.
. tests/e2e/lib.sh
status() { "$CAPEX" "$@" >"$T/out" 2>"$T/err"; echo $?; }

for t in burn capex market; do
    check "init -t $t" [ "$(status init "acme-$t" -t $t -o "$T/acme-$t.yaml")" -eq 0 ]
    check "init -t $t: says what to do next" grep -q "next: capex run" "$T/out"
    check "the $t starter model runs" [ "$(status run "$T/acme-$t.yaml" -o "$T/acme-$t.xlsx")" -eq 0 ]
    check "the $t starter model's workbook is written" [ -s "$T/acme-$t.xlsx" ]
    check "the $t starter model's checks pass" [ "$(status check "$T/acme-$t.yaml")" -eq 0 ]
    check "the $t starter model has no warning" sh -c "! grep -q warning '$T/err'"
    check "the $t starter model is named acme-$t" grep -q "^model: acme-$t\$" "$T/acme-$t.yaml"
done
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
