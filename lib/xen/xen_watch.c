/*
 * xen_watch.c: the xenstore watches of a Xen connection.
 *
 * xenstored fires @introduceDomain when a domain is created and
 * @releaseDomain when one dies, whoever did it (xl, another toolstack).
 * Each read path drains the pending events first, without blocking, so
 * that a name cached for a dead domain is never served: the cache is
 * flushed on every event.  A domid reused later carries a new UUID, which
 * the cache also checks.
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

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
    if (!xs_watch(XEN_XS(priv), "@introduceDomain", XEN_WATCH_TOKEN) ||
        !xs_watch(XEN_XS(priv), "@releaseDomain", XEN_WATCH_TOKEN)) {
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

    if (!priv->watching)
        return;
    pfd.fd = xs_fileno(priv->xsh);
    pfd.events = POLLIN;
    /* Bounded: a burst of events is read in one go, then we move on. */
    while (pfd.fd >= 0 && poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN)) {
        if ((ev = xs_check_watch(XEN_XS(priv))) == NULL)
            break;
        VIR_DEBUG("xenstore watch fired: %s", ev[XS_WATCH_PATH]);
        priv->stats.watchEvents++;
        changed = true;
        free(ev);
    }
    if (changed)
        xenNameCacheFlush(priv);
}
