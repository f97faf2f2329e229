"""periods_check.py DIR - the figures of tests/e2e/periods.sh's models,
worked by hand here (not taken from capex's output)."""
import csv
import json
import sys

import handcheck
from handcheck import failed, near, same

D = sys.argv[1]


def load(name):
    return handcheck.load(D, name)


# ---- monthly burn -------------------------------------------------------
# Revenue in month m (m = 1 is Jan 2026) is 2 * 1.02^(m-1); costs are 10.
# Revenue to the end of month m: 2 * (1.02^m - 1) / 0.02 = 100 * (1.02^m - 1)
# Cash at the end of month m:   100 + 100 * (1.02^m - 1) - 10 m
#   m = 12: 1.02^12 = 1.2682417945625455 -> 100 + 26.82417945625455 - 120
#           = 6.82417945625455 (still >= 0)
#   m = 13: revenue 2 * 1.02^12 = 2.536483589125091, net -7.463516410874909,
#           cash 6.82417945625455 - 7.463516410874909 = -0.639336954620359
# so the cash runs out in month 13, January 2027; within it after
# 6.82417945625455 / 7.463516410874909 = 0.914338... of the month:
# runway 12.914338... months.
g12 = 1.02 ** 12
cash12 = 100 + 100 * (g12 - 1) - 120
net13 = 2 * g12 - 10
runway = 12 + cash12 / -net13
for name in ("burn", "burn_year"):
    b = load(name)["burn"]
    same(f"{name}: run-out month", b["runout_year"], "2027-01")
    near(f"{name}: runway months", b["runway_months"], runway, 1e-9)
    years = {y["year"]: y for y in b["years"]}
    near(f"{name}: cash end of Dec 2026", years["2026-12"]["cash"], cash12, 1e-9)
    near(f"{name}: cash end of Jan 2027", years["2027-01"]["cash"], cash12 + net13, 1e-9)
    same(f"{name}: Jan 2027 label", years["2027-01"]["label"], "Jan 2027")
    same(f"{name}: Feb 2026 end", years["2026-02"]["end"], "2026-02-28")
    # Fiscal (= calendar) years: revenue 2026 = 100 (1.02^12 - 1),
    # 2027 = 100 (1.02^24 - 1.02^12), YoY 1.02^12 - 1; cash at the end of
    # 2027 = 100 + 100 (1.02^24 - 1) - 240.
    annual = {a["year"]: a for a in b["annual_cash"]["annual"]}
    near(f"{name}: cash end of 2027", annual[2027]["value"],
         100 + 100 * (1.02 ** 24 - 1) - 240, 1e-9)
    d = load(name)
    rev = next(s for s in d["series"] if s["name"] == "revenue.app")
    ra = {a["year"]: a for a in rev["annual"]}
    near(f"{name}: revenue 2026", ra[2026]["value"], 100 * (g12 - 1), 1e-9)
    near(f"{name}: revenue 2027", ra[2027]["value"], 100 * (1.02 ** 24 - g12), 1e-9)
    near(f"{name}: revenue YoY 2027", ra[2027]["yoy"], g12 - 1, 1e-9)
    rv = {v["year"]: v for v in rev["values"]}
    near(f"{name}: revenue month on month, Feb 2026 (2%)", rv["2026-02"]["mom"], 0.02, 1e-12)
    near(f"{name}: revenue year on year, Jan 2027", rv["2027-01"]["yoy"], g12 - 1, 1e-12)
    costs = next(s for s in d["series"] if s["name"] == "costs.app")
    near(f"{name}: costs Mar 2026 (120 spread evenly)", costs["values"][2]["value"], 10)
    near(f"{name}: costs 2027", {a["year"]: a for a in costs["annual"]}[2027]["value"], 120)

# CSV: period keys with label, start and end; the run-out row.
with open(f"{D}/burn.csv", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
cash = [r for r in rows if r["record"] == "burn.cash" and r["year"] == "2027-01"]
same("csv: cash row of Jan 2027", len(cash), 1)
if cash:
    same("csv: label", cash[0]["label"], "Jan 2027")
    same("csv: start", cash[0]["start"], "2027-01-01")
    same("csv: end", cash[0]["end"], "2027-01-31")
runout = [r for r in rows if r["record"] == "burn.runout"]
same("csv: run-out period", [r["year"] for r in runout], ["2027-01"])
with open(f"{D}/burn.txt", encoding="utf-8") as f:
    text = f.read()
if "cash runs out in Jan 2027" not in text:
    failed.append("table: 'cash runs out in Jan 2027' missing")

# ---- quarterly, fiscal year ending in June -----------------------------
# FY2025 = Jul 2024 .. Jun 2025 = 2025Q1..2025Q4; FY2026 = 2026Q1..2026Q4.
# revenue (a flow): FY2025 = 10 + 11 + 12 + 13 = 46, FY2026 = 14 + 15 + 16
# + 17 = 62, YoY 62 / 46 - 1 = 0.347826...; headcount (a balance): the
# year's last quarter, 130 and 170. capex grows 21% a year: per quarter
# 1.21^(1/4) - 1 = 1.1^(1/2) - 1, so two quarters on it is 100 * 1.1 = 110
# and four quarters 121.
d = load("fiscal")
same("fiscal: periods", d["periods"], {"frequency": "quarter", "fiscal_year_end": 6,
                                        "first": "2025Q1", "last": "2026Q4",
                                        "count": 8})
series = {s["name"]: s for s in d["series"]}
ra = {a["year"]: a for a in series["revenue.co"]["annual"]}
near("fiscal: revenue FY2025", ra[2025]["value"], 46)
near("fiscal: revenue FY2026", ra[2026]["value"], 62)
near("fiscal: revenue YoY FY2026", ra[2026]["yoy"], 62 / 46 - 1)
ha = {a["year"]: a for a in series["headcount.co"]["annual"]}
near("fiscal: headcount end of FY2025", ha[2025]["value"], 130)
near("fiscal: headcount end of FY2026", ha[2026]["value"], 170)
first = series["revenue.co"]["values"][0]
same("fiscal: 2025Q1", (first["year"], first["label"], first["start"], first["end"]),
     ("2025Q1", "Q1 FY25", "2024-07-01", "2024-09-30"))
last = series["revenue.co"]["values"][-1]
same("fiscal: 2026Q4 ends", last["end"], "2026-06-30")
cv = {v["year"]: v["value"] for v in series["capex.co"]["values"]}
near("fiscal: capex 2025Q3 (two quarters at 21% a year)", cv["2025Q3"], 110, 1e-12)
near("fiscal: capex 2026Q1 (a year on)", cv["2026Q1"], 121, 1e-12)

# users.co: a straight line through 10, 12, 14 a quarter: 16 in 2025Q4,
# 20 in 2026Q2.
uv = {v["year"]: v["value"] for v in series["users.co"]["values"]}
near("fiscal: users 2025Q4 (linear trend)", uv["2025Q4"], 16, 1e-9)
near("fiscal: users 2026Q2 (linear trend)", uv["2026Q2"], 20, 1e-9)
# orders.co (window.yaml): CAGR from the end of FY2025 (13) to the end of
# FY2026 (17), 17/13 - 1 a year, so 2027Q1 is 17 (17/13)^(1/4).
w = {s["name"]: s for s in load("window")["series"]}["orders.co"]
near("window: orders CAGR", w["driver"]["rate"], 17 / 13 - 1, 1e-12)
ov = {v["year"]: v["value"] for v in w["values"]}
near("window: orders 2027Q1", ov["2027Q1"], 17 * (17 / 13) ** 0.25, 1e-12)

# From 2025Q2: FY2025 is partial: no flow total, the balance at its end.
d = load("partial")
series = {s["name"]: s for s in d["series"]}
ra = {a["year"]: a for a in series["revenue.co"]["annual"]}
same("partial: FY2025 not full", ra[2025]["full"], False)
same("partial: FY2025 revenue", ra[2025]["value"], None)
near("partial: FY2026 revenue", ra[2026]["value"], 62)
ha = {a["year"]: a for a in series["headcount.co"]["annual"]}
near("partial: headcount end of FY2025", ha[2025]["value"], 130)

# ---- depreciation, discounting, Monte Carlo by month --------------------
# Five years = 60 months, half a month in the first: 12 bought in Jan 2026
# charges 12/60/2 = 0.1 in Jan, 0.2 a month after; 6 bought in Mar charges
# 0.05 in Mar, 0.1 after. D&A: Jan 0.1, Feb 0.2, Mar 0.25, Apr 0.3; net PP&E
# at the end of Dec 2027: 18 - (0.1 + 23 x 0.2) - (0.05 + 21 x 0.1) = 11.15.
d = load("dep")
series = {s["name"]: s for s in d["series"]}
da = [v["value"] for v in series["da.app"]["values"]]
for i, want in enumerate([0.1, 0.2, 0.25, 0.3]):
    near(f"dep: D&A month {i + 1}", da[i], want, 1e-12)
near("dep: net PP&E Dec 2027", series["da.app.net"]["values"][-1]["value"], 11.15, 1e-12)
# Revenue grows 12.682503013196972% a year = 1% a month (1.01^12); net in
# month m = 1.01^(m-1) - 2. NPV at 10% a year: each month discounted at
# (1.1)^(1/12) - 1, the first month one period: sum net_m / 1.1^(m/12).
net = [1.01 ** (m - 1) - 2 for m in range(1, 25)]
near("dep: discount rate a month", d["discount"]["rate"], 1.1 ** (1 / 12) - 1, 1e-12)
near("dep: NPV", d["discount"]["npv"], sum(x / 1.1 ** ((i + 1) / 12)
                                          for i, x in enumerate(net)), 1e-9)
# Commitments: Lease's schedule 12 for 2026 is 1 a month, 5 in March 2027;
# Chips' 24 over 2027 is 2 a month: total Jan 2026 1, Mar 2027 7, Apr 2027 2.
tot = {x["year"]: x["amount"] for x in d["commitments_total"]}
near("dep: commitments Jan 2026", tot["2026-01"], 1)
near("dep: commitments Mar 2027", tot["2027-03"], 7)
near("dep: commitments Apr 2027", tot["2027-04"], 2)
# XNPV at 10% a year on each month's last day: sum net_i / 1.1^(days/365)
# from the first flow's date (Jan 31, 2026).
import calendar
import datetime
ends = [datetime.date(2026 + i // 12, i % 12 + 1,
                      calendar.monthrange(2026 + i // 12, i % 12 + 1)[1]) for i in range(24)]
near("dep: XNPV", d["discount"]["xnpv"],
     sum(x / 1.1 ** ((e - ends[0]).days / 365) for x, e in zip(net, ends)), 1e-9)
mc = json.load(open(f"{D}/dep_mc.json", encoding="utf-8"))["monte_carlo"]
near("dep: mc P50 of the cumulative (points: deterministic)",
     mc["cumulative"]["percentiles"]["P50"], sum(net), 1e-9)

for f in failed:
    print("  " + f)
sys.exit(1 if failed else 0)
