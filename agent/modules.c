/*
 * modules.c: registers the MIB modules, for xensnmpd and for the dlmod.
 */

#include <config.h>

#include "connection.h"
#include "control.h"
#include "modules.h"
#include "refresh.h"
#include "xenDomainTable.h"
#include "xenIoTables.h"
#include "xenNode.h"
#include "xenNotify.h"
#include "xenVcpuTable.h"

int
xsModulesInit(const xsConfig *cfg)
{
    xsConnectionSetControl(cfg->control);
    init_xenNode();
    init_xenDomainTable();
    init_xenVcpuTable();
    init_xenIoTables();
    xsControlInit();
    /* Last: its baseline is the snapshot the tables already serve. */
    init_xenNotify(cfg->notifications);
    return 0;
}

void
xsModulesShutdown(void)
{
    /* First: the background worker's last outcome is recorded, and may
     * notify and refresh. */
    xsControlShutdown();
    shutdown_xenNotify();
    shutdown_xenIoTables();
    shutdown_xenVcpuTable();
    shutdown_xenDomainTable();
    shutdown_xenNode();
}
