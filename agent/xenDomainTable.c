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
 * SETs go to control.c (see control.h) with the row and column they
 * name; the last-action columns read what control.c recorded.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "control.h"
#include "mibrequest.h"
#include "refresh.h"
#include "xenDomainTable.h"
#include "xen_mib.h"

typedef struct _xenDomainTableColumn xenDomainTableColumn;

struct _xenDomainTableColumn {
    u_char type;
};

/* Per-column type, indexed by column number (what a SET may write is
 * setcore.c's). */
static const xenDomainTableColumn xenDomainTableColumns[] = {
    [XEN_DOM_UUID] = {.type = ASN_OCTET_STR},
    [XEN_DOM_UUID_TEXT] = {.type = ASN_OCTET_STR},
    [XEN_DOM_ID] = {.type = ASN_INTEGER},
    [XEN_DOM_OS_TYPE] = {.type = ASN_OCTET_STR},
    [XEN_DOM_OPER_STATE] = {.type = ASN_INTEGER},
    [XEN_DOM_ADMIN_STATE] = {.type = ASN_INTEGER},
    [XEN_DOM_MAX_MEMORY] = {.type = ASN_COUNTER64},
    [XEN_DOM_MEMORY] = {.type = ASN_COUNTER64},
    [XEN_DOM_MEMORY_TARGET] = {.type = ASN_COUNTER64},
    [XEN_DOM_MAX_MEMORY_MIB] = {.type = ASN_UNSIGNED},
    [XEN_DOM_MEMORY_TARGET_MIB] = {.type = ASN_UNSIGNED},
    [XEN_DOM_VCPUS] = {.type = ASN_UNSIGNED},
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

/* The registration and the rows of the current snapshot; main-thread
 * only. */
static struct {
    netsnmp_handler_registration *reg;
    xsMibIndex rows;
} xenDomainTable;

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
xenDomainTableGetColumn(netsnmp_variable_list *vb, const xsDomainRow *dom,
                        unsigned int col)
{
    xsControlAction act = {XEN_ACTION_NONE, XEN_ACTION_STATUS_NONE, 0, ""};
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
        xsControlLastAction(dom->name, dom->namelen, &act);
        i32 = act.action;
        break;
    case XEN_DOM_LAST_ACTION_TIME:
        xsControlLastAction(dom->name, dom->namelen, &act);
        u32 = xsClockTicks(act.whenNs);
        break;
    case XEN_DOM_LAST_ACTION_STATUS:
        xsControlLastAction(dom->name, dom->namelen, &act);
        i32 = act.status;
        break;
    case XEN_DOM_LAST_ACTION_ERROR:
        xsControlLastAction(dom->name, dom->namelen, &act);
        str = act.error;
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

/* ---- SET dispatch ---------------------------------------------------
 * The one place where a SET meets the control code: every SET request of
 * every phase goes to control.c with the row (@dom, NULL when there is
 * none) and the column it names; control.c decides the SET of both
 * tables as a whole. */
static void
xenDomainTableSet(netsnmp_agent_request_info *reqinfo,
                  netsnmp_request_info *request, const xsDomainRow *dom,
                  unsigned int col)
{
    xsSetVarbind where = {.table = XS_SET_DOMAIN_TABLE, .column = col};

    if (dom != NULL) {
        where.name = dom->name;
        where.namelen = dom->namelen;
    }
    xsControlRequest(reqinfo, request, &where);
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
    for (request = requests; request != NULL; request = request->next) {
        xsMibHit hit;
        xsMibResult r;

        if (request->processed)
            continue;
        if (reqinfo->mode != MODE_GET && !getnext &&
            reqinfo->mode != MODE_SET_RESERVE1) {
            xenDomainTableSet(reqinfo, request, NULL, 0);
            continue;
        }
        r = xsMibRequestLocate(&xenDomainTable.rows, reginfo, getnext, request,
                               &hit);
        if (r == XS_MIB_NO_OBJECT) {
            /* RESERVE1 turns it into noCreation, as RFC 3416 asks. */
            netsnmp_set_request_error(reqinfo, request, SNMP_NOSUCHOBJECT);
        } else if (reqinfo->mode == MODE_SET_RESERVE1) {
            xenDomainTableSet(reqinfo, request, hit.dom, hit.column);
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
}

void
shutdown_xenDomainTable(void)
{
    if (xenDomainTable.reg != NULL)
        netsnmp_unregister_handler(xenDomainTable.reg);
    xsMibIndexClear(&xenDomainTable.rows);
    memset(&xenDomainTable, 0, sizeof(xenDomainTable));
}
