#!/usr/bin/python3
"""gen_depreciation.py OUTDIR - two models for bench/depreciation.sh: ten
capex series over fifty years (2001..2050), each growing from its own start,
without and with a depreciation entry per series (the three methods in turn,
half year, 5% salvage, lives 4.5..8.5)."""
import os
import sys

METHODS = ["straight_line", "declining_balance", "sum_of_years"]


def model(dep):
    out = ["model: depbench", "title: Depreciation bench", "years: 2001..2050",
           "as_of: 2026-01-01", "series:"]
    out += ["  capex.c%d: {values: {2001: %d}}" % (i, 100 + 10 * i) for i in range(10)]
    out.append("drivers:")
    out += ["  capex.c%d: {method: growth, rate: %d%%}" % (i, 3 + i % 4) for i in range(10)]
    if dep:
        out.append("depreciation:")
        out += ["  da.c%d: {capex: capex.c%d, life: %d.5, method: %s, convention: half_year, "
                "salvage: 5%%}" % (i, i, 4 + i % 5, METHODS[i % 3]) for i in range(10)]
    return "\n".join(out) + "\n"


def main():
    d = sys.argv[1]
    for name, dep in (("nodep", False), ("dep", True)):
        with open(os.path.join(d, name + ".yaml"), "w") as f:
            f.write(model(dep))


if __name__ == "__main__":
    main()
