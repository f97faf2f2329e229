/*
 * error.c - messages for the engine's status codes.
 */
#include "error.h"

static const char *const _messages[CX_STATUS_COUNT] = {
    [CX_OK]        = "success",
    [CX_ENOMEM]    = "out of memory",
    [CX_EINVAL]    = "invalid argument",
    [CX_EDOMAIN]   = "undefined for these figures",
    [CX_ENODATA]   = "a needed figure is missing",
    [CX_ECYCLE]    = "a series depends on itself",
    [CX_ERANGE]    = "a result is not finite",
    [CX_ENOTFOUND] = "not found",
};

const char *cx_strerror(cx_status status)
{
    if ((unsigned)status >= CX_STATUS_COUNT)
        return "unknown error";
    return _messages[status];
}
