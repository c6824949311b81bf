/*
 * xenVcpuTable.c: xenVcpuTable, served from the current snapshot by a
 * plain handler over mibindex.c (see xenDomainTable.c for the scheme).  The snapshot
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
#include "mibrequest.h"
#include "refresh.h"
#include "xenDomainControl.h"
#include "xenDomainTable.h"
#include "xenVcpuTable.h"
#include "xen_mib.h"

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
    [XEN_VCPU_NAME] = {.type = ASN_OCTET_STR},
};

static const oid xenVcpuTableOid[] = {XEN_MIB_VCPU_TABLE_OID};

/* The registration and the rows of the current snapshot; main-thread
 * only. */
static struct {
    netsnmp_handler_registration *reg;
    xsMibIndex rows;
} xenVcpuTable;

/* Fills @vb with column @col of vcpu @vcpu of domain @dom. */
static void
xenVcpuTableGetColumn(netsnmp_variable_list *vb, const xsDomainRow *dom,
                      const xsVcpuRow *vcpu, unsigned int col)
{
    u_char type = xenVcpuTableColumns[col].type;
    struct counter64 c64;
    long i32;
    /* xenVcpuName: the name, "/" and at most 10 digits. */
    char name[XS_NAME_MAX + 12];
    int len;

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
    case XEN_VCPU_NAME:
        len = snprintf(name, sizeof(name), "%s/%u", dom->name, vcpu->number);
        if (len > 0 && (size_t)len < sizeof(name))
            snmp_set_var_typed_value(vb, type, name, (size_t)len);
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
xenVcpuTableReserve(netsnmp_request_info *request, const xsDomainRow *dom,
                    const xsVcpuRow *vcpu, unsigned int col)
{
    const xsSnapshot *snap = xsRefreshCurrent();
    xenVcpuTableSet *set;
    int rc;

    if (!xenVcpuTableColumns[col].writable || !xsConnectionControlEnabled())
        return SNMP_ERR_NOTWRITABLE;
    if (vcpu == NULL)
        return SNMP_ERR_NOCREATION;
    rc = netsnmp_check_vb_type_and_max_size(request->requestvb, ASN_OCTET_STR,
                                            512);
    if (rc != SNMP_ERR_NOERROR)
        return rc;
    if (request->requestvb->val_len == 0)
        return SNMP_ERR_WRONGLENGTH;
    if ((set = calloc(1, sizeof(*set))) == NULL ||
        (set->name = strdup(dom->name)) == NULL) {
        free(set);
        return SNMP_ERR_RESOURCEUNAVAILABLE;
    }
    set->number = vcpu->number;
    set->hostCpus = snap->node.cpus;
    if (vcpu->maplen > 0) {
        if ((set->previous = malloc(vcpu->maplen)) == NULL) {
            xenVcpuTableSetFree(set);
            return SNMP_ERR_RESOURCEUNAVAILABLE;
        }
        memcpy(set->previous, vcpu->affinity, vcpu->maplen);
        set->previousLen = vcpu->maplen;
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

/* ---- SET dispatch ---------------------------------------------------
 * The one place where a SET phase meets the pinning code: RESERVE1 gets
 * the row the request names (@dom and @vcpu, NULL when there is none) and
 * its column; the later phases work on what RESERVE1 copied. */
static void
xenVcpuTableDispatch(netsnmp_agent_request_info *reqinfo,
                     netsnmp_request_info *request, const xsDomainRow *dom,
                     const xsVcpuRow *vcpu, unsigned int col)
{
    xenVcpuTableSet *set;
    int rc;

    switch (reqinfo->mode) {
    case MODE_SET_RESERVE1:
        rc = xenVcpuTableReserve(request, dom, vcpu, col);
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
            netsnmp_set_request_error(reqinfo, request, SNMP_ERR_COMMITFAILED);
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

static int
xenVcpuTableHandler(netsnmp_mib_handler *handler,
                    netsnmp_handler_registration *reginfo,
                    netsnmp_agent_request_info *reqinfo,
                    netsnmp_request_info *requests)
{
    netsnmp_request_info *request;
    bool getnext = reqinfo->mode == MODE_GETNEXT;

    (void)handler;
    for (request = requests; request != NULL; request = request->next) {
        xsMibHit hit;
        xsMibResult r;

        if (request->processed)
            continue;
        if (reqinfo->mode != MODE_GET && !getnext &&
            reqinfo->mode != MODE_SET_RESERVE1) {
            xenVcpuTableDispatch(reqinfo, request, NULL, NULL, 0);
            continue;
        }
        r = xsMibRequestLocate(&xenVcpuTable.rows, reginfo, getnext, request,
                               &hit);
        if (r == XS_MIB_NO_OBJECT) {
            /* RESERVE1 turns it into noCreation, as RFC 3416 asks. */
            netsnmp_set_request_error(reqinfo, request, SNMP_NOSUCHOBJECT);
        } else if (reqinfo->mode == MODE_SET_RESERVE1) {
            xenVcpuTableDispatch(reqinfo, request, hit.dom, hit.vcpu,
                                 hit.column);
        } else if (r == XS_MIB_FOUND) {
            xenVcpuTableGetColumn(request->requestvb, hit.dom, hit.vcpu,
                                  hit.column);
        } else if (!getnext) {
            netsnmp_set_request_error(reqinfo, request, SNMP_NOSUCHINSTANCE);
        }
        /* A GETNEXT past the table is left unanswered: net-snmp goes on
         * to the next subtree. */
    }
    return SNMP_ERR_NOERROR;
}

static void
xenVcpuTableLoad(const xsSnapshot *snap)
{
    if (xsMibIndexInit(&xenVcpuTable.rows, XS_MIB_VCPU_TABLE,
                       XEN_VCPU_MIN_COLUMN, XEN_VCPU_MAX_COLUMN, snap) < 0) {
        snmp_log(LOG_ERR, "xenVcpuTable: out of memory\n");
        return;
    }
    DEBUGMSGTL(("xenVcpuTable", "loaded the vcpus of %zu domains\n",
                xenVcpuTable.rows.ndoms));
}

void
init_xenVcpuTable(void)
{
    xenVcpuTable.reg = netsnmp_create_handler_registration(
        "xenVcpuTable", xenVcpuTableHandler, xenVcpuTableOid,
        OID_LENGTH(xenVcpuTableOid), HANDLER_CAN_RWRITE);
    if (xenVcpuTable.reg == NULL) {
        snmp_log(LOG_ERR, "xenVcpuTable: out of memory\n");
        return;
    }
    if (netsnmp_register_handler(xenVcpuTable.reg) != MIB_REGISTERED_OK) {
        /* The registration owns (and has freed) what it was given. */
        xenVcpuTable.reg = NULL;
        snmp_log(LOG_ERR, "xenVcpuTable: registration failed\n");
        return;
    }
    if (xsRefreshAddListener(xenVcpuTableLoad) < 0)
        snmp_log(LOG_ERR, "xenVcpuTable: cannot follow refreshes\n");
}

void
shutdown_xenVcpuTable(void)
{
    if (xenVcpuTable.reg != NULL)
        netsnmp_unregister_handler(xenVcpuTable.reg);
    xsMibIndexClear(&xenVcpuTable.rows);
    memset(&xenVcpuTable, 0, sizeof(xenVcpuTable));
}
