#!/bin/sh
# bench/run.sh - how long one `capex run` takes, process start to exit,
# for each bundled model (workbook written to a temporary folder).
#
# Reproducible: `make bench`. Uses hyperfine when installed (Debian package
# hyperfine), otherwise the median of N plain runs. Figures go, by hand, into
# docs/performance.md with the machine and date.
set -eu
CAPEX=${CAPEX:-./capex}
N=${N:-50}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# _loop_ms CMD...: the median wall time of N runs of CMD, in ms: by
# hyperfine -N when it is installed (arguments without spaces), else a shell
# loop, whose second `date` adds its own start (2-3 ms on a virtual machine).
_loop_ms() {
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N -w 3 -r "$N" --export-json "$T/loop.json" "$*" >/dev/null 2>&1 &&
            /usr/bin/python3 -c "import json,sys; print('%.2f' % (json.load(open(sys.argv[1]))['results'][0]['median'] * 1e3))" "$T/loop.json" &&
            return
    fi
    i=0
    : >"$T/times"
    while [ $i -lt "$N" ]; do
        s=$(date +%s%N)
        "$@"
        e=$(date +%s%N)
        echo $(( (e - s) / 1000 )) >>"$T/times"
        i=$((i + 1))
    done
    sort -n "$T/times" | sed -n "$(( (N + 1) / 2 ))p" | awk '{print $1/1000}'
}
echo "capex bench: $(uname -m), $(nproc) cores, $N runs per model"
for m in inputs/*.yaml; do
    name=$(basename "$m" .yaml)
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N -w 3 -r "$N" --export-json "$T/$name.json" \
            "$CAPEX run $m -o $T/$name.xlsx -q" >/dev/null
        /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('%-22s median %6.2f ms  (min %.2f, max %.2f)' % (sys.argv[2], r['median']*1e3, r['min']*1e3, r['max']*1e3))" "$T/$name.json" "$name"
    else
        printf '%-22s median %6.2f ms\n' "$name" "$(_loop_ms "$CAPEX" run "$m" -o "$T/$name.xlsx" -q)"
    fi
done

# --- Monte Carlo: 1,000,000 paths x 10 years x 4 stochastic drivers ---------
# `capex mc bench/mc/lab.yaml` (fan chart, workbook written) against the same
# simulation in vectorised numpy (bench/ref/mc.py, Debian's python3-numpy), in
# this same run: wall time (median of MC_RUNS) and peak memory (/usr/bin/time -v).
MC_PATHS=${MC_PATHS:-1000000}
MC_RUNS=${MC_RUNS:-3}
MC_JOBS=${MC_JOBS:-2}
echo
echo "capex mc bench: $MC_PATHS paths, -j $MC_JOBS, median of $MC_RUNS"
_wall() {  # seconds from /usr/bin/time -v output
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"
}
_rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
_median() { sort -n | sed -n "$(( (MC_RUNS + 1) / 2 ))p"; }
if [ ! -x /usr/bin/time ]; then
    echo "skipped: /usr/bin/time missing (apt-get install time)"
    exit 0
fi
i=0; : >"$T/c.times"; : >"$T/p.times"; : >"$T/f.times"
while [ $i -lt "$MC_RUNS" ]; do
    /usr/bin/time -v "$CAPEX" mc bench/mc/lab.yaml --paths "$MC_PATHS" -j "$MC_JOBS" \
        -o "$T/mc.xlsx" -q 2>"$T/c.time"
    _wall "$T/c.time" >>"$T/c.times"
    # the same model with its costs as a formula (issue 11: within 1.15x)
    /usr/bin/time -v "$CAPEX" mc bench/mc/lab-formula.yaml --paths "$MC_PATHS" -j "$MC_JOBS" \
        -o "$T/mcf.xlsx" -q 2>"$T/f.time"
    _wall "$T/f.time" >>"$T/f.times"
    if /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
        /usr/bin/time -v /usr/bin/python3 bench/ref/mc.py "$MC_PATHS" >"$T/p.out" 2>"$T/p.time"
        _wall "$T/p.time" >>"$T/p.times"
    fi
    i=$((i + 1))
done
c=$(_median <"$T/c.times")
printf 'capex mc          wall %6.2f s  peak %5s MB\n' "$c" "$(_rss "$T/c.time")"
f=$(_median <"$T/f.times")
printf 'capex mc, formula wall %6.2f s  peak %5s MB  (costs as a formula: %.2fx sum_of)\n' \
    "$f" "$(_rss "$T/f.time")" "$(awk -v f="$f" -v c="$c" 'BEGIN { print f / c }')"
if [ -s "$T/p.times" ]; then
    p=$(_median <"$T/p.times")
    printf 'numpy (mc.py)     wall %6.2f s  peak %5s MB  (simulation alone %s s)\n' \
        "$p" "$(_rss "$T/p.time")" "$(sed -n 's/^seconds //p' "$T/p.out")"
    awk -v c="$c" -v p="$p" 'BEGIN { printf "ratio numpy / capex: %.1fx\n", p / c }'
else
    echo "numpy: skipped (apt-get install python3-numpy)"
fi

# --- issue 18: capex mc against the bare C yardstick (bench/mc_lab.sh) ------
CAPEX="$CAPEX" sh bench/mc_lab.sh

# --- issue 11: a model with 50 derived series (10 inputs over 2020..2040,
# each formula using two earlier series, a lag, a min and a glob sum) ---------
{
    printf 'model: formulas50\nyears: 2020..2040\nseries:\n'
    k=0
    while [ $k -lt 10 ]; do
        printf '  in.s%d: {values: {2020: %d}}\n' $k $((k + 10)); k=$((k + 1))
    done
    k=0
    while [ $k -lt 50 ]; do
        printf '  d.s%d: {formula: "in.s%d - lag(in.s%d) + min(in.s%d, 5)%s"}\n' \
            $k $((k % 10)) $(((k + 3) % 10)) $(((k + 7) % 10)) "$( [ $k -gt 0 ] && echo " + d.s$((k - 1)) * 0.5")"
        k=$((k + 1))
    done
    printf '  t.all: {formula: "sum(d.*)"}\ndrivers:\n'
    k=0
    while [ $k -lt 10 ]; do
        printf '  in.s%d: {method: growth, rate: %d%%}\n' $k $((k + 3)); k=$((k + 1))
    done
} >"$T/formulas50.yaml"
echo
printf '50 derived series   median %6.2f ms (capex run, workbook written)\n' \
    "$(_loop_ms "$CAPEX" run "$T/formulas50.yaml" -o "$T/formulas50.xlsx" -q)"

# --- issue 13: a monthly model of 10 years (120 months, 20 series,
# bench/mc/monthly.yaml): `capex run` with its workbook (target < 30 ms) and
# without, and `capex mc` of 1,000,000 paths on 2 cores (target < 3 s, peak
# under 400 MB) --------------------------------------------------------------
printf 'monthly 120 x 20    median %6.2f ms (capex run, workbook written; target < 30)\n' \
    "$(_loop_ms "$CAPEX" run bench/mc/monthly.yaml -o "$T/monthly.xlsx" -q)"
printf 'monthly 120 x 20    median %6.2f ms (capex run -n)\n' \
    "$(_loop_ms "$CAPEX" run bench/mc/monthly.yaml -n -q)"
/usr/bin/time -v "$CAPEX" mc bench/mc/monthly.yaml --paths 1000000 -j 2 -n -q 2>"$T/m.time"
printf 'monthly mc 1M paths wall %6.2f s  peak %5s MB  (targets < 3 s, < 400 MB)\n' \
    "$(_wall "$T/m.time")" "$(_rss "$T/m.time")"

# --- issue 5: 1,000 generated models through `capex batch` against the
# pandas + XlsxWriter reference (bench/batch.sh): the shape issue 5 names
# (5 sheets, 2 charts), then once with a burn (6 sheets, 4 charts); and the
# export throughput benchmark (bench/export.sh).
CAPEX="$CAPEX" sh bench/batch.sh
CAPEX="$CAPEX" BATCH_SHAPE=burn BATCH_RUNS=1 sh bench/batch.sh
# issue 13: the same work by fiscal quarter (the Annual sheet too)
CAPEX="$CAPEX" BATCH_SHAPE=quarterly BATCH_RUNS=1 sh bench/batch.sh
CAPEX="$CAPEX" sh bench/export.sh
