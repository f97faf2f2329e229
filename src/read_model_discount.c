/*
 * read_model_discount.c - the 'discount' section (docs/format.md): the
 * discount rate, which flows to discount (the burn's net cash flow or a
 * money series) and how the flows are dated for XNPV and XIRR.
 */
#include <string.h>

#include "read_model_priv.h"

static int _rate(const rm_reader *r, const yt_node *n, double *rate)
{
    rm_fig f = rm_fig_for(r->m, CX_U_RATIO, NULL);
    int rc = rm_single(r, n, &f, "for 'rate'", rate);
    if (!rc && !(*rate > -1))
        rc = RM_ERR(r, n, "expected a discount rate above -100%% for 'rate', got %s",
                    rm_got(n).s);
    return rc;
}

/* 'flows': `burn` (also the default) or a money series. */
static int _flows(const rm_reader *r, const yt_node *map, const yt_node *n,
                  size_t *series)
{
    *series = CX_NO_INDEX;
    if (!n || (n->kind == YT_SCALAR && !strcmp(n->text, "burn"))) {
        if (r->m->burn.enabled)
            return 0;
        return RM_ERR(r, n ? n : map, "'discount' discounts the burn's net cash flow, "
                      "but the model has no 'burn' (define 'burn', or name a series "
                      "in 'flows')");
    }
    int rc = rm_series_ref(r, n, "for 'flows' in 'discount'", series);
    if (!rc && r->m->series[*series].unit != CX_U_MONEY)
        rc = RM_ERR(r, n, "'flows' in 'discount' must be a money series, '%s' is not",
                    r->m->series[*series].name);
    return rc;
}

static int _dates(const rm_reader *r, const yt_node *n, cx_dates *dates)
{
    int rc = rm_want(r, n, YT_SCALAR, "for 'dates'");
    if (rc)
        return rc;
    if (!strcmp(n->text, "year_end"))
        *dates = CX_DATES_YEAR_END;
    else if (!strcmp(n->text, "mid_year"))
        *dates = CX_DATES_MID_YEAR;
    else
        return RM_ERR(r, n, "expected 'year_end' or 'mid_year' for 'dates', got %s",
                      rm_got(n).s);
    return 0;
}

int rm_discount(const rm_reader *r, const yt_node *n)
{
    static const char *const keys[] = {"rate", "flows", "dates", "source", NULL};
    cx_discount_spec *d = &r->m->discount;
    int rc = rm_want(r, n, YT_MAPPING, "for 'discount' (like {rate: 10%, flows: burn})");
    if (!rc)
        rc = rm_known_keys(r, n, keys, "in 'discount'");
    if (!rc)
        rc = rm_need(r, n, "rate", "in 'discount' (the discount rate, like 10%)");
    if (!rc)
        rc = _rate(r, yt_get(n, "rate"), &d->rate);
    if (!rc)
        rc = _flows(r, n, yt_get(n, "flows"), &d->series);
    d->dates = CX_DATES_YEAR_END;
    if (!rc && yt_get(n, "dates"))
        rc = _dates(r, yt_get(n, "dates"), &d->dates);
    if (!rc)
        rc = rm_opt_text(r, n, "source", &d->source);
    d->enabled = !rc;
    d->line = n->line;
    d->col = n->col;
    return rc;
}
