#!/bin/sh
# signals.sh - SIGINT/SIGTERM while a workbook is being written: the
# temporary file is removed, the previous workbook at the path is intact,
# and the exit status says which signal (130, 143).
. tests/e2e/lib.sh
# A model big enough that writing takes a while: 1500 series over 200 years.
{
    echo "model: big"; echo "years: 1901..2100"; echo "series:"
    i=0; while [ $i -lt 1500 ]; do echo "  capex.s$i: {1901: $((10 + i)), 1902: $((11 + i))}"; i=$((i + 1)); done
    echo "drivers:"
    i=0; while [ $i -lt 1500 ]; do echo "  capex.s$i: {method: growth, rate: 1%}"; i=$((i + 1)); done
} >"$T/big.yaml"
# signal_at SIG CMD...: CMD run with SIGINT at its default (a background job
# of a script ignores SIGINT, POSIX, as capex would inherit it; python starts
# it as a terminal's Ctrl-C finds it), sent SIG 0.3 s in; its exit status,
# 128 + the signal when the signal ended it.
signal_at() {
    "$PYTHON" -c '
import signal, subprocess, sys, time
p = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL,
                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
time.sleep(0.3)
p.send_signal(getattr(signal, "SIG" + sys.argv[1]))
r = p.wait()
sys.exit(128 - r if r < 0 else r)' "$@"
}

# capex run: the signal comes while the workbook is being built (the run
# takes over a second). The zip is built in memory and written with one
# write (docs/performance.md), so there is no half-written file to catch
# by waiting for it; what matters is the same: no temporary file left, the
# previous workbook intact, the signal's exit status.
for sig in INT TERM; do
    printf 'previous workbook\n' >"$T/out.xlsx"
    signal_at "$sig" "$CAPEX" run "$T/big.yaml" -o "$T/out.xlsx" -q
    status=$?
    want=$([ "$sig" = INT ] && echo 130 || echo 143)
    left=$(find "$T" -name '.out.xlsx.*' | head -1)
    if [ "$status" -eq "$want" ] && [ -z "$left" ] && [ "$(cat "$T/out.xlsx")" = "previous workbook" ]; then
        ok "SIG$sig: exit $status, temporary file removed, previous workbook intact"
    else
        bad "SIG$sig: exit $status (expected $want), left '$left', target: $(head -c 20 "$T/out.xlsx")"
    fi
done
# capex mc: a signal while it simulates or writes ends it the same way.
for sig in INT TERM; do
    printf 'previous workbook\n' >"$T/mc.xlsx"
    signal_at "$sig" "$CAPEX" mc tests/cases/montecarlo.yaml --paths 4000000 -j 2 \
        -o "$T/mc.xlsx" -q
    status=$?
    want=$([ "$sig" = INT ] && echo 130 || echo 143)
    left=$(find "$T" -name '.mc.xlsx.*' | head -1)
    if [ "$status" -eq "$want" ] && [ -z "$left" ] && [ "$(cat "$T/mc.xlsx")" = "previous workbook" ]; then
        ok "mc SIG$sig: exit $status, no temporary file, previous workbook intact"
    else
        bad "mc SIG$sig: exit $status (expected $want), left '$left', target: $(head -c 20 "$T/mc.xlsx")"
    fi
done
finish signals
