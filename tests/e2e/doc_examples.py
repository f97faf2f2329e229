#!/usr/bin/python3
"""doc_examples.py - run every example in the docs and compare with what
they show, so the docs cannot drift from the program.

    doc_examples.py CAPEX FILE.md...

Examples are ```console blocks: lines starting with "$ " are commands (run
with bash, in a scratch copy of the repository's inputs/ and tests/, with
./capex being CAPEX); the lines after a command are what it prints. Each
shown line must appear in the command's output (stdout and stderr
into one pipe, as a terminal would show them; trailing blanks ignored), in the order shown; "..." stands for
lines left out, and a line written in the docs after "..." may be any
later line. Timings like "in 0.05 s" are compared as "in N s".
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

TIME = re.compile(r"in [0-9]+\.[0-9]+ s")


def blocks(path):
    """(line number, [(command, [expected lines])]) per console block."""
    out, cur, start, inside = [], None, 0, False
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not inside and line.strip() == "```console":
                inside, cur, start = True, [], no
            elif inside and line.strip() == "```":
                inside = False
                out.append((start, cur))
            elif inside and line.startswith("$ "):
                cur.append((line[2:].split("   #")[0].rstrip(), []))
            elif inside and cur:
                cur[-1][1].append(line.rstrip())
    return out


def norm(line):
    return TIME.sub("in N s", line.rstrip())


def matches(shown, got):
    """Every shown line (but "...") appears in got, in order."""
    lines = [norm(l) for l in got.splitlines()]
    at = 0
    for want in shown:
        if want.strip() in ("...", ""):
            continue
        want = norm(want)
        while at < len(lines) and lines[at] != want:
            at += 1
        if at == len(lines):
            return want
        at += 1
    return None


# The environment every example runs in, whatever the caller's (as
# tests/e2e/lib.sh sets it for the shell tests): no colour, UTF-8 text with
# C-locale numbers, 80 columns, UTC.
ENV = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "SLURM_"))}
ENV.update(NO_COLOR="1", TERM="dumb", LC_ALL="C.UTF-8", COLUMNS="80", TZ="UTC")


def main():
    capex = os.path.abspath(sys.argv[1])
    repo = os.getcwd()
    failed = passed = 0
    for doc in sys.argv[2:]:
        for start, cmds in blocks(doc):
            work = tempfile.mkdtemp(prefix="capex-doc.")
            try:
                shutil.copytree(os.path.join(repo, "inputs"), os.path.join(work, "inputs"))
                shutil.copytree(os.path.join(repo, "tests"), os.path.join(work, "tests"),
                                ignore=shutil.ignore_patterns("fuzz"))
                os.symlink(capex, os.path.join(work, "capex"))
                for cmd, shown in cmds:
                    r = subprocess.run(["bash", "-c", cmd], cwd=work, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True, timeout=300,
                                       env=ENV)
                    miss = matches(shown, r.stdout)
                    where = "%s:%d: %s" % (doc, start, cmd)
                    if miss is None:
                        passed += 1
                        print("ok   " + where)
                    else:
                        failed += 1
                        print("FAIL " + where)
                        print("     | not in the output: " + miss)
                        for l in r.stdout.splitlines()[:8]:
                            print("     | " + l)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    print("doc examples: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
