#!/usr/bin/python3
"""mutate.py - mutation testing of the engine: how many small bugs the tests catch.

usage: tools/mutate.py [-j N] [--e2e] [MUTANTS.txt...]   (default tests/mutants/*.txt)

Each mutant (FILE: FROM => TO, one a line; docs/testing.md) is applied alone
to a scratch copy of the tree under /tmp (the working tree is never
touched): the engine and the unit tests are rebuilt there (only what the
change makes stale), and every unit test binary is run (60 s each at most).
A mutant is killed when a test fails or times out; else, with --e2e, the
capex binary is built and the expected outputs (tests/e2e/expect.py) get a
chance to kill it. A mutant that does not compile is not counted; one whose
FROM does not occur exactly once is stale (the code moved on: rewrite it).

N copies work at once (default 2: the build runs at -j1 in each), niced.
Exit status 0 when at least 95% of the counted mutants are killed.
"""
import glob
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

TARGET = 0.95


def parse(paths):
    mutants = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                file, _, rest = line.partition(": ")
                old, sep, new = rest.partition(" => ")
                if not sep or not file or not old:
                    sys.exit("%s:%d: expected 'FILE: FROM => TO'" % (path, n))
                mutants.append({"where": "%s:%d" % (path, n), "file": file,
                                "old": old, "new": new})
    return mutants


def sh(args, cwd, timeout=None):
    try:
        p = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", ""


def copy_tree(src, dst):
    files = subprocess.run(["git", "ls-files", "-z"], cwd=src, check=True,
                           stdout=subprocess.PIPE).stdout.decode().split("\0")
    for f in filter(None, files):
        if os.path.isfile(os.path.join(src, f)):
            os.makedirs(os.path.join(dst, os.path.dirname(f)), exist_ok=True)
            shutil.copy2(os.path.join(src, f), os.path.join(dst, f))


def unit_targets(tree):
    return ["build/tests/" + os.path.basename(t)[:-2]
            for t in sorted(glob.glob(os.path.join(tree, "tests/unit/test_*.c")))]


def build(tree, targets):
    return sh(["nice", "-n", "5", "make", "-s", "--no-print-directory"] + targets, tree)


def run_tests(tree, targets, e2e):
    """The name of the first test that fails, or None when all pass."""
    for t in targets:
        rc, _ = sh([os.path.join(tree, t)], tree, timeout=60)
        if rc != 0:
            return os.path.basename(t) + (" (timeout)" if rc == "timeout" else "")
    if not e2e:
        return None
    rc, out = build(tree, ["capex"])
    if rc != 0:
        return "capex does not build"
    cases = sorted(glob.glob(os.path.join(tree, "tests/inputs/*.expect.json")) +
                   glob.glob(os.path.join(tree, "tests/cases/*.expect.json")))
    rc, _ = sh([sys.executable, "tests/e2e/expect.py", "./capex"] +
               [os.path.relpath(c, tree) for c in cases], tree, timeout=300)
    return "expect.py" if rc != 0 else None


def try_mutant(tree, m, targets, e2e):
    path = os.path.join(tree, m["file"])
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.count(m["old"]) != 1:
        return "stale", "FROM occurs %d times" % text.count(m["old"])
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(m["old"], m["new"]))
        rc, out = build(tree, targets)
        if rc != 0:
            return "stillborn", out.strip().splitlines()[-1] if out.strip() else ""
        by = run_tests(tree, targets, e2e)
        return ("killed", by) if by else ("survived", "")
    finally:
        with open(path, "w", encoding="utf-8") as f:     # a new mtime: rebuilt next time
            f.write(text)
        time.sleep(0.01)


def worker(tree, jobs, results, e2e):
    targets = unit_targets(tree)
    while True:
        try:
            i, m = jobs.get_nowait()
        except queue.Empty:
            return
        results[i] = try_mutant(tree, m, targets, e2e)
        print("%-9s %s %s: %s => %s %s" % (results[i][0], m["where"], m["file"], m["old"].strip(),
                                           m["new"].strip(), results[i][1]), flush=True)


def main(argv):
    args, nslots, e2e = [], 2, False
    it = iter(argv[1:])
    for a in it:
        if a == "-j":
            nslots = int(next(it))
        elif a == "--e2e":
            e2e = True
        else:
            args.append(a)
    mutants = parse(args or sorted(glob.glob("tests/mutants/*.txt")))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # remove the scratch copies
    scratch = tempfile.mkdtemp(prefix="capex-mutate.")
    try:
        base = os.path.join(scratch, "base")
        copy_tree(os.getcwd(), base)
        print("building the unmutated tree in %s" % base, flush=True)
        targets = unit_targets(base)
        rc, out = build(base, ["-j%d" % nslots] + targets + (["capex"] if e2e else []))
        if rc != 0 or run_tests(base, targets, e2e):
            sys.exit("the unmutated tree does not pass its tests:\n" + out)
        trees = [base]
        for k in range(1, nslots):
            trees.append(os.path.join(scratch, "copy%d" % k))
            shutil.copytree(base, trees[-1], symlinks=True)
        jobs, results = queue.Queue(), [None] * len(mutants)
        for i, m in enumerate(mutants):
            jobs.put((i, m))
        threads = [threading.Thread(target=worker, args=(t, jobs, results, e2e)) for t in trees]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    count = {k: sum(1 for r in results if r and r[0] == k)
             for k in ("killed", "survived", "stillborn", "stale")}
    counted = count["killed"] + count["survived"]
    score = count["killed"] / counted if counted else 0
    print("mutants: %d killed, %d survived (%.1f%% killed); %d did not compile, %d stale"
          % (count["killed"], count["survived"], 100 * score, count["stillborn"], count["stale"]))
    return 0 if score >= TARGET and not count["stale"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
