/*
 * read_model_uncertainty.c - the 'uncertainty' section (docs/format.md).
 * (Placeholder until the feature lands: the key is refused.)
 */
#include "read_model_priv.h"

int rm_uncertainty(const rm_reader *r, const yt_node *n)
{
    return RM_ERR(r, n, "'uncertainty' is not supported yet");
}
