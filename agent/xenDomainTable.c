/*
 * xenDomainTable.c: xenDomainTable, served from the current snapshot.
 *
 * The rows live in a sorted binary_array container behind the
 * table_container helper, so a GET or GETNEXT is a binary search.  When
 * a new snapshot is swapped in, the row array is rebuilt from it; the
 * snapshot already holds the domains in index order.
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
#include "refresh.h"
#include "xenDomainControl.h"
#include "xenDomainTable.h"
#include "xen_mib.h"

typedef struct _xenDomainTableRow xenDomainTableRow;

struct _xenDomainTableRow {
    netsnmp_index index;    /* first: the container compares these */
    const xsDomainRow *dom; /* borrowed from the current snapshot */
};

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

/* The registration, its container and the rows the container points to;
 * main-thread only. */
static struct {
    netsnmp_handler_registration *reg;
    netsnmp_table_registration_info *tinfo;
    netsnmp_container *container;
    xenDomainTableRow *rows;
    /* The rows' indexes, each exactly as long as it needs: a fixed
     * maximum per row would cost 776 bytes a row (twice that while a new
     * snapshot is loaded). */
    oid *oids;
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

static const xenDomainTableAction *
xenDomainTableFindAction(const netsnmp_index *index)
{
    if (xenDomainTable.actions == NULL)
        return NULL;
    return CONTAINER_FIND(xenDomainTable.actions, index);
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

/* Fills @vb with column @col of @dom. */
static void
xenDomainTableGetColumn(netsnmp_variable_list *vb, const xenDomainTableRow *row,
                        unsigned int col)
{
    const xsDomainRow *dom = row->dom;
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
        act = xenDomainTableFindAction(&row->index);
        i32 = act != NULL ? act->action : XEN_ACTION_NONE;
        break;
    case XEN_DOM_LAST_ACTION_TIME:
        act = xenDomainTableFindAction(&row->index);
        u32 = act != NULL ? xsClockTicks(act->whenNs) : 0;
        break;
    case XEN_DOM_LAST_ACTION_STATUS:
        act = xenDomainTableFindAction(&row->index);
        i32 = act != NULL ? act->status : XEN_ACTION_STATUS_NONE;
        break;
    case XEN_DOM_LAST_ACTION_ERROR:
        act = xenDomainTableFindAction(&row->index);
        str = act != NULL ? act->error : "";
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
                         const xenDomainTableRow *row, unsigned int col)
{
    const xenDomainTableColumn *c = &xenDomainTableColumns[col];
    int rc;

    if (!c->writable || !xsConnectionControlEnabled())
        return SNMP_ERR_NOTWRITABLE;
    if (row == NULL)
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

static int
xenDomainTableHandler(netsnmp_mib_handler *handler,
                      netsnmp_handler_registration *reginfo,
                      netsnmp_agent_request_info *reqinfo,
                      netsnmp_request_info *requests)
{
    netsnmp_request_info *request;

    (void)handler;
    (void)reginfo;
    if (reqinfo->mode == MODE_SET_UNDO) {
        xenDomainTableUndo(requests);
        xsRefreshKick();
        return SNMP_ERR_NOERROR;
    }
    for (request = requests; request != NULL; request = request->next) {
        const xenDomainTableRow *row;
        netsnmp_table_request_info *tri;
        xenDomainControlSet *set;
        int rc;

        if (request->processed)
            continue;
        row = netsnmp_container_table_extract_context(request);
        tri = netsnmp_extract_table_info(request);
        if (tri == NULL || tri->colnum < XEN_DOM_MIN_COLUMN ||
            tri->colnum > XEN_DOM_MAX_COLUMN) {
            netsnmp_set_request_error(reqinfo, request, SNMP_NOSUCHOBJECT);
            continue;
        }

        switch (reqinfo->mode) {
        case MODE_GET:
            if (row == NULL) {
                netsnmp_set_request_error(reqinfo, request,
                                          SNMP_NOSUCHINSTANCE);
                break;
            }
            xenDomainTableGetColumn(request->requestvb, row, tri->colnum);
            break;
        case MODE_SET_RESERVE1:
            rc = xenDomainTableCheckValue(request->requestvb, row, tri->colnum);
            if (rc == SNMP_ERR_NOERROR) {
                xenDomainControlSet *set = xenDomainControlNew(
                    row->dom, tri->colnum, *request->requestvb->val.integer);

                if (set == NULL)
                    rc = SNMP_ERR_RESOURCEUNAVAILABLE;
                else
                    netsnmp_request_add_list_data(
                        request,
                        netsnmp_create_data_list("xenDomainTable", set,
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
                netsnmp_set_request_error(reqinfo, request,
                                          SNMP_ERR_COMMITFAILED);
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
    return SNMP_ERR_NOERROR;
}

static void
xenDomainTableLoad(const xsSnapshot *snap)
{
    xenDomainTableRow *rows = NULL;
    oid *oids = NULL, *next;
    size_t i, noids = 0;

    for (i = 0; i < snap->ndoms; i++)
        noids += 1 + snap->doms[i].namelen;
    if (snap->ndoms > 0 &&
        ((rows = calloc(snap->ndoms, sizeof(*rows))) == NULL ||
         (oids = malloc(noids * sizeof(*oids))) == NULL)) {
        free(rows);
        snmp_log(LOG_ERR, "xenDomainTable: out of memory\n");
        return;
    }
    CONTAINER_CLEAR(xenDomainTable.container, NULL, NULL);
    next = oids;
    for (i = 0; i < snap->ndoms; i++) {
        const xsDomainRow *dom = &snap->doms[i];
        xenDomainTableRow *row = &rows[i];

        row->dom = dom;
        row->index.oids = next;
        row->index.len = xenDomainTableIndex(next, dom->name, dom->namelen);
        next += row->index.len;
        CONTAINER_INSERT(xenDomainTable.container, row);
    }
    free(xenDomainTable.rows);
    free(xenDomainTable.oids);
    xenDomainTable.rows = rows;
    xenDomainTable.oids = oids;
    DEBUGMSGTL(("xenDomainTable", "loaded %zu rows\n", snap->ndoms));
}

void
init_xenDomainTable(void)
{
    int rc = 0;

    xenDomainTable.reg = netsnmp_create_handler_registration(
        "xenDomainTable", xenDomainTableHandler, xenDomainTableOid,
        OID_LENGTH(xenDomainTableOid), HANDLER_CAN_RWRITE);
    xenDomainTable.tinfo = SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
    xenDomainTable.container =
        netsnmp_container_find("xenDomainTable:table_container");
    if (xenDomainTable.reg == NULL || xenDomainTable.tinfo == NULL ||
        xenDomainTable.container == NULL)
        goto error;
    /* The snapshot guarantees unique names: skip the duplicate check
     * (a lookup per insert) and just append in sorted order. */
    CONTAINER_SET_OPTIONS(xenDomainTable.container,
                          CONTAINER_KEY_ALLOW_DUPLICATES, rc);
    netsnmp_table_helper_add_indexes(xenDomainTable.tinfo, ASN_OCTET_STR, 0);
    xenDomainTable.tinfo->min_column = XEN_DOM_MIN_COLUMN;
    xenDomainTable.tinfo->max_column = XEN_DOM_MAX_COLUMN;
    if (netsnmp_container_table_register(
            xenDomainTable.reg, xenDomainTable.tinfo, xenDomainTable.container,
            TABLE_CONTAINER_KEY_NETSNMP_INDEX) != MIB_REGISTERED_OK) {
        /* The registration owns (and has freed) what it was given. */
        xenDomainTable.reg = NULL;
        xenDomainTable.tinfo = NULL;
        xenDomainTable.container = NULL;
        snmp_log(LOG_ERR, "xenDomainTable: registration failed\n");
        return;
    }
    (void)rc;
    if (xsRefreshAddListener(xenDomainTableLoad) < 0)
        snmp_log(LOG_ERR, "xenDomainTable: cannot follow refreshes\n");
    xenDomainTable.actions =
        netsnmp_container_find("xenDomainTableActions:binary_array");
    if (xenDomainTable.actions == NULL)
        snmp_log(LOG_ERR, "xenDomainTable: no container for actions\n");
    xenDomainControlInit();
    return;

error:
    snmp_log(LOG_ERR, "xenDomainTable: out of memory\n");
    if (xenDomainTable.container != NULL)
        CONTAINER_FREE(xenDomainTable.container);
    SNMP_FREE(xenDomainTable.tinfo);
    if (xenDomainTable.reg != NULL)
        netsnmp_handler_registration_free(xenDomainTable.reg);
    memset(&xenDomainTable, 0, sizeof(xenDomainTable));
}

void
shutdown_xenDomainTable(void)
{
    /* First: the worker's last result updates the action records. */
    xenDomainControlShutdown();
    if (xenDomainTable.reg != NULL) {
        netsnmp_unregister_handler(xenDomainTable.reg);
        /* Unregistering frees the handlers, not what they were given:
         * the index description and the container are ours. */
        netsnmp_table_registration_info_free(xenDomainTable.tinfo);
        CONTAINER_CLEAR(xenDomainTable.container, NULL, NULL);
        CONTAINER_FREE(xenDomainTable.container);
    }
    free(xenDomainTable.rows);
    free(xenDomainTable.oids);
    if (xenDomainTable.actions != NULL) {
        CONTAINER_CLEAR(xenDomainTable.actions, xenDomainTableFreeAction, NULL);
        CONTAINER_FREE(xenDomainTable.actions);
    }
    memset(&xenDomainTable, 0, sizeof(xenDomainTable));
}
