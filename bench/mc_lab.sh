#!/bin/sh
# bench/mc_lab.sh - issue 18's targets: `capex mc bench/mc/lab.yaml --paths N`
# against the bare C yardstick ../shared/bench/mc_lab.c (the same simulation
# and exact statistics hard-coded for that one model, nothing around it),
# side by side in this same run:
#
#   one thread   CPU seconds (user + system) of `capex mc ... -j 1` against
#                `mc_lab N 1`: target ratio <= 1.4
#   two threads  wall seconds of `capex mc ... -j 2` against `mc_lab N 2`:
#                target ratio <= 1.4
#
# capex runs the whole command (read the model, compute, simulate, the
# statistics, write the workbook to a temporary folder, -q). The yardstick is
# compiled here from its path (MC_LAB, default ../shared/bench/mc_lab.c, else
# /work/shared/bench/mc_lab.c) with its own build line; it is never copied
# into the repository. Each program runs MC_LAB_RUNS times, interleaved (a
# load that comes and goes hits both); figures are medians. The load average
# is printed before and after: other programs sharing the cores inflate both
# times, CPU seconds too (caches, frequency), so compare ratios from one run.
# With MC_CALLGRIND=1, also the instructions of both at 100,000 paths on one
# thread (valgrind --tool=callgrind: repeatable whatever the load).
# Called by bench/run.sh; figures go, by hand, into docs/performance.md.
set -eu
CAPEX=${CAPEX:-./capex}
CC=${CC:-cc}
PATHS=${MC_LAB_PATHS:-1000000}
RUNS=${MC_LAB_RUNS:-7}
LAB=${MC_LAB:-../shared/bench/mc_lab.c}
[ -f "$LAB" ] || LAB=/work/shared/bench/mc_lab.c
echo
echo "capex mc against mc_lab (issue 18): $PATHS paths, median of $RUNS;" \
     "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -f "$LAB" ]; then
    echo "skipped: the yardstick mc_lab.c is not at ../shared/bench/ (set MC_LAB)"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "skipped: /usr/bin/time missing (apt-get install time)"
    exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# shellcheck disable=SC2046 # pkg-config's flags are words
$CC -std=c11 -O2 -g -o "$T/mc_lab" "$LAB" $(pkg-config --cflags --libs gsl) -lpthread -lm

# one timed run: "wall cpu" seconds into $2
_time() {
    out=$1
    shift
    /usr/bin/time -f '%e %U %S' -o "$T/t" "$@" >/dev/null
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$T/t" >>"$out"
}
_median() {  # column $1 of file $2
    awk -v c="$1" '{ print $c }' "$2" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}
: >"$T/c1"; : >"$T/l1"; : >"$T/c2"; : >"$T/l2"
i=0
while [ $i -lt "$RUNS" ]; do
    _time "$T/c1" "$CAPEX" mc bench/mc/lab.yaml --paths "$PATHS" -j 1 -o "$T/mc.xlsx" -q
    _time "$T/l1" "$T/mc_lab" "$PATHS" 1
    _time "$T/c2" "$CAPEX" mc bench/mc/lab.yaml --paths "$PATHS" -j 2 -o "$T/mc.xlsx" -q
    _time "$T/l2" "$T/mc_lab" "$PATHS" 2
    i=$((i + 1))
done
c1=$(_median 2 "$T/c1"); l1=$(_median 2 "$T/l1")
c2=$(_median 1 "$T/c2"); l2=$(_median 1 "$T/l2")
printf 'one thread   CPU   capex %6.3f s  mc_lab %6.3f s  ratio %.2fx (target <= 1.4x)\n' \
    "$c1" "$l1" "$(echo "$c1 $l1" | awk '{ print $1 / $2 }')"
printf 'two threads  wall  capex %6.3f s  mc_lab %6.3f s  ratio %.2fx (target <= 1.4x)\n' \
    "$c2" "$l2" "$(echo "$c2 $l2" | awk '{ print $1 / $2 }')"
printf '             (two threads CPU: capex %.3f s, mc_lab %.3f s)\n' \
    "$(_median 2 "$T/c2")" "$(_median 2 "$T/l2")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${MC_CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
    _ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
            | awk '/Collected/ { print $4 }'; }
    ci=$(_ir "$CAPEX" mc bench/mc/lab.yaml --paths 100000 -j 1 -n -q)
    li=$(_ir "$T/mc_lab" 100000 1)
    printf 'instructions at 100,000 paths, one thread: capex %s  mc_lab %s  ratio %.2fx\n' \
        "$ci" "$li" "$(echo "$ci $li" | awk '{ print $1 / $2 }')"
fi
