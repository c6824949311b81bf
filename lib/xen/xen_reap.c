/*
 * xen_reap.c: starting a domain through libxl, and the on_poweroff,
 * on_reboot and on_crash actions of the domains this connection started
 * or asked to stop (see xen_track.h), when xenstore's @releaseDomain
 * watch announces that a domain stopped.  Lookups and listings call it
 * before they answer; it calls only what is below them.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "xen_reap.h"
#include "xen_domcfg.h"
#include "xen_track.h"
#include "error.h"
#include "log.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* Xen's shutdown reasons (xen/sched.h) that the on_* actions follow. */
#define XEN_REASON_POWEROFF 0
#define XEN_REASON_REBOOT 1

int
xenDomainStart(xenPriv *priv, const xenConfig *cfg, uint32_t *domid)
{
    libxl_domain_config dc;
    xenTracked *t;
    int ret = -1;

    libxl_domain_config_init(&dc);
    if (xenDomcfgFromConfig(cfg, &dc) < 0)
        goto cleanup;
    *domid = INVALID_DOMID;
    xenLogReset(priv);
    /* libxl builds the domain paused, as xl does before unpausing it. */
    if (priv->ops->domainCreateNew(XEN_XL(priv), &dc, domid) != 0 ||
        priv->ops->domainUnpause(XEN_XL(priv), *domid, NULL) != 0) {
        virReportError(VIR_ERR_OPERATION_FAILED, "cannot start domain '%s': %s",
                       cfg->def->name,
                       xenLastError(priv, "libxenlight gave no reason"));
        if (*domid != (uint32_t)INVALID_DOMID)
            priv->ops->domainDestroy(XEN_XL(priv), *domid, NULL);
        goto cleanup;
    }
    /* Ours now: its on_* actions are ours to carry out. */
    if ((t = xenTrackAdd(priv, *domid, cfg->def->uuid)) != NULL &&
        t->cfg == NULL && (t->cfg = calloc(1, sizeof(*t->cfg))) != NULL) {
        t->cfg->def = virDomainDefCopy(cfg->def);
        t->cfg->cpuid = cfg->cpuid != NULL ? strdup(cfg->cpuid) : NULL;
    }
    ret = 0;

cleanup:
    libxl_domain_config_dispose(&dc);
    return ret;
}

/* Carries out the on_* action of @t, whose domain @x has stopped; takes
 * @t out of the list unless the domain is preserved.  Returns the
 * configuration to start again (caller frees), or NULL. */
static xenConfig *
xenTrackReapOne(xenPriv *priv, xenTracked *t, const xenDomInfo *x)
{
    unsigned int reason =
        (x->flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
    xenConfig *cfg = t->cfg;
    virDomainRestart action = cfg->def->onPoweroff;

    if (reason == XEN_REASON_REBOOT)
        action = cfg->def->onReboot;
    else if (reason != XEN_REASON_POWEROFF)
        action = cfg->def->onCrash;
    t->cfg = NULL;
    if (action == VIR_DOMAIN_PRESERVE) {
        xenConfigFree(cfg); /* left for the administrator */
        return NULL;
    }
    VIR_DEBUG("domain %u ('%s') stopped (reason %u): %s", x->domid,
              cfg->def->name, reason, virDomainRestartTypeToString(action));
    xenTrackRemove(priv, t);
    xenLogReset(priv);
    if (priv->ops->domainDestroy(XEN_XL(priv), x->domid, NULL) != 0 ||
        action == VIR_DOMAIN_DESTROY) {
        xenConfigFree(cfg);
        return NULL;
    }
    return cfg;
}

/* Carries out the actions of the tracked domains of @all that have
 * stopped and forgets shutdown requests that are over. */
static void
xenTrackReap(xenPriv *priv, const xenDomInfo *all, size_t n)
{
    xenConfig **restart = NULL;
    size_t nrestart = 0;
    const xenDomInfo *x;
    xenConfig *cfg;
    xenTracked *t;
    uint32_t domid;
    size_t i = 0;
    size_t k;

    if ((restart = calloc(priv->ntracked + 1, sizeof(*restart))) == NULL)
        return; /* the release stays pending: next time */
    while (i < priv->ntracked) {
        t = &priv->tracked[i];
        x = NULL;
        for (k = 0; k < n && x == NULL; k++) {
            if (all[k].domid == t->domid &&
                memcmp(all[k].uuid, t->uuid, VIR_UUID_BUFLEN) == 0)
                x = &all[k];
        }
        if (x == NULL) {
            xenTrackRemove(priv, t); /* gone */
            continue;
        }
        if ((x->flags & XEN_DOMINF_shutdown) &&
            !(x->flags & XEN_DOMINF_dying)) {
            t->shutdownRequested = false;
            if (t->cfg != NULL) {
                if ((cfg = xenTrackReapOne(priv, t, x)) != NULL)
                    restart[nrestart++] = cfg;
                continue;
            }
        }
        i++;
    }
    /* Started after the walk: they add entries to the list. */
    for (k = 0; k < nrestart; k++) {
        if (xenDomainStart(priv, restart[k], &domid) < 0)
            virResetLastError(); /* nobody to tell: the domain stays off */
        xenConfigFree(restart[k]);
    }
    free(restart);
    priv->releasePending = false;
}

void
xenReapOnRelease(xenPriv *priv)
{
    xenDomInfo *all = NULL;
    size_t n = 0;

    xenWatchDrain(priv);
    if (!priv->releasePending)
        return;
    if (priv->ntracked == 0) {
        priv->releasePending = false;
        return;
    }
    if (xenDomListAll(priv, &all, &n) == 0)
        xenTrackReap(priv, all, n);
    free(all);
    virResetLastError(); /* the caller's own calls say what is wrong */
}
