/*
 * lifecycle.h: runs slow, irreversible control actions (start, shutdown,
 * reboot, destroy) in the background.
 *
 * A SET must not hold the agent's loop: the master's AgentX timeout is
 * one second, and starting or destroying a domain can take longer.  The
 * main thread queues a job; one worker thread, with its own read-write
 * hypervisor connection, runs the jobs in order and sends each outcome
 * back through a pipe that the main loop watches (register_readfd), so
 * the completion callback, and everything SNMP it does, runs on the main
 * thread.  The worker never touches net-snmp.
 */

#ifndef XENSNMP_LIFECYCLE_H
#define XENSNMP_LIFECYCLE_H

#include <stdbool.h>

#include "snapshot.h"

typedef struct _xsLifecycleResult xsLifecycleResult;

struct _xsLifecycleResult {
    char name[XS_NAME_MAX + 1];
    int action; /* an XEN_ACTION_* value (xen_mib.h) */
    bool ok;
    char error[256]; /* libvir's message when !ok */
};

/* Called on the main thread once per finished job. */
typedef void (*xsLifecycleDone)(const xsLifecycleResult *res);

/* Sets the completion callback.  Call once, before the first submit. */
void xsLifecycleSetCallback(xsLifecycleDone done);

/**
 * xsLifecycleSubmit:
 * @name: the domain (NUL-terminated, 1..XS_NAME_MAX bytes)
 * @action: XEN_ACTION_START, _SHUTDOWN, _REBOOT or _DESTROY
 *
 * Queues the action; starts the worker on first use (on the main thread,
 * after any fork).  Returns 0, or -1 (logged) when the worker cannot be
 * started or the job cannot be queued.
 */
int xsLifecycleSubmit(const char *name, int action);

/* Whether a job for @name is queued or running. */
bool xsLifecycleBusy(const char *name);

/* Drops the queued jobs (logged), gives the running one up to 5 s to
 * finish, stops the worker and closes its connection.  A job still
 * running then is logged and left to the process's exit. */
void xsLifecycleShutdown(void);

#endif /* XENSNMP_LIFECYCLE_H */
