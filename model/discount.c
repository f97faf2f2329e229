/*
 * discount.c - NPV, XNPV, IRR, XIRR (see discount.h).
 */
#include <stdlib.h>
#include "discount.h"

void cx_discount_result_release(cx_discount_result *d)
{
    if (!d)
        return;
    free(d->flows);
    free(d->dates);
    d->flows = d->dates = NULL;
}
