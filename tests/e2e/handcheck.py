"""handcheck.py - what the hand-worked checks of tests/e2e share: the list
of failures, comparisons that add to it, a run's JSON from the test's
folder, and the exit that reports them. The expectations themselves stay
in each check, worked out in its comments."""
import json
import sys

failed = []


def near(what, got, want, tol=1e-9):
    """got within a relative tol of want (absolute below 1)."""
    if got is None or abs(got - want) > tol * max(1.0, abs(want)):
        failed.append(f"{what}: got {got!r}, expected {want}")


def same(what, got, want):
    if got != want:
        failed.append(f"{what}: got {got!r}, expected {want!r}")


def load(folder, name):
    with open(f"{folder}/{name}.json", encoding="utf-8") as f:
        return json.load(f)


def finish():
    """Print every failure; exit 1 if there was one."""
    for msg in failed:
        print(msg)
    sys.exit(1 if failed else 0)
