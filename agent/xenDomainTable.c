/*
 * xenDomainTable.c: xenDomainTable, served from the current snapshot.
 *
 * A plain handler answers GET and GETNEXT itself: mibindex.c places the
 * request among the snapshot's rows (a binary search), and the column
 * table below gives the type.  net-snmp's table helpers are not used:
 * they parse the index before looking, and restart a GETNEXT at the first
 * row when an index does not parse (a length above 128), which moves a
 * walk backwards.  When a new snapshot is swapped in, only the list of
 * its rows is rebuilt.
 *
 * SETs (only with "control yes"): RESERVE1 checks access, type, range and
 * the row, and copies the row; the later phases are xenDomainControl.c's
 * (see xenDomainControl.h for how a SET stays all or nothing).
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "connection.h"
#include "mibrequest.h"
#include "refresh.h"
#include "xenDomainControl.h"
#include "xenDomainTable.h"
#include "xen_mib.h"

typedef struct _xenDomainTableColumn xenDomainTableColumn;

struct _xenDomainTableColumn {
    u_char type;
    bool writable;
    long min; /* range of a writable column (MIB syntax) */
    long max;
};

/* Per-column type and access, indexed by column number. */
static const xenDomainTableColumn xenDomainTableColumns[] = {
    [XEN_DOM_UUID] = {.type = ASN_OCTET_STR},
    [XEN_DOM_UUID_TEXT] = {.type = ASN_OCTET_STR},
    [XEN_DOM_ID] = {.type = ASN_INTEGER},
    [XEN_DOM_OS_TYPE] = {.type = ASN_OCTET_STR},
    [XEN_DOM_OPER_STATE] = {.type = ASN_INTEGER},
    [XEN_DOM_ADMIN_STATE] = {.type = ASN_INTEGER,
                             .writable = true,
                             .min = XEN_ADMIN_RUNNING,
                             .max = XEN_ADMIN_DESTROYED},
    [XEN_DOM_MAX_MEMORY] = {.type = ASN_COUNTER64},
    [XEN_DOM_MEMORY] = {.type = ASN_COUNTER64},
    [XEN_DOM_MEMORY_TARGET] = {.type = ASN_COUNTER64},
    [XEN_DOM_MAX_MEMORY_MIB] = {.type = ASN_UNSIGNED,
                                .writable = true,
                                .min = 1,
                                .max = 4294967295L},
    [XEN_DOM_MEMORY_TARGET_MIB] = {.type = ASN_UNSIGNED,
                                   .writable = true,
                                   .min = 1,
                                   .max = 4294967295L},
    [XEN_DOM_VCPUS] = {.type = ASN_UNSIGNED,
                       .writable = true,
                       .min = 1,
                       .max = 4096},
    [XEN_DOM_MAX_VCPUS] = {.type = ASN_UNSIGNED},
    [XEN_DOM_CPU_TIME] = {.type = ASN_COUNTER64},
    [XEN_DOM_CPU_USAGE] = {.type = ASN_GAUGE},
    [XEN_DOM_UPTIME] = {.type = ASN_UNSIGNED},
    [XEN_DOM_DISCONTINUITY_TIME] = {.type = ASN_TIMETICKS},
    [XEN_DOM_LAST_ACTION] = {.type = ASN_INTEGER},
    [XEN_DOM_LAST_ACTION_TIME] = {.type = ASN_TIMETICKS},
    [XEN_DOM_LAST_ACTION_STATUS] = {.type = ASN_INTEGER},
    [XEN_DOM_LAST_ACTION_ERROR] = {.type = ASN_OCTET_STR},
    [XEN_DOM_NAME_TEXT] = {.type = ASN_OCTET_STR},
};

static const oid xenDomainTableOid[] = {XEN_MIB_DOMAIN_TABLE_OID};

/* The last control action on a domain (xenDomLastAction*), kept by name
 * across snapshots and reboots, in a container of the table's index. */
typedef struct _xenDomainTableAction xenDomainTableAction;

struct _xenDomainTableAction {
    netsnmp_index index; /* first: the container compares these */
    oid oids[1 + XS_NAME_MAX];
    int action; /* xenDomLastAction */
    int status; /* xenDomLastActionStatus */
    uint64_t whenNs;
    char error[256];
};

/* The registration and the rows of the current snapshot; main-thread
 * only. */
static struct {
    netsnmp_handler_registration *reg;
    xsMibIndex rows;
    netsnmp_container *actions;
} xenDomainTable;

/* Fills @oids (1 + XS_NAME_MAX) with the index of @name; returns its
 * length. */
static size_t
xenDomainTableIndex(oid *oids, const char *name, size_t namelen)
{
    size_t j;

    oids[0] = namelen;
    for (j = 0; j < namelen; j++)
        oids[1 + j] = (unsigned char)name[j];
    return 1 + namelen;
}

/* The action record of the row whose index is @index (@len
 * sub-identifiers). */
static const xenDomainTableAction *
xenDomainTableFindAction(const oid *index, size_t len)
{
    netsnmp_index key;

    if (xenDomainTable.actions == NULL)
        return NULL;
    /* The container only reads the key. */
    key.oids = (oid *)index;
    key.len = len;
    return CONTAINER_FIND(xenDomainTable.actions, &key);
}

void
xenDomainTableRecordAction(const char *name, int action, int status,
                           const char *error)
{
    xenDomainTableAction key, *rec;
    size_t namelen = strlen(name);

    if (xenDomainTable.actions == NULL || namelen > XS_NAME_MAX)
        return;
    key.index.oids = key.oids;
    key.index.len = xenDomainTableIndex(key.oids, name, namelen);
    rec = CONTAINER_FIND(xenDomainTable.actions, &key);
    if (rec == NULL) {
        if ((rec = calloc(1, sizeof(*rec))) == NULL)
            return;
        memcpy(rec->oids, key.oids, key.index.len * sizeof(oid));
        rec->index.oids = rec->oids;
        rec->index.len = key.index.len;
        if (CONTAINER_INSERT(xenDomainTable.actions, rec) != 0) {
            free(rec);
            return;
        }
    }
    rec->action = action;
    /* A background action's outcome keeps the time it was requested. */
    if (!(rec->status == XEN_ACTION_STATUS_IN_PROGRESS &&
          rec->action == action))
        rec->whenNs = xsClockNowNs();
    rec->status = status;
    snprintf(rec->error, sizeof(rec->error), "%s",
             status == XEN_ACTION_STATUS_FAILED && error != NULL ? error : "");
}

static void
xenDomainTableFreeAction(void *data, void *context)
{
    (void)context;
    free(data);
}

static int
xenDomainTableAdminState(int operState)
{
    switch (operState) {
    case VIR_DOMAIN_RUNNING:
    case VIR_DOMAIN_BLOCKED:
        return XEN_ADMIN_RUNNING;
    case VIR_DOMAIN_PAUSED:
        return XEN_ADMIN_PAUSED;
    default:
        return XEN_ADMIN_SHUTDOWN;
    }
}

static unsigned long
xenDomainTableClamp32(unsigned long long v)
{
    return v > 0xFFFFFFFFULL ? 0xFFFFFFFFUL : (unsigned long)v;
}

/* Fills @vb with column @col of @dom, whose index is the end of @vb's
 * name. */
static void
xenDomainTableGetColumn(netsnmp_variable_list *vb, const xsDomainRow *dom,
                        unsigned int col)
{
    const oid *index = vb->name + vb->name_length - (1 + dom->namelen);
    const xenDomainTableAction *act = NULL;
    u_char type = xenDomainTableColumns[col].type;
    unsigned long long u64 = 0;
    unsigned long u32 = 0;
    long i32 = 0;
    const char *str = NULL;
    size_t len = 0;

    switch (col) {
    case XEN_DOM_UUID:
        str = (const char *)dom->uuid;
        len = sizeof(dom->uuid);
        break;
    case XEN_DOM_UUID_TEXT:
        str = dom->uuidText;
        break;
    case XEN_DOM_ID:
        i32 = dom->id;
        break;
    case XEN_DOM_OS_TYPE:
        str = dom->ostype != NULL ? dom->ostype : "";
        break;
    case XEN_DOM_OPER_STATE:
        i32 = dom->state;
        break;
    case XEN_DOM_ADMIN_STATE:
        i32 = xenDomainTableAdminState(dom->state);
        break;
    case XEN_DOM_MAX_MEMORY:
        u64 = dom->maxMemKiB;
        break;
    case XEN_DOM_MEMORY:
        u64 = dom->memKiB;
        break;
    case XEN_DOM_MEMORY_TARGET:
        u64 = dom->targetKiB;
        break;
    case XEN_DOM_MAX_MEMORY_MIB:
        u32 = xenDomainTableClamp32(dom->maxMemKiB / 1024);
        break;
    case XEN_DOM_MEMORY_TARGET_MIB:
        u32 = xenDomainTableClamp32(dom->targetKiB / 1024);
        break;
    case XEN_DOM_VCPUS:
        u32 = dom->vcpus;
        break;
    case XEN_DOM_MAX_VCPUS:
        u32 = dom->maxVcpus;
        break;
    case XEN_DOM_CPU_TIME:
        u64 = dom->cpuTime;
        break;
    case XEN_DOM_CPU_USAGE:
        u32 = dom->cpuUsage;
        break;
    case XEN_DOM_UPTIME:
        if (dom->startedNs != 0)
            u32 = xenDomainTableClamp32((xsClockNowNs() - dom->startedNs) /
                                        1000000000ULL);
        break;
    case XEN_DOM_DISCONTINUITY_TIME:
        u32 = xsClockTicks(dom->discontinuityNs);
        break;
    case XEN_DOM_LAST_ACTION:
        act = xenDomainTableFindAction(index, 1 + dom->namelen);
        i32 = act != NULL ? act->action : XEN_ACTION_NONE;
        break;
    case XEN_DOM_LAST_ACTION_TIME:
        act = xenDomainTableFindAction(index, 1 + dom->namelen);
        u32 = act != NULL ? xsClockTicks(act->whenNs) : 0;
        break;
    case XEN_DOM_LAST_ACTION_STATUS:
        act = xenDomainTableFindAction(index, 1 + dom->namelen);
        i32 = act != NULL ? act->status : XEN_ACTION_STATUS_NONE;
        break;
    case XEN_DOM_LAST_ACTION_ERROR:
        act = xenDomainTableFindAction(index, 1 + dom->namelen);
        str = act != NULL ? act->error : "";
        break;
    case XEN_DOM_NAME_TEXT:
        str = dom->name;
        len = dom->namelen;
        break;
    default:
        return;
    }

    switch (type) {
    case ASN_OCTET_STR:
        if (len == 0)
            len = strlen(str);
        snmp_set_var_typed_value(vb, type, str, len);
        break;
    case ASN_INTEGER:
        snmp_set_var_typed_value(vb, type, &i32, sizeof(i32));
        break;
    case ASN_COUNTER64: {
        struct counter64 c64;

        c64.high = (u_long)(u64 >> 32);
        c64.low = (u_long)(u64 & 0xFFFFFFFFULL);
        snmp_set_var_typed_value(vb, type, &c64, sizeof(c64));
        break;
    }
    default:
        snmp_set_var_typed_value(vb, type, &u32, sizeof(u32));
        break;
    }
}

/* RESERVE1: what the varbind alone decides (control, access, type,
 * range, row). */
static int
xenDomainTableCheckValue(const netsnmp_variable_list *vb,
                         const xsDomainRow *dom, unsigned int col)
{
    const xenDomainTableColumn *c = &xenDomainTableColumns[col];
    int rc;

    if (!c->writable || !xsConnectionControlEnabled())
        return SNMP_ERR_NOTWRITABLE;
    if (dom == NULL)
        return SNMP_ERR_NOCREATION;
    rc = netsnmp_check_vb_type_and_size(vb, c->type, sizeof(long));
    if (rc != SNMP_ERR_NOERROR)
        return rc;
    if (c->type == ASN_INTEGER)
        return netsnmp_check_vb_int_range(vb, (int)c->min, (int)c->max);
    if (*vb->val.integer < c->min || *vb->val.integer > c->max)
        return SNMP_ERR_WRONGVALUE;
    return SNMP_ERR_NOERROR;
}

/* UNDO, last varbind first: two changes to one domain (its maximum and
 * its target memory, say) come back in the order that keeps each step
 * valid. */
static void
xenDomainTableUndo(netsnmp_request_info *request)
{
    xenDomainControlSet *set;

    if (request == NULL)
        return;
    xenDomainTableUndo(request->next);
    set = netsnmp_request_get_list_data(request, "xenDomainTable");
    if (set != NULL)
        xenDomainControlUndo(set);
}

/* ---- SET dispatch ---------------------------------------------------
 * The one place where a SET phase meets the control code: RESERVE1 gets
 * the row the request names (@dom, NULL when there is none) and its
 * column; the later phases work on what RESERVE1 copied, since a new
 * snapshot may be swapped in between AgentX phases. */
static void
xenDomainTableDispatch(netsnmp_agent_request_info *reqinfo,
                       netsnmp_request_info *request, const xsDomainRow *dom,
                       unsigned int col)
{
    xenDomainControlSet *set;
    int rc;

    switch (reqinfo->mode) {
    case MODE_SET_RESERVE1:
        rc = xenDomainTableCheckValue(request->requestvb, dom, col);
        if (rc == SNMP_ERR_NOERROR) {
            set =
                xenDomainControlNew(dom, col, *request->requestvb->val.integer);
            if (set == NULL)
                rc = SNMP_ERR_RESOURCEUNAVAILABLE;
            else
                netsnmp_request_add_list_data(
                    request, netsnmp_create_data_list("xenDomainTable", set,
                                                      xenDomainControlFree));
        }
        if (rc != SNMP_ERR_NOERROR)
            netsnmp_set_request_error(reqinfo, request, rc);
        break;
    case MODE_SET_RESERVE2:
        set = netsnmp_request_get_list_data(request, "xenDomainTable");
        rc = set == NULL ? SNMP_ERR_GENERR : xenDomainControlCheck(set);
        if (rc != SNMP_ERR_NOERROR)
            netsnmp_set_request_error(reqinfo, request, rc);
        break;
    case MODE_SET_ACTION:
        set = netsnmp_request_get_list_data(request, "xenDomainTable");
        if (set == NULL || xenDomainControlAction(set) < 0)
            netsnmp_set_request_error(reqinfo, request, SNMP_ERR_COMMITFAILED);
        break;
    case MODE_SET_COMMIT:
        set = netsnmp_request_get_list_data(request, "xenDomainTable");
        if (set != NULL)
            xenDomainControlCommit(set);
        /* Show the change at once, not at the next interval. */
        xsRefreshKick();
        break;
    default:
        break;
    }
}

static int
xenDomainTableHandler(netsnmp_mib_handler *handler,
                      netsnmp_handler_registration *reginfo,
                      netsnmp_agent_request_info *reqinfo,
                      netsnmp_request_info *requests)
{
    netsnmp_request_info *request;
    bool getnext = reqinfo->mode == MODE_GETNEXT;

    (void)handler;
    if (reqinfo->mode == MODE_SET_UNDO) {
        xenDomainTableUndo(requests);
        xsRefreshKick();
        return SNMP_ERR_NOERROR;
    }
    for (request = requests; request != NULL; request = request->next) {
        xsMibHit hit;
        xsMibResult r;

        if (request->processed)
            continue;
        if (reqinfo->mode != MODE_GET && !getnext &&
            reqinfo->mode != MODE_SET_RESERVE1) {
            xenDomainTableDispatch(reqinfo, request, NULL, 0);
            continue;
        }
        r = xsMibRequestLocate(&xenDomainTable.rows, reginfo, getnext, request,
                               &hit);
        if (r == XS_MIB_NO_OBJECT) {
            /* RESERVE1 turns it into noCreation, as RFC 3416 asks. */
            netsnmp_set_request_error(reqinfo, request, SNMP_NOSUCHOBJECT);
        } else if (reqinfo->mode == MODE_SET_RESERVE1) {
            xenDomainTableDispatch(reqinfo, request, hit.dom, hit.column);
        } else if (r == XS_MIB_FOUND) {
            xenDomainTableGetColumn(request->requestvb, hit.dom, hit.column);
        } else if (!getnext) {
            netsnmp_set_request_error(reqinfo, request, SNMP_NOSUCHINSTANCE);
        }
        /* A GETNEXT past the table is left unanswered: net-snmp goes on
         * to the next subtree. */
    }
    return SNMP_ERR_NOERROR;
}

static void
xenDomainTableLoad(const xsSnapshot *snap)
{
    if (xsMibIndexInit(&xenDomainTable.rows, XS_MIB_DOMAIN_TABLE,
                       XEN_DOM_MIN_COLUMN, XEN_DOM_MAX_COLUMN, snap) < 0) {
        snmp_log(LOG_ERR, "xenDomainTable: out of memory\n");
        return;
    }
    DEBUGMSGTL(("xenDomainTable", "loaded %zu rows\n", snap->ndoms));
}

void
init_xenDomainTable(void)
{
    xenDomainTable.reg = netsnmp_create_handler_registration(
        "xenDomainTable", xenDomainTableHandler, xenDomainTableOid,
        OID_LENGTH(xenDomainTableOid), HANDLER_CAN_RWRITE);
    if (xenDomainTable.reg == NULL) {
        snmp_log(LOG_ERR, "xenDomainTable: out of memory\n");
        return;
    }
    if (netsnmp_register_handler(xenDomainTable.reg) != MIB_REGISTERED_OK) {
        /* The registration owns (and has freed) what it was given. */
        xenDomainTable.reg = NULL;
        snmp_log(LOG_ERR, "xenDomainTable: registration failed\n");
        return;
    }
    if (xsRefreshAddListener(xenDomainTableLoad) < 0)
        snmp_log(LOG_ERR, "xenDomainTable: cannot follow refreshes\n");
    xenDomainTable.actions =
        netsnmp_container_find("xenDomainTableActions:binary_array");
    if (xenDomainTable.actions == NULL)
        snmp_log(LOG_ERR, "xenDomainTable: no container for actions\n");
    xenDomainControlInit();
}

void
shutdown_xenDomainTable(void)
{
    /* First: the worker's last result updates the action records. */
    xenDomainControlShutdown();
    if (xenDomainTable.reg != NULL)
        netsnmp_unregister_handler(xenDomainTable.reg);
    xsMibIndexClear(&xenDomainTable.rows);
    if (xenDomainTable.actions != NULL) {
        CONTAINER_CLEAR(xenDomainTable.actions, xenDomainTableFreeAction, NULL);
        CONTAINER_FREE(xenDomainTable.actions);
    }
    memset(&xenDomainTable, 0, sizeof(xenDomainTable));
}
