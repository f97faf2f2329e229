#!/bin/sh
# locale.sh - figures parse and print the same under a comma-decimal locale.
# de_DE.UTF-8 is generated into a temporary LOCPATH with localedef when the
# system does not have it; skipped only when neither is possible.
. tests/e2e/lib.sh
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
    env_de="LC_ALL=de_DE.UTF-8"
elif localedef -i de_DE -f UTF-8 "$T/de_DE.UTF-8" >/dev/null 2>&1; then
    env_de="LOCPATH=$T LC_ALL=de_DE.UTF-8"
else
    echo "SKIP locale: no de_DE locale and no localedef"
    exit 0
fi
for m in inputs/*.yaml; do
    n=$(basename "$m" .yaml)
    for f in json csv; do
        LC_ALL=C "$CAPEX" run "$m" -n -f $f -q >"$T/c.$f" 2>/dev/null
        env $env_de "$CAPEX" run "$m" -n -f $f -q >"$T/de.$f" 2>/dev/null
        cmp -s "$T/c.$f" "$T/de.$f" || bad "locale: $n $f differs under de_DE"
    done
    LC_ALL=C "$CAPEX" run "$m" -o "$T/c.xlsx" -q 2>/dev/null
    env $env_de "$CAPEX" run "$m" -o "$T/de.xlsx" -q 2>/dev/null
    cmp -s "$T/c.xlsx" "$T/de.xlsx" || bad "locale: $n workbook differs under de_DE"
done
[ $fail -eq 0 ] && ok "locale: JSON, CSV and workbooks identical under C and de_DE.UTF-8 ($env_de)"
finish locale
