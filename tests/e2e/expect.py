#!/usr/bin/python3
"""expect.py - the expected output of the test-case and bundled models, kept as data.

usage: expect.py CAPEX FILE.expect.json...        check each (exit 1 if any differs)
       expect.py CAPEX --show FILE.expect.json    what the run gives, in the file's layout
       expect.py CAPEX --update-notes FILE...     rewrite the notes from the run (then read
                                                  `git diff` and say why each changed)

tests/cases/<name>.expect.json belongs to tests/cases/<name>.yaml, and
tests/inputs/<name>.expect.json to the bundled inputs/<name>.yaml. The file is
a subset of `capex run MODEL -n -f json` (with "args" added to the command
line), compared so:

- "notes" is compared in full: every note and warning of the run, in order,
  and nothing else; the run's stderr must be exactly those notes, one line
  each (FILE:LINE:COL: note|warning: TEXT), beside the lines listed in
  "messages" (what the program itself says, such as a missing as_of). A
  false warning fails the test.
- an object matches when each key it names matches (keys the run has and the
  file leaves out are not compared); "why" and "tol" are never compared:
  "why" says how a figure was worked out by hand, "tol" is the relative
  tolerance of the numbers directly in that object (default 1e-12);
- a list of objects: each element is found in the run's list by the values
  it gives of name, year, kind, series, by (one element must have them all);
  a list of anything else is compared element by element, lengths included;
- a number, or a string "=EXPR" where the run gives a number (where it
  gives text, "=..." is that text): EXPR is arithmetic (+ - * / **, [lists], x[i], min, max,
  abs, sum, round, log, exp, sqrt) over numbers and the names defined in the top-level
  "let" (each an EXPR over the names before it): the arithmetic the "why"
  describes, evaluated here, never read off the program's output.
"""
import ast
import json
import math
import os
import subprocess
import sys

IDKEYS = ("name", "year", "kind", "series", "by")
IGNORED = ("why", "tol")
FUNCS = {"min": min, "max": max, "abs": abs, "sum": sum, "round": round,
         "log": math.log, "exp": math.exp, "sqrt": math.sqrt}
OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
       ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b,
       ast.Pow: lambda a, b: a ** b}


def evaluate(text, names):
    """The value of the arithmetic TEXT over NAMES (nothing else is allowed)."""
    def ev(n):
        if isinstance(n, ast.Expression):
            return ev(n.body)
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)):
            return n.value
        if isinstance(n, ast.Name) and n.id in names:
            return names[n.id]
        if isinstance(n, ast.BinOp) and type(n.op) in OPS:
            return OPS[type(n.op)](ev(n.left), ev(n.right))
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, (ast.USub, ast.UAdd)):
            return -ev(n.operand) if isinstance(n.op, ast.USub) else ev(n.operand)
        if isinstance(n, (ast.List, ast.Tuple)):
            return [ev(e) for e in n.elts]
        if isinstance(n, ast.Subscript):
            return ev(n.value)[int(ev(n.slice))]
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in FUNCS:
            return FUNCS[n.func.id](*[ev(a) for a in n.args])
        raise ValueError("not arithmetic: %s" % ast.dump(n))
    return ev(ast.parse(text, mode="eval"))


def is_expr(v):
    return isinstance(v, str) and v.startswith("=")


class Compare:
    """Compares an expected subset against a run's JSON; collects the differences."""

    def __init__(self, names):
        self.names = names
        self.diffs = []
        self.count = 0

    def differ(self, path, got, want, why=None):
        msg = "%s: got %s, expected %s" % (path, json.dumps(got, ensure_ascii=False),
                                            json.dumps(want, ensure_ascii=False))
        self.diffs.append(msg + (" (%s)" % why if why else ""))

    def value(self, path, got, want, tol, why):
        self.count += 1
        if isinstance(got, str):        # text that starts with "=" is text
            if got != want:
                self.differ(path, got, want, why)
        elif is_expr(want) or (isinstance(want, (int, float)) and not isinstance(want, bool)):
            num = evaluate(want[1:], self.names) if is_expr(want) else want
            ok = (isinstance(got, (int, float)) and not isinstance(got, bool)
                  and math.isclose(got, num, rel_tol=tol, abs_tol=tol))
            if not ok:
                self.differ(path, got, num if not is_expr(want) else "%r %s" % (num, want), why)
        elif got != want or type(got) is not type(want):
            self.differ(path, got, want, why)

    def obj(self, path, got, want):
        if not isinstance(got, dict):
            return self.differ(path, got, "an object")
        tol = want.get("tol", 1e-12)
        for k, w in want.items():
            if k in IGNORED:
                continue
            p = "%s.%s" % (path, k) if path else k
            if k not in got:
                self.diffs.append("%s: not in the run's output" % p)
            elif k == "notes" and not path:
                self.notes(got[k], w)
            else:
                self.any(p, got[k], w, tol, want.get("why"))

    def any(self, path, got, want, tol=1e-12, why=None):
        if isinstance(want, dict):
            self.obj(path, got, want)
        elif isinstance(want, list):
            self.list(path, got, want, tol, why)
        else:
            self.value(path, got, want, tol, why)

    def list(self, path, got, want, tol, why):
        if not isinstance(got, list):
            return self.differ(path, got, "a list")
        keyed = [w for w in want if isinstance(w, dict) and any(k in w for k in IDKEYS)]
        if keyed and len(keyed) == len(want):
            for w in want:
                self.element(path, got, w)
            return
        if len(got) != len(want):
            return self.differ(path + " (length)", len(got), len(want), why)
        for i, (g, w) in enumerate(zip(got, want)):
            self.any("%s[%d]" % (path, i), g, w, tol, why)

    def element(self, path, got, want):
        ident = {k: want[k] for k in IDKEYS if k in want}
        label = ",".join("%s=%s" % kv for kv in ident.items())
        found = [g for g in got if isinstance(g, dict)
                 and all(g.get(k) == v for k, v in ident.items())]
        if len(found) != 1:
            self.diffs.append("%s[%s]: %d elements have these values, expected one"
                              % (path, label, len(found)))
        else:
            self.obj("%s[%s]" % (path, label), found[0], want)

    def notes(self, got, want):
        self.count += 1
        want = [{k: v for k, v in n.items() if k not in IGNORED} for n in want]
        if got != want:
            self.diffs.append("notes differ (compared in full):\n%s"
                              % notes_diff(got, want))


def notes_diff(got, want):
    lines = []
    for n in want:
        if n not in got:
            lines.append("  - expected, not given: %s" % json.dumps(n, ensure_ascii=False))
    for n in got:
        if n not in want:
            lines.append("  + given, not expected: %s" % json.dumps(n, ensure_ascii=False))
    return "\n".join(lines) or "  (the same notes in another order)"


def let_names(spec):
    names = {}
    for k, v in spec.get("let", {}).items():
        names[k] = evaluate(v[1:] if is_expr(v) else str(v), names)
    return names


def model_of(path):
    """tests/cases/X.expect.json -> tests/cases/X.yaml; tests/inputs/X -> inputs/X.yaml."""
    folder, base = os.path.split(path)
    name = base[:-len(".expect.json")]
    if os.path.basename(folder) == "inputs":
        folder = os.path.join(os.path.dirname(os.path.dirname(folder)), "inputs")
    return os.path.join(folder, name + ".yaml")


def run(capex, model, args):
    p = subprocess.run([capex, "run", model, "-n", "-f", "json"] + args,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    out = json.loads(p.stdout.decode("utf-8")) if p.returncode == 0 else None
    return p.returncode, out, p.stderr.decode("utf-8")


def stderr_diffs(model, notes, stderr, messages):
    """The run's stderr is the program's own MESSAGES (lines the JSON does not
    hold, e.g. the note on a missing as_of) and its notes, one line each, and
    nothing else."""
    want = ["%s:%d:" % (model, n["line"]) for n in notes]
    got = stderr.splitlines()
    missing = [m for m in messages if m not in got]
    if missing:
        return ["stderr lacks the message '%s'" % m for m in missing]
    got = [g for g in got if g not in messages]
    if len(got) != len(notes):
        return ["stderr has %d lines for %d notes:\n%s" % (len(got), len(notes), stderr)]
    bad = []
    for line, n, head in zip(got, notes, want):
        word = "warning" if n["level"] == "warning" else "note"
        if not n["line"]:                        # about the whole file: FILE: note: TEXT
            if line != "%s: %s: %s" % (model, word, n["text"]):
                bad.append("stderr line '%s' is not the note %s" % (line, json.dumps(n, ensure_ascii=False)))
            continue
        rest = line[len(head):].split(": ", 1)
        if (not line.startswith(head) or len(rest) != 2 or not rest[0].isdigit()
                or rest[1] != "%s: %s" % (word, n["text"])):
            bad.append("stderr line '%s' is not the note %s" % (line, json.dumps(n, ensure_ascii=False)))
    return bad


def check(capex, path):
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    model = model_of(path)
    status, out, stderr = run(capex, model, spec.get("args", []))
    if status != 0:
        return ["%s: exit %d\n%s" % (model, status, stderr)], 0
    cmp = Compare(let_names(spec))
    cmp.obj("", out, {k: v for k, v in spec.items() if k not in ("let", "args", "about", "messages")})
    cmp.diffs += stderr_diffs(model, out["notes"], stderr, spec.get("messages", []))
    return cmp.diffs, cmp.count


def dump(v, indent=0):
    """JSON laid out for people: what fits in 96 columns on one line."""
    one = json.dumps(v, ensure_ascii=False)
    if len(one) + indent <= 96 or not isinstance(v, (dict, list)) or not v:
        return one
    pad = " " * (indent + 2)
    if isinstance(v, dict):
        items = ["%s%s: %s" % (pad, json.dumps(k, ensure_ascii=False), dump(x, indent + 2))
                 for k, x in v.items()]
        return "{\n%s\n%s}" % (",\n".join(items), " " * indent)
    items = [pad + dump(x, indent + 2) for x in v]
    return "[\n%s\n%s]" % (",\n".join(items), " " * indent)


def show(capex, path):
    """The run's output restricted to the keys the file names (figures as given)."""
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    status, out, stderr = run(capex, model_of(path), spec.get("args", []))
    sys.stderr.write(stderr)
    if out is not None:
        print(dump({k: out[k] for k in spec if k in out}))
    return status


def update_notes(capex, path):
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    status, out, stderr = run(capex, model_of(path), spec.get("args", []))
    if status != 0:
        sys.stderr.write(stderr)
        return status
    spec["notes"] = out["notes"]
    with open(path, "w", encoding="utf-8") as f:
        f.write(dump(spec) + "\n")
    return 0


def main(argv):
    capex, rest = argv[1], argv[2:]
    if rest and rest[0] == "--show":
        return show(capex, rest[1])
    if rest and rest[0] == "--update-notes":
        return max(update_notes(capex, p) for p in rest[1:])
    failed = 0
    for path in rest:
        try:
            diffs, count = check(capex, path)
        except (ValueError, KeyError, IndexError, TypeError, SyntaxError, ZeroDivisionError) as e:
            diffs, count = ["cannot read the expectation: %s" % e], 0
        if diffs:
            failed += 1
            print("FAIL %s" % path)
            for d in diffs:
                print("     | " + d.replace("\n", "\n     | "))
        else:
            print("ok   %s (%d figures and the notes)" % (path, count))
    print("expected outputs: %d passed, %d failed" % (len(rest) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
