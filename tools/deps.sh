#!/bin/sh
# deps.sh - install, with apt, only the Debian packages that are missing.
#
# Libraries are looked up with pkg-config (zlib too: xlsxwriter.pc links -lz
# but libxlsxwriter-dev does not pull zlib1g-dev in; libcsv ships no .pc file, so its
# header and library are probed with the compiler); test tools by command.
# The fuzzing harnesses (make fuzz, make fuzz-smoke in CI) need clang and its
# libFuzzer and sanitizer runtimes (libclang-rt-N-dev for clang N: 14 on
# Debian 12): probed by linking a tiny -fsanitize=fuzzer program.
# Prints what it found; runs apt-get only when something is missing.
# --check: only the libraries the build needs; say which are missing and
# fail, installing nothing (what `make` does on a machine without them).
set -eu
check_only=
[ "${1:-}" = --check ] && check_only=1
CC=${CC:-cc}
missing=""
need() { missing="$missing $1"; }

command -v pkg-config >/dev/null 2>&1 || need pkg-config
for pair in gsl:libgsl-dev xlsxwriter:libxlsxwriter-dev zlib:zlib1g-dev cmocka:libcmocka-dev yaml-0.1:libyaml-dev nettle:nettle-dev minizip:libminizip-dev expat:libexpat1-dev libdeflate:libdeflate-dev; do
    pc=${pair%%:*}; deb=${pair#*:}
    if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$pc"; then :; else need "$deb"; fi
done
probe=$(mktemp -d)
printf '#include <csv.h>\nint main(void){struct csv_parser p; return csv_init(&p,0);}\n' > "$probe/c.c"
"$CC" "$probe/c.c" -o "$probe/c" -lcsv >/dev/null 2>&1 || need libcsv-dev
if [ -n "$check_only" ]; then
    rm -rf "$probe"
    [ -z "$missing" ] && exit 0
    echo "capex: missing$missing: run 'make deps' (or 'make run')" >&2
    exit 1
fi
if command -v clang >/dev/null 2>&1; then
    printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)\n{ (void)d; (void)n; return 0; }\n' > "$probe/f.c"
    clang -fsanitize=fuzzer,address,undefined "$probe/f.c" -o "$probe/f" >/dev/null 2>&1 \
        || need "libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev"
else
    need clang
    need libclang-rt-dev         # the runtime of Debian's default clang
fi
rm -rf "$probe"
command -v soffice >/dev/null 2>&1 || need libreoffice-calc-nogui
# --pdf prints Korean (and other CJK) text with LibreOffice: without a CJK
# font every such glyph is an empty box (tests/e2e/pdf.sh checks the PDF).
fc-list :lang=ko 2>/dev/null | grep -q . || need fonts-noto-cjk
# Carlito has Calibri's metrics: LibreOffice then lays out the workbook's
# Calibri text, columns and rows as Excel does (else with DejaVu Sans, a
# third wider), so the printed pages are those the page breaks plan.
fc-list 2>/dev/null | grep -q Carlito || need fonts-crosextra-carlito
command -v ssconvert >/dev/null 2>&1 || need gnumeric  # the second engine of recalc.py
command -v pdffonts >/dev/null 2>&1 || need poppler-utils
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || need python3-openpyxl
command -v pdftoppm >/dev/null 2>&1 || need poppler-utils
command -v valgrind >/dev/null 2>&1 || need valgrind
[ -x /usr/bin/time ] || need time          # tests/e2e/huge.sh: peak memory
command -v man >/dev/null 2>&1 || need man-db          # tests/e2e/install.sh: man -l
command -v pgrep >/dev/null 2>&1 || need procps        # tests/e2e/batch.sh: workers
command -v script >/dev/null 2>&1 || need bsdutils     # tests/e2e/terminal.sh: a tty
command -v zsh >/dev/null 2>&1 || need zsh             # tests/e2e/completion.sh

if [ -z "$missing" ]; then
    echo "deps: all present"
    exit 0
fi
echo "deps: missing:$missing"
if [ "$(id -u)" != 0 ]; then
    echo "deps: run as root, or install them: apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
