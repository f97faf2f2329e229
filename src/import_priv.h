/*
 * import_priv.h - what import.c (rows, figures), import_header.c (the
 * header row: which column is what) and import_period.c (the year or
 * period a header or key names, a figure put there, a series' kind and
 * spread) share.
 */
#ifndef CAPEX_IMPORT_PRIV_H
#define CAPEX_IMPORT_PRIV_H

#include "import.h"
#include "period.h"

typedef enum imp_role {
    IMP_NONE = 0,        /* a column without a header: must stay empty */
    IMP_SERIES, IMP_YEAR, IMP_VALUE, IMP_SOURCE, IMP_LABEL, IMP_UNIT,
    IMP_KIND, IMP_SPREAD,
    IMP_NROLES
} imp_role;

/* Where a figure goes: periods [t, t + nt) of the model. year: a whole
 * (fiscal) year of a monthly or quarterly model, spread over its periods
 * as the series' `spread` says; what: "year 2025", "period 2025-03". */
typedef struct imp_slot {
    int t, nt, year;
    char what[8 + CX_PERIOD_KEY_MAX];
} imp_slot;

typedef struct imp {
    cx_model *m;
    const import_spec *spec;
    size_t first_series;         /* this table's first series in m */
    int have_header, header_row, header_col;
    size_t ncols;
    imp_role *role;              /* [ncols] */
    imp_slot *slot;              /* [ncols]: wide layout's year (period) columns */
    size_t col_of[IMP_NROLES];   /* a role's column (the first); SIZE_MAX */
    size_t last;                 /* long layout: the series of the last row */
    size_t money_figures;        /* figures a `unit:` scaled */
} imp;

/** Read the header row into c's roles and years. */
int imp_header(imp *c, const tbl_where *w, const tbl_cell *cells, size_t n);

/** The year (annual model) or period or year (monthly, quarterly) cell f
 *  names, checked against the model's: 0 and *s, -1 when f is no key at
 *  all (a column name, a typo), or a sysexits code after the message. */
int imp_slot_of(const imp *c, const tbl_where *w, const tbl_cell *f, imp_slot *s);

/** Figure v (cell f) of series si into its slot: a year of a monthly or
 *  quarterly model spread as the series says. Each period at most once. */
int imp_put(imp *c, const tbl_where *w, const tbl_cell *f, size_t si, const imp_slot *slot,
            cx_value v);

/** The series' `kind` (flow, balance) and `spread` (even, last) cells,
 *  either NULL when the table has none: then the import's own `kind:`
 *  and `spread:`, if any. */
int imp_flow(const imp *c, const tbl_where *w, const tbl_cell *kind, const tbl_cell *spread,
             cx_series *s);


/** After a table is read: the note on the import's `unit:`, or the
 *  warning on figures that look 1,000 times off (import_scale.c). */
void imp_scale_report(const imp *c);

#endif
