/*
 * xenVcpuTable.c: xenVcpuTable, served from the current snapshot in a
 * sorted container (see xenDomainTable.c for the scheme).  The snapshot
 * holds domains in index order and each domain's vcpus by number, which
 * is this table's index order too.  xenVcpuAffinity is writable with
 * "control yes" (virDomainPinVcpu), in the phases of xenDomainTable.c.
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
#include "refresh.h"
#include "xenDomainControl.h"
#include "xenDomainTable.h"
#include "xenVcpuTable.h"
#include "xen_mib.h"

typedef struct _xenVcpuTableRow xenVcpuTableRow;

struct _xenVcpuTableRow {
    netsnmp_index index;    /* first: the container compares these */
    const xsVcpuRow *vcpu;  /* borrowed from the current snapshot */
    const xsDomainRow *dom; /* its domain, same snapshot */
};

/* What the later phases of a SET need, copied at RESERVE1 because a new
 * snapshot may be swapped in between AgentX phases. */
typedef struct _xenVcpuTableSet xenVcpuTableSet;

struct _xenVcpuTableSet {
    char *name;
    unsigned int number;
    unsigned int hostCpus;   /* cpus that can be pinned to */
    unsigned char *previous; /* the affinity at RESERVE1, for UNDO */
    size_t previousLen;
    bool applied; /* ACTION pinned: UNDO must put @previous back */
};

typedef struct _xenVcpuTableColumn xenVcpuTableColumn;

struct _xenVcpuTableColumn {
    u_char type;
    bool writable;
};

/* Per-column type and access, indexed by column number. */
static const xenVcpuTableColumn xenVcpuTableColumns[] = {
    [XEN_VCPU_STATE] = {.type = ASN_INTEGER},
    [XEN_VCPU_CPU_TIME] = {.type = ASN_COUNTER64},
    [XEN_VCPU_PHYSICAL_CPU] = {.type = ASN_INTEGER},
    [XEN_VCPU_AFFINITY] = {.type = ASN_OCTET_STR, .writable = true},
};

static const oid xenVcpuTableOid[] = {XEN_MIB_VCPU_TABLE_OID};

/* The registration, its container and the rows the container points to;
 * main-thread only. */
static struct {
    netsnmp_handler_registration *reg;
    netsnmp_table_registration_info *tinfo;
    netsnmp_container *container;
    xenVcpuTableRow *rows;
    size_t nrows;
    /* The rows' indexes, each exactly as long as it needs: a fixed
     * maximum per row would cost 800 bytes a row, 32 MB at 40,000 vcpus
     * (twice that while a new snapshot is loaded). */
    oid *oids;
} xenVcpuTable;

static void
xenVcpuTableGetColumn(netsnmp_variable_list *vb, const xsVcpuRow *vcpu,
                      unsigned int col)
{
    u_char type = xenVcpuTableColumns[col].type;
    struct counter64 c64;
    long i32;

    switch (col) {
    case XEN_VCPU_STATE:
        i32 = vcpu->state;
        snmp_set_var_typed_value(vb, type, &i32, sizeof(i32));
        break;
    case XEN_VCPU_CPU_TIME:
        c64.high = (u_long)(vcpu->cpuTime >> 32);
        c64.low = (u_long)(vcpu->cpuTime & 0xFFFFFFFFULL);
        snmp_set_var_typed_value(vb, type, &c64, sizeof(c64));
        break;
    case XEN_VCPU_PHYSICAL_CPU:
        i32 = vcpu->cpu;
        snmp_set_var_typed_value(vb, type, &i32, sizeof(i32));
        break;
    case XEN_VCPU_AFFINITY:
        snmp_set_var_typed_value(vb, type, vcpu->affinity, vcpu->maplen);
        break;
    default:
        break;
    }
}

static void
xenVcpuTableSetFree(void *data)
{
    xenVcpuTableSet *set = data;

    if (set != NULL) {
        free(set->name);
        free(set->previous);
    }
    free(set);
}

/* RESERVE1: control, access, type and size; keeps a copy of the row. */
static int
xenVcpuTableReserve(netsnmp_request_info *request, const xenVcpuTableRow *row,
                    unsigned int col)
{
    const xsSnapshot *snap = xsRefreshCurrent();
    xenVcpuTableSet *set;
    int rc;

    if (!xenVcpuTableColumns[col].writable || !xsConnectionControlEnabled())
        return SNMP_ERR_NOTWRITABLE;
    if (row == NULL)
        return SNMP_ERR_NOCREATION;
    rc = netsnmp_check_vb_type_and_max_size(request->requestvb, ASN_OCTET_STR,
                                            512);
    if (rc != SNMP_ERR_NOERROR)
        return rc;
    if (request->requestvb->val_len == 0)
        return SNMP_ERR_WRONGLENGTH;
    if ((set = calloc(1, sizeof(*set))) == NULL ||
        (set->name = strdup(row->dom->name)) == NULL) {
        free(set);
        return SNMP_ERR_RESOURCEUNAVAILABLE;
    }
    set->number = row->vcpu->number;
    set->hostCpus = snap->node.cpus;
    if (row->vcpu->maplen > 0) {
        if ((set->previous = malloc(row->vcpu->maplen)) == NULL) {
            xenVcpuTableSetFree(set);
            return SNMP_ERR_RESOURCEUNAVAILABLE;
        }
        memcpy(set->previous, row->vcpu->affinity, row->vcpu->maplen);
        set->previousLen = row->vcpu->maplen;
    }
    netsnmp_request_add_list_data(
        request,
        netsnmp_create_data_list("xenVcpuTable", set, xenVcpuTableSetFree));
    return SNMP_ERR_NOERROR;
}

/* RESERVE2: the map must name at least one cpu that exists, and the
 * domain must not have a background action under way. */
static int
xenVcpuTableCheckMap(const xenVcpuTableSet *set,
                     const netsnmp_variable_list *vb)
{
    unsigned int cpu;

    if (xenDomainControlBusy(set->name))
        return SNMP_ERR_INCONSISTENTVALUE;
    for (cpu = 0; cpu < set->hostCpus && cpu / 8 < vb->val_len; cpu++)
        if (vb->val.string[cpu / 8] & (1U << (cpu % 8)))
            return SNMP_ERR_NOERROR;
    return SNMP_ERR_INCONSISTENTVALUE;
}

/* What xenVcpuTablePinCall needs. */
typedef struct _xenVcpuTablePinArgs xenVcpuTablePinArgs;

struct _xenVcpuTablePinArgs {
    unsigned int number;
    const unsigned char *map;
    size_t maplen;
};

static int
xenVcpuTablePinCall(virDomainPtr d, const void *opaque)
{
    const xenVcpuTablePinArgs *a = opaque;

    /* virDomainPinVcpu does not write the map: the cast is safe. */
    return virDomainPinVcpu(d, a->number, (unsigned char *)a->map,
                            (int)a->maplen);
}

/* Pins vcpu @set->number of @set->name to @map.  Returns 0, or -1 with
 * @err filled. */
static int
xenVcpuTablePin(const xenVcpuTableSet *set, const unsigned char *map,
                size_t maplen, char *err, size_t errlen)
{
    xenVcpuTablePinArgs a = {
        .number = set->number, .map = map, .maplen = maplen};

    return xenDomainControlWith(set->name, xenVcpuTablePinCall, &a, err,
                                errlen);
}

/* ACTION: pins the vcpu.  Returns 0 or -1 (recorded and logged). */
static int
xenVcpuTableApply(xenVcpuTableSet *set, const netsnmp_variable_list *vb)
{
    char err[256];

    if (xenVcpuTablePin(set, vb->val.string, vb->val_len, err, sizeof(err)) <
        0) {
        snmp_log(LOG_ERR,
                 "xensnmpd: SET xenVcpuAffinity.\"%s\".%u failed: %s\n",
                 set->name, set->number, err);
        xenDomainTableRecordAction(set->name, XEN_ACTION_PIN_VCPU,
                                   XEN_ACTION_STATUS_FAILED, err);
        return -1;
    }
    set->applied = true;
    snmp_log(LOG_NOTICE, "xensnmpd: SET xenVcpuAffinity.\"%s\".%u\n", set->name,
             set->number);
    xenDomainTableRecordAction(set->name, XEN_ACTION_PIN_VCPU,
                               XEN_ACTION_STATUS_SUCCEEDED, NULL);
    return 0;
}

/* UNDO: a later varbind failed; put the previous affinity back. */
static void
xenVcpuTableUndo(xenVcpuTableSet *set)
{
    char err[256];

    if (!set->applied || set->previous == NULL)
        return;
    set->applied = false;
    if (xenVcpuTablePin(set, set->previous, set->previousLen, err,
                        sizeof(err)) < 0)
        snmp_log(LOG_ERR,
                 "xensnmpd: cannot undo SET xenVcpuAffinity.\"%s\".%u after "
                 "a later varbind failed: %s\n",
                 set->name, set->number, err);
    else
        snmp_log(LOG_NOTICE,
                 "xensnmpd: undid SET xenVcpuAffinity.\"%s\".%u (a later "
                 "varbind failed)\n",
                 set->name, set->number);
}

static int
xenVcpuTableHandler(netsnmp_mib_handler *handler,
                    netsnmp_handler_registration *reginfo,
                    netsnmp_agent_request_info *reqinfo,
                    netsnmp_request_info *requests)
{
    netsnmp_request_info *request;

    (void)handler;
    (void)reginfo;
    for (request = requests; request != NULL; request = request->next) {
        const xenVcpuTableRow *row;
        netsnmp_table_request_info *tri;
        xenVcpuTableSet *set;
        int rc;

        if (request->processed)
            continue;
        row = netsnmp_container_table_extract_context(request);
        tri = netsnmp_extract_table_info(request);
        if (tri == NULL || tri->colnum < XEN_VCPU_MIN_COLUMN ||
            tri->colnum > XEN_VCPU_MAX_COLUMN) {
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
            xenVcpuTableGetColumn(request->requestvb, row->vcpu, tri->colnum);
            break;
        case MODE_SET_RESERVE1:
            rc = xenVcpuTableReserve(request, row, tri->colnum);
            if (rc != SNMP_ERR_NOERROR)
                netsnmp_set_request_error(reqinfo, request, rc);
            break;
        case MODE_SET_RESERVE2:
            set = netsnmp_request_get_list_data(request, "xenVcpuTable");
            rc = set == NULL ? SNMP_ERR_GENERR
                             : xenVcpuTableCheckMap(set, request->requestvb);
            if (rc != SNMP_ERR_NOERROR)
                netsnmp_set_request_error(reqinfo, request, rc);
            break;
        case MODE_SET_ACTION:
            set = netsnmp_request_get_list_data(request, "xenVcpuTable");
            if (set == NULL || xenVcpuTableApply(set, request->requestvb) < 0)
                netsnmp_set_request_error(reqinfo, request,
                                          SNMP_ERR_COMMITFAILED);
            break;
        case MODE_SET_UNDO:
            set = netsnmp_request_get_list_data(request, "xenVcpuTable");
            if (set != NULL)
                xenVcpuTableUndo(set);
            xsRefreshKick();
            break;
        case MODE_SET_COMMIT:
            xsRefreshKick();
            break;
        default:
            break;
        }
    }
    return SNMP_ERR_NOERROR;
}

/* Whether @snap holds exactly the rows loaded now, in the same order.
 * Then a new snapshot only moves the rows' pointers: re-inserting 40,000
 * rows in the container costs a binary search each, on the main thread,
 * at every refresh. */
static bool
xenVcpuTableSameRows(const xsSnapshot *snap)
{
    size_t i, j, k, n = 0;

    for (i = 0; i < snap->ndoms; i++) {
        const xsDomainRow *dom = &snap->doms[i];

        for (k = 0; k < dom->nvcpuRows; k++, n++) {
            const xenVcpuTableRow *row;
            const oid *o;

            if (n >= xenVcpuTable.nrows)
                return false;
            row = &xenVcpuTable.rows[n];
            o = row->index.oids;
            if (row->index.len != 2 + dom->namelen ||
                o[1 + dom->namelen] != dom->vcpuRows[k].number)
                return false;
            for (j = 0; j < dom->namelen; j++)
                if (o[1 + j] != (unsigned char)dom->name[j])
                    return false;
        }
    }
    return n == xenVcpuTable.nrows;
}

static void
xenVcpuTableLoad(const xsSnapshot *snap)
{
    xenVcpuTableRow *rows = NULL;
    oid *oids = NULL, *next;
    size_t i, j, k, n = 0, noids = 0;

    if (xenVcpuTableSameRows(snap)) {
        for (i = 0; i < snap->ndoms; i++) {
            for (k = 0; k < snap->doms[i].nvcpuRows; k++) {
                xenVcpuTable.rows[n].vcpu = &snap->doms[i].vcpuRows[k];
                xenVcpuTable.rows[n++].dom = &snap->doms[i];
            }
        }
        DEBUGMSGTL(("xenVcpuTable", "kept %zu rows\n", n));
        return;
    }
    for (i = 0; i < snap->ndoms; i++) {
        n += snap->doms[i].nvcpuRows;
        noids += snap->doms[i].nvcpuRows * (2 + snap->doms[i].namelen);
    }
    if (n > 0) {
        rows = calloc(n, sizeof(*rows));
        oids = calloc(noids, sizeof(*oids));
        if (rows == NULL || oids == NULL) {
            snmp_log(LOG_ERR, "xenVcpuTable: out of memory\n");
            free(rows);
            free(oids);
            return;
        }
    }
    CONTAINER_CLEAR(xenVcpuTable.container, NULL, NULL);
    n = 0;
    next = oids;
    for (i = 0; i < snap->ndoms; i++) {
        const xsDomainRow *dom = &snap->doms[i];

        for (k = 0; k < dom->nvcpuRows; k++) {
            xenVcpuTableRow *row = &rows[n++];

            row->vcpu = &dom->vcpuRows[k];
            row->dom = dom;
            row->index.oids = next;
            row->index.len = 2 + dom->namelen;
            next[0] = dom->namelen;
            for (j = 0; j < dom->namelen; j++)
                next[1 + j] = (unsigned char)dom->name[j];
            next[1 + dom->namelen] = dom->vcpuRows[k].number;
            next += row->index.len;
            CONTAINER_INSERT(xenVcpuTable.container, row);
        }
    }
    free(xenVcpuTable.rows);
    free(xenVcpuTable.oids);
    xenVcpuTable.rows = rows;
    xenVcpuTable.nrows = n;
    xenVcpuTable.oids = oids;
    DEBUGMSGTL(("xenVcpuTable", "loaded %zu rows\n", n));
}

void
init_xenVcpuTable(void)
{
    int rc = 0;

    xenVcpuTable.reg = netsnmp_create_handler_registration(
        "xenVcpuTable", xenVcpuTableHandler, xenVcpuTableOid,
        OID_LENGTH(xenVcpuTableOid), HANDLER_CAN_RWRITE);
    xenVcpuTable.tinfo = SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
    xenVcpuTable.container =
        netsnmp_container_find("xenVcpuTable:table_container");
    if (xenVcpuTable.reg == NULL || xenVcpuTable.tinfo == NULL ||
        xenVcpuTable.container == NULL)
        goto error;
    /* Rows are unique and inserted in order: no duplicate check. */
    CONTAINER_SET_OPTIONS(xenVcpuTable.container,
                          CONTAINER_KEY_ALLOW_DUPLICATES, rc);
    (void)rc;
    netsnmp_table_helper_add_indexes(xenVcpuTable.tinfo, ASN_OCTET_STR,
                                     ASN_UNSIGNED, 0);
    xenVcpuTable.tinfo->min_column = XEN_VCPU_MIN_COLUMN;
    xenVcpuTable.tinfo->max_column = XEN_VCPU_MAX_COLUMN;
    if (netsnmp_container_table_register(
            xenVcpuTable.reg, xenVcpuTable.tinfo, xenVcpuTable.container,
            TABLE_CONTAINER_KEY_NETSNMP_INDEX) != MIB_REGISTERED_OK) {
        /* The registration owns (and has freed) what it was given. */
        memset(&xenVcpuTable, 0, sizeof(xenVcpuTable));
        snmp_log(LOG_ERR, "xenVcpuTable: registration failed\n");
        return;
    }
    if (xsRefreshAddListener(xenVcpuTableLoad) < 0)
        snmp_log(LOG_ERR, "xenVcpuTable: cannot follow refreshes\n");
    return;

error:
    snmp_log(LOG_ERR, "xenVcpuTable: out of memory\n");
    if (xenVcpuTable.container != NULL)
        CONTAINER_FREE(xenVcpuTable.container);
    SNMP_FREE(xenVcpuTable.tinfo);
    if (xenVcpuTable.reg != NULL)
        netsnmp_handler_registration_free(xenVcpuTable.reg);
    memset(&xenVcpuTable, 0, sizeof(xenVcpuTable));
}

void
shutdown_xenVcpuTable(void)
{
    if (xenVcpuTable.reg != NULL) {
        netsnmp_unregister_handler(xenVcpuTable.reg);
        /* Unregistering frees the handlers, not what they were given:
         * the index description and the container are ours. */
        netsnmp_table_registration_info_free(xenVcpuTable.tinfo);
        CONTAINER_CLEAR(xenVcpuTable.container, NULL, NULL);
        CONTAINER_FREE(xenVcpuTable.container);
    }
    free(xenVcpuTable.rows);
    free(xenVcpuTable.oids);
    memset(&xenVcpuTable, 0, sizeof(xenVcpuTable));
}
