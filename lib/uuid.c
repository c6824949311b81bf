/*
 * uuid.c: UUIDs in their 16-byte and text forms (see uuid.h).
 */

#include <config.h>

#include <stddef.h>
#include <string.h>

#include "uuid.h"
#include "number.h"
#include "random.h"

/* Hyphens are accepted only where the canonical form has them (after
 * hex digits 8, 12, 16 and 20), each one optional.  Nothing is reported:
 * callers know whether a bad UUID is an XML or an argument error. */
int
virUUIDParse(const char *str, unsigned char *uuid)
{
    unsigned char out[VIR_UUID_BUFLEN];
    size_t ndigits = 0;
    const char *p;
    int v;

    if (str == NULL || uuid == NULL)
        return -1;
    for (p = str; *p != '\0'; p++) {
        if (*p == '-') {
            if ((ndigits != 8 && ndigits != 12 && ndigits != 16 &&
                 ndigits != 20) ||
                p[-1] == '-')
                return -1;
            continue;
        }
        if (ndigits == 2 * VIR_UUID_BUFLEN || (v = virHexDigitValue(*p)) < 0)
            return -1;
        if (ndigits % 2 == 0)
            out[ndigits / 2] = (unsigned char)(v << 4);
        else
            out[ndigits / 2] |= (unsigned char)v;
        ndigits++;
    }
    if (ndigits != 2 * VIR_UUID_BUFLEN)
        return -1;
    memcpy(uuid, out, VIR_UUID_BUFLEN);
    return 0;
}

void
virUUIDFormat(const unsigned char *uuid, char *str)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;
    size_t j = 0;

    for (i = 0; i < VIR_UUID_BUFLEN; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            str[j++] = '-';
        str[j++] = hex[uuid[i] >> 4];
        str[j++] = hex[uuid[i] & 0xf];
    }
    str[j] = '\0';
}

/* RFC 4122 s4.4: random bits, version 4 in the high nibble of byte 6,
 * variant 10 in the high bits of byte 8. */
int
virUUIDGenerate(unsigned char *uuid)
{
    if (virRandomBytes(uuid, VIR_UUID_BUFLEN) < 0)
        return -1;
    uuid[6] = (unsigned char)((uuid[6] & 0x0f) | 0x40);
    uuid[8] = (unsigned char)((uuid[8] & 0x3f) | 0x80);
    return 0;
}
