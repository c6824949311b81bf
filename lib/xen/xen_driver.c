/*
 * xen_driver.c: the "xen" driver: its table, open and close.
 *
 * xen:/// (and NULL, the library's default) is the local Xen hypervisor,
 * reached from dom0 through libxenctrl (reads, pause, affinity),
 * libxenstore (names, watches) and libxenlight (everything the toolstack
 * keeps bookkeeping for), so that xl and this library always agree.
 * Defined domains are the xl configuration files NAME.cfg in a directory:
 * /etc/xen, or the one the environment variable LIBVIR_XEN_CONFDIR names.
 *
 * Open checks, in order, why the host cannot be managed, and says so at
 * once: no /proc/xen (not running on Xen), no control_d capability (not
 * dom0), no usable /dev/xen/privcmd (module missing or not root),
 * xenstored not running.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xen_priv.h"
#include "xen_domain_read.h"
#include "xen_domain_ctl.h"
#include "xen_defined.h"
#include "error.h"
#include "log.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* ---- open and close --------------------------------------------------- */

static void
xenPrivFree(xenPriv *priv)
{
    size_t i;

    if (priv == NULL)
        return;
    xenNameCacheFlush(priv);
    for (i = 0; i < priv->ntracked; i++)
        xenConfigFree(priv->tracked[i].cfg);
    free(priv->tracked);
    xenIOSnapClear(&priv->io);
    if (priv->ctx != NULL)
        priv->ops->xlCtxFree(priv->ctx);
    if (priv->xsh != NULL)
        priv->ops->xsClose(priv->xsh);
    if (priv->xch != NULL)
        priv->ops->xcClose(priv->xch);
    free(priv->confdir);
    free(priv);
}

static int
xenOpenLibraries(virConnectPtr conn, xenPriv *priv)
{
    xc_physinfo_t phys = {0};

    xenLoggerInit(&priv->logger);
    priv->xch = priv->ops->xcOpen(&priv->logger.vtable);
    if (priv->xch == NULL) {
        virReportConnError(conn, VIR_ERR_NO_CONNECT,
                           "cannot open '%s': libxenctrl cannot reach the "
                           "hypervisor: %s",
                           conn->uri, xenLastError(priv, strerror(errno)));
        return -1;
    }
    priv->stats.xsCalls++;
    if ((priv->xsh = priv->ops->xsOpen()) == NULL) {
        virReportConnError(conn, VIR_ERR_NO_CONNECT,
                           "cannot open '%s': xenstored is not running "
                           "(cannot connect to its socket: %s)",
                           conn->uri, strerror(errno));
        return -1;
    }
    priv->stats.xlCalls++;
    if (priv->ops->xlCtxAlloc(&priv->ctx, &priv->logger.vtable) != 0) {
        virReportConnError(conn, VIR_ERR_NO_CONNECT,
                           "cannot open '%s': libxenlight: %s", conn->uri,
                           xenLastError(priv, "cannot allocate a context"));
        return -1;
    }
    if (priv->ops->physinfo(XEN_XC(priv), &phys) != 0) {
        virReportConnError(conn, VIR_ERR_NO_CONNECT,
                           "cannot open '%s': xc_physinfo failed: %s",
                           conn->uri, xenLastError(priv, strerror(errno)));
        return -1;
    }
    priv->nrCpus = phys.max_cpu_id + 1;
    return 0;
}

/* Opens the local host for @conn through @ops (the driver's table is
 * set by the caller). */
static virDrvOpenStatus
xenOpen(virConnectPtr conn, const xenOps *ops)
{
    xenPriv *priv = NULL;
    const char *problem;
    const char *confdir;

    if ((problem = ops->hostProblem()) != NULL) {
        virReportConnError(conn, VIR_ERR_NO_CONNECT, "cannot open '%s': %s",
                           conn->uri, problem);
        return VIR_DRV_OPEN_ERROR;
    }
    confdir = getenv(XEN_CONFDIR_ENV);
    if (confdir == NULL || confdir[0] == '\0')
        confdir = XEN_DEFAULT_CONFDIR;
    if ((priv = calloc(1, sizeof(*priv))) == NULL ||
        (priv->confdir = strdup(confdir)) == NULL) {
        virReportOOMError();
        goto error;
    }
    priv->ops = ops;
    if (xenOpenLibraries(conn, priv) < 0 || xenWatchStart(priv) < 0)
        goto error;
    conn->privateData = priv;
    VIR_DEBUG("xen:/// open, %u cpus, configs in '%s'", priv->nrCpus,
              priv->confdir);
    return VIR_DRV_OPEN_SUCCESS;

error:
    xenPrivFree(priv);
    return VIR_DRV_OPEN_ERROR;
}

static virDrvOpenStatus
xenConnectOpen(virConnectPtr conn, const virURI *uri, bool readonly)
{
    (void)readonly; /* enforced by lib/libvir.c */
    if (strcmp(uri->scheme, "xen") != 0)
        return VIR_DRV_OPEN_DECLINED;
    if (uri->server != NULL || strcmp(uri->path, "/") != 0) {
        virReportConnError(conn, VIR_ERR_INVALID_ARG,
                           "cannot open '%s': the Xen driver manages only the "
                           "local host, as xen:///",
                           conn->uri);
        return VIR_DRV_OPEN_ERROR;
    }
    return xenOpen(conn, &xenDefaultOps);
}

static int
xenConnectClose(virConnectPtr conn)
{
    xenPrivFree(conn->privateData);
    conn->privateData = NULL;
    return 0;
}

/* ---- the driver table ------------------------------------------------- */

static const virDriver xenDriver = {
    .name = "xen",
    .type = "Xen",
    /* The Xen release this driver is written and tested against. */
    .typeVersion = 4017000,

    .connectOpen = xenConnectOpen,
    .connectClose = xenConnectClose,
    .connectGetType = xenConnectGetType,
    .connectGetVersion = xenConnectGetVersion,
    .nodeGetInfo = xenNodeGetInfo,
    .connectListDomains = xenConnectListDomains,
    .connectNumOfDomains = xenConnectNumOfDomains,
    .connectListDefinedDomains = xenConnectListDefinedDomains,
    .connectNumOfDefinedDomains = xenConnectNumOfDefinedDomains,
    .connectGetEventFd = xenConnectGetEventFd,

    .domainCreateLinux = xenDomainCreateLinux,
    .domainLookupByID = xenDomainLookupByID,
    .domainLookupByUUID = xenDomainLookupByUUID,
    .domainLookupByName = xenDomainLookupByName,
    .domainDefineXML = xenDomainDefineXML,
    .domainUndefine = xenDomainUndefine,
    .domainCreate = xenDomainCreate,
    .domainSuspend = xenDomainSuspend,
    .domainResume = xenDomainResume,
    .domainShutdown = xenDomainShutdown,
    .domainReboot = xenDomainReboot,
    .domainDestroy = xenDomainDestroy,
    .domainSave = xenDomainSave,
    .domainRestore = xenDomainRestore,
    .domainCoreDump = xenDomainCoreDump,
    .domainGetID = xenDomainGetID,
    .domainGetOSType = xenDomainGetOSType,
    .domainGetInfo = xenDomainGetInfo,
    .domainGetXMLDesc = xenDomainGetXMLDesc,
    .domainGetMaxMemory = xenDomainGetMaxMemory,
    .domainSetMaxMemory = xenDomainSetMaxMemory,
    .domainSetMemory = xenDomainSetMemory,
    .domainSetVcpus = xenDomainSetVcpus,
    .domainPinVcpu = xenDomainPinVcpu,
    .domainGetVcpus = xenDomainGetVcpus,
    .domainAttachDevice = xenDomainAttachDevice,
    .domainDetachDevice = xenDomainDetachDevice,
    .domainBlockStats = xenDomainBlockStats,
    .domainBlockStatsXen = xenDomainBlockStatsXen,
    .domainInterfaceStats = xenDomainInterfaceStats,
    .domainListBlockDevices = xenDomainListBlockDevices,
    .domainListInterfaces = xenDomainListInterfaces,
    .connectGetAllDomainIOStats = xenConnectGetAllDomainIOStats,
};

const virDriver *
xenGetDriver(void)
{
    return &xenDriver;
}

virConnectPtr
xenConnectOpenWithOps(const xenOps *ops)
{
    virConnectPtr conn = NULL;

    virResetLastError();
    if ((conn = virNewConnect()) == NULL)
        return NULL;
    if ((conn->uri = strdup("xen:///")) == NULL) {
        virReportOOMError();
        goto error;
    }
    if (xenOpen(conn, ops) != VIR_DRV_OPEN_SUCCESS)
        goto error;
    conn->driver = &xenDriver;
    return conn;

error:
    virUnrefConnect(conn);
    return NULL;
}

int
xenConnectGetStats(virConnectPtr conn, xenStats *stats)
{
    const xenPriv *priv;

    if (conn == NULL || conn->driver != &xenDriver) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "not a connection of the Xen driver");
        return -1;
    }
    priv = conn->privateData;
    *stats = priv->stats;
    return 0;
}
