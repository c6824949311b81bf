/*
 * xen_watch.c: the xenstore connection of a Xen connection: its watches,
 * and getting it back when xenstored restarts.
 *
 * xenstored fires @introduceDomain when a domain is created and
 * @releaseDomain when one dies, whoever did it (xl, another toolstack).
 * Each read path drains the pending events first, without blocking, so
 * that a name cached for a dead domain is never served: the cache is
 * flushed on every event.  A domid reused later carries a new UUID, which
 * the cache also checks.
 *
 * When xenstored goes away (restarted, or stopped for maintenance) the
 * socket is dead for good: a read that fails for another reason than a
 * missing node drops it, and the next read or listing opens a new one
 * (with new watches and an empty cache) or fails saying xenstored is not
 * running, so that the caller sees the backend down until it is back.
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xen_priv.h"
#include "error.h"
#include "log.h"

#define VIR_FROM_THIS VIR_FROM_XEN

#define XEN_WATCH_TOKEN "libvir"

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
        !priv->ops->xsWatch(XEN_XS(priv), "@releaseDomain", XEN_WATCH_TOKEN)) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       "cannot watch xenstore for domain changes: %s",
                       strerror(errno));
        return -1;
    }
    priv->watching = true;
    return 0;
}

void
xenWatchDrain(xenPriv *priv)
{
    struct pollfd pfd;
    char **ev;
    bool changed = false;

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
        changed = true;
        free(ev);
    }
    if (changed)
        xenNameCacheFlush(priv);
}

static bool
xenStoreLost(int err)
{
    return err != ENOENT && err != EACCES && err != EPERM && err != E2BIG &&
           err != EINVAL;
}

static void
xenStoreDrop(xenPriv *priv)
{
    if (priv->xsh != NULL)
        priv->ops->xsClose(priv->xsh);
    priv->xsh = NULL;
    priv->watching = false;
    xenNameCacheFlush(priv);
}

int
xenStoreEnsure(xenPriv *priv)
{
    if (priv->xsh != NULL)
        return 0;
    priv->stats.xsCalls++;
    if ((priv->xsh = priv->ops->xsOpen()) == NULL) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       "xenstored is not running (cannot connect to its "
                       "socket: %s)",
                       strerror(errno));
        return -1;
    }
    VIR_DEBUG("%s", "reconnected to xenstored");
    if (xenWatchStart(priv) < 0) {
        xenStoreDrop(priv);
        return -1;
    }
    return 0;
}

char *
xenStoreRead(xenPriv *priv, const char *path)
{
    unsigned int len = 0;
    char *val;
    int attempt;

    for (attempt = 0; attempt < 2; attempt++) {
        if (xenStoreEnsure(priv) < 0)
            return NULL;
        if ((val = priv->ops->xsRead(XEN_XS(priv), XBT_NULL, path, &len)) !=
            NULL)
            return val;
        if (!xenStoreLost(errno))
            break;
        VIR_DEBUG("xenstore read of '%s' failed (%s): reconnecting", path,
                  strerror(errno));
        xenStoreDrop(priv);
    }
    if (priv->xsh == NULL)
        virReportError(VIR_ERR_OPERATION_FAILED,
                       "lost the connection to xenstored reading '%s'", path);
    else
        virReportError(VIR_ERR_NO_DOMAIN, "xenstore has no '%s'", path);
    return NULL;
}

int
xenConnectGetEventFd(virConnectPtr conn)
{
    xenPriv *priv = conn->privateData;
    int fd;

    /* A local call on the handle, not a request to xenstored: the
     * watch events arrive on this pipe from libxenstore's reader thread,
     * and xenWatchDrain empties it. */
    if (xenStoreEnsure(priv) < 0)
        return -1;
    if ((fd = priv->ops->xsFileno(priv->xsh)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       "cannot watch xenstore for domain changes: %s",
                       strerror(errno));
        return -1;
    }
    return fd;
}
