/*
 * batch_name.c - which texts can name a batch's outputs (batch_plan.h):
 * OUTDIR/NAME.xlsx, OUTDIR/.capex/NAME.csv and NAME.log. Letters and
 * digits of any script (Unicode, as glibc's C.UTF-8 classifies them, the
 * same on every machine), space, '-', '_' and '.'; never '/', "..", a
 * control character or a leading '.', so that no output lands
 * outside the folder or hides in it.
 */
#define _GNU_SOURCE
#include "batch_plan.h"

#include <locale.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "reader.h"

/* One UTF-8 sequence at s (valid: checked before): its code point. */
static unsigned _decode(const unsigned char *s, size_t *len)
{
    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    unsigned cp = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++)
        cp = cp << 6 | (s[i] & 0x3F);
    *len = n;
    return cp;
}

/* A letter or digit beyond ASCII (C.UTF-8's classes), or, where that
 * locale is missing, any code point from U+00C0 up but punctuation,
 * spaces and format characters (U+2000-U+206F, U+3000, U+FEFF). */
static int _wide_alnum(unsigned cp, locale_t utf8)
{
    if (utf8)
        return iswalnum_l((wint_t)cp, utf8) || iswalpha_l((wint_t)cp, utf8);
    return cp >= 0xC0 && !(cp >= 0x2000 && cp <= 0x206F) && cp != 0x3000 &&
           cp != 0xFEFF && cp != 0xFF0F && cp != 0x2215;
}

static int _char_ok(unsigned cp, locale_t utf8)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
               cp == ' ' || cp == '-' || cp == '_' || cp == '.';
    return _wide_alnum(cp, utf8);
}

int batch_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > BATCH_MAX_NAME || name[0] == '.' || strstr(name, "..") ||
        !strcmp(name, "index") ||
        reader_utf8_error(name, n) != n)
        return 0;
    /* The locale lives for this check only: nothing is left allocated. */
    locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    int ok = 1;
    for (size_t i = 0, len; ok && i < n; i += len)
        ok = _char_ok(_decode((const unsigned char *)name + i, &len), utf8);
    if (utf8)
        freelocale(utf8);
    return ok;
}
