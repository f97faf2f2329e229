#!/bin/sh
# terminal.sh - what `capex run` prints for people: the burn rows under the
# years (values worked out by hand), the sparkline, labels in full, and
# colour only on a terminal, never with NO_COLOR or --format csv|json.
. tests/e2e/lib.sh
esc=$(printf '\033')
# tty CMD... : run CMD on a pseudo-terminal (script, from bsdutils) that
# says it shows colour (TERM=xterm-256color; lib.sh set TERM=dumb for the
# rest, and NO_COLOR is unset there): the colour checks do not depend on the
# caller's terminal.
tty() { TERM=xterm-256color script -qec "$*" /dev/null; }

"$CAPEX" run inputs/ai-lab-burn.yaml -n >"$T/out" 2>/dev/null
# inputs/ai-lab-burn.yaml's table: net = revenue - costs = 20 - 34 = -14,
# 42 - 68 = -26, 78.4 - 122.4 = -44, 128.05 - 159.12 = -31.07; cumulative
# -14, -40, -84, -115.07; cash 0 + 100 raised - 14 = 86 at the end of 2026.
check "net cash flow row" grep -Eq '^net cash flow +-14\.0 +-26\.0 +-44\.0 +-31\.1 ' "$T/out"
check "cumulative row" grep -Eq '^cumulative +-14\.0 +-40\.0 +-84\.0 +-115\.1 ' "$T/out"
check "cash at year end row" grep -Eq '^cash at year end +86\.0 +60\.0 +16\.0 +-15\.1 ' "$T/out"
check "sparkline of the cumulative burn" grep -q "cumulative  *[▁▂▃▄▅▆▇█]\{7\}  2026..2032, from -115.1 to 87.2" "$T/out"
check "long labels are not cut" grep -q "^OpenAI costs (incl. cash spend) " "$T/out"
# 1234.5 stated, growing 10%: 1,357.95 -> "1,358.0" (one decimal).
printf 'model: thousands\nyears: 2024..2025\nseries:\n  capex.x: {2024: 1234.5}\ndrivers:\n  capex.x: {method: growth, rate: 10%%}\n' >"$T/k.yaml"
"$CAPEX" run "$T/k.yaml" -n >"$T/k.out" 2>/dev/null
check "thousands separators (1,234.5 and 1,234.5 x 1.1 = 1,358.0)" grep -Eq ' 1,234\.5 +1,358\.0\*' "$T/k.out"
check "no colour into a pipe" sh -c "! grep -q '$esc' '$T/out'"
tty "$CAPEX" run inputs/ai-lab-burn.yaml -n >"$T/tty" 2>&1
check "colour on a terminal" grep -q "${esc}\[31m-14.0" "$T/tty"
check "a passing check in green" grep -q "${esc}\[32mpass" "$T/tty"
tty NO_COLOR=1 "$CAPEX" run inputs/ai-lab-burn.yaml -n >"$T/tty" 2>&1
check "NO_COLOR: no colour on a terminal" sh -c "! grep -q '$esc' '$T/tty'"
tty TERM=dumb "$CAPEX" run inputs/ai-lab-burn.yaml -n >"$T/tty" 2>&1
check "TERM=dumb: no colour" sh -c "! grep -q '$esc' '$T/tty'"
tty "$CAPEX" run inputs/ai-lab-burn.yaml -n -f csv >"$T/tty" 2>&1
check "--format csv: no colour on a terminal" sh -c "! grep -q '$esc' '$T/tty'"
tty "$CAPEX" run inputs/ai-lab-burn.yaml -n -f json >"$T/tty" 2>&1
check "--format json: no colour on a terminal" sh -c "! grep -q '$esc' '$T/tty'"
finish "terminal"
