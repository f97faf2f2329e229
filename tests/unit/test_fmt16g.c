/* test_fmt16g.c - fmt16g writes what snprintf "%.16G" writes: the values
 * at the edges of its own range and of "%G"'s styles, zeros, infinities,
 * NaN, exact ties of the 17th digit (whole numbers plus a fraction of a
 * few bits: rounded half to even), the neighbours of powers of ten, and
 * random doubles of every kind (any bits, spread over the range, money,
 * whole numbers), compared with glibc's text. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fmt16g.h"

static uint64_t _state = 88172645463325252ull;

static uint64_t _rand(void)
{
    _state ^= _state << 13;
    _state ^= _state >> 7;
    _state ^= _state << 17;
    return _state;
}

static int _bad;

static void _check(double v)
{
    char got[FMT16G_SIZE], want[FMT16G_SIZE];
    size_t n = fmt16g(got, v);
    snprintf(want, sizeof want, "%.16G", v);
    if (strcmp(got, want) || n != strlen(want)) {
        if (_bad++ < 10)
            print_error("%a: got '%s', printf writes '%s'\n", v, got, want);
    }
}

static void edges_and_specials(void **state)
{
    (void)state;
    const double v[] = {0.0, -0.0, 1, -1, 0.1, 0.5, 1e-4, 1e-5, 1.25e-4, 1e14, 1e15, 1e16,
                        5e14, 999999999999999.9, 99999999999999.99, 0.30000000000000004,
                        1.0 / 3, 2.0 / 3, 123456789.125, 1e300, -1e-300, INFINITY,
                        -INFINITY, NAN, 0x1p-13, 0x1p49, 0x1.fffffffffffffp48,
                        0x1.fffffffffffffp-14, 9.9999999999999995, 0.99999999999999995,
                        1234567890123.0625, 1234567890123.1875, -42.5, 5e-324};
    _bad = 0;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        _check(v[i]);
        _check(nextafter(v[i], 0));
        _check(nextafter(v[i], INFINITY));
    }
    for (int e = -20; e <= 20; e++) {      /* powers of ten and their neighbours */
        double p = pow(10, e);
        _check(p);
        _check(nextafter(p, 0));
        _check(nextafter(p, INFINITY));
    }
    assert_int_equal(_bad, 0);
}

static void ties_round_half_even(void **state)
{
    (void)state;
    _bad = 0;
    for (int bits = 1; bits <= 10; bits++)
        for (int digits = 10; digits <= 15; digits++)
            for (int t = 0; t < 400; t++) {
                uint64_t whole = _rand() % (uint64_t)pow(10, digits);
                double v = (double)whole + ldexp((double)(_rand() % (1u << bits)), -bits);
                _check(v);
                _check(-v);
                _check(v / 1024);
            }
    assert_int_equal(_bad, 0);
}

static void random_values(void **state)
{
    (void)state;
    _bad = 0;
    for (int i = 0; i < 60000; i++) {
        uint64_t r = _rand();
        double v;
        memcpy(&v, &r, sizeof v);
        _check(v);                                           /* any bits */
        v = ldexp((double)(_rand() >> 11), -(int)(_rand() % 80));
        _check(v);                                           /* spread over the range */
        _check((double)(int64_t)(_rand() % 2000000001) / 1000.0);  /* money */
        _check((double)(int64_t)(_rand() >> 14));            /* whole numbers */
        _check((double)(_rand() % 100000) / 100.0 * 1.1);
    }
    assert_int_equal(_bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edges_and_specials),
        cmocka_unit_test(ties_round_half_even),
        cmocka_unit_test(random_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
