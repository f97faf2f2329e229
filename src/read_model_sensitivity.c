/*
 * read_model_sensitivity.c - the 'sensitivity' section (docs/format.md).
 * (Placeholder until the feature lands: the key is refused.)
 */
#include "read_model_priv.h"

int rm_sensitivity(const rm_reader *r, const yt_node *n)
{
    return RM_ERR(r, n, "'sensitivity' is not supported yet");
}
