/*
 * xenDomainTable.c: xenDomainTable, served from the current snapshot.
 *
 * The rows live in a sorted binary_array container behind the
 * table_container helper, so a GET or GETNEXT is a binary search.  When
 * a new snapshot is swapped in, the row array is rebuilt from it; the
 * snapshot already holds the domains in index order.
 *
 * SETs (only with "control yes"): RESERVE1 checks access, type, range and
 * the row, and copies the row; RESERVE2 checks that the domain can take
 * the value now; ACTION alone calls libvir, through the main thread's
 * read-write connection; COMMIT asks for a fresh snapshot.  Lifecycle
 * actions cannot be undone, so a multi-varbind SET relies on RESERVE2
 * having refused anything that would fail.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "refresh.h"
#include "xenDomainTable.h"
#include "xenNotify.h"
#include "xen_mib.h"

typedef struct _xenDomainTableRow xenDomainTableRow;

struct _xenDomainTableRow {
    netsnmp_index index; /* first: the container compares these */
    oid oids[1 + XS_NAME_MAX];
    const xsDomainRow *dom; /* borrowed from the current snapshot */
};

typedef struct _xenDomainTableColumn xenDomainTableColumn;

struct _xenDomainTableColumn {
    u_char type;
    bool writable;
    long min; /* range of a writable column (MIB syntax) */
    long max;
    const char *name; /* for the log of SETs */
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
                             .max = XEN_ADMIN_DESTROYED,
                             .name = "xenDomAdminState"},
    [XEN_DOM_MAX_MEMORY] = {.type = ASN_COUNTER64},
    [XEN_DOM_MEMORY] = {.type = ASN_COUNTER64},
    [XEN_DOM_MEMORY_TARGET] = {.type = ASN_COUNTER64},
    [XEN_DOM_MAX_MEMORY_MIB] = {.type = ASN_UNSIGNED,
                                .writable = true,
                                .min = 1,
                                .max = 4294967295L,
                                .name = "xenDomMaxMemoryMiB"},
    [XEN_DOM_MEMORY_TARGET_MIB] = {.type = ASN_UNSIGNED,
                                   .writable = true,
                                   .min = 1,
                                   .max = 4294967295L,
                                   .name = "xenDomMemoryTargetMiB"},
    [XEN_DOM_VCPUS] = {.type = ASN_UNSIGNED,
                       .writable = true,
                       .min = 1,
                       .max = 4096,
                       .name = "xenDomVcpus"},
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
xenDomainTableRecordAction(const char *name, int action, bool ok,
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
    rec->status = ok ? XEN_ACTION_STATUS_SUCCEEDED : XEN_ACTION_STATUS_FAILED;
    rec->whenNs = xsRefreshNowNs();
    snprintf(rec->error, sizeof(rec->error), "%s", ok ? "" : error);
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
            u32 = xenDomainTableClamp32((xsRefreshNowNs() - dom->startedNs) /
                                        1000000000ULL);
        break;
    case XEN_DOM_DISCONTINUITY_TIME:
        u32 = xsRefreshTicks(dom->discontinuityNs);
        break;
    case XEN_DOM_LAST_ACTION:
        act = xenDomainTableFindAction(&row->index);
        i32 = act != NULL ? act->action : XEN_ACTION_NONE;
        break;
    case XEN_DOM_LAST_ACTION_TIME:
        act = xenDomainTableFindAction(&row->index);
        u32 = act != NULL ? xsRefreshTicks(act->whenNs) : 0;
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

    if (!c->writable || !xsRefreshControlEnabled())
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

static bool
xenDomainTableIsActive(int state)
{
    return state != VIR_DOMAIN_SHUTOFF && state != VIR_DOMAIN_NOSTATE;
}

/* RESERVE2: whether the domain can take the value now. */
static int
xenDomainTableCheckState(const xsDomainRow *dom, unsigned int col, long v)
{
    bool dom0 = dom->id == 0;
    bool active = xenDomainTableIsActive(dom->state);
    bool running =
        dom->state == VIR_DOMAIN_RUNNING || dom->state == VIR_DOMAIN_BLOCKED;
    unsigned long long kib = (unsigned long long)v * 1024ULL;

    switch (col) {
    case XEN_DOM_ADMIN_STATE:
        switch (v) {
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
        return active && kib < dom->memKiB ? SNMP_ERR_INCONSISTENTVALUE
                                           : SNMP_ERR_NOERROR;
    case XEN_DOM_MEMORY_TARGET_MIB:
        return kib > dom->maxMemKiB ? SNMP_ERR_INCONSISTENTVALUE
                                    : SNMP_ERR_NOERROR;
    case XEN_DOM_VCPUS:
        return (unsigned long)v > dom->maxVcpus ? SNMP_ERR_INCONSISTENTVALUE
                                                : SNMP_ERR_NOERROR;
    default:
        return SNMP_ERR_NOTWRITABLE;
    }
}

/* ACTION: the one place that changes the hypervisor.  Returns 0 or -1
 * (logged). */
static int
xenDomainTableApply(const xsDomainRow *dom, unsigned int col, long v)
{
    virConnectPtr conn = xsRefreshControlConnection();
    virDomainPtr d = NULL;
    virErrorPtr e;
    int rc = 0;
    int action = XEN_ACTION_NONE;

    switch (col) {
    case XEN_DOM_ADMIN_STATE: {
        static const int actions[] = {
            [XEN_ADMIN_RUNNING] = XEN_ACTION_RESUME,
            [XEN_ADMIN_PAUSED] = XEN_ACTION_SUSPEND,
            [XEN_ADMIN_SHUTDOWN] = XEN_ACTION_SHUTDOWN,
            [XEN_ADMIN_REBOOT] = XEN_ACTION_REBOOT,
            [XEN_ADMIN_DESTROYED] = XEN_ACTION_DESTROY,
        };

        if (v >= XEN_ADMIN_RUNNING && v <= XEN_ADMIN_DESTROYED)
            action = actions[v];
        if (v == XEN_ADMIN_RUNNING && dom->state == VIR_DOMAIN_SHUTOFF)
            action = XEN_ACTION_START;
        break;
    }
    case XEN_DOM_MAX_MEMORY_MIB:
        action = XEN_ACTION_SET_MAX_MEMORY;
        break;
    case XEN_DOM_MEMORY_TARGET_MIB:
        action = XEN_ACTION_SET_MEMORY_TARGET;
        break;
    case XEN_DOM_VCPUS:
        action = XEN_ACTION_SET_VCPUS;
        break;
    default:
        break;
    }

    if (conn == NULL) {
        xenDomainTableRecordAction(dom->name, action, false,
                                   "no hypervisor connection");
        return -1;
    }
    if ((d = virDomainLookupByName(conn, dom->name)) == NULL) {
        rc = -1;
        goto cleanup;
    }
    switch (col) {
    case XEN_DOM_ADMIN_STATE:
        switch (v) {
        case XEN_ADMIN_RUNNING:
            if (dom->state == VIR_DOMAIN_SHUTOFF)
                rc = virDomainCreate(d);
            else if (dom->state == VIR_DOMAIN_PAUSED)
                rc = virDomainResume(d);
            break;
        case XEN_ADMIN_PAUSED:
            if (dom->state != VIR_DOMAIN_PAUSED)
                rc = virDomainSuspend(d);
            break;
        case XEN_ADMIN_SHUTDOWN:
            if (xenDomainTableIsActive(dom->state))
                rc = virDomainShutdown(d);
            break;
        case XEN_ADMIN_REBOOT:
            rc = virDomainReboot(d, 0);
            break;
        case XEN_ADMIN_DESTROYED:
            /* As the reference specifies, a successful destroy releases
             * the handle it was given. */
            if (xenDomainTableIsActive(dom->state) &&
                (rc = virDomainDestroy(d)) == 0)
                d = NULL;
            break;
        default:
            break;
        }
        break;
    case XEN_DOM_MAX_MEMORY_MIB:
        rc = virDomainSetMaxMemory(d, (unsigned long)v * 1024UL);
        break;
    case XEN_DOM_MEMORY_TARGET_MIB:
        rc = virDomainSetMemory(d, (unsigned long)v * 1024UL);
        break;
    case XEN_DOM_VCPUS:
        rc = virDomainSetVcpus(d, (unsigned int)v);
        break;
    default:
        rc = -1;
        break;
    }

cleanup:
    e = virGetLastError();
    xenDomainTableRecordAction(
        dom->name, action, rc >= 0,
        e != NULL && e->message != NULL ? e->message : "unknown error");
    if (rc < 0)
        snmp_log(LOG_ERR, "xensnmpd: SET %s.\"%s\" = %ld failed: %s\n",
                 xenDomainTableColumns[col].name, dom->name, v,
                 e != NULL && e->message != NULL ? e->message
                                                 : "unknown error");
    else
        snmp_log(LOG_NOTICE, "xensnmpd: SET %s.\"%s\" = %ld\n",
                 xenDomainTableColumns[col].name, dom->name, v);
    if (d != NULL)
        virDomainFree(d);
    if (rc >= 0)
        xenNotifyAfterControl(conn, dom->name);
    return rc < 0 ? -1 : 0;
}

/* A snapshot may be swapped in between the AgentX phases of a SET, so
 * RESERVE1 keeps its own copy of what the later phases need. */
static void
xenDomainTableSetFree(void *data)
{
    xsDomainRow *copy = data;

    if (copy != NULL)
        free(copy->name);
    free(copy);
}

static xsDomainRow *
xenDomainTableSetCopy(const xsDomainRow *dom)
{
    xsDomainRow *copy = calloc(1, sizeof(*copy));

    if (copy == NULL)
        return NULL;
    *copy = *dom;
    copy->ostype = NULL;
    copy->vcpuRows = NULL;
    copy->nvcpuRows = 0;
    if ((copy->name = strdup(dom->name)) == NULL) {
        free(copy);
        return NULL;
    }
    return copy;
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
    for (request = requests; request != NULL; request = request->next) {
        const xenDomainTableRow *row;
        netsnmp_table_request_info *tri;
        const xsDomainRow *saved;
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
                xsDomainRow *copy = xenDomainTableSetCopy(row->dom);

                if (copy == NULL)
                    rc = SNMP_ERR_RESOURCEUNAVAILABLE;
                else
                    netsnmp_request_add_list_data(
                        request,
                        netsnmp_create_data_list("xenDomainTable", copy,
                                                 xenDomainTableSetFree));
            }
            if (rc != SNMP_ERR_NOERROR)
                netsnmp_set_request_error(reqinfo, request, rc);
            break;
        case MODE_SET_RESERVE2:
            saved = netsnmp_request_get_list_data(request, "xenDomainTable");
            rc = saved == NULL ? SNMP_ERR_GENERR
                               : xenDomainTableCheckState(
                                     saved, tri->colnum,
                                     *request->requestvb->val.integer);
            if (rc != SNMP_ERR_NOERROR)
                netsnmp_set_request_error(reqinfo, request, rc);
            break;
        case MODE_SET_ACTION:
            saved = netsnmp_request_get_list_data(request, "xenDomainTable");
            if (saved == NULL ||
                xenDomainTableApply(saved, tri->colnum,
                                    *request->requestvb->val.integer) < 0)
                netsnmp_set_request_error(reqinfo, request,
                                          SNMP_ERR_COMMITFAILED);
            break;
        case MODE_SET_COMMIT:
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
    size_t i;

    if (snap->ndoms > 0) {
        rows = calloc(snap->ndoms, sizeof(*rows));
        if (rows == NULL) {
            snmp_log(LOG_ERR, "xenDomainTable: out of memory\n");
            return;
        }
    }
    CONTAINER_CLEAR(xenDomainTable.container, NULL, NULL);
    for (i = 0; i < snap->ndoms; i++) {
        const xsDomainRow *dom = &snap->doms[i];
        xenDomainTableRow *row = &rows[i];

        row->dom = dom;
        row->index.oids = row->oids;
        row->index.len =
            xenDomainTableIndex(row->oids, dom->name, dom->namelen);
        CONTAINER_INSERT(xenDomainTable.container, row);
    }
    free(xenDomainTable.rows);
    xenDomainTable.rows = rows;
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
    if (xenDomainTable.reg != NULL) {
        netsnmp_unregister_handler(xenDomainTable.reg);
        /* Unregistering frees the handlers, not what they were given:
         * the index description and the container are ours. */
        netsnmp_table_registration_info_free(xenDomainTable.tinfo);
        CONTAINER_CLEAR(xenDomainTable.container, NULL, NULL);
        CONTAINER_FREE(xenDomainTable.container);
    }
    free(xenDomainTable.rows);
    if (xenDomainTable.actions != NULL) {
        CONTAINER_CLEAR(xenDomainTable.actions, xenDomainTableFreeAction, NULL);
        CONTAINER_FREE(xenDomainTable.actions);
    }
    memset(&xenDomainTable, 0, sizeof(xenDomainTable));
}
