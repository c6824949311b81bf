/*
 * test_domain.c: the state and time model of the simulated host (see
 * test_domain.h).
 *
 * Invariants kept here, relied on by test_driver.c:
 *  - every domain is in host->doms at obj->index and in byName/byUUID;
 *  - a domain is active iff state != SHUTOFF or it is preserved (shut
 *    off by its guest, kept until destroyed); an active domain has an id
 *    >= 0 indexed in byID, a vcpuTime array, and its current memory
 *    counted in host->usedMemory;
 *  - a domain is in host->pending iff it is in SHUTDOWN;
 *  - a transient domain is always active (it is removed when it stops).
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_domain.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define NS_PER_MS 1000000ULL

/* Bounds of the per-vcpu load, in thousandths of one physical cpu:
 * enough spread for graphs to differ, never idle, never pegged. */
#define TEST_LOAD_MIN 20
#define TEST_LOAD_MAX 600

unsigned long long
testNow(void)
{
    struct timespec ts;

    /* CLOCK_MONOTONIC cannot fail on the systems we build for. */
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ULL +
           (unsigned long long)ts.tv_nsec;
}

/* ---- cpu time ------------------------------------------------------- */

/* The load of one vcpu, derived from the domain name so that it is the
 * same in every run and every process (FNV-1a). */
static unsigned int
testVcpuLoad(const char *name, unsigned int vcpu)
{
    uint32_t h = 2166136261u;
    const unsigned char *p;
    size_t i;

    for (p = (const unsigned char *)name; *p != '\0'; p++)
        h = (h ^ *p) * 16777619u;
    for (i = 0; i < sizeof(vcpu); i++)
        h = (h ^ ((vcpu >> (8 * i)) & 0xffu)) * 16777619u;
    return TEST_LOAD_MIN + h % (TEST_LOAD_MAX - TEST_LOAD_MIN + 1);
}

/* @elapsed * @load / 1000 without overflowing for years of uptime. */
static unsigned long long
testScale(unsigned long long elapsed, unsigned int load)
{
    return elapsed / 1000 * load + elapsed % 1000 * load / 1000;
}

/* Whether the vcpus of a domain in @state consume cpu time.  A domain
 * being shut down still runs its guest's shutdown. */
static bool
testStateRuns(virDomainState state)
{
    return state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_BLOCKED ||
           state == VIR_DOMAIN_SHUTDOWN;
}

unsigned long long
testDomVcpuTime(const testDomObj *obj, unsigned int vcpu,
                unsigned long long now)
{
    unsigned long long t;

    if (obj->vcpuTime == NULL || vcpu >= obj->def->maxvcpus)
        return 0;
    t = obj->vcpuTime[vcpu];
    if (testStateRuns(obj->state) && vcpu < obj->def->vcpus && now > obj->since)
        t += testScale(now - obj->since, testVcpuLoad(obj->name, vcpu));
    return t;
}

unsigned long long
testDomCpuTime(const testDomObj *obj, unsigned long long now)
{
    unsigned long long sum = 0;
    unsigned int v;

    if (obj->vcpuTime == NULL)
        return 0;
    for (v = 0; v < obj->def->maxvcpus; v++)
        sum += testDomVcpuTime(obj, v, now);
    return sum;
}

unsigned long long
testDomRunTime(const testDomObj *obj, unsigned long long now)
{
    unsigned long long t = obj->runNs;

    if (obj->vcpuTime == NULL)
        return 0;
    if (testStateRuns(obj->state) && now > obj->since)
        t += now - obj->since;
    return t;
}

/* Banks the time used so far, before anything that changes how fast it
 * grows (state, online vcpus). */
static void
testDomFold(testDomObj *obj, unsigned long long now)
{
    unsigned int v;

    if (obj->vcpuTime == NULL)
        return;
    for (v = 0; v < obj->def->maxvcpus; v++)
        obj->vcpuTime[v] = testDomVcpuTime(obj, v, now);
    obj->runNs = testDomRunTime(obj, now);
    if (now > obj->since)
        obj->since = now;
}

void
testDomSetVcpus(testDomObj *obj, unsigned int nvcpus, unsigned long long now)
{
    testDomFold(obj, now);
    obj->def->vcpus = nvcpus;
}

void
testDomSetState(testDomObj *obj, virDomainState state, unsigned long long now)
{
    testDomFold(obj, now);
    obj->state = state;
}

/* ---- vcpu placement ------------------------------------------------- */

const virDomainVcpuPinDef *
testDefFindPin(const virDomainDef *def, unsigned int vcpu)
{
    size_t i;

    for (i = 0; i < def->npins; i++) {
        if (def->pins[i].vcpu == vcpu)
            return &def->pins[i];
    }
    return NULL;
}

bool
testDomVcpuUsable(const testHost *host, const testDomObj *obj,
                  unsigned int vcpu, unsigned int cpu)
{
    const virDomainVcpuPinDef *pin = testDefFindPin(obj->def, vcpu);

    if (cpu >= host->info.cpus)
        return false;
    if (pin == NULL)
        return true;
    return cpu / 8 < pin->maplen && (pin->cpumap[cpu / 8] >> (cpu % 8)) & 1;
}

int
testDomVcpuCpu(const testHost *host, const testDomObj *obj, unsigned int vcpu)
{
    const virDomainVcpuPinDef *pin = testDefFindPin(obj->def, vcpu);
    unsigned int cpus = host->info.cpus;
    unsigned int cpu;
    unsigned int nusable = 0;
    unsigned int k;

    if (cpus == 0)
        return 0;
    /* Unpinned, every cpu is usable: the spread below comes to this, and
     * a refresh of thousands of vcpus should not scan each cpu. */
    if (pin == NULL)
        return (int)(vcpu % cpus);
    for (cpu = 0; cpu < cpus; cpu++) {
        if (testDomVcpuUsable(host, obj, vcpu, cpu))
            nusable++;
    }
    /* Pins are checked against the host, so this is only a safety net. */
    if (nusable == 0)
        return (int)(vcpu % cpus);

    /* Spread the vcpus of a domain over the cpus they may use. */
    k = vcpu % nusable;
    for (cpu = 0; cpu < cpus; cpu++) {
        if (testDomVcpuUsable(host, obj, vcpu, cpu) && k-- == 0)
            break;
    }
    return (int)cpu;
}

int
testDefSetPin(virDomainDef *def, unsigned int vcpu, const unsigned char *map,
              size_t maplen)
{
    virDomainVcpuPinDef *pins;
    unsigned char *copy;
    size_t len = maplen;
    size_t i;

    /* Keep only the bytes up to the highest cpu named, as the parser
     * does, so that equal pinnings compare equal. */
    while (len > 1 && map[len - 1] == 0)
        len--;
    if ((copy = malloc(len)) == NULL)
        goto oom;
    memcpy(copy, map, len);

    for (i = 0; i < def->npins && def->pins[i].vcpu < vcpu; i++)
        ;
    if (i < def->npins && def->pins[i].vcpu == vcpu) {
        free(def->pins[i].cpumap);
        def->pins[i].cpumap = copy;
        def->pins[i].maplen = len;
        return 0;
    }

    pins = realloc(def->pins, (def->npins + 1) * sizeof(*pins));
    if (pins == NULL) {
        free(copy);
        goto oom;
    }
    def->pins = pins;
    memmove(&pins[i + 1], &pins[i], (def->npins - i) * sizeof(*pins));
    pins[i].vcpu = vcpu;
    pins[i].cpumap = copy;
    pins[i].maplen = len;
    def->npins++;
    return 0;

oom:
    virReportOOMError();
    return -1;
}

/* ---- lookups and accounting ----------------------------------------- */

testDomObj *
testHostFindByName(const testHost *host, const char *name)
{
    return virHashLookup(host->byName, name);
}

testDomObj *
testHostFindByUUID(const testHost *host, const unsigned char *uuid)
{
    return virHashLookup(host->byUUID, uuid);
}

testDomObj *
testHostFindByID(const testHost *host, int id)
{
    return virHashLookup(host->byID, &id);
}

unsigned long
testHostFreeMemory(const testHost *host)
{
    if (host->usedMemory >= host->info.memory)
        return 0;
    return host->info.memory - host->usedMemory;
}

bool
testDomIsActive(const testDomObj *obj)
{
    return obj->state != VIR_DOMAIN_SHUTOFF || obj->preserved;
}

void
testDomSetMemory(testHost *host, testDomObj *obj, unsigned long memory)
{
    if (testDomIsActive(obj))
        host->usedMemory = host->usedMemory - obj->def->memory + memory;
    obj->def->memory = memory;
}

/* ---- adding and removing domains ------------------------------------ */

static void
testDomObjFree(testDomObj *obj)
{
    if (obj == NULL)
        return;
    virDomainDefFree(obj->def);
    virDomainDefFree(obj->nextDef);
    testIOProfilesFree(obj->io, obj->nio);
    free(obj->vcpuTime);
    free(obj->name);
    free(obj);
}

testDomObj *
testHostAddDomain(testHost *host, virDomainDef *def, bool persistent)
{
    testDomObj *obj = NULL;
    testDomObj **doms;
    size_t n;

    if (host->ndoms == host->adoms) {
        n = host->adoms ? host->adoms * 2 : 16;
        if ((doms = realloc(host->doms, n * sizeof(*doms))) == NULL)
            goto oom;
        host->doms = doms;
        host->adoms = n;
    }
    if ((obj = calloc(1, sizeof(*obj))) == NULL ||
        (obj->name = strdup(def->name)) == NULL)
        goto oom;
    memcpy(obj->uuid, def->uuid, VIR_UUID_BUFLEN);
    obj->id = -1;
    obj->state = VIR_DOMAIN_SHUTOFF;
    obj->persistent = persistent;
    obj->pendingIdx = SIZE_MAX;

    if (virHashAdd(host->byName, obj->name, obj) != 0)
        goto error;
    if (virHashAdd(host->byUUID, obj->uuid, obj) != 0) {
        virHashSteal(host->byName, obj->name);
        goto error;
    }
    obj->def = def;
    obj->index = host->ndoms;
    host->doms[host->ndoms++] = obj;
    return obj;

oom:
    virReportOOMError();
error:
    testDomObjFree(obj);
    return NULL;
}

void
testHostRemoveDomain(testHost *host, testDomObj *obj)
{
    testDomObj *last = host->doms[host->ndoms - 1];

    virHashSteal(host->byName, obj->name);
    virHashSteal(host->byUUID, obj->uuid);
    last->index = obj->index;
    host->doms[obj->index] = last;
    host->ndoms--;
    testDomObjFree(obj);
}

/* ---- life cycle ----------------------------------------------------- */

static void
testPendingRemove(testHost *host, testDomObj *obj)
{
    testDomObj *last;

    if (obj->pendingIdx == SIZE_MAX)
        return;
    last = host->pending[host->npending - 1];
    last->pendingIdx = obj->pendingIdx;
    host->pending[obj->pendingIdx] = last;
    host->npending--;
    obj->pendingIdx = SIZE_MAX;
}

int
testDomStart(testHost *host, testDomObj *obj, virDomainState state,
             const unsigned long long *vcpuTime, unsigned long long now)
{
    unsigned long long *times;
    size_t n = obj->def->maxvcpus;

    if ((times = calloc(n, sizeof(*times))) == NULL) {
        virReportOOMError();
        return -1;
    }
    if (vcpuTime != NULL)
        memcpy(times, vcpuTime, n * sizeof(*times));
    obj->id = host->nextId;
    if (virHashAdd(host->byID, &obj->id, obj) != 0) {
        obj->id = -1;
        free(times);
        return -1;
    }
    host->nextId++;
    obj->vcpuTime = times;
    obj->since = now;
    obj->runNs = 0;
    obj->loadedRun = false;
    obj->state = state;
    host->usedMemory += obj->def->memory;
    return 0;
}

bool
testDomStop(testHost *host, testDomObj *obj)
{
    testPendingRemove(host, obj);
    if (obj->id >= 0)
        virHashSteal(host->byID, &obj->id);
    obj->id = -1;
    host->usedMemory -= obj->def->memory;
    obj->state = VIR_DOMAIN_SHUTOFF;
    obj->rebooting = false;
    obj->preserved = false;
    free(obj->vcpuTime);
    obj->vcpuTime = NULL;

    if (!obj->persistent) {
        testHostRemoveDomain(host, obj);
        return true;
    }
    if (obj->nextDef != NULL) {
        virDomainDefFree(obj->def);
        obj->def = obj->nextDef;
        obj->nextDef = NULL;
    }
    return false;
}

int
testDomBeginShutdown(testHost *host, testDomObj *obj, bool reboot,
                     unsigned long long now)
{
    unsigned int ms = reboot ? host->delays.rebootMs : host->delays.shutdownMs;
    testDomObj **pending;
    size_t n;

    if (host->npending == host->apending) {
        n = host->apending ? host->apending * 2 : 16;
        if ((pending = realloc(host->pending, n * sizeof(*pending))) == NULL) {
            virReportOOMError();
            return -1;
        }
        host->pending = pending;
        host->apending = n;
    }
    testDomSetState(obj, VIR_DOMAIN_SHUTDOWN, now);
    obj->rebooting = reboot;
    obj->deadline = now + ms * NS_PER_MS;
    obj->seq = host->nextSeq++;
    obj->pendingIdx = host->npending;
    host->pending[host->npending++] = obj;
    if (host->npending == 1 || obj->deadline < host->nextDeadline)
        host->nextDeadline = obj->deadline;
    return 0;
}

/* The guest came back from a reboot at @when: a fresh id, cpu time from
 * zero, running. */
static void
testDomRestart(testHost *host, testDomObj *obj, unsigned long long when)
{
    virHashSteal(host->byID, &obj->id);
    obj->id = host->nextId++;
    if (virHashAdd(host->byID, &obj->id, obj) != 0) {
        /* Out of memory: a real host that cannot restart a guest leaves
         * it shut off. */
        obj->id = -1;
        testDomStop(host, obj);
        return;
    }
    memset(obj->vcpuTime, 0, obj->def->maxvcpus * sizeof(*obj->vcpuTime));
    obj->since = when;
    obj->runNs = 0;
    obj->loadedRun = false;
    obj->state = VIR_DOMAIN_RUNNING;
    obj->rebooting = false;
}

static int
testPendingCompare(const void *a, const void *b)
{
    const testDomObj *x = *(testDomObj *const *)a;
    const testDomObj *y = *(testDomObj *const *)b;

    if (x->deadline != y->deadline)
        return x->deadline < y->deadline ? -1 : 1;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return 0;
}

void
testHostTick(testHost *host, unsigned long long now)
{
    size_t ndue;
    size_t i;

    if (host->npending == 0 || now < host->nextDeadline)
        return;

    /* Due transitions happen in deadline order, so that ids are handed
     * out as they would have been; sorting the whole list keeps the rest
     * ready for the next deadline. */
    qsort(host->pending, host->npending, sizeof(*host->pending),
          testPendingCompare);
    for (ndue = 0;
         ndue < host->npending && host->pending[ndue]->deadline <= now; ndue++)
        host->pending[ndue]->pendingIdx = SIZE_MAX;

    for (i = 0; i < ndue; i++) {
        testDomObj *obj = host->pending[i];

        virDomainRestart action =
            obj->rebooting ? obj->def->onReboot : obj->def->onPoweroff;

        if (action == VIR_DOMAIN_PRESERVE) {
            testDomFold(obj, obj->deadline);
            obj->state = VIR_DOMAIN_SHUTOFF;
            obj->rebooting = false;
            obj->preserved = true;
        } else if (action == VIR_DOMAIN_DESTROY) {
            testDomStop(host, obj);
        } else {
            testDomRestart(host, obj, obj->deadline);
        }
    }

    memmove(host->pending, host->pending + ndue,
            (host->npending - ndue) * sizeof(*host->pending));
    host->npending -= ndue;
    for (i = 0; i < host->npending; i++)
        host->pending[i]->pendingIdx = i;
    if (host->npending > 0)
        host->nextDeadline = host->pending[0]->deadline;
}

/* ---- the host ------------------------------------------------------- */

/* Makes one domain of the node file live: its id, its cpu time spread
 * over its online vcpus. */
static int
testHostLoadActive(testHost *host, testDomObj *obj, int id,
                   virDomainState state, unsigned long long cpuTime,
                   unsigned long long now)
{
    unsigned int online = obj->def->vcpus;
    unsigned int v;

    if ((obj->vcpuTime = calloc(obj->def->maxvcpus, sizeof(*obj->vcpuTime))) ==
        NULL) {
        virReportOOMError();
        return -1;
    }
    obj->id = id;
    if (virHashAdd(host->byID, &obj->id, obj) != 0) {
        obj->id = -1;
        if (!virErrorIsSet())
            virReportError(VIR_ERR_CONFIG_INVALID, "two domains have the id %d",
                           id);
        return -1;
    }
    for (v = 0; v < online; v++)
        obj->vcpuTime[v] = cpuTime / online;
    obj->vcpuTime[0] += cpuTime % online;
    obj->since = now;
    obj->runNs = 0;
    obj->loadedRun = true;
    obj->state = state;
    obj->dom0 = id == 0;
    host->usedMemory += obj->def->memory;
    if (id >= host->nextId)
        host->nextId = id + 1;
    return 0;
}

testHost *
testHostNew(testNodeDef *node, unsigned long long now)
{
    testHost *host;
    size_t i;

    if ((host = calloc(1, sizeof(*host))) == NULL) {
        virReportOOMError();
        return NULL;
    }
    if (pthread_mutex_init(&host->lock, NULL) != 0) {
        free(host);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "cannot initialize the test host's lock");
        return NULL;
    }
    host->nextId = 1;
    host->hvVersion = node->hvVersion;
    host->info = node->info;
    host->delays = node->delays;
    host->outageFile = node->outageFile;
    node->outageFile = NULL;
    host->faultFile = node->faultFile;
    node->faultFile = NULL;
    host->hvType = strdup(node->hvType != NULL ? node->hvType : "Xen");
    host->byName = virHashNew(0);
    host->byUUID = virHashNew(VIR_UUID_BUFLEN);
    host->byID = virHashNew(sizeof(int));
    if (host->hvType == NULL) {
        virReportOOMError();
        goto error;
    }
    if (host->byName == NULL || host->byUUID == NULL || host->byID == NULL)
        goto error;

    for (i = 0; i < node->ndoms; i++) {
        testNodeDomain *nd = &node->doms[i];
        testDomObj *obj;
        int id = nd->def->id;
        bool active = nd->state != VIR_DOMAIN_SHUTOFF;

        if (testHostFindByName(host, nd->def->name) != NULL ||
            testHostFindByUUID(host, nd->def->uuid) != NULL) {
            virReportError(VIR_ERR_CONFIG_INVALID,
                           "two domains are named '%s' or share its uuid",
                           nd->def->name);
            goto error;
        }
        /* A transient domain that does not run would vanish at once, so a
         * shut-off one is persistent whatever the file says. */
        if ((obj = testHostAddDomain(host, nd->def,
                                     nd->persistent || !active)) == NULL)
            goto error;
        nd->def = NULL;
        obj->io = nd->io;
        obj->nio = nd->nio;
        nd->io = NULL;
        nd->nio = 0;
        /* The id lives in the object; the definition's is unused. */
        obj->def->id = -1;
        if (active &&
            testHostLoadActive(host, obj, id, nd->state, nd->cpuTime, now) < 0)
            goto error;
    }
    return host;

error:
    testHostFree(host);
    return NULL;
}

void
testHostFree(testHost *host)
{
    size_t i;

    if (host == NULL)
        return;
    for (i = 0; i < host->ndoms; i++)
        testDomObjFree(host->doms[i]);
    free(host->doms);
    free(host->pending);
    virHashFree(host->byName);
    virHashFree(host->byUUID);
    virHashFree(host->byID);
    free(host->hvType);
    free(host->outageFile);
    free(host->faultFile);
    pthread_mutex_destroy(&host->lock);
    free(host);
}
