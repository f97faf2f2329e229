#!/bin/sh
# import.sh - data in from where analysts keep it (issue 15): a CSV saved by
# LibreOffice with a German locale, workbooks written by openpyxl and by
# LibreOffice (figures in millions, into a billions model), capex's own
# Inputs sheet read back, Excel-style CSV, the long layout, the scale note
# and the 1,000x warning, and `capex init --from`. Every expected figure is
# worked by hand in a comment.
#
# CAPEX is the binary under test; PYTHON must see python3-openpyxl; soffice
# (LibreOffice) writes the German CSV and recalculates a workbook, with a
# throwaway profile.
. tests/e2e/lib.sh
case $CAPEX in /*) ;; *) CAPEX=$(pwd)/$CAPEX ;; esac     # init --from runs in $T
export LC_ALL=C NO_COLOR=1

# run MODEL: capex run -n -f csv into $T/out, stderr $T/err; 0 or fails.
run() { "$CAPEX" run "$1" -n -f csv >"$T/out" 2>"$T/err"; }

# value SERIES YEAR: the value the last run gave that series in that year.
value() { awk -F, -v s="\"$1\"" -v y="$2" '$3 == "\"value\"" && $4 == s && $5 == y { print $7 }' "$T/out"; }

# same WHAT GOT WANT: numbers equal to 1e-9 relative.
same() {
    if awk -v a="$2" -v b="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b;
                                        exit !(a != "" && d <= 1e-9 * (m > 1 ? m : 1)) }'; then
        ok "$1"
    else
        bad "$1 (got '$2', expected $3)"
    fi
}

soffice_profile() {
    mkdir -p "$T/lo-$1/user"
    cat >"$T/lo-$1/user/registrymodifications.xcu" <<XCU
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>$1</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>$1</value></prop></item>
</oor:items>
XCU
    echo "file://$T/lo-$1"
}

# --- workbooks written by openpyxl -------------------------------------------
"$PYTHON" - "$T" <<'PY'
import datetime, sys, openpyxl
t = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Notes"
ws["A1"] = "see the Capex sheet"
ws = wb.create_sheet("Capex")
ws.append(["Capex, USD millions"])
ws.append([])
ws.append(["name", "FY2023", 2024, datetime.date(2025, 12, 31), "source"])
ws.append(["capex.meta", 28100, "~39,200", "=B4*2", "10-K"])
ws.append(["capex.msft", "(1,500)", "$30B", 41250.5, None])
ws.append(["share.cloud", 0.4, 0.455, None, None])
for c in ("B6", "C6"):
    ws[c].number_format = "0.0%"
ws.append([])
ws.append(["total", 1, 2, 3, "not imported: outside the range"])
wb.save(f"{t}/m.xlsx")
wb2 = openpyxl.Workbook()
ws2 = wb2.active
ws2.title = "Data"
ws2.append(["series", 2023, 2024])
ws2.append(["capex.meta", 28100, 39200])
wb2.save(f"{t}/plain.xlsx")
PY
[ -s "$T/m.xlsx" ] && ok "openpyxl wrote the workbooks" || bad "openpyxl wrote the workbooks"

cat >"$T/plain.yaml" <<'YAML'
model: plain
unit: B
years: 2023..2026
import: {file: plain.xlsx, unit: M}
YAML
if run "$T/plain.yaml"; then ok "an openpyxl workbook imports"; else bad "an openpyxl workbook imports"; fi
# 28,100 M = 28.1 B; 39,200 M = 39.2 B
same "openpyxl: 28,100 M is 28.1 B" "$(value capex.meta 2023)" 28.1
same "openpyxl: 39,200 M is 39.2 B" "$(value capex.meta 2024)" 39.2
grep -q "note: figures of '.*plain.xlsx' are in M: divided by 1,000 into the model's B" "$T/err" \
    && ok "unit: M says once how figures were converted" || bad "unit: M says once how figures were converted"
[ "$(grep -c 'note: figures of' "$T/err")" -eq 1 ] && ok "the note is said once" || bad "the note is said once"

cat >"$T/m.yaml" <<'YAML'
model: m
unit: B
years: 2023..2027
import: {file: m.xlsx, sheet: Capex, range: A3:E6, layout: wide, unit: M}
YAML
run "$T/m.yaml"
grep -q "m.xlsx:Capex!D4: formula without a cached value (open the workbook in Excel or LibreOffice, recalculate" "$T/err" \
    && ok "a formula openpyxl left uncalculated: recalculate and save" || bad "a formula openpyxl left uncalculated: recalculate and save"

# --- the same workbook recalculated and saved by LibreOffice -----------------
if command -v soffice >/dev/null 2>&1; then
    prof=$(soffice_profile en-US)
    mkdir -p "$T/lo"
    soffice -env:UserInstallation="$prof" --headless --convert-to xlsx --outdir "$T/lo" "$T/m.xlsx" >/dev/null 2>&1
    cp "$T/lo/m.xlsx" "$T/m.xlsx"
    if run "$T/m.yaml"; then ok "a workbook saved by LibreOffice imports"; else bad "a workbook saved by LibreOffice imports"; fi
    same "xlsx: 28,100 M is 28.1 B" "$(value capex.meta 2023)" 28.1
    same "xlsx: text '~39,200' M is 39.2 B" "$(value capex.meta 2024)" 39.2
    same "xlsx: a formula's cached value, =B4*2 = 56,200 M = 56.2 B" "$(value capex.meta 2025)" 56.2
    same "xlsx: (1,500) M is -1.5 B" "$(value capex.msft 2023)" -1.5
    same "xlsx: \$30B keeps its own suffix: 30 B" "$(value capex.msft 2024)" 30
    same "xlsx: 41,250.5 M is 41.2505 B" "$(value capex.msft 2025)" 41.2505
    same "xlsx: 40.0% is 0.4" "$(value share.cloud 2023)" 0.4
    same "xlsx: 45.5% is 0.455" "$(value share.cloud 2024)" 0.455
    [ -z "$(value total 2023)" ] && ok "rows outside the range are not read" || bad "rows outside the range are not read"

    # A German LibreOffice saves CSV with semicolons and decimal commas.
    "$PYTHON" - "$T" <<'PY'
import sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["Konzern", 2023, 2024, 2025])
ws.append(["capex.meta", 28100.5, 39230.25, 1234567.75])
for c in ws[2][1:]:
    c.number_format = "#,##0.00"
wb.save(f"{sys.argv[1]}/de.xlsx")
PY
    prof=$(soffice_profile de-DE)
    soffice -env:UserInstallation="$prof" --headless \
        --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1' --outdir "$T" "$T/de.xlsx" >/dev/null 2>&1
    grep -q '28.100,50;39.230,25;1.234.567,75' "$T/de.csv" \
        && ok "LibreOffice (de-DE) wrote semicolons and decimal commas" \
        || bad "LibreOffice (de-DE) wrote semicolons and decimal commas: $(cat "$T/de.csv")"
    cat >"$T/de.yaml" <<'YAML'
model: de
unit: B
years: 2023..2027
import: {file: de.csv, decimal: ",", unit: M}
YAML
    if run "$T/de.yaml"; then ok "the German CSV imports"; else bad "the German CSV imports"; fi
    # 28.100,50 M = 28,100.5 M = 28.1005 B; 39.230,25 M = 39.23025 B;
    # 1.234.567,75 M = 1,234,567.75 M = 1,234.56775 B
    same "de: 28.100,50 M is 28.1005 B" "$(value capex.meta 2023)" 28.1005
    same "de: 39.230,25 M is 39.23025 B" "$(value capex.meta 2024)" 39.23025
    same "de: 1.234.567,75 M is 1234.56775 B" "$(value capex.meta 2025)" 1234.56775
else
    echo "SKIP LibreOffice round trips: soffice not installed"
fi

# --- capex's own Inputs sheet read back --------------------------------------
cat >"$T/own.yaml" <<'YAML'
model: own
unit: B
years: 2023..2026
series:
  capex.google: {2023: ~32, 2024: 52.5}
  capex.meta: {2023: 28..30, 2025: 140+}
YAML
"$CAPEX" run "$T/own.yaml" -o "$T/own.xlsx" -q 2>"$T/err"
# Inputs: the header on row 5 (Series, Label, Year, As written), four figures.
cat >"$T/back.yaml" <<'YAML'
model: back
unit: B
years: 2023..2026
import: {file: own.xlsx, sheet: Inputs, range: A5:D9, layout: long}
YAML
if run "$T/back.yaml"; then ok "capex's Inputs sheet reads back (long layout)"; else bad "capex's Inputs sheet reads back (long layout)"; fi
same "Inputs: ~32" "$(value capex.google 2023)" 32
same "Inputs: 52.5" "$(value capex.google 2024)" 52.5
same "Inputs: 28..30 has base 29" "$(value capex.meta 2023)" 29
same "Inputs: 140+ has base 140" "$(value capex.meta 2025)" 140
grep -q '"capex.meta",2023,,29,"range","28..30"' "$T/out" && ok "Inputs: the range keeps its kind and text" \
    || bad "Inputs: the range keeps its kind and text"

# --- Excel-style CSV -----------------------------------------------------------
printf 'Company\t2023\t2024\tSource\t\t\ncapex.x\t$1.5bn\t(300 mn)\tannual report\t\t\n\t\t\t\t\t\n' >"$T/tab.csv"
cat >"$T/tab.yaml" <<'YAML'
model: tab
unit: B
years: 2023..2026
import: tab.csv
YAML
if run "$T/tab.yaml"; then ok "a tab-separated CSV with trailing empty columns and rows"; else bad "a tab-separated CSV with trailing empty columns and rows"; fi
# $1.5bn = 1.5 B; (300 mn) = -300 M = -0.3 B
same "\$1.5bn is 1.5 B" "$(value capex.x 2023)" 1.5
same "(300 mn) is -0.3 B" "$(value capex.x 2024)" -0.3

printf 'metric,year,value,source\nrev.a,2024,10,p. 3\nrev.a,2023,8,p. 2\nrev.b,2023,"1,500",p. 9\n' >"$T/long.csv"
cat >"$T/long.yaml" <<'YAML'
model: long
unit: B
years: 2023..2026
import: {file: long.csv, layout: long, series_column: metric, unit: K}
YAML
if run "$T/long.yaml"; then ok "the long layout, a series column of its own name"; else bad "the long layout, a series column of its own name"; fi
# 10 K = 0.00001 B; 1,500 K = 0.0015 B
same "long: 10 K is 0.00001 B" "$(value rev.a 2024)" 0.00001
same "long: 1,500 K is 0.0015 B" "$(value rev.b 2023)" 0.0015
"$CAPEX" explain "$T/long.yaml" rev.a >"$T/out" 2>"$T/err"
grep -q "p. 2" "$T/out" && ok "long: each figure keeps its source" || bad "long: each figure keeps its source"

# --- figures 1,000 times off --------------------------------------------------
printf 'series,2023\ncapex.meta,28100\n' >"$T/off.csv"
cat >"$T/off.yaml" <<'YAML'
model: off
unit: B
years: 2023..2026
import: off.csv
series:
  capex.google: {2023: 32}
YAML
run "$T/off.yaml"
grep -q "warning: figures of 'capex.meta' from '.*off.csv' are about 1,000 times larger than those of 'capex.google' (the model is in B; if its figures are in M, give the import 'unit: M')" "$T/err" \
    && ok "an import 1,000x off the model's figures is warned about" || bad "an import 1,000x off the model's figures is warned about"

# --- capex init --from ---------------------------------------------------------
if [ -s "$T/lo/m.xlsx" ]; then
    (cd "$T" && "$CAPEX" init filings --from m.xlsx --sheet Capex --range A3:E6 >"$T/out" 2>"$T/err") \
        && ok "init --from an xlsx" || bad "init --from an xlsx"
    grep -q 'source: "m.xlsx:Capex!B4"' "$T/filings.yaml" && ok "init --from: each figure's source is its cell" \
        || bad "init --from: each figure's source is its cell"
    grep -q '^#   capex.meta: {method:' "$T/filings.yaml" && ok "init --from: drivers as commented suggestions" \
        || bad "init --from: drivers as commented suggestions"
    if "$CAPEX" run "$T/filings.yaml" -n -f csv >"$T/out" 2>"$T/err"; then ok "the model init --from wrote runs"; else bad "the model init --from wrote runs"; fi
    # unit: M model: the figures as the sheet writes them (56,200 = =B4*2)
    same "init --from: 28,100 as written" "$(value capex.meta 2023)" 28100
    same "init --from: the formula's value 56,200" "$(value capex.meta 2025)" 56200
    # Without --range: the title row above the header is passed over, and
    # the 'total' row becomes total.whole (1 in 2023).
    (cd "$T" && "$CAPEX" init whole --from m.xlsx --sheet Capex -q 2>"$T/err") \
        && "$CAPEX" run "$T/whole.yaml" -n -f csv >"$T/out" 2>"$T/err" \
        && ok "init --from a whole sheet (a title row above the header) runs" \
        || bad "init --from a whole sheet (a title row above the header) runs"
    same "init --from: the row 'total' is total.whole" "$(value total.whole 2023)" 1
fi
printf 'Line item,2023,2024\nRevenue,10,12\nCost of sales,-4,-5\n매출 총이익,6,7\n' >"$T/pl.csv"
(cd "$T" && "$CAPEX" init pl --from pl.csv -q) && "$CAPEX" run "$T/pl.yaml" -n -f csv >"$T/out" 2>"$T/err" \
    && ok "init --from a CSV runs" || bad "init --from a CSV runs"
same "init --from: 'Cost of sales' is cost_of_sales.pl" "$(value cost_of_sales.pl 2024)" -5
same "init --from: '매출 총이익' is 매출_총이익.pl" "$(value 매출_총이익.pl 2024)" 7
grep -q 'label: "매출 총이익"' "$T/pl.yaml" && ok "init --from: Korean names kept as labels" \
    || bad "init --from: Korean names kept as labels"

finish import
