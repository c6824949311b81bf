/*
 * xenDomainControl.c: the effects of SETs on xenDomainTable columns.
 *
 * Reversible changes go through the main thread's read-write connection
 * during ACTION; the irreversible lifecycle actions are queued at COMMIT
 * to the background worker (lifecycle.c), whose outcome comes back to
 * xenDomainControlDone on the main thread.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connection.h"
#include "lifecycle.h"
#include "refresh.h"
#include "xenDomainControl.h"
#include "xenDomainTable.h"
#include "xenNotify.h"
#include "xen_mib.h"

struct _xenDomainControlSet {
    xsDomainRow dom; /* the row at RESERVE1; owns only dom.name */
    unsigned int col;
    long value;
    int action;    /* the XEN_ACTION_* this SET amounts to */
    bool deferred; /* an action for COMMIT; nothing happens at ACTION */
    bool noop;     /* the domain already is as asked */
    bool applied;  /* ACTION changed the domain: UNDO must revert */
};

static const char *
xenDomainControlColumnName(unsigned int col)
{
    switch (col) {
    case XEN_DOM_ADMIN_STATE:
        return "xenDomAdminState";
    case XEN_DOM_MAX_MEMORY_MIB:
        return "xenDomMaxMemoryMiB";
    case XEN_DOM_MEMORY_TARGET_MIB:
        return "xenDomMemoryTargetMiB";
    case XEN_DOM_VCPUS:
        return "xenDomVcpus";
    default:
        return "?";
    }
}

static bool
xenDomainControlIsActive(int state)
{
    return state != VIR_DOMAIN_SHUTOFF && state != VIR_DOMAIN_NOSTATE;
}

static bool
xenDomainControlIsRunning(int state)
{
    return state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_BLOCKED;
}

/* Classifies an xenDomAdminState write on a domain in @state. */
static void
xenDomainControlClassify(xenDomainControlSet *set)
{
    int state = set->dom.state;

    switch (set->col) {
    case XEN_DOM_ADMIN_STATE:
        switch (set->value) {
        case XEN_ADMIN_RUNNING:
            if (state == VIR_DOMAIN_PAUSED) {
                set->action = XEN_ACTION_RESUME;
            } else if (!xenDomainControlIsActive(state)) {
                set->action = XEN_ACTION_START;
                set->deferred = true;
            } else {
                set->action = XEN_ACTION_RESUME;
                set->noop = true;
            }
            break;
        case XEN_ADMIN_PAUSED:
            set->action = XEN_ACTION_SUSPEND;
            set->noop = state == VIR_DOMAIN_PAUSED;
            break;
        case XEN_ADMIN_SHUTDOWN:
            set->action = XEN_ACTION_SHUTDOWN;
            set->noop = !xenDomainControlIsActive(state);
            set->deferred = !set->noop;
            break;
        case XEN_ADMIN_REBOOT:
            set->action = XEN_ACTION_REBOOT;
            set->deferred = true;
            break;
        default: /* destroyed */
            set->action = XEN_ACTION_DESTROY;
            set->noop = !xenDomainControlIsActive(state);
            set->deferred = !set->noop;
            break;
        }
        break;
    case XEN_DOM_MAX_MEMORY_MIB:
        set->action = XEN_ACTION_SET_MAX_MEMORY;
        break;
    case XEN_DOM_MEMORY_TARGET_MIB:
        set->action = XEN_ACTION_SET_MEMORY_TARGET;
        break;
    case XEN_DOM_VCPUS:
        set->action = XEN_ACTION_SET_VCPUS;
        break;
    default:
        set->action = XEN_ACTION_NONE;
        break;
    }
}

xenDomainControlSet *
xenDomainControlNew(const xsDomainRow *dom, unsigned int col, long value)
{
    xenDomainControlSet *set = calloc(1, sizeof(*set));

    if (set == NULL)
        return NULL;
    set->dom = *dom;
    set->dom.ostype = NULL;
    set->dom.vcpuRows = NULL;
    set->dom.nvcpuRows = 0;
    if ((set->dom.name = strdup(dom->name)) == NULL) {
        free(set);
        return NULL;
    }
    set->col = col;
    set->value = value;
    xenDomainControlClassify(set);
    return set;
}

void
xenDomainControlFree(void *data)
{
    xenDomainControlSet *set = data;

    if (set != NULL)
        free(set->dom.name);
    free(set);
}

bool
xenDomainControlBusy(const char *name)
{
    return xsLifecycleBusy(name);
}

/* Reads the domain's state and limits now, into the xsDomainRow given as
 * @opaque (cast back from const: the callback type is shared). */
static int
xenDomainControlReadLive(virDomainPtr d, const void *opaque)
{
    xsDomainRow *row = (xsDomainRow *)opaque;
    virDomainInfo info;

    if (virDomainGetInfo(d, &info) < 0)
        return -1;
    row->state = info.state;
    row->id = info.state == VIR_DOMAIN_SHUTOFF ? -1 : (int)virDomainGetID(d);
    row->maxMemKiB = info.maxMem;
    row->memKiB = info.memory;
    row->targetKiB = info.memory;
    row->vcpus = info.nrVirtCpu;
    /* The maximum of a running domain does not change; the snapshot's
     * (all its vcpus, online or not) stands. */
    if (row->id < 0)
        row->maxVcpus = info.nrVirtCpu;
    return 0;
}

int
xenDomainControlCheck(xenDomainControlSet *set)
{
    const xsDomainRow *dom = &set->dom;
    char err[256];

    bool dom0 = dom->id == 0;
    bool running = xenDomainControlIsRunning(dom->state);
    unsigned long long kib = (unsigned long long)set->value * 1024ULL;

    if (xenDomainControlBusy(dom->name))
        return SNMP_ERR_INCONSISTENTVALUE;
    /* Decide on the domain as it is now, not as the last snapshot saw
     * it: a client that changed it a moment ago expects its next SET to
     * see that.  A bounded cost: a few calls per varbind. */
    if (xsConnectionControl() != NULL) {
        if (xenDomainControlWith(dom->name, xenDomainControlReadLive, &set->dom,
                                 err, sizeof(err)) < 0)
            return SNMP_ERR_NOCREATION; /* gone since the snapshot */
        set->deferred = set->noop = false;
        xenDomainControlClassify(set);
    }
    switch (set->col) {
    case XEN_DOM_ADMIN_STATE:
        switch (set->value) {
        case XEN_ADMIN_RUNNING:
            return dom->state == VIR_DOMAIN_CRASHED ||
                           dom->state == VIR_DOMAIN_SHUTDOWN
                       ? SNMP_ERR_INCONSISTENTVALUE
                       : SNMP_ERR_NOERROR;
        case XEN_ADMIN_PAUSED:
            if (dom->state == VIR_DOMAIN_PAUSED)
                return SNMP_ERR_NOERROR;
            return running && !dom0 ? SNMP_ERR_NOERROR
                                    : SNMP_ERR_INCONSISTENTVALUE;
        case XEN_ADMIN_REBOOT:
            return running && !dom0 ? SNMP_ERR_NOERROR
                                    : SNMP_ERR_INCONSISTENTVALUE;
        default: /* shutdown, destroyed */
            return dom0 ? SNMP_ERR_INCONSISTENTVALUE : SNMP_ERR_NOERROR;
        }
    case XEN_DOM_MAX_MEMORY_MIB:
        return xenDomainControlIsActive(dom->state) && kib < dom->memKiB
                   ? SNMP_ERR_INCONSISTENTVALUE
                   : SNMP_ERR_NOERROR;
    case XEN_DOM_MEMORY_TARGET_MIB:
        return kib > dom->maxMemKiB ? SNMP_ERR_INCONSISTENTVALUE
                                    : SNMP_ERR_NOERROR;
    case XEN_DOM_VCPUS:
        return (unsigned long)set->value > dom->maxVcpus
                   ? SNMP_ERR_INCONSISTENTVALUE
                   : SNMP_ERR_NOERROR;
    default:
        return SNMP_ERR_NOTWRITABLE;
    }
}

int
xenDomainControlWith(const char *name, xenDomainControlFn fn,
                     const void *opaque, char *err, size_t errlen)
{
    virConnectPtr conn = xsConnectionControl();
    virDomainPtr d = NULL;
    virErrorPtr e;
    int rc = -1;

    if (conn == NULL) {
        snprintf(err, errlen, "no hypervisor connection");
        return -1;
    }
    if ((d = virDomainLookupByName(conn, name)) != NULL)
        rc = fn(d, opaque);
    xsConnectionCountCalls(d != NULL ? 2 : 1, rc < 0 ? 1 : 0);
    if (rc < 0) {
        e = virGetLastError();
        snprintf(err, errlen, "%s",
                 e != NULL && e->message != NULL ? e->message
                                                 : "unknown error");
    }
    if (d != NULL)
        virDomainFree(d);
    return rc < 0 ? -1 : 0;
}

/* A reversible change: an XEN_ACTION_* and its value (KiB or a count). */
typedef struct _xenDomainControlChange xenDomainControlChange;

struct _xenDomainControlChange {
    int action;
    unsigned long value;
};

static int
xenDomainControlCall(virDomainPtr d, const void *opaque)
{
    const xenDomainControlChange *c = opaque;

    switch (c->action) {
    case XEN_ACTION_RESUME:
        return virDomainResume(d);
    case XEN_ACTION_SUSPEND:
        return virDomainSuspend(d);
    case XEN_ACTION_SET_MAX_MEMORY:
        return virDomainSetMaxMemory(d, c->value);
    case XEN_ACTION_SET_MEMORY_TARGET:
        return virDomainSetMemory(d, c->value);
    case XEN_ACTION_SET_VCPUS:
        return virDomainSetVcpus(d, (unsigned int)c->value);
    default:
        return -1;
    }
}

/* Makes the change @action with @value on the domain of @set.  Returns 0,
 * or -1 with @err filled. */
static int
xenDomainControlRun(const xenDomainControlSet *set, int action,
                    unsigned long value, char *err, size_t errlen)
{
    xenDomainControlChange c = {.action = action, .value = value};

    return xenDomainControlWith(set->dom.name, xenDomainControlCall, &c, err,
                                errlen);
}

int
xenDomainControlAction(xenDomainControlSet *set)
{
    const char *colname = xenDomainControlColumnName(set->col);
    unsigned long value = (unsigned long)set->value;
    char err[256];

    if (set->deferred)
        return 0;
    if (set->noop) {
        snmp_log(LOG_NOTICE, "xensnmpd: SET %s.\"%s\" = %ld: nothing to do\n",
                 colname, set->dom.name, set->value);
        xenDomainTableRecordAction(set->dom.name, set->action,
                                   XEN_ACTION_STATUS_SUCCEEDED, NULL);
        return 0;
    }
    if (set->col == XEN_DOM_MAX_MEMORY_MIB ||
        set->col == XEN_DOM_MEMORY_TARGET_MIB)
        value *= 1024UL;
    if (xenDomainControlRun(set, set->action, value, err, sizeof(err)) < 0) {
        snmp_log(LOG_ERR, "xensnmpd: SET %s.\"%s\" = %ld failed: %s\n", colname,
                 set->dom.name, set->value, err);
        xenDomainTableRecordAction(set->dom.name, set->action,
                                   XEN_ACTION_STATUS_FAILED, err);
        return -1;
    }
    set->applied = true;
    snmp_log(LOG_NOTICE, "xensnmpd: SET %s.\"%s\" = %ld\n", colname,
             set->dom.name, set->value);
    xenDomainTableRecordAction(set->dom.name, set->action,
                               XEN_ACTION_STATUS_SUCCEEDED, NULL);
    xenNotifyAfterControl(xsConnectionControl(), set->dom.name);
    return 0;
}

void
xenDomainControlUndo(xenDomainControlSet *set)
{
    const char *colname = xenDomainControlColumnName(set->col);
    int action = set->action;
    unsigned long value = 0;
    char err[256];

    if (!set->applied)
        return;
    switch (set->action) {
    case XEN_ACTION_RESUME:
        action = XEN_ACTION_SUSPEND;
        break;
    case XEN_ACTION_SUSPEND:
        action = XEN_ACTION_RESUME;
        break;
    case XEN_ACTION_SET_MAX_MEMORY:
        value = set->dom.maxMemKiB;
        break;
    case XEN_ACTION_SET_MEMORY_TARGET:
        value = set->dom.targetKiB;
        break;
    case XEN_ACTION_SET_VCPUS:
        value = set->dom.vcpus;
        break;
    default:
        return;
    }
    set->applied = false;
    if (xenDomainControlRun(set, action, value, err, sizeof(err)) < 0) {
        snmp_log(LOG_ERR,
                 "xensnmpd: cannot undo SET %s.\"%s\" = %ld after a later "
                 "varbind failed: %s\n",
                 colname, set->dom.name, set->value, err);
        return;
    }
    snmp_log(LOG_NOTICE,
             "xensnmpd: undid SET %s.\"%s\" = %ld (a later varbind failed)\n",
             colname, set->dom.name, set->value);
    xenNotifyAfterControl(xsConnectionControl(), set->dom.name);
}

void
xenDomainControlCommit(const xenDomainControlSet *set)
{
    if (!set->deferred)
        return;
    snmp_log(LOG_NOTICE, "xensnmpd: SET %s.\"%s\" = %ld: queued\n",
             xenDomainControlColumnName(set->col), set->dom.name, set->value);
    if (xsLifecycleSubmit(set->dom.name, set->action) < 0) {
        const char *err = "the agent could not queue the action";

        xenDomainTableRecordAction(set->dom.name, set->action,
                                   XEN_ACTION_STATUS_FAILED, err);
        xenNotifyControlFailed(set->dom.name, set->action, err);
        return;
    }
    xenDomainTableRecordAction(set->dom.name, set->action,
                               XEN_ACTION_STATUS_IN_PROGRESS, NULL);
}

/* The background worker finished an action. */
static void
xenDomainControlDone(const xsLifecycleResult *res)
{
    xenDomainTableRecordAction(res->name, res->action,
                               res->ok ? XEN_ACTION_STATUS_SUCCEEDED
                                       : XEN_ACTION_STATUS_FAILED,
                               res->error);
    if (res->ok)
        xenNotifyAfterControl(xsConnectionControl(), res->name);
    else
        xenNotifyControlFailed(res->name, res->action, res->error);
    xsRefreshKick();
}

void
xenDomainControlInit(void)
{
    xsLifecycleSetCallback(xenDomainControlDone);
}

void
xenDomainControlShutdown(void)
{
    xsLifecycleShutdown();
}
