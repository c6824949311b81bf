/*
 * master.h: xensnmpd's link to the AgentX master agent (snmpd), as its
 * users see it in the log.
 *
 * net-snmp connects, registers and reconnects by itself (a ping every
 * second), but says little that helps: a warning every second while
 * snmpd is away, "registering pdu failed: 263!" when another agent
 * already holds XEN-SNMP-MIB, and nothing when it works.  This module
 * silences the first, logs each change of the link once with its reason,
 * and turns the refusal into an error the agent stops on.
 */

#ifndef XENSNMP_MASTER_H
#define XENSNMP_MASTER_H

#include <stdbool.h>

/**
 * xsMasterInit:
 * @socket: the configured AgentX address, or NULL for net-snmp's default
 *
 * Follows the link from now on.  Call before init_snmp(), which makes the
 * first connection.  Returns 0 or -1 (logged).
 */
int xsMasterInit(const char *socket);

/**
 * xsMasterCheck:
 * @up: receives whether the master serves our registrations now
 *
 * Call after init_snmp() and after each turn of the main loop: logs what
 * changed since the last call ("started" the first time the MIB is
 * registered).  Returns 0, or -1 when the master refused a registration
 * (logged: another agent serves XEN-SNMP-MIB there), on which the agent
 * stops.
 */
int xsMasterCheck(bool *up);

void xsMasterShutdown(void);

#endif /* XENSNMP_MASTER_H */
