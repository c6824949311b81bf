/*
 * dlmod.c: XEN-SNMP-MIB as a module loaded into snmpd
 * ("dlmod xensnmp /path/xensnmp.so" in snmpd.conf).
 *
 * A module has no command line, so it reads xensnmpd.conf from the path
 * in the environment variable XENSNMP_CONF, or from the default path
 * (where a missing file means the defaults).  Only uri,
 * refresh-interval and control matter here: snmpd owns the sockets,
 * logging and the pid file.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "agentconf.h"
#include "connection.h"
#include "libvirlog.h"
#include "logprefix.h"
#include "modules.h"
#include "refresh.h"

#define XS_DEFAULT_CONFIG SYSCONFDIR "/xensnmpd.conf"

/* net-snmp's dlmod finds the entry points by name: they must be extern,
 * but nothing else declares them. */
void init_xensnmp(void);
void deinit_xensnmp(void);

/* Whether init_xensnmp() registered the modules, so that deinit only
 * undoes what was done. */
static bool xsDlmodStarted;
static unsigned int xsDlmodStartAlarm;

/* The worker thread starts from snmpd's main loop, not from
 * init_xensnmp(): snmpd loads modules while reading its configuration,
 * before it may fork into the background, and a thread does not survive
 * fork().  The first snapshot, taken synchronously, serves until then. */
static void
xsDlmodStart(unsigned int clientreg, void *data)
{
    (void)clientreg;
    (void)data;
    xsDlmodStartAlarm = 0;
    if (xsRefreshStart() < 0)
        snmp_log(LOG_ERR, XS_LOG_PREFIX "cannot start the refresh worker\n");
}

void
init_xensnmp(void)
{
    const char *path = getenv("XENSNMP_CONF");
    bool explicitPath = path != NULL && *path != '\0';
    char err[512];
    xsConfig cfg;

    xsConfigInit(&cfg);
    if (!explicitPath)
        path = XS_DEFAULT_CONFIG;
    if ((explicitPath || access(path, F_OK) == 0) &&
        xsConfigLoad(&cfg, path, err, sizeof(err)) < 0) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "%s\n", err);
        goto cleanup;
    }
    xsLibvirLogInit();
    if (virInitialize() < 0) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "cannot initialize libvir\n");
        goto cleanup;
    }
    if (xsConnectionInit(cfg.uri, err, sizeof(err)) < 0 ||
        xsRefreshInit(cfg.refreshMs, err, sizeof(err)) < 0) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "%s\n", err);
        xsRefreshShutdown();
        xsConnectionShutdown();
        goto cleanup;
    }
    if (xsModulesInit(&cfg) < 0) {
        xsRefreshShutdown();
        xsConnectionShutdown();
        goto cleanup;
    }
    xsDlmodStarted = true;
    xsDlmodStartAlarm = snmp_alarm_register(1, 0, xsDlmodStart, NULL);
    if (xsDlmodStartAlarm == 0)
        snmp_log(LOG_ERR, XS_LOG_PREFIX "cannot schedule the refresh worker\n");
    snmp_log(LOG_INFO, XS_LOG_PREFIX "%s loaded\n", PACKAGE_VERSION);

cleanup:
    xsConfigClear(&cfg);
}

void
deinit_xensnmp(void)
{
    if (xsDlmodStartAlarm != 0) {
        snmp_alarm_unregister(xsDlmodStartAlarm);
        xsDlmodStartAlarm = 0;
    }
    if (!xsDlmodStarted)
        return;
    xsModulesShutdown();
    xsRefreshShutdown();
    xsConnectionShutdown();
    xsLibvirLogShutdown();
    xsDlmodStarted = false;
}
