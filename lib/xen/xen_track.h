/*
 * xen_track.h: the domains a Xen connection started or asked to stop.
 *
 * xl keeps a process per domain it creates that destroys or restarts the
 * domain when the guest stops, as its on_poweroff/on_reboot/on_crash say.
 * The domains this library creates have no such process: the connection
 * tracks them and carries out those actions once xenstore's
 * @releaseDomain watch has announced that a domain stopped
 * (xenReapOnRelease, xen_reap.c), and remembers shutdown requests, which
 * Xen does not record, so that the domain shows as shutting down
 * meanwhile.
 */

#ifndef LIBVIR_XEN_TRACK_H
#define LIBVIR_XEN_TRACK_H

#include "xen_priv.h"

xenTracked *xenTrackFind(xenPriv *priv, uint32_t domid,
                         const unsigned char *uuid);
/* The entry of @domid, made when missing.  NULL on OOM (reported). */
xenTracked *xenTrackAdd(xenPriv *priv, uint32_t domid,
                        const unsigned char *uuid);
void xenTrackRemove(xenPriv *priv, xenTracked *t);

#endif /* LIBVIR_XEN_TRACK_H */
