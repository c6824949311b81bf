/*
 * refresh.h: takes the snapshots that the MIB modules serve and swaps
 * them in; nothing else.
 *
 * A worker thread (worker.h) with its own read-only hypervisor connection
 * takes a snapshot every refresh interval, and at once (100 ms after the
 * previous one at the earliest) when the connection reports that domains
 * changed behind the agent's back (virConnectGetEventFd: xenstore watches
 * on Xen), or when kicked.  The main thread swaps it in, so a refresh
 * never stalls a request and only the main thread touches net-snmp.  On a
 * failed refresh the previous snapshot stays and the connection is
 * reopened at the next interval.
 *
 * Ownership of snapshots, the rule every caller relies on:
 *  - every snapshot handed to the main thread (by the worker, or by
 *    xsRefreshReplace()) belongs to this module from then on;
 *  - the worker takes each snapshot with the last one it sent as the
 *    baseline (cpu usage, start times), and reads that baseline while the
 *    main thread serves requests.  So the last worker snapshot stays
 *    alive until the next one arrives, even when the main thread has
 *    replaced it as current; a snapshot is freed only when it is neither
 *    current nor that baseline;
 *  - nothing may change a snapshot once handed over (the worker may be
 *    reading it): a changed picture is a new snapshot, given with
 *    xsRefreshReplace();
 *  - xsRefreshCurrent() is borrowed until the next swap, i.e. until the
 *    main loop runs again or xsRefreshReplace() is called.
 */

#ifndef XENSNMP_REFRESH_H
#define XENSNMP_REFRESH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

typedef struct _xsRefreshStats xsRefreshStats;

struct _xsRefreshStats {
    unsigned long long refreshes; /* snapshots taken */
    uint64_t lastRefreshNs;       /* CLOCK_MONOTONIC of the snapshot */
    uint64_t durationNs;          /* how long it took */
    uint64_t lastChangeNs;        /* last row add/remove/state change */
    bool connectionUp;
};

/* Called on the main thread whenever a new snapshot is current, before
 * the previous one is freed. */
typedef void (*xsRefreshListener)(const xsSnapshot *snap);

/**
 * xsRefreshInit:
 * @refreshMs: interval between snapshots
 * @err, @errlen: receives the reason on failure
 *
 * Opens the worker's connection (xsConnectionUri()) and takes the first snapshot synchronously, so
 * that an unreachable hypervisor is reported before the agent starts.
 * Returns 0 or -1.
 */
int xsRefreshInit(unsigned int refreshMs, char *err, size_t errlen);

/**
 * xsRefreshStart:
 *
 * Starts the worker and watches its pipe.  Call after init_snmp() and
 * after any fork.  Returns 0 or -1 (logged).
 */
int xsRefreshStart(void);

/* Takes effect at the next interval. */
void xsRefreshSetInterval(unsigned int refreshMs);

/* Registers @fn (at most a handful) and calls it at once with the
 * current snapshot.  Returns 0 or -1 when the list is full. */
int xsRefreshAddListener(xsRefreshListener fn);

/* Called on the main thread when the hypervisor connection goes down
 * (a refresh failed after one succeeded) and when it works again. */
typedef void (*xsRefreshConnectionListener)(bool up);

/* At most one; NULL removes it. */
void xsRefreshSetConnectionListener(xsRefreshConnectionListener fn);

/* Replaces the current snapshot by @snap (made on the main thread from
 * the current one, e.g. with a SET's changes applied); the refresh
 * module owns it from now on and calls the listeners.  A worker
 * snapshot that started before @snap->takenNs and arrives later is
 * passed to @fixup (if set) before it becomes current, so that an
 * older picture never hides a change the agent already answered. */
void xsRefreshReplace(xsSnapshot *snap);

/* Receives a worker snapshot older than the current one (@arriving, which
 * is the worker's baseline: it must not be changed).  Returns the
 * snapshot to make current: @arriving itself, or a new one that the
 * refresh module then owns; NULL keeps the current snapshot.  A worker
 * snapshot not older than the current one becomes current as it is. */
typedef xsSnapshot *(*xsRefreshFixup)(xsSnapshot *arriving);

/* At most one; NULL removes it. */
void xsRefreshSetFixup(xsRefreshFixup fn);

const xsSnapshot *xsRefreshCurrent(void);
const xsRefreshStats *xsRefreshGetStats(void);

/* Asks the worker for a snapshot now, after a SET changed something. */
void xsRefreshKick(void);

/* Stops the worker, frees every snapshot and closes the connection. */
void xsRefreshShutdown(void);

#endif /* XENSNMP_REFRESH_H */
