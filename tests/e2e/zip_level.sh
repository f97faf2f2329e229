#!/bin/sh
# zip_level.sh - capex deflates its workbooks at level 1 (src/xlsx_zip_level.c
# interposes minizip's zipOpenNewFileInZip4_64; docs/performance.md). The
# level shows in each zip entry's general-purpose flag: for deflate (method
# 8), bits 1 and 2 are the level class - 00 normal (minizip's levels 3..7),
# 01 maximum (8, 9), 10 fast (2), 11 super fast (1) (APPNOTE.TXT 4.4.4;
# minizip's zip.c sets flag |= 6 for level 1). Every entry of every workbook
# written here, in its local header and in the central directory, must say
# level 1: with a libxlsxwriter that links minizip statically the
# interposition is silently lost, the entries say 00 and this test fails.
. tests/e2e/lib.sh
# flags FILE: prints "ok N" when all N entries are deflated with bits 1-2 = 11.
flags() {
    "$PYTHON" - "$1" <<'PY'
import struct, sys, zipfile
data = open(sys.argv[1], "rb").read()
infos = zipfile.ZipFile(sys.argv[1]).infolist()
for i in infos:
    local = struct.unpack("<H", data[i.header_offset + 6:i.header_offset + 8])[0]
    if i.compress_type != 8 or (i.flag_bits & 6) != 6 or (local & 6) != 6:
        print("%s: method %d, flags %s (central) %s (local), expected bits 1-2 set"
              % (i.filename, i.compress_type, bin(i.flag_bits), bin(local)))
        sys.exit(1)
print("ok %d" % len(infos))
PY
}
for m in inputs/*.yaml; do
    name=$(basename "$m" .yaml)
    "$CAPEX" run "$m" -o "$T/$name.xlsx" -q 2>"$T/err"
    r=$(flags "$T/$name.xlsx" 2>&1 | tail -1)
    check "$name: every entry deflated at level 1 ($r)" test "${r%% *}" = ok
done
"$CAPEX" mc inputs/ai-lab-burn.yaml --paths 1000 -o "$T/mc.xlsx" -q 2>"$T/err"
r=$(flags "$T/mc.xlsx" 2>&1 | tail -1)
check "mc workbook: every entry at level 1 ($r)" test "${r%% *}" = ok
finish "zip level"
