/*
 * xlsx_sensitivity.c - the Sensitivity sheet. (Placeholder: nothing creates the sheet
 * until the feature lands, see write_xlsx.h's xlsx_extras.)
 */
#include "xlsx_book.h"

void xb_write_sensitivity(xlsx_book *b)
{
    xb_text(b, b->sens, 0, 0, "Sensitivity", NULL);
}
