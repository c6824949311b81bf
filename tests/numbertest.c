/*
 * numbertest.c: the one number parser (lib/number.c).
 */

#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "number.h"

typedef struct {
    const char *title;
    const char *str;
    int ret;
    unsigned long value;
} testStrToULongCase;

static const testStrToULongCase strToULongCases[] = {
    {"number_strtoulong_zero_succeeds", "0", 0, 0},
    {"number_strtoulong_leading_zeros_succeed", "007", 0, 7},
    {"number_strtoulong_max_succeeds", "18446744073709551615", 0,
     18446744073709551615UL},
    {"number_strtoulong_max_plus_one_is_out_of_range", "18446744073709551616",
     -2, 0},
    {"number_strtoulong_huge_is_out_of_range", "999999999999999999999999999999",
     -2, 0},
    {"number_strtoulong_minus_fails", "-1", -1, 0},
    {"number_strtoulong_plus_fails", "+1", -1, 0},
    {"number_strtoulong_leading_blank_fails", " 1", -1, 0},
    {"number_strtoulong_trailing_blank_fails", "1 ", -1, 0},
    {"number_strtoulong_hex_fails", "0x1", -1, 0},
    {"number_strtoulong_empty_fails", "", -1, 0},
};

static int
testStrToULongBody(const void *opaque)
{
    const testStrToULongCase *tc = opaque;
    unsigned long v = 12345;
    int rc = virStrToULong(tc->str, &v);

    if (virTestExpectInt("return value", rc, tc->ret) < 0)
        return -1;
    if (rc == 0 && v != tc->value)
        return virTestFail("got %lu, expected %lu", v, tc->value);
    if (rc < 0 && v != 12345)
        return virTestFail("value written on failure");
    return 0;
}

/* The prefix form stops at the first non-digit and says where. */
typedef struct {
    const char *title;
    const char *str;
    unsigned long long max;
    int ret;
    unsigned long long value;
    const char *rest; /* what *end points at */
} testPrefixCase;

static const testPrefixCase prefixCases[] = {
    {"number_prefix_stops_at_dot", "3.14", 999, 0, 3, ".14"},
    {"number_prefix_whole_string", "42", 999, 0, 42, ""},
    {"number_prefix_max_is_inclusive", "999", 999, 0, 999, ""},
    {"number_prefix_above_max_is_out_of_range", "1000.1", 999, -2, 0, NULL},
    {"number_prefix_ullong_max_succeeds", "18446744073709551615 x", ULLONG_MAX,
     0, 18446744073709551615ULL, " x"},
    {"number_prefix_ullong_overflow_is_out_of_range", "18446744073709551616",
     ULLONG_MAX, -2, 0, NULL},
    {"number_prefix_blank_first_fails", " 1", 999, -1, 0, NULL},
    {"number_prefix_sign_fails", "-1", 999, -1, 0, NULL},
    {"number_prefix_empty_fails", "", 999, -1, 0, NULL},
};

static int
testPrefixBody(const void *opaque)
{
    const testPrefixCase *tc = opaque;
    unsigned long long v = 12345;
    const char *end = NULL;
    int rc = virStrToULLongPrefix(tc->str, &end, tc->max, &v);

    if (virTestExpectInt("return value", rc, tc->ret) < 0)
        return -1;
    if (rc < 0)
        return v == 12345 && end == NULL
                   ? 0
                   : virTestFail("output written on failure");
    if (v != tc->value)
        return virTestFail("got %llu, expected %llu", v, tc->value);
    return virTestExpectStr("rest", end, tc->rest);
}

static int
testStrToULLongRange(const void *opaque)
{
    unsigned long long v = 0;

    (void)opaque;
    if (virTestExpectInt("10 <= 10", virStrToULLong("10", 10, &v), 0) < 0 ||
        virTestExpectInt("value", (long long)v, 10) < 0 ||
        virTestExpectInt("11 > 10", virStrToULLong("11", 10, &v), -2) < 0 ||
        virTestExpectInt("11x", virStrToULLong("11x", 10, &v), -1) < 0 ||
        virTestExpectInt("NULL", virStrToULLong(NULL, 10, &v), -1) < 0)
        return -1;
    return 0;
}

static int
testHexDigits(const void *opaque)
{
    static const char digits[] = "0123456789abcdefABCDEF";
    size_t i;

    (void)opaque;
    for (i = 0; digits[i] != '\0'; i++) {
        if (virTestExpectInt("digit", virHexDigitValue(digits[i]),
                             (long long)(i < 16 ? i : i - 6)) < 0)
            return -1;
    }
    if (virTestExpectInt("'g'", virHexDigitValue('g'), -1) < 0 ||
        virTestExpectInt("':'", virHexDigitValue(':'), -1) < 0)
        return -1;
    return 0;
}

static int
testMainBody(void)
{
    VIR_TEST_RUN_TABLE(strToULongCases, testStrToULongBody);
    VIR_TEST_RUN_TABLE(prefixCases, testPrefixBody);
    virTestRun("number_strtoullong_checks_the_maximum", testStrToULLongRange,
               NULL);
    virTestRun("number_hex_digit_values", testHexDigits, NULL);
    return 0;
}

VIR_TEST_MAIN(testMainBody)
