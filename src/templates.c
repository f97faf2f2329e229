/*
 * templates.c - the starter models of `capex init` (templates.h). Each is
 * run by the end-to-end tests, so they stay valid as the format grows.
 */
#include "templates.h"

#include <stddef.h>
#include <string.h>

static const char _burn[] =
    "# @NAME@ - a startup's monthly cash burn: revenue and costs by month, the cash\n"
    "# in the bank and the raise that funds them, the month the cash runs out and\n"
    "# when it breaks even. Written by `capex init`; the format is docs/format.md,\n"
    "# the maths docs/model.md. Run it: capex run @NAME@.yaml -n (the table by\n"
    "# year; --periods prints every month)\n"
    "model: @NAME@\n"
    "title: @NAME@ - monthly revenue, costs and runway\n"
    "currency: USD\n"
    "unit: K                     # money figures in thousands\n"
    "periods: 2026-01..2028-12   # 36 months; every figure is keyed by its month\n"
    "as_of: @DATE@\n"
    "\n"
    "series:\n"
    "  revenue.co:\n"
    "    label: Revenue\n"
    "    values: {2026-01: 40, 2026-02: 44, 2026-03: 50}   # the months you know\n"
    "    source: \"billing export (replace with your source)\"\n"
    "  costs.payroll:\n"
    "    label: Payroll\n"
    "    values: {2026-01: 210, 2026-02: 210, 2026-03: 225}\n"
    "    source: \"payroll register (replace with your source)\"\n"
    "  costs.other:\n"
    "    label: Hosting, rent and other costs\n"
    "    values: {2026-01: 60, 2026-02: ~62, 2026-03: 65}  # ~62: an estimate\n"
    "    source: \"bank statements (replace with your source)\"\n"
    "  costs.co:\n"
    "    label: Costs\n"
    "    sum_of: [costs.payroll, costs.other]\n"
    "\n"
    "# How each series goes on after its last stated month. Rates are a year's,\n"
    "# as analysts state them (converted to the month: (1 + r)^(1/12) - 1), or\n"
    "# a month's with `per: month`.\n"
    "drivers:\n"
    "  revenue.co:    {method: growth, rate: 8%, per: month}\n"
    "  costs.payroll: {method: growth, rate: 25%}\n"
    "  costs.other:   {method: growth, rate: 10%}\n"
    "\n"
    "scenarios:\n"
    "  slow:\n"
    "    description: revenue grows 4% a month\n"
    "    drivers:\n"
    "      revenue.co: {rate: 4%}\n"
    "\n"
    "# Net cash flow = revenue - costs: the cash at each month's end, the runway,\n"
    "# the month the cash runs out, break-even.\n"
    "burn:\n"
    "  revenue: revenue.co\n"
    "  costs: costs.co\n"
    "  cash: 4000                # in the bank at the start of cash_year\n"
    "  cash_year: 2026-01\n"
    "  raises:\n"
    "    - {name: Seed extension, year: 2027-01, amount: 1500..2500, source: \"term sheet (a range)\"}\n"
    "\n"
    "checks:\n"
    "  - {growth: revenue.co, from: 2026-01, to: 2026-03, stated: 25%}   # what the board deck says\n";

static const char _capex[] =
    "# @NAME@ - capital expenditure of several companies, their total, and what\n"
    "# the source says about it. Written by `capex init`; the format is\n"
    "# docs/format.md. Run it: capex run @NAME@.yaml\n"
    "model: @NAME@\n"
    "title: @NAME@ - capex by company\n"
    "currency: USD\n"
    "unit: B                  # money figures in billions\n"
    "years: 2023..2030\n"
    "as_of: @DATE@\n"
    "\n"
    "series:\n"
    "  capex.alpha:\n"
    "    label: Alpha\n"
    "    values: {2023: ~30, 2024: 50, 2025: 90}    # ~30: an estimate\n"
    "    source: \"Alpha 10-K (replace with your source)\"\n"
    "  capex.beta:\n"
    "    label: Beta\n"
    "    values: {2023: 25, 2024: 40, 2025: 70..80}  # a range: base is the midpoint\n"
    "    source: \"Beta guidance\"\n"
    "  capex.total:\n"
    "    label: Total\n"
    "    sum_of: [capex.alpha, capex.beta]\n"
    "    stated: {2025: 165}                     # the total the source states\n"
    "    source: \"Industry summary table\"\n"
    "\n"
    "drivers:\n"
    "  capex.alpha: {method: fade, from: cagr(2023..2025), to: 5%, over: 4}\n"
    "  capex.beta:  {method: growth, rate: 15%, override: {2026: 30%}}\n"
    "\n"
    "scenarios:\n"
    "  pause:\n"
    "    description: spending flattens\n"
    "    drivers:\n"
    "      capex.alpha: {to: 0%}\n"
    "      capex.beta: {rate: 0%}\n"
    "\n"
    "checks:\n"
    "  - {sum: capex.total}                                      # 165 vs the parts\n"
    "  - {multiple: capex.total, from: 2023, to: 2025, stated: ~3}\n";

static const char _market[] =
    "# @NAME@ - a market's size, a segment's share of it, and a fitted trend.\n"
    "# Written by `capex init`; the format is docs/format.md.\n"
    "# Run it: capex run @NAME@.yaml\n"
    "model: @NAME@\n"
    "title: @NAME@ - market size and segment\n"
    "currency: USD\n"
    "unit: B\n"
    "years: 2021..2030\n"
    "as_of: @DATE@\n"
    "\n"
    "series:\n"
    "  market.total:\n"
    "    label: Market\n"
    "    values: {2021: 60, 2022: 68, 2023: 75, 2024: 85, 2025: 97}\n"
    "    source: \"Market research (replace with your source)\"\n"
    "  market.segment:\n"
    "    label: Premium segment\n"
    "    values: {2023: 4, 2024: 9, 2025: 15}\n"
    "    source: \"Market research\"\n"
    "  share.segment:\n"
    "    label: Segment share\n"
    "    unit: \"%\"\n"
    "    values: {2025: 15.5%}                    # 15 / 97\n"
    "    source: \"Analyst assumption\"\n"
    "\n"
    "drivers:\n"
    "  market.total:   {method: trend, fit: linear}                 # fitted to 2021..2025\n"
    "  share.segment:  {method: growth, rate: 5%}\n"
    "  market.segment: {method: share, of: market.total, share_series: share.segment}\n"
    "\n"
    "checks:\n"
    "  - {growth: market.segment, from: 2024, to: 2025, stated: ~67%}\n"
    "  - {cagr: market.total, from: 2021, to: 2025, stated: ~13%}\n";

const model_template model_templates[] = {
    {"burn", "a startup's monthly revenue, costs, cash, raise and runway", _burn, ""},
    {"capex", "capex of several companies, their stated total and checks", _capex, ""},
    {"market", "a market's size, a segment as its share, a fitted trend", _market, ""},
    {NULL, NULL, NULL, NULL},
};

const model_template *model_template_find(const char *name)
{
    for (const model_template *t = model_templates; t->name; t++)
        if (!strcmp(t->name, name))
            return t;
    return NULL;
}
