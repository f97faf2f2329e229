#!/usr/bin/python3
"""bench/gen_models.py - seeded generator of capex model files for the batch
benchmark (bench/batch.sh, issue 5).

    /usr/bin/python3 bench/gen_models.py OUTDIR N SEED [--no-burn] [--quarterly]

writes OUTDIR/gen-00001.yaml .. gen-NNNNN.yaml. Same N and SEED, same bytes
(Python's random.Random(SEED) only; stdlib only). With --no-burn the models
have no burn section and no cumulative check: the shape issue 5 names for
the benchmark (`capex run -s all` writes 5 sheets and 2 charts: Summary,
Inputs, Projection, Scenarios, Checks; the series chart and the Scenarios
chart); with it, 6 sheets and 4 charts (Burn, and the burn chart on Summary
and Burn).

Every model has the same shape:
  * years 2022..2035: 4 stated history years (2022-2025), 10 projected;
  * 8 money series of one company, all of one metric (the company's ticker,
    e.g. `kovu.revenue`), so Summary gets one line chart of them beside the
    burn chart. Stated figures mix exact, estimate (`~`) and range
    (`lo..hi`) values. Drivers, one per series, use seven methods:
        revenue  fade (from a rate, to a rate, over 5)
        costs    rates (a list of 4)
        capex    growth with a rate override in 2028
        cloud    cagr over the 2022..2025 window
        ads      stages (high, high_years, to, fade_years)
        rd       growth
        sga      trend, linear fit over the stated years
        dep      share of capex (30%..45%)
  * 3 scenarios (bear, bull, lean) changing revenue and costs drivers
    (`-s all` adds the automatic low and high);
  * burn: revenue - costs, cash (an estimate) at the start of 2026, one
    raise (a range) in 2027 or 2028;
  * 4 checks: growth of revenue 2024->2025, multiple of costs 2022->2025,
    cumulative burn 2022..2025, range of revenue (the stated ranges against
    the computed values); the stated figures are rounded from the model's
    own numbers so they pass (about 1 model in 10 gets a growth check that
    warns).

With --quarterly (issue 13's batch of quarterly models) every model is the
same company by fiscal quarter: `periods: 2022Q1..2031Q4` (40 quarters,
16 stated), every other model with `fiscal_year_end: 6`; each stated year
is split into four quarters growing through the year; the drivers state
their rates a year as above (capex's override is fiscal year 2028); cash
at the start of 2026Q1, the raise in 2027Q1 or 2028Q1; the checks compare
quarters (growth 2024Q4 -> 2025Q4, multiple 2022Q1 -> 2025Q4, cumulative
2022Q1..2025Q4). `capex run -s all` then also writes the Annual sheet.
"""
import os
import random
import sys

FIRST, LAST_STATED, LAST = 2022, 2025, 2035
HISTORY = list(range(FIRST, LAST_STATED + 1))

SERIES = [  # key, label
    ("revenue", "Revenue"),
    ("costs", "Operating costs (cash)"),
    ("capex", "Capital expenditure"),
    ("cloud", "Cloud revenue"),
    ("ads", "Advertising revenue"),
    ("rd", "R&D spend"),
    ("sga", "SG&A"),
    ("dep", "Depreciation"),
]
SOURCES = [
    "annual report, segment table",
    "investor day slides (IR 자료)",
    "10-K, consolidated statements",
    "analyst estimate (증권사 리포트)",
    "earnings call transcript",
]


def _ticker(rng):
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    return "".join(rng.choice(consonants if i % 2 == 0 else vowels) for i in range(4))


def _fmt(x):
    """A figure as a document writes it: one decimal, no trailing .0."""
    s = "%.1f" % x
    return s[:-2] if s.endswith(".0") else s


def _pct(x):
    s = "%.1f" % (100 * x)
    return (s[:-2] if s.endswith(".0") else s) + "%"


def _quarters(values, rng):
    """Each year's value split into four quarters rising through the year
    (shares 0.22, 0.24, 0.26, 0.28, jittered), keyed 2022Q1 .. 2025Q4."""
    out = []
    for v in values:
        w = [0.22, 0.24, 0.26, 0.28]
        w = [x * rng.uniform(0.97, 1.03) for x in w]
        t = sum(w)
        out += [v * x / t for x in w]
    return out


QUARTERS = ["%dQ%d" % (y, q) for y in HISTORY for q in range(1, 5)]


class _Series:
    def __init__(self, name, label, base_values, rng, ranged, keys=None):
        self.name, self.label = name, label
        self.text = {}    # year (or quarter key) -> figure as written
        self.base = {}    # year -> base value (a range's midpoint)
        keys = keys or HISTORY
        for i, y in enumerate(keys):
            v = base_values[i]
            if ranged and i == 2:
                lo, hi = round(v * 0.96, 1), round(v * 1.04, 1)
                if hi <= lo:
                    hi = round(lo + 0.2, 1)
                self.text[y] = "%s..%s" % (_fmt(lo), _fmt(hi))
                self.base[y] = (lo + hi) / 2
            else:
                r = round(v, 1)
                self.text[y] = ("~" if i == 0 else "") + _fmt(r)
                self.base[y] = r
        self.source = rng.choice(SOURCES)


def _history(rng, start, g_lo, g_hi, noise=0.03):
    vals, v = [], start
    for _ in HISTORY:
        vals.append(v)
        v *= 1 + rng.uniform(g_lo, g_hi) + rng.uniform(-noise, noise)
    return vals


def _drivers(rng, n, dep_share):
    """The drivers (one per series) and the three scenarios, rates a year."""
    g0, g1 = rng.uniform(0.30, 0.60), rng.uniform(0.05, 0.12)
    c_rates = sorted((rng.uniform(0.03, 0.22) for _ in range(4)), reverse=True)
    drivers = [
        (n("revenue"), "{method: fade, from: %s, to: %s, over: 5}" % (_pct(g0), _pct(g1))),
        (n("costs"), "{method: rates, rates: [%s]}" % ", ".join(_pct(r) for r in c_rates)),
        (n("capex"), "{method: growth, rate: %s, override: {2028: %s}}"
         % (_pct(rng.uniform(0.05, 0.20)), _pct(rng.uniform(0.25, 0.40)))),
        (n("cloud"), "{method: cagr, window: 2022..2025}"),
        (n("ads"), "{method: stages, high: %s, high_years: %d, to: %s, fade_years: %d}"
         % (_pct(rng.uniform(0.10, 0.25)), rng.randint(1, 3), _pct(rng.uniform(0.02, 0.05)),
            rng.randint(2, 4))),
        (n("rd"), "{method: growth, rate: %s}" % _pct(rng.uniform(0.04, 0.15))),
        (n("sga"), "{method: trend, fit: linear}"),
        (n("dep"), "{method: share, of: %s, share: %s}" % (n("capex"), _pct(dep_share))),
    ]
    scenarios = [
        ("bear", "slower revenue growth", n("revenue"),
         "{from: %s, to: %s}" % (_pct(g0 * 0.7), _pct(g1 * 0.6))),
        ("bull", "faster revenue growth", n("revenue"),
         "{from: %s, to: %s}" % (_pct(g0 * 1.25), _pct(g1 * 1.3))),
        ("lean", "cost growth held back", n("costs"),
         "{rates: [%s]}" % ", ".join(_pct(r * 0.6) for r in c_rates)),
    ]
    return drivers, scenarios


# Where the figures of a model stand: its first and last stated periods,
# the last year's first and last, the cash's period and the raise's choices.
ANNUAL = {"first": 2022, "prev": 2024, "last": 2025, "cash": 2026, "raises": (2027, 2028),
          "keys": HISTORY}
QUARTERLY = {"first": "2022Q1", "prev": "2024Q4", "last": "2025Q4", "cash": "2026Q1",
             "raises": ("2027Q1", "2028Q1"), "keys": QUARTERS}


def _body(w, series, drivers, scenarios):
    """The series, drivers and scenarios sections."""
    w("")
    w("series:")
    for x in series:
        w("  %s:" % x.name)
        w("    label: \"%s\"" % x.label)
        w("    values: {%s}" % ", ".join("%s: %s" % (y, x.text[y]) for y in x.text))
        w("    source: \"%s\"" % x.source)
    w("")
    w("drivers:")
    for name, d in drivers:
        w("  %s: %s" % (name, d))
    w("")
    w("scenarios:")
    for sc, desc, name, d in scenarios:
        w("  %s:" % sc)
        w("    description: %s" % desc)
        w("    drivers:")
        w("      %s: %s" % (name, d))
    w("")


def _checks(w, n, at, s, rng, with_burn):
    """The checks, stated from the model's own (rounded) figures, and the
    burn before them; (about 1 model in 10 gets a growth check that warns)."""
    rb, cb, keys = s["revenue"].base, s["costs"].base, at["keys"]
    growth = rb[at["last"]] / rb[at["prev"]] - 1
    if rng.random() < 0.1:
        growth += 0.05             # a check that warns
    multiple = cb[at["last"]] / cb[at["first"]]
    cum = sum(rb[y] - cb[y] for y in keys)
    cash = sum(cb[y] - rb[y] for y in keys) * rng.uniform(0.5, 1.2)
    raise_amt = cash * rng.uniform(0.8, 1.6)
    if with_burn:
        w("burn:")
        w("  revenue: %s" % n("revenue"))
        w("  costs: %s" % n("costs"))
        w("  cash: ~%s" % _fmt(round(cash, 1)))
        w("  cash_year: %s" % at["cash"])
        w("  raises:")
        w("    - {name: Series %s, year: %s, amount: %s..%s, source: \"term sheet\"}"
          % (rng.choice("CDE"), rng.choice(at["raises"]), _fmt(round(raise_amt * 0.9, 1)),
             _fmt(round(raise_amt * 1.1, 1))))
        w("")
    w("checks:")
    w("  - {growth: %s, from: %s, to: %s, stated: %s, tolerance: 0.2%%}"
      % (n("revenue"), at["prev"], at["last"], _pct(round(growth, 3))))
    w("  - {multiple: %s, from: %s, to: %s, stated: ~%s, tolerance: 0.01}"
      % (n("costs"), at["first"], at["last"], "%.2f" % multiple))
    if with_burn:
        w("  - {cumulative: burn, from: %s, to: %s, stated: ~%s, tolerance: 1,"
          " label: \"cash burnt 2022-2025\"}" % (at["first"], at["last"], "%.0f" % cum))
    w("  - {range: %s}" % n("revenue"))


def _model(idx, rng, with_burn=True, quarterly=False):
    t = _ticker(rng)
    n = lambda k: "%s.%s" % (t, k)  # noqa: E731
    rev0 = rng.uniform(40, 400)
    rev = _history(rng, rev0, 0.25, 0.60)
    costs = [r * rng.uniform(1.25, 1.6) for r in rev]
    capex = _history(rng, rev0 * rng.uniform(0.3, 0.8), 0.15, 0.45)
    cloud = _history(rng, rev0 * rng.uniform(0.2, 0.5), 0.15, 0.40)
    ads = _history(rng, rev0 * rng.uniform(0.1, 0.4), 0.05, 0.25)
    rd = [c * rng.uniform(0.25, 0.35) for c in costs]
    sga = [rev0 * 0.2 + i * rev0 * rng.uniform(0.03, 0.08) for i in range(len(HISTORY))]
    dep_share = rng.uniform(0.30, 0.45)
    dep = [c * dep_share * rng.uniform(0.9, 1.1) for c in capex]
    hist = {"revenue": rev, "costs": costs, "capex": capex, "cloud": cloud,
            "ads": ads, "rd": rd, "sga": sga, "dep": dep}
    ranged = {"revenue", "capex", "cloud"}
    if quarterly:
        series = [_Series(n(k), label, _quarters(hist[k], rng), rng, k in ranged, QUARTERS)
                  for k, label in SERIES]
    else:
        series = [_Series(n(k), label, hist[k], rng, k in ranged) for k, label in SERIES]
    s = {k: series[i] for i, (k, _) in enumerate(SERIES)}
    drivers, scenarios = _drivers(rng, n, dep_share)

    out = []
    w = out.append
    if quarterly:
        w("# Generated by bench/gen_models.py --quarterly (seeded): benchmark model %d" % idx)
        w("model: gen-%05d" % idx)
        w("title: \"%s Inc. - quarterly revenue, costs and cash burn (generated)\""
          % t.capitalize())
    else:
        w("# Generated by bench/gen_models.py (seeded): benchmark model %d" % idx)
        w("model: gen-%05d" % idx)
        w("title: \"%s Inc. - revenue, costs and cash burn (generated)\"" % t.capitalize())
        w("description: >-")
        w("  A synthetic company with four stated years and ten projected ones, eight")
        w("  series, three scenarios, a burn with cash and one raise, and four checks."
          if with_burn else "  series, three scenarios and three checks (no burn).")
    w("currency: USD")
    w("unit: M")
    if quarterly:
        w("periods: 2022Q1..2031Q4")
        if idx % 2 == 0:
            w("fiscal_year_end: 6")
    else:
        w("years: %d..%d" % (FIRST, LAST))
    w("as_of: 2026-02-20")
    _body(w, series, drivers, scenarios)
    _checks(w, n, QUARTERLY if quarterly else ANNUAL, s, rng, with_burn)
    return "\n".join(out) + "\n"


def main(argv):
    burn = "--no-burn" not in argv
    quarterly = "--quarterly" in argv
    argv = [a for a in argv if a not in ("--no-burn", "--quarterly")]
    if len(argv) != 4:
        sys.stderr.write("usage: gen_models.py OUTDIR N SEED [--no-burn] [--quarterly]\n")
        return 64
    outdir, count, seed = argv[1], int(argv[2]), int(argv[3])
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(seed)
    for i in range(1, count + 1):
        with open(os.path.join(outdir, "gen-%05d.yaml" % i), "w", encoding="utf-8") as f:
            f.write(_model(i, rng, burn, quarterly))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
