/*
 * mac.c: MAC addresses (see mac.h).
 */

#include <config.h>

#include <stdio.h>
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
    snprintf(str, VIR_MAC_STRING_BUFLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
             mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
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
