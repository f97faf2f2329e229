/*
 * read_model_goals.c - the 'goals' section (docs/format.md).
 * (Placeholder until goal seek lands: the key is refused.)
 */
#include "read_model_priv.h"

int rm_goals(const rm_reader *r, const yt_node *n)
{
    return RM_ERR(r, n, "'goals' is not supported yet");
}
