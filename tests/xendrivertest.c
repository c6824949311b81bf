/*
 * xendrivertest.c: the Xen driver's own logic through the public API, on
 * a host kept in memory behind its seam (tests/xenfake.c): opening,
 * listing in batches, state mapping, lookups through xenstore, errors of
 * the calls beneath, defined domains (xl files in a temporary directory),
 * device statistics on a fixture tree (tests/xenstatsdata), and the
 * on_* actions of the domains the connection started, carried out once
 * xenstore's @releaseDomain watch fired and never by a read before it.
 * No hypervisor needed.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutils.h"
#include "libvir_stats.h"
#include "uuid.h"
#include "xenfake.h"
#include "xen/xen_stats.h"

#define WEB_UUID "4dea22b3-1d52-d8f3-2516-782e98ab3fa0"
#define DB_UUID "4dea22b3-1d52-d8f3-2516-782e98ab3fa1"
#define CONF_UUID "4dea22b3-1d52-d8f3-2516-782e98ab3fa2"

/* The directory LIBVIR_XEN_CONFDIR names for every case. */
static char confdir[] = "/tmp/xendrivertest-XXXXXX";

/* A fresh host with Domain-0 alone, and a connection to it. */
static virConnectPtr
openHost(void)
{
    virConnectPtr conn;

    if (xenFakeReset() < 0) {
        virTestFail("cannot set up the fake host");
        return NULL;
    }
    if ((conn = xenConnectOpenWithOps(&xenFakeOps)) == NULL)
        virTestFail("open on the fake host failed: %s",
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "no error");
    return conn;
}

static void
closeHost(virConnectPtr conn)
{
    if (conn != NULL)
        virConnectClose(conn);
}

static int
writeConfig(const char *name, const char *text)
{
    char path[256];
    FILE *fp;

    snprintf(path, sizeof(path), "%s/%s.cfg", confdir, name);
    if ((fp = fopen(path, "w")) == NULL)
        return virTestFail("cannot write '%s': %s", path, strerror(errno));
    fputs(text, fp);
    return fclose(fp) == 0 ? 0 : -1;
}

static void
removeConfig(const char *name)
{
    char path[256];

    snprintf(path, sizeof(path), "%s/%s.cfg", confdir, name);
    unlink(path);
}

#define CONF_CFG                                                  \
    "name = \"conf1\"\nuuid = \"" CONF_UUID "\"\ntype = \"pv\"\n" \
    "kernel = \"/boot/vmlinuz\"\nmemory = 128\nmaxmem = 192\n"    \
    "vcpus = 1\nmaxvcpus = 2\non_poweroff = \"destroy\"\n"        \
    "on_reboot = \"restart\"\non_crash = \"preserve\"\n"

/* ---- open --------------------------------------------------------------- */

static int
testOpenReportsHostProblem(const void *data)
{
    virConnectPtr conn;

    (void)data;
    if (xenFakeReset() < 0)
        return -1;
    xenFake.hostProblem = "this is not dom0 (/proc/xen/capabilities lacks "
                          "control_d)";
    if ((conn = xenConnectOpenWithOps(&xenFakeOps)) != NULL) {
        virConnectClose(conn);
        return virTestFail("open succeeded on a host that is not dom0");
    }
    return virTestExpectError(VIR_ERR_NO_CONNECT,
                              "cannot open 'xen:///': this is not dom0");
}

static int
testOpenWithoutXenstoredFails(const void *data)
{
    virConnectPtr conn;

    (void)data;
    if (xenFakeReset() < 0)
        return -1;
    xenFake.failXsOpen = ECONNREFUSED;
    if ((conn = xenConnectOpenWithOps(&xenFakeOps)) != NULL) {
        virConnectClose(conn);
        return virTestFail("open succeeded without xenstored");
    }
    return virTestExpectError(VIR_ERR_NO_CONNECT,
                              "xenstored is not running (cannot connect to "
                              "its socket: Connection refused)");
}

static int
testOpenReadsHost(const void *data)
{
    virConnectPtr conn = openHost();
    unsigned long ver = 0;
    virNodeInfo info;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if (virNodeGetInfo(conn, &info) < 0 || virConnectGetVersion(conn, &ver) < 0)
        goto cleanup;
    if (virTestExpectInt("cpus", info.cpus, 4) < 0 ||
        virTestExpectInt("memory KiB", (long long)info.memory, 4194304) < 0 ||
        virTestExpectInt("mhz", info.mhz, 2400) < 0 ||
        virTestExpectInt("version", (long long)ver, 4017002) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    closeHost(conn);
    return ret;
}

/* ---- listing -------------------------------------------------------------- */

/* 600 guests with ids 3, 6, ... 1800 besides Domain-0: three calls of 256
 * domains at most, each starting after the last id the previous one
 * returned. */
static int
testListMoreThan256InBatches(const void *data)
{
    virConnectPtr conn = openHost();
    char name[32];
    char uuid[40];
    int ids[1024];
    uint32_t id;
    int n;
    int i;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    for (id = 3; id <= 1800; id += 3) {
        snprintf(name, sizeof(name), "guest%u", id);
        snprintf(uuid, sizeof(uuid), "00000000-0000-4000-8000-%012u", id);
        if (xenFakeAdd(id, name, uuid, XEN_DOMINF_running) == NULL)
            goto cleanup;
    }
    xenFake.getinfolistCalls = 0;
    if ((n = virConnectListDomains(conn, ids, 1024)) < 0)
        goto cleanup;
    if (virTestExpectInt("domains listed", n, 601) < 0 ||
        virTestExpectInt("getinfolist calls", xenFake.getinfolistCalls, 3) <
            0 ||
        virTestExpectInt("first call from", xenFake.getinfolistFirst[0], 0) <
            0 ||
        /* Domain-0, then 3 .. 765: the 256th domain is 765. */
        virTestExpectInt("second call from", xenFake.getinfolistFirst[1], 766) <
            0 ||
        virTestExpectInt("third call from", xenFake.getinfolistFirst[2], 1534) <
            0)
        goto cleanup;
    for (i = 0; i < n; i++) {
        if (ids[i] != i * 3) {
            virTestFail("ids[%d] is %d, expected %d", i, ids[i], i * 3);
            goto cleanup;
        }
    }
    if (virTestExpectInt("NumOfDomains", virConnectNumOfDomains(conn), 601) <
            0 ||
        virTestExpectInt("ListDomains with room for 10",
                         virConnectListDomains(conn, ids, 10), 10) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    closeHost(conn);
    return ret;
}

static int
testListFailsWithReason(const void *data)
{
    virConnectPtr conn = openHost();
    int ids[8];
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    xenFake.failGetinfolist = EACCES;
    if (virConnectListDomains(conn, ids, 8) >= 0) {
        virTestFail("listing succeeded while the hypervisor refused");
        goto cleanup;
    }
    ret = virTestExpectError(VIR_ERR_OPERATION_FAILED,
                             "cannot list the domains: Permission denied");

cleanup:
    closeHost(conn);
    return ret;
}

/* ---- states --------------------------------------------------------------- */

typedef struct {
    const char *title;
    uint32_t flags;
    int state;
} stateCase;

#define SHUT(reason) \
    (XEN_DOMINF_shutdown | ((reason) << XEN_DOMINF_shutdownshift))

static const stateCase stateCases[] = {
    {"xendriver_state_running_on_cpu_is_running", XEN_DOMINF_running,
     VIR_DOMAIN_RUNNING},
    {"xendriver_state_blocked_is_blocked", XEN_DOMINF_blocked,
     VIR_DOMAIN_BLOCKED},
    {"xendriver_state_runnable_is_running", 0, VIR_DOMAIN_RUNNING},
    {"xendriver_state_paused_is_paused", XEN_DOMINF_paused, VIR_DOMAIN_PAUSED},
    {"xendriver_state_powered_off_is_shutoff", SHUT(XEN_FAKE_POWEROFF),
     VIR_DOMAIN_SHUTOFF},
    {"xendriver_state_crashed_is_crashed", SHUT(XEN_FAKE_CRASH),
     VIR_DOMAIN_CRASHED},
    {"xendriver_state_dying_is_shutdown",
     XEN_DOMINF_dying | SHUT(XEN_FAKE_POWEROFF), VIR_DOMAIN_SHUTDOWN},
};

static int
testState(const void *data)
{
    const stateCase *c = data;
    virConnectPtr conn = openHost();
    virDomainPtr dom = NULL;
    virDomainInfo info;
    int ret = -1;

    if (conn == NULL)
        return -1;
    if (xenFakeAdd(7, "web", WEB_UUID, c->flags) == NULL ||
        (dom = virDomainLookupByName(conn, "web")) == NULL ||
        virDomainGetInfo(dom, &info) < 0) {
        virTestFail("cannot read 'web'");
        goto cleanup;
    }
    if (virTestExpectInt("state", info.state, c->state) < 0 ||
        /* The toolstack's maximum (xenstore), not the hypervisor's. */
        virTestExpectInt("maxMem", (long long)info.maxMem, 196608) < 0 ||
        virTestExpectInt("memory", (long long)info.memory, 131072) < 0 ||
        virTestExpectInt("vcpus", info.nrVirtCpu, 2) < 0 ||
        virTestExpectInt("cpuTime", (long long)info.cpuTime, 8000000000LL) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (dom != NULL)
        virDomainFree(dom);
    closeHost(conn);
    return ret;
}

/* ---- lookups -------------------------------------------------------------- */

static int
testLookups(const void *data)
{
    virConnectPtr conn = openHost();
    virDomainPtr byName = NULL;
    virDomainPtr byUUID = NULL;
    virDomainPtr byID = NULL;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if (xenFakeAdd(7, "web", WEB_UUID, XEN_DOMINF_running) == NULL ||
        xenFakeAdd(9, "db", DB_UUID, XEN_DOMINF_blocked) == NULL ||
        virUUIDParse(DB_UUID, uuid) < 0)
        goto cleanup;
    if ((byName = virDomainLookupByName(conn, "web")) == NULL ||
        (byUUID = virDomainLookupByUUID(conn, uuid)) == NULL ||
        (byID = virDomainLookupByID(conn, 7)) == NULL) {
        virTestFail("a lookup failed: %s", virGetLastError()->message);
        goto cleanup;
    }
    if (virTestExpectInt("id of web", (int)virDomainGetID(byName), 7) < 0 ||
        virTestExpectStr("name by UUID", virDomainGetName(byUUID), "db") < 0 ||
        virTestExpectInt("id by UUID", (int)virDomainGetID(byUUID), 9) < 0 ||
        virTestExpectStr("name by id", virDomainGetName(byID), "web") < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (byName != NULL)
        virDomainFree(byName);
    if (byUUID != NULL)
        virDomainFree(byUUID);
    if (byID != NULL)
        virDomainFree(byID);
    closeHost(conn);
    return ret;
}

typedef struct {
    const char *title;
    const char *name; /* by name, else by UUID, else by id */
    const char *uuid;
    int id;
    int code;
    const char *message;
} missCase;

static const missCase missCases[] = {
    {"xendriver_lookup_unknown_name_is_no_domain", "nope", NULL, 0,
     VIR_ERR_NO_DOMAIN, "no domain named 'nope'"},
    {"xendriver_lookup_unknown_uuid_is_no_domain", NULL,
     "11111111-2222-3333-4444-555555555555", 0, VIR_ERR_NO_DOMAIN,
     "no domain with UUID '11111111-2222-3333-4444-555555555555'"},
    {"xendriver_lookup_unknown_id_is_no_domain", NULL, NULL, 99,
     VIR_ERR_NO_DOMAIN, "no domain with id 99"},
    {"xendriver_lookup_id_without_name_is_no_domain", NULL, NULL, 5,
     VIR_ERR_NO_DOMAIN, "domain 5 has no name in xenstore"},
};

static int
testLookupMiss(const void *data)
{
    const missCase *c = data;
    virConnectPtr conn = openHost();
    unsigned char uuid[VIR_UUID_BUFLEN];
    virDomainPtr dom = NULL;
    int ret = -1;

    if (conn == NULL)
        return -1;
    /* Domain 5 is being built: no name in xenstore yet. */
    if (xenFakeAdd(5, NULL, DB_UUID, XEN_DOMINF_paused) == NULL ||
        xenFakeAdd(7, "web", WEB_UUID, XEN_DOMINF_running) == NULL)
        goto cleanup;
    if (c->name != NULL)
        dom = virDomainLookupByName(conn, c->name);
    else if (c->uuid != NULL && virUUIDParse(c->uuid, uuid) == 0)
        dom = virDomainLookupByUUID(conn, uuid);
    else
        dom = virDomainLookupByID(conn, c->id);
    if (dom != NULL) {
        virTestFail("the lookup found '%s'", virDomainGetName(dom));
        virDomainFree(dom);
        goto cleanup;
    }
    ret = virTestExpectError(c->code, c->message);

cleanup:
    closeHost(conn);
    return ret;
}

/* The name lookup passes over a domain that has no name yet. */
static int
testLookupSkipsUnnamed(const void *data)
{
    virConnectPtr conn = openHost();
    virDomainPtr dom = NULL;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if (xenFakeAdd(5, NULL, DB_UUID, XEN_DOMINF_paused) == NULL ||
        xenFakeAdd(7, "web", WEB_UUID, XEN_DOMINF_running) == NULL)
        goto cleanup;
    if ((dom = virDomainLookupByName(conn, "web")) == NULL) {
        virTestFail("'web' not found: %s", virGetLastError()->message);
        goto cleanup;
    }
    ret = virTestExpectInt("id of web", (int)virDomainGetID(dom), 7);
    virDomainFree(dom);

cleanup:
    closeHost(conn);
    return ret;
}

/* xenstored went away and does not come back: the driver tries once to
 * reconnect, then says so. */
static int
testXenstoredLostIsReported(const void *data)
{
    virConnectPtr conn = openHost();
    virDomainPtr dom;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if (xenFakeAdd(7, "web", WEB_UUID, XEN_DOMINF_running) == NULL)
        goto cleanup;
    xenFake.failRead = EIO;
    xenFake.failXsOpen = ECONNREFUSED;
    if ((dom = virDomainLookupByID(conn, 7)) != NULL) {
        virDomainFree(dom);
        virTestFail("a lookup succeeded without xenstored");
        goto cleanup;
    }
    ret = virTestExpectError(VIR_ERR_OPERATION_FAILED,
                             "xenstored is not running");

cleanup:
    closeHost(conn);
    return ret;
}

/* ---- defined domains ------------------------------------------------------ */

static int
testDefinedFromConfdir(const void *data)
{
    virConnectPtr conn = NULL;
    virDomainPtr dom = NULL;
    const char *names[4] = {NULL};
    virDomainInfo info;
    int n;
    int ret = -1;

    (void)data;
    if (writeConfig("conf1", CONF_CFG) < 0 ||
        writeConfig("broken", "name = \"broken\"\nmemory = \n") < 0 ||
        (conn = openHost()) == NULL)
        goto cleanup;
    if ((n = virConnectListDefinedDomains(conn, names, 4)) < 0)
        goto cleanup;
    if (virTestExpectInt("defined domains (the broken file left out)", n, 1) <
            0 ||
        virTestExpectStr("defined", names[0], "conf1") < 0 ||
        virTestExpectInt("NumOfDefinedDomains",
                         virConnectNumOfDefinedDomains(conn), 1) < 0)
        goto cleanup;
    if ((dom = virDomainLookupByName(conn, "conf1")) == NULL ||
        virDomainGetInfo(dom, &info) < 0) {
        virTestFail("cannot read 'conf1'");
        goto cleanup;
    }
    if (virTestExpectInt("id", (int)virDomainGetID(dom), -1) < 0 ||
        virTestExpectInt("state", info.state, VIR_DOMAIN_SHUTOFF) < 0 ||
        virTestExpectInt("memory", (long long)info.memory, 131072) < 0 ||
        virTestExpectInt("maxMem", (long long)info.maxMem, 196608) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    free((char *)names[0]);
    if (dom != NULL)
        virDomainFree(dom);
    closeHost(conn);
    removeConfig("conf1");
    removeConfig("broken");
    return ret;
}

/* A running domain and its file: listed as running only. */
static int
testRunningNotListedDefined(const void *data)
{
    virConnectPtr conn = NULL;
    int ret = -1;

    (void)data;
    if (writeConfig("conf1", CONF_CFG) < 0 || (conn = openHost()) == NULL ||
        xenFakeAdd(4, "conf1", CONF_UUID, XEN_DOMINF_running) == NULL)
        goto cleanup;
    ret = virTestExpectInt("NumOfDefinedDomains",
                           virConnectNumOfDefinedDomains(conn), 0);

cleanup:
    closeHost(conn);
    removeConfig("conf1");
    return ret;
}

/* ---- device statistics ---------------------------------------------------- */

/* tests/xenstatsdata/host: domain 1 has disks xvda, xvdb and xvdc (no
 * counters) and vifs vif1.0 and vif1.1 (renamed web-eth1); domain 3 a
 * disk hda and a vif without a /proc/net/dev line. */
static virConnectPtr
openStatsHost(char **root)
{
    virConnectPtr conn;

    if ((*root = virTestDataPath("xenstatsdata/host")) == NULL ||
        (conn = openHost()) == NULL)
        return NULL;
    xenFake.ioRoot = *root;
    if (xenFakeAdd(1, "web", WEB_UUID, XEN_DOMINF_running) == NULL ||
        xenFakeAdd(3, "db", DB_UUID, XEN_DOMINF_running) == NULL ||
        xenFakeStoreSet("/local/domain/0/backend/vif/1/1/mac",
                        "00:16:3e:00:00:02") < 0) {
        virConnectClose(conn);
        return NULL;
    }
    return conn;
}

/* The I/O collections @conn made so far equal @want. */
static int
expectCollections(virConnectPtr conn, const char *what, long long want)
{
    xenStats stats;

    if (xenConnectGetStats(conn, &stats) < 0) {
        virTestFail("%s: xenConnectGetStats failed", what);
        return -1;
    }
    return virTestExpectInt(what, (long long)stats.ioCollections, want);
}

static int
testStatsFromFixture(const void *data)
{
    virDomainInterfaceStatsStruct ifs;
    virDomainBlockStatsStruct bs;
    virConnectPtr conn = NULL;
    virDomainPtr dom = NULL;
    char **disks = NULL;
    char *root = NULL;
    int n = -1;
    int i;
    int ret = -1;

    (void)data;
    if ((conn = openStatsHost(&root)) == NULL ||
        (dom = virDomainLookupByName(conn, "web")) == NULL)
        goto cleanup;
    if (virDomainBlockStats(dom, "xvda", &bs, sizeof(bs)) < 0 ||
        virTestExpectInt("rd_req", bs.rd_req, 1200) < 0 ||
        virTestExpectInt("rd_bytes", bs.rd_bytes, 96000LL * 512) < 0 ||
        virTestExpectInt("wr_req", bs.wr_req, 340) < 0 ||
        virTestExpectInt("wr_bytes", bs.wr_bytes, 27200LL * 512) < 0 ||
        virTestExpectInt("errs", bs.errs, -1) < 0)
        goto cleanup;
    /* The guest's view: what vif1.0 received in dom0, the guest sent. */
    if (virDomainInterfaceStats(dom, "vif1.0", &ifs, sizeof(ifs)) < 0 ||
        virTestExpectInt("rx_bytes", ifs.rx_bytes, 90000) < 0 ||
        virTestExpectInt("tx_bytes", ifs.tx_bytes, 5000) < 0 ||
        virTestExpectInt("tx_drop", ifs.tx_drop, 2) < 0)
        goto cleanup;
    /* By MAC address, through xenstore: the renamed vif1.1. */
    if (virDomainInterfaceStats(dom, "00:16:3e:00:00:02", &ifs, sizeof(ifs)) <
            0 ||
        virTestExpectInt("rx_bytes by MAC", ifs.rx_bytes, 800) < 0 ||
        virTestExpectInt("tx_bytes by MAC", ifs.tx_bytes, 700) < 0)
        goto cleanup;
    if ((n = virDomainListBlockDevices(dom, &disks, 0)) < 0 ||
        virTestExpectInt("disks", n, 3) < 0 ||
        virTestExpectStr("disk 0", disks[0], "xvda") < 0 ||
        virTestExpectStr("disk 2", disks[2], "xvdc") < 0)
        goto cleanup;
    /* Every read above shared one collection. */
    if (expectCollections(conn, "collections", 1) < 0)
        goto cleanup;
    /* A listing of the domains starts a new round. */
    if (virConnectNumOfDomains(conn) < 0 ||
        virConnectListDomains(conn, &i, 1) < 0 ||
        virDomainBlockStats(dom, "xvdb", &bs, sizeof(bs)) < 0 ||
        expectCollections(conn, "collections after a listing", 2) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    for (i = 0; i < n; i++)
        free(disks[i]);
    free(disks);
    if (dom != NULL)
        virDomainFree(dom);
    closeHost(conn);
    free(root);
    return ret;
}

/* The bulk call: every active domain in ascending id, Domain-0 with no
 * devices, each device named as the list calls name it and counted as
 * the per-device calls count it; one collection per call, which the
 * per-device reads after it share. */
static int
testBulkFromFixture(const void *data)
{
    virDomainIOStatsRecordPtr *recs = NULL;
    virDomainBlockStatsStruct bs;
    const virDomainIOStatsRecord *web;
    const virDomainIOStatsRecord *db;
    virConnectPtr conn = NULL;
    char *root = NULL;
    int n;
    int ret = -1;

    (void)data;
    if ((conn = openStatsHost(&root)) == NULL)
        goto cleanup;
    if ((n = virConnectGetAllDomainIOStats(conn, &recs, 0)) < 0) {
        virTestFail("bulk call failed: %s", virGetLastError()->message);
        goto cleanup;
    }
    if (virTestExpectInt("records", n, 3) < 0 ||
        virTestExpectInt("list ends", recs[3] == NULL, 1) < 0 ||
        virTestExpectInt("first id", recs[0]->id, 0) < 0 ||
        virTestExpectInt("Domain-0 disks", (long long)recs[0]->ndisks, 0) < 0)
        goto cleanup;
    web = recs[1];
    db = recs[2];
    if (virTestExpectStr("web", virDomainGetName(web->dom), "web") < 0 ||
        virTestExpectInt("web id", web->id, 1) < 0 ||
        virTestExpectInt("web disks", (long long)web->ndisks, 3) < 0 ||
        virTestExpectStr("disk 0", web->disks[0].name, "xvda") < 0 ||
        virTestExpectInt("rd_req", web->disks[0].stats.rd_req, 1200) < 0 ||
        virTestExpectInt("rd_sect", web->disks[0].stats.rd_sect, 96000) < 0 ||
        virTestExpectInt("wr_sect", web->disks[0].stats.wr_sect, 27200) < 0 ||
        virTestExpectInt("oo_req", web->disks[0].stats.oo_req, 5) < 0 ||
        virTestExpectInt("f_req", web->disks[0].stats.f_req, 17) < 0 ||
        virTestExpectInt("ds_req", web->disks[0].stats.ds_req, 2) < 0 ||
        virTestExpectStr("disk 2", web->disks[2].name, "xvdc") < 0 ||
        virTestExpectInt("xvdc unknown", web->disks[2].stats.rd_req, -1) < 0)
        goto cleanup;
    if (virTestExpectInt("web vifs", (long long)web->nifaces, 2) < 0 ||
        virTestExpectStr("vif 0", web->ifaces[0].name, "vif1.0") < 0 ||
        virTestExpectInt("vif1.0 rx", web->ifaces[0].stats.rx_bytes, 90000) <
            0 ||
        virTestExpectInt("vif1.0 tx_drop", web->ifaces[0].stats.tx_drop, 2) <
            0 ||
        virTestExpectStr("vif 1", web->ifaces[1].name, "vif1.1") < 0 ||
        virTestExpectInt("renamed vif rx", web->ifaces[1].stats.rx_bytes, 800) <
            0)
        goto cleanup;
    if (virTestExpectStr("db", virDomainGetName(db->dom), "db") < 0 ||
        virTestExpectInt("db id", db->id, 3) < 0 ||
        virTestExpectStr("db disk", db->disks[0].name, "hda") < 0 ||
        virTestExpectStr("db vif", db->ifaces[0].name, "vif3.0") < 0 ||
        virTestExpectInt("vif without counters", db->ifaces[0].stats.rx_bytes,
                         -1) < 0)
        goto cleanup;
    if (virDomainBlockStats(web->dom, "xvda", &bs, sizeof(bs)) < 0 ||
        virTestExpectInt("per-device rd_req", bs.rd_req, 1200) < 0 ||
        expectCollections(conn, "collections", 1) < 0)
        goto cleanup;
    virDomainIOStatsRecordListFree(recs);
    recs = NULL;
    /* Each bulk call collects anew. */
    if (virConnectGetAllDomainIOStats(conn, &recs, 0) != 3 ||
        expectCollections(conn, "collections after a second call", 2) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainIOStatsRecordListFree(recs);
    closeHost(conn);
    free(root);
    return ret;
}

typedef struct {
    const char *title;
    const char *domain;
    const char *disk; /* else: the interface */
    const char *iface;
    int code;
    const char *message;
} statsMissCase;

static const statsMissCase statsMissCases[] = {
    {"xendriver_stats_unknown_disk_is_invalid_arg", "web", "xvdz", NULL,
     VIR_ERR_INVALID_ARG, "domain 'web' has no disk 'xvdz'"},
    {"xendriver_stats_unknown_vif_is_invalid_arg", "web", NULL, "vif1.7",
     VIR_ERR_INVALID_ARG, "domain 'web' has no interface 'vif1.7'"},
    {"xendriver_stats_unknown_mac_is_invalid_arg", "web", NULL,
     "00:16:3e:00:00:09", VIR_ERR_INVALID_ARG,
     "domain 'web' has no interface '00:16:3e:00:00:09'"},
    {"xendriver_stats_of_defined_domain_is_not_running", "conf1", "xvda", NULL,
     VIR_ERR_OPERATION_INVALID, "domain 'conf1' is not running"},
};

static int
testStatsMiss(const void *data)
{
    const statsMissCase *c = data;
    virDomainInterfaceStatsStruct ifs;
    virDomainBlockStatsStruct bs;
    virConnectPtr conn = NULL;
    virDomainPtr dom = NULL;
    char *root = NULL;
    int rc;
    int ret = -1;

    if (writeConfig("conf1", CONF_CFG) < 0 ||
        (conn = openStatsHost(&root)) == NULL ||
        (dom = virDomainLookupByName(conn, c->domain)) == NULL)
        goto cleanup;
    if (c->disk != NULL)
        rc = virDomainBlockStats(dom, c->disk, &bs, sizeof(bs));
    else
        rc = virDomainInterfaceStats(dom, c->iface, &ifs, sizeof(ifs));
    if (rc == 0) {
        virTestFail("the statistics were read");
        goto cleanup;
    }
    ret = virTestExpectError(c->code, c->message);

cleanup:
    if (dom != NULL)
        virDomainFree(dom);
    closeHost(conn);
    free(root);
    removeConfig("conf1");
    return ret;
}

/* ---- on_poweroff, on_reboot, on_crash ------------------------------------- */

/* Whether @id is among the running domains @conn lists. */
static int
listed(virConnectPtr conn, int id)
{
    int ids[16];
    int n = virConnectListDomains(conn, ids, 16);
    int i;

    for (i = 0; i < n; i++) {
        if (ids[i] == id)
            return 1;
    }
    return n < 0 ? -1 : 0;
}

/* Starts conf1 (CONF_CFG) through the connection; its id, or -1. */
static int
startConf1(virConnectPtr conn, virDomainPtr *dom)
{
    if (writeConfig("conf1", CONF_CFG) < 0 ||
        (*dom = virDomainLookupByName(conn, "conf1")) == NULL ||
        virDomainCreate(*dom) < 0)
        return virTestFail("cannot start conf1: %s",
                           virGetLastError() != NULL
                               ? virGetLastError()->message
                               : "no error");
    /* xenstored's first events (the watches being set, the new domain):
     * read by the listing, with nothing stopped yet. */
    if (listed(conn, 0) != 1)
        return virTestFail("Domain-0 is not listed");
    return (int)virDomainGetID(*dom);
}

/* Reads of every kind, on the domain that stopped and on the host. */
static int
readEverything(virConnectPtr conn, virDomainPtr dom, int id)
{
    virDomainInfo info;
    virDomainPtr other;

    if (virDomainGetInfo(dom, &info) < 0 ||
        virTestExpectInt("state before the watch", info.state,
                         VIR_DOMAIN_SHUTOFF) < 0 ||
        virTestExpectInt("id before the watch", (int)virDomainGetID(dom), id) <
            0 ||
        virTestExpectInt("listed before the watch", listed(conn, id), 1) < 0)
        return -1;
    if ((other = virDomainLookupByID(conn, id)) == NULL)
        return virTestFail("lookup by id %d failed", id);
    virDomainFree(other);
    if ((other = virDomainLookupByName(conn, "conf1")) == NULL)
        return virTestFail("lookup by name failed");
    virDomainFree(other);
    return virTestExpectInt("destroyed by a read", xenFake.destroys, 0);
}

typedef struct {
    const char *title;
    unsigned int reason; /* why the guest stopped */
    bool byLookup;       /* the announcement handled by a lookup */
    unsigned int destroys;
    unsigned int creates;
    int state;         /* of conf1 afterwards */
    bool sameIdListed; /* the stopped domain still listed afterwards */
} onCase;

static const onCase onCases[] = {
    {"xendriver_onpoweroff_destroy_after_release_watch_only", XEN_FAKE_POWEROFF,
     false, 1, 1, VIR_DOMAIN_SHUTOFF, false},
    /* The guest comes back under a new id. */
    {"xendriver_onreboot_restart_after_release_watch_only", XEN_FAKE_REBOOT,
     true, 1, 2, VIR_DOMAIN_RUNNING, false},
    /* "preserve": left for the administrator. */
    {"xendriver_oncrash_preserve_left_after_release_watch", XEN_FAKE_CRASH,
     false, 0, 1, VIR_DOMAIN_CRASHED, true},
};

/* conf1 (CONF_CFG) started by the connection stops; reads before
 * xenstored's announcement leave it alone; the listing or lookup after it
 * carries out its action. */
static int
testOnAction(const void *data)
{
    const onCase *c = data;
    virConnectPtr conn = openHost();
    virDomainPtr dom = NULL;
    virDomainPtr after = NULL;
    virDomainInfo info;
    int id;
    int ret = -1;

    if (conn == NULL || (id = startConf1(conn, &dom)) < 0)
        goto cleanup;
    xenFakeStop((uint32_t)id, c->reason);
    if ((c->reason != XEN_FAKE_CRASH && readEverything(conn, dom, id) < 0) ||
        xenFakeFire("@releaseDomain") < 0)
        goto cleanup;
    if (c->byLookup)
        after = virDomainLookupByName(conn, "conf1");
    else if (virTestExpectInt("listed after the watch", listed(conn, id),
                              c->sameIdListed) == 0)
        after = virDomainLookupByName(conn, "conf1");
    if (after == NULL || virDomainGetInfo(after, &info) < 0) {
        virTestFail("conf1 cannot be read after the watch");
        goto cleanup;
    }
    if (virTestExpectInt("destroys", xenFake.destroys, c->destroys) < 0 ||
        virTestExpectInt("creates", xenFake.creates, c->creates) < 0 ||
        virTestExpectInt("state", info.state, c->state) < 0 ||
        virTestExpectInt("listed under the old id", listed(conn, id),
                         c->sameIdListed) < 0)
        goto cleanup;
    if (c->state == VIR_DOMAIN_RUNNING &&
        virTestExpectInt("listed under the new id",
                         listed(conn, (int)virDomainGetID(after)), 1) < 0)
        goto cleanup;
    if (c->state == VIR_DOMAIN_SHUTOFF &&
        virTestExpectInt("id", (int)virDomainGetID(dom), -1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (after != NULL)
        virDomainFree(after);
    if (dom != NULL)
        virDomainFree(dom);
    closeHost(conn);
    removeConfig("conf1");
    return ret;
}

/* A domain xl started is xl's: its stop is left alone. */
static int
testUntrackedLeftAfterRelease(const void *data)
{
    virConnectPtr conn = openHost();
    int ret = -1;

    (void)data;
    if (conn == NULL ||
        xenFakeAdd(7, "web", WEB_UUID, XEN_DOMINF_running) == NULL)
        goto cleanup;
    xenFakeStop(7, XEN_FAKE_POWEROFF);
    if (xenFakeFire("@releaseDomain") < 0)
        goto cleanup;
    if (virTestExpectInt("listed", listed(conn, 7), 1) < 0 ||
        virTestExpectInt("destroys", xenFake.destroys, 0) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    closeHost(conn);
    return ret;
}

/* ---- main ------------------------------------------------------------------ */

static const virTestCase cases[] = {
    {"xendriver_open_reports_host_problem", testOpenReportsHostProblem},
    {"xendriver_open_without_xenstored_fails", testOpenWithoutXenstoredFails},
    {"xendriver_open_reads_host", testOpenReadsHost},
    {"xendriver_list_more_than_256_in_batches", testListMoreThan256InBatches},
    {"xendriver_list_fails_with_hypervisor_reason", testListFailsWithReason},
    {"xendriver_lookup_by_name_uuid_and_id", testLookups},
    {"xendriver_lookup_by_name_skips_unnamed", testLookupSkipsUnnamed},
    {"xendriver_lookup_xenstored_lost_is_reported",
     testXenstoredLostIsReported},
    {"xendriver_defined_domains_from_confdir", testDefinedFromConfdir},
    {"xendriver_defined_running_domain_is_not_listed_defined",
     testRunningNotListedDefined},
    {"xendriver_stats_from_fixture_tree", testStatsFromFixture},
    {"xendriver_bulk_io_stats_from_fixture_tree", testBulkFromFixture},
    {"xendriver_release_of_domain_not_ours_is_left",
     testUntrackedLeftAfterRelease},
};

static int
mymain(void)
{
    int ret = 0;

    if (mkdtemp(confdir) == NULL) {
        printf("Bail out! mkdtemp: %s\n", strerror(errno));
        return 1;
    }
    setenv("LIBVIR_XEN_CONFDIR", confdir, 1);
    if (virTestRunCases(cases, sizeof(cases) / sizeof(cases[0])) < 0)
        ret = -1;
    VIR_TEST_RUN_TABLE(stateCases, testState);
    VIR_TEST_RUN_TABLE(missCases, testLookupMiss);
    VIR_TEST_RUN_TABLE(statsMissCases, testStatsMiss);
    VIR_TEST_RUN_TABLE(onCases, testOnAction);
    xenFakeFree();
    rmdir(confdir);
    return ret;
}

VIR_TEST_MAIN(mymain)
