/*
 * iosnapshottest.c: the device rows of the snapshot (xenVifTable,
 * xenVbdTable): their indexes from the device names (agent/devindex.c)
 * and what xsSnapshotTake reads on the built-in host, whose web01 and
 * db01 do I/O, including when their counters restart.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devindex.h"
#include "libvir_stats.h"
#include "snapshot.h"
#include "testutils.h"
#include "driver.h"
#include "error.h"

/* ---- indexes ------------------------------------------------------- */

typedef struct {
    const char *title;
    const char *name;
    bool vif;
    bool ok;
    unsigned int number;
} indexCase;

static const indexCase indexCases[] = {
    {"devindex_vbd_xvda_51712", "xvda", false, true, 51712},
    {"devindex_vbd_xvdb1_51729", "xvdb1", false, true, 51729},
    {"devindex_vbd_xvdp15_last_short_form", "xvdp15", false, true,
     202 << 8 | 15 << 4 | 15},
    {"devindex_vbd_xvdq_extended_form", "xvdq", false, true, 1 << 28 | 16 << 8},
    {"devindex_vbd_xvda16_extended_partition", "xvda16", false, true,
     1 << 28 | 16},
    {"devindex_vbd_xvdaa_disk_26", "xvdaa", false, true, 1 << 28 | 26 << 8},
    {"devindex_vbd_hda_768", "hda", false, true, 768},
    {"devindex_vbd_hdb1_833", "hdb1", false, true, 3 << 8 | 1 << 6 | 1},
    {"devindex_vbd_hdc_5632", "hdc", false, true, 5632},
    {"devindex_vbd_hde_refused", "hde", false, false, 0},
    {"devindex_vbd_sda_2048", "sda", false, true, 2048},
    {"devindex_vbd_sdq_refused", "sdq", false, false, 0},
    {"devindex_vbd_d0p1_as_xvda1", "d0p1", false, true, 51713},
    {"devindex_vbd_d16_extended", "d16", false, true, 1 << 28 | 16 << 8},
    {"devindex_vbd_number_as_itself", "51712", false, true, 51712},
    {"devindex_vbd_number_leading_zero_refused", "0123", false, false, 0},
    {"devindex_vbd_partition_256_refused", "xvda256", false, false, 0},
    {"devindex_vbd_disk_2_20_refused", "xvdbgqcw", false, false, 0},
    {"devindex_vbd_trailing_garbage_refused", "xvda1x", false, false, 0},
    {"devindex_vbd_no_letters_refused", "xvd", false, false, 0},
    {"devindex_vbd_other_name_refused", "vda", false, false, 0},
    {"devindex_vbd_huge_number_refused", "99999999999999999999", false, false,
     0},
    {"devindex_vif_vif3_0_is_0", "vif3.0", true, true, 0},
    {"devindex_vif_vif32751_12_is_12", "vif32751.12", true, true, 12},
    {"devindex_vif_mac_refused", "00:16:3e:5d:c7:9e", true, false, 0},
    {"devindex_vif_no_devid_refused", "vif3.", true, false, 0},
    {"devindex_vif_no_dot_refused", "vif3", true, false, 0},
};

static int
testIndex(const void *data)
{
    const indexCase *c = data;
    unsigned int number = 4242;
    bool ok =
        c->vif ? xsVifNumber(c->name, &number) : xsVbdNumber(c->name, &number);

    if (ok != c->ok)
        return virTestFail("'%s': %s, expected %s", c->name,
                           ok ? "accepted" : "refused",
                           c->ok ? "accepted" : "refused");
    if (ok && number != c->number)
        return virTestFail("'%s': %u, expected %u", c->name, number, c->number);
    if (!ok && number != 4242)
        return virTestFail("'%s': refused, but wrote %u", c->name, number);
    return 0;
}

/* ---- snapshots of test:///default ----------------------------------- */

static virConnectPtr conn;

static const xsDomainRow *
findDomain(const xsSnapshot *snap, const char *name)
{
    return xsSnapshotFindDomain(snap, name, strlen(name));
}

/* web01: interface vif3.0 and disk xvda (51712), both doing I/O; db01:
 * two of each, the first interface and the second disk busy, in index
 * order; a shut-off domain and Domain-0 have none. */
static int
testDeviceRows(const void *data)
{
    xsSnapshot *snap = xsSnapshotTake(conn, NULL, NULL, NULL);
    const xsDomainRow *web, *db, *build, *dom0;
    virDomainBlockStatsXenStruct bst;
    int ret = -1;

    (void)data;
    if (snap == NULL)
        return virTestFail("xsSnapshotTake failed");
    web = findDomain(snap, "web01");
    db = findDomain(snap, "db01");
    build = findDomain(snap, "build");
    dom0 = findDomain(snap, "Domain-0");
    if (web == NULL || db == NULL || build == NULL || dom0 == NULL) {
        virTestFail("a domain of test:///default is missing");
        goto cleanup;
    }
    if (virTestExpectInt("web01 vifs", (long long)web->nvifRows, 1) < 0 ||
        virTestExpectInt("web01 vbds", (long long)web->nvbdRows, 1) < 0 ||
        virTestExpectStr("web01 vif name", web->vifRows[0].name, "vif3.0") <
            0 ||
        virTestExpectInt("web01 vif index", web->vifRows[0].index, 0) < 0 ||
        virTestExpectStr("web01 vbd name", web->vbdRows[0].name, "xvda") < 0 ||
        virTestExpectInt("web01 vbd index", web->vbdRows[0].index, 51712) < 0 ||
        virTestExpectInt("db01 vifs", (long long)db->nvifRows, 2) < 0 ||
        virTestExpectInt("db01 vbds", (long long)db->nvbdRows, 2) < 0 ||
        virTestExpectInt("db01 vbd 1 index", db->vbdRows[1].index, 51728) < 0 ||
        virTestExpectStr("db01 vif 1 name", db->vifRows[1].name, "vif7.1") <
            0 ||
        virTestExpectInt("build vifs", (long long)build->nvifRows, 0) < 0 ||
        virTestExpectInt("build vbds", (long long)build->nvbdRows, 0) < 0 ||
        virTestExpectInt("Domain-0 vifs", (long long)dom0->nvifRows, 0) < 0)
        goto cleanup;
    /* The counters are the library's: at least the loaded ones, at most
     * what the library says a moment later. */
    if (web->vifRows[0].counters[XS_VIF_RX_BYTES] < 98410725362LL ||
        web->vifRows[0].counters[XS_VIF_RX_DROP] != 12 ||
        web->vbdRows[0].counters[XS_VBD_OO_REQ] != 112) {
        virTestFail("web01's counters are not the loaded ones: %lld %lld %lld",
                    web->vifRows[0].counters[XS_VIF_RX_BYTES],
                    web->vifRows[0].counters[XS_VIF_RX_DROP],
                    web->vbdRows[0].counters[XS_VBD_OO_REQ]);
        goto cleanup;
    }
    {
        virDomainPtr dom = virDomainLookupByName(conn, "db01");
        int rc = dom != NULL
                     ? virDomainBlockStatsXen(dom, "xvdb", &bst, sizeof(bst))
                     : -1;

        virDomainFree(dom);
        if (rc < 0 || db->vbdRows[1].counters[XS_VBD_RD_SECT] < 3075854336LL ||
            db->vbdRows[1].counters[XS_VBD_RD_SECT] > bst.rd_sect ||
            db->vbdRows[1].counters[XS_VBD_DS_REQ] > bst.ds_req) {
            virTestFail("db01 xvdb: %lld sectors read, the library %lld",
                        db->vbdRows[1].counters[XS_VBD_RD_SECT], bst.rd_sect);
            goto cleanup;
        }
    }
    if (web->vifRows[0].discontinuityNs != snap->takenNs) {
        virTestFail("a first snapshot's rows start at the snapshot");
        goto cleanup;
    }
    ret = 0;

cleanup:
    xsSnapshotFree(snap);
    return ret;
}

/* A second snapshot keeps the devices' discontinuity time while the
 * domain runs on and its counters grow; a counter that went backwards
 * (here: the previous snapshot made to read more) moves it. */
static int
testDiscontinuityKept(const void *data)
{
    xsSnapshot *a = xsSnapshotTake(conn, NULL, NULL, NULL);
    xsSnapshot *b = NULL;
    xsSnapshot *c = NULL;
    const xsDomainRow *wa, *wb, *wc;
    int ret = -1;

    (void)data;
    virTestSleepMs(20);
    if (a == NULL || (b = xsSnapshotTake(conn, a, NULL, NULL)) == NULL) {
        virTestFail("xsSnapshotTake failed");
        goto cleanup;
    }
    wa = findDomain(a, "web01");
    wb = findDomain(b, "web01");
    if (wb->vifRows[0].discontinuityNs != wa->vifRows[0].discontinuityNs ||
        wb->vbdRows[0].discontinuityNs != wa->vbdRows[0].discontinuityNs) {
        virTestFail("the discontinuity time moved while web01 ran on");
        goto cleanup;
    }
    if (wb->vifRows[0].counters[XS_VIF_TX_BYTES] <
        wa->vifRows[0].counters[XS_VIF_TX_BYTES]) {
        virTestFail("a counter went backwards");
        goto cleanup;
    }
    /* Pretend that the interface had counted more before. */
    wa->vifRows[0].counters[XS_VIF_TX_PACKETS] = 1LL << 60;
    virTestSleepMs(2);
    if ((c = xsSnapshotTake(conn, a, NULL, NULL)) == NULL) {
        virTestFail("xsSnapshotTake failed");
        goto cleanup;
    }
    wc = findDomain(c, "web01");
    if (wc->vifRows[0].discontinuityNs != c->takenNs ||
        wc->vbdRows[0].discontinuityNs != wa->vbdRows[0].discontinuityNs) {
        virTestFail("only the interface whose counter went back restarts");
        goto cleanup;
    }
    ret = 0;

cleanup:
    xsSnapshotFree(a);
    xsSnapshotFree(b);
    xsSnapshotFree(c);
    return ret;
}

/* A domain that is destroyed and started again has new interface names
 * (its new id) under the same indexes, counters from 0 and a new
 * discontinuity time; while it is shut off it has no devices.  (Last:
 * the built-in host keeps the change while the test's read-only
 * connection is open.) */
static int
testRestartMovesDiscontinuity(const void *data)
{
    virConnectPtr rw = virConnectOpen("test:///default");
    virDomainPtr dom = NULL;
    xsSnapshot *a = NULL, *b = NULL, *c = NULL;
    const xsDomainRow *wa, *wb, *wc;
    char want[32];
    int ret = -1;

    (void)data;
    if (rw == NULL || (dom = virDomainLookupByName(rw, "web01")) == NULL ||
        (a = xsSnapshotTake(rw, NULL, NULL, NULL)) == NULL ||
        virDomainDestroy(dom) < 0 ||
        (b = xsSnapshotTake(rw, a, NULL, NULL)) == NULL) {
        virTestFail("cannot stop web01");
        goto cleanup;
    }
    /* Destroy released the handle (the reference's rule). */
    if ((dom = virDomainLookupByName(rw, "web01")) == NULL ||
        virDomainCreate(dom) < 0 ||
        (c = xsSnapshotTake(rw, b, NULL, NULL)) == NULL) {
        virTestFail("cannot restart web01");
        goto cleanup;
    }
    wa = findDomain(a, "web01");
    wb = findDomain(b, "web01");
    wc = findDomain(c, "web01");
    if (wb->nvifRows != 0 || wb->nvbdRows != 0 || wc->nvifRows != 1 ||
        wc->nvbdRows != 1) {
        virTestFail("devices while shut off or missing after the start");
        goto cleanup;
    }
    snprintf(want, sizeof(want), "vif%d.0", wc->id);
    if (virTestExpectStr("name", wc->vifRows[0].name, want) < 0 ||
        virTestExpectInt("index", wc->vifRows[0].index, 0) < 0)
        goto cleanup;
    if (wc->vifRows[0].discontinuityNs == wa->vifRows[0].discontinuityNs ||
        wc->vifRows[0].discontinuityNs != c->takenNs ||
        wc->vifRows[0].counters[XS_VIF_RX_BYTES] >=
            wa->vifRows[0].counters[XS_VIF_RX_BYTES]) {
        virTestFail("the counters did not restart with the domain");
        goto cleanup;
    }
    ret = 0;

cleanup:
    xsSnapshotFree(a);
    xsSnapshotFree(b);
    xsSnapshotFree(c);
    virDomainFree(dom);
    if (rw != NULL)
        virConnectClose(rw);
    return ret;
}

/* The read-your-writes patch carries the device rows over. */
static int
testPatchKeepsDevices(const void *data)
{
    static const char *const names[] = {"web01"};
    xsSnapshot *base = xsSnapshotTake(conn, NULL, NULL, NULL);
    xsSnapshot *fresh = NULL, *patched = NULL;
    const xsDomainRow *w, *d;
    int ret = -1;

    (void)data;
    if (base == NULL ||
        (fresh = xsSnapshotTakeDomains(conn, base, names, 1, NULL, NULL)) ==
            NULL ||
        (patched = xsSnapshotPatch(base, fresh, names, 1)) == NULL) {
        virTestFail("cannot patch");
        goto cleanup;
    }
    w = findDomain(patched, "web01");
    d = findDomain(patched, "db01");
    if (w == NULL || d == NULL || w->nvifRows != 1 || w->nvbdRows != 1 ||
        d->nvifRows != 2 || d->nvbdRows != 2 ||
        strcmp(d->vbdRows[1].name, "xvdb") != 0 ||
        strcmp(w->vifRows[0].name, "vif3.0") != 0 ||
        w->vbdRows[0].discontinuityNs !=
            findDomain(base, "web01")->vbdRows[0].discontinuityNs) {
        virTestFail("the patched snapshot lost device rows");
        goto cleanup;
    }
    ret = 0;

cleanup:
    xsSnapshotFree(base);
    xsSnapshotFree(fresh);
    xsSnapshotFree(patched);
    return ret;
}

/* ---- drivers without the one call, or where it fails --------------- */

/* The test driver under other schemes, on the same hosts: "nobulk" has
 * no virConnectGetAllDomainIOStats (a driver of before it), "failbulk"
 * has one that always fails (a host whose counters cannot be read). */
static virDriver nobulkDriver;
static virDriver failbulkDriver;

static virDrvOpenStatus
openAs(virConnectPtr conn, const virURI *uri, bool readonly, const char *scheme)
{
    virURI asTest = *uri;

    if (strcmp(uri->scheme, scheme) != 0)
        return VIR_DRV_OPEN_DECLINED;
    asTest.scheme = (char *)"test";
    return testGetDriver()->connectOpen(conn, &asTest, readonly);
}

static virDrvOpenStatus
nobulkOpen(virConnectPtr conn, const virURI *uri, bool readonly)
{
    return openAs(conn, uri, readonly, "nobulk");
}

static virDrvOpenStatus
failbulkOpen(virConnectPtr conn, const virURI *uri, bool readonly)
{
    return openAs(conn, uri, readonly, "failbulk");
}

static int
failbulkGetAll(virConnectPtr c, virDomainIOStatsRecordPtr **records)
{
    (void)c;
    (void)records;
    virReportErrorFull(VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED, __FILE__,
                       __func__, __LINE__, "%s",
                       "the host's counters cannot be read, on purpose");
    return -1;
}

static int
registerDrivers(void)
{
    nobulkDriver = *testGetDriver();
    nobulkDriver.name = "nobulk";
    nobulkDriver.connectOpen = nobulkOpen;
    nobulkDriver.connectGetAllDomainIOStats = NULL;
    failbulkDriver = *testGetDriver();
    failbulkDriver.name = "failbulk";
    failbulkDriver.connectOpen = failbulkOpen;
    failbulkDriver.connectGetAllDomainIOStats = failbulkGetAll;
    if (virInitialize() < 0 || virDriverRegister(&nobulkDriver) < 0 ||
        virDriverRegister(&failbulkDriver) < 0)
        return -1;
    return 0;
}

/* The active rows of @snap and their devices. */
static void
countDevices(const xsSnapshot *snap, long long *active, long long *devices)
{
    size_t i;

    *active = 0;
    *devices = 0;
    for (i = 0; i < snap->ndoms; i++) {
        *active += snap->doms[i].id >= 0;
        *devices +=
            (long long)(snap->doms[i].nvifRows + snap->doms[i].nvbdRows);
    }
}

/* Whether the device rows @a (read first) and @b (then) are the same
 * devices, @a's counters not ahead of @b's. */
static int
sameDevices(const char *dom, const xsDevRow *a, size_t na, const xsDevRow *b,
            size_t nb)
{
    size_t i, c;

    if (na != nb)
        return virTestFail("%s: %zu devices one way, %zu the other", dom, na,
                           nb);
    for (i = 0; i < na; i++) {
        if (a[i].index != b[i].index || strcmp(a[i].name, b[i].name) != 0)
            return virTestFail("%s: device %zu is %s (%u) one way, %s (%u) "
                               "the other",
                               dom, i, a[i].name, a[i].index, b[i].name,
                               b[i].index);
        for (c = 0; c < XS_DEV_COUNTERS; c++) {
            if (a[i].counters[c] > b[i].counters[c] ||
                (a[i].counters[c] < 0) != (b[i].counters[c] < 0))
                return virTestFail("%s %s counter %zu: %lld read singly, "
                                   "%lld at once later",
                                   dom, a[i].name, c, a[i].counters[c],
                                   b[i].counters[c]);
        }
    }
    return 0;
}

/* Without the one call the agent reads each domain's devices on its
 * own: the same rows, for 2 list calls per active domain and one per
 * device instead of one. */
static int
testWithoutBulkCallSameRows(const void *data)
{
    virConnectPtr single = virConnectOpenReadOnly("nobulk:///default");
    xsSnapshot *a = NULL, *b = NULL;
    long long active = 0, devices = 0;
    size_t i;
    int ret = -1;

    (void)data;
    if (single == NULL ||
        (a = xsSnapshotTake(single, NULL, NULL, NULL)) == NULL ||
        (b = xsSnapshotTake(conn, NULL, NULL, NULL)) == NULL) {
        virTestFail("cannot take the snapshots");
        goto cleanup;
    }
    if (virTestExpectInt("rows", (long long)a->ndoms, (long long)b->ndoms) < 0)
        goto cleanup;
    for (i = 0; i < a->ndoms; i++) {
        const xsDomainRow *x = &a->doms[i];
        const xsDomainRow *y = &b->doms[i];

        if (sameDevices(x->name, x->vifRows, x->nvifRows, y->vifRows,
                        y->nvifRows) < 0 ||
            sameDevices(x->name, x->vbdRows, x->nvbdRows, y->vbdRows,
                        y->nvbdRows) < 0)
            goto cleanup;
    }
    countDevices(b, &active, &devices);
    if (devices < 6) {
        virTestFail("only %lld device rows", devices);
        goto cleanup;
    }
    if (virTestExpectInt("calls saved by the one call",
                         (long long)(a->libCalls - b->libCalls),
                         2 * active + devices - 1) < 0 ||
        virTestExpectInt("failed calls", (long long)a->failedCalls, 0) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    xsSnapshotFree(a);
    xsSnapshotFree(b);
    if (single != NULL)
        virConnectClose(single);
    return ret;
}

/* When the one call fails, the refresh has no device rows, counts one
 * failed call, and does not try each domain instead (the same host
 * would fail as often again). */
static int
testBulkCallFailsNoRows(const void *data)
{
    virConnectPtr failing = virConnectOpenReadOnly("failbulk:///default");
    xsSnapshot *a = NULL, *b = NULL;
    long long active = 0, devices = 0;
    int ret = -1;

    (void)data;
    if (failing == NULL ||
        (a = xsSnapshotTake(failing, NULL, NULL, NULL)) == NULL ||
        (b = xsSnapshotTake(conn, NULL, NULL, NULL)) == NULL) {
        virTestFail("cannot take the snapshots");
        goto cleanup;
    }
    countDevices(a, &active, &devices);
    if (virTestExpectInt("device rows", devices, 0) < 0 ||
        virTestExpectInt("rows", (long long)a->ndoms, (long long)b->ndoms) <
            0 ||
        virTestExpectInt("failed calls", (long long)a->failedCalls, 1) < 0 ||
        virTestExpectInt("calls", (long long)a->libCalls,
                         (long long)b->libCalls) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    xsSnapshotFree(a);
    xsSnapshotFree(b);
    if (failing != NULL)
        virConnectClose(failing);
    return ret;
}

static const virTestCase snapCases[] = {
    {"snapshot_devices_without_bulk_call_same_rows",
     testWithoutBulkCallSameRows},
    {"snapshot_devices_bulk_call_fails_no_rows", testBulkCallFailsNoRows},
    {"snapshot_devices_rows_of_default_host", testDeviceRows},
    {"snapshot_devices_discontinuity_kept_or_moved_on_backwards",
     testDiscontinuityKept},
    {"snapshot_devices_patch_keeps_them", testPatchKeepsDevices},
    {"snapshot_devices_restart_moves_discontinuity",
     testRestartMovesDiscontinuity},
};

static int
mymain(void)
{
    int ret = 0;

    VIR_TEST_RUN_TABLE(indexCases, testIndex);
    if (registerDrivers() < 0 ||
        (conn = virConnectOpenReadOnly("test:///default")) == NULL)
        return -1;
    if (virTestRunCases(snapCases, sizeof(snapCases) / sizeof(snapCases[0])) <
        0)
        ret = -1;
    virConnectClose(conn);
    return ret;
}

VIR_TEST_MAIN(mymain)
