/*
 * xenDomainTable.h: the xenDomainTable of XEN-SNMP-MIB, one row per
 * domain (running or only defined), indexed by the domain name.
 */

#ifndef XENSNMP_XENDOMAINTABLE_H
#define XENSNMP_XENDOMAINTABLE_H

void init_xenDomainTable(void);
void shutdown_xenDomainTable(void);

#endif /* XENSNMP_XENDOMAINTABLE_H */
