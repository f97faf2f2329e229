/*
 * uncertainty.c - driver distributions and correlation for Monte Carlo.
 * (Placeholder until the feature lands: no model has one yet.)
 */
#include <stdlib.h>
#include "uncertainty.h"

void cx_uncertainty_free(cx_uncertainty *u)
{
    free(u);
}
