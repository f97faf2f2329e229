#!/bin/sh
# bench/batch.sh - issue 5's batch benchmark: BATCH_N generated models (8
# series, 4 history + 10 projected years, 3 scenarios, 3 checks;
# bench/gen_models.py, seed BATCH_SEED) to one workbook each with every
# scenario (`-s all`), on BATCH_JOBS workers. BATCH_SHAPE=spec (default) is
# the shape issue 5 names: 5 sheets and 2 charts per workbook; BATCH_SHAPE=burn
# adds a burn (cash, a raise, a cumulative check): 6 sheets and 4 charts;
# BATCH_SHAPE=quarterly is issue 13's batch: the burn shape by fiscal quarter
# (40 quarters, 16 stated, every other model with fiscal_year_end: 6), with
# the Annual sheet: 7 sheets and 6 charts (target: still >= 8x).
#
#   capex batch DIR -o OUT -s all -j 2 -q --force
#   bench/ref/batch.py DIR OUT --jobs 2               (pandas + XlsxWriter)
#   bench/ref/batch.py DIR OUT --jobs 2 --in-memory   (XlsxWriter in_memory)
#
# all three in this same run, interleaved, BATCH_RUNS times each: the median
# wall time, CPU time (user + sys) and peak RSS of the largest process
# (/usr/bin/time -v), and the ratios Python / capex. Targets (issue 5): capex
# under 3 s on 2 cores, >= 8x the default reference, >= 4x in_memory.
# Without `capex batch` (older builds) capex is timed as `capex run` under
# xargs -P (one process per model), labelled so.
#
# Called by bench/run.sh (`make bench`); alone: sh bench/batch.sh.
set -eu
CAPEX=${CAPEX:-./capex}
N=${BATCH_N:-1000}
SEED=${BATCH_SEED:-1}
JOBS=${BATCH_JOBS:-2}
RUNS=${BATCH_RUNS:-3}
SHAPE=${BATCH_SHAPE:-spec}
PY=/usr/bin/python3
HERE=$(dirname "$0")

echo
echo "capex batch bench: $N models (seed $SEED, shape $SHAPE), -s all, -j $JOBS, median of $RUNS;" \
    "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -x /usr/bin/time ]; then
    echo "skipped: /usr/bin/time missing (apt-get install time)"
    exit 0
fi
if [ ! -x "$PY" ]; then
    echo "skipped: $PY missing (apt-get install python3)"
    exit 0
fi
CAPEX=$(cd "$(dirname "$CAPEX")" && pwd)/$(basename "$CAPEX")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
if [ "$SHAPE" = spec ]; then
    "$PY" "$HERE/gen_models.py" "$T/models" "$N" "$SEED" --no-burn
elif [ "$SHAPE" = quarterly ]; then
    "$PY" "$HERE/gen_models.py" "$T/models" "$N" "$SEED" --quarterly
else
    "$PY" "$HERE/gen_models.py" "$T/models" "$N" "$SEED"
fi

mkdir -p "$T/c"
if "$CAPEX" batch --help >/dev/null 2>&1; then
    CLABEL="capex batch"
    set -- "$CAPEX" batch "$T/models" -o "$T/c" -s all -j "$JOBS" -q --force
else
    CLABEL="capex run | xargs -P (NO capex batch)"
    # one `capex run` process per model, workbooks to $T/c/outputs/
    set -- sh -c 'cd "$1" && ls "$2"/*.yaml | xargs -P "$3" -n 1 "$4" run -s all -q' \
        sh "$T/c" "$T/models" "$JOBS" "$CAPEX"
fi
if "$PY" -c 'import pandas, xlsxwriter, yaml' 2>/dev/null; then
    HAVE_PY=1
else
    HAVE_PY=0
fi

_wall() {  # seconds, from /usr/bin/time -v output
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"
}
_cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f\n", s }' "$1"; }
_rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f\n", $2 / 1024 }' "$1"; }
_median() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
# _timed NAME CMD...: one timed run, its wall / cpu / rss appended to $T/NAME.*
_timed() {
    name=$1
    shift
    if ! /usr/bin/time -v "$@" >"$T/$name.out" 2>"$T/$name.time"; then
        echo "$name failed:"
        tail -5 "$T/$name.time"
        exit 1
    fi
    _wall "$T/$name.time" >>"$T/$name.wall"
    _cpu "$T/$name.time" >>"$T/$name.cpu"
    _rss "$T/$name.time" >>"$T/$name.rss"
}

i=0
while [ $i -lt "$RUNS" ]; do
    _timed capex "$@"
    if [ $HAVE_PY = 1 ]; then
        _timed pydef "$PY" "$HERE/ref/batch.py" "$T/models" "$T/p" --jobs "$JOBS"
        _timed pymem "$PY" "$HERE/ref/batch.py" "$T/models" "$T/q" --jobs "$JOBS" --in-memory
    fi
    i=$((i + 1))
done

_report() {  # NAME LABEL
    printf '%-38s wall %6.2f s  cpu %6.2f s  peak %4s MB  (walls: %s)\n' "$2" \
        "$(_median <"$T/$1.wall")" "$(_median <"$T/$1.cpu")" "$(_median <"$T/$1.rss")" \
        "$(tr '\n' ' ' <"$T/$1.wall" | sed 's/ $//')"
}
n_out=$(find "$T/c" -name '*.xlsx' ! -name index.xlsx | wc -l)
one=$(find "$T/c" -name 'gen-00001.xlsx' | head -1)
shape=$(unzip -l "$one" | awk '/xl\/worksheets\/sheet[0-9]+.xml/ { s++ } /xl\/charts\/chart[0-9]+.xml/ { c++ }
    END { printf "%d sheets, %d charts each", s, c }')
_report capex "$CLABEL ($n_out workbooks)"
echo "  workbooks: $shape"
c=$(_median <"$T/capex.wall")
awk -v c="$c" -v n="$N" -v s="$SHAPE" 'BEGIN { printf "  per model %.2f ms wall", c * 1000 / n;
    if (s != "quarterly")   # issue 5: annual models
        printf "; target < 3 s for 1,000 on 2 cores: %s", (c < 3 * n / 1000) ? "met" : "NOT met";
    printf "\n" }'
if [ $HAVE_PY = 0 ]; then
    echo "python reference: skipped: apt-get install python3-pandas python3-xlsxwriter python3-yaml"
    exit 0
fi
_report pydef "python pandas+XlsxWriter (default)"
_report pymem "python pandas+XlsxWriter (in_memory)"
pd=$(_median <"$T/pydef.wall")
pm=$(_median <"$T/pymem.wall")
# Wall time is the target; CPU time (user + sys of all processes) is the
# figure that other jobs on the machine disturb least.
cc=$(_median <"$T/capex.cpu")
cd=$(_median <"$T/pydef.cpu")
cm=$(_median <"$T/pymem.cpu")
awk -v c="$c" -v d="$pd" -v m="$pm" -v cc="$cc" -v cd="$cd" -v cm="$cm" 'BEGIN {
    printf "ratio python default / capex:   %5.1fx wall, %5.1fx cpu  (target >= 8x: %s)\n",
        d / c, cd / cc, (d / c >= 8) ? "met" : "NOT met";
    printf "ratio python in_memory / capex: %5.1fx wall, %5.1fx cpu  (target >= 4x: %s)\n",
        m / c, cm / cc, (m / c >= 4) ? "met" : "NOT met" }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) (figures are noisy when other jobs share the cores)"
