#!/usr/bin/python3
"""bench/ref/mc.py - the Monte Carlo of bench/mc/lab.yaml in vectorised numpy.

usage: mc.py [PATHS] [SEED]

The same simulation as `capex mc bench/mc/lab.yaml`: the same four
distributions (the staff / other pair through a Gaussian copula at rank
correlation 0.5), the same projection (fade, stages, growth, share; costs the
sum of three parts), burn, cash with a raise, NPV at 10%, the same outputs
(percentiles of the cumulative net cash flow through 2029, peak funding need,
NPV; break-even / payback / runway-end probability by year; the targets; the
fan chart of the cumulative net cash flow in every year; a 20-bin histogram).
numpy's own generator (PCG64), so the figures agree with capex's in
distribution, not path by path. Prints the figures and the seconds the
simulation took (imports excluded) on the last line.
"""
import sys
import time

import numpy as np

LEVELS = [5, 10, 50, 90, 95]


def fade(start, to, over, k):
    return start + (to - start) * min(k - 1, over - 1) / max(over - 1, 1)


def stages(high, to, high_years, fade_years, k):
    j = k - high_years
    if j <= 0:
        return high
    return high + (to - high) * min(j, fade_years) / fade_years


def simulate(n, seed):
    rng = np.random.default_rng(seed)
    # the inputs
    rev_from = rng.triangular(0.60, 1.00, 1.30, n)
    a, b = 1 + 4 * (0.60 - 0.40) / 0.50, 1 + 4 * (0.90 - 0.60) / 0.50
    high = 0.40 + 0.50 * rng.beta(a, b, n)
    z = rng.standard_normal((2, n))
    r = 2 * np.sin(np.pi * 0.5 / 6)                      # rank 0.5 -> normals
    y0, y1 = z[0], r * z[0] + np.sqrt(1 - r * r) * z[1]
    staff_g = 0.25 + 0.06 * y0
    s2 = np.log1p(0.03 ** 2 / 0.12 ** 2)
    share = np.exp(np.log(0.12) - s2 / 2 + np.sqrt(s2) * y1)
    # the projection, 2025..2034
    ny = 10
    rev, comp, staff, other = (np.empty((ny, n)) for _ in range(4))
    rev[0], comp[0], staff[0], other[0] = 13.0, 15.0, 5.0, 1.5
    for k in range(1, ny):
        rev[k] = rev[k - 1] * (1 + fade(rev_from, 0.25, 5, k))
        comp[k] = comp[k - 1] * (1 + stages(high, 0.08, 3, 3, k))
        staff[k] = staff[k - 1] * (1 + staff_g)
        other[k] = rev[k] * share
    net = rev - (comp + staff + other)
    cum = np.cumsum(net, axis=0)
    # burn figures
    through = cum[4]                                      # 2025..2029
    peak = np.maximum(0.0, -cum.min(axis=0))
    years = np.arange(2025, 2025 + ny)
    be_any = (net >= 0).any(axis=0)
    be = np.where(be_any, years[np.argmax(net >= 0, axis=0)], 0)
    peak_i = np.argmin(np.where(cum < 0, cum, 0.0), axis=0)
    after = (cum >= 0) & (np.arange(ny)[:, None] > peak_i)
    never_neg = (cum >= 0).all(axis=0)
    pb = np.where(never_neg, 2025, np.where(after.any(axis=0), years[np.argmax(after, axis=0)], 0))
    raises = np.zeros(ny)
    raises[1] = 40.0
    cash = 20.0 + np.cumsum(net + raises[:, None], axis=0)
    out = (cash < 0).any(axis=0)
    ro = np.where(out, years[np.argmax(cash < 0, axis=0)], 0)
    disc = 1.1 ** np.arange(1, ny + 1)
    npv = (net / disc[:, None]).sum(axis=0)
    # statistics
    res = {}
    for name, x in (("cumulative", through), ("peak", peak), ("npv", npv)):
        res[name] = (x.mean(), np.percentile(x, LEVELS))
    res["fan"] = np.percentile(cum, LEVELS, axis=1)
    res["hist"] = np.histogram(through, 20)
    for name, y in (("break_even", be), ("payback", pb), ("runout", ro)):
        res[name] = np.bincount(np.where(y > 0, y - 2025, ny), minlength=ny + 1) / n
    res["targets"] = [((be > 0) & (be <= 2030)).mean(), (-through < 150).mean(),
                      ((ro == 0) | (ro > 2029)).mean()]
    return res


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    t = time.perf_counter()
    res = simulate(n, seed)
    dt = time.perf_counter() - t
    for name in ("cumulative", "peak", "npv"):
        mean, q = res[name]
        print("%-11s mean %9.3f  P5..P95 %s" % (name, mean, " ".join("%9.3f" % v for v in q)))
    print("P(break-even by 2030) %.4f  P(burn 2029 < 150) %.4f  P(cash through 2029) %.4f"
          % tuple(res["targets"]))
    print("seconds %.3f" % dt)


if __name__ == "__main__":
    main()
