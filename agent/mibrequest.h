/*
 * mibrequest.h: the net-snmp side of mibindex.h, shared by the table
 * handlers: turns a request's OID into a row and column, and a GETNEXT's
 * varbind into the instance found.
 */

#ifndef XENSNMP_MIBREQUEST_H
#define XENSNMP_MIBREQUEST_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "mibindex.h"

/**
 * xsMibRequestLocate:
 * @rows: the table's rows
 * @reginfo: the table's registration (its OID is the table's)
 * @getnext: whether the request is a GETNEXT (else GET or SET: exact)
 * @request: the request; a GETNEXT honours its "inclusive" flag
 * @hit: receives the instance
 *
 * For a GETNEXT that finds an instance, the varbind's name becomes that
 * instance's OID; otherwise the varbind is left as it is, so that net-snmp
 * goes on to the next subtree.  Returns the locator's result.
 */
xsMibResult xsMibRequestLocate(const xsMibIndex *rows,
                               const netsnmp_handler_registration *reginfo,
                               bool getnext, netsnmp_request_info *request,
                               xsMibHit *hit);

#endif /* XENSNMP_MIBREQUEST_H */
