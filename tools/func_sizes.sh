#!/bin/sh
# func_sizes.sh - lines per function (from the line of its name to its
# closing brace, as Universal Ctags' line: and end: fields give them) over
# the C files of the given folders (default model/ src/): the count, the
# median, the largest and the longest few.
#
#   sh tools/func_sizes.sh [DIR...]      e.g. sh tools/func_sizes.sh model src
set -u
[ $# -gt 0 ] || set -- model src
command -v ctags >/dev/null 2>&1 || { echo "func_sizes: needs Universal Ctags (apt-get install universal-ctags)" >&2; exit 69; }
for d in "$@"; do find "$d" -name '*.c'; done | sort |
    xargs ctags --c-kinds=f --fields=+ne -o - |
    awk -F'\t' '{
        line = end = 0
        for (i = 4; i <= NF; i++) {
            if ($i ~ /^line:/) line = substr($i, 6)
            if ($i ~ /^end:/) end = substr($i, 5)
        }
        if (line && end) print end - line + 1 "\t" $2 ":" line "\t" $1
    }' | sort -n >"${TMPDIR:-/tmp}/func_sizes.$$"
awk -F'\t' '{ n[NR] = $1 } END {
        if (!NR) exit 1
        m = NR % 2 ? n[(NR + 1) / 2] : (n[NR / 2] + n[NR / 2 + 1]) / 2
        printf "%d functions: median %s lines, largest %d\n", NR, m, n[NR]
    }' "${TMPDIR:-/tmp}/func_sizes.$$"
echo "longest:"
tail -n 5 "${TMPDIR:-/tmp}/func_sizes.$$" | sort -rn | sed 's/^/  /'
rm -f "${TMPDIR:-/tmp}/func_sizes.$$"
