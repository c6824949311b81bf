/*
 * xen_store.c: the xenstore connection of a Xen connection: reads, and
 * a new connection when xenstored restarted (see xen_store.h).
 */

#include <config.h>

#include <errno.h>
#include <string.h>

#include "xen_store.h"
#include "error.h"
#include "log.h"

#define VIR_FROM_THIS VIR_FROM_XEN

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
