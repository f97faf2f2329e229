/*
 * read_model_discount.c - the 'discount' section (docs/format.md).
 * (Placeholder until discounting lands: the key is refused.)
 */
#include "read_model_priv.h"

int rm_discount(const rm_reader *r, const yt_node *n)
{
    return RM_ERR(r, n, "'discount' is not supported yet");
}
