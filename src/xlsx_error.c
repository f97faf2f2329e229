/*
 * xlsx_error.c - libxlsxwriter failures as messages (xlsx_error.h).
 */
#include "xlsx_error.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "diag.h"

void xlsx_error_message(const char *verb, const char *path, lxw_error e, int err)
{
    if (err == ENOSPC || err == EDQUOT || err == EIO || err == EACCES || err == EROFS) {
        diag_error("cannot %s '%s': %s", verb, path, strerror(err));
        return;
    }
    const char *msg = lxw_strerror(e);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '.' || msg[n - 1] == ' '))
        n--;
    const char *dot = memchr(msg, '.', n);
    if (dot)
        n = (size_t)(dot - msg);
    diag_error("cannot %s '%s': %c%.*s", verb, path,
               n ? tolower((unsigned char)msg[0]) : ' ', n ? (int)n - 1 : 0, msg + 1);
}
