/*
 * xenIoTables.h: xenVifTable and xenVbdTable, the domains' network
 * interfaces and block devices.
 */

#ifndef XENSNMP_XENIOTABLES_H
#define XENSNMP_XENIOTABLES_H

void init_xenIoTables(void);
void shutdown_xenIoTables(void);

#endif /* XENSNMP_XENIOTABLES_H */
