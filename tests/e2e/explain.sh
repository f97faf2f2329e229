#!/bin/sh
# explain.sh - `capex explain`: each value's derivation, checked against
# figures worked out by hand from the model files.
. tests/e2e/lib.sh
line() { grep -qF -- "$1" "$T/out"; }

"$CAPEX" explain inputs/ai-lab-burn.yaml revenue.openai >"$T/out" 2>"$T/err"
check "explain one series exits 0" [ $? -eq 0 ]
# inputs/ai-lab-burn.yaml: revenue 20 in 2026, fade from 110% to 40% over 4:
# 2027 rate 110%: 20 x 2.1 = 42; 2028 rate 110 - 70/3 = 86.67%: 42 x 1.8667
# = 78.40; from 2030 on 40%.
check "the stated figure with its kind" line "2026        20.00  stated '20' (exact)"
check "the driver in words with its position" line "driver   fade from 110.00% to 40.00% over 4 years   [inputs/ai-lab-burn.yaml:"
check "the driver's source" line "source: Analyst assumption"
check "2027 = 20 x (1 + 110%)" line "2027        42.00  = 20.00 x (1 + 110.00%)"
check "2028 = 42 x (1 + 86.67%)" line "2028        78.40  = 42.00 x (1 + 86.67%)"
check "2030 at the terminal 40%" line "= 128.05 x (1 + 40.00%)"
check "the unit in words" line "(USD billions)"
check "only the series asked for" sh -c "! grep -q 'costs.openai -' '$T/out'"
"$CAPEX" explain inputs/bigtech-capex.yaml >"$T/out" 2>"$T/err"
# The 2023 total is the sum of its parts: ~32 + ~48 + ~28 + ~32 = 140.
check "a sum lists its parts' values" line "= capex.google 32.00 + capex.amazon 48.00 + capex.meta 28.00 + capex.microsoft 32.00"
check "Korean sources survive" line "연도별 추이"
"$CAPEX" explain tests/cases/growth-methods.yaml revenue.lin >"$T/out" 2>"$T/err"
# Least squares on (2021..2025; 10, 13, 15.5, 19, 21): slope 2.8, and the
# fitted 2026 value 24.1 (mean 15.7 at 2023, + 3 x 2.8).
check "a trend shows its fitted curve" line "linear over 2021..2025 (5 points): v(t) = -5648.7 + 2.8*t"
check "the fitted value" line "2026        24.10  = the linear fit in 2026"
"$CAPEX" explain inputs/ai-lab-burn.yaml nosuch >"$T/out" 2>"$T/err"
check "an unknown series is a usage error" [ $? -eq 64 ]
check "it lists the series there are" grep -q "available: revenue.openai" "$T/err"
"$CAPEX" explain inputs/ai-lab-burn.yaml revenue.openai -s bear >"$T/out" 2>"$T/err"
check "explain under a scenario" line "[ai-lab-burn, scenario bear]"
check "the scenario's driver" line "fade from 80.00% to 25.00%"
finish "explain"
