#!/bin/sh
# parallel.sh - one `capex batch` spread over machines with GNU parallel,
# then one index.
#
#   sh parallel.sh OUTDIR MODEL_OR_FOLDER...
#
# Slice k of N (k = 1..N) runs `capex batch MODELS -o OUTDIR --shard k/N`:
# every slice lists the same runs and keeps its own, and a sharded batch
# writes no index, so `capex index OUTDIR` merges the slices' records when
# all have finished (the same bytes a one-machine run writes).
#
# Environment:
#   CAPEX        the capex command (default: capex on PATH)
#   CAPEX_SHARDS N, the number of slices (default 3)
#   CAPEX_HOSTS  GNU parallel's --sshlogin list (default ':', this machine, no ssh)
#   CAPEX_JOBS   slices running at once on each host (default 1: one slice
#                fills its host, capex batch runs a worker per CPU)
#
# Over several machines, e.g. CAPEX_HOSTS=node1,node2,alice@node3,: : GNU
# parallel logs in to each with ssh (keys, no password prompt), hands each
# host its next slice, and runs it in the folder it was started from
# (--workdir .; under your home folder that is the same path relative to the
# remote home). So the models and OUTDIR must be on a filesystem all hosts
# share, at the same paths, and capex and GNU parallel installed on each.
# `-S 8/node1` tells parallel node1 has 8 CPUs instead of asking it.
set -u
if [ $# -lt 2 ]; then
    echo "usage: parallel.sh OUTDIR MODEL_OR_FOLDER..." >&2
    exit 64
fi
out=$1
shift
CAPEX=${CAPEX:-capex}
n=${CAPEX_SHARDS:-3}
# -q quotes the command for the shell (paths with spaces survive ssh);
# {} is the slice number; --tag prefixes each line with it.
seq 1 "$n" | parallel --will-cite -q --sshlogin "${CAPEX_HOSTS:-:}" --jobs "${CAPEX_JOBS:-1}" \
    --workdir . --tag "$CAPEX" batch -o "$out" --shard "{}/$n" "$@"
status=$?    # the number of slices that failed
"$CAPEX" index "$out" || exit $?
exit $status
