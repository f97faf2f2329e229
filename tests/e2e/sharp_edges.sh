#!/bin/sh
# sharp_edges.sh - what a new user hits on day one (issue 16): misreadings
# that get a word, suggestions for typos, counts in the singular, where the
# PDF went.
#
# CAPEX (default ./capex) is the binary under test.
. tests/e2e/lib.sh
export NO_COLOR=1

# run NAME STATUS CMD... : the command exits with STATUS (stdout in $T/out,
# stderr in $T/err).
run() {
    _what=$1 _want=$2
    shift 2
    "$@" >"$T/out" 2>"$T/err"
    _got=$?
    if [ "$_got" -eq "$_want" ]; then ok "$_what"; else bad "$_what (exit $_got, expected $_want)"; fi
}

# has NAME FILE TEXT : FILE (out or err) contains TEXT.
has() {
    if grep -qF -- "$3" "$T/$2"; then ok "$1"; else bad "$1 ($2 lacks '$3')"; fi
}

# lacks NAME FILE TEXT : FILE (out or err) does not contain TEXT.
lacks() {
    if grep -qF -- "$3" "$T/$2"; then bad "$1 ($2 has '$3')"; else ok "$1"; fi
}

# --- 1. rate: 40 is 4,000%: a warning, and the table keeps its columns apart
cat >"$T/rate40.yaml" <<'YAML'
model: rate40
years: 2024..2030
as_of: 2026-01-01
series:
  capex.a: {values: {2024: 100, 2025: 140}}
  margin.a: {unit: "%", values: {2024: 45%, 2025: 0.5}}
drivers:
  capex.a: {method: growth, rate: 40}
  margin.a: {method: growth, rate: 0%}
YAML
run "rate 40: runs" 0 "$CAPEX" run "$T/rate40.yaml" -n
has "rate 40: a warning with what it was read as and how to write 40%" err \
    "$T/rate40.yaml:8:35: warning: 40 for 'rate' has no '%': it is read as 4,000% (for 40 percent write '40%' or 0.4)"
lacks "rate 40: 0.5 and 45% are no misreading" err "margin"
grep -c "has no '%'" "$T/err" | grep -qx 1 && ok "rate 40: one warning" || bad "rate 40: one warning"
# 140 x 41 a year: 5,740 (2026), 235,340, 9,648,940, 395,606,540,
# 16,219,868,140 (2030 = 140 x 41^5): the row has a label and 7 figures.
awk '/^capex.a / && !n { n = NF } END { exit n != 8 }' "$T/out" && ok "rate 40: the row's 7 figures are apart" || bad "rate 40: the row's 7 figures are apart"
has "rate 40: 2030 = 140 x 41^5" out " 16,219,868,140.0*"
# Each year ends above its figures (the mark column after both).
awk '/^series /{ h = index($0, "2030") + 3 } /^capex.a / && !c { c = index($0, "16,219,868,140.0") + 15 } END { exit !(h == c) }' "$T/out" \
    && ok "rate 40: 2030 stands above its figure" || bad "rate 40: 2030 stands above its figure"
run "rate 40 -q: no warning" 0 "$CAPEX" run "$T/rate40.yaml" -n -q
[ ! -s "$T/err" ] && ok "rate 40 -q: silent" || bad "rate 40 -q: silent"
cat >"$T/level.yaml" <<'YAML'
model: level
years: 2021..2028
as_of: 2026-01-01
series:
  users.s: {unit: users, values: {2021: 5, 2022: 12, 2023: 25, 2024: 40, 2025: 52}}
drivers:
  users.s: {method: trend, fit: logistic, saturation: 80}
YAML
run "saturation 80: runs" 0 "$CAPEX" run "$T/level.yaml" -n
lacks "saturation 80 is a level, not a rate: no warning" err "has no '%'"

# A model with one check, one rates list of one rate.
cat >"$T/one.yaml" <<'YAML'
model: one
years: 2024..2027
as_of: 2026-01-01
series:
  capex.a: {values: {2024: 10, 2025: 11}}
  revenue.a: {values: {2024: 10, 2025: 12}}
drivers:
  revenue.a: {method: rates, rates: [10%]}
checks:
  - {multiple: capex.a, from: 2024, to: 2025, stated: 1.1}
YAML

# --- 5. as_of left out: a note says which date was taken ---------------------
sed '/^as_of:/d' "$T/one.yaml" >"$T/nodate.yaml"
run "no as_of: runs" 0 "$CAPEX" run "$T/nodate.yaml" -o "$T/nodate.xlsx"
has "no as_of: a note with the date and how to set it" err "$T/nodate.yaml: note: no 'as_of': the model and its workbook are dated 2000-01-01 (write the date of its figures at the top, like 'as_of: 2026-02-20')"
unzip -p "$T/nodate.xlsx" docProps/core.xml >"$T/out"
has "no as_of: the workbook is dated 2000-01-01" out "2000-01-01T00:00:00Z"
run "no as_of: json" 0 "$CAPEX" run "$T/nodate.yaml" -n -f json
has "no as_of: the note is among the JSON notes" out "no 'as_of': the model and its workbook are dated 2000-01-01"
run "no as_of -q: silent" 0 "$CAPEX" run "$T/nodate.yaml" -n -q
[ ! -s "$T/err" ] && ok "no as_of -q: no note" || bad "no as_of -q: no note"
run "as_of stated: runs" 0 "$CAPEX" run "$T/one.yaml" -n
lacks "as_of stated: no note" err "no 'as_of'"

# --- 6. suggestions for an unknown command or scenario --------------------
run "runn: usage error" 64 "$CAPEX" runn
has "runn: did you mean run" err "unknown command 'runn' (did you mean 'run'?)"
run "no near command: usage error" 64 "$CAPEX" frobnicate
has "no near command: try --help" err "unknown command 'frobnicate' (try 'capex --help')"
run "-s bul: usage error" 64 "$CAPEX" run inputs/bigtech-capex.yaml -s bul -n
has "-s bul: did you mean bull" err "no scenario 'bul' in model 'bigtech-capex' (did you mean 'bull'?)"
has "-s bul: the scenarios listed" err "  available: bear"
# A batch row with driver overrides starts from its scenario's drivers.
mkdir -p "$T/mf"
cp inputs/ai-lab-burn.yaml "$T/mf/"
printf 'model,scenario,output,costs.openai\nai-lab-burn.yaml,baer,x,"{method: growth, rate: 20%%}"\n' >"$T/mf/runs.csv"
run "manifest scenario baer: the run fails (65), the batch goes on" 65 "$CAPEX" batch -q --manifest "$T/mf/runs.csv" -o "$T/mfo"
has "manifest scenario baer: did you mean bear" err "no scenario 'baer' in model 'ai-lab-burn' (did you mean 'bear'?)"

# --- 7. one of a thing is singular ----------------------------------------
run "one check: run" 0 "$CAPEX" run "$T/one.yaml" -o "$T/one.xlsx"
has "one check: the rates note says 1 year" err "the rates list ends after 1 year; its last"
has "one check: the table" out "checks: 1, 0 warnings"
unzip -p "$T/one.xlsx" xl/worksheets/sheet1.xml >"$T/out"
has "one check: Summary cached text" out ">1 check passes<"
has "one check: Summary formula, pass" out '"1 check passes"'
has "one check: Summary formula, warnings" out '" of 1 check")'
lacks "one check: never 'all 1 checks'" out "all 1 check"
run "one check: capex check" 0 "$CAPEX" check "$T/one.yaml"
has "one check: capex check says 1 check" out "one: 1 check, 1 passed, 0 warnings"
run "mc --paths 1" 0 "$CAPEX" mc tests/cases/montecarlo.yaml --paths 1 -n
has "mc --paths 1: 1 path" out "Monte Carlo: 1 path, seed 1"
run "batch of one" 0 "$CAPEX" batch "$T/one.yaml" -o "$T/b1"
has "batch of one: 1 run" out "(1 run in"
printf 'model,output\nai-lab-burn.yaml\n' >"$T/mf/one.csv"
run "manifest row of one field: refused" 65 "$CAPEX" batch -q --manifest "$T/mf/one.csv" -o "$T/mfo1"
has "manifest row of one field: 1 field" err "one.csv:2:2: 1 field where the header has 2"
sed 's/^  correlation:$/  correlation:\n    - [revenue.lab]/; /^    - \[.*, .*\]$/d' tests/cases/montecarlo.yaml >"$T/corr1.yaml"
run "a correlation of one item: refused" 65 "$CAPEX" run "$T/corr1.yaml" -n
has "a correlation of one item: 1 item" err "got 1 item"
run "index of one" 0 "$CAPEX" index "$T/b1"
has "index of one: 1 run" out "capex: index: 1 run (1 succeeded, 0 failed)"

# --- 10. --pdf says where the PDF went, as the table says for the workbook
# A stand-in for LibreOffice: writes OUTDIR/NAME.pdf as soffice
# --convert-to pdf --outdir OUTDIR NAME.xlsx does.
cat >"$T/soffice" <<'SH'
#!/bin/sh
while [ $# -gt 1 ]; do [ "$1" = --outdir ] && out=$2; shift; done
b=$(basename "$1" .xlsx)
printf '%%PDF-1.4 stand-in\n' >"$out/$b.pdf"
SH
chmod +x "$T/soffice"
run "run --pdf" 0 env CAPEX_SOFFICE="$T/soffice" "$CAPEX" run inputs/ai-lab-burn.yaml -o "$T/lab.xlsx" --pdf
has "run --pdf: the workbook line" out "workbook: $T/lab.xlsx"
has "run --pdf: the pdf line" out "pdf: $T/lab.pdf"
[ -s "$T/lab.pdf" ] && ok "run --pdf: the PDF is there" || bad "run --pdf: the PDF is there"
run "run --pdf -f json" 0 env CAPEX_SOFFICE="$T/soffice" "$CAPEX" run inputs/ai-lab-burn.yaml -o "$T/lab.xlsx" --pdf -f json
has "run --pdf -f json: on stderr" err "capex: wrote $T/lab.pdf"
lacks "run --pdf -f json: stdout stays JSON" out "pdf:"
run "run --pdf -q" 0 env CAPEX_SOFFICE="$T/soffice" "$CAPEX" run inputs/ai-lab-burn.yaml -o "$T/lab.xlsx" --pdf -q
[ ! -s "$T/out" ] && [ ! -s "$T/err" ] && ok "run --pdf -q: silent" || bad "run --pdf -q: silent"
man -l docs/capex.1 2>/dev/null | sed -n '/^SYNOPSIS/,/capex check/p' | tr -s ' \n' ' ' >"$T/out"
has "man page: run synopsis has --pdf" out "[-n] [--periods] [--pdf] [-q] capex check"

# --- 12. the bundled models cite their documents by title, not by a path --
for m in inputs/*.yaml; do
    if grep -n '/work/\|seeds/\|\.txt\b' "$m" >"$T/err"; then bad "$m: no file path in its comments"; else ok "$m: no file path in its comments"; fi
    head -12 "$m" >"$T/out"
    has "$m: its header cites seed 003 by title" out '"AI 코딩 모델 비교'
    has "$m: and by date" out "February 2026"
done
for m in inputs/ai-lab-burn.yaml inputs/ai-labs-valuation.yaml; do
    head -12 "$m" >"$T/out"
    has "$m: its header cites seed 000 by title" out "\"초당 1000토큰 'GPT-5.3-Codex-Spark' 공개, 기존 대비 속도 15배"
    has "$m: by publication" out "글로벌이코노믹 (Global Economic, g-enews.com), February 2026"
done

# --- 13. an English reader sees English labels; Korean only in quotes -------
# Every line the bundled models print (run with every scenario, mc, check),
# with its double-quoted parts removed, has no Hangul.
for m in inputs/*.yaml; do
    { "$CAPEX" run "$m" -n -s all; "$CAPEX" mc "$m" -n --paths 200; "$CAPEX" check "$m"; } >"$T/all" 2>&1
    sed 's/"[^"]*"//g' "$T/all" | grep -P '[\x{AC00}-\x{D7A3}]' >"$T/err"
    [ ! -s "$T/err" ] && ok "$m: labels and messages in English" || bad "$m: labels and messages in English"
done
run "mc target in English" 0 "$CAPEX" mc inputs/ai-lab-burn.yaml -n --paths 200 --seed 1
has "mc target in English: profitable by 2030" out "P(profitable by 2030 (the plan))"

# --- 14. no CAGR across a sign change: the growth table says n/a, not n/a% --
# 10 in 2022 to -5 in 2024: multiple -5/10 = -0.50x, and no CAGR.
cat >"$T/sign.yaml" <<'YAML'
model: sign
years: 2022..2025
as_of: 2026-01-01
series:
  ocf.a: {values: {2022: 10, 2023: 2, 2024: -5}}
drivers:
  ocf.a: {method: growth, rate: 0%}
YAML
run "sign change runs" 0 "$CAPEX" run "$T/sign.yaml" -n
has "sign change: multiple -0.50x" out "-0.50x"
lacks "sign change: no 'n/a%'" out "n/a%"
has "sign change: CAGR n/a in its column" out "-0.50x        n/a"

finish sharp_edges
