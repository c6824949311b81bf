/*
 * snapshot.h: one consistent picture of the hypervisor, taken through
 * libvir and served to SNMP until the next one.
 *
 * This is the mapping from hypervisor to MIB rows, kept apart from the
 * SNMP glue so that it can be tested without net-snmp.  A snapshot is
 * immutable once taken; the agent swaps whole snapshots.  Taking one may
 * run in a worker thread (with that thread's own connection): nothing here
 * touches net-snmp or any global state.
 */

#ifndef XENSNMP_SNAPSHOT_H
#define XENSNMP_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libvir.h"

/* Longest domain name the MIB can index (SIZE (1..96)); a domain with a
 * longer (or an empty) name is left out of the tables and listed in
 * xsSnapshot.skipped instead. */
#define XS_NAME_MAX 96

typedef struct _xsVcpuRow xsVcpuRow;

struct _xsVcpuRow {
    unsigned int number;
    int state;                  /* virVcpuState */
    unsigned long long cpuTime; /* ns */
    int cpu;                    /* -1 when offline */
    unsigned char *affinity;    /* reference cpumap byte order */
    size_t maplen;              /* VIR_CPU_MAPLEN(node max cpus) */
};

/* Longest device name the I/O tables carry (xenVifName, xenVbdName:
 * SIZE (1..31)); a device with a longer name has no row. */
#define XS_DEV_NAME_MAX 31

/* The counters of a network interface row, in the order of
 * virDomainInterfaceStatsStruct (seen from the guest: rx is what it
 * received) and of xenVifTable's columns. */
enum {
    XS_VIF_RX_BYTES,
    XS_VIF_RX_PACKETS,
    XS_VIF_RX_ERRS,
    XS_VIF_RX_DROP,
    XS_VIF_TX_BYTES,
    XS_VIF_TX_PACKETS,
    XS_VIF_TX_ERRS,
    XS_VIF_TX_DROP,
    XS_VIF_COUNTERS
};

/* The counters of a block device row, in the order of
 * virDomainBlockStatsXenStruct and of xenVbdTable's columns. */
enum {
    XS_VBD_RD_REQ,
    XS_VBD_RD_SECT, /* 512-byte sectors */
    XS_VBD_WR_REQ,
    XS_VBD_WR_SECT,
    XS_VBD_OO_REQ,
    XS_VBD_F_REQ,
    XS_VBD_DS_REQ,
    XS_VBD_COUNTERS
};

#define XS_DEV_COUNTERS 8 /* the larger of the two */

/* One network interface or block device of an active domain. */
typedef struct _xsDevRow xsDevRow;

struct _xsDevRow {
    /* The row's index (devindex.h): a vif's Xen device id, a vbd's
     * virtual device number. */
    unsigned int index;
    char name[XS_DEV_NAME_MAX + 1]; /* as libvir lists it: "vif3.0", "xvda" */
    /* The XS_VIF_* or XS_VBD_* counters; -1 when the hypervisor does not
     * keep one (the library's convention). */
    long long counters[XS_DEV_COUNTERS];
    /* Monotonic time its counters (last) restarted, or the agent first
     * saw them. */
    uint64_t discontinuityNs;
};

typedef struct _xsDomainRow xsDomainRow;

struct _xsDomainRow {
    char *name; /* UTF-8, 1..XS_NAME_MAX bytes */
    size_t namelen;
    unsigned char uuid[16];
    char uuidText[37];
    int id;       /* -1 when not running */
    char *ostype; /* NULL if it could not be read */
    int state;    /* virDomainState */
    unsigned long long maxMemKiB;
    unsigned long long memKiB;
    /* Equal to memKiB: libvir has no separate balloon-target call. */
    unsigned long long targetKiB;
    unsigned int vcpus; /* online */
    /* The vcpu rows' count; without vcpu rows (shut off, crashed), the
     * <vcpu> maximum of the domain's XML, read when the row is new. */
    unsigned int maxVcpus;
    unsigned long long cpuTime; /* ns */
    /* Hundredths of a percent of one cpu over the time since the
     * previous snapshot; 0 without a baseline. */
    unsigned int cpuUsage;
    /* Monotonic time it was seen starting, 0 when not running. */
    uint64_t startedNs;
    uint64_t discontinuityNs; /* monotonic time its counters restarted */
    xsVcpuRow *vcpuRows;      /* sorted by number */
    size_t nvcpuRows;
    /* Devices of an active domain, each list sorted by index. */
    xsDevRow *vifRows;
    size_t nvifRows;
    xsDevRow *vbdRows;
    size_t nvbdRows;
};

typedef struct _xsNodeInfo xsNodeInfo;

struct _xsNodeInfo {
    char hvType[32];
    char hvVersion[32];  /* "4.17.3" */
    char libVersion[32]; /* "0.1.0" */
    char cpuModel[32];
    unsigned long long memKiB;
    /* memKiB minus the memory of every active domain (any state but
     * shut off), those left out of the rows included. */
    unsigned long long freeKiB;
    unsigned int cpus;
    unsigned int maxCpus;
    unsigned int mhz;
    unsigned int nodes;
    unsigned int sockets;
    unsigned int cores;
    unsigned int threads;
    unsigned int activeDomains;  /* rows whose id is not -1 */
    unsigned int definedDomains; /* rows whose id is -1 */
};

/* A domain left out of the rows because its name cannot be an index:
 * what the agent needs to log it (once) and to count the memory it
 * holds. */
typedef struct _xsSkippedDomain xsSkippedDomain;

struct _xsSkippedDomain {
    /* As the hypervisor names it, NUL-terminated: 0 or more than
     * XS_NAME_MAX bytes, any bytes but NUL (a Xen name comes from
     * xenstore unchecked). */
    char *name;
    size_t namelen;
    unsigned char uuid[16]; /* all zero if it could not be read */
    char uuidText[37];
    int state; /* virDomainState */
    /* Its memory when active (any state but shut off), else 0. */
    unsigned long long memKiB;
};

typedef struct _xsSnapshot xsSnapshot;

struct _xsSnapshot {
    xsNodeInfo node;
    /* Sorted in SNMP index order of xenDomName (a non-IMPLIED string
     * index): by length first, then bytewise unsigned. */
    xsDomainRow *doms;
    size_t ndoms;
    /* The domains left out of doms (and of every count in node), one
     * entry per domain, sorted by name as doms is.  Owned by the
     * snapshot like the rows, names included: valid until
     * xsSnapshotFree(). */
    xsSkippedDomain *skipped;
    size_t nskipped;
    uint64_t takenNs;               /* CLOCK_MONOTONIC when taken */
    uint64_t durationNs;            /* how long taking it took */
    unsigned long long libCalls;    /* libvir calls this snapshot made */
    unsigned long long failedCalls; /* of which failed */
};

/* Takes a snapshot through @conn.  @prev (may be NULL) supplies cpu usage
 * baselines, start and discontinuity times (of domains and of their
 * devices), and cached OS types, matched by name and checked by UUID.
 * The devices of every active domain cost one call
 * (virConnectGetAllDomainIOStats); where the driver has none, one list
 * call per kind and one statistics call per device of each domain.  The libvir calls made and those that
 * failed are ADDED to *@calls and *@failed (each may be NULL), so that the
 * caller can keep running totals; the snapshot's libCalls/failedCalls are
 * this snapshot's alone.  Returns NULL if the host could not be read at
 * all (node info or a domain list failed; error in virGetLastError(),
 * which is NULL when only memory ran out;
 * *@calls and *@failed still count what was tried).
 * A domain that vanishes between listing and reading is skipped, not an
 * error; a domain of @prev missing from the result is confirmed by a
 * second snapshot, since one that starts or stops between the two
 * listings is in neither. */
xsSnapshot *xsSnapshotTake(virConnectPtr conn, const xsSnapshot *prev,
                           unsigned long long *calls,
                           unsigned long long *failed);

void xsSnapshotFree(xsSnapshot *snap);

/* Binary search by name; NULL when absent. */
const xsDomainRow *xsSnapshotFindDomain(const xsSnapshot *snap,
                                        const char *name, size_t namelen);

/* Orders names as the domain table's index does (length, then bytes). */
int xsNameCompare(const char *a, size_t alen, const char *b, size_t blen);

/* xsNameCompare for a merge of two sorted lists, where NULL stands for a
 * list that has run out and sorts after every name. */
int xsMergeOrder(const char *a, size_t alen, const char *b, size_t blen);

/* Lifecycle events between two snapshots, for notifications. */
typedef enum {
    XS_EVENT_STARTED = 1,  /* became running/blocked from shutoff/none */
    XS_EVENT_SHUTDOWN = 2, /* reached shutoff (or vanished while active) */
    XS_EVENT_PAUSED = 3,
    XS_EVENT_RESUMED = 4,
    XS_EVENT_CRASHED = 5,
    XS_EVENT_DEFINED = 6,  /* a new row */
    XS_EVENT_UNDEFINED = 7 /* a row gone */
} xsEventType;

/* Most events one state change gives (STARTED then PAUSED). */
#define XS_TRANSITION_EVENTS_MAX 2

/**
 * xsStateTransitionEvents:
 * @ps: previous virDomainState (VIR_DOMAIN_NOSTATE for a new row)
 * @ns: new virDomainState
 * @events: receives the events, in the order to report them
 * @max: room in @events
 *
 * The one table of lifecycle events a state change gives (see
 * snapshot.c), shared by xsSnapshotDiff and the notifications.  Pure.
 * Returns the number of events (at most XS_TRANSITION_EVENTS_MAX); only
 * the first @max are stored.
 */
size_t xsStateTransitionEvents(int ps, int ns, xsEventType *events, size_t max);

/* One event: @prevState and @newState are the states it goes between
 * (for a vanished row: to VIR_DOMAIN_SHUTOFF for SHUTDOWN, to
 * VIR_DOMAIN_NOSTATE for UNDEFINED). */
typedef void (*xsEventFunc)(void *opaque, xsEventType type,
                            const xsDomainRow *row, int prevState,
                            int newState);

/* Calls @func for each lifecycle change from @prev to @next, in index
 * order of the rows (for a vanished row, @row points into @prev).  A
 * domain that is new and already running gives DEFINED then STARTED; one
 * that disappears while running gives SHUTDOWN then UNDEFINED.  Returns
 * the number of events. */
size_t xsSnapshotDiff(const xsSnapshot *prev, const xsSnapshot *next,
                      xsEventFunc func, void *opaque);

/**
 * xsSnapshotStates:
 * @snap: a snapshot, or NULL for an empty picture
 *
 * Returns a copy of @snap's rows with only what the diff reads (name,
 * UUID, UUID text, id, state), of its skipped domains (whole, for
 * xsSkippedDiff) and its takenNs, for a module that keeps
 * the last picture it reported; the copy is the caller's, may be changed
 * by it, and is freed with xsSnapshotFree().  NULL when out of memory.
 */
xsSnapshot *xsSnapshotStates(const xsSnapshot *snap);

/* ---- read-your-writes ------------------------------------------------ */

/**
 * xsSnapshotTakeDomains:
 * @conn: the connection to read through
 * @prev: the snapshot the rows' baselines come from (may be NULL)
 * @names: the domains to read (NUL-terminated names)
 * @n: how many
 * @calls, @failed: as for xsSnapshotTake
 *
 * A snapshot of the node and of the named domains only, read now: what a
 * SET decides on, and what it patches into the current snapshot once it
 * changed them.  A name with no domain (or an unreadable one) has no row.
 * Its node counts and free memory cover only these rows (see
 * xsSnapshotPatch).  Returns NULL when the node cannot be read or memory
 * ran out.
 */
xsSnapshot *xsSnapshotTakeDomains(virConnectPtr conn, const xsSnapshot *prev,
                                  const char *const *names, size_t n,
                                  unsigned long long *calls,
                                  unsigned long long *failed);

/**
 * xsSnapshotPatch:
 * @base: the snapshot to start from
 * @fresh: rows read later (xsSnapshotTakeDomains)
 * @names: the domains @fresh was asked for
 * @n: how many
 *
 * A new snapshot (the caller frees it; it borrows nothing) equal to
 * @base with the rows of the named domains replaced by @fresh's: a named
 * domain @fresh has no row for is dropped, one @base did not have is
 * added.  The node's domain counts and free memory are @base's corrected
 * by what the replaced rows changed, and its skipped domains are @base's
 * (a SET names rows only); the snapshot counts as taken when @fresh was.
 * NULL when memory ran out.
 */
xsSnapshot *xsSnapshotPatch(const xsSnapshot *base, const xsSnapshot *fresh,
                            const char *const *names, size_t n);

#endif /* XENSNMP_SNAPSHOT_H */
