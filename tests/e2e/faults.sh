#!/bin/sh
# faults.sh - output on a full disk and on an unwritable folder: a clear
# error, exit 74 / 73, and the previous workbook at that path intact.
# The full disk is a 16 KiB tmpfs (needs root and mount; skipped otherwise).
. tests/e2e/lib.sh
trap 'umount "$T/tiny" 2>/dev/null; rm -rf "$T"' EXIT
# outcome NAME WANT_STATUS STATUS DIR
outcome() {
    left=$(find "$4" -name '.keep.xlsx.*' | head -1)
    if [ "$3" -eq "$2" ] && [ -z "$left" ] && [ "$(cat "$4/keep.xlsx")" = "previous" ] \
        && grep -q "^capex: cannot" "$T/err"; then
        ok "$1: exit $3, $(grep '^capex:' "$T/err")"
    else
        bad "$1: exit $3 (expected $2), left '$left'"
    fi
}
mkdir "$T/tiny"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=16k tmpfs "$T/tiny" 2>/dev/null; then
    echo previous >"$T/tiny/keep.xlsx"
    "$CAPEX" run inputs/bigtech-capex.yaml -o "$T/tiny/keep.xlsx" -q 2>"$T/err"
    outcome "full disk" 74 $? "$T/tiny"
else
    echo "SKIP full disk: needs root and a tmpfs mount"
fi
mkdir "$T/ro"
echo previous >"$T/ro/keep.xlsx"
chmod 555 "$T/ro"
if [ "$(id -u)" != 0 ]; then
    "$CAPEX" run inputs/bigtech-capex.yaml -o "$T/ro/keep.xlsx" -q 2>"$T/err"
    outcome "unwritable folder" 73 $? "$T/ro"
else
    # root writes anywhere; a read-only bind mount stands in for the folder.
    if mount --bind -o ro "$T/ro" "$T/ro" 2>/dev/null || { mount --bind "$T/ro" "$T/ro" && mount -o remount,bind,ro "$T/ro"; } 2>/dev/null; then
        "$CAPEX" run inputs/bigtech-capex.yaml -o "$T/ro/keep.xlsx" -q 2>"$T/err"
        outcome "read-only folder" 73 $? "$T/ro"
        umount "$T/ro"
    else
        echo "SKIP read-only folder: root ignores permissions and no bind mount"
    fi
fi
finish faults
