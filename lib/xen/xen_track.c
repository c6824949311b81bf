/*
 * xen_track.c: the domains a Xen connection started or asked to stop.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "xen_track.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_XEN

xenTracked *
xenTrackFind(xenPriv *priv, uint32_t domid, const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < priv->ntracked; i++) {
        if (priv->tracked[i].domid == domid &&
            memcmp(priv->tracked[i].uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return &priv->tracked[i];
    }
    return NULL;
}

xenTracked *
xenTrackAdd(xenPriv *priv, uint32_t domid, const unsigned char *uuid)
{
    xenTracked *t = xenTrackFind(priv, domid, uuid);

    if (t != NULL)
        return t;
    t = realloc(priv->tracked, (priv->ntracked + 1) * sizeof(*t));
    if (t == NULL) {
        virReportOOMError();
        return NULL;
    }
    priv->tracked = t;
    t = &priv->tracked[priv->ntracked++];
    memset(t, 0, sizeof(*t));
    t->domid = domid;
    memcpy(t->uuid, uuid, VIR_UUID_BUFLEN);
    return t;
}

void
xenTrackRemove(xenPriv *priv, xenTracked *t)
{
    size_t i = (size_t)(t - priv->tracked);

    xenConfigFree(t->cfg);
    memmove(&priv->tracked[i], &priv->tracked[i + 1],
            (priv->ntracked - i - 1) * sizeof(*t));
    priv->ntracked--;
}
