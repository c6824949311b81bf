/*
 * xenVcpuTable.c: xenVcpuTable, served from the current snapshot by a
 * plain handler over mibindex.c (see xenDomainTable.c for the scheme).
 * The snapshot holds domains in index order and each domain's vcpus by number, which
 * is this table's index order too.  xenVcpuAffinity is writable with
 * "control yes": SETs go to control.c, as the domain table's do.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "mibrequest.h"
#include "refresh.h"
#include "xenVcpuTable.h"
#include "xen_mib.h"

typedef struct _xenVcpuTableColumn xenVcpuTableColumn;

struct _xenVcpuTableColumn {
    u_char type;
};

/* Per-column type, indexed by column number (what a SET may write is
 * setcore.c's). */
static const xenVcpuTableColumn xenVcpuTableColumns[] = {
    [XEN_VCPU_STATE] = {.type = ASN_INTEGER},
    [XEN_VCPU_CPU_TIME] = {.type = ASN_COUNTER64},
    [XEN_VCPU_PHYSICAL_CPU] = {.type = ASN_INTEGER},
    [XEN_VCPU_AFFINITY] = {.type = ASN_OCTET_STR},
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

/* ---- SET dispatch ---------------------------------------------------
 * The one place where a SET meets the control code: every SET request of
 * every phase goes to control.c with the row (@dom and @vcpu, NULL when
 * there is none) and the column it names. */
static void
xenVcpuTableSet(netsnmp_agent_request_info *reqinfo,
                netsnmp_request_info *request, const xsDomainRow *dom,
                const xsVcpuRow *vcpu, unsigned int col)
{
    xsSetVarbind where = {.table = XS_SET_VCPU_TABLE, .column = col};

    if (dom != NULL && vcpu != NULL) {
        where.name = dom->name;
        where.namelen = dom->namelen;
        where.vcpu = vcpu->number;
    }
    xsControlRequest(reqinfo, request, &where);
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
            xenVcpuTableSet(reqinfo, request, NULL, NULL, 0);
            continue;
        }
        r = xsMibRequestLocate(&xenVcpuTable.rows, reginfo, getnext, request,
                               &hit);
        if (r == XS_MIB_NO_OBJECT) {
            /* RESERVE1 turns it into noCreation, as RFC 3416 asks. */
            netsnmp_set_request_error(reqinfo, request, SNMP_NOSUCHOBJECT);
        } else if (reqinfo->mode == MODE_SET_RESERVE1) {
            xenVcpuTableSet(reqinfo, request, hit.dom, hit.vcpu, hit.column);
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
