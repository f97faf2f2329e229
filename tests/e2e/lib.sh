# lib.sh - what every tests/e2e/*.sh shares; each sources it first, from the
# top of the tree (`. tests/e2e/lib.sh`):
#   - the environment a test needs, whatever the caller's shell, editor or
#     CI has set (a dumb terminal without colour, UTF-8 text with C-locale
#     numbers, 80 columns, UTC): `env -i PATH=$PATH TERM=dumb make test` and
#     `NO_COLOR=1 make test` pass like a plain `make test`. A test that needs
#     another value sets it on the one command (terminal.sh's colour checks);
#   - CAPEX (default ./capex) and PYTHON (default /usr/bin/python3);
#   - $T, a scratch folder removed on exit (KEEP=1 keeps it, for debugging);
#   - ok NAME, bad NAME, check NAME CMD... which count into $pass and $fail,
#     and finish LABEL, which prints the count and fails if anything failed.
set -u
CAPEX=${CAPEX:-./capex}
PYTHON=${PYTHON:-/usr/bin/python3}

TERM=dumb
LC_ALL=C.UTF-8
COLUMNS=80
TZ=UTC
export TERM LC_ALL COLUMNS TZ
# Not inherited: colour switched off by the caller, a language, a Slurm array
# task around the run (capex batch would take a slice).
unset NO_COLOR LANG LANGUAGE SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_MIN \
    SLURM_ARRAY_TASK_STEP SLURM_ARRAY_TASK_COUNT

T=$(mktemp -d "${TMPDIR:-/tmp}/capex-$(basename "$0" .sh).XXXXXX") || exit 1
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
# bad NAME: a failure; the first lines of $T/err, if any, tell why.
bad() {
    fail=$((fail + 1))
    echo "FAIL $1"
    [ -s "$T/err" ] && sed 's/^/     | /' "$T/err" | head -5
    return 0
}
# check NAME CMD...: ok if CMD succeeds.
check() { _what=$1; shift; if "$@"; then ok "$_what"; else bad "$_what"; fi; }
# finish LABEL: the count; the script's status is 0 only if nothing failed
# and something passed.
finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
}
