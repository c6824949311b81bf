/*
 * number.h: the one parser of unsigned decimal numbers in the library,
 * and hex digits.
 *
 * Numbers in node files, domain XML, xenstore and image headers are
 * written by programs: a sign, a blank, "0x" or a digit-less string is a
 * mistake to refuse, not something to guess about (strtoul() would take
 * all of them).  Nothing is reported here: each caller knows what the
 * number was and says so in its own message.
 */

#ifndef LIBVIR_NUMBER_H
#define LIBVIR_NUMBER_H

#include <limits.h>

typedef enum {
    VIR_NUMBER_OK = 0,
    VIR_NUMBER_INVALID = -1, /* not an unsigned decimal number */
    VIR_NUMBER_RANGE = -2    /* a number above the maximum */
} virNumberStatus;

/* Reads the digits at the start of @str (at least one; no blank, sign or
 * prefix before them) into *@value and points *@end at the first
 * character after them.  Returns a virNumberStatus; *@value and *@end are
 * set only on VIR_NUMBER_OK. */
int virStrToULLongPrefix(const char *str, const char **end,
                         unsigned long long max, unsigned long long *value);

/* As virStrToULLongPrefix(), for a whole string: anything after the
 * digits is VIR_NUMBER_INVALID. */
int virStrToULLong(const char *str, unsigned long long max,
                   unsigned long long *value);

/* As virStrToULLong() with the maximum ULONG_MAX, into an unsigned
 * long. */
int virStrToULong(const char *str, unsigned long *value);

/* The value of hex digit @c (either case), or -1. */
int virHexDigitValue(char c);

#endif /* LIBVIR_NUMBER_H */
