/*
 * read_model_periods.c - `periods:` and `fiscal_year_end:` at the top of
 * a model: its calendar (period.h). `years:` is read in read_model.c and
 * becomes an annual calendar here. Also what a monthly or quarterly model
 * cannot hold yet (rm_subannual_refuse).
 */
#include "period.h"
#include "read_model_priv.h"

/* What is wrong with a range, before its "(expected ...)". */
static const char *_what(cx_period_err e)
{
    switch (e) {
    case CX_PERIOD_QUARTER: return "has a quarter that does not exist";
    case CX_PERIOD_MONTH: return "has a month that does not exist";
    case CX_PERIOD_YEAR: return "goes beyond the years 1900..2200";
    case CX_PERIOD_MIXED: return "mixes frequencies";
    case CX_PERIOD_BACKWARDS: return "ends before it starts";
    case CX_PERIOD_TOO_MANY: return "has too many periods";
    default: return "is not a range of periods";
    }
}

static int _fiscal_year_end(const rm_reader *r, const yt_node *n, int *fy_end)
{
    long v;
    if (n == NULL)
        return 0;
    if (n->kind != YT_SCALAR || pv_parse_int(n->text, -99999, 99999, &v)
        || v < 1 || v > 12)
        return RM_ERR(r, n, "fiscal_year_end %s is not a month (expected the "
                      "month the fiscal year ends, 1 to 12)", rm_got(n).s);
    *fy_end = (int)v;
    return 0;
}

static int _periods(const rm_reader *r, const yt_node *n, int fy_end, cx_calendar *cal)
{
    cx_period_err e = n->kind == YT_SCALAR
        ? cx_calendar_parse(n->text, fy_end, cal) : CX_PERIOD_SYNTAX;
    if (e == CX_PERIOD_SYNTAX)
        return RM_ERR(r, n, "periods %s %s (expected FIRST..LAST like "
                      "2025-01..2027-12 or 2025Q1..2027Q4)", rm_got(n).s, _what(e));
    if (e != CX_PERIOD_OK)
        return RM_ERR(r, n, "periods %s %s (expected %s)", rm_got(n).s, _what(e),
                      cx_period_strerr(e));
    if (cal->per_year == 1)
        return RM_ERR(r, n, "periods %s are years (expected 'years: %s', or months "
                      "or quarters like 2025-01..2027-12)", rm_got(n).s, n->text);
    return 0;
}

int rm_calendar(const rm_reader *r, const yt_node *root, cx_calendar *cal, int *annual)
{
    const yt_node *p = yt_get(root, "periods"), *y = yt_get(root, "years");
    const yt_node *f = yt_get(root, "fiscal_year_end");
    int fy_end = 12;
    int rc = _fiscal_year_end(r, f, &fy_end);
    if (rc)
        return rc;
    if (p && y)
        return RM_ERR(r, p, "both 'years' and 'periods' at the top of the model "
                      "(expected one of them)");
    *annual = p == NULL;
    if (p)
        return _periods(r, p, fy_end, cal);
    cal->fy_end = fy_end;
    return 0;
}
