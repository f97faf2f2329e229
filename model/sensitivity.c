/*
 * sensitivity.c - scenarios side by side, tornado, two-way tables.
 * (Placeholder until the feature lands: no model has a spec yet.)
 */
#include <stdlib.h>
#include "sensitivity.h"

void cx_sensitivity_spec_free(cx_sensitivity_spec *s)
{
    free(s);
}
