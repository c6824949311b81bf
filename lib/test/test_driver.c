/*
 * test_driver.c: the "test" driver, a simulated Xen host.
 *
 * test:///default is the built-in host of test_default.c, test:///PATH a
 * host described by the node file PATH.  Connections to the same URI in
 * one process share one host (a registry keyed by the URI's path), so two
 * clients see each other's changes as they would on a real hypervisor.
 * The host's state and clocks live in test_domain.c, the format of the
 * save and core files in test_image.c; this file holds the entry points of
 * the driver table and the rules a hypervisor enforces.
 *
 * Locking: every entry point holds the host's mutex for its whole run and
 * starts by carrying out the transitions that fell due (testHostTick), so
 * each call sees one consistent host.  The registry has its own mutex,
 * taken only by open and close and never while a host's is held.  The
 * simulated delays of create, destroy, save and restore are slept before
 * the mutex is taken: a slow call holds up neither other connections nor
 * readers of the same host, and it then runs as one atomic step.
 */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test_driver.h"
#include "test_domain.h"
#include "test_image.h"
#include "test_node.h"
#include "datatypes.h"
#include "domain_conf.h"
#include "error.h"
#include "file.h"
#include "iostats.h"
#include "log.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define TEST_STATE_BIT(s) (1u << (s))
#define TEST_STATES_UP \
    (TEST_STATE_BIT(VIR_DOMAIN_RUNNING) | TEST_STATE_BIT(VIR_DOMAIN_BLOCKED))
#define TEST_STATES_LIVE (TEST_STATES_UP | TEST_STATE_BIT(VIR_DOMAIN_PAUSED))
#define TEST_STATES_ACTIVE                                    \
    (TEST_STATES_LIVE | TEST_STATE_BIT(VIR_DOMAIN_SHUTDOWN) | \
     TEST_STATE_BIT(VIR_DOMAIN_CRASHED))

/* ---- the registry of shared hosts ----------------------------------- */

typedef struct _testHostRef testHostRef;

struct _testHostRef {
    char *path;        /* the URI's path: "/default" or a node file */
    unsigned int refs; /* open connections */
    testHost *host;
    testHostRef *next;
};

/* The hosts in use.  Process-wide because a host is shared by every
 * connection to its URI; guarded by testRegistryLock.  A host whose node
 * file has an <outage> switch stands for a hypervisor that stays up while
 * its clients come and go (an outage closes them all): it stays here,
 * with every change made to it, after its last connection closes, until
 * the process exits. */
static pthread_mutex_t testRegistryLock = PTHREAD_MUTEX_INITIALIZER;
static testHostRef *testRegistry;

static testHost *
testHostLoad(const char *path)
{
    testNodeDef *node;
    testHost *host;

    if (strcmp(path, "/default") == 0)
        node = testNodeParseBuffer(
            testDefaultNodeXML, strlen(testDefaultNodeXML), "test:///default");
    else
        node = testNodeParseFile(path);
    if (node == NULL)
        return NULL;
    host = testHostNew(node, testNow());
    testNodeDefFree(node);
    return host;
}

/* Returns the host of @path, loading it on first use. */
static testHost *
testHostAcquire(const char *path)
{
    testHostRef *ref;
    testHost *host = NULL;

    pthread_mutex_lock(&testRegistryLock);
    for (ref = testRegistry; ref != NULL; ref = ref->next) {
        if (strcmp(ref->path, path) == 0) {
            ref->refs++;
            host = ref->host;
            goto cleanup;
        }
    }
    if ((ref = calloc(1, sizeof(*ref))) == NULL ||
        (ref->path = strdup(path)) == NULL) {
        virReportOOMError();
        goto error;
    }
    if ((ref->host = testHostLoad(path)) == NULL)
        goto error;
    ref->refs = 1;
    ref->next = testRegistry;
    testRegistry = ref;
    host = ref->host;
    VIR_DEBUG("loaded test host '%s' (%zu domains)", path, host->ndoms);
    goto cleanup;

error:
    if (ref != NULL)
        free(ref->path);
    free(ref);
cleanup:
    pthread_mutex_unlock(&testRegistryLock);
    return host;
}

static void
testHostRelease(testHost *host)
{
    testHostRef **prev;
    testHostRef *ref;

    pthread_mutex_lock(&testRegistryLock);
    for (prev = &testRegistry; (ref = *prev) != NULL; prev = &ref->next) {
        if (ref->host != host)
            continue;
        if (--ref->refs == 0 && ref->host->outageFile == NULL) {
            *prev = ref->next;
            VIR_DEBUG("dropping test host '%s'", ref->path);
            testHostFree(ref->host);
            free(ref->path);
            free(ref);
        }
        break;
    }
    pthread_mutex_unlock(&testRegistryLock);
}

/* Frees the hosts kept without connections when the process exits, so
 * that a leak checker sees nothing lost.  Hosts that still have
 * connections belong to them. */
static void __attribute__((destructor)) testRegistryFree(void)
{
    testHostRef **prev = &testRegistry;
    testHostRef *ref;

    pthread_mutex_lock(&testRegistryLock);
    while ((ref = *prev) != NULL) {
        if (ref->refs > 0) {
            prev = &ref->next;
            continue;
        }
        *prev = ref->next;
        testHostFree(ref->host);
        free(ref->path);
        free(ref);
    }
    pthread_mutex_unlock(&testRegistryLock);
}

/* ---- entering and leaving a host ------------------------------------ */

/* Whether the host is reachable: not while its outage file exists.  Only
 * opening and the host-wide calls a monitor polls check it, which is
 * enough to look like a hypervisor that went away. */
static int
testHostReachable(virConnectPtr conn, const testHost *host)
{
    /* Immutable after open. */
    if (host->outageFile == NULL || access(host->outageFile, F_OK) != 0)
        return 0;
    virReportConnError(conn, VIR_ERR_OPERATION_FAILED,
                       "the simulated hypervisor is unreachable: '%s' exists",
                       host->outageFile);
    return -1;
}

/* Locks the host of @conn and brings it up to the present; @now is the
 * time the call happens at.  Pair with pthread_mutex_unlock. */
static testHost *
testHostEnter(virConnectPtr conn, unsigned long long *now)
{
    testHost *host = conn->privateData;

    pthread_mutex_lock(&host->lock);
    *now = testNow();
    testHostTick(host, *now);
    return host;
}

static testDomObj *
testDomFind(testHost *host, virDomainPtr dom)
{
    testDomObj *obj = testHostFindByUUID(host, dom->uuid);

    /* A handle outlives its domain; a new domain may reuse the UUID. */
    if (obj != NULL && strcmp(obj->name, dom->name) != 0)
        return NULL;
    return obj;
}

/* testHostEnter for the domain of @dom.  Returns its object, or NULL
 * (error reported) when it no longer exists.  Either way the host is
 * locked: always pair with testDomLeave. */
static testDomObj *
testDomEnter(virDomainPtr dom, testHost **host, unsigned long long *now)
{
    testDomObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    *host = testHostEnter(dom->conn, now);
    if ((obj = testDomFind(*host, dom)) == NULL) {
        virUUIDFormat(dom->uuid, uuidstr);
        virReportDomainError(dom, VIR_ERR_NO_DOMAIN,
                             "no domain with uuid '%s' and name '%s'", uuidstr,
                             dom->name);
    }
    return obj;
}

/* Brings the id of @dom (shared by all its holders on this connection) up
 * to date and unlocks the host. */
static void
testDomLeave(testHost *host, virDomainPtr dom)
{
    testDomObj *obj = testDomFind(host, dom);

    dom->id = obj != NULL ? obj->id : -1;
    pthread_mutex_unlock(&host->lock);
}

/* A new reference to the handle of @obj on @conn. */
static virDomainPtr
testDomHandle(virConnectPtr conn, const testDomObj *obj)
{
    return virGetDomain(conn, obj->name, obj->uuid, obj->id);
}

/* Makes the calling thread wait @ms milliseconds: a slow hypervisor. */
static void
testSleep(unsigned int ms)
{
    struct timespec ts;

    if (ms == 0)
        return;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* The simulated delays, immutable after open, so read without the lock. */
static const testNodeDelays *
testDelays(virConnectPtr conn)
{
    const testHost *host = conn->privateData;

    return &host->delays;
}

/* The longest fault file read: a list of call names. */
#define TEST_FAULT_FILE_MAX 4096

/* Whether the host refuses @call ("virDomainSetVcpus") now: while the
 * node file's fault file exists and names it on a line of its own, the
 * call fails with VIR_ERR_OPERATION_FAILED, as a hypervisor that refuses
 * what no check could foresee.  Returns 0, or
 * -1 with the error reported. */
static int
testHostRefuses(virDomainPtr dom, const testHost *host, const char *call)
{
    char *text = NULL;
    size_t len = 0;
    size_t clen = strlen(call);
    const char *line;
    int ret = 0;

    /* Immutable after open. */
    if (host->faultFile == NULL || access(host->faultFile, F_OK) != 0)
        return 0;
    if (virFileReadAll(host->faultFile, TEST_FAULT_FILE_MAX,
                       VIR_ERR_OPERATION_FAILED, &text, &len) < 0)
        return -1; /* an unreadable switch refuses too, saying why */
    for (line = text; line != NULL && *line != '\0';) {
        const char *end = strchr(line, '\n');
        size_t n = end != NULL ? (size_t)(end - line) : strlen(line);

        if (n == clen && memcmp(line, call, n) == 0) {
            virReportDomainError(dom, VIR_ERR_OPERATION_FAILED,
                                 "the simulated hypervisor refused %s on "
                                 "domain '%s' ('%s' names it)",
                                 call, dom->name, host->faultFile);
            ret = -1;
            break;
        }
        line = end != NULL ? end + 1 : NULL;
    }
    free(text);
    return ret;
}

/* ---- the rules ------------------------------------------------------ */

static int
testCheckFlags(unsigned int flags)
{
    if (flags == 0)
        return 0;
    virReportError(VIR_ERR_INVALID_ARG, "unsupported flags 0x%x", flags);
    return -1;
}

static int
testCheckNotDom0(const testDomObj *obj, const char *done)
{
    if (!obj->dom0)
        return 0;
    virReportError(VIR_ERR_OPERATION_INVALID, "Domain-0 cannot be %s", done);
    return -1;
}

/* Refuses an operation that needs the domain in one of @allowed states
 * (TEST_STATE_BIT masks), saying what state it is in. */
static int
testCheckState(const testDomObj *obj, unsigned int allowed)
{
    if (allowed & TEST_STATE_BIT(obj->state))
        return 0;
    switch (obj->state) {
    case VIR_DOMAIN_SHUTOFF:
        virReportError(VIR_ERR_OPERATION_INVALID, "domain '%s' is not running",
                       obj->name);
        break;
    case VIR_DOMAIN_PAUSED:
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "domain '%s' is already paused", obj->name);
        break;
    case VIR_DOMAIN_SHUTDOWN:
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "domain '%s' is shutting down", obj->name);
        break;
    case VIR_DOMAIN_CRASHED:
        virReportError(VIR_ERR_OPERATION_INVALID, "domain '%s' has crashed",
                       obj->name);
        break;
    case VIR_DOMAIN_NOSTATE:
    case VIR_DOMAIN_RUNNING:
    case VIR_DOMAIN_BLOCKED:
    default:
        /* Only resume and create refuse a running domain; create says
         * so itself. */
        virReportError(VIR_ERR_OPERATION_INVALID, "domain '%s' is not paused",
                       obj->name);
        break;
    }
    return -1;
}

static int
testCheckMemoryFree(const testHost *host, const char *name,
                    unsigned long needed)
{
    unsigned long avail = testHostFreeMemory(host);

    if (needed <= avail)
        return 0;
    virReportError(VIR_ERR_NO_RESOURCES,
                   "domain '%s' needs %lu KiB of memory but the host has "
                   "only %lu KiB free",
                   name, needed, avail);
    return -1;
}

/* A definition this host could run: what the XML parser cannot know. */
static int
testCheckDefForHost(const testHost *host, const virDomainDef *def)
{
    size_t i;
    size_t bit;

    if (def->maxvcpus > TEST_MAX_VCPUS) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "domain '%s' has %u vcpus but the host allows at "
                       "most %u",
                       def->name, def->maxvcpus, TEST_MAX_VCPUS);
        return -1;
    }
    if (def->maxmem > host->info.memory) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "maximum memory %lu KiB of domain '%s' is above the "
                       "host memory %lu KiB",
                       def->maxmem, def->name, host->info.memory);
        return -1;
    }
    for (i = 0; i < def->npins; i++) {
        const virDomainVcpuPinDef *pin = &def->pins[i];

        for (bit = host->info.cpus; bit < pin->maplen * 8; bit++) {
            if ((pin->cpumap[bit / 8] >> (bit % 8)) & 1) {
                virReportError(VIR_ERR_INVALID_ARG,
                               "vcpu %u of domain '%s' is pinned to cpu %zu "
                               "but the host has %u cpus",
                               pin->vcpu, def->name, bit, host->info.cpus);
                return -1;
            }
        }
    }
    return 0;
}

/* Refuses a definition whose name and UUID do not both match one
 * existing domain (@same), when some domain has either of them. */
static int
testCheckIdentity(const testHost *host, const virDomainDef *def,
                  testDomObj **same)
{
    testDomObj *byName = testHostFindByName(host, def->name);
    testDomObj *byUUID = testHostFindByUUID(host, def->uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    *same = NULL;
    if (byName != NULL && byName != byUUID) {
        virUUIDFormat(byName->uuid, uuidstr);
        virReportError(VIR_ERR_DOM_EXIST,
                       "domain '%s' already exists with uuid '%s'",
                       byName->name, uuidstr);
        return -1;
    }
    if (byName == NULL && byUUID != NULL) {
        virUUIDFormat(byUUID->uuid, uuidstr);
        virReportError(VIR_ERR_DOM_EXIST,
                       "uuid '%s' is already used by domain '%s'", uuidstr,
                       byUUID->name);
        return -1;
    }
    *same = byName;
    return 0;
}

/* Parses domain XML for this host: a UUID when it has none (that of the
 * domain of the same name, if any, so a redefinition needs none), host
 * limits checked.  NULL on error (reported). */
static virDomainDef *
testParseDef(const testHost *host, const char *xml)
{
    virDomainDef *def;
    const testDomObj *obj;

    if ((def = virDomainDefParseString(xml)) == NULL)
        return NULL;
    /* Ids are the hypervisor's to give. */
    def->id = -1;
    if (!def->uuidSet) {
        if ((obj = testHostFindByName(host, def->name)) != NULL)
            memcpy(def->uuid, obj->uuid, VIR_UUID_BUFLEN);
        else if (virUUIDGenerate(def->uuid) < 0)
            goto error;
        def->uuidSet = true;
    }
    if (testCheckDefForHost(host, def) < 0)
        goto error;
    return def;

error:
    virDomainDefFree(def);
    return NULL;
}

/* ---- connections ---------------------------------------------------- */

static virDrvOpenStatus
testConnectOpen(virConnectPtr conn, const virURI *uri, bool readonly)
{
    testHost *host;

    (void)readonly;
    if (strcmp(uri->scheme, "test") != 0)
        return VIR_DRV_OPEN_DECLINED;
    if (uri->server != NULL) {
        virReportConnError(conn, VIR_ERR_INVALID_ARG,
                           "test driver URIs have no host part: '%s'",
                           conn->uri != NULL ? conn->uri : uri->server);
        return VIR_DRV_OPEN_ERROR;
    }
    if (strcmp(uri->path, "/") == 0) {
        virReportConnError(conn, VIR_ERR_INVALID_ARG,
                           "test driver URI '%s' names no host: use "
                           "test:///default or test:///ABSOLUTE/PATH.xml",
                           conn->uri != NULL ? conn->uri : "test:///");
        return VIR_DRV_OPEN_ERROR;
    }
    if ((host = testHostAcquire(uri->path)) == NULL)
        return VIR_DRV_OPEN_ERROR;
    if (testHostReachable(conn, host) < 0) {
        testHostRelease(host);
        return VIR_DRV_OPEN_ERROR;
    }
    conn->privateData = host;
    return VIR_DRV_OPEN_SUCCESS;
}

static int
testConnectClose(virConnectPtr conn)
{
    testHostRelease(conn->privateData);
    conn->privateData = NULL;
    return 0;
}

static const char *
testConnectGetType(virConnectPtr conn)
{
    const testHost *host = conn->privateData;

    /* Immutable after open. */
    return host->hvType;
}

static int
testConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    const testHost *host = conn->privateData;

    *hvVer = host->hvVersion;
    return 0;
}

static int
testNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    const testHost *host = conn->privateData;

    if (testHostReachable(conn, host) < 0)
        return -1;
    *info = host->info;
    return 0;
}

static int
testCompareInt(const void *a, const void *b)
{
    int x = *(const int *)a;
    int y = *(const int *)b;

    return (x > y) - (x < y);
}

static int
testConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    unsigned long long now;
    testHost *host = testHostEnter(conn, &now);
    int *all = NULL;
    size_t n = 0;
    size_t i;
    int ret = -1;

    if (testHostReachable(conn, host) < 0) {
        pthread_mutex_unlock(&host->lock);
        return -1;
    }

    if ((all = malloc((virHashSize(host->byID) + 1) * sizeof(*all))) == NULL) {
        virReportOOMError();
        goto cleanup;
    }
    for (i = 0; i < host->ndoms; i++) {
        if (testDomIsActive(host->doms[i]))
            all[n++] = host->doms[i]->id;
    }
    qsort(all, n, sizeof(*all), testCompareInt);
    if (n > (size_t)maxids)
        n = (size_t)maxids;
    if (n > 0)
        memcpy(ids, all, n * sizeof(*ids));
    ret = (int)n;

cleanup:
    free(all);
    pthread_mutex_unlock(&host->lock);
    return ret;
}

static int
testConnectNumOfDomains(virConnectPtr conn)
{
    unsigned long long now;
    testHost *host = testHostEnter(conn, &now);
    int ret = (int)virHashSize(host->byID);

    if (testHostReachable(conn, host) < 0) {
        pthread_mutex_unlock(&host->lock);
        return -1;
    }

    pthread_mutex_unlock(&host->lock);
    return ret;
}

static int
testCompareName(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
testConnectListDefinedDomains(virConnectPtr conn, char **names, int maxnames)
{
    unsigned long long now;
    testHost *host = testHostEnter(conn, &now);
    const char **all = NULL;
    size_t n = 0;
    size_t i;
    int ret = -1;

    if (testHostReachable(conn, host) < 0) {
        pthread_mutex_unlock(&host->lock);
        return -1;
    }

    if ((all = malloc((host->ndoms + 1) * sizeof(*all))) == NULL)
        goto oom;
    for (i = 0; i < host->ndoms; i++) {
        if (!testDomIsActive(host->doms[i]))
            all[n++] = host->doms[i]->name;
    }
    qsort(all, n, sizeof(*all), testCompareName);
    if (n > (size_t)maxnames)
        n = (size_t)maxnames;
    for (i = 0; i < n; i++) {
        if ((names[i] = strdup(all[i])) == NULL) {
            while (i > 0)
                free(names[--i]);
            goto oom;
        }
    }
    ret = (int)n;
    goto cleanup;

oom:
    virReportOOMError();
cleanup:
    free(all);
    pthread_mutex_unlock(&host->lock);
    return ret;
}

static int
testConnectNumOfDefinedDomains(virConnectPtr conn)
{
    unsigned long long now;
    testHost *host = testHostEnter(conn, &now);
    /* Every domain that does not run is a defined one. */
    int ret = (int)(host->ndoms - virHashSize(host->byID));

    if (testHostReachable(conn, host) < 0) {
        pthread_mutex_unlock(&host->lock);
        return -1;
    }

    pthread_mutex_unlock(&host->lock);
    return ret;
}

/* ---- finding domains ------------------------------------------------ */

static virDomainPtr
testDomainLookupByID(virConnectPtr conn, int id)
{
    unsigned long long now;
    testHost *host = testHostEnter(conn, &now);
    testDomObj *obj = testHostFindByID(host, id);
    virDomainPtr ret = NULL;

    if (obj == NULL)
        virReportConnError(conn, VIR_ERR_NO_DOMAIN, "no domain with id %d", id);
    else
        ret = testDomHandle(conn, obj);
    pthread_mutex_unlock(&host->lock);
    return ret;
}

static virDomainPtr
testDomainLookupByName(virConnectPtr conn, const char *name)
{
    unsigned long long now;
    testHost *host = testHostEnter(conn, &now);
    testDomObj *obj = testHostFindByName(host, name);
    virDomainPtr ret = NULL;

    if (obj == NULL)
        virReportConnError(conn, VIR_ERR_NO_DOMAIN, "no domain named '%s'",
                           name);
    else
        ret = testDomHandle(conn, obj);
    pthread_mutex_unlock(&host->lock);
    return ret;
}

static virDomainPtr
testDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    unsigned long long now;
    testHost *host = testHostEnter(conn, &now);
    testDomObj *obj = testHostFindByUUID(host, uuid);
    virDomainPtr ret = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (obj == NULL) {
        virUUIDFormat(uuid, uuidstr);
        virReportConnError(conn, VIR_ERR_NO_DOMAIN, "no domain with uuid '%s'",
                           uuidstr);
    } else {
        ret = testDomHandle(conn, obj);
    }
    pthread_mutex_unlock(&host->lock);
    return ret;
}

static int
testDomainGetID(virDomainPtr dom)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = obj != NULL ? obj->id : -1;

    testDomLeave(host, dom);
    return ret;
}

/* ---- defining and starting domains ---------------------------------- */

/* Redefines the existing domain @obj with @def, which it takes over. */
static int
testRedefine(testDomObj *obj, virDomainDef *def)
{
    if (!testDomIsActive(obj)) {
        virDomainDefFree(obj->def);
        obj->def = def;
        return 0;
    }
    if (obj->persistent) {
        virDomainDefFree(def);
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "domain '%s' is running and already defined: shut "
                       "it off before redefining it",
                       obj->name);
        return -1;
    }
    /* A running transient domain becomes persistent; the new definition
     * is the one it will have once it stops. */
    obj->persistent = true;
    if (virDomainDefEqual(obj->def, def))
        virDomainDefFree(def);
    else
        obj->nextDef = def;
    return 0;
}

static virDomainPtr
testDomainDefineXML(virConnectPtr conn, const char *xml)
{
    unsigned long long now;
    testHost *host = testHostEnter(conn, &now);
    virDomainDef *def;
    testDomObj *obj = NULL;
    virDomainPtr ret = NULL;

    if ((def = testParseDef(host, xml)) == NULL)
        goto cleanup;
    if (testCheckIdentity(host, def, &obj) < 0) {
        virDomainDefFree(def);
        goto cleanup;
    }
    if (obj != NULL) {
        if (testRedefine(obj, def) < 0)
            goto cleanup;
    } else if ((obj = testHostAddDomain(host, def, true)) == NULL) {
        virDomainDefFree(def);
        goto cleanup;
    }
    ret = testDomHandle(conn, obj);

cleanup:
    pthread_mutex_unlock(&host->lock);
    return ret;
}

static int
testDomainUndefine(virDomainPtr dom)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj == NULL || testCheckNotDom0(obj, "undefined") < 0)
        goto cleanup;
    if (!obj->persistent) {
        virReportDomainError(dom, VIR_ERR_OPERATION_INVALID,
                             "domain '%s' is not defined: it exists only "
                             "while it runs",
                             obj->name);
        goto cleanup;
    }
    if (testDomIsActive(obj)) {
        /* It keeps running, and vanishes when it stops. */
        obj->persistent = false;
        virDomainDefFree(obj->nextDef);
        obj->nextDef = NULL;
    } else {
        testHostRemoveDomain(host, obj);
    }
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

static virDomainPtr
testDomainCreateLinux(virConnectPtr conn, const char *xmlDesc,
                      unsigned int flags)
{
    unsigned long long now;
    testHost *host;
    virDomainDef *def;
    testDomObj *obj = NULL;
    virDomainPtr ret = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (testCheckFlags(flags) < 0)
        return NULL;
    testSleep(testDelays(conn)->createMs);
    host = testHostEnter(conn, &now);
    if ((def = testParseDef(host, xmlDesc)) == NULL)
        goto cleanup;
    if (testCheckIdentity(host, def, &obj) < 0 ||
        testCheckMemoryFree(host, def->name, def->memory) < 0) {
        virDomainDefFree(def);
        goto cleanup;
    }
    if (obj != NULL) {
        /* Same name and UUID: still taken, a transient domain is new. */
        virUUIDFormat(obj->uuid, uuidstr);
        virReportError(VIR_ERR_DOM_EXIST,
                       "domain '%s' already exists with uuid '%s'", obj->name,
                       uuidstr);
        virDomainDefFree(def);
        goto cleanup;
    }
    if ((obj = testHostAddDomain(host, def, false)) == NULL) {
        virDomainDefFree(def);
        goto cleanup;
    }
    if (testDomStart(host, obj, VIR_DOMAIN_RUNNING, NULL, now) < 0) {
        testHostRemoveDomain(host, obj);
        goto cleanup;
    }
    /* Without a handle the caller could not reach the domain: undo. */
    if ((ret = testDomHandle(conn, obj)) == NULL)
        testDomStop(host, obj);

cleanup:
    pthread_mutex_unlock(&host->lock);
    return ret;
}

static int
testDomainCreate(virDomainPtr dom)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj;
    int ret = -1;

    testSleep(testDelays(dom->conn)->createMs);
    if ((obj = testDomEnter(dom, &host, &now)) == NULL ||
        testHostRefuses(dom, host, "virDomainCreate") < 0)
        goto cleanup;
    if (testDomIsActive(obj)) {
        virReportDomainError(dom, VIR_ERR_OPERATION_INVALID,
                             "domain '%s' is already running", obj->name);
        goto cleanup;
    }
    if (testCheckMemoryFree(host, obj->name, obj->def->memory) < 0 ||
        testDomStart(host, obj, VIR_DOMAIN_RUNNING, NULL, now) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

/* ---- life cycle ----------------------------------------------------- */

/* A shutdown or reboot is a request the guest acts on: a paused one
 * cannot, and Xen's driver refuses it rather than leave it pending. */
static int
testCheckGuestUp(const testDomObj *obj)
{
    if (obj->state != VIR_DOMAIN_PAUSED)
        return testCheckState(obj, TEST_STATES_UP);
    virReportError(VIR_ERR_OPERATION_INVALID,
                   "domain '%s' is paused: resume it first", obj->name);
    return -1;
}

static int
testDomainSuspend(virDomainPtr dom)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj == NULL || testCheckNotDom0(obj, "suspended") < 0 ||
        testCheckState(obj, TEST_STATES_UP) < 0 ||
        testHostRefuses(dom, host, "virDomainSuspend") < 0)
        goto cleanup;
    testDomSetState(obj, VIR_DOMAIN_PAUSED, now);
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

static int
testDomainResume(virDomainPtr dom)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj == NULL || testHostRefuses(dom, host, "virDomainResume") < 0 ||
        testCheckState(obj, TEST_STATE_BIT(VIR_DOMAIN_PAUSED)) < 0)
        goto cleanup;
    testDomSetState(obj, VIR_DOMAIN_RUNNING, now);
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

static int
testDomainShutdown(virDomainPtr dom)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj == NULL || testHostRefuses(dom, host, "virDomainShutdown") < 0 ||
        testCheckNotDom0(obj, "shut down") < 0 || testCheckGuestUp(obj) < 0 ||
        testDomBeginShutdown(host, obj, false, now) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

static int
testDomainReboot(virDomainPtr dom, unsigned int flags)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj == NULL || testHostRefuses(dom, host, "virDomainReboot") < 0 ||
        testCheckFlags(flags) < 0 || testCheckNotDom0(obj, "rebooted") < 0 ||
        testCheckGuestUp(obj) < 0 ||
        testDomBeginShutdown(host, obj, true, now) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

static int
testDomainDestroy(virDomainPtr dom)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj;
    int ret = -1;

    testSleep(testDelays(dom->conn)->destroyMs);
    /* A preserved domain is shut off but still there: destroy ends it. */
    if ((obj = testDomEnter(dom, &host, &now)) == NULL ||
        testHostRefuses(dom, host, "virDomainDestroy") < 0 ||
        testCheckNotDom0(obj, "destroyed") < 0 ||
        (!obj->preserved && testCheckState(obj, TEST_STATES_ACTIVE) < 0))
        goto cleanup;
    testDomStop(host, obj);
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

/* ---- save, restore and core files ----------------------------------- */

static int
testDomainSave(virDomainPtr dom, const char *to)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj;
    int ret = -1;

    testSleep(testDelays(dom->conn)->saveMs);
    if ((obj = testDomEnter(dom, &host, &now)) == NULL ||
        testCheckNotDom0(obj, "saved") < 0 ||
        testCheckState(obj, TEST_STATES_LIVE) < 0)
        goto cleanup;
    if (testImageWriteSave(to, obj, now) < 0)
        goto cleanup;
    testDomStop(host, obj);
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

static int
testDomainCoreDump(virDomainPtr dom, const char *to, int flags)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj == NULL || testCheckFlags((unsigned int)flags) < 0 ||
        testCheckState(obj, TEST_STATES_ACTIVE) < 0 ||
        testImageWriteCore(to, obj, now) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

/* Starts the domain of @img; takes over img->def on success. */
static int
testRestoreImage(testHost *host, testImage *img, unsigned long long now)
{
    virDomainDef *def = img->def;
    testDomObj *obj;
    virDomainDef *persistentDef = NULL;

    if (testCheckDefForHost(host, def) < 0 ||
        testCheckIdentity(host, def, &obj) < 0)
        return -1;
    if (obj != NULL && testDomIsActive(obj)) {
        virReportError(VIR_ERR_DOM_EXIST, "domain '%s' is already running",
                       obj->name);
        return -1;
    }
    if (testCheckMemoryFree(host, def->name, def->memory) < 0)
        return -1;

    if (obj == NULL) {
        if ((obj = testHostAddDomain(host, def, false)) == NULL)
            return -1;
        if (testDomStart(host, obj, img->state, img->vcpuTime, now) < 0) {
            /* The object gives the definition back to @img. */
            obj->def = NULL;
            testHostRemoveDomain(host, obj);
            return -1;
        }
        img->def = NULL;
        return 0;
    }

    /* A defined domain: the saved definition runs, and the persistent one
     * comes back when it stops. */
    persistentDef = obj->def;
    obj->def = def;
    if (testDomStart(host, obj, img->state, img->vcpuTime, now) < 0) {
        obj->def = persistentDef;
        return -1;
    }
    img->def = NULL;
    if (virDomainDefEqual(persistentDef, def))
        virDomainDefFree(persistentDef);
    else
        obj->nextDef = persistentDef;
    return 0;
}

static int
testDomainRestore(virConnectPtr conn, const char *from)
{
    unsigned long long now;
    testHost *host;
    testImage img;
    int ret = -1;

    memset(&img, 0, sizeof(img));
    testSleep(testDelays(conn)->restoreMs);
    if (testImageReadSave(from, &img) < 0)
        return -1;
    host = testHostEnter(conn, &now);
    ret = testRestoreImage(host, &img, now);
    pthread_mutex_unlock(&host->lock);
    virDomainDefFree(img.def);
    return ret;
}

/* ---- information ---------------------------------------------------- */

static char *
testDomainGetOSType(virDomainPtr dom)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    char *ret = NULL;

    if (obj != NULL && (ret = strdup(obj->def->ostype)) == NULL)
        virReportOOMError();
    testDomLeave(host, dom);
    return ret;
}

static int
testDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj != NULL) {
        info->state = (unsigned char)obj->state;
        info->maxMem = obj->def->maxmem;
        info->memory = obj->def->memory;
        info->nrVirtCpu = (unsigned short)obj->def->vcpus;
        info->cpuTime = testDomCpuTime(obj, now);
        ret = 0;
    }
    testDomLeave(host, dom);
    return ret;
}

static char *
testDomainGetXMLDesc(virDomainPtr dom, int flags)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    char *ret = NULL;

    /* virDomainDefFormat reports its own failures. */
    if (obj != NULL && testCheckFlags((unsigned int)flags) == 0)
        ret = virDomainDefFormat(obj->def, obj->id);
    testDomLeave(host, dom);
    return ret;
}

/* ---- memory --------------------------------------------------------- */

static unsigned long
testDomainGetMaxMemory(virDomainPtr dom)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    unsigned long ret = obj != NULL ? obj->def->maxmem : 0;

    testDomLeave(host, dom);
    return ret;
}

static int
testDomainSetMaxMemory(virDomainPtr dom, unsigned long memory)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj == NULL || testHostRefuses(dom, host, "virDomainSetMaxMemory") < 0)
        goto cleanup;
    if (memory < obj->def->memory) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "maximum memory %lu KiB is below the current "
                             "memory %lu KiB of domain '%s'",
                             memory, obj->def->memory, obj->name);
        goto cleanup;
    }
    if (memory > host->info.memory) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "maximum memory %lu KiB of domain '%s' is above "
                             "the host memory %lu KiB",
                             memory, obj->name, host->info.memory);
        goto cleanup;
    }
    obj->def->maxmem = memory;
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

static int
testDomainSetMemory(virDomainPtr dom, unsigned long memory)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    unsigned long avail;
    int ret = -1;

    if (obj == NULL || testHostRefuses(dom, host, "virDomainSetMemory") < 0)
        goto cleanup;
    if (memory > obj->def->maxmem) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "memory %lu KiB is above the maximum %lu KiB "
                             "of domain '%s'",
                             memory, obj->def->maxmem, obj->name);
        goto cleanup;
    }
    avail = testHostFreeMemory(host);
    if (testDomIsActive(obj) && memory > obj->def->memory &&
        memory - obj->def->memory > avail) {
        virReportDomainError(dom, VIR_ERR_NO_RESOURCES,
                             "domain '%s' needs %lu KiB more memory but the "
                             "host has only %lu KiB free",
                             obj->name, memory - obj->def->memory, avail);
        goto cleanup;
    }
    testDomSetMemory(host, obj, memory);
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

/* ---- virtual cpus --------------------------------------------------- */

static int
testDomainSetVcpus(virDomainPtr dom, unsigned int nvcpus)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj == NULL || testHostRefuses(dom, host, "virDomainSetVcpus") < 0)
        goto cleanup;
    if (nvcpus < 1 || nvcpus > obj->def->maxvcpus) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "vcpu count %u is out of range for domain "
                             "'%s': 1 to its maximum %u",
                             nvcpus, obj->name, obj->def->maxvcpus);
        goto cleanup;
    }
    testDomSetVcpus(obj, nvcpus, now);
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

/* Refuses a cpumap the host cannot honour. */
static int
testCheckCpumap(const testHost *host, const unsigned char *cpumap, int maplen)
{
    unsigned int ncpus = host->info.cpus;
    unsigned int cpu;
    bool any = false;

    if (maplen > VIR_CPU_MAPLEN((int)ncpus)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "cpumap of %d bytes is longer than the %d bytes "
                       "that cover the host's %u cpus",
                       maplen, VIR_CPU_MAPLEN((int)ncpus), ncpus);
        return -1;
    }
    for (cpu = 0; cpu < (unsigned int)maplen * 8; cpu++) {
        if (!((cpumap[cpu / 8] >> (cpu % 8)) & 1))
            continue;
        if (cpu >= ncpus) {
            virReportError(VIR_ERR_INVALID_ARG,
                           "cpumap names cpu %u but the host has %u cpus", cpu,
                           ncpus);
            return -1;
        }
        any = true;
    }
    if (!any) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "cpumap has no usable cpu");
        return -1;
    }
    return 0;
}

static int
testDomainPinVcpu(virDomainPtr dom, unsigned int vcpu,
                  const unsigned char *cpumap, int maplen)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj == NULL || testHostRefuses(dom, host, "virDomainPinVcpu") < 0)
        goto cleanup;
    if (vcpu >= obj->def->maxvcpus) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "vcpu %u is out of range for domain '%s', "
                             "which has %u vcpus",
                             vcpu, obj->name, obj->def->maxvcpus);
        goto cleanup;
    }
    if (testCheckCpumap(host, cpumap, maplen) < 0 ||
        testDefSetPin(obj->def, vcpu, cpumap, (size_t)maplen) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

static int
testDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                   unsigned char *cpumaps, int maplen)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    unsigned int n;
    unsigned int v;
    unsigned int cpu;
    int vstate;
    int ret = -1;

    if (obj == NULL || testCheckState(obj, TEST_STATES_ACTIVE) < 0)
        goto cleanup;
    n = obj->def->maxvcpus;
    if ((unsigned int)maxinfo < n)
        n = (unsigned int)maxinfo;
    /* A paused or crashed guest's vcpus are scheduled nowhere; a blocked
     * one's wait for events. */
    vstate =
        obj->state == VIR_DOMAIN_RUNNING || obj->state == VIR_DOMAIN_SHUTDOWN
            ? VIR_VCPU_RUNNING
            : VIR_VCPU_BLOCKED;
    for (v = 0; v < n; v++) {
        bool online = v < obj->def->vcpus;

        info[v].number = v;
        info[v].state = online ? vstate : VIR_VCPU_OFFLINE;
        info[v].cpuTime = testDomVcpuTime(obj, v, now);
        info[v].cpu = online ? testDomVcpuCpu(host, obj, v) : -1;
    }
    if (cpumaps != NULL) {
        memset(cpumaps, 0, (size_t)n * (size_t)maplen);
        unsigned int last = (unsigned int)maplen * 8;

        if (last > host->info.cpus)
            last = host->info.cpus;
        for (v = 0; v < n; v++) {
            unsigned char *map = VIR_GET_CPUMAP(cpumaps, maplen, v);

            /* Unpinned: every cpu of the host, whole bytes at once. */
            if (testDefFindPin(obj->def, v) == NULL) {
                memset(map, 0xff, last / 8);
                for (cpu = last / 8 * 8; cpu < last; cpu++)
                    VIR_USE_CPU(map, cpu);
                continue;
            }
            for (cpu = 0; cpu < last; cpu++) {
                if (testDomVcpuUsable(host, obj, v, cpu))
                    VIR_USE_CPU(map, cpu);
            }
        }
    }
    ret = (int)n;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

/* ---- devices -------------------------------------------------------- */

static int
testDomainAttachDevice(virDomainPtr dom, const char *xml)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj != NULL)
        ret = virDomainDefAttachDeviceXML(obj->def, xml);
    testDomLeave(host, dom);
    return ret;
}

static int
testDomainDetachDevice(virDomainPtr dom, const char *xml)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    int ret = -1;

    if (obj != NULL)
        ret = virDomainDefDetachDeviceXML(obj->def, xml);
    testDomLeave(host, dom);
    return ret;
}

/* ---- device statistics (libvir_stats.h) ---------------------------- */

/* The dom0 name of interface @i of a domain with id @id: "vifID.I", as
 * Xen's netback names it (Xen gives device ids in config order). */
static void
testNetName(int id, size_t i, char *buf, size_t len)
{
    snprintf(buf, len, "vif%d.%zu", id, i);
}

/* The counters of device @i of @kind of @obj at @now; the host is
 * locked.  A disk's workload is found by its target, an interface's by
 * its MAC address: the key that stays when the domain restarts. */
static void
testObjDeviceCounters(const testDomObj *obj, testIOKind kind, size_t i,
                      unsigned long long now,
                      unsigned long long c[TEST_IO_NCOUNTERS])
{
    char mac[VIR_MAC_STRING_BUFLEN];
    const char *key = mac;

    if (kind == TEST_IO_DISK)
        key = obj->def->disks[i].target;
    else
        virMacFormat(obj->def->nets[i].mac, mac);
    testIOCounters(testIOProfileFind(obj->io, obj->nio, kind, key),
                   obj->loadedRun, testDomRunTime(obj, now), c);
}

/* Reads the counters of the device @name of @kind of @dom at the
 * present.  -1 with an error when the domain does not run or has no
 * such device. */
static int
testDeviceCounters(virDomainPtr dom, testIOKind kind, const char *name,
                   unsigned long long c[TEST_IO_NCOUNTERS])
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    const virDomainDef *def;
    unsigned char mac[VIR_MAC_BUFLEN];
    char vif[32];
    size_t n = 0;
    size_t i;
    int ret = -1;

    if (obj == NULL || testCheckState(obj, TEST_STATES_ACTIVE) < 0)
        goto cleanup;
    def = obj->def;
    if (kind == TEST_IO_DISK) {
        n = def->ndisks;
        for (i = 0; i < n; i++) {
            if (strcmp(def->disks[i].target, name) == 0)
                break;
        }
    } else {
        bool byMac = virMacParse(name, mac) == 0;

        n = def->nnets;
        for (i = 0; i < n; i++) {
            testNetName(obj->id, i, vif, sizeof(vif));
            if (byMac ? memcmp(def->nets[i].mac, mac, VIR_MAC_BUFLEN) == 0
                      : strcmp(vif, name) == 0)
                break;
        }
    }
    if (i == n) {
        virReportError(VIR_ERR_INVALID_ARG, "domain '%s' has no %s '%s'",
                       obj->name, kind == TEST_IO_DISK ? "disk" : "interface",
                       name);
        goto cleanup;
    }
    testObjDeviceCounters(obj, kind, i, now, c);
    ret = 0;

cleanup:
    testDomLeave(host, dom);
    return ret;
}

/* Where a counter of the simulation goes in one of libvirt's structs:
 * the member at @offset gets counter @counter divided by @divisor. */
typedef struct {
    size_t offset;
    int counter;
    unsigned int divisor;
} testStatField;

#define TEST_FIELD(type, member, counter, divisor) \
    {                                              \
        offsetof(type, member), counter, divisor   \
    }

/* errs is not there: it stays -1, as Xen's block backend keeps no such
 * count. */
static const testStatField testBlockFields[] = {
    TEST_FIELD(virDomainBlockStatsStruct, rd_req, TEST_IO_RD_REQ, 1),
    TEST_FIELD(virDomainBlockStatsStruct, rd_bytes, TEST_IO_RD_BYTES, 1),
    TEST_FIELD(virDomainBlockStatsStruct, wr_req, TEST_IO_WR_REQ, 1),
    TEST_FIELD(virDomainBlockStatsStruct, wr_bytes, TEST_IO_WR_BYTES, 1),
};

static const testStatField testBlockXenFields[] = {
    TEST_FIELD(virDomainBlockStatsXenStruct, rd_req, TEST_IO_RD_REQ, 1),
    TEST_FIELD(virDomainBlockStatsXenStruct, rd_sect, TEST_IO_RD_BYTES, 512),
    TEST_FIELD(virDomainBlockStatsXenStruct, wr_req, TEST_IO_WR_REQ, 1),
    TEST_FIELD(virDomainBlockStatsXenStruct, wr_sect, TEST_IO_WR_BYTES, 512),
    TEST_FIELD(virDomainBlockStatsXenStruct, oo_req, TEST_IO_OO_REQ, 1),
    TEST_FIELD(virDomainBlockStatsXenStruct, f_req, TEST_IO_F_REQ, 1),
    TEST_FIELD(virDomainBlockStatsXenStruct, ds_req, TEST_IO_DS_REQ, 1),
};

/* The interface counters are in the struct's order. */
static const testStatField testNetFields[] = {
    TEST_FIELD(virDomainInterfaceStatsStruct, rx_bytes, TEST_IO_RX_BYTES, 1),
    TEST_FIELD(virDomainInterfaceStatsStruct, rx_packets, TEST_IO_RX_PACKETS,
               1),
    TEST_FIELD(virDomainInterfaceStatsStruct, rx_errs, TEST_IO_RX_ERRS, 1),
    TEST_FIELD(virDomainInterfaceStatsStruct, rx_drop, TEST_IO_RX_DROP, 1),
    TEST_FIELD(virDomainInterfaceStatsStruct, tx_bytes, TEST_IO_TX_BYTES, 1),
    TEST_FIELD(virDomainInterfaceStatsStruct, tx_packets, TEST_IO_TX_PACKETS,
               1),
    TEST_FIELD(virDomainInterfaceStatsStruct, tx_errs, TEST_IO_TX_ERRS, 1),
    TEST_FIELD(virDomainInterfaceStatsStruct, tx_drop, TEST_IO_TX_DROP, 1),
};

/* Sets the @n @fields of @stats from the counters @c. */
static void
testStatsSet(const unsigned long long c[TEST_IO_NCOUNTERS], void *stats,
             const testStatField *fields, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned long long v = c[fields[i].counter] / fields[i].divisor;
        /* The long long of libvirt's structs. */
        long long value =
            v > (unsigned long long)LLONG_MAX ? LLONG_MAX : (long long)v;

        memcpy((char *)stats + fields[i].offset, &value, sizeof(value));
    }
}

/* Fills the @n @fields of @stats from the device @name's counters. */
static int
testFillStats(virDomainPtr dom, testIOKind kind, const char *name, void *stats,
              const testStatField *fields, size_t n)
{
    unsigned long long c[TEST_IO_NCOUNTERS];

    if (testDeviceCounters(dom, kind, name, c) < 0)
        return -1;
    testStatsSet(c, stats, fields, n);
    return 0;
}

#define TEST_NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static int
testDomainBlockStats(virDomainPtr dom, const char *disk,
                     virDomainBlockStatsPtr stats)
{
    return testFillStats(dom, TEST_IO_DISK, disk, stats, testBlockFields,
                         TEST_NFIELDS(testBlockFields));
}

static int
testDomainBlockStatsXen(virDomainPtr dom, const char *disk,
                        virDomainBlockStatsXenPtr stats)
{
    return testFillStats(dom, TEST_IO_DISK, disk, stats, testBlockXenFields,
                         TEST_NFIELDS(testBlockXenFields));
}

static int
testDomainInterfaceStats(virDomainPtr dom, const char *device,
                         virDomainInterfaceStatsPtr stats)
{
    return testFillStats(dom, TEST_IO_NET, device, stats, testNetFields,
                         TEST_NFIELDS(testNetFields));
}

/* The names of the devices of @kind of @dom (none while it does not
 * run) into a new NULL-terminated *@names, unless @names is NULL. */
static int
testListDevices(virDomainPtr dom, testIOKind kind, char ***names)
{
    unsigned long long now;
    testHost *host;
    testDomObj *obj = testDomEnter(dom, &host, &now);
    char **list = NULL;
    char vif[32];
    size_t n = 0;
    size_t i;
    int ret = -1;

    if (obj == NULL)
        goto cleanup;
    if (testDomIsActive(obj))
        n = kind == TEST_IO_DISK ? obj->def->ndisks : obj->def->nnets;
    if (names != NULL) {
        if ((list = calloc(n + 1, sizeof(*list))) == NULL)
            goto oom;
        for (i = 0; i < n; i++) {
            if (kind == TEST_IO_NET)
                testNetName(obj->id, i, vif, sizeof(vif));
            list[i] =
                strdup(kind == TEST_IO_DISK ? obj->def->disks[i].target : vif);
            if (list[i] == NULL)
                goto oom;
        }
        *names = list;
        list = NULL;
    }
    ret = (int)n;
    goto cleanup;

oom:
    virReportOOMError();
cleanup:
    for (i = 0; list != NULL && list[i] != NULL; i++)
        free(list[i]);
    free(list);
    testDomLeave(host, dom);
    return ret;
}

static int
testDomainListBlockDevices(virDomainPtr dom, char ***names)
{
    return testListDevices(dom, TEST_IO_DISK, names);
}

static int
testDomainListInterfaces(virDomainPtr dom, char ***names)
{
    return testListDevices(dom, TEST_IO_NET, names);
}

/* The record of the active domain @obj at @now for
 * virConnectGetAllDomainIOStats: its devices as testListDevices lists
 * them, their counters as the statistics calls read them (-1 while those
 * refuse: a domain kept after it stopped).  NULL with an error. */
static virDomainIOStatsRecordPtr
testIORecord(virConnectPtr conn, const testDomObj *obj, unsigned long long now)
{
    const virDomainDef *def = obj->def;
    bool readable = (TEST_STATES_ACTIVE & TEST_STATE_BIT(obj->state)) != 0;
    unsigned long long c[TEST_IO_NCOUNTERS];
    virDomainIOStatsRecordPtr rec;
    virDomainPtr dom;
    size_t namebytes = 0;
    char vif[32];
    size_t i;

    /* Room for the longest interface name each: one snprintf per name
     * is a good part of the cost of thousands of interfaces. */
    for (i = 0; i < def->ndisks; i++)
        namebytes += strlen(def->disks[i].target) + 1;
    namebytes += def->nnets * sizeof(vif);
    if ((dom = testDomHandle(conn, obj)) == NULL ||
        (rec = virIOStatsRecordNew(dom, obj->id, def->ndisks, def->nnets,
                                   namebytes)) == NULL)
        return NULL;
    /* The room was counted from the same names: they fit. */
    for (i = 0; i < def->ndisks; i++) {
        rec->disks[i].name = virIOStatsRecordName(rec, def->disks[i].target);
        if (!readable)
            continue;
        testObjDeviceCounters(obj, TEST_IO_DISK, i, now, c);
        testStatsSet(c, &rec->disks[i].stats, testBlockXenFields,
                     TEST_NFIELDS(testBlockXenFields));
    }
    for (i = 0; i < def->nnets; i++) {
        testNetName(obj->id, i, vif, sizeof(vif));
        rec->ifaces[i].name = virIOStatsRecordName(rec, vif);
        if (!readable)
            continue;
        testObjDeviceCounters(obj, TEST_IO_NET, i, now, c);
        testStatsSet(c, &rec->ifaces[i].stats, testNetFields,
                     TEST_NFIELDS(testNetFields));
    }
    return rec;
}

static int
testCompareDomId(const void *a, const void *b)
{
    int x = (*(const testDomObj *const *)a)->id;
    int y = (*(const testDomObj *const *)b)->id;

    return (x > y) - (x < y);
}

/* Every active domain's devices and counters, in one pass under the
 * host's lock: one moment for all of them, as a real collection is. */
static int
testConnectGetAllDomainIOStats(virConnectPtr conn,
                               virDomainIOStatsRecordPtr **records)
{
    unsigned long long now;
    testHost *host = testHostEnter(conn, &now);
    virDomainIOStatsRecordPtr *list = NULL;
    const testDomObj **active = NULL;
    size_t n = 0;
    size_t i;
    int ret = -1;

    if (testHostReachable(conn, host) < 0)
        goto cleanup;
    if ((active = malloc((host->ndoms + 1) * sizeof(*active))) == NULL)
        goto oom;
    for (i = 0; i < host->ndoms; i++) {
        if (testDomIsActive(host->doms[i]))
            active[n++] = host->doms[i];
    }
    /* The order of virConnectListDomains. */
    qsort(active, n, sizeof(*active), testCompareDomId);
    if ((list = calloc(n + 1, sizeof(*list))) == NULL)
        goto oom;
    for (i = 0; i < n; i++) {
        if ((list[i] = testIORecord(conn, active[i], now)) == NULL)
            goto cleanup;
    }
    *records = list;
    list = NULL;
    ret = (int)n;
    goto cleanup;

oom:
    virReportOOMError();
cleanup:
    virIOStatsListFree(list);
    free(active);
    pthread_mutex_unlock(&host->lock);
    return ret;
}

/* ---- the driver table ----------------------------------------------- */

static const virDriver testDriver = {
    .name = "test",
    .type = "Test",
    .typeVersion = LIBVIR_VERSION_NUMBER,

    .connectOpen = testConnectOpen,
    .connectClose = testConnectClose,
    .connectGetType = testConnectGetType,
    .connectGetVersion = testConnectGetVersion,
    .nodeGetInfo = testNodeGetInfo,
    .connectListDomains = testConnectListDomains,
    .connectNumOfDomains = testConnectNumOfDomains,
    .connectListDefinedDomains = testConnectListDefinedDomains,
    .connectNumOfDefinedDomains = testConnectNumOfDefinedDomains,

    .domainCreateLinux = testDomainCreateLinux,
    .domainLookupByID = testDomainLookupByID,
    .domainLookupByUUID = testDomainLookupByUUID,
    .domainLookupByName = testDomainLookupByName,
    .domainDefineXML = testDomainDefineXML,
    .domainUndefine = testDomainUndefine,
    .domainCreate = testDomainCreate,
    .domainSuspend = testDomainSuspend,
    .domainResume = testDomainResume,
    .domainShutdown = testDomainShutdown,
    .domainReboot = testDomainReboot,
    .domainDestroy = testDomainDestroy,
    .domainSave = testDomainSave,
    .domainRestore = testDomainRestore,
    .domainCoreDump = testDomainCoreDump,
    .domainGetID = testDomainGetID,
    .domainGetOSType = testDomainGetOSType,
    .domainGetInfo = testDomainGetInfo,
    .domainGetXMLDesc = testDomainGetXMLDesc,
    .domainGetMaxMemory = testDomainGetMaxMemory,
    .domainSetMaxMemory = testDomainSetMaxMemory,
    .domainSetMemory = testDomainSetMemory,
    .domainSetVcpus = testDomainSetVcpus,
    .domainPinVcpu = testDomainPinVcpu,
    .domainGetVcpus = testDomainGetVcpus,
    .domainAttachDevice = testDomainAttachDevice,
    .domainDetachDevice = testDomainDetachDevice,
    .domainBlockStats = testDomainBlockStats,
    .domainBlockStatsXen = testDomainBlockStatsXen,
    .domainInterfaceStats = testDomainInterfaceStats,
    .domainListBlockDevices = testDomainListBlockDevices,
    .domainListInterfaces = testDomainListInterfaces,
    .connectGetAllDomainIOStats = testConnectGetAllDomainIOStats,
};

const virDriver *
testGetDriver(void)
{
    return &testDriver;
}
