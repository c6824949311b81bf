/*
 * number.c: unsigned decimal numbers and hex digits (see number.h).
 */

#include <config.h>

#include <stdbool.h>
#include <stddef.h>

#include "number.h"

int
virStrToULLongPrefix(const char *str, const char **end, unsigned long long max,
                     unsigned long long *value)
{
    const char *p = str;
    unsigned long long v = 0;
    bool over = false;

    if (str == NULL || *p < '0' || *p > '9')
        return VIR_NUMBER_INVALID;
    /* Every digit is read, even past an overflow, so that "99...9x" is
     * out of range rather than stopped in the middle. */
    for (; *p >= '0' && *p <= '9'; p++) {
        unsigned int d = (unsigned int)(*p - '0');

        if (v > (max - d) / 10)
            over = true;
        else
            v = v * 10 + d;
    }
    if (over)
        return VIR_NUMBER_RANGE;
    *value = v;
    *end = p;
    return VIR_NUMBER_OK;
}

int
virStrToULLong(const char *str, unsigned long long max,
               unsigned long long *value)
{
    const char *end = NULL;
    unsigned long long v;
    int rc = virStrToULLongPrefix(str, &end, max, &v);

    if (rc == VIR_NUMBER_RANGE) {
        /* Trailing garbage makes it no number at all, as before. */
        while (*str >= '0' && *str <= '9')
            str++;
        return *str == '\0' ? VIR_NUMBER_RANGE : VIR_NUMBER_INVALID;
    }
    if (rc < 0 || *end != '\0')
        return VIR_NUMBER_INVALID;
    *value = v;
    return VIR_NUMBER_OK;
}

int
virStrToULong(const char *str, unsigned long *value)
{
    unsigned long long v;
    int rc = virStrToULLong(str, ULONG_MAX, &v);

    if (rc == VIR_NUMBER_OK)
        *value = (unsigned long)v;
    return rc;
}

int
virHexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
