/*
 * refresh.h: keeps the snapshot that the MIB modules serve.
 *
 * A worker thread with its own hypervisor connection takes a snapshot
 * every refresh interval, and at once (100 ms after the previous one at
 * the earliest) when the connection reports that domains changed behind
 * the agent's back (virConnectGetEventFd: xenstore watches on Xen), and
 * hands it to the agent's main loop through a pipe watched with
 * register_readfd().  The main thread swaps it in, so a
 * refresh never stalls a request and only the main thread touches
 * net-snmp.  On a failed refresh the previous snapshot stays and the
 * connection is reopened at the next interval.
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

const xsSnapshot *xsRefreshCurrent(void);
const xsRefreshStats *xsRefreshGetStats(void);

/* Asks the worker for a snapshot now, after a SET changed something. */
void xsRefreshKick(void);

/* Stops the worker, frees every snapshot and closes the connection. */
void xsRefreshShutdown(void);

#endif /* XENSNMP_REFRESH_H */
