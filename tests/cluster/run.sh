#!/bin/sh
# run.sh - `capex batch` past one machine: a sharded batch on a real
# single-node Slurm cluster (array job) and with GNU parallel, each merged
# with `capex index`, must give the bytes of a one-machine batch.
#
# Run as root (make test-cluster; from any folder). Installs with apt
# what is missing (slurmctld, slurmd, slurm-client, munge, parallel), then
# starts munged, slurmctld and slurmd with a throwaway configuration, key,
# state and logs in a temporary folder, on free ports, so it touches no
# system-wide Slurm or munge. Stops exactly the daemons it started at exit.
#
#   CAPEX           the binary under test (default ./capex)
#   SLURM_REQUIRED  1: a Slurm that cannot start is a failure, not a skip
#   KEEP            1: keep the temporary folder (its path is printed)
set -u
CAPEX=${CAPEX:-./capex}
case $CAPEX in */*) CAPEX=$(cd "$(dirname "$CAPEX")" && pwd)/$(basename "$CAPEX") ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
HERE=$ROOT/tests/cluster
# Short: munged's and slurmd's sockets live here (108-byte socket paths).
T=$(mktemp -d /tmp/capex-cluster.XXXXXX)
started=""      # pids of the daemons this script started, newest first
jobid=""
pass=0
fail=0
skip=0
t0=$(date +%s)

ok()   { pass=$((pass + 1)); echo "ok   $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL $1"; }
skipped() { skip=$((skip + 1)); echo "SKIP $1"; }
# show FILE: the last lines of a log, indented.
show() { [ -f "$1" ] && tail -n "${2:-15}" "$1" | sed 's/^/     | /'; }

# --- clean-up: our job, our daemons (by pid), our folder ---------------------
cleanup() {
    [ -z "$jobid" ] && [ -f "$T/sbatch.out" ] && jobid=$(sed -n 's/^Submitted batch job \([0-9]*\).*/\1/p' "$T/sbatch.out")
    if [ -n "$jobid" ]; then scancel "$jobid" >/dev/null 2>&1; fi
    for p in $started; do kill -TERM "$p" 2>/dev/null; done
    for p in $started; do
        i=0
        while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill -KILL "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- what the test needs -----------------------------------------------------
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
install_missing() {
    missing=""
    for pair in slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client munged:munge parallel:parallel; do
        have "${pair%%:*}" || missing="$missing ${pair#*:}"
    done
    [ -z "$missing" ] && return 0
    echo "cluster: installing$missing"
    if [ "$(id -u)" != 0 ]; then echo "cluster: not root: apt-get install$missing" >"$T/apt.log"; return 1; fi
    # No service may start on install (a systemd host would start the
    # packaged daemons: harmless, ours use their own ports and socket).
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$T/apt.log" 2>&1 || return 1
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
        >>"$T/apt.log" 2>&1
}
PATH=$PATH:/usr/sbin:/sbin
export PATH

if "$CAPEX" batch --help >"$T/help" 2>&1 && "$CAPEX" index --help >>"$T/help" 2>&1; then
    ok "capex batch and capex index exist"
else
    bad "capex batch and capex index exist"; show "$T/help" 5
    echo "cluster: $pass passed, $fail failed, $skip skipped"
    exit 1
fi
ti=$(date +%s)
if install_missing; then
    ok "slurmctld, slurmd, slurm-client, munge, parallel installed ($(($(date +%s) - ti)) s)"
else
    bad "install slurmctld, slurmd, slurm-client, munge, parallel"; show "$T/apt.log"
fi

# --- the models: the bundled ones, and 28 renamed copies ---------------------
# 4 + 28 = 32 runs: slices of 11, 11 and 10.
mkdir -p "$T/models"
cp inputs/*.csv "$T/models/" 2>/dev/null
for i in 01 02 03 04 05 06 07; do
    for m in inputs/*.yaml; do
        name=g$i-$(basename "$m" .yaml)
        sed "s/^model: .*/model: $name/" "$m" >"$T/models/$name.yaml"
    done
done
set -- "$ROOT/inputs" "$T/models"
runs=$(find "$ROOT/inputs" "$T/models" -maxdepth 1 -name '*.yaml' | wc -l)
# slice_size K: the positions p in 1..runs with (p - 1) mod 3 = K - 1.
slice_size() { echo $(((runs - $1) / 3 + 1)); }

# --- the reference: one machine -----------------------------------------------
if "$CAPEX" batch -o "$T/one" "$@" >"$T/one.log" 2>&1; then
    ok "one-machine batch of $runs models"
else
    bad "one-machine batch of $runs models (exit $?)"; show "$T/one.log"
fi
n=$(find "$T/one" -maxdepth 1 -name '*.xlsx' ! -name index.xlsx 2>/dev/null | wc -l)
[ "$n" -eq "$runs" ] && ok "one-machine batch: $runs workbooks" || bad "one-machine batch: $n workbooks, expected $runs"

# same_index A B: A's index files are B's: index.csv and index.xlsx byte for
# byte, index.json but for the times and options in its "batch" object (each
# invocation's own); the same batch identity, complete in both.
same_index() {
    for f in index.csv index.xlsx; do
        if cmp -s "$1/$f" "$2/$f"; then echo "$f"; else echo "DIFFERS $f"; fi
    done
    ${PYTHON:-/usr/bin/python3} -c '
import json, sys
a, b = (json.load(open(f + "/index.json")) for f in sys.argv[1:3])
ba, bb = a.pop("batch"), b.pop("batch")
same = a == b and ba["id"] == bb["id"] and ba["complete"] and bb["complete"]
print("index.json (but for its times and options)" if same else "DIFFERS index.json")' "$1" "$2"
}

# same_as_one WHAT DIR: DIR's index files and workbooks are those of $T/one.
same_as_one() {
    same_index "$T/one" "$2" >"$T/same.txt" 2>&1
    while read -r line; do
        case $line in
        DIFFERS*) bad "$1: ${line#DIFFERS } differs from the one-machine run" ;;
        *) ok "$1: $line identical to the one-machine run" ;;
        esac
    done <"$T/same.txt"
    (cd "$T/one" && ls -- *.xlsx) >"$T/one.list"
    (cd "$2" && ls -- *.xlsx) >"$T/other.list"
    if cmp -s "$T/one.list" "$T/other.list"; then ok "$1: the same $(wc -l <"$T/one.list") .xlsx files"
    else bad "$1: not the same workbooks"; diff "$T/one.list" "$T/other.list" | head -6 | sed 's/^/     | /'; fi
    differ=""
    while read -r f; do cmp -s "$T/one/$f" "$2/$f" || differ="$differ $f"; done <"$T/one.list"
    [ -z "$differ" ] && ok "$1: every workbook byte-identical" || bad "$1: workbooks differ:$differ"
}

# no_index WHAT DIR: a sharded batch wrote no index.
no_index() {
    if ls "$2"/index.csv "$2"/index.json "$2"/index.xlsx >/dev/null 2>&1; then
        bad "$1: the shards wrote index files"
    else ok "$1: the shards wrote no index"; fi
}

# --- a single-node Slurm cluster -----------------------------------------------
# slurm_down REASON FILE...: say why Slurm did not start, with the logs.
slurm_down() {
    echo "cluster: Slurm could not be started: $1"
    shift
    for f in "$@"; do [ -s "$f" ] && { echo "     $f:"; show "$f"; }; done
    if [ "${SLURM_REQUIRED:-0}" = 1 ]; then bad "Slurm cluster starts"; else skipped "Slurm array job (see above why)"; fi
    return 1
}

# port_free PORT: no TCP socket (IPv4 or IPv6, any state) uses PORT here.
port_free() {
    ! awk 'NR > 1 { sub(/.*:/, "", $2); print $2 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null |
        grep -qx "$(printf %04X "$1")"
}

# wait_for SECONDS PID CMD...: CMD succeeds within SECONDS while PID lives.
wait_for() {
    _end=$(($(date +%s) + $1)) _pid=$2
    shift 2
    while ! "$@" >/dev/null 2>&1; do
        kill -0 "$_pid" 2>/dev/null || return 2
        [ "$(date +%s)" -ge "$_end" ] && return 1
        sleep 0.2
    done
}
node_idle() { [ "$(sinfo -h -n "$node" -o %t 2>/dev/null)" = idle ]; }

start_slurm() {
    for c in munged mungekey slurmctld slurmd sinfo sbatch; do
        have "$c" || { slurm_down "'$c' is not installed" "$T/apt.log"; return 1; }
    done
    S=$T/slurm
    mkdir -p "$S/munge" "$S/state" "$S/spool" "$S/log"
    # munged refuses a socket in a folder others cannot search: mktemp's 700.
    chmod 755 "$T" "$S" "$S/munge"
    # munge: our own key and socket; as root, which munged accepts.
    mungekey --create --keyfile="$S/munge/key" >"$S/log/mungekey.out" 2>&1 ||
        { slurm_down "mungekey failed" "$S/log/mungekey.out"; return 1; }
    munged -F --socket="$S/munge/sock" --key-file="$S/munge/key" --pid-file="$S/munge/pid" \
        --seed-file="$S/munge/seed" --log-file="$S/log/munged.log" >"$S/log/munged.out" 2>&1 &
    started="$! $started"
    mpid=$!
    if ! wait_for 10 "$mpid" sh -c "munge -S '$S/munge/sock' -n | unmunge -S '$S/munge/sock'"; then
        slurm_down "munged did not answer (munge -n | unmunge)" "$S/log/munged.out" "$S/log/munged.log"
        return 1
    fi
    # Two free TCP ports for slurmctld and slurmd.
    port=$((20000 + $$ % 20000))
    while ! port_free "$port" || ! port_free $((port + 1)); do port=$((port + 2)); done
    # The node exactly as slurmd sees it (slurmd -C), less its memory: a node
    # configured with more than slurmd then finds would be drained.
    node_line=$(slurmd -C 2>"$S/log/slurmd-C.err" | grep '^NodeName=' | sed 's/ RealMemory=[0-9]*//')
    node=$(echo "$node_line" | sed 's/^NodeName=\([^ ]*\).*/\1/')
    [ -n "$node" ] || { slurm_down "slurmd -C printed no NodeName" "$S/log/slurmd-C.err"; return 1; }
    mkdir -p "$S/spool/$node"
    # No cgroups (proctrack/linuxproc, task/none) and no accounting; every
    # path in $S; the node and controller on 127.0.0.1 (no DNS needed).
    cat >"$S/slurm.conf" <<EOF
ClusterName=capextest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$S/munge/sock
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool/%n
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/log/slurmctld.log
SlurmdLogFile=$S/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
    SLURM_CONF=$S/slurm.conf
    export SLURM_CONF
    slurmctld -D -i >"$S/log/slurmctld.out" 2>&1 &
    started="$! $started"
    if ! wait_for 20 "$!" scontrol ping; then
        slurm_down "slurmctld did not come up (scontrol ping)" "$S/log/slurmctld.out" "$S/log/slurmctld.log"
        return 1
    fi
    slurmd -D -N "$node" >"$S/log/slurmd.out" 2>&1 &
    started="$! $started"
    wait_for 30 "$!" node_idle
    case $? in
    0) ok "Slurm node $node idle ($S/slurm.conf, ports $port-$((port + 1)))" ;;
    2) slurm_down "slurmd exited" "$S/log/slurmd.out" "$S/log/slurmd.log"; return 1 ;;
    *) sinfo -N -l >"$S/log/sinfo.out" 2>&1; scontrol show node "$node" >>"$S/log/sinfo.out" 2>&1
       slurm_down "node $node not idle after 30 s" "$S/log/sinfo.out" "$S/log/slurmd.log" "$S/log/slurmctld.log"
       return 1 ;;
    esac
}

slurm_test() {
    # Three tasks, one CPU each (the node may have only two: the third waits).
    # sbatch --wait exits with the highest exit status of the tasks.
    ts=$(date +%s)
    CAPEX=$CAPEX CAPEX_OUT=$T/sharded timeout 240 sbatch --array=1-3 --cpus-per-task=1 --wait \
        --output="$T/task-%a.log" --chdir="$ROOT" "$HERE/array.sbatch" "$@" >"$T/sbatch.out" 2>&1
    rc=$?
    jobid=$(sed -n 's/^Submitted batch job \([0-9]*\).*/\1/p' "$T/sbatch.out")
    if [ $rc -eq 0 ]; then ok "sbatch --array=1-3 --wait: job $jobid done ($(($(date +%s) - ts)) s)"
    else
        bad "sbatch --array=1-3 --wait (exit $rc${jobid:+, job $jobid})"; show "$T/sbatch.out" 5
        for k in 1 2 3; do show "$T/task-$k.log" 5; done
        [ $rc -eq 124 ] && { scontrol show job "$jobid" 2>&1 | head -20; show "$S/log/slurmctld.log"; }
    fi
    # The script's #SBATCH lines were read (the command line's --cpus-per-task
    # overrides its 4); a finished job stays in scontrol for MinJobAge, 300 s.
    scontrol show job "$jobid" >"$T/job.txt" 2>&1
    if grep -q 'JobName=capex-batch' "$T/job.txt" && grep -q 'TimeLimit=01:00:00' "$T/job.txt" &&
        grep -q 'NumCPUs=1 ' "$T/job.txt"; then ok "array.sbatch: #SBATCH lines read (name, time limit)"
    else bad "array.sbatch: #SBATCH lines read (name, time limit)"; show "$T/job.txt" 12; fi
    # Each task took its own slice from SLURM_ARRAY_TASK_* (no --shard).
    for k in 1 2 3; do
        want="capex: batch: $(slice_size $k) succeeded, 0 failed, 0 skipped"
        if grep -qF "$want" "$T/task-$k.log" 2>/dev/null; then ok "array task $k: $want"
        else bad "array task $k: log lacks '$want'"; show "$T/task-$k.log" 5; fi
    done
    no_index "Slurm" "$T/sharded"
    if "$CAPEX" index "$T/sharded" >"$T/index.log" 2>&1; then ok "capex index of the array's output"
    else bad "capex index of the array's output (exit $?)"; show "$T/index.log" 5; fi
    same_as_one "Slurm" "$T/sharded"
}

if start_slurm; then slurm_test "$@"; fi

# --- GNU parallel ------------------------------------------------------------
# Three slices at once on this machine (--sshlogin :).
tp=$(date +%s)
if CAPEX=$CAPEX CAPEX_JOBS=3 sh "$HERE/parallel.sh" "$T/par" "$@" >"$T/par.log" 2>&1; then
    ok "GNU parallel: 3 slices and capex index ($(($(date +%s) - tp)) s)"
else
    bad "GNU parallel: 3 slices and capex index (exit $?)"; show "$T/par.log"
fi
for k in 1 2 3; do
    want="capex: batch: $(slice_size $k) succeeded, 0 failed, 0 skipped"
    grep -q "^$k	$want" "$T/par.log" && ok "parallel slice $k/3: $want" || bad "parallel slice $k/3: log lacks '$want'"
done
same_as_one "GNU parallel" "$T/par"
# Again: every run is up to date, and the index comes out the same.
cp "$T/par/index.xlsx" "$T/par-index.xlsx"
if CAPEX=$CAPEX CAPEX_JOBS=3 sh "$HERE/parallel.sh" "$T/par" "$@" >"$T/par2.log" 2>&1; then
    ok "GNU parallel again"
else
    bad "GNU parallel again (exit $?)"; show "$T/par2.log"
fi
for k in 1 2 3; do
    want="capex: batch: 0 succeeded, 0 failed, $(slice_size $k) skipped"
    grep -q "^$k	$want" "$T/par2.log" && ok "parallel again, slice $k/3: $want" \
        || bad "parallel again, slice $k/3: log lacks '$want'"
done
cmp -s "$T/par/index.xlsx" "$T/par-index.xlsx" && ok "GNU parallel again: the same index.xlsx" \
    || bad "GNU parallel again: index.xlsx differs"

# A failed run is merged too: one invalid model, the last run (33, in slice 3).
bad_model=$ROOT/tests/bad/bad_figure.yaml
"$CAPEX" batch -q -o "$T/one-bad" "$@" "$bad_model" 2>"$T/one-bad.log"
rc=$?
[ $rc -eq 65 ] && ok "one-machine batch with an invalid model: exit 65" \
    || bad "one-machine batch with an invalid model: exit $rc, expected 65"
CAPEX=$CAPEX CAPEX_JOBS=3 sh "$HERE/parallel.sh" "$T/par-bad" "$@" "$bad_model" >"$T/par-bad.log" 2>&1
rc=$?
[ $rc -eq 1 ] && ok "GNU parallel with an invalid model: one slice failed" \
    || { bad "GNU parallel with an invalid model: exit $rc, expected 1 (one slice failed)"; show "$T/par-bad.log"; }
same_index "$T/one-bad" "$T/par-bad" >"$T/same.txt" 2>&1
while read -r line; do
    case $line in
    DIFFERS*) bad "GNU parallel with an invalid model: ${line#DIFFERS } differs" ;;
    *) ok "GNU parallel with an invalid model: $line identical" ;;
    esac
done <"$T/same.txt"
n=$(grep -c "^\"$((runs + 1))\",\"bad_figure\",.*,\"failed\",\"65\",.*\"[^\"]*bad_figure.yaml:[0-9]*:[0-9]*: " "$T/par-bad/index.csv")
[ "$n" -eq 1 ] && ok "the merged index lists the failed run with its message" \
    || bad "the merged index lists the failed run with its message"

echo "cluster: $(($(date +%s) - t0)) s"
echo "cluster: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
