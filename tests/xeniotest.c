/*
 * xeniotest.c: the Xen driver's collection of guest device counters
 * (lib/xen/xen_io.c) on fixture trees of dom0's /proc/net/dev and
 * blkback's and netback's sysfs directories (tests/xenstatsdata/).  No
 * hypervisor needed.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "xen/xen_io.h"

/* ---- /proc/net/dev lines --------------------------------------------- */

typedef struct {
    const char *title;
    const char *line;
    int rc;
    const char *name;
    unsigned long long rxBytes; /* dom0's receive bytes (field 0) */
    unsigned long long txDrop;  /* dom0's transmit drops (field 11) */
} netDevCase;

static const netDevCase netDevCases[] = {
    {"netdev_first_header_is_skipped",
     "Inter-|   Receive                |  Transmit", 0, NULL, 0, 0},
    {"netdev_second_header_is_skipped",
     " face |bytes    packets errs drop|bytes    packets", 0, NULL, 0, 0},
    {"netdev_vif_line_parses",
     "vif3.0:    5000      50    1    2    0     0          0         0    "
     "90000      60    3    4    0     0       0          0",
     1, "vif3.0", 5000, 4},
    {"netdev_indented_name_parses",
     "    lo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n", 1, "lo", 1, 12},
    {"netdev_number_run_into_name_parses",
     "vif12.0:18446744073709551615 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16", 1,
     "vif12.0", 18446744073709551615ULL, 12},
    {"netdev_too_few_counters_is_refused",
     "vif1.0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15", -1, NULL, 0, 0},
    {"netdev_trailing_text_is_refused",
     "vif1.0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 x", -1, NULL, 0, 0},
    {"netdev_negative_counter_is_refused",
     "vif1.0: 1 2 3 4 5 6 7 8 -9 10 11 12 13 14 15 16", -1, NULL, 0, 0},
    {"netdev_counter_above_64_bits_is_refused",
     "vif1.0: 18446744073709551616 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16", -1,
     NULL, 0, 0},
    {"netdev_empty_name_is_refused",
     "   : 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16", -1, NULL, 0, 0},
    {"netdev_name_longer_than_buffer_is_refused",
     "averyveryverylongname0123456789xyz: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 "
     "15 16",
     -1, NULL, 0, 0},
    {"netdev_line_without_colon_is_refused", "garbage", -1, NULL, 0, 0},
};

static int
testNetDevLine(const void *data)
{
    const netDevCase *c = data;
    unsigned long long counters[16] = {0};
    char name[32] = "";
    int rc = xenIONetDevLine(c->line, name, sizeof(name), counters);

    if (virTestExpectInt("return", rc, c->rc) < 0)
        return -1;
    if (rc != 1)
        return 0;
    if (virTestExpectStr("name", name, c->name) < 0 ||
        virTestExpectInt("field 0 == rx bytes", counters[0] == c->rxBytes, 1) <
            0 ||
        virTestExpectInt("field 11 == tx drop", counters[11] == c->txDrop, 1) <
            0)
        return -1;
    return 0;
}

/* ---- disk names ------------------------------------------------------ */

typedef struct {
    const char *title;
    uint32_t devid;
    const char *name;
} diskCase;

#define XVD_EXT(disk, part) ((1U << 28) | ((disk) << 8) | (part))

static const diskCase diskCases[] = {
    {"disk_xvda", 202 << 8, "xvda"},
    {"disk_xvdb", (202 << 8) | 16, "xvdb"},
    {"disk_xvda1_partition", (202 << 8) | 1, "xvda1"},
    {"disk_xvdp15_last_short_form", (202 << 8) | 255, "xvdp15"},
    {"disk_xvdq_extended_form", XVD_EXT(16, 0), "xvdq"},
    {"disk_xvdz_extended_form", XVD_EXT(25, 0), "xvdz"},
    {"disk_xvdaa_two_letters", XVD_EXT(26, 0), "xvdaa"},
    {"disk_xvdzz3_two_letters_partition", XVD_EXT(701, 3), "xvdzz3"},
    {"disk_xvdaaa_three_letters", XVD_EXT(702, 0), "xvdaaa"},
    {"disk_hda", 3 << 8, "hda"},
    {"disk_hdb", (3 << 8) | 64, "hdb"},
    {"disk_hdc_second_controller", 22 << 8, "hdc"},
    {"disk_hdd2", (22 << 8) | 64 | 2, "hdd2"},
    {"disk_sda", 8 << 8, "sda"},
    {"disk_sdb1", (8 << 8) | 17, "sdb1"},
    {"disk_unknown_major_is_its_number", (48 << 8) | 57, "12345"},
    {"disk_wide_number_without_ext_bit_is_its_number", 65536, "65536"},
};

static int
testDiskName(const void *data)
{
    const diskCase *c = data;
    char name[32];

    xenIODiskName(c->devid, name, sizeof(name));
    return virTestExpectStr("name", name, c->name);
}

/* ---- collections of fixture trees ----------------------------------- */

/* What the "host" fixture holds.  A vbd directory without statistics is
 * being torn down; vbd-3-768 is from a kernel without flush and discard
 * counts; vif-1-1 was renamed web-eth1 by the vif script; vif-3-0 has
 * no interface yet.  The other entries are not backends of interest. */
typedef struct {
    uint32_t domid;
    xenIOKind kind;
    uint32_t devid;
    long long c[XEN_IO_NCOUNTERS];
} devCase;

#define U -1
static const devCase hostDevs[] = {
    {1, XEN_IO_VBD, 51712, {1200, 96000, 340, 27200, 5, 17, 2, U}},
    {1, XEN_IO_VBD, 51728, {7, 56, 0, 0, 0, 0, 0, U}},
    {1, XEN_IO_VBD, 51744, {U, U, U, U, U, U, U, U}},
    /* The guest's view: dom0 sent 90000 bytes in 60 packets to it. */
    {1, XEN_IO_VIF, 0, {90000, 60, 3, 4, 5000, 50, 1, 2}},
    {1, XEN_IO_VIF, 1, {800, 8, 0, 1, 700, 7, 0, 0}},
    {3, XEN_IO_VBD, 768, {44, 352, 9, 72, 1, U, U, U}},
    {3, XEN_IO_VIF, 0, {U, U, U, U, U, U, U, U}},
};
#undef U

/* Backends dir, /proc/net/dev, three statistics dirs with 7 files each,
 * the statistics dir that is not there, the net dirs of vif-1-1 and
 * vif-3-0. */
#define HOST_FILES (1 + 1 + 3 * (1 + 7) + 1 + 2)

static int
collect(const char *fixture, xenIOSnap *snap, unsigned long long *files)
{
    char *root = virTestDataPath(fixture);
    int rc;

    if (root == NULL)
        return virTestFail("out of memory");
    rc = xenIOCollect(root, snap, files);
    free(root);
    return rc;
}

static int
xenio_collect_host_reads_every_backend(const void *data)
{
    xenIOSnap snap = {0};
    unsigned long long files = 0;
    size_t i;
    size_t k;
    int ret = -1;

    (void)data;
    if (collect("xenstatsdata/host", &snap, &files) < 0) {
        virTestFail("collection failed");
        goto cleanup;
    }
    if (virTestExpectInt("devices", (long long)snap.ndevs,
                         (long long)(sizeof(hostDevs) / sizeof(hostDevs[0]))) <
            0 ||
        virTestExpectInt("files read", (long long)files, HOST_FILES) < 0)
        goto cleanup;
    for (i = 0; i < snap.ndevs; i++) {
        const xenIODev *d = &snap.devs[i];
        const devCase *want = &hostDevs[i];

        if (d->domid != want->domid || d->kind != want->kind ||
            d->devid != want->devid) {
            virTestFail("device %zu is %u/%d/%u, want %u/%d/%u", i, d->domid,
                        (int)d->kind, d->devid, want->domid, (int)want->kind,
                        want->devid);
            goto cleanup;
        }
        for (k = 0; k < XEN_IO_NCOUNTERS; k++) {
            if (d->c[k] != want->c[k]) {
                virTestFail("device %u/%d/%u counter %zu is %lld, want %lld",
                            d->domid, (int)d->kind, d->devid, k, d->c[k],
                            want->c[k]);
                goto cleanup;
            }
        }
    }
    ret = virTestExpectNoError();

cleanup:
    xenIOSnapClear(&snap);
    return ret;
}

typedef struct {
    const char *title;
    uint32_t domid;
    xenIOKind kind;
    size_t count;
    uint32_t firstDevid;
} rangeCase;

static const rangeCase rangeCases[] = {
    {"xenio_domain_devs_disks_of_domain_1", 1, XEN_IO_VBD, 3, 51712},
    {"xenio_domain_devs_vifs_of_domain_1", 1, XEN_IO_VIF, 2, 0},
    {"xenio_domain_devs_none_for_domain_2", 2, XEN_IO_VBD, 0, 0},
    {"xenio_domain_devs_disk_of_domain_3", 3, XEN_IO_VBD, 1, 768},
    {"xenio_domain_devs_vif_of_last_domain", 3, XEN_IO_VIF, 1, 0},
    {"xenio_domain_devs_none_past_last_domain", 4, XEN_IO_VBD, 0, 0},
    {"xenio_domain_devs_none_for_domain_0", 0, XEN_IO_VIF, 0, 0},
};

static int
testDomainDevs(const void *data)
{
    const rangeCase *c = data;
    const xenIODev *first = NULL;
    xenIOSnap snap = {0};
    unsigned long long files = 0;
    size_t n;
    int ret = -1;

    if (collect("xenstatsdata/host", &snap, &files) < 0) {
        virTestFail("collection failed");
        goto cleanup;
    }
    n = xenIODomainDevs(&snap, c->domid, c->kind, &first);
    if (virTestExpectInt("count", (long long)n, (long long)c->count) < 0)
        goto cleanup;
    if (n > 0 && (first->domid != c->domid || first->kind != c->kind ||
                  first->devid != c->firstDevid)) {
        virTestFail("first device is %u/%d/%u", first->domid, (int)first->kind,
                    first->devid);
        goto cleanup;
    }
    ret = 0;

cleanup:
    xenIOSnapClear(&snap);
    return ret;
}

static int
xenio_collect_without_backends_has_no_devices(const void *data)
{
    xenIOSnap snap = {0};
    unsigned long long files = 0;
    const xenIODev *first = NULL;

    (void)data;
    /* No vif: /proc/net/dev is not even read. */
    if (collect("xenstatsdata/nobackend", &snap, &files) < 0)
        return virTestFail("collection failed");
    if (virTestExpectInt("devices", (long long)snap.ndevs, 0) < 0 ||
        virTestExpectInt("files", (long long)files, 1) < 0 ||
        virTestExpectInt(
            "domain 1",
            (long long)xenIODomainDevs(&snap, 1, XEN_IO_VIF, &first), 0) < 0)
        return -1;
    xenIOSnapClear(&snap);
    return virTestExpectNoError();
}

static int
xenio_collect_without_netdev_fails_saying_so(const void *data)
{
    xenIOSnap snap = {0};
    unsigned long long files = 0;

    (void)data;
    if (collect("xenstatsdata/nonetdev", &snap, &files) == 0) {
        xenIOSnapClear(&snap);
        return virTestFail("collection succeeded without /proc/net/dev");
    }
    if (virTestExpectInt("devices", (long long)snap.ndevs, 0) < 0 ||
        virTestExpectInt("devs freed", snap.devs == NULL, 1) < 0)
        return -1;
    return virTestExpectError(VIR_ERR_SYSTEM_ERROR, "proc/net/dev");
}

static int
xenio_collect_again_replaces_the_snapshot(const void *data)
{
    xenIOSnap snap = {0};
    unsigned long long files = 0;
    int ret;

    (void)data;
    if (collect("xenstatsdata/host", &snap, &files) < 0 ||
        collect("xenstatsdata/nobackend", &snap, &files) < 0) {
        xenIOSnapClear(&snap);
        return virTestFail("collection failed");
    }
    /* valgrind sees the first collection's array freed. */
    ret = virTestExpectInt("devices", (long long)snap.ndevs, 0);
    xenIOSnapClear(&snap);
    return ret;
}

static const virTestCase collectCases[] = {
    VIR_TEST_CASE(xenio_collect_host_reads_every_backend),
    VIR_TEST_CASE(xenio_collect_without_backends_has_no_devices),
    VIR_TEST_CASE(xenio_collect_without_netdev_fails_saying_so),
    VIR_TEST_CASE(xenio_collect_again_replaces_the_snapshot),
};

static int
mymain(void)
{
    int ret = 0;

    VIR_TEST_RUN_TABLE(netDevCases, testNetDevLine);
    VIR_TEST_RUN_TABLE(diskCases, testDiskName);
    VIR_TEST_RUN_TABLE(rangeCases, testDomainDevs);
    if (virTestRunCases(collectCases,
                        sizeof(collectCases) / sizeof(collectCases[0])) < 0)
        ret = -1;
    return ret;
}

VIR_TEST_MAIN(mymain)
