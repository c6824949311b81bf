/*
 * control.h: carries out the SETs of both writable tables (the net-snmp
 * side of setcore.h), and keeps the last control action of each domain
 * (xenDomLastAction*).
 *
 * net-snmp calls each table's handler separately in each SET phase; the
 * tables hand every SET request to xsControlRequest, which gathers the
 * varbinds of the whole PDU into one plan kept in the request's agent
 * data, and then:
 *
 *   RESERVE1  collects the varbind (nothing is decided yet: the other
 *             table's varbinds may still come);
 *   RESERVE2  reads the named domains through the read-write connection
 *             and lets setcore decide the whole SET; sets the error, if
 *             any, on the first failing varbind (logged);
 *   ACTION    makes the reversible changes in PDU order; commitFailed
 *             only when the hypervisor refuses one (logged);
 *   UNDO      reverts them in the exact reverse order;
 *   COMMIT    records the last actions, queues the background ones
 *             (lifecycle.h), and makes every reader see what the SET
 *             changed: the touched domains are re-read and patched into
 *             the current snapshot (read-your-writes), and a snapshot the
 *             worker began before that gets the same rows re-read before
 *             it becomes current.  Notifications follow from the diff.
 *
 * Main thread only.  control.c calls no table file; the tables call it.
 */

#ifndef XENSNMP_CONTROL_H
#define XENSNMP_CONTROL_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>
#include <stdint.h>

#include "setcore.h"

/**
 * xsControlRequest:
 * @reqinfo: the PDU's request information (mode, agent data)
 * @request: one request of a SET mode to a writable table's column
 * @where: the table, the column and the row's index as the table decoded
 *         them from the OID (name NULL when the index names no domain);
 *         the value fields are ignored (taken from @request)
 *
 * Does @request's part of the SET phase @reqinfo->mode (see above).
 * Errors are set on the requests they belong to, which may be the other
 * table's.
 */
void xsControlRequest(netsnmp_agent_request_info *reqinfo,
                      netsnmp_request_info *request, const xsSetVarbind *where);

typedef struct _xsControlAction xsControlAction;

struct _xsControlAction {
    int action;        /* xenDomLastAction */
    int status;        /* xenDomLastActionStatus */
    uint64_t whenNs;   /* CLOCK_MONOTONIC when it was requested */
    const char *error; /* "" unless failed; valid until the next SET */
};

/* The last control action on the domain @name (@namelen bytes); false
 * when there was none since the agent started. */
bool xsControlLastAction(const char *name, size_t namelen,
                         xsControlAction *out);

/* Sets up the action store and the background worker's callback, and
 * follows the refresh (the fixup of snapshots begun before a SET). */
void xsControlInit(void);

/* Lets the running background action finish (its outcome is recorded),
 * then frees everything. */
void xsControlShutdown(void);

#endif /* XENSNMP_CONTROL_H */
