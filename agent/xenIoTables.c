/*
 * xenIoTables.c: xenVifTable and xenVbdTable, served from the current
 * snapshot by one plain handler over mibindex.c (see xenDomainTable.c
 * for the scheme).  The two tables differ only in their columns: a name
 * (and for a disk its backend's name), a run of Counter64 columns that
 * are the row's counters in order, and a discontinuity time; so one
 * descriptor per table says where each run is.  Both are read-only.
 *
 * A counter the hypervisor does not keep (-1 from libvir) has no
 * instance: GET answers noSuchInstance and GETNEXT passes over it, so no
 * poller ever graphs a made-up number.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "mibrequest.h"
#include "refresh.h"
#include "xenIoTables.h"
#include "xen_mib.h"

/* Where the columns of one table are. */
typedef struct {
    const char *name;
    xsMibTable table;
    const oid *oid;
    size_t oidlen;
    unsigned int minColumn, maxColumn;
    unsigned int nameColumn;
    unsigned int backendColumn; /* 0: none */
    unsigned int firstCounter;  /* counters[0]'s column */
    unsigned int lastCounter;
    unsigned int discontinuityColumn;
    xsMibPresentFunc present;
} xenIoTableDesc;

/* One registered table: its descriptor, registration and rows (of the
 * current snapshot); main-thread only. */
typedef struct {
    const xenIoTableDesc *desc;
    netsnmp_handler_registration *reg;
    xsMibIndex rows;
} xenIoTable;

static const oid xenVifTableOid[] = {XEN_MIB_VIF_TABLE_OID};
static const oid xenVbdTableOid[] = {XEN_MIB_VBD_TABLE_OID};

static bool xenVifPresent(const xsMibHit *hit);
static bool xenVbdPresent(const xsMibHit *hit);

static const xenIoTableDesc xenIoTableDescs[] = {
    {
        .name = "xenVifTable",
        .table = XS_MIB_VIF_TABLE,
        .oid = xenVifTableOid,
        .oidlen = OID_LENGTH(xenVifTableOid),
        .minColumn = XEN_VIF_MIN_COLUMN,
        .maxColumn = XEN_VIF_MAX_COLUMN,
        .nameColumn = XEN_VIF_NAME,
        .backendColumn = 0,
        .firstCounter = XEN_VIF_IN_OCTETS,
        .lastCounter = XEN_VIF_OUT_DROPS,
        .discontinuityColumn = XEN_VIF_DISCONTINUITY_TIME,
        .present = xenVifPresent,
    },
    {
        .name = "xenVbdTable",
        .table = XS_MIB_VBD_TABLE,
        .oid = xenVbdTableOid,
        .oidlen = OID_LENGTH(xenVbdTableOid),
        .minColumn = XEN_VBD_MIN_COLUMN,
        .maxColumn = XEN_VBD_MAX_COLUMN,
        .nameColumn = XEN_VBD_NAME,
        .backendColumn = XEN_VBD_BACKEND_NAME,
        .firstCounter = XEN_VBD_READ_REQUESTS,
        .lastCounter = XEN_VBD_DISCARD_REQUESTS,
        .discontinuityColumn = XEN_VBD_DISCONTINUITY_TIME,
        .present = xenVbdPresent,
    },
};

#define XEN_IO_NTABLES (sizeof(xenIoTableDescs) / sizeof(xenIoTableDescs[0]))

_Static_assert(XEN_VIF_OUT_DROPS - XEN_VIF_IN_OCTETS + 1 == XS_VIF_COUNTERS,
               "xenVifTable's counter columns are the XS_VIF_* counters");
_Static_assert(XEN_VBD_DISCARD_REQUESTS - XEN_VBD_READ_REQUESTS + 1 ==
                   XS_VBD_COUNTERS,
               "xenVbdTable's counter columns are the XS_VBD_* counters");

static xenIoTable xenIoTables[XEN_IO_NTABLES];

/* Whether @hit's column holds a counter the hypervisor does not keep. */
static bool
xenIoPresent(const xenIoTableDesc *desc, const xsMibHit *hit)
{
    if (hit->column < desc->firstCounter || hit->column > desc->lastCounter)
        return true;
    return hit->dev->counters[hit->column - desc->firstCounter] >= 0;
}

static bool
xenVifPresent(const xsMibHit *hit)
{
    return xenIoPresent(&xenIoTableDescs[0], hit);
}

static bool
xenVbdPresent(const xsMibHit *hit)
{
    return xenIoPresent(&xenIoTableDescs[1], hit);
}

/* Fills @vb with column @hit->column of the row @hit names. */
static void
xenIoTableGetColumn(const xenIoTableDesc *desc, netsnmp_variable_list *vb,
                    const xsMibHit *hit)
{
    const xsDevRow *dev = hit->dev;
    unsigned int col = hit->column;
    char backend[XS_DEV_NAME_MAX + 1];

    if (col >= desc->firstCounter && col <= desc->lastCounter) {
        /* Never negative here: xenIoPresent keeps -1 out. */
        unsigned long long v =
            (unsigned long long)dev->counters[col - desc->firstCounter];
        struct counter64 c64;

        c64.high = (u_long)(v >> 32);
        c64.low = (u_long)(v & 0xFFFFFFFFULL);
        snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64, sizeof(c64));
    } else if (col == desc->discontinuityColumn) {
        unsigned long ticks = xsClockTicks(dev->discontinuityNs);

        snmp_set_var_typed_value(vb, ASN_TIMETICKS, &ticks, sizeof(ticks));
    } else if (col == desc->nameColumn) {
        snmp_set_var_typed_value(vb, ASN_OCTET_STR, dev->name,
                                 strlen(dev->name));
    } else if (col == desc->backendColumn) {
        /* The directory blkback's statistics are in: vbd-DOMID-VDEV. */
        int n = snprintf(backend, sizeof(backend), "vbd-%d-%u", hit->dom->id,
                         dev->index);

        if (n < 0 || (size_t)n >= sizeof(backend))
            n = 0;
        snmp_set_var_typed_value(vb, ASN_OCTET_STR, backend, (size_t)n);
    }
}

static int
xenIoTableHandler(netsnmp_mib_handler *handler,
                  netsnmp_handler_registration *reginfo,
                  netsnmp_agent_request_info *reqinfo,
                  netsnmp_request_info *requests)
{
    const xenIoTable *tab = handler->myvoid;
    netsnmp_request_info *request;
    bool getnext = reqinfo->mode == MODE_GETNEXT;

    for (request = requests; request != NULL; request = request->next) {
        xsMibHit hit;
        xsMibResult r;

        if (request->processed)
            continue;
        if (reqinfo->mode != MODE_GET && !getnext) {
            /* Read-only: an existing object is notWritable, anything
             * else noCreation (RFC 3416 4.2.5). */
            if (reqinfo->mode == MODE_SET_RESERVE1)
                netsnmp_set_request_error(
                    reqinfo, request,
                    xsMibRequestLocate(&tab->rows, reginfo, false, request,
                                       &hit) == XS_MIB_FOUND
                        ? SNMP_ERR_NOTWRITABLE
                        : SNMP_ERR_NOCREATION);
            continue;
        }
        r = xsMibRequestLocate(&tab->rows, reginfo, getnext, request, &hit);
        if (r == XS_MIB_NO_OBJECT)
            netsnmp_set_request_error(reqinfo, request, SNMP_NOSUCHOBJECT);
        else if (r == XS_MIB_FOUND)
            xenIoTableGetColumn(tab->desc, request->requestvb, &hit);
        else if (!getnext)
            netsnmp_set_request_error(reqinfo, request, SNMP_NOSUCHINSTANCE);
        /* A GETNEXT past the table is left unanswered: net-snmp goes on
         * to the next subtree. */
    }
    return SNMP_ERR_NOERROR;
}

static void
xenIoTablesLoad(const xsSnapshot *snap)
{
    size_t i;

    for (i = 0; i < XEN_IO_NTABLES; i++) {
        xenIoTable *tab = &xenIoTables[i];

        if (xsMibIndexInit(&tab->rows, tab->desc->table, tab->desc->minColumn,
                           tab->desc->maxColumn, snap) < 0) {
            snmp_log(LOG_ERR, "%s: out of memory\n", tab->desc->name);
            continue;
        }
        tab->rows.present = tab->desc->present;
        DEBUGMSGTL(("xenIoTables", "%s: the devices of %zu domains\n",
                    tab->desc->name, tab->rows.ndoms));
    }
}

void
init_xenIoTables(void)
{
    size_t i;

    for (i = 0; i < XEN_IO_NTABLES; i++) {
        xenIoTable *tab = &xenIoTables[i];
        const xenIoTableDesc *desc = &xenIoTableDescs[i];
        netsnmp_handler_registration *reg;

        tab->desc = desc;
        reg = netsnmp_create_handler_registration(desc->name, xenIoTableHandler,
                                                  desc->oid, desc->oidlen,
                                                  HANDLER_CAN_RONLY);
        if (reg == NULL) {
            snmp_log(LOG_ERR, "%s: out of memory\n", desc->name);
            continue;
        }
        reg->handler->myvoid = tab;
        if (netsnmp_register_handler(reg) != MIB_REGISTERED_OK) {
            /* The registration owns (and has freed) what it was given. */
            snmp_log(LOG_ERR, "%s: registration failed\n", desc->name);
            continue;
        }
        tab->reg = reg;
    }
    if (xsRefreshAddListener(xenIoTablesLoad) < 0)
        snmp_log(LOG_ERR, "xenIoTables: cannot follow refreshes\n");
}

void
shutdown_xenIoTables(void)
{
    size_t i;

    for (i = 0; i < XEN_IO_NTABLES; i++) {
        if (xenIoTables[i].reg != NULL)
            netsnmp_unregister_handler(xenIoTables[i].reg);
        xsMibIndexClear(&xenIoTables[i].rows);
    }
    memset(xenIoTables, 0, sizeof(xenIoTables));
}
