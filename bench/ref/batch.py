#!/usr/bin/python3
"""bench/ref/batch.py - the Python reference for `capex batch` (issue 5).

    /usr/bin/python3 bench/ref/batch.py MODELDIR OUTDIR --jobs N [--in-memory]

Does, per model of MODELDIR/*.yaml (as written by bench/gen_models.py), the
work `capex run MODEL -s all` does, with Debian's python3-yaml, python3-pandas
and python3-xlsxwriter, in N worker processes (multiprocessing):

  * parse the YAML (yaml.CSafeLoader, libyaml, when present) and its figures
    (`381`, `~140`, `140+`, `645..665`, `58%`);
  * project the series with the generator's drivers (growth, rates, cagr,
    fade, stages, linear trend, share; rate overrides), for every scenario:
    base, the model's own, then `low` and `high` (every range / floor /
    estimate at its low / high end: series values, cash, raise amounts);
  * the burn: net cash flow, cumulative, peak and its year, break-even and
    payback (whole and fractional years), cash at year end, runway, funding
    gap, default alive; the checks (growth, multiple, cumulative, range);
  * write OUTDIR/NAME.xlsx (temporary file, then rename, as capex does) with
    pandas (DataFrame.to_excel) + XlsxWriter: the same six sheets as capex
    (Summary, Inputs, Projection, Burn, Scenarios, Checks), about the same
    number of cells and formulas (live formulas with the computed value
    cached), and the same four charts (Summary: one line chart of the
    series and the burn chart; Burn: the burn chart; Scenarios: a column
    chart).

--in-memory passes XlsxWriter's {'in_memory': True} workbook option (no
temporary file per XML part). Prints "models N seconds S" at the end.

Quarterly models (`gen_models.py --quarterly`, `periods: 2022Q1..2031Q4`,
issue 13) are computed by period as capex does: each quarter a number
(fiscal year x 4 + quarter - 1), the drivers' yearly rates converted to the
quarter ((1 + r)^(1/4) - 1, the rate formulas on Projection too), the
projected year of a period counted from the first projected one, rate
overrides by fiscal year, a trend at x = number / 4, the runway in months
(3 a quarter); the YoY compares the same quarter a year before; and an
Annual sheet rolls the series, the net cash flow and the cash up to fiscal
years (=SUM over the year's quarters, the cash at the year's end) with
YoY formulas and two charts, as capex's Annual sheet.

The figures agree with capex's to rounding (same methods, same order); the
formulas reproduce their cached values on the sheets' own layout, but this
is a benchmark reference, not a second implementation: no validation beyond
what the generated models need.
"""
import argparse
import glob
import math
import multiprocessing
import os
import sys
import time

import pandas as pd
import yaml
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
INF = float("inf")


# --- figures -------------------------------------------------------------

def _num(t):
    t = t.strip().replace(",", "")
    pct = t.endswith("%")
    if pct:
        t = t[:-1]
    return float(t), pct


def figure(x):
    """(low, base, high, kind, text) of a figure as written."""
    if isinstance(x, (int, float)):
        v = float(x)
        return v, v, v, "exact", str(x)
    text = str(x).strip()
    t, kind = text, "exact"
    if t.startswith("~"):
        t, kind = t[1:], "estimate"
    if ".." in t:
        a, b = t.split("..", 1)
        lo, pct_a = _num(a)
        hi, pct_b = _num(b)
        if pct_a or pct_b:      # `20..30%`: the second end's % applies to both
            lo, hi = lo / 100, hi / 100
        return lo, (lo + hi) / 2, hi, "range", text
    if t.endswith("+"):
        v, pct = _num(t[:-1])
        v = v / 100 if pct else v
        return v, v, INF, "floor", text
    v, pct = _num(t)
    v = v / 100 if pct else v
    return v, v, v, kind, text


def _resolution(text):
    t = text.strip().lstrip("~").rstrip("+")
    ends = t.split("..")
    res = 0.0
    for e in ends:
        e = e.strip().replace(",", "")
        scale = 0.01 if e.endswith("%") else 1.0
        e = e.rstrip("%")
        dec = len(e.split(".")[1]) if "." in e else 0
        res = max(res, 0.5 * 10 ** -dec * scale)
    return res


def _rate(x):
    return figure(x)[1]


# --- periods -------------------------------------------------------------

def _pnum(key):
    """A period key's number: 2025 (a year), 2025Q3 -> 2025 * 4 + 2."""
    t = str(key)
    if "Q" in t:
        y, q = t.split("Q")
        return int(y) * 4 + int(q) - 1
    return int(t)


def _ptitle(m, p):
    return "Q%d FY%02d" % (p % 4 + 1, (p // 4) % 100) if m.k > 1 else p


def _per(r, k):
    """A yearly rate as the rate of one of k periods."""
    return r if k == 1 else (1 + r) ** (1.0 / k) - 1


# --- the model -------------------------------------------------------------

class Model:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            d = yaml.load(f, Loader=Loader)
        self.path, self.d = path, d
        self.name = d["model"]
        self.title = d.get("title", self.name)
        self.k = 4 if "periods" in d else 1
        y0, y1 = (_pnum(v) for v in str(d.get("periods", d.get("years"))).split(".."))
        self.years = list(range(y0, y1 + 1))
        self.series = {}            # name -> {label, figs{year: (lo, base, hi, kind, text)}, source}
        for name, s in d["series"].items():
            figs = {_pnum(y): figure(v) for y, v in s["values"].items()}
            self.series[name] = {"label": s.get("label", name), "figs": figs,
                                 "source": s.get("source", "")}
        self.drivers = d.get("drivers", {})
        self.scenarios = d.get("scenarios", {})
        self.burn = d.get("burn")
        self.checks = d.get("checks", [])


def _drivers_for(m, scenario):
    drv = {k: dict(v) for k, v in m.drivers.items()}
    if scenario in m.scenarios:
        for k, v in m.scenarios[scenario].get("drivers", {}).items():
            if "method" in v and v["method"] != drv.get(k, {}).get("method"):
                drv[k] = dict(v)
            else:
                drv.setdefault(k, {}).update(v)
    return drv


def _window_cagr(vals, w, k=1):
    """A CAGR a year over a window of years (quarterly: from the last
    quarter of the first year to the last quarter of the second)."""
    a, b = (int(x) * k + k - 1 for x in str(w).split(".."))
    return (vals[b] / vals[a]) ** (float(k) / (b - a)) - 1


def _rate_spec(x, vals):
    if isinstance(x, str) and x.startswith("cagr("):
        return _window_cagr(vals, x[5:-1])
    return _rate(x)


def _rates(d, vals, n, k=1):
    """Growth rate of projected periods 1..n (None: not a growth chain): a
    year's rate, by projected year (periods i // k), per period."""
    if k > 1:
        if d["method"] == "cagr" and "window" not in d:
            stated = sorted(vals)
            r = (vals[stated[-1]] / vals[stated[0]]) ** (float(k) / (stated[-1] - stated[0])) - 1
            yearly = [r] * n
        elif d["method"] == "cagr":
            yearly = [_window_cagr(vals, d["window"], k)] * n
        else:
            yearly = _rates(d, vals, (n + k - 1) // k)
        return None if yearly is None else [_per(yearly[i // k if d["method"] != "cagr" else i], k)
                                            for i in range(n)]
    meth = d["method"]
    if meth == "growth":
        r = [_rate(d["rate"])] * n
    elif meth == "rates":
        lst = [_rate(x) for x in d["rates"]]
        r = [lst[min(k, len(lst) - 1)] for k in range(n)]
    elif meth == "cagr":
        stated = sorted(vals)
        w = d.get("window", "%d..%d" % (stated[0], stated[-1]))
        r = [_window_cagr(vals, w)] * n
    elif meth == "fade":
        f, t, over = _rate_spec(d["from"], vals), _rate(d["to"]), int(d["over"])
        r = [f + (t - f) * min(k - 1, over - 1) / (over - 1) for k in range(1, n + 1)]
    elif meth == "stages":
        h, hy = _rate_spec(d["high"], vals), int(d["high_years"])
        t, fy = _rate(d["to"]), int(d["fade_years"])
        r = []
        for k in range(1, n + 1):
            if k <= hy:
                r.append(h)
            elif fy == 0:
                r.append(t)
            else:
                r.append(h + (t - h) * min(k - hy, fy) / fy)
    else:
        return None
    return r


def project(m, scenario, end):
    """DataFrame (series x years) of values, and the rates (series -> {year: rate})."""
    idx = 0 if end == "low" else 2 if end == "high" else 1
    drv = _drivers_for(m, scenario)
    vals, rates = {}, {}
    order = [s for s in m.series if drv.get(s, {}).get("method") != "share"]
    order += [s for s in m.series if drv.get(s, {}).get("method") == "share"]
    for s in order:
        figs = m.series[s]["figs"]
        v = {}
        for y, f in figs.items():
            x = f[idx]
            v[y] = f[1] if math.isinf(x) else x
        last = max(v)
        proj = [y for y in m.years if y > last]
        d = drv.get(s)
        rates[s] = {}
        if d and proj:
            r = _rates(d, v, len(proj), m.k)
            ov = {int(k): _per(_rate(x), m.k) for k, x in d.get("override", {}).items()}
            if r is not None:
                for k, y in enumerate(proj):
                    rk = ov.get(y // m.k if m.k > 1 else y, r[k])
                    v[y] = v[y - 1] * (1 + rk)
                    rates[s][y] = rk
            elif d["method"] == "trend":
                xs = sorted(figs)
                v = {y / m.k: x for y, x in v.items()} if m.k > 1 else v
                xs = [x / m.k for x in xs] if m.k > 1 else xs
                mx = sum(xs) / len(xs)
                my = sum(v[x] for x in xs) / len(xs)
                b = sum((x - mx) * (v[x] - my) for x in xs) / sum((x - mx) ** 2 for x in xs)
                a = my - b * mx
                v = {round(x * m.k): val for x, val in v.items()} if m.k > 1 else v
                for y in proj:
                    v[y] = a + b * (y / m.k if m.k > 1 else y)
            elif d["method"] == "share":
                sh, of = _rate(d["share"]), vals[d["of"]]
                for y in proj:
                    v[y] = sh * of[y]
        vals[s] = v
    df = pd.DataFrame({s: pd.Series(vals[s]) for s in m.series}).T.reindex(columns=m.years)
    return df, rates


def _frac_cross(ys, xs):
    """First fractional year where xs goes from < 0 to >= 0 (xs[0] >= 0: ys[0])."""
    if xs[0] >= 0:
        return float(ys[0])
    for i in range(1, len(xs)):
        if xs[i - 1] < 0 <= xs[i]:
            return ys[i - 1] + (0 - xs[i - 1]) / (xs[i] - xs[i - 1])
    return None


def burn(m, df, end):
    b = m.burn
    idx = 0 if end == "low" else 2 if end == "high" else 1
    years = m.years
    net = (df.loc[b["revenue"]] - df.loc[b["costs"]]).tolist()
    cum = pd.Series(net).cumsum().tolist()
    peak = min(0.0, min(cum))
    peak_year = years[cum.index(min(cum))] if peak < 0 else None
    be = next((y for y, n in zip(years, net) if n >= 0), None)
    pb_from = years.index(peak_year) if peak_year else 0
    pb = next((years[i] for i in range(pb_from, len(years)) if cum[i] >= 0), None)
    be_frac = _frac_cross(years, net)
    pb_frac = None if peak_year is None and cum[0] < 0 else (
        float(years[0]) if peak >= 0 else _frac_cross(years[pb_from:], cum[pb_from:]))
    cf = figure(b["cash"])
    cash0 = cf[1] if math.isinf(cf[idx]) else cf[idx]
    cy = _pnum(b.get("cash_year", years[0]))
    raises = {}
    for r in b.get("raises", []):
        a = figure(r["amount"])
        ry = _pnum(r["year"])
        raises[ry] = raises.get(ry, 0) + (a[1] if math.isinf(a[idx]) else a[idx])
    cash, c, runout = {}, cash0, None
    for y, n in zip(years, net):
        if y < cy:
            continue
        start = c + raises.get(y, 0)
        c = start + n
        cash[y] = c
        if runout is None and c < 0:
            runout = y + start / (0 - n)
    gap = max(0.0, -min(cash.values()))
    runway = (runout - cy) * (12 // m.k) if runout is not None else None
    if runout is not None:
        alive = "default alive" if be_frac is not None and be_frac <= runout else "default dead"
    else:
        alive = "default alive" if be_frac is not None else "unknown"
    return {"net": net, "cum": cum, "peak": peak, "peak_year": peak_year, "break_even": be,
            "payback": pb, "be_frac": be_frac, "pb_frac": pb_frac, "cash0": cash0,
            "cash_year": cy, "raises": raises, "cash": cash, "runout": runout,
            "runway": runway, "gap": gap, "alive": alive, "total": sum(n for n in net if n < 0)}


def checks(m, df, bu):
    out = []
    for c in m.checks:
        label = c.get("label", "")
        if "range" in c:
            s = c["range"]
            for y, f in sorted(m.series[s]["figs"].items()):
                tol = _resolution(f[4]) if "tolerance" not in c else _rate(c["tolerance"])
                v = df.at[s, y]
                ok = f[0] - tol <= v and (math.isinf(f[2]) or v <= f[2] + tol)
                out.append(("range " + s, str(y), f, v, tol, ok, label))
            continue
        st = figure(c["stated"])
        tol = _rate(c["tolerance"]) if "tolerance" in c else _resolution(st[4])
        y1, y2 = _pnum(c["from"]), _pnum(c["to"])
        if "growth" in c:
            kind, s = "growth", c["growth"]
            v = df.at[s, y2] / df.at[s, y1] - 1
        elif "multiple" in c:
            kind, s = "multiple", c["multiple"]
            v = df.at[s, y2] / df.at[s, y1]
        else:
            kind, s = "cumulative", "burn"
            i1, i2 = m.years.index(y1), m.years.index(y2)
            v = sum(bu["net"][i1:i2 + 1])
        ok = st[0] - tol <= v <= st[2] + tol
        out.append(("%s %s" % (kind, s), "%d..%d" % (y1, y2), st, v, tol, ok, label))
    return out


def compute(m):
    runs = []
    for sc in ["base"] + list(m.scenarios) + ["low", "high"]:
        end = sc if sc in ("low", "high") else None
        df, rates = project(m, sc, end)
        bu = burn(m, df, end) if m.burn else None
        runs.append((sc, df, rates, bu, checks(m, df, bu)))
    return runs


# --- the workbook ----------------------------------------------------------

def _c(r, c, row_abs=False, col_abs=False):
    return xl_rowcol_to_cell(r, c, row_abs, col_abs)


def _na(x):
    return "n/a" if x is None else x


def _nwh(x):
    return "not within horizon" if x is None else x


class Book:
    def __init__(self, m, runs, path, in_memory):
        self.m, self.runs, self.path = m, runs, path
        opts = {"in_memory": True} if in_memory else {}
        self.xw = pd.ExcelWriter(path, engine="xlsxwriter",
                                 engine_kwargs={"options": opts})
        self.wb = self.xw.book
        self.wb.set_properties({"title": m.title, "author": "capex reference"})
        f = self.wb.add_format
        self.f_title = f({"bold": True, "font_size": 16})
        self.f_hdr = f({"bold": True, "bottom": 1, "bg_color": "#D9D9D9", "text_wrap": True})
        self.f_money = f({"num_format": '"$"#,##0.0"M"'})
        self.f_in = f({"num_format": '"$"#,##0.0"M"', "font_color": "#0000FF", "bg_color": "#FFFFCC"})
        self.f_proj = f({"num_format": '"$"#,##0.0"M"', "bg_color": "#DDEBF7"})
        self.f_pct = f({"num_format": "0.00%"})
        self.f_year = f({"num_format": "0"})
        self.f_note = f({"italic": True, "font_color": "#808080", "font_size": 9})
        self.f_wrap = f({"text_wrap": True, "valign": "top"})
        self.ws = {}
        sheets = ("Summary", "Inputs", "Projection", "Burn", "Scenarios", "Checks") + (
            ("Annual",) if m.k > 1 else ())
        for name in (s for s in sheets if m.burn or s != "Burn"):
            self.ws[name] = self.wb.add_worksheet(name)
            self.xw.sheets[name] = self.ws[name]
            self.ws[name].set_landscape()
            self.ws[name].fit_to_pages(1, 0)
            self.ws[name].set_header("&L%s&R2026-02-20" % m.name)
        self.ycol = {y: 3 + i for i, y in enumerate(m.years)}

    def write(self):
        self.inputs()
        self.projection()
        if self.m.burn:
            self.burn()
        if self.m.k > 1:
            self.annual()
        self.scenarios()
        self.checks()
        self.summary()
        self.xw.close()

    # Inputs: the stated figures (a DataFrame) and the drivers.
    def inputs(self):
        m, ws = self.m, self.ws["Inputs"]
        ws.write(0, 0, "Inputs: %s" % m.title, self.f_title)
        rows, self.fig_cell = [], {}
        for s, d in m.series.items():
            for y, f in sorted(d["figs"].items()):
                self.fig_cell[(s, y)] = "Inputs!$G$%d" % (6 + len(rows))
                rows.append({"Series": s, "Label": d["label"], "Year": y / m.k if m.k > 1 else y,
                             "As written": f[4],
                             "Kind": f[3], "Low": f[0], "Base": f[1],
                             "High": None if math.isinf(f[2]) else f[2],
                             "Unit": "money", "Source": d["source"]})
        figs = pd.DataFrame(rows)
        figs.to_excel(self.xw, sheet_name="Inputs", startrow=4, index=False)
        ws.set_column(5, 7, 12, self.f_in)
        ws.set_column(9, 9, 60, self.f_wrap)
        ws.set_column(1, 1, 30, self.f_wrap)
        r0 = 6 + len(rows)
        ws.write(r0, 0, "Drivers", self.f_hdr)
        hdr = ["Series", "Method", "Rate", "From", "To", "Over", "Window from", "Window to",
               "Window CAGR", "How"]
        ws.write_row(r0 + 1, 0, hdr, self.f_hdr)
        self.drv_cell = {}
        base = self.runs[0]
        for i, (s, d) in enumerate(m.drivers.items()):
            r = r0 + 2 + i
            ws.write(r, 0, s)
            ws.write(r, 1, d["method"])
            for key, col in (("rate", 2), ("from", 3), ("to", 4), ("over", 5), ("share", 2)):
                if key in d and not str(d[key]).startswith("cagr"):
                    v = _rate(d[key]) if key != "over" else int(d[key])
                    ws.write_number(r, col, v, self.f_pct if key != "over" else None)
                    self.drv_cell[(s, key)] = "Inputs!$%s$%d" % (xl_col_to_name(col), r + 1)
                    self.wb.define_name("drv_%s_%s" % (s.replace(".", "_"), key),
                                        "=" + self.drv_cell[(s, key)])
            if d["method"] == "cagr":
                a, b = (int(x) * m.k + m.k - 1 for x in str(d["window"]).split(".."))
                ws.write_number(r, 6, a)
                ws.write_number(r, 7, b)
                v = base[2][s]
                cg = (1 + next(iter(v.values()))) ** m.k - 1 if v else 0
                ws.write_formula(r, 8, "=(%s/%s)^(%d/(%s-%s))-1" % (
                    self.fig_cell[(s, b)], self.fig_cell[(s, a)], m.k, _c(r, 7), _c(r, 6)),
                    self.f_pct, cg)
                self.drv_cell[(s, "cagr")] = "Inputs!$I$%d" % (r + 1)
            if d["method"] == "rates":
                for k, x in enumerate(d["rates"]):
                    ws.write_number(r, 10 + k, _rate(x), self.f_pct)
                self.drv_cell[(s, "rates")] = r
            ws.write(r, 9, "%s: %s" % (d["method"], ", ".join(
                "%s %s" % (k, v) for k, v in d.items() if k != "method")), self.f_wrap)

    # Projection: one row per series (stated: =Inputs!G.., projected:
    # =prev*(1+rate)), a rate row beneath a growth chain, YoY, chart rows.
    def projection(self):
        m, ws = self.m, self.ws["Projection"]
        _, df, rates, _, _ = self.runs[0]
        ws.write(0, 0, "Projection (base)", self.f_title)
        ws.write(1, 0, "stated plain, projected light blue", self.f_note)
        ws.write_row(3, 0, ["Series", "Unit", "Method"] + [_ptitle(m, y) for y in m.years],
                     self.f_hdr)
        ws.freeze_panes(4, 3)
        ws.set_column(3, 3 + len(m.years), 12)
        self.row, r = {}, 4
        for s in m.series:
            self.row[s] = r
            d = m.drivers.get(s, {})
            ws.write(r, 0, s)
            ws.write(r, 1, "money")
            ws.write(r, 2, d.get("method", ""))
            rate_row = r + 1 if rates[s] else None
            for y in m.years:
                c, v = self.ycol[y], df.at[s, y]
                if (s, y) in self.fig_cell:
                    ws.write_formula(r, c, "=" + self.fig_cell[(s, y)], self.f_money, v)
                elif y in rates[s]:
                    ws.write_formula(r, c, "=%s*(1+%s)" % (_c(r, c - 1), _c(rate_row, c)),
                                     self.f_proj, v)
                elif d.get("method") == "trend":
                    ys = sorted(m.series[s]["figs"])
                    ws.write_formula(r, c, "=TREND(Inputs!$G$%s:$G$%s,Inputs!$C$%s:$C$%s,%s)" % (
                        self.fig_cell[(s, ys[0])].split("$")[-1],
                        self.fig_cell[(s, ys[-1])].split("$")[-1],
                        self.fig_cell[(s, ys[0])].split("$")[-1],
                        self.fig_cell[(s, ys[-1])].split("$")[-1],
                        _c(3, c, True) if m.k == 1 else repr(y / m.k)),
                        self.f_proj, v)
                else:
                    ws.write_formula(r, c, "=%s*%s" % (_c(self.row[d["of"]], c),
                                                      self.drv_cell[(s, "share")]),
                                     self.f_proj, v)
            r += 1
            if rate_row:
                ws.write(r, 0, "  growth rate", self.f_note)
                for k, (y, rv) in enumerate(sorted(rates[s].items())):
                    c = self.ycol[y]
                    yk, k = (y // m.k, k // m.k) if m.k > 1 else (y, k)
                    if d["method"] == "rates":
                        dr = self.drv_cell[(s, "rates")]
                        col = 10 + min(k, len(d["rates"]) - 1)
                        f = "=Inputs!$%s$%d" % (xl_col_to_name(col), dr + 1)
                    elif d["method"] == "fade":
                        f = "=%s+(%s-%s)*MIN(%d,%s-1)/MAX(%s-1,1)" % (
                            self.drv_cell[(s, "from")], self.drv_cell[(s, "to")],
                            self.drv_cell[(s, "from")], k, self.drv_cell[(s, "over")],
                            self.drv_cell[(s, "over")])
                    elif d["method"] == "cagr":
                        f = "=" + self.drv_cell[(s, "cagr")]
                    elif d["method"] == "growth" and yk not in {
                            int(o) for o in d.get("override", {})}:
                        f = "=" + self.drv_cell[(s, "rate")]
                    else:
                        ws.write_number(r, c, rv, self.f_pct)
                        continue
                    if m.k > 1:     # the year's rate as the quarter's
                        f = "=(1+(%s))^(1/%d)-1" % (f[1:], m.k)
                    ws.write_formula(r, c, f, self.f_pct, rv)
                r += 1
        r += 1
        ws.write(r, 0, "Year-on-year growth", self.f_hdr)
        r += 1
        for s in m.series:
            ws.write(r, 0, s)
            for y in m.years[m.k:]:     # the same period a year before
                c = self.ycol[y]
                v = df.at[s, y] / df.at[s, y - m.k] - 1
                ws.write_formula(r, c, "=%s/%s-1" % (_c(self.row[s], c),
                                                     _c(self.row[s], c - m.k)), self.f_pct, v)
            r += 1
        r += 1
        self.chart_row = {}
        for s in m.series:
            last = max(m.series[s]["figs"])
            for part, ys in (("history", [y for y in m.years if y <= last]),
                             ("projection", [y for y in m.years if y >= last])):
                ws.write(r, 0, "%s (%s)" % (m.series[s]["label"], part))
                for y in ys:
                    c = self.ycol[y]
                    ws.write_formula(r, c, "=" + _c(self.row[s], c), self.f_money, df.at[s, y])
                self.chart_row[(s, part)] = r
                r += 1

    # Burn: rows 4.. (revenue, costs, net, cumulative, flags), figures in B,
    # funding by year, the raise, the chart.
    def burn(self):
        m, ws = self.m, self.ws["Burn"]
        bu = self.runs[0][3]
        b = m.burn
        ws.write(0, 0, "Cash burn (base)", self.f_title)
        ws.write_row(2, 0, ["", "", "Year"], self.f_hdr)
        c0, c1 = self.ycol[m.years[0]], self.ycol[m.years[-1]]
        for y in m.years:
            ws.write_number(2, self.ycol[y], y, self.f_hdr)
        labels = ["Revenue", "Costs", "Net cash flow", "Cumulative", "net >= 0", "paid back"]
        for i, lab in enumerate(labels):
            ws.write(3 + i, 0, lab)
        pr = self.row
        for i, y in enumerate(m.years):
            c = self.ycol[y]
            ws.write_formula(3, c, "=Projection!%s" % _c(pr[b["revenue"]], c), self.f_money,
                             self.runs[0][1].at[b["revenue"], y])
            ws.write_formula(4, c, "=Projection!%s" % _c(pr[b["costs"]], c), self.f_money,
                             self.runs[0][1].at[b["costs"], y])
            ws.write_formula(5, c, "=%s-%s" % (_c(3, c), _c(4, c)), self.f_money, bu["net"][i])
            ws.write_formula(6, c, "=%s" % _c(5, c) if i == 0 else
                             "=%s+%s" % (_c(6, c - 1), _c(5, c)), self.f_money, bu["cum"][i])
            ws.write_formula(7, c, "=IF(%s>=0,1,0)" % _c(5, c), None, int(bu["net"][i] >= 0))
            paid = int((bu["peak"] >= 0 or (bu["peak_year"] and y > bu["peak_year"]))
                       and bu["cum"][i] >= 0)
            ws.write_formula(8, c, "=IF(AND(OR($B$12>=0,%s>$B$13),%s>=0),1,0)" % (
                _c(2, c, True), _c(6, c)), None, paid)
        cum_rng = "%s:%s" % (_c(6, c0), _c(6, c1))
        yrs = "%s:%s" % (_c(2, c0, True, True), _c(2, c1, True, True))
        figs = [
            ("Peak cumulative burn", "=MIN(0,MIN(%s))" % cum_rng, bu["peak"]),
            ("Peak burn year", '=IF(B12<0,INDEX(%s,MATCH(B12,%s,0)),"no burn")' % (yrs, cum_rng),
             bu["peak_year"] or "no burn"),
            ("Break-even year", '=IFERROR(INDEX(%s,MATCH(1,%s:%s,0)),"not within horizon")'
             % (yrs, _c(7, c0), _c(7, c1)), bu["break_even"] or "not within horizon"),
            ("Payback year", '=IFERROR(INDEX(%s,MATCH(1,%s:%s,0)),"not within horizon")'
             % (yrs, _c(8, c0), _c(8, c1)), bu["payback"] or "not within horizon"),
            ("Total burn", '=SUMIF(%s:%s,"<0")' % (_c(5, c0), _c(5, c1)), bu["total"]),
            ("Break-even, fractional year",
             '=IF(COUNT(%s:%s)=0,"not within horizon",MIN(%s:%s))'
             % (_c(32, c0), _c(32, c1), _c(32, c0), _c(32, c1)),
             _nwh(bu["be_frac"])),
            ("Payback, fractional year",
             '=IF($B$12>=0,$D$3,IF(COUNT(%s:%s)=0,"not within horizon",MIN(%s:%s)))'
             % (_c(33, c0), _c(33, c1), _c(33, c0), _c(33, c1)), _nwh(bu["pb_frac"])),
        ]
        ws.write(10, 0, "Figures", self.f_hdr)
        for i, (lab, f, v) in enumerate(figs):
            ws.write(11 + i, 0, lab)
            ws.write_formula(11 + i, 1, f, self.f_money, v)
        ws.write(18, 0, "Cash at the start of %d" % bu["cash_year"])
        ws.write_number(18, 1, bu["cash0"], self.f_in)
        more = [
            ("Runway (months)", '=IF(ISNUMBER($B$21),($B$21-%d)*%d,"lasts the horizon")'
             % (bu["cash_year"], 12 // m.k), _na(bu["runway"]) if bu["runway"] is not None else "lasts the horizon"),
            ("Cash runs out (year)", '=IF(COUNT(%s:%s)=0,"lasts the horizon",MIN(%s:%s))'
             % (_c(31, c0), _c(31, c1), _c(31, c0), _c(31, c1)),
             bu["runout"] if bu["runout"] is not None else "lasts the horizon"),
            ("Funding gap", "=MAX(0,-MIN(%s:%s))" % (_c(30, c0), _c(30, c1)), bu["gap"]),
            ("Default alive?", '=IF(ISNUMBER($B$21),IF(ISNUMBER($B$17),IF($B$17<=$B$21,'
             '"default alive","default dead"),"default dead"),IF(ISNUMBER($B$17),'
             '"default alive","unknown"))', bu["alive"]),
        ]
        for i, (lab, f, v) in enumerate(more):
            ws.write(19 + i, 0, lab)
            ws.write_formula(19 + i, 1, f, None, v)
        # Funding by year: rows 27.. (gross, net burn, raises, cash, helpers).
        ws.write(26, 0, "Funding by year", self.f_hdr)
        rows = ["Gross burn", "Net burn", "Raises", "Cash at end of year", "cash runs out",
                "net crosses 0", "paid back"]
        for i, lab in enumerate(rows):
            ws.write(27 + i, 0, lab, self.f_note if i >= 4 else None)
        cy = bu["cash_year"]
        prev_cash = None
        for i, y in enumerate(m.years):
            c = self.ycol[y]
            n = bu["net"][i]
            ws.write_formula(27, c, "=%s" % _c(4, c), self.f_money,
                             self.runs[0][1].at[b["costs"], y])
            ws.write_formula(28, c, "=MAX(0,-%s)" % _c(5, c), self.f_money, max(0.0, -n))
            ws.write_formula(29, c, "=SUMIF($B$37:$B$37,%s,$C$37:$C$37)" % _c(2, c, True),
                             self.f_money, bu["raises"].get(y, 0))
            if y >= cy:
                f = ("=$B$19+%s+%s" % (_c(5, c), _c(29, c)) if y == cy else
                     "=%s+%s+%s" % (_c(30, c - 1), _c(5, c), _c(29, c)))
                ws.write_formula(30, c, f, self.f_money, bu["cash"][y])
            if i:
                v = ""
                if bu["runout"] is not None and int(bu["runout"]) == y and prev_cash is not None:
                    v = bu["runout"]
                ws.write_formula(31, c, '=IF(AND(COUNT($D32:%s)=0,%s<0),%s+(%s+%s)/(0-%s),"")' % (
                    _c(31, c - 1), _c(30, c), _c(2, c, True), _c(30, c - 1), _c(29, c),
                    _c(5, c)), None, v)
                v = bu["be_frac"] if (bu["be_frac"] is not None and
                                      int(bu["be_frac"]) == y - 1 and bu["net"][i - 1] < 0) else ""
                ws.write_formula(32, c, '=IF(AND(COUNT($D33:%s)=0,%s<0,%s>=0),%s+(0-%s)/(%s-%s),"")'
                                 % (_c(32, c - 1), _c(5, c - 1), _c(5, c), _c(2, c - 1, True),
                                    _c(5, c - 1), _c(5, c), _c(5, c - 1)), None, v)
                v = bu["pb_frac"] if (bu["pb_frac"] is not None and
                                      int(bu["pb_frac"]) == y - 1) else ""
                ws.write_formula(33, c, '=IF(AND(COUNT($D34:%s)=0,%s>$B$13,%s>=0),%s+(0-%s)/(%s-%s),"")'
                                 % (_c(33, c - 1), _c(2, c, True), _c(6, c), _c(2, c - 1, True),
                                    _c(6, c - 1), _c(6, c), _c(6, c - 1)), None, v)
            prev_cash = bu["cash"].get(y)
        ws.write_row(35, 0, ["Raise", "Year", "Amount", "Source"], self.f_hdr)
        for r in b.get("raises", []):
            ws.write(36, 0, r["name"])
            ws.write_number(36, 1, _pnum(r["year"]), self.f_in)
            ws.write_number(36, 2, figure(r["amount"])[1], self.f_in)
            ws.write(36, 3, r.get("source", ""))
        self.burn_chart = []
        for sheet, where in (("Burn", (39, 0)), ("Summary", (20, 11))):
            ch = self.wb.add_chart({"type": "column"})
            for row, color in ((6, "#4472C4"), (5, "#ED7D31")):
                ch.add_series({"name": ["Burn", row, 0],
                               "categories": ["Burn", 2, c0, 2, c1],
                               "values": ["Burn", row, c0, row, c1],
                               "fill": {"color": color}})
            ch.set_title({"name": "Cumulative burn (USD M) - break-even %s" % _na(bu["break_even"]),
                          "name_font": {"size": 12, "bold": True}})
            ch.set_legend({"position": "bottom"})
            ch.set_size({"x_scale": 1.4})
            self.burn_chart.append((sheet, where, ch))
        ws.insert_chart(39, 0, self.burn_chart[0][2])

    # Annual (quarterly models): each series, the net cash flow and the cash
    # by fiscal year, =SUM over the year's quarters (the cash: its last
    # quarter), a YoY row per series, a column chart of the series and one
    # of the net cash flow and cash, as capex's Annual sheet.
    def annual(self):
        m, ws, k = self.m, self.ws["Annual"], self.m.k
        _, df, _, bu, _ = self.runs[0]
        fys = sorted({y // k for y in m.years if all(y // k * k + q in self.ycol
                                                        for q in range(k))})
        ws.write(0, 0, "Annual roll-ups (fiscal years)", self.f_title)
        ws.write(1, 0, "Flows: the SUM of the year's quarters; cash: the year's last quarter",
                 self.f_note)
        ws.write_row(3, 0, ["Series", "Unit", "Roll-up"] + fys, self.f_hdr)
        rows = [(s, "Projection", self.row[s], [df.at[s, y] for y in m.years], False)
                for s in m.series]
        if bu:
            rows.append(("Net cash flow (Burn)", "Burn", 5, bu["net"], False))
            rows.append(("Cash at year end", "Burn", 30,
                         [bu["cash"].get(y, float("nan")) for y in m.years], True))
        tot = {}
        for i, (name, sheet, src, vals, end) in enumerate(rows):
            r = 4 + i
            ws.write(r, 0, name)
            ws.write(r, 1, "USD M")
            ws.write(r, 2, "year end" if end else "sum")
            for j, fy in enumerate(fys):
                a, z = self.ycol[fy * k], self.ycol[fy * k + k - 1]
                ia = m.years.index(fy * k)
                if end:
                    v = vals[ia + k - 1]
                    f = "=%s!%s" % (sheet, _c(src, z))
                else:
                    v = sum(vals[ia:ia + k])
                    f = "=SUM(%s!%s:%s)" % (sheet, _c(src, a), _c(src, z))
                tot[(i, j)] = v
                ws.write_formula(r, 3 + j, f, self.f_money, "" if v != v else v)
        r = 5 + len(rows)
        ws.write(r, 0, "Year-on-year growth", self.f_hdr)
        for i, s in enumerate(m.series):
            ws.write(r + 1 + i, 0, "%s YoY" % s)
            for j in range(1, len(fys)):
                v = tot[(i, j)] / tot[(i, j - 1)] - 1 if tot[(i, j - 1)] else ""
                ws.write_formula(r + 1 + i, 3 + j, "=%s/%s-1" % (_c(4 + i, 3 + j),
                                                               _c(4 + i, 2 + j)), self.f_pct, v)
        at = r + 2 + len(m.series)
        for n, (first, last, where) in enumerate(((0, len(m.series) - 1, 0),
                                                  (len(m.series), len(rows) - 1, 9))):
            if last < first:
                continue
            ch = self.wb.add_chart({"type": "column"})
            for i in range(first, last + 1):
                ch.add_series({"name": ["Annual", 4 + i, 0],
                               "categories": ["Annual", 3, 3, 3, 2 + len(fys)],
                               "values": ["Annual", 4 + i, 3, 4 + i, 2 + len(fys)]})
            ch.set_title({"name": "By fiscal year (USD M)" if n == 0 else
                          "Net cash flow and cash (USD M)"})
            ch.set_x_axis({"name": "Fiscal year"})
            ch.set_legend({"position": "bottom"})
            ws.insert_chart(at, where, ch)

    # Scenarios: values (a DataFrame), differences from the base (formulas),
    # descriptions, a clustered column chart.
    def scenarios(self):
        m, ws = self.m, self.ws["Scenarios"]
        ws.write(0, 0, "Scenarios side by side", self.f_title)
        ws.write(1, 0, "each scenario is a separate computation: its figures are values",
                 self.f_note)
        ws.write(2, 0, "low / high: every range, floor and estimate at its low / high end",
                 self.f_note)
        last = m.years[-1]
        data, idx = {}, []
        for s in m.series:
            idx.append("%s, %d" % (m.series[s]["label"], last))
        if m.burn:
            idx += ["Cumulative net cash flow %d-%d" % (m.years[0], last),
                    "Peak cumulative burn", "Peak burn year", "Break-even year",
                    "Break-even (fractional year)", "Payback year", "Payback (fractional year)"]
        idx += ["Check warnings"]
        for sc, df, _, bu, ck in self.runs:
            col = [df.at[s, last] for s in m.series]
            if bu:
                col += [bu["cum"][-1], bu["peak"], _na(bu["peak_year"]), _na(bu["break_even"]),
                        _na(bu["be_frac"]), _na(bu["payback"]), _na(bu["pb_frac"])]
            col += [sum(1 for c in ck if not c[5])]
            data[sc] = col
        table = pd.DataFrame(data, index=idx)
        units = ["USD M"] * len(m.series)
        if m.burn:
            units += ["USD M"] * 2 + ["year"] * 5
        table.insert(0, "Unit", units + [""])
        table.index.name = "Output (values)"
        table.to_excel(self.xw, sheet_name="Scenarios", startrow=4)
        ws.freeze_panes(5, 2)
        n = len(idx)
        r0 = 5 + n + 1
        ws.write(r0, 0, "Difference from base (formulas)", self.f_hdr)
        for i, lab in enumerate(idx):
            r = r0 + 1 + i
            ws.write(r, 0, lab)
            base = data["base"][i]
            for j, sc in enumerate(list(data)[1:]):
                c = 3 + j
                v = data[sc][i]
                cached = v - base if isinstance(v, (int, float)) and isinstance(base, (int, float)) else ""
                ws.write_formula(r, c, '=IF(AND(ISNUMBER(%s),ISNUMBER(%s)),%s-%s,"")' % (
                    _c(5 + i, c), _c(5 + i, 2, False, True), _c(5 + i, c),
                    _c(5 + i, 2, False, True)), self.f_money, cached)
        r = r0 + n + 2
        ws.write_row(r, 0, ["Scenario", "What it is"], self.f_hdr)
        desc = {"base": "the drivers as written", "low": "every range at its low end",
                "high": "every range at its high end"}
        for sc in data:
            r += 1
            ws.write(r, 0, sc)
            ws.write(r, 1, m.scenarios.get(sc, {}).get("description", desc.get(sc, "")))
        ch = self.wb.add_chart({"type": "column"})
        for j, sc in enumerate(data):
            ch.add_series({"name": ["Scenarios", 4, 2 + j],
                           "categories": ["Scenarios", 5, 0, 5 + len(m.series) + 1, 0],
                           "values": ["Scenarios", 5, 2 + j, 5 + len(m.series) + 1, 2 + j]})
        ch.set_title({"name": "Scenarios side by side (USD M)"})
        ws.insert_chart(r + 2, 0, ch)

    # Checks: one row per result, G computed (a formula), J status.
    def checks(self):
        m, ws = self.m, self.ws["Checks"]
        ck = self.runs[0][4]
        ws.write(0, 0, "Checks", self.f_title)
        ws.write_row(2, 0, ["Check", "Period", "Stated", "Low", "Base", "High", "Computed",
                            "Difference", "Tolerance", "Status", "Message", "Label", "Source",
                            "Computed low", "Computed high"], self.f_hdr)
        self.warn = 0
        for i, (what, period, st, v, tol, ok, label) in enumerate(ck):
            r = 3 + i
            ws.write(r, 0, what)
            ws.write(r, 1, period)
            ws.write(r, 2, st[4])
            ws.write_number(r, 3, st[0])
            ws.write_number(r, 4, st[1])
            if not math.isinf(st[2]):
                ws.write_number(r, 5, st[2])
            kind, s = what.split(" ", 1)
            if kind == "cumulative":
                y1, y2 = (int(x) for x in period.split(".."))
                f = "=SUM(Burn!%s:%s)" % (_c(5, self.ycol[y1]), _c(5, self.ycol[y2]))
            elif kind == "range":
                f = "=IF(ISBLANK(O%d),MAX(E%d,N%d),MIN(MAX(E%d,N%d),O%d))" % ((r + 1,) * 6)
                ws.write_formula(r, 13, "=Projection!%s" % _c(self.row[s], self.ycol[int(period)]),
                                 None, v)
                ws.write_formula(r, 14, "=Projection!%s" % _c(self.row[s], self.ycol[int(period)]),
                                 None, v)
                v = min(max(st[1], v), v)
            else:
                y1, y2 = (int(x) for x in period.split(".."))
                a = "Projection!%s" % _c(self.row[s], self.ycol[y1])
                b = "Projection!%s" % _c(self.row[s], self.ycol[y2])
                f = "=%s/%s-1" % (b, a) if kind == "growth" else "=%s/%s" % (b, a)
            ws.write_formula(r, 6, f, None, v)
            ws.write_formula(r, 7, "=G%d-E%d" % (r + 1, r + 1), None, v - st[1])
            ws.write_number(r, 8, tol)
            ws.write_formula(r, 9, '=IF(ISNUMBER(G%d),IF(AND(G%d>=D%d-I%d,OR(F%d="",G%d<=F%d+I%d)),'
                             '"pass","warn"),"warn")' % ((r + 1,) * 8), None,
                             "pass" if ok else "warn")
            ws.write(r, 10, "%s %s: stated %s, computed %.6g" % (what, period, st[4], v))
            ws.write(r, 11, label)
            self.warn += not ok
        ws.conditional_format(3, 9, 3 + len(ck), 9, {"type": "cell", "criteria": "==",
                                                       "value": '"warn"',
                                                       "format": self.f_note})

    # Summary: model facts, growth over the stated history, cash burn
    # figures (links to Burn), the series chart and the burn chart.
    def summary(self):
        m, ws = self.m, self.ws["Summary"]
        _, df, _, bu, ck = self.runs[0]
        ws.write(0, 0, m.title, self.f_title)
        ws.merge_range(1, 0, 1, 9, m.d.get("description", ""), self.f_wrap)
        facts = [("Model", m.name), ("Scenario", "base"), ("Currency, unit", "USD, millions"),
                 ("Years", "%d-%d" % (m.years[0], m.years[-1])), ("As of", str(m.d.get("as_of")))]
        for i, (k, v) in enumerate(facts):
            ws.write(3 + i, 0, k)
            ws.write(3 + i, 1, v)
        n = len(ck)
        ws.write(8, 0, "Checks")
        ws.write_formula(8, 1, '=IF(COUNTIF(Checks!J:J,"warn")=0,"all %d checks pass",'
                         'COUNTIF(Checks!J:J,"warn")&" warnings of %d checks")' % (n, n), None,
                         "all %d checks pass" % n if not self.warn else
                         "%d warnings of %d checks" % (self.warn, n))
        ws.write(10, 0, "Growth over the stated history", self.f_hdr)
        ws.write_row(11, 0, ["Series", "Name", "Unit", "From", "To", "Value from", "Value to",
                             "Multiple", "CAGR", m.years[-1]], self.f_hdr)
        for i, s in enumerate(m.series):
            r = 12 + i
            ys = sorted(m.series[s]["figs"])
            a, b = ys[0], ys[-1]
            va, vb = df.at[s, a], df.at[s, b]
            ws.write(r, 0, m.series[s]["label"])
            ws.write(r, 1, s)
            ws.write(r, 2, "money")
            ws.write_number(r, 3, a)
            ws.write_number(r, 4, b)
            ws.write_formula(r, 5, "=Projection!%s" % _c(self.row[s], self.ycol[a]), self.f_money, va)
            ws.write_formula(r, 6, "=Projection!%s" % _c(self.row[s], self.ycol[b]), self.f_money, vb)
            ws.write_formula(r, 7, "=G%d/F%d" % (r + 1, r + 1), None, vb / va)
            ws.write_formula(r, 8, "=_xlfn.RRI(E%d-D%d,F%d,G%d)" % ((r + 1,) * 4), self.f_pct,
                             (vb / va) ** (1 / (b - a)) - 1)
            ws.write_formula(r, 9, "=Projection!%s" % _c(self.row[s], self.ycol[m.years[-1]]),
                             self.f_money, df.at[s, m.years[-1]])
        r = 13 + len(m.series)
        if bu:
            self._summary_burn(ws, r, bu)
        self._summary_chart(ws)

    def _summary_burn(self, ws, r, bu):
        ws.write(r, 0, "Cash burn", self.f_hdr)
        for i, (lab, cell, v) in enumerate((
                ("Peak cumulative burn", "$B$12", bu["peak"]),
                ("Peak burn year", "$B$13", bu["peak_year"] or "no burn"),
                ("Break-even year", "$B$14", bu["break_even"] or "not within horizon"),
                ("Payback year", "$B$15", bu["payback"] or "not within horizon"),
                ("Total burn", "$B$16", bu["total"]))):
            ws.write(r + 1 + i, 0, lab)
            ws.write_formula(r + 1 + i, 1, "=Burn!" + cell, self.f_money, v)
        sheet, where, bc = self.burn_chart[1]
        ws.insert_chart(where[0], where[1], bc)

    def _summary_chart(self, ws):
        m = self.m
        ch = self.wb.add_chart({"type": "line"})
        colors = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47",
                  "#264478", "#9E480E"]
        for i, s in enumerate(m.series):
            for part in ("history", "projection"):
                rr = self.chart_row[(s, part)]
                ch.add_series({"name": ["Projection", rr, 0],
                               "categories": ["Projection", 3, 3, 3, 3 + len(m.years) - 1],
                               "values": ["Projection", rr, 3, rr, 3 + len(m.years) - 1],
                               "line": {"color": colors[i % len(colors)], "width": 2.25,
                                        "dash_type": "dash" if part == "projection" else "solid"},
                               "marker": {"type": "circle" if part == "history" else "none"}})
        ch.set_title({"name": "%s (USD M)" % next(iter(m.series)).split(".")[0],
                      "name_font": {"size": 12, "bold": True}})
        ch.set_x_axis({"name": "Year"})
        ch.set_legend({"position": "bottom",
                       "delete_series": list(range(1, 2 * len(m.series), 2))})
        ws.insert_chart(2, 11, ch)


def run_one(args):
    path, outdir, in_memory = args
    m = Model(path)
    runs = compute(m)
    name = os.path.splitext(os.path.basename(path))[0]
    final = os.path.join(outdir, name + ".xlsx")
    tmp = os.path.join(outdir, ".%s.%d.tmp.xlsx" % (name, os.getpid()))
    Book(m, runs, tmp, in_memory).write()
    os.replace(tmp, final)
    return name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("modeldir")
    ap.add_argument("outdir")
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--in-memory", action="store_true")
    a = ap.parse_args()
    t0 = time.monotonic()
    files = sorted(glob.glob(os.path.join(a.modeldir, "*.yaml")))
    os.makedirs(a.outdir, exist_ok=True)
    work = [(f, a.outdir, a.in_memory) for f in files]
    if a.jobs <= 1:
        done = [run_one(w) for w in work]
    else:
        with multiprocessing.Pool(a.jobs) as pool:
            done = list(pool.imap_unordered(run_one, work, chunksize=8))
    print("models %d seconds %.3f" % (len(done), time.monotonic() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
