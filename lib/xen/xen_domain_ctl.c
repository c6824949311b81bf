/*
 * xen_domain_ctl.c: the lifecycle of Xen domains through libxenlight:
 * create, suspend, resume, shutdown, reboot, destroy, and the on_*
 * actions of the domains this connection created.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xen_domain_ctl.h"
#include "xen_reap.h"
#include "xen_defined.h"
#include "xen_domcfg.h"
#include "xen_state.h"
#include "xen_track.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_XEN

void
xenReportCallError(virDomainPtr dom, const xenPriv *priv, const char *what)
{
    virReportDomainError(dom, VIR_ERR_OPERATION_FAILED,
                         "%s of domain '%s' failed: %s", what, dom->name,
                         xenLastError(priv, "libxenlight gave no reason"));
}

int
xenCheckNotDom0(virDomainPtr dom, const xenDomInfo *x, const char *done)
{
    if (x->domid != 0)
        return 0;
    virReportDomainError(dom, VIR_ERR_OPERATION_INVALID,
                         "Domain-0 cannot be %s", done);
    return -1;
}

void
xenWaitGone(xenPriv *priv, uint32_t domid)
{
    struct timespec step = {0, 50 * 1000 * 1000};
    xenDomInfo x;
    int i;

    /* Bounded: 10 s, then the domain shows as dying (SHUTDOWN). */
    for (i = 0; i < 200; i++) {
        if (xenDomGetOne(priv, domid, &x) <= 0)
            break;
        nanosleep(&step, NULL);
    }
    virResetLastError();
}

/* The configuration whose on_* actions follow the stop of @x that this
 * connection asked for: the domain's file in the configuration directory
 * (it keeps what libxl does not, a PVH guest's cpuid), else what libxl
 * recorded when it created the domain.  NULL when there is neither. */
static xenConfig *
xenTrackConfig(xenPriv *priv, const xenDomInfo *x)
{
    libxl_domain_config dc;
    xenConfig *cfg = NULL;

    if (xenDefinedFindByUUID(priv, x->uuid, &cfg) == 1)
        return cfg;
    libxl_domain_config_init(&dc);
    if (priv->ops->retrieveConfig(XEN_XL(priv), x->domid, &dc, NULL) == 0 &&
        (cfg = calloc(1, sizeof(*cfg))) != NULL &&
        (cfg->def = xenDomcfgToDef(&dc)) == NULL) {
        free(cfg);
        cfg = NULL;
    }
    libxl_domain_config_dispose(&dc);
    return cfg;
}

/* Remembers that @x was asked to shut down or reboot, so that it shows
 * as shutting down and, once it has stopped, its on_poweroff or
 * on_reboot action is carried out, as xl's monitoring process does for
 * the domains xl creates.  (When such a process exists as well, the
 * second destroy fails harmlessly and libxl refuses the second of two
 * restarts, the name being taken.) */
static void
xenTrackStopRequest(xenPriv *priv, const xenDomInfo *x)
{
    xenTracked *t = xenTrackAdd(priv, x->domid, x->uuid);

    if (t != NULL) {
        t->shutdownRequested = true;
        if (t->cfg == NULL)
            t->cfg = xenTrackConfig(priv, x);
    }
    virResetLastError(); /* the guest was asked: that is what counts */
}

/* ---- create ----------------------------------------------------------- */

virDomainPtr
xenDomainCreateLinux(virConnectPtr conn, const char *xmlDesc,
                     unsigned int flags)
{
    xenPriv *priv = conn->privateData;
    xenConfig cfg = {.def = NULL};
    virDomainPtr other = NULL;
    virDomainPtr dom = NULL;
    uint32_t domid;

    if (flags != 0) {
        virReportConnError(conn, VIR_ERR_INVALID_ARG, "unsupported flags 0x%x",
                           flags);
        return NULL;
    }
    if ((cfg.def = virDomainDefParseString(xmlDesc)) == NULL)
        goto cleanup;
    if (!cfg.def->uuidSet && virUUIDGenerate(cfg.def->uuid) < 0)
        goto cleanup;
    cfg.def->uuidSet = true;
    if ((other = xenDomainLookupByName(conn, cfg.def->name)) != NULL &&
        other->id >= 0) {
        virReportConnError(conn, VIR_ERR_DOM_EXIST,
                           "a domain named '%s' is already running",
                           cfg.def->name);
        goto cleanup;
    }
    if (other != NULL)
        virUnrefDomain(other);
    if ((other = xenDomainLookupByUUID(conn, cfg.def->uuid)) != NULL &&
        other->id >= 0) {
        virReportConnError(conn, VIR_ERR_DOM_EXIST,
                           "the UUID of '%s' is in use by running domain '%s'",
                           cfg.def->name, other->name);
        goto cleanup;
    }
    virResetLastError();
    if (xenDomainStart(priv, &cfg, &domid) < 0)
        goto cleanup;
    dom = virGetDomain(conn, cfg.def->name, cfg.def->uuid, (int)domid);

cleanup:
    if (other != NULL)
        virUnrefDomain(other);
    virDomainDefFree(cfg.def);
    return dom;
}

int
xenDomainCreate(virDomainPtr dom)
{
    xenPriv *priv = dom->conn->privateData;
    xenConfig *cfg = NULL;
    xenDomInfo x;
    uint32_t domid;
    int ret = -1;
    int rc;

    if ((rc = xenDomResolve(dom, &x)) < 0)
        return -1;
    if (rc == 1) {
        virReportDomainError(dom, VIR_ERR_OPERATION_INVALID,
                             "domain '%s' is already running", dom->name);
        return -1;
    }
    if ((rc = xenDefinedFindByUUID(priv, dom->uuid, &cfg)) <= 0) {
        if (rc == 0)
            virReportDomainError(dom, VIR_ERR_NO_DOMAIN,
                                 "domain '%s' has no configuration in '%s'",
                                 dom->name, priv->confdir);
        return -1;
    }
    if (xenDomainStart(priv, cfg, &domid) < 0)
        goto cleanup;
    dom->id = (int)domid;
    ret = 0;

cleanup:
    xenConfigFree(cfg);
    return ret;
}

/* ---- state changes ---------------------------------------------------- */

int
xenDomainSuspend(virDomainPtr dom)
{
    xenPriv *priv = dom->conn->privateData;
    xenDomInfo x;

    if (xenDomRequireRunning(dom, &x) < 0 ||
        xenCheckNotDom0(dom, &x, "suspended") < 0)
        return -1;
    /* Stopped but kept (on_poweroff "preserve"): nothing left to pause. */
    if (x.flags & XEN_DOMINF_shutdown) {
        virReportDomainError(dom, VIR_ERR_OPERATION_INVALID,
                             xenDomState(priv, &x) == VIR_DOMAIN_CRASHED
                                 ? "domain '%s' has crashed"
                                 : "domain '%s' is not running",
                             dom->name);
        return -1;
    }
    if (x.flags & XEN_DOMINF_paused) {
        virReportDomainError(dom, VIR_ERR_OPERATION_INVALID,
                             "domain '%s' is already paused", dom->name);
        return -1;
    }
    xenLogReset(priv);
    if (priv->ops->domainPause(XEN_XL(priv), x.domid, NULL) != 0) {
        xenReportCallError(dom, priv, "pause");
        return -1;
    }
    return 0;
}

int
xenDomainResume(virDomainPtr dom)
{
    xenPriv *priv = dom->conn->privateData;
    xenDomInfo x;

    if (xenDomRequireRunning(dom, &x) < 0)
        return -1;
    if (!(x.flags & XEN_DOMINF_paused)) {
        virReportDomainError(dom, VIR_ERR_OPERATION_INVALID,
                             "domain '%s' is not paused", dom->name);
        return -1;
    }
    xenLogReset(priv);
    if (priv->ops->domainUnpause(XEN_XL(priv), x.domid, NULL) != 0) {
        xenReportCallError(dom, priv, "unpause");
        return -1;
    }
    return 0;
}

/* Shutdown and reboot need a guest that is up to act on the request. */
static int
xenCheckGuestUp(virDomainPtr dom, const xenPriv *priv, const xenDomInfo *x)
{
    virDomainState st = xenDomState(priv, x);

    if (st == VIR_DOMAIN_RUNNING || st == VIR_DOMAIN_BLOCKED)
        return 0;
    virReportDomainError(
        dom, VIR_ERR_OPERATION_INVALID,
        st == VIR_DOMAIN_PAUSED     ? "domain '%s' is paused: resume it first"
        : st == VIR_DOMAIN_SHUTDOWN ? "domain '%s' is shutting down"
        : st == VIR_DOMAIN_CRASHED  ? "domain '%s' has crashed"
                                    : "domain '%s' is not running",
        dom->name);
    return -1;
}

int
xenDomainShutdown(virDomainPtr dom)
{
    xenPriv *priv = dom->conn->privateData;
    xenDomInfo x;

    if (xenDomRequireRunning(dom, &x) < 0 ||
        xenCheckNotDom0(dom, &x, "shut down") < 0 ||
        xenCheckGuestUp(dom, priv, &x) < 0)
        return -1;
    xenLogReset(priv);
    if (priv->ops->domainShutdown(XEN_XL(priv), x.domid, NULL) != 0) {
        xenReportCallError(dom, priv, "shutdown");
        return -1;
    }
    xenTrackStopRequest(priv, &x);
    return 0;
}

int
xenDomainReboot(virDomainPtr dom, unsigned int flags)
{
    xenPriv *priv = dom->conn->privateData;
    xenDomInfo x;

    if (flags != 0) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG, "unsupported flags 0x%x",
                             flags);
        return -1;
    }
    if (xenDomRequireRunning(dom, &x) < 0 ||
        xenCheckNotDom0(dom, &x, "rebooted") < 0 ||
        xenCheckGuestUp(dom, priv, &x) < 0)
        return -1;
    xenLogReset(priv);
    if (priv->ops->domainReboot(XEN_XL(priv), x.domid, NULL) != 0) {
        xenReportCallError(dom, priv, "reboot");
        return -1;
    }
    xenTrackStopRequest(priv, &x);
    return 0;
}

int
xenDomainDestroy(virDomainPtr dom)
{
    xenPriv *priv = dom->conn->privateData;
    xenTracked *t;
    xenDomInfo x;

    if (xenDomRequireRunning(dom, &x) < 0 ||
        xenCheckNotDom0(dom, &x, "destroyed") < 0)
        return -1;
    xenLogReset(priv);
    /* libxl tears the devices down too, as xl destroy does. */
    if (priv->ops->domainDestroy(XEN_XL(priv), x.domid, NULL) != 0) {
        xenReportCallError(dom, priv, "destroy");
        return -1;
    }
    if ((t = xenTrackFind(priv, x.domid, x.uuid)) != NULL)
        xenTrackRemove(priv, t);
    xenWaitGone(priv, x.domid);
    dom->id = -1;
    return 0;
}
