/*
 * xen_watch.c: xenstore's watches on a Xen connection.
 *
 * xenstored fires @introduceDomain when a domain is created and
 * @releaseDomain when one shuts down or dies, whoever did it (xl,
 * another toolstack, the guest itself).  The events wait on the xenstore
 * handle's descriptor (virConnectGetEventFd) until xenWatchDrain reads
 * them, without blocking: every event flushes the name cache, and
 * @releaseDomain also sets priv->releasePending, the one trigger of the
 * on_* actions (xen_reap.c).  A connection to xenstored made anew (after
 * a restart of the daemon, see xen_store.h) gets its watches again, and
 * counts as a release: a domain may have stopped while it was away.
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "xen_priv.h"
#include "xen_store.h"
#include "error.h"
#include "log.h"

#define VIR_FROM_THIS VIR_FROM_XEN

#define XEN_WATCH_TOKEN "libvir"
#define XEN_WATCH_RELEASE "@releaseDomain"

void
xenNameCacheFlush(xenPriv *priv)
{
    size_t i;

    for (i = 0; i < priv->nnames; i++)
        free(priv->names[i].name);
    free(priv->names);
    priv->names = NULL;
    priv->nnames = 0;
}

int
xenWatchStart(xenPriv *priv)
{
    if (!priv->ops->xsWatch(XEN_XS(priv), "@introduceDomain",
                            XEN_WATCH_TOKEN) ||
        !priv->ops->xsWatch(XEN_XS(priv), XEN_WATCH_RELEASE, XEN_WATCH_TOKEN)) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       "cannot watch xenstore for domain changes: %s",
                       strerror(errno));
        return -1;
    }
    priv->watching = true;
    return 0;
}

int
xenWatchEnsure(xenPriv *priv)
{
    if (xenStoreEnsure(priv) < 0)
        return -1;
    if (priv->watching)
        return 0;
    /* A new connection: what happened meanwhile was not announced. */
    xenNameCacheFlush(priv);
    priv->releasePending = true;
    return xenWatchStart(priv);
}

void
xenWatchDrain(xenPriv *priv)
{
    struct pollfd pfd;
    char **ev;
    bool changed = false;

    if (priv->xsh != NULL && !priv->watching && xenWatchEnsure(priv) < 0)
        virResetLastError(); /* the caller's own calls say what is wrong */
    if (!priv->watching || priv->xsh == NULL)
        return;
    pfd.fd = priv->ops->xsFileno(priv->xsh);
    pfd.events = POLLIN;
    /* Bounded: a burst of events is read in one go, then we move on. */
    while (pfd.fd >= 0 && poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN)) {
        if ((ev = priv->ops->xsCheckWatch(XEN_XS(priv))) == NULL)
            break;
        VIR_DEBUG("xenstore watch fired: %s", ev[XS_WATCH_PATH]);
        priv->stats.watchEvents++;
        if (strcmp(ev[XS_WATCH_PATH], XEN_WATCH_RELEASE) == 0)
            priv->releasePending = true;
        changed = true;
        free(ev);
    }
    if (changed)
        xenNameCacheFlush(priv);
}

int
xenConnectGetEventFd(virConnectPtr conn)
{
    xenPriv *priv = conn->privateData;
    int fd;

    /* A local call on the handle, not a request to xenstored: the
     * watch events arrive on this pipe from libxenstore's reader thread,
     * and xenWatchDrain empties it. */
    if (xenWatchEnsure(priv) < 0)
        return -1;
    if ((fd = priv->ops->xsFileno(priv->xsh)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       "cannot watch xenstore for domain changes: %s",
                       strerror(errno));
        return -1;
    }
    return fd;
}
