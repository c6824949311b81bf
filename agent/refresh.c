/*
 * refresh.c: takes snapshots in a worker thread (worker.h) and swaps
 * them in on the main thread; nothing else.
 *
 * Ownership (see refresh.h): the main thread owns every snapshot it has
 * received or been given, and frees one when it is neither current nor
 * the baseline, i.e. the last snapshot the worker sent, which the worker
 * reads while taking the next one.  The baseline is freed only when the
 * next worker snapshot arrives, sent after the worker stopped reading it.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <limits.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <pthread.h>
#include <string.h>

#include "clock.h"
#include "connection.h"
#include "libvir_events.h"
#include "logprefix.h"
#include "refresh.h"
#include "worker.h"

#define XS_REFRESH_MAX_LISTENERS 8

/* A change reported by the hypervisor connection refreshes at once, but
 * not sooner than this after the previous refresh: a burst of events
 * (xl create fires several) then costs one or two snapshots, and a
 * descriptor that stays readable cannot make the worker spin. */
#define XS_REFRESH_EVENT_GAP_NS (100ULL * 1000000ULL)

/* After a refresh that an event caused, the next one comes this soon at
 * the latest: the event announces a change still in progress (xl create
 * introduces a domain before it unpauses it and adds its devices). */
#define XS_REFRESH_FOLLOW_UP_NS (1000ULL * 1000000ULL)

/* What the worker sends to the main thread (worker.h). */
typedef struct _xsRefreshMsg xsRefreshMsg;

struct _xsRefreshMsg {
    xsSnapshot *snap; /* NULL: the refresh failed */
    unsigned long long calls;
    unsigned long long failed;
    char error[256];
};

/* The agent has one hypervisor view, so this state is file-local and
 * touched only as documented per field. */
static struct {
    /* Main thread only. */
    xsSnapshot *current;
    xsSnapshot *baseline; /* the worker's last sent snapshot */
    xsRefreshFixup fixup;
    xsRefreshStats stats;
    xsRefreshListener listeners[XS_REFRESH_MAX_LISTENERS];
    size_t nlisteners;
    xsRefreshConnectionListener connListener;
    xsWorker *worker; /* NULL until xsRefreshStart() */

    /* Handed to the worker at start; then the worker's alone. */
    virConnectPtr conn;
    bool noEvents; /* conn's driver has no change events */
    const xsSnapshot *last;

    /* Shared, under lock; the main thread wakes the worker after
     * changing them. */
    pthread_mutex_t lock;
    bool kick;
    unsigned int refreshMs;
} xsRefresh = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
};

int
xsRefreshInit(unsigned int refreshMs, char *err, size_t errlen)
{
    unsigned long long calls = 0, failed = 0;
    xsSnapshot *snap = NULL;

    xsRefresh.refreshMs = refreshMs;
    calls++;
    xsRefresh.conn = virConnectOpenReadOnly(xsConnectionUri());
    if (xsRefresh.conn == NULL) {
        xsConnectionCountCalls(calls, calls);
        xsConnectionErrorText(err, errlen, "cannot connect to the hypervisor");
        return -1;
    }
    snap = xsSnapshotTake(xsRefresh.conn, NULL, &calls, &failed);
    xsConnectionCountCalls(calls, failed);
    if (snap == NULL) {
        xsConnectionErrorText(err, errlen, "cannot read the hypervisor");
        return -1;
    }
    xsRefresh.current = snap;
    xsRefresh.baseline = snap;
    xsRefresh.last = snap;
    xsRefresh.stats.refreshes = 1;
    xsRefresh.stats.lastRefreshNs = snap->takenNs;
    xsRefresh.stats.durationNs = snap->durationNs;
    xsRefresh.stats.lastChangeNs = snap->takenNs;
    xsRefresh.stats.connectionUp = true;
#ifdef HAVE_MALLOC_TRIM
    /* Opening the connection may have parsed a large document (the test
     * driver's node file: 70 MB at 10,000 domains) that is freed now but
     * would otherwise stay in the agent's RSS for its lifetime. */
    malloc_trim(0);
#endif
    return 0;
}

/* The worker's connection's change descriptor, or -1 when it has none
 * (not open, or a driver without events: then the interval alone). */
static int
xsRefreshEventFd(void)
{
    virErrorPtr e;
    int fd;

    if (xsRefresh.conn == NULL || xsRefresh.noEvents)
        return -1;
    /* A local query, not hypervisor work: not counted in the stats. */
    if ((fd = virConnectGetEventFd(xsRefresh.conn)) < 0) {
        e = virGetLastError();
        if (e != NULL && e->code == VIR_ERR_NO_SUPPORT)
            xsRefresh.noEvents = true;
        /* Otherwise the backend is down: the next refresh says so. */
        virResetLastError();
    }
    return fd;
}

/* Milliseconds from @now until @until, rounded up, for poll(). */
static int
xsRefreshPollMs(uint64_t now, uint64_t until)
{
    uint64_t ms = (until - now + 999999ULL) / 1000000ULL;

    return ms > INT_MAX ? INT_MAX : (int)ms;
}

/* Waits until the interval since @lastNs has passed (or the follow-up
 * delay, when @followUp), a kick, or a change the connection reports.
 * Returns false when the worker must stop; *@event tells whether a
 * change woke it. */
static bool
xsRefreshWait(xsWorker *w, uint64_t lastNs, bool followUp, bool *event)
{
    *event = false;
    for (;;) {
        uint64_t now, deadline, until;
        bool kick;
        int fd = -1;

        pthread_mutex_lock(&xsRefresh.lock);
        kick = xsRefresh.kick;
        xsRefresh.kick = false;
        deadline = lastNs + (uint64_t)xsRefresh.refreshMs * 1000000ULL;
        pthread_mutex_unlock(&xsRefresh.lock);
        if (followUp && lastNs + XS_REFRESH_FOLLOW_UP_NS < deadline)
            deadline = lastNs + XS_REFRESH_FOLLOW_UP_NS;
        now = xsClockNowNs();
        if (kick || now >= deadline)
            return true;

        until = deadline;
        if (now < lastNs + XS_REFRESH_EVENT_GAP_NS) {
            /* Too soon for an event to count: look again after the gap. */
            if (lastNs + XS_REFRESH_EVENT_GAP_NS < until)
                until = lastNs + XS_REFRESH_EVENT_GAP_NS;
        } else {
            fd = xsRefreshEventFd();
        }
        switch (xsWorkerWait(w, xsRefreshPollMs(now, until), fd)) {
        case XS_WORKER_STOP:
            return false;
        case XS_WORKER_READY:
            *event = true;
            return true;
        case XS_WORKER_WOKEN:
        case XS_WORKER_TIMEOUT:
            break; /* the checks above decide */
        }
    }
}

static void
xsRefreshWorker(xsWorker *w, void *opaque)
{
    uint64_t lastNs = xsClockNowNs();
    bool event = false;

    (void)opaque;

    while (xsRefreshWait(w, lastNs, event, &event)) {
        xsRefreshMsg msg;

        memset(&msg, 0, sizeof(msg));
        if (xsRefresh.conn == NULL) {
            msg.calls++;
            xsRefresh.conn = virConnectOpenReadOnly(xsConnectionUri());
            xsRefresh.noEvents = false;
            if (xsRefresh.conn == NULL) {
                msg.failed++;
                xsConnectionErrorText(msg.error, sizeof(msg.error),
                                      "cannot connect to the hypervisor");
            }
        }
        if (xsRefresh.conn != NULL) {
            msg.snap = xsSnapshotTake(xsRefresh.conn, xsRefresh.last,
                                      &msg.calls, &msg.failed);
            if (msg.snap == NULL) {
                xsConnectionErrorText(msg.error, sizeof(msg.error),
                                      "cannot read the hypervisor");
                /* Reopen at the next interval: the connection may be
                 * the thing that broke. */
                virConnectClose(xsRefresh.conn);
                xsRefresh.conn = NULL;
            }
        }
        /* The new snapshot becomes the baseline once the main thread
         * has it; a message that cannot be sent (only while stopping)
         * would leak it. */
        if (xsWorkerSend(w, &msg) < 0)
            xsSnapshotFree(msg.snap);
        else if (msg.snap != NULL)
            xsRefresh.last = msg.snap;
        lastNs = xsClockNowNs();
    }
}

/* Frees @snap unless it is still current or the worker's baseline. */
static void
xsRefreshRelease(xsSnapshot *snap)
{
    if (snap != xsRefresh.current && snap != xsRefresh.baseline)
        xsSnapshotFree(snap);
}

/* Makes @snap current, tells the listeners, then releases the old one. */
static void
xsRefreshSwap(xsSnapshot *snap)
{
    xsSnapshot *old = xsRefresh.current;
    size_t i;

    if (snap == old)
        return;
    xsRefresh.current = snap;
    for (i = 0; i < xsRefresh.nlisteners; i++)
        xsRefresh.listeners[i](snap);
    /* A fixed-up picture may be dated before the change it follows. */
    if ((old == NULL || xsSnapshotDiff(old, snap, NULL, NULL) > 0) &&
        snap->takenNs > xsRefresh.stats.lastChangeNs)
        xsRefresh.stats.lastChangeNs = snap->takenNs;
    xsRefreshRelease(old);
}

/* A worker snapshot arrived: it becomes the baseline, and current unless
 * it is older than the current one, which only @fixup may bring up to
 * date. */
static void
xsRefreshArrive(xsSnapshot *snap)
{
    xsSnapshot *oldBaseline = xsRefresh.baseline;
    xsSnapshot *oldCurrent = xsRefresh.current;
    xsSnapshot *next = snap;

    xsRefresh.baseline = snap;
    if (xsRefresh.current != NULL &&
        snap->takenNs < xsRefresh.current->takenNs) {
        next = xsRefresh.fixup != NULL ? xsRefresh.fixup(snap) : NULL;
        DEBUGMSGTL(("xenRefresh", "snapshot older than the current one: %s\n",
                    next != NULL ? "fixed up" : "kept as baseline only"));
    }
    if (next != NULL)
        xsRefreshSwap(next);
    /* The swap has released the old current snapshot already. */
    if (oldBaseline != oldCurrent)
        xsRefreshRelease(oldBaseline);
}

/* Main thread: one refresh's outcome. */
static void
xsRefreshDeliver(const void *data, void *opaque)
{
    const xsRefreshMsg *msg = data;

    (void)opaque;
    xsConnectionCountCalls(msg->calls, msg->failed);
    if (msg->snap == NULL) {
        /* Logged once per outage, not once per interval. */
        if (xsRefresh.stats.connectionUp) {
            snmp_log(LOG_ERR, XS_LOG_PREFIX "%s; serving the last snapshot\n",
                     msg->error);
            xsRefresh.stats.connectionUp = false;
            /* The control connection shares the fate of the worker's:
             * reopen it at the next SET. */
            xsConnectionDropControl();
            if (xsRefresh.connListener != NULL)
                xsRefresh.connListener(false);
        }
        return;
    }
    if (!xsRefresh.stats.connectionUp) {
        snmp_log(LOG_NOTICE, XS_LOG_PREFIX "hypervisor connection restored\n");
        xsRefresh.stats.connectionUp = true;
        if (xsRefresh.connListener != NULL)
            xsRefresh.connListener(true);
    }
    xsRefresh.stats.refreshes++;
    xsRefresh.stats.lastRefreshNs = msg->snap->takenNs;
    xsRefresh.stats.durationNs = msg->snap->durationNs;
    DEBUGMSGTL(("xenRefresh", "snapshot of %zu domains in %llu us\n",
                msg->snap->ndoms,
                (unsigned long long)(msg->snap->durationNs / 1000)));
    xsRefreshArrive(msg->snap);
}

int
xsRefreshStart(void)
{
    xsRefresh.worker = xsWorkerStart("refresh", sizeof(xsRefreshMsg),
                                     xsRefreshWorker, xsRefreshDeliver, NULL);
    return xsRefresh.worker != NULL ? 0 : -1;
}

void
xsRefreshKick(void)
{
    if (xsRefresh.worker == NULL)
        return;
    pthread_mutex_lock(&xsRefresh.lock);
    xsRefresh.kick = true;
    pthread_mutex_unlock(&xsRefresh.lock);
    xsWorkerWake(xsRefresh.worker);
}

void
xsRefreshSetInterval(unsigned int refreshMs)
{
    pthread_mutex_lock(&xsRefresh.lock);
    xsRefresh.refreshMs = refreshMs;
    pthread_mutex_unlock(&xsRefresh.lock);
    xsWorkerWake(xsRefresh.worker);
}

int
xsRefreshAddListener(xsRefreshListener fn)
{
    if (xsRefresh.nlisteners >= XS_REFRESH_MAX_LISTENERS)
        return -1;
    xsRefresh.listeners[xsRefresh.nlisteners++] = fn;
    if (xsRefresh.current != NULL)
        fn(xsRefresh.current);
    return 0;
}

void
xsRefreshSetConnectionListener(xsRefreshConnectionListener fn)
{
    xsRefresh.connListener = fn;
}

void
xsRefreshReplace(xsSnapshot *snap)
{
    if (snap != NULL)
        xsRefreshSwap(snap);
}

void
xsRefreshSetFixup(xsRefreshFixup fn)
{
    xsRefresh.fixup = fn;
}

const xsSnapshot *
xsRefreshCurrent(void)
{
    return xsRefresh.current;
}

const xsRefreshStats *
xsRefreshGetStats(void)
{
    return &xsRefresh.stats;
}

void
xsRefreshShutdown(void)
{
    /* The MIB modules are gone: snapshots still in the pipe are only
     * swapped in (in order) so that none leaks. */
    xsRefresh.nlisteners = 0;
    xsRefresh.connListener = NULL;
    xsRefresh.fixup = NULL;
    xsWorkerStop(xsRefresh.worker);
    xsRefresh.worker = NULL;
    if (xsRefresh.baseline != xsRefresh.current)
        xsSnapshotFree(xsRefresh.baseline);
    xsSnapshotFree(xsRefresh.current);
    xsRefresh.current = NULL;
    xsRefresh.baseline = NULL;
    xsRefresh.last = NULL;
    if (xsRefresh.conn != NULL)
        virConnectClose(xsRefresh.conn);
    xsRefresh.conn = NULL;
}
