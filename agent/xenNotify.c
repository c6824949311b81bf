/*
 * xenNotify.c: XEN-SNMP-MIB lifecycle notifications (xenNotifications).
 *
 * The module keeps the picture of states it last notified (a copy made by
 * xsSnapshotStates, sorted as the domain table).  Two sources move it on,
 * both on the main thread: a successful control action
 * (xenNotifyAfterControl, which reads the new state at once) and every
 * snapshot swap (the refresh listener), whose changes are those that
 * xsSnapshotDiff, the unit-tested diff, finds between the notified
 * picture and the snapshot.  So a change is sent once, in the order it was
 * seen.  A snapshot taken before a control action's read does not
 * override that read: the diff holds that row until a later snapshot.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "clock.h"
#include "connection.h"
#include "logprefix.h"
#include "refresh.h"
#include "snapshot.h"
#include "xenNotify.h"
#include "xen_mib.h"

/* File-local: the agent has one notification module and one thread. */
static struct {
    /* The states last notified (xsSnapshotStates), sorted as the domain
     * table; NULL until the first snapshot, the baseline, arrives. */
    xsSnapshot *notified;
    /* Per row of notified: monotonic time of the last control action's
     * own read of the row, 0 for none. */
    uint64_t *controlNs;
    bool enabled;
} xenNotify;

static const oid xenNotifyTrapOid[] = {1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0};
static const oid xenNotifyRootOid[] = {XEN_MIB_ROOT, 0};
static const oid xenNotifyObjectsOid[] = {XEN_MIB_OBJECTS, 4};
static const oid xenNotifyEntryOid[] = {XEN_MIB_DOMAIN_TABLE_OID, 1};
static const oid xenNotifyFailedCallsOid[] = {XEN_MIB_NODE_OID,
                                              XEN_NODE_FAILED_CALLS, 0};

/* Appends <base>.<column>.<name index> (a column of 0 is left out) as a
 * varbind to @vars.  Returns 0 or -1. */
static int
xenNotifyAddNamed(netsnmp_variable_list **vars, const oid *base, size_t baselen,
                  unsigned int column, const char *name, size_t namelen,
                  u_char type, const void *value, size_t len)
{
    oid inst[MAX_OID_LEN];
    size_t n = 0;
    size_t i;

    if (baselen + 2 + namelen > MAX_OID_LEN)
        return -1;
    for (i = 0; i < baselen; i++)
        inst[n++] = base[i];
    if (column > 0)
        inst[n++] = column;
    inst[n++] = namelen;
    for (i = 0; i < namelen; i++)
        inst[n++] = (unsigned char)name[i];
    return snmp_varlist_add_variable(vars, inst, n, type, value, len) != NULL
               ? 0
               : -1;
}

/* Starts a notification's varbind list with snmpTrapOID = xenNotifications.N. */
static int
xenNotifyBegin(netsnmp_variable_list **vars, unsigned int number)
{
    oid trap[OID_LENGTH(xenNotifyRootOid) + 1];

    memcpy(trap, xenNotifyRootOid, sizeof(xenNotifyRootOid));
    trap[OID_LENGTH(xenNotifyRootOid)] = number;
    return snmp_varlist_add_variable(
               vars, xenNotifyTrapOid, OID_LENGTH(xenNotifyTrapOid),
               ASN_OBJECT_ID, (u_char *)trap, sizeof(trap)) != NULL
               ? 0
               : -1;
}

/* Adds xenNotifyDomainName and xenDomUUIDText, the first two objects of
 * every notification about a domain. */
static int
xenNotifyAddDomain(netsnmp_variable_list **vars, const char *name,
                   size_t namelen, const char *uuidText)
{
    if (xenNotifyAddNamed(vars, xenNotifyObjectsOid,
                          OID_LENGTH(xenNotifyObjectsOid),
                          XEN_NOTIFY_DOMAIN_NAME, name, namelen, ASN_OCTET_STR,
                          name, namelen) < 0)
        return -1;
    return xenNotifyAddNamed(vars, xenNotifyEntryOid,
                             OID_LENGTH(xenNotifyEntryOid), XEN_DOM_UUID_TEXT,
                             name, namelen, ASN_OCTET_STR, uuidText,
                             strlen(uuidText));
}

static void
xenNotifySend(xsEventType type, const char *name, size_t namelen,
              const char *uuidText, int prevState, int newState)
{
    netsnmp_variable_list *vars = NULL;
    long prev = prevState;
    long cur = newState;

    DEBUGMSGTL(("xenNotify", "event %d for \"%s\" (%d -> %d)\n", (int)type,
                name, prevState, newState));
    if (!xenNotify.enabled)
        return;
    if (xenNotifyBegin(&vars, (unsigned int)type) < 0 ||
        xenNotifyAddDomain(&vars, name, namelen, uuidText) < 0 ||
        xenNotifyAddNamed(&vars, xenNotifyObjectsOid,
                          OID_LENGTH(xenNotifyObjectsOid),
                          XEN_NOTIFY_PREVIOUS_STATE, name, namelen, ASN_INTEGER,
                          &prev, sizeof(prev)) < 0 ||
        xenNotifyAddNamed(&vars, xenNotifyEntryOid,
                          OID_LENGTH(xenNotifyEntryOid), XEN_DOM_OPER_STATE,
                          name, namelen, ASN_INTEGER, &cur, sizeof(cur)) < 0)
        goto cleanup;
    send_v2trap(vars);

cleanup:
    snmp_free_varbind(vars);
}

/* What a merge of a snapshot into the notified states works on. */
typedef struct {
    const xsSnapshot *snap; /* arriving */
    xsSnapshot *next;       /* its states: the next notified picture */
    uint64_t *nextControlNs;
} xenNotifyMerge;

/* Diff hook: a snapshot taken before a control action's own read of a
 * row does not know that action yet, so the row keeps its notified state
 * (and the time of that read) until a later snapshot. */
static bool
xenNotifyHold(void *opaque, const xsDomainRow *prev, const xsDomainRow *next)
{
    xenNotifyMerge *m = opaque;
    size_t i = (size_t)(prev - xenNotify.notified->doms);
    size_t j = (size_t)(next - m->snap->doms);

    if (xenNotify.controlNs[i] <= m->snap->takenNs)
        return false;
    m->next->doms[j].state = prev->state;
    m->nextControlNs[j] = xenNotify.controlNs[i];
    return true;
}

static void
xenNotifyEvent(void *opaque, xsEventType type, const xsDomainRow *row,
               int prevState, int newState)
{
    (void)opaque;
    xenNotifySend(type, row->name, row->namelen, row->uuidText, prevState,
                  newState);
}

static void
xenNotifyForget(void)
{
    xsSnapshotFree(xenNotify.notified);
    xenNotify.notified = NULL;
    free(xenNotify.controlNs);
    xenNotify.controlNs = NULL;
}

/* Refresh listener: notifies the changes from the notified states to
 * @snap, as the unit-tested xsSnapshotDiff finds them.  The first
 * snapshot is the baseline and notifies nothing. */
static void
xenNotifyLoad(const xsSnapshot *snap)
{
    xenNotifyMerge m;

    if (snap == NULL)
        return;
    m.snap = snap;
    m.next = xsSnapshotStates(snap);
    m.nextControlNs = calloc(snap->ndoms + 1, sizeof(*m.nextControlNs));
    if (m.next == NULL || m.nextControlNs == NULL) {
        snmp_log(LOG_ERR,
                 XS_LOG_PREFIX "out of memory for notification state\n");
        xsSnapshotFree(m.next);
        free(m.nextControlNs);
        return;
    }
    if (xenNotify.notified != NULL)
        xsSnapshotDiffHeld(xenNotify.notified, snap, xenNotifyHold,
                           xenNotifyEvent, &m);
    xenNotifyForget();
    xenNotify.notified = m.next;
    xenNotify.controlNs = m.nextControlNs;
}

void
xenNotifyAfterControl(virConnectPtr conn, const char *name)
{
    xsEventType ev[XS_TRANSITION_EVENTS_MAX];
    const xsDomainRow *found;
    xsDomainRow *row;
    virDomainPtr d = NULL;
    virDomainInfo info;
    size_t i;
    size_t n;

    if (conn == NULL || name == NULL || xenNotify.notified == NULL)
        return;
    found = xsSnapshotFindDomain(xenNotify.notified, name, strlen(name));
    if (found == NULL)
        return; /* a row the next snapshot will bring */
    i = (size_t)(found - xenNotify.notified->doms);
    row = &xenNotify.notified->doms[i];
    xenNotify.controlNs[i] = xsClockNowNs();
    if ((d = virDomainLookupByName(conn, name)) == NULL ||
        virDomainGetInfo(d, &info) < 0) {
        /* Gone (a transient domain destroyed, say): the next snapshot
         * reports it. */
        xenNotify.controlNs[i] = 0;
        goto cleanup;
    }
    /* The same table of events as the diff's. */
    n = xsStateTransitionEvents(row->state, info.state, ev,
                                XS_TRANSITION_EVENTS_MAX);
    for (i = 0; i < n; i++)
        xenNotifySend(ev[i], row->name, row->namelen, row->uuidText, row->state,
                      info.state);
    row->state = info.state;

cleanup:
    if (d != NULL)
        virDomainFree(d);
}

void
xenNotifyControlFailed(const char *name, int action, const char *error)
{
    netsnmp_variable_list *vars = NULL;
    size_t namelen = strlen(name);
    const xsDomainRow *row =
        xsSnapshotFindDomain(xsRefreshCurrent(), name, namelen);
    long act = action;

    if (!xenNotify.enabled)
        return;
    /* A domain gone meanwhile has no UUID to tell; the name still does. */
    if (xenNotifyBegin(&vars, XEN_NOTIFY_CONTROL_FAILED) < 0 ||
        xenNotifyAddDomain(&vars, name, namelen,
                           row != NULL ? row->uuidText : "") < 0 ||
        xenNotifyAddNamed(&vars, xenNotifyObjectsOid,
                          OID_LENGTH(xenNotifyObjectsOid), XEN_NOTIFY_ACTION,
                          name, namelen, ASN_INTEGER, &act, sizeof(act)) < 0 ||
        xenNotifyAddNamed(&vars, xenNotifyObjectsOid,
                          OID_LENGTH(xenNotifyObjectsOid), XEN_NOTIFY_ERROR,
                          name, namelen, ASN_OCTET_STR, error,
                          strlen(error)) < 0)
        goto cleanup;
    send_v2trap(vars);

cleanup:
    snmp_free_varbind(vars);
}

/* Connection listener: xenConnectionLost / xenConnectionRestored. */
static void
xenNotifyConnection(bool up)
{
    netsnmp_variable_list *vars = NULL;
    unsigned long long failed = xsConnectionFailedCalls();
    struct counter64 c64;

    if (!xenNotify.enabled)
        return;
    c64.high = (u_long)(failed >> 32);
    c64.low = (u_long)(failed & 0xFFFFFFFFULL);
    if (xenNotifyBegin(&vars, up ? XEN_NOTIFY_CONNECTION_RESTORED
                                 : XEN_NOTIFY_CONNECTION_LOST) < 0 ||
        snmp_varlist_add_variable(
            &vars, xenNotifyFailedCallsOid, OID_LENGTH(xenNotifyFailedCallsOid),
            ASN_COUNTER64, (u_char *)&c64, sizeof(c64)) == NULL)
        goto cleanup;
    send_v2trap(vars);

cleanup:
    snmp_free_varbind(vars);
}

void
xenNotifySetEnabled(bool enabled)
{
    xenNotify.enabled = enabled;
}

void
init_xenNotify(bool enabled)
{
    xenNotify.enabled = enabled;
    if (xsRefreshAddListener(xenNotifyLoad) < 0)
        snmp_log(LOG_ERR, XS_LOG_PREFIX "cannot follow refreshes for "
                                        "notifications\n");
    xsRefreshSetConnectionListener(xenNotifyConnection);
}

void
shutdown_xenNotify(void)
{
    xsRefreshSetConnectionListener(NULL);
    xenNotifyForget();
}
