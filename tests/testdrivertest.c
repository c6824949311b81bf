/*
 * testdrivertest.c: behaviour of the test driver (the simulated Xen host),
 * through the public API only.
 *
 * Every case opens its own connection to tests/data/node.xml and releases
 * every handle before it ends; as the last connection to a URI drops its
 * host, each case starts from the file's state.  The figures the cases
 * check (ids, memory, vcpus) are those of the fixture, described at its
 * top.
 */

#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "testutils.h"

/* Figures of tests/data/node.xml. */
#define NODE_CPUS 12
#define NODE_MEMORY 16777216UL
#define NODE_FREE_MEMORY 8912896UL
#define NODE_ACTIVE 8
#define NODE_DEFINED 2
#define NODE_MAX_ID 9
#define NODE_DELAY_MS 100
#define WEB01_UUID "11111111-2222-4333-8444-555555555501"
#define BUILD_UUID "11111111-2222-4333-8444-555555555508"
#define MAIL_CPUTIME 123456789012ULL

/* Set once by mymain. */
static char *nodeURI;
static char *slowURI;
static char *tmpDir;

/* ---- helpers -------------------------------------------------------- */

static virConnectPtr
testOpen(const char *uri)
{
    virConnectPtr conn = virConnectOpen(uri);

    if (conn == NULL) {
        virErrorPtr err = virGetLastError();

        virTestFail("cannot open '%s': %s", uri,
                    err != NULL ? err->message : "no error");
    }
    return conn;
}

static virDomainPtr
testLookup(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);

    if (dom == NULL) {
        virErrorPtr err = virGetLastError();

        virTestFail("no domain '%s': %s", name,
                    err != NULL ? err->message : "no error");
    }
    return dom;
}

/* Looks @name up afresh and reads its info. */
static int
testInfo(virConnectPtr conn, const char *name, virDomainInfo *info)
{
    virDomainPtr dom = testLookup(conn, name);
    int ret = -1;

    if (dom == NULL)
        return -1;
    if (virDomainGetInfo(dom, info) < 0)
        virTestFail("virDomainGetInfo('%s') failed", name);
    else
        ret = 0;
    virDomainFree(dom);
    return ret;
}

static int
testExpectState(virConnectPtr conn, const char *name, int state)
{
    virDomainInfo info;

    if (testInfo(conn, name, &info) < 0)
        return -1;
    return virTestExpectInt(name, info.state, state);
}

/* A path in the private temporary directory; caller frees. */
static char *
testTmpPath(const char *name)
{
    size_t len = strlen(tmpDir) + 1 + strlen(name) + 1;
    char *path = malloc(len);

    if (path != NULL)
        snprintf(path, len, "%s/%s", tmpDir, name);
    return path;
}

/* Domain XML for the define and create cases; @uuid NULL leaves it out,
 * @extra goes inside <domain>.  Caller frees. */
static char *
testDomainXML(const char *name, const char *uuid, unsigned long maxmem,
              unsigned long memory, unsigned int vcpus, const char *extra)
{
    char uuidElem[64] = "";
    size_t len = 1024 + strlen(name) + (extra ? strlen(extra) : 0);
    char *xml = malloc(len);

    if (xml == NULL)
        return NULL;
    if (uuid != NULL)
        snprintf(uuidElem, sizeof(uuidElem), "<uuid>%s</uuid>", uuid);
    snprintf(xml, len,
             "<domain type='xen'>"
             "<name>%s</name>%s"
             "<os><type>linux</type><kernel>/boot/vmlinuz</kernel></os>"
             "<memory>%lu</memory><currentMemory>%lu</currentMemory>"
             "<vcpu>%u</vcpu>%s"
             "</domain>",
             name, uuidElem, maxmem, memory, vcpus, extra ? extra : "");
    return xml;
}

static bool
testFileStartsWith(const char *path, const char *prefix)
{
    char *text = virTestLoadFile(path);
    bool ret = text != NULL && strncmp(text, prefix, strlen(prefix)) == 0;

    free(text);
    return ret;
}

/* ---- connections ---------------------------------------------------- */

static int
testConnectOpenNode(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virNodeInfo info;
    unsigned long version = 0;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if (virTestExpectStr("type", virConnectGetType(conn), "Xen") < 0 ||
        virTestExpectInt("version rc", virConnectGetVersion(conn, &version),
                         0) < 0 ||
        virTestExpectInt("version", (long long)version, 4017003) < 0 ||
        virTestExpectInt("nodeinfo rc", virNodeGetInfo(conn, &info), 0) < 0 ||
        virTestExpectStr("model", info.model, "Intel(R) Xeon(R) E-2276G") < 0 ||
        virTestExpectInt("memory", (long long)info.memory,
                         (long long)NODE_MEMORY) < 0 ||
        virTestExpectInt("cpus", info.cpus, NODE_CPUS) < 0 ||
        virTestExpectInt("mhz", info.mhz, 3800) < 0 ||
        virTestExpectInt("cores", info.cores, 6) < 0 ||
        virTestExpectInt("threads", info.threads, 2) < 0 ||
        virTestExpectInt("maxcpus", VIR_NODEINFO_MAXCPUS(info), NODE_CPUS) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virConnectClose(conn);
    return ret;
}

static int
testConnectOpenDefault(const void *data)
{
    virConnectPtr conn = testOpen("test:///default");
    virDomainPtr dom = NULL;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if (virTestExpectStr("type", virConnectGetType(conn), "Xen") < 0 ||
        virTestExpectInt("active", virConnectNumOfDomains(conn), 7) < 0 ||
        virTestExpectInt("defined", virConnectNumOfDefinedDomains(conn), 1) < 0)
        goto cleanup;
    if ((dom = virDomainLookupByID(conn, 0)) == NULL) {
        virTestFail("no Domain-0 on test:///default");
        goto cleanup;
    }
    if (virTestExpectStr("dom0", virDomainGetName(dom), "Domain-0") < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

typedef struct {
    const char *uri; /* NULL: the fixture's path under a host part */
    int error;
    const char *message;
} testOpenFailCase;

static int
testConnectOpenFails(const void *data)
{
    const testOpenFailCase *tc = data;
    virConnectPtr conn = virConnectOpen(tc->uri);

    if (conn != NULL) {
        virConnectClose(conn);
        return virTestFail("'%s' opened", tc->uri);
    }
    return virTestExpectError(tc->error, tc->message);
}

static int
testConnectReadonlyRefuses(const void *data)
{
    virConnectPtr conn = virConnectOpenReadOnly(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return virTestFail("cannot open read-only");
    if ((dom = testLookup(conn, "web01")) == NULL)
        goto cleanup;
    if (virTestExpectInt("suspend", virDomainSuspend(dom), -1) < 0 ||
        virTestExpectError(VIR_ERR_OPERATION_DENIED, "read-only") < 0 ||
        virTestExpectInt("info", virDomainGetInfo(dom, &info), 0) < 0 ||
        virTestExpectInt("state", info.state, VIR_DOMAIN_RUNNING) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

static int
testConnectSharedHost(const void *data)
{
    virConnectPtr a = testOpen(nodeURI);
    virConnectPtr b = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainPtr defined = NULL;
    char *xml = testDomainXML("shared", NULL, 262144, 262144, 1, NULL);
    int ret = -1;

    (void)data;
    if (a == NULL || b == NULL || xml == NULL)
        goto cleanup;
    if ((dom = testLookup(a, "web01")) == NULL ||
        virTestExpectInt("suspend", virDomainSuspend(dom), 0) < 0 ||
        testExpectState(b, "web01", VIR_DOMAIN_PAUSED) < 0)
        goto cleanup;
    if ((defined = virDomainDefineXML(b, xml)) == NULL) {
        virTestFail("define on the second connection failed");
        goto cleanup;
    }
    if (virTestExpectInt("defined seen by a", virConnectNumOfDefinedDomains(a),
                         NODE_DEFINED + 1) < 0 ||
        testExpectState(a, "shared", VIR_DOMAIN_SHUTOFF) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(defined);
    virDomainFree(dom);
    if (a != NULL)
        virConnectClose(a);
    if (b != NULL)
        virConnectClose(b);
    free(xml);
    return ret;
}

static int
testConnectReopenReloads(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "web01")) == NULL ||
        virTestExpectInt("suspend", virDomainSuspend(dom), 0) < 0)
        goto cleanup;
    virDomainFree(dom);
    dom = NULL;
    virConnectClose(conn);
    if ((conn = testOpen(nodeURI)) == NULL)
        return -1;
    if (testExpectState(conn, "web01", VIR_DOMAIN_RUNNING) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

static int
testCompareIntAsc(const void *a, const void *b)
{
    int x = *(const int *)a;
    int y = *(const int *)b;

    return (x > y) - (x < y);
}

static int
testConnectListDomains(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    static const int expected[NODE_ACTIVE] = {0, 3, 4, 5, 6, 7, 8, 9};
    int ids[NODE_ACTIVE + 4];
    int sorted[NODE_ACTIVE];
    int n;
    int i;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    n = virConnectListDomains(conn, ids, NODE_ACTIVE + 4);
    if (virTestExpectInt("count", n, NODE_ACTIVE) < 0 ||
        virTestExpectInt("num", virConnectNumOfDomains(conn), NODE_ACTIVE) < 0)
        goto cleanup;
    memcpy(sorted, ids, sizeof(sorted));
    qsort(sorted, NODE_ACTIVE, sizeof(int), testCompareIntAsc);
    for (i = 0; i < NODE_ACTIVE; i++) {
        if (virTestExpectInt("ascending", ids[i], sorted[i]) < 0 ||
            virTestExpectInt("id", ids[i], expected[i]) < 0)
            goto cleanup;
    }
    /* A short array gets the lowest ids. */
    n = virConnectListDomains(conn, ids, 3);
    if (virTestExpectInt("truncated", n, 3) < 0 ||
        virTestExpectInt("first", ids[0], 0) < 0 ||
        virTestExpectInt("third", ids[2], 4) < 0 ||
        virTestExpectInt("none", virConnectListDomains(conn, ids, 0), 0) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virConnectClose(conn);
    return ret;
}

static int
testConnectListDefinedDomains(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    const char *names[NODE_DEFINED + 2] = {NULL};
    int n = -1;
    int i;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    n = virConnectListDefinedDomains(conn, names, NODE_DEFINED + 2);
    if (virTestExpectInt("count", n, NODE_DEFINED) < 0 ||
        virTestExpectInt("num", virConnectNumOfDefinedDomains(conn),
                         NODE_DEFINED) < 0 ||
        virTestExpectStr("first", names[0], "bigdb") < 0 ||
        virTestExpectStr("second", names[1], "build") < 0)
        goto cleanup;
    for (i = 0; i < n; i++) {
        free((char *)names[i]);
        names[i] = NULL;
    }
    n = virConnectListDefinedDomains(conn, names, 1);
    if (virTestExpectInt("truncated", n, 1) < 0 ||
        virTestExpectStr("lowest", names[0], "bigdb") < 0)
        goto cleanup;
    ret = 0;

cleanup:
    for (i = 0; i < n; i++)
        free((char *)names[i]);
    virConnectClose(conn);
    return ret;
}

/* ---- lookups -------------------------------------------------------- */

typedef enum { BY_ID, BY_NAME, BY_UUID, BY_UUID_STRING } testLookupKind;

typedef struct {
    testLookupKind kind;
    int id;
    const char *key;      /* name or uuid string */
    const char *expected; /* the name found, NULL when the lookup fails */
    int error;
    const char *message;
} testLookupCase;

static int
testDomainLookup(const void *data)
{
    const testLookupCase *tc = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    unsigned char uuid[16];
    char uuidstr[37];
    int ret = -1;

    if (conn == NULL)
        return -1;
    switch (tc->kind) {
    case BY_ID:
        dom = virDomainLookupByID(conn, tc->id);
        break;
    case BY_NAME:
        dom = virDomainLookupByName(conn, tc->key);
        break;
    case BY_UUID: {
        virDomainPtr byStr = virDomainLookupByUUIDString(conn, WEB01_UUID);

        /* Build the raw UUID from a known domain, then change it. */
        if (byStr == NULL || virDomainGetUUID(byStr, uuid) < 0) {
            virDomainFree(byStr);
            virTestFail("cannot read web01's uuid");
            goto cleanup;
        }
        virDomainFree(byStr);
        if (tc->expected == NULL)
            uuid[15] ^= 0xff;
        dom = virDomainLookupByUUID(conn, uuid);
        break;
    }
    case BY_UUID_STRING:
        dom = virDomainLookupByUUIDString(conn, tc->key);
        break;
    }

    if (tc->expected == NULL) {
        if (dom != NULL) {
            virTestFail("lookup found '%s'", virDomainGetName(dom));
            goto cleanup;
        }
        ret = virTestExpectError(tc->error, tc->message);
        goto cleanup;
    }
    if (dom == NULL) {
        virTestFail("lookup failed");
        goto cleanup;
    }
    if (virTestExpectStr("name", virDomainGetName(dom), tc->expected) < 0 ||
        virTestExpectInt("uuid rc", virDomainGetUUIDString(dom, uuidstr), 0) <
            0)
        goto cleanup;
    if (tc->kind == BY_ID &&
        virTestExpectInt("id", (int)virDomainGetID(dom), tc->id) < 0)
        goto cleanup;
    if (tc->kind == BY_UUID_STRING &&
        virTestExpectStr("uuid", uuidstr, tc->key) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* ---- life cycle ----------------------------------------------------- */

typedef enum {
    OP_SUSPEND,
    OP_RESUME,
    OP_SHUTDOWN,
    OP_REBOOT,
    OP_DESTROY,
    OP_CREATE,
    OP_UNDEFINE
} testOp;

typedef struct {
    const char *domain;
    testOp op;
    int error;           /* 0: the call succeeds */
    const char *message; /* in the error message */
    int state;           /* the state afterwards, -1: the domain is gone */
} testLifecycleCase;

static int
testLifecycleCall(virDomainPtr dom, testOp op)
{
    switch (op) {
    case OP_SUSPEND:
        return virDomainSuspend(dom);
    case OP_RESUME:
        return virDomainResume(dom);
    case OP_SHUTDOWN:
        return virDomainShutdown(dom);
    case OP_REBOOT:
        return virDomainReboot(dom, 0);
    case OP_DESTROY:
        return virDomainDestroy(dom);
    case OP_CREATE:
        return virDomainCreate(dom);
    case OP_UNDEFINE:
        return virDomainUndefine(dom);
    }
    return -2;
}

static int
testDomainLifecycle(const void *data)
{
    const testLifecycleCase *tc = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainPtr after = NULL;
    virDomainInfo info;
    int rc;
    int ret = -1;

    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, tc->domain)) == NULL)
        goto cleanup;
    rc = testLifecycleCall(dom, tc->op);
    /* A successful destroy releases the caller's reference. */
    if (tc->op == OP_DESTROY && rc == 0)
        dom = NULL;
    if (tc->error == 0) {
        if (virTestExpectInt("rc", rc, 0) < 0 || virTestExpectNoError() < 0)
            goto cleanup;
    } else if (virTestExpectInt("rc", rc, -1) < 0 ||
               virTestExpectError(tc->error, tc->message) < 0) {
        goto cleanup;
    }

    after = virDomainLookupByName(conn, tc->domain);
    if (tc->state < 0) {
        if (after != NULL) {
            virTestFail("'%s' still exists", tc->domain);
            goto cleanup;
        }
        ret = virTestExpectError(VIR_ERR_NO_DOMAIN, tc->domain);
        goto cleanup;
    }
    if (after == NULL || virDomainGetInfo(after, &info) < 0) {
        virTestFail("'%s' is gone", tc->domain);
        goto cleanup;
    }
    if (virTestExpectInt("state", info.state, tc->state) < 0)
        goto cleanup;
    if (tc->state == VIR_DOMAIN_SHUTOFF &&
        (virTestExpectInt("id", (int)virDomainGetID(after), -1) < 0 ||
         virTestExpectInt("cputime", (long long)info.cpuTime, 0) < 0))
        goto cleanup;
    if (tc->state != VIR_DOMAIN_SHUTOFF && (int)virDomainGetID(after) < 0) {
        virTestFail("active domain without an id");
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainFree(after);
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* Shutdown: SHUTDOWN at once, shut off (id -1, cpu time 0, defined) once
 * the node's delay has passed. */
static int
testDomainShutdownCompletes(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "web01")) == NULL ||
        virTestExpectInt("shutdown", virDomainShutdown(dom), 0) < 0 ||
        virTestExpectInt("info", virDomainGetInfo(dom, &info), 0) < 0 ||
        virTestExpectInt("state", info.state, VIR_DOMAIN_SHUTDOWN) < 0 ||
        virTestExpectInt("again", virDomainShutdown(dom), -1) < 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "shutting down") < 0)
        goto cleanup;
    virTestSleepMs(NODE_DELAY_MS + 50);
    if (virTestExpectInt("info", virDomainGetInfo(dom, &info), 0) < 0 ||
        virTestExpectInt("state", info.state, VIR_DOMAIN_SHUTOFF) < 0 ||
        virTestExpectInt("cputime", (long long)info.cpuTime, 0) < 0 ||
        virTestExpectInt("id", (int)virDomainGetID(dom), -1) < 0 ||
        virTestExpectInt("active", virConnectNumOfDomains(conn),
                         NODE_ACTIVE - 1) < 0 ||
        virTestExpectInt("defined", virConnectNumOfDefinedDomains(conn),
                         NODE_DEFINED + 1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* A transient domain vanishes once shut off; its handle then fails. */
static int
testDomainShutdownTransientVanishes(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "scratch")) == NULL ||
        virTestExpectInt("shutdown", virDomainShutdown(dom), 0) < 0)
        goto cleanup;
    virTestSleepMs(NODE_DELAY_MS + 50);
    if (virTestExpectInt("info", virDomainGetInfo(dom, &info), -1) < 0 ||
        virTestExpectError(VIR_ERR_NO_DOMAIN, "no domain with uuid") < 0 ||
        virTestExpectInt("defined", virConnectNumOfDefinedDomains(conn),
                         NODE_DEFINED) < 0 ||
        virTestExpectInt("active", virConnectNumOfDomains(conn),
                         NODE_ACTIVE - 1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

typedef struct {
    const char *domain;
    int state; /* after the reboot's delay */
} testRebootCase;

/* Reboot: SHUTDOWN, then running again with a fresh id and cpu time from
 * zero, or shut off when on_reboot is destroy. */
static int
testDomainRebootCompletes(const void *data)
{
    const testRebootCase *tc = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    unsigned long long start;
    unsigned long long elapsedNs;
    int oldId;
    int ret = -1;

    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, tc->domain)) == NULL)
        goto cleanup;
    oldId = (int)virDomainGetID(dom);
    start = virTestMonotonicMs();
    if (virTestExpectInt("reboot", virDomainReboot(dom, 0), 0) < 0 ||
        virTestExpectInt("info", virDomainGetInfo(dom, &info), 0) < 0 ||
        virTestExpectInt("state", info.state, VIR_DOMAIN_SHUTDOWN) < 0)
        goto cleanup;
    virTestSleepMs(NODE_DELAY_MS + 50);
    if (virTestExpectInt("info", virDomainGetInfo(dom, &info), 0) < 0 ||
        virTestExpectInt("state", info.state, tc->state) < 0)
        goto cleanup;
    elapsedNs = (virTestMonotonicMs() - start + 1) * 1000000ULL;
    if (tc->state == VIR_DOMAIN_RUNNING) {
        if ((int)virDomainGetID(dom) <= NODE_MAX_ID ||
            (int)virDomainGetID(dom) == oldId) {
            virTestFail("id %d after reboot is not fresh (was %d)",
                        (int)virDomainGetID(dom), oldId);
            goto cleanup;
        }
        if (info.cpuTime >= elapsedNs * info.nrVirtCpu) {
            virTestFail("cpu time %llu did not restart from zero",
                        info.cpuTime);
            goto cleanup;
        }
    } else if (virTestExpectInt("id", (int)virDomainGetID(dom), -1) < 0) {
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

typedef struct _testStopActionCase testStopActionCase;

struct _testStopActionCase {
    const char *actions; /* <on_poweroff> and <on_reboot> elements */
    bool reboot;
    bool restarts; /* else preserved */
};

/* What happens when a guest stops follows on_poweroff (on_reboot after a
 * reboot), as on Xen: preserve keeps the domain shut off with its id (xl
 * list shows it) until it is destroyed; restart brings it back. */
static int
testDomainStopAction(const void *data)
{
    const testStopActionCase *tc = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    char xml[512];
    int ids[NODE_ACTIVE + 2];
    int id;
    int ret = -1;

    if (conn == NULL)
        return -1;
    snprintf(xml, sizeof(xml),
             "<domain type='xen'><name>stopper</name><memory>65536</memory>"
             "%s</domain>",
             tc->actions);
    if ((dom = virDomainDefineXML(conn, xml)) == NULL ||
        virTestExpectInt("create", virDomainCreate(dom), 0) < 0)
        goto cleanup;
    id = (int)virDomainGetID(dom);
    if (virTestExpectInt(tc->reboot ? "reboot" : "shutdown",
                         tc->reboot ? virDomainReboot(dom, 0)
                                    : virDomainShutdown(dom),
                         0) < 0)
        goto cleanup;
    virTestSleepMs(NODE_DELAY_MS + 50);
    if (virTestExpectInt("info", virDomainGetInfo(dom, &info), 0) < 0)
        goto cleanup;
    if (tc->restarts) {
        if (virTestExpectInt("state", info.state, VIR_DOMAIN_RUNNING) < 0)
            goto cleanup;
        if ((int)virDomainGetID(dom) <= id) {
            virTestFail("restarted with id %d (was %d)",
                        (int)virDomainGetID(dom), id);
            goto cleanup;
        }
        ret = 0;
        goto cleanup;
    }
    if (virTestExpectInt("state", info.state, VIR_DOMAIN_SHUTOFF) < 0 ||
        virTestExpectInt("id kept", (int)virDomainGetID(dom), id) < 0 ||
        virTestExpectInt("listed running",
                         virConnectListDomains(conn, ids, NODE_ACTIVE + 2),
                         NODE_ACTIVE + 1) < 0 ||
        virTestExpectInt("create", virDomainCreate(dom), -1) < 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "already running") < 0 ||
        virTestExpectInt("suspend", virDomainSuspend(dom), -1) < 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "not running") < 0)
        goto cleanup;
    virResetLastError();
    if (virTestExpectInt("destroy", virDomainDestroy(dom), 0) < 0)
        goto cleanup;
    if ((dom = testLookup(conn, "stopper")) == NULL ||
        virTestExpectInt("id after destroy", (int)virDomainGetID(dom), -1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

static const struct {
    const char *title;
    testStopActionCase tc;
} stopActionCases[] = {
    {"domain_shutdown_on_poweroff_preserve_keeps_id",
     {"<on_poweroff>preserve</on_poweroff>", false, false}},
    {"domain_reboot_on_reboot_preserve_keeps_id",
     {"<on_reboot>preserve</on_reboot>", true, false}},
    {"domain_shutdown_on_poweroff_restart_restarts",
     {"<on_poweroff>restart</on_poweroff>", false, true}},
};

/* Create of a defined domain: fresh ids, never reused, cpu time from 0. */
static int
testDomainCreateFreshIds(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    int first;
    int ids[NODE_ACTIVE + 1];
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "build")) == NULL ||
        virTestExpectInt("create", virDomainCreate(dom), 0) < 0)
        goto cleanup;
    first = (int)virDomainGetID(dom);
    if (virTestExpectInt("first id", first, NODE_MAX_ID + 1) < 0 ||
        virTestExpectInt("info", virDomainGetInfo(dom, &info), 0) < 0 ||
        virTestExpectInt("state", info.state, VIR_DOMAIN_RUNNING) < 0 ||
        virTestExpectInt("listed",
                         virConnectListDomains(conn, ids, NODE_ACTIVE + 1),
                         NODE_ACTIVE + 1) < 0 ||
        virTestExpectInt("last listed", ids[NODE_ACTIVE], first) < 0)
        goto cleanup;
    if (info.cpuTime > 10ULL * 1000000000ULL) {
        virTestFail("a fresh domain has %llu ns of cpu time", info.cpuTime);
        goto cleanup;
    }
    /* Destroy takes the handle; take another for the second start. */
    if (virTestExpectInt("destroy", virDomainDestroy(dom), 0) < 0) {
        goto cleanup;
    }
    if ((dom = testLookup(conn, "build")) == NULL ||
        virTestExpectInt("create", virDomainCreate(dom), 0) < 0 ||
        virTestExpectInt("second id", (int)virDomainGetID(dom), first + 1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* A handle of an undefined domain fails with NO_DOMAIN afterwards. */
static int
testDomainUndefineRemoves(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "build")) == NULL ||
        virTestExpectInt("undefine", virDomainUndefine(dom), 0) < 0 ||
        virTestExpectInt("info", virDomainGetInfo(dom, &info), -1) < 0 ||
        virTestExpectError(VIR_ERR_NO_DOMAIN, BUILD_UUID) < 0 ||
        virTestExpectInt("create", virDomainCreate(dom), -1) < 0 ||
        virTestExpectError(VIR_ERR_NO_DOMAIN, "no domain with uuid") < 0 ||
        virTestExpectInt("defined", virConnectNumOfDefinedDomains(conn),
                         NODE_DEFINED - 1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* Undefining a running domain makes it transient: it runs on, and goes
 * away when it stops. */
static int
testDomainUndefineRunning(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainPtr gone = NULL;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "web01")) == NULL ||
        virTestExpectInt("undefine", virDomainUndefine(dom), 0) < 0 ||
        testExpectState(conn, "web01", VIR_DOMAIN_RUNNING) < 0 ||
        virTestExpectInt("again", virDomainUndefine(dom), -1) < 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "web01") < 0 ||
        virTestExpectInt("destroy", virDomainDestroy(dom), 0) < 0)
        goto cleanup;
    dom = NULL;
    if ((gone = virDomainLookupByName(conn, "web01")) != NULL) {
        virTestFail("web01 survived its destruction");
        goto cleanup;
    }
    if (virTestExpectError(VIR_ERR_NO_DOMAIN, "no domain named 'web01'") < 0 ||
        virTestExpectInt("defined", virConnectNumOfDefinedDomains(conn),
                         NODE_DEFINED) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(gone);
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* GetID follows lazy transitions, on every holder of the handle. */
static int
testDomainGetIDFollowsShutdown(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr a = NULL;
    virDomainPtr b = NULL;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((a = testLookup(conn, "web01")) == NULL ||
        (b = virDomainLookupByID(conn, 3)) == NULL ||
        virTestExpectInt("id", (int)virDomainGetID(b), 3) < 0 ||
        virTestExpectInt("shutdown", virDomainShutdown(a), 0) < 0)
        goto cleanup;
    virTestSleepMs(NODE_DELAY_MS + 50);
    if (virTestExpectInt("id", (int)virDomainGetID(b), -1) < 0 ||
        virTestExpectInt("other holder", (int)virDomainGetID(a), -1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(a);
    virDomainFree(b);
    virConnectClose(conn);
    return ret;
}

/* The slow node's delays make the calls themselves take that long. */
static int
testDomainDelaysSlowCalls(const void *data)
{
    virConnectPtr conn = testOpen(slowURI);
    virDomainPtr dom = NULL;
    unsigned long long start;
    unsigned long long took;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "guest")) == NULL)
        goto cleanup;
    start = virTestMonotonicMs();
    if (virTestExpectInt("create", virDomainCreate(dom), 0) < 0)
        goto cleanup;
    took = virTestMonotonicMs() - start;
    if (took < 40) {
        virTestFail("create took %llu ms, not the node's 40", took);
        goto cleanup;
    }
    start = virTestMonotonicMs();
    if (virTestExpectInt("destroy", virDomainDestroy(dom), 0) < 0)
        goto cleanup;
    dom = NULL;
    took = virTestMonotonicMs() - start;
    if (took < 40) {
        virTestFail("destroy took %llu ms, not the node's 40", took);
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* A host with a switch: writes a node file named @base.xml in the test
 * directory, with a switch element @element (outage, fault) whose file is
 * named @base, and the domain XML @domains, and fills @node, @flag and
 * @uri (each of 4300 bytes).  Returns 0, or -1 (reported). */
static int
testWriteSwitchNode(const char *element, const char *base, const char *domains,
                    char *node, char *flag, char *uri)
{
    FILE *f;

    snprintf(node, 4300, "%s/%s.xml", tmpDir, base);
    snprintf(flag, 4300, "%s/%s", tmpDir, base);
    snprintf(uri, 4300, "test://%s", node);
    if ((f = fopen(node, "w")) == NULL)
        return virTestFail("cannot write '%s'", node);
    fprintf(f,
            "<node><cpu><model>Test CPU</model><mhz>2000</mhz>"
            "<nodes>1</nodes><sockets>1</sockets><cores>2</cores>"
            "<threads>1</threads></cpu><memory>4194304</memory>"
            "<%s file='%s'/>%s</node>\n",
            element, flag, domains);
    fclose(f);
    return 0;
}

/* While the node's outage file exists, the host is unreachable: new
 * connections fail and an open one fails its host-wide calls; removing
 * the file brings it back. */
static int
testHostOutage(const void *data)
{
    char node[4300], flag[4300], uri[4300];
    virConnectPtr conn = NULL;
    virConnectPtr second = NULL;
    virNodeInfo info;
    int ids[8];
    FILE *f;
    int ret = -1;

    (void)data;
    if (testWriteSwitchNode("outage", "outage-node", "", node, flag, uri) < 0)
        return -1;

    if ((conn = testOpen(uri)) == NULL)
        goto cleanup;
    if ((f = fopen(flag, "w")) == NULL) {
        virTestFail("cannot create '%s'", flag);
        goto cleanup;
    }
    fclose(f);

    if (virTestExpectInt("node info while out", virNodeGetInfo(conn, &info),
                         -1) < 0 ||
        virTestExpectError(VIR_ERR_OPERATION_FAILED,
                           "the simulated hypervisor is unreachable") < 0 ||
        virTestExpectInt("count while out", virConnectNumOfDomains(conn), -1) <
            0 ||
        virTestExpectInt("list while out", virConnectListDomains(conn, ids, 8),
                         -1) < 0 ||
        virTestExpectInt("defined while out",
                         virConnectNumOfDefinedDomains(conn), -1) < 0)
        goto cleanup;
    if ((second = virConnectOpen(uri)) != NULL) {
        virTestFail("opening '%s' succeeded during the outage", uri);
        goto cleanup;
    }
    if (virTestExpectError(VIR_ERR_OPERATION_FAILED, flag) < 0)
        goto cleanup;

    unlink(flag);
    if (virTestExpectInt("node info after", virNodeGetInfo(conn, &info), 0) <
            0 ||
        virTestExpectInt("count after", virConnectNumOfDomains(conn), 0) < 0)
        goto cleanup;
    if ((second = testOpen(uri)) == NULL)
        goto cleanup;
    ret = 0;

cleanup:
    if (second != NULL)
        virConnectClose(second);
    if (conn != NULL)
        virConnectClose(conn);
    unlink(flag);
    unlink(node);
    return ret;
}

/* An outage closes every connection, as a stopped xenStored makes a real
 * agent drop them; when it ends the host is the one it was: a paused
 * domain still paused, the same generated UUID, cpu time not gone back. */
static int
testHostOutageKeepsState(const void *data)
{
    char node[4300], flag[4300], uri[4300];
    unsigned char uuid[16], again[16];
    virConnectPtr conn = NULL;
    virDomainPtr dom = NULL;
    virDomainInfo before, after;
    FILE *f;
    int ret = -1;

    (void)data;
    if (testWriteSwitchNode("outage", "outage-state",
                            "<domain type='xen' id='5' cputime='7000000000'>"
                            "<name>nouuid</name><memory>524288</memory>"
                            "<vcpu>1</vcpu><os><type>linux</type></os>"
                            "</domain>",
                            node, flag, uri) < 0)
        return -1;

    if ((conn = testOpen(uri)) == NULL ||
        (dom = virDomainLookupByName(conn, "nouuid")) == NULL ||
        virDomainSuspend(dom) < 0 || virDomainGetUUID(dom, uuid) < 0 ||
        virDomainGetInfo(dom, &before) < 0) {
        virTestFail("cannot set the host up: %s",
                    virGetLastError() ? virGetLastError()->message : "?");
        goto cleanup;
    }
    virDomainFree(dom);
    dom = NULL;
    if ((f = fopen(flag, "w")) == NULL) {
        virTestFail("cannot create '%s'", flag);
        goto cleanup;
    }
    fclose(f);
    /* The outage: every client closes its connection. */
    virConnectClose(conn);
    conn = NULL;
    unlink(flag);

    if ((conn = testOpen(uri)) == NULL)
        goto cleanup;
    if ((dom = virDomainLookupByName(conn, "nouuid")) == NULL ||
        virDomainGetUUID(dom, again) < 0 || virDomainGetInfo(dom, &after) < 0) {
        virTestFail("cannot read the domain after the outage");
        goto cleanup;
    }
    if (virTestExpectInt("state after the outage", after.state,
                         VIR_DOMAIN_PAUSED) < 0 ||
        virTestExpectInt("same uuid", memcmp(uuid, again, sizeof(uuid)), 0) <
            0 ||
        virTestExpectInt("cpu time not gone back",
                         after.cpuTime >= before.cpuTime, 1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (dom != NULL)
        virDomainFree(dom);
    if (conn != NULL)
        virConnectClose(conn);
    unlink(flag);
    unlink(node);
    return ret;
}

/* While the fault file exists, the calls it names fail with
 * VIR_ERR_OPERATION_FAILED and change nothing; the others, and every
 * call once it is gone, work. */
static int
testHostFault(const void *data)
{
    char node[4300], flag[4300], uri[4300];
    virConnectPtr conn = NULL;
    virDomainPtr dom = NULL;
    virDomainInfo info;
    FILE *f;
    int ret = -1;

    (void)data;
    if (testWriteSwitchNode("fault", "fault-node",
                            "<domain type='xen' id='5'>"
                            "<name>vm</name><memory>524288</memory>"
                            "<vcpu current='1'>2</vcpu>"
                            "<os><type>linux</type></os></domain>",
                            node, flag, uri) < 0)
        return -1;
    if ((conn = testOpen(uri)) == NULL ||
        (dom = virDomainLookupByName(conn, "vm")) == NULL) {
        virTestFail("cannot set the host up");
        goto cleanup;
    }
    if ((f = fopen(flag, "w")) == NULL) {
        virTestFail("cannot create '%s'", flag);
        goto cleanup;
    }
    fputs("virDomainSuspend\nvirDomainSetVcpus\n", f);
    fclose(f);
    if (virTestExpectInt("setvcpus refused", virDomainSetVcpus(dom, 2), -1) <
            0 ||
        virTestExpectError(VIR_ERR_OPERATION_FAILED,
                           "the simulated hypervisor refused "
                           "virDomainSetVcpus on domain 'vm'") < 0 ||
        virTestExpectInt("suspend refused", virDomainSuspend(dom), -1) < 0 ||
        virTestExpectInt("setmemory works", virDomainSetMemory(dom, 262144),
                         0) < 0 ||
        virTestExpectInt("info", virDomainGetInfo(dom, &info), 0) < 0 ||
        virTestExpectInt("vcpus unchanged", info.nrVirtCpu, 1) < 0 ||
        virTestExpectInt("still running", info.state, VIR_DOMAIN_RUNNING) < 0)
        goto cleanup;
    unlink(flag);
    if (virTestExpectInt("setvcpus after", virDomainSetVcpus(dom, 2), 0) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (dom != NULL)
        virDomainFree(dom);
    if (conn != NULL)
        virConnectClose(conn);
    unlink(flag);
    unlink(node);
    return ret;
}

/* ---- define and create ---------------------------------------------- */

typedef enum { DEF_DEFINE, DEF_CREATE } testDefOp;

typedef struct {
    testDefOp op;
    const char *name;
    const char *uuid; /* NULL: none in the XML */
    unsigned long maxmem;
    unsigned long memory;
    unsigned int vcpus;
    const char *extra; /* more XML inside <domain> */
    int error;         /* 0: succeeds */
    const char *message;
    int state;        /* afterwards, when it succeeds */
    int activeDelta;  /* change of NumOfDomains */
    int definedDelta; /* change of NumOfDefinedDomains */
} testDefineCase;

static int
testDomainDefine(const void *data)
{
    const testDefineCase *tc = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    char *xml = testDomainXML(tc->name, tc->uuid, tc->maxmem, tc->memory,
                              tc->vcpus, tc->extra);
    char uuidstr[37];
    int ret = -1;

    if (conn == NULL || xml == NULL)
        goto cleanup;
    if (tc->op == DEF_DEFINE)
        dom = virDomainDefineXML(conn, xml);
    else
        dom = virDomainCreateLinux(conn, xml, 0);

    if (tc->error != 0) {
        if (dom != NULL) {
            virTestFail("'%s' was accepted", tc->name);
            goto cleanup;
        }
        if (virTestExpectError(tc->error, tc->message) < 0 ||
            virTestExpectInt("active", virConnectNumOfDomains(conn),
                             NODE_ACTIVE) < 0 ||
            virTestExpectInt("defined", virConnectNumOfDefinedDomains(conn),
                             NODE_DEFINED) < 0)
            goto cleanup;
        ret = 0;
        goto cleanup;
    }
    if (dom == NULL) {
        virErrorPtr err = virGetLastError();

        virTestFail("'%s' refused: %s", tc->name,
                    err != NULL ? err->message : "no error");
        goto cleanup;
    }
    if (virTestExpectStr("name", virDomainGetName(dom), tc->name) < 0 ||
        virTestExpectInt("info", virDomainGetInfo(dom, &info), 0) < 0 ||
        virTestExpectInt("state", info.state, tc->state) < 0 ||
        virTestExpectInt("memory", (long long)info.memory,
                         (long long)tc->memory) < 0 ||
        virTestExpectInt("maxmem", (long long)info.maxMem,
                         (long long)tc->maxmem) < 0 ||
        virTestExpectInt("active", virConnectNumOfDomains(conn),
                         NODE_ACTIVE + tc->activeDelta) < 0 ||
        virTestExpectInt("defined", virConnectNumOfDefinedDomains(conn),
                         NODE_DEFINED + tc->definedDelta) < 0 ||
        virTestExpectInt("uuid", virDomainGetUUIDString(dom, uuidstr), 0) < 0)
        goto cleanup;
    if (tc->uuid != NULL && virTestExpectStr("uuid", uuidstr, tc->uuid) < 0)
        goto cleanup;
    if (tc->state == VIR_DOMAIN_RUNNING &&
        (int)virDomainGetID(dom) <= NODE_MAX_ID) {
        virTestFail("id %d is not fresh", (int)virDomainGetID(dom));
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainFree(dom);
    if (conn != NULL)
        virConnectClose(conn);
    free(xml);
    return ret;
}

/* A transient domain from CreateLinux vanishes when destroyed. */
static int
testDomainCreateLinuxTransient(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainPtr gone = NULL;
    char *xml = testDomainXML("temp", NULL, 262144, 262144, 1, NULL);
    int ret = -1;

    (void)data;
    if (conn == NULL || xml == NULL)
        goto cleanup;
    if ((dom = virDomainCreateLinux(conn, xml, 0)) == NULL) {
        virTestFail("CreateLinux failed");
        goto cleanup;
    }
    if (virTestExpectInt("undefine", virDomainUndefine(dom), -1) < 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "temp") < 0 ||
        virTestExpectInt("destroy", virDomainDestroy(dom), 0) < 0)
        goto cleanup;
    dom = NULL;
    if ((gone = virDomainLookupByName(conn, "temp")) != NULL) {
        virTestFail("'temp' outlived its destruction");
        goto cleanup;
    }
    ret = virTestExpectError(VIR_ERR_NO_DOMAIN, "temp");

cleanup:
    virDomainFree(gone);
    virDomainFree(dom);
    if (conn != NULL)
        virConnectClose(conn);
    free(xml);
    return ret;
}

static int
testDomainCreateLinuxFlags(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    char *xml = testDomainXML("temp", NULL, 262144, 262144, 1, NULL);
    int ret = -1;

    (void)data;
    if (conn == NULL || xml == NULL)
        goto cleanup;
    if ((dom = virDomainCreateLinux(conn, xml, 1)) != NULL) {
        virTestFail("flags 1 accepted");
        goto cleanup;
    }
    ret = virTestExpectError(VIR_ERR_INVALID_ARG, "flags");

cleanup:
    virDomainFree(dom);
    if (conn != NULL)
        virConnectClose(conn);
    free(xml);
    return ret;
}

/* Redefining a running transient domain makes it persistent. */
static int
testDomainDefineTransientPersists(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainPtr again = NULL;
    char *xml = NULL;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "scratch")) == NULL ||
        (xml = virDomainGetXMLDesc(dom, 0)) == NULL ||
        (again = virDomainDefineXML(conn, xml)) == NULL) {
        virTestFail("redefining scratch failed");
        goto cleanup;
    }
    if (testExpectState(conn, "scratch", VIR_DOMAIN_RUNNING) < 0 ||
        virTestExpectInt("destroy", virDomainDestroy(dom), 0) < 0)
        goto cleanup;
    dom = NULL;
    if (testExpectState(conn, "scratch", VIR_DOMAIN_SHUTOFF) < 0 ||
        virTestExpectInt("defined", virConnectNumOfDefinedDomains(conn),
                         NODE_DEFINED + 1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(again);
    virDomainFree(dom);
    free(xml);
    virConnectClose(conn);
    return ret;
}

/* What GetXMLDesc writes, DefineXML reads back to the same domain. */
static int
testDomainXMLRoundTrip(const void *data)
{
    const char *name = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainPtr defined = NULL;
    char *before = NULL;
    char *after = NULL;
    int ret = -1;

    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, name)) == NULL ||
        (before = virDomainGetXMLDesc(dom, 0)) == NULL ||
        virTestExpectInt("undefine", virDomainUndefine(dom), 0) < 0)
        goto cleanup;
    virDomainFree(dom);
    dom = NULL;
    if ((defined = virDomainDefineXML(conn, before)) == NULL) {
        virTestFail("define of the XML of '%s' failed", name);
        goto cleanup;
    }
    if ((after = virDomainGetXMLDesc(defined, 0)) == NULL ||
        virTestExpectStr("xml", after, before) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    free(before);
    free(after);
    virDomainFree(dom);
    virDomainFree(defined);
    virConnectClose(conn);
    return ret;
}

/* ---- information ---------------------------------------------------- */

static int
testDomainGetInfoFromNode(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    char *ostype = NULL;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "web01")) == NULL ||
        virTestExpectInt("info", virDomainGetInfo(dom, &info), 0) < 0 ||
        virTestExpectInt("state", info.state, VIR_DOMAIN_RUNNING) < 0 ||
        virTestExpectInt("maxMem", (long long)info.maxMem, 2097152) < 0 ||
        virTestExpectInt("memory", (long long)info.memory, 1048576) < 0 ||
        virTestExpectInt("vcpus", info.nrVirtCpu, 2) < 0 ||
        virTestExpectInt("max memory", (long long)virDomainGetMaxMemory(dom),
                         2097152) < 0 ||
        (ostype = virDomainGetOSType(dom)) == NULL ||
        virTestExpectStr("ostype", ostype, "linux") < 0)
        goto cleanup;
    if (info.cpuTime < 800000000000ULL) {
        virTestFail("cpu time %llu is below the node file's", info.cpuTime);
        goto cleanup;
    }
    free(ostype);
    virDomainFree(dom);
    if ((dom = testLookup(conn, "build")) == NULL ||
        (ostype = virDomainGetOSType(dom)) == NULL ||
        virTestExpectStr("ostype", ostype, "hvm") < 0 ||
        virTestExpectInt("info", virDomainGetInfo(dom, &info), 0) < 0 ||
        virTestExpectInt("state", info.state, VIR_DOMAIN_SHUTOFF) < 0 ||
        virTestExpectInt("memory", (long long)info.memory, 4194304) < 0 ||
        virTestExpectInt("cputime", (long long)info.cpuTime, 0) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    free(ostype);
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

static int
testDomainGetXMLDesc(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    char *xml = NULL;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "web01")) == NULL ||
        (xml = virDomainGetXMLDesc(dom, 0)) == NULL)
        goto cleanup;
    if (strstr(xml, "id='3'") == NULL || strstr(xml, WEB01_UUID) == NULL ||
        strstr(xml, "<name>web01</name>") == NULL) {
        virTestFail("XML of web01 lacks its id, uuid or name: %s", xml);
        goto cleanup;
    }
    free(xml);
    xml = NULL;
    if (virDomainGetXMLDesc(dom, 1) != NULL ||
        virTestExpectError(VIR_ERR_INVALID_ARG, "flags") < 0)
        goto cleanup;
    virDomainFree(dom);
    if ((dom = testLookup(conn, "build")) == NULL ||
        (xml = virDomainGetXMLDesc(dom, 0)) == NULL)
        goto cleanup;
    if (strstr(xml, " id=") != NULL) {
        virTestFail("XML of a shut-off domain has an id: %s", xml);
        goto cleanup;
    }
    ret = 0;

cleanup:
    free(xml);
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* ---- cpu time ------------------------------------------------------- */

static int
testDomainCputimeRunningGrows(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainInfo a;
    virDomainInfo b;
    const char *name = data;
    int ret = -1;

    if (conn == NULL)
        return -1;
    if (testInfo(conn, name, &a) < 0)
        goto cleanup;
    virTestSleepMs(20);
    if (testInfo(conn, name, &b) < 0)
        goto cleanup;
    if (b.cpuTime <= a.cpuTime) {
        virTestFail("cpu time of '%s' did not grow: %llu then %llu", name,
                    a.cpuTime, b.cpuTime);
        goto cleanup;
    }
    /* Each vcpu uses at most one physical cpu. */
    if (b.cpuTime - a.cpuTime > 2000ULL * 1000000ULL * b.nrVirtCpu) {
        virTestFail("cpu time of '%s' grew too fast", name);
        goto cleanup;
    }
    ret = 0;

cleanup:
    virConnectClose(conn);
    return ret;
}

/* A paused domain's clock stands still, at the node file's figure, and
 * is the sum of its vcpus'. */
static int
testDomainCputimePausedFrozen(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo a;
    virDomainInfo b;
    virVcpuInfo vcpus[2];
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "mail")) == NULL ||
        virTestExpectInt("info", virDomainGetInfo(dom, &a), 0) < 0)
        goto cleanup;
    virTestSleepMs(20);
    if (virTestExpectInt("info", virDomainGetInfo(dom, &b), 0) < 0 ||
        virTestExpectInt("cputime", (long long)a.cpuTime,
                         (long long)MAIL_CPUTIME) < 0 ||
        virTestExpectInt("frozen", (long long)b.cpuTime, (long long)a.cpuTime) <
            0 ||
        virTestExpectInt("vcpus", virDomainGetVcpus(dom, vcpus, 2, NULL, 0),
                         2) < 0 ||
        virTestExpectInt("sum",
                         (long long)(vcpus[0].cpuTime + vcpus[1].cpuTime),
                         (long long)MAIL_CPUTIME) < 0)
        goto cleanup;
    /* Resumed, it runs again. */
    if (virTestExpectInt("resume", virDomainResume(dom), 0) < 0)
        goto cleanup;
    virTestSleepMs(20);
    if (virTestExpectInt("info", virDomainGetInfo(dom, &b), 0) < 0)
        goto cleanup;
    if (b.cpuTime <= a.cpuTime) {
        virTestFail("cpu time did not grow after resume");
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* A vcpu taken offline keeps its cpu time frozen. */
static int
testDomainCputimeOfflineVcpuFrozen(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virVcpuInfo a[4];
    virVcpuInfo b[4];
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "web01")) == NULL ||
        virTestExpectInt("setvcpus", virDomainSetVcpus(dom, 1), 0) < 0 ||
        virTestExpectInt("vcpus", virDomainGetVcpus(dom, a, 4, NULL, 0), 4) < 0)
        goto cleanup;
    virTestSleepMs(20);
    if (virTestExpectInt("vcpus", virDomainGetVcpus(dom, b, 4, NULL, 0), 4) <
            0 ||
        virTestExpectInt("state", b[1].state, VIR_VCPU_OFFLINE) < 0 ||
        virTestExpectInt("frozen", (long long)b[1].cpuTime,
                         (long long)a[1].cpuTime) < 0)
        goto cleanup;
    if (b[0].cpuTime <= a[0].cpuTime) {
        virTestFail("online vcpu 0 did not run");
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* ---- memory --------------------------------------------------------- */

typedef struct {
    const char *domain;
    bool max; /* SetMaxMemory, else SetMemory */
    unsigned long memory;
    int error;
    const char *message;
} testMemoryCase;

static int
testDomainMemory(const void *data)
{
    const testMemoryCase *tc = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo before;
    virDomainInfo after;
    int rc;
    int ret = -1;

    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, tc->domain)) == NULL ||
        virDomainGetInfo(dom, &before) < 0)
        goto cleanup;
    if (tc->max)
        rc = virDomainSetMaxMemory(dom, tc->memory);
    else
        rc = virDomainSetMemory(dom, tc->memory);
    if (virDomainGetInfo(dom, &after) < 0) {
        virTestFail("GetInfo failed");
        goto cleanup;
    }
    if (tc->error != 0) {
        if (virTestExpectInt("rc", rc, -1) < 0 ||
            virTestExpectInt("memory", (long long)after.memory,
                             (long long)before.memory) < 0 ||
            virTestExpectInt("maxMem", (long long)after.maxMem,
                             (long long)before.maxMem) < 0)
            goto cleanup;
        /* GetInfo reset the error: provoke it again to check it. */
        rc = tc->max ? virDomainSetMaxMemory(dom, tc->memory)
                     : virDomainSetMemory(dom, tc->memory);
        ret = virTestExpectError(tc->error, tc->message);
        goto cleanup;
    }
    if (virTestExpectInt("rc", rc, 0) < 0)
        goto cleanup;
    if (tc->max &&
        (virTestExpectInt("maxMem", (long long)after.maxMem,
                          (long long)tc->memory) < 0 ||
         virTestExpectInt("GetMaxMemory", (long long)virDomainGetMaxMemory(dom),
                          (long long)tc->memory) < 0))
        goto cleanup;
    if (!tc->max && virTestExpectInt("memory", (long long)after.memory,
                                     (long long)tc->memory) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* Stopping a domain gives its memory back to the host. */
static int
testDomainDestroyFreesMemory(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr big = NULL;
    virDomainPtr bigdb = NULL;
    virDomainPtr build = NULL;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((bigdb = testLookup(conn, "bigdb")) == NULL ||
        (big = testLookup(conn, "big")) == NULL ||
        virTestExpectInt("create", virDomainCreate(bigdb), -1) < 0 ||
        virTestExpectError(VIR_ERR_NO_RESOURCES, "8912896 KiB free") < 0 ||
        virTestExpectInt("destroy", virDomainDestroy(big), 0) < 0)
        goto cleanup;
    big = NULL;
    if (virTestExpectInt("create", virDomainCreate(bigdb), 0) < 0 ||
        testExpectState(conn, "bigdb", VIR_DOMAIN_RUNNING) < 0)
        goto cleanup;
    /* And a started domain takes it: 512 MiB are left. */
    if ((build = testLookup(conn, "build")) == NULL ||
        virTestExpectInt("create", virDomainCreate(build), -1) < 0 ||
        virTestExpectError(VIR_ERR_NO_RESOURCES,
                           "domain 'build' needs 4194304 KiB of memory but "
                           "the host has only 524288 KiB free") < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(big);
    virDomainFree(bigdb);
    virDomainFree(build);
    virConnectClose(conn);
    return ret;
}

/* ---- vcpus ---------------------------------------------------------- */

typedef struct {
    const char *domain;
    unsigned int nvcpus;
    int error;
    const char *message;
} testVcpusCase;

static int
testDomainSetVcpus(const void *data)
{
    const testVcpusCase *tc = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo before;
    virDomainInfo after;
    int rc;
    int ret = -1;

    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, tc->domain)) == NULL ||
        virDomainGetInfo(dom, &before) < 0)
        goto cleanup;
    rc = virDomainSetVcpus(dom, tc->nvcpus);
    if (tc->error != 0) {
        if (virTestExpectInt("rc", rc, -1) < 0 ||
            virTestExpectError(tc->error, tc->message) < 0 ||
            virTestExpectInt("info", virDomainGetInfo(dom, &after), 0) < 0 ||
            virTestExpectInt("vcpus", after.nrVirtCpu, before.nrVirtCpu) < 0)
            goto cleanup;
        ret = 0;
        goto cleanup;
    }
    if (virTestExpectInt("rc", rc, 0) < 0 ||
        virTestExpectInt("info", virDomainGetInfo(dom, &after), 0) < 0 ||
        virTestExpectInt("vcpus", after.nrVirtCpu, (int)tc->nvcpus) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

typedef struct {
    const char *domain;
    unsigned int vcpu;
    unsigned char map[4];
    int maplen;
    int error;
    const char *message;
    const char *cpuset; /* in the XML afterwards, on success */
} testPinCase;

static int
testDomainPinVcpu(const void *data)
{
    const testPinCase *tc = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    unsigned char map[4];
    virVcpuInfo info[4];
    unsigned char maps[4 * 2];
    virDomainInfo dinfo;
    char *xml = NULL;
    char expected[64];
    int n;
    int rc;
    int ret = -1;

    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, tc->domain)) == NULL)
        goto cleanup;
    memcpy(map, tc->map, sizeof(map));
    rc = virDomainPinVcpu(dom, tc->vcpu, map, tc->maplen);
    if (tc->error != 0) {
        if (virTestExpectInt("rc", rc, -1) < 0 ||
            virTestExpectError(tc->error, tc->message) < 0)
            goto cleanup;
        ret = 0;
        goto cleanup;
    }
    if (virTestExpectInt("rc", rc, 0) < 0 ||
        (xml = virDomainGetXMLDesc(dom, 0)) == NULL)
        goto cleanup;
    snprintf(expected, sizeof(expected), "vcpu='%u' cpuset='%s'", tc->vcpu,
             tc->cpuset);
    if (strstr(xml, "<cputune>") == NULL || strstr(xml, expected) == NULL) {
        virTestFail("XML lacks %s: %s", expected, xml);
        goto cleanup;
    }
    /* A running domain's GetVcpus reports the map, and places the vcpu
     * inside it (when the vcpu is online); a shut-off one has no vcpus
     * to report. */
    if (virDomainGetInfo(dom, &dinfo) < 0) {
        virTestFail("GetInfo failed");
        goto cleanup;
    }
    if (dinfo.state == VIR_DOMAIN_SHUTOFF) {
        ret = 0;
        goto cleanup;
    }
    n = virDomainGetVcpus(dom, info, 4, maps, 2);
    if (n <= (int)tc->vcpu) {
        virTestFail("GetVcpus gave %d entries", n);
        goto cleanup;
    }
    if (virTestExpectInt("map byte 0", maps[tc->vcpu * 2], tc->map[0]) < 0 ||
        virTestExpectInt("map byte 1", maps[tc->vcpu * 2 + 1],
                         tc->maplen > 1 ? tc->map[1] : 0) < 0)
        goto cleanup;
    if (info[tc->vcpu].cpu >= 0 &&
        !VIR_CPU_USABLE(maps, 2, tc->vcpu, info[tc->vcpu].cpu)) {
        virTestFail("vcpu %u runs on cpu %d, outside its map", tc->vcpu,
                    info[tc->vcpu].cpu);
        goto cleanup;
    }
    ret = 0;

cleanup:
    free(xml);
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* Online vcpus run on host cpus inside their affinity; the others are
 * offline, nowhere; the maps are padded with zeros. */
static int
testDomainGetVcpusReports(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virVcpuInfo info[6];
    unsigned char maps[6 * 3];
    int n;
    int v;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    memset(maps, 0xaa, sizeof(maps));
    if ((dom = testLookup(conn, "web01")) == NULL)
        goto cleanup;
    n = virDomainGetVcpus(dom, info, 6, maps, 3);
    if (virTestExpectInt("entries", n, 4) < 0)
        goto cleanup;
    for (v = 0; v < n; v++) {
        bool online = v < 2;

        if (virTestExpectInt("number", info[v].number, v) < 0 ||
            virTestExpectInt("state", info[v].state,
                             online ? VIR_VCPU_RUNNING : VIR_VCPU_OFFLINE) <
                0 ||
            virTestExpectInt("map byte 0", maps[v * 3], 0xff) < 0 ||
            virTestExpectInt("map byte 1", maps[v * 3 + 1], 0x0f) < 0 ||
            virTestExpectInt("map byte 2", maps[v * 3 + 2], 0) < 0)
            goto cleanup;
        if (online && (info[v].cpu < 0 || info[v].cpu >= NODE_CPUS)) {
            virTestFail("vcpu %d on cpu %d", v, info[v].cpu);
            goto cleanup;
        }
        if (!online && virTestExpectInt("cpu", info[v].cpu, -1) < 0)
            goto cleanup;
    }
    /* A short array gets the first vcpus. */
    if (virTestExpectInt("truncated", virDomainGetVcpus(dom, info, 1, NULL, 0),
                         1) < 0)
        goto cleanup;
    virDomainFree(dom);

    /* web02 is blocked, its vcpu 0 pinned to cpus 4-5 in the node file. */
    if ((dom = testLookup(conn, "web02")) == NULL ||
        virTestExpectInt("entries", virDomainGetVcpus(dom, info, 2, maps, 1),
                         2) < 0 ||
        virTestExpectInt("state", info[0].state, VIR_VCPU_BLOCKED) < 0 ||
        virTestExpectInt("pinned map", maps[0], 0x30) < 0)
        goto cleanup;
    if (info[0].cpu != 4 && info[0].cpu != 5) {
        virTestFail("pinned vcpu 0 runs on cpu %d", info[0].cpu);
        goto cleanup;
    }
    virDomainFree(dom);

    if ((dom = testLookup(conn, "build")) == NULL ||
        virTestExpectInt("shutoff", virDomainGetVcpus(dom, info, 2, NULL, 0),
                         -1) < 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID,
                           "domain 'build' is not running") < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* ---- save, restore, core dump --------------------------------------- */

typedef struct {
    const char *domain;
    int stateAfter;  /* after the restore */
    bool persistent; /* still defined between save and restore */
} testSaveCase;

static int
testDomainSaveRestore(const void *data)
{
    const testSaveCase *tc = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainPtr restored = NULL;
    virDomainInfo before;
    virDomainInfo after;
    char *path = testTmpPath("saved.img");
    int oldId;
    int ret = -1;

    if (conn == NULL || path == NULL)
        goto cleanup;
    if ((dom = testLookup(conn, tc->domain)) == NULL ||
        virDomainGetInfo(dom, &before) < 0)
        goto cleanup;
    oldId = (int)virDomainGetID(dom);
    if (virTestExpectInt("save", virDomainSave(dom, path), 0) < 0 ||
        virTestExpectInt("id", (int)virDomainGetID(dom), -1) < 0)
        goto cleanup;
    if (!testFileStartsWith(path, "LibvirTestSave\n")) {
        virTestFail("'%s' is not a saved image", path);
        goto cleanup;
    }
    if (tc->persistent) {
        if (testExpectState(conn, tc->domain, VIR_DOMAIN_SHUTOFF) < 0)
            goto cleanup;
    } else if ((restored = virDomainLookupByName(conn, tc->domain)) != NULL) {
        virTestFail("saved transient '%s' is still there", tc->domain);
        goto cleanup;
    }

    if (virTestExpectInt("restore", virDomainRestore(conn, path), 0) < 0 ||
        (restored = testLookup(conn, tc->domain)) == NULL ||
        virTestExpectInt("info", virDomainGetInfo(restored, &after), 0) < 0 ||
        virTestExpectInt("state", after.state, tc->stateAfter) < 0 ||
        virTestExpectInt("memory", (long long)after.memory,
                         (long long)before.memory) < 0)
        goto cleanup;
    if ((int)virDomainGetID(restored) <= NODE_MAX_ID ||
        (int)virDomainGetID(restored) == oldId) {
        virTestFail("restored id %d is not fresh",
                    (int)virDomainGetID(restored));
        goto cleanup;
    }
    if (after.cpuTime < before.cpuTime) {
        virTestFail("cpu time went back from %llu to %llu", before.cpuTime,
                    after.cpuTime);
        goto cleanup;
    }
    /* The image may be restored once: the domain now runs. */
    if (virTestExpectInt("again", virDomainRestore(conn, path), -1) < 0 ||
        virTestExpectError(VIR_ERR_DOM_EXIST, tc->domain) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (path != NULL)
        unlink(path);
    free(path);
    virDomainFree(restored);
    virDomainFree(dom);
    if (conn != NULL)
        virConnectClose(conn);
    return ret;
}

/* A domain restored while its memory is taken stays saved. */
static int
testDomainRestoreNoMemory(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr web01 = NULL;
    virDomainPtr big = NULL;
    char *path = testTmpPath("nomem.img");
    int ret = -1;

    (void)data;
    if (conn == NULL || path == NULL)
        goto cleanup;
    /* After saving web01 (1 GiB), 9.5 GiB are free; big takes 9 of them. */
    if ((web01 = testLookup(conn, "web01")) == NULL ||
        (big = testLookup(conn, "big")) == NULL ||
        virTestExpectInt("save", virDomainSave(web01, path), 0) < 0 ||
        virTestExpectInt("balloon", virDomainSetMemory(big, 10485760), 0) < 0 ||
        virTestExpectInt("restore", virDomainRestore(conn, path), -1) < 0 ||
        virTestExpectError(VIR_ERR_NO_RESOURCES, "web01") < 0 ||
        testExpectState(conn, "web01", VIR_DOMAIN_SHUTOFF) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (path != NULL)
        unlink(path);
    free(path);
    virDomainFree(web01);
    virDomainFree(big);
    if (conn != NULL)
        virConnectClose(conn);
    return ret;
}

typedef struct {
    const char *content; /* written to the file; NULL: no file */
    int error;
    const char *message;
} testRestoreFailCase;

static int
testDomainRestoreFails(const void *data)
{
    const testRestoreFailCase *tc = data;
    virConnectPtr conn = testOpen(nodeURI);
    char *path = testTmpPath("bad.img");
    FILE *fp;
    int ret = -1;

    if (conn == NULL || path == NULL)
        goto cleanup;
    if (tc->content != NULL) {
        if ((fp = fopen(path, "w")) == NULL) {
            virTestFail("cannot write '%s'", path);
            goto cleanup;
        }
        fputs(tc->content, fp);
        fclose(fp);
    }
    if (virTestExpectInt("restore", virDomainRestore(conn, path), -1) < 0 ||
        virTestExpectError(tc->error, tc->message) < 0 ||
        virTestExpectInt("active", virConnectNumOfDomains(conn), NODE_ACTIVE) <
            0)
        goto cleanup;
    ret = 0;

cleanup:
    if (path != NULL)
        unlink(path);
    free(path);
    if (conn != NULL)
        virConnectClose(conn);
    return ret;
}

typedef struct {
    const char *domain;
    bool dump;        /* CoreDump, else Save */
    const char *file; /* in the temporary directory; NULL: a path
                             * in a directory that does not exist */
    int flags;
    int error;
    const char *message;
} testImageFailCase;

static int
testDomainImageFails(const void *data)
{
    const testImageFailCase *tc = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    char *path = testTmpPath(tc->file != NULL ? tc->file : "missing/x.img");
    struct stat sb;
    int rc;
    int ret = -1;

    if (conn == NULL || path == NULL)
        goto cleanup;
    if ((dom = testLookup(conn, tc->domain)) == NULL)
        goto cleanup;
    rc = tc->dump ? virDomainCoreDump(dom, path, tc->flags)
                  : virDomainSave(dom, path);
    if (virTestExpectInt("rc", rc, -1) < 0 ||
        virTestExpectError(tc->error, tc->message) < 0)
        goto cleanup;
    if (stat(path, &sb) == 0) {
        virTestFail("a failed call left '%s'", path);
        goto cleanup;
    }
    ret = 0;

cleanup:
    if (path != NULL)
        unlink(path);
    free(path);
    virDomainFree(dom);
    if (conn != NULL)
        virConnectClose(conn);
    return ret;
}

static int
testDomainCoreDumpWrites(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    char *path = testTmpPath("core.dump");
    struct stat sb;
    int ret = -1;

    (void)data;
    if (conn == NULL || path == NULL)
        goto cleanup;
    if ((dom = testLookup(conn, "web01")) == NULL ||
        virTestExpectInt("dump", virDomainCoreDump(dom, path, 0), 0) < 0)
        goto cleanup;
    if (stat(path, &sb) < 0 || sb.st_size == 0) {
        virTestFail("'%s' is missing or empty", path);
        goto cleanup;
    }
    if (!testFileStartsWith(path, "LibvirTestCoreDump\n") ||
        testExpectState(conn, "web01", VIR_DOMAIN_RUNNING) < 0)
        goto cleanup;
    /* A core dump is not a saved image. */
    if (virTestExpectInt("restore", virDomainRestore(conn, path), -1) < 0 ||
        virTestExpectError(VIR_ERR_OPERATION_FAILED,
                           "is not a saved domain image") < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (path != NULL)
        unlink(path);
    free(path);
    virDomainFree(dom);
    if (conn != NULL)
        virConnectClose(conn);
    return ret;
}

/* ---- devices -------------------------------------------------------- */

#define TEST_DISK_XML                                \
    "<disk type='file' device='disk'>"               \
    "<source file='/var/lib/xen/images/extra.img'/>" \
    "<target dev='xvdz'/></disk>"

static int
testDomainAttachDetach(const void *data)
{
    const char *name = data;
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    char disk[] = TEST_DISK_XML;
    char *xml = NULL;
    int ret = -1;

    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, name)) == NULL ||
        virTestExpectInt("attach", virDomainAttachDevice(dom, disk), 0) < 0 ||
        (xml = virDomainGetXMLDesc(dom, 0)) == NULL)
        goto cleanup;
    if (strstr(xml, "xvdz") == NULL || strstr(xml, "extra.img") == NULL) {
        virTestFail("attached disk missing from XML: %s", xml);
        goto cleanup;
    }
    free(xml);
    xml = NULL;
    if (virTestExpectInt("attach twice", virDomainAttachDevice(dom, disk), -1) <
            0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "xvdz") < 0 ||
        virTestExpectInt("detach", virDomainDetachDevice(dom, disk), 0) < 0 ||
        (xml = virDomainGetXMLDesc(dom, 0)) == NULL)
        goto cleanup;
    if (strstr(xml, "xvdz") != NULL) {
        virTestFail("detached disk still in XML: %s", xml);
        goto cleanup;
    }
    if (virTestExpectInt("detach twice", virDomainDetachDevice(dom, disk), -1) <
            0 ||
        virTestExpectError(VIR_ERR_NO_DEVICE, NULL) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    free(xml);
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

/* ---- threads -------------------------------------------------------- */

typedef struct {
    const char *domain;
    int failures;
} testThreadArg;

static void *
testThreadWorker(void *opaque)
{
    testThreadArg *arg = opaque;
    virConnectPtr conn = virConnectOpen(nodeURI);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    int i;

    if (conn == NULL ||
        (dom = virDomainLookupByName(conn, arg->domain)) == NULL) {
        arg->failures++;
        goto cleanup;
    }
    for (i = 0; i < 50; i++) {
        if (virDomainSuspend(dom) < 0 || virDomainGetInfo(dom, &info) < 0 ||
            info.state != VIR_DOMAIN_PAUSED || virDomainResume(dom) < 0 ||
            virConnectNumOfDomains(conn) != NODE_ACTIVE)
            arg->failures++;
    }

cleanup:
    virDomainFree(dom);
    if (conn != NULL)
        virConnectClose(conn);
    return NULL;
}

/* Connections in several threads share one host safely. */
static int
testHostThreadsShare(const void *data)
{
    virConnectPtr keep = testOpen(nodeURI);
    testThreadArg args[3] = {{"web01", 0}, {"big", 0}, {"batch", 0}};
    pthread_t threads[3];
    size_t i;
    size_t started = 0;
    int ret = 0;

    (void)data;
    if (keep == NULL)
        return -1;
    for (i = 0; i < 3; i++) {
        if (pthread_create(&threads[i], NULL, testThreadWorker, &args[i]) != 0)
            break;
        started++;
    }
    for (i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    if (started != 3)
        ret = virTestFail("started %zu threads of 3", started);
    for (i = 0; i < 3; i++) {
        if (args[i].failures != 0)
            ret = virTestFail("%d failures on '%s'", args[i].failures,
                              args[i].domain);
    }
    if (ret == 0 && (testExpectState(keep, "web01", VIR_DOMAIN_RUNNING) < 0 ||
                     testExpectState(keep, "big", VIR_DOMAIN_RUNNING) < 0))
        ret = -1;
    virConnectClose(keep);
    return ret;
}

/* ---- a large host --------------------------------------------------- */

#define MANY_DOMAINS 2000

static char *
testWriteManyDomains(void)
{
    char *path = testTmpPath("many.xml");
    FILE *fp;
    int i;

    if (path == NULL || (fp = fopen(path, "w")) == NULL) {
        free(path);
        return NULL;
    }
    fprintf(fp, "<node><hypervisor type='Xen' version='4.17.3'/>"
                "<cpu><model>big</model><mhz>2000</mhz><nodes>2</nodes>"
                "<sockets>2</sockets><cores>16</cores><threads>2</threads>"
                "</cpu><memory>1073741824</memory>\n");
    for (i = 0; i < MANY_DOMAINS; i++) {
        /* Every other domain runs, with ids 1, 2, 3... */
        if (i % 2 == 0)
            fprintf(fp, "<domain type='xen' id='%d' state='running'>",
                    i / 2 + 1);
        else
            fprintf(fp, "<domain type='xen' state='shutoff'>");
        fprintf(fp,
                "<name>vm%05d</name>"
                "<uuid>00000000-0000-4000-8000-%012d</uuid>"
                "<os><type>linux</type></os><memory>262144</memory>"
                "<currentMemory>262144</currentMemory><vcpu>2</vcpu>"
                "</domain>\n",
                i, i + 1);
    }
    fprintf(fp, "</node>\n");
    if (fclose(fp) != 0) {
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

/* A file of thousands of domains loads, lists and looks up right. */
static int
testHostManyDomains(const void *data)
{
    char *path = NULL;
    char *uri = NULL;
    virConnectPtr conn = NULL;
    int *ids = NULL;
    int n;
    int i;
    unsigned long long start = virTestMonotonicMs();
    int ret = -1;

    (void)data;
    if ((path = testWriteManyDomains()) == NULL) {
        virTestFail("cannot write the node file");
        goto cleanup;
    }
    if ((uri = malloc(strlen(path) + 8)) == NULL)
        goto cleanup;
    snprintf(uri, strlen(path) + 8, "test://%s", path);
    if ((conn = testOpen(uri)) == NULL ||
        (ids = calloc(MANY_DOMAINS, sizeof(*ids))) == NULL)
        goto cleanup;
    n = virConnectListDomains(conn, ids, MANY_DOMAINS);
    if (virTestExpectInt("active", n, MANY_DOMAINS / 2) < 0 ||
        virTestExpectInt("defined", virConnectNumOfDefinedDomains(conn),
                         MANY_DOMAINS / 2) < 0)
        goto cleanup;
    for (i = 0; i < n; i++) {
        virDomainPtr dom = virDomainLookupByID(conn, ids[i]);
        virDomainInfo info;
        virVcpuInfo vcpus[2];

        if (i > 0 && ids[i] <= ids[i - 1]) {
            virTestFail("ids out of order at %d", i);
            virDomainFree(dom);
            goto cleanup;
        }
        if (dom == NULL || virDomainGetInfo(dom, &info) < 0 ||
            info.state != VIR_DOMAIN_RUNNING ||
            virDomainGetVcpus(dom, vcpus, 2, NULL, 0) != 2) {
            virTestFail("domain id %d is not right", ids[i]);
            virDomainFree(dom);
            goto cleanup;
        }
        virDomainFree(dom);
    }
    printf("# %d domains loaded, listed and read in %llu ms\n", MANY_DOMAINS,
           virTestMonotonicMs() - start);
    ret = 0;

cleanup:
    if (conn != NULL)
        virConnectClose(conn);
    if (path != NULL)
        unlink(path);
    free(ids);
    free(uri);
    free(path);
    return ret;
}

/* ---- the cases ------------------------------------------------------ */

static const testOpenFailCase openFailCases[] = {
    {"test://somehost/default", VIR_ERR_INVALID_ARG, "no host part"},
    {"test:///", VIR_ERR_INVALID_ARG, "names no host"},
    {"test:///nonexistent/node.xml", VIR_ERR_SYSTEM_ERROR,
     "/nonexistent/node.xml"},
};

static const char *const openFailNames[] = {
    "connect_open_host_part_fails",
    "connect_open_root_path_fails",
    "connect_open_missing_file_fails",
};

#define LOOKUP(title, kind, id, key, expected, error, message) \
    {                                                          \
        title,                                                 \
        {                                                      \
            kind, id, key, expected, error, message            \
        }                                                      \
    }

static const struct {
    const char *title;
    testLookupCase tc;
} lookupCases[] = {
    LOOKUP("domain_lookup_by_id_running_succeeds", BY_ID, 3, NULL, "web01", 0,
           NULL),
    LOOKUP("domain_lookup_by_id_domain0_succeeds", BY_ID, 0, NULL, "Domain-0",
           0, NULL),
    LOOKUP("domain_lookup_by_id_unknown_fails", BY_ID, 42, NULL, NULL,
           VIR_ERR_NO_DOMAIN, "no domain with id 42"),
    LOOKUP("domain_lookup_by_id_never_reused_fails", BY_ID, 1, NULL, NULL,
           VIR_ERR_NO_DOMAIN, "no domain with id 1"),
    LOOKUP("domain_lookup_by_name_running_succeeds", BY_NAME, 0, "web02",
           "web02", 0, NULL),
    LOOKUP("domain_lookup_by_name_shutoff_succeeds", BY_NAME, 0, "build",
           "build", 0, NULL),
    LOOKUP("domain_lookup_by_name_unknown_fails", BY_NAME, 0, "nope", NULL,
           VIR_ERR_NO_DOMAIN, "no domain named 'nope'"),
    LOOKUP("domain_lookup_by_uuid_succeeds", BY_UUID, 0, NULL, "web01", 0,
           NULL),
    LOOKUP("domain_lookup_by_uuid_unknown_fails", BY_UUID, 0, NULL, NULL,
           VIR_ERR_NO_DOMAIN, "no domain with uuid '"),
    LOOKUP("domain_lookup_by_uuid_string_succeeds", BY_UUID_STRING, 0,
           BUILD_UUID, "build", 0, NULL),
    LOOKUP("domain_lookup_by_uuid_string_unknown_fails", BY_UUID_STRING, 0,
           "11111111-2222-4333-8444-000000000000", NULL, VIR_ERR_NO_DOMAIN,
           "11111111-2222-4333-8444-000000000000"),
    LOOKUP("domain_lookup_by_uuid_string_invalid_fails", BY_UUID_STRING, 0,
           "not-a-uuid", NULL, VIR_ERR_INVALID_ARG, "not-a-uuid"),
};

#define LIFECYCLE(title, domain, op, error, message, state) \
    {                                                       \
        title,                                              \
        {                                                   \
            domain, op, error, message, state               \
        }                                                   \
    }
#define OPINVAL VIR_ERR_OPERATION_INVALID

static const struct {
    const char *title;
    testLifecycleCase tc;
} lifecycleCases[] = {
    LIFECYCLE("domain_suspend_running_pauses", "web01", OP_SUSPEND, 0, NULL,
              VIR_DOMAIN_PAUSED),
    LIFECYCLE("domain_suspend_blocked_pauses", "web02", OP_SUSPEND, 0, NULL,
              VIR_DOMAIN_PAUSED),
    LIFECYCLE("domain_suspend_paused_fails", "mail", OP_SUSPEND, OPINVAL,
              "domain 'mail' is already paused", VIR_DOMAIN_PAUSED),
    LIFECYCLE("domain_suspend_shutoff_fails", "build", OP_SUSPEND, OPINVAL,
              "domain 'build' is not running", VIR_DOMAIN_SHUTOFF),
    LIFECYCLE("domain_suspend_crashed_fails", "backup", OP_SUSPEND, OPINVAL,
              "domain 'backup' has crashed", VIR_DOMAIN_CRASHED),
    LIFECYCLE("domain_suspend_domain0_fails", "Domain-0", OP_SUSPEND, OPINVAL,
              "Domain-0 cannot be suspended", VIR_DOMAIN_RUNNING),
    LIFECYCLE("domain_resume_paused_runs", "mail", OP_RESUME, 0, NULL,
              VIR_DOMAIN_RUNNING),
    LIFECYCLE("domain_resume_running_fails", "web01", OP_RESUME, OPINVAL,
              "domain 'web01' is not paused", VIR_DOMAIN_RUNNING),
    LIFECYCLE("domain_resume_shutoff_fails", "build", OP_RESUME, OPINVAL,
              "domain 'build' is not running", VIR_DOMAIN_SHUTOFF),
    LIFECYCLE("domain_resume_crashed_fails", "backup", OP_RESUME, OPINVAL,
              "domain 'backup' has crashed", VIR_DOMAIN_CRASHED),
    LIFECYCLE("domain_shutdown_running_begins", "web01", OP_SHUTDOWN, 0, NULL,
              VIR_DOMAIN_SHUTDOWN),
    /* As on Xen: a paused guest cannot act on the request. */
    LIFECYCLE("domain_shutdown_paused_fails", "mail", OP_SHUTDOWN, OPINVAL,
              "domain 'mail' is paused: resume it first", VIR_DOMAIN_PAUSED),
    LIFECYCLE("domain_shutdown_shutoff_fails", "build", OP_SHUTDOWN, OPINVAL,
              "domain 'build' is not running", VIR_DOMAIN_SHUTOFF),
    LIFECYCLE("domain_shutdown_crashed_fails", "backup", OP_SHUTDOWN, OPINVAL,
              "domain 'backup' has crashed", VIR_DOMAIN_CRASHED),
    LIFECYCLE("domain_shutdown_domain0_fails", "Domain-0", OP_SHUTDOWN, OPINVAL,
              "Domain-0 cannot be shut down", VIR_DOMAIN_RUNNING),
    LIFECYCLE("domain_reboot_running_begins", "web02", OP_REBOOT, 0, NULL,
              VIR_DOMAIN_SHUTDOWN),
    LIFECYCLE("domain_reboot_paused_fails", "mail", OP_REBOOT, OPINVAL,
              "domain 'mail' is paused: resume it first", VIR_DOMAIN_PAUSED),
    LIFECYCLE("domain_reboot_shutoff_fails", "build", OP_REBOOT, OPINVAL,
              "domain 'build' is not running", VIR_DOMAIN_SHUTOFF),
    LIFECYCLE("domain_reboot_crashed_fails", "backup", OP_REBOOT, OPINVAL,
              "domain 'backup' has crashed", VIR_DOMAIN_CRASHED),
    LIFECYCLE("domain_reboot_domain0_fails", "Domain-0", OP_REBOOT, OPINVAL,
              "Domain-0 cannot be rebooted", VIR_DOMAIN_RUNNING),
    LIFECYCLE("domain_destroy_running_shuts_off", "web01", OP_DESTROY, 0, NULL,
              VIR_DOMAIN_SHUTOFF),
    LIFECYCLE("domain_destroy_paused_shuts_off", "mail", OP_DESTROY, 0, NULL,
              VIR_DOMAIN_SHUTOFF),
    LIFECYCLE("domain_destroy_crashed_shuts_off", "backup", OP_DESTROY, 0, NULL,
              VIR_DOMAIN_SHUTOFF),
    LIFECYCLE("domain_destroy_transient_vanishes", "scratch", OP_DESTROY, 0,
              NULL, -1),
    LIFECYCLE("domain_destroy_shutoff_fails", "build", OP_DESTROY, OPINVAL,
              "domain 'build' is not running", VIR_DOMAIN_SHUTOFF),
    LIFECYCLE("domain_destroy_domain0_fails", "Domain-0", OP_DESTROY, OPINVAL,
              "Domain-0 cannot be destroyed", VIR_DOMAIN_RUNNING),
    LIFECYCLE("domain_create_shutoff_runs", "build", OP_CREATE, 0, NULL,
              VIR_DOMAIN_RUNNING),
    LIFECYCLE("domain_create_running_fails", "web01", OP_CREATE, OPINVAL,
              "domain 'web01' is already running", VIR_DOMAIN_RUNNING),
    LIFECYCLE("domain_create_memory_exceeds_free_fails", "bigdb", OP_CREATE,
              VIR_ERR_NO_RESOURCES,
              "domain 'bigdb' needs 9437184 KiB of memory but the host has "
              "only 8912896 KiB free",
              VIR_DOMAIN_SHUTOFF),
    LIFECYCLE("domain_undefine_shutoff_removes", "build", OP_UNDEFINE, 0, NULL,
              -1),
    LIFECYCLE("domain_undefine_transient_fails", "scratch", OP_UNDEFINE,
              OPINVAL, "domain 'scratch' is not defined", VIR_DOMAIN_RUNNING),
    LIFECYCLE("domain_undefine_domain0_fails", "Domain-0", OP_UNDEFINE, OPINVAL,
              "Domain-0 cannot be undefined", VIR_DOMAIN_RUNNING),
};

static const struct {
    const char *title;
    testRebootCase tc;
} rebootCases[] = {
    {"domain_reboot_completes_with_fresh_id", {"web01", VIR_DOMAIN_RUNNING}},
    {"domain_reboot_on_reboot_destroy_shuts_off",
     {"batch", VIR_DOMAIN_SHUTOFF}},
};

#define NEWUUID "33333333-2222-4333-8444-555555555501"
#define DEFINE(title, op, name, uuid, maxmem, mem, vcpus, extra, error,       \
               message, state, dact, ddef)                                    \
    {                                                                         \
        title,                                                                \
        {                                                                     \
            op, name, uuid, maxmem, mem, vcpus, extra, error, message, state, \
                dact, ddef                                                    \
        }                                                                     \
    }

static const struct {
    const char *title;
    testDefineCase tc;
} defineCases[] = {
    DEFINE("domain_define_new_adds_shutoff", DEF_DEFINE, "fresh", NEWUUID,
           524288, 262144, 2, NULL, 0, NULL, VIR_DOMAIN_SHUTOFF, 0, 1),
    DEFINE("domain_define_without_uuid_generates_one", DEF_DEFINE, "fresh",
           NULL, 524288, 262144, 2, NULL, 0, NULL, VIR_DOMAIN_SHUTOFF, 0, 1),
    DEFINE("domain_define_shutoff_same_uuid_replaces", DEF_DEFINE, "build",
           BUILD_UUID, 2097152, 1048576, 2, NULL, 0, NULL, VIR_DOMAIN_SHUTOFF,
           0, 0),
    DEFINE("domain_define_shutoff_no_uuid_replaces", DEF_DEFINE, "build", NULL,
           2097152, 1048576, 2, NULL, 0, NULL, VIR_DOMAIN_SHUTOFF, 0, 0),
    DEFINE("domain_define_running_persistent_fails", DEF_DEFINE, "web01",
           WEB01_UUID, 2097152, 1048576, 2, NULL, VIR_ERR_OPERATION_INVALID,
           "domain 'web01' is running", 0, 0, 0),
    DEFINE("domain_define_name_taken_other_uuid_fails", DEF_DEFINE, "build",
           NEWUUID, 524288, 262144, 1, NULL, VIR_ERR_DOM_EXIST,
           "domain 'build' already exists with uuid '" BUILD_UUID "'", 0, 0, 0),
    DEFINE("domain_define_uuid_taken_other_name_fails", DEF_DEFINE, "other",
           BUILD_UUID, 524288, 262144, 1, NULL, VIR_ERR_DOM_EXIST,
           "uuid '" BUILD_UUID "' is already used by domain 'build'", 0, 0, 0),
    DEFINE("domain_define_maxmem_above_host_fails", DEF_DEFINE, "huge", NULL,
           33554432, 262144, 1, NULL, VIR_ERR_INVALID_ARG,
           "above the host memory 16777216 KiB", 0, 0, 0),
    DEFINE("domain_define_pin_beyond_cpus_fails", DEF_DEFINE, "pinned", NULL,
           524288, 262144, 1,
           "<cputune><vcpupin vcpu='0' cpuset='12'/></cputune>",
           VIR_ERR_INVALID_ARG, "pinned to cpu 12 but the host has 12 cpus", 0,
           0, 0),
    DEFINE("domain_create_linux_starts_transient", DEF_CREATE, "temp", NEWUUID,
           524288, 262144, 2, NULL, 0, NULL, VIR_DOMAIN_RUNNING, 1, 0),
    DEFINE("domain_create_linux_name_taken_fails", DEF_CREATE, "web01", NEWUUID,
           524288, 262144, 1, NULL, VIR_ERR_DOM_EXIST,
           "domain 'web01' already exists with uuid '" WEB01_UUID "'", 0, 0, 0),
    DEFINE("domain_create_linux_uuid_taken_fails", DEF_CREATE, "temp",
           WEB01_UUID, 524288, 262144, 1, NULL, VIR_ERR_DOM_EXIST,
           "is already used by domain 'web01'", 0, 0, 0),
    DEFINE("domain_create_linux_defined_domain_fails", DEF_CREATE, "build",
           BUILD_UUID, 524288, 262144, 1, NULL, VIR_ERR_DOM_EXIST,
           "domain 'build' already exists", 0, 0, 0),
    DEFINE("domain_create_linux_memory_exceeds_free_fails", DEF_CREATE, "temp",
           NULL, 12582912, 9437184, 1, NULL, VIR_ERR_NO_RESOURCES,
           "only 8912896 KiB free", 0, 0, 0),
};

static const struct {
    const char *title;
    testMemoryCase tc;
} memoryCases[] = {
    {"domain_set_memory_within_max_succeeds",
     {"web01", false, 2097152, 0, NULL}},
    {"domain_set_memory_lower_succeeds", {"web01", false, 524288, 0, NULL}},
    {"domain_set_memory_domain0_succeeds",
     {"Domain-0", false, 1048576, 0, NULL}},
    {"domain_set_memory_above_max_fails",
     {"web01", false, 2097153, VIR_ERR_INVALID_ARG,
      "memory 2097153 KiB is above the maximum 2097152 KiB of domain "
      "'web01'"}},
    {"domain_set_memory_above_free_fails",
     {"big", false, 12582912, VIR_ERR_NO_RESOURCES,
      "domain 'big' needs 11534336 KiB more memory but the host has only "
      "8912896 KiB free"}},
    {"domain_set_memory_up_to_free_succeeds",
     {"big", false, 1048576 + 8912896, 0, NULL}},
    {"domain_set_memory_shutoff_ignores_free",
     {"build", false, 4194304, 0, NULL}},
    {"domain_set_max_memory_succeeds", {"web01", true, 4194304, 0, NULL}},
    {"domain_set_max_memory_shutoff_succeeds",
     {"build", true, 8388608, 0, NULL}},
    {"domain_set_max_memory_below_current_fails",
     {"web01", true, 1048575, VIR_ERR_INVALID_ARG,
      "maximum memory 1048575 KiB is below the current memory 1048576 KiB "
      "of domain 'web01'"}},
    {"domain_set_max_memory_above_host_fails",
     {"web01", true, 16777217, VIR_ERR_INVALID_ARG,
      "above the host memory 16777216 KiB"}},
};

static const struct {
    const char *title;
    testVcpusCase tc;
} vcpusCases[] = {
    {"domain_set_vcpus_up_to_max_succeeds", {"web01", 4, 0, NULL}},
    {"domain_set_vcpus_down_succeeds", {"web01", 1, 0, NULL}},
    {"domain_set_vcpus_shutoff_succeeds", {"build", 2, 0, NULL}},
    {"domain_set_vcpus_above_max_fails",
     {"web01", 5, VIR_ERR_INVALID_ARG,
      "vcpu count 5 is out of range for domain 'web01': 1 to its maximum "
      "4"}},
};

static const struct {
    const char *title;
    testPinCase tc;
} pinCases[] = {
    {"domain_pin_vcpu_valid_succeeds",
     {"web01", 1, {0x0c, 0, 0, 0}, 1, 0, NULL, "2-3"}},
    {"domain_pin_vcpu_second_byte_succeeds",
     {"web01", 0, {0x01, 0x08, 0, 0}, 2, 0, NULL, "0,11"}},
    {"domain_pin_vcpu_offline_succeeds",
     {"web01", 3, {0x80, 0, 0, 0}, 1, 0, NULL, "7"}},
    {"domain_pin_vcpu_shutoff_succeeds",
     {"build", 0, {0x01, 0, 0, 0}, 1, 0, NULL, "0"}},
    {"domain_pin_vcpu_beyond_cpus_fails",
     {"web01",
      0,
      {0x01, 0x20, 0, 0},
      2,
      VIR_ERR_INVALID_ARG,
      "cpumap names cpu 13 but the host has 12 cpus",
      NULL}},
    {"domain_pin_vcpu_empty_map_fails",
     {"web01",
      0,
      {0, 0, 0, 0},
      2,
      VIR_ERR_INVALID_ARG,
      "cpumap has no usable cpu",
      NULL}},
    {"domain_pin_vcpu_maplen_too_long_fails",
     {"web01",
      0,
      {0x01, 0, 0, 0},
      3,
      VIR_ERR_INVALID_ARG,
      "cpumap of 3 bytes is longer",
      NULL}},
    {"domain_pin_vcpu_out_of_range_fails",
     {"web01",
      4,
      {0x01, 0, 0, 0},
      1,
      VIR_ERR_INVALID_ARG,
      "vcpu 4 is out of range for domain 'web01', which has 4 vcpus",
      NULL}},
};

static const struct {
    const char *title;
    testSaveCase tc;
} saveCases[] = {
    {"domain_save_restore_running_round_trip",
     {"web01", VIR_DOMAIN_RUNNING, true}},
    {"domain_save_restore_paused_stays_paused",
     {"mail", VIR_DOMAIN_PAUSED, true}},
    {"domain_save_restore_transient_comes_back",
     {"scratch", VIR_DOMAIN_RUNNING, false}},
};

static const struct {
    const char *title;
    testRestoreFailCase tc;
} restoreFailCases[] = {
    {"domain_restore_missing_file_fails",
     {NULL, VIR_ERR_SYSTEM_ERROR, "bad.img"}},
    {"domain_restore_bad_magic_fails",
     {"NotASave\nstate running\ncputime 1\n<domain/>", VIR_ERR_OPERATION_FAILED,
      "is not a saved domain image"}},
    {"domain_restore_bad_state_fails",
     {"LibvirTestSave\nstate dancing\ncputime 1\n<domain/>",
      VIR_ERR_OPERATION_FAILED, "is not a saved domain image"}},
    {"domain_restore_bad_cputime_fails",
     {"LibvirTestSave\nstate running\ncputime x\n<domain/>",
      VIR_ERR_OPERATION_FAILED, "is not a saved domain image"}},
    {"domain_restore_bad_xml_fails",
     {"LibvirTestSave\nstate running\ncputime 1\n<domain", VIR_ERR_XML_ERROR,
      NULL}},
};

static const struct {
    const char *title;
    testImageFailCase tc;
} imageFailCases[] = {
    {"domain_save_shutoff_fails",
     {"build", false, "s.img", 0, VIR_ERR_OPERATION_INVALID,
      "domain 'build' is not running"}},
    {"domain_save_crashed_fails",
     {"backup", false, "s.img", 0, VIR_ERR_OPERATION_INVALID,
      "domain 'backup' has crashed"}},
    {"domain_save_domain0_fails",
     {"Domain-0", false, "s.img", 0, VIR_ERR_OPERATION_INVALID,
      "Domain-0 cannot be saved"}},
    {"domain_save_unwritable_path_fails",
     {"web01", false, NULL, 0, VIR_ERR_SYSTEM_ERROR, "missing/x.img"}},
    {"domain_core_dump_shutoff_fails",
     {"build", true, "c.dump", 0, VIR_ERR_OPERATION_INVALID,
      "domain 'build' is not running"}},
    {"domain_core_dump_flags_fails",
     {"web01", true, "c.dump", 1, VIR_ERR_INVALID_ARG, "flags"}},
    {"domain_core_dump_unwritable_path_fails",
     {"web01", true, NULL, 0, VIR_ERR_SYSTEM_ERROR, "missing/x.img"}},
};

static int
testRebootFlags(const void *data)
{
    virConnectPtr conn = testOpen(nodeURI);
    virDomainPtr dom = NULL;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return -1;
    if ((dom = testLookup(conn, "web01")) == NULL ||
        virTestExpectInt("reboot", virDomainReboot(dom, 1), -1) < 0 ||
        virTestExpectError(VIR_ERR_INVALID_ARG, "flags") < 0 ||
        testExpectState(conn, "web01", VIR_DOMAIN_RUNNING) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    virConnectClose(conn);
    return ret;
}

static int
mymain(void)
{
    size_t i;
    char tmpl[4096];
    const char *tmp = getenv("TMPDIR");

    nodeURI = virTestNodeURI("data/node.xml");
    slowURI = virTestNodeURI("data/node-slow.xml");
    snprintf(tmpl, sizeof(tmpl), "%s/testdrivertest-XXXXXX",
             tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
    if (nodeURI == NULL || slowURI == NULL ||
        (tmpDir = mkdtemp(tmpl)) == NULL) {
        printf("Bail out! cannot set up the fixtures\n");
        free(nodeURI);
        free(slowURI);
        return -1;
    }

    virTestRun("connect_open_node_file_succeeds", testConnectOpenNode, NULL);
    virTestRun("connect_open_default_succeeds", testConnectOpenDefault, NULL);
    for (i = 0; i < sizeof(openFailCases) / sizeof(openFailCases[0]); i++)
        virTestRun(openFailNames[i], testConnectOpenFails, &openFailCases[i]);
    virTestRun("connect_readonly_refuses_changes", testConnectReadonlyRefuses,
               NULL);
    virTestRun("connect_same_uri_shares_host", testConnectSharedHost, NULL);
    virTestRun("connect_reopen_after_last_close_reloads",
               testConnectReopenReloads, NULL);
    virTestRun("connect_list_domains_ascending", testConnectListDomains, NULL);
    virTestRun("connect_list_defined_domains_sorted",
               testConnectListDefinedDomains, NULL);

    for (i = 0; i < sizeof(lookupCases) / sizeof(lookupCases[0]); i++)
        virTestRun(lookupCases[i].title, testDomainLookup, &lookupCases[i].tc);
    for (i = 0; i < sizeof(lifecycleCases) / sizeof(lifecycleCases[0]); i++)
        virTestRun(lifecycleCases[i].title, testDomainLifecycle,
                   &lifecycleCases[i].tc);
    virTestRun("domain_reboot_flags_fails", testRebootFlags, NULL);
    virTestRun("domain_shutdown_completes_after_delay",
               testDomainShutdownCompletes, NULL);
    virTestRun("domain_shutdown_transient_vanishes",
               testDomainShutdownTransientVanishes, NULL);
    for (i = 0; i < sizeof(rebootCases) / sizeof(rebootCases[0]); i++)
        virTestRun(rebootCases[i].title, testDomainRebootCompletes,
                   &rebootCases[i].tc);
    for (i = 0; i < sizeof(stopActionCases) / sizeof(stopActionCases[0]); i++)
        virTestRun(stopActionCases[i].title, testDomainStopAction,
                   &stopActionCases[i].tc);
    virTestRun("domain_create_gets_fresh_ids", testDomainCreateFreshIds, NULL);
    virTestRun("domain_undefine_shutoff_invalidates_handle",
               testDomainUndefineRemoves, NULL);
    virTestRun("domain_undefine_running_becomes_transient",
               testDomainUndefineRunning, NULL);
    virTestRun("domain_get_id_follows_shutdown", testDomainGetIDFollowsShutdown,
               NULL);
    virTestRun("domain_slow_host_delays_calls", testDomainDelaysSlowCalls,
               NULL);
    virTestRun("host_outage_file_makes_host_unreachable", testHostOutage, NULL);
    virTestRun("host_fault_file_refuses_the_calls_it_names", testHostFault,
               NULL);
    virTestRun("host_outage_keeps_domain_state_when_every_connection_closed",
               testHostOutageKeepsState, NULL);

    for (i = 0; i < sizeof(defineCases) / sizeof(defineCases[0]); i++)
        virTestRun(defineCases[i].title, testDomainDefine, &defineCases[i].tc);
    virTestRun("domain_create_linux_destroy_vanishes",
               testDomainCreateLinuxTransient, NULL);
    virTestRun("domain_create_linux_flags_fails", testDomainCreateLinuxFlags,
               NULL);
    virTestRun("domain_define_running_transient_persists",
               testDomainDefineTransientPersists, NULL);
    virTestRun("domain_xml_round_trip_shutoff", testDomainXMLRoundTrip,
               "build");
    virTestRun("domain_xml_round_trip_running", testDomainXMLRoundTrip,
               "web01");

    virTestRun("domain_get_info_matches_node_file", testDomainGetInfoFromNode,
               NULL);
    virTestRun("domain_get_xml_desc_shows_id_when_running",
               testDomainGetXMLDesc, NULL);

    virTestRun("domain_cputime_running_grows", testDomainCputimeRunningGrows,
               "web01");
    virTestRun("domain_cputime_blocked_grows", testDomainCputimeRunningGrows,
               "web02");
    virTestRun("domain_cputime_domain0_grows", testDomainCputimeRunningGrows,
               "Domain-0");
    virTestRun("domain_cputime_paused_frozen", testDomainCputimePausedFrozen,
               NULL);
    virTestRun("domain_cputime_offline_vcpu_frozen",
               testDomainCputimeOfflineVcpuFrozen, NULL);

    for (i = 0; i < sizeof(memoryCases) / sizeof(memoryCases[0]); i++)
        virTestRun(memoryCases[i].title, testDomainMemory, &memoryCases[i].tc);
    virTestRun("domain_destroy_frees_host_memory", testDomainDestroyFreesMemory,
               NULL);

    for (i = 0; i < sizeof(vcpusCases) / sizeof(vcpusCases[0]); i++)
        virTestRun(vcpusCases[i].title, testDomainSetVcpus, &vcpusCases[i].tc);
    for (i = 0; i < sizeof(pinCases) / sizeof(pinCases[0]); i++)
        virTestRun(pinCases[i].title, testDomainPinVcpu, &pinCases[i].tc);
    virTestRun("domain_get_vcpus_reports_state_cpu_and_maps",
               testDomainGetVcpusReports, NULL);

    for (i = 0; i < sizeof(saveCases) / sizeof(saveCases[0]); i++)
        virTestRun(saveCases[i].title, testDomainSaveRestore, &saveCases[i].tc);
    virTestRun("domain_restore_memory_exceeds_free_fails",
               testDomainRestoreNoMemory, NULL);
    for (i = 0; i < sizeof(restoreFailCases) / sizeof(restoreFailCases[0]); i++)
        virTestRun(restoreFailCases[i].title, testDomainRestoreFails,
                   &restoreFailCases[i].tc);
    for (i = 0; i < sizeof(imageFailCases) / sizeof(imageFailCases[0]); i++)
        virTestRun(imageFailCases[i].title, testDomainImageFails,
                   &imageFailCases[i].tc);
    virTestRun("domain_core_dump_writes_file", testDomainCoreDumpWrites, NULL);

    virTestRun("domain_attach_detach_running_in_xml", testDomainAttachDetach,
               "web01");
    virTestRun("domain_attach_detach_shutoff_in_xml", testDomainAttachDetach,
               "build");

    virTestRun("host_threads_share_one_host", testHostThreadsShare, NULL);
    virTestRun("host_many_domains_load_and_list", testHostManyDomains, NULL);

    if (rmdir(tmpDir) < 0)
        printf("# cannot remove '%s': %s\n", tmpDir, strerror(errno));
    free(nodeURI);
    free(slowURI);
    return 0;
}

VIR_TEST_MAIN(mymain)
