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
 * an xenDomLastAction value, whether it succeeded, and libvir's message
 * when it did not.  xenVcpuTable.c records pinning through it. */
void xenDomainTableRecordAction(const char *name, int action, bool ok,
                                const char *error);

#endif /* XENSNMP_XENDOMAINTABLE_H */
