/*
 * snapshottest.c: hypervisor snapshots and their lifecycle diffs
 * (agent/snapshot.c), through the test driver.
 *
 * tests/agentdata/node.xml is a read-only host with every kind of row the
 * tables must handle; tests/agentdata/events.xml is a host whose domains
 * are driven through their lifecycle with the libvir API between
 * snapshots.  Figures asserted here are documented in those files.
 */

#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutils.h"
#include "snapshot.h"

#define LONG_NAME                                                           \
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" \
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define NAME32 "abcdefghijklmnopqrstuvwxyz012345"
#define UTF8_NAME "caf\xc3\xa9-\xc3\xbc"

/* Calls one snapshot of node.xml makes: 4 for the node, 4 for the lists,
 * 4 per domain with vcpus (lookup, info, OS type, vcpus: Domain-0, 'web
 * 01', big64, mail), 3 for the crashed one, 2 for the skipped one (lookup
 * and info, for its memory) and 3 per shut-off domain (4 of them), and
 * the XML of the 5 domains without vcpu rows (crashed, shut off), for
 * their maximum vcpus; and one for the devices of every active domain
 * (virConnectGetAllDomainIOStats), where per domain it took 2 list
 * calls and one per device. */
#define NODE_CALLS_FIRST 47
/* The second one finds the 9 rows' OS types in the first. */
#define NODE_CALLS_SECOND 33

static virConnectPtr nodeConn;
static xsSnapshot *snap1;

static void
sleepMs(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

    while (nanosleep(&ts, &ts) < 0)
        ;
}

static const xsDomainRow *
findRow(const xsSnapshot *snap, const char *name)
{
    return xsSnapshotFindDomain(snap, name, strlen(name));
}

/* ---- node.xml ------------------------------------------------------- */

static int
testTakeCounts(const void *data)
{
    unsigned long long calls = 100;
    unsigned long long failed = 7;

    (void)data;
    if ((snap1 = xsSnapshotTake(nodeConn, NULL, &calls, &failed)) == NULL)
        return virTestFail("xsSnapshotTake failed: %s",
                           virGetLastError() ? virGetLastError()->message
                                             : "no error");
    /* The counters are added to, so that the agent can keep totals. */
    if (virTestExpectInt("calls", (long long)calls, 100 + NODE_CALLS_FIRST) <
            0 ||
        virTestExpectInt("failed", (long long)failed, 7) < 0 ||
        virTestExpectInt("libCalls", (long long)snap1->libCalls,
                         NODE_CALLS_FIRST) < 0 ||
        virTestExpectInt("failedCalls", (long long)snap1->failedCalls, 0) < 0)
        return -1;
    if (snap1->takenNs == 0 || snap1->durationNs == 0)
        return virTestFail("takenNs %llu, durationNs %llu not set",
                           (unsigned long long)snap1->takenNs,
                           (unsigned long long)snap1->durationNs);
    return 0;
}

static int
testNode(const void *data)
{
    const xsNodeInfo *n;

    (void)data;
    if (snap1 == NULL)
        return virTestFail("no snapshot");
    n = &snap1->node;
    if (virTestExpectStr("hvType", n->hvType, "Xen") < 0 ||
        virTestExpectStr("hvVersion", n->hvVersion, "4.17.3") < 0 ||
        virTestExpectStr("libVersion", n->libVersion, "0.1.0") < 0 ||
        virTestExpectStr("cpuModel", n->cpuModel, "Snapshot Test CPU") < 0 ||
        virTestExpectInt("memKiB", (long long)n->memKiB, 5368709120LL) < 0 ||
        virTestExpectInt("freeKiB", (long long)n->freeKiB, 5292163072LL) < 0 ||
        virTestExpectInt("cpus", n->cpus, 32) < 0 ||
        virTestExpectInt("maxCpus", n->maxCpus, 32) < 0 ||
        virTestExpectInt("mhz", n->mhz, 2600) < 0 ||
        virTestExpectInt("nodes", n->nodes, 1) < 0 ||
        virTestExpectInt("sockets", n->sockets, 2) < 0 ||
        virTestExpectInt("cores", n->cores, 8) < 0 ||
        virTestExpectInt("threads", n->threads, 2) < 0 ||
        virTestExpectInt("activeDomains", n->activeDomains, 5) < 0 ||
        virTestExpectInt("definedDomains", n->definedDomains, 4) < 0 ||
        virTestExpectInt("nskipped", (long long)snap1->nskipped, 1) < 0)
        return -1;
    return 0;
}

static int
testSortOrder(const void *data)
{
    /* Length first, then unsigned bytes: 'D' (0x44) sorts before 'c'. */
    static const char *const order[] = {
        "b",      "off",      "dead",    "mail", "big64",
        "web 01", "Domain-0", UTF8_NAME, NAME32,
    };
    size_t i;

    (void)data;
    if (snap1 == NULL)
        return virTestFail("no snapshot");
    if (virTestExpectInt("ndoms", (long long)snap1->ndoms,
                         sizeof(order) / sizeof(order[0])) < 0)
        return -1;
    for (i = 0; i < snap1->ndoms; i++) {
        const xsDomainRow *row = &snap1->doms[i];

        if (virTestExpectStr("name", row->name, order[i]) < 0 ||
            virTestExpectInt("namelen", (long long)row->namelen,
                             (long long)strlen(order[i])) < 0)
            return -1;
        if (findRow(snap1, order[i]) != row)
            return virTestFail("'%s' not found by binary search", order[i]);
    }
    return 0;
}

typedef struct {
    const char *title;
    const char *name;
    int id;
    int state;
    const char *ostype;
    const char *uuidText;
    unsigned long long memKiB;
    unsigned int vcpus;
    unsigned int maxVcpus;
    size_t nvcpuRows;
} rowCase;

static int
testRow(const void *data)
{
    const rowCase *c = data;
    const xsDomainRow *row;

    if (snap1 == NULL)
        return virTestFail("no snapshot");
    if ((row = findRow(snap1, c->name)) == NULL)
        return virTestFail("no row '%s'", c->name);
    if (virTestExpectInt("id", row->id, c->id) < 0 ||
        virTestExpectInt("state", row->state, c->state) < 0 ||
        virTestExpectStr("ostype", row->ostype, c->ostype) < 0 ||
        virTestExpectStr("uuidText", row->uuidText, c->uuidText) < 0 ||
        virTestExpectInt("uuid[15]", row->uuid[15],
                         strtol(c->uuidText + 34, NULL, 16)) < 0 ||
        virTestExpectInt("memKiB", (long long)row->memKiB,
                         (long long)c->memKiB) < 0 ||
        virTestExpectInt("targetKiB", (long long)row->targetKiB,
                         (long long)c->memKiB) < 0 ||
        virTestExpectInt("maxMemKiB", (long long)row->maxMemKiB,
                         (long long)c->memKiB) < 0 ||
        virTestExpectInt("vcpus", row->vcpus, c->vcpus) < 0 ||
        virTestExpectInt("maxVcpus", row->maxVcpus, c->maxVcpus) < 0 ||
        virTestExpectInt("nvcpuRows", (long long)row->nvcpuRows,
                         (long long)c->nvcpuRows) < 0)
        return -1;
    /* Running means a start time; on the first snapshot it is "now". */
    if (virTestExpectInt("startedNs", (long long)row->startedNs,
                         c->id >= 0 ? (long long)snap1->takenNs : 0) < 0 ||
        virTestExpectInt("discontinuityNs", (long long)row->discontinuityNs,
                         (long long)snap1->takenNs) < 0 ||
        virTestExpectInt("cpuUsage", row->cpuUsage, 0) < 0)
        return -1;
    if ((row->nvcpuRows == 0) != (row->vcpuRows == NULL))
        return virTestFail("vcpuRows %p with %zu rows", (void *)row->vcpuRows,
                           row->nvcpuRows);
    return 0;
}

#define G 1048576ULL
static const rowCase rowCases[] = {
    {"snapshot_take_domain0_id_zero", "Domain-0", 0, VIR_DOMAIN_RUNNING,
     "linux", "00000000-0000-0000-0000-000000000000", 4 * G, 4, 4, 4},
    {"snapshot_take_vcpus_online_below_max", "web 01", 3, VIR_DOMAIN_RUNNING,
     "linux", "11111111-2222-4333-8444-000000000001", 2 * G, 2, 4, 4},
    {"snapshot_take_64_vcpus", "big64", 4, VIR_DOMAIN_RUNNING, "linux",
     "11111111-2222-4333-8444-000000000002", 64 * G, 64, 64, 64},
    {"snapshot_take_paused_row", "mail", 5, VIR_DOMAIN_PAUSED, "linux",
     "11111111-2222-4333-8444-000000000003", G, 2, 2, 2},
    {"snapshot_take_crashed_no_vcpu_rows", "dead", 6, VIR_DOMAIN_CRASHED,
     "linux", "11111111-2222-4333-8444-000000000004", G, 1, 1, 0},
    /* Issue 12 defect 6: its maximum, not its current count. */
    {"snapshot_take_shutoff_max_vcpus_is_the_maximum", "off", -1,
     VIR_DOMAIN_SHUTOFF, "hvm", "11111111-2222-4333-8444-000000000006", 8 * G,
     2, 4, 0},
    {"snapshot_take_utf8_name", UTF8_NAME, -1, VIR_DOMAIN_SHUTOFF, "linux",
     "11111111-2222-4333-8444-000000000007", G, 1, 1, 0},
    {"snapshot_take_name_of_32_bytes", NAME32, -1, VIR_DOMAIN_SHUTOFF, "linux",
     "11111111-2222-4333-8444-000000000008", G, 1, 1, 0},
};

static int
testLongNameSkipped(const void *data)
{
    (void)data;
    if (snap1 == NULL)
        return virTestFail("no snapshot");
    if (virTestExpectInt("strlen", (long long)strlen(LONG_NAME), 97) < 0)
        return -1;
    if (findRow(snap1, LONG_NAME) != NULL)
        return virTestFail("the 97-byte name has a row");
    if (findRow(snap1, "nosuch") != NULL || findRow(snap1, "") != NULL)
        return virTestFail("an absent name was found");
    return 0;
}

/* Issue 12 defect 5: each count scalar equals the rows it counts, and
 * free memory is the host's minus every active domain's (any state but
 * shut off: running, blocked, paused, shutting down, crashed), the one
 * left out of the rows for its long name included. */
static int
testCountsEqualRows(const void *data)
{
    unsigned long long held = 1048576; /* the long-named domain's */
    unsigned int active = 0, defined = 0;
    size_t i;

    (void)data;
    if (snap1 == NULL)
        return virTestFail("no snapshot");
    for (i = 0; i < snap1->ndoms; i++) {
        if (snap1->doms[i].id >= 0) {
            active++;
            held += snap1->doms[i].memKiB;
        } else {
            defined++;
        }
    }
    if (virTestExpectInt("activeDomains", snap1->node.activeDomains, active) <
            0 ||
        virTestExpectInt("definedDomains", snap1->node.definedDomains,
                         defined) < 0 ||
        virTestExpectInt("rows", (long long)snap1->ndoms,
                         (long long)active + defined) < 0 ||
        virTestExpectInt("freeKiB", (long long)snap1->node.freeKiB,
                         (long long)(snap1->node.memKiB - held)) < 0)
        return -1;
    return 0;
}

static int
testVcpuRows(const void *data)
{
    const xsDomainRow *web;
    const xsDomainRow *big;
    static const unsigned char all[4] = {0xff, 0xff, 0xff, 0xff};
    static const unsigned char pinned[4] = {0x00, 0x0f, 0x00, 0x00};
    size_t i;

    (void)data;
    if (snap1 == NULL || (web = findRow(snap1, "web 01")) == NULL ||
        (big = findRow(snap1, "big64")) == NULL || web->nvcpuRows != 4)
        return virTestFail("missing rows");
    for (i = 0; i < 4; i++) {
        const xsVcpuRow *v = &web->vcpuRows[i];
        bool online = i < 2;

        if (virTestExpectInt("number", v->number, (long long)i) < 0 ||
            virTestExpectInt("state", v->state,
                             online ? VIR_VCPU_RUNNING : VIR_VCPU_OFFLINE) <
                0 ||
            virTestExpectInt("maplen", (long long)v->maplen, 4) < 0)
            return -1;
        if (!online && virTestExpectInt("cpu", v->cpu, -1) < 0)
            return -1;
        if (online && (v->cpu < 0 || v->cpu >= 32))
            return virTestFail("vcpu %zu on cpu %d", i, v->cpu);
        if (memcmp(v->affinity, i == 1 ? pinned : all, 4) != 0)
            return virTestFail("vcpu %zu affinity %02x%02x%02x%02x", i,
                               v->affinity[0], v->affinity[1], v->affinity[2],
                               v->affinity[3]);
    }
    if (web->vcpuRows[1].cpu < 8 || web->vcpuRows[1].cpu > 11)
        return virTestFail("pinned vcpu on cpu %d", web->vcpuRows[1].cpu);
    for (i = 0; i < big->nvcpuRows; i++) {
        if (virTestExpectInt("big64 number", big->vcpuRows[i].number,
                             (long long)i) < 0 ||
            virTestExpectInt("big64 state", big->vcpuRows[i].state,
                             VIR_VCPU_RUNNING) < 0)
            return -1;
    }
    return 0;
}

static int
testSecondSnapshot(const void *data)
{
    xsSnapshot *snap2 = NULL;
    unsigned long long calls = 0;
    unsigned long long failed = 0;
    const xsDomainRow *web1, *web2, *mail2, *off2;
    int ret = -1;

    (void)data;
    if (snap1 == NULL)
        return virTestFail("no snapshot");
    sleepMs(50);
    if ((snap2 = xsSnapshotTake(nodeConn, snap1, &calls, &failed)) == NULL)
        return virTestFail("xsSnapshotTake failed");
    /* OS types come from the previous snapshot. */
    if (virTestExpectInt("calls", (long long)calls, NODE_CALLS_SECOND) < 0 ||
        virTestExpectInt("failed", (long long)failed, 0) < 0)
        goto cleanup;
    web1 = findRow(snap1, "web 01");
    web2 = findRow(snap2, "web 01");
    mail2 = findRow(snap2, "mail");
    off2 = findRow(snap2, "off");
    if (web1 == NULL || web2 == NULL || mail2 == NULL || off2 == NULL) {
        virTestFail("missing rows");
        goto cleanup;
    }
    if (virTestExpectStr("ostype", off2->ostype, "hvm") < 0)
        goto cleanup;
    if (web2->cpuTime <= web1->cpuTime || web2->cpuUsage == 0 ||
        web2->cpuUsage > 2 * 10000) {
        virTestFail("running domain: cpuTime %llu -> %llu, usage %u",
                    web1->cpuTime, web2->cpuTime, web2->cpuUsage);
        goto cleanup;
    }
    if (virTestExpectInt("paused usage", mail2->cpuUsage, 0) < 0 ||
        virTestExpectInt("startedNs carried", (long long)web2->startedNs,
                         (long long)snap1->takenNs) < 0 ||
        virTestExpectInt("discontinuityNs carried",
                         (long long)web2->discontinuityNs,
                         (long long)snap1->takenNs) < 0 ||
        virTestExpectInt("shutoff discontinuityNs carried",
                         (long long)off2->discontinuityNs,
                         (long long)snap1->takenNs) < 0 ||
        virTestExpectInt("no events",
                         (long long)xsSnapshotDiff(snap1, snap2, NULL, NULL),
                         0) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    xsSnapshotFree(snap2);
    return ret;
}

/* A row missing from a snapshot is confirmed by a second one (a domain
 * that starts or stops between the two listings is in neither); one that
 * is really gone is missing from both, and the retry costs only then. */
static int
testLostRowTakenTwice(const void *data)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = NULL;
    xsSnapshot *s1 = NULL, *s2 = NULL, *s3 = NULL;
    unsigned long long steady = 0, lost = 0, failed = 0;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return virTestFail("cannot open test:///default");
    if ((s1 = xsSnapshotTake(conn, NULL, NULL, NULL)) == NULL ||
        (s2 = xsSnapshotTake(conn, s1, &steady, &failed)) == NULL) {
        virTestFail("xsSnapshotTake failed");
        goto cleanup;
    }
    if ((dom = virDomainLookupByName(conn, "build")) == NULL ||
        virDomainUndefine(dom) < 0) {
        virTestFail("cannot undefine 'build'");
        goto cleanup;
    }
    if ((s3 = xsSnapshotTake(conn, s2, &lost, &failed)) == NULL) {
        virTestFail("xsSnapshotTake failed");
        goto cleanup;
    }
    if (findRow(s3, "build") != NULL) {
        virTestFail("the undefined domain still has a row");
        goto cleanup;
    }
    /* Both passes find one domain less than the steady one did, which
     * cost it 2 calls (lookup and info; its OS type came from @s1). */
    if (virTestExpectInt("calls of the retried snapshot", (long long)lost,
                         2 * ((long long)steady - 2)) < 0 ||
        virTestExpectInt("its libCalls", (long long)s3->libCalls,
                         (long long)lost) < 0 ||
        virTestExpectInt("failed", (long long)failed, 0) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (dom != NULL)
        virDomainFree(dom);
    xsSnapshotFree(s1);
    xsSnapshotFree(s2);
    xsSnapshotFree(s3);
    virConnectClose(conn);
    return ret;
}

static int
testTakeClosedFails(const void *data)
{
    virConnectPtr conn = NULL;
    unsigned long long calls = 0;
    unsigned long long failed = 0;
    xsSnapshot *snap;
    char *uri = virTestNodeURI("agentdata/node.xml");

    (void)data;
    /* A NULL connection stands for one that cannot be read at all. */
    snap = xsSnapshotTake(conn, NULL, &calls, &failed);
    free(uri);
    if (snap != NULL) {
        xsSnapshotFree(snap);
        return virTestFail("a snapshot without a connection");
    }
    if (virTestExpectInt("calls", (long long)calls, 1) < 0 ||
        virTestExpectInt("failed", (long long)failed, 1) < 0)
        return -1;
    return virTestExpectError(VIR_ERR_INVALID_CONN, NULL);
}

/* ---- events.xml ----------------------------------------------------- */

typedef struct {
    char buf[1024];
    size_t len;
} eventLog;

static void
recordEvent(void *opaque, xsEventType type, const xsDomainRow *row,
            int prevState, int newState)
{
    static const char *const names[] = {
        "?",       "STARTED", "SHUTDOWN", "PAUSED",
        "RESUMED", "CRASHED", "DEFINED",  "UNDEFINED",
    };
    eventLog *log = opaque;
    int n;

    if (log->len >= sizeof(log->buf))
        return;
    n = snprintf(log->buf + log->len, sizeof(log->buf) - log->len, "%s%s %s %d",
                 log->len > 0 ? ", " : "",
                 (unsigned)type < 8 ? names[type] : "?", row->name, prevState);
    (void)newState;
    if (n > 0)
        log->len += (size_t)n;
}

typedef int (*eventAction)(virConnectPtr conn);

static int
actLookup(virConnectPtr conn, const char *name, int (*fn)(virDomainPtr))
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    int ret;

    if (dom == NULL)
        return -1;
    ret = fn(dom);
    virDomainFree(dom);
    return ret;
}

/* virDomainDestroy releases the handle on success, as the reference's
 * does; it is freed here only when it failed. */
static int
actDestroy(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);

    if (dom == NULL)
        return -1;
    if (virDomainDestroy(dom) < 0) {
        virDomainFree(dom);
        return -1;
    }
    return 0;
}

static int
actNothing(virConnectPtr conn)
{
    (void)conn;
    return 0;
}
static int
actSuspendRun1(virConnectPtr conn)
{
    return actLookup(conn, "run1", virDomainSuspend);
}
static int
actResumeRun1(virConnectPtr conn)
{
    return actLookup(conn, "run1", virDomainResume);
}
static int
actDestroyRun1(virConnectPtr conn)
{
    return actDestroy(conn, "run1");
}
static int
actCreateOff1(virConnectPtr conn)
{
    return actLookup(conn, "off1", virDomainCreate);
}

static const char newXML[] = "<domain type='xen'><name>new</name>"
                             "<uuid>33333333-2222-4333-8444-000000000001</uuid>"
                             "<os><type>hvm</type></os><memory>65536</memory>"
                             "<vcpu>1</vcpu></domain>";
static const char tmpXML[] = "<domain type='xen'><name>tmp</name>"
                             "<uuid>33333333-2222-4333-8444-000000000002</uuid>"
                             "<os><type>linux</type></os><memory>65536</memory>"
                             "<vcpu>1</vcpu></domain>";

static int
actDefineNew(virConnectPtr conn)
{
    virDomainPtr dom = virDomainDefineXML(conn, newXML);

    if (dom == NULL)
        return -1;
    virDomainFree(dom);
    return 0;
}
static int
actUndefineNew(virConnectPtr conn)
{
    return actLookup(conn, "new", virDomainUndefine);
}
static int
actCreateTmp(virConnectPtr conn)
{
    virDomainPtr dom = virDomainCreateLinux(conn, tmpXML, 0);

    if (dom == NULL)
        return -1;
    virDomainFree(dom);
    return 0;
}
static int
actDestroyTmp(virConnectPtr conn)
{
    return actDestroy(conn, "tmp");
}
static int
actRebootRun2(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByName(conn, "run2");
    int ret;

    if (dom == NULL)
        return -1;
    ret = virDomainReboot(dom, 0);
    virDomainFree(dom);
    sleepMs(20);
    return ret;
}

static int
actSuspendRun2DestroyOff1(virConnectPtr conn)
{
    if (actLookup(conn, "run2", virDomainSuspend) < 0)
        return -1;
    return actDestroy(conn, "off1");
}

typedef struct {
    const char *what;
    eventAction act;
    const char *events;
} eventStep;

/* Run in order on one host: each step starts where the previous ended.
 * States: 1 running, 3 paused, 5 shutoff, 0 no row before. */
static const eventStep eventSteps[] = {
    {"nothing", actNothing, ""},
    {"suspend", actSuspendRun1, "PAUSED run1 1"},
    {"resume", actResumeRun1, "RESUMED run1 3"},
    {"destroy", actDestroyRun1, "SHUTDOWN run1 1"},
    {"create", actCreateOff1, "STARTED off1 5"},
    {"define", actDefineNew, "DEFINED new 0"},
    {"undefine", actUndefineNew, "UNDEFINED new 5"},
    {"create transient", actCreateTmp, "DEFINED tmp 0, STARTED tmp 0"},
    {"destroy transient", actDestroyTmp, "SHUTDOWN tmp 1, UNDEFINED tmp 1"},
    /* Same state, new id: no event, but its counters restarted. */
    {"reboot", actRebootRun2, ""},
    {"two at once", actSuspendRun2DestroyOff1,
     "SHUTDOWN off1 1, PAUSED run2 1"},
};

static int
testEvents(const void *data)
{
    char *uri = virTestNodeURI("agentdata/events.xml");
    virConnectPtr conn = NULL;
    xsSnapshot *prev = NULL;
    xsSnapshot *next = NULL;
    eventLog log;
    size_t i;
    size_t n;
    int ret = -1;

    (void)data;
    if (uri == NULL || (conn = virConnectOpen(uri)) == NULL) {
        virTestFail("cannot open %s", uri ? uri : "(null)");
        goto cleanup;
    }
    if ((prev = xsSnapshotTake(conn, NULL, NULL, NULL)) == NULL) {
        virTestFail("xsSnapshotTake failed");
        goto cleanup;
    }
    /* Against no previous snapshot every row is new. */
    memset(&log, 0, sizeof(log));
    n = xsSnapshotDiff(NULL, prev, recordEvent, &log);
    if (virTestExpectStr("initial events", log.buf,
                         "DEFINED off1 0, DEFINED run1 0, STARTED run1 0, "
                         "DEFINED run2 0, STARTED run2 0, "
                         "DEFINED Domain-0 0, STARTED Domain-0 0") < 0 ||
        virTestExpectInt("initial count", (long long)n, 7) < 0)
        goto cleanup;

    for (i = 0; i < sizeof(eventSteps) / sizeof(eventSteps[0]); i++) {
        const eventStep *s = &eventSteps[i];

        if (s->act(conn) < 0) {
            virTestFail("%s: %s", s->what,
                        virGetLastError() ? virGetLastError()->message : "");
            goto cleanup;
        }
        if ((next = xsSnapshotTake(conn, prev, NULL, NULL)) == NULL) {
            virTestFail("%s: xsSnapshotTake failed", s->what);
            goto cleanup;
        }
        memset(&log, 0, sizeof(log));
        n = xsSnapshotDiff(prev, next, recordEvent, &log);
        if (virTestExpectStr(s->what, log.buf, s->events) < 0)
            goto cleanup;
        /* The count without a callback matches the events delivered. */
        if (virTestExpectInt("count",
                             (long long)xsSnapshotDiff(prev, next, NULL, NULL),
                             (long long)n) < 0)
            goto cleanup;
        if (s->act == actCreateOff1) {
            const xsDomainRow *off1 = findRow(next, "off1");

            if (off1 == NULL ||
                virTestExpectInt("started", (long long)off1->startedNs,
                                 (long long)next->takenNs) < 0 ||
                virTestExpectInt("discontinuity",
                                 (long long)off1->discontinuityNs,
                                 (long long)next->takenNs) < 0 ||
                virTestExpectInt("usage", off1->cpuUsage, 0) < 0)
                goto cleanup;
        }
        if (s->act == actRebootRun2) {
            const xsDomainRow *before = findRow(prev, "run2");
            const xsDomainRow *after = findRow(next, "run2");

            if (before == NULL || after == NULL ||
                virTestExpectInt("state", after->state, VIR_DOMAIN_RUNNING) <
                    0 ||
                virTestExpectInt("discontinuity",
                                 (long long)after->discontinuityNs,
                                 (long long)next->takenNs) < 0 ||
                virTestExpectInt("started", (long long)after->startedNs,
                                 (long long)next->takenNs) < 0)
                goto cleanup;
            if (after->id == before->id) {
                virTestFail("reboot kept id %d", after->id);
                goto cleanup;
            }
        }
        xsSnapshotFree(prev);
        prev = next;
        next = NULL;
    }
    ret = 0;

cleanup:
    xsSnapshotFree(prev);
    xsSnapshotFree(next);
    if (conn != NULL)
        virConnectClose(conn);
    free(uri);
    return ret;
}

/* ---- diffs of hand-made snapshots ------------------------------------ */

/* Transitions the test driver cannot produce on demand, on snapshots of
 * one or two rows built by hand. */
typedef struct {
    const char *title;
    int prevState;  /* -1: no row before */
    int nextState;  /* -1: no row after */
    bool otherUUID; /* the name now belongs to another domain */
    const char *events;
} diffCase;

/* Events in a list written as recordEvent writes it. */
static size_t
countEvents(const char *events)
{
    size_t n = events[0] != '\0' ? 1 : 0;
    const char *p;

    for (p = events; (p = strstr(p, ", ")) != NULL; p += 2)
        n++;
    return n;
}

static void
fakeRow(xsDomainRow *row, int state, unsigned char uuidByte)
{
    memset(row, 0, sizeof(*row));
    row->name = (char *)"vm";
    row->namelen = 2;
    row->uuid[15] = uuidByte;
    row->state = state;
    row->id = state == VIR_DOMAIN_SHUTOFF ? -1 : 7;
}

/* Diffs a one-row @prev against a one-row @next as @c describes, with
 * @func logging into @log.  Returns the event count. */
static size_t
diffOneRow(const diffCase *c, xsEventFunc func, eventLog *log)
{
    xsDomainRow prow;
    xsDomainRow nrow;
    xsSnapshot prev;
    xsSnapshot next;

    memset(&prev, 0, sizeof(prev));
    memset(&next, 0, sizeof(next));
    memset(log, 0, sizeof(*log));
    if (c->prevState >= 0) {
        fakeRow(&prow, c->prevState, 1);
        prev.doms = &prow;
        prev.ndoms = 1;
    }
    if (c->nextState >= 0) {
        fakeRow(&nrow, c->nextState, c->otherUUID ? 2 : 1);
        next.doms = &nrow;
        next.ndoms = 1;
    }
    return xsSnapshotDiff(&prev, &next, func, log);
}

static int
testDiffCase(const void *data)
{
    const diffCase *c = data;
    eventLog log;
    size_t n = diffOneRow(c, recordEvent, &log);

    if (virTestExpectStr("events", log.buf, c->events) < 0)
        return -1;
    return virTestExpectInt("count", (long long)n,
                            (long long)countEvents(c->events));
}

enum {
    NONE = -1,
    RUN = VIR_DOMAIN_RUNNING,
    BLK = VIR_DOMAIN_BLOCKED,
    PAU = VIR_DOMAIN_PAUSED,
    SHD = VIR_DOMAIN_SHUTDOWN,
    OFF = VIR_DOMAIN_SHUTOFF,
    CRA = VIR_DOMAIN_CRASHED
};

static const diffCase diffCases[] = {
    {"snapshot_diff_running_to_crashed_crashed", RUN, CRA, false,
     "CRASHED vm 1"},
    {"snapshot_diff_paused_to_crashed_crashed", PAU, CRA, false,
     "CRASHED vm 3"},
    {"snapshot_diff_crashed_to_running_started", CRA, RUN, false,
     "STARTED vm 6"},
    {"snapshot_diff_crashed_to_shutoff_shutdown", CRA, OFF, false,
     "SHUTDOWN vm 6"},
    {"snapshot_diff_shutoff_to_paused_started_paused", OFF, PAU, false,
     "STARTED vm 5, PAUSED vm 5"},
    {"snapshot_diff_shutoff_to_blocked_started", OFF, BLK, false,
     "STARTED vm 5"},
    {"snapshot_diff_paused_to_shutoff_shutdown", PAU, OFF, false,
     "SHUTDOWN vm 3"},
    {"snapshot_diff_running_to_blocked_nothing", RUN, BLK, false, ""},
    {"snapshot_diff_running_to_shutdown_nothing", RUN, SHD, false, ""},
    {"snapshot_diff_shutdown_to_shutoff_shutdown", SHD, OFF, false,
     "SHUTDOWN vm 4"},
    {"snapshot_diff_blocked_to_paused_paused", BLK, PAU, false, "PAUSED vm 2"},
    {"snapshot_diff_paused_to_blocked_resumed", PAU, BLK, false,
     "RESUMED vm 3"},
    {"snapshot_diff_vanished_running_shutdown_undefined", RUN, NONE, false,
     "SHUTDOWN vm 1, UNDEFINED vm 1"},
    {"snapshot_diff_vanished_shutoff_undefined", OFF, NONE, false,
     "UNDEFINED vm 5"},
    {"snapshot_diff_new_paused_defined_started_paused", NONE, PAU, false,
     "DEFINED vm 0, STARTED vm 0, PAUSED vm 0"},
    {"snapshot_diff_name_reused_running_replaces_row", RUN, RUN, true,
     "SHUTDOWN vm 1, UNDEFINED vm 1, DEFINED vm 0, STARTED vm 0"},
    {"snapshot_diff_unchanged_nothing", PAU, PAU, false, ""},
};

/* xsStateTransitionEvents: the shared table, one case per row. */
typedef struct {
    const char *title;
    int ps;
    int ns;
    size_t n;
    xsEventType ev[XS_TRANSITION_EVENTS_MAX];
} transitionCase;

static const transitionCase transitionCases[] = {
    {"transition_running_to_paused_gives_paused",
     VIR_DOMAIN_RUNNING,
     VIR_DOMAIN_PAUSED,
     1,
     {XS_EVENT_PAUSED}},
    {"transition_paused_to_running_gives_resumed",
     VIR_DOMAIN_PAUSED,
     VIR_DOMAIN_RUNNING,
     1,
     {XS_EVENT_RESUMED}},
    {"transition_shutoff_to_running_gives_started",
     VIR_DOMAIN_SHUTOFF,
     VIR_DOMAIN_RUNNING,
     1,
     {XS_EVENT_STARTED}},
    {"transition_shutoff_to_paused_gives_started_paused",
     VIR_DOMAIN_SHUTOFF,
     VIR_DOMAIN_PAUSED,
     2,
     {XS_EVENT_STARTED, XS_EVENT_PAUSED}},
    {"transition_running_to_shutoff_gives_shutdown",
     VIR_DOMAIN_RUNNING,
     VIR_DOMAIN_SHUTOFF,
     1,
     {XS_EVENT_SHUTDOWN}},
    {"transition_running_to_crashed_gives_crashed",
     VIR_DOMAIN_RUNNING,
     VIR_DOMAIN_CRASHED,
     1,
     {XS_EVENT_CRASHED}},
    {"transition_crashed_to_running_gives_started",
     VIR_DOMAIN_CRASHED,
     VIR_DOMAIN_RUNNING,
     1,
     {XS_EVENT_STARTED}},
    {"transition_running_to_blocked_gives_nothing",
     VIR_DOMAIN_RUNNING,
     VIR_DOMAIN_BLOCKED,
     0,
     {0}},
    {"transition_same_state_gives_nothing",
     VIR_DOMAIN_PAUSED,
     VIR_DOMAIN_PAUSED,
     0,
     {0}},
    {"transition_shutoff_to_nostate_gives_nothing",
     VIR_DOMAIN_SHUTOFF,
     VIR_DOMAIN_NOSTATE,
     0,
     {0}},
};

static int
testTransition(const void *data)
{
    const transitionCase *tc = data;
    xsEventType ev[XS_TRANSITION_EVENTS_MAX] = {0};
    size_t n =
        xsStateTransitionEvents(tc->ps, tc->ns, ev, XS_TRANSITION_EVENTS_MAX);
    size_t i;

    if (n != tc->n) {
        fprintf(stderr, "%zu events, expected %zu\n", n, tc->n);
        return -1;
    }
    for (i = 0; i < n; i++) {
        if (ev[i] != tc->ev[i]) {
            fprintf(stderr, "event %zu is %d, expected %d\n", i, (int)ev[i],
                    (int)tc->ev[i]);
            return -1;
        }
    }
    /* Only @max are stored, but all are counted. */
    if (n > 1 && xsStateTransitionEvents(tc->ps, tc->ns, ev, 1) != n)
        return -1;
    return 0;
}

/* ---- what the notifications need of the diff ------------------------ */

/* "TYPE name prev>new" per event: the states each event goes between. */
static void
recordTransition(void *opaque, xsEventType type, const xsDomainRow *row,
                 int prevState, int newState)
{
    eventLog *log = opaque;
    int n;

    if (log->len >= sizeof(log->buf))
        return;
    n = snprintf(log->buf + log->len, sizeof(log->buf) - log->len,
                 "%s%d %s %d>%d", log->len > 0 ? ", " : "", (int)type,
                 row->name, prevState, newState);
    if (n > 0)
        log->len += (size_t)n;
}

/* A vanished row goes to shutoff (SHUTDOWN=2) then to no state
 * (UNDEFINED=7); a present row to its new state. */
static const diffCase transitionDiffCases[] = {
    {"snapshot_diff_running_vanishes_to_shutoff_then_nostate",
     VIR_DOMAIN_RUNNING, -1, false, "2 vm 1>5, 7 vm 1>0"},
    {"snapshot_diff_shutoff_vanishes_to_nostate", VIR_DOMAIN_SHUTOFF, -1, false,
     "7 vm 5>0"},
    {"snapshot_diff_new_paused_row_to_its_state", -1, VIR_DOMAIN_PAUSED, false,
     "6 vm 0>3, 1 vm 0>3, 3 vm 0>3"},
    {"snapshot_diff_paused_to_running_new_state", VIR_DOMAIN_PAUSED,
     VIR_DOMAIN_RUNNING, false, "4 vm 3>1"},
    {"snapshot_diff_name_reused_old_gone_new_defined", VIR_DOMAIN_BLOCKED,
     VIR_DOMAIN_RUNNING, true, "2 vm 2>5, 7 vm 2>0, 6 vm 0>1, 1 vm 0>1"},
};

static int
testTransitionDiff(const void *data)
{
    eventLog log;

    diffOneRow(data, recordTransition, &log);
    return virTestExpectStr("events", log.buf,
                            ((const diffCase *)data)->events);
}

/* The states copy has every row with what the diff reads, so a diff
 * against it finds nothing, and it can be changed and freed alone. */
static int
testStatesCopy(const void *data)
{
    const xsSnapshot *snap = data;
    xsSnapshot *copy = xsSnapshotStates(snap);
    xsSnapshot *empty = xsSnapshotStates(NULL);
    int ret = -1;
    size_t i;

    if (copy == NULL || empty == NULL) {
        virTestFail("xsSnapshotStates failed");
        goto cleanup;
    }
    if (virTestExpectInt("rows", (long long)copy->ndoms,
                         (long long)snap->ndoms) < 0 ||
        virTestExpectInt("empty rows", (long long)empty->ndoms, 0) < 0 ||
        virTestExpectInt("taken", (long long)copy->takenNs,
                         (long long)snap->takenNs) < 0 ||
        virTestExpectInt("no events",
                         (long long)xsSnapshotDiff(copy, snap, NULL, NULL),
                         0) < 0)
        goto cleanup;
    for (i = 0; i < snap->ndoms; i++) {
        const xsDomainRow *a = &snap->doms[i];
        const xsDomainRow *b = &copy->doms[i];

        if (b->namelen != a->namelen ||
            memcmp(b->name, a->name, a->namelen) != 0 ||
            b->name[b->namelen] != '\0' || memcmp(b->uuid, a->uuid, 16) != 0 ||
            strcmp(b->uuidText, a->uuidText) != 0 || b->id != a->id ||
            b->state != a->state || b->vcpuRows != NULL) {
            virTestFail("row %zu differs from the snapshot", i);
            goto cleanup;
        }
    }
    if (snap->ndoms > 0) {
        copy->doms[0].state = snap->doms[0].state == VIR_DOMAIN_PAUSED
                                  ? VIR_DOMAIN_RUNNING
                                  : VIR_DOMAIN_PAUSED;
        if (virTestExpectInt(
                "changed copy differs",
                (long long)(xsSnapshotDiff(copy, snap, NULL, NULL) > 0), 1) < 0)
            goto cleanup;
    }
    ret = 0;

cleanup:
    xsSnapshotFree(copy);
    xsSnapshotFree(empty);
    return ret;
}

static int
mymain(void)
{
    char *uri = virTestNodeURI("agentdata/node.xml");
    size_t i;
    int ret = 0;

    if (uri == NULL || (nodeConn = virConnectOpenReadOnly(uri)) == NULL) {
        fprintf(stderr, "cannot open %s\n", uri ? uri : "(null)");
        free(uri);
        return -1;
    }
    if (virTestRun("snapshot_take_counts_calls", testTakeCounts, NULL) < 0)
        ret = -1;
    if (virTestRun("snapshot_take_node_figures", testNode, NULL) < 0)
        ret = -1;
    if (virTestRun("snapshot_take_rows_in_index_order", testSortOrder, NULL) <
        0)
        ret = -1;
    for (i = 0; i < sizeof(rowCases) / sizeof(rowCases[0]); i++) {
        if (virTestRun(rowCases[i].title, testRow, &rowCases[i]) < 0)
            ret = -1;
    }
    if (virTestRun("snapshot_take_long_name_skipped", testLongNameSkipped,
                   NULL) < 0)
        ret = -1;
    if (virTestRun("snapshot_take_node_counts_equal_the_rows",
                   testCountsEqualRows, NULL) < 0)
        ret = -1;
    if (virTestRun("snapshot_take_vcpu_rows_and_affinity", testVcpuRows, NULL) <
        0)
        ret = -1;
    if (virTestRun("snapshot_take_second_usage_and_ostype_cache",
                   testSecondSnapshot, NULL) < 0)
        ret = -1;
    if (virTestRun("snapshot_take_lost_row_confirmed_by_second_pass",
                   testLostRowTakenTwice, NULL) < 0)
        ret = -1;
    if (virTestRun("snapshot_take_without_connection_fails",
                   testTakeClosedFails, NULL) < 0)
        ret = -1;
    if (virTestRun("snapshot_diff_lifecycle_events", testEvents, NULL) < 0)
        ret = -1;
    for (i = 0; i < sizeof(diffCases) / sizeof(diffCases[0]); i++) {
        if (virTestRun(diffCases[i].title, testDiffCase, &diffCases[i]) < 0)
            ret = -1;
    }

    for (i = 0;
         i < sizeof(transitionDiffCases) / sizeof(transitionDiffCases[0]);
         i++) {
        if (virTestRun(transitionDiffCases[i].title, testTransitionDiff,
                       &transitionDiffCases[i]) < 0)
            ret = -1;
    }
    if (snap1 != NULL && virTestRun("snapshot_states_copy_diffs_empty",
                                    testStatesCopy, snap1) < 0)
        ret = -1;

    for (i = 0; i < sizeof(transitionCases) / sizeof(transitionCases[0]); i++) {
        if (virTestRun(transitionCases[i].title, testTransition,
                       &transitionCases[i]) < 0)
            ret = -1;
    }

    xsSnapshotFree(snap1);
    virConnectClose(nodeConn);
    free(uri);
    return ret;
}

VIR_TEST_MAIN(mymain)
