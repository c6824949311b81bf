/*
 * modules.h: the MIB modules' start-up and shutdown, shared by xensnmpd
 * (main.c) and the module snmpd loads with dlmod (dlmod.c), so that both
 * serve the MIB from the same code in the same order.
 */

#ifndef XENSNMP_MODULES_H
#define XENSNMP_MODULES_H

#include "agentconf.h"

/**
 * xsModulesInit:
 * @cfg: the configuration (control on/off)
 *
 * Registers every MIB module of XEN-SNMP-MIB and the notifications.  Call after
 * xsRefreshInit() (the modules read its first snapshot) and after
 * init_agent().  Returns 0.
 */
int xsModulesInit(const xsConfig *cfg);

/**
 * xsModulesShutdown:
 *
 * Unregisters what xsModulesInit() registered, in reverse order.
 */
void xsModulesShutdown(void);

#endif /* XENSNMP_MODULES_H */
