#!/bin/sh
# pdf.sh - `--pdf` on run and batch: the workbook printed by LibreOffice
# with the workbook's own page setup (header: model name and date; footer:
# page numbers), a clear error without LibreOffice.
. tests/e2e/lib.sh
status() { "$CAPEX" "$@" >"$T/out" 2>"$T/err"; echo $?; }

CAPEX_SOFFICE=/nonexistent/soffice "$CAPEX" run inputs/ai-lab-burn.yaml -o "$T/no.xlsx" --pdf -q 2>"$T/err"
check "--pdf without LibreOffice: exit 69" [ $? -eq 69 ]
check "--pdf without LibreOffice: says what to install" grep -q "libreoffice-calc-nogui" "$T/err"
check "--pdf without LibreOffice: no PDF" [ ! -e "$T/no.pdf" ]
check "--pdf with --no-workbook: usage error" [ "$(status run inputs/ai-lab-burn.yaml -n --pdf)" -eq 64 ]
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 ||
    ! command -v pdffonts >/dev/null 2>&1; then
    echo "skip the conversions (apt-get install libreoffice-calc-nogui poppler-utils)"
else
    check "run --pdf" [ "$(status run inputs/ai-lab-burn.yaml -o "$T/lab.xlsx" --pdf -q)" -eq 0 ]
    check "the PDF is beside the workbook" [ -s "$T/lab.pdf" ]
    pages=$(pdfinfo "$T/lab.pdf" | sed -n 's/^Pages: *//p')
    check "every sheet printed ($pages pages)" [ "${pages:-0}" -ge 6 ]
    pdftotext -f 1 -l 1 -layout "$T/lab.pdf" "$T/p1.txt"
    check "page 1 is the Summary" grep -q "Summary" "$T/p1.txt"
    check "the footer names the model" grep -q "ai-lab-burn" "$T/p1.txt"
    check "the footer has the as-of date" grep -q "2026-02-20" "$T/p1.txt"
    check "the footer numbers the pages" grep -q "Page 1 of $pages" "$T/p1.txt"
    check "Korean survives into the PDF" sh -c "pdftotext '$T/lab.pdf' - | grep -q '모집 중'"
    # pdftotext extracts Korean even where every glyph printed as an empty
    # box: the PDF must embed a font that has the glyphs (make deps installs
    # fonts-noto-cjk).
    check "the Korean notes are printed in an embedded CJK font" \
        sh -c "pdffonts '$T/lab.pdf' | grep -E 'CJK|Noto Sans (KR|JP|SC)' | grep -q ' yes '"
    check "the header has the model's title" grep -q "OpenAI — revenue, costs" "$T/p1.txt"
    check "no temporary folder is left" [ -z "$(find "$T" -name '.capex-pdf-*')" ]
    check "batch --pdf" [ "$(status batch inputs/ai-lab-burn.yaml inputs/memory-market.yaml -o "$T/b" --pdf -q)" -eq 0 ]
    check "batch --pdf: one PDF per run" [ -s "$T/b/ai-lab-burn.pdf" ] && [ -s "$T/b/memory-market.pdf" ]
    "$CAPEX" batch inputs/bigtech-capex.yaml -o "$T/c" -q
    check "batch --pdf after a batch without: the PDF is made" [ "$(status batch inputs/bigtech-capex.yaml -o "$T/c" --pdf)" -eq 0 ] && [ -s "$T/c/bigtech-capex.pdf" ]
    check "batch --pdf again: up to date" [ "$(status batch inputs/bigtech-capex.yaml -o "$T/c" --pdf)" -eq 0 ] && grep -q "1 skipped" "$T/out"
fi
finish "pdf"
