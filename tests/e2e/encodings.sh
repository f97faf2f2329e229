#!/bin/sh
# encodings.sh - model files and CSV imports saved by other tools must work.
#
# Every bundled model (inputs/*.yaml with its CSV import) is re-encoded with
# a UTF-8 byte-order mark, CRLF line ends (Windows), lone CR line ends
# (classic Mac), and a byte-order mark with CRLF; each must run exactly like
# the LF original: exit 0, the same JSON and CSV reports, the same workbook
# bytes, and the same warnings at the same LINE:COL. Errors in such files
# must point at the same LINE:COL as in the LF file (a byte-order mark does
# not shift line 1, CR LF is one line end).
#
# CAPEX (default ./capex) is the binary under test; run from the top of the
# tree. Each variant lives in its own folder under the same file names, so
# that the messages (which name the file) can be compared byte for byte.
. tests/e2e/lib.sh
case $CAPEX in /*) ;; *) CAPEX=$(pwd)/$CAPEX ;; esac
VARIANTS="bom crlf cr bom_crlf"

# encode VARIANT SRC DEST: SRC (LF line ends, no mark) saved as VARIANT.
encode() {
    case $1 in
        lf)       cat "$2" ;;
        bom)      printf '\357\273\277'; cat "$2" ;;
        crlf)     awk '{ printf "%s\r\n", $0 }' "$2" ;;
        cr)       tr '\n' '\r' <"$2" ;;
        bom_crlf) printf '\357\273\277'; awk '{ printf "%s\r\n", $0 }' "$2" ;;
    esac >"$3"
}

# The re-encoded files must really differ from the originals.
for v in lf $VARIANTS; do
    mkdir -p "$T/$v" "$T/bad-$v"
    for f in inputs/*.yaml inputs/*.csv; do encode "$v" "$f" "$T/$v/$(basename "$f")"; done
done
if cmp -s "$T/lf/bigtech-capex.csv" "$T/crlf/bigtech-capex.csv" \
    || ! grep -q "$(printf '\r')" "$T/cr/bigtech-capex.yaml"; then
    bad "re-encoded files differ from the originals"
fi

# run DIR NAME: the model's JSON, CSV, workbook and messages in DIR/NAME.*
run() {
    (
        cd "$1" || exit 1
        "$CAPEX" run "$2.yaml" -n -f json >"$2.json" 2>"$2.err"
        s1=$?
        "$CAPEX" run "$2.yaml" -n -f csv >"$2.out.csv" 2>/dev/null
        s2=$?
        "$CAPEX" run "$2.yaml" -o "$2.xlsx" -q >/dev/null 2>&1
        s3=$?
        echo "$s1 $s2 $s3" >"$2.status"
    )
}

for m in inputs/*.yaml; do
    n=$(basename "$m" .yaml)
    run "$T/lf" "$n"
    [ "$(cat "$T/lf/$n.status")" = "0 0 0" ] || bad "$n: the LF original runs"
    for v in $VARIANTS; do
        run "$T/$v" "$n"
        why=""
        [ "$(cat "$T/$v/$n.status")" = "0 0 0" ] || why="exit $(cat "$T/$v/$n.status")"
        for k in json out.csv xlsx err; do
            cmp -s "$T/lf/$n.$k" "$T/$v/$n.$k" || why="${why:+$why; }$k differs"
        done
        if [ -z "$why" ]; then ok "$n ($v): same figures, workbook and messages as LF"
        else bad "$n ($v): $why"; fi
    done
done

# Errors keep their positions: a model error on line 1 (after the mark),
# one further down, a CSV header error on line 1 and a ragged CSV row.
printf 'model: [x]\nyears: 2023..2030\nseries:\n  capex.a: {2023: 1}\n' >"$T/line1.yaml"
for f in "$T/line1.yaml" tests/bad/dup_year.yaml tests/bad/csv_dup_year.yaml \
    tests/bad/csv_dup_year.csv tests/bad/csv_ragged.yaml tests/bad/csv_ragged.csv; do
    for v in lf $VARIANTS; do encode "$v" "$f" "$T/bad-$v/$(basename "$f")"; done
done
for n in line1 dup_year csv_dup_year csv_ragged; do
    (cd "$T/bad-lf" && "$CAPEX" run "$n.yaml" -n >/dev/null 2>"$n.err"; echo $? >"$n.status")
    grep -q "^$n\.[a-z]*:[0-9]*:[0-9]*: " "$T/bad-lf/$n.err" || bad "$n: the LF original fails at a position"
    for v in $VARIANTS; do
        (cd "$T/bad-$v" && "$CAPEX" run "$n.yaml" -n >/dev/null 2>"$n.err"; echo $? >"$n.status")
        if cmp -s "$T/bad-lf/$n.err" "$T/bad-$v/$n.err" \
            && cmp -s "$T/bad-lf/$n.status" "$T/bad-$v/$n.status"; then
            ok "$n ($v): same error at $(head -1 "$T/bad-$v/$n.err" | cut -d' ' -f1)"
        else
            bad "$n ($v): '$(head -1 "$T/bad-$v/$n.err")' vs LF '$(head -1 "$T/bad-lf/$n.err")'"
        fi
    done
done

finish encodings
