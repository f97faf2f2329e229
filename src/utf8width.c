/*
 * utf8width.c - display width of UTF-8 text (utf8width.h).
 */
#include "utf8width.h"

unsigned utf8_next(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    unsigned cp = s[0];
    int n = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
    if (n)
        cp &= 0x3Fu >> n;
    int i = 1;
    for (; i <= n && (s[i] & 0xC0) == 0x80; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    *p += i;
    return cp;
}

int utf8_wide(unsigned cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6);
}

int utf8_cols(const char *text)
{
    int cols = 0;
    while (*text)
        cols += 1 + utf8_wide(utf8_next(&text));
    return cols;
}
