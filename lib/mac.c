/*
 * mac.c: MAC addresses (see mac.h).
 */

#include <config.h>

#include <string.h>

#include "mac.h"
#include "number.h"
#include "random.h"

int
virMacParse(const char *str, unsigned char *mac)
{
    size_t i;
    int hi;
    int lo;

    if (strlen(str) != VIR_MAC_STRING_BUFLEN - 1)
        return -1;
    for (i = 0; i < 6; i++) {
        hi = virHexDigitValue(str[3 * i]);
        lo = virHexDigitValue(str[3 * i + 1]);
        if (hi < 0 || lo < 0 || (i < 5 && str[3 * i + 2] != ':'))
            return -1;
        mac[i] = (unsigned char)(hi << 4 | lo);
    }
    return 0;
}

void
virMacFormat(const unsigned char *mac, char *str)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;

    /* By hand, not snprintf: the test driver formats one for every read
     * of an interface's counters, thousands per refresh. */
    for (i = 0; i < VIR_MAC_BUFLEN; i++) {
        str[3 * i] = hex[mac[i] >> 4];
        str[3 * i + 1] = hex[mac[i] & 0xf];
        str[3 * i + 2] = i + 1 < VIR_MAC_BUFLEN ? ':' : '\0';
    }
}

int
virMacGenerateXen(unsigned char *mac)
{
    mac[0] = 0x00;
    mac[1] = 0x16;
    mac[2] = 0x3e;
    if (virRandomBytes(mac + 3, 3) < 0)
        return -1;
    mac[3] &= 0x7f;
    return 0;
}
