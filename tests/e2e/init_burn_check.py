"""init_burn_check.py DIR - the figures of `capex init -t burn`'s monthly
starter (tests/e2e/init.sh), worked by hand here from the template's
stated months and drivers, not taken from capex's output.

Months m = 1..36 are Jan 2026..Dec 2028. Stated (Jan..Mar 2026):
revenue 40, 44, 50; payroll 210, 210, 225; other costs 60, ~62, 65.
After March, k = m - 3 months on:
  revenue  50 * 1.08^k           (8% a month, `per: month`)
  payroll  225 * 1.25^(k/12)     (25% a year: (1.25)^(1/12) - 1 a month)
  other    65 * 1.10^(k/12)      (10% a year)
Net = revenue - (payroll + other). Cash 4000 at the start of Jan 2026; the
raise of 1500..2500 (base: the midpoint 2000) counts from the start of
Jan 2027 (m = 13). Scenario `slow`: revenue grows 4% a month instead.
"""
import sys

import handcheck
from handcheck import failed, near, same

D = sys.argv[1]


def key(m):
    return f"{2026 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}"


def months(growth):
    """net and cash at the end of each month m = 1..36, by hand."""
    rev = {1: 40, 2: 44, 3: 50}
    pay = {1: 210, 2: 210, 3: 225}
    oth = {1: 60, 2: 62, 3: 65}
    for m in range(4, 37):
        k = m - 3
        rev[m] = 50 * growth ** k
        pay[m] = 225 * 1.25 ** (k / 12)
        oth[m] = 65 * 1.10 ** (k / 12)
    net = {m: rev[m] - pay[m] - oth[m] for m in range(1, 37)}
    cash, c = {}, 4000.0
    for m in range(1, 37):
        c += (2000 if m == 13 else 0) + net[m]
        cash[m] = c
    return rev, net, cash


def load(name):
    return handcheck.load(D, name)


# ---- base -----------------------------------------------------------------
rev, net, cash = months(1.08)
b = load("burn-base")["burn"]
years = {y["year"]: y for y in b["years"]}
# Jan 2026: 4000 + 40 - (210 + 60) = 3770.
near("base: cash end of Jan 2026", years["2026-01"]["cash"], 3770)
near("base: cash end of Dec 2028", years["2028-12"]["cash"], cash[36])
# Break-even: the first month whose net is >= 0 after the burn. By hand
# below; Sep 2028 (m = 33): revenue 50 * 1.08^30 = 503.13 against costs
# 225 * 1.25^2.5 + 65 * 1.1^2.5 = 393.06 + 82.49 = 475.55; Aug 2028
# (m = 32): 50 * 1.08^29 = 465.86 against 467.65, still below.
be = next(m for m in range(2, 37) if net[m] >= 0 and net[m - 1] < 0)
same("base: break-even month (by hand: m = 33)", be, 33)
same("base: break-even month", b["break_even_year"], key(be))
# Peak cumulative burn: the cumulative just before break-even (Aug 2028).
cum = sum(net[m] for m in range(1, be))
near("base: peak cumulative burn", b["peak_burn"], cum)
same("base: peak month", b["peak_year"], key(be - 1))
# The lowest cash is 6000 + the peak burn (about 59): never below 0.
same("base: lowest cash above 0", min(cash.values()) > 0, True)
near("base: funding gap", b["funding_gap"], 0)
same("base: default alive", b["default_alive"], True)
# Revenue in 2026: 40 + 44 + 50 + 50 * (1.08 + ... + 1.08^9)
#   = 134 + 50 * 1.08 * (1.08^9 - 1) / 0.08 = 808.33...
rev2026 = 134 + 50 * 1.08 * (1.08 ** 9 - 1) / 0.08
near("base: revenue 2026 (by hand)", rev2026, sum(rev[m] for m in range(1, 13)))
d = load("burn-base")
r = next(s for s in d["series"] if s["name"] == "revenue.co")
near("base: revenue 2026", {a["year"]: a for a in r["annual"]}[2026]["value"], rev2026)

# ---- the table: by year by default ----------------------------------------
with open(f"{D}/burn.txt", encoding="utf-8") as f:
    text = f.read().splitlines()
head = next((l for l in text if l.startswith("series")), "")
same("table: one column a year", head.split()[1:], ["2026", "2027", "2028"])
row = next((l for l in text if l.startswith("Revenue ")), "")
same("table: revenue 2026", row.split()[1:2], [f"{rev2026:,.1f}"])

# ---- slow: the cash runs out ----------------------------------------------
rev, net, cash = months(1.04)
out = next(m for m in range(1, 37) if cash[m] < 0)
# Runway from the start of Jan 2026: the months before the run-out month,
# then the part of it the cash at its start lasts.
runway = (out - 1) + cash[out - 1] / -net[out]
b = load("burn-slow")["burn"]
same("slow: run-out month (by hand: Nov 2027)", key(out), "2027-11")
same("slow: run-out month", b["runout_year"], key(out))
near("slow: runway months", b["runway_months"], runway)

for f in failed:
    print("  " + f)
sys.exit(1 if failed else 0)
