/*
 * xenDomainTable.h: the xenDomainTable of XEN-SNMP-MIB, one row per
 * domain (running or only defined), indexed by the domain name.
 */

#ifndef XENSNMP_XENDOMAINTABLE_H
#define XENSNMP_XENDOMAINTABLE_H

#include <stdbool.h>

void init_xenDomainTable(void);
void shutdown_xenDomainTable(void);

/* Records the last control action on domain @name (xenDomLastAction*):
 * an xenDomLastAction value, its xenDomLastActionStatus, and libvir's
 * message (@error, used only when the status is failed).  The outcome of
 * an action recorded as in progress keeps the time it was requested. */
void xenDomainTableRecordAction(const char *name, int action, int status,
                                const char *error);

#endif /* XENSNMP_XENDOMAINTABLE_H */
