/*
 * xenNotify.c: XEN-SNMP-MIB lifecycle notifications (xenNotifications).
 *
 * The module keeps, per domain, the last state it notified, sorted as the
 * domain table's index (length, then bytes).  Two sources move it on, both
 * on the main thread: a successful control action (xenNotifyAfterControl,
 * which reads the new state at once) and every snapshot swap (the refresh
 * listener).  Each reports only the change from the last notified state,
 * so a change is sent once, in the order it was seen.  A snapshot taken
 * before a control action's read does not override that read: its row is
 * skipped until a later snapshot.
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
#include "refresh.h"
#include "snapshot.h"
#include "xenNotify.h"
#include "xen_mib.h"

typedef struct _xenNotifyEntry xenNotifyEntry;

struct _xenNotifyEntry {
    char *name;
    size_t namelen;
    unsigned char uuid[16];
    char uuidText[37];
    int state;          /* virDomainState last notified */
    uint64_t controlNs; /* monotonic time of the last control read */
};

/* File-local: the agent has one notification module and one thread. */
static struct {
    xenNotifyEntry *entries; /* sorted by xsNameCompare */
    size_t nentries;
    bool enabled;
    bool baseline; /* the first snapshot has been seen */
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

/* Notifies the change of @e to @ns and records it. */
static void
xenNotifyTransition(xenNotifyEntry *e, int ns)
{
    xsEventType ev[XS_TRANSITION_EVENTS_MAX];
    size_t n =
        xsStateTransitionEvents(e->state, ns, ev, XS_TRANSITION_EVENTS_MAX);
    size_t i;

    for (i = 0; i < n; i++)
        xenNotifySend(ev[i], e->name, e->namelen, e->uuidText, e->state, ns);
    e->state = ns;
}

static void
xenNotifyEntriesFree(xenNotifyEntry *entries, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(entries[i].name);
    free(entries);
}

static int
xenNotifyEntryFromRow(xenNotifyEntry *e, const xsDomainRow *row)
{
    memset(e, 0, sizeof(*e));
    if ((e->name = malloc(row->namelen + 1)) == NULL)
        return -1;
    memcpy(e->name, row->name, row->namelen);
    e->name[row->namelen] = '\0';
    e->namelen = row->namelen;
    memcpy(e->uuid, row->uuid, sizeof(e->uuid));
    memcpy(e->uuidText, row->uuidText, sizeof(e->uuidText));
    e->state = VIR_DOMAIN_NOSTATE;
    return 0;
}

static void
xenNotifyGone(xenNotifyEntry *e)
{
    /* As xsSnapshotDiff: SHUTDOWN for an active domain, then UNDEFINED. */
    if (e->state != VIR_DOMAIN_SHUTOFF && e->state != VIR_DOMAIN_NOSTATE)
        xenNotifySend(XS_EVENT_SHUTDOWN, e->name, e->namelen, e->uuidText,
                      e->state, VIR_DOMAIN_SHUTOFF);
    xenNotifySend(XS_EVENT_UNDEFINED, e->name, e->namelen, e->uuidText,
                  e->state, VIR_DOMAIN_NOSTATE);
}

/* Refresh listener: merges @snap into the notified states. */
static void
xenNotifyLoad(const xsSnapshot *snap)
{
    xenNotifyEntry *next = NULL;
    size_t i = 0;
    size_t j = 0;
    size_t k = 0;

    if (snap == NULL)
        return;
    if (snap->ndoms > 0 &&
        (next = calloc(snap->ndoms, sizeof(*next))) == NULL) {
        snmp_log(LOG_ERR, "xensnmpd: out of memory for notification state\n");
        return;
    }
    while (i < xenNotify.nentries || j < snap->ndoms) {
        xenNotifyEntry *p =
            i < xenNotify.nentries ? &xenNotify.entries[i] : NULL;
        const xsDomainRow *q = j < snap->ndoms ? &snap->doms[j] : NULL;
        int c = xsMergeOrder(p ? p->name : NULL, p ? p->namelen : 0,
                             q ? q->name : NULL, q ? q->namelen : 0);

        if (c == 0 && memcmp(p->uuid, q->uuid, 16) == 0) {
            /* Keep the entry; a snapshot older than the last control
             * read does not know about that action yet. */
            next[k] = *p;
            p->name = NULL;
            if (!xenNotify.baseline)
                next[k].state = q->state;
            else if (snap->takenNs >= next[k].controlNs)
                xenNotifyTransition(&next[k], q->state);
            k++;
            i++;
            j++;
            continue;
        }
        if (c <= 0) {
            if (xenNotify.baseline)
                xenNotifyGone(p);
            i++;
            if (c < 0)
                continue;
        }
        if (xenNotifyEntryFromRow(&next[k], q) < 0) {
            snmp_log(LOG_ERR,
                     "xensnmpd: out of memory for notification state\n");
            j++;
            continue;
        }
        if (!xenNotify.baseline) {
            next[k].state = q->state;
        } else {
            xenNotifySend(XS_EVENT_DEFINED, q->name, q->namelen, q->uuidText,
                          VIR_DOMAIN_NOSTATE, q->state);
            xenNotifyTransition(&next[k], q->state);
        }
        k++;
        j++;
    }
    xenNotifyEntriesFree(xenNotify.entries, xenNotify.nentries);
    xenNotify.entries = next;
    xenNotify.nentries = k;
    xenNotify.baseline = true;
}

static int
xenNotifyCompareKey(const void *key, const void *elem)
{
    const char *name = key;
    const xenNotifyEntry *e = elem;

    return xsNameCompare(name, strlen(name), e->name, e->namelen);
}

void
xenNotifyAfterControl(virConnectPtr conn, const char *name)
{
    xenNotifyEntry *e;
    virDomainPtr d = NULL;
    virDomainInfo info;

    if (conn == NULL || name == NULL)
        return;
    e = bsearch(name, xenNotify.entries, xenNotify.nentries,
                sizeof(*xenNotify.entries), xenNotifyCompareKey);
    if (e == NULL)
        return; /* a row the next snapshot will bring */
    e->controlNs = xsClockNowNs();
    if ((d = virDomainLookupByName(conn, name)) == NULL ||
        virDomainGetInfo(d, &info) < 0) {
        /* Gone (a transient domain destroyed, say): the next snapshot
         * reports it. */
        e->controlNs = 0;
        goto cleanup;
    }
    xenNotifyTransition(e, info.state);

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
        snmp_log(LOG_ERR, "xensnmpd: cannot follow refreshes for "
                          "notifications\n");
    xsRefreshSetConnectionListener(xenNotifyConnection);
}

void
shutdown_xenNotify(void)
{
    xsRefreshSetConnectionListener(NULL);
    xenNotifyEntriesFree(xenNotify.entries, xenNotify.nentries);
    xenNotify.entries = NULL;
    xenNotify.nentries = 0;
    xenNotify.baseline = false;
}
