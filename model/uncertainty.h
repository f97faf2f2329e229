/*
 * uncertainty.h - distributions of drivers and their correlation, for Monte
 * Carlo. (Being built: see issue 4.)
 */
#ifndef CX_UNCERTAINTY_H
#define CX_UNCERTAINTY_H

/** The model file's `uncertainty:` block; owned by the model. */
typedef struct cx_uncertainty cx_uncertainty;

/** Free it (NULL is fine). */
void cx_uncertainty_free(cx_uncertainty *u);

#endif
