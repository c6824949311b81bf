/*
 * xenNotify.h: XEN-SNMP-MIB notifications: lifecycle changes, failed
 * background actions, and the hypervisor connection lost and restored
 * (followed through the refresh module).
 *
 * Everything here runs on the agent's one SNMP thread.
 */

#ifndef XENSNMP_XENNOTIFY_H
#define XENSNMP_XENNOTIFY_H

#include <stdbool.h>
#include <stddef.h>

/* Takes the current snapshot as the baseline (no notifications) and
 * listens for the next ones.  @enabled is the "notifications"
 * configuration; off, states are still tracked but nothing is sent. */
void init_xenNotify(bool enabled);
void shutdown_xenNotify(void);

/* Follows a reload of the configuration. */
void xenNotifySetEnabled(bool enabled);

/**
 * xenNotifySetMasterUp:
 * @up: whether the master agent takes notifications now
 *
 * While the master is away (xensnmpd between two AgentX sessions),
 * notifications are kept, at most 1000, the oldest dropped first; when
 * it is back they are sent in the order raised, and the number dropped is
 * logged.  The master is taken as up until told otherwise (in snmpd's
 * dlmod it always is).
 */
void xenNotifySetMasterUp(bool up);

/**
 * xenNotifyControlFailed:
 * @name: the domain's name (NUL-terminated)
 * @action: the XEN_ACTION_* value that failed
 * @error: why, as libvir reported it
 *
 * Sends xenControlFailed for a background action that failed after its
 * SET was accepted.
 */
void xenNotifyControlFailed(const char *name, int action, const char *error);

#endif /* XENSNMP_XENNOTIFY_H */
