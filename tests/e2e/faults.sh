#!/bin/sh
# faults.sh - output on a full disk and on an unwritable folder: a clear
# error, exit 74 / 73, and the previous workbook at that path intact.
# The full disk is a 16 KiB tmpfs (needs root and mount; skipped otherwise).
set -u
CAPEX=${CAPEX:-./capex}
T=$(mktemp -d "${TMPDIR:-/tmp}/capex-fault.XXXXXX")
fail=0
cleanup() { umount "$T/tiny" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
check() { # NAME WANT_STATUS STATUS DIR
    left=$(find "$4" -name '.keep.xlsx.*' | head -1)
    if [ "$3" -eq "$2" ] && [ -z "$left" ] && [ "$(cat "$4/keep.xlsx")" = "previous" ] \
        && grep -q "^capex: cannot" "$T/err"; then
        echo "ok   $1: exit $3, $(grep '^capex:' "$T/err")"
    else
        echo "FAIL $1: exit $3 (expected $2), left '$left'"; cat "$T/err"; fail=1
    fi
}
mkdir "$T/tiny"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=16k tmpfs "$T/tiny" 2>/dev/null; then
    echo previous >"$T/tiny/keep.xlsx"
    "$CAPEX" run inputs/bigtech-capex.yaml -o "$T/tiny/keep.xlsx" -q 2>"$T/err"
    check "full disk" 74 $? "$T/tiny"
else
    echo "SKIP full disk: needs root and a tmpfs mount"
fi
mkdir "$T/ro"
echo previous >"$T/ro/keep.xlsx"
chmod 555 "$T/ro"
if [ "$(id -u)" != 0 ]; then
    "$CAPEX" run inputs/bigtech-capex.yaml -o "$T/ro/keep.xlsx" -q 2>"$T/err"
    check "unwritable folder" 73 $? "$T/ro"
else
    # root writes anywhere; a read-only bind mount stands in for the folder.
    if mount --bind -o ro "$T/ro" "$T/ro" 2>/dev/null || { mount --bind "$T/ro" "$T/ro" && mount -o remount,bind,ro "$T/ro"; } 2>/dev/null; then
        "$CAPEX" run inputs/bigtech-capex.yaml -o "$T/ro/keep.xlsx" -q 2>"$T/err"
        check "read-only folder" 73 $? "$T/ro"
        umount "$T/ro"
    else
        echo "SKIP read-only folder: root ignores permissions and no bind mount"
    fi
fi
exit $fail
