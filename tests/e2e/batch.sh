#!/bin/sh
# batch.sh - end-to-end tests of `capex batch` and `capex index`
# (docs/batch.md): good and bad models together, resume after SIGKILL,
# shards, manifests, confinement of output names, signals.
#
# CAPEX (default ./capex) is the binary under test; PYTHON must see
# Debian's python3-openpyxl. QUICK=1 leaves out the parts that run hundreds
# of models (resume, signals, shards), for `make valgrind`.
. tests/e2e/lib.sh

# run NAME STATUS ARGS... : capex exits with STATUS.
run() {
    _what=$1 _want=$2
    shift 2
    "$CAPEX" "$@" >"$T/out" 2>"$T/err"
    _got=$?
    if [ "$_got" -eq "$_want" ]; then ok "$_what"; else bad "$_what (exit $_got, expected $_want)"; fi
}
has_err() { grep -qF -- "$1" "$T/err"; }
rows() { $PYTHON -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1])))) - 1)' "$1"; }
# same_json A B: two index.json the same but for the "batch" object (its
# times and options are those of each invocation).
same_json() {
    $PYTHON -c '
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for x in (a, b):
    x.pop("batch")
sys.exit(a != b)' "$1" "$2"
}
# same_outputs A B: the same workbooks and index files, byte for byte
# (index.json: but for its "batch" object).
same_outputs() {
    for f in "$1"/*.xlsx "$1"/index.csv; do
        cmp -s "$f" "$2/$(basename "$f")" || { echo "differs: $(basename "$f")" >"$T/err"; return 1; }
    done
    same_json "$1/index.json" "$2/index.json" || { echo "differs: index.json" >"$T/err"; return 1; }
    [ "$(ls "$1" | wc -l)" -eq "$(ls "$2" | wc -l)" ] || { echo "file counts differ" >"$T/err"; return 1; }
}
no_temps() {
    find "$1" -name '.*.??????' -type f >"$T/err"
    [ ! -s "$T/err" ]
}

for tool in pgrep script; do
    command -v $tool >/dev/null 2>&1 || bad "$tool is installed (make deps: procps, bsdutils)"
done

# A set of models: the bundled ones and copies under other names, enough
# for the slices and the interrupted runs to be meaningful.
M="$T/models"
mkdir -p "$M"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
    for m in inputs/*.yaml; do cp "$m" "$M/$(basename "$m" .yaml)-$i.yaml"; done
done
cp inputs/*.csv "$M/"
N=$(ls "$M"/*.yaml | wc -l)
# A longer batch, to be interrupted by signals.
L="$T/long"
mkdir -p "$L"
i=0
while [ $i -lt 300 ]; do cp inputs/ai-lab-burn.yaml "$L/lab-$i.yaml"; i=$((i + 1)); done

# --- good and bad models together ---------------------------------------------
# The bad workbooks some bad models import are written at test time
# (bad_inputs.sh does the same): this script may run alone.
"$PYTHON" tests/bad/workbooks.py tests/bad || bad "tests/bad/workbooks.py"
NBAD=$(ls tests/bad/*.yaml | wc -l)
NIN=$(ls inputs/*.yaml | wc -l)
run "batch of good and bad models exits 65" 65 batch inputs/ tests/bad/ -o "$T/mixed" -j 2
check "every good model has its workbook" [ "$(ls "$T/mixed"/*.xlsx | grep -vc index.xlsx)" -eq "$NIN" ]
check "no workbook for a bad model" [ ! -e "$T/mixed/alias.xlsx" ]
check "the index lists every run" [ "$(rows "$T/mixed/index.csv")" -eq $((NIN + NBAD)) ]
check "a bad model's message is printed" has_err "tests/bad/alias.yaml:5:15: aliases"
check "a bad model's message is in the index" grep -qF "tests/bad/alias.yaml:5:15: aliases" "$T/mixed/index.csv"
check "the summary counts the runs" grep -qF "$NIN succeeded, $NBAD failed, 0 skipped" "$T/out"
# Every bad file's message in the index is the one its .expect names.
if $PYTHON - "$T/mixed/index.csv" tests/bad >"$T/err" 2>&1 <<'EOF'
import csv, os, sys
rows = {r["name"]: r for r in csv.DictReader(open(sys.argv[1]))}
for f in sorted(os.listdir(sys.argv[2])):
    if not f.endswith(".expect"):
        continue
    name = f[:-7]
    want = open(os.path.join(sys.argv[2], f)).read().split("\n")[0]
    status = os.path.join(sys.argv[2], name + ".status")
    code = open(status).read().strip() if os.path.exists(status) else "65"
    got = rows[name]
    assert got["status"] == "failed" and got["exit"] == code, (name, got["exit"], code)
    assert got["message"].startswith(want), (name, want, got["message"])
print("ok")
EOF
then ok "each bad model: its .expect message and exit status in the index"; else bad "each bad model: its .expect message and exit status in the index"; fi

# --- values in the index, computed by hand -------------------------------------
# ai-lab-burn: net 2026..2029 = -14, -26, -44, -31.07 (inputs/ai-lab-burn.yaml's
# table), all negative, so the burn is -115.07 and so is the peak; break-even
# in 2030; bigtech has checks that warn (381 stated vs 379 summed).
if $PYTHON - "$T/mixed/index.json" >"$T/err" 2>&1 <<'EOF'
import json, sys
ix = json.load(open(sys.argv[1]))
r = {x["name"]: x for x in ix["index"]}
lab = r["ai-lab-burn"]
assert abs(lab["cumulative_burn"] - (-115.07)) < 0.01, lab
assert abs(lab["peak_funding_need"] - 115.07) < 0.01, lab
assert lab["break_even_year"] == 2030 and lab["checks"] == "pass", lab
assert r["bigtech-capex"]["checks"] == "warn" and r["bigtech-capex"]["cumulative_burn"] is None
assert ix["runs"] == len(ix["index"]) and ix["failed"] == ix["runs"] - ix["succeeded"]
print("ok")
EOF
then ok "index values (burn -115.07, break-even 2030, checks)"; else bad "index values"; fi

# The batch's workbook is the one `capex run` writes.
"$CAPEX" run inputs/ai-lab-burn.yaml -o "$T/single.xlsx" -q >/dev/null 2>&1
check "a batch workbook equals capex run's" cmp -s "$T/single.xlsx" "$T/mixed/ai-lab-burn.xlsx"

# The index workbook: links to each workbook, and its formulas recalculate
# to their cached values in LibreOffice.
if $PYTHON - "$T/mixed/index.xlsx" >"$T/err" 2>&1 <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Index"]
head = [c.value for c in ws[4]]
assert head[:5] == ["Run", "Name", "Model", "Scenario", "Status"], head
links = [c.hyperlink.target for c in ws["P"][4:] if c.hyperlink]
assert "ai-lab-burn.xlsx" in links, links
assert ws["B2"].value.startswith("=ROWS(") and ws["F2"].value.startswith("=COUNTIF(")
print("ok")
EOF
then ok "index.xlsx has the header, links and live counts"; else bad "index.xlsx has the header, links and live counts"; fi
if [ -z "${QUICK:-}" ] && command -v soffice >/dev/null 2>&1; then
    if $PYTHON tests/e2e/recalc.py "$T/mixed/index.xlsx" >"$T/err" 2>&1; then
        ok "index.xlsx recalculates to its cached values ($(tail -1 "$T/err"))"
    else
        bad "index.xlsx recalculates to its cached values"
    fi
fi

# The rest runs hundreds of models: not under valgrind (QUICK=1).
if [ -z "${QUICK:-}" ]; then
# --- resume -----------------------------------------------------------------------
run "a second batch exits 0" 0 batch inputs/ -o "$T/mixed" -j 2
check "a second batch skips what is up to date" grep -qF "0 succeeded, 0 failed, $NIN skipped" "$T/out"
sleep 0.01; touch "$M/memory-market-05.yaml"
run "full batch" 0 batch "$M" -o "$T/full" -j 2 -q
check "full batch writes every workbook" [ "$(ls "$T/full"/*.xlsx | grep -vc index.xlsx)" -eq "$N" ]
touch "$M/memory-market-05.yaml"
run "batch after touching a model" 0 batch "$M" -o "$T/full" -j 2
check "a touched model is up to date (the key is its content)" grep -qF "0 succeeded, 0 failed, $N skipped" "$T/out"
printf '\n# edited\n' >>"$M/memory-market-05.yaml"
run "batch after editing a model" 0 batch "$M" -o "$T/full" -j 2
check "only the edited model reruns" grep -qF "1 succeeded, 0 failed, $((N - 1)) skipped" "$T/out"
ino() { stat -c %i "$1"; }
same_ino=$(ino "$T/full/memory-market-01.xlsx")
edit_ino=$(ino "$T/full/memory-market-06.xlsx")
rec_ino=$(ino "$T/full/.capex/memory-market-01.csv")
cp "$T/full/memory-market-01.xlsx" "$T/mm01.before"
sed -i 's/^title: DRAM and HBM market/title: DRAM and HBM market (edited)/' "$M/memory-market-06.yaml"
run "--force reruns everything" 0 batch "$M" -o "$T/full" -j 2 --force
check "--force counts every run" grep -qF "$N succeeded" "$T/out"
# A rebuilt workbook of the very same bytes leaves the file as it was (the
# same inode: not replaced); a workbook whose bytes changed is replaced.
check "--force: an unchanged workbook is the same file" [ "$(ino "$T/full/memory-market-01.xlsx")" = "$same_ino" ]
check "--force: and the same bytes" cmp -s "$T/mm01.before" "$T/full/memory-market-01.xlsx"
check "--force: a changed workbook is a new file" [ "$(ino "$T/full/memory-market-06.xlsx")" != "$edit_ino" ]
check "--force: with the new title" sh -c "unzip -p '$T/full/memory-market-06.xlsx' docProps/core.xml | grep -qF 'HBM market (edited)'"
# A record is written again in its own file (set aside while its run runs,
# then renamed back): the same inode, nothing set aside left at the end.
no_spares() { ! ls -A "$1/.capex" | grep -q '\.redo$'; }
check "--force: a run's record is the same file, written again" [ "$(ino "$T/full/.capex/memory-market-01.csv")" = "$rec_ino" ]
check "--force: the record says ok" grep -q '^"[0-9]*","memory-market-01",.*,"ok","0",' "$T/full/.capex/memory-market-01.csv"
check "--force: no record left set aside" no_spares "$T/full"
run "-j 1" 0 batch "$M" -o "$T/j1" -j 1 -q
check "-j 1 and -j 2 give the same bytes" same_outputs "$T/full" "$T/j1"

# Killed with SIGKILL mid-way (the whole process group, workers too), then
# run again: all outputs present and the same bytes as an uninterrupted run.
cat >"$T/kill.py" <<'EOF'
import os, signal, subprocess, sys, time
capex, models, out = sys.argv[1:4]
p = subprocess.Popen([capex, "batch", models, "-o", out, "-j", "2", "-q"],
                     start_new_session=True, stderr=subprocess.DEVNULL)
deadline = time.time() + 20
while time.time() < deadline:
    done = [f for f in os.listdir(out)] if os.path.isdir(out) else []
    if sum(f.endswith(".xlsx") for f in done) >= 5:
        break
    time.sleep(0.002)
os.killpg(p.pid, signal.SIGKILL)
p.wait()
# Runs that will not rerun: those with a record (written after the workbook).
meta = os.path.join(out, ".capex")
n = sum(f.endswith(".csv") and not f.startswith(".") for f in os.listdir(meta)) if os.path.isdir(meta) else 0
print(n)
EOF
killed=$($PYTHON "$T/kill.py" "$CAPEX" "$M" "$T/killed")
check "SIGKILL stopped the batch part-way ($killed of $N workbooks)" [ "$killed" -lt "$N" ]
if $PYTHON -c '
import os, sys, zipfile
for f in os.listdir(sys.argv[1]):
    if f.endswith(".xlsx") and not f.startswith("."):
        assert zipfile.ZipFile(os.path.join(sys.argv[1], f)).testzip() is None, f
' "$T/killed" 2>"$T/err"; then ok "after SIGKILL every workbook present is complete"; else bad "after SIGKILL every workbook present is complete"; fi
run "the batch after SIGKILL exits 0" 0 batch "$M" -o "$T/killed" -j 2
check "it runs only what was missing" grep -qF "$((N - killed)) succeeded" "$T/out"
check "after resume: the same bytes as an uninterrupted run" same_outputs "$T/full" "$T/killed"
ls -la "$T/killed" >"$T/killed.ls"
check "no temporary files are left" no_temps "$T/killed"
check "no record left set aside after the resume" no_spares "$T/killed"

# SIGTERM and SIGINT: the workers stop, their temporary files are removed,
# and the batch exits 143 / 130. The signal goes as soon as the first run's
# record is written (polled every 10 ms), not after a fixed sleep: a fast
# machine finished the 300 runs before a 0.15 s sleep ended.
for sig in TERM INT; do
    "$CAPEX" batch "$L" -o "$T/sig$sig" -j 2 -q >/dev/null 2>&1 &
    pid=$!
    i=0
    while [ $i -lt 500 ] && ! ls "$T/sig$sig/.capex/"*.csv >/dev/null 2>&1; do
        sleep 0.01
        i=$((i + 1))
    done
    kill -s $sig $pid
    wait $pid
    st=$?
    want=143; [ $sig = INT ] && want=130
    check "SIG$sig ends the batch with $want (got $st)" [ "$st" -eq "$want" ]
    check "SIG$sig leaves no temporary file" no_temps "$T/sig$sig"
    check "SIG$sig leaves no worker running" sh -c "! pgrep -f '[b]atch $L -o $T/sig$sig' >/dev/null"
done 2>/dev/null

# Progress: a bar on a terminal (done/total, rate, ETA), nothing with -q,
# and none into a pipe for a batch this short (plain lines come every 5 s).
script -qec "$CAPEX batch $L -o $T/tty -j 2 --force" /dev/null >"$T/tty.out" 2>&1
check "a progress bar on a terminal" grep -q "\[#*\.*\] [0-9]*/300 .*/s  ETA" "$T/tty.out"
script -qec "$CAPEX batch $L -o $T/tty -j 2 --force -q" /dev/null >"$T/tty.out" 2>&1
check "no progress with --quiet" sh -c "! grep -q ETA '$T/tty.out'"
"$CAPEX" batch "$L" -o "$T/tty" -j 2 --force >"$T/out" 2>"$T/err"
check "no bar into a pipe" sh -c "! grep -q '\[#' '$T/err'"

# A worker that crashes (SIGSEGV from outside): its job is reported as
# failed with the signal, the batch goes on with a new worker, and the
# index still lists every run.
"$CAPEX" batch "$L" -o "$T/crash" -j 2 -q >"$T/crash.out" 2>"$T/crash.err" &
pid=$!
w=""
n=0
while [ -z "$w" ] && [ $n -lt 200 ]; do
    w=$(pgrep -P "$pid" | head -1)
    n=$((n + 1))
    sleep 0.01
done
sleep 0.1
[ -n "$w" ] && kill -s SEGV "$w"
wait "$pid"
st=$?
# (exit 139 when a job was in hand; under AddressSanitizer, whose handler
# catches SIGSEGV, the worker exits 1 instead)
check "a crashed worker: the batch finishes (exit $st: 0, 139, or 1 under ASan)" \
    sh -c "[ $st -eq 0 ] || [ $st -eq 139 ] || [ $st -eq 1 ]"
check "a crashed worker: the index lists every run" [ "$(rows "$T/crash/index.csv")" -eq 300 ]
if [ $st -eq 139 ]; then
    check "a crashed worker: its job's message names the signal" \
        grep -q "killed by signal 11" "$T/crash/index.csv"
    check "a crashed worker: its message names the output" \
        grep -q "the run writing '$T/crash/lab-[0-9]*.xlsx' was killed by signal 11" "$T/crash.err"
fi

# --- shards ---------------------------------------------------------------------------
for k in 1 2 3; do
    run "--shard $k/3" 0 batch "$M" -o "$T/sharded" --shard $k/3 -q
done
check "a sharded batch writes no index" [ ! -e "$T/sharded/index.csv" ]
run "capex index merges the shards" 0 index "$T/sharded"
check "shards 1/3 + 2/3 + 3/3, merged: the same bytes as one run" same_outputs "$T/full" "$T/sharded"
for k in 4 5; do
    SLURM_ARRAY_TASK_ID=$k SLURM_ARRAY_TASK_MIN=4 SLURM_ARRAY_TASK_COUNT=2 \
        "$CAPEX" batch "$M" -o "$T/slurm" -q >"$T/out" 2>"$T/err"
done
"$CAPEX" index "$T/slurm" -q >/dev/null 2>&1
check "slices from SLURM_ARRAY_TASK_* merge to the same bytes" same_outputs "$T/full" "$T/slurm"
for k in 0 1; do JOB_COMPLETION_INDEX=$k "$CAPEX" batch "$M" -o "$T/k8s" --shards 2 -q; done
"$CAPEX" index "$T/k8s" -q >/dev/null 2>&1
check "slices from JOB_COMPLETION_INDEX merge to the same bytes" same_outputs "$T/full" "$T/k8s"
# A slice missing: capex index says which runs, unless --partial.
for k in 1 3; do "$CAPEX" batch "$M" -o "$T/gap" --shard $k/3 -q; done
run "capex index with a slice missing: 66" 66 index "$T/gap"
check "it names the missing runs" has_err "missing runs 2, 5, 8"
run "capex index --partial writes what there is" 0 index "$T/gap" --partial
check "--partial: two slices' runs" [ "$(rows "$T/gap/index.csv")" -eq $((N - N / 3)) ]
# Records of an earlier batch into the same folder are left out: the index
# is that of the last batch, as in a fresh folder.
mkdir -p "$T/fewer"
cp inputs/*.yaml inputs/*.csv "$T/fewer/"
"$CAPEX" batch "$T/fewer" -o "$T/reused" -q
rm "$T/fewer/memory-market.yaml"
"$CAPEX" batch "$T/fewer" -o "$T/reused" -q
"$CAPEX" batch "$T/fewer" -o "$T/fresh" -q
run "capex index of a reused folder" 0 index "$T/reused"
check "it warns of the earlier batch's record" has_err "left out 1 record of other batches"
check "the reused folder's index equals a fresh folder's" cmp -s "$T/reused/index.csv" "$T/fresh/index.csv"
run "--shard 4/3 is a usage error" 64 batch "$M" -o "$T/x" --shard 4/3
run "--shards without JOB_COMPLETION_INDEX is a usage error" 64 batch "$M" -o "$T/x" --shards 3
fi
run "capex index of a folder without records: 66" 66 index "$T/nothing"

# --- manifest -----------------------------------------------------------------------------
mkdir -p "$T/mf"
cp inputs/ai-lab-burn.yaml "$T/mf/"
cat >"$T/mf/runs.csv" <<'EOF'
model,scenario,output,revenue.openai,costs.openai
ai-lab-burn.yaml,base,lab-base,,
ai-lab-burn.yaml,bear,lab-bear,,
ai-lab-burn.yaml,base,lab-lean,,"{method: growth, rate: 20%}"
ai-lab-burn.yaml,base,lab-typo,,"{rat: 20%}"
EOF
run "manifest with a bad override exits 65" 65 batch --manifest "$T/mf/runs.csv" -o "$T/mfo"
check "the bad override is reported at the manifest cell" has_err "runs.csv:5:5: unknown key 'rat'"
check "the other rows ran" [ -s "$T/mfo/lab-base.xlsx" ] && [ -s "$T/mfo/lab-bear.xlsx" ] && [ -s "$T/mfo/lab-lean.xlsx" ]
# costs 34 in 2026 growing 20% a year against revenue (fade 110% -> 40%):
# 2026 net = 20 - 34 = -14; 2027 = 42 - 40.8 = 1.2 >= 0: break-even 2027,
# burn -14, peak funding need 14.
if $PYTHON - "$T/mfo/index.json" >"$T/err" 2>&1 <<'EOF'
import json, sys
r = {x["name"]: x for x in json.load(open(sys.argv[1]))["index"]}
lean = r["lab-lean"]
assert abs(lean["cumulative_burn"] + 14) < 1e-9 and lean["break_even_year"] == 2027, lean
assert r["lab-bear"]["scenario"] == "bear" and r["lab-base"]["break_even_year"] == 2030
assert r["lab-typo"]["status"] == "failed"
print("ok")
EOF
then ok "manifest overrides computed (costs +20%/yr: burn -14, break-even 2027)"; else bad "manifest overrides computed"; fi

# Output names stay in the output folder.
for name in ../evil /tmp/evil a/b .hidden index; do
    printf 'model,output\nai-lab-burn.yaml,%s\n' "$name" >"$T/mf/evil.csv"
    run "manifest output '$name' is refused" 65 batch --manifest "$T/mf/evil.csv" -o "$T/evil"
    check "manifest output '$name': message at MANIFEST:2:2" has_err "evil.csv:2:2: "
done
check "no refused name wrote anything" [ ! -e "$T/evil.xlsx" ] && [ ! -e /tmp/evil.xlsx ] && [ -z "$(ls "$T/evil" 2>/dev/null | grep -v '^$')" ]
printf 'model,output\nai-lab-burn.yaml,dup\nai-lab-burn.yaml,dup\n' >"$T/mf/dup.csv"
run "two rows with one output name: 64" 64 batch --manifest "$T/mf/dup.csv" -o "$T/dup"
check "both rows are named" has_err "dup.csv:2 and"
printf 'model,scenario,output\n"ai-lab-burn.yaml,base,x\n' >"$T/mf/quote.csv"
run "unterminated quote in a manifest: 65" 65 batch --manifest "$T/mf/quote.csv" -o "$T/q"
check "its position is given" has_err "quote.csv:2:1: unterminated quoted field"
printf 'scenario,output\nbase,x\n' >"$T/mf/nomodel.csv"
run "manifest without a model column: 65" 65 batch --manifest "$T/mf/nomodel.csv" -o "$T/q"
check "it says what is expected" has_err "no 'model' column"

# An existing symbolic link at an output path is replaced, never followed.
mkdir -p "$T/link"
echo precious >"$T/precious"
ln -s "$T/precious" "$T/link/ai-lab-burn.xlsx"
run "batch over a symbolic link" 0 batch inputs/ai-lab-burn.yaml -o "$T/link" -q
check "the link's target is untouched" grep -qx precious "$T/precious"
check "the workbook replaced the link" [ -f "$T/link/ai-lab-burn.xlsx" ] && [ ! -L "$T/link/ai-lab-burn.xlsx" ]

# --- issue 19: unattended nightly runs ------------------------------------------------------
# Each part below failed before issue 19 (the failure it reproduces is in
# its comment).
if [ -z "${QUICK:-}" ]; then
# 1. Two batches into one folder both ran and mixed their records: now the
# second is refused at once (75, naming the holder), or waits (--wait).
"$CAPEX" batch "$L" -o "$T/locked" -j 1 -q --force >/dev/null 2>&1 &
first=$!
n=0
while [ ! -s "$T/locked/.capex/lock" ] && [ $n -lt 500 ]; do sleep 0.01; n=$((n + 1)); done
run "a second batch into a folder in use: 75" 75 batch "$L" -o "$T/locked" -j 1 -q
check "it names the holder's PID and start" has_err "in use by another batch (pid $first, started 20"
run "--wait waits for the first batch, then runs" 0 batch "$L" -o "$T/locked" -j 2 -q --wait
wait $first
check "the first batch ended well" [ $? -eq 0 ]
check "one batch's records: 300 rows, runs 1..300 once each" $PYTHON -c '
import csv, sys
runs = [r["run"] for r in csv.DictReader(open(sys.argv[1]))]
sys.exit(sorted(map(int, runs)) != list(range(1, 301)))' "$T/locked/index.csv"
# A lock left by a batch killed with SIGKILL is taken over.
cat >"$T/kill9.py" <<'EOF'
import os, signal, subprocess, sys, time
p = subprocess.Popen(sys.argv[1:], start_new_session=True, stderr=subprocess.DEVNULL)
time.sleep(0.3)
os.killpg(p.pid, signal.SIGKILL)
p.wait()
EOF
$PYTHON "$T/kill9.py" "$CAPEX" batch "$L" -o "$T/stale" -j 2 -q --force
run "a stale lock (its batch killed) is taken over" 0 batch "$L" -o "$T/stale" -j 2 -q

# 2. An interrupted batch left the previous night's index in place: now
# the old index is gone before the first run, and SIGINT/SIGTERM write the
# index of what finished, then exit 130/143 with a summary.
for sig in INT TERM; do
    "$CAPEX" batch "$L" -o "$T/int$sig" -j 2 -q >/dev/null 2>&1
    "$CAPEX" batch "$L" -o "$T/int$sig" -j 2 --force >"$T/out" 2>"$T/err" &
    pid=$!
    # --force: the records go first, then come back run by run; stop it
    # when a few have.
    n=0
    while [ "$(ls "$T/int$sig/.capex" | grep -c '\.csv$')" -gt 10 ] && [ $n -lt 1000 ]; do sleep 0.01; n=$((n + 1)); done
    while [ "$(ls "$T/int$sig/.capex" | grep -c '\.csv$')" -lt 5 ] && [ $n -lt 2000 ]; do sleep 0.01; n=$((n + 1)); done
    kill -s $sig $pid
    wait $pid
    st=$?
    want=143; [ $sig = INT ] && want=130
    check "SIG$sig mid-batch: exit $want (got $st)" [ "$st" -eq "$want" ]
    check "SIG$sig: a one-line summary" grep -q "^capex: batch: interrupted by SIG$sig: [0-9]* succeeded, 0 failed, 0 skipped, [0-9]* not run (300 runs" "$T/err"
    # The index lists exactly the runs whose record and workbook are there,
    # each once; index.json says the batch is incomplete and why.
    if $PYTHON - "$T/int$sig" $sig >"$T/err" 2>&1 <<'EOF'
import csv, json, os, sys
out, sig = sys.argv[1:3]
rows = list(csv.DictReader(open(os.path.join(out, "index.csv"))))
recs = sorted(f[:-4] for f in os.listdir(os.path.join(out, ".capex")) if f.endswith(".csv") and not f.startswith("."))
assert 0 < len(rows) < 300, len(rows)
assert sorted(r["name"] for r in rows) == recs, (len(rows), len(recs))
for r in rows:
    rec = list(csv.DictReader(open(os.path.join(out, ".capex", r["name"] + ".csv"))))[0]
    assert rec["run"] == r["run"] and rec["status"] == "ok" == r["status"], r
    assert os.path.exists(os.path.join(out, r["workbook"])), r
ix = json.load(open(os.path.join(out, "index.json")))
b = ix["batch"]
assert b["complete"] is False and b["interrupted_by"] == "SIG" + sig, b
assert b["planned"] == 300 and b["not_run"] == 300 - len(rows) == 300 - ix["runs"], b
print("ok")
EOF
    then ok "SIG$sig: the index lists the runs that finished, and says it is incomplete"; else bad "SIG$sig: the index lists the runs that finished"; fi
    check "SIG$sig: no record left set aside (runs that did not run have none)" no_spares "$T/int$sig"
done
fi

# index.json: the batch's identity, version, times and options; per run the
# error in parts, the warnings and the model's 'model:' name.
"$CAPEX" batch inputs/ tests/bad/alias.yaml -o "$T/jx" -q 2>/dev/null
if $PYTHON - "$T/jx/index.json" >"$T/err" 2>&1 <<'EOF'
import json, re, sys
ix = json.load(open(sys.argv[1]))
b = ix["batch"]
assert re.fullmatch(r"[0-9a-f]{16}", b["id"]) and b["version"], b
assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b["started"]) and b["ended"] >= b["started"], b
assert "-o" in b["options"] and b["complete"] is True and b["interrupted_by"] is None, b
r = {x["name"]: x for x in ix["index"]}
assert r["alias"]["error"] == {"file": "tests/bad/alias.yaml", "line": 5, "column": 15,
    "message": "aliases ('*') are not supported (write the value out)", "exit": 65}, r["alias"]["error"]
assert r["ai-lab-burn"]["error"] is None and r["ai-lab-burn"]["model_name"] == "ai-lab-burn"
# bigtech: 3 checks warn (381 stated vs 379 summed, twice; ~4.7x vs 4.61x)
w = r["bigtech-capex"]["warning_messages"]
assert len(w) == 3 == r["bigtech-capex"]["warnings"] and "stated 381" in w[0], w
print("ok")
EOF
then ok "index.json: batch identity, times, options; errors in parts; warnings"; else bad "index.json: batch identity, times, options; errors in parts; warnings"; fi

# 3. An empty (or unmounted) folder exited 0 and replaced the index with a
# header: now 66, and the folder's index is left as it was.
mkdir -p "$T/empty"
"$CAPEX" batch inputs/ -o "$T/night" -q
run "a batch of an empty folder: 66" 66 batch "$T/empty" -o "$T/night"
check "it says no models were found" has_err "no models found in '$T/empty'"
check "the last index is untouched" [ "$(rows "$T/night/index.csv")" -eq "$NIN" ]
run "--allow-empty: 0" 0 batch "$T/empty" -o "$T/emptyok" --allow-empty
run "--min-runs more than there are: 66" 66 batch inputs/ -o "$T/night" --min-runs $((NIN + 1))
check "--min-runs says how many" has_err "$NIN runs found in 'inputs/', fewer than --min-runs $((NIN + 1))"
run "--min-runs met: 0" 0 batch inputs/ -o "$T/night" --min-runs "$NIN" -q

# 4. Resume skipped runs whose inputs changed: an imported CSV, an edit
# whose modification time was restored, a workbook overwritten with junk.
R="$T/resume"
mkdir -p "$R"
cp inputs/*.yaml inputs/*.csv "$R/"
"$CAPEX" batch "$R" -o "$T/ro" -q
sed -i 's/~32,~56,88/~32,~56,89/' "$R/bigtech-capex.csv"
run "after an imported CSV changed" 0 batch "$R" -o "$T/ro"
check "the model importing it reruns" grep -qF "1 succeeded, 0 failed, $((NIN - 1)) skipped" "$T/out"
cp -p "$R/ai-lab-burn.yaml" "$T/lab.orig"
sed -i 's/^title: OpenAI/title: OpenAI (edited)/' "$R/ai-lab-burn.yaml"
touch -r "$T/lab.orig" "$R/ai-lab-burn.yaml"
run "after an edit with its mtime restored (touch -r)" 0 batch "$R" -o "$T/ro"
check "the edited model reruns" grep -qF "1 succeeded, 0 failed, $((NIN - 1)) skipped" "$T/out"
cp -p "$T/lab.orig" "$R/ai-lab-burn.yaml"
run "after cp -p of the old file back" 0 batch "$R" -o "$T/ro"
check "cp -p: it reruns again" grep -qF "1 succeeded, 0 failed, $((NIN - 1)) skipped" "$T/out"
echo junk >"$T/ro/memory-market.xlsx"
run "after a workbook was overwritten with junk" 0 batch "$R" -o "$T/ro"
check "the junk workbook is redone" grep -qF "1 succeeded, 0 failed, $((NIN - 1)) skipped" "$T/out"
check "it is a zip again" $PYTHON -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).testzip()' "$T/ro/memory-market.xlsx"
# 9. The path was part of the key: ./x and the absolute path reran all.
ABS=$(cd "$(dirname "$CAPEX")" && pwd)/$(basename "$CAPEX")
(cd "$T" && "$ABS" batch ./resume/ -o ro >"$T/out" 2>"$T/err")
check "./resume/ is the same batch as $T/resume" grep -qF "0 succeeded, 0 failed, $NIN skipped" "$T/out"
(cd "$T" && "$ABS" batch resume -o "$T/ro/" >"$T/out" 2>"$T/err")
check "resume and -o with a trailing slash too" grep -qF "0 succeeded, 0 failed, $NIN skipped" "$T/out"

# 5. A model that now fails left yesterday's workbook beside its failed
# row: now the workbook goes (or stays with --keep-failed, marked).
cp inputs/ai-lab-burn.yaml "$R/soon-bad.yaml"
"$CAPEX" batch "$R" -o "$T/ro" -q
printf 'years: [oops\n' >>"$R/soon-bad.yaml"
run "a model that now fails: 65" 65 batch "$R" -o "$T/ro" -q
check "its old workbook is removed" [ ! -e "$T/ro/soon-bad.xlsx" ]
check "its row has no workbook" $PYTHON -c '
import csv, sys
r = {x["name"]: x for x in csv.DictReader(open(sys.argv[1]))}["soon-bad"]
sys.exit(not (r["status"] == "failed" and r["workbook"] == ""))' "$T/ro/index.csv"
cp inputs/ai-lab-burn.yaml "$R/soon-bad.yaml"
"$CAPEX" batch "$R" -o "$T/ro" -q
printf 'years: [oops\n' >>"$R/soon-bad.yaml"
run "--keep-failed: 65" 65 batch "$R" -o "$T/ro" -q --keep-failed
check "--keep-failed keeps the old workbook" [ -s "$T/ro/soon-bad.xlsx" ]
check "--keep-failed: the index marks it" $PYTHON -c '
import json, sys
r = {x["name"]: x for x in json.load(open(sys.argv[1]))["index"]}["soon-bad"]
sys.exit(not (r["status"] == "failed" and r["kept_workbook"] is True and r["workbook"] == "soon-bad.xlsx"))' "$T/ro/index.json"
# --only-failed reruns the failures of the last batch, nothing else.
cp inputs/ai-lab-burn.yaml "$R/soon-bad.yaml"
printf '\n# edited\n' >>"$R/memory-market.yaml"
run "--only-failed" 0 batch "$R" -o "$T/ro" --only-failed
check "--only-failed reran the failed run only" grep -qF "1 succeeded, 0 failed, $NIN skipped" "$T/out"
# Renamed or deleted models left their workbooks: --prune removes them.
# A failed run of a model since deleted leaves a record and no workbook; a
# batch killed with -9 leaves a record set aside (.NAME.csv.redo): both go.
rm "$R/soon-bad.yaml"
printf 'x\n' >"$T/ro/.capex/gone.csv"; printf 'x\n' >"$T/ro/.capex/gone.log"
printf 'x\n' >"$T/ro/.capex/.gone.csv.redo"; printf 'x\n' >"$T/ro/.capex/.ai-lab-burn.csv.redo"
run "--prune" 0 batch "$R" -o "$T/ro" --prune
check "--prune removed records of runs no longer planned" \
    [ ! -e "$T/ro/.capex/gone.csv" ] && [ ! -e "$T/ro/.capex/gone.log" ] && [ ! -e "$T/ro/.capex/.gone.csv.redo" ]
check "--prune kept the batch's own files" [ -e "$T/ro/.capex/lock" ] && [ -s "$T/ro/.capex/ai-lab-burn.csv" ]
check "--prune removed the workbook no run makes" [ ! -e "$T/ro/soon-bad.xlsx" ] && [ ! -e "$T/ro/.capex/soon-bad.csv" ]
check "--prune says so" has_err "pruned 1 workbook"
check "--prune kept the others" [ -s "$T/ro/ai-lab-burn.xlsx" ] && [ -s "$T/ro/index.xlsx" ]

# 6. A dangling symbolic link among the models was skipped silently: now
# it is a failed run, named.
D="$T/dangling"
mkdir -p "$D"
cp inputs/ai-lab-burn.yaml "$D/"
ln -s "$T/no-such-model.yaml" "$D/gone.yaml"
run "a dangling link among the models: 66" 66 batch "$D" -o "$T/do"
check "it is named" has_err "cannot open '$D/gone.yaml': No such file or directory"
check "it is a failed row of the index" grep -q '"gone",.*"failed","66"' "$T/do/index.csv"
check "the good model ran" [ -s "$T/do/ai-lab-burn.xlsx" ]

# 7. A full disk exited 66, printed libxlsxwriter's lines and recorded the
# packager's: now 74, "No space left on device" in the message, the record
# and the run's log, no library line on the terminal. (The zip is built in
# memory and written by capex, so the library no longer meets the full disk
# at all.) (A 2 MB tmpfs: root.)
if [ -z "${QUICK:-}" ] && [ "$(id -u)" = 0 ] && mkdir -p "$T/full" && mount -t tmpfs -o size=2m tmpfs "$T/full" 2>/dev/null; then
    "$CAPEX" batch "$L" -o "$T/full/out" -j 1 -q >"$T/out" 2>"$T/err"
    st=$?
    check "a full disk: exit 74 (got $st)" [ "$st" -eq 74 ]
    check "a full disk: No space left on device" has_err "No space left on device"
    check "a full disk: no library line on the terminal" sh -c "! grep -q '^\[' '$T/err'"
    check "a full disk: no misleading 'cannot open'" sh -c "! grep -q 'cannot open' '$T/err'"
    check "a full disk: the failed run's record says why" sh -c "grep -l 'No space left on device' '$T/full/out/.capex/'*.csv | grep -q ."
    check "a full disk: the run's log says why" sh -c "grep -l 'No space left on device' '$T/full/out/.capex/'*.log | grep -q ."
    check "a full disk: no temporary file left" sh -c "! find '$T/full/out' -name '.*.??????' | grep -q ."
    umount "$T/full"
else
    [ -n "${QUICK:-}" ] || echo "skip a full disk (needs root for mount -t tmpfs)"
fi

# 8. Korean names, spaces, and company/scenario.yaml folders stopped the
# batch with exit 64: now they are names.
K="$T/names"
mkdir -p "$K/acme" "$K/beta"
cp inputs/ai-lab-burn.yaml "$K/삼성전자-기본.yaml"
cp inputs/ai-lab-burn.yaml "$K/with space.yaml"
run "Korean and spaced names" 0 batch "$K" -o "$T/ko" -q
check "삼성전자-기본.xlsx and 'with space.xlsx'" [ -s "$T/ko/삼성전자-기본.xlsx" ] && [ -s "$T/ko/with space.xlsx" ]
check "index.xlsx links to them" $PYTHON -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Index"]
links = sorted(c.hyperlink.target for c in ws["P"][4:] if c.hyperlink)
sys.exit(links != ["with%20space.xlsx", "삼성전자-기본.xlsx"])' "$T/ko/index.xlsx"
cp inputs/ai-lab-burn.yaml "$K/acme/base.yaml"
cp inputs/ai-lab-burn.yaml "$K/acme/bear.yaml"
cp inputs/ai-lab-burn.yaml "$K/beta/base.yaml"
run "--recursive" 0 batch --recursive "$K" -o "$T/rec" -q
check "--recursive: company/scenario.yaml is company-scenario" [ -s "$T/rec/acme-base.xlsx" ] && [ -s "$T/rec/acme-bear.xlsx" ] && [ -s "$T/rec/beta-base.xlsx" ]
cp inputs/ai-lab-burn.yaml "$K/acme-base.yaml"
run "--recursive: two files for one name: 64" 64 batch -r "$K" -o "$T/rec2"
check "the clash lists both files" has_err "two runs write 'acme-base.xlsx': $K/acme-base.yaml and $K/acme/base.yaml"
check "nothing ran" [ ! -e "$T/rec2/acme-base.xlsx" ]

# 10. Manifest runs lost their row; -s NAME missing from a model was a
# usage error for the whole batch.
printf 'model,scenario,output\nai-lab-burn.yaml,nosuchscen,x1\nai-lab-burn.yaml,base,x2\n' >"$T/mf/scen.csv"
run "a manifest row with an unknown scenario: 65" 65 batch --manifest "$T/mf/scen.csv" -o "$T/mfs"
check "its message carries MANIFEST:LINE" has_err "scen.csv:2: $T/mf/ai-lab-burn.yaml: no scenario 'nosuchscen'"
check "the index has it too" grep -qF "scen.csv:2: " "$T/mfs/index.csv"
run "-s bear on models of which one lacks it: 65" 65 batch inputs/ai-lab-burn.yaml inputs/ai-labs-valuation.yaml -s bear -o "$T/sbear"
check "the model without 'bear' is the failed run" has_err "inputs/ai-labs-valuation.yaml: no scenario 'bear'"
check "the other ran" [ -s "$T/sbear/ai-lab-burn-bear.xlsx" ]
# A -s all row holds the base scenario's figures (docs/batch.md): for
# ai-lab-burn burn -115.07 and break-even 2030, as worked out above.
run "-s all" 0 batch inputs/ai-lab-burn.yaml -s all -o "$T/sall" -q
check "a -s all row: scenario all, base's figures" $PYTHON -c '
import json, sys
r = json.load(open(sys.argv[1]))["index"][0]
sys.exit(not (r["scenario"] == "all" and abs(r["cumulative_burn"] + 115.07) < 0.01 and r["break_even_year"] == 2030))' "$T/sall/index.json"
# Each run's stderr is kept in its log.
check "a run's log: .capex/NAME.log" grep -q "warning: " "$T/jx/.capex/bigtech-capex.log"

# --- usage ------------------------------------------------------------------------------
run "batch without models: 64" 64 batch -o "$T/x"
run "batch of a missing model: 66" 66 batch "$T/nope.yaml" -o "$T/x"
run "manifest and models together: 64" 64 batch inputs/ --manifest "$T/mf/runs.csv"
run "two models with one name: 64" 64 batch inputs/ai-lab-burn.yaml "$M/../models/../../$(basename "$T")/models/ai-lab-burn-01.yaml" inputs/ai-lab-burn.yaml -o "$T/x"
check "the clash names both files" has_err "two runs write 'ai-lab-burn.xlsx'"
run "an output folder whose parents are missing is made" 0 batch inputs/ -o "$T/no/such/dir" -q
check "its workbooks are there" [ -s "$T/no/such/dir/ai-lab-burn.xlsx" ]
: >"$T/plainfile"
run "an output folder under a file: 73" 73 batch inputs/ -o "$T/plainfile/dir"
run "batch -f json prints the index" 0 batch inputs/ -o "$T/mixed" -f json -q
check "the JSON index on stdout parses" $PYTHON -c 'import json,sys; assert json.load(open(sys.argv[1]))["runs"] >= 4' "$T/out"
run "batch --help" 0 batch --help
check "batch --help shows an example" grep -q "capex batch inputs/" "$T/out"

finish batch
