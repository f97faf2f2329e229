/*
 * sensitivity.h - every scenario side by side, tornado and two-way tables.
 * (Being built: see issue 4.)
 */
#ifndef CX_SENSITIVITY_H
#define CX_SENSITIVITY_H

/** The model file's `sensitivity:` block; owned by the model. */
typedef struct cx_sensitivity_spec cx_sensitivity_spec;

/** Free a spec (NULL is fine). */
void cx_sensitivity_spec_free(cx_sensitivity_spec *s);

#endif
