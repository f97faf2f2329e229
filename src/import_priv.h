/*
 * import_priv.h - what import.c (rows, figures) and import_header.c (the
 * header row: which column is what) share.
 */
#ifndef CAPEX_IMPORT_PRIV_H
#define CAPEX_IMPORT_PRIV_H

#include "import.h"

typedef enum imp_role {
    IMP_NONE = 0,        /* a column without a header: must stay empty */
    IMP_SERIES, IMP_YEAR, IMP_VALUE, IMP_SOURCE, IMP_LABEL, IMP_UNIT
} imp_role;

typedef struct imp {
    cx_model *m;
    const import_spec *spec;
    size_t first_series;         /* this table's first series in m */
    int have_header, header_row, header_col;
    size_t ncols;
    imp_role *role;              /* [ncols] */
    int *year;                   /* [ncols]: wide layout's year columns */
    size_t col_of[IMP_UNIT + 1]; /* a role's column (the first); SIZE_MAX */
    size_t last;                 /* long layout: the series of the last row */
    size_t money_figures;        /* figures a `unit:` scaled */
} imp;

/** Read the header row into c's roles and years. */
int imp_header(imp *c, const tbl_where *w, const tbl_cell *cells, size_t n);


/** After a table is read: the note on the import's `unit:`, or the
 *  warning on figures that look 1,000 times off (import_scale.c). */
void imp_scale_report(const imp *c);

#endif
