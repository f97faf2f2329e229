#!/bin/sh
# bench/export.sh - export throughput (issue 5): a 1,000,000 x 10 numeric
# sheet in libxlsxwriter's constant_memory mode, three ways in this same run:
#
#   capex    `capex mc bench/mc/lab.yaml --paths N --raw F --raw-only` (the
#            whole command: read, simulate on -j threads, stream the rows)
#   bare     bench/ref/export_bare.c: a bare libxlsxwriter loop writing the
#            same cells (the very numbers capex wrote, read from a file)
#   python   bench/ref/export.py: Python XlsxWriter's constant_memory mode,
#            the same cells (Debian's python3-xlsxwriter)
#
# Each is run EXPORT_RUNS times, interleaved (so a load that comes and goes
# hits all three); wall is the median, CPU (user + system) the median, peak
# memory the largest maximum RSS (/usr/bin/time -v). capex writes the raw
# workbook at deflate level 1 (src/zip_level.h); the bare loop is run at the
# same level (an LD_PRELOAD shim built here), Python at zipfile's default
# (6, as libxlsxwriter's own). Then, once each: `capex mc --raw` with its
# statistics kept (the memory that costs), and the bare loop at level 6. Called by bench/run.sh; figures go,
# by hand, into docs/performance.md with the machine, the date and the load.
set -eu
CAPEX=${CAPEX:-./capex}
CC=${CC:-cc}
PATHS=${EXPORT_PATHS:-1000000}
RUNS=${EXPORT_RUNS:-3}
JOBS=${EXPORT_JOBS:-2}
MODEL=${EXPORT_MODEL:-bench/mc/lab.yaml}
PY=/usr/bin/python3

echo "capex export bench: $PATHS paths of $MODEL, -j $JOBS, median of $RUNS;" \
     "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for need in /usr/bin/time pkg-config; do
    if ! command -v "$need" >/dev/null 2>&1; then
        echo "skipped: $need missing (apt-get install time pkg-config)"
        exit 0
    fi
done
T=$(mktemp -d "${TMPDIR:-/tmp}/capex-export.XXXXXX")
trap 'rm -rf "$T"' EXIT

# The bare loop with the project's flags (Makefile: OPTFLAGS, WARN, HARDEN).
# shellcheck disable=SC2046
$CC -O2 -g -std=c17 -Wall -Wextra -Werror -D_FORTIFY_SOURCE=2 -fstack-protector-strong \
    $(pkg-config --cflags xlsxwriter) bench/ref/export_bare.c \
    $(pkg-config --libs xlsxwriter) -o "$T/export_bare"
# capex deflates the raw workbook at level 1 (src/zip_level.c); the bare
# loop does the same through this LD_PRELOAD shim, so that both do the same
# work and the ratio measures capex's own layers.
cat >"$T/level1.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
typedef int (*open_fn)(void *, const char *, const void *, const void *, unsigned,
                       const void *, unsigned, const char *, int, int, int, int, int,
                       int, const char *, unsigned long, unsigned long, unsigned long, int);
int zipOpenNewFileInZip4_64(void *f, const char *n, const void *fi, const void *el,
                            unsigned nel, const void *eg, unsigned neg, const char *c,
                            int method, int level, int raw, int wb, int ml, int st,
                            const char *pw, unsigned long crc, unsigned long vm,
                            unsigned long flag, int z64)
{
    open_fn real = (open_fn)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    (void)level;
    return real(f, n, fi, el, nel, eg, neg, c, method, 1, raw, wb, ml, st, pw, crc, vm,
                flag, z64);
}
EOF
$CC -O2 -shared -fPIC "$T/level1.c" -o "$T/level1.so"
python=yes
$PY -c 'import xlsxwriter' 2>/dev/null || python="no (apt-get install python3-xlsxwriter)"

_wall() {  # seconds, from /usr/bin/time -v output
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"
}
_cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$1"; }
_rss() { awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$1"; }
_median() { sort -g | sed -n "$(( (RUNS + 1) / 2 ))p"; }
_max() { sort -g | tail -n 1; }
_size() { wc -c <"$1" | awk '{ printf "%.1f", $1 / 1048576 }'; }
_sheet_bytes() { unzip -l "$1" xl/worksheets/sheet1.xml | awk 'NR == 4 { print $1 }'; }

# _run NAME COMMAND...: time one run into $T/NAME.{wall,cpu,rss}.
_run() {
    name=$1
    shift
    /usr/bin/time -v "$@" 2>"$T/$name.time" >/dev/null || {
        cat "$T/$name.time" >&2
        exit 1
    }
    _wall "$T/$name.time" >>"$T/$name.wall"
    _cpu "$T/$name.time" >>"$T/$name.cpu"
    _rss "$T/$name.time" >>"$T/$name.rss"
}

# The numbers capex wrote (row by row, native doubles), and the sheet's
# shape, from its workbook: so the references write the very same cells.
_extract() {
    $PY - "$1" "$T/values.bin" "$T/shape" <<'EOF'
import re, sys, zipfile
from array import array
src, out, shape = sys.argv[1:4]
pat = re.compile(rb'<row r="(\d+)"[^>]*>|<v>([^<]*)</v>')
header, rows, tail = [], 0, b""
with zipfile.ZipFile(src) as z, z.open("xl/worksheets/sheet1.xml") as f, open(out, "wb") as o:
    row = 0
    while True:
        chunk = f.read(1 << 24)
        data = tail + chunk
        cut = data.rfind(b"</c>") + 4 if chunk else len(data)
        data, tail = data[:cut], data[cut:]
        vals = array("d")
        for m in pat.finditer(data):
            if m.group(1):
                row = int(m.group(1))
                rows = max(rows, row - 1)
            elif row == 1:
                header.append(int(float(m.group(2))))
            else:
                vals.append(float(m.group(2)))
        vals.tofile(o)
        if not chunk:
            break
open(shape, "w").write("%d %d %d\n" % (rows, len(header), header[0]))
EOF
}

i=0
while [ $i -lt "$RUNS" ]; do
    _run capex "$CAPEX" mc "$MODEL" --paths "$PATHS" -j "$JOBS" --raw "$T/capex.xlsx" --raw-only -q
    if [ $i -eq 0 ]; then
        _extract "$T/capex.xlsx"
        read -r rows years first <"$T/shape"
        [ "$rows" -eq "$PATHS" ] || { echo "capex wrote $rows rows, not $PATHS" >&2; exit 1; }
    fi
    _run bare env LD_PRELOAD="$T/level1.so" "$T/export_bare" "$PATHS" "$years" "$first" \
        "$T/bare.xlsx" "$T/values.bin" "$T"
    [ "$python" = yes ] &&
        _run python $PY bench/ref/export.py "$PATHS" "$years" "$first" "$T/python.xlsx" \
            "$T/values.bin" "$T"
    i=$((i + 1))
done

echo "sheet: $PATHS rows x $years years ($first..$((first + years - 1))) + a header row"
printf '%-30s %8s %8s %9s %9s %11s\n' "" "wall s" "cpu s" "peak MB" "file MB" "sheet MB"
_line() {  # NAME LABEL
    printf '%-30s %8.2f %8.2f %9s %9s %11s\n' "$2" "$(_median <"$T/$1.wall")" \
        "$(_median <"$T/$1.cpu")" "$(_max <"$T/$1.rss")" "$(_size "$T/$1.xlsx")" \
        "$(_sheet_bytes "$T/$1.xlsx" | awk '{ printf "%.1f", $1 / 1048576 }')"
}
_line capex "capex mc --raw --raw-only"
_line bare "bare loop (deflate level 1)"
[ "$python" = yes ] && _line python "python XlsxWriter" || echo "python XlsxWriter: $python"

c=$(_median <"$T/capex.wall"); b=$(_median <"$T/bare.wall")
cc_=$(_median <"$T/capex.cpu"); bc=$(_median <"$T/bare.cpu")
awk -v c="$c" -v b="$b" -v cc="$cc_" -v bc="$bc" 'BEGIN {
    printf "capex / bare loop:    %.2fx wall, %.2fx cpu   (target <= 1.15x)\n", c / b, cc / bc }'
if [ "$python" = yes ]; then
    p=$(_median <"$T/python.wall"); pc=$(_median <"$T/python.cpu")
    awk -v c="$c" -v p="$p" -v b="$b" -v cc="$cc_" -v pc="$pc" -v bc="$bc" 'BEGIN {
        printf "python / capex:       %.2fx wall, %.2fx cpu   (target >= 2.5x)\n", p / c, pc / cc
        printf "python / bare loop:   %.2fx wall, %.2fx cpu   (the most a thin layer can reach)\n", p / b, pc / bc }'
fi

# Once: the statistics kept alongside (--raw without --raw-only).
_run full "$CAPEX" mc "$MODEL" --paths "$PATHS" -j "$JOBS" --raw "$T/full.xlsx" \
    -o "$T/mc.xlsx" -q
cmp -s "$T/full.xlsx" "$T/capex.xlsx" || { echo "--raw differs from --raw-only" >&2; exit 1; }
printf '%-30s %8.2f %8.2f %9s   (one run; same raw bytes)\n' "capex mc --raw, with stats" \
    "$(cat "$T/full.wall")" "$(cat "$T/full.cpu")" "$(cat "$T/full.rss")"

# Once: the bare loop at libxlsxwriter's own deflate level (6), which is
# what Python XlsxWriter uses too: how much of the time is compression.
: >"$T/bare6.wall"; : >"$T/bare6.cpu"; : >"$T/bare6.rss"
_run bare6 "$T/export_bare" "$PATHS" "$years" "$first" "$T/bare6.xlsx" "$T/values.bin" "$T"
printf '%-30s %8.2f %8.2f %9s %9s   (one run; deflate level 6)\n' \
    "bare loop, libxlsxwriter level" "$(cat "$T/bare6.wall")" "$(cat "$T/bare6.cpu")" \
    "$(cat "$T/bare6.rss")" "$(_size "$T/bare6.xlsx")"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
