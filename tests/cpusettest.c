/*
 * cpusettest.c: cpuset strings and cpu maps (lib/cpuset.c).
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "cpuset.h"

typedef struct {
    const char *title;
    const char *str;
    int ret;
    size_t maplen;
    unsigned char map[4];
    const char *canonical; /* format(parse(str)), or the error substring */
} testCpuSetCase;

static const testCpuSetCase cpusetCases[] = {
    {"cpuset_parse_single_cpu_succeeds", "0", 0, 1, {0x01}, "0"},
    {"cpuset_parse_range_with_exclusion_succeeds",
     "0-3,^2,8",
     0,
     2,
     {0x0b, 0x01},
     "0-1,3,8"},
    {"cpuset_parse_exclusion_first_applies_to_all",
     "^2,0-3",
     0,
     1,
     {0x0b},
     "0-1,3"},
    {"cpuset_parse_excluded_range_succeeds",
     "0-15,^4-11",
     0,
     2,
     {0x0f, 0xf0},
     "0-3,12-15"},
    {"cpuset_parse_maplen_follows_highest_selected_cpu",
     "0-8,^8",
     0,
     1,
     {0xff},
     "0-7"},
    {"cpuset_parse_cpu_7_fits_one_byte", "7", 0, 1, {0x80}, "7"},
    {"cpuset_parse_cpu_8_needs_two_bytes", "8", 0, 2, {0x00, 0x01}, "8"},
    {"cpuset_parse_blanks_around_items_succeed",
     " 1 ,\t2-3 ",
     0,
     1,
     {0x0e},
     "1-3"},
    {"cpuset_parse_overlapping_ranges_succeed",
     "0-2,1-3,3",
     0,
     1,
     {0x0f},
     "0-3"},
    {"cpuset_parse_cpu_4095_succeeds", "4095", 0, 512, {0}, "4095"},
    {"cpuset_parse_cpu_4096_fails",
     "4096",
     -1,
     0,
     {0},
     "cpuset '4096': cpu 4096 is above the limit of 4095"},
    {"cpuset_parse_huge_number_fails",
     "0-99999999999999999999999",
     -1,
     0,
     {0},
     "cpu 99999999999999999999999 is above the limit of 4095"},
    {"cpuset_parse_empty_fails",
     "",
     -1,
     0,
     {0},
     "cpuset '': expected a cpu number at the end"},
    {"cpuset_parse_reversed_range_fails",
     "3-1",
     -1,
     0,
     {0},
     "range 3-1 is reversed"},
    {"cpuset_parse_empty_item_fails",
     "0,,1",
     -1,
     0,
     {0},
     "expected a cpu number at ',1'"},
    {"cpuset_parse_trailing_comma_fails",
     "0,",
     -1,
     0,
     {0},
     "expected a cpu number at the end"},
    {"cpuset_parse_negative_fails",
     "-1",
     -1,
     0,
     {0},
     "expected a cpu number at '-1'"},
    {"cpuset_parse_letters_fail",
     "a",
     -1,
     0,
     {0},
     "expected a cpu number at 'a'"},
    {"cpuset_parse_inner_blank_fails", "1 2", -1, 0, {0}, "unexpected '2'"},
    {"cpuset_parse_only_exclusion_fails",
     "^3",
     -1,
     0,
     {0},
     "cpuset '^3': it selects no cpu"},
};

static int
testCpuSetBody(const void *opaque)
{
    const testCpuSetCase *tc = opaque;
    unsigned char *map = NULL;
    size_t maplen = 0;
    char *str = NULL;
    int ret = -1;

    if (virTestExpectInt("return value", virCpuSetParse(tc->str, &map, &maplen),
                         tc->ret) < 0)
        goto cleanup;
    if (tc->ret < 0) {
        ret = virTestExpectError(VIR_ERR_XML_ERROR, tc->canonical);
        goto cleanup;
    }
    if (virTestExpectInt("maplen", maplen, tc->maplen) < 0)
        goto cleanup;
    if (maplen <= sizeof(tc->map) && memcmp(map, tc->map, maplen) != 0) {
        virTestFail("wrong map bytes");
        goto cleanup;
    }
    if ((str = virCpuSetFormat(map, maplen)) == NULL)
        goto cleanup;
    ret = virTestExpectStr("formatted", str, tc->canonical);

cleanup:
    free(map);
    free(str);
    return ret;
}

static int
testCpuSetFormatEmpty(const void *opaque)
{
    static const unsigned char zero[2] = {0, 0};
    char *a = virCpuSetFormat(zero, sizeof(zero));
    char *b = virCpuSetFormat(NULL, 0);
    int ret;

    (void)opaque;
    ret = virTestExpectStr("zero map", a, "");
    if (ret == 0)
        ret = virTestExpectStr("no map", b, "");
    free(a);
    free(b);
    return ret;
}

typedef struct {
    const char *title;
    unsigned char a[3];
    size_t alen;
    unsigned char b[3];
    size_t blen;
    bool equal;
} testMapEqualCase;

static const testMapEqualCase mapEqualCases[] = {
    {"cpumap_equal_same_bytes", {0x0f}, 1, {0x0f}, 1, true},
    {"cpumap_equal_ignores_trailing_zero_bytes",
     {0x0f, 0, 0},
     3,
     {0x0f},
     1,
     true},
    {"cpumap_equal_different_cpu_differs", {0x0f}, 1, {0x0e}, 1, false},
    {"cpumap_equal_longer_with_cpu_differs", {0x0f, 0x01}, 2, {0x0f}, 1, false},
    {"cpumap_equal_empty_maps", {0}, 0, {0}, 1, true},
};

static int
testMapEqualBody(const void *opaque)
{
    const testMapEqualCase *tc = opaque;

    if (virCpuMapEqual(tc->a, tc->alen, tc->b, tc->blen) != tc->equal ||
        virCpuMapEqual(tc->b, tc->blen, tc->a, tc->alen) != tc->equal)
        return virTestFail("expected %s", tc->equal ? "equal" : "different");
    return 0;
}

static int
testMainBody(void)
{
    VIR_TEST_RUN_TABLE(cpusetCases, testCpuSetBody);
    virTestRun("cpuset_format_empty_map_gives_empty_string",
               testCpuSetFormatEmpty, NULL);
    VIR_TEST_RUN_TABLE(mapEqualCases, testMapEqualBody);
    return 0;
}

VIR_TEST_MAIN(testMainBody)
