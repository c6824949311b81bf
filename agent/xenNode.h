/*
 * xenNode.h: the xenNode scalars of XEN-SNMP-MIB (host and agent health).
 */

#ifndef XENSNMP_XENNODE_H
#define XENSNMP_XENNODE_H

void init_xenNode(void);
void shutdown_xenNode(void);

#endif /* XENSNMP_XENNODE_H */
