/*
 * xenNode.c: the xenNode scalars, served from the current snapshot and
 * the refresh counters by one handler that switches on the column.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <string.h>

#include "clock.h"
#include "connection.h"
#include "refresh.h"
#include "xenNode.h"
#include "xen_mib.h"

static const oid xenNodeOid[] = {XEN_MIB_NODE_OID};

/* Registered handler, kept to unregister it at shutdown. */
static netsnmp_handler_registration *xenNodeReg;

static void
xenNodeSetU64(netsnmp_variable_list *vb, unsigned long long v)
{
    struct counter64 c64;

    c64.high = (u_long)(v >> 32);
    c64.low = (u_long)(v & 0xFFFFFFFFULL);
    snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64, sizeof(c64));
}

static void
xenNodeSetU32(netsnmp_variable_list *vb, u_char type, unsigned long long v)
{
    u_long u = v > 0xFFFFFFFFULL ? 0xFFFFFFFFUL : (u_long)v;

    snmp_set_var_typed_value(vb, type, &u, sizeof(u));
}

static void
xenNodeSetInt(netsnmp_variable_list *vb, long v)
{
    snmp_set_var_typed_value(vb, ASN_INTEGER, &v, sizeof(v));
}

static void
xenNodeSetString(netsnmp_variable_list *vb, const char *s)
{
    snmp_set_var_typed_value(vb, ASN_OCTET_STR, s, strlen(s));
}

/* Fills @vb with column @col; returns false for an unknown column. */
static bool
xenNodeGetColumn(netsnmp_variable_list *vb, oid col)
{
    const xsSnapshot *snap = xsRefreshCurrent();
    const xsRefreshStats *st = xsRefreshGetStats();
    const xsNodeInfo *n = &snap->node;

    switch (col) {
    case XEN_NODE_HYPERVISOR_TYPE:
        xenNodeSetString(vb, n->hvType);
        break;
    case XEN_NODE_HYPERVISOR_VERSION:
        xenNodeSetString(vb, n->hvVersion);
        break;
    case XEN_NODE_LIBRARY_VERSION:
        xenNodeSetString(vb, n->libVersion);
        break;
    case XEN_NODE_CPU_MODEL:
        xenNodeSetString(vb, n->cpuModel);
        break;
    case XEN_NODE_MEMORY:
        xenNodeSetU64(vb, n->memKiB);
        break;
    case XEN_NODE_FREE_MEMORY:
        xenNodeSetU64(vb, n->freeKiB);
        break;
    case XEN_NODE_CPUS:
        xenNodeSetU32(vb, ASN_UNSIGNED, n->cpus);
        break;
    case XEN_NODE_MAX_CPUS:
        xenNodeSetU32(vb, ASN_UNSIGNED, n->maxCpus);
        break;
    case XEN_NODE_MHZ:
        xenNodeSetU32(vb, ASN_UNSIGNED, n->mhz);
        break;
    case XEN_NODE_NUMA_NODES:
        xenNodeSetU32(vb, ASN_UNSIGNED, n->nodes);
        break;
    case XEN_NODE_SOCKETS:
        xenNodeSetU32(vb, ASN_UNSIGNED, n->sockets);
        break;
    case XEN_NODE_CORES:
        xenNodeSetU32(vb, ASN_UNSIGNED, n->cores);
        break;
    case XEN_NODE_THREADS:
        xenNodeSetU32(vb, ASN_UNSIGNED, n->threads);
        break;
    case XEN_NODE_ACTIVE_DOMAINS:
        xenNodeSetU32(vb, ASN_GAUGE, n->activeDomains);
        break;
    case XEN_NODE_DEFINED_DOMAINS:
        xenNodeSetU32(vb, ASN_GAUGE, n->definedDomains);
        break;
    case XEN_NODE_DOMAIN_TABLE_LAST_CHANGE:
        xenNodeSetU32(vb, ASN_TIMETICKS, xsClockTicks(st->lastChangeNs));
        break;
    case XEN_NODE_LAST_REFRESH:
        xenNodeSetU32(vb, ASN_TIMETICKS, xsClockTicks(st->lastRefreshNs));
        break;
    case XEN_NODE_REFRESH_DURATION:
        xenNodeSetU32(vb, ASN_GAUGE, st->durationNs / 1000);
        break;
    case XEN_NODE_CONNECTION_STATE:
        xenNodeSetInt(vb, st->connectionUp ? XEN_CONNECTION_UP
                                           : XEN_CONNECTION_DOWN);
        break;
    case XEN_NODE_FAILED_CALLS:
        xenNodeSetU64(vb, xsConnectionFailedCalls());
        break;
    case XEN_NODE_REFRESHES:
        xenNodeSetU64(vb, st->refreshes);
        break;
    case XEN_NODE_LIBRARY_CALLS:
        xenNodeSetU64(vb, xsConnectionLibCalls());
        break;
    case XEN_NODE_CONTROL_ENABLED:
        xenNodeSetInt(vb, xsConnectionControlEnabled() ? XEN_TRUTH_TRUE
                                                       : XEN_TRUTH_FALSE);
        break;
    default:
        return false;
    }
    return true;
}

/* The scalar_group helper has already checked the ".0" instance and
 * turned GETNEXT into GET of the next scalar. */
static int
xenNodeHandler(netsnmp_mib_handler *handler,
               netsnmp_handler_registration *reginfo,
               netsnmp_agent_request_info *reqinfo,
               netsnmp_request_info *requests)
{
    const size_t base = OID_LENGTH(xenNodeOid);
    netsnmp_request_info *request;

    (void)handler;
    (void)reginfo;
    for (request = requests; request != NULL; request = request->next) {
        netsnmp_variable_list *vb = request->requestvb;
        oid col;

        if (request->processed)
            continue;
        /* Not reginfo->rootoid_len: the scalar_group helper extends the
         * root to the instance before it calls us. */
        if (vb->name_length <= base) {
            netsnmp_set_request_error(reqinfo, request, SNMP_NOSUCHOBJECT);
            continue;
        }
        col = vb->name[base];
        switch (reqinfo->mode) {
        case MODE_GET:
            if (!xenNodeGetColumn(vb, col))
                netsnmp_set_request_error(reqinfo, request, SNMP_NOSUCHOBJECT);
            break;
        case MODE_SET_RESERVE1:
            /* Every xenNode object is read-only. */
            netsnmp_set_request_error(reqinfo, request, SNMP_ERR_NOTWRITABLE);
            break;
        default:
            break;
        }
    }
    return SNMP_ERR_NOERROR;
}

void
init_xenNode(void)
{
    xenNodeReg = netsnmp_create_handler_registration(
        "xenNode", xenNodeHandler, xenNodeOid, OID_LENGTH(xenNodeOid),
        HANDLER_CAN_RWRITE);
    if (xenNodeReg == NULL || netsnmp_register_scalar_group(
                                  xenNodeReg, XEN_NODE_MIN_COLUMN,
                                  XEN_NODE_MAX_COLUMN) != MIB_REGISTERED_OK) {
        snmp_log(LOG_ERR, "xenNode: registration failed\n");
        xenNodeReg = NULL;
    }
}

void
shutdown_xenNode(void)
{
    if (xenNodeReg != NULL)
        netsnmp_unregister_handler(xenNodeReg);
    xenNodeReg = NULL;
}
