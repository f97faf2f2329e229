#!/usr/bin/python3
"""seed_figures.py - the bundled models' key figures, computed by hand.

usage: seed_figures.py DIR   (DIR holds <model>.json from `capex run -f json`)

Every expected value below is worked out here from the seed's own numbers
(seeds/003: the Big Tech capex table, the HBM market, the AI lab's loss) and
the drivers written in inputs/*.yaml — independently of the engine.
"""
import json
import math
import os
import sys

failures = []
checked = 0


def near(what, got, want, rel=1e-12):
    global checked
    checked += 1
    if got is None or not math.isclose(got, want, rel_tol=rel, abs_tol=1e-12):
        failures.append("%s: got %r, expected %r" % (what, got, want))


def equal(what, got, want):
    global checked
    checked += 1
    if got != want:
        failures.append("%s: got %r, expected %r" % (what, got, want))


def series(run, name):
    for s in run["series"]:
        if s["name"] == name:
            return s
    raise KeyError(name)


def value(run, name, year):
    for v in series(run, name)["values"]:
        if v["year"] == year:
            return v["value"]
    return None


def bigtech(run):
    parts = {"capex.google": [32, 52, 91, 180], "capex.amazon": [48, 75, 128, 200],
             "capex.meta": [28, 39, 72, 125], "capex.microsoft": [32, 56, 88, 140]}
    totals = [140, 222, 379, 645]                    # column sums of the table
    for i, year in enumerate(range(2023, 2027)):
        near("capex.total %d" % year, value(run, "capex.total", year), totals[i])
    g = series(run, "capex.total")["growth"]
    equal("total growth window", (g["from"], g["to"]), (2023, 2026))
    near("2023→2026 multiple", g["multiple"], 645 / 140)          # 4.607
    near("2023→2026 CAGR", g["cagr"], (645 / 140) ** (1 / 3) - 1)
    # Google fades from its 2024→2026 CAGR to 5% over 4 years.
    cagr = (180 / 52) ** 0.5 - 1
    rates = [cagr + (0.05 - cagr) * min(k - 1, 3) / 3 for k in range(1, 5)]
    v = 180.0
    for k, year in enumerate(range(2027, 2031)):
        v = v * (1 + rates[k])
        near("capex.google %d" % year, value(run, "capex.google", year), v, 1e-12)
    checks = {(c["kind"], c["year"]): c for c in run["checks"]}
    c = checks[("sum", 2025)]
    equal("2025 sum check", (c["status"], c["computed"], c["stated_base"]), ("warn", 379, 381))
    c = checks[("sum", 2026)]
    equal("2026 sum check", (c["status"], c["stated_low"], c["stated_high"]), ("pass", 645, 665))
    # Range consistency: the stated total's range against the company rows'
    # low..high. 2025: rows 91+128+72+88 = 379..379, stated 381: computed =
    # clamp(381, 379, 379) = 379, outside [381-0.5, 381+0.5], 2 apart.
    # 2026: rows 180+200+125+140 = 645, Microsoft's 140+ a floor, so 645..+inf;
    # stated 645..665 (base 655): clamp(655, 645, inf) = 655 -> overlap.
    c = checks[("range", 2025)]
    equal("2025 range check", (c["status"], c["computed"], c["stated_base"], c["difference"]),
          ("warn", 379, 381, 379 - 381))
    equal("2025 range message", c["message"],
          "2025: stated 381, parts 379..379 (no overlap, 2 apart)")
    c = checks[("range", 2026)]
    equal("2026 range check", (c["status"], c["computed"], c["difference"]), ("pass", 655, 0))
    equal("2026 range message", c["message"], "2026: stated 645..665, parts 645+ (overlap)")
    equal("2023/2024 range checks", (checks[("range", 2023)]["status"],
                                     checks[("range", 2024)]["status"]), ("pass", "pass"))
    c = checks[("multiple", 2026)]
    equal("multiple check status", c["status"], "warn")
    near("multiple check computed", c["computed"], 645 / 140)
    sources = [v.get("source") or "" for s in run["series"] for v in s["values"]]
    equal("Korean source notes kept", any("연도별 추이" in s for s in sources), True)


def memory(run):
    c = [c for c in run["checks"] if c["kind"] == "growth"][0]
    equal("HBM growth check", (c["status"], c["stated_base"]), ("warn", 0.58))
    near("HBM growth computed", c["computed"], 55 / 34 - 1)       # 61.76%
    near("DRAM 2025", value(run, "market.dram", 2025), 129)


def lab(run):
    rev, cost = [20.0], [34.0]                       # 2026: revenue 20, loss 14
    rrev = [1.10 + (0.40 - 1.10) * min(k - 1, 3) / 3 for k in range(1, 7)]
    rcost = [1.00, 0.80, 0.30, 0.10, 0.10, 0.10]
    for k in range(6):
        rev.append(rev[-1] * (1 + rrev[k]))
        cost.append(cost[-1] * (1 + rcost[k]))
    net = [r - c for r, c in zip(rev, cost)]
    cum, total = [], 0.0
    for n in net:
        total += n
        cum.append(total)
    b = run["burn"]
    for i, y in enumerate(b["years"]):
        equal("burn year", y["year"], 2026 + i)
        near("net %d" % y["year"], y["net"], net[i], 1e-12)
        near("cumulative %d" % y["year"], y["cumulative"], cum[i], 1e-12)
    near("net 2026 = -14", net[0], -14)
    near("cumulative 2026..2029", sum(net[:4]), -115.06666666666666, 1e-9)
    peak = min(cum)
    near("peak burn", b["peak_burn"], peak, 1e-12)
    equal("peak year", b["peak_year"], 2026 + cum.index(peak))
    equal("break-even year", b["break_even_year"], 2030)
    equal("losses every year to 2028", all(n < 0 for n in net[:3]), True)
    equal("payback year", b["payback_year"], 2026 + next(i for i, c in enumerate(cum) if c >= 0))
    # Discounted at 10% (the model's assumption): spreadsheet NPV discounts
    # the first flow one period; the t=0 convention does not.
    d = run["discount"]
    near("NPV at 10%", d["npv"], sum(n / 1.1 ** (i + 1) for i, n in enumerate(net)), 1e-12)
    near("NPV t=0 at 10%", d["npv_t0"], sum(n / 1.1 ** i for i, n in enumerate(net)), 1e-12)
    lo, hi = 0.0, 1.0                       # IRR by bisection: NPV(lo) > 0 > NPV(hi)
    for _ in range(200):
        mid = (lo + hi) / 2
        if sum(n / (1 + mid) ** i for i, n in enumerate(net)) > 0:
            lo = mid
        else:
            hi = mid
    near("IRR", d["irr"], lo, 1e-9)
    # Funding: no opening cash, the $100B round at the start of 2026; within
    # a year the net flow is spread evenly over twelve months.
    cash, year, end = 100.0, 2026, None
    for n in net:
        if cash + n < 0:
            end = year + cash / -n
            break
        cash += n
        year += 1
    f = b
    near("runway end", f["runway_end"], end, 1e-12)
    near("runway months", f["runway_months"], (end - 2026) * 12, 1e-12)
    near("funding gap", f["funding_gap"], -min(cum) - 100, 1e-12)
    be = 2029 + net[3] / (net[3] - net[4])       # crossing between 2029 and 2030
    near("break-even fraction", f["break_even_fraction"], be, 1e-12)
    equal("default alive", f["default_alive"], end >= be)
    # Goal: revenue growth r with 20(1+r)^3 = costs(2029) breaks even in 2029.
    goals = {g["kind"]: g for g in run["goals"]}
    near("goal: revenue growth", goals["break_even"]["rate"], (cost[3] / 20) ** (1 / 3) - 1, 1e-9)
    # Goal: the constant cost growth c keeping the deepest cumulative at -100.
    def deepest(c):
        total, low = 0.0, 0.0
        for i in range(len(rev)):
            total += rev[i] - 34 * (1 + c) ** i
            low = min(low, total)
        return low
    lo, hi = 0.0, 1.0                           # deepest(lo) > -100 > deepest(hi)
    for _ in range(200):
        mid = (lo + hi) / 2
        if deepest(mid) > -100:
            lo = mid
        else:
            hi = mid
    near("goal: cost growth", goals["peak_funding"]["rate"], lo, 1e-9)
    checks = {c["kind"]: c for c in run["checks"]}
    equal("cumulative check", checks["cumulative"]["status"], "pass")
    equal("break-even check", checks["break_even"]["status"], "pass")


def valuation(run):
    consts = {c["name"]: c for c in run["constants"]}
    near("DeepSeek $6M in billions", consts["training_cost.deepseek_r1"]["value"], 0.006)
    near("OpenAI valuation midpoint", value(run, "valuation.openai", 2026), (750 + 830) / 2)


def main(d):
    for name, fn in (("bigtech-capex", bigtech), ("memory-market", memory),
                     ("ai-lab-burn", lab), ("ai-labs-valuation", valuation)):
        with open(os.path.join(d, name + ".json"), encoding="utf-8") as f:
            fn(json.load(f))
    for f in failures:
        print(f)
    print("%d seed figures checked, %d wrong" % (checked, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
