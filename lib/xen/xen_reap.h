/*
 * xen_reap.h: starting a domain, and the on_* actions of the domains
 * this connection started or asked to stop.
 */

#ifndef LIBVIR_XEN_REAP_H
#define LIBVIR_XEN_REAP_H

#include "xen_domlist.h"

/* Reads xenstore's pending watch events and, when @releaseDomain fired
 * since the last time (a domain shut down or died), carries out the
 * on_poweroff/on_reboot/on_crash actions of the domains this connection
 * created, or asked to shut down or reboot, that have stopped (see
 * xen_track.h), and forgets those that are gone.  The one place where
 * on_* actions run: called first by the listing, the lookups and each
 * operation on a domain, so that a domain whose stop xenstored announced
 * is seen after its action (gone, or restarted under a new id).  Before
 * the announcement a stopped domain is left as it is (shut off, with its
 * id).  Errors are dropped: the caller's own calls report them. */
void xenReapOnRelease(xenPriv *priv);

/* Starts @cfg through libxl and unpauses it; 0 and *@domid, or -1. */
int xenDomainStart(xenPriv *priv, const xenConfig *cfg, uint32_t *domid);

#endif /* LIBVIR_XEN_REAP_H */
