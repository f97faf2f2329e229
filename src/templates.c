/*
 * templates.c - the starter models of `capex init` (templates.h). Each is
 * run by the end-to-end tests, so they stay valid as the format grows.
 */
#include "templates.h"

#include <stddef.h>
#include <string.h>

static const char _burn[] =
    "# @NAME@ - a company's cash burn: revenue and costs, the cash and the raises\n"
    "# that fund them, and when it breaks even. Written by `capex init`; the format\n"
    "# is docs/format.md, the maths docs/model.md. Run it: capex run @NAME@.yaml\n"
    "model: @NAME@\n"
    "title: @NAME@ - revenue, costs and cash burn\n"
    "currency: USD\n"
    "unit: M                  # money figures in millions\n"
    "years: 2024..2032        # every figure lies in these years\n"
    "as_of: @DATE@        # the workbook's date: same model, same bytes\n"
    "\n"
    "series:\n"
    "  revenue.co:\n"
    "    label: Revenue\n"
    "    values: {2024: 12, 2025: 30}           # stated figures; ~30 is an estimate\n"
    "    source: \"Annual report 2025 (replace with your source)\"\n"
    "  costs.co:\n"
    "    label: Costs (incl. capex)\n"
    "    values: {2024: 40, 2025: 65}\n"
    "    source: \"Annual report 2025\"\n"
    "\n"
    "# How each series goes on after its last stated year.\n"
    "drivers:\n"
    "  revenue.co: {method: fade, from: 80%, to: 20%, over: 5}    # growth fades 80% -> 20%\n"
    "  costs.co:   {method: rates, rates: [25%, 15%, 10%, 6%]}   # then 6% a year\n"
    "\n"
    "scenarios:\n"
    "  slow:\n"
    "    description: revenue growth fades faster\n"
    "    drivers:\n"
    "      revenue.co: {from: 50%, to: 10%}\n"
    "\n"
    "# Net cash flow = revenue - costs: cumulative burn, break-even, runway.\n"
    "burn:\n"
    "  revenue: revenue.co\n"
    "  costs: costs.co\n"
    "  cash: 60                 # at the start of cash_year\n"
    "  cash_year: 2025\n"
    "  raises:\n"
    "    - {name: Series B, year: 2026, amount: 50..70, source: \"term sheet (a range)\"}\n"
    "\n"
    "checks:\n"
    "  - {growth: revenue.co, from: 2024, to: 2025, stated: 150%}  # what the report says\n"
    "\n"
    "discount: {rate: 12%}\n";

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
    {"burn", "a company's revenue, costs, cash, raises and break-even", _burn},
    {"capex", "capex of several companies, their stated total and checks", _capex},
    {"market", "a market's size, a segment as its share, a fitted trend", _market},
    {NULL, NULL, NULL},
};

const model_template *model_template_find(const char *name)
{
    for (const model_template *t = model_templates; t->name; t++)
        if (!strcmp(t->name, name))
            return t;
    return NULL;
}
