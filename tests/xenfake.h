/*
 * xenfake.h: a Xen host kept in memory behind the Xen driver's seam
 * (lib/xen/xen_ops.h), for tests/xendrivertest.c: domains with ids,
 * states and UUIDs as xc_domain_getinfolist reports them, a xenstore of
 * path/value pairs with watch events on a pipe, the libxenlight calls
 * that create and destroy domains, and dom0's device files under a
 * fixture directory.  One host per process (the handles the driver
 * holds all point at it); xenFakeReset empties it.
 */

#ifndef XENSNMP_XENFAKE_H
#define XENSNMP_XENFAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xen/xen_ops.h"

/* Xen's shutdown reasons (xen/sched.h). */
#define XEN_FAKE_POWEROFF 0
#define XEN_FAKE_REBOOT 1
#define XEN_FAKE_CRASH 3

typedef struct _xenFakeDom xenFakeDom;

struct _xenFakeDom {
    uint32_t domid;
    unsigned char uuid[16];
    uint32_t flags; /* XEN_DOMINF_* */
    uint64_t pages; /* tot_pages, 4 KiB each */
    uint64_t maxPages;
    uint64_t cpuTime;
    uint32_t online;
    uint32_t maxVcpus;
};

typedef struct _xenFakeHost xenFakeHost;

struct _xenFakeHost {
    xenFakeDom *doms; /* sorted by domid */
    size_t ndoms;
    uint32_t nextDomid; /* what domainCreateNew gives next */

    /* Failures to inject: the errno a call fails with, 0 for none. */
    int failGetinfolist;
    int failRead;   /* every xs_read */
    int failXsOpen; /* xenstored down: no (re)connection */
    const char *hostProblem;

    /* What the driver did. */
    unsigned int getinfolistCalls;
    uint32_t getinfolistFirst[8]; /* @first of the first 8 calls */
    unsigned int destroys;
    unsigned int creates;
    unsigned int shutdowns;

    const char *ioRoot; /* dom0's files: a tests/xenstatsdata tree */
};

extern xenFakeHost xenFake;
extern const xenOps xenFakeOps;

/* Empties the host (closes the watch pipe) and sets it up again with
 * Domain-0 alone. */
int xenFakeReset(void);
void xenFakeFree(void);

/* Adds a running domain named @name (NULL: none in xenstore yet) with
 * UUID text @uuid and the given flags; the new entry, or NULL. */
xenFakeDom *xenFakeAdd(uint32_t domid, const char *name, const char *uuid,
                       uint32_t flags);
xenFakeDom *xenFakeFind(uint32_t domid);
/* Sets xenstore @path to @value (NULL removes it). */
int xenFakeStoreSet(const char *path, const char *value);
/* The guest of @domid stops for @reason (Xen sets the flags; xenstored
 * fires @releaseDomain only when xenFakeFire says so). */
void xenFakeStop(uint32_t domid, unsigned int reason);
/* Queues a watch event on @path, as xenstored does. */
int xenFakeFire(const char *path);

#endif /* XENSNMP_XENFAKE_H */
