/*
 * xen_reap.h: starting a domain, and the on_* actions of the domains
 * this connection started or asked to stop.
 */

#ifndef LIBVIR_XEN_REAP_H
#define LIBVIR_XEN_REAP_H

#include "xen_domlist.h"

/* Carries out the on_poweroff/on_reboot/on_crash actions of the domains
 * this connection created, or asked to shut down or reboot, that have
 * stopped (see xen_track.h), and forgets shutdown requests that are over.
 * @all is the current list.  Returns true when it destroyed or started a
 * domain. */
bool xenTrackReap(xenPriv *priv, const xenDomInfo *all, size_t n);
/* The same on a fresh list, when something is tracked; called before
 * each lookup and each operation on a domain, so that a domain that has
 * stopped is seen after its action (gone, or restarted under a new id). */
void xenTrackReapNow(xenPriv *priv);

/* Starts @cfg through libxl and unpauses it; 0 and *@domid, or -1. */
int xenDomainStart(xenPriv *priv, const xenConfig *cfg, uint32_t *domid);

#endif /* LIBVIR_XEN_REAP_H */
