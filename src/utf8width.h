/*
 * utf8width.h - how wide UTF-8 text is on a terminal or in a cell: code
 * points decoded leniently (a stray byte is one character), East Asian
 * wide characters (Hangul, CJK, full-width forms) two columns, others one.
 */
#ifndef CAPEX_UTF8WIDTH_H
#define CAPEX_UTF8WIDTH_H

/* The code point at *p; *p moves past it (an invalid byte counts as one). */
unsigned utf8_next(const char **p);

/* 1 when code point cp takes two columns (East Asian wide), else 0. */
int utf8_wide(unsigned cp);

/* Display columns of text. */
int utf8_cols(const char *text);

#endif
