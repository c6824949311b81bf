/*
 * mactest.c: MAC addresses (lib/mac.c).
 */

#include <config.h>

#include <stdio.h>
#include <string.h>

#include "testutils.h"
#include "mac.h"

typedef struct {
    const char *title;
    const char *str;
    int ret;
    unsigned char mac[VIR_MAC_BUFLEN];
} testMacCase;

static const testMacCase macCases[] = {
    {"mac_parse_lower_case_succeeds",
     "00:16:3e:5d:c7:9e",
     0,
     {0x00, 0x16, 0x3e, 0x5d, 0xc7, 0x9e}},
    {"mac_parse_upper_case_succeeds",
     "00:16:3E:5D:C7:9E",
     0,
     {0x00, 0x16, 0x3e, 0x5d, 0xc7, 0x9e}},
    {"mac_parse_dashes_fail", "00-16-3e-5d-c7-9e", -1, {0}},
    {"mac_parse_short_fails", "00:16:3e:5d:c7:9", -1, {0}},
    {"mac_parse_long_fails", "00:16:3e:5d:c7:9e:", -1, {0}},
    {"mac_parse_non_hex_fails", "00:16:3e:5d:c7:9g", -1, {0}},
    {"mac_parse_one_digit_groups_fail", "0:16:3e:5d:c7:9e0", -1, {0}},
    {"mac_parse_empty_fails", "", -1, {0}},
};

static int
testMacBody(const void *opaque)
{
    const testMacCase *tc = opaque;
    unsigned char mac[VIR_MAC_BUFLEN];
    char str[VIR_MAC_STRING_BUFLEN];
    int rc = virMacParse(tc->str, mac);

    if (virTestExpectInt("return value", rc, tc->ret) < 0)
        return -1;
    if (rc < 0)
        return virTestExpectNoError(); /* the caller reports */
    if (memcmp(mac, tc->mac, sizeof(mac)) != 0)
        return virTestFail("wrong bytes");
    virMacFormat(mac, str);
    return virTestExpectStr("formatted", str, "00:16:3e:5d:c7:9e");
}

static int
testMacGenerateXen(const void *opaque)
{
    unsigned char a[VIR_MAC_BUFLEN];
    unsigned char b[VIR_MAC_BUFLEN];
    int i;

    (void)opaque;
    /* Two random addresses: the prefix is fixed, the rest differs (a
     * clash of 23 random bits in 8 tries is beyond belief). */
    for (i = 0; i < 8; i++) {
        if (virMacGenerateXen(a) < 0 || virMacGenerateXen(b) < 0)
            return virTestFail("generate failed");
        if (a[0] != 0x00 || a[1] != 0x16 || a[2] != 0x3e || (a[3] & 0x80))
            return virTestFail("%02x:%02x:%02x:%02x is not a Xen address", a[0],
                               a[1], a[2], a[3]);
        if (memcmp(a, b, sizeof(a)) != 0)
            return 0;
    }
    return virTestFail("eight pairs of generated addresses were equal");
}

static int
testMainBody(void)
{
    VIR_TEST_RUN_TABLE(macCases, testMacBody);
    virTestRun("mac_generate_xen_uses_xen_prefix", testMacGenerateXen, NULL);
    return 0;
}

VIR_TEST_MAIN(testMainBody)
