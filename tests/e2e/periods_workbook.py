"""periods_workbook.py DIR - the workbooks of tests/e2e/periods.sh's monthly
and quarterly models: period titles where an annual model has years, the
rates converted per period, the Burn figures and the Annual sheet, checked
against figures worked by hand here (not taken from capex's output). The
formulas themselves are recalculated by tests/e2e/recalc.py."""
import sys
import warnings

import openpyxl

warnings.filterwarnings("ignore", message="Workbook contains no default style")
D = sys.argv[1]
failed = []


def near(what, got, want, tol=1e-9):
    if not isinstance(got, (int, float)) or abs(got - want) > tol * max(1.0, abs(want)):
        failed.append(f"{what}: got {got!r}, expected {want}")


def same(what, got, want):
    if got != want:
        failed.append(f"{what}: got {got!r}, expected {want!r}")


def books(name):
    """The workbook with formulas and with cached values."""
    path = f"{D}/{name}.xlsx"
    return openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)


def row_of(ws, label):
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == label:
            return row[0].row
    failed.append(f"{ws.title}: no row '{label}'")
    return None


def value(ws, label, col):
    r = row_of(ws, label)
    return ws.cell(r, col).value if r else None


# ---- monthly burn (periods.sh's burn.yaml) ------------------------------
# Header: Jan 2026 in D4 (Projection), D3 (Burn), text not a serial number.
# Revenue grows 2% a month (per: month): its rate cells are the input as it
# is, =drv_revenue_app_rate, 0.02. The cash runs out in Jan 2027 after
# 6.82417945625455 / 7.463516410874909 of the month (periods_check.py):
# 12.914338... months from the start of Jan 2026; as a fractional fiscal
# year 2027 + 0.914338... / 12.
f, v = books("burn")
same("burn: Projection D4", v["Projection"]["D4"].value, "Jan 2026")
same("burn: Projection AA4", v["Projection"]["AA4"].value, "Dec 2027")
same("burn: Burn D3", v["Burn"]["D3"].value, "Jan 2026")
rate_row = row_of(f["Projection"], "  growth rate")
if rate_row:
    same("burn: Feb 2026 rate formula", f["Projection"].cell(rate_row, 5).value,
         "=drv_revenue_app_rate")
    near("burn: Feb 2026 rate", v["Projection"].cell(rate_row, 5).value, 0.02)
g12 = 1.02 ** 12
cash12 = 100 + 100 * (g12 - 1) - 120
net13 = 2 * g12 - 10
runway = 12 + cash12 / -net13
near("burn: runway (months)", value(v["Burn"], "Runway (months)", 2), runway)
near("burn: cash runs out (fiscal year)",
     value(v["Burn"], "Cash runs out (fractional fiscal year)", 2), 2026 + runway / 12)
near("burn: Dec 2026 cash", value(v["Burn"], "Cash at end of month", 15), cash12)
same("burn: sheets", v.sheetnames[:5], ["Summary", "Inputs", "Projection", "Burn", "Annual"])
# Annual: revenue 2026 = 100 (1.02^12 - 1), 2027 = 100 (1.02^24 - 1.02^12);
# cash at the end of 2027 = 100 + 100 (1.02^24 - 1) - 240.
a = v["Annual"]
same("burn: Annual header", (a["D4"].value, a["E4"].value), (2026, 2027))
same("burn: Annual header format", a["D4"].number_format, '"FY"0')
near("burn: Annual revenue 2026", value(a, "revenue.app", 4), 100 * (g12 - 1))
near("burn: Annual revenue 2027", value(a, "revenue.app", 5), 100 * (1.02 ** 24 - g12))
near("burn: Annual costs 2027", value(a, "costs.app", 5), 120)
near("burn: Annual cash 2027", value(a, "Cash at year end (Burn)", 5),
     100 + 100 * (1.02 ** 24 - 1) - 240)
near("burn: Annual revenue YoY 2027", value(a, "revenue.app YoY", 5), g12 - 1)
same("burn: Annual revenue 2026 formula", value(f["Annual"], "revenue.app", 4),
     "=SUM(Projection!D5:O5)")

# Stated per year (26.8241794562545% a year): each month's rate is a
# formula converting it, =(1+rate)^(1/12)-1, which is 2% again.
f, v = books("burn_year")
if rate_row:
    same("burn_year: rate formula", f["Projection"].cell(rate_row, 5).value,
         "=(1+drv_revenue_app_rate)^(1/12)-1")
    near("burn_year: Feb 2026 rate", v["Projection"].cell(rate_row, 5).value, 0.02, 1e-12)

# ---- quarterly, fiscal year ending in June -------------------------------
# FY2025 revenue 10 + 11 + 12 + 13 = 46, FY2026 62 (YoY 62/46 - 1);
# headcount (balance) 130 and 170; capex 100 growing 21% a year:
# per quarter 1.21^(1/4) - 1 = 1.1^(1/2) - 1; FY2025 = 100 (1 + q + q^2 + q^3)
# with q = 1.1^(1/2), FY2026 = 1.21 times that.
f, v = books("fiscal")
same("fiscal: Projection D4", v["Projection"]["D4"].value, "Q1 FY25")
same("fiscal: Projection K4", v["Projection"]["K4"].value, "Q4 FY26")
a = v["Annual"]
same("fiscal: Annual title", a["A1"].value, "Annual roll-ups (fiscal years ending in June)")
near("fiscal: revenue FY2025", value(a, "revenue.co", 4), 46)
near("fiscal: revenue FY2026", value(a, "revenue.co", 5), 62)
near("fiscal: revenue YoY FY2026", value(a, "revenue.co YoY", 5), 62 / 46 - 1)
near("fiscal: headcount FY2025", value(a, "headcount.co", 4), 130)
near("fiscal: headcount FY2026", value(a, "headcount.co", 5), 170)
same("fiscal: headcount FY2025 formula", value(f["Annual"], "headcount.co", 4),
     "=Projection!G6")
q = 1.1 ** 0.5
near("fiscal: capex FY2025", value(a, "capex.co", 4), 100 * (1 + q + q * q + q ** 3))
near("fiscal: capex FY2026", value(a, "capex.co", 5), 121 * (1 + q + q * q + q ** 3))
rate_row = row_of(f["Projection"], "  growth rate")
if rate_row:
    same("fiscal: capex Q2 FY25 rate formula", f["Projection"].cell(rate_row, 5).value,
         "=(1+drv_capex_co_rate)^(3/12)-1")
    near("fiscal: capex Q2 FY25 rate", v["Projection"].cell(rate_row, 5).value, q - 1, 1e-12)

# From 2025Q2: FY2025 has 3 of its 4 quarters: no revenue total, n/a;
# headcount at its end (Q4 is inside) 130.
f, v = books("partial")
a = v["Annual"]
same("partial: FY2025 marked", a["D5"].value, "partial: 3 of 4")
same("partial: revenue FY2025", value(a, "revenue.co", 4), "n/a")
near("partial: revenue FY2026", value(a, "revenue.co", 5), 62)
near("partial: headcount FY2025", value(a, "headcount.co", 4), 130)

# ---- monthly with a raise and a commitment (raise.yaml) ------------------
# Mar 2026 .. Feb 2028: calendar 2026 has 10 months (partial), 2027 all 12,
# 2028 two. The commitment (24 over 2027..2028, front-loaded: 2027 gets
# 24 * 2 / 3 = 16) is 16 / 12 a month in 2027; the raise of 40 is in
# Sep 2026; 한국어 names survive.
f, v = books("raise")
a = v["Annual"]
same("raise: FY2026 marked", a["D5"].value, "partial: 10 of 12")
same("raise: FY2027 marked", a["E5"].value, "all 12")
c = v["Commitments"]
same("raise: commitment name", c["A4"].value, "클라우드 계약")
same("raise: commitments header", c["D3"].value, "Mar 2026")
near("raise: commitment Jan 2027", c["N4"].value, 16 / 12)
formula = f["Commitments"]["N4"].value or ""
same("raise: commitment Jan 2027, the year's amount by twelve",
     (formula.startswith("=(Inputs!"), formula.endswith(")/12")), (True, True))
same("raise: raise period", value(v["Burn"], "Series A", 2), "Sep 2026")
near("raise: raised in Sep 2026", value(v["Burn"], "Raises", 10), 40)
same("raise: Summary periods", value(v["Summary"], "Periods", 2), "Mar 2026\u2013Feb 2028")

# Checks: the break-even (Jun 2027, as in raise.yaml) is in fiscal 2027;
# the CAGR Mar -> Dec 2026 is annualised, (v_Dec / v_Mar)^(12/9) - 1 with
# v_Dec / v_Mar = (2.6 / 2) * 5^(6/12) (three months interpolated to 2.6,
# then six at 400% a year): 1.3^(4/3) * 5^(2/3) - 1.
f, v = books("checks")
c = v["Checks"]
same("checks: break-even computed", c["G4"].value, 2027)
same("checks: break-even status", c["J4"].value, "pass")
near("checks: CAGR computed", c["G5"].value, 1.3 ** (4 / 3) * 5 ** (2 / 3) - 1)
same("checks: CAGR period", c["B5"].value, "Mar 2026..Dec 2026")
# --scenario all: the year figures are titles (text), the fractions
# fractional fiscal years; base breaks even in Jun 2027: its net crosses
# 0 between May (the start of May 2027 is 2027 + 4/12) and June (2027 + 5/12).
f, v = books("checks_all")
s = v["Scenarios"]
same("checks_all: break-even (base)", value(s, "Break-even month", 3), "Jun 2027")
be = value(s, "Break-even (fractional year)", 3)
same("checks_all: break-even fraction between May and Jun 2027",
     isinstance(be, float) and 2027 + 4 / 12 < be < 2027 + 5 / 12, True)

# Monte Carlo: the fan and the probabilities by month, titled by period.
f, v = books("mc")
mc = v["MonteCarlo"]
same("mc: fan header", value(mc, "Month", 2), "Deterministic")
same("mc: target", row_of(mc, "break_even_by Oct 2027") is not None, True)
same("mc: probabilities by month", row_of(mc, "Probability by month") is not None, True)
same("mc: first fan period", mc.cell(row_of(mc, "Month") + 1, 1).value, "Mar 2026")

# Goals and sensitivity: the goal's period as its title; the base of the
# cumulative burn Mar 2026 .. Jun 2027 equals the Burn sheet's cumulative
# in Jun 2027 (column S: Mar 2026 is D).
f, v = books("goals")
same("goals: label", row_of(v["Burn"], "revenue.app: break even by Sep 2027") is not None,
     True)
near("goals: sensitivity base = Burn cumulative Jun 2027", value(v["Sensitivity"], "At the base", 2),
     value(v["Burn"], "Cumulative", 19))

# Trends: the linear fit of (x, users) = (2026, 10), (2026 + 1/12, 12),
# (2026 + 2/12, 15), (2026 + 3/12, 16) in months m = 0..3: slope 2.1 a
# month (sum (m - 1.5)(v - 13.25) / sum (m - 1.5)^2 = 10.5 / 5), value at
# m = 4 (May 2026) 13.25 + 2.1 * 2.5 = 18.5, a live TREND.
f, v = books("trends")
near("trends: users.lin May 2026", value(v["Projection"], "users.lin", 8), 18.5)
same("trends: users.lin May 2026 formula", value(f["Projection"], "users.lin", 8),
     "=TREND($D$5:$G$5,$D$3:$G$3,H$3)")

# Discounting by month: the period's rate 1.1^(1/12) - 1; Jan 2026's date
# its last day; a flow's term discounted (1 + rate)^1 for the first.
f, v = books("disc")
val = v["Valuation"]
near("disc: rate per month", val["B7"].value, 1.1 ** (1 / 12) - 1)
same("disc: NPV formula", f["Valuation"]["B14"].value.startswith("=NPV(discount_rate_period,"),
     True)
same("disc: first date", f["Valuation"]["D10"].value, "=DATE(2026,1,31)")
f, v = books("discmid")
same("discmid: first date (1 Jan + 15 of 31 days)", f["Valuation"]["D10"].value,
     "=DATE(2026,1,1)+15")

# ---- depreciation by period --------------------------------------------
# periods.sh's dep.yaml: capex 12 in Jan 2026, 0 in Feb, 6 in Mar (none
# after: no driver), life 5 years = 60 months, straight line, half a month
# in the purchase month: 12/60 = 0.2 a month for January's purchase (0.1
# in January), 6/60 = 0.1 for March's (0.05 in March).
# D&A: Jan 0.1, Feb 0.2, Mar 0.2 + 0.05 = 0.25, Apr 0.2 + 0.1 = 0.3
# (periods_check.py works the same figures from JSON, and net PP&E 11.15 in
# Dec 2027). The sheet's headings are months, its life 5 x 12 periods.
f, v = books("dep")
dws, dwf = v["Depreciation"], f["Depreciation"]
r = row_of(dws, "D&A")
for i, want in enumerate([0.1, 0.2, 0.25, 0.3]):
    near(f"dep: Depreciation D&A month {i + 1}", dws.cell(r, 4 + i).value if r else None, want)
same("dep: heading Jan 2026", value(dws, "Month", 4), "Jan 2026")
# money by month with two decimals: 0.25 shows as $0.25B, not $0.3B
same("dep: money format", dws.cell(r, 6).number_format if r else None, '"$"#,##0.00"B"')
same("dep: heading Dec 2027", value(dws, "Month", 27), "Dec 2027")
near("dep: Net PP&E, end of month, Dec 2027", value(dws, "Net PP&E, end of month", 27), 11.15)
same("dep: last month charged (ceil(60 + 0.5) - 1)",
     value(dws, "Last month charged (months after purchase)", 2), 60)
lr = row_of(dwf, "Length of asset month k")
if lr:
    same("dep: the life in months in the formula", dwf.cell(lr, 4).value.count("*12)"), 1)
same("dep: a vintage row by month", row_of(dws, "Purchases of Mar 2026") is not None, True)
# depq.yaml: 8 bought in Q1 FY26, 8 quarters of life, 1 a quarter, 0.5 in
# Q1: D&A 0.5, 1, 1, 1 (FY2026: 3.5), then 1 x 4 (FY2027: 4); net PP&E
# 8 - 3.5 = 4.5 at FY2026's end, 8 - 7.5 = 0.5 at FY2027's end (Annual:
# D&A summed, net PP&E at the year end).
f, v = books("depq")
qws = v["Depreciation"]
r = row_of(qws, "D&A")
for i, want in enumerate([0.5, 1, 1, 1, 1, 1, 1, 1]):
    near(f"depq: D&A quarter {i + 1}", qws.cell(r, 4 + i).value if r else None, want)
same("depq: heading Q1 FY26", value(qws, "Quarter", 4), "Q1 FY26")
near("depq: Net PP&E Q4 FY27", value(qws, "Net PP&E, end of quarter", 11), 0.5)
aws = v["Annual"]
near("depq: Annual D&A FY2026", value(aws, "da.q", 4), 3.5)
near("depq: Annual D&A FY2027", value(aws, "da.q", 5), 4)
near("depq: Annual net PP&E FY2026 (year end)", value(aws, "da.q.net", 4), 4.5)
near("depq: Annual net PP&E FY2027 (year end)", value(aws, "da.q.net", 5), 0.5)
same("depq: net PP&E rolls up at the year end", value(aws, "da.q.net", 3), "year end")

for msg in failed:
    print("  " + msg)
sys.exit(1 if failed else 0)
