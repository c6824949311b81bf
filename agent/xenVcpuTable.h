/*
 * xenVcpuTable.h: the xenVcpuTable of XEN-SNMP-MIB, one row per vcpu of
 * each active domain, indexed by domain name and vcpu number.
 */

#ifndef XENSNMP_XENVCPUTABLE_H
#define XENSNMP_XENVCPUTABLE_H

void init_xenVcpuTable(void);
void shutdown_xenVcpuTable(void);

#endif /* XENSNMP_XENVCPUTABLE_H */
