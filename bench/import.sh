#!/bin/sh
# bench/import.sh - the xlsx importer (issue 15): a 100,000-row x 12-column
# sheet (long layout, its four columns of series, year, value and source
# read through a range; the XML of all twelve is parsed) under `capex
# check`, and a 1 GiB-inflating zip bomb refused. Wall time and peak memory
# from /usr/bin/time -v, median of RUNS. Targets: under 1 s and 50 MB; the
# bomb under 1 s. Run by `make bench`; figures go into docs/performance.md.
set -eu
CAPEX=${CAPEX:-./capex}
RUNS=${RUNS:-5}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
[ -x /usr/bin/time ] || { echo "import bench skipped: /usr/bin/time missing"; exit 0; }
/usr/bin/python3 bench/gen_import.py "$T"
cat >"$T/big.yaml" <<'YAML'
model: big
unit: M
years: 2000..2099
import: {file: big.xlsx, range: A1:D100001, layout: long}
YAML
cat >"$T/bomb.yaml" <<'YAML'
model: bomb
years: 2000..2099
import: bomb.xlsx
YAML
_wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
          for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
_rss() { awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$1"; }
_median() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
echo
echo "capex import bench: $(ls -l "$T/big.xlsx" | awk '{printf "%.1f MB", $5 / 1e6}') xlsx, 100,000 rows x 12 columns; median of $RUNS"
for what in big bomb; do
    : >"$T/$what.w"; : >"$T/$what.m"
    i=0
    while [ $i -lt "$RUNS" ]; do
        /usr/bin/time -v "$CAPEX" check "$T/$what.yaml" -q >/dev/null 2>"$T/$what.time" || true
        _wall "$T/$what.time" >>"$T/$what.w"
        _rss "$T/$what.time" >>"$T/$what.m"
        i=$((i + 1))
    done
    # capex's own message (the bomb's refusal), without time's report
    said=$(grep -v -e 'Command being timed' -e '^[[:space:]]' "$T/$what.time" | head -n 1 | cut -c1-90)
    printf '%-6s %s s, peak %s MB%s\n' "$what" "$(_median <"$T/$what.w")" \
        "$(_median <"$T/$what.m")" "${said:+   ($said)}"
done
