/*
 * fmt16g.c - a double as "%.16G" without printf (fmt16g.h).
 *
 * For 2^-13 <= |v| < 2^49 the decimal exponent X of the result lies in
 * -4..15, so "%G" writes it in fixed style with 16 significant digits and
 * no trailing zeros. |v| = m / 2^k exactly (m < 2^53, 4 <= k <= 65), so
 * m * 10^(15 - X) fits in 128 bits (< 2^117) and its quotient by 2^k,
 * rounded half to even on the exact remainder as glibc rounds, is the 16
 * digits. Other values (tiny, huge, infinite, NaN) go to snprintf.
 */
#include "fmt16g.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

static const uint64_t _pow10[20] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
    100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
    10000000000000ull, 100000000000000ull, 1000000000000000ull,
    10000000000000000ull, 100000000000000000ull, 1000000000000000000ull,
    10000000000000000000ull};

/* The 16 digits of a (2^-13 <= a < 2^49) as an integer in [10^15, 10^16)
 * and their decimal exponent; 0 when a is out of that range. */
static int _digits(double a, uint64_t *digits, int *exp10)
{
    int e2;
    double fr = frexp(a, &e2);           /* a = fr * 2^e2, 0.5 <= fr < 1 */
    if (e2 < -12 || e2 > 49)
        return 0;
    uint64_t m = (uint64_t)ldexp(fr, 53);
    int k = 53 - e2;                     /* a = m / 2^k */
    int x = (int)floor((e2 - 1) * 0.30102999566398120);  /* log10 a, or one below */
    for (int tries = 0; tries < 4; tries++) {
        int s = 15 - x;
        if (s < 0 || s > 19)
            return 0;
        unsigned __int128 p = (unsigned __int128)m * _pow10[s];
        unsigned __int128 n = p >> k;
        if (n < _pow10[15]) {
            x--;
            continue;
        }
        if (n >= _pow10[16]) {
            x++;
            continue;
        }
        unsigned __int128 rem = p - (n << k), half = (unsigned __int128)1 << (k - 1);
        uint64_t d = (uint64_t)n;
        if (rem > half || (rem == half && (d & 1)))
            d++;
        if (d == _pow10[16]) {           /* 9.99...95 up to 10 */
            d = _pow10[15];
            x++;
        }
        *digits = d;
        *exp10 = x;
        return 1;
    }
    return 0;
}

/* The digits written in fixed style: exponent x in -4..15, trailing zeros
 * (and a bare point) left out. */
static char *_fixed(char *p, uint64_t d, int x)
{
    char dig[16];
    for (int i = 15; i >= 0; i--, d /= 10)
        dig[i] = (char)('0' + d % 10);
    int nd = 16;
    while (nd > 1 && dig[nd - 1] == '0')
        nd--;
    int i = 0;
    if (x >= 0) {
        for (; i <= x; i++)
            *p++ = dig[i];
    } else {
        *p++ = '0';
    }
    if (i < nd || x < 0)
        *p++ = '.';
    for (int z = x; z < -1; z++)
        *p++ = '0';
    for (; i < nd; i++)
        *p++ = dig[i];
    return p;
}

size_t fmt16g(char out[FMT16G_SIZE], double v)
{
    char *p = out;
    uint64_t d;
    int x;
    if (v == 0) {
        if (signbit(v))
            *p++ = '-';
        *p++ = '0';
    } else if (isfinite(v) && _digits(fabs(v), &d, &x)) {
        if (v < 0)
            *p++ = '-';
        p = _fixed(p, d, x);
    } else {
        return (size_t)snprintf(out, FMT16G_SIZE, "%.16G", v);
    }
    *p = '\0';
    return (size_t)(p - out);
}
