/*
 * iostatstest.c: device statistics on the test driver (libvir_stats.h
 * through lib/test/test_io.c), against testnodedata/io-profiles.xml:
 * web01 runs with disk xvda (10 read requests and 5120 bytes at load, 100
 * requests and 409600 bytes a second), disk xvdb (no workload) and one
 * interface 00:16:3e:00:00:01 (15000 bytes in 10 packets received a second,
 * 2 transmit errors and 1 drop a second).
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutils.h"
#include "libvir_stats.h"

#define XVDA_RD_REQ_START 10
#define XVDA_RD_BYTES_START 5120
#define XVDA_RD_REQ_RATE 100
#define XVDA_RD_BYTES_RATE 409600

static virConnectPtr conn;

/* web01's xvda counters, or -1 with a diagnostic. */
static int
readDisk(virDomainPtr dom, virDomainBlockStatsStruct *st)
{
    if (virDomainBlockStats(dom, "xvda", st, sizeof(*st)) == 0)
        return 0;
    return virTestFail("virDomainBlockStats failed: %s",
                       virGetLastError() ? virGetLastError()->message : "?");
}

static int
iostats_running_counters_grow_at_rate(const void *data)
{
    virDomainPtr dom = virDomainLookupByName(conn, "web01");
    virDomainBlockStatsStruct a;
    virDomainBlockStatsStruct b;
    unsigned long long t0;
    unsigned long long ms;
    long long grown;
    int ret = -1;

    (void)data;
    if (dom == NULL)
        return virTestFail("%s", "no web01");
    t0 = virTestMonotonicMs();
    if (readDisk(dom, &a) < 0)
        goto cleanup;
    virTestSleepMs(300);
    if (readDisk(dom, &b) < 0)
        goto cleanup;
    ms = virTestMonotonicMs() - t0;
    grown = b.rd_bytes - a.rd_bytes;
    /* The node file's counters count, and the rate holds over the
     * interval within the slack of two clock reads. */
    if (a.rd_req < XVDA_RD_REQ_START || a.rd_bytes < XVDA_RD_BYTES_START ||
        grown < XVDA_RD_BYTES_RATE * 280 / 1000 ||
        grown > (long long)(XVDA_RD_BYTES_RATE * (ms + 20) / 1000)) {
        virTestFail("rd_bytes %lld -> %lld over %llu ms", a.rd_bytes,
                    b.rd_bytes, ms);
        goto cleanup;
    }
    if (virTestExpectInt("wr_req (no rate)", b.wr_req, 2) < 0 ||
        virTestExpectInt("errs (Xen keeps none)", b.errs, -1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    return ret;
}

static int
iostats_xen_struct_counts_sectors(const void *data)
{
    virDomainPtr dom = virDomainLookupByName(conn, "web01");
    virDomainBlockStatsXenStruct x;
    virDomainBlockStatsStruct b;
    int ret = -1;

    (void)data;
    if (dom == NULL)
        return virTestFail("%s", "no web01");
    /* Paused, so that both reads see the same instant. */
    if (virDomainSuspend(dom) < 0 ||
        virDomainBlockStatsXen(dom, "xvda", &x, sizeof(x)) < 0 ||
        readDisk(dom, &b) < 0) {
        virTestFail("%s", "suspend or read failed");
        goto cleanup;
    }
    if (virTestExpectInt("rd_sect", x.rd_sect, b.rd_bytes / 512) < 0 ||
        virTestExpectInt("wr_sect", x.wr_sect, 16) < 0 ||
        virTestExpectInt("oo_req", x.oo_req, 1) < 0 ||
        virTestExpectInt("f_req", x.f_req, 3) < 0 ||
        virTestExpectInt("ds_req", x.ds_req, 4) < 0 ||
        virTestExpectInt("rd_req", x.rd_req, b.rd_req) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (dom != NULL)
        virDomainResume(dom);
    virDomainFree(dom);
    return ret;
}

static int
iostats_paused_counters_frozen(const void *data)
{
    virDomainPtr dom = virDomainLookupByName(conn, "web01");
    virDomainInterfaceStatsStruct a;
    virDomainInterfaceStatsStruct b;
    int ret = -1;

    (void)data;
    if (dom == NULL)
        return virTestFail("%s", "no web01");
    if (virDomainSuspend(dom) < 0 ||
        virDomainInterfaceStats(dom, "00:16:3E:00:00:01", &a, sizeof(a)) < 0) {
        virTestFail("%s", "suspend or read failed");
        goto cleanup;
    }
    virTestSleepMs(100);
    if (virDomainInterfaceStats(dom, "00:16:3e:00:00:01", &b, sizeof(b)) < 0 ||
        virTestExpectInt("rx_bytes", b.rx_bytes, a.rx_bytes) < 0 ||
        virTestExpectInt("tx_errs", b.tx_errs, a.tx_errs) < 0)
        goto cleanup;
    if (a.rx_bytes <= 0 || a.rx_packets <= 0 || a.tx_bytes != 0) {
        virTestFail("rx_bytes %lld rx_packets %lld tx_bytes %lld", a.rx_bytes,
                    a.rx_packets, a.tx_bytes);
        goto cleanup;
    }
    ret = 0;

cleanup:
    if (dom != NULL)
        virDomainResume(dom);
    virDomainFree(dom);
    return ret;
}

/* The interface is found by its dom0 name as by its MAC address. */
static int
iostats_interface_by_name_or_mac(const void *data)
{
    virDomainPtr dom = virDomainLookupByName(conn, "web01");
    virDomainInterfaceStatsStruct a;
    virDomainInterfaceStatsStruct b;
    char **names = NULL;
    int n;
    int ret = -1;

    (void)data;
    if (dom == NULL)
        return virTestFail("%s", "no web01");
    if ((n = virDomainListInterfaces(dom, &names, 0)) != 1 ||
        names[1] != NULL) {
        virTestFail("%d interfaces listed", n);
        goto cleanup;
    }
    if (virDomainSuspend(dom) < 0 ||
        virDomainInterfaceStats(dom, names[0], &a, sizeof(a)) < 0 ||
        virDomainInterfaceStats(dom, "00:16:3e:00:00:01", &b, sizeof(b)) < 0 ||
        memcmp(&a, &b, sizeof(a)) != 0) {
        virTestFail("'%s' and the MAC differ or fail", names[0]);
        goto cleanup;
    }
    ret = 0;

cleanup:
    if (dom != NULL)
        virDomainResume(dom);
    if (names != NULL) {
        free(names[0]);
        free(names);
    }
    virDomainFree(dom);
    return ret;
}

/* A caller compiled against a shorter struct gets only its bytes. */
static int
iostats_short_size_writes_only_that(const void *data)
{
    virDomainPtr dom = virDomainLookupByName(conn, "web01");
    virDomainBlockStatsStruct st;
    int ret = -1;

    (void)data;
    if (dom == NULL)
        return virTestFail("%s", "no web01");
    memset(&st, 0x5a, sizeof(st));
    if (virDomainBlockStats(dom, "xvda", &st, 2 * sizeof(long long)) < 0) {
        virTestFail("%s", "read failed");
        goto cleanup;
    }
    if (st.rd_req < XVDA_RD_REQ_START || st.wr_req != 0x5a5a5a5a5a5a5a5aLL ||
        st.errs != 0x5a5a5a5a5a5a5a5aLL) {
        virTestFail("rd_req %lld wr_req %llx errs %llx", st.rd_req,
                    (unsigned long long)st.wr_req, (unsigned long long)st.errs);
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainFree(dom);
    return ret;
}

typedef struct {
    const char *device;
    int disk; /* 1: block stats; 0: interface */
    const char *message;
} unknownCase;

static int
iostats_unknown_device_fails(const void *data)
{
    const unknownCase *tc = data;
    virDomainPtr dom = virDomainLookupByName(conn, "web01");
    virDomainBlockStatsStruct b;
    virDomainInterfaceStatsStruct i;
    int rc;
    int ret = -1;

    if (dom == NULL)
        return virTestFail("%s", "no web01");
    rc = tc->disk ? virDomainBlockStats(dom, tc->device, &b, sizeof(b))
                  : virDomainInterfaceStats(dom, tc->device, &i, sizeof(i));
    if (virTestExpectInt("ret", rc, -1) < 0 ||
        virTestExpectError(VIR_ERR_INVALID_ARG, tc->message) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    return ret;
}

/* Devices exist only while the domain runs; after a restart the
 * counters start from 0 and the interface has its new dom0 name. */
static int
iostats_restart_starts_from_zero(const void *data)
{
    virDomainPtr dom = virDomainLookupByName(conn, "web01");
    virDomainBlockStatsStruct st;
    char **names = (char **)&names;
    char expect[32];
    int ret = -1;

    (void)data;
    if (dom == NULL)
        return virTestFail("%s", "no web01");
    if (virDomainDestroy(dom) < 0) {
        virTestFail("%s", "destroy failed");
        goto cleanup;
    }
    dom = virDomainLookupByName(conn, "web01");
    if (dom == NULL)
        return virTestFail("%s", "web01 is gone");
    if (virTestExpectInt("disks of a shut-off domain",
                         virDomainListBlockDevices(dom, &names, 0), 0) < 0 ||
        names == NULL || names[0] != NULL)
        goto cleanup;
    free(names);
    names = NULL;
    if (virTestExpectInt("stats of a shut-off domain",
                         virDomainBlockStats(dom, "xvda", &st, sizeof(st)),
                         -1) < 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID,
                           "domain 'web01' is not running") < 0)
        goto cleanup;
    if (virDomainCreate(dom) < 0 || readDisk(dom, &st) < 0) {
        virTestFail("%s", "create or read failed");
        goto cleanup;
    }
    /* Less than the node file's 10 requests: a second of run at most. */
    if (st.rd_req >= XVDA_RD_REQ_START + XVDA_RD_REQ_RATE ||
        st.rd_bytes >= XVDA_RD_BYTES_RATE || st.wr_req != 0) {
        virTestFail("after a restart rd_req %lld rd_bytes %lld wr_req %lld",
                    st.rd_req, st.rd_bytes, st.wr_req);
        goto cleanup;
    }
    snprintf(expect, sizeof(expect), "vif%u.0", virDomainGetID(dom));
    if (virTestExpectInt("interfaces", virDomainListInterfaces(dom, &names, 0),
                         1) < 0 ||
        virTestExpectStr("name", names[0], expect) < 0)
        goto cleanup;
    if (virTestExpectInt("disks", virDomainListBlockDevices(dom, NULL, 0), 2) <
        0)
        goto cleanup;
    ret = 0;

cleanup:
    if (names != NULL && names != (char **)&names) {
        free(names[0]);
        free(names);
    }
    virDomainFree(dom);
    return ret;
}

static int
mymain(void)
{
    static const unknownCase unknown[] = {
        {"xvdz", 1, "domain 'web01' has no disk 'xvdz'"},
        {"vif0.0", 0, "domain 'web01' has no interface 'vif0.0'"},
        {"00:16:3e:00:00:02", 0,
         "domain 'web01' has no interface '00:16:3e:00:00:02'"},
    };
    char *path = virTestDataPath("testnodedata/io-profiles.xml");
    char uri[4096];
    int ret = 0;

    if (path == NULL)
        return -1;
    snprintf(uri, sizeof(uri), "test://%s", path);
    free(path);
    if ((conn = virConnectOpen(uri)) == NULL) {
        printf("Bail out! cannot open %s\n", uri);
        return -1;
    }
    ret |= virTestRun("iostats_running_counters_grow_at_rate",
                      iostats_running_counters_grow_at_rate, NULL);
    ret |= virTestRun("iostats_xen_struct_counts_sectors",
                      iostats_xen_struct_counts_sectors, NULL);
    ret |= virTestRun("iostats_paused_counters_frozen",
                      iostats_paused_counters_frozen, NULL);
    ret |= virTestRun("iostats_interface_by_name_or_mac",
                      iostats_interface_by_name_or_mac, NULL);
    ret |= virTestRun("iostats_short_size_writes_only_that",
                      iostats_short_size_writes_only_that, NULL);
    ret |= virTestRun("iostats_unknown_disk_fails",
                      iostats_unknown_device_fails, &unknown[0]);
    ret |= virTestRun("iostats_other_domains_vif_fails",
                      iostats_unknown_device_fails, &unknown[1]);
    ret |= virTestRun("iostats_unknown_mac_fails", iostats_unknown_device_fails,
                      &unknown[2]);
    ret |= virTestRun("iostats_restart_starts_from_zero",
                      iostats_restart_starts_from_zero, NULL);
    virConnectClose(conn);
    return ret;
}

VIR_TEST_MAIN(mymain)
