/*
 * xlsx_scenarios.c - the Scenarios sheet. (Placeholder: nothing creates the sheet
 * until the feature lands, see write_xlsx.h's xlsx_extras.)
 */
#include "xlsx_book.h"

void xb_write_scenarios(xlsx_book *b)
{
    xb_text(b, b->scen, 0, 0, "Scenarios", NULL);
}
