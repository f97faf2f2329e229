/*
 * xlsx_valuation.c - the Valuation sheet: NPV, XNPV, IRR, XIRR of the
 * discounted flows. (Placeholder until discounting lands: the sheet is
 * only created when result->discount.enabled, which nothing sets yet.)
 */
#include "xlsx_book.h"

void xb_write_valuation(xlsx_book *b)
{
    xb_text(b, b->valuation, 0, 0, "Valuation", NULL);
}
