#!/usr/bin/env python3
"""limits.py - huge and pathological inputs must be refused (or read) quickly.

Generates each input in a temporary folder, runs `CAPEX check` on it and
asserts its exit status, the message after "FILE:LINE:COL: " and that it
used at most LIMIT seconds of CPU (default 5: each case takes under 2 s,
so a quadratic loop shows; CPU time, so a loaded machine does not fail
it; a case still running after 20 x LIMIT seconds is killed). Run by
`make fuzz`; usage: limits.py CAPEX [LIMIT]; LIMITS_ONLY=a,b runs those.
"""
import os
import resource
import subprocess
import sys
import tempfile

HEAD = "model: limits\nyears: 2023..2030\n"


def series(n, prefix="c.s"):
    return "".join("  %s%d: {2023: 1}\n" % (prefix, i) for i in range(n))


def deep_flow():
    return HEAD + "series: " + "[" * 1000000 + "\n"


def deep_block():
    return HEAD + "series:\n" + "".join(" " * i + "- \n" for i in range(1, 3000))


def many_nodes():
    return HEAD + "series: [" + ",".join(["1"] * 2100000) + "]\n"


def wide_mapping():
    return HEAD + "title: {" + ",".join("k%d: 1" % i for i in range(900000)) + ",k5: 2}\n"


def too_large():
    return HEAD + "#" + "a" * (65 << 20) + "\n"


def long_scalar():
    return HEAD + "title: " + "a" * (60 << 20) + "\nseries: {c.a: {2023: 1}}\n"


def long_figure():
    return HEAD + "series: {c.a: {2023: 1" + "0" * (30 << 20) + "." + "0" * (20 << 20) + "}}\n"


def blank_lines():
    return HEAD + "\n" * (60 << 20) + "series: {c.a: {2023: 1}}\n"


def many_series():
    return HEAD + "series:\n" + series(200000)


def sums_of_everything():
    n = 9800
    parts = "[" + ",".join("c.s%d" % i for i in reversed(range(n))) + "]"
    return (HEAD + "series:\n" + series(n)
            + "".join("  t.t%d: {sum_of: %s}\n" % (k, parts) for k in range(190)))


def many_scenarios():
    return (HEAD + "series:\n  c.a: {2023: 1}\ndrivers:\n  c.a: {method: growth, rate: 5%}\n"
            + "scenarios:\n"
            + "".join("  s%d: {drivers: {c.a: {rate: 6%%}}}\n" % i for i in range(200000)))


def wide_scenarios():
    n, k = 9000, 38
    return (HEAD + "series:\n" + series(n) + "drivers:\n"
            + "".join("  c.s%d: {method: growth, rate: 5%%}\n" % i for i in range(n))
            + "scenarios:\n"
            + "".join("  sc%d:\n    drivers:\n" % j
                      + "".join("      c.s%d: {rate: 6%%}\n" % i for i in range(n))
                      for j in range(k)))


def csv_huge_field(folder):
    with open(os.path.join(folder, "huge.csv"), "w") as f:
        f.write('series,2023,source\nc.a,1,"' + "x" * (60 << 20) + '"\n')
    return HEAD + "import: huge.csv\n"


def csv_many_rows(folder):
    with open(os.path.join(folder, "rows.csv"), "w") as f:
        f.write("series,2023\n" + "".join("c.s%d,1\n" % i for i in range(200000)))
    return HEAD + "import: rows.csv\n"


# name, generator, exit status, message start (after "FILE:LINE:COL: ")
CASES = [
    ("deep_flow", deep_flow, 65, "nesting too deep"),
    ("deep_block", deep_block, 65, "nesting too deep"),
    ("many_nodes", many_nodes, 65, "too many nodes"),
    ("wide_mapping", wide_mapping, 65, "duplicate key 'k5'"),
    ("too_large", too_large, 65, "is too large"),
    ("long_scalar", long_scalar, 0, None),
    ("long_figure", long_figure, 65, "figure for year 2023 is out of range"),
    ("blank_lines", blank_lines, 0, None),
    ("many_series", many_series, 65, "too many series"),
    ("sums_of_everything", sums_of_everything, 0, None),
    ("many_scenarios", many_scenarios, 65, "too many scenarios"),
    ("wide_scenarios", wide_scenarios, 0, None),
    ("csv_huge_field", csv_huge_field, 0, None),
    ("csv_many_rows", csv_many_rows, 65, "too many series"),
]


# Cases that are still too slow, and why; they are reported, not failed.
KNOWN_SLOW = {}


def _cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    capex = sys.argv[1] if len(sys.argv) > 1 else "./capex"
    limit = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    only = os.environ.get("LIMITS_ONLY")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="capex-limits.") as folder:
        for name, make, status, message in CASES:
            if only and name not in only.split(","):
                continue
            path = os.path.join(folder, name + ".yaml")
            text = make(folder) if make.__code__.co_argcount else make()
            with open(path, "w") as f:
                f.write(text)
            del text
            before = _cpu()
            try:
                p = subprocess.run([capex, "check", "--quiet", path],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, timeout=20 * limit)
                code, err = p.returncode, p.stderr
            except subprocess.TimeoutExpired as e:
                code, err = -9, e.stderr or b""
            took = _cpu() - before
            first = err.decode("utf-8", "replace").split("\n")[0]
            why = []
            if code != status:
                why.append("exit %d, expected %d" % (code, status))
            if message and message not in first:
                why.append("stderr '%s', expected '%s'" % (first[:120], message))
            if took > limit or code == -9:
                why.append("took %.1f s of CPU (at most %.0f)" % (took, limit))
            known = name in KNOWN_SLOW and why
            print("%s %-20s %5.2f s  %s" % ("XFAIL" if known else "FAIL " if why else "ok   ",
                                            name, took, "; ".join(why) or first[:100]))
            if known:
                print("      %s" % KNOWN_SLOW[name])
            failed += bool(why) and not known
            os.unlink(path)
    print("limits: %d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
