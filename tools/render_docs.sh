#!/bin/sh
# render_docs.sh - the PNG renders of docs/workbook.md: the first printed
# page of every sheet of a bundled model's workbook (and of the Monte Carlo
# and batch index workbooks), through LibreOffice and pdftoppm, the way a
# user would look at them. Rerun after a change to the workbook layout:
#
#     sh tools/render_docs.sh            # writes docs/img/*.png
set -eu
CAPEX=${CAPEX:-./capex}
OUT=${OUT:-docs/img}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$OUT"
"$CAPEX" run inputs/ai-lab-burn.yaml -s all -o "$T/lab.xlsx" -q
"$CAPEX" mc inputs/ai-lab-burn.yaml -o "$T/lab-mc.xlsx" -q -n >/dev/null 2>&1 || true
"$CAPEX" mc inputs/ai-lab-burn.yaml -o "$T/lab-mc.xlsx" -q >/dev/null
"$CAPEX" run inputs/bigtech-capex.yaml -o "$T/bigtech.xlsx" -q
"$CAPEX" batch inputs/ -o "$T/batch" -q
# the monthly starter of `capex init --template burn` (docs/workbook.md,
# "Monthly and quarterly models")
"$CAPEX" init starter --template burn -o "$T/starter.yaml" -q
"$CAPEX" run "$T/starter.yaml" -o "$T/starter.xlsx" -q
# render BOOK PREFIX [SHEET...]: page 1 of each named sheet as PREFIX-SHEET.png
render() {
    book=$1 prefix=$2
    shift 2
    soffice -env:UserInstallation="file://$T/lo" --headless --convert-to pdf \
        --outdir "$T" "$T/$book.xlsx" >/dev/null 2>&1
    pages=$(pdfinfo "$T/$book.pdf" | sed -n 's/^Pages: *//p')
    for sheet in "$@"; do
        i=1
        while [ "$i" -le "$pages" ]; do
            if pdftotext -f "$i" -l "$i" -layout "$T/$book.pdf" - | head -1 |
                grep -Eq " $sheet( |$)"; then
                pdftoppm -png -r 72 -f "$i" -l "$i" -singlefile "$T/$book.pdf" \
                    "$OUT/$prefix-$(echo "$sheet" | tr 'A-Z ' 'a-z-')"
                break
            fi
            i=$((i + 1))
        done
    done
}
render lab lab Summary Inputs Projection Burn Commitments Valuation Scenarios Sensitivity Checks
render lab-mc lab "Monte Carlo"
render bigtech bigtech Checks
render starter monthly Projection Annual
cp "$T/batch/index.xlsx" "$T/index.xlsx"
render index batch Index
ls -la "$OUT"
