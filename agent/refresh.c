/*
 * refresh.c: the snapshot worker and the swap on the main thread.
 *
 * Ownership: the main thread owns the current snapshot and frees a
 * snapshot only when a newer one arrives.  The worker keeps a pointer to
 * the last snapshot it sent, as the baseline (cpu usage, start times) of
 * the next one; it stops using it before sending the next, so the main
 * thread never frees a snapshot the worker still reads.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libvir_events.h"
#include "clock.h"
#include "connection.h"
#include "refresh.h"

#define XS_REFRESH_MAX_LISTENERS 4

/* A change reported by the hypervisor connection refreshes at once, but
 * not sooner than this after the previous refresh: a burst of events
 * (xl create fires several) then costs one or two snapshots, and a
 * descriptor that stays readable cannot make the worker spin. */
#define XS_REFRESH_EVENT_GAP_NS (100ULL * 1000000ULL)

/* After a refresh that an event caused, the next one comes this soon at
 * the latest: the event announces a change still in progress (xl create
 * introduces a domain before it unpauses it and adds its devices). */
#define XS_REFRESH_FOLLOW_UP_NS (1000ULL * 1000000ULL)

/* What the worker sends through the pipe; small enough (< PIPE_BUF) that
 * each write is atomic. */
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
    xsRefreshStats stats;
    xsRefreshListener listeners[XS_REFRESH_MAX_LISTENERS];
    size_t nlisteners;
    xsRefreshConnectionListener connListener;
    int pipefd[2];
    bool started;

    /* Handed to the worker at start; then the worker's alone. */
    virConnectPtr conn;
    bool noEvents; /* conn's driver has no change events */
    const xsSnapshot *last;

    /* Written (a byte) by the main thread after setting stop or kick or
     * changing the interval, read by the worker, which waits in poll()
     * on it and on the connection's event descriptor. */
    int wakefd[2];

    /* Shared, under lock. */
    pthread_mutex_t lock;
    bool stop;
    bool kick;
    unsigned int refreshMs;
    pthread_t thread;
} xsRefresh = {
    .pipefd = {-1, -1},
    .wakefd = {-1, -1},
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

static void
xsRefreshSend(const xsRefreshMsg *msg)
{
    ssize_t n;

    do {
        n = write(xsRefresh.pipefd[1], msg, sizeof(*msg));
    } while (n < 0 && errno == EINTR);
    /* Only a closed pipe makes this fail, and only at shutdown, which
     * drains the pipe itself: a lost snapshot would leak, so free it. */
    if (n != (ssize_t)sizeof(*msg))
        xsSnapshotFree(msg->snap);
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
xsRefreshWait(uint64_t lastNs, bool followUp, bool *event)
{
    *event = false;
    for (;;) {
        struct pollfd pfd[2];
        uint64_t now, deadline, until;
        bool stop, kick;
        nfds_t nfds = 1;
        int fd;
        char buf[64];

        pthread_mutex_lock(&xsRefresh.lock);
        stop = xsRefresh.stop;
        kick = xsRefresh.kick;
        xsRefresh.kick = false;
        deadline = lastNs + (uint64_t)xsRefresh.refreshMs * 1000000ULL;
        pthread_mutex_unlock(&xsRefresh.lock);
        if (followUp && lastNs + XS_REFRESH_FOLLOW_UP_NS < deadline)
            deadline = lastNs + XS_REFRESH_FOLLOW_UP_NS;
        if (stop)
            return false;
        now = xsClockNowNs();
        if (kick || now >= deadline)
            return true;

        pfd[0].fd = xsRefresh.wakefd[0];
        pfd[0].events = POLLIN;
        until = deadline;
        if (now < lastNs + XS_REFRESH_EVENT_GAP_NS) {
            /* Too soon for an event to count: look again after the gap. */
            if (lastNs + XS_REFRESH_EVENT_GAP_NS < until)
                until = lastNs + XS_REFRESH_EVENT_GAP_NS;
        } else if ((fd = xsRefreshEventFd()) >= 0) {
            pfd[1].fd = fd;
            pfd[1].events = POLLIN;
            nfds = 2;
        }
        if (poll(pfd, nfds, xsRefreshPollMs(now, until)) <= 0)
            continue; /* timeout or EINTR: the checks above decide */
        if (pfd[0].revents != 0)
            while (read(xsRefresh.wakefd[0], buf, sizeof(buf)) > 0)
                ;
        if (nfds == 2 && pfd[1].revents != 0) {
            *event = true;
            return true;
        }
    }
}

static void *
xsRefreshWorker(void *opaque)
{
    uint64_t lastNs = xsClockNowNs();
    bool event = false;

    (void)opaque;

    while (xsRefreshWait(lastNs, event, &event)) {
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
            } else {
                xsRefresh.last = msg.snap;
            }
        }
        xsRefreshSend(&msg);
        lastNs = xsClockNowNs();
    }
    return NULL;
}

/* Wakes the worker's poll() after a change of stop, kick or the
 * interval. */
static void
xsRefreshWake(void)
{
    ssize_t n;

    /* Non-blocking: a full pipe already holds a wake-up. */
    n = write(xsRefresh.wakefd[1], "", 1);
    (void)n;
}

static void
xsRefreshSwap(xsSnapshot *snap)
{
    xsSnapshot *old = xsRefresh.current;
    size_t i;

    xsRefresh.current = snap;
    for (i = 0; i < xsRefresh.nlisteners; i++)
        xsRefresh.listeners[i](snap);
    if (old == NULL || xsSnapshotDiff(old, snap, NULL, NULL) > 0)
        xsRefresh.stats.lastChangeNs = snap->takenNs;
    xsSnapshotFree(old);
}

static void
xsRefreshHandleMsg(xsRefreshMsg *msg)
{
    xsConnectionCountCalls(msg->calls, msg->failed);
    if (msg->snap == NULL) {
        /* Logged once per outage, not once per interval. */
        if (xsRefresh.stats.connectionUp) {
            snmp_log(LOG_ERR, "xensnmpd: %s; serving the last snapshot\n",
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
        snmp_log(LOG_NOTICE, "xensnmpd: hypervisor connection restored\n");
        xsRefresh.stats.connectionUp = true;
        if (xsRefresh.connListener != NULL)
            xsRefresh.connListener(true);
    }
    xsRefresh.stats.refreshes++;
    xsRefresh.stats.lastRefreshNs = msg->snap->takenNs;
    xsRefresh.stats.durationNs = msg->snap->durationNs;
    DEBUGMSGTL(("xensnmpd:refresh", "snapshot of %zu domains in %llu us\n",
                msg->snap->ndoms,
                (unsigned long long)(msg->snap->durationNs / 1000)));
    xsRefreshSwap(msg->snap);
}

/* Reads every message waiting in the pipe (non-blocking). */
static void
xsRefreshDrain(void)
{
    xsRefreshMsg msg;
    ssize_t n;

    for (;;) {
        n = read(xsRefresh.pipefd[0], &msg, sizeof(msg));
        if (n < 0 && errno == EINTR)
            continue;
        if (n != (ssize_t)sizeof(msg))
            break;
        xsRefreshHandleMsg(&msg);
    }
}

static void
xsRefreshReadable(int fd, void *data)
{
    (void)fd;
    (void)data;
    xsRefreshDrain();
}

int
xsRefreshStart(void)
{
    int rc;

    if (pipe(xsRefresh.pipefd) < 0 || pipe(xsRefresh.wakefd) < 0) {
        snmp_log(LOG_ERR, "xensnmpd: pipe: %s\n", strerror(errno));
        return -1;
    }
    if (fcntl(xsRefresh.pipefd[0], F_SETFL, O_NONBLOCK) < 0 ||
        fcntl(xsRefresh.pipefd[0], F_SETFD, FD_CLOEXEC) < 0 ||
        fcntl(xsRefresh.pipefd[1], F_SETFD, FD_CLOEXEC) < 0 ||
        fcntl(xsRefresh.wakefd[0], F_SETFL, O_NONBLOCK) < 0 ||
        fcntl(xsRefresh.wakefd[1], F_SETFL, O_NONBLOCK) < 0 ||
        fcntl(xsRefresh.wakefd[0], F_SETFD, FD_CLOEXEC) < 0 ||
        fcntl(xsRefresh.wakefd[1], F_SETFD, FD_CLOEXEC) < 0) {
        snmp_log(LOG_ERR, "xensnmpd: fcntl: %s\n", strerror(errno));
        return -1;
    }

    if (register_readfd(xsRefresh.pipefd[0], xsRefreshReadable, NULL) < 0) {
        snmp_log(LOG_ERR, "xensnmpd: cannot watch the refresh pipe\n");
        return -1;
    }
    rc = pthread_create(&xsRefresh.thread, NULL, xsRefreshWorker, NULL);
    if (rc != 0) {
        snmp_log(LOG_ERR, "xensnmpd: cannot start the refresh thread: %s\n",
                 strerror(rc));
        unregister_readfd(xsRefresh.pipefd[0]);
        return -1;
    }
    xsRefresh.started = true;
    return 0;
}

void
xsRefreshKick(void)
{
    if (!xsRefresh.started)
        return;
    pthread_mutex_lock(&xsRefresh.lock);
    xsRefresh.kick = true;
    pthread_mutex_unlock(&xsRefresh.lock);
    xsRefreshWake();
}

void
xsRefreshSetInterval(unsigned int refreshMs)
{
    pthread_mutex_lock(&xsRefresh.lock);
    xsRefresh.refreshMs = refreshMs;
    pthread_mutex_unlock(&xsRefresh.lock);
    if (xsRefresh.started)
        xsRefreshWake();
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
    if (xsRefresh.started) {
        pthread_mutex_lock(&xsRefresh.lock);
        xsRefresh.stop = true;
        pthread_mutex_unlock(&xsRefresh.lock);
        xsRefreshWake();
        pthread_join(xsRefresh.thread, NULL);
        xsRefresh.started = false;
        unregister_readfd(xsRefresh.pipefd[0]);
    }
    if (xsRefresh.wakefd[0] >= 0) {
        close(xsRefresh.wakefd[0]);
        close(xsRefresh.wakefd[1]);
        xsRefresh.wakefd[0] = xsRefresh.wakefd[1] = -1;
    }
    /* The MIB modules are gone: snapshots still in the pipe are only
     * swapped in (in order) so that none leaks. */
    xsRefresh.nlisteners = 0;
    xsRefresh.connListener = NULL;
    if (xsRefresh.pipefd[0] >= 0) {
        xsRefreshDrain();
        close(xsRefresh.pipefd[0]);
        close(xsRefresh.pipefd[1]);
        xsRefresh.pipefd[0] = xsRefresh.pipefd[1] = -1;
    }
    xsSnapshotFree(xsRefresh.current);
    xsRefresh.current = NULL;
    xsRefresh.last = NULL;
    if (xsRefresh.conn != NULL)
        virConnectClose(xsRefresh.conn);
    xsRefresh.conn = NULL;
}
