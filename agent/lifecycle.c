/*
 * lifecycle.c: the background worker for slow control actions.
 *
 * Ownership: the queue is shared under the lock; a job belongs to the
 * queue until the worker takes it, then to the worker until its result
 * is sent (worker.h carries it to the main thread).  The worker's
 * connection is its own.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connection.h"
#include "libvir_events.h"
#include "lifecycle.h"
#include "logprefix.h"
#include "worker.h"
#include "xen_mib.h"

/* While idle with a connection, the worker looks this often whether the
 * connection reported a change (see xsLifecycleTend). */
#define XS_LIFECYCLE_TEND_MS 1000

/* A SET names at most a few dozen domains; more queued jobs than this
 * means the hypervisor is stuck, and refusing is clearer than waiting. */
#define XS_LIFECYCLE_MAX_JOBS 1024

/* How long stopping waits for the action in hand (xensnmpd(8) documents
 * it): long enough for an ordinary shutdown or destroy, short enough for
 * systemd's stop timeout and an admin's patience. */
#define XS_LIFECYCLE_STOP_MS 5000

/* What the worker sends per job: the result plus the library calls it
 * made. */
typedef struct _xsLifecycleMsg xsLifecycleMsg;

struct _xsLifecycleMsg {
    xsLifecycleResult res;
    unsigned long long calls;
    unsigned long long failed;
};

typedef struct _xsLifecycleJob xsLifecycleJob;

struct _xsLifecycleJob {
    char name[XS_NAME_MAX + 1];
    int action;
};

static struct {
    /* Main thread only. */
    xsLifecycleDone done;
    xsWorker *worker; /* NULL until the first submit */

    /* The worker's alone once started. */
    virConnectPtr conn;
    bool noEvents; /* conn's driver has no change events */

    /* Shared, under lock. */
    pthread_mutex_t lock;
    xsLifecycleJob *jobs; /* ring of XS_LIFECYCLE_MAX_JOBS */
    size_t head;
    size_t njobs;
    char running[XS_NAME_MAX + 1]; /* name of the job in hand, or "" */
    int runningAction;             /* its action */
} xsLifecycle = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
};

static const char *
xsLifecycleActionName(int action)
{
    switch (action) {
    case XEN_ACTION_START:
        return "start";
    case XEN_ACTION_SHUTDOWN:
        return "shutdown";
    case XEN_ACTION_REBOOT:
        return "reboot";
    case XEN_ACTION_DESTROY:
        return "destroy";
    default:
        return "unknown action";
    }
}

static void
xsLifecycleFail(xsLifecycleMsg *msg, const char *what)
{
    virErrorPtr e = virGetLastError();

    msg->failed++;
    msg->res.ok = false;
    snprintf(msg->res.error, sizeof(msg->res.error), "%s%s", what,
             e != NULL && e->message != NULL ? e->message : "unknown error");
}

/* Runs one job on the worker thread. */
static void
xsLifecycleRun(const xsLifecycleJob *job, xsLifecycleMsg *msg)
{
    virDomainPtr d = NULL;
    int rc = -1;

    memset(msg, 0, sizeof(*msg));
    memcpy(msg->res.name, job->name, sizeof(msg->res.name));
    msg->res.action = job->action;
    if (xsLifecycle.conn == NULL) {
        msg->calls++;
        if ((xsLifecycle.conn = virConnectOpen(xsConnectionUri())) == NULL) {
            xsLifecycleFail(msg, "cannot open the control connection: ");
            return;
        }
    }
    msg->calls++;
    if ((d = virDomainLookupByName(xsLifecycle.conn, job->name)) == NULL) {
        xsLifecycleFail(msg, "");
        return;
    }
    msg->calls++;
    switch (job->action) {
    case XEN_ACTION_START:
        rc = virDomainCreate(d);
        break;
    case XEN_ACTION_SHUTDOWN:
        rc = virDomainShutdown(d);
        break;
    case XEN_ACTION_REBOOT:
        rc = virDomainReboot(d, 0);
        break;
    case XEN_ACTION_DESTROY:
        /* A successful destroy releases the handle it was given. */
        if ((rc = virDomainDestroy(d)) == 0)
            d = NULL;
        break;
    default:
        break;
    }
    if (rc < 0)
        xsLifecycleFail(msg, "");
    else
        msg->res.ok = true;
    if (d != NULL)
        virDomainFree(d);
}

/* The domains this connection started have no xl process to carry out
 * their on_poweroff, on_reboot and on_crash: the library does that when
 * the connection next lists domains.  Listing whenever the connection
 * reports a change (a guest that stops fires @releaseDomain on Xen) has
 * it done within a second of the guest stopping, at no cost otherwise.
 * Errors are dropped: the next job reports a connection that broke. */
static void
xsLifecycleTend(void)
{
    struct pollfd pfd;
    int *ids = NULL;
    virErrorPtr e;
    int n;

    if (xsLifecycle.conn == NULL || xsLifecycle.noEvents)
        return;
    if ((pfd.fd = virConnectGetEventFd(xsLifecycle.conn)) < 0) {
        e = virGetLastError();
        if (e != NULL && e->code == VIR_ERR_NO_SUPPORT)
            xsLifecycle.noEvents = true;
        goto cleanup;
    }
    pfd.events = POLLIN;
    if (poll(&pfd, 1, 0) <= 0)
        goto cleanup;
    if ((n = virConnectNumOfDomains(xsLifecycle.conn)) < 0 ||
        (ids = calloc((size_t)n + 1, sizeof(*ids))) == NULL)
        goto cleanup;
    virConnectListDomains(xsLifecycle.conn, ids, n + 1);

cleanup:
    free(ids);
    virResetLastError();
}

/* The worker thread: runs the queued jobs in order; idle, it tends the
 * connection. */
static void
xsLifecycleWorker(xsWorker *w, void *opaque)
{
    (void)opaque;

    for (;;) {
        xsLifecycleJob job;
        xsLifecycleMsg msg;
        bool have = false;

        pthread_mutex_lock(&xsLifecycle.lock);
        if (xsLifecycle.njobs > 0) {
            job = xsLifecycle.jobs[xsLifecycle.head];
            xsLifecycle.head = (xsLifecycle.head + 1) % XS_LIFECYCLE_MAX_JOBS;
            xsLifecycle.njobs--;
            memcpy(xsLifecycle.running, job.name, sizeof(job.name));
            xsLifecycle.runningAction = job.action;
            have = true;
        }
        pthread_mutex_unlock(&xsLifecycle.lock);

        if (have) {
            xsLifecycleRun(&job, &msg);
            /* Fails only while stopping; the result is then lost with
             * the queue, as xsLifecycleShutdown() logs. */
            (void)xsWorkerSend(w, &msg);
            pthread_mutex_lock(&xsLifecycle.lock);
            xsLifecycle.running[0] = '\0';
            pthread_mutex_unlock(&xsLifecycle.lock);
            continue;
        }
        switch (xsWorkerWait(
            w, xsLifecycle.conn != NULL ? XS_LIFECYCLE_TEND_MS : -1, -1)) {
        case XS_WORKER_STOP:
            return;
        case XS_WORKER_TIMEOUT:
            xsLifecycleTend();
            break;
        case XS_WORKER_WOKEN:
        case XS_WORKER_READY:
            break;
        }
    }
}

/* Main thread: one finished job. */
static void
xsLifecycleDeliver(const void *data, void *opaque)
{
    xsLifecycleMsg msg;

    (void)opaque;
    memcpy(&msg, data, sizeof(msg));
    xsConnectionCountCalls(msg.calls, msg.failed);
    if (msg.res.ok)
        snmp_log(LOG_NOTICE, XS_LOG_PREFIX "%s of \"%s\" done\n",
                 xsLifecycleActionName(msg.res.action), msg.res.name);
    else
        snmp_log(LOG_ERR, XS_LOG_PREFIX "%s of \"%s\" failed: %s\n",
                 xsLifecycleActionName(msg.res.action), msg.res.name,
                 msg.res.error);
    if (xsLifecycle.done != NULL)
        xsLifecycle.done(&msg.res);
}

static int
xsLifecycleStart(void)
{
    if ((xsLifecycle.jobs = calloc(XS_LIFECYCLE_MAX_JOBS,
                                   sizeof(*xsLifecycle.jobs))) == NULL) {
        snmp_log(LOG_ERR,
                 XS_LOG_PREFIX "out of memory for the control worker\n");
        return -1;
    }
    xsLifecycle.worker =
        xsWorkerStart("control", sizeof(xsLifecycleMsg), xsLifecycleWorker,
                      xsLifecycleDeliver, NULL);
    if (xsLifecycle.worker == NULL) {
        xsLifecycleShutdown();
        return -1;
    }
    return 0;
}

void
xsLifecycleSetCallback(xsLifecycleDone done)
{
    xsLifecycle.done = done;
}

int
xsLifecycleSubmit(const char *name, int action)
{
    size_t len = strlen(name);
    xsLifecycleJob *job;

    if (len == 0 || len > XS_NAME_MAX)
        return -1;
    if (xsLifecycle.worker == NULL && xsLifecycleStart() < 0)
        return -1;
    pthread_mutex_lock(&xsLifecycle.lock);
    if (xsLifecycle.njobs == XS_LIFECYCLE_MAX_JOBS) {
        pthread_mutex_unlock(&xsLifecycle.lock);
        snmp_log(LOG_ERR,
                 XS_LOG_PREFIX "%d control actions are waiting; refusing "
                               "%s of \"%s\"\n",
                 XS_LIFECYCLE_MAX_JOBS, xsLifecycleActionName(action), name);
        return -1;
    }
    job = &xsLifecycle.jobs[(xsLifecycle.head + xsLifecycle.njobs) %
                            XS_LIFECYCLE_MAX_JOBS];
    memcpy(job->name, name, len + 1);
    job->action = action;
    xsLifecycle.njobs++;
    pthread_mutex_unlock(&xsLifecycle.lock);
    xsWorkerWake(xsLifecycle.worker);
    return 0;
}

bool
xsLifecycleBusy(const char *name)
{
    bool busy = false;
    size_t i;

    if (xsLifecycle.worker == NULL)
        return false;
    pthread_mutex_lock(&xsLifecycle.lock);
    busy = strcmp(xsLifecycle.running, name) == 0;
    for (i = 0; i < xsLifecycle.njobs && !busy; i++)
        busy = strcmp(xsLifecycle
                          .jobs[(xsLifecycle.head + i) % XS_LIFECYCLE_MAX_JOBS]
                          .name,
                      name) == 0;
    pthread_mutex_unlock(&xsLifecycle.lock);
    return busy;
}

void
xsLifecycleShutdown(void)
{
    char running[XS_NAME_MAX + 1];
    int action;

    if (xsLifecycle.worker != NULL) {
        pthread_mutex_lock(&xsLifecycle.lock);
        if (xsLifecycle.njobs > 0)
            snmp_log(LOG_WARNING,
                     XS_LOG_PREFIX "stopping with %zu control actions not "
                                   "started\n",
                     xsLifecycle.njobs);
        xsLifecycle.njobs = 0;
        pthread_mutex_unlock(&xsLifecycle.lock);
        /* The job that was running has its result logged, no more. */
        xsLifecycle.done = NULL;
        if (xsWorkerStopWithin(xsLifecycle.worker, XS_LIFECYCLE_STOP_MS) < 0) {
            pthread_mutex_lock(&xsLifecycle.lock);
            memcpy(running, xsLifecycle.running, sizeof(running));
            action = xsLifecycle.runningAction;
            pthread_mutex_unlock(&xsLifecycle.lock);
            snmp_log(LOG_WARNING,
                     XS_LOG_PREFIX "stopping without its result: %s of "
                                   "\"%s\" still running after %d s\n",
                     xsLifecycleActionName(action), running,
                     XS_LIFECYCLE_STOP_MS / 1000);
            /* The thread still uses its connection and the queue: both
             * stay, untouched, until the process exits. */
            xsLifecycle.worker = NULL;
            return;
        }
        xsLifecycle.worker = NULL;
    }
    if (xsLifecycle.conn != NULL)
        virConnectClose(xsLifecycle.conn);
    xsLifecycle.conn = NULL;
    xsLifecycle.noEvents = false;
    free(xsLifecycle.jobs);
    xsLifecycle.jobs = NULL;
    xsLifecycle.head = 0;
    xsLifecycle.running[0] = '\0';
}
