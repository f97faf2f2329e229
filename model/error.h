/*
 * error.h - status codes returned by every public function of the engine.
 *
 * The engine never prints and never exits: each function returns a
 * cx_status and the caller decides what to tell the user.
 */
#ifndef CX_ERROR_H
#define CX_ERROR_H

typedef enum cx_status {
    CX_OK = 0,       /**< success */
    CX_ENOMEM,       /**< out of memory */
    CX_EINVAL,       /**< invalid argument (NULL, bad index, bad year) */
    CX_EDOMAIN,      /**< figure undefined for these inputs (CAGR of a
                          negative value, growth from zero, ...) */
    CX_ENODATA,      /**< a needed figure is missing for that year */
    CX_ECYCLE,       /**< a series depends on itself (sums, shares) */
    CX_ERANGE,       /**< a result is not finite (overflow) */
    CX_ENOTFOUND,    /**< no such series or scenario */
    CX_STATUS_COUNT
} cx_status;

/** A short lowercase description of a status ("out of memory"). Never NULL. */
const char *cx_strerror(cx_status status);

#endif
