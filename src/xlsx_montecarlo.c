/*
 * xlsx_montecarlo.c - the MonteCarlo sheet. (Placeholder: nothing creates the sheet
 * until the feature lands, see write_xlsx.h's xlsx_extras.)
 */
#include "xlsx_book.h"

void xb_write_montecarlo(xlsx_book *b)
{
    xb_text(b, b->mc, 0, 0, "MonteCarlo", NULL);
}
