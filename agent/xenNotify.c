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
static const oid xenNotifyNameOid[] = {XEN_MIB_OBJECTS, 4, 1};
static const oid xenNotifyPrevOid[] = {XEN_MIB_OBJECTS, 4, 2};
static const oid xenNotifyEntryOid[] = {XEN_MIB_DOMAIN_TABLE_OID, 1};

/* Appends <base>.<name index> to @out; returns the length or 0. */
static size_t
xenNotifyInstance(oid *out, size_t outlen, const oid *base, size_t baselen,
                  unsigned int column, const char *name, size_t namelen)
{
    size_t n = 0;
    size_t i;

    if (baselen + 2 + namelen > outlen)
        return 0;
    for (i = 0; i < baselen; i++)
        out[n++] = base[i];
    if (column > 0)
        out[n++] = column;
    out[n++] = namelen;
    for (i = 0; i < namelen; i++)
        out[n++] = (unsigned char)name[i];
    return n;
}

static void
xenNotifySend(xsEventType type, const char *name, size_t namelen,
              const char *uuidText, int prevState, int newState)
{
    netsnmp_variable_list *vars = NULL;
    oid trap[OID_LENGTH(xenNotifyRootOid) + 1];
    oid inst[MAX_OID_LEN];
    size_t n;
    long prev = prevState;
    long cur = newState;

    DEBUGMSGTL(("xenNotify", "event %d for \"%s\" (%d -> %d)\n", (int)type,
                name, prevState, newState));
    if (!xenNotify.enabled)
        return;
    memcpy(trap, xenNotifyRootOid, sizeof(xenNotifyRootOid));
    trap[OID_LENGTH(xenNotifyRootOid)] = (oid)type;
    if (snmp_varlist_add_variable(&vars, xenNotifyTrapOid,
                                  OID_LENGTH(xenNotifyTrapOid), ASN_OBJECT_ID,
                                  (u_char *)trap, sizeof(trap)) == NULL)
        goto cleanup;
    if ((n = xenNotifyInstance(inst, MAX_OID_LEN, xenNotifyNameOid,
                               OID_LENGTH(xenNotifyNameOid), 0, name,
                               namelen)) == 0 ||
        snmp_varlist_add_variable(&vars, inst, n, ASN_OCTET_STR,
                                  (const u_char *)name, namelen) == NULL)
        goto cleanup;
    if ((n = xenNotifyInstance(inst, MAX_OID_LEN, xenNotifyEntryOid,
                               OID_LENGTH(xenNotifyEntryOid), XEN_DOM_UUID_TEXT,
                               name, namelen)) == 0 ||
        snmp_varlist_add_variable(&vars, inst, n, ASN_OCTET_STR,
                                  (const u_char *)uuidText,
                                  strlen(uuidText)) == NULL)
        goto cleanup;
    if ((n = xenNotifyInstance(inst, MAX_OID_LEN, xenNotifyPrevOid,
                               OID_LENGTH(xenNotifyPrevOid), 0, name,
                               namelen)) == 0 ||
        snmp_varlist_add_variable(&vars, inst, n, ASN_INTEGER,
                                  (const u_char *)&prev, sizeof(prev)) == NULL)
        goto cleanup;
    if ((n = xenNotifyInstance(inst, MAX_OID_LEN, xenNotifyEntryOid,
                               OID_LENGTH(xenNotifyEntryOid),
                               XEN_DOM_OPER_STATE, name, namelen)) == 0 ||
        snmp_varlist_add_variable(&vars, inst, n, ASN_INTEGER,
                                  (const u_char *)&cur, sizeof(cur)) == NULL)
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
    e->controlNs = xsRefreshNowNs();
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
}

void
shutdown_xenNotify(void)
{
    xenNotifyEntriesFree(xenNotify.entries, xenNotify.nentries);
    xenNotify.entries = NULL;
    xenNotify.nentries = 0;
    xenNotify.baseline = false;
}
