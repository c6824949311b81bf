/*
 * xen_store.h: the xenstore connection of a Xen connection, and getting
 * it back when xenstored restarts.
 *
 * When xenstored goes away (restarted, or stopped for maintenance) the
 * socket is dead for good: a read that fails for another reason than a
 * missing node drops it (priv->xsh NULL, priv->watching false), and the
 * next read or listing opens a new one or fails saying xenstored is not
 * running, so that the caller sees the backend down until it is back.
 * The watches of a new connection are xen_watch.c's to set.
 */

#ifndef LIBVIR_XEN_STORE_H
#define LIBVIR_XEN_STORE_H

#include "xen_priv.h"

/* Opens a new xenstore connection when the last one was lost; -1 with
 * "xenstored is not running" when it cannot. */
int xenStoreEnsure(xenPriv *priv);

/* Reads @path (a new string).  NULL with an error: VIR_ERR_NO_DOMAIN
 * when the node does not exist, VIR_ERR_OPERATION_FAILED when xenstored
 * cannot be reached even after one reconnection. */
char *xenStoreRead(xenPriv *priv, const char *path);

#endif /* LIBVIR_XEN_STORE_H */
