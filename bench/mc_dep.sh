#!/bin/sh
# bench/mc_dep.sh - what a depreciation entry with a drawn life costs a Monte
# Carlo run (issue 12: within 1.5x of the same model without it):
# bench/mc/lab.yaml against bench/mc/lab-dep.yaml (its compute spend
# depreciated over a triangular(4, 5, 6)-year life), one thread. Prints the
# CPU seconds of each at MC_PATHS (median of MC_RUNS) and their ratio, and
# callgrind's instruction counts at 100,000 paths (the same whatever the
# machine's load).
set -eu
CAPEX=${CAPEX:-./capex}
MC_PATHS=${MC_PATHS:-1000000}
MC_RUNS=${MC_RUNS:-3}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
_cpu() {  # user + system seconds of one run
    /usr/bin/time -f '%U %S' "$@" >/dev/null 2>"$T/t"
    tail -1 "$T/t" | awk '{print $1 + $2}'
}
_median() { sort -n | sed -n "$(( (MC_RUNS + 1) / 2 ))p"; }
echo "depreciation in Monte Carlo: $MC_PATHS paths, -j 1, median of $MC_RUNS"
for m in lab lab-dep; do
    i=0; : >"$T/$m"
    while [ $i -lt "$MC_RUNS" ]; do
        _cpu "$CAPEX" mc "bench/mc/$m.yaml" --paths "$MC_PATHS" -j 1 -n -q >>"$T/$m"
        i=$((i + 1))
    done
    valgrind --tool=callgrind --callgrind-out-file="$T/cg" "$CAPEX" mc "bench/mc/$m.yaml" \
        --paths 100000 -j 1 -n -q >/dev/null 2>"$T/vg"
    printf '%-8s %6.2f CPU-s   %12s instructions at 100,000 paths\n' "$m" \
        "$(_median <"$T/$m")" "$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$T/vg")"
done
a=$(_median <"$T/lab"); b=$(_median <"$T/lab-dep")
awk -v a="$a" -v b="$b" 'BEGIN { printf "ratio    %.2fx CPU (target <= 1.5x)\n", b / a }'
