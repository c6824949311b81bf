/*
 * lifecycle.c: the background worker for slow control actions.
 *
 * Ownership: the queue is shared under the lock; a job belongs to the
 * queue until the worker takes it, then to the worker until its result
 * is written to the pipe.  The worker's connection is its own.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "connection.h"
#include "libvir_events.h"
#include "lifecycle.h"
#include "refresh.h"
#include "xen_mib.h"

/* A SET names at most a few dozen domains; more queued jobs than this
 * means the hypervisor is stuck, and refusing is clearer than waiting. */
#define XS_LIFECYCLE_MAX_JOBS 1024

/* What the worker writes per job: the result plus the library calls it
 * made.  Below PIPE_BUF, so each write is atomic. */
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
    bool started;
    int pipefd[2];

    /* The worker's alone once started. */
    virConnectPtr conn;
    bool noEvents; /* conn's driver has no change events */
    char *uri;

    /* Shared, under lock. */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    xsLifecycleJob *jobs; /* ring of XS_LIFECYCLE_MAX_JOBS */
    size_t head;
    size_t njobs;
    char running[XS_NAME_MAX + 1]; /* name of the job in hand, or "" */
    bool stop;
    pthread_t thread;
} xsLifecycle = {
    .pipefd = {-1, -1},
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .cond = PTHREAD_COND_INITIALIZER,
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
        if ((xsLifecycle.conn = virConnectOpen(xsLifecycle.uri)) == NULL) {
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

static void *
xsLifecycleWorker(void *opaque)
{
    (void)opaque;

    pthread_mutex_lock(&xsLifecycle.lock);
    for (;;) {
        xsLifecycleJob job;
        xsLifecycleMsg msg;
        ssize_t n;

        while (!xsLifecycle.stop && xsLifecycle.njobs == 0) {
            struct timespec ts;

            if (xsLifecycle.conn == NULL) {
                pthread_cond_wait(&xsLifecycle.cond, &xsLifecycle.lock);
                continue;
            }
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_sec += 1;
            if (pthread_cond_timedwait(&xsLifecycle.cond, &xsLifecycle.lock,
                                       &ts) == ETIMEDOUT) {
                pthread_mutex_unlock(&xsLifecycle.lock);
                xsLifecycleTend();
                pthread_mutex_lock(&xsLifecycle.lock);
            }
        }
        if (xsLifecycle.stop)
            break;
        job = xsLifecycle.jobs[xsLifecycle.head];
        xsLifecycle.head = (xsLifecycle.head + 1) % XS_LIFECYCLE_MAX_JOBS;
        xsLifecycle.njobs--;
        memcpy(xsLifecycle.running, job.name, sizeof(job.name));
        pthread_mutex_unlock(&xsLifecycle.lock);

        xsLifecycleRun(&job, &msg);
        do {
            n = write(xsLifecycle.pipefd[1], &msg, sizeof(msg));
        } while (n < 0 && errno == EINTR);

        pthread_mutex_lock(&xsLifecycle.lock);
        xsLifecycle.running[0] = '\0';
    }
    pthread_mutex_unlock(&xsLifecycle.lock);
    return NULL;
}

/* Reads every finished job waiting in the pipe (non-blocking). */
static void
xsLifecycleDrain(void)
{
    xsLifecycleMsg msg;
    ssize_t n;

    for (;;) {
        n = read(xsLifecycle.pipefd[0], &msg, sizeof(msg));
        if (n < 0 && errno == EINTR)
            continue;
        if (n != (ssize_t)sizeof(msg))
            break;
        xsConnectionCountCalls(msg.calls, msg.failed);
        if (msg.res.ok)
            snmp_log(LOG_NOTICE, "xensnmpd: %s of \"%s\" done\n",
                     xsLifecycleActionName(msg.res.action), msg.res.name);
        else
            snmp_log(LOG_ERR, "xensnmpd: %s of \"%s\" failed: %s\n",
                     xsLifecycleActionName(msg.res.action), msg.res.name,
                     msg.res.error);
        if (xsLifecycle.done != NULL)
            xsLifecycle.done(&msg.res);
    }
}

static void
xsLifecycleReadable(int fd, void *data)
{
    (void)fd;
    (void)data;
    xsLifecycleDrain();
}

static int
xsLifecycleStart(void)
{
    const char *uri = xsConnectionUri();
    int rc;

    if ((xsLifecycle.jobs = calloc(XS_LIFECYCLE_MAX_JOBS,
                                   sizeof(*xsLifecycle.jobs))) == NULL ||
        (uri != NULL && (xsLifecycle.uri = strdup(uri)) == NULL)) {
        snmp_log(LOG_ERR, "xensnmpd: out of memory for the control worker\n");
        goto error;
    }
    if (pipe(xsLifecycle.pipefd) < 0) {
        snmp_log(LOG_ERR, "xensnmpd: pipe: %s\n", strerror(errno));
        goto error;
    }
    if (fcntl(xsLifecycle.pipefd[0], F_SETFL, O_NONBLOCK) < 0 ||
        fcntl(xsLifecycle.pipefd[0], F_SETFD, FD_CLOEXEC) < 0 ||
        fcntl(xsLifecycle.pipefd[1], F_SETFD, FD_CLOEXEC) < 0) {
        snmp_log(LOG_ERR, "xensnmpd: fcntl: %s\n", strerror(errno));
        goto error;
    }
    if (register_readfd(xsLifecycle.pipefd[0], xsLifecycleReadable, NULL) < 0) {
        snmp_log(LOG_ERR, "xensnmpd: cannot watch the control pipe\n");
        goto error;
    }
    rc = pthread_create(&xsLifecycle.thread, NULL, xsLifecycleWorker, NULL);
    if (rc != 0) {
        snmp_log(LOG_ERR, "xensnmpd: cannot start the control thread: %s\n",
                 strerror(rc));
        unregister_readfd(xsLifecycle.pipefd[0]);
        goto error;
    }
    xsLifecycle.started = true;
    return 0;

error:
    xsLifecycleShutdown();
    return -1;
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
    if (!xsLifecycle.started && xsLifecycleStart() < 0)
        return -1;
    pthread_mutex_lock(&xsLifecycle.lock);
    if (xsLifecycle.njobs == XS_LIFECYCLE_MAX_JOBS) {
        pthread_mutex_unlock(&xsLifecycle.lock);
        snmp_log(LOG_ERR,
                 "xensnmpd: %d control actions are waiting; refusing "
                 "%s of \"%s\"\n",
                 XS_LIFECYCLE_MAX_JOBS, xsLifecycleActionName(action), name);
        return -1;
    }
    job = &xsLifecycle.jobs[(xsLifecycle.head + xsLifecycle.njobs) %
                            XS_LIFECYCLE_MAX_JOBS];
    memcpy(job->name, name, len + 1);
    job->action = action;
    xsLifecycle.njobs++;
    pthread_cond_signal(&xsLifecycle.cond);
    pthread_mutex_unlock(&xsLifecycle.lock);
    return 0;
}

bool
xsLifecycleBusy(const char *name)
{
    bool busy = false;
    size_t i;

    if (!xsLifecycle.started)
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
    if (xsLifecycle.started) {
        pthread_mutex_lock(&xsLifecycle.lock);
        xsLifecycle.stop = true;
        if (xsLifecycle.njobs > 0)
            snmp_log(LOG_WARNING,
                     "xensnmpd: stopping with %zu control actions not "
                     "started\n",
                     xsLifecycle.njobs);
        xsLifecycle.njobs = 0;
        pthread_cond_signal(&xsLifecycle.cond);
        pthread_mutex_unlock(&xsLifecycle.lock);
        pthread_join(xsLifecycle.thread, NULL);
        unregister_readfd(xsLifecycle.pipefd[0]);
        xsLifecycle.started = false;
        /* The job that was running has its result logged. */
        xsLifecycle.done = NULL;
        xsLifecycleDrain();
    }
    if (xsLifecycle.pipefd[0] >= 0) {
        close(xsLifecycle.pipefd[0]);
        close(xsLifecycle.pipefd[1]);
        xsLifecycle.pipefd[0] = xsLifecycle.pipefd[1] = -1;
    }
    if (xsLifecycle.conn != NULL)
        virConnectClose(xsLifecycle.conn);
    xsLifecycle.conn = NULL;
    free(xsLifecycle.jobs);
    xsLifecycle.jobs = NULL;
    free(xsLifecycle.uri);
    xsLifecycle.uri = NULL;
    xsLifecycle.head = 0;
    xsLifecycle.stop = false;
}
