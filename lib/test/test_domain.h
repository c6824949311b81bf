/*
 * test_domain.h: the state and time model of the test driver's simulated
 * host: its domains, their indexes, their life cycle and their clocks.
 *
 * test_driver.c holds the driver entry points, the process-wide registry
 * of shared hosts, the policy checks and the save and core files; this
 * module holds what they act on.  Nothing here locks (the caller holds
 * host->lock) and nothing here checks policy (Domain-0, state
 * preconditions, memory limits): functions here fail only when memory
 * runs out, and report it.
 *
 * Time: no thread and no timer.  A domain's pending transition (the end
 * of a shutdown or a reboot) is due at a deadline on CLOCK_MONOTONIC, and
 * testHostTick() carries out every transition that is due; the driver
 * calls it on entry to every operation, so each caller sees the host as
 * it is "now".  Cpu time is a pure function of the clock: per vcpu, the
 * time folded so far plus the time elapsed since the last fold times the
 * vcpu's load factor, for as long as the vcpu runs.
 */

#ifndef LIBVIR_TEST_DOMAIN_H
#define LIBVIR_TEST_DOMAIN_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "libvir.h"
#include "datatypes.h"
#include "domain_conf.h"
#include "hash.h"
#include "test_io.h"
#include "test_node.h"

/* Most vcpus a domain may have on the simulated host (Xen's limit for a
 * PV guest). */
#define TEST_MAX_VCPUS 128

typedef struct _testDomObj testDomObj;

struct _testDomObj {
    char *name;                          /* index key, immutable */
    unsigned char uuid[VIR_UUID_BUFLEN]; /* index key, immutable */
    int id;                /* index key while >= 0; -1 when shut off
                                  * (or, transiently, unindexed) */
    virDomainDef *def;     /* what runs; shut off: what would run */
    virDomainDef *nextDef; /* persistent definition that replaces
                                  * @def when the domain stops; NULL when
                                  * @def is it */
    virDomainState state;
    bool persistent;              /* false: removed when it stops */
    bool dom0;                    /* the host's Domain-0 */
    unsigned long long *vcpuTime; /* def->maxvcpus entries, ns folded up
                                    * to @since; NULL when shut off */
    unsigned long long since;     /* monotonic ns of the last fold */
    unsigned long long runNs;     /* ns run in this start up to @since:
                                    * what I/O counters grow with */
    bool loadedRun;               /* this run is the one the node file
                                    * described: its counters count */
    testIOProfile *io;            /* the devices' workloads, kept across
                                    * restarts and redefinitions */
    size_t nio;
    bool rebooting; /* in SHUTDOWN: comes back up */
    bool preserved; /* stopped, kept by an on_poweroff or on_reboot of
                     * "preserve": SHUTOFF with its id, memory and cpu
                     * time until destroyed, as on Xen */
    unsigned long long deadline; /* in SHUTDOWN: when that completes */
    unsigned long long seq;      /* orders transitions due together */
    size_t pendingIdx;           /* in host->pending, SIZE_MAX if none */
    size_t index;                /* in host->doms */
};

typedef struct _testHost testHost;

struct _testHost {
    pthread_mutex_t lock; /* held by every driver entry point */

    char *hvType; /* lives as long as the host, which
                                  * outlives all its connections */
    unsigned long hvVersion;
    virNodeInfo info;
    testNodeDelays delays;
    char *outageFile; /* see testNodeDef; NULL when none */
    char *faultFile;  /* see testNodeDef; NULL when none */

    testDomObj **doms; /* every domain, in no order */
    size_t ndoms;
    size_t adoms;
    virHashTable *byName;     /* name -> testDomObj, key obj->name */
    virHashTable *byUUID;     /* uuid -> testDomObj, key obj->uuid */
    virHashTable *byID;       /* id -> testDomObj, active ones only */
    int nextId;               /* ids are never reused */
    unsigned long usedMemory; /* KiB, current memory of active ones */

    testDomObj **pending; /* domains in SHUTDOWN */
    size_t npending;
    size_t apending;
    unsigned long long nextDeadline; /* earliest deadline in @pending */
    unsigned long long nextSeq;
};

/* CLOCK_MONOTONIC in nanoseconds. */
unsigned long long testNow(void);

/* Builds a host from @node, taking over its domain definitions (the
 * caller still frees @node).  NULL on error (reported). */
testHost *testHostNew(testNodeDef *node, unsigned long long now);
void testHostFree(testHost *host);

/* Carries out every transition due at @now. */
void testHostTick(testHost *host, unsigned long long now);

testDomObj *testHostFindByName(const testHost *host, const char *name);
testDomObj *testHostFindByUUID(const testHost *host, const unsigned char *uuid);
testDomObj *testHostFindByID(const testHost *host, int id);

/* KiB of host memory not used by active domains. */
unsigned long testHostFreeMemory(const testHost *host);

/* Adds a shut-off domain defined by @def, which it takes over on success.
 * NULL on OOM (reported); the name and UUID must be free. */
testDomObj *testHostAddDomain(testHost *host, virDomainDef *def,
                              bool persistent);

/* Removes and frees a shut-off domain. */
void testHostRemoveDomain(testHost *host, testDomObj *obj);

bool testDomIsActive(const testDomObj *obj);

/* Starts a shut-off domain in @state (RUNNING or PAUSED) with a fresh id.
 * @vcpuTime: def->maxvcpus entries of cpu time to start from, or NULL for
 * a fresh boot.  -1 on OOM (reported), the domain unchanged. */
int testDomStart(testHost *host, testDomObj *obj, virDomainState state,
                 const unsigned long long *vcpuTime, unsigned long long now);

/* Shuts an active domain off: id -1, cpu time 0, its persistent
 * definition back in place.  Returns true when the domain was transient
 * and is gone (@obj freed). */
bool testDomStop(testHost *host, testDomObj *obj);

/* Moves an active domain between RUNNING, BLOCKED and PAUSED. */
void testDomSetState(testDomObj *obj, virDomainState state,
                     unsigned long long now);

/* Puts an active domain in SHUTDOWN; after the host's delay it does what
 * its on_poweroff (on_reboot with @reboot) says: destroy (it stops),
 * restart (it comes back with a fresh id) or preserve (it stays shut off
 * with its id until destroyed).  -1 on OOM (reported). */
int testDomBeginShutdown(testHost *host, testDomObj *obj, bool reboot,
                         unsigned long long now);

/* Cpu time in ns of one vcpu, and of the whole domain (0 shut off). */
unsigned long long testDomVcpuTime(const testDomObj *obj, unsigned int vcpu,
                                   unsigned long long now);
unsigned long long testDomCpuTime(const testDomObj *obj,
                                  unsigned long long now);

/* Ns the domain has run since it started (0 shut off): the clock of its
 * I/O counters. */
unsigned long long testDomRunTime(const testDomObj *obj,
                                  unsigned long long now);

/* Changes the number of online vcpus (1..maxvcpus, checked by the
 * caller); the cpu time of vcpus going offline freezes. */
void testDomSetVcpus(testDomObj *obj, unsigned int nvcpus,
                     unsigned long long now);

/* Changes the current memory (checked by the caller), keeping the host's
 * accounting right. */
void testDomSetMemory(testHost *host, testDomObj *obj, unsigned long memory);

/* The pin of @vcpu, or NULL when it may use every cpu. */
const virDomainVcpuPinDef *testDefFindPin(const virDomainDef *def,
                                          unsigned int vcpu);

/* Whether @vcpu may run on physical @cpu, and the physical cpu it runs on
 * (chosen deterministically among the usable ones). */
bool testDomVcpuUsable(const testHost *host, const testDomObj *obj,
                       unsigned int vcpu, unsigned int cpu);
int testDomVcpuCpu(const testHost *host, const testDomObj *obj,
                   unsigned int vcpu);

/* Stores @map (@maplen bytes, at least one bit set) as the pinning of
 * @vcpu in @def.  -1 on OOM (reported). */
int testDefSetPin(virDomainDef *def, unsigned int vcpu,
                  const unsigned char *map, size_t maplen);

#endif /* LIBVIR_TEST_DOMAIN_H */
