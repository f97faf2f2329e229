#!/bin/sh
# bench/depreciation.sh - what depreciation adds to a run: ten capex series
# over fifty years without and with a depreciation entry each
# (bench/gen_depreciation.py). Instructions counted by callgrind (the same
# on every run, whatever the machine's load), and the median wall time of
# N runs, for `capex run -n` (read, compute, the table) and for the run with
# its workbook (the Depreciation sheet holds ~2,000 formula cells an entry).
set -eu
CAPEX=${CAPEX:-./capex}
N=${N:-30}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
/usr/bin/python3 bench/gen_depreciation.py "$T"
_ir() {  # instructions of one run
    valgrind --tool=callgrind --callgrind-out-file="$T/cg" "$@" >/dev/null 2>"$T/vg"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$T/vg"
}
_ms() {  # median wall milliseconds of N runs
    i=0; : >"$T/times"
    while [ $i -lt "$N" ]; do
        s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
        echo $(( (e - s) / 1000 )) >>"$T/times"; i=$((i + 1))
    done
    sort -n "$T/times" | sed -n "$(( (N + 1) / 2 ))p" | awk '{printf "%.2f", $1 / 1000}'
}
echo "depreciation bench: 10 capex series x 50 years, median of $N runs"
for what in "-n" "-o $T/out.xlsx"; do
    # shellcheck disable=SC2086
    a=$(_ir "$CAPEX" run "$T/nodep.yaml" $what -q); b=$(_ir "$CAPEX" run "$T/dep.yaml" $what -q)
    # shellcheck disable=SC2086
    ta=$(_ms "$CAPEX" run "$T/nodep.yaml" $what -q); tb=$(_ms "$CAPEX" run "$T/dep.yaml" $what -q)
    label=$([ "$what" = "-n" ] && echo "run -n" || echo "run, workbook")
    printf '%-14s without %11d instr %7s ms | with %11d instr %7s ms | +%d instr\n' \
        "$label" "$a" "$ta" "$b" "$tb" $((b - a))
done
