/*
 * uuidtest.c: UUIDs (lib/uuid.c).
 */

#include <config.h>

#include <stdio.h>
#include <string.h>

#include "testutils.h"
#include "uuid.h"

typedef struct {
    const char *title;
    const char *str;
    int ret;
} testUUIDCase;

static const unsigned char uuidBytes[VIR_UUID_BUFLEN] = {
    0x4d, 0xea, 0x22, 0xb3, 0x1d, 0x52, 0xd8, 0xf3,
    0x25, 0x16, 0x78, 0x2e, 0x98, 0xab, 0x3f, 0xa0};

static const testUUIDCase uuidCases[] = {
    {"uuid_parse_canonical_succeeds", "4dea22b3-1d52-d8f3-2516-782e98ab3fa0",
     0},
    {"uuid_parse_upper_case_succeeds", "4DEA22B3-1D52-D8F3-2516-782E98AB3FA0",
     0},
    {"uuid_parse_without_hyphens_succeeds", "4dea22b31d52d8f32516782e98ab3fa0",
     0},
    {"uuid_parse_some_hyphens_succeeds", "4dea22b3-1d52d8f3-2516782e98ab3fa0",
     0},
    {"uuid_parse_misplaced_hyphen_fails",
     "4dea22b31-d52-d8f3-2516-782e98ab3fa0", -1},
    {"uuid_parse_double_hyphen_fails", "4dea22b3--1d52-d8f3-2516-782e98ab3fa0",
     -1},
    {"uuid_parse_trailing_hyphen_fails",
     "4dea22b3-1d52-d8f3-2516-782e98ab3fa0-", -1},
    {"uuid_parse_too_short_fails", "4dea22b3-1d52-d8f3-2516-782e98ab3fa", -1},
    {"uuid_parse_too_long_fails", "4dea22b3-1d52-d8f3-2516-782e98ab3fa00", -1},
    {"uuid_parse_non_hex_fails", "4dea22b3-1d52-d8f3-2516-782e98ab3fag", -1},
    {"uuid_parse_blank_fails", " 4dea22b3-1d52-d8f3-2516-782e98ab3fa0", -1},
    {"uuid_parse_empty_fails", "", -1},
};

static int
testUUIDParseBody(const void *opaque)
{
    const testUUIDCase *tc = opaque;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char str[VIR_UUID_STRING_BUFLEN];
    int rc;

    memset(uuid, 0xaa, sizeof(uuid));
    rc = virUUIDParse(tc->str, uuid);
    if (virTestExpectInt("return value", rc, tc->ret) < 0)
        return -1;
    if (rc < 0)
        return virTestExpectNoError(); /* the caller reports */
    if (memcmp(uuid, uuidBytes, sizeof(uuid)) != 0)
        return virTestFail("wrong bytes");
    virUUIDFormat(uuid, str);
    return virTestExpectStr("formatted", str,
                            "4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
}

static int
testUUIDGenerateVersion4(const void *opaque)
{
    unsigned char a[VIR_UUID_BUFLEN];
    unsigned char b[VIR_UUID_BUFLEN];
    char str[VIR_UUID_STRING_BUFLEN];
    unsigned char back[VIR_UUID_BUFLEN];

    (void)opaque;
    if (virUUIDGenerate(a) < 0 || virUUIDGenerate(b) < 0)
        return virTestFail("generate failed");
    if ((a[6] & 0xf0) != 0x40 || (b[6] & 0xf0) != 0x40)
        return virTestFail("version nibble is not 4");
    if ((a[8] & 0xc0) != 0x80 || (b[8] & 0xc0) != 0x80)
        return virTestFail("variant bits are not 10");
    if (memcmp(a, b, sizeof(a)) == 0)
        return virTestFail("two generated UUIDs are equal");
    virUUIDFormat(a, str);
    if (strlen(str) != 36 || virUUIDParse(str, back) < 0 ||
        memcmp(a, back, sizeof(a)) != 0)
        return virTestFail("'%s' does not parse back", str);
    return 0;
}

static int
testMainBody(void)
{
    VIR_TEST_RUN_TABLE(uuidCases, testUUIDParseBody);
    virTestRun("uuid_generate_sets_version_4_and_variant",
               testUUIDGenerateVersion4, NULL);
    return 0;
}

VIR_TEST_MAIN(testMainBody)
