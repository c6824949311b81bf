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
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "refresh.h"

#define XS_REFRESH_MAX_LISTENERS 4

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
    bool control;
    virConnectPtr controlConn;

    /* Handed to the worker at start; then the worker's alone. */
    virConnectPtr conn;
    char *uri;
    const xsSnapshot *last;

    /* Shared, under lock. */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool stop;
    bool kick;
    unsigned int refreshMs;
    pthread_t thread;
} xsRefresh = {
    .pipefd = {-1, -1},
    .lock = PTHREAD_MUTEX_INITIALIZER,
};

uint64_t
xsRefreshNowNs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

unsigned long
xsRefreshTicks(uint64_t monoNs)
{
    /* CLOCK_MONOTONIC when sysUpTime was 0, fixed at the first call: a
     * TimeStamp must read the same every time, which computing "uptime
     * minus age" afresh on each read would not (the two clocks round
     * differently). */
    static uint64_t originNs;
    static bool haveOrigin;

    if (!haveOrigin) {
        uint64_t now = xsRefreshNowNs();
        uint64_t up = (uint64_t)netsnmp_get_agent_uptime() * 10000000ULL;

        originNs = up < now ? now - up : 0;
        haveOrigin = true;
    }
    if (monoNs == 0 || monoNs < originNs)
        return 0;
    return (unsigned long)((monoNs - originNs) / 10000000ULL);
}

static void
xsRefreshErrorText(char *buf, size_t len, const char *what)
{
    virErrorPtr e = virGetLastError();

    snprintf(buf, len, "%s: %s", what,
             e != NULL && e->message != NULL ? e->message : "unknown error");
}

int
xsRefreshInit(const char *uri, unsigned int refreshMs, char *err, size_t errlen)
{
    unsigned long long calls = 0, failed = 0;
    xsSnapshot *snap = NULL;

    xsRefresh.refreshMs = refreshMs;
    if (uri != NULL && (xsRefresh.uri = strdup(uri)) == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    calls++;
    xsRefresh.conn = virConnectOpenReadOnly(uri);
    if (xsRefresh.conn == NULL) {
        xsRefreshErrorText(err, errlen, "cannot connect to the hypervisor");
        return -1;
    }
    snap = xsSnapshotTake(xsRefresh.conn, NULL, &calls, &failed);
    xsRefresh.stats.libCalls += calls;
    xsRefresh.stats.failedCalls += failed;
    if (snap == NULL) {
        xsRefreshErrorText(err, errlen, "cannot read the hypervisor");
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

static void *
xsRefreshWorker(void *opaque)
{
    (void)opaque;

    pthread_mutex_lock(&xsRefresh.lock);
    while (!xsRefresh.stop) {
        uint64_t deadline =
            xsRefreshNowNs() + (uint64_t)xsRefresh.refreshMs * 1000000ULL;
        xsRefreshMsg msg;

        while (!xsRefresh.stop && !xsRefresh.kick &&
               xsRefreshNowNs() < deadline) {
            struct timespec ts = {
                .tv_sec = (time_t)(deadline / 1000000000ULL),
                .tv_nsec = (long)(deadline % 1000000000ULL),
            };
            pthread_cond_timedwait(&xsRefresh.cond, &xsRefresh.lock, &ts);
        }
        if (xsRefresh.stop)
            break;
        xsRefresh.kick = false;
        pthread_mutex_unlock(&xsRefresh.lock);

        memset(&msg, 0, sizeof(msg));
        if (xsRefresh.conn == NULL) {
            msg.calls++;
            xsRefresh.conn = virConnectOpenReadOnly(xsRefresh.uri);
            if (xsRefresh.conn == NULL) {
                msg.failed++;
                xsRefreshErrorText(msg.error, sizeof(msg.error),
                                   "cannot connect to the hypervisor");
            }
        }
        if (xsRefresh.conn != NULL) {
            msg.snap = xsSnapshotTake(xsRefresh.conn, xsRefresh.last,
                                      &msg.calls, &msg.failed);
            if (msg.snap == NULL) {
                xsRefreshErrorText(msg.error, sizeof(msg.error),
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

        pthread_mutex_lock(&xsRefresh.lock);
    }
    pthread_mutex_unlock(&xsRefresh.lock);
    return NULL;
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
    xsRefresh.stats.libCalls += msg->calls;
    xsRefresh.stats.failedCalls += msg->failed;
    if (msg->snap == NULL) {
        /* Logged once per outage, not once per interval. */
        if (xsRefresh.stats.connectionUp) {
            snmp_log(LOG_ERR, "xensnmpd: %s; serving the last snapshot\n",
                     msg->error);
            xsRefresh.stats.connectionUp = false;
            /* The control connection shares the fate of the worker's:
             * reopen it at the next SET. */
            if (xsRefresh.controlConn != NULL)
                virConnectClose(xsRefresh.controlConn);
            xsRefresh.controlConn = NULL;
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
    pthread_condattr_t attr;
    int rc;

    if (pipe(xsRefresh.pipefd) < 0) {
        snmp_log(LOG_ERR, "xensnmpd: pipe: %s\n", strerror(errno));
        return -1;
    }
    if (fcntl(xsRefresh.pipefd[0], F_SETFL, O_NONBLOCK) < 0 ||
        fcntl(xsRefresh.pipefd[0], F_SETFD, FD_CLOEXEC) < 0 ||
        fcntl(xsRefresh.pipefd[1], F_SETFD, FD_CLOEXEC) < 0) {
        snmp_log(LOG_ERR, "xensnmpd: fcntl: %s\n", strerror(errno));
        return -1;
    }
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&xsRefresh.cond, &attr);
    pthread_condattr_destroy(&attr);

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
xsRefreshSetControl(bool enabled)
{
    xsRefresh.control = enabled;
}

bool
xsRefreshControlEnabled(void)
{
    return xsRefresh.control;
}

virConnectPtr
xsRefreshControlConnection(void)
{
    if (xsRefresh.controlConn == NULL) {
        xsRefresh.stats.libCalls++;
        xsRefresh.controlConn = virConnectOpen(xsRefresh.uri);
        if (xsRefresh.controlConn == NULL) {
            char err[256];

            xsRefresh.stats.failedCalls++;
            xsRefreshErrorText(err, sizeof(err),
                               "cannot open the control connection");
            snmp_log(LOG_ERR, "xensnmpd: %s\n", err);
        }
    }
    return xsRefresh.controlConn;
}

void
xsRefreshKick(void)
{
    if (!xsRefresh.started)
        return;
    pthread_mutex_lock(&xsRefresh.lock);
    xsRefresh.kick = true;
    pthread_cond_signal(&xsRefresh.cond);
    pthread_mutex_unlock(&xsRefresh.lock);
}

void
xsRefreshSetInterval(unsigned int refreshMs)
{
    pthread_mutex_lock(&xsRefresh.lock);
    xsRefresh.refreshMs = refreshMs;
    pthread_mutex_unlock(&xsRefresh.lock);
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

const char *
xsRefreshUri(void)
{
    return xsRefresh.uri;
}

void
xsRefreshCountCalls(unsigned long long calls, unsigned long long failed)
{
    xsRefresh.stats.libCalls += calls;
    xsRefresh.stats.failedCalls += failed;
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
        pthread_cond_signal(&xsRefresh.cond);
        pthread_mutex_unlock(&xsRefresh.lock);
        pthread_join(xsRefresh.thread, NULL);
        xsRefresh.started = false;
        unregister_readfd(xsRefresh.pipefd[0]);
        pthread_cond_destroy(&xsRefresh.cond);
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
    if (xsRefresh.controlConn != NULL)
        virConnectClose(xsRefresh.controlConn);
    xsRefresh.controlConn = NULL;
    free(xsRefresh.uri);
    xsRefresh.uri = NULL;
}
