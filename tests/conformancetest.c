/*
 * conformancetest.c: the driver-independent conformance suite.
 *
 * What any libvir driver must do, checked through the public API alone:
 * states, transitions, limits and error cases, on a host with three
 * guests: pv1 and pv2 (PV) and pvh1 (PVH), each with 128 MiB of a 192 MiB
 * maximum and 2 of 2 vcpus, all running and defined.
 *
 * The URI comes from XENSNMP_CONFORMANCE_URI ("NULL": the NULL name,
 * the library's default); without it, the test driver's
 * tests/conformancedata/node.xml, which describes that host (make check).  tests/xen runs the same program inside a real dom0 with
 * xen:/// (make check-xen), so that the simulated host is held to what
 * Xen does.  Changes that take effect in the guest (memory, vcpus,
 * shutdown, reboot) are polled for, up to XENSNMP_CONFORMANCE_WAIT
 * seconds (default 60); the test driver's take effect at once or after
 * its short delays.  Every case leaves the guests as it found them.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "testutils.h"

#define UUID_BUFLEN 16        /* the reference: 16 bytes, 37 as text */
#define GUEST_MAXMEM 196608UL /* KiB */
#define GUEST_MEMORY 131072UL
#define GUEST_VCPUS 2
#define STATE_BIT(s) (1u << (s))
#define STATES_UP \
    (STATE_BIT(VIR_DOMAIN_RUNNING) | STATE_BIT(VIR_DOMAIN_BLOCKED))

/* The connection under test, opened once by mymain. */
static virConnectPtr conn;
static const char *uri;
static double waitSeconds = 60;

static const char *const guests[] = {"pv1", "pv2", "pvh1"};

static double
nowSeconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
pause100ms(void)
{
    struct timespec ts = {0, 100000000L};

    nanosleep(&ts, NULL);
}

static void
freeDom(virDomainPtr dom)
{
    if (dom != NULL)
        virDomainFree(dom);
}

static virDomainPtr
lookup(const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);

    if (dom == NULL)
        virTestFail("cannot look up '%s': %s", name,
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "no error");
    return dom;
}

/* Polls until the state of @name is in @states; -1 on timeout. */
static int
waitState(const char *name, unsigned int states)
{
    double deadline = nowSeconds() + waitSeconds;
    virDomainInfo info;
    virDomainPtr dom;
    int last = -1;

    do {
        if ((dom = virDomainLookupByName(conn, name)) != NULL) {
            if (virDomainGetInfo(dom, &info) == 0) {
                last = info.state;
                if (STATE_BIT(info.state) & states) {
                    freeDom(dom);
                    virResetLastError();
                    return 0;
                }
            }
            freeDom(dom);
        }
        pause100ms();
    } while (nowSeconds() < deadline);
    return virTestFail("'%s' did not reach states 0x%x within %.0f s (last "
                       "state %d)",
                       name, states, waitSeconds, last);
}

/* Polls until @name's info satisfies memory <= @maxMemory and vcpus ==
 * @vcpus (0: any); -1 on timeout. */
static int
waitInfo(const char *name, unsigned long maxMemory, unsigned int vcpus)
{
    double deadline = nowSeconds() + waitSeconds;
    virDomainInfo info = {0};
    virDomainPtr dom;

    if ((dom = lookup(name)) == NULL)
        return -1;
    do {
        if (virDomainGetInfo(dom, &info) == 0 && info.memory <= maxMemory &&
            (vcpus == 0 || info.nrVirtCpu == vcpus)) {
            freeDom(dom);
            return 0;
        }
        pause100ms();
    } while (nowSeconds() < deadline);
    freeDom(dom);
    return virTestFail("'%s' has %lu KiB and %u vcpus, not <= %lu KiB and %u "
                       "within %.0f s",
                       name, info.memory, info.nrVirtCpu, maxMemory, vcpus,
                       waitSeconds);
}

/* Polls until @name runs again with all its vcpus: on Xen the domain runs
 * before its kernel brings the other vcpus up, and the cases that follow
 * (or the suite's next run) count them.  -1 on timeout. */
static int
waitBack(const char *name)
{
    if (waitState(name, STATES_UP) < 0)
        return -1;
    return waitInfo(name, GUEST_MAXMEM, GUEST_VCPUS);
}

/* ---- the host --------------------------------------------------------- */

static int
testNodeInfoSane(const void *data)
{
    virNodeInfo info;
    unsigned long ver = 0;

    (void)data;
    if (virNodeGetInfo(conn, &info) < 0)
        return virTestFail("virNodeGetInfo failed");
    if (info.cpus < 1 || info.memory == 0 || info.mhz == 0 ||
        info.model[0] == '\0')
        return virTestFail("implausible node info: %u cpus, %lu KiB, %u MHz",
                           info.cpus, info.memory, info.mhz);
    if (VIR_NODEINFO_MAXCPUS(info) < info.cpus)
        return virTestFail("topology %ux%ux%ux%u holds fewer than %u cpus",
                           info.nodes, info.sockets, info.cores, info.threads,
                           info.cpus);
    if (virConnectGetType(conn) == NULL || virConnectGetVersion(conn, &ver) < 0)
        return virTestFail("no hypervisor type or version");
    return virTestExpectInt("major version is 4 (Xen 4.x)",
                            (long long)(ver / 1000000), 4);
}

static int
testGuestsListedRunning(const void *data)
{
    int ids[1024];
    int n = virConnectListDomains(conn, ids, 1024);
    bool dom0 = false;
    size_t g;
    int i;

    (void)data;
    if (n < 4)
        return virTestFail("%d running domains listed, expected at least 4", n);
    if (virTestExpectInt("NumOfDomains", virConnectNumOfDomains(conn), n) < 0)
        return -1;
    for (i = 0; i < n; i++)
        dom0 |= ids[i] == 0;
    if (!dom0)
        return virTestFail("Domain-0 (id 0) is not listed");
    for (g = 0; g < sizeof(guests) / sizeof(guests[0]); g++) {
        virDomainPtr dom = lookup(guests[g]);
        int id;
        bool found = false;

        if (dom == NULL)
            return -1;
        id = (int)virDomainGetID(dom);
        freeDom(dom);
        for (i = 0; i < n; i++)
            found |= ids[i] == id;
        if (!found)
            return virTestFail("'%s' (id %d) is not listed", guests[g], id);
    }
    return 0;
}

static int
testLookupsAgree(const void *data)
{
    const char *name = data;
    char uuidstr[UUID_BUFLEN * 2 + 5];
    unsigned char uuid[UUID_BUFLEN];
    virDomainPtr byName = lookup(name);
    virDomainPtr byID = NULL;
    virDomainPtr byUUID = NULL;
    virDomainPtr byStr = NULL;
    int ret = -1;

    if (byName == NULL)
        return -1;
    if (virDomainGetUUID(byName, uuid) < 0 ||
        virDomainGetUUIDString(byName, uuidstr) < 0)
        goto cleanup;
    byID = virDomainLookupByID(conn, (int)virDomainGetID(byName));
    byUUID = virDomainLookupByUUID(conn, uuid);
    byStr = virDomainLookupByUUIDString(conn, uuidstr);
    if (byID == NULL || byUUID == NULL || byStr == NULL) {
        virTestFail("a lookup of '%s' by id or UUID failed", name);
        goto cleanup;
    }
    if (virTestExpectStr("name by id", virDomainGetName(byID), name) < 0 ||
        virTestExpectStr("name by UUID", virDomainGetName(byUUID), name) < 0 ||
        virTestExpectStr("name by UUID string", virDomainGetName(byStr), name) <
            0)
        goto cleanup;
    ret = 0;

cleanup:
    freeDom(byName);
    freeDom(byID);
    freeDom(byUUID);
    freeDom(byStr);
    return ret;
}

static int
testGuestInfo(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    virDomainInfo info;
    char *os = NULL;
    char *xml = NULL;
    char expectName[300];
    int ret = -1;

    if (dom == NULL)
        return -1;
    if (virDomainGetInfo(dom, &info) < 0) {
        virTestFail("GetInfo failed");
        goto cleanup;
    }
    if (!(STATE_BIT(info.state) & STATES_UP)) {
        virTestFail("'%s' is in state %d, not running or blocked", name,
                    info.state);
        goto cleanup;
    }
    if (virTestExpectInt("maxMem", (long long)info.maxMem,
                         (long long)GUEST_MAXMEM) < 0 ||
        virTestExpectInt("GetMaxMemory", (long long)virDomainGetMaxMemory(dom),
                         (long long)GUEST_MAXMEM) < 0 ||
        virTestExpectInt("nrVirtCpu", info.nrVirtCpu, GUEST_VCPUS) < 0)
        goto cleanup;
    /* Xen counts the pages the guest holds, a little under its target. */
    if (info.memory == 0 || info.memory > GUEST_MAXMEM ||
        info.memory < GUEST_MEMORY / 2) {
        virTestFail("memory %lu KiB is implausible for a %lu KiB guest",
                    info.memory, GUEST_MEMORY);
        goto cleanup;
    }
    if ((os = virDomainGetOSType(dom)) == NULL ||
        virTestExpectStr("OS type", os,
                         strcmp(name, "pvh1") == 0 ? "xenpvh" : "linux") < 0)
        goto cleanup;
    snprintf(expectName, sizeof(expectName), "<name>%s</name>", name);
    if ((xml = virDomainGetXMLDesc(dom, 0)) == NULL ||
        strstr(xml, expectName) == NULL) {
        virTestFail("XML of '%s' lacks %s", name, expectName);
        goto cleanup;
    }
    ret = 0;

cleanup:
    free(os);
    free(xml);
    freeDom(dom);
    return ret;
}

static int
testGuestVcpus(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    virVcpuInfo info[8];
    unsigned char maps[8 * 8];
    virNodeInfo node;
    int n;
    int i;
    int ret = -1;

    if (dom == NULL || virNodeGetInfo(conn, &node) < 0)
        goto cleanup;
    memset(maps, 0, sizeof(maps));
    n = virDomainGetVcpus(dom, info, 8, maps, 8);
    if (virTestExpectInt("vcpus reported", n, GUEST_VCPUS) < 0)
        goto cleanup;
    for (i = 0; i < n; i++) {
        unsigned char *map = VIR_GET_CPUMAP(maps, 8, i);
        unsigned int cpu;
        bool any = false;

        if (info[i].number != (unsigned int)i ||
            info[i].state == VIR_VCPU_OFFLINE || info[i].cpu < 0 ||
            (unsigned int)info[i].cpu >= node.cpus) {
            virTestFail("vcpu %d: number %u, state %d, cpu %d", i,
                        info[i].number, info[i].state, info[i].cpu);
            goto cleanup;
        }
        for (cpu = 0; cpu < node.cpus; cpu++)
            any |= VIR_CPU_USABLE(maps, 8, i, cpu) != 0;
        if (!any || map[7] != 0) {
            virTestFail("vcpu %d has no usable cpu or one beyond the host", i);
            goto cleanup;
        }
    }
    ret = 0;

cleanup:
    freeDom(dom);
    return ret;
}

static int
testLookupUnknownFails(const void *data)
{
    const unsigned char uuid[UUID_BUFLEN] = {0xde, 0xad, 0xbe, 0xef, 1};

    (void)data;
    if (virDomainLookupByName(conn, "no-such-guest") != NULL ||
        virTestExpectError(VIR_ERR_NO_DOMAIN, "no-such-guest") < 0)
        return virTestFail("lookup by name did not fail as expected");
    virResetLastError();
    if (virDomainLookupByID(conn, 31999) != NULL ||
        virTestExpectError(VIR_ERR_NO_DOMAIN, "31999") < 0)
        return virTestFail("lookup by id did not fail as expected");
    virResetLastError();
    if (virDomainLookupByUUID(conn, uuid) != NULL ||
        virTestExpectError(VIR_ERR_NO_DOMAIN, NULL) < 0)
        return virTestFail("lookup by UUID did not fail as expected");
    return 0;
}

/* ---- transitions ------------------------------------------------------ */

static int
pauseGuest(virDomainPtr dom, const char *name)
{
    if (virDomainSuspend(dom) < 0 ||
        waitState(name, STATE_BIT(VIR_DOMAIN_PAUSED)) < 0)
        return virTestFail("suspend did not pause '%s'", name);
    return 0;
}

static int
testSuspendResume(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    int ret = -1;

    if (dom == NULL || pauseGuest(dom, name) < 0)
        goto cleanup;
    if (virDomainSuspend(dom) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "already paused") < 0)
        goto cleanup;
    virResetLastError();
    if (virDomainResume(dom) < 0 || waitState(name, STATES_UP) < 0) {
        virTestFail("resume did not restart '%s'", name);
        goto cleanup;
    }
    if (virDomainResume(dom) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "not paused") < 0)
        goto cleanup;
    ret = 0;

cleanup:
    freeDom(dom);
    return ret;
}

/* A paused guest cannot act on a shutdown or reboot request: both are
 * refused (the test driver once took them and stopped the domain). */
static int
testShutdownPausedRefused(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    int ret = -1;

    if (dom == NULL)
        return -1;
    if (pauseGuest(dom, name) < 0)
        goto cleanup;
    if (virDomainShutdown(dom) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "paused") < 0 ||
        virDomainReboot(dom, 0) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "paused") < 0) {
        virTestFail("a paused '%s' was asked to shut down or reboot", name);
        goto cleanup;
    }
    virResetLastError();
    if (waitState(name, STATE_BIT(VIR_DOMAIN_PAUSED)) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (virDomainResume(dom) < 0 || waitState(name, STATES_UP) < 0)
        ret = virTestFail("'%s' did not resume", name);
    freeDom(dom);
    return ret;
}

static int
testDom0RefusesLifecycle(const void *data)
{
    virDomainPtr dom = virDomainLookupByID(conn, 0);
    int ret = -1;

    (void)data;
    if (dom == NULL)
        return virTestFail("no domain 0");
    if (virDomainSuspend(dom) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "Domain-0") < 0 ||
        virDomainShutdown(dom) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "Domain-0") < 0 ||
        virDomainDestroy(dom) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "Domain-0") < 0)
        goto cleanup;
    ret = 0;

cleanup:
    freeDom(dom);
    return ret;
}

static int
testReadOnlyRefusesChanges(const void *data)
{
    virConnectPtr ro = virConnectOpenReadOnly(uri);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    int ret = -1;

    (void)data;
    if (ro == NULL)
        return virTestFail("cannot open '%s' read-only",
                           uri != NULL ? uri : "NULL");
    if ((dom = virDomainLookupByName(ro, "pv1")) == NULL ||
        virDomainGetInfo(dom, &info) < 0) {
        virTestFail("a read-only connection cannot read");
        goto cleanup;
    }
    if (virDomainSuspend(dom) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_DENIED, NULL) < 0 ||
        virDomainSetMemory(dom, GUEST_MEMORY) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_DENIED, NULL) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    freeDom(dom);
    virConnectClose(ro);
    return ret;
}

static int
testMemoryLimits(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    unsigned long lower = GUEST_MEMORY - 32768;
    int ret = -1;

    if (dom == NULL)
        return -1;
    if (virDomainSetMemory(dom, GUEST_MAXMEM + 1024) == 0 ||
        virTestExpectError(VIR_ERR_INVALID_ARG, "above the maximum") < 0)
        goto cleanup;
    virResetLastError();
    if (virDomainSetMemory(dom, lower) < 0 || waitInfo(name, lower, 0) < 0) {
        virTestFail("'%s' did not go down to %lu KiB", name, lower);
        goto cleanup;
    }
    if (virDomainSetMaxMemory(dom, lower - 8192) == 0 ||
        virTestExpectError(VIR_ERR_INVALID_ARG, "below") < 0)
        goto cleanup;
    virResetLastError();
    if (virDomainSetMaxMemory(dom, GUEST_MAXMEM + 65536) < 0 ||
        virTestExpectInt("raised maximum",
                         (long long)virDomainGetMaxMemory(dom),
                         (long long)(GUEST_MAXMEM + 65536)) < 0 ||
        virDomainSetMaxMemory(dom, GUEST_MAXMEM) < 0 ||
        virTestExpectInt("maximum back", (long long)virDomainGetMaxMemory(dom),
                         (long long)GUEST_MAXMEM) < 0 ||
        virDomainSetMemory(dom, GUEST_MEMORY) < 0) {
        virTestFail("changing the maximum memory of '%s' failed", name);
        goto cleanup;
    }
    ret = 0;

cleanup:
    freeDom(dom);
    return ret;
}

static int
testVcpuLimits(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    virVcpuInfo info[4];
    int ret = -1;

    if (dom == NULL)
        return -1;
    if (virDomainSetVcpus(dom, GUEST_VCPUS + 1) == 0 ||
        virTestExpectError(VIR_ERR_INVALID_ARG, "out of range") < 0)
        goto cleanup;
    virResetLastError();
    if (virDomainSetVcpus(dom, 1) < 0 || waitInfo(name, GUEST_MAXMEM, 1) < 0) {
        virTestFail("'%s' did not go down to 1 vcpu", name);
        goto cleanup;
    }
    if (virDomainGetVcpus(dom, info, 4, NULL, 0) != GUEST_VCPUS ||
        virTestExpectInt("vcpu 1 state", info[1].state, VIR_VCPU_OFFLINE) < 0 ||
        virTestExpectInt("vcpu 1 cpu", info[1].cpu, -1) < 0)
        goto cleanup;
    if (virDomainSetVcpus(dom, GUEST_VCPUS) < 0 ||
        waitInfo(name, GUEST_MAXMEM, GUEST_VCPUS) < 0) {
        virTestFail("'%s' did not come back to %d vcpus", name, GUEST_VCPUS);
        goto cleanup;
    }
    ret = 0;

cleanup:
    freeDom(dom);
    return ret;
}

static int
testPinVcpu(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    unsigned char all[8] = {0};
    unsigned char one[1] = {0x01};
    unsigned char none[1] = {0};
    unsigned char maps[4 * 8];
    virVcpuInfo info[4];
    virNodeInfo node;
    unsigned int cpu;
    int ret = -1;

    if (dom == NULL || virNodeGetInfo(conn, &node) < 0)
        goto cleanup;
    for (cpu = 0; cpu < node.cpus && cpu < 64; cpu++)
        VIR_USE_CPU(all, cpu);
    if (virDomainPinVcpu(dom, 0, one, 1) < 0 ||
        virDomainGetVcpus(dom, info, 4, maps, 8) != GUEST_VCPUS ||
        virTestExpectInt("vcpu 0 map", maps[0], 0x01) < 0) {
        virTestFail("pinning vcpu 0 of '%s' to cpu 0 failed", name);
        goto cleanup;
    }
    if (virDomainPinVcpu(dom, GUEST_VCPUS, one, 1) == 0 ||
        virTestExpectError(VIR_ERR_INVALID_ARG, "out of range") < 0 ||
        virDomainPinVcpu(dom, 0, none, 1) == 0 ||
        virTestExpectError(VIR_ERR_INVALID_ARG, "no usable cpu") < 0 ||
        virDomainPinVcpu(dom, 0, all, 8) == 0 ||
        virTestExpectError(VIR_ERR_INVALID_ARG, "longer than") < 0)
        goto cleanup;
    virResetLastError();
    if (virDomainPinVcpu(dom, 0, all, (int)VIR_CPU_MAPLEN(node.cpus)) < 0) {
        virTestFail("unpinning vcpu 0 of '%s' failed", name);
        goto cleanup;
    }
    ret = 0;

cleanup:
    freeDom(dom);
    return ret;
}

/* Xen shows a guest that has shut down as shut off while it still has
 * an id, until the toolstack destroys it: wait for both. */
static int
waitStopped(const char *name)
{
    double deadline = nowSeconds() + waitSeconds;
    virDomainPtr dom;
    int id = 0;

    if (waitState(name, STATE_BIT(VIR_DOMAIN_SHUTOFF)) < 0)
        return -1;
    do {
        if ((dom = virDomainLookupByName(conn, name)) != NULL) {
            id = (int)virDomainGetID(dom);
            virDomainFree(dom);
            if (id == -1)
                return 0;
        }
        pause100ms();
    } while (nowSeconds() < deadline);
    return virTestFail("'%s' still has id %d", name, id);
}

/* Starts defined @dom again and checks it got a new id. */
static int
restart(virDomainPtr dom, int oldID)
{
    int newID;

    if (virDomainCreate(dom) < 0)
        return virTestFail("cannot start '%s' again", virDomainGetName(dom));
    if (waitBack(virDomainGetName(dom)) < 0)
        return -1;
    newID = (int)virDomainGetID(dom);
    if (newID < 0 || newID == oldID)
        return virTestFail("'%s' restarted with id %d (was %d)",
                           virDomainGetName(dom), newID, oldID);
    if (virDomainCreate(dom) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "already running") < 0)
        return -1;
    virResetLastError();
    return 0;
}

static bool
listedDefined(const char *name)
{
    const char *names[256];
    int n = virConnectListDefinedDomains(conn, names, 256);
    bool found = false;
    int i;

    for (i = 0; i < n; i++) {
        found |= strcmp(names[i], name) == 0;
        free((char *)names[i]);
    }
    return found;
}

static int
testShutdownThenCreate(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    int id;
    int ret = -1;

    if (dom == NULL)
        return -1;
    id = (int)virDomainGetID(dom);
    if (virDomainShutdown(dom) < 0 || waitStopped(name) < 0) {
        virTestFail("shutdown did not stop '%s'", name);
        goto cleanup;
    }
    if (virTestExpectInt("id when stopped", (int)virDomainGetID(dom), -1) < 0)
        goto cleanup;
    if (!listedDefined(name)) {
        virTestFail("'%s' is not among the defined domains once stopped", name);
        goto cleanup;
    }
    if (virDomainSuspend(dom) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, "not running") < 0)
        goto cleanup;
    virResetLastError();
    ret = restart(dom, id);

cleanup:
    freeDom(dom);
    return ret;
}

static int
testDestroyThenCreate(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    virDomainInfo info;
    int id;
    int ret = -1;

    if (dom == NULL)
        return -1;
    id = (int)virDomainGetID(dom);
    /* Destroy is immediate: no waiting for the guest.  It releases the
     * handle (the reference's rule), so look the domain up again. */
    if (virDomainDestroy(dom) < 0) {
        virTestFail("destroying '%s' failed", name);
        goto cleanup;
    }
    if ((dom = lookup(name)) == NULL || virDomainGetInfo(dom, &info) < 0 ||
        virTestExpectInt("state after destroy", info.state,
                         VIR_DOMAIN_SHUTOFF) < 0)
        goto cleanup;
    if (virDomainDestroy(dom) == 0) {
        dom = NULL;
        virTestFail("destroying a stopped domain succeeded");
        goto cleanup;
    }
    if (virTestExpectError(VIR_ERR_OPERATION_INVALID, "not running") < 0)
        goto cleanup;
    virResetLastError();
    ret = restart(dom, id);

cleanup:
    freeDom(dom);
    return ret;
}

static int
testReboot(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    int ret = -1;

    if (dom == NULL)
        return -1;
    if (virDomainReboot(dom, 1) == 0 ||
        virTestExpectError(VIR_ERR_INVALID_ARG, "flags") < 0)
        goto cleanup;
    virResetLastError();
    if (virDomainReboot(dom, 0) < 0 || waitBack(name) < 0) {
        virTestFail("'%s' did not come back from a reboot", name);
        goto cleanup;
    }
    ret = 0;

cleanup:
    freeDom(dom);
    return ret;
}

/* ---- definitions ------------------------------------------------------ */

#define EXTRA_XML(name, uuid)                                         \
    "<domain type='xen'><name>" name "</name><uuid>" uuid "</uuid>"   \
    "<os><type>linux</type><kernel>/boot/vmlinuz-guest</kernel></os>" \
    "<memory>65536</memory><currentMemory>65536</currentMemory>"      \
    "<vcpu>1</vcpu></domain>"

static int
testDefineUndefine(const void *data)
{
    int before = virConnectNumOfDefinedDomains(conn);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    int ret = -1;

    (void)data;
    dom = virDomainDefineXML(
        conn, EXTRA_XML("conf-extra", "5eb1a0c1-0000-4000-8000-0000000000e1"));
    if (before < 0 || dom == NULL)
        return virTestFail("cannot define conf-extra");
    if (virTestExpectInt("defined count", virConnectNumOfDefinedDomains(conn),
                         before + 1) < 0 ||
        !listedDefined("conf-extra") || virDomainGetInfo(dom, &info) < 0 ||
        virTestExpectInt("state", info.state, VIR_DOMAIN_SHUTOFF) < 0 ||
        virTestExpectInt("maxMem", (long long)info.maxMem, 65536) < 0)
        goto cleanup;
    if (virDomainUndefine(dom) < 0) {
        virTestFail("cannot undefine conf-extra");
        goto cleanup;
    }
    freeDom(dom);
    dom = NULL;
    if (virDomainLookupByName(conn, "conf-extra") != NULL ||
        virTestExpectError(VIR_ERR_NO_DOMAIN, NULL) < 0 ||
        virTestExpectInt("defined count", virConnectNumOfDefinedDomains(conn),
                         before) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    freeDom(dom);
    return ret;
}

static int
testDefineDuplicateUUIDFails(const void *data)
{
    virDomainPtr pv1 = lookup("pv1");
    virDomainPtr dom = NULL;
    char uuid[UUID_BUFLEN * 2 + 5];
    char xml[512];

    (void)data;
    if (pv1 == NULL || virDomainGetUUIDString(pv1, uuid) < 0) {
        freeDom(pv1);
        return virTestFail("no UUID for pv1");
    }
    freeDom(pv1);
    snprintf(xml, sizeof(xml), EXTRA_XML("conf-dup", "%s"), uuid);
    if ((dom = virDomainDefineXML(conn, xml)) != NULL) {
        virDomainUndefine(dom);
        freeDom(dom);
        return virTestFail("a second domain with pv1's UUID was defined");
    }
    return virTestExpectError(VIR_ERR_DOM_EXIST, NULL);
}

static int
testDetachMissingDeviceFails(const void *data)
{
    virDomainPtr dom = lookup(data);
    int ret;

    if (dom == NULL)
        return -1;
    ret = virDomainDetachDevice(
              dom, (char *)"<disk type='file' device='disk'><source "
                           "file='/nonexistent.img'/><target "
                           "dev='xvdz'/></disk>") == 0
              ? virTestFail("detaching a missing disk succeeded")
              : virTestExpectError(VIR_ERR_NO_DEVICE, NULL);
    freeDom(dom);
    return ret;
}

/* A new guest that boots on both hosts: the harness's guest kernel and
 * initrd (the test driver boots nothing), 128 MiB (Xen cannot build a
 * 64 MiB guest from that kernel's ELF image) and 1 vcpu. */
#define NEW_XML(name, uuid)                                         \
    "<domain type='xen'><name>" name "</name><uuid>" uuid "</uuid>" \
    "<os><type>linux</type><kernel>/boot/guest/vmlinuz</kernel>"    \
    "<initrd>/boot/guest/initrd.gz</initrd>"                        \
    "<cmdline>console=hvc0 rdinit=/init quiet</cmdline></os>"       \
    "<memory>131072</memory><currentMemory>131072</currentMemory>"  \
    "<vcpu>1</vcpu><on_poweroff>destroy</on_poweroff>"              \
    "<on_reboot>restart</on_reboot><on_crash>destroy</on_crash></domain>"

/* Checks that @dom runs with a fresh id, 128 MiB and 1 vcpu. */
static int
expectNewGuestRunning(virDomainPtr dom)
{
    virDomainInfo info;

    if (waitState(virDomainGetName(dom), STATES_UP) < 0)
        return -1;
    if ((int)virDomainGetID(dom) <= 0 || virDomainGetInfo(dom, &info) < 0)
        return virTestFail("'%s' runs without an id or info",
                           virDomainGetName(dom));
    if (virTestExpectInt("maxMem", (long long)info.maxMem, 131072) < 0 ||
        virTestExpectInt("nrVirtCpu", info.nrVirtCpu, 1) < 0)
        return -1;
    return 0;
}

/* Destroys @dom, which has no definition, and checks it is gone. */
static int
destroyTransient(virDomainPtr dom, const char *name)
{
    virDomainPtr again;

    if (virDomainDestroy(dom) < 0) {
        freeDom(dom);
        return virTestFail("destroying '%s' failed", name);
    }
    if ((again = virDomainLookupByName(conn, name)) != NULL) {
        freeDom(again);
        return virTestFail("'%s' is still there after destroy", name);
    }
    return virTestExpectError(VIR_ERR_NO_DOMAIN, name);
}

static int
testCreateLinux(const void *data)
{
    const char *xml =
        NEW_XML("conf-linux", "5eb1a0c1-0000-4000-8000-0000000000e2");
    virDomainPtr dom = virDomainCreateLinux(conn, xml, 0);
    virDomainPtr twice = NULL;
    int ret = -1;

    (void)data;
    if (dom == NULL)
        return virTestFail("cannot create conf-linux: %s",
                           virGetLastError() != NULL
                               ? virGetLastError()->message
                               : "no error");
    if (expectNewGuestRunning(dom) < 0)
        goto cleanup;
    if (listedDefined("conf-linux")) {
        virTestFail("a domain created from XML is listed as defined");
        goto cleanup;
    }
    if ((twice = virDomainCreateLinux(conn, xml, 0)) != NULL) {
        virTestFail("conf-linux was created twice");
        goto cleanup;
    }
    if (virTestExpectError(VIR_ERR_DOM_EXIST, "conf-linux") < 0)
        goto cleanup;
    virResetLastError();
    ret = destroyTransient(dom, "conf-linux");
    dom = NULL;

cleanup:
    if (dom != NULL)
        virDomainDestroy(dom);
    if (twice != NULL)
        virDomainDestroy(twice);
    return ret;
}

static int
testDefineCreateUndefine(const void *data)
{
    virDomainPtr dom = NULL;
    int before = virConnectNumOfDefinedDomains(conn);
    int ret = -1;

    (void)data;
    dom = virDomainDefineXML(
        conn, NEW_XML("conf-new", "5eb1a0c1-0000-4000-8000-0000000000e3"));
    if (before < 0 || dom == NULL)
        return virTestFail("cannot define conf-new");
    if (virTestExpectInt("id when defined", (int)virDomainGetID(dom), -1) < 0)
        goto cleanup;
    if (virDomainCreate(dom) < 0) {
        virTestFail("cannot start conf-new: %s",
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "no error");
        goto cleanup;
    }
    if (expectNewGuestRunning(dom) < 0)
        goto cleanup;
    if (listedDefined("conf-new")) {
        virTestFail("conf-new is listed as defined while it runs");
        goto cleanup;
    }
    /* Undefined while it runs, it goes on running until it stops. */
    if (virDomainUndefine(dom) < 0) {
        virTestFail("cannot undefine running conf-new");
        goto cleanup;
    }
    if (virTestExpectInt("defined count", virConnectNumOfDefinedDomains(conn),
                         before) < 0 ||
        waitState("conf-new", STATES_UP) < 0)
        goto cleanup;
    ret = destroyTransient(dom, "conf-new");
    dom = NULL;

cleanup:
    if (dom != NULL) {
        virDomainUndefine(dom);
        virDomainDestroy(dom);
    }
    return ret;
}

static char tmpdir[] = "/tmp/conformancetest.XXXXXX";

/* Whether the XML of @name mentions @what. */
static int
xmlHas(const char *name, const char *what, bool *has)
{
    virDomainPtr dom = lookup(name);
    char *xml = NULL;

    if (dom == NULL || (xml = virDomainGetXMLDesc(dom, 0)) == NULL) {
        freeDom(dom);
        return virTestFail("no XML for '%s'", name);
    }
    *has = strstr(xml, what) != NULL;
    free(xml);
    freeDom(dom);
    return 0;
}

/* Attaches @device (whose XML form shows @mark) to running @name, checks
 * the domain shows it, that a second attach is refused, and detaches it. */
static int
attachDetach(const char *name, const char *device, const char *mark)
{
    virDomainPtr dom = lookup(name);
    bool has = false;
    int ret = -1;

    if (dom == NULL)
        return -1;
    if (virDomainAttachDevice(dom, (char *)device) < 0) {
        virTestFail("attaching to '%s' failed: %s", name,
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "no error");
        goto cleanup;
    }
    if (xmlHas(name, mark, &has) < 0)
        goto cleanup;
    if (!has) {
        virTestFail("the XML of '%s' lacks the attached %s", name, mark);
        goto cleanup;
    }
    if (virDomainAttachDevice(dom, (char *)device) == 0 ||
        virTestExpectError(VIR_ERR_OPERATION_INVALID, NULL) < 0) {
        virTestFail("a second attach of %s was not refused", mark);
        goto cleanup;
    }
    virResetLastError();
    if (virDomainDetachDevice(dom, (char *)device) < 0) {
        virTestFail("detaching from '%s' failed: %s", name,
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "no error");
        goto cleanup;
    }
    if (xmlHas(name, mark, &has) < 0)
        goto cleanup;
    if (has) {
        virTestFail("the XML of '%s' still has the detached %s", name, mark);
        goto cleanup;
    }
    if (waitState(name, STATES_UP) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    freeDom(dom);
    return ret;
}

static int
testAttachDetachDisk(const void *data)
{
    char path[64];
    char xml[256];
    FILE *fp;
    int ret;

    snprintf(path, sizeof(path), "%s/disk.img", tmpdir);
    if ((fp = fopen(path, "w")) == NULL || ftruncate(fileno(fp), 1 << 20) < 0) {
        if (fp != NULL)
            fclose(fp);
        return virTestFail("cannot make %s", path);
    }
    fclose(fp);
    snprintf(xml, sizeof(xml),
             "<disk type='file' device='disk'><source file='%s'/>"
             "<target dev='xvdb'/></disk>",
             path);
    ret = attachDetach(data, xml, "xvdb");
    unlink(path);
    return ret;
}

static int
testAttachDetachInterface(const void *data)
{
    return attachDetach(data,
                        "<interface type='bridge'><mac "
                        "address='00:16:3e:5e:b1:a0'/><source "
                        "bridge='xenbr0'/></interface>",
                        "00:16:3e:5e:b1:a0");
}

/* ---- save, restore, core dump ----------------------------------------- */

static int
testSaveRestore(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    virDomainInfo info;
    char path[64];
    int ret = -1;

    if (dom == NULL)
        return -1;
    snprintf(path, sizeof(path), "%s/%s.save", tmpdir, name);
    if (virDomainSave(dom, path) < 0 || virDomainGetInfo(dom, &info) < 0 ||
        virTestExpectInt("state after save", info.state, VIR_DOMAIN_SHUTOFF) <
            0) {
        virTestFail("saving '%s' did not stop it: %s", name,
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "no error");
        goto cleanup;
    }
    if (virDomainRestore(conn, path) < 0 || waitState(name, STATES_UP) < 0) {
        virTestFail("restoring '%s' failed: %s", name,
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "no error");
        goto cleanup;
    }
    if (virDomainRestore(conn, "/nonexistent/save") == 0 ||
        virTestExpectError(VIR_ERR_SYSTEM_ERROR, "/nonexistent/save") < 0)
        goto cleanup;
    ret = 0;

cleanup:
    /* Leave the guest running for the cases that follow. */
    if (ret < 0 && dom != NULL && virDomainGetID(dom) == (unsigned int)-1 &&
        virDomainCreate(dom) == 0)
        waitState(name, STATES_UP);
    unlink(path);
    freeDom(dom);
    return ret;
}

static int
testCoreDump(const void *data)
{
    const char *name = data;
    virDomainPtr dom = lookup(name);
    struct stat sb;
    char path[64];
    int ret = -1;

    if (dom == NULL)
        return -1;
    snprintf(path, sizeof(path), "%s/%s.core", tmpdir, name);
    if (virDomainCoreDump(dom, path, 0) < 0 || stat(path, &sb) < 0 ||
        sb.st_size == 0) {
        virTestFail("core dump of '%s' wrote nothing: %s", name,
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "no error");
        goto cleanup;
    }
    if (waitState(name, STATES_UP) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    unlink(path);
    freeDom(dom);
    return ret;
}

static int
mymain(void)
{
    const char *env = getenv("XENSNMP_CONFORMANCE_URI");
    const char *wait = getenv("XENSNMP_CONFORMANCE_WAIT");
    char *owned = NULL;
    char title[80];
    int ret = 0;
    size_t g;

#define DO_TEST(title, fn, data)             \
    do {                                     \
        if (virTestRun(title, fn, data) < 0) \
            ret = -1;                        \
    } while (0)

    if (wait != NULL && atof(wait) > 0)
        waitSeconds = atof(wait);
    if (env != NULL && strcmp(env, "NULL") == 0)
        uri = NULL;
    else if (env != NULL && env[0] != '\0')
        uri = env;
    else if ((uri = owned = virTestNodeURI("conformancedata/node.xml")) == NULL)
        return -1;
    if (mkdtemp(tmpdir) == NULL)
        return -1;
    printf("# conformance suite on %s\n", uri != NULL ? uri : "NULL");
    if ((conn = virConnectOpen(uri)) == NULL) {
        virTestFail("cannot open '%s': %s", uri != NULL ? uri : "NULL",
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "no error");
        free(owned);
        rmdir(tmpdir);
        return -1;
    }

    DO_TEST("conformance_node_info_sane", testNodeInfoSane, NULL);
    DO_TEST("conformance_guests_listed_running", testGuestsListedRunning, NULL);
    for (g = 0; g < sizeof(guests) / sizeof(guests[0]); g++) {
        snprintf(title, sizeof(title), "conformance_lookups_agree_%s",
                 guests[g]);
        DO_TEST(title, testLookupsAgree, guests[g]);
        snprintf(title, sizeof(title), "conformance_info_matches_config_%s",
                 guests[g]);
        DO_TEST(title, testGuestInfo, guests[g]);
        snprintf(title, sizeof(title), "conformance_vcpus_online_%s",
                 guests[g]);
        DO_TEST(title, testGuestVcpus, guests[g]);
    }
    DO_TEST("conformance_lookup_unknown_fails", testLookupUnknownFails, NULL);
    DO_TEST("conformance_suspend_resume_pv1", testSuspendResume, "pv1");
    DO_TEST("conformance_suspend_resume_pvh1", testSuspendResume, "pvh1");
    DO_TEST("conformance_shutdown_paused_refused_pv1",
            testShutdownPausedRefused, "pv1");
    DO_TEST("conformance_dom0_refuses_lifecycle", testDom0RefusesLifecycle,
            NULL);
    DO_TEST("conformance_readonly_refuses_changes", testReadOnlyRefusesChanges,
            NULL);
    DO_TEST("conformance_memory_limits_pv1", testMemoryLimits, "pv1");
    DO_TEST("conformance_vcpu_limits_pv1", testVcpuLimits, "pv1");
    DO_TEST("conformance_pin_vcpu_pv1", testPinVcpu, "pv1");
    DO_TEST("conformance_shutdown_then_create_pv2", testShutdownThenCreate,
            "pv2");
    DO_TEST("conformance_destroy_then_create_pv2", testDestroyThenCreate,
            "pv2");
    DO_TEST("conformance_reboot_pvh1", testReboot, "pvh1");
    DO_TEST("conformance_define_undefine", testDefineUndefine, NULL);
    DO_TEST("conformance_define_duplicate_uuid_fails",
            testDefineDuplicateUUIDFails, NULL);
    DO_TEST("conformance_detach_missing_device_fails",
            testDetachMissingDeviceFails, "pv1");
    DO_TEST("conformance_create_linux_then_destroy", testCreateLinux, NULL);
    DO_TEST("conformance_define_create_undefine", testDefineCreateUndefine,
            NULL);
    DO_TEST("conformance_attach_detach_disk_pv1", testAttachDetachDisk, "pv1");
    DO_TEST("conformance_attach_detach_interface_pv1",
            testAttachDetachInterface, "pv1");
    DO_TEST("conformance_save_restore_pv1", testSaveRestore, "pv1");
    DO_TEST("conformance_core_dump_pv2", testCoreDump, "pv2");

    virConnectClose(conn);
    free(owned);
    rmdir(tmpdir);
    return ret;
}

VIR_TEST_MAIN(mymain)
