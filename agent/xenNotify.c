/*
 * xenNotify.c: XEN-SNMP-MIB lifecycle notifications (xenNotifications).
 *
 * The module keeps the picture of states it last notified (a copy made by
 * xsSnapshotStates, sorted as the domain table).  Every new current
 * snapshot moves it on, on the main thread (the refresh listener): its
 * changes are those that xsSnapshotDiff, the unit-tested diff, finds
 * between the notified picture and the snapshot, so a change is sent
 * once, in the order it was seen.  A SET's changes arrive the same way:
 * control.c re-reads the domains it changed into a new current snapshot,
 * and fixes up a snapshot begun before that, so no older picture undoes
 * them.
 *
 * The same comparison logs, at LOG_WARNING, each domain that a snapshot
 * leaves out of the tables for its name (skipped.h) when it first
 * appears: the first snapshot logs those it has, later ones only those
 * the notified picture did not have.  So a domain is logged once however
 * many refreshes see it, and again only if it went away and came back
 * (or its name now belongs to another UUID).  This does not depend on
 * the notifications setting: it is the operator's only sign of such a
 * domain.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "connection.h"
#include "logprefix.h"
#include "refresh.h"
#include "skipped.h"
#include "snapshot.h"
#include "xenNotify.h"
#include "xen_mib.h"

/* How many notifications are kept while the master agent is away: a
 * day's outage of a busy host should not grow the agent without bound,
 * and the oldest matter least once the newest say how things ended. */
#define XEN_NOTIFY_QUEUE_MAX 1000

/* File-local: the agent has one notification module and one thread. */
static struct {
    /* The states last notified (xsSnapshotStates), sorted as the domain
     * table; NULL until the first snapshot, the baseline, arrives. */
    xsSnapshot *notified;
    bool enabled;
    /* Notifications that could not be sent yet, oldest first: a ring of
     * XEN_NOTIFY_QUEUE_MAX varbind lists, each owned here. */
    netsnmp_variable_list **queue;
    size_t qhead;
    size_t qlen;
    unsigned long long dropped; /* oldest ones dropped since last told */
    bool masterAway;            /* xenNotifySetMasterUp(false) */
} xenNotify;

static const oid xenNotifyTrapOid[] = {1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0};
static const oid xenNotifyRootOid[] = {XEN_MIB_ROOT, 0};
static const oid xenNotifyObjectsOid[] = {XEN_MIB_OBJECTS, 4};
static const oid xenNotifyEntryOid[] = {XEN_MIB_DOMAIN_TABLE_OID, 1};
static const oid xenNotifyConnectionStateOid[] = {XEN_MIB_NODE_OID,
                                                  XEN_NODE_CONNECTION_STATE, 0};

/* Keeps @vars (owned from now on) for when the master is back; a full
 * queue drops its oldest entry. */
static void
xenNotifyKeep(netsnmp_variable_list *vars)
{
    size_t tail;

    if (xenNotify.queue == NULL &&
        (xenNotify.queue =
             calloc(XEN_NOTIFY_QUEUE_MAX, sizeof(*xenNotify.queue))) == NULL) {
        xenNotify.dropped++;
        snmp_free_varbind(vars);
        return;
    }
    if (xenNotify.qlen == XEN_NOTIFY_QUEUE_MAX) {
        snmp_free_varbind(xenNotify.queue[xenNotify.qhead]);
        xenNotify.qhead = (xenNotify.qhead + 1) % XEN_NOTIFY_QUEUE_MAX;
        xenNotify.qlen--;
        xenNotify.dropped++;
    }
    tail = (xenNotify.qhead + xenNotify.qlen) % XEN_NOTIFY_QUEUE_MAX;
    xenNotify.queue[tail] = vars;
    xenNotify.qlen++;
}

/* Sends @vars (owned from now on), or keeps it while the master is away
 * or older ones wait, so that notifications arrive in the order raised. */
static void
xenNotifyDeliver(netsnmp_variable_list *vars)
{
    if (xenNotify.masterAway || xenNotify.qlen > 0) {
        xenNotifyKeep(vars);
        return;
    }
    send_v2trap(vars);
    snmp_free_varbind(vars);
}

/* Sends what was kept, oldest first, and says what was lost. */
static void
xenNotifyFlush(void)
{
    size_t sent = 0;

    if (xenNotify.dropped > 0) {
        snmp_log(LOG_WARNING,
                 XS_LOG_PREFIX "%llu notifications dropped while the master "
                               "agent was away (at most %d are kept)\n",
                 xenNotify.dropped, XEN_NOTIFY_QUEUE_MAX);
        xenNotify.dropped = 0;
    }
    while (xenNotify.qlen > 0) {
        netsnmp_variable_list *vars = xenNotify.queue[xenNotify.qhead];

        xenNotify.queue[xenNotify.qhead] = NULL;
        xenNotify.qhead = (xenNotify.qhead + 1) % XEN_NOTIFY_QUEUE_MAX;
        xenNotify.qlen--;
        send_v2trap(vars);
        snmp_free_varbind(vars);
        sent++;
    }
    if (sent > 0)
        snmp_log(LOG_NOTICE,
                 XS_LOG_PREFIX "sent %zu notifications raised while the "
                               "master agent was away\n",
                 sent);
}

/* Frees what was kept without sending it. */
static void
xenNotifyDiscard(void)
{
    if (xenNotify.qlen > 0)
        snmp_log(LOG_WARNING,
                 XS_LOG_PREFIX "stopping with %zu notifications not sent: "
                               "the master agent is away\n",
                 xenNotify.qlen);
    while (xenNotify.qlen > 0) {
        snmp_free_varbind(xenNotify.queue[xenNotify.qhead]);
        xenNotify.qhead = (xenNotify.qhead + 1) % XEN_NOTIFY_QUEUE_MAX;
        xenNotify.qlen--;
    }
    free(xenNotify.queue);
    xenNotify.queue = NULL;
    xenNotify.qhead = 0;
    xenNotify.dropped = 0;
}

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
    xenNotifyDeliver(vars);
    vars = NULL;

cleanup:
    snmp_free_varbind(vars);
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
}

static void
xenNotifySkipped(void *opaque, const xsSkippedDomain *dom)
{
    char text[XS_SKIPPED_TEXT_MAX];

    (void)opaque;
    if (xsSkippedDescribe(dom, text, sizeof(text)) == 0)
        snmp_log(LOG_WARNING, XS_LOG_PREFIX "%s\n", text);
}

/* Refresh listener: notifies the changes from the notified states to
 * @snap, as the unit-tested xsSnapshotDiff finds them, and logs the
 * domains it newly leaves out (xsSkippedDiff).  The first snapshot is
 * the baseline: it notifies nothing, and logs every domain left out. */
static void
xenNotifyLoad(const xsSnapshot *snap)
{
    xsSnapshot *next;

    if (snap == NULL)
        return;
    if ((next = xsSnapshotStates(snap)) == NULL) {
        snmp_log(LOG_ERR,
                 XS_LOG_PREFIX "out of memory for notification state\n");
        return;
    }
    if (xenNotify.notified != NULL)
        xsSnapshotDiff(xenNotify.notified, snap, xenNotifyEvent, NULL);
    xsSkippedDiff(xenNotify.notified, snap, xenNotifySkipped, NULL);
    xenNotifyForget();
    xenNotify.notified = next;
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
    xenNotifyDeliver(vars);
    vars = NULL;

cleanup:
    snmp_free_varbind(vars);
}

/* Connection listener: xenConnectionLost / xenConnectionRestored, with
 * xenNodeConnectionState: an INTEGER, so that net-snmp's conversion to
 * an SNMPv1 trap (done for every notification) has nothing to refuse. */
static void
xenNotifyConnection(bool up)
{
    netsnmp_variable_list *vars = NULL;
    long state = up ? XEN_CONNECTION_UP : XEN_CONNECTION_DOWN;

    if (!xenNotify.enabled)
        return;
    if (xenNotifyBegin(&vars, up ? XEN_NOTIFY_CONNECTION_RESTORED
                                 : XEN_NOTIFY_CONNECTION_LOST) < 0 ||
        snmp_varlist_add_variable(&vars, xenNotifyConnectionStateOid,
                                  OID_LENGTH(xenNotifyConnectionStateOid),
                                  ASN_INTEGER, (u_char *)&state,
                                  sizeof(state)) == NULL)
        goto cleanup;
    xenNotifyDeliver(vars);
    vars = NULL;

cleanup:
    snmp_free_varbind(vars);
}

void
xenNotifySetEnabled(bool enabled)
{
    xenNotify.enabled = enabled;
}

void
xenNotifySetMasterUp(bool up)
{
    if (xenNotify.masterAway == !up)
        return;
    xenNotify.masterAway = !up;
    if (up)
        xenNotifyFlush();
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
    xenNotifyDiscard();
    xenNotify.masterAway = false;
}
