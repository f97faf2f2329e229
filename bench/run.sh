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
echo "capex bench: $(uname -m), $(nproc) cores, $N runs per model"
for m in inputs/*.yaml; do
    name=$(basename "$m" .yaml)
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N -w 3 -r "$N" --export-json "$T/$name.json" \
            "$CAPEX run $m -o $T/$name.xlsx -q" >/dev/null
        /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('%-22s median %6.2f ms  (min %.2f, max %.2f)' % (sys.argv[2], r['median']*1e3, r['min']*1e3, r['max']*1e3))" "$T/$name.json" "$name"
    else
        i=0
        : >"$T/times"
        while [ $i -lt "$N" ]; do
            s=$(date +%s%N)
            "$CAPEX" run "$m" -o "$T/$name.xlsx" -q
            e=$(date +%s%N)
            echo $(( (e - s) / 1000 )) >>"$T/times"
            i=$((i + 1))
        done
        med=$(sort -n "$T/times" | sed -n "$(( (N + 1) / 2 ))p")
        printf '%-22s median %6.2f ms\n' "$name" "$(echo "$med" | awk '{print $1/1000}')"
    fi
done
